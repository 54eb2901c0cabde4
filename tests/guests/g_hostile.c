/*
 * hostile: a guest that tries to escape, one attack per check, each of
 * which must fail. What the guest cannot see itself (the attributes and
 * rights of its shadow TLB entries, the host's pinned entries, SPRGs left
 * in the hardware) the e2e test reads from the host side (sec_guests.sh:
 * the tlbspy module, sprg_peek); the guest checks that it keeps running
 * correctly meanwhile.
 *
 * --arg 0: every attack below but the split one, then exit 0 with SPRG4-7
 *          holding secrets.
 * --arg 1: the split-space attack alone (before the fix it never ended).
 * --arg N (N > 1): set SPRG4-7 to secrets and spin N million loops, so a
 *          host process can look for them while the guest runs.
 */
#include "rt.h"

#define SECRET(n)	(0x5ec2e700u | (n))	/* sprg_peek knows the pattern */

static void set_secrets(void)
{
	mtspr(SPRN_SPRG4, SECRET(4));
	mtspr(SPRN_SPRG5, SECRET(5));
	mtspr(SPRN_SPRG6, SECRET(6));
	mtspr(SPRN_SPRG7, SECRET(7));
}

static void spin(uint32_t n)
{
	volatile uint32_t i;

	for (i = 0; i < n; i++)
		;
}

/*
 * Cache attributes: RAM mapped write-through, cache-inhibited, guarded,
 * with U0-U3 set, used hard for a while. The host's RAM must only ever be
 * shadowed with its own safe attributes (the test reads the shadows).
 */
static void attack_attr(void)
{
	const char *n = "hostile_attr";
	volatile uint32_t *wi = (volatile uint32_t *)0x40000000;
	volatile uint32_t *w = (volatile uint32_t *)0x40001000;
	volatile uint32_t *plain = (volatile uint32_t *)0x00400000;
	uint32_t i, bad = 0;
	int ok_ = 1;

	tlb_map(TLB_FIRST_FREE, 0x40000000, 0x00400000, SZ_4K,
		0xf000 | TLB2_W | TLB2_I | TLB2_G | TLB2_M | TLB2_SR | TLB2_SW);
	tlb_map(TLB_FIRST_FREE + 1, 0x40001000, 0x00400000, SZ_4K,
		0xf000 | TLB2_W | TLB2_SR | TLB2_SW);
	/* ~60M instructions: a dozen host ticks sample the shadows */
	for (i = 0; i < 3000000; i++) {
		wi[i & 0x3ff] = i;
		if (plain[i & 0x3ff] != i || w[i & 0x3ff] != i)
			bad++;
		w[(i + 7) & 0x3ff] = ~i;
		if (wi[(i + 7) & 0x3ff] != ~i)
			bad++;
	}
	CHECK(n, bad == 0, "%u stores not seen through the other mappings", bad);
	tlb_unmap(TLB_FIRST_FREE);
	tlb_unmap(TLB_FIRST_FREE + 1);
	if (ok_)
		pass(n);
}

/* the word at the label, read by the instruction after it: same page */
static uint32_t self_load(void)
{
	uint32_t v;

	__asm__ volatile("bl 1f\n1:\tmflr %0\n\tlwz %0,0(%0)" : "=b"(v) : : "lr", "memory");
	return v;
}

/*
 * MSR[IS] != MSR[DS]: instruction and data come from different guest
 * entries (both mapping the image), and an instruction loads from its own
 * page. The fetch and the load need one shadow each for the same EA; they
 * must not evict each other forever.
 */
static void attack_split(void)
{
	const char *n = "hostile_split";
	uint32_t v, msr = mfmsr();
	int ok_ = 1;

	/* TS=1 copy of the RAM mapping, data rights only */
	tlbwe(TLB_FIRST_FREE + 2, 0, 0, 0);
	tlbwe(TLB_FIRST_FREE + 2, TLB0_V | TLB0_TS | TLB0_SIZE(SZ_16M), 0,
	      TLB2_SR | TLB2_SW);
	mtmsr(msr | MSR_DS);
	v = self_load();
	mtmsr(msr);
	tlb_unmap(TLB_FIRST_FREE + 2);
	CHECK(n, (v & 0xfc1fffffu) == 0x7c0802a6u,
	      "load from its own page with DS=1 IS=0 read %#08x (want mflr)", v);
	if (ok_)
		pass(n);
}

