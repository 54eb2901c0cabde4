/*
 * irq: interrupts delivered into the guest's own handlers, with the
 * architected SRR0/SRR1/ESR/DEAR: sc, program (illegal instruction, unknown
 * SPR, trap), alignment, DTLB miss, ITLB miss, then DSI and ISI (these two
 * need guest tlbwe to build a page without the right permission).
 */
#include "rt.h"

#define EXPECT(n, vec_, srr0_, esr_mask) do { \
	CHECK(n, last_trap.count == 1, "%d interrupts (want 1)", last_trap.count); \
	CHECK(n, last_trap.vec == (vec_), "vector %u %s (want %u %s)", last_trap.vec, \
	      vec_names[last_trap.vec & 15], (vec_), vec_names[(vec_) & 15]); \
	CHECK(n, last_trap.srr0 == (srr0_), "SRR0 %#08x (want %#08x)", last_trap.srr0, (srr0_)); \
	CHECK(n, (last_trap.esr & (esr_mask)) == (esr_mask), "ESR %#08x (want bits %#08x)", \
	      last_trap.esr, (esr_mask)); \
	CHECK(n, last_trap.srr1 == msr0, "SRR1 %#08x (want the MSR before, %#08x)", \
	      last_trap.srr1, msr0); \
	CHECK(n, last_trap.msr == (msr0 & ~(MSR_EE | MSR_PR | MSR_IS | MSR_DS | MSR_WE)), \
	      "handler MSR %#08x (want %#08x)", last_trap.msr, \
	      msr0 & ~(MSR_EE | MSR_PR | MSR_IS | MSR_DS | MSR_WE)); \
	} while (0)

/* address of the labelled instruction in the asm below */
#define AT(label) ({ uint32_t a_; __asm__ volatile("lis %0," label "@ha\n\taddi %0,%0," label "@l" : "=b"(a_)); a_; })

static const uint32_t msr0 = MSR_ME | MSR_CE;
#define rt_no_arg_ rt_native

static void t_sc(void)
{
	const char *n = "irq_sc";
	int ok_ = 1;

	record_reset();
	set_handler(V_SC, record_and_skip);
	__asm__ volatile("li 3,0x55\n\tsc\nirq_sc_after:\n" ::: "memory", "r0", "r3",
			 "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
			 "lr", "ctr", "cr0");
	EXPECT(n, V_SC, AT("irq_sc_after"), 0);
	if (ok_)
		pass(n);
}

static void t_program_spr(void)
{
	const char *n = "irq_program_spr";
	int ok_ = 1;

	set_handler(V_PROGRAM, record_and_skip);
	record_reset();
	__asm__ volatile("irq_badspr:\n\tmfspr 3,0x1f1" ::: "memory", "r3");
	EXPECT(n, V_PROGRAM, AT("irq_badspr"), ESR_PIL);
	if (ok_)
		pass(n);
}

static void t_program_trap(void)
{
	const char *n = "irq_program_trap";
	int ok_ = 1;

	set_handler(V_PROGRAM, record_and_skip);
	record_reset();
	__asm__ volatile("irq_trap:\n\ttw 31,0,0" ::: "memory");	/* trap always */
	EXPECT(n, V_PROGRAM, AT("irq_trap"), ESR_PTR);
	if (ok_)
		pass(n);
}

static void t_program_illegal(void)
{
	const char *n = "irq_program_illegal";
	int ok_ = 1;

	set_handler(V_PROGRAM, record_and_skip);
	record_reset();
	__asm__ volatile("irq_ill:\n\t.long 0x00000000" ::: "memory");	/* illegal */
	EXPECT(n, V_PROGRAM, AT("irq_ill"), ESR_PIL);
	if (ok_)
		pass(n);
}

static uint32_t align_buf[4] __attribute__((aligned(16)));

static void t_alignment(void)
{
	const char *n = "irq_alignment";
	int ok_ = 1;

	set_handler(V_ALIGN, record_and_skip);
	record_reset();
	__asm__ volatile("irq_align:\n\tlwarx 3,0,%0" : : "r"((char *)align_buf + 2)
			 : "memory", "r3");
	EXPECT(n, V_ALIGN, AT("irq_align"), 0);
	printf("info: alignment DEAR %#08x (EA %#08x) ESR %#08x\n", last_trap.dear,
	       (uint32_t)align_buf + 2, last_trap.esr);
	if (ok_)
		pass(n);
}

