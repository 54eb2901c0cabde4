/* The UIC model (lib/uic.c): level/edge, polarity, masking, critical. */
#include <check.h>

#include "kvm440.h"

enum { SR = KVM440_UIC_SR, ER = KVM440_UIC_ER, CR = KVM440_UIC_CR,
       PR = KVM440_UIC_PR, TR = KVM440_UIC_TR, MSR = KVM440_UIC_MSR,
       VR = KVM440_UIC_VR, VCR = KVM440_UIC_VCR };

static struct kvm440_uic *u;
static int ext, crit, calls;

static void out(void *opaque, int e, int c)
{
	(void)opaque;
	ext = e;
	crit = c;
	calls++;
}

#define BIT(n) (0x80000000u >> (n))

static void setup(void)
{
	ext = crit = calls = 0;
	ck_assert_int_eq(kvm440_uic_create(&u, out, NULL), 0);
}

static void teardown(void)
{
	kvm440_uic_destroy(u);
}

START_TEST(reset_values)
{
	ck_assert_uint_eq(kvm440_uic_read(u, SR), 0);
	ck_assert_uint_eq(kvm440_uic_read(u, ER), 0);
	ck_assert_uint_eq(kvm440_uic_read(u, PR), 0xffffffffu);
	ck_assert_uint_eq(kvm440_uic_read(u, TR), 0);
	ck_assert_uint_eq(kvm440_uic_read(u, MSR), 0);
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(level_high_follows_input_and_masking)
{
	kvm440_uic_set_input(u, 0, 1);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(0));
	ck_assert_uint_eq(kvm440_uic_read(u, MSR), 0);
	ck_assert_int_eq(ext, 0);		/* masked */
	kvm440_uic_write(u, ER, BIT(0));
	ck_assert_uint_eq(kvm440_uic_read(u, MSR), BIT(0));
	ck_assert_int_eq(ext, 1);
	ck_assert_int_eq(crit, 0);
	/* acking a still-asserted level source changes nothing */
	kvm440_uic_write(u, SR, BIT(0));
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(0));
	ck_assert_int_eq(ext, 1);
	/* the device deasserts: gone */
	kvm440_uic_set_input(u, 0, 0);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), 0);
	ck_assert_int_eq(ext, 0);
	/* masking an asserted source drops the output */
	kvm440_uic_set_input(u, 0, 1);
	ck_assert_int_eq(ext, 1);
	kvm440_uic_write(u, ER, 0);
	ck_assert_int_eq(ext, 0);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(0));
}
END_TEST

START_TEST(level_low_polarity)
{
	kvm440_uic_write(u, PR, ~BIT(5));
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(5));	/* low = on */
	kvm440_uic_write(u, ER, BIT(5));
	ck_assert_int_eq(ext, 1);
	kvm440_uic_set_input(u, 5, 1);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), 0);
	ck_assert_int_eq(ext, 0);
}
END_TEST

START_TEST(edge_latches_until_cleared)
{
	kvm440_uic_write(u, TR, BIT(3));
	kvm440_uic_write(u, ER, BIT(3));
	kvm440_uic_set_input(u, 3, 1);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(3));
	ck_assert_int_eq(ext, 1);
	kvm440_uic_set_input(u, 3, 0);		/* still latched */
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(3));
	kvm440_uic_write(u, SR, BIT(3));	/* write one to clear */
	ck_assert_uint_eq(kvm440_uic_read(u, SR), 0);
	ck_assert_int_eq(ext, 0);
	/* a level held high is one edge only */
	kvm440_uic_set_input(u, 3, 1);
	kvm440_uic_write(u, SR, BIT(3));
	kvm440_uic_set_input(u, 3, 1);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), 0);
	/* falling edge with PR 0 */
	kvm440_uic_write(u, PR, ~BIT(3));
	kvm440_uic_write(u, SR, BIT(3));
	kvm440_uic_set_input(u, 3, 0);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(3));
}
END_TEST

START_TEST(sr_write_clears_only_written_bits)
{
	kvm440_uic_write(u, TR, BIT(1) | BIT(2));
	kvm440_uic_set_input(u, 1, 1);
	kvm440_uic_set_input(u, 2, 1);
	kvm440_uic_write(u, SR, BIT(1));
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(2));
	/* MSR and VR are read-only */
	kvm440_uic_write(u, MSR, 0xffffffffu);
	kvm440_uic_write(u, VR, 0xffffffffu);
	ck_assert_uint_eq(kvm440_uic_read(u, SR), BIT(2));
}
END_TEST