/*
 * TLB hammering: every free guest entry remapped and touched, round after
 * round, so the module writes shadows as fast as it can. The host's
 * pinned entries must survive (the test compares them), and the guest
 * must read what it wrote.
 */
static void attack_hammer(void)
{
	const char *n = "hostile_tlb_hammer";
	uint32_t r, i, bad = 0;
	int ok_ = 1;

	for (r = 0; r < 64; r++) {
		for (i = TLB_FIRST_FREE; i < 64; i++) {
			uint32_t ea = 0x30000000 + i * 0x1000;

			tlb_map(i, ea, 0x00500000 + ((i + r) & 63) * 0x1000, SZ_4K,
				TLB2_SR | TLB2_SW);
			*(volatile uint32_t *)(ea + 4 * r) = r << 8 | i;
		}
		for (i = TLB_FIRST_FREE; i < 64; i++) {
			uint32_t pa = 0x00500000 + ((i + r) & 63) * 0x1000;

			if (*(volatile uint32_t *)(pa + 4 * r) != (r << 8 | i))
				bad++;
		}
	}
	for (i = TLB_FIRST_FREE; i < 64; i++)
		tlb_unmap(i);
	CHECK(n, bad == 0, "%u words lost", bad);
	if (ok_)
		pass(n);
}

/*
 * Privileged SPRs whose hardware meaning would reach the host: debug
 * events on every instruction and branch (DBCR0), cache and core control
 * (CCR0/CCR1), the vector base, a watchdog that resets the chip (TCR),
 * MCSR. The guest keeps running, sees its own values back, and the host
 * is unaffected (the test goes on).
 */
static void attack_spr(void)
{
	const char *n = "hostile_spr";
	uint32_t ivpr = mfspr(SPRN_IVPR);
	int ok_ = 1;

	mtspr(SPRN_DBCR0, 0x4f0f0000u & ~0x30000000u);	/* IDM|ICMP|BRT|IRPT|TRAP|RET|IAC1-4 */
	spin(100000);
	CHECK(n, mfspr(SPRN_DBCR0) == (0x4f0f0000u & ~0x30000000u),
	      "DBCR0 reads %#08x", mfspr(SPRN_DBCR0));
	mtspr(SPRN_DBCR0, 0);
	mtspr(SPRN_CCR0, 0xffffffffu);
	mtspr(SPRN_CCR1, 0xffffffffu);
	spin(100000);
	mtspr(SPRN_CCR0, 0);
	mtspr(SPRN_CCR1, 0);
	mtspr(SPRN_IVPR, 0xfff00000u);
	mtspr(SPRN_IVPR, ivpr);
	/* WRC=3 (chip reset on the second timeout) with the slowest period */
	mtspr(SPRN_TCR, TCR_WP(3) | TCR_WRC(3));
	spin(100000);
	CHECK(n, (mfspr(SPRN_TCR) & TCR_WRC(3)) == TCR_WRC(3), "TCR reads %#08x",
	      mfspr(SPRN_TCR));
	if (ok_)
		pass(n);
}

int main(void)
{
	rt_test = "hostile";
	if (rt_boot_arg == 1) {
		attack_split();
		return rt_failures ? 1 : 0;
	}
	if (rt_boot_arg) {
		set_secrets();
		printf("hostile: secrets set, spinning\n");
		spin(rt_boot_arg * 1000000u);
		pass("hostile_sprg_spin");
		return 0;
	}
	attack_attr();
	attack_hammer();
	attack_spr();
	set_secrets();
	pass("hostile_sprg_set");
	return rt_failures ? 1 : 0;
}
