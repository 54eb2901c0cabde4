#include <check.h>
#include <string.h>

#include "kcompat.h"
#include "../../module/gtlb.h"

#define V	KVM440_TLB0_V
#define TS	KVM440_TLB0_TS
#define SZ(c)	((u32)(c) << KVM440_TLB0_SIZE_SHIFT)

static struct kvm440_tlb_entry tlb[64];

static void setup(void)
{
	memset(tlb, 0, sizeof(tlb));
}

START_TEST(search_tid_zero_matches_every_pid)
{
	tlb[3] = (struct kvm440_tlb_entry){ 0, 0x10000000 | V | SZ(1), 0, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x10000fff, 0, false), 3);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x10000000, 200, false), 3);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x10001000, 0, false), -1);
}
END_TEST

START_TEST(search_tid_must_equal_pid)
{
	tlb[5] = (struct kvm440_tlb_entry){ 7, 0x20000000 | V | SZ(1), 0, 0 };
	tlb[9] = (struct kvm440_tlb_entry){ 8, 0x20000000 | V | SZ(1),
					    0x1000, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x20000010, 7, false), 5);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x20000010, 8, false), 9);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x20000010, 9, false), -1);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x20000010, 0, false), -1);
	/* only the low 8 bits of PID take part */
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x20000010, 0x107, false), 5);
}
END_TEST

START_TEST(search_ts_must_equal_space)
{
	tlb[1] = (struct kvm440_tlb_entry){ 0, 0x3000 | V | TS | SZ(1), 0, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x3000, 0, false), -1);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x3000, 0, true), 1);
}
END_TEST

START_TEST(search_skips_invalid_and_reserved_sizes)
{
	tlb[0] = (struct kvm440_tlb_entry){ 0, 0x4000 | SZ(1), 0, 0 };
	tlb[1] = (struct kvm440_tlb_entry){ 0, 0x0 | V | SZ(6), 0, 0 };
	tlb[2] = (struct kvm440_tlb_entry){ 0, 0x0 | V | SZ(8), 0, 0 };
	tlb[3] = (struct kvm440_tlb_entry){ 0, 0x0 | V | SZ(12), 0, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x4000, 0, false), -1);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x10, 0, false), -1);
}
END_TEST

START_TEST(search_large_page_ignores_low_epn_bits)
{
	/* 16M page with stray EPN bits below its size: base is 0x0f000000 */
	tlb[4] = (struct kvm440_tlb_entry){ 0, 0x0f123400 | V | SZ(7),
					    0x01123403, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x0fffffff, 0, false), 4);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x0f000000, 0, false), 4);
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x10000000, 0, false), -1);
	/* RPN low bits ignored too; ERPN 3 gives a 36-bit address */
	ck_assert_uint_eq(gtlb_gpa(&tlb[4], 0x0f000010), 0x301000010ull);
	ck_assert_uint_eq(gtlb_gpa(&tlb[4], 0x0fabcdef), 0x301abcdefull);
}
END_TEST

START_TEST(search_first_match_wins)
{
	tlb[2] = (struct kvm440_tlb_entry){ 0, 0x5000 | V | SZ(1), 0x1000, 0 };
	tlb[7] = (struct kvm440_tlb_entry){ 0, 0x5000 | V | SZ(1), 0x2000, 0 };
	ck_assert_int_eq(gtlb_search(tlb, 64, 0x5000, 0, false), 2);
}
END_TEST

START_TEST(tlbwe_word0_takes_tid_from_mmucr)
{
	struct kvm440_tlb_entry e = { 0 };

	gtlb_write(&e, 0, 0x10000215, 0x00010042);
	ck_assert_uint_eq(e.word0, 0x10000210);	/* parity bits dropped */
	ck_assert_uint_eq(e.tid, 0x42);
	gtlb_write(&e, 1, 0xfffffff7, 0x00000099);
	ck_assert_uint_eq(e.word1, 0xfffffc07);
	ck_assert_uint_eq(e.tid, 0x42);		/* words 1, 2 keep TID */
	gtlb_write(&e, 2, 0xffffffff, 0);
	ck_assert_uint_eq(e.word2, 0x0000ffbf);
	ck_assert_uint_eq(e.word0, 0x10000210);
}
END_TEST

