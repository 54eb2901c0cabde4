/*
 * ticker: runs until the VMM stops it, printing "tick N" every 100 ms of
 * timebase and feeding a watchdog that resets the core on its third
 * time-out (period 2^25 TB ticks, 84 ms). A pause of the VM must not reset
 * it, and nothing it prints may come while the VM is paused (vm_owner.sh).
 * Each feed is an emulated mtspr, so it also exits steadily (for top).
 */
#include "rt.h"

#define TB_HZ	400000000ull	/* DESIGN.md: the rig's 440 timebase */

int main(void)
{
	const uint64_t tick = TB_HZ / 10;
	uint64_t next;
	unsigned int n;

	rt_test = "ticker";
	mtmsr(MSR_ME);
	mtspr(SPRN_TSR, 0xffffffff);
	mtspr(SPRN_TCR, TCR_WP(1) | TCR_WRC(1));
	next = mftb64() + tick;
	for (n = 1;; n++) {
		while (mftb64() < next)
			mtspr(SPRN_TSR, TSR_ENW | TSR_WIS);
		/* after a pause: one line, not one per tick missed */
		next = mftb64() + tick;
		printf("tick %u\n", n);
	}
	return 0;
}
