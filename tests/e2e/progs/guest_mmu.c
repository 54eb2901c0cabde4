// SPDX-License-Identifier: GPL-2.0
/*
 * guest_mmu: the guest's own MMU through kvm440's hardware-TLB shadows.
 * Small bare-metal guests (assembled below, from the asm block, by the
 * cross compiler) write their own TLB entries with tlbwe, read them back
 * with tlbre/tlbsx, refill their own TLB from their DTLB-miss handler,
 * touch more pages than the hardware TLB holds, run user-mode code against
 * a kernel-only-writable page, switch PIDs, and map physical addresses
 * they were not given. One "ok:"/"FAIL:" line per check; exit 0 when all
 * hold.
 *
 * Guest physical memory: 2M of RAM at 0 (slot 0) and 64K of read-only RAM
 * at 0x400000 (slot 1). Guest TLB at start: entry 0, EA 0 -> PA 0, 64K,
 * TID 0, TS 0, supervisor RWX. The guest starts in kernel mode, MSR 0,
 * IVPR 0: machine check 0x100, DSI 0x200, ISI 0x300, DTLB miss 0xd00,
 * ITLB miss 0xe00. Every handler but the DTLB refill records ESR, DEAR,
 * SRR0, SRR1 and its IVOR number in r24-r28 and continues at r31, or
 * stops if r31 is 0. A guest stops at "mfdcr r0,0x1ff" (STOP_DCR): a DCR
 * exit, or an internal error while mfdcr is not emulated.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define RAM_SIZE	(2u << 20)
#define ROM_GPA		0x400000u
#define ROM_SIZE	0x10000u
#define STOP_DCR	0x1ff
#define ESR_ST		0x00800000u
#define MSR_PR		0x00004000u

/*
 * The guest image, placed at guest physical (and effective) 0. Registers:
 * r19-r23, r29, r30 belong to the DTLB refill handler, r24-r28 to the
 * recorder, r31 is the continuation; the tests use r3-r18.
 */