START_TEST(tlbre_word0_sets_mmucr_stid)
{
	struct kvm440_tlb_entry e = { 0x5a, 0x10000210, 0x1000, 0x3f };
	u32 mmucr = 0x00010011;

	ck_assert_uint_eq(gtlb_read(&e, 0, &mmucr), 0x10000210);
	ck_assert_uint_eq(mmucr, 0x0001005a);
	mmucr = 0x22;
	ck_assert_uint_eq(gtlb_read(&e, 1, &mmucr), 0x1000);
	ck_assert_uint_eq(gtlb_read(&e, 2, &mmucr), 0x3f);
	ck_assert_uint_eq(mmucr, 0x22);
}
END_TEST

START_TEST(tlbsx_cr0)
{
	ck_assert_uint_eq(gtlb_tlbsx_cr(0xf1234567, 0, true), 0x21234567);
	ck_assert_uint_eq(gtlb_tlbsx_cr(0xf1234567, 0, false), 0x01234567);
	ck_assert_uint_eq(gtlb_tlbsx_cr(0, 0x80000000, false), 0x10000000);
	ck_assert_uint_eq(gtlb_tlbsx_cr(0, 0x80000000, true), 0x30000000);
}
END_TEST

START_TEST(allows_by_mode)
{
	u32 w2 = KVM440_TLB2_SR | KVM440_TLB2_SW | KVM440_TLB2_UR;

	ck_assert(gtlb_allows(w2, false, GTLB_READ));
	ck_assert(gtlb_allows(w2, false, GTLB_WRITE));
	ck_assert(!gtlb_allows(w2, false, GTLB_EXEC));
	ck_assert(gtlb_allows(w2, true, GTLB_READ));
	ck_assert(!gtlb_allows(w2, true, GTLB_WRITE));
	ck_assert(!gtlb_allows(KVM440_TLB2_SX, true, GTLB_EXEC));
	ck_assert(gtlb_allows(KVM440_TLB2_UX, true, GTLB_EXEC));
}
END_TEST

START_TEST(shadow_perm_maps_mode_to_user_bits)
{
	u32 w2 = KVM440_TLB2_SX | KVM440_TLB2_SR | KVM440_TLB2_SW |
		 KVM440_TLB2_UR;

	/* kernel mode: S rights shifted into U; no S bits in the shadow */
	ck_assert_uint_eq(gtlb_shadow_perm(w2, false, false, false, GTLB_READ),
			  KVM440_TLB2_UX | KVM440_TLB2_UR | KVM440_TLB2_UW);
	/* user mode: the guest's own U rights */
	ck_assert_uint_eq(gtlb_shadow_perm(w2, true, false, false, GTLB_READ),
			  KVM440_TLB2_UR);
	/* read-only slot: never writable */
	ck_assert_uint_eq(gtlb_shadow_perm(w2, false, true, false, GTLB_READ),
			  KVM440_TLB2_UX | KVM440_TLB2_UR);
	/* IS != DS: a fetch shadow only executes, a data one never does */
	ck_assert_uint_eq(gtlb_shadow_perm(w2, false, false, true, GTLB_EXEC),
			  KVM440_TLB2_UX);
	ck_assert_uint_eq(gtlb_shadow_perm(w2, false, false, true, GTLB_WRITE),
			  KVM440_TLB2_UR | KVM440_TLB2_UW);
}
END_TEST

/* fake backing: blocks up to max_bytes, aligned on their size, are ok */
static u32 max_bytes;
static int calls;

static bool fake_backed(void *arg, u64 base, u32 bytes)
{
	(void)arg;
	calls++;
	ck_assert_uint_eq(base & (bytes - 1), 0);
	return bytes <= max_bytes;
}

