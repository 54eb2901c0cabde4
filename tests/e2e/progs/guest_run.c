// SPDX-License-Identifier: GPL-2.0
/*
 * guest_run [CYCLES | spin]: run tiny hand-assembled bare-metal guests through
 * KVM440_RUN and check where and how they stop. One "ok:"/"FAIL:" line per
 * check; exit 0 when all hold. CYCLES (default 100) is the number of
 * create/run/close rounds of the last check. "spin" runs a guest that
 * never stops, for a test to kill.
 *
 * Guest memory: 1M at guest physical 0; guest TLB: one 16M entry
 * EA 0 -> PA 0, TS=0, supervisor and user RWX, and one 4K entry
 * EA 0xe0000000 -> PA 0x1e0000000 (I|G, supervisor RW) with no RAM behind
 * it: MMIO, which this program answers as the device. IVPR 0, IVOR8 (sc)
 * 0x3100, IVOR13 (data TLB miss) 0x3200. The guest starts in supervisor
 * state with MSR 0, which kvm440 runs as PR=1 IS=DS=1 under a shadow PID.
 * A guest stops by writing DCR_STOP (mtdcr 0x3ff): the run loop here
 * treats that DCR as a hypercall "stop".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define MEM_SIZE	(1u << 20)

/*
 * Program A at 0: native arithmetic, a counted loop, a branch to another
 * page, a store, then mfmsr (privileged: trapped and emulated) and a DCR
 * round trip: mfdcr (exits to userspace, which answers), then mtdcr of the
 * answer + 1 (exits with the value).
 */
static const uint32_t prog_a0[] = {
	0x38601234,	/* 0x000 li    r3,0x1234 */
	0x38a003e8,	/* 0x004 li    r5,1000 */
	0x7ca903a6,	/* 0x008 mtctr r5 */
	0x38c00000,	/* 0x00c li    r6,0 */
	0x38c60001,	/* 0x010 addi  r6,r6,1 */
	0x4200fffc,	/* 0x014 bdnz  0x010 */
	0x38630001,	/* 0x018 addi  r3,r3,1 */
	0x48000fe4,	/* 0x01c b     0x1000 */
};
static const uint32_t prog_a1[] = {
	0x90602000,	/* 0x1000 stw  r3,0x2000(0) */
	0x7c8000a6,	/* 0x1004 mfmsr r4 */
	0x7ca03286,	/* 0x1008 mfdcr r5,0xc0 */
	0x38a50001,	/* 0x100c addi  r5,r5,1 */
	0x7ca13386,	/* 0x1010 mtdcr 0xc1,r5 */
	0x48000000,	/* 0x1014 b . */
};
#define A_EXIT_PC	0x1008	/* the mfdcr */
#define DCR_UIC		0xc0
#define DCR_STOP	0x3ff	/* the guests' "stop here" hypercall */
#define DCR_STOP_DTLB	0x3fe	/* the same, from the DTLB miss handler */

/*
 * Program B at 0x3000: drops to user mode (PR|EE|ME) with rfi, makes an
 * sc, which the guest's own handler at IVPR | IVOR8 = 0x3100 takes: it
 * reads SRR0, SRR1 and its MSR, stops (DCR_STOP), then returns to user
 * mode, where a load from an EA the guest TLB does not map follows.
 */
static const uint32_t prog_b[] = {
	0x38000440,	/* 0x3000 li    r0,0x440 */
	0x38600055,	/* 0x3004 li    r3,0x55 */
	0x38803020,	/* 0x3008 li    r4,0x3020 */
	0x7c9a03a6,	/* 0x300c mtspr SRR0,r4 */
	0x38800000,	/* 0x3010 li    r4,0 */
	0x6084d000,	/* 0x3014 ori   r4,r4,0xd000 (PR|EE|ME) */
	0x7c9b03a6,	/* 0x3018 mtspr SRR1,r4 */
	0x4c000064,	/* 0x301c rfi */
	0x44000002,	/* 0x3020 sc (user mode) */
	0x38630001,	/* 0x3024 addi  r3,r3,1 */
	0x3ce01000,	/* 0x3028 lis   r7,0x1000 */
	0x81070000,	/* 0x302c lwz   r8,0(r7) */
};
static const uint32_t prog_b1[] = {	/* IVOR8: system call */
	0x7d3a02a6,	/* 0x3100 mfspr r9,SRR0 */
	0x7d5b02a6,	/* 0x3104 mfspr r10,SRR1 */
	0x7d6000a6,	/* 0x3108 mfmsr r11 */
	0x7c7ffb86,	/* 0x310c mtdcr DCR_STOP,r3 */
	0x4c000064,	/* 0x3110 rfi */
};
static const uint32_t prog_b2[] = {	/* IVOR13: data TLB miss */
	0x7d9d0aa6,	/* 0x3200 mfspr r12,DEAR */
	0x7d9efb86,	/* 0x3204 mtdcr DCR_STOP_DTLB,r12 */
	0x48000000,	/* 0x3208 b . */
};
#define B_SC_PC		0x3020
#define B_USER_MSR	0x0000d000u	/* PR|EE|ME */
#define B_LOAD_PC	0x302c

