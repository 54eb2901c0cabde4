/*
 * bench: microbenchmarks for `make bench` (tests/bench/). Each kind loops
 * N times over one operation that exits to kvm440 (or, for "spin", over
 * nothing at all) and reads the timebase around the loop. Under kvm440 the
 * loop sits between two marks (DCR 0x3f4), so guest_vmm prints the exits
 * it caused by reason; the same image booted natively by QEMU runs the
 * same loops, and the difference of the two is the cost of the exits.
 *
 * --arg 0 runs every kind, --arg K only kind K (natively: always every
 * kind, since QEMU's loader passes no argument). One line per kind:
 *   bench: KIND iters=N tb=TICKS
 * printed after the closing mark, so printing never counts.
 */
#include "rt.h"

/*
 * Guest entry 63 maps guest RAM 16M at 0xc0000000, as Linux maps its
 * lowmem: the guest-TLB search finds it last. The loops run from there
 * (code is position-independent enough: relative branches, absolute data
 * through entry 0), so an exit's instruction fetch and refill search the
 * whole guest TLB as they do for a Linux guest; one extra kind runs mfmsr
 * from entry 0 to show what that search costs. QEMU's own native mapping
 * covers 0..2G, so nothing overlaps the alias there either.
 */
#define RAM_ALIAS	0xc0000000u
#define REFILL_PA	0x00800000u	/* above the stack top, below 16M */
#define REFILL_PAGES	128		/* twice the hardware TLB */
#define REFILL_STRIDE	0x10000u	/* one 4K page per 64K: never in one shadow */
#define ITLB_OFF	0x8000u		/* code pages: not the data pages */
#define TLBWE_IDX	62
#define DCR_NATIVE	0x0c0		/* QEMU bamboo's UIC0 SR: a DCR that exists */

static void k_mfmsr(uint32_t n)
{
	uint32_t t;

	__asm__ volatile("mtctr %1\n1:\tmfmsr %0\n\tbdnz 1b"
			 : "=&r"(t) : "r"(n) : "ctr", "memory");
}

static void k_wrteei(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\twrteei 1\n\twrteei 0\n\tbdnz 1b"
			 : : "r"(n) : "ctr", "memory");
}

static uint32_t msr_now;

static void k_mtmsr(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\tmtmsr %1\n\tbdnz 1b"
			 : : "r"(n), "r"(msr_now) : "ctr", "memory");
}

static void k_mfsprg0(uint32_t n)
{
	uint32_t t;

	__asm__ volatile("mtctr %1\n1:\tmfspr %0,0x110\n\tbdnz 1b"
			 : "=&r"(t) : "r"(n) : "ctr", "memory");
}

static void k_mtsprg0(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\tmtspr 0x110,%0\n\tbdnz 1b"
			 : : "r"(n) : "ctr", "memory");
}

static void k_mfsrr0(uint32_t n)
{
	uint32_t t;

	__asm__ volatile("mtctr %1\n1:\tmfspr %0,0x1a\n\tbdnz 1b"
			 : "=&r"(t) : "r"(n) : "ctr", "memory");
}

static void k_mtsrr0(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\tmtspr 0x1a,%0\n\tbdnz 1b"
			 : : "r"(n) : "ctr", "memory");
}

/* rfi returns to the bdnz right after it: SRR0/SRR1 are set up once. */
extern char bench_rfi_back[];

static void s_rfi(void)
{
	mtspr(SPRN_SRR0, RAM_ALIAS + (uint32_t)bench_rfi_back);
	mtspr(SPRN_SRR1, mfmsr());
}

static void __attribute__((noinline)) k_rfi(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\trfi\n\t.globl bench_rfi_back\n"
			 "bench_rfi_back:\n\tbdnz 1b"
			 : : "r"(n) : "ctr", "memory");
}

static uint32_t tlbwe_w0;

static void s_tlbwe(void)
{
	tlb_map(TLBWE_IDX, 0xd0000000u, 0x00f00000u, SZ_4K, TLB2_SR | TLB2_SW);
	tlbwe_w0 = tlbre(TLBWE_IDX, 0);
}

/* word 0 of a valid entry, rewritten with the same value */
static void k_tlbwe(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\ttlbwe %1,%2,0\n\tbdnz 1b\n\tisync"
			 : : "r"(n), "r"(tlbwe_w0), "r"(TLBWE_IDX)
			 : "ctr", "memory");
}

/*
 * 128 pages in turn, 64K apart: more than the hardware TLB holds, so the
 * round-robin refill has always just evicted the page touched next.
 */
static void k_dtlb(uint32_t n)
{
	uint32_t p = 0;

	while (n--) {
		(void)*(volatile uint32_t *)(RAM_ALIAS + REFILL_PA +
					     p * REFILL_STRIDE);
		p = (p + 1) & (REFILL_PAGES - 1);
	}
}