START_TEST(shadow_size_largest_backed)
{
	max_bytes = 1u << 20;
	/* 256M guest page, 1M contiguous backing: 1M (code 5) */
	ck_assert_uint_eq(gtlb_shadow_code(9, 0x123456, fake_backed, NULL), 5);
	/* never larger than the guest's page */
	ck_assert_uint_eq(gtlb_shadow_code(3, 0x123456, fake_backed, NULL), 3);
	max_bytes = 1u << 28;
	ck_assert_uint_eq(gtlb_shadow_code(9, 0x123456, fake_backed, NULL), 9);
	ck_assert_uint_eq(gtlb_shadow_code(7, 0x123456, fake_backed, NULL), 7);
}
END_TEST

START_TEST(shadow_size_skips_reserved_and_falls_back_to_4k)
{
	max_bytes = 1u << 22;	/* 4M: not a 440 size, so 1M */
	calls = 0;
	ck_assert_uint_eq(gtlb_shadow_code(9, 0, fake_backed, NULL), 5);
	ck_assert_int_eq(calls, 3);		/* 256M, 16M, 1M */
	max_bytes = 4096;
	ck_assert_uint_eq(gtlb_shadow_code(9, 0, fake_backed, NULL), 1);
	/* a 4K or 1K guest page asks nothing */
	calls = 0;
	ck_assert_uint_eq(gtlb_shadow_code(1, 0, fake_backed, NULL), 1);
	ck_assert_uint_eq(gtlb_shadow_code(0, 0, fake_backed, NULL), 0);
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(shadow_words_ts1_aligned)
{
	struct kvm440_tlb_entry e = { 0, 0xc0000000 | V | SZ(9), 0,
				      0x0000f500 | KVM440_TLB2_SX };
	u32 w[3];

	/* 64K shadow of a 256M guest page at host PA 0x1_2345_0000 */
	gtlb_shadow_words(&e, 0xc1234567, 0x123450000ull, 3,
			  KVM440_TLB2_UX, w);
	ck_assert_uint_eq(w[0], 0xc1230000 | V | TS | SZ(3));
	ck_assert_uint_eq(w[1], 0x23450000 | 1);
	ck_assert_uint_eq(w[2], GTLB_RAM_ATTR | KVM440_TLB2_UX);
}
END_TEST

/*
 * A shadow maps host RAM: whatever W, I, M, G and U0-U3 the guest asks
 * for (an I=1 access to a line the data cache holds is undefined on the
 * 440, and would read DRAM under another owner's dirty lines), it gets
 * WIMGE 00100 and no U bits.
 */
START_TEST(shadow_words_ram_attributes_fixed)
{
	static const u32 attr[] = { 0, 0xf000, 0x0800, 0x0400, 0x0c00,
				    0x0100, 0xff00 };
	u32 w[3];

	for (unsigned int i = 0; i < sizeof(attr) / sizeof(attr[0]); i++) {
		struct kvm440_tlb_entry e = { 0, 0x10000000 | V | SZ(1), 0,
					      attr[i] | KVM440_TLB2_SR };

		gtlb_shadow_words(&e, 0x10000000, 0x2000000ull, 1,
				  KVM440_TLB2_UR, w);
		ck_assert_uint_eq(w[2], 0x00000200 | KVM440_TLB2_UR);
	}
}
END_TEST

START_TEST(overlap_of_hw_word0)
{
	u32 a4k = 0x10001000 | V | TS | SZ(1);
	u32 b16m = 0x10000000 | V | TS | SZ(7);

	ck_assert(gtlb_overlap(a4k, b16m));
	ck_assert(gtlb_overlap(b16m, a4k));
	ck_assert(!gtlb_overlap(a4k, 0x10002000 | V | TS | SZ(1)));
	ck_assert(!gtlb_overlap(b16m, 0x11000000 | V | TS | SZ(1)));
	ck_assert(gtlb_overlap(a4k, a4k));
}
END_TEST

/* A small deterministic generator, so a failure reproduces. */
static u32 rnd_state = 12345;
static u32 rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* An entry drawn from few EAs, sizes, TIDs and TS, so many overlap. */
static struct kvm440_tlb_entry rnd_entry(void)
{
	static const u32 codes[] = { 0, 1, 2, 5, 6, 7, 9 };
	struct kvm440_tlb_entry e = { 0, 0, 0, 0 };
	u32 code = codes[rnd() % 7];

	e.tid = rnd() % 4;
	e.word0 = ((rnd() % 8) << 28 | (rnd() % 4) << 12) | SZ(code) |
		  (rnd() % 8 ? V : 0) | (rnd() % 4 ? 0 : TS);
	return e;
}

static void check_ix_equals_rebuild(const struct gtlb_ix *ix)
{
	struct gtlb_ix want;
	int i;

	gtlb_ix_rebuild(&want, tlb, 64);
	for (i = 0; i < 64; i++) {
		ck_assert_uint_eq(ix->base[i], want.base[i]);
		ck_assert_uint_eq(ix->hmask[i], want.hmask[i]);
		ck_assert_uint_eq(ix->tid[i], want.tid[i]);
		ck_assert_uint_eq(ix->alias[i], want.alias[i]);
	}
}

START_TEST(ix_zeroed_matches_nothing)
{
	struct gtlb_ix ix;

	memset(&ix, 0, sizeof(ix));
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0, 0, false,
				      GTLB_KIND_DATA), -1);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0xfffff000, 5, true,
				      GTLB_KIND_FETCH), -1);
}
END_TEST

