/* The bench report's own checks (make check, via tests/bench/selftest.sh):
 * the number format bench.md's figures depend on, how a parameter set is
 * classed, and each verdict of the seed's trade-off fed with fixed figures
 * on either side of its claim. */
#include "report.h"

#include <string.h>

static int failures;

static void expect(const char *got, const char *want, const char *what)
{
	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL %s:\n  got  \"%s\"\n  want \"%s\"\n", what, got, want);
		failures++;
	}
}

static void test_fmt(void)
{
	expect(fmt(1652.4, 0), "1 652", "fmt whole, grouped");
	expect(fmt(1234567, 0), "1 234 567", "fmt two groups");
	expect(fmt(-1234.6, 0), "-1 235", "fmt negative");
	expect(fmt(2.5, 0), "2", "fmt halves to even (down)");
	expect(fmt(3.5, 0), "4", "fmt halves to even (up)");
	expect(fmt(27.4876, 2), "27.49", "fmt decimals below 100");
	expect(fmt(123.456, 2), "123", "fmt whole from 100");
	expect(fmt_opt(0, 5, 0), "-", "fmt of a missing figure");
	expect(small(12.4), "12", "small from 10");
	expect(small(0.125), "0.12", "small 2 decimals");
	expect(small(0.0000123), "1.2e-05", "small exponent");
}

static void test_shadow_of(void)
{
	if (shadow_of("default") != SHADOW_DIRECT || shadow_of("shadow=direct") != SHADOW_DIRECT ||
	    shadow_of("foo=1 shadow=array") != SHADOW_ARRAY || shadow_of("shadow=bogus") != SHADOW_OTHER) {
		fprintf(stderr, "FAIL shadow_of\n");
		failures++;
	}
}

static struct tradeoff_fig fig(long long bytes, double per_exit, double real, double virt)
{
	struct tradeoff_fig t = { .name = "x", .state_bytes = bytes,
				  .tlb_real = real, .tlb_virt = virt };

	for (int k = 0; k < NKINDS; k++) {
		t.have_per_exit[k] = 1;
		t.per_exit[k] = per_exit + k;
	}
	return t;
}

static void test_verdicts(void)
{
	struct tradeoff_fig d = fig(1000, 1500, 100, 3000), a = fig(2208, 1600, 90, 2000);
	char v[1024];

	verdict_memory(v, sizeof(v), &d, &a);
	expect(v, "holds: direct 1 000 bytes vs array 2 208 (45%)", "memory holds");
	d.state_bytes = 1104;	/* exactly half is not less than half */
	verdict_memory(v, sizeof(v), &d, &a);
	expect(v, "does not hold: direct 1 104 bytes vs array 2 208 (50%)", "memory at half");

	verdict_exits(v, sizeof(v), &d, &a);
	expect(v, "holds: direct takes fewer host instructions per exit for all 15 kinds "
	       "(by 100 to 100)", "exits all faster");
	d.per_exit[12] = 1700;	/* mmio */
	d.per_exit[13] = a.per_exit[13];	/* dcr: equal is not decreased */
	verdict_exits(v, sizeof(v), &d, &a);
	expect(v, "does not hold: direct takes as many or more host instructions per exit "
	       "(direct vs array) for mmio (1 700 vs 1 612), dcr (1 613 vs 1 613); fewer "
	       "for 13 of 15 kinds", "exits two slower");
	for (int k = 0; k < NKINDS; k++)
		d.have_per_exit[k] = 0;
	verdict_exits(v, sizeof(v), &d, &a);
	expect(v, "cannot be judged: no kind exited under both sets", "exits none");

	verdict_tlb(v, sizeof(v), &d, &a);
	expect(v, "holds: direct 3 100 vs array 2 090 TLB-miss exits to init "
	       "(real 100 vs 90, virtual 3 000 vs 2 000)", "tlb more misses");
	a.tlb_virt = 3010;
	verdict_tlb(v, sizeof(v), &d, &a);
	expect(v, "does not hold: direct 3 100 vs array 3 100 TLB-miss exits to init "
	       "(real 100 vs 90, virtual 3 000 vs 3 010)", "tlb equal");
}

int main(void)
{
	test_fmt();
	test_shadow_of();
	test_verdicts();
	if (failures)
		fprintf(stderr, "report_test: %d failed\n", failures);
	else
		printf("report_test: ok\n");
	return failures != 0;
}
