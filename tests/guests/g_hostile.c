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
 * --arg 2: the same over different memory: the VM must stop (exit 120).
 * --arg 3: writes through a read-only slot (guest_vmm --ro-slot).
 * --arg N (N > 3): set SPRG4-7 to secrets and spin N million loops, so a
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

static uint32_t tdev(uint32_t off)
{
	return *(volatile uint32_t *)(TDEV_BASE + off);
}

/*
 * Mapping beyond its RAM (16M at 0) at every page size: a page just past
 * the end must reach the VMM (its unassigned pattern), never memory of
 * the host's; the last page inside must be the guest's own RAM. 256M: one
 * page over both.
 */
static void attack_beyond(void)
{
	static const int code[] = { SZ_1K, SZ_4K, SZ_16K, SZ_64K, SZ_256K,
				    SZ_1M, SZ_16M, SZ_256M };
	const char *n = "hostile_beyond_ram";
	volatile uint32_t *last = (volatile uint32_t *)0x00fffffc;
	unsigned int k;
	int ok_ = 1;

	for (k = 0; k < sizeof(code) / sizeof(code[0]); k++) {
		uint32_t bytes = 1024u << (2 * code[k]), ea = 0x50000000, v, ua;
		uint32_t out = code[k] == SZ_256M ? 0x01000000 : 0;

		/* inside: the last page of RAM, its last word */
		*last = 0x1a570000 | k;
		if (code[k] == SZ_1K) {
			/* QEMU runs 1K pages as 4K: only the part past RAM */
			tlb_map(TLB_FIRST_FREE, ea, 0x01000000, code[k], TLB2_SR | TLB2_SW);
		} else if (code[k] != SZ_256M) {
			tlb_map(TLB_FIRST_FREE, ea, 0x01000000 - bytes, code[k],
				TLB2_SR | TLB2_SW);
			v = *(volatile uint32_t *)(ea + bytes - 4);
			CHECK(n, v == (0x1a570000 | k), "size %u: last word of RAM reads %#08x", bytes, v);
			tlb_map(TLB_FIRST_FREE, ea, 0x01000000, code[k], TLB2_SR | TLB2_SW);
		} else {
			tlb_map(TLB_FIRST_FREE, ea, 0, code[k], TLB2_SR | TLB2_SW);
			v = *(volatile uint32_t *)(ea + 0x00fffffc);
			CHECK(n, v == (0x1a570000 | k), "256M: last word of RAM reads %#08x", v);
		}
		/* past the end: the first word, the last word of the page */
		ua = tdev(TDEV_UNASSIGNED);
		v = *(volatile uint32_t *)(ea + out);
		CHECK(n, v == unassigned_word(0x01000000),
		      "size %u: first word past RAM reads %#08x (want the VMM's %#08x)", bytes, v,
		      unassigned_word(0x01000000));
		v = *(volatile uint32_t *)(ea + bytes - 4);
		CHECK(n, v == unassigned_word(bytes == 0x10000000 ? 0x0ffffffc : 0x01000000 + bytes - 4),
		      "size %u: last word of the page reads %#08x", bytes, v);
		*(volatile uint32_t *)(ea + out + 8) = 0xbad0bad0;
		CHECK(n, tdev(TDEV_UNASSIGNED) == ua + 3,
		      "size %u: %u accesses reached the VMM (want 3)", bytes, tdev(TDEV_UNASSIGNED) - ua);
		tlb_unmap(TLB_FIRST_FREE);
	}
	if (ok_)
		pass(n);
}

/*
 * The host kernel's addresses: the guest maps its own RAM at EA
 * 0xc0000000, where the host's pinned lowmem entries are (TS=0; the
 * guest's shadows are TS=1), and must see only its own memory.
 */
static volatile uint32_t kmarker = 0x6b6e6c21;

