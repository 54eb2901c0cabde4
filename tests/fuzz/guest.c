// SPDX-License-Identifier: GPL-2.0
/*
 * Random guests: RAM filled with instructions drawn from what a guest can
 * do to its hypervisor (privileged and SPR/DCR moves with any number, TLB
 * instructions with any operands, cache ops, loads and stores anywhere,
 * rfi/sc/traps, MSR[WE]) mixed with random words, random registers and
 * supervisor state, and a guest TLB of random entries (some over its RAM,
 * some over nothing, some nonsense), run with RUN cut short by a timer and
 * MMIO/DCR exits answered with random data.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "fuzz.h"

#define R(n)	((uint32_t)(n) << 21)	/* rD/rS */
#define A(n)	((uint32_t)(n) << 16)	/* rA */
#define B(n)	((uint32_t)(n) << 11)	/* rB */

static uint32_t spr_field(uint32_t spr)
{
	return ((spr & 0x1f) << 16 | (spr >> 5 & 0x1f) << 11);
}

static uint32_t rnd_spr(void)
{
	static const uint16_t sprs[] = {
		22, 26, 27, 48, 54, 58, 59, 61, 62, 63, 256, 259, 260, 263,
		272, 273, 274, 275, 276, 277, 278, 279, 284, 285, 286, 287,
		304, 308, 309, 310, 336, 340, 400, 401, 406, 408, 413, 414,
		415, 888, 912, 913, 914, 915, 946, 947, 0x3ff, 1023,
	};

	return rn(3) ? sprs[rn(sizeof(sprs) / sizeof(sprs[0]))] : rn(1024);
}

static uint32_t rnd_insn(uint32_t ram)
{
	uint32_t d = rn(3) ? rn(ram) & 0xfffc : rnd() & 0xffff;

	switch (rn(24)) {
	case 0: return 0x7c000124 | R(rn(32));			/* mtmsr */
	case 1: return 0x7c0000a6 | R(rn(32));			/* mfmsr */
	case 2: return 0x7c0003a6 | R(rn(32)) | spr_field(rnd_spr());
	case 3: return 0x7c0002a6 | R(rn(32)) | spr_field(rnd_spr());
	case 4: return (rn(2) ? 0x7c000386 : 0x7c000286) | R(rn(32)) |
		       spr_field(rn(1024));			/* mt/mfdcr */
	case 5: return (const uint32_t[]){ 0x4c000064, 0x4c000066,
			0x4c00004c, 0x44000002, 0x7fe00008, 0x7c00046c,
			0x4c00012c, 0x7c0004ac, 0x7c000146, 0x7c008146 }[rn(10)];
	case 6: return 0x7c0007a4 | R(rn(32)) | A(rn(32)) | B(rn(4)); /* tlbwe */
	case 7: return 0x7c000764 | R(rn(32)) | A(rn(32)) | B(rn(4)); /* tlbre */
	case 8: return 0x7c000724 | R(rn(32)) | A(rn(32)) | B(rn(32)) |
		       rn(2);					/* tlbsx[.] */
	case 9: return (const uint32_t[]){ 0x7c0007ec, 0x7c0003ac,
			0x7c0000ac, 0x7c0007ac, 0x7c00006c, 0x7c00022c,
			0x7c00078c, 0x7c00038c }[rn(8)] | A(rn(32)) | B(rn(32));
	case 10: return (const uint32_t[]){ 0x80000000, 0x90000000,
			0x88000000, 0x98000000, 0xa0000000, 0xb0000000,
			0xb8000000, 0xbc000000, 0x84000000, 0xa8000000 }[rn(10)] |
			R(rn(32)) | A(rn(32)) | d;		/* loads/stores */
	case 11: return (const uint32_t[]){ 0x7c00002e, 0x7c00012e,
			0x7c000028, 0x7c00012d, 0x7c00042c, 0x7c00052c,
			0x7c0004aa, 0x7c0005aa }[rn(8)] |
			R(rn(32)) | A(rn(32)) | B(rn(32));	/* indexed */
	case 12: case 13: return 0x38000000 | R(rn(32)) | A(rn(32)) |
			 (rnd() & 0xffff);			/* addi */
	case 14: return 0x3c000000 | R(rn(32)) | (rn(2) ? rnd() & 0xffff :
			 (0xe000 | rn(16)));			/* lis */
	case 15: return 0x60000000 | R(rn(32)) | A(rn(32)) | (rnd() & 0xffff);
	case 16: return 0x48000000 | ((rn(2) ? rn(ram) - rn(ram) : rnd()) &
			 0x03fffffc) | rn(2);			/* b, bl */
	case 17: return 0x42000000 | (rnd() & 0xfffc);		/* bdnz */
	case 18: return (const uint32_t[]){ 0x4e800020, 0x4e800420,
			0x7c0903a6, 0x7c0803a6 }[rn(4)] | (rn(2) ? R(rn(32)) : 0);
	case 19: return 0x7c000106 | R(rn(32));			/* wrtee */
	case 20: return 0x7c000008 | R(rn(32)) | A(rn(32)) | B(rn(32));
	default: return rnd();
	}
}