/* Program C at 0x4000: 16M iterations, long enough for host timer ticks. */
static const uint32_t prog_c[] = {
	0x3ca00100,	/* 0x4000 lis   r5,0x100 */
	0x7ca903a6,	/* 0x4004 mtctr r5 */
	0x42000000,	/* 0x4008 bdnz  0x4008 */
	0x7c8000a6,	/* 0x400c mfmsr r4 */
	0x7ca03286,	/* 0x4010 mfdcr r5,0xc0 */
};

/* Program D at 0x5000: spins forever; only a signal gets it out. */
static const uint32_t prog_d[] = {
	0x48000000,	/* 0x5000 b . */
};

/*
 * Program E at 0x6000: user-readable SPRG4/SPRG7 come from the vCPU's
 * sregs; SPRG3 (SPR 0x103) is read too, to see what the guest gets there.
 */
static const uint32_t prog_e[] = {
	0x7c8442a6,	/* 0x6000 mfspr r4,0x104 (SPRG4, user read) */
	0x7ca742a6,	/* 0x6004 mfspr r5,0x107 (SPRG7, user read) */
	0x7c6342a6,	/* 0x6008 mfspr r3,0x103 (SPRG3, user read) */
	0x7cc000a6,	/* 0x600c mfmsr r6 */
	0x7c7ffb86,	/* 0x6010 mtdcr DCR_STOP,r3 */
};

/*
 * Program F at 0x7000: supervisor SPRs and MSR through the emulator, then
 * an unknown SPR, which must land in the guest's own program handler at
 * IVPR | IVOR6 = 0x7100 with ESR[PIL] and SRR0 at the mtspr.
 */
static const uint32_t prog_f0[] = {
	0x3c601122,	/* 0x7000 lis   r3,0x1122 */
	0x60633344,	/* 0x7004 ori   r3,r3,0x3344 */
	0x7c7043a6,	/* 0x7008 mtspr SPRG0,r3 */
	0x3c8000ab,	/* 0x700c lis   r4,0xab */
	0x6084cd00,	/* 0x7010 ori   r4,r4,0xcd00 */
	0x7c9a03a6,	/* 0x7014 mtspr SRR0,r4 */
	0x38a00000,	/* 0x7018 li    r5,0 */
	0x7cbf0ba6,	/* 0x701c mtspr IVPR,r5 */
	0x38c07100,	/* 0x7020 li    r6,0x7100 */
	0x7cd663a6,	/* 0x7024 mtspr IVOR6,r6 */
	0x7d5042a6,	/* 0x7028 mfspr r10,SPRG0 */
	0x7d7a02a6,	/* 0x702c mfspr r11,SRR0 */
	0x7d9f0aa6,	/* 0x7030 mfspr r12,IVPR */
	0x7db662a6,	/* 0x7034 mfspr r13,IVOR6 */
	0x3ce00002,	/* 0x7038 lis   r7,2 */
	0x60e79000,	/* 0x703c ori   r7,r7,0x9000 (CE|EE|ME) */
	0x7ce00124,	/* 0x7040 mtmsr r7 */
	0x7dc000a6,	/* 0x7044 mfmsr r14 */
	0x7c707ba6,	/* 0x7048 mtspr 0x1f0,r3 (no such SPR) */
	0x48000000,	/* 0x704c b . */
};
static const uint32_t prog_f1[] = {
	0x7dfe0aa6,	/* 0x7100 mfspr r15,ESR */
	0x7e1a02a6,	/* 0x7104 mfspr r16,SRR0 */
	0x7e3b02a6,	/* 0x7108 mfspr r17,SRR1 */
	0x7c7ffb86,	/* 0x710c mtdcr DCR_STOP,r3 */
};

/*
 * Program G at 0x7200: an emulated SPRG4 write must reach the real SPRG4
 * the guest reads natively; then a DBCR0[RST] = 01 core reset request.
 */
static const uint32_t prog_g[] = {
	0x3c604444,	/* 0x7200 lis   r3,0x4444 */
	0x60630004,	/* 0x7204 ori   r3,r3,4 */
	0x7c7443a6,	/* 0x7208 mtspr SPRG4,r3 */
	0x7c8442a6,	/* 0x720c mfspr r4,SPRG4R (user read, native) */
	0x3ca01000,	/* 0x7210 lis   r5,0x1000 (RST = 01) */
	0x7cb44ba6,	/* 0x7214 mtspr DBCR0,r5 */
	0x48000000,	/* 0x7218 b . */
};
#define F_BAD_SPR_PC	0x7048
#define F_STOP_PC	0x710c
#define F_MSR		0x00029000u	/* CE|EE|ME */
#define ESR_PIL		0x08000000u

/*
 * Program H at 0x8000: every integer load/store form on the MMIO page at
 * EA 0xe0000000 (guest physical 0x1e0000000): byte/half/word, algebraic,
 * byte-reversed, update, indexed, indexed-update, lmw and stmw. The device
 * answers a read of offset o with bytes 0x80 | (o & 0x7f), ...
 */
