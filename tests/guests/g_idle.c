/*
 * idle: MSR[WE] with EE set sleeps until the decrementer (then the FIT)
 * fires; the guest wakes in its handler after the programmed time, not
 * before, and continues after the mtmsr once the handler clears WE in SRR1.
 */
#include "rt.h"

static volatile int wakes;
static volatile uint32_t wake_srr1;

static void wake_handler(struct trap_frame *f)
{
	wakes++;
	wake_srr1 = f->srr1;
	f->srr1 &= ~MSR_WE;	/* return to the code after the idle mtmsr */
	mtspr(SPRN_TSR, f->vec == V_DEC ? TSR_DIS : TSR_FIS);
	if (f->vec == V_FIT)
		mtspr(SPRN_TCR, 0);
}

static void idle_once(const char *n, uint32_t tcr, uint64_t want)
{
	uint64_t t0, t1;
	int ok_ = 1;

	wakes = 0;
	t0 = mftb64();
	mtspr(SPRN_TCR, tcr);
	mtmsr(MSR_ME | MSR_CE | MSR_EE | MSR_WE);
	t1 = mftb64();
	mtmsr(MSR_ME | MSR_CE);
	mtspr(SPRN_TCR, 0);
	printf("info: %s: slept %llu TB ticks (programmed %llu), %d wake-ups\n", n,
	       (unsigned long long)(t1 - t0), (unsigned long long)want, wakes);
	CHECK(n, wakes == 1, "%d interrupts while idle (want 1)", wakes);
	if (!(wake_srr1 & MSR_WE))
		printf("info: %s: SRR1 %#08x in the handler has WE clear (a 440 saves WE = 1)\n",
		       n, wake_srr1);
	/*
	 * Margins: time is counted in instructions (-icount), so these hold
	 * on a loaded machine too. Early by 10% at most (the TB read before
	 * TCR is written). Late by up to 3x plus 10 ms: the wake-up comes
	 * from a host hrtimer on a HZ=250 host without high-resolution
	 * timers (up to 4 ms late), then the host's scheduling of the vCPU
	 * thread; a wake-up that never comes or a missed timer still fails.
	 */
	CHECK(n, t1 - t0 >= want * 9 / 10, "woke after %llu TB ticks, before %llu",
	      (unsigned long long)(t1 - t0), (unsigned long long)want);
	CHECK(n, t1 - t0 <= want * 3 + 4000000, "woke only after %llu TB ticks (want about %llu)",
	      (unsigned long long)(t1 - t0), (unsigned long long)want);
	if (ok_)
		pass(n);
}

int main(void)
{
	const uint32_t P = 40000000;	/* 100 ms at 400 MHz */
	int i;

	rt_test = "idle";
	mtmsr(MSR_ME | MSR_CE);
	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, 0xffffffff);
	set_handler(V_DEC, wake_handler);
	set_handler(V_FIT, wake_handler);
	mtspr(SPRN_DEC, P);
	idle_once("idle_dec", TCR_DIE, P);
	/* FIT: FP = 3, the selected TB bit next rises within 2^25 ticks */
	{
		uint64_t t, next;

		mtspr(SPRN_TCR, TCR_FP(3));
		mtspr(SPRN_TSR, TSR_FIS);	/* set by the FIT long ago, FIE or not */
		/* FP = 3: period 2^25, when TB bit 2^24 goes 0 -> 1 */
		t = mftb64();
		next = ((((t - (1ull << 24)) >> 25) + 1) << 25) + (1ull << 24);
		idle_once("idle_fit", TCR_FIE | TCR_FP(3), next - t);
	}
	/* several short sleeps in a row */
	for (i = 0; i < 5; i++) {
		mtspr(SPRN_DEC, P / 10);
		idle_once("idle_dec_repeat", TCR_DIE, P / 10);
	}
	return rt_failures ? 1 : 0;
}