static void rnd_tlb_entry(struct kvm440_tlb_entry *e, uint32_t ram)
{
	uint32_t size = rn(3) ? rn(10) : rnd() & 0xf;

	e->tid = rn(2) ? 0 : rn(4) ? rn(256) : rnd_u32();
	e->word0 = (rn(2) ? (rn(ram) & ~0x3ffu) : rnd() & ~0x3ffu) |
		   (rn(4) ? KVM440_TLB0_V : 0) | (rn(3) ? 0 : KVM440_TLB0_TS) |
		   size << 4;
	e->word1 = rn(2) ? rn(ram) & ~0x3ffu : rnd();
	e->word2 = rn(3) ? (rnd() & KVM440_TLB2_PERM_MASK) |
		   (rn(4) ? 0 : rnd() & KVM440_TLB2_ATTR_MASK) : rnd();
	if (rn(4) == 0)	/* whole words nobody would write */
		rnd_fill(e, sizeof(*e));
}

static void on_alarm(int sig)
{
	(void)sig;
}

void fz_arm_timer(void)
{
	static int installed;
	struct itimerval it = { 0 };

	if (!installed) {
		struct sigaction sa = { 0 };

		sa.sa_handler = on_alarm;	/* no SA_RESTART: RUN ends */
		sigaction(SIGALRM, &sa, NULL);
		sigaction(SIGUSR1, &sa, NULL);
		installed = 1;
	}
	it.it_value.tv_usec = 50 + rn(2000);
	setitimer(ITIMER_REAL, &it, NULL);
}

void fz_guest_run(int dev)
{
	struct kvm440_memory_region mr = { 0 };
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	struct kvm440_tlb tlb;
	struct kvm440_run *run = MAP_FAILED;
	uint32_t ram = 0x4000u << rn(5), *w;	/* 16K .. 256K */
	int vm, vcpu = -1, i, alloc = rn(2), exits;
	void *mem = MAP_FAILED;

	vm = fz_ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm < 0)
		return;
	mr.size = ram;
	if (alloc) {
		mr.flags = KVM440_MEM_ALLOC;
		if (fz_ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			goto out;
		mem = mmap(NULL, ram, PROT_READ | PROT_WRITE, MAP_SHARED, vm, 0);
	} else {
		mem = mmap(NULL, ram, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		mr.userspace_addr = (unsigned long)mem;
		if (mem != MAP_FAILED &&
		    fz_ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			goto out;
	}
	if (mem == MAP_FAILED)
		goto out;
	/* code in the first 16K, where the PC and vectors mostly point */
	for (w = mem, i = 0; i < 4096; i++)
		w[i] = rn(4) ? rnd_insn(ram) : 0x60000000;	/* nop */
	vcpu = fz_ioctl(vm, KVM440_CREATE_VCPU, 0);
	if (vcpu < 0)
		goto out;
	run = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		goto out;
	/* half the guests get a sane mapping of their RAM to start from */
	memset(&tlb, 0, sizeof(tlb));
	for (i = 0; i < KVM440_TLB_ENTRIES; i++)
		if (!rn(3))
			rnd_tlb_entry(&tlb.e[i], ram);
	if (rn(2)) {
		tlb.e[rn(64)] = (struct kvm440_tlb_entry){ 0,
			KVM440_TLB0_V | 7 << 4, 0, rnd() & 0x3f };
	}
	fz_ioctl(vcpu, KVM440_SET_TLB, &tlb);
	memset(&regs, 0, sizeof(regs));
	for (i = 0; i < 32; i++)
		regs.gpr[i] = rn(2) ? rn(ram) : rn(2) ? 0xe0000000 + rn(4096) :
			rnd_u32();
	regs.pc = rn(4) ? rn(ram) & ~3u : rnd();
	regs.msr = rn(2) ? 0 : rnd();
	fz_ioctl(vcpu, KVM440_SET_REGS, &regs);
	if (fz_ioctl(vcpu, KVM440_GET_SREGS, &sregs) == 0) {
		sregs.ivpr = rn(ram) & 0xffff0000u;
		for (i = 0; i < 16; i++)
			sregs.ivor[i] = rn(ram) & 0xfff0;
		if (rn(2)) {
			sregs.tcr = rnd();
			sregs.dec = rn(100000);
			sregs.decar = rn(100000);
		}
		fz_ioctl(vcpu, KVM440_SET_SREGS, &sregs);
	}
	fz.guest_runs++;
	for (exits = 0; exits < 40; exits++) {
		long r;

		if (!rn(10))
			rnd_fill(run, sizeof(*run));	/* the kernel trusts none of it */
		if (!rn(10)) {
			struct kvm440_irq_level l = { rn(2), rn(2) };

			fz_ioctl(vm, KVM440_IRQ_LINE, &l);
		}
		if (!rn(20)) {
			rnd_tlb_entry(&tlb.e[rn(64)], ram);
			fz_ioctl(vcpu, KVM440_SET_TLB, &tlb);
		}
		r = fz_ioctl(vcpu, KVM440_RUN, 0);
		fz.runs++;
		if (r < 0) {
			if (errno == EINTR && rn(2))
				continue;
			break;
		}
		switch (run->exit_reason) {
		case KVM440_EXIT_MMIO:
			rnd_fill(run->mmio.data, sizeof(run->mmio.data));
			break;
		case KVM440_EXIT_DCR:
			run->dcr.data = rnd();
			break;
		case KVM440_EXIT_CONSOLE:
		case KVM440_EXIT_STOPPED:
			break;
		default:	/* halt, shutdown, internal error: done */
			exits = 1000;
		}
	}
out:
	if (run != MAP_FAILED)
		munmap(run, 4096);
	if (mem != MAP_FAILED)
		munmap(mem, ram);
	if (vcpu >= 0)
		close(vcpu);
	close(vm);
}
