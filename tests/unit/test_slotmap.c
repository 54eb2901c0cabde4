#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kcompat.h"
#include "../../module/slotmap.h"

#define K	1024ull
#define M	(1024ull * 1024)
#define PS	12		/* 4K pages */

static unsigned long frames[(64 * M) >> PS];
static struct slotmap map;

static unsigned long frame(const void *arg, unsigned long i)
{
	(void)arg;
	return frames[i];
}

/* Lay out and fill the map of a slot at @gpa of @size bytes. */
static void build(u64 gpa, u64 size)
{
	unsigned long nbits = slotmap_layout(&map, gpa, size, PS);

	free(map.bits);
	map.bits = calloc(nbits / SLOTMAP_LONG_BITS + 1, sizeof(long));
	slotmap_fill(&map, frame, NULL);
}

/* frames[first..first+n) = pfn, pfn + 1, ... */
static void run_of(unsigned long first, unsigned long n, unsigned long pfn)
{
	for (unsigned long i = 0; i < n; i++)
		frames[first + i] = pfn + i;
}

static void scatter(void)
{
	/* every page apart from its neighbours: nothing above 4K */
	for (unsigned long i = 0; i < sizeof(frames) / sizeof(frames[0]); i++)
		frames[i] = 0x100000 + 3 * i;
}

static void teardown(void)
{
	free(map.bits);
	map.bits = NULL;
}

START_TEST(scattered_pages_give_4k_only)
{
	scatter();
	build(0, 16 * M);
	ck_assert(slotmap_backed(&map, 0x5000, 4 * K));
	ck_assert(!slotmap_backed(&map, 0x4000, 16 * K));
	ck_assert(!slotmap_backed(&map, 0, M));
}
END_TEST

START_TEST(one_contiguous_aligned_slot_gives_every_size_it_holds)
{
	run_of(0, (16 * M) >> PS, 0x10000);	/* pa 256M, 16M aligned */
	build(0, 16 * M);
	ck_assert(slotmap_backed(&map, 0, 16 * M));
	ck_assert(slotmap_backed(&map, 15 * M, M));
	ck_assert(slotmap_backed(&map, 0xffc000, 16 * K));
	ck_assert(!slotmap_backed(&map, 0, 256 * M));	/* larger than it */
	ck_assert(!slotmap_backed(&map, 16 * M, 4 * K));	/* outside */
	ck_assert(!slotmap_backed(&map, 0, 4 * M));	/* no 4M page */
}
END_TEST

START_TEST(contiguous_but_misaligned_is_not_one_piece)
{
	run_of(0, (16 * M) >> PS, 0x10000 + 1);	/* pa off by 4K */
	build(0, 16 * M);
	ck_assert(!slotmap_backed(&map, 0, 16 * K));
	ck_assert(!slotmap_backed(&map, M, M));
	run_of(0, (16 * M) >> PS, 0x10100);	/* 1M aligned, not 16M */
	build(0, 16 * M);
	ck_assert(slotmap_backed(&map, 3 * M, M));
	ck_assert(!slotmap_backed(&map, 0, 16 * M));
}
END_TEST

START_TEST(one_stray_page_breaks_only_its_blocks)
{
	run_of(0, (16 * M) >> PS, 0x10000);
	frames[(5 * M + 0x9000) >> PS] = 7;
	build(0, 16 * M);
	ck_assert(!slotmap_backed(&map, 0, 16 * M));
	ck_assert(!slotmap_backed(&map, 5 * M, M));
	ck_assert(!slotmap_backed(&map, 5 * M, 256 * K));
	ck_assert(!slotmap_backed(&map, 5 * M, 64 * K));
	ck_assert(!slotmap_backed(&map, 5 * M + 0x8000, 16 * K));
	ck_assert(slotmap_backed(&map, 5 * M + 0xc000, 16 * K));
	ck_assert(slotmap_backed(&map, 5 * M + 0x10000, 64 * K));
	ck_assert(slotmap_backed(&map, 5 * M + 256 * K, 256 * K));
	ck_assert(slotmap_backed(&map, 4 * M, M));
}
END_TEST

START_TEST(unaligned_slot_maps_only_blocks_wholly_inside)
{
	/* 3M + 8K at guest 1M - 4K: frames follow guest addresses */
	run_of(0, (3 * M + 8 * K) >> PS, (M - 4 * K) >> PS);
	build(M - 4 * K, 3 * M + 8 * K);
	ck_assert(!slotmap_backed(&map, 0, M));		/* starts outside */
	ck_assert(slotmap_backed(&map, M, M));
	ck_assert(slotmap_backed(&map, 3 * M, M));
	ck_assert(!slotmap_backed(&map, 4 * M, M));	/* ends outside */
	ck_assert(!slotmap_backed(&map, 4 * M, 16 * K));
	ck_assert(slotmap_backed(&map, 4 * M, 4 * K));	/* the last page */
	ck_assert(!slotmap_backed(&map, 4 * M + 4 * K, 4 * K));
}
END_TEST