static const uint32_t prog_h[] = {
	0x3e80e000,	/* 0x8000 lis    r20,0xe000 */
	0x88740001,	/* 0x8004 lbz    r3,1(r20) */
	0xa0940002,	/* 0x8008 lhz    r4,2(r20) */
	0xa8b40004,	/* 0x800c lha    r5,4(r20) */
	0x80d40008,	/* 0x8010 lwz    r6,8(r20) */
	0x3aa00010,	/* 0x8014 li     r21,0x10 */
	0x7cf4ae2c,	/* 0x8018 lhbrx  r7,r20,r21 */
	0x7d14ac2c,	/* 0x801c lwbrx  r8,r20,r21 */
	0x3d201122,	/* 0x8020 lis    r9,0x1122 */
	0x61293344,	/* 0x8024 ori    r9,r9,0x3344 */
	0x99340020,	/* 0x8028 stb    r9,0x20(r20) */
	0xb1340022,	/* 0x802c sth    r9,0x22(r20) */
	0x91340024,	/* 0x8030 stw    r9,0x24(r20) */
	0x3ac00028,	/* 0x8034 li     r22,0x28 */
	0x7d34b72c,	/* 0x8038 sthbrx r9,r20,r22 */
	0x3ae0002c,	/* 0x803c li     r23,0x2c */
	0x7d34bd2c,	/* 0x8040 stwbrx r9,r20,r23 */
	0x3b140030,	/* 0x8044 addi   r24,r20,0x30 */
	0x8d580001,	/* 0x8048 lbzu   r10,1(r24) */
	0xa5780001,	/* 0x804c lhzu   r11,1(r24) */
	0xad980002,	/* 0x8050 lhau   r12,2(r24) */
	0x85b80004,	/* 0x8054 lwzu   r13,4(r24) */
	0x3b340040,	/* 0x8058 addi   r25,r20,0x40 */
	0x9d390001,	/* 0x805c stbu   r9,1(r25) */
	0xb5390001,	/* 0x8060 sthu   r9,1(r25) */
	0x95390002,	/* 0x8064 stwu   r9,2(r25) */
	0x3b400004,	/* 0x8068 li     r26,4 */
	0x7dd4d0ae,	/* 0x806c lbzx   r14,r20,r26 */
	0x7df4d22e,	/* 0x8070 lhzx   r15,r20,r26 */
	0x7e14d2ae,	/* 0x8074 lhax   r16,r20,r26 */
	0x7e34d02e,	/* 0x8078 lwzx   r17,r20,r26 */
	0x3b740050,	/* 0x807c addi   r27,r20,0x50 */
	0x7e5bd0ee,	/* 0x8080 lbzux  r18,r27,r26 */
	0x7e7bd26e,	/* 0x8084 lhzux  r19,r27,r26 */
	0x7ebbd2ee,	/* 0x8088 lhaux  r21,r27,r26 */
	0x7edbd06e,	/* 0x808c lwzux  r22,r27,r26 */
	0x7d34d1ae,	/* 0x8090 stbx   r9,r20,r26 */
	0x7d34d32e,	/* 0x8094 sthx   r9,r20,r26 */
	0x7d34d12e,	/* 0x8098 stwx   r9,r20,r26 */
	0x3af40070,	/* 0x809c addi   r23,r20,0x70 */
	0x7d37d1ee,	/* 0x80a0 stbux  r9,r23,r26 */
	0x7d37d36e,	/* 0x80a4 sthux  r9,r23,r26 */
	0x7d37d16e,	/* 0x80a8 stwux  r9,r23,r26 */
	0xbb940080,	/* 0x80ac lmw    r28,0x80(r20) */
	0xbf940090,	/* 0x80b0 stmw   r28,0x90(r20) */
	0x7c7ffb86,	/* 0x80b4 mtdcr  DCR_STOP,r3 */
	0x48000000,	/* 0x80b8 b . */
};
#define H_STOP_PC	0x80b4
#define MMIO_EA		0xe0000000u
#define MMIO_GPA	0x1e0000000ull

/* ... and sees these accesses, in this order. */
struct mmio_access {
	uint32_t off;
	uint8_t len, is_write;
	uint8_t data[4];	/* writes */
};
#define R(o, l)		{ o, l, 0, { 0 } }
#define W1(o)		{ o, 1, 1, { 0x44 } }
#define W2(o)		{ o, 2, 1, { 0x33, 0x44 } }
#define W4(o)		{ o, 4, 1, { 0x11, 0x22, 0x33, 0x44 } }
static const struct mmio_access mmio_want[] = {
	R(0x01, 1), R(0x02, 2), R(0x04, 2), R(0x08, 4),	/* lbz lhz lha lwz */
	R(0x10, 2), R(0x10, 4),				/* lhbrx lwbrx */
	W1(0x20), W2(0x22), W4(0x24),			/* stb sth stw */
	{ 0x28, 2, 1, { 0x44, 0x33 } },			/* sthbrx */
	{ 0x2c, 4, 1, { 0x44, 0x33, 0x22, 0x11 } },	/* stwbrx */
	R(0x31, 1), R(0x32, 2), R(0x34, 2), R(0x38, 4),	/* l*u */
	W1(0x41), W2(0x42), W4(0x44),			/* st*u */
	R(0x04, 1), R(0x04, 2), R(0x04, 2), R(0x04, 4),	/* l*x */
	R(0x54, 1), R(0x58, 2), R(0x5c, 2), R(0x60, 4),	/* l*ux */
	W1(0x04), W2(0x04), W4(0x04),			/* st*x */
	W1(0x74), W2(0x78), W4(0x7c),			/* st*ux */
	R(0x80, 4), R(0x84, 4), R(0x88, 4), R(0x8c, 4),	/* lmw r28 */
	{ 0x90, 4, 1, { 0x80, 0x81, 0x82, 0x83 } },	/* stmw r28 */
	{ 0x94, 4, 1, { 0x84, 0x85, 0x86, 0x87 } },
	{ 0x98, 4, 1, { 0x88, 0x89, 0x8a, 0x8b } },
	{ 0x9c, 4, 1, { 0x8c, 0x8d, 0x8e, 0x8f } },
};
#define MMIO_WANT	(sizeof(mmio_want) / sizeof(mmio_want[0]))