START_TEST(ix_kernel_entry_last_found_first_next_time)
{
	struct gtlb_ix ix;

	memset(&ix, 0, sizeof(ix));
	tlb[63] = (struct kvm440_tlb_entry){ 0, 0xc0000000 | V | SZ(9), 0, 0 };
	tlb[2] = (struct kvm440_tlb_entry){ 7, 0x10000000 | V | SZ(1), 0, 0 };
	gtlb_ix_update(&ix, tlb, 64, 63);
	gtlb_ix_update(&ix, tlb, 64, 2);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0xc0123456, 7, false,
				      GTLB_KIND_FETCH), 63);
	ck_assert_uint_eq(ix.mru[GTLB_KIND_FETCH], 63);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0xcfffffff, 0, false,
				      GTLB_KIND_FETCH), 63);
	/* the remembered entry does not hide one of another kind */
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0x10000004, 7, false,
				      GTLB_KIND_FETCH), 2);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0x10000004, 8, false,
				      GTLB_KIND_FETCH), -1);
}
END_TEST

START_TEST(ix_aliased_mru_does_not_hide_lower_index)
{
	struct gtlb_ix ix;

	memset(&ix, 0, sizeof(ix));
	tlb[40] = (struct kvm440_tlb_entry){ 0, 0x00000000 | V | SZ(7), 0, 0 };
	gtlb_ix_update(&ix, tlb, 64, 40);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0x5000, 3, false,
				      GTLB_KIND_DATA), 40);
	ck_assert_uint_eq(ix.alias[40], 0);
	/* a 4K page inside the 16M one, at a lower index: it wins there */
	tlb[1] = (struct kvm440_tlb_entry){ 3, 0x5000 | V | SZ(1), 0, 0 };
	gtlb_ix_update(&ix, tlb, 64, 1);
	ck_assert_uint_eq(ix.alias[40], 1);
	ck_assert_uint_eq(ix.alias[1], 1);
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0x5000, 3, false,
				      GTLB_KIND_DATA), 1);
	/* not under another PID: TID 3 vs 4 */
	ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, 0x5000, 4, false,
				      GTLB_KIND_DATA), 40);
	/* gone again: no alias left */
	tlb[1].word0 &= ~V;
	gtlb_ix_update(&ix, tlb, 64, 1);
	ck_assert_uint_eq(ix.alias[40], 0);
	ck_assert_uint_eq(ix.alias[1], 0);
}
END_TEST

