// SPDX-License-Identifier: GPL-2.0
/*
 * guest_run [CYCLES | spin]: run tiny hand-assembled bare-metal guests through
 * KVM440_RUN and check where and how they stop. One "ok:"/"FAIL:" line per
 * check; exit 0 when all hold. CYCLES (default 100) is the number of
 * create/run/close rounds of the last check. "spin" runs a guest that
 * never stops, for a test to kill.
 *
 * Guest memory: 1M at guest physical 0; guest TLB: one 16M entry
 * EA 0 -> PA 0, TS=0, SX|SW|SR. The guest starts in supervisor state with
 * MSR 0, which kvm440 runs as PR=1 IS=DS=1 under a shadow PID.
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
 * page, a store, then mfmsr (privileged: trapped and emulated) and mfdcr
 * (not emulated yet: the guest stops there).
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
};
#define A_EXIT_PC	0x1008
#define INST_MFDCR_R5	0x7ca03286

/*
 * Program B at 0x3000: a hypercall-style sc, then a load from an EA the
 * guest TLB does not map.
 */
static const uint32_t prog_b[] = {
	0x38000440,	/* 0x3000 li   r0,0x440 */
	0x38600055,	/* 0x3004 li   r3,0x55 */
	0x44000002,	/* 0x3008 sc */
	0x38630001,	/* 0x300c addi r3,r3,1 */
	0x3ce01000,	/* 0x3010 lis  r7,0x1000 */
	0x81070000,	/* 0x3014 lwz  r8,0(r7) */
};

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
	0x7ca03286,	/* 0x6010 mfdcr r5,0xc0 */
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
	0x44000002,	/* 0x710c sc */
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
#define F_SC_PC		0x710c
#define F_MSR		0x00029000u	/* CE|EE|ME */
#define ESR_PIL		0x08000000u

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
	put(g, 0x4000, prog_c, sizeof(prog_c));
	put(g, 0x5000, prog_d, sizeof(prog_d));
	put(g, 0x6000, prog_e, sizeof(prog_e));
	put(g, 0x7000, prog_f0, sizeof(prog_f0));
	put(g, 0x7100, prog_f1, sizeof(prog_f1));
	put(g, 0x7200, prog_g, sizeof(prog_g));
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
	memset(&tlb, 0, sizeof(tlb));
	/* EA 0 -> PA 0, 16M, V, TS=0, supervisor RWX */
	tlb.e[0].word0 = 0x00000000 | KVM440_TLB0_V |
			 (7 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word1 = 0;
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
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
	expect_internal(&g, r, A_EXIT_PC, INST_MFDCR_R5,
			"program A stops at mfdcr");
	get_regs(&g, &regs);
	check(regs.gpr[3] == 0x1235, "guest r3 = %#x (want 0x1235)",
	      regs.gpr[3]);
	check(regs.gpr[6] == 1000 && regs.ctr == 0,
	      "guest loop ran: r6 = %u, ctr = %u (want 1000, 0)",
	      regs.gpr[6], regs.ctr);
	check(regs.pc == A_EXIT_PC, "guest pc = %#x (want %#x)", regs.pc,
	      A_EXIT_PC);
	check(regs.gpr[4] == 0 && regs.msr == 0,
	      "emulated mfmsr: r4 = %#x msr = %#x (want 0 0)", regs.gpr[4],
	      regs.msr);
	check(stat(&g, KVM440_STAT_EMUL_INST) == 1,
	      "one emulated instruction: emul_inst %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_EMUL_INST));
	memcpy(&stored, g.mem + 0x2000, 4);
	check(stored == 0x1235,
	      "guest store reached guest RAM: [0x2000] = %#x (want 0x1235)",
	      stored);
	check(stat(&g, KVM440_STAT_ITLB_VIRT) >= 2 &&
	      stat(&g, KVM440_STAT_DTLB_VIRT) >= 1,
	      "TLB fills from the guest TLB: itlb_v %llu dtlb_v %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_ITLB_VIRT),
	      (unsigned long long)stat(&g, KVM440_STAT_DTLB_VIRT));

	/* RUN again without fixing anything: the same stop */
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_internal(&g, r, A_EXIT_PC, INST_MFDCR_R5,
			"second RUN stops at the same mfdcr");
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
	expect_internal(&g, r, 0x3008, 0x44000002, "sc exits");
	get_regs(&g, &regs);
	check(regs.gpr[0] == 0x440 && regs.gpr[3] == 0x55 &&
	      regs.pc == 0x300c,
	      "at sc: r0 = %#x r3 = %#x pc = %#x (want 0x440 0x55 0x300c)",
	      regs.gpr[0], regs.gpr[3], regs.pc);

	/* resume after the sc: the load from EA 0x10000000 is unmapped */
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_internal(&g, r, 0x3014, 0x81070000,
			"load from an unmapped EA stops the guest");
	get_regs(&g, &regs);
	check(regs.gpr[3] == 0x56 && regs.gpr[7] == 0x10000000,
	      "resumed after sc: r3 = %#x r7 = %#x (want 0x56 0x10000000)",
	      regs.gpr[3], regs.gpr[7]);
	check(stat(&g, KVM440_STAT_DTLB_REAL) == 1,
	      "one unresolved data TLB miss: dtlb_r %llu",
	      (unsigned long long)stat(&g, KVM440_STAT_DTLB_REAL));
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
	expect_internal(&g, r, 0x4010, INST_MFDCR_R5,
			"16M-iteration loop finishes");
	get_regs(&g, &regs);
	dec = stat(&g, KVM440_STAT_DEC);
	check(regs.ctr == 0 && regs.gpr[5] == 0x1000000,
	      "loop state: ctr = %u r5 = %#x", regs.ctr, regs.gpr[5]);
	printf("info: exits %llu, decrementer %llu, external %llu, light %llu\n",
	       (unsigned long long)stat(&g, KVM440_STAT_EXITS),
	       (unsigned long long)dec,
	       (unsigned long long)stat(&g, KVM440_STAT_EXT_INTR),
	       (unsigned long long)stat(&g, KVM440_STAT_LIGHT_EXITS));
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
	printf("info: user read of SPRG3 stopped at pc %#x, r3 = %#x\n",
	       g.run->internal.pc, regs.gpr[3]);
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
	expect_internal(&g, r, F_SC_PC, 0x44000002,
			"program F reaches sc in its program handler");
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
	check(regs.msr == (F_MSR & ~0x8000u) && regs.pc == F_SC_PC + 4,
	      "after the program interrupt: msr = %#x pc = %#x (want %#x %#x)",
	      regs.msr, regs.pc, F_MSR & ~0x8000u, F_SC_PC + 4);
	check(sregs.sprg[0] == 0x11223344 && sregs.ivor[6] == 0x7100 &&
	      sregs.srr0 == F_BAD_SPR_PC && sregs.esr == ESR_PIL,
	      "sregs: sprg0 %#x ivor6 %#x srr0 %#x esr %#x", sregs.sprg[0],
	      sregs.ivor[6], sregs.srr0, sregs.esr);
	check(stat(&g, KVM440_STAT_UNKNOWN_SPR) == 1 &&
	      stat(&g, KVM440_STAT_PROGRAM) == 1 &&
	      stat(&g, KVM440_STAT_EMUL_INST) == 14 &&
	      stat(&g, KVM440_STAT_LIGHT_EXITS) >= 14,
	      "stats: unknown_spr %llu program %llu emul_inst %llu light %llu (want 1 1 14 >=14)",
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
		    g.run->exit_reason != KVM440_EXIT_INTERNAL_ERROR ||
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
	test_long_loop();
	test_sprg();
	test_emulate();
	test_signal();
	test_cycles(cycles);
	printf("guest_run: %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
