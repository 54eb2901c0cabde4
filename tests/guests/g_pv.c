/*
 * pv: the paravirtual interface (docs/paravirt.md), from a guest that
 * speaks it by hand: each hypercall and its registers, bad tokens, the
 * magic page's fields against the (trapping) SPR instructions, critical
 * and int_pending, the page at odd EAs, and ePAPR idle.
 */
#include "rt.h"

#define NULL ((void *)0)

#define HC_MAGIC	0x4b564d21u		/* r0: "KVM!" */
#define TOKEN(v, n)	((uint32_t)(v) << 16 | (n))
#define HC_FEATURES	TOKEN(42, 3)
#define HC_MAP_MAGIC	TOKEN(42, 4)
#define HC_EV_IDLE	TOKEN(1, 16)
#define EV_SUCCESS	0
#define EV_UNIMPLEMENTED 12
#define FEATURE_MAGIC_PAGE	(1u << 1)
#define MAGIC_FEAT_SPRG4_7	(1u << 1)

/* struct kvm_vcpu_arch_shared: offsets of the words a 32-bit guest uses */
#define SH_SCRATCH1	0x04
#define SH_CRITICAL	0x1c
#define SH_SPRG0	0x24
#define SH_SPRG1	0x2c
#define SH_SRR0		0x44
#define SH_SRR1		0x4c
#define SH_DEAR		0x54
#define SH_MSR		0x5c
#define SH_INT_PENDING	0x64
#define SH_ESR		0xc8
#define SH_PIR		0xcc
#define SH_SPRG5	0xdc

#define LINUX_MAGIC	0xfffff000u
#define RAM_PAGE	0x00400000u	/* plain guest RAM the tests overlay */
#define CANARY		0xca7ca7c0u
#define ALIAS		0x20000000u	/* TLB entry 3: EA -> PA 0, 16M */

static volatile uint32_t *page;		/* the magic page's EA */

static uint32_t hcall(uint32_t token, uint32_t a0, uint32_t a1, uint32_t *r4)
{
	register uint32_t r0_ __asm__("r0") = HC_MAGIC;
	register uint32_t r3_ __asm__("r3") = a0;
	register uint32_t r4_ __asm__("r4") = a1;
	register uint32_t r11_ __asm__("r11") = token;

	__asm__ volatile("sc"
			 : "+r"(r0_), "+r"(r3_), "+r"(r4_), "+r"(r11_)
			 : : "r5", "r6", "r7", "r8", "r9", "r10", "r12",
			   "cr0", "ctr", "memory");
	if (r4)
		*r4 = r4_;
	return r3_;
}

static uint32_t sh(uint32_t off)
{
	return page[off / 4];
}

static void sh_set(uint32_t off, uint32_t v)
{
	page[off / 4] = v;
}

static inline __attribute__((always_inline)) uint32_t get_r1(void)
{
	uint32_t r;

	__asm__ volatile("mr %0,1" : "=r"(r));
	return r;
}

/* any exit: the page and the module's copies meet there */
static inline __attribute__((always_inline)) void exit_once(void)
{
	(void)mfspr(SPRN_SPRG2);
}

static uint32_t map_magic(uint32_t ea, uint32_t *r4)
{
	uint32_t r = hcall(HC_MAP_MAGIC, ea, ea | 1, r4);

	page = (volatile uint32_t *)(ea & ~0xfffu);
	return r;
}

static void t_features(void)
{
	uint32_t r4 = 0xdead, r3;
	int ok_ = 1;

	record_reset();
	r3 = hcall(HC_FEATURES, 0, 0, &r4);
	CHECK("pv_features", r3 == EV_SUCCESS, "r3 %u", r3);
	CHECK("pv_features", r4 & FEATURE_MAGIC_PAGE, "r4 %#x", r4);
	CHECK("pv_features", last_trap.count == 0, "the guest's sc handler ran");
	if (ok_)
		pass("pv_features");
}

static void t_bad_tokens(void)
{
	static const uint32_t bad[] = {
		0, TOKEN(42, 0), TOKEN(42, 1), TOKEN(42, 99), TOKEN(1, 0),
		TOKEN(1, 15), TOKEN(2, 16), TOKEN(0xffff, 0xffff),
	};
	unsigned int i;
	int ok_ = 1;

	record_reset();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t r4 = 0xdead, r3 = hcall(bad[i], 1, 2, &r4);

		CHECK("pv_bad_token", r3 == EV_UNIMPLEMENTED && r4 == 0,
		      "token %#x: r3 %u r4 %#x", bad[i], r3, r4);
	}
	CHECK("pv_bad_token", last_trap.count == 0, "the guest's sc handler ran");
	if (ok_)
		pass("pv_bad_token");
}

