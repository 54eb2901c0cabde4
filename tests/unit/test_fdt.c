/* Device trees (lib/fdt.c): the built-in board and start-time patching. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libfdt.h>

#include "kvm440.h"
#include "internal.h"

static struct kvm440_error err;

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static void *patched(const struct kvm440_fdt_params *p, size_t *len)
{
	size_t n;
	const void *in = kvm440_board_dtb(&n);
	void *out = NULL;

	ck_assert_int_eq(kvm440_fdt_patch(in, n, p, &out, len, &err), 0);
	ck_assert_int_eq(fdt_check_header(out), 0);
	ck_assert_uint_eq(fdt_totalsize(out), *len);
	return out;
}

static const void *prop(const void *fdt, const char *path, const char *name,
			int *len)
{
	int node = fdt_path_offset(fdt, path);

	ck_assert_int_ge(node, 0);
	return fdt_getprop(fdt, node, name, len);
}

START_TEST(builtin_is_a_bamboo_with_the_board_devices)
{
	size_t n;
	const void *fdt = kvm440_board_dtb(&n);
	const char *s;
	int len, node;

	ck_assert_uint_gt(n, 64);
	ck_assert_int_eq(fdt_check_header(fdt), 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, 0, "amcc,bamboo"), 0);
	node = fdt_node_offset_by_compatible(fdt, -1, "ibm,uic");
	ck_assert_int_ge(node, 0);
	ck_assert_uint_eq(be32(fdt_getprop(fdt, node, "dcr-reg", &len)),
			  KVM440_BOARD_UIC0_DCR);
	node = fdt_path_offset(fdt, "/plb/opb@80000000/serial@ef600300");
	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, node, "ns16550a"), 0);
	ck_assert_uint_eq(be32(fdt_getprop(fdt, node, "interrupts", &len)),
			  KVM440_BOARD_UART0_IRQ);
	s = prop(fdt, "/chosen", "stdout-path", &len);
	ck_assert_str_eq(s, "/plb/opb@80000000/serial@ef600300");
}
END_TEST

START_TEST(memory_bootargs_initrd_and_freqs)
{
	struct kvm440_fdt_params p = {
		.mem_size = 128 << 20, .bootargs = "console=ttyS0 rdinit=/init",
		.initrd_start = 0x0ff00000, .initrd_end = 0x0ff81234,
		.timebase_freq = 33333333, .cpu_freq = 666666666,
	};
	size_t len;
	void *fdt = patched(&p, &len);
	const uint8_t *reg;
	int n, node;

	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
					     7);
	ck_assert_int_ge(node, 0);
	reg = fdt_getprop(fdt, node, "reg", &n);
	ck_assert_int_eq(n, 12);		/* 2 address cells, 1 size */
	ck_assert_uint_eq(be32(reg), 0);
	ck_assert_uint_eq(be32(reg + 4), 0);
	ck_assert_uint_eq(be32(reg + 8), 128 << 20);
	ck_assert_str_eq(prop(fdt, "/chosen", "bootargs", &n),
			 "console=ttyS0 rdinit=/init");
	ck_assert_uint_eq(be32(prop(fdt, "/chosen", "linux,initrd-start", &n)),
			  0x0ff00000);
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(be32(prop(fdt, "/chosen", "linux,initrd-end", &n)),
			  0x0ff81234);
	ck_assert_uint_eq(be32(prop(fdt, "/cpus/cpu@0", "timebase-frequency",
				    &n)), 33333333);
	ck_assert_uint_eq(be32(prop(fdt, "/cpus/cpu@0", "clock-frequency",
				    &n)), 666666666);
	free(fdt);
}
END_TEST

