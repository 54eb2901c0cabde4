/*
 * emul: every instruction kvm440 emulates, at least once, and the guest
 * reading its own supervisor state back: MSR (mfmsr, mtmsr, wrtee,
 * wrteei), SRR0/1, CSRR0/1, DEAR, ESR, IVPR, IVOR0-15, SPRG0-7 (and their
 * user-read aliases), PID, MMUCR, CCR0/1, PVR, PIR, DEC/DECAR/TCR/TSR,
 * TBWL/TBWU, DBCR0, rfi, rfci, iccci, dccci, dcbi, tlbsync, tlbwe, tlbre,
 * tlbsx(.), mfdcr, mtdcr.
 */
#include "rt.h"

#define SPR_RT(n, v, want, name) do { \
	mtspr(n, v); \
	uint32_t got_ = mfspr(n); \
	CHECK(name, got_ == (uint32_t)(want), "%s wrote %#08x read %#08x want %#08x", \
	      #n, (uint32_t)(v), got_, (uint32_t)(want)); } while (0)

static void t_msr(void)
{
	const char *n = "emul_msr";
	uint32_t m0 = mfmsr(), m;
	int ok_ = 1;

	CHECK(n, m0 == 0, "initial MSR %#08x, want 0 (VMM starts the guest with MSR 0)", m0);
	mtmsr(MSR_ME | MSR_CE | MSR_DE);
	m = mfmsr();
	CHECK(n, m == (MSR_ME | MSR_CE | MSR_DE), "mtmsr ME|CE|DE: mfmsr %#08x", m);
	__asm__ volatile("wrteei 1" ::: "memory");
	m = mfmsr();
	CHECK(n, m == (MSR_ME | MSR_CE | MSR_DE | MSR_EE), "wrteei 1: mfmsr %#08x", m);
	__asm__ volatile("wrteei 0" ::: "memory");
	m = mfmsr();
	CHECK(n, m == (MSR_ME | MSR_CE | MSR_DE), "wrteei 0: mfmsr %#08x", m);
	__asm__ volatile("wrtee %0" : : "r"(0xffffffffu) : "memory");
	m = mfmsr();
	CHECK(n, m == (MSR_ME | MSR_CE | MSR_DE | MSR_EE), "wrtee ~0: mfmsr %#08x", m);
	__asm__ volatile("wrtee %0" : : "r"(~MSR_EE) : "memory");
	m = mfmsr();
	CHECK(n, m == (MSR_ME | MSR_CE | MSR_DE), "wrtee ~EE: mfmsr %#08x", m);
	mtmsr(MSR_ME);
	m = mfmsr();
	CHECK(n, m == MSR_ME, "mtmsr ME: mfmsr %#08x", m);
	if (ok_)
		pass(n);
}

static void t_spr(void)
{
	const char *n = "emul_spr";
	int ok_ = 1;

	SPR_RT(SPRN_SRR0, 0x12345678, 0x12345678, n);
	SPR_RT(SPRN_SRR1, 0x00021200, 0x00021200, n);
	SPR_RT(SPRN_CSRR0, 0x87654320, 0x87654320, n);
	SPR_RT(SPRN_CSRR1, 0x00001000, 0x00001000, n);
	SPR_RT(SPRN_DEAR, 0xdeadbee0, 0xdeadbee0, n);
	SPR_RT(SPRN_ESR, ESR_PTR | ESR_ST, ESR_PTR | ESR_ST, n);
	mtspr(SPRN_ESR, 0);
	SPR_RT(SPRN_PID, 0x5a, 0x5a, n);
	SPR_RT(SPRN_PID, 0, 0, n);
	SPR_RT(SPRN_MMUCR, MMUCR_STS | 0x12, MMUCR_STS | 0x12, n);
	SPR_RT(SPRN_MMUCR, 0, 0, n);
	{
		uint32_t c0 = mfspr(SPRN_CCR0), c1 = mfspr(SPRN_CCR1);
		SPR_RT(SPRN_CCR0, c0 ^ 0x00000100, c0 ^ 0x00000100, n);
		SPR_RT(SPRN_CCR0, c0, c0, n);
		SPR_RT(SPRN_CCR1, c1, c1, n);
	}
	SPR_RT(SPRN_DBCR0, 0x01000000, 0x01000000, n);	/* TRAP, no RST */
	SPR_RT(SPRN_DBCR0, 0, 0, n);
	/* PVR/PIR: read only */
	{
		uint32_t pvr = mfspr(SPRN_PVR), pir = mfspr(SPRN_PIR);
		printf("info: PVR %#08x PIR %#08x\n", pvr, pir);
		CHECK(n, pvr >> 28 == 4, "PVR %#08x is not a 4xx PVR", pvr);
		CHECK(n, pir == 0, "PIR %#08x, want 0", pir);
	}
	if (ok_)
		pass(n);
}

static void t_sprg(void)
{
	const char *n = "emul_sprg";
	int ok_ = 1;
	uint32_t v;

	SPR_RT(SPRN_SPRG0, 0x50505050, 0x50505050, n);
	SPR_RT(SPRN_SPRG1, 0x51515151, 0x51515151, n);
	SPR_RT(SPRN_SPRG2, 0x52525252, 0x52525252, n);
	SPR_RT(SPRN_SPRG3, 0x53535353, 0x53535353, n);
	SPR_RT(SPRN_SPRG4, 0x54545454, 0x54545454, n);
	SPR_RT(SPRN_SPRG5, 0x55555555, 0x55555555, n);
	SPR_RT(SPRN_SPRG6, 0x56565656, 0x56565656, n);
	SPR_RT(SPRN_SPRG7, 0x57575757, 0x57575757, n);
	/* the user-readable aliases (SPRG4-7 natively) see the same values */
	v = mfspr(SPRN_SPRG4R);
	CHECK(n, v == 0x54545454, "SPRG4R %#08x", v);
	v = mfspr(SPRN_SPRG5R);
	CHECK(n, v == 0x55555555, "SPRG5R %#08x", v);
	v = mfspr(SPRN_SPRG6R);
	CHECK(n, v == 0x56565656, "SPRG6R %#08x", v);
	v = mfspr(SPRN_SPRG7R);
	CHECK(n, v == 0x57575757, "SPRG7R %#08x", v);
	/* SPRG0 again: the others did not clobber it */
	v = mfspr(SPRN_SPRG0);
	CHECK(n, v == 0x50505050, "SPRG0 after the others %#08x", v);
	if (ok_)
		pass(n);
	/* SPRG3 through its user-read number: runs natively in problem state */
	v = mfspr(SPRN_SPRG3R);
	if (v == 0x53535353)
		pass("emul_sprg3r");
	else
		fail("emul_sprg3r", "mfspr 0x103 (SPRG3R) %#08x, want the guest's SPRG3 0x53535353", v);
}

#define IVOR_RT(k) do { \
	mtspr(SPRN_IVOR0 + k, 0x0a50 + (k) * 0x10 + 0xf); \
	got[k] = mfspr(SPRN_IVOR0 + k); } while (0)

