/*
 * kvm440ctl start's panic watch (cli/start_panic.c, compiled in here: the
 * CLI is not a library): a Linux guest's panic line ends the run once it
 * is complete, whatever way the console output is cut into chunks.
 */
#include <check.h>
#include <string.h>

#include "../../cli/start_panic.c"

static struct panic_watch w;

static void feed(const char *s)
{
	panic_watch_feed(&w, (const uint8_t *)s, strlen(s));
}

START_TEST(no_panic_without_the_line)
{
	memset(&w, 0, sizeof(w));
	feed("[    0.000000] Linux version 6.1\r\nKernel panic is a phrase\n");
	ck_assert_ptr_null(panic_watch_line(&w));
}
END_TEST

START_TEST(panic_line_across_chunks_once_complete)
{
	memset(&w, 0, sizeof(w));
	feed("boot\r\n[    1.5] Kernel pan");
	feed("ic - not syncing: No working init");
	ck_assert_ptr_null(panic_watch_line(&w));	/* not complete yet */
	feed(" found.\r\nmore output\n");
	ck_assert_str_eq(panic_watch_line(&w),
			 "Kernel panic - not syncing: No working init found.");
}
END_TEST

START_TEST(long_lines_are_cut_not_overrun)
{
	char big[1000];

	memset(&w, 0, sizeof(w));
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	feed(big);
	feed("\n");
	ck_assert_ptr_null(panic_watch_line(&w));
	ck_assert_uint_eq(w.len, 0);
}
END_TEST

Suite *panic_suite(void)
{
	Suite *s = suite_create("panic");
	TCase *tc = tcase_create("watch");

	tcase_add_test(tc, no_panic_without_the_line);
	tcase_add_test(tc, panic_line_across_chunks_once_complete);
	tcase_add_test(tc, long_lines_are_cut_not_overrun);
	suite_add_tcase(s, tc);
	return s;
}
