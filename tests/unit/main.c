/*
 * Runner shared by every unit-test binary: each tests/unit/test_NAME.c
 * provides NAME_suite() and is linked with this file built -DSUITE=NAME_suite,
 * so suites stay independent and can be run alone.
 */
#include <stdlib.h>
#include <check.h>

Suite *SUITE(void);

int main(void)
{
	SRunner *sr = srunner_create(SUITE());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
