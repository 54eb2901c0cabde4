/*
 * badmap: the guest maps physical addresses it was not given (above its
 * 16M of RAM, in the 36-bit space, a 256M page straddling the end of RAM,
 * a cacheable mapping of a hole) and must get MMIO exits (guest_vmm answers
 * with its "unassigned" pattern and counts them) or its own faults, never
 * host memory; instruction fetch from a hole must fault in the guest.
 */
#include "rt.h"

static uint32_t tdev(uint32_t off) { return *(volatile uint32_t *)(TDEV_BASE + off); }

static void expect_ua(const char *n, int *okp, uint32_t ea, uint64_t pa, int size_code,
		      uint32_t attr)
{
	uint32_t c0, c1, v, lo, hi, info, d;
	int ok_ = *okp;

	tlb_map(TLB_FIRST_FREE, ea & ~0xfffu, pa & ~0xfffull, size_code, attr);
	c0 = tdev(TDEV_UNASSIGNED);
	v = *(volatile uint32_t *)ea;
	c1 = tdev(TDEV_UNASSIGNED);
	lo = tdev(TDEV_UA_LO);
	hi = tdev(TDEV_UA_HI);
	CHECK(n, v == unassigned_word(pa), "load from PA %#llx read %#08x (want the VMM's %#08x)",
	      (unsigned long long)pa, v, unassigned_word(pa));
	CHECK(n, c1 == c0 + 1 && lo == (uint32_t)pa && hi == (uint32_t)(pa >> 32),
	      "VMM saw %u unassigned accesses, last at %#x_%08x (want 1 at %#llx)", c1 - c0,
	      hi, lo, (unsigned long long)pa);
	*(volatile uint32_t *)ea = 0x57073e00;
	info = tdev(TDEV_UA_INFO);
	d = tdev(TDEV_UA_DATA);
	lo = tdev(TDEV_UA_LO);
	CHECK(n, info == (4 | 0x100) && d == 0x57073e00 && lo == (uint32_t)pa,
	      "store to PA %#llx: VMM saw info %#x data %#08x at %#08x", (unsigned long long)pa,
	      info, d, lo);
	tlb_unmap(TLB_FIRST_FREE);
	*okp = ok_;
}

int main(void)
{
	const char *n;
	int ok_;

	rt_test = "badmap";
	n = "badmap_above_ram";
	ok_ = 1;
	expect_ua(n, &ok_, 0x60000010, 0x01000010, SZ_4K, TLB2_I | TLB2_G | TLB2_SR | TLB2_SW);
	expect_ua(n, &ok_, 0x60000020, 0x08000020, SZ_4K, TLB2_I | TLB2_G | TLB2_SR | TLB2_SW);
	expect_ua(n, &ok_, 0x60000ff0, 0xc0000ff0, SZ_4K, TLB2_I | TLB2_G | TLB2_SR | TLB2_SW);
	if (ok_)
		pass(n);

	n = "badmap_cacheable_hole";
	ok_ = 1;
	expect_ua(n, &ok_, 0x60000040, 0x02000040, SZ_4K, TLB2_SR | TLB2_SW);
	if (ok_)
		pass(n);

	n = "badmap_36bit";
	ok_ = 1;
	expect_ua(n, &ok_, 0x60000080, 0x100000080ull, SZ_4K, TLB2_I | TLB2_G | TLB2_SR | TLB2_SW);
	expect_ua(n, &ok_, 0x60000100, 0xf00000100ull, SZ_4K, TLB2_I | TLB2_G | TLB2_SR | TLB2_SW);
	if (ok_)
		pass(n);

	/* a 256M page over PA 0: RAM below 16M, holes above it */
	n = "badmap_big_page";
	ok_ = 1;
	{
		uint32_t c0 = tdev(TDEV_UNASSIGNED), v;

		*(volatile uint32_t *)0x00c00000 = 0x2560ca11;
		tlb_map(TLB_FIRST_FREE + 1, 0x70000000, 0, SZ_256M, TLB2_SR | TLB2_SW);
		v = *(volatile uint32_t *)0x70c00000;
		CHECK(n, v == 0x2560ca11, "RAM through the 256M page: %#08x", v);
		v = *(volatile uint32_t *)0x71000000;
		CHECK(n, v == unassigned_word(0x01000000),
		      "PA 0x01000000 (just past RAM) through the 256M page: %#08x (want %#08x)",
		      v, unassigned_word(0x01000000));
		v = *(volatile uint32_t *)0x7ffffffc;
		CHECK(n, v == unassigned_word(0x0ffffffc),
		      "PA 0x0ffffffc through the 256M page: %#08x (want %#08x)", v,
		      unassigned_word(0x0ffffffc));
		*(volatile uint32_t *)0x74000000 = 0x11112222;
		CHECK(n, tdev(TDEV_UNASSIGNED) == c0 + 3 && tdev(TDEV_UA_LO) == 0x04000000,
		      "VMM saw %u unassigned accesses (want 3), last at %#08x",
		      tdev(TDEV_UNASSIGNED) - c0, tdev(TDEV_UA_LO));
		v = *(volatile uint32_t *)0x70c00000;
		CHECK(n, v == 0x2560ca11, "RAM through the 256M page afterwards: %#08x", v);
		tlb_unmap(TLB_FIRST_FREE + 1);
	}
	if (ok_)
		pass(n);

	/* instruction fetch from a hole: a fault in the guest, of some kind */
	n = "badmap_fetch";
	ok_ = 1;
	tlb_map(TLB_FIRST_FREE + 2, 0x61000000, 0x03000000, SZ_4K, TLB2_SRWX);
	set_handler(V_MCHK, record_and_return);
	set_handler(V_ISI, record_and_return);
	set_handler(V_ITLB, record_and_return);
	record_reset();
	__asm__ volatile("mtctr %0\n\tbctrl" : : "r"(0x61000000) :
			 "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
			 "r10", "r11", "r12", "lr", "ctr", "cr0");
	printf("info: fetch from PA 0x03000000: %d interrupts, vector %u (%s), %s %#08x, SRR0 %#08x\n",
	       last_trap.count, last_trap.vec, vec_names[last_trap.vec & 15],
	       last_trap.vec == V_MCHK ? "CSRR0" : "SRR0", last_trap.srr0, mfspr(SPRN_SRR0));
	CHECK(n, last_trap.count == 1 && (last_trap.vec == V_MCHK || last_trap.vec == V_ISI),
	      "fetch from a hole: %d interrupts, vector %u (want 1 machine check or ISI)",
	      last_trap.count, last_trap.vec);
	tlb_unmap(TLB_FIRST_FREE + 2);
	if (ok_)
		pass(n);
	return rt_failures ? 1 : 0;
}