static void s_itlb(void)
{
	uint32_t p, a;

	for (p = 0; p < REFILL_PAGES; p++) {
		a = REFILL_PA + p * REFILL_STRIDE + ITLB_OFF;
		*(volatile uint32_t *)a = 0x4e800020;	/* blr */
		__asm__ volatile("dcbst 0,%0\n\tsync\n\ticbi 0,%0\n\tsync\n\tisync"
				 : : "r"(a) : "memory");
	}
}

static void k_itlb(uint32_t n)
{
	uint32_t p = 0;

	while (n--) {
		((void (*)(void))(RAM_ALIAS + REFILL_PA + p * REFILL_STRIDE +
				  ITLB_OFF))();
		p = (p + 1) & (REFILL_PAGES - 1);
	}
}

/* the 16550's LSR: guest_vmm's under kvm440, QEMU's own natively */
static void k_mmio(uint32_t n)
{
	while (n--)
		(void)*(volatile uint8_t *)(UART_BASE + 5);
}

/* guest_vmm's scratch DCR; natively a DCR QEMU's bamboo has (no exit) */
static void k_dcr(uint32_t n)
{
	uint32_t t;

	if (rt_native)
		__asm__ volatile("mtctr %1\n1:\tmfdcr %0,%2\n\tbdnz 1b"
				 : "=&r"(t) : "r"(n), "i"(DCR_NATIVE)
				 : "ctr", "memory");
	else
		__asm__ volatile("mtctr %1\n1:\tmfdcr %0,%2\n\tbdnz 1b"
				 : "=&r"(t) : "r"(n), "i"(DCR_SCRATCH)
				 : "ctr", "memory");
}

/* nothing to exit for: what the host's timer interrupts cost */
static void k_spin(uint32_t n)
{
	__asm__ volatile("mtctr %0\n1:\tbdnz 1b" : : "r"(n) : "ctr");
}

static const struct kind {
	const char *name;
	void (*setup)(void);
	void (*loop)(uint32_t n);
	uint32_t iters;
	int slot0;	/* run the loop from guest entry 0, not the alias */
} kinds[] = {
	{ "mfmsr", 0, k_mfmsr, 20000, 0 },
	{ "mfmsr_slot0", 0, k_mfmsr, 20000, 1 },
	{ "wrteei", 0, k_wrteei, 10000, 0 },
	{ "mtmsr", 0, k_mtmsr, 20000, 0 },
	{ "mfspr_sprg0", 0, k_mfsprg0, 20000, 0 },
	{ "mtspr_sprg0", 0, k_mtsprg0, 20000, 0 },
	{ "mfspr_srr0", 0, k_mfsrr0, 20000, 0 },
	{ "mtspr_srr0", 0, k_mtsrr0, 20000, 0 },
	{ "rfi", s_rfi, k_rfi, 20000, 0 },
	{ "tlbwe", s_tlbwe, k_tlbwe, 20000, 0 },
	{ "dtlb_refill", 0, k_dtlb, 20000, 0 },
	{ "itlb_refill", s_itlb, k_itlb, 20000, 0 },
	{ "mmio", 0, k_mmio, 5000, 0 },
	{ "dcr", 0, k_dcr, 5000, 0 },
	{ "host_tick", 0, k_spin, 400000000, 0 },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static void run_kind(unsigned int k)
{
	const struct kind *d = &kinds[k];
	void (*loop)(uint32_t n) = (void (*)(uint32_t))
		((uint32_t)d->loop + (d->slot0 ? 0 : RAM_ALIAS));
	uint64_t t0, t1;

	msr_now = mfmsr();
	if (d->setup)
		d->setup();
	if (!rt_native)
		mtdcr(DCR_MARK, 0x100 | (k + 1));
	t0 = mftb64();
	loop(d->iters);
	t1 = mftb64();
	if (!rt_native)
		mtdcr(DCR_MARK, k + 1);
	printf("bench: %s kind=%u iters=%u tb=%llu\n", d->name, k + 1,
	       d->iters, (unsigned long long)(t1 - t0));
}

int main(void)
{
	unsigned int k;

	rt_test = "bench";
	tlb_map(63, RAM_ALIAS, 0, SZ_16M, TLB2_SRWX);
	if (!rt_native && rt_boot_arg) {
		if (rt_boot_arg > NKINDS) {
			fail("bench", "no kind %u (1..%u)", rt_boot_arg,
			     (unsigned int)NKINDS);
			return 1;
		}
		run_kind(rt_boot_arg - 1);
	} else {
		for (k = 0; k < NKINDS; k++)
			run_kind(k);
	}
	pass("bench");
	return 0;
}
