/*
 * spin: a tight loop of unprivileged code (400M iterations) between two
 * marks; guest_vmm prints the stats between them ("vmm: mark 0x2: ...")
 * and the e2e test checks that only host interrupts (and the TLB refills
 * they cause) interrupted it: no emulation, no MMIO, no guest-caused exits.
 */
#include "rt.h"

int main(void)
{
	uint64_t t0, t1;
	uint32_t sum = 0, i;

	rt_test = "spin";
	mtdcr(DCR_MARK, 1);
	t0 = mftb64();
	for (i = 0; i < 400000000; i++)
		__asm__ volatile("add %0,%0,%1" : "+r"(sum) : "r"(i));
	t1 = mftb64();
	mtdcr(DCR_MARK, 2);
	printf("info: 400M iterations in %llu TB ticks (sum %#08x)\n",
	       (unsigned long long)(t1 - t0), sum);
	pass("spin");
	return 0;
}