static void t_ivor(void)
{
	const char *n = "emul_ivpr_ivor";
	uint32_t got[16], ivpr;
	int ok_ = 1, k;

	/* no interrupt may happen while these point elsewhere (EE/CE off) */
	mtspr(SPRN_IVPR, 0x1234ffff);
	ivpr = mfspr(SPRN_IVPR);
	IVOR_RT(0); IVOR_RT(1); IVOR_RT(2); IVOR_RT(3);
	IVOR_RT(4); IVOR_RT(5); IVOR_RT(6); IVOR_RT(7);
	IVOR_RT(8); IVOR_RT(9); IVOR_RT(10); IVOR_RT(11);
	IVOR_RT(12); IVOR_RT(13); IVOR_RT(14); IVOR_RT(15);
	mtspr(SPRN_IVPR, 0);
#define IVOR_SET(k) mtspr(SPRN_IVOR0 + k, 0x1000 + (k) * 0x100)
	IVOR_SET(0); IVOR_SET(1); IVOR_SET(2); IVOR_SET(3);
	IVOR_SET(4); IVOR_SET(5); IVOR_SET(6); IVOR_SET(7);
	IVOR_SET(8); IVOR_SET(9); IVOR_SET(10); IVOR_SET(11);
	IVOR_SET(12); IVOR_SET(13); IVOR_SET(14); IVOR_SET(15);
	CHECK(n, ivpr == 0x12340000, "IVPR wrote 0x1234ffff read %#08x (want 0x12340000)", ivpr);
	for (k = 0; k < 16; k++)
		CHECK(n, got[k] == 0x0a50u + k * 0x10, "IVOR%d wrote %#x read %#x (want %#x)",
		      k, 0x0a50 + k * 0x10 + 0xf, got[k], 0x0a50 + k * 0x10);
	/* and they are in effect: the sc vector reaches our handler */
	record_reset();
	set_handler(V_SC, record_and_skip);
	__asm__ volatile("sc" ::: "memory", "r0", "r3", "r4", "r5", "r6",
			 "r7", "r8", "r9", "r10", "r11", "r12", "lr", "ctr", "cr0");
	set_handler(V_SC, 0);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_SC,
	      "sc after restoring IVORs: %d interrupts, vector %u", last_trap.count,
	      last_trap.vec);
	if (ok_)
		pass(n);
}