/* user mode: an sc with the magic r0 is the guest's own system call */
static uint32_t user_magic_sc(uint32_t arg)
{
	register uint32_t r0_ __asm__("r0") = HC_MAGIC;
	register uint32_t r3_ __asm__("r3") = arg;
	register uint32_t r11_ __asm__("r11") = HC_FEATURES;

	__asm__ volatile("sc" : "+r"(r0_), "+r"(r3_), "+r"(r11_) : :
			 "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r12",
			 "cr0", "ctr", "memory");
	return r3_;
}

static void t_plain_sc(void)
{
	int ok_ = 1;
	uint32_t r;

	record_reset();
	__asm__ volatile("li 0,0\n\tsc" : : : "r0", "memory");
	CHECK("pv_plain_sc", last_trap.count == 1 && last_trap.vec == V_SC,
	      "sc with r0 = 0: %d interrupts, last %u", last_trap.count,
	      last_trap.vec);
	record_reset();
	r = call_user(user_magic_sc, 77);
	CHECK("pv_plain_sc", last_trap.count == 1 && last_trap.vec == V_SC &&
	      last_trap.srr1 & MSR_PR,
	      "user sc with the magic r0: %d interrupts, srr1 %#x",
	      last_trap.count, last_trap.srr1);
	CHECK("pv_plain_sc", r == 77, "user r3 %u after its sc (want 77)", r);
	if (ok_)
		pass("pv_plain_sc");
}

static void t_map_and_fields(void)
{
	uint32_t r4 = 0, r3, v;
	int ok_ = 1;

	r3 = map_magic(LINUX_MAGIC, &r4);
	CHECK("pv_map", r3 == EV_SUCCESS, "r3 %u", r3);
	CHECK("pv_map", r4 & MAGIC_FEAT_SPRG4_7, "features %#x", r4);
	CHECK("pv_map", sh(SH_MSR) == mfmsr(), "page msr %#x, mfmsr %#x",
	      sh(SH_MSR), mfmsr());
	if (ok_)
		pass("pv_map");

	ok_ = 1;
	/* module -> page: what a trapping mtspr wrote, the page shows */
	mtspr(SPRN_SPRG0, 0x5a5a0001);
	mtspr(SPRN_ESR, 0x00800000);
	exit_once();
	CHECK("pv_fields", sh(SH_SPRG0) == 0x5a5a0001, "page sprg0 %#x",
	      sh(SH_SPRG0));
	CHECK("pv_fields", sh(SH_ESR) == 0x00800000, "page esr %#x",
	      sh(SH_ESR));
	/* page -> module: what the page holds, the trapping mfspr reads */
	sh_set(SH_SPRG1, 0x11110001);
	sh_set(SH_SRR0, 0x22220000);
	sh_set(SH_SRR1, 0x00021000);
	sh_set(SH_DEAR, 0x33330003);
	sh_set(SH_ESR, 0x08000000);
	sh_set(SH_SPRG5, 0x55550005);
	CHECK("pv_fields", mfspr(SPRN_SPRG1) == 0x11110001, "sprg1 %#x",
	      mfspr(SPRN_SPRG1));
	CHECK("pv_fields", mfspr(SPRN_SRR0) == 0x22220000, "srr0 %#x",
	      mfspr(SPRN_SRR0));
	CHECK("pv_fields", mfspr(SPRN_SRR1) == 0x00021000, "srr1 %#x",
	      mfspr(SPRN_SRR1));
	CHECK("pv_fields", mfspr(SPRN_DEAR) == 0x33330003, "dear %#x",
	      mfspr(SPRN_DEAR));
	CHECK("pv_fields", mfspr(SPRN_ESR) == 0x08000000, "esr %#x",
	      mfspr(SPRN_ESR));
	CHECK("pv_fields", mfspr(SPRN_SPRG5) == 0x55550005, "sprg5 %#x",
	      mfspr(SPRN_SPRG5));
	/* SPRG5R reads the real register: loaded from the page at entry */
	v = mfspr(SPRN_SPRG5R);
	CHECK("pv_fields", v == 0x55550005, "sprg5r %#x", v);
	/* PIR is read-only: a store to the page does not change it */
	sh_set(SH_PIR, 7);
	exit_once();
	CHECK("pv_fields", mfspr(SPRN_PIR) == 0 && sh(SH_PIR) == 0,
	      "pir %u, page %u", mfspr(SPRN_PIR), sh(SH_PIR));
	if (ok_)
		pass("pv_fields");
}

