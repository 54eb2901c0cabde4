/*
 * cost: how many host instructions the exits a Linux guest takes most
 * often cost, measured with the timebase (-icount shift=0: one tick is 2.5
 * instructions, DESIGN.md). Each phase runs between two marks, so
 * guest_vmm prints the exits it took ("vmm: mark 0xN: ..."), and prints
 * "info: cost NAME OPS TICKS"; guests_cost.sh divides.
 *  - mfmsr, mfspr SPRG0, wrteei: emulated light exits, from supervisor
 *    code through the VMM's 16M entry.
 *  - refill4k: data loads cycling over 61 pages, each mapped by its own 4K
 *    guest entry (3..63), so every shadow is 4K and the cycle is longer
 *    than the hardware TLB: every load is a guest-TLB-satisfied refill.
 *  - refill63: loads at a 64K stride over 8M through one 16M entry in
 *    slot 63 (where Linux keeps its lowmem entry), a refill each while
 *    the RAM behind it is backed in pieces smaller than 64K.
 */
#include "rt.h"

#define N_EMUL		20000
#define ROUNDS		100
#define PAGES4K		61
#define EA4K		0x20000000u
#define PA4K		0x00400000u
#define EA63		0x40000000u
#define BLOCKS63	128

static void report(const char *name, uint32_t ops, uint64_t t0, uint64_t t1)
{
	printf("info: cost %s %u %llu\n", name, ops,
	       (unsigned long long)(t1 - t0));
}

int main(void)
{
	volatile uint32_t *p;
	uint64_t t0, t1;
	uint32_t v = 0, sum = 0, i, r;

	rt_test = "cost";
	mtdcr(DCR_MARK, 0x10);
	t0 = mftb64();
	for (i = 0; i < N_EMUL; i++)
		__asm__ volatile("mfmsr %0" : "=r"(v));
	t1 = mftb64();
	mtdcr(DCR_MARK, 0x11);
	report("mfmsr", N_EMUL, t0, t1);

	t0 = mftb64();
	for (i = 0; i < N_EMUL; i++)
		v += mfspr(SPRN_SPRG0);
	t1 = mftb64();
	mtdcr(DCR_MARK, 0x12);
	report("mfspr", N_EMUL, t0, t1);

	t0 = mftb64();
	for (i = 0; i < N_EMUL; i++)
		__asm__ volatile("wrteei 0" ::: "memory");
	t1 = mftb64();
	mtdcr(DCR_MARK, 0x13);
	report("wrteei", N_EMUL, t0, t1);

	for (i = 0; i < PAGES4K; i++)
		tlb_map(TLB_FIRST_FREE + i, EA4K + i * 4096,
			PA4K + i * 4096, SZ_4K, TLB2_SRWX);
	mtdcr(DCR_MARK, 0x14);
	t0 = mftb64();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < PAGES4K; i++) {
			p = (volatile uint32_t *)(EA4K + i * 4096);
			sum += *p;
		}
	t1 = mftb64();
	mtdcr(DCR_MARK, 0x15);
	report("refill4k", ROUNDS * PAGES4K, t0, t1);

	for (i = 0; i < PAGES4K; i++)
		tlb_unmap(TLB_FIRST_FREE + i);
	tlb_map(63, EA63, 0, SZ_16M, TLB2_SRWX);
	mtdcr(DCR_MARK, 0x16);
	t0 = mftb64();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < BLOCKS63; i++) {
			p = (volatile uint32_t *)(EA63 + i * 0x10000);
			sum += *p;
		}
	t1 = mftb64();
	mtdcr(DCR_MARK, 0x17);
	report("refill63", ROUNDS * BLOCKS63, t0, t1);
	tlb_unmap(63);

	printf("info: (sum %#x %#x)\n", sum, v);
	pass("cost");
	return 0;
}
