/* guest.cfg's disk and net keys (lib/config.c, docs/guest-cfg->md). */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "config.h"

static struct kvm440_config *cfg;
static struct kvm440_error err;

static int parse(const char *text)
{
	kvm440_config_free(cfg);
	cfg = NULL;
	memset(&err, 0, sizeof(err));
	return kvm440_config_parse(text, strlen(text), "vm/guest.cfg", &cfg,
				   &err);
}

#define ck_parse_error(text, want) do {				\
	ck_assert_int_eq(parse(text), -EINVAL);			\
	ck_assert_str_eq(err.msg, (want));			\
} while (0)

#define MIN "memory = 64M\nkernel = vmlinux\n"

START_TEST(no_disk_no_net_by_default)
{
	ck_assert_int_eq(parse(MIN), 0);
	ck_assert_uint_eq(cfg->ndisks, 0);
	ck_assert_uint_eq(cfg->net.line, 0);
}
END_TEST

START_TEST(disks_in_order_with_ro_and_lines)
{
	ck_assert_int_eq(parse(MIN "disk = root.img\n"
			       "disk = /srv/data.img,ro\n"), 0);
	ck_assert_uint_eq(cfg->ndisks, 2);
	ck_assert_str_eq(cfg->disk[0].path, "vm/root.img");
	ck_assert_int_eq(cfg->disk[0].ro, 0);
	ck_assert_uint_eq(cfg->disk[0].line, 3);
	ck_assert_str_eq(cfg->disk[1].path, "/srv/data.img");
	ck_assert_int_eq(cfg->disk[1].ro, 1);
	ck_assert_uint_eq(cfg->disk[1].line, 4);
}
END_TEST

START_TEST(disk_errors)
{
	ck_parse_error(MIN "disk = a.img,rw\n",
		       "vm/guest.cfg:3: disk: unknown option 'rw' (only ,ro)");
	ck_parse_error(MIN "disk = ,ro\n", "vm/guest.cfg:3: disk: no image path");
	ck_parse_error(MIN "disk = a\ndisk = b\ndisk = c\ndisk = d\ndisk = e\n",
		       "vm/guest.cfg:7: disk: too many disks (max 4)");
}
END_TEST

START_TEST(net_tap_with_given_mac)
{
	ck_assert_int_eq(parse(MIN "net = tap:tap0,mac=52:54:00:aB:cd:EF\n"),
			 0);
	ck_assert_str_eq(cfg->net.tap, "tap0");
	ck_assert_uint_eq(cfg->net.line, 3);
	ck_assert_mem_eq(cfg->net.mac, "\x52\x54\x00\xab\xcd\xef", 6);
}
END_TEST

START_TEST(net_mac_derived_stable_local_unicast)
{
	uint8_t a[6], b[6];

	ck_assert_int_eq(parse("name = web\n" MIN "net = tap:tap0\n"), 0);
	memcpy(a, cfg->net.mac, 6);
	ck_assert_uint_eq(a[0], 0x02);	/* locally administered unicast */
	ck_assert_int_eq(parse("name = web\n" MIN "net = tap:tap0\n"), 0);
	ck_assert_mem_eq(cfg->net.mac, a, 6);
	ck_assert_int_eq(parse("name = db\n" MIN "net = tap:tap0\n"), 0);
	memcpy(b, cfg->net.mac, 6);
	ck_assert_int_ne(memcmp(a, b, 6), 0);
}
END_TEST

START_TEST(net_errors)
{
	ck_parse_error(MIN "net = user\n",
		       "vm/guest.cfg:3: net: 'user' is not tap:NAME[,mac=MAC]");
	ck_parse_error(MIN "net = tap:\n",
		       "vm/guest.cfg:3: net: bad TAP device name '' (1 to 15 "
		       "characters, no '/' or blank)");
	ck_parse_error(MIN "net = tap:abcdefghijklmnop\n",
		       "vm/guest.cfg:3: net: bad TAP device name "
		       "'abcdefghijklmnop' (1 to 15 characters, no '/' or "
		       "blank)");
	ck_parse_error(MIN "net = tap:t0,mac=01:00:00:00:00:01\n",
		       "vm/guest.cfg:3: net: 'mac=01:00:00:00:00:01' is not "
		       "mac=xx:xx:xx:xx:xx:xx (a unicast address)");
	ck_parse_error(MIN "net = tap:t0,mac=52:54:00:00:00\n",
		       "vm/guest.cfg:3: net: 'mac=52:54:00:00:00' is not "
		       "mac=xx:xx:xx:xx:xx:xx (a unicast address)");
	ck_parse_error(MIN "net = tap:a\nnet = tap:b\n",
		       "vm/guest.cfg:4: duplicate key 'net' (first set on "
		       "line 3)");
}
END_TEST

Suite *virtio_config_suite(void)
{
	Suite *s = suite_create("virtio_config");
	TCase *t = tcase_create("keys");

	tcase_add_test(t, no_disk_no_net_by_default);
	tcase_add_test(t, disks_in_order_with_ro_and_lines);
	tcase_add_test(t, disk_errors);
	tcase_add_test(t, net_tap_with_given_mac);
	tcase_add_test(t, net_mac_derived_stable_local_unicast);
	tcase_add_test(t, net_errors);
	suite_add_tcase(s, t);
	return s;
}