/* r3..r31 after program H */
static const uint32_t h_regs[32] = {
	[3] = 0x81, [4] = 0x8283, [5] = 0xffff8485, [6] = 0x88898a8b,
	[7] = 0x9190, [8] = 0x93929190, [9] = 0x11223344,
	[10] = 0xb1, [11] = 0xb2b3, [12] = 0xffffb4b5, [13] = 0xb8b9babb,
	[14] = 0x84, [15] = 0x8485, [16] = 0xffff8485, [17] = 0x84858687,
	[18] = 0xd4, [19] = 0xd8d9, [20] = 0xe0000000, [21] = 0xffffdcdd,
	[22] = 0xe0e1e2e3, [23] = 0xe000007c, [24] = 0xe0000038,
	[25] = 0xe0000044, [26] = 4, [27] = 0xe0000060,
	[28] = 0x80818283, [29] = 0x84858687, [30] = 0x88898a8b,
	[31] = 0x8c8d8e8f,
};

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
	uint8_t *mem;
	struct kvm440_run *run;
};

static void put(struct guest *g, uint32_t gpa, const uint32_t *code,
		size_t bytes)
{
	memcpy(g->mem + gpa, code, bytes);
}

static int guest_open(struct guest *g)
{
	struct kvm440_memory_region mr = { 0 };
	struct kvm440_sregs sregs;
	struct kvm440_tlb tlb;

	memset(g, 0, sizeof(*g));
	g->dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (g->dev < 0)
		return -1;
	g->vm = ioctl(g->dev, KVM440_CREATE_VM, 0);
	if (g->vm < 0)
		return -1;
	g->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->mem == MAP_FAILED)
		return -1;
	memset(g->mem, 0, MEM_SIZE);
	put(g, 0x0000, prog_a0, sizeof(prog_a0));
	put(g, 0x1000, prog_a1, sizeof(prog_a1));
	put(g, 0x3000, prog_b, sizeof(prog_b));
	put(g, 0x3100, prog_b1, sizeof(prog_b1));
	put(g, 0x3200, prog_b2, sizeof(prog_b2));
	put(g, 0x4000, prog_c, sizeof(prog_c));
	put(g, 0x5000, prog_d, sizeof(prog_d));
	put(g, 0x6000, prog_e, sizeof(prog_e));
	put(g, 0x7000, prog_f0, sizeof(prog_f0));
	put(g, 0x7100, prog_f1, sizeof(prog_f1));
	put(g, 0x7200, prog_g, sizeof(prog_g));
	put(g, 0x8000, prog_h, sizeof(prog_h));
	mr.size = MEM_SIZE;
	mr.userspace_addr = (unsigned long)g->mem;
	if (ioctl(g->vm, KVM440_SET_MEMORY_REGION, &mr))
		return -1;
	g->vcpu = ioctl(g->vm, KVM440_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return -1;
	g->run = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED)
		return -1;
	memset(&sregs, 0, sizeof(sregs));
	if (ioctl(g->vcpu, KVM440_GET_SREGS, &sregs))
		return -1;
	sregs.ivpr = 0;
	sregs.ivor[8] = 0x3100;
	sregs.ivor[13] = 0x3200;
	if (ioctl(g->vcpu, KVM440_SET_SREGS, &sregs))
		return -1;
	memset(&tlb, 0, sizeof(tlb));
	/* EA 0 -> PA 0, 16M, V, TS=0, supervisor and user RWX */
	tlb.e[0].word0 = 0x00000000 | KVM440_TLB0_V |
			 (7 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word1 = 0;
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR |
			 KVM440_TLB2_UX | KVM440_TLB2_UW | KVM440_TLB2_UR;
	/* EA 0xe0000000 -> PA 0x1e0000000, 4K, I|G, supervisor RW: MMIO */
	tlb.e[1].word0 = MMIO_EA | KVM440_TLB0_V |
			 (1 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[1].word1 = (uint32_t)MMIO_GPA | (uint32_t)(MMIO_GPA >> 32);
	tlb.e[1].word2 = KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
			 KVM440_TLB2_SR;
	return ioctl(g->vcpu, KVM440_SET_TLB, &tlb);
}

static void guest_close(struct guest *g)
{
	munmap(g->run, getpagesize());
	close(g->vcpu);
	munmap(g->mem, MEM_SIZE);
	close(g->vm);
	close(g->dev);
}

/* guest_open() for a test that reports its own setup failure. */
static int guest_setup(struct guest *g)
{
	if (!guest_open(g))
		return 0;
	check(0, "set up VM: %s", strerror(errno));
	return -1;
}

static int set_pc(struct guest *g, uint32_t pc)
{
	struct kvm440_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.pc = pc;
	return ioctl(g->vcpu, KVM440_SET_REGS, &regs);
}

static int get_regs(struct guest *g, struct kvm440_regs *regs)
{
	return ioctl(g->vcpu, KVM440_GET_REGS, regs);
}

static uint64_t stat(struct guest *g, enum kvm440_stat s)
{
	struct kvm440_stats st;

	memset(&st, 0, sizeof(st));
	if (ioctl(g->vm, KVM440_GET_STATS, &st) || s >= st.count)
		return (uint64_t)-1;
	return st.val[s];
}

/* RUN must stop with an emulation error at @pc on @inst */
static void expect_internal(struct guest *g, int r, uint32_t pc,
			    uint32_t inst, const char *what)
{
	struct kvm440_run *run = g->run;

	check(r == 0 && run->exit_reason == KVM440_EXIT_INTERNAL_ERROR &&
	      run->internal.code == KVM440_INTERNAL_EMULATION &&
	      run->internal.pc == pc && run->internal.inst == inst,
	      "%s: RUN=%d (%s) exit_reason=%u code=%u pc=%#x inst=%#010x (want INTERNAL_ERROR/EMULATION pc=%#x inst=%#010x)",
	      what, r,
	      r ? strerror(errno) : "-", run->exit_reason,
	      run->internal.code, run->internal.pc, run->internal.inst, pc,
	      inst);
}

/*
 * RUN must stop with a DCR exit for @dcrn (a write of @data if @is_write)
 * and the guest pc already past the mfdcr/mtdcr, at @pc.
 */
static void expect_dcr(struct guest *g, int r, uint32_t dcrn, int is_write,
		       uint32_t data, uint32_t pc, const char *what)
{
	struct kvm440_run *run = g->run;
	struct kvm440_regs regs;

	memset(&regs, 0, sizeof(regs));
	get_regs(g, &regs);
	check(r == 0 && run->exit_reason == KVM440_EXIT_DCR &&
	      run->dcr.dcrn == dcrn && run->dcr.is_write == !!is_write &&
	      (!is_write || run->dcr.data == data) && regs.pc == pc,
	      "%s: RUN=%d (%s) exit_reason=%u dcrn=%#x is_write=%u data=%#x pc=%#x (want DCR dcrn=%#x is_write=%d data=%#x pc=%#x)",
	      what, r, r ? strerror(errno) : "-", run->exit_reason,
	      run->dcr.dcrn, run->dcr.is_write, run->dcr.data, regs.pc, dcrn,
	      is_write, is_write ? data : 0, pc);
}

static void test_native(void)
{
	struct kvm440_regs regs;
	struct guest g;
	uint32_t stored;
	int r;

	if (guest_setup(&g))
		return;
	set_pc(&g, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_UIC, 0, 0, A_EXIT_PC + 4,
		   "program A stops at mfdcr (a DCR read exit)");
	get_regs(&g, &regs);
	check(regs.gpr[3] == 0x1235, "guest r3 = %#x (want 0x1235)",
	      regs.gpr[3]);
	check(regs.gpr[6] == 1000 && regs.ctr == 0,
	      "guest loop ran: r6 = %u, ctr = %u (want 1000, 0)",
	      regs.gpr[6], regs.ctr);
	check(regs.pc == A_EXIT_PC + 4, "guest pc = %#x (want %#x, past the mfdcr)",
	      regs.pc, A_EXIT_PC + 4);
	check(regs.gpr[4] == 0 && regs.msr == 0,
	      "emulated mfmsr: r4 = %#x msr = %#x (want 0 0)", regs.gpr[4],
	      regs.msr);
	check(stat(&g, KVM440_STAT_EMUL_INST) == 2 &&
	      stat(&g, KVM440_STAT_DCR) == 1,
	      "emulated mfmsr and mfdcr: emul_inst %llu dcr %llu (want 2 1)",
	      (unsigned long long)stat(&g, KVM440_STAT_EMUL_INST),
	      (unsigned long long)stat(&g, KVM440_STAT_DCR));
	memcpy(&stored, g.mem + 0x2000, 4);
	check(stored == 0x1235,
	      "guest store reached guest RAM: [0x2000] = %#x (want 0x1235)",
	      stored);
	/*
	 * The code ran only through shadows of the guest's entry, so there was
	 * at least one fill. How many depends on luck: when the pinned RAM
	 * happens to be physically contiguous and aligned, one 16K-or-larger
	 * shadow covers the second code page and the data page too.
	 */
	check(stat(&g, KVM440_STAT_ITLB_VIRT) >= 1,
	      "TLB fills from the guest TLB: itlb_v %llu dtlb_v %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_ITLB_VIRT),
	      (unsigned long long)stat(&g, KVM440_STAT_DTLB_VIRT));

	/* answer the mfdcr: the guest adds 1 and writes it to DCR 0xc1 */
	g.run->dcr.data = 0xabcd0000;
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_UIC + 1, 1, 0xabcd0001, A_EXIT_PC + 12,
		   "DCR round trip: mfdcr got 0xabcd0000, mtdcr 0xc1 wrote it + 1");
	get_regs(&g, &regs);
	check(regs.gpr[5] == 0xabcd0001 && stat(&g, KVM440_STAT_DCR) == 2,
	      "after the round trip: r5 = %#x dcr %llu (want 0xabcd0001 2)",
	      regs.gpr[5], (unsigned long long)stat(&g, KVM440_STAT_DCR));
	guest_close(&g);

	/* SET_REGS between the mfdcr exit and RUN: userspace's r5 wins */
	if (guest_setup(&g))
		return;
	set_pc(&g, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_UIC, 0, 0, A_EXIT_PC + 4,
		   "program A stops at mfdcr again");
	get_regs(&g, &regs);
	regs.gpr[5] = 0x5555;
	ioctl(g.vcpu, KVM440_SET_REGS, &regs);
	g.run->dcr.data = 0x1111;
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_UIC + 1, 1, 0x5556, A_EXIT_PC + 12,
		   "SET_REGS cancels the pending mfdcr completion");
	guest_close(&g);
}