__asm__(
"	.machine \"440\"\n"
"	.section .guest_mmu,\"a\"\n"
"	.balign 4\n"
"	.globl guest_img\n"
"guest_img:\n"
"	.macro LI32 r, v\n"
"	lis \\r,(\\v)@h\n"
"	ori \\r,\\r,(\\v)@l\n"
"	.endm\n"
"	.macro TLB3 idx, w0, w1, w2\n"	/* entry idx = w0/w1/w2 (r16-r18) */
"	li %r15,\\idx\n"
"	LI32 %r16,\\w0\n"
"	LI32 %r17,\\w1\n"
"	LI32 %r18,\\w2\n"
"	tlbwe %r16,%r15,0\n"
"	tlbwe %r17,%r15,1\n"
"	tlbwe %r18,%r15,2\n"
"	.endm\n"
/*
 * 0x100 machine check (critical class on the 440: CSRR0/1, which it
 * records in r26/r27 like the others' SRR0/1), 0x200 DSI, 0x300 ISI
 */
"	.org guest_img+0x100\n"
"	li %r28,1\n"
"	mfspr %r24,62\n"
"	mfspr %r25,61\n"
"	mfspr %r26,58\n"			/* CSRR0 */
"	mfspr %r27,59\n"			/* CSRR1 */
"	b stop\n"
"	.org guest_img+0x200\n"
"	li %r28,2\n"
"	b record\n"
"	.org guest_img+0x300\n"
"	li %r28,3\n"
"	b record\n"
/*
 * 0xd00 DTLB miss: EA 0x100xxxxx is the guest's "page table" (EA
 * 0x10000000 + n*4K -> PA 0x100000 + n*4K, n < 256), refilled round-robin
 * into entries 8-63 with TID 0, UR|UW|SR|SW; anything else is recorded.
 */
"	.org guest_img+0xd00\n"
"	mfcr %r19\n"
"	mfspr %r20,61\n"			/* DEAR */
"	rlwinm %r21,%r20,0,0,11\n"
"	lis %r22,0x1000\n"
"	cmpw %r21,%r22\n"
"	bne 2f\n"
"	rlwinm %r21,%r20,0,12,19\n"
"	or %r23,%r22,%r21\n"
"	ori %r23,%r23,0x210\n"		/* V, 4K */
"	addis %r21,%r21,0x10\n"
"	addi %r30,%r30,1\n"
"	cmpwi %r30,64\n"
"	blt 1f\n"
"	li %r30,8\n"
"1:	li %r22,0\n"
"	mtspr 946,%r22\n"			/* MMUCR: STID 0 */
"	tlbwe %r23,%r30,0\n"
"	tlbwe %r21,%r30,1\n"
"	li %r22,0x1b\n"
"	tlbwe %r22,%r30,2\n"
"	addi %r29,%r29,1\n"
"	mtcrf 0xff,%r19\n"
"	rfi\n"
"2:	mtcrf 0xff,%r19\n"
"	li %r28,13\n"
"	b record\n"
"	.org guest_img+0xe00\n"
"	li %r28,14\n"
"	b record\n"
"	.org guest_img+0xf00\n"
"record:\n"
"	mfspr %r24,62\n"			/* ESR */
"	mfspr %r25,61\n"			/* DEAR */
"	mfspr %r26,26\n"			/* SRR0 */
"	mfspr %r27,27\n"			/* SRR1 */
"	cmpwi %r31,0\n"
"	beq stop\n"
"	mtctr %r31\n"
"	bctr\n"
"stop:\n"
"	mfdcr %r0,0x1ff\n"
"	b stop\n"
/* T1 0x1000: tlbwe/tlbre/tlbsx field handling */
"	.org guest_img+0x1000\n"
"	li %r3,5\n"
"	mtspr 946,%r3\n"			/* MMUCR STID 5 */
"	TLB3 10, 0x10000210, 0x00100000, 0x0000031b\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	li %r4,10\n"
"	tlbre %r8,%r4,0\n"
"	mfspr %r9,946\n"			/* STID from word 0's TID */
"	tlbre %r10,%r4,1\n"
"	tlbre %r11,%r4,2\n"
"	li %r3,5\n"
"	mtspr 946,%r3\n"
"	LI32 %r12,0x10000123\n"
"	li %r13,-1\n"
"	tlbsx. %r13,0,%r12\n"
"	mfcr %r14\n"
"	li %r3,6\n"
"	mtspr 946,%r3\n"			/* STID 6: the TID 5 entry is not found */
"	li %r15,-1\n"
"	tlbsx. %r15,0,%r12\n"
"	mfcr %r16\n"
"	li %r17,0x4a\n"			/* index 0x4a & 63 = 10 */
"	tlbre %r18,%r17,0\n"
"	li %r3,5\n"
"	mtspr 48,%r3\n"			/* PID 5 */
"	LI32 %r5,0xdeadbeef\n"
"	stw %r5,-3(%r12)\n"
"	lwz %r6,-3(%r12)\n"
"	li %r3,11\n"
"	LI32 %r5,0x11000260\n"		/* size code 6: reserved on the 440 */
"	tlbwe %r5,%r3,0\n"
"	lis %r5,0x1100\n"
"	li %r7,-1\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	tlbsx. %r7,0,%r5\n"
"	mfcr %r3\n"
"	b stop\n"
/* T2 0x1400: 192 pages through the guest's own DTLB-miss handler */
"	.org guest_img+0x1400\n"
"	li %r29,0\n"
"	li %r30,7\n"
"	lis %r3,0x1000\n"
"	lis %r5,0x5a00\n"
"	li %r4,0\n"
"1:	slwi %r6,%r4,12\n"
"	add %r6,%r6,%r3\n"
"	rlwinm %r7,%r4,2,20,29\n"
"	add %r8,%r5,%r4\n"
"	stwx %r8,%r6,%r7\n"
"	addi %r4,%r4,1\n"
"	cmpwi %r4,192\n"
"	blt 1b\n"
"	li %r4,0\n"
"	li %r9,0\n"
"2:	slwi %r6,%r4,12\n"
"	add %r6,%r6,%r3\n"
"	rlwinm %r7,%r4,2,20,29\n"
"	lwzx %r10,%r6,%r7\n"
"	add %r8,%r5,%r4\n"
"	cmpw %r10,%r8\n"
"	beq 3f\n"
"	addi %r9,%r9,1\n"
"3:	addi %r4,%r4,1\n"
"	cmpwi %r4,192\n"
"	blt 2b\n"
"	b stop\n"
/*
 * T3 0x1800: entries 1-63 map EA 0x20000000 + (i-1)*4K -> PA 0x100000 +
 * (i-1)*4K, so with entry 0 all 64 guest entries are live; every page is
 * written once and read back three times (more pages than the hardware
 * has replaceable slots: the shadows evict each other).
 */
"	.org guest_img+0x1800\n"
"	li %r29,0\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	li %r3,1\n"
"	lis %r4,0x2000\n"
"	lis %r5,0x10\n"
"	li %r7,0x3f\n"
"1:	ori %r6,%r4,0x210\n"
"	tlbwe %r6,%r3,0\n"
"	tlbwe %r5,%r3,1\n"
"	tlbwe %r7,%r3,2\n"
"	addi %r3,%r3,1\n"
"	addi %r4,%r4,0x1000\n"
"	addi %r5,%r5,0x1000\n"
"	cmpwi %r3,64\n"
"	blt 1b\n"
"	lis %r4,0x2000\n"
"	lis %r5,0xa500\n"
"	li %r3,1\n"
"2:	add %r8,%r5,%r3\n"
"	stw %r8,0(%r4)\n"
"	addi %r4,%r4,0x1000\n"
"	addi %r3,%r3,1\n"
"	cmpwi %r3,64\n"
"	blt 2b\n"
"	li %r9,0\n"
"	li %r10,3\n"
"3:	lis %r4,0x2000\n"
"	li %r3,1\n"
"4:	lwz %r11,0(%r4)\n"
"	add %r8,%r5,%r3\n"
"	cmpw %r11,%r8\n"
"	beq 5f\n"
"	addi %r9,%r9,1\n"
"5:	addi %r4,%r4,0x1000\n"
"	addi %r3,%r3,1\n"
"	cmpwi %r3,64\n"
"	blt 4b\n"
"	addi %r10,%r10,-1\n"
"	cmpwi %r10,0\n"
"	bne 3b\n"
"	b stop\n"
/*
 * T4 0x1c00: page EA 0x30000000 -> PA 0x1f0000 is SR|SW|UR: the kernel
 * writes it, user code at EA 0x40000000 (-> PA 0x8000, UX|UR|SX|SR) reads
 * it and then faults writing it; the DSI handler continues at 0x1d00,
 * where the kernel writes the page again.
 */
"	.org guest_img+0x1c00\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	TLB3 1, 0x30000210, 0x001f0000, 0x0000000b\n"
"	TLB3 2, 0x40000210, 0x00008000, 0x0000002d\n"
"	lis %r3,0x3000\n"
"	LI32 %r4,0x11111111\n"
"	stw %r4,0(%r3)\n"
"	LI32 %r31,0x1d00\n"
"	lis %r4,0x4000\n"
"	mtspr 26,%r4\n"			/* SRR0 */
"	li %r4,0x4000\n"
"	mtspr 27,%r4\n"			/* SRR1: PR */
"	rfi\n"
"	.org guest_img+0x1d00\n"
"	LI32 %r4,0x33333333\n"
"	stw %r4,4(%r3)\n"
"	lwz %r7,4(%r3)\n"
"	mfmsr %r8\n"
"	b stop\n"
/*
 * T5 0x2000: one EA, two per-process entries (TID 7 -> PA 0x1e0000, TID 8
 * -> PA 0x1e1000); PID switches pick the right one, a tlbwe moving entry
 * 3 to PA 0x1e2000 is seen at once, and PID 9 is the guest's own miss.
 */
"	.org guest_img+0x2000\n"
"	li %r3,7\n"
"	mtspr 946,%r3\n"
"	TLB3 3, 0x50000210, 0x001e0000, 0x0000003f\n"
"	li %r3,8\n"
"	mtspr 946,%r3\n"
"	TLB3 4, 0x50000210, 0x001e1000, 0x0000003f\n"
"	lis %r9,0x5000\n"
"	li %r10,7\n"
"	li %r11,8\n"
"	mtspr 48,%r10\n"
"	lwz %r3,0(%r9)\n"
"	mtspr 48,%r11\n"
"	lwz %r4,0(%r9)\n"
"	mtspr 48,%r10\n"
"	lwz %r5,0(%r9)\n"
"	li %r12,3\n"
"	LI32 %r13,0x001e2000\n"
"	tlbwe %r13,%r12,1\n"
"	lwz %r6,0(%r9)\n"
"	li %r12,9\n"
"	mtspr 48,%r12\n"
"	li %r31,0\n"
"	lwz %r7,0(%r9)\n"
"	b stop\n"
/*
 * T6 0x2400: addresses the guest was not given. EA 0x60000000 -> PA
 * 0x80000000 (load, then store: MMIO exits), EA 0x70000000 -> PA
 * 0xf_0000_0000 (load: MMIO exit), the read-only slot at EA 0x64000000
 * (load from RAM, store: MMIO exit), then a jump to EA 0x78000000 -> PA
 * 0x90000000: a machine check in the guest.
 */
"	.org guest_img+0x2400\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	TLB3 5, 0x60000210, 0x80000000, 0x0000053f\n"
"	TLB3 6, 0x70000210, 0x0000000f, 0x0000053f\n"
"	TLB3 7, 0x78000210, 0x90000000, 0x0000003f\n"
"	TLB3 8, 0x64000210, 0x00400000, 0x0000003f\n"
"	lis %r9,0x6000\n"
"	lwz %r3,0(%r9)\n"
"	addi %r4,%r3,1\n"
"	stw %r4,4(%r9)\n"
"	lis %r10,0x7000\n"
"	lwz %r5,8(%r10)\n"
"	lis %r11,0x6400\n"
"	lwz %r6,0(%r11)\n"
"	stw %r4,0(%r11)\n"
"	lwz %r7,0(%r11)\n"
"	li %r31,0\n"
"	lis %r12,0x7800\n"
"	mtctr %r12\n"
"	bctr\n"
/*
 * T7 0x2800: one 1M guest page (EA 0x80000000 -> PA 0x100000): all 256
 * pages written and read back; kvm440 may shadow it with 1M, 256K, 64K,
 * 16K or 4K pages, depending on how the host happened to place them.
 */
"	.org guest_img+0x2800\n"
"	li %r3,0\n"
"	mtspr 946,%r3\n"
"	TLB3 9, 0x80000250, 0x00100000, 0x0000003f\n"
"	lis %r3,0x8000\n"
"	lis %r5,0xc300\n"
"	li %r4,0\n"
"1:	slwi %r6,%r4,12\n"
"	add %r8,%r5,%r4\n"
"	stwx %r8,%r6,%r3\n"
"	addi %r4,%r4,1\n"
"	cmpwi %r4,256\n"
"	blt 1b\n"
"	li %r4,0\n"
"	li %r9,0\n"
"2:	slwi %r6,%r4,12\n"
"	lwzx %r10,%r6,%r3\n"
"	add %r8,%r5,%r4\n"
"	cmpw %r10,%r8\n"
"	beq 3f\n"
"	addi %r9,%r9,1\n"
"3:	addi %r4,%r4,1\n"
"	cmpwi %r4,256\n"
"	blt 2b\n"
"	b stop\n"
/* user code, at PA 0x8000 (EA 0x40000000 in T4) */
"	.org guest_img+0x8000\n"
"	lwz %r5,0(%r3)\n"
"	li %r6,0x2222\n"
"	stw %r6,0(%r3)\n"
"	b .\n"
"	.globl guest_img_end\n"
"guest_img_end:\n"
"	.previous\n");

