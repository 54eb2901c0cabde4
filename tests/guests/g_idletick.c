/*
 * idletick: runs until the VMM stops it, sleeping (MSR[WE]) between
 * decrementer interrupts every 2 s of timebase and printing "tick N"
 * after each. Paused while it sleeps, it must not run when its
 * decrementer fires, only after the resume (vm_owner.sh pauses it just
 * after a tick, so a tick that leaks through comes well after the pause).
 */
#include "rt.h"

#define TICK	800000000u	/* 2 s at the rig's 400 MHz timebase */

static void dec_handler(struct trap_frame *f)
{
	f->srr1 &= ~MSR_WE;	/* return past the idle mtmsr */
	mtspr(SPRN_TSR, TSR_DIS);
}

int main(void)
{
	unsigned int n;

	rt_test = "idletick";
	mtmsr(MSR_ME);
	mtspr(SPRN_TSR, 0xffffffff);
	set_handler(V_DEC, dec_handler);
	mtspr(SPRN_DECAR, TICK);
	mtspr(SPRN_DEC, TICK);
	mtspr(SPRN_TCR, TCR_DIE | TCR_ARE);
	for (n = 1;; n++) {
		mtmsr(MSR_ME | MSR_EE | MSR_WE);
		mtmsr(MSR_ME);
		printf("tick %u\n", n);
	}
	return 0;
}
