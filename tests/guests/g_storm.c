/*
 * storm: nothing but traps, forever: emulated MSR/SPR instructions, sc into
 * the guest's own handler and rfi out of it. The e2e test checks the host
 * keeps running beside it and that the VM can be killed.
 */
#include "rt.h"

static void sc_handler(struct trap_frame *f)
{
	(void)f;
}

int main(void)
{
	uint32_t i = 0;

	rt_test = "storm";
	set_handler(V_SC, sc_handler);
	printf("storm: trapping\n");
	for (;;) {
		mtspr(SPRN_SPRG0, i);
		(void)mfmsr();
		(void)mfspr(SPRN_SPRG0);
		__asm__ volatile("wrteei 0" ::: "memory");
		__asm__ volatile("sc" ::: "memory", "r0", "r3", "r4", "r5", "r6",
				 "r7", "r8", "r9", "r10", "r11", "r12", "lr",
				 "ctr", "cr0");
		i++;
	}
}