static void t_timer_sprs(void)
{
	const char *n = "emul_timer_sprs";
	int ok_ = 1;
	uint32_t v;

	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, 0xffffffff);
	mtspr(SPRN_DECAR, 0x01000000);
	mtspr(SPRN_DEC, 0x7fffffff);
	v = mfspr(SPRN_DEC);
	CHECK(n, v <= 0x7fffffff && v > 0x70000000, "DEC wrote 0x7fffffff read %#08x", v);
	mtspr(SPRN_DEC, 0);
	SPR_RT(SPRN_TCR, TCR_ARE | TCR_FP(2) | TCR_WP(3),
	       TCR_ARE | TCR_FP(2) | TCR_WP(3), n);
	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, 0xffffffff);	/* write one to clear */
	v = mfspr(SPRN_TSR);
	/* FIS keeps being set by the running FIT even with FIE off */
	CHECK(n, (v & TSR_DIS) == 0, "TSR after clearing everything %#08x", v);
	if (ok_)
		pass(n);
	/* TB writes: accepted; whether mftb shows them is reported only */
	{
		uint64_t t0 = mftb64(), t1;
		mtspr(SPRN_TBWL, 0);
		mtspr(SPRN_TBWU, 0x40);
		mtspr(SPRN_TBWL, 0);
		t1 = mftb64();
		printf("info: TB %#llx, wrote TBU 0x40, then mftb %#llx\n",
		       (unsigned long long)t0, (unsigned long long)t1);
		pass("emul_tb_write");
	}
}

static volatile uint32_t rfi_msr;

static void t_rfi(void)
{
	const char *n = "emul_rfi";
	int ok_ = 1;
	uint32_t m, pc;

	/* rfi: pc <- SRR0, MSR <- SRR1 */
	__asm__ volatile(
		"lis %1,1f@ha\n\taddi %1,%1,1f@l\n\t"
		"mtspr 0x1a,%1\n\t"
		"mtspr 0x1b,%2\n\t"
		"rfi\n\t"
		"b .\n"
		"1:\tmfmsr %0"
		: "=r"(m), "=&b"(pc) : "r"(MSR_ME | MSR_DE) : "memory");
	CHECK(n, m == (MSR_ME | MSR_DE), "after rfi: MSR %#08x (want %#08x)", m, MSR_ME | MSR_DE);
	__asm__ volatile(
		"lis %1,1f@ha\n\taddi %1,%1,1f@l\n\t"
		"mtspr 0x3a,%1\n\t"
		"mtspr 0x3b,%2\n\t"
		"rfci\n\t"
		"b .\n"
		"1:\tmfmsr %0"
		: "=r"(m), "=&b"(pc) : "r"(MSR_ME | MSR_CE) : "memory");
	CHECK(n, m == (MSR_ME | MSR_CE), "after rfci: MSR %#08x (want %#08x)", m, MSR_ME | MSR_CE);
	mtmsr(MSR_ME);
	if (ok_)
		pass(n);
}

static void t_sc_state(void)
{
	const char *n = "emul_sc_state";
	int ok_ = 1;
	uint32_t pc;

	mtmsr(MSR_ME | MSR_CE);
	record_reset();
	set_handler(V_SC, record_and_skip);
	__asm__ volatile("bl 1f\n1:\tmflr %0\n\tsc" : "=r"(pc) : :
			 "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8",
			 "r9", "r10", "r11", "r12", "lr", "ctr", "cr0");
	set_handler(V_SC, 0);
	CHECK(n, last_trap.count == 1, "sc: %d interrupts", last_trap.count);
	CHECK(n, last_trap.srr0 == pc + 8, "sc: SRR0 %#08x (want %#08x, after the sc)",
	      last_trap.srr0, pc + 8);
	CHECK(n, last_trap.srr1 == (MSR_ME | MSR_CE), "sc: SRR1 %#08x (want %#08x)",
	      last_trap.srr1, MSR_ME | MSR_CE);
	CHECK(n, last_trap.msr == (MSR_ME | MSR_CE), "in the sc handler: MSR %#08x (want %#08x)",
	      last_trap.msr, MSR_ME | MSR_CE);
	mtmsr(MSR_ME);
	if (ok_)
		pass(n);
}

static uint32_t cache_buf[64] __attribute__((aligned(32)));

static void t_cache(void)
{
	uint32_t *p = cache_buf;

	p[0] = 0x11111111;
	__asm__ volatile("dcbf 0,%0\n\tsync\n\tdcbi 0,%0\n\tsync" : : "r"(p) : "memory");
	__asm__ volatile("iccci 0,%0\n\tisync" : : "r"(p) : "memory");
	__asm__ volatile("dccci 0,%0\n\tsync" : : "r"(p) : "memory");
	__asm__ volatile("tlbsync" ::: "memory");
	/* still running, RAM still there */
	if (p[0] == 0x11111111 || p[0] == 0)
		pass("emul_cache");
	else
		fail("emul_cache", "buffer reads %#08x after dcbi", p[0]);
}

