/*
 * churn: keeps many shadows live and checks every load through them, for
 * guestmem_churn.sh, which runs two of these (guest_vmm --arg ID | S << 4,
 * ID 1 and 2, for S seconds of timebase) beside a process remapping the
 * same EAs in host userspace.
 *
 * It fills 1M of its RAM (PA 0x400000) with a pattern that depends on its
 * --arg, maps it through a 16M entry in slot 63 at EA CHURN_EA (the host
 * program's addresses), and reads every 4K page of it round after round
 * for S seconds: 256 pages outrun the hardware TLB, so shadows are
 * made and lost all the time. A load that sees another guest's pattern (a
 * shadow of the other VM still in the TLB) or anything else fails.
 */
#include "rt.h"

#define CHURN_EA	0x40000000u	/* maps PA 0 */
#define AREA_PA		0x00400000u
#define PAGES		256
#define TB_HZ		400000000ull	/* the rig's timebase (DESIGN.md) */

static uint32_t pattern(uint32_t arg, uint32_t page, uint32_t word)
{
	return arg << 28 | page << 12 | word << 2 | 0x3;
}

int main(void)
{
	uint32_t arg = rt_boot_arg & 0xf, r, k, w, bad = 0, v, want;
	uint64_t end = (rt_boot_arg >> 4) * TB_HZ;
	volatile uint32_t *p;
	int ok_ = 1;

	rt_test = "churn";
	if ((arg != 1 && arg != 2) || !end) {
		fail("churn", "--arg must be 1 or 2 | seconds << 4, not %#x",
		     rt_boot_arg);
		return 1;
	}
	for (k = 0; k < PAGES; k++)
		for (w = 0; w < 1024; w += 256)
			*(volatile uint32_t *)(AREA_PA + k * 4096 + w * 4) =
				pattern(arg, k, w);
	tlb_map(63, CHURN_EA, 0, SZ_16M, TLB2_SRWX);
	end += mftb64();
	for (r = 0; mftb64() < end && bad < 5; r++)
		for (k = 0; k < PAGES; k++) {
			w = (r * 256) & 1023;
			p = (volatile uint32_t *)(CHURN_EA + AREA_PA +
						  k * 4096 + w * 4);
			v = *p;
			want = pattern(arg, k, w);
			if (v != want) {
				CHECK("churn", 0, "round %u EA %#x: read %#x, want %#x",
				      r, (uint32_t)(uintptr_t)p, v, want);
				bad++;
			}
		}
	tlb_unmap(63);
	printf("info: churn guest %u: %u rounds of %u pages\n", arg, r, PAGES);
	if (ok_)
		pass("churn");
	return 0;
}
