/*
 * The guest timer logic of module/timer.h: DEC counting and auto-reload,
 * FIT and watchdog bit selection and events, the watchdog state machine,
 * and which event the module arms its hrtimer for.
 */
#include <check.h>
#include <string.h>

#include "kcompat.h"
#include "../../module/timer.h"

#define WDT_BITS	(KVM440_TSR_ENW | KVM440_TSR_WIS | KVM440_TSR_WRS_MASK)

static struct kvm440_sregs s;
static struct kvm440_tstate t;

static void setup(void)
{
	memset(&s, 0, sizeof(s));
	memset(&t, 0, sizeof(t));
	t.dec_tb = t.fit_tb = t.wdt_tb = 1000;
}

START_TEST(dec_value_counts_down_and_stops_at_zero)
{
	ck_assert_uint_eq(kvm440_dec_value(100, 0, false, 0), 100);
	ck_assert_uint_eq(kvm440_dec_value(100, 99, false, 0), 1);
	ck_assert_uint_eq(kvm440_dec_value(100, 100, false, 0), 0);
	ck_assert_uint_eq(kvm440_dec_value(100, 1ULL << 40, false, 0), 0);
	/* a written 0 never reloads, even with ARE */
	ck_assert_uint_eq(kvm440_dec_value(0, 5, true, 50), 0);
}
END_TEST

START_TEST(dec_value_reloads_from_decar)
{
	/* the 1->0 tick reloads: period DECAR */
	ck_assert_uint_eq(kvm440_dec_value(100, 100, true, 50), 50);
	ck_assert_uint_eq(kvm440_dec_value(100, 149, true, 50), 1);
	ck_assert_uint_eq(kvm440_dec_value(100, 150, true, 50), 50);
	ck_assert_uint_eq(kvm440_dec_value(100, 100 + 50 * 1000 + 7, true, 50),
			  43);
	ck_assert_uint_eq(kvm440_dec_value(100, 200, true, 0), 0);
}
END_TEST

START_TEST(sync_sets_dis_once_and_stops)
{
	kvm440_dec_write(&t, 100, 1000);
	ck_assert(!kvm440_timer_sync(&t, &s, 1050));
	ck_assert_uint_eq(s.dec, 50);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_DIS, 0);
	kvm440_timer_sync(&t, &s, 1100);
	ck_assert_uint_eq(s.dec, 0);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_DIS, KVM440_TSR_DIS);
	s.tsr = 0;		/* guest clears it: no second expiry */
	kvm440_timer_sync(&t, &s, 5000);
	ck_assert_uint_eq(s.dec, 0);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_DIS, 0);
}
END_TEST

START_TEST(sync_auto_reload_keeps_schedule)
{
	s.tcr = KVM440_TCR_ARE;
	s.decar = 40;
	kvm440_dec_write(&t, 100, 1000);
	/* first expiry at 1100, then every 40: 1140, 1180, ... */
	kvm440_timer_sync(&t, &s, 1125);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_DIS, KVM440_TSR_DIS);
	ck_assert_uint_eq(s.dec, 15);
	ck_assert_uint_eq(s.dec, kvm440_dec_value(100, 125, true, 40));
	s.tsr = 0;
	/* a late sync does not shift the schedule */
	kvm440_timer_sync(&t, &s, 1181);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_DIS, KVM440_TSR_DIS);
	ck_assert_uint_eq(s.dec, 39);
	ck_assert_uint_eq(t.dec_tb, 1180);
}
END_TEST

START_TEST(fit_and_watchdog_bits_are_the_440s)
{
	ck_assert_uint_eq(kvm440_fit_bit(0), 12);
	ck_assert_uint_eq(kvm440_fit_bit(0x01000000), 16);
	ck_assert_uint_eq(kvm440_fit_bit(0x02000000), 20);
	ck_assert_uint_eq(kvm440_fit_bit(0x03000000), 24);
	ck_assert_uint_eq(kvm440_wdt_bit(0), 20);
	ck_assert_uint_eq(kvm440_wdt_bit(0x40000000), 24);
	ck_assert_uint_eq(kvm440_wdt_bit(0x80000000), 28);
	ck_assert_uint_eq(kvm440_wdt_bit(0xc0000000), 32);
	/* the FIT period is 2^13 ticks at FP=0 */
	ck_assert_uint_eq(kvm440_tb_next_rise(0, 12), 1 << 12);
	ck_assert_uint_eq(kvm440_tb_next_rise(1 << 12, 12),
			  (1 << 12) + (1 << 13));
}
END_TEST

START_TEST(tb_rises_count_zero_to_one_transitions)
{
	/* bit 0 rises at 1, 3, 5, ... */
	ck_assert_uint_eq(kvm440_tb_rises(0, 0), 0);
	ck_assert_uint_eq(kvm440_tb_rises(1, 0), 1);
	ck_assert_uint_eq(kvm440_tb_rises(2, 0), 1);
	ck_assert_uint_eq(kvm440_tb_rises(3, 0), 2);
	ck_assert_uint_eq(kvm440_tb_next_rise(1, 0), 3);
	/* bit 3 rises at 8, 24, 40 */
	ck_assert_uint_eq(kvm440_tb_rises(7, 3), 0);
	ck_assert_uint_eq(kvm440_tb_rises(8, 3), 1);
	ck_assert_uint_eq(kvm440_tb_rises(23, 3), 1);
	ck_assert_uint_eq(kvm440_tb_rises(24, 3), 2);
	ck_assert_uint_eq(kvm440_tb_next_rise(8, 3), 24);
	/* the 2^33 watchdog period needs TBU */
	ck_assert_uint_eq(kvm440_tb_next_rise(5, 32), 1ULL << 32);
}
END_TEST

