/* The gdb stub's address translation: the guest TLB as the 440 matches it. */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "../../lib/kvm440.h"

#define W0(epn, size, flags) ((epn) | ((size) << 4) | KVM440_TLB0_V | (flags))

static struct kvm440_tlb tlb;

static void setup(void)
{
	memset(&tlb, 0, sizeof(tlb));
	/* 0: 16M at EA 0 -> PA 0, global (TID 0), TS 0 */
	tlb.e[0].word0 = W0(0, 7, 0);
	/* 1: 4K at EA 0x10000000, TID 5, TS 1 -> PA 0x1_2345_6000 (ERPN 1) */
	tlb.e[1].tid = 5;
	tlb.e[1].word0 = W0(0x10000000u, 1, KVM440_TLB0_TS);
	tlb.e[1].word1 = 0x23456000u | 1;
	/* 2: invalid, would match everything below 256M */
	tlb.e[2].word0 = 9 << 4;
	/* 3: a reserved size code (4M) never matches */
	tlb.e[3].word0 = W0(0x20000000u, 6, 0);
}

START_TEST(global_entry_matches_any_pid_in_its_space)
{
	uint64_t pa;
	uint32_t room;

	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 7, 0, 0x123456, &pa,
					       &room), 0);
	ck_assert_uint_eq(pa, 0x123456);
	ck_assert_uint_eq(room, 0x1000000 - 0x123456);
	/* same EA in TS 1: no entry */
	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 7, 1, 0x123456, &pa,
					       &room), -EFAULT);
}
END_TEST

START_TEST(tid_must_match_pid_and_erpn_is_kept)
{
	uint64_t pa;
	uint32_t room;

	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 5, 1, 0x10000ffc, &pa,
					       &room), 0);
	ck_assert_uint_eq(pa, 0x123456ffcull);
	ck_assert_uint_eq(room, 4);
	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 4, 1, 0x10000ffc, &pa,
					       &room), -EFAULT);
	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 5, 1, 0x10001000, &pa,
					       &room), -EFAULT);
}
END_TEST

START_TEST(invalid_and_reserved_sizes_never_match)
{
	uint64_t pa;
	uint32_t room;

	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 0, 0, 0x08000000, &pa,
					       &room), -EFAULT);
	ck_assert_int_eq(kvm440_gtlb_translate(&tlb, 0, 0, 0x20000000, &pa,
					       &room), -EFAULT);
}
END_TEST

Suite *gdbstub_suite(void);
Suite *gdbstub_suite(void)
{
	Suite *s = suite_create("gdbstub");
	TCase *tc = tcase_create("translate");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, global_entry_matches_any_pid_in_its_space);
	tcase_add_test(tc, tid_must_match_pid_and_erpn_is_kept);
	tcase_add_test(tc, invalid_and_reserved_sizes_never_match);
	suite_add_tcase(s, tc);
	return s;
}
