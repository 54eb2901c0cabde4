/*
 * user: guest user mode versus guest kernel mode. Code runs in problem
 * state (MSR[PR] set by the guest's own rfi) through a user alias of the
 * image; privileged instructions and privileged SPRs trap to the guest's
 * program handler with ESR[PPR]; a page the kernel may write is read-only to
 * the user; a kernel-only page (even one the kernel just touched) faults
 * with DSI; kernel-only code faults with ISI; SPRG4 is user-readable.
 */
#include "rt.h"

#define RO_PAGE		0x11000000u	/* user R, kernel RW */
#define K_PAGE		0x11001000u	/* kernel RW only */
#define RO_PA		0x00900000u
#define K_PA		0x00901000u

/* user-mode routines: only stack and arguments, no globals */
__attribute__((noinline)) static uint32_t u_add(uint32_t x)
{
	volatile uint32_t s = x;
	return s * 3 + 1;
}
__attribute__((noinline)) static uint32_t u_read(uint32_t ea)
{
	return *(volatile uint32_t *)ea;
}
__attribute__((noinline)) static uint32_t u_write(uint32_t ea)
{
	*(volatile uint32_t *)ea = 0xbad0bad0;
	return 1;
}
__attribute__((noinline)) static uint32_t u_sprg4(uint32_t x)
{
	(void)x;
	return mfspr(SPRN_SPRG4R);
}
__attribute__((noinline)) static uint32_t u_call(uint32_t ea)
{
	return ((uint32_t (*)(uint32_t))ea)(0);
}
#define U_INSN(name, insn) \
	__attribute__((noinline)) static uint32_t name(uint32_t x) \
	{ uint32_t r = x; __asm__ volatile(insn : "+r"(r) : : "memory"); return r; }
U_INSN(u_mfmsr, "mfmsr %0")
U_INSN(u_mtmsr, "mtmsr %0")
U_INSN(u_wrteei, "wrteei 1")
U_INSN(u_mfsrr0, "mfspr %0,0x1a")
U_INSN(u_mtsprg0, "mtspr 0x110,%0")
U_INSN(u_mtsprg4, "mtspr 0x114,%0")
U_INSN(u_tlbwe, "tlbwe %0,%0,0")
U_INSN(u_mfdcr, "mfdcr %0,0x3f1")
U_INSN(u_rfi, "rfi")
U_INSN(u_iccci, "iccci 0,%0")

static uint32_t k_func(uint32_t x) { return x + 1; }

static void priv(const char *n, int *okp, uint32_t (*fn)(uint32_t), const char *what)
{
	int ok_ = *okp;

	record_reset();
	(void)call_user(fn, 0);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_PROGRAM &&
	      (last_trap.esr & ESR_PPR) && (last_trap.srr1 & MSR_PR),
	      "%s in user mode: %d interrupts, vector %u, ESR %#08x, SRR1 %#08x (want 1 program, PPR, PR)",
	      what, last_trap.count, last_trap.vec, last_trap.esr, last_trap.srr1);
	*okp = ok_;
}