START_TEST(fit_status_set_even_when_disabled)
{
	u64 rise = kvm440_tb_next_rise(1000, 12);

	kvm440_timer_sync(&t, &s, rise - 1);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_FIS, 0);
	kvm440_timer_sync(&t, &s, rise);
	ck_assert_uint_eq(s.tsr & KVM440_TSR_FIS, KVM440_TSR_FIS);
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 0);
}
END_TEST

START_TEST(watchdog_state_machine)
{
	bool reset = false;
	u32 tsr = 0;

	tsr = kvm440_wdt_event(tsr, 0, &reset);
	ck_assert_uint_eq(tsr, KVM440_TSR_ENW);
	tsr = kvm440_wdt_event(tsr, 0, &reset);
	ck_assert_uint_eq(tsr, KVM440_TSR_ENW | KVM440_TSR_WIS);
	/* WRC = 0: nothing more happens */
	tsr = kvm440_wdt_event(tsr, 0, &reset);
	ck_assert_uint_eq(tsr, KVM440_TSR_ENW | KVM440_TSR_WIS);
	ck_assert(!reset);
	/* WRC = 10: chip reset, recorded in WRS */
	tsr = kvm440_wdt_event(tsr, 0x20000000, &reset);
	ck_assert(reset);
	ck_assert_uint_eq(tsr, KVM440_TSR_ENW | KVM440_TSR_WIS | 0x20000000);
	/* WIS set, ENW cleared by the guest: the next event sets ENW */
	reset = false;
	tsr = kvm440_wdt_event(KVM440_TSR_WIS, 0x10000000, &reset);
	ck_assert_uint_eq(tsr, KVM440_TSR_ENW | KVM440_TSR_WIS);
	ck_assert(!reset);
}
END_TEST

START_TEST(watchdog_resets_on_third_event_via_sync)
{
	u64 p = 1ULL << 21, first = kvm440_tb_next_rise(1000, 20);

	s.tcr = 0x10000000;	/* WP = 2^21, WRC = core */
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), first);
	ck_assert(!kvm440_timer_sync(&t, &s, first));
	ck_assert_uint_eq(s.tsr & WDT_BITS, KVM440_TSR_ENW);
	ck_assert(!kvm440_timer_sync(&t, &s, first + p));
	ck_assert_uint_eq(s.tsr & WDT_BITS, KVM440_TSR_ENW | KVM440_TSR_WIS);
	ck_assert(kvm440_timer_sync(&t, &s, first + 2 * p));
	ck_assert_uint_eq(s.tsr & KVM440_TSR_WRS_MASK, 0x10000000);
}
END_TEST

START_TEST(watchdog_many_events_at_once)
{
	s.tcr = 0x10000000;
	ck_assert(kvm440_timer_sync(&t, &s, 1ULL << 40));
	setup();
	ck_assert(!kvm440_timer_sync(&t, &s, 1ULL << 40));
	ck_assert_uint_eq(s.tsr & WDT_BITS, KVM440_TSR_ENW | KVM440_TSR_WIS);
	/* FIT events happened too, and set FIS though FIE is clear */
	ck_assert_uint_eq(s.tsr & KVM440_TSR_FIS, KVM440_TSR_FIS);
}
END_TEST

START_TEST(next_event_only_for_interrupts_and_resets)
{
	kvm440_dec_write(&t, 500, 1000);
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 0);
	s.tcr = KVM440_TCR_DIE;
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 1500);
	s.tsr = KVM440_TSR_DIS;		/* already pending: nothing to wait for */
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 0);
	s.tsr = 0;
	s.tcr |= KVM440_TCR_FIE;	/* FIT at 4096 comes after DEC */
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 1500);
	kvm440_dec_write(&t, 10000, 1000);
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 4096);
	s.tcr = KVM440_TCR_WIE;
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 1 << 20);
	s.tsr = KVM440_TSR_WIS;
	ck_assert_uint_eq(kvm440_timer_next(&t, &s), 0);
}
END_TEST

Suite *timer_suite(void);
Suite *timer_suite(void)
{
	Suite *su = suite_create("timer");
	TCase *d = tcase_create("dec");
	TCase *f = tcase_create("fit_wdt");

	tcase_add_checked_fixture(d, setup, NULL);
	tcase_add_test(d, dec_value_counts_down_and_stops_at_zero);
	tcase_add_test(d, dec_value_reloads_from_decar);
	tcase_add_test(d, sync_sets_dis_once_and_stops);
	tcase_add_test(d, sync_auto_reload_keeps_schedule);
	tcase_add_test(d, next_event_only_for_interrupts_and_resets);
	tcase_add_checked_fixture(f, setup, NULL);
	tcase_add_test(f, fit_and_watchdog_bits_are_the_440s);
	tcase_add_test(f, tb_rises_count_zero_to_one_transitions);
	tcase_add_test(f, fit_status_set_even_when_disabled);
	tcase_add_test(f, watchdog_state_machine);
	tcase_add_test(f, watchdog_resets_on_third_event_via_sync);
	tcase_add_test(f, watchdog_many_events_at_once);
	suite_add_tcase(su, d);
	suite_add_tcase(su, f);
	return su;
}
