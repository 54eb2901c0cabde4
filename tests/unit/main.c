#include <stdlib.h>
#include <check.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(tlbword_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