int main(void)
{
	const char *n;
	int ok_;
	uint32_t v;

	rt_test = "user";
	mtmsr(MSR_ME | MSR_CE);
	user_alias_map(TLB_FIRST_FREE);
	tlb_map(TLB_FIRST_FREE + 1, RO_PAGE, RO_PA, SZ_4K, TLB2_UR | TLB2_SR | TLB2_SW);
	tlb_map(TLB_FIRST_FREE + 2, K_PAGE, K_PA, SZ_4K, TLB2_SR | TLB2_SW);

	n = "user_run";
	ok_ = 1;
	v = call_user(u_add, 14);
	CHECK(n, v == 43, "user code returned %u (want 43)", v);
	CHECK(n, (mfmsr() & MSR_PR) == 0, "back in the kernel with MSR %#08x", mfmsr());
	if (ok_)
		pass(n);

	n = "user_privileged";
	ok_ = 1;
	set_handler(V_PROGRAM, record_and_skip);
	priv(n, &ok_, u_mfmsr, "mfmsr");
	priv(n, &ok_, u_mtmsr, "mtmsr");
	priv(n, &ok_, u_wrteei, "wrteei");
	priv(n, &ok_, u_mfsrr0, "mfspr SRR0");
	priv(n, &ok_, u_mtsprg0, "mtspr SPRG0");
	priv(n, &ok_, u_mtsprg4, "mtspr SPRG4");
	priv(n, &ok_, u_tlbwe, "tlbwe");
	priv(n, &ok_, u_mfdcr, "mfdcr");
	priv(n, &ok_, u_rfi, "rfi");
	priv(n, &ok_, u_iccci, "iccci");
	set_handler(V_PROGRAM, 0);
	if (ok_)
		pass(n);

	n = "user_sprg4";
	ok_ = 1;
	mtspr(SPRN_SPRG4, 0x44440444);
	v = call_user(u_sprg4, 0);
	CHECK(n, v == 0x44440444, "user read of SPRG4 %#08x (want 0x44440444)", v);
	if (ok_)
		pass(n);

	n = "user_readonly_page";
	ok_ = 1;
	*(volatile uint32_t *)RO_PAGE = 0x0aaa0aaa;	/* kernel may write it */
	v = call_user(u_read, RO_PAGE);
	CHECK(n, v == 0x0aaa0aaa, "user read %#08x (want 0x0aaa0aaa)", v);
	set_handler(V_DSI, record_and_skip);
	record_reset();
	(void)call_user(u_write, RO_PAGE);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_DSI && last_trap.dear == RO_PAGE &&
	      (last_trap.esr & ESR_ST) && (last_trap.srr1 & MSR_PR),
	      "user store: %d interrupts, vector %u, DEAR %#08x, ESR %#08x, SRR1 %#08x (want 1 DSI at %#08x, ST, PR)",
	      last_trap.count, last_trap.vec, last_trap.dear, last_trap.esr, last_trap.srr1, RO_PAGE);
	v = *(volatile uint32_t *)RO_PA;
	CHECK(n, v == 0x0aaa0aaa, "the user store went through: %#08x", v);
	if (ok_)
		pass(n);

	n = "user_kernel_page";
	ok_ = 1;
	*(volatile uint32_t *)K_PAGE = 0x0bbb0bbb;	/* kernel shadow is now live */
	record_reset();
	v = call_user(u_read, K_PAGE);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_DSI && last_trap.dear == K_PAGE &&
	      (last_trap.srr1 & MSR_PR),
	      "user read of a kernel page: %d interrupts, vector %u, DEAR %#08x (want 1 DSI at %#08x), read %#08x",
	      last_trap.count, last_trap.vec, last_trap.dear, K_PAGE, v);
	record_reset();
	(void)call_user(u_read, 0x00002000);	/* the kernel's own image */
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_DSI,
	      "user read of the kernel image: %d interrupts, vector %u", last_trap.count,
	      last_trap.vec);
	record_reset();
	(void)call_user(u_write, K_PAGE);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_DSI,
	      "user store to a kernel page: %d interrupts, vector %u", last_trap.count,
	      last_trap.vec);
	v = *(volatile uint32_t *)K_PAGE;
	CHECK(n, v == 0x0bbb0bbb, "kernel reads its page back as %#08x", v);
	set_handler(V_DSI, 0);
	if (ok_)
		pass(n);

	n = "user_kernel_code";
	ok_ = 1;
	set_handler(V_ISI, record_and_return);
	record_reset();
	(void)call_user(u_call, (uint32_t)k_func);
	CHECK(n, last_trap.count == 1 && last_trap.vec == V_ISI &&
	      last_trap.srr0 == (uint32_t)k_func && (last_trap.srr1 & MSR_PR),
	      "user call of kernel code: %d interrupts, vector %u, SRR0 %#08x (want 1 ISI at %#08x)",
	      last_trap.count, last_trap.vec, last_trap.srr0, (uint32_t)k_func);
	set_handler(V_ISI, 0);
	v = k_func(1);
	CHECK(n, v == 2, "kernel still runs its code: %u", v);
	if (ok_)
		pass(n);
	return rt_failures ? 1 : 0;
}