static volatile int decs;
static volatile uint32_t dec_srr0, dec_srr1;

static void dec_handler(struct trap_frame *f)
{
	decs++;
	dec_srr0 = f->srr0;
	dec_srr1 = f->srr1;
	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, TSR_DIS);
}

/* a decrementer interrupt left pending with MSR[EE] clear */
static int dec_pending(void)
{
	int i;

	decs = 0;
	mtmsr(MSR_ME | MSR_CE);
	mtspr(SPRN_TSR, TSR_DIS);
	mtspr(SPRN_TCR, TCR_DIE);
	mtspr(SPRN_DEC, 2000);
	for (i = 0; i < 1000000; i++)
		if (mfspr(SPRN_TSR) & TSR_DIS)
			return 1;
	return 0;
}

static void t_int_pending(void)
{
	int ok_ = 1;

	exit_once();
	CHECK("pv_int_pending", sh(SH_INT_PENDING) == 0,
	      "int_pending %u with nothing pending", sh(SH_INT_PENDING));
	CHECK("pv_int_pending", dec_pending(), "the decrementer never fired");
	CHECK("pv_int_pending", sh(SH_INT_PENDING) == 1 && decs == 0,
	      "int_pending %u, %d interrupts, with DEC pending behind EE",
	      sh(SH_INT_PENDING), decs);
	/* EE set through the page, as the patched wrtee does: next exit */
	sh_set(SH_MSR, sh(SH_MSR) | MSR_EE);
	exit_once();
	CHECK("pv_int_pending", decs == 1, "%d interrupts after EE through the page",
	      decs);
	CHECK("pv_int_pending", sh(SH_INT_PENDING) == 0 && mfmsr() & MSR_EE,
	      "afterwards int_pending %u, msr %#x", sh(SH_INT_PENDING), mfmsr());
	mtmsr(MSR_ME | MSR_CE);
	if (ok_)
		pass("pv_int_pending");
}

static void t_critical(void)
{
	int ok_ = 1, i;

	CHECK("pv_critical", dec_pending(), "the decrementer never fired");
	sh_set(SH_CRITICAL, get_r1());
	sh_set(SH_MSR, sh(SH_MSR) | MSR_EE);
	for (i = 0; i < 3; i++)
		exit_once();
	CHECK("pv_critical", decs == 0,
	      "%d interrupts while critical == r1", decs);
	sh_set(SH_CRITICAL, get_r1() + 8);
	exit_once();
	CHECK("pv_critical", decs == 1, "%d interrupts after critical != r1",
	      decs);
	mtmsr(MSR_ME | MSR_CE);
	sh_set(SH_CRITICAL, 0);
	if (ok_)
		pass("pv_critical");
}

static void t_odd_addresses(void)
{
	volatile uint32_t *ram = (volatile uint32_t *)RAM_PAGE;
	volatile uint32_t *alias = (volatile uint32_t *)(ALIAS + RAM_PAGE);
	uint32_t r3, r4 = 0, i;
	int ok_ = 1;

	tlb_map(3, ALIAS, 0, SZ_16M, TLB2_SRWX);
	ram[0] = CANARY;
	ram[SH_MSR / 4] = CANARY + 1;

	/* inside RAM the guest TLB maps, not page-aligned: the page wins */
	r3 = map_magic(RAM_PAGE + 0xabc, &r4);
	CHECK("pv_odd_ea", r3 == EV_SUCCESS, "r3 %u", r3);
	CHECK("pv_odd_ea", ram[SH_MSR / 4] == mfmsr(),
	      "msr at %#x: %#x, mfmsr %#x", RAM_PAGE, ram[SH_MSR / 4], mfmsr());
	sh_set(SH_SCRATCH1, 0x12345678);
	CHECK("pv_odd_ea", alias[0] == CANARY && alias[SH_MSR / 4] == CANARY + 1,
	      "RAM behind the page changed: %#x %#x", alias[0],
	      alias[SH_MSR / 4]);
	/* it survives the guest's own TLB flushes */
	for (i = TLB_FIRST_FREE + 1; i < 64; i++)
		tlb_unmap(i);
	tlbwe(0, tlbre(0, 0), tlbre(0, 1), tlbre(0, 2));
	CHECK("pv_odd_ea", ram[SH_SCRATCH1 / 4] == 0x12345678,
	      "after tlbwe: scratch1 %#x", ram[SH_SCRATCH1 / 4]);

	/* where the guest TLB maps nothing at all */
	r3 = map_magic(0x80000000u, NULL);
	CHECK("pv_odd_ea", r3 == EV_SUCCESS && sh(SH_MSR) == mfmsr() &&
	      sh(SH_SCRATCH1) == 0x12345678,
	      "at 0x80000000: r3 %u msr %#x scratch1 %#x", r3, sh(SH_MSR),
	      sh(SH_SCRATCH1));
	/* moved away: the RAM is back */
	CHECK("pv_odd_ea", ram[0] == CANARY && ram[SH_MSR / 4] == CANARY + 1,
	      "old EA after the move: %#x %#x", ram[0], ram[SH_MSR / 4]);
	if (ok_)
		pass("pv_odd_ea");
}