START_TEST(critical_routing)
{
	kvm440_uic_write(u, CR, BIT(7));
	kvm440_uic_write(u, ER, BIT(7) | BIT(8));
	kvm440_uic_set_input(u, 7, 1);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(ext, 0);
	kvm440_uic_set_input(u, 8, 1);
	ck_assert_int_eq(crit, 1);
	ck_assert_int_eq(ext, 1);
	kvm440_uic_write(u, CR, 0);
	ck_assert_int_eq(crit, 0);
	ck_assert_int_eq(ext, 1);
	int e, c;
	kvm440_uic_outputs(u, &e, &c);
	ck_assert_int_eq(e, 1);
	ck_assert_int_eq(c, 0);
}
END_TEST

START_TEST(vector_register)
{
	ck_assert_uint_eq(kvm440_uic_read(u, VR), 0);
	kvm440_uic_write(u, VCR, 0x00100000);		/* PRO 0: 31 first */
	kvm440_uic_write(u, CR, BIT(2) | BIT(9));
	kvm440_uic_write(u, ER, BIT(2) | BIT(9));
	kvm440_uic_set_input(u, 2, 1);
	kvm440_uic_set_input(u, 9, 1);
	ck_assert_uint_eq(kvm440_uic_read(u, VR), 0x00100000 + 9 * 512);
	kvm440_uic_write(u, VCR, 0x00100001);		/* PRO 1: 0 first */
	ck_assert_uint_eq(kvm440_uic_read(u, VR), 0x00100000 + 2 * 512);
	ck_assert_uint_eq(kvm440_uic_read(u, VCR), 0x00100001);
}
END_TEST

START_TEST(output_called_only_on_change)
{
	kvm440_uic_write(u, ER, BIT(0) | BIT(1));
	kvm440_uic_set_input(u, 0, 1);
	kvm440_uic_set_input(u, 1, 1);
	kvm440_uic_set_input(u, 0, 0);
	ck_assert_int_eq(calls, 1);
	kvm440_uic_set_input(u, 1, 0);
	ck_assert_int_eq(calls, 2);
	ck_assert_int_eq(ext, 0);
	kvm440_uic_set_input(u, 32, 1);		/* out of range: ignored */
	ck_assert_int_eq(calls, 2);
}
END_TEST

START_TEST(linux_set_type_sequence)
{
	/* uic_init_one, then uic_set_irq_type(LEVEL_HIGH), uic_unmask */
	kvm440_uic_write(u, ER, 0);
	kvm440_uic_write(u, CR, 0);
	kvm440_uic_write(u, TR, 0);
	kvm440_uic_write(u, SR, 0xffffffffu);
	kvm440_uic_write(u, PR, kvm440_uic_read(u, PR) | BIT(0));
	kvm440_uic_write(u, TR, kvm440_uic_read(u, TR) & ~BIT(0));
	kvm440_uic_write(u, SR, BIT(0));
	kvm440_uic_write(u, SR, BIT(0));
	kvm440_uic_write(u, ER, kvm440_uic_read(u, ER) | BIT(0));
	ck_assert_int_eq(ext, 0);
	kvm440_uic_set_input(u, 0, 1);
	ck_assert_int_eq(ext, 1);
	/* uic_get_irq: 32 - ffs(MSR) */
	ck_assert_int_eq(32 - __builtin_ffs((int)kvm440_uic_read(u, MSR)), 0);
}
END_TEST

Suite *uic_suite(void)
{
	Suite *s = suite_create("uic");
	TCase *tc = tcase_create("uic");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, level_high_follows_input_and_masking);
	tcase_add_test(tc, level_low_polarity);
	tcase_add_test(tc, edge_latches_until_cleared);
	tcase_add_test(tc, sr_write_clears_only_written_bits);
	tcase_add_test(tc, critical_routing);
	tcase_add_test(tc, vector_register);
	tcase_add_test(tc, output_called_only_on_change);
	tcase_add_test(tc, linux_set_type_sequence);
	suite_add_tcase(s, tc);
	return s;
}