static void test_sc_and_unmapped(void)
{
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	set_pc(&g, 0x3000);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_STOP, 1, 0x55, 0x3110,
		   "user-mode sc lands in the guest's IVOR8 handler");
	get_regs(&g, &regs);
	check(regs.gpr[0] == 0x440 && regs.gpr[3] == 0x55,
	      "at sc: r0 = %#x r3 = %#x (want 0x440 0x55)",
	      regs.gpr[0], regs.gpr[3]);
	check(regs.gpr[9] == B_SC_PC + 4 && regs.gpr[10] == B_USER_MSR &&
	      regs.gpr[11] == (B_USER_MSR & ~0xc000u),
	      "sc handler: SRR0 %#x SRR1 %#x MSR %#x (want %#x %#x %#x: after the sc, old MSR, PR and EE cleared)",
	      regs.gpr[9], regs.gpr[10], regs.gpr[11], B_SC_PC + 4,
	      B_USER_MSR, B_USER_MSR & ~0xc000u);
	check(stat(&g, KVM440_STAT_SYSCALL) == 1,
	      "one system call delivered: syscall %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_SYSCALL));

	/*
	 * resume: rfi back after the sc; the load from EA 0x10000000 is
	 * unmapped: an internal error until real TLB misses go to the guest,
	 * then the guest's own DTLB miss handler (IVOR13), which stops.
	 */
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	get_regs(&g, &regs);
	if (r == 0 && g.run->exit_reason == KVM440_EXIT_DCR)
		expect_dcr(&g, r, DCR_STOP_DTLB, 1, 0x10000000, 0x3208,
			   "load from an unmapped EA reaches the guest's DTLB miss handler");
	else
		expect_internal(&g, r, B_LOAD_PC, 0x81070000,
				"load from an unmapped EA stops the guest");
	check(regs.gpr[3] == 0x56 && regs.gpr[7] == 0x10000000,
	      "resumed after sc: r3 = %#x r7 = %#x (want 0x56 0x10000000)",
	      regs.gpr[3], regs.gpr[7]);
	check(stat(&g, KVM440_STAT_DTLB_REAL) == 1,
	      "one unresolved data TLB miss: dtlb_r %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_DTLB_REAL));
	guest_close(&g);
}

/*
 * Program H against this program as the device: every access comes out
 * with the right address, size, direction and data, and the guest's
 * registers get what the device answered.
 */
static void test_mmio(void)
{
	struct mmio_access got[MMIO_WANT + 1];
	struct kvm440_run *run;
	struct kvm440_regs regs;
	unsigned int n = 0, i, bad_regs = 0;
	int r = 0, bad = 0;
	struct guest g;

	if (guest_setup(&g))
		return;
	run = g.run;
	set_pc(&g, 0x8000);
	for (;;) {
		r = ioctl(g.vcpu, KVM440_RUN, 0);
		if (r || run->exit_reason != KVM440_EXIT_MMIO)
			break;
		if (n > MMIO_WANT || run->mmio.len > 4 ||
		    run->mmio.phys_addr - MMIO_GPA >= 0x1000) {
			check(0, "MMIO exit %u: addr %#llx len %u", n,
			      (unsigned long long)run->mmio.phys_addr,
			      run->mmio.len);
			bad = 1;
			break;
		}
		got[n].off = (uint32_t)(run->mmio.phys_addr - MMIO_GPA);
		got[n].len = run->mmio.len;
		got[n].is_write = run->mmio.is_write;
		memcpy(got[n].data, run->mmio.data, 4);
		for (i = run->mmio.is_write ? run->mmio.len : 0; i < 8; i++)
			if (run->mmio.data[i])
				bad = 1;	/* unused data bytes are zero */
		if (!run->mmio.is_write) {
			memset(got[n].data, 0, 4);
			for (i = 0; i < run->mmio.len; i++)
				run->mmio.data[i] = 0x80 |
					((got[n].off + i) & 0x7f);
		}
		n++;
	}
	expect_dcr(&g, r, DCR_STOP, 1, 0x81, H_STOP_PC + 4,
		   "program H ends at its stop after its MMIO");
	check(!bad, "MMIO exits: only the accessed data bytes set");
	check(n == MMIO_WANT, "%u MMIO exits (want %u)", n,
	      (unsigned)MMIO_WANT);
	for (i = 0; i < n && i < MMIO_WANT; i++) {
		const struct mmio_access *w = &mmio_want[i];

		if (got[i].off == w->off && got[i].len == w->len &&
		    got[i].is_write == w->is_write &&
		    !memcmp(got[i].data, w->data, 4))
			continue;
		check(0, "MMIO %u: %s %u bytes at +%#x data %02x%02x%02x%02x (want %s %u at +%#x data %02x%02x%02x%02x)",
		      i, got[i].is_write ? "write" : "read", got[i].len,
		      got[i].off, got[i].data[0], got[i].data[1],
		      got[i].data[2], got[i].data[3],
		      w->is_write ? "write" : "read", w->len, w->off,
		      w->data[0], w->data[1], w->data[2], w->data[3]);
		bad = 1;
	}
	check(!bad && n == MMIO_WANT,
	      "every load/store form made exactly the expected access (physical %#llx + offset)",
	      MMIO_GPA);
	get_regs(&g, &regs);
	for (i = 3; i < 32; i++) {
		if (regs.gpr[i] == h_regs[i])
			continue;
		check(0, "r%u = %#x (want %#x)", i, regs.gpr[i], h_regs[i]);
		bad_regs++;
	}
	check(!bad_regs,
	      "loads filled rD (zero/sign-extended, byte-reversed), update forms rA");
	check(stat(&g, KVM440_STAT_MMIO) == MMIO_WANT,
	      "stats: mmio %llu (want %u)",
	      (unsigned long long)stat(&g, KVM440_STAT_MMIO),
	      (unsigned)MMIO_WANT);
	guest_close(&g);
}

static void test_long_loop(void)
{
	struct kvm440_regs regs;
	struct guest g;
	uint64_t dec;
	int r;

	if (guest_setup(&g))
		return;
	set_pc(&g, 0x4000);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_UIC, 0, 0, 0x4014,
		   "16M-iteration loop finishes at its mfdcr");
	get_regs(&g, &regs);
	/* host timer interrupts count as ext_intr; dec is the guest's own */
	dec = stat(&g, KVM440_STAT_EXT_INTR);
	check(regs.ctr == 0 && regs.gpr[5] == 0x1000000,
	      "loop state: ctr = %u r5 = %#x", regs.ctr, regs.gpr[5]);
	printf("info: exits %llu, host interrupts %llu, light %llu, itlb_v %llu\n",
	       (unsigned long long)stat(&g, KVM440_STAT_EXITS),
	       (unsigned long long)dec,
	       (unsigned long long)stat(&g, KVM440_STAT_LIGHT_EXITS),
	       (unsigned long long)stat(&g, KVM440_STAT_ITLB_VIRT));
	check(dec > 0, "host timer interrupts taken during the guest: %llu",
	      (unsigned long long)dec);
	guest_close(&g);
}

