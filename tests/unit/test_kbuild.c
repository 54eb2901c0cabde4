/*
 * module/Kbuild refuses kernels the module cannot work on, before any
 * compiler runs: parsed by make alone with the kernel's CONFIG_ values
 * given on the command line (kbuild would give them from .config).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* make's exit status parsing Kbuild with @vars; its output in @out */
static int kbuild(const char *vars, char *out, size_t len)
{
	char cmd[512];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd),
		 "make -s --no-print-directory -f module/Kbuild srctree=/kdir %s 2>&1",
		 vars);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, len - 1, p);
	out[n] = 0;
	return pclose(p);
}

START_TEST(accepts_440)
{
	char out[1024];

	/* no error: make only finds no target to build */
	kbuild("CONFIG_44x=y", out, sizeof(out));
	ck_assert_ptr_null(strstr(out, "kvm440:"));
}
END_TEST

START_TEST(refuses_non_44x)
{
	char out[1024];

	ck_assert_int_ne(kbuild("", out, sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "not a PowerPC 440 kernel"));
}
END_TEST

/* the 47x: an SMP core with a 1024-entry TLB, built with CONFIG_44x too */
START_TEST(refuses_47x)
{
	char out[1024];

	ck_assert_int_ne(kbuild("CONFIG_44x=y CONFIG_PPC_47x=y", out,
				sizeof(out)), 0);
	ck_assert_ptr_nonnull(strstr(out, "47x"));
}
END_TEST

Suite *kbuild_suite(void);
Suite *kbuild_suite(void)
{
	Suite *s = suite_create("kbuild");
	TCase *tc = tcase_create("refuse");

	tcase_add_test(tc, accepts_440);
	tcase_add_test(tc, refuses_non_44x);
	tcase_add_test(tc, refuses_47x);
	suite_add_tcase(s, tc);
	return s;
}