/* Groups: chunks of 4M (1024 pages), groups of 16M (4096 pages). */
#define CP	1024ul
#define GP	4096ul

static void group(u64 gpa, unsigned long n, const unsigned long *pos,
		  const unsigned long *pfn, unsigned long *order)
{
	unsigned long idx[64];

	slotmap_group(gpa, PS, CP, GP, n, pos, pfn, order, idx);
	/* a permutation: each chunk used exactly once */
	for (unsigned long i = 0; i < n; i++) {
		unsigned long seen = 0;

		for (unsigned long j = 0; j < n; j++)
			seen += order[j] == i;
		ck_assert_uint_eq(seen, 1);
	}
}

START_TEST(group_in_descending_order_is_put_in_order)
{
	/* the buddy allocator's habit: a 16M group, highest block first */
	unsigned long pos[4] = { 0, CP, 2 * CP, 3 * CP };
	unsigned long pfn[4] = { 0x13c00, 0x13800, 0x13400, 0x13000 };
	unsigned long order[4];

	group(0, 4, pos, pfn, order);
	ck_assert_uint_eq(order[0], 3);
	ck_assert_uint_eq(order[1], 2);
	ck_assert_uint_eq(order[2], 1);
	ck_assert_uint_eq(order[3], 0);
}
END_TEST

START_TEST(adjacent_but_unaligned_is_no_group)
{
	/* 0x12c00..0x13800 is 16M of adjacent chunks, not 16M aligned */
	unsigned long pos[4] = { 0, CP, 2 * CP, 3 * CP };
	unsigned long pfn[4] = { 0x13800, 0x13400, 0x13000, 0x12c00 };
	unsigned long order[4];

	group(0, 4, pos, pfn, order);
	ck_assert(pfn[order[0]] != 0x13000);
}
END_TEST

START_TEST(groups_go_to_16m_windows_leftovers_elsewhere)
{
	/* 8 chunks at guest 4M..36M: one 16M window (16M..32M) in it */
	unsigned long pos[8], pfn[8], order[8];
	static const unsigned long have[8] = {
		0x20400, 0x31000, 0x31c00, 0x20000, 0x31400, 0x31800,
		0x22c00, 0x20800,
	};

	for (int i = 0; i < 8; i++) {
		pos[i] = (unsigned long)i * CP;
		pfn[i] = have[i];
	}
	group(4 * M, 8, pos, pfn, order);
	/* window 16M..32M is chunks 3..6 of the slot: the 0x31000 group */
	ck_assert_uint_eq(pfn[order[3]], 0x31000);
	ck_assert_uint_eq(pfn[order[4]], 0x31400);
	ck_assert_uint_eq(pfn[order[5]], 0x31800);
	ck_assert_uint_eq(pfn[order[6]], 0x31c00);
}
END_TEST

START_TEST(more_groups_than_windows_still_a_permutation)
{
	/* two groups, one window: the second group's chunks fill the rest */
	unsigned long pos[8], pfn[8], order[8];

	for (int i = 0; i < 8; i++) {
		pos[i] = (unsigned long)i * CP;
		pfn[i] = 0x40000 + (unsigned long)(7 - i) * CP;
	}
	group(12 * M, 8, pos, pfn, order);	/* window at 16M: chunks 1-4 */
	ck_assert_uint_eq(pfn[order[1]] & (GP - 1), 0);
	for (int j = 1; j < 4; j++)
		ck_assert_uint_eq(pfn[order[1 + j]], pfn[order[1]] + j * CP);
}
END_TEST

START_TEST(no_group_keeps_every_chunk)
{
	unsigned long pos[3] = { 0, CP, 3 * CP };	/* a hole at 8M */
	unsigned long pfn[3] = { 0x50000, 0x50400, 0x50800 };
	unsigned long order[3];

	group(0, 3, pos, pfn, order);
	group(0, 0, pos, pfn, order);
}
END_TEST

Suite *slotmap_suite(void);
Suite *slotmap_suite(void)
{
	Suite *s = suite_create("slotmap");
	TCase *tc = tcase_create("slot map");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, scattered_pages_give_4k_only);
	tcase_add_test(tc, one_contiguous_aligned_slot_gives_every_size_it_holds);
	tcase_add_test(tc, contiguous_but_misaligned_is_not_one_piece);
	tcase_add_test(tc, one_stray_page_breaks_only_its_blocks);
	tcase_add_test(tc, unaligned_slot_maps_only_blocks_wholly_inside);
	tcase_add_test(tc, group_in_descending_order_is_put_in_order);
	tcase_add_test(tc, adjacent_but_unaligned_is_no_group);
	tcase_add_test(tc, groups_go_to_16m_windows_leftovers_elsewhere);
	tcase_add_test(tc, more_groups_than_windows_still_a_permutation);
	tcase_add_test(tc, no_group_keeps_every_chunk);
	suite_add_tcase(s, tc);
	return s;
}