static void t_dtlb(void)
{
	const char *n = "irq_dtlb_miss";
	int ok_ = 1;

	set_handler(V_DTLB, record_and_skip);
	record_reset();
	__asm__ volatile("irq_dtlb:\n\tlwz 3,0(%0)" : : "b"(0x30000124) : "memory", "r3");
	EXPECT(n, V_DTLB, AT("irq_dtlb"), 0);
	CHECK(n, last_trap.dear == 0x30000124, "DEAR %#08x (want 0x30000124)", last_trap.dear);
	record_reset();
	__asm__ volatile("irq_dtlb_st:\n\tstw 3,0(%0)" : : "b"(0x30001128) : "memory");
	EXPECT(n, V_DTLB, AT("irq_dtlb_st"), ESR_ST);
	CHECK(n, last_trap.dear == 0x30001128, "DEAR %#08x (want 0x30001128)", last_trap.dear);
	if (ok_)
		pass(n);
}

static void t_itlb(void)
{
	const char *n = "irq_itlb_miss";
	int ok_ = 1;

	set_handler(V_ITLB, record_and_return);
	record_reset();
	__asm__ volatile("mtctr %0\n\tbctrl" : : "r"(0x30002000) :
			 "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
			 "r10", "r11", "r12", "lr", "ctr", "cr0");
	EXPECT(n, V_ITLB, 0x30002000u, 0);
	if (ok_)
		pass(n);
}

static void t_dsi(void)
{
	const char *n = "irq_dsi";
	int ok_ = 1;
	volatile uint32_t *ro = (volatile uint32_t *)0x31000000;
	uint32_t v;

	/* EA 0x31000000 -> PA 0x00600000, supervisor read-only */
	*(volatile uint32_t *)0x00600000 = 0xabcd0123;
	tlb_map(10, 0x31000000, 0x00600000, SZ_4K, TLB2_SR);
	v = ro[0];
	CHECK(n, v == 0xabcd0123, "read through the read-only page %#08x", v);
	set_handler(V_DSI, record_and_skip);
	record_reset();
	__asm__ volatile("irq_dsi_st:\n\tstw %1,0(%0)" : : "b"(ro), "r"(0x1111) : "memory");
	EXPECT(n, V_DSI, AT("irq_dsi_st"), ESR_ST);
	CHECK(n, last_trap.dear == 0x31000000, "DEAR %#08x (want 0x31000000)", last_trap.dear);
	v = *(volatile uint32_t *)0x00600000;
	CHECK(n, v == 0xabcd0123, "the store went through anyway: %#08x", v);
	tlb_unmap(10);
	if (ok_)
		pass(n);
}

static void t_isi(void)
{
	const char *n = "irq_isi";
	int ok_ = 1;

	/* EA 0x32000000 -> PA of this image, supervisor RW but not X */
	tlb_map(11, 0x32000000, 0, SZ_1M, TLB2_SR | TLB2_SW);
	set_handler(V_ISI, record_and_return);
	record_reset();
	__asm__ volatile("mtctr %0\n\tbctrl" : : "r"(0x32000000 + (uint32_t)t_itlb) :
			 "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
			 "r10", "r11", "r12", "lr", "ctr", "cr0");
	EXPECT(n, V_ISI, 0x32000000u + (uint32_t)t_itlb, 0);
	tlb_unmap(11);
	if (ok_)
		pass(n);
}

int main(void)
{
	rt_test = "irq";
	mtmsr(msr0);
	/* hardware program/alignment interrupts last: a VMM stop there hides less */
	/*
	 * Interrupts the hardware raises in the guest and the module must
	 * reflect (not emulate) each get a run of their own (--arg 1..3),
	 * so one the module cannot handle yet hides no other.
	 */
	switch (rt_no_arg_ ? 0 : rt_boot_arg) {
	case 1:
		t_alignment();
		break;
	case 2:
		t_program_trap();
		break;
	case 3:
		t_program_illegal();
		break;
	default:
		t_sc();
		t_dtlb();
		t_itlb();
		t_dsi();
		t_isi();
		t_program_spr();
		break;
	}
	return rt_failures ? 1 : 0;
}
