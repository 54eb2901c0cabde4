/*
 * tlb64: the guest fills all 61 free guest TLB entries with 4K pages (more
 * than the host leaves for shadows, so the host's round-robin refill
 * clobbers them), touches every page repeatedly, remaps every entry to
 * other physical pages (stale shadows must go), checks tlbre/tlbsx on each,
 * and maps larger page sizes (16K..256M) to check their offsets translate.
 */
#include "rt.h"

#define N		(64 - TLB_FIRST_FREE)
#define EA(i)		(0x20000000u + (uint32_t)(i) * 0x10000u)
#define PA1(i)		(0x00400000u + (uint32_t)(i) * 0x1000u)
#define PA2(i)		(0x00500000u + (uint32_t)(i) * 0x1000u)

static int round_(const char *n, uint32_t (*pa)(int), uint32_t tag)
{
	int i, pass_, ok_ = 1, bad = 0;

	for (i = 0; i < N; i++) {
		tlb_map(TLB_FIRST_FREE + i, EA(i), pa(i), SZ_4K, TLB2_SR | TLB2_SW);
		*(volatile uint32_t *)(pa(i) + 0x20) = tag | i;	/* via EA 0 = PA */
	}
	for (pass_ = 0; pass_ < 8; pass_++) {
		for (i = 0; i < N; i++) {
			volatile uint32_t *p = (volatile uint32_t *)EA(i);
			uint32_t v = p[8];

			if (v != (tag | (uint32_t)i) + (uint32_t)pass_) {
				if (bad++ < 5)
					fail(n, "pass %d: EA %#08x reads %#08x (want %#08x)",
					     pass_, EA(i) + 0x20, v, (tag | i) + pass_);
				ok_ = 0;
			}
			p[8] = v + 1;	/* through the mapping, read back via PA */
		}
		for (i = 0; i < N; i++) {
			uint32_t v = *(volatile uint32_t *)(pa(i) + 0x20);
			if (v != (tag | (uint32_t)i) + (uint32_t)pass_ + 1) {
				if (bad++ < 5)
					fail(n, "pass %d: PA %#08x reads %#08x after a store via EA",
					     pass_, pa(i) + 0x20, v);
				ok_ = 0;
			}
		}
	}
	return ok_;
}

static uint32_t pa1(int i) { return PA1(i); }
static uint32_t pa2(int i) { return PA2(i); }

int main(void)
{
	const char *n;
	int i, ok_, bad = 0;

	rt_test = "tlb64";
	n = "tlb64_fill";
	if (round_(n, pa1, 0x11000000))
		pass(n);
	n = "tlb64_lookup";
	ok_ = 1;
	for (i = 0; i < N && bad < 5; i++) {
		int idx = tlbsx(EA(i) + 0x123);
		uint32_t w1 = tlbre(TLB_FIRST_FREE + i, 1);
		if (idx != TLB_FIRST_FREE + i || w1 != PA1(i)) {
			fail(n, "entry %d: tlbsx. %d, word 1 %#08x (want %#08x)",
			     TLB_FIRST_FREE + i, idx, w1, PA1(i));
			ok_ = 0;
			bad++;
		}
	}
	if (ok_)
		pass(n);
	/* the same EAs to other pages: no stale translation survives */
	n = "tlb64_remap";
	if (round_(n, pa2, 0x22000000))
		pass(n);
	/* invalidated entries miss into the guest's own handler */
	n = "tlb64_invalidate";
	ok_ = 1;
	for (i = 0; i < N; i++)
		tlb_unmap(TLB_FIRST_FREE + i);
	set_handler(V_DTLB, record_and_skip);
	record_reset();
	for (i = 0; i < N; i++)
		(void)*(volatile uint32_t *)EA(i);
	set_handler(V_DTLB, 0);
	CHECK(n, last_trap.count == N, "%d DTLB misses for %d unmapped pages",
	      last_trap.count, N);
	if (ok_)
		pass(n);

	/* larger pages: 16K .. 256M, offset within the page translates */
	n = "tlb64_sizes";
	ok_ = 1;
	{
		static const struct { int sz; uint32_t ea, pa, off; } m[] = {
			{ SZ_16K, 0x40000000, 0x00404000, 0x2ff0 },
			{ SZ_64K, 0x40100000, 0x00410000, 0xfff0 },
			{ SZ_256K, 0x40200000, 0x00440000, 0x3fff0 },
			{ SZ_1M, 0x40300000, 0x00600000, 0xffff0 },
			{ SZ_16M, 0x41000000, 0x00000000, 0x00abcdf0 },
			{ SZ_256M, 0x50000000, 0x00000000, 0x00f00ff0 },
		};
		for (i = 0; i < 6; i++) {
			volatile uint32_t *phys = (volatile uint32_t *)(m[i].pa + m[i].off);
			volatile uint32_t *virt = (volatile uint32_t *)(m[i].ea + m[i].off);
			uint32_t v;

			tlb_map(TLB_FIRST_FREE + i, m[i].ea, m[i].pa, m[i].sz, TLB2_SR | TLB2_SW);
			*phys = 0x5e000000u | (uint32_t)i;
			v = *virt;
			CHECK(n, v == (0x5e000000u | (uint32_t)i),
			      "size code %d: EA %#08x reads %#08x (want %#08x)", m[i].sz,
			      m[i].ea + m[i].off, v, 0x5e000000u | (uint32_t)i);
			*virt = 0x6e000000u | (uint32_t)i;
			v = *phys;
			CHECK(n, v == (0x6e000000u | (uint32_t)i),
			      "size code %d: store via EA %#08x not at PA: %#08x", m[i].sz,
			      m[i].ea + m[i].off, v);
			tlb_unmap(TLB_FIRST_FREE + i);
		}
	}
	if (ok_)
		pass(n);
	return rt_failures ? 1 : 0;
}