START_TEST(defaults_kept_and_no_initrd_removes_range)
{
	struct kvm440_fdt_params p = { .mem_size = 64 << 20, .bootargs = "",
				       .initrd_start = 1, .initrd_end = 2 };
	struct kvm440_fdt_params q = { .mem_size = 64 << 20 };
	size_t len, len2;
	void *fdt = patched(&p, &len), *fdt2;
	int n;

	ck_assert_str_eq(prop(fdt, "/chosen", "bootargs", &n),
			 "console=ttyS0,115200");
	ck_assert_uint_eq(be32(prop(fdt, "/cpus/cpu@0", "timebase-frequency",
				    &n)), 400000000);
	ck_assert_ptr_nonnull(prop(fdt, "/chosen", "linux,initrd-start", &n));
	/* patching the patched tree without an initrd removes the range */
	ck_assert_int_eq(kvm440_fdt_patch(fdt, len, &q, &fdt2, &len2, &err), 0);
	ck_assert_ptr_null(prop(fdt2, "/chosen", "linux,initrd-start", &n));
	ck_assert_ptr_null(prop(fdt2, "/chosen", "linux,initrd-end", &n));
	free(fdt);
	free(fdt2);
}
END_TEST

START_TEST(tree_without_chosen_or_memory_gets_them)
{
	struct kvm440_fdt_params p = { .mem_size = 0x1000000,
				       .bootargs = "root=/dev/ram" };
	char buf[512];
	void *out;
	size_t len;
	int n, node;

	ck_assert_int_eq(fdt_create_empty_tree(buf, sizeof(buf)), 0);
	ck_assert_int_eq(fdt_setprop_u32(buf, 0, "#address-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop_u32(buf, 0, "#size-cells", 1), 0);
	ck_assert_int_eq(kvm440_fdt_patch(buf, sizeof(buf), &p, &out, &len,
					  &err), 0);
	ck_assert_str_eq(prop(out, "/chosen", "bootargs", &n),
			 "root=/dev/ram");
	node = fdt_path_offset(out, "/memory");
	ck_assert_int_ge(node, 0);
	ck_assert_str_eq(fdt_getprop(out, node, "device_type", &n), "memory");
	ck_assert_int_eq(n, 7);
	ck_assert_uint_eq(be32((const uint8_t *)
			       fdt_getprop(out, node, "reg", &n) + 4),
			  0x1000000);
	ck_assert_int_eq(n, 8);
	free(out);
}
END_TEST

/* docs/paravirt.md: what a CONFIG_KVM_GUEST Linux looks for */
START_TEST(hypervisor_node_only_when_asked)
{
	static const uint32_t want[4] = {
		0x3c004b56, 0x60004d21, 0x44000002, 0x60000000,
	};
	struct kvm440_fdt_params p = { .mem_size = 64 << 20 };
	size_t len, len2;
	void *fdt = patched(&p, &len);
	const uint8_t *insns;
	int n, node, i;

	/* kvm440_fdt_patch() alone adds none (boot_dtb() asks for it) */
	ck_assert_int_eq(fdt_path_offset(fdt, "/hypervisor"),
			 -FDT_ERR_NOTFOUND);
	ck_assert_int_eq(kvm440_fdt_hypervisor(&fdt, &len, &err), 0);
	ck_assert_uint_eq(len, fdt_totalsize(fdt));
	node = fdt_path_offset(fdt, "/hypervisor");
	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, node, "linux,kvm"), 0);
	ck_assert_int_eq(fdt_node_check_compatible(fdt, node,
						   "epapr,hypervisor-1"), 0);
	insns = fdt_getprop(fdt, node, "hcall-instructions", &n);
	ck_assert_int_eq(n, 16);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(be32(insns + 4 * i), want[i]);
	/* a 440 guest cannot use ePAPR idle (lib/fdt_hypervisor.c) */
	ck_assert_ptr_null(fdt_getprop(fdt, node, "has-idle", &n));
	/* the patched tree still checks; asking again keeps the one node */
	ck_assert_int_eq(fdt_check_header(fdt), 0);
	len2 = len;
	ck_assert_int_eq(kvm440_fdt_hypervisor(&fdt, &len2, &err), 0);
	ck_assert_uint_eq(len2, len);
	ck_assert_int_ge(fdt_path_offset(fdt, "/hypervisor"), 0);
	free(fdt);
}
END_TEST

