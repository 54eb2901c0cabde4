#include <check.h>
#include <string.h>

#include "kcompat.h"
#include "../../module/booke.c"

static struct kvm440_sregs s;
static u32 pc, msr;
static struct kvm440_booke b = { &pc, &msr, &s };

static void setup(void)
{
	memset(&s, 0, sizeof(s));
	s.ivpr = 0x12340000;
	for (int i = 0; i < 16; i++)
		s.ivor[i] = 0x100 * (i + 1);
	pc = 0x5000;
	msr = KVM440_MSR_CE | KVM440_MSR_EE | KVM440_MSR_PR | KVM440_MSR_ME |
	      KVM440_MSR_DE | KVM440_MSR_IS | KVM440_MSR_DS | KVM440_MSR_WE;
}

START_TEST(program_saves_srr_and_jumps_to_ivpr_ivor6)
{
	u32 old = msr;

	kvm440_booke_deliver(&b, KVM440_INT_PROGRAM, 0x4ffc);
	ck_assert_uint_eq(s.srr0, 0x4ffc);
	ck_assert_uint_eq(s.srr1, old);
	ck_assert_uint_eq(pc, 0x12340700);
	/* base class: CE, ME, DE survive; EE, PR, IS, DS, WE cleared */
	ck_assert_uint_eq(msr, KVM440_MSR_CE | KVM440_MSR_ME | KVM440_MSR_DE);
	ck_assert_uint_eq(s.csrr0, 0);
}
END_TEST

START_TEST(watchdog_is_critical_class)
{
	u32 old = msr;

	kvm440_booke_deliver(&b, KVM440_INT_WATCHDOG, 0x5000);
	ck_assert_uint_eq(s.csrr0, 0x5000);
	ck_assert_uint_eq(s.csrr1, old);
	ck_assert_uint_eq(s.srr0, 0);
	ck_assert_uint_eq(pc, 0x12340d00);
	ck_assert_uint_eq(msr, KVM440_MSR_ME);
}
END_TEST

START_TEST(machine_check_uses_csrr_and_clears_me)
{
	u32 old = msr;

	kvm440_booke_deliver(&b, KVM440_INT_MACHINE_CHECK, 0x5000);
	ck_assert_uint_eq(s.csrr0, 0x5000);
	ck_assert_uint_eq(s.csrr1, old);
	ck_assert_uint_eq(pc, 0x12340200);
	ck_assert_uint_eq(msr, 0);
}
END_TEST

START_TEST(ivor_low_bits_and_ivpr_low_half_ignored)
{
	s.ivpr = 0x1234ffff;
	s.ivor[KVM440_INT_SYSCALL] = 0xffff;
	kvm440_booke_deliver(&b, KVM440_INT_SYSCALL, 0x5004);
	ck_assert_uint_eq(pc, 0x1234fff0);
}
END_TEST

START_TEST(nothing_pending_without_cause)
{
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, 0), KVM440_INT_NONE);
}
END_TEST

START_TEST(external_needs_ee)
{
	u32 lines = 1u << KVM440_IRQ_EXTERNAL;

	ck_assert_int_eq(kvm440_booke_pending(&s, msr, lines),
			 KVM440_INT_EXTERNAL);
	ck_assert_int_eq(kvm440_booke_pending(&s, msr & ~KVM440_MSR_EE, lines),
			 KVM440_INT_NONE);
}
END_TEST

START_TEST(timers_need_status_and_enable)
{
	s.tsr = KVM440_TSR_DIS;
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, 0), KVM440_INT_NONE);
	s.tcr = KVM440_TCR_DIE;
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, 0),
			 KVM440_INT_DECREMENTER);
	s.tsr |= KVM440_TSR_FIS;
	s.tcr |= KVM440_TCR_FIE;
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, 0), KVM440_INT_FIT);
}
END_TEST

START_TEST(priority_critical_watchdog_external_fit_dec)
{
	u32 all = (1u << KVM440_IRQ_EXTERNAL) | (1u << KVM440_IRQ_CRITICAL);

	s.tsr = KVM440_TSR_WIS | KVM440_TSR_DIS | KVM440_TSR_FIS;
	s.tcr = KVM440_TCR_WIE | KVM440_TCR_DIE | KVM440_TCR_FIE;
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, all),
			 KVM440_INT_CRITICAL);
	ck_assert_int_eq(kvm440_booke_pending(&s, msr, all & ~2u),
			 KVM440_INT_WATCHDOG);
	ck_assert_int_eq(kvm440_booke_pending(&s, msr & ~KVM440_MSR_CE, all),
			 KVM440_INT_EXTERNAL);
	ck_assert_int_eq(kvm440_booke_pending(&s, msr & ~KVM440_MSR_CE, 0),
			 KVM440_INT_FIT);
	s.tsr &= ~KVM440_TSR_FIS;
	ck_assert_int_eq(kvm440_booke_pending(&s, msr & ~KVM440_MSR_CE, 0),
			 KVM440_INT_DECREMENTER);
}
END_TEST

Suite *booke_suite(void);
Suite *booke_suite(void)
{
	Suite *su = suite_create("booke");
	TCase *d = tcase_create("deliver");
	TCase *p = tcase_create("pending");

	tcase_add_checked_fixture(d, setup, NULL);
	tcase_add_test(d, program_saves_srr_and_jumps_to_ivpr_ivor6);
	tcase_add_test(d, watchdog_is_critical_class);
	tcase_add_test(d, machine_check_uses_csrr_and_clears_me);
	tcase_add_test(d, ivor_low_bits_and_ivpr_low_half_ignored);
	tcase_add_checked_fixture(p, setup, NULL);
	tcase_add_test(p, nothing_pending_without_cause);
	tcase_add_test(p, external_needs_ee);
	tcase_add_test(p, timers_need_status_and_enable);
	tcase_add_test(p, priority_critical_watchdog_external_fit_dec);
	suite_add_tcase(su, d);
	suite_add_tcase(su, p);
	return su;
}