static void t_tlb(void)
{
	const char *n = "emul_tlb";
	int ok_ = 1, idx;
	uint32_t w0, w1, w2, v;
	volatile uint32_t *ea = (volatile uint32_t *)0x20000000;

	mtspr(SPRN_MMUCR, 0);
	tlbwe(40, 0x20000000 | TLB0_V | TLB0_SIZE(SZ_4K), 0x00400000,
	      TLB2_SW | TLB2_SR);
	w0 = tlbre(40, 0);
	w1 = tlbre(40, 1);
	w2 = tlbre(40, 2);
	CHECK(n, (w0 & 0xfffffff0) == (0x20000000 | TLB0_V | TLB0_SIZE(SZ_4K)) &&
	      w1 == 0x00400000 && w2 == (TLB2_SW | TLB2_SR),
	      "tlbre 40: %#08x %#08x %#08x", w0, w1, w2);
	idx = tlbsx(0x20000abc);
	CHECK(n, idx == 40, "tlbsx. 0x20000abc: %d (want 40)", idx);
	idx = tlbsx(0x20001000);
	CHECK(n, idx == -1, "tlbsx. of an unmapped EA: %d (want no match)", idx);
	*(volatile uint32_t *)0x00400010 = 0xc0ffee01;
	v = ea[4];
	CHECK(n, v == 0xc0ffee01, "load through the new entry %#08x", v);
	/* TID from MMUCR[STID], and tlbsx honours STID */
	mtspr(SPRN_MMUCR, 0x37);
	tlbwe(41, 0x20010000 | TLB0_V | TLB0_SIZE(SZ_4K), 0x00401000,
	      TLB2_SW | TLB2_SR);
	v = mfspr(SPRN_MMUCR);
	CHECK(n, (v & 0xff) == 0x37, "MMUCR after tlbwe %#08x", v);
	idx = tlbsx(0x20010000);
	CHECK(n, idx == 41, "tlbsx. with STID 0x37: %d (want 41)", idx);
	mtspr(SPRN_MMUCR, 0x38);
	idx = tlbsx(0x20010000);
	CHECK(n, idx == -1, "tlbsx. with STID 0x38: %d (want no match)", idx);
	mtspr(SPRN_MMUCR, 0);
	__asm__ volatile("tlbre %0,%1,0\n\t" : "=r"(w0) : "r"(41));
	v = mfspr(SPRN_MMUCR);
	CHECK(n, (v & 0xff) == 0x37, "tlbre word 0 sets MMUCR[STID]: %#08x (want 0x37)", v & 0xff);
	mtspr(SPRN_MMUCR, 0);
	tlb_unmap(40);
	tlb_unmap(41);
	idx = tlbsx(0x20000abc);
	CHECK(n, idx == -1, "tlbsx. after invalidating: %d", idx);
	if (ok_)
		pass(n);
}

static void t_dcr(void)
{
	const char *n = "emul_dcr";
	int ok_ = 1;
	uint32_t v;

	v = mfdcr(DCR_MAGIC);
	CHECK(n, v == DCR_MAGIC_VALUE, "mfdcr magic %#08x", v);
	mtdcr(DCR_SCRATCH, 0x600dd00d);
	v = mfdcr(DCR_SCRATCH);
	CHECK(n, v == 0x600dd00d, "scratch DCR %#08x", v);
	if (ok_)
		pass(n);
}

static void t_bad_spr(void)
{
	const char *n = "emul_bad_spr";
	int ok_ = 1;

	/* writing a read-only SPR or an unknown one: program interrupt */
	record_reset();
	set_handler(V_PROGRAM, record_and_skip);
	__asm__ volatile("mtspr 0x1f0,%0" : : "r"(1) : "memory");
	set_handler(V_PROGRAM, 0);
	CHECK(n, last_trap.count == 1 && last_trap.esr & ESR_PIL,
	      "mtspr 0x1f0: %d program interrupts, ESR %#08x (want 1, PIL)",
	      last_trap.count, last_trap.esr);
	if (ok_)
		pass(n);
}

int main(void)
{
	rt_test = "emul";
	t_msr();
	t_spr();
	t_sprg();
	t_ivor();
	t_timer_sprs();
	t_rfi();
	t_sc_state();
	t_bad_spr();
	t_cache();
	t_dcr();
	t_tlb();
	return rt_failures ? 1 : 0;
}
