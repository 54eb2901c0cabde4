/*
 * kvm440_config_check(): the boot protocol's loading (lib/boot.c), bounds
 * checked and nothing written, with every failure as FILE:LINE: KEY:
 * problem. Configs
 * are files in a temporary directory, so relative paths resolve there.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

static char dir[64];
static struct kvm440_config *cfg;
static struct kvm440_error err;

static void setup(void)
{
	strcpy(dir, "/tmp/kvm440-boot-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	cfg = NULL;
	memset(&err, 0, sizeof(err));
}

static void teardown(void)
{
	char cmd[128];

	kvm440_config_free(cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void put(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

#define PUT_TEXT(name, text) put((name), (text), strlen(text))
/* a flat program: li r3,0; b . */
static const unsigned char prog[] = { 0x38, 0x60, 0, 0, 0x48, 0, 0, 0 };
#define RAW0 "kernel = prog.bin\nformat = raw\nload_addr = 0\n"
#define RAW "kernel = prog.bin\nformat = raw\nload_addr = 0x1000\n"

/* Parse @text as DIR/guest.cfg and check it; the result. */
static int check(const char *text)
{
	char path[128];

	put("prog.bin", prog, sizeof(prog));
	snprintf(path, sizeof(path), "%s/guest.cfg", dir);
	PUT_TEXT("guest.cfg", text);
	kvm440_config_free(cfg);
	cfg = NULL;
	ck_assert_int_eq(kvm440_config_load(path, &cfg, &err), 0);
	return kvm440_config_check(cfg, &err);
}

/* err.msg is "DIR/guest.cfg:@want" */
static void ck_msg(const char *want)
{
	char full[600];

	snprintf(full, sizeof(full), "%s/guest.cfg:%s", dir, want);
	ck_assert_str_eq(err.msg, full);
}

START_TEST(good_config_with_initrd_passes)
{
	PUT_TEXT("initrd.img", "initrd contents");
	ck_assert_int_eq(check("memory = 16M\n" RAW "initrd = initrd.img\n"
			       "entry = 0x1000\n"), 0);
}
END_TEST

START_TEST(missing_kernel_names_line)
{
	ck_assert_int_lt(check("memory = 16M\nkernel = nothere\n"), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, ":2: kernel: "));
	ck_assert_ptr_nonnull(strstr(err.msg, "nothere: No such file"));
}
END_TEST

START_TEST(raw_format_on_elf_is_refused)
{
	static const char elf[] = "\177ELF\1\2\1 not really";

	put("vmlinux", elf, sizeof(elf));
	ck_assert_int_eq(check("memory = 16M\nkernel = vmlinux\nformat = raw\n"
			       "load_addr = 0\n"), -EINVAL);
	char want[300];

	snprintf(want, sizeof(want),
		 "3: format: raw, but %s/vmlinux is an ELF (say format = auto)",
		 dir);
	ck_msg(want);
}
END_TEST

START_TEST(entry_outside_ram_or_unaligned_is_refused)
{
	ck_assert_int_eq(check("memory = 16M\n" RAW "entry = 0x1000000\n"),
			 -EINVAL);
	ck_msg("5: entry: 0x1000000 is outside guest RAM");
	ck_assert_int_eq(check("memory = 16M\n" RAW "entry = 0x1002\n"),
			 -EINVAL);
	ck_msg("5: entry: 0x1002 is not a multiple of 4 (440 instructions are 4-byte aligned)");
	ck_assert_int_eq(check("memory = 512M\n" RAW "entry = 0x10000000\n"),
			 -EINVAL);
	ck_msg("5: entry: 0x10000000 is outside the initially mapped RAM (256M)");
}
END_TEST

START_TEST(empty_initrd_names_file_and_line)
{
	char want[300];

	put("empty.img", "", 0);
	ck_assert_int_eq(check("memory = 16M\n" RAW "initrd = empty.img\n"),
			 -EINVAL);
	snprintf(want, sizeof(want), "5: initrd: %s/empty.img: file is empty",
		 dir);
	ck_msg(want);
}
END_TEST

START_TEST(bad_dtb_names_file_and_line)
{
	char want[300];

	PUT_TEXT("bad.dtb", "this is no device tree at all, not even close");
	ck_assert_int_eq(check("memory = 16M\n" RAW "dtb = bad.dtb\n"),
			 -EINVAL);
	snprintf(want, sizeof(want), "5: dtb: %s/bad.dtb: ", dir);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
}
END_TEST

START_TEST(no_room_for_dtb_blames_memory_or_dtb)
{
	const void *dtb;
	size_t len;
	char want[300];

	/* 4K of RAM: the boot stack takes what the tree would need */
	ck_assert_int_eq(check("memory = 4K\n" RAW0), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg,
		"/guest.cfg:1: memory: no room for the device tree: no room for"));
	dtb = kvm440_board_dtb(&len);
	put("board.dtb", dtb, len);
	ck_assert_int_eq(check("memory = 4K\n" RAW0 "dtb = board.dtb\n"),
			 -EINVAL);
	snprintf(want, sizeof(want), "/guest.cfg:5: dtb: %s/board.dtb: no room",
		 dir);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
}
END_TEST

START_TEST(console_file_must_be_writable_and_is_not_created)
{
	char path[128];

	ck_assert_int_eq(check("memory = 16M\n" RAW
			       "console = file:nodir/out.log\n"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, ":5: console: "));
	ck_assert_ptr_nonnull(strstr(err.msg,
				     "nodir/out.log: No such file or directory"));
	ck_assert_int_eq(check("memory = 16M\n" RAW
			       "console = file:out.log\n"), 0);
	snprintf(path, sizeof(path), "%s/out.log", dir);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(memory_is_held_to_the_module_limit)
{
	char param[128];

	ck_assert_int_eq(check("memory = 1G\n" RAW), 0 /* no module here */);
	snprintf(param, sizeof(param), "%s/max_vm_mem_mb", dir);
	PUT_TEXT("max_vm_mem_mb", "512\n");
	ck_assert_int_eq(kvm440_check_mem_limit(cfg, param, &err), -EINVAL);
	ck_msg("1: memory: 1024M is more than the kvm440 module allows a VM (max_vm_mem_mb = 512)");
	ck_assert_int_eq(check("memory = 512M\n" RAW), 0);
	ck_assert_int_eq(kvm440_check_mem_limit(cfg, param, &err), 0);
	ck_assert_int_eq(kvm440_check_mem_limit(cfg, "/nonexistent", &err), 0);
}
END_TEST

Suite *boot_suite(void)
{
	Suite *s = suite_create("boot");
	TCase *tc = tcase_create("check");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_config_with_initrd_passes);
	tcase_add_test(tc, missing_kernel_names_line);
	tcase_add_test(tc, raw_format_on_elf_is_refused);
	tcase_add_test(tc, entry_outside_ram_or_unaligned_is_refused);
	tcase_add_test(tc, empty_initrd_names_file_and_line);
	tcase_add_test(tc, bad_dtb_names_file_and_line);
	tcase_add_test(tc, no_room_for_dtb_blames_memory_or_dtb);
	tcase_add_test(tc, console_file_must_be_writable_and_is_not_created);
	tcase_add_test(tc, memory_is_held_to_the_module_limit);
	suite_add_tcase(s, tc);
	return s;
}