extern const uint8_t guest_img[], guest_img_end[];

static int failures;

static void check(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

struct guest {
	int dev, vm, vcpu;
	uint8_t *mem, *rom;
	struct kvm440_run *run;
	struct kvm440_regs regs;
};

static int add_slot(struct guest *g, uint32_t slot, uint64_t gpa,
		    void *mem, uint64_t size, uint32_t flags)
{
	struct kvm440_memory_region mr = { 0 };

	mr.slot = slot;
	mr.flags = flags;
	mr.guest_phys = gpa;
	mr.size = size;
	mr.userspace_addr = (unsigned long)mem;
	return ioctl(g->vm, KVM440_SET_MEMORY_REGION, &mr);
}

static int guest_open(struct guest *g, uint32_t pc)
{
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	struct kvm440_tlb tlb;

	memset(g, 0, sizeof(*g));
	g->dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (g->dev < 0)
		return -1;
	g->vm = ioctl(g->dev, KVM440_CREATE_VM, 0);
	if (g->vm < 0)
		return -1;
	g->mem = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	g->rom = mmap(NULL, ROM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->mem == MAP_FAILED || g->rom == MAP_FAILED)
		return -1;
	memset(g->mem, 0, RAM_SIZE);
	memcpy(g->mem, guest_img, guest_img_end - guest_img);
	memset(g->rom, 0, ROM_SIZE);
	g->rom[0] = 0xab;
	g->rom[1] = 0xcd;
	g->rom[2] = 0x01;
	g->rom[3] = 0x23;
	if (add_slot(g, 0, 0, g->mem, RAM_SIZE, 0) ||
	    add_slot(g, 1, ROM_GPA, g->rom, ROM_SIZE, KVM440_MEM_READONLY))
		return -1;
	g->vcpu = ioctl(g->vm, KVM440_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return -1;
	g->run = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED)
		return -1;
	memset(&tlb, 0, sizeof(tlb));
	tlb.e[0].word0 = KVM440_TLB0_V | (3 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	if (ioctl(g->vcpu, KVM440_SET_TLB, &tlb))
		return -1;
	memset(&sregs, 0, sizeof(sregs));
	if (ioctl(g->vcpu, KVM440_GET_SREGS, &sregs))
		return -1;
	sregs.ivpr = 0;
	sregs.ivor[1] = 0x100;
	sregs.ivor[2] = 0x200;
	sregs.ivor[3] = 0x300;
	sregs.ivor[13] = 0xd00;
	sregs.ivor[14] = 0xe00;
	sregs.flags = 0;
	if (ioctl(g->vcpu, KVM440_SET_SREGS, &sregs))
		return -1;
	memset(&regs, 0, sizeof(regs));
	regs.pc = pc;
	return ioctl(g->vcpu, KVM440_SET_REGS, &regs);
}

static int guest_setup(struct guest *g, uint32_t pc)
{
	if (!guest_open(g, pc))
		return 0;
	check(0, "set up VM: %s", strerror(errno));
	return -1;
}

static void guest_close(struct guest *g)
{
	munmap(g->run, getpagesize());
	close(g->vcpu);
	munmap(g->mem, RAM_SIZE);
	munmap(g->rom, ROM_SIZE);
	close(g->vm);
	close(g->dev);
}

static uint64_t stat(struct guest *g, enum kvm440_stat s)
{
	struct kvm440_stats st;

	memset(&st, 0, sizeof(st));
	if (ioctl(g->vm, KVM440_GET_STATS, &st) || s >= st.count)
		return (uint64_t)-1;
	return st.val[s];
}

static unsigned long long ull(uint64_t v)
{
	return v;
}

static const char *exit_name(uint32_t r)
{
	static const char *const names[] = {
		"NONE", "MMIO", "DCR", "HALT", "SYSTEM_EVENT",
		"INTERNAL_ERROR", "STOPPED",
	};

	return r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}

/* RUN once; the exit reason, or -1 if RUN failed. Fills g->regs. */
static int run(struct guest *g)
{
	int r = ioctl(g->vcpu, KVM440_RUN, 0);

	if (r) {
		printf("info: RUN: %s\n", strerror(errno));
		return -1;
	}
	ioctl(g->vcpu, KVM440_GET_REGS, &g->regs);
	return g->run->exit_reason;
}

/* Whether the last exit is the guest's stop (mfdcr r0,STOP_DCR). */
static int stopped(struct guest *g, int reason)
{
	const struct kvm440_run *r = g->run;

	if (reason == KVM440_EXIT_DCR)
		return r->dcr.dcrn == STOP_DCR && !r->dcr.is_write;
	return reason == KVM440_EXIT_INTERNAL_ERROR &&
	       r->internal.inst == (0x7c0002a6u | (STOP_DCR & 0x1f) << 16 |
				    (STOP_DCR >> 5) << 11);
}

/* RUN to the stop; 0 when it got there. */
static int run_to_stop(struct guest *g, const char *what)
{
	int reason = run(g);

	if (reason >= 0 && stopped(g, reason))
		return 0;
	check(0, "%s: stopped with %s (pc %#x, internal pc %#x inst %#x)",
	      what, reason < 0 ? "RUN error" : exit_name(reason), g->regs.pc,
	      g->run->internal.pc, g->run->internal.inst);
	return -1;
}

static uint32_t mem32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void test_tlb_ops(void)
{
	const uint32_t *r = NULL;
	struct kvm440_tlb tlb;
	struct guest g;

	if (guest_setup(&g, 0x1000))
		return;
	if (run_to_stop(&g, "tlbwe/tlbre/tlbsx"))
		goto out;
	r = g.regs.gpr;
	check(r[8] == 0x10000210 && r[9] == 5 && r[10] == 0x00100000 &&
	      r[11] == 0x31b,
	      "tlbre words %#x %#x %#x, MMUCR[STID] %u (want 0x10000210 0x100000 0x31b, 5)",
	      r[8], r[10], r[11], r[9]);
	check(r[13] == 10 && (r[14] & 0xf0000000) == 0x20000000,
	      "tlbsx. under STID 5: index %d CR0 %#x (want 10, EQ)", (int)r[13],
	      r[14] >> 28);
	check(r[15] == 0xffffffff && !(r[16] & 0x20000000),
	      "tlbsx. under STID 6: rD %#x CR0 %#x (want untouched, not EQ)",
	      r[15], r[16] >> 28);
	check(r[18] == 0x10000210, "tlbre index 0x4a reads entry 10: %#x",
	      r[18]);
	check(r[6] == 0xdeadbeef && mem32(g.mem + 0x100120) == 0xdeadbeef,
	      "store/load through the new entry: r6 %#x, PA 0x100120 %#x (want 0xdeadbeef)",
	      r[6], mem32(g.mem + 0x100120));
	check(r[7] == 0xffffffff && !(r[3] & 0x20000000),
	      "entry with a reserved size code never matches: rD %#x CR0 %#x",
	      r[7], r[3] >> 28);
	memset(&tlb, 0, sizeof(tlb));
	ioctl(g.vcpu, KVM440_GET_TLB, &tlb);
	check(tlb.e[10].tid == 5 && tlb.e[10].word0 == 0x10000210 &&
	      tlb.e[10].word1 == 0x100000 && tlb.e[10].word2 == 0x31b,
	      "GET_TLB entry 10: tid %u %#x %#x %#x", tlb.e[10].tid,
	      tlb.e[10].word0, tlb.e[10].word1, tlb.e[10].word2);
out:
	guest_close(&g);
}

static void test_own_miss_handler(void)
{
	unsigned int n, bad = 0;
	struct guest g;

	if (guest_setup(&g, 0x1400))
		return;
	if (run_to_stop(&g, "192 pages through the guest's DTLB handler"))
		goto out;
	for (n = 0; n < 192; n++)
		if (mem32(g.mem + 0x100000 + n * 4096 + ((n * 4) & 0xffc)) !=
		    0x5a000000 + n)
			bad++;
	check(g.regs.gpr[9] == 0 && !bad,
	      "192 pages written and verified: %u guest mismatches, %u in guest RAM",
	      g.regs.gpr[9], bad);
	check(g.regs.gpr[29] >= 384 && stat(&g, KVM440_STAT_DTLB_REAL) ==
	      g.regs.gpr[29],
	      "guest refilled its own TLB %u times from its IVOR13 handler, dtlb_r %llu",
	      g.regs.gpr[29], ull(stat(&g, KVM440_STAT_DTLB_REAL)));
	check(stat(&g, KVM440_STAT_DTLB_VIRT) >= 384,
	      "shadow fills after the guest's tlbwe: dtlb_v %llu",
	      ull(stat(&g, KVM440_STAT_DTLB_VIRT)));
	printf("info: T2 exits %llu light %llu emul %llu dtlb_r %llu dtlb_v %llu itlb_v %llu\n",
	       ull(stat(&g, KVM440_STAT_EXITS)),
	       ull(stat(&g, KVM440_STAT_LIGHT_EXITS)),
	       ull(stat(&g, KVM440_STAT_EMUL_INST)),
	       ull(stat(&g, KVM440_STAT_DTLB_REAL)),
	       ull(stat(&g, KVM440_STAT_DTLB_VIRT)),
	       ull(stat(&g, KVM440_STAT_ITLB_VIRT)));
out:
	guest_close(&g);
}

static void test_64_entries(void)
{
	unsigned int i, bad = 0;
	struct kvm440_tlb tlb;
	struct guest g;

	if (guest_setup(&g, 0x1800))
		return;
	if (run_to_stop(&g, "64 live guest entries"))
		goto out;
	for (i = 1; i < 64; i++)
		if (mem32(g.mem + 0x100000 + (i - 1) * 4096) != 0xa5000000 + i)
			bad++;
	check(g.regs.gpr[9] == 0 && !bad,
	      "63 pages x 3 reads verified: %u guest mismatches, %u in guest RAM",
	      g.regs.gpr[9], bad);
	check(g.regs.gpr[29] == 0 && stat(&g, KVM440_STAT_DTLB_REAL) == 0,
	      "no real misses with all 64 entries live: guest handler %u, dtlb_r %llu",
	      g.regs.gpr[29], ull(stat(&g, KVM440_STAT_DTLB_REAL)));
	check(stat(&g, KVM440_STAT_DTLB_VIRT) >= 63,
	      "every page shadowed at least once: dtlb_v %llu (63 pages, %s)",
	      ull(stat(&g, KVM440_STAT_DTLB_VIRT)),
	      stat(&g, KVM440_STAT_DTLB_VIRT) > 63 ?
	      "shadows evicted and refilled" : "none evicted");
	memset(&tlb, 0, sizeof(tlb));
	ioctl(g.vcpu, KVM440_GET_TLB, &tlb);
	for (i = 1, bad = 0; i < 64; i++)
		if (tlb.e[i].word0 != (0x20000210u + (i - 1) * 4096) ||
		    tlb.e[i].word1 != 0x100000u + (i - 1) * 4096)
			bad++;
	check(!bad, "GET_TLB shows the guest's 63 tlbwe'd entries (%u wrong)",
	      bad);
out:
	guest_close(&g);
}

static void test_user_kernel(void)
{
	const uint32_t *r;
	struct guest g;

	if (guest_setup(&g, 0x1c00))
		return;
	if (run_to_stop(&g, "user vs kernel rights"))
		goto out;
	r = g.regs.gpr;
	check(r[5] == 0x11111111,
	      "kernel wrote the page, user mode read it: %#x", r[5]);
	check(r[28] == 2 && r[24] == ESR_ST && r[25] == 0x30000000 &&
	      r[26] == 0x40000008 && (r[27] & MSR_PR),
	      "user store faulted in the guest's DSI handler: ivor %u ESR %#x DEAR %#x SRR0 %#x SRR1 %#x",
	      r[28], r[24], r[25], r[26], r[27]);
	check(mem32(g.mem + 0x1f0000) == 0x11111111 &&
	      mem32(g.mem + 0x1f0004) == 0x33333333 && r[7] == 0x33333333 &&
	      !(r[8] & MSR_PR),
	      "user store did not land (%#x); kernel write after it did (%#x, read %#x, msr %#x)",
	      mem32(g.mem + 0x1f0000), mem32(g.mem + 0x1f0004), r[7], r[8]);
	check(stat(&g, KVM440_STAT_DSI) >= 1, "dsi exits %llu",
	      ull(stat(&g, KVM440_STAT_DSI)));
out:
	guest_close(&g);
}

static void test_pid(void)
{
	const uint32_t *r;
	struct guest g;

	if (guest_setup(&g, 0x2000))
		return;
	g.mem[0x1e0003] = 0x77;
	g.mem[0x1e1003] = 0x88;
	g.mem[0x1e2003] = 0x99;
	if (run_to_stop(&g, "per-process entries"))
		goto out;
	r = g.regs.gpr;
	check(r[3] == 0x77 && r[4] == 0x88 && r[5] == 0x77,
	      "PID 7, 8, 7 read %#x %#x %#x (want 0x77 0x88 0x77)", r[3], r[4],
	      r[5]);
	check(r[6] == 0x99,
	      "tlbwe moving the entry to another page is seen at once: %#x",
	      r[6]);
	check(r[28] == 13 && r[25] == 0x50000000 && r[26] == 0x20a4,
	      "PID 9: the guest's own DTLB miss: ivor %u DEAR %#x SRR0 %#x",
	      r[28], r[25], r[26]);
out:
	guest_close(&g);
}

static int expect_mmio(struct guest *g, uint64_t pa, int write,
		       uint32_t wdata, uint32_t rdata, const char *what)
{
	struct kvm440_run *kr = g->run;
	int reason = run(g);
	uint32_t d;

	if (reason != KVM440_EXIT_MMIO) {
		check(0, "%s: exit %s at pc %#x (want MMIO)", what,
		      reason < 0 ? "RUN error" : exit_name(reason), g->regs.pc);
		return -1;
	}
	d = mem32(kr->mmio.data);
	check(kr->mmio.phys_addr == pa && kr->mmio.len == 4 &&
	      kr->mmio.is_write == write && (!write || d == wdata),
	      "%s: MMIO %s at %#llx len %u data %#x",
	      what, kr->mmio.is_write ? "write" : "read",
	      ull(kr->mmio.phys_addr), kr->mmio.len, d);
	if (!write) {
		kr->mmio.data[0] = rdata >> 24;
		kr->mmio.data[1] = rdata >> 16;
		kr->mmio.data[2] = rdata >> 8;
		kr->mmio.data[3] = rdata;
	}
	return 0;
}

static void test_foreign(void)
{
	const uint32_t *r;
	struct guest g;

	if (guest_setup(&g, 0x2400))
		return;
	if (expect_mmio(&g, 0x80000000ull, 0, 0, 0x12345678,
			"load from unbacked PA 0x80000000") ||
	    expect_mmio(&g, 0x80000004ull, 1, 0x12345679, 0,
			"store to it") ||
	    expect_mmio(&g, 0xf00000008ull, 0, 0, 0x5555aaaa,
			"load from PA 0xf_0000_0008 (ERPN)") ||
	    expect_mmio(&g, ROM_GPA, 1, 0x12345679, 0,
			"store to the read-only slot") ||
	    run_to_stop(&g, "jump to unbacked PA"))
		goto out;
	r = g.regs.gpr;
	check(r[3] == 0x12345678 && r[5] == 0x5555aaaa,
	      "MMIO loads completed: %#x %#x", r[3], r[5]);
	check(r[6] == 0xabcd0123 && r[7] == 0xabcd0123 &&
	      mem32(g.rom) == 0xabcd0123,
	      "read-only slot: read %#x, after the store %#x, memory %#x (want 0xabcd0123)",
	      r[6], r[7], mem32(g.rom));
	check(r[28] == 1 && r[26] == 0x78000000,
	      "fetch from unbacked PA: guest machine check, ivor %u SRR0 %#x",
	      r[28], r[26]);
out:
	guest_close(&g);
}

static void test_large_page(void)
{
	unsigned int n, bad = 0;
	struct guest g;

	if (guest_setup(&g, 0x2800))
		return;
	if (run_to_stop(&g, "1M guest page"))
		goto out;
	for (n = 0; n < 256; n++)
		if (mem32(g.mem + 0x100000 + n * 4096) != 0xc3000000 + n)
			bad++;
	check(g.regs.gpr[9] == 0 && !bad,
	      "1M guest page: 256 pages verified (%u guest, %u RAM mismatches)",
	      g.regs.gpr[9], bad);
	printf("info: 1M guest page: dtlb_v %llu for 256 4K pages (fewer: larger shadows)\n",
	       ull(stat(&g, KVM440_STAT_DTLB_VIRT)));
out:
	guest_close(&g);
}

int main(void)
{
	test_tlb_ops();
	test_own_miss_handler();
	test_64_entries();
	test_user_kernel();
	test_pid();
	test_foreign();
	test_large_page();
	printf("guest_mmu: %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