/* user mode: a load at @ea, which the magic page must not answer */
static uint32_t user_load(uint32_t ea)
{
	return *(volatile uint32_t *)ea;
}

static void t_not_user_not_exec(void)
{
	void (*fn)(void) = (void (*)(void))(RAM_PAGE + 0x100);
	int ok_ = 1;
	uint32_t v;

	user_alias_map(4);	/* the flush in t_odd_addresses dropped it */
	/* the page in the user alias: kernel mode sees it, user mode RAM */
	map_magic(USER_ALIAS + RAM_PAGE, NULL);
	CHECK("pv_not_user", sh(SH_MSR) == mfmsr(), "kernel read %#x",
	      sh(SH_MSR));
	v = call_user(user_load, USER_ALIAS + RAM_PAGE + SH_MSR);
	CHECK("pv_not_user", v == CANARY + 1, "user read %#x, want the RAM's %#x",
	      v, CANARY + 1);
	if (ok_)
		pass("pv_not_user");

	/* never executable, even where the guest TLB allows execution */
	ok_ = 1;
	map_magic(RAM_PAGE, NULL);
	record_reset();
	set_handler(V_ISI, record_and_return);
	fn();
	set_handler(V_ISI, NULL);
	CHECK("pv_not_exec", last_trap.count == 1 && last_trap.vec == V_ISI &&
	      last_trap.srr0 == RAM_PAGE + 0x100,
	      "%d interrupts, last IVOR%u at %#x", last_trap.count,
	      last_trap.vec, last_trap.srr0);
	if (ok_)
		pass("pv_not_exec");
	map_magic(LINUX_MAGIC, NULL);
}

static void t_idle(void)
{
	const uint32_t P = 4000000;	/* 10 ms at 400 MHz */
	uint64_t t0, t1;
	uint32_t r3, sc_pc;
	int ok_ = 1;

	decs = 0;
	mtspr(SPRN_TSR, TSR_DIS);
	mtspr(SPRN_TCR, TCR_DIE);
	mtspr(SPRN_DEC, P);
	mtmsr(MSR_ME | MSR_CE | MSR_EE);
	t0 = mftb64();
	r3 = hcall(HC_EV_IDLE, 0, 0, NULL);
	t1 = mftb64();
	mtmsr(MSR_ME | MSR_CE);
	sc_pc = dec_srr0 - 4;
	printf("info: pv_idle: slept %llu TB ticks (programmed %u)\n",
	       (unsigned long long)(t1 - t0), P);
	CHECK("pv_idle", r3 == EV_SUCCESS, "r3 %u", r3);
	CHECK("pv_idle", decs == 1, "%d interrupts", decs);
	CHECK("pv_idle", *(volatile uint32_t *)sc_pc == 0x44000002,
	      "the interrupt's SRR0 %#x is not after the sc", dec_srr0);
	CHECK("pv_idle", !(dec_srr1 & MSR_WE) && dec_srr1 & MSR_EE,
	      "SRR1 %#x", dec_srr1);
	CHECK("pv_idle", t1 - t0 >= P * 9 / 10, "woke after %llu ticks",
	      (unsigned long long)(t1 - t0));
	if (ok_)
		pass("pv_idle");
}

int main(void)
{
	rt_test = "pv";
	if (rt_native) {
		fail("pv", "needs kvm440 (no hypervisor under plain QEMU)");
		guest_exit(1);
	}
	set_handler(V_SC, record_and_skip);
	set_handler(V_DEC, dec_handler);
	user_alias_map(4);
	t_features();
	t_bad_tokens();
	t_plain_sc();
	t_map_and_fields();
	t_int_pending();
	t_critical();
	t_odd_addresses();
	t_not_user_not_exec();
	t_idle();
	mtdcr(DCR_MARK, 0);
	guest_exit(rt_failures ? 1 : 0);
}
