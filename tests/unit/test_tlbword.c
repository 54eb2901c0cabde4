#include <check.h>

#include "kcompat.h"
#include "../../module/tlbword.h"

#define PAGE_OFFSET 0xc0000000u
#define W0(epn, size, flags) ((epn) | ((size) << 4) | (flags))
#define BOLTED W0(0xc0000000u, 9, KVM440_TLB0_V)

START_TEST(page_bytes_cover_all_440_sizes)
{
	/* 4M (code 6) and 64M (code 8) are reserved on the 440 */
	static const u32 want[] = { 1u << 10, 1u << 12, 1u << 14, 1u << 16,
				    1u << 18, 1u << 20, 0, 1u << 24,
				    0, 1u << 28 };
	for (u32 code = 0; code < 10; code++)
		ck_assert_uint_eq(tlb_page_bytes(W0(0, code, 0)), want[code]);
	for (u32 code = 10; code < 16; code++)
		ck_assert_uint_eq(tlb_page_bytes(W0(0, code, 0)), 0);
}
END_TEST

START_TEST(bolted_needs_valid_ts0_256m_kernel_page)
{
	ck_assert(tlb_is_host_bolted(BOLTED, PAGE_OFFSET));
	ck_assert(tlb_is_host_bolted(W0(0xd0000000u, 9, KVM440_TLB0_V),
				     PAGE_OFFSET));
	ck_assert(!tlb_is_host_bolted(BOLTED & ~KVM440_TLB0_V, PAGE_OFFSET));
	ck_assert(!tlb_is_host_bolted(BOLTED | KVM440_TLB0_TS, PAGE_OFFSET));
	ck_assert(!tlb_is_host_bolted(W0(0xc0000000u, 8, KVM440_TLB0_V),
				      PAGE_OFFSET));
	ck_assert(!tlb_is_host_bolted(W0(0x10000000u, 9, KVM440_TLB0_V),
				      PAGE_OFFSET));
}
END_TEST

START_TEST(find_bolted_stops_at_first_gap)
{
	u32 w[64] = { 0 };

	w[63] = BOLTED;
	w[62] = BOLTED + 0x10000000u;
	w[61] = W0(0xc1000000u, 1, KVM440_TLB0_V);	/* round-robin 4K */
	w[60] = BOLTED;					/* not contiguous */
	ck_assert_uint_eq(tlb_find_bolted_first(w, 64, PAGE_OFFSET), 62);
}
END_TEST

START_TEST(find_bolted_none_gives_n)
{
	u32 w[64] = { 0 };

	ck_assert_uint_eq(tlb_find_bolted_first(w, 64, PAGE_OFFSET), 64);
}
END_TEST

START_TEST(find_bolted_never_claims_entry_zero)
{
	u32 w[64];

	for (int i = 0; i < 64; i++)
		w[i] = BOLTED;
	ck_assert_uint_eq(tlb_find_bolted_first(w, 64, PAGE_OFFSET), 1);
}
END_TEST

/*
 * CONFIG_PPC_EARLY_DEBUG_44x: head_44x.S puts a TS=1 UART entry in slot
 * 62, and a host with more than 256M of lowmem pins its other 256M
 * entries below it (61, 60, ...). All of them are the host's.
 */
START_TEST(find_bolted_skips_early_debug_uart)
{
	u32 w[64] = { 0 };

	w[63] = BOLTED;
	w[62] = W0(0xf0000000u, 4, KVM440_TLB0_V | KVM440_TLB0_TS);
	w[61] = BOLTED + 0x10000000u;
	w[60] = BOLTED + 0x20000000u;
	w[59] = W0(0x10000000u, 1, KVM440_TLB0_V);	/* round-robin 4K */
	ck_assert_uint_eq(tlb_find_bolted_first(w, 64, PAGE_OFFSET), 60);
}
END_TEST

/* early debug on a host with 256M of lowmem: 63 pinned, 62 the UART */
START_TEST(find_bolted_keeps_early_debug_uart)
{
	u32 w[64] = { 0 };

	w[63] = BOLTED;
	w[62] = W0(0xf0000000u, 4, KVM440_TLB0_V | KVM440_TLB0_TS);
	w[61] = W0(0x10000000u, 1, KVM440_TLB0_V);
	ck_assert_uint_eq(tlb_find_bolted_first(w, 64, PAGE_OFFSET), 62);
}
END_TEST

Suite *tlbword_suite(void);
Suite *tlbword_suite(void)
{
	Suite *s = suite_create("tlbword");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, page_bytes_cover_all_440_sizes);
	tcase_add_test(tc, bolted_needs_valid_ts0_256m_kernel_page);
	tcase_add_test(tc, find_bolted_stops_at_first_gap);
	tcase_add_test(tc, find_bolted_none_gives_n);
	tcase_add_test(tc, find_bolted_never_claims_entry_zero);
	tcase_add_test(tc, find_bolted_skips_early_debug_uart);
	tcase_add_test(tc, find_bolted_keeps_early_debug_uart);
	suite_add_tcase(s, tc);
	return s;
}