START_TEST(ix_distinct_tids_do_not_alias)
{
	struct gtlb_ix ix;

	memset(&ix, 0, sizeof(ix));
	tlb[4] = (struct kvm440_tlb_entry){ 5, 0x10000000 | V | SZ(1), 0, 0 };
	tlb[5] = (struct kvm440_tlb_entry){ 6, 0x10000000 | V | SZ(1), 0, 0 };
	tlb[6] = (struct kvm440_tlb_entry){ 0, 0x10000000 | V | SZ(9), 0, 0 };
	gtlb_ix_update(&ix, tlb, 64, 4);
	gtlb_ix_update(&ix, tlb, 64, 5);
	ck_assert_uint_eq(ix.alias[4], 0);
	ck_assert_uint_eq(ix.alias[5], 0);
	gtlb_ix_update(&ix, tlb, 64, 6);
	ck_assert_uint_eq(ix.alias[4], 1);
	ck_assert_uint_eq(ix.alias[5], 1);
	ck_assert_uint_eq(ix.alias[6], 2);
	ck_assert(gtlb_ix_overlap(&ix, 4, 6));
	ck_assert(!gtlb_ix_overlap(&ix, 4, 7));
}
END_TEST

/*
 * Random tlbwe sequences: the index updated entry by entry equals the one
 * rebuilt from scratch, and every lookup, with whatever the last hit was,
 * gives gtlb_search()'s first match.
 */
START_TEST(ix_random_agrees_with_search)
{
	struct gtlb_ix ix;
	int step, q;

	memset(&ix, 0, sizeof(ix));
	for (step = 0; step < 3000; step++) {
		unsigned int idx = rnd() % 64;

		tlb[idx] = rnd_entry();
		gtlb_ix_update(&ix, tlb, 64, idx);
		if (step % 97 == 0)
			check_ix_equals_rebuild(&ix);
		for (q = 0; q < 20; q++) {
			u32 ea = (rnd() % 8) << 28 | (rnd() % 4) << 12 |
				 (rnd() % 4096);
			u32 pid = rnd() % 4;
			bool ts = rnd() % 4 == 0;
			enum gtlb_kind k = rnd() % 2;

			ck_assert_int_eq(gtlb_ix_find(&ix, tlb, 64, ea, pid,
						      ts, k),
					 gtlb_search(tlb, 64, ea, pid, ts));
		}
	}
	check_ix_equals_rebuild(&ix);
}
END_TEST

Suite *gtlb_suite(void);
Suite *gtlb_suite(void)
{
	Suite *s = suite_create("gtlb");
	TCase *tc = tcase_create("guest tlb");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, search_tid_zero_matches_every_pid);
	tcase_add_test(tc, search_tid_must_equal_pid);
	tcase_add_test(tc, search_ts_must_equal_space);
	tcase_add_test(tc, search_skips_invalid_and_reserved_sizes);
	tcase_add_test(tc, search_large_page_ignores_low_epn_bits);
	tcase_add_test(tc, search_first_match_wins);
	tcase_add_test(tc, tlbwe_word0_takes_tid_from_mmucr);
	tcase_add_test(tc, tlbre_word0_sets_mmucr_stid);
	tcase_add_test(tc, tlbsx_cr0);
	tcase_add_test(tc, allows_by_mode);
	tcase_add_test(tc, shadow_perm_maps_mode_to_user_bits);
	tcase_add_test(tc, shadow_size_largest_backed);
	tcase_add_test(tc, shadow_size_skips_reserved_and_falls_back_to_4k);
	tcase_add_test(tc, shadow_words_ts1_aligned);
	tcase_add_test(tc, shadow_words_ram_attributes_fixed);
	tcase_add_test(tc, overlap_of_hw_word0);
	tcase_add_test(tc, ix_zeroed_matches_nothing);
	tcase_add_test(tc, ix_kernel_entry_last_found_first_next_time);
	tcase_add_test(tc, ix_aliased_mru_does_not_hide_lower_index);
	tcase_add_test(tc, ix_distinct_tids_do_not_alias);
	tcase_add_test(tc, ix_random_agrees_with_search);
	suite_add_tcase(s, tc);
	return s;
}