static void test_sprg(void)
{
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	memset(&sregs, 0, sizeof(sregs));
	ioctl(g.vcpu, KVM440_GET_SREGS, &sregs);
	sregs.sprg[4] = 0x44440004;
	sregs.sprg[7] = 0x77770007;
	check(!ioctl(g.vcpu, KVM440_SET_SREGS, &sregs), "set guest SPRG4/7");
	set_pc(&g, 0x6000);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	get_regs(&g, &regs);
	check(r == 0 && regs.gpr[4] == 0x44440004 &&
	      regs.gpr[5] == 0x77770007,
	      "guest reads its own SPRG4/7 natively: %#x %#x", regs.gpr[4],
	      regs.gpr[5]);
	expect_dcr(&g, r, DCR_STOP, 1, regs.gpr[3], 0x6014,
		   "program E reaches its stop");
	printf("info: SPRG3 read by the guest: r3 = %#x\n", regs.gpr[3]);
	guest_close(&g);
}

static void test_emulate(void)
{
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	set_pc(&g, 0x7000);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_dcr(&g, r, DCR_STOP, 1, 0x11223344, F_STOP_PC + 4,
		   "program F reaches the stop in its program handler");
	get_regs(&g, &regs);
	memset(&sregs, 0, sizeof(sregs));
	ioctl(g.vcpu, KVM440_GET_SREGS, &sregs);
	check(regs.gpr[10] == 0x11223344 && regs.gpr[11] == 0x00abcd00 &&
	      regs.gpr[12] == 0 && regs.gpr[13] == 0x7100,
	      "mfspr SPRG0/SRR0/IVPR/IVOR6 = %#x %#x %#x %#x (want 0x11223344 0xabcd00 0 0x7100)",
	      regs.gpr[10], regs.gpr[11], regs.gpr[12], regs.gpr[13]);
	check(regs.gpr[14] == F_MSR, "mtmsr/mfmsr: r14 = %#x (want %#x)",
	      regs.gpr[14], F_MSR);
	check(regs.gpr[15] == ESR_PIL && regs.gpr[16] == F_BAD_SPR_PC &&
	      regs.gpr[17] == F_MSR,
	      "unknown SPR: handler read ESR %#x SRR0 %#x SRR1 %#x (want %#x %#x %#x)",
	      regs.gpr[15], regs.gpr[16], regs.gpr[17], ESR_PIL,
	      F_BAD_SPR_PC, F_MSR);
	check(regs.msr == (F_MSR & ~0x8000u) && regs.pc == F_STOP_PC + 4,
	      "after the program interrupt: msr = %#x pc = %#x (want %#x %#x)",
	      regs.msr, regs.pc, F_MSR & ~0x8000u, F_STOP_PC + 4);
	check(sregs.sprg[0] == 0x11223344 && sregs.ivor[6] == 0x7100 &&
	      sregs.srr0 == F_BAD_SPR_PC && sregs.esr == ESR_PIL,
	      "sregs: sprg0 %#x ivor6 %#x srr0 %#x esr %#x", sregs.sprg[0],
	      sregs.ivor[6], sregs.srr0, sregs.esr);
	check(stat(&g, KVM440_STAT_UNKNOWN_SPR) == 1 &&
	      stat(&g, KVM440_STAT_PROGRAM) == 1 &&
	      stat(&g, KVM440_STAT_EMUL_INST) == 15 &&
	      stat(&g, KVM440_STAT_LIGHT_EXITS) >= 14,
	      "stats: unknown_spr %llu program %llu emul_inst %llu light %llu (want 1 1 15 (14 + the stop) >=14)",
	      (unsigned long long)stat(&g, KVM440_STAT_UNKNOWN_SPR),
	      (unsigned long long)stat(&g, KVM440_STAT_PROGRAM),
	      (unsigned long long)stat(&g, KVM440_STAT_EMUL_INST),
	      (unsigned long long)stat(&g, KVM440_STAT_LIGHT_EXITS));
	guest_close(&g);

	if (guest_setup(&g))
		return;
	set_pc(&g, 0x7200);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	get_regs(&g, &regs);
	memset(&sregs, 0, sizeof(sregs));
	ioctl(g.vcpu, KVM440_GET_SREGS, &sregs);
	check(r == 0 && g.run->exit_reason == KVM440_EXIT_SYSTEM_EVENT &&
	      g.run->system_event.type == KVM440_SYSTEM_RESET_CORE &&
	      regs.pc == 0x7218,
	      "DBCR0[RST]: RUN=%d exit_reason=%u type=%u pc=%#x (want 0 SYSTEM_EVENT RESET_CORE 0x7218)",
	      r, g.run->exit_reason, g.run->system_event.type, regs.pc);
	check(regs.gpr[4] == 0x44440004 && sregs.sprg[4] == 0x44440004,
	      "emulated SPRG4 write seen natively: r4 = %#x sprg4 = %#x (want 0x44440004)",
	      regs.gpr[4], sregs.sprg[4]);
	guest_close(&g);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_signal(void)
{
	struct sigaction sa;
	struct itimerval it;
	struct kvm440_regs regs;
	struct guest g;
	int r, err;

	if (guest_setup(&g))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 200000;
	setitimer(ITIMER_REAL, &it, NULL);
	set_pc(&g, 0x5000);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	err = errno;
	check(r == -1 && err == EINTR,
	      "spinning guest: RUN returns EINTR on a signal (got %d %s)",
	      r, r ? strerror(err) : "-");
	get_regs(&g, &regs);
	check(regs.pc == 0x5000, "spinning guest pc = %#x (want 0x5000)",
	      regs.pc);
	guest_close(&g);
}

static void test_cycles(int n)
{
	struct kvm440_regs regs;
	int i, bad = 0;
	struct guest g;

	for (i = 0; i < n; i++) {
		if (guest_open(&g)) {
			bad++;
			break;
		}
		set_pc(&g, i & 1 ? 0x3000 : 0);
		if (ioctl(g.vcpu, KVM440_RUN, 0) ||
		    g.run->exit_reason != KVM440_EXIT_DCR ||
		    get_regs(&g, &regs) ||
		    regs.gpr[3] != (i & 1 ? 0x55u : 0x1235u))
			bad++;
		guest_close(&g);
	}
	check(!bad, "%d create/RUN/close cycles (%d bad)", n, bad);
}

/* guest_run spin: print "spinning", then RUN program D until killed */
static int spin(void)
{
	struct guest g;
	int r;

	if (guest_open(&g) || set_pc(&g, 0x5000)) {
		printf("FAIL: set up VM: %s\n", strerror(errno));
		return 1;
	}
	printf("spinning\n");
	fflush(stdout);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	printf("FAIL: spinning guest returned %d (%s)\n", r, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int cycles;

	if (argc > 1 && !strcmp(argv[1], "spin"))
		return spin();
	cycles = argc > 1 ? atoi(argv[1]) : 100;

	test_native();
	test_sc_and_unmapped();
	test_mmio();
	test_long_loop();
	test_sprg();
	test_emulate();
	test_signal();
	test_cycles(cycles);
	printf("guest_run: %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
