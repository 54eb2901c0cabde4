/*
 * wdog: the guest watchdog. Pinged (TSR[ENW|WIS] cleared) it never fires;
 * left alone, the second time-out raises the watchdog interrupt (critical,
 * CSRR0/1) in the guest's handler, and the third resets: guest_vmm must see
 * the watchdog system event (run with --expect-event watchdog).
 */
#include "rt.h"

static volatile int wdog_irqs;
static volatile uint32_t wdog_csrr1, wdog_tsr;

static void wdog_handler(struct trap_frame *f)
{
	wdog_irqs++;
	wdog_csrr1 = f->srr1;
	wdog_tsr = mfspr(SPRN_TSR);
	/* keep WIS set so the next time-out resets; stop further interrupts */
	mtspr(SPRN_TCR, mfspr(SPRN_TCR) & ~TCR_WIE);
	printf("PASS wdog_interrupt\n");
	printf("info: watchdog interrupt: CSRR0 %#08x CSRR1 %#08x TSR %#08x\n",
	       f->srr0, f->srr1, wdog_tsr);
}

int main(void)
{
	const uint64_t period = 1ull << 21;	/* WP = 1 */
	uint64_t t0;
	int ok_ = 1;

	rt_test = "wdog";
	mtmsr(MSR_ME);
	mtspr(SPRN_TSR, 0xffffffff);
	set_handler(V_WDOG, wdog_handler);
	/* pinged for 16 periods: nothing happens */
	mtspr(SPRN_TCR, TCR_WP(1) | TCR_WRC(1) | TCR_WIE);
	mtmsr(MSR_ME | MSR_CE);
	t0 = mftb64();
	while (mftb64() - t0 < 16 * period)
		mtspr(SPRN_TSR, TSR_ENW | TSR_WIS);
	CHECK("wdog_ping", wdog_irqs == 0, "%d watchdog interrupts while pinged", wdog_irqs);
	if (ok_)
		pass("wdog_ping");
	printf("info: now not pinging; expecting an interrupt, then a reset\n");
	t0 = mftb64();
	while (mftb64() - t0 < 64 * period)
		;
	fail("wdog_reset", "still running %llu TB ticks later (%d interrupts, TSR %#08x)",
	     (unsigned long long)(mftb64() - t0), wdog_irqs, mfspr(SPRN_TSR));
	return 1;
}