static void attack_kernel_ea(void)
{
	const char *n = "hostile_kernel_ea";
	volatile uint32_t *alias = (volatile uint32_t *)(0xc0000000u + (uint32_t)&kmarker);
	uint32_t v;
	int ok_ = 1;

	tlb_map(TLB_FIRST_FREE, 0xc0000000, 0, SZ_16M, TLB2_SR | TLB2_SW);
	v = *alias;
	CHECK(n, v == 0x6b6e6c21, "its RAM at EA 0xc0000000 reads %#08x", v);
	*alias = 0x0ddba11;
	CHECK(n, kmarker == 0x0ddba11, "a store at EA 0xc0000000 went elsewhere");
	tlb_unmap(TLB_FIRST_FREE);
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

/*
 * The same with the data space mapping the code's EAs to other memory
 * (PA 15M): the instruction's fetch and its load need different pages at
 * one EA, which no single shadow can give. The module must stop the VM
 * (an internal error at the lwz), not spin; the test expects that exit.
 */
static void attack_split_conflict(void)
{
	uint32_t msr = mfmsr(), code = (uint32_t)&attack_split_conflict & ~0xffffu;

	/* only the lwz touches data with DS=1: one 64K page over this code */
	printf("hostile: split spaces over different memory\n");
	tlbwe(TLB_FIRST_FREE + 2, 0, 0, 0);
	tlbwe(TLB_FIRST_FREE + 2, code | TLB0_V | TLB0_TS | TLB0_SIZE(SZ_64K), 0x00f00000,
	      TLB2_SR | TLB2_SW);
	__asm__ volatile("mtmsr %0\n\tbl 1f\n1:\tmflr 3\n\tlwz 3,0(3)\n\tmtmsr %1"
			 : : "r"(msr | MSR_DS), "r"(msr) : "r3", "lr", "memory");
	fail("hostile_split_conflict", "the conflicting load completed");
}

/*
 * Writing through a read-only slot (guest_vmm --ro-slot: 1M at PA 64M,
 * word n = 0x0a0a0000 | n): through a 4K and a 16M mapping, after a load
 * made a (read-only) shadow, a store must be an MMIO exit and dcbz a fault
 * (a program interrupt: it cannot be MMIO; or a DSI), and the memory must
 * not change.
 */
static void attack_ro_slot(void)
{
	const char *n = "hostile_ro_slot";
	static const uint32_t ea[] = { 0x60000000, 0x70000000 };
	static const int size[] = { SZ_4K, SZ_16M };
	unsigned int k;
	int ok_ = 1;

	set_handler(V_PROGRAM, record_and_skip);
	set_handler(V_DSI, record_and_skip);
	for (k = 0; k < 2; k++) {
		volatile uint32_t *p = (volatile uint32_t *)(ea[k] + 0x100);
		uint32_t v, ua;

		tlb_map(TLB_FIRST_FREE, ea[k], 0x04000000, size[k], TLB2_SR | TLB2_SW);
		/* no exit to userspace between the load and the store */
		ua = tdev(TDEV_UNASSIGNED);
		v = *p;
		*p = 0xdeadbeef;
		CHECK(n, v == 0x0a0a0040, "size %d: read %#08x", size[k], v);
		CHECK(n, tdev(TDEV_UNASSIGNED) == ua + 1 && tdev(TDEV_UA_LO) == 0x04000100,
		      "size %d: the store was not an MMIO exit at 0x04000100", size[k]);
		record_reset();
		__asm__ volatile("dcbz 0,%0" : : "r"(p) : "memory");
		CHECK(n, last_trap.count == 1 &&
		      (last_trap.vec == V_PROGRAM || last_trap.vec == V_DSI),
		      "size %d: dcbz gave %d interrupts (vector %u), want a program interrupt or DSI",
		      size[k], last_trap.count, last_trap.vec);
		v = *p;
		CHECK(n, v == 0x0a0a0040 && p[1] == 0x0a0a0041,
		      "size %d: read-only memory changed: %#08x %#08x", size[k], v, p[1]);
		tlb_unmap(TLB_FIRST_FREE);
	}
	set_handler(V_PROGRAM, 0);
	set_handler(V_DSI, 0);
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
	if (rt_boot_arg == 3) {
		attack_ro_slot();
		return rt_failures ? 1 : 0;
	}
	if (rt_boot_arg == 2) {
		attack_split_conflict();
		return 1;
	}
	if (rt_boot_arg) {
		set_secrets();
		printf("hostile: secrets set, spinning\n");
		spin(rt_boot_arg * 1000000u);
		pass("hostile_sprg_spin");
		return 0;
	}
	attack_attr();
	attack_beyond();
	attack_kernel_ea();
	attack_hammer();
	attack_spr();
	set_secrets();
	pass("hostile_sprg_set");
	return rt_failures ? 1 : 0;
}