START_TEST(bad_trees_are_einval)
{
	struct kvm440_fdt_params p = { .mem_size = 1 << 20 };
	static const uint8_t junk[64] = { 1, 2, 3 };
	size_t n;
	const void *good = kvm440_board_dtb(&n);
	void *out = NULL;
	size_t len;

	ck_assert_int_eq(kvm440_fdt_patch(junk, sizeof(junk), &p, &out, &len,
					  &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "device tree"));
	ck_assert_int_eq(kvm440_fdt_patch(junk, 8, &p, &out, &len, &err),
			 -EINVAL);
	/* truncated: the header claims more than there is */
	ck_assert_int_eq(kvm440_fdt_patch(good, n - 16, &p, &out, &len, &err),
			 -EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

static char tmpdir[64];

static void put_file(const char *rel, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fwrite(data, 1, len, f);
	fclose(f);
}

START_TEST(host_freqs_from_device_tree_then_cpuinfo)
{
	static const uint8_t tb[4] = { 0x17, 0xd7, 0x84, 0x00 };  /* 400M */
	static const uint8_t clk[4] = { 0x1d, 0xcd, 0x65, 0x00 }; /* 500M */
	static const char cpuinfo[] =
		"processor\t: 0\ncpu\t\t: 440EP Rev. C\n"
		"clock\t\t: 666.666666MHz\nrevision\t: 24.211 (pvr 4222 18d3)\n"
		"timebase\t: 33333333\n";
	char dt[128], ci[128];
	uint32_t t = 0, c = 0;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kvm440-fdt-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dt, sizeof(dt), "%s/dt", tmpdir);
	snprintf(ci, sizeof(ci), "%s/cpuinfo", tmpdir);
	put_file("cpuinfo", cpuinfo, sizeof(cpuinfo) - 1);
	ck_assert_int_eq(kvm440_host_freqs(dt, ci, &t, &c), 0);
	ck_assert_uint_eq(t, 33333333);
	ck_assert_uint_eq(c, 666666666);
	mkdir(dt, 0755);
	snprintf(dt, sizeof(dt), "%s/dt/cpus", tmpdir);
	mkdir(dt, 0755);
	snprintf(dt, sizeof(dt), "%s/dt/cpus/cpu@0", tmpdir);
	mkdir(dt, 0755);
	put_file("dt/cpus/cpu@0/timebase-frequency", tb, 4);
	put_file("dt/cpus/cpu@0/clock-frequency", clk, 4);
	snprintf(dt, sizeof(dt), "%s/dt", tmpdir);
	ck_assert_int_eq(kvm440_host_freqs(dt, ci, &t, &c), 0);
	ck_assert_uint_eq(t, 400000000);
	ck_assert_uint_eq(c, 500000000);
	t = c = 7;
	ck_assert_int_eq(kvm440_host_freqs("/nonexistent", "/nonexistent",
					   &t, &c), -ENOENT);
	ck_assert_uint_eq(t, 7);
	ck_assert_uint_eq(c, 7);
	snprintf(dt, sizeof(dt), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(dt), 0);
}
END_TEST

Suite *fdt_suite(void)
{
	Suite *s = suite_create("fdt");
	TCase *tc = tcase_create("fdt");

	tcase_add_test(tc, builtin_is_a_bamboo_with_the_board_devices);
	tcase_add_test(tc, memory_bootargs_initrd_and_freqs);
	tcase_add_test(tc, defaults_kept_and_no_initrd_removes_range);
	tcase_add_test(tc, tree_without_chosen_or_memory_gets_them);
	tcase_add_test(tc, bad_trees_are_einval);
	tcase_add_test(tc, hypervisor_node_only_when_asked);
	tcase_add_test(tc, host_freqs_from_device_tree_then_cpuinfo);
	suite_add_tcase(s, tc);
	return s;
}
