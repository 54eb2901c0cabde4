#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

static struct kvm440_config *cfg;
static struct kvm440_error err;

static int parse_as(const char *file, const char *text)
{
	kvm440_config_free(cfg);
	cfg = NULL;
	memset(&err, 0, sizeof(err));
	return kvm440_config_parse(text, strlen(text), file, &cfg, &err);
}

static int parse(const char *text)
{
	return parse_as("guest.cfg", text);
}

/* The parse fails with -EINVAL and exactly @msg. */
#define ck_parse_error(text, want) do {				\
	ck_assert_int_eq(parse(text), -EINVAL);			\
	ck_assert_str_eq(err.msg, (want));			\
} while (0)

#define MIN "memory = 64M\nkernel = vmlinux\n"

START_TEST(minimal_config_gets_defaults)
{
	ck_assert_int_eq(parse(MIN), 0);
	ck_assert_uint_eq(cfg->mem_size, 64u << 20);
	ck_assert_str_eq(cfg->kernel, "vmlinux");
	ck_assert_str_eq(cfg->name, "guest");
	ck_assert_int_eq(cfg->kernel_format, KVM440_IMAGE_AUTO);
	ck_assert_int_eq(cfg->has_load_addr, 0);
	ck_assert_int_eq(cfg->has_entry, 0);
	ck_assert_str_eq(cfg->initrd, "");
	ck_assert_str_eq(cfg->dtb, "");
	ck_assert_str_eq(cfg->cmdline, "");
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_STDIO);
	ck_assert_int_eq(cfg->console_fast, 1);
	ck_assert_int_eq(cfg->paravirt, 1);
	/* the lines of the file keys, for FILE:LINE load errors */
	ck_assert_uint_eq(cfg->line[KEY_KERNEL], 2);
	ck_assert_uint_eq(cfg->line[KEY_INITRD], 0);
	ck_assert_uint_eq(cfg->line[KEY_DTB], 0);
}
END_TEST

START_TEST(full_config_sets_every_field)
{
	static const char text[] =
		"# a full guest\n"
		"\n"
		"name = web1\n"
		"  memory\t=\t128M   # trailing comment\n"
		"kernel = /boot/vmlinux\n"
		"format = elf\n"
		"entry = 0x00000100\n"
		"initrd = /boot/initrd.gz\n"
		"dtb = /boot/bamboo.dtb\n"
		"cmdline = \"console=ttyS0 root=/dev/ram # not a comment\"\n"
		"console = none\n";

	ck_assert_int_eq(parse(text), 0);
	ck_assert_str_eq(cfg->name, "web1");
	ck_assert_uint_eq(cfg->mem_size, 128u << 20);
	ck_assert_str_eq(cfg->kernel, "/boot/vmlinux");
	ck_assert_int_eq(cfg->kernel_format, KVM440_IMAGE_ELF);
	ck_assert_int_eq(cfg->has_entry, 1);
	ck_assert_uint_eq(cfg->entry, 0x100);
	ck_assert_str_eq(cfg->initrd, "/boot/initrd.gz");
	ck_assert_str_eq(cfg->dtb, "/boot/bamboo.dtb");
	ck_assert_str_eq(cfg->cmdline,
			 "console=ttyS0 root=/dev/ram # not a comment");
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_NONE);
	ck_assert_uint_eq(cfg->line[KEY_KERNEL], 5);
	ck_assert_uint_eq(cfg->line[KEY_INITRD], 8);
	ck_assert_uint_eq(cfg->line[KEY_DTB], 9);
}
END_TEST

START_TEST(raw_format_with_load_addr)
{
	ck_assert_int_eq(parse(MIN "format = raw\nload_addr = 65536\n"), 0);
	ck_assert_int_eq(cfg->kernel_format, KVM440_IMAGE_RAW);
	ck_assert_int_eq(cfg->has_load_addr, 1);
	ck_assert_uint_eq(cfg->load_addr, 0x10000);
	ck_assert_int_eq(parse(MIN "load_addr = 0XFFFFFFFF\nformat = raw\n"),
			 0);
	ck_assert_uint_eq(cfg->load_addr, 0xffffffffu);
}
END_TEST

START_TEST(formats_and_consoles_by_name)
{
	ck_assert_int_eq(parse(MIN "format = uimage\n"), 0);
	ck_assert_int_eq(cfg->kernel_format, KVM440_IMAGE_UIMAGE);
	ck_assert_int_eq(parse(MIN "format = auto\nconsole = stdio\n"), 0);
	ck_assert_int_eq(cfg->kernel_format, KVM440_IMAGE_AUTO);
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_STDIO);
	ck_assert_int_eq(parse(MIN "console = file:/var/log/g.log\n"), 0);
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_FILE);
	ck_assert_str_eq(cfg->console_path, "/var/log/g.log");
	ck_assert_int_eq(parse(MIN "console = pty\n"), 0);
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_PTY);
	ck_assert_int_eq(parse(MIN "console = socket:/run/g.sock\n"), 0);
	ck_assert_int_eq(cfg->console, KVM440_CONSOLE_SOCKET);
	ck_assert_str_eq(cfg->console_path, "/run/g.sock");
	ck_assert_int_eq(parse(MIN "console_fast = off\n"), 0);
	ck_assert_int_eq(cfg->console_fast, 0);
	ck_assert_int_eq(parse(MIN "console_fast = on\n"), 0);
	ck_assert_int_eq(cfg->console_fast, 1);
	ck_assert_int_eq(parse(MIN "paravirt = off\n"), 0);
	ck_assert_int_eq(cfg->paravirt, 0);
	ck_assert_int_eq(parse(MIN "paravirt = on\n"), 0);
	ck_assert_int_eq(cfg->paravirt, 1);
}
END_TEST

START_TEST(memory_suffixes_are_powers_of_1024)
{
	ck_assert_int_eq(parse("kernel = k\nmemory = 4096\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 4096);
	ck_assert_int_eq(parse("kernel = k\nmemory = 8k\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 8192);
	ck_assert_int_eq(parse("kernel = k\nmemory = 3m\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 3u << 20);
	ck_assert_int_eq(parse("kernel = k\nmemory = 2G\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 2ull << 30);
	ck_assert_int_eq(parse("kernel = k\nmemory = 2048M\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 2ull << 30);
}
END_TEST

START_TEST(quoted_values_take_escapes_and_blanks)
{
	ck_assert_int_eq(parse(MIN "cmdline = \"  a \\\"b\\\" c\\\\d  \"  # x\n"),
			 0);
	ck_assert_str_eq(cfg->cmdline, "  a \"b\" c\\d  ");
	ck_assert_int_eq(parse("memory = \"64M\"\nkernel = \"my kernel\"\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 64u << 20);
	ck_assert_str_eq(cfg->kernel, "my kernel");
}
END_TEST

START_TEST(unquoted_value_runs_to_comment_and_is_trimmed)
{
	ck_assert_int_eq(parse(MIN "cmdline = console=ttyS0  root=/dev/ram   #c\n"),
			 0);
	ck_assert_str_eq(cfg->cmdline, "console=ttyS0  root=/dev/ram");
}
END_TEST

START_TEST(crlf_and_missing_final_newline_accepted)
{
	ck_assert_int_eq(parse("memory = 1M\r\nkernel = k\r\nname = x"), 0);
	ck_assert_str_eq(cfg->kernel, "k");
	ck_assert_str_eq(cfg->name, "x");
	ck_assert_uint_eq(cfg->mem_size, 1u << 20);
}
END_TEST

START_TEST(relative_paths_resolve_against_config_dir)
{
	static const char text[] =
		"memory = 64M\nkernel = vmlinux\ninitrd = ../initrd\n"
		"dtb = /abs/b.dtb\nconsole = file:log/console.txt\n";

	ck_assert_int_eq(parse_as("/vms/web/guest.cfg", text), 0);
	ck_assert_str_eq(cfg->kernel, "/vms/web/vmlinux");
	ck_assert_str_eq(cfg->initrd, "/vms/web/../initrd");
	ck_assert_str_eq(cfg->dtb, "/abs/b.dtb");
	ck_assert_str_eq(cfg->console_path, "/vms/web/log/console.txt");

	ck_assert_int_eq(parse_as("web/guest.cfg", text), 0);
	ck_assert_str_eq(cfg->kernel, "web/vmlinux");

	/* No directory part: relative to the working directory, as given. */
	ck_assert_int_eq(parse_as("guest.cfg", text), 0);
	ck_assert_str_eq(cfg->kernel, "vmlinux");
	ck_assert_int_eq(parse_as("/guest.cfg", text), 0);
	ck_assert_str_eq(cfg->kernel, "/vmlinux");
}
END_TEST

START_TEST(default_name_is_config_base_name_without_extension)
{
	ck_assert_int_eq(parse_as("/vms/web1.cfg", MIN), 0);
	ck_assert_str_eq(cfg->name, "web1");
	ck_assert_int_eq(parse_as("dir.d/plain", MIN), 0);
	ck_assert_str_eq(cfg->name, "plain");
	ck_assert_int_eq(parse_as("/vms/web1.cfg", MIN "name = db\n"), 0);
	ck_assert_str_eq(cfg->name, "db");
}
END_TEST

START_TEST(byte_order_mark_is_skipped)
{
	ck_assert_int_eq(parse("\xef\xbb\xbfmemory = 64M\nkernel = k\n"), 0);
	ck_assert_uint_eq(cfg->mem_size, 64u << 20);
}
END_TEST

START_TEST(binary_junk_is_escaped_in_messages)
{
	ck_parse_error("\x1b[2J\x7f\xff = 1\n",
		       "guest.cfg:1: unknown key '\\x1b[2J\\x7f\\xff'");
	ck_parse_error("\x1b]0;x\n",
		       "guest.cfg:1: missing '=' after '\\x1b]0;x'");
	ck_parse_error(MIN "format = \x01\x02\n",
		       "guest.cfg:3: format: '\\x01\\x02' is not one of auto, elf, uimage, raw");
	ck_parse_error(MIN "cmdline = \"\\\x07\"\n",
		       "guest.cfg:3: unknown escape '\\\\x07' (only \\\" and \\\\)");
}
END_TEST

START_TEST(name_with_slash_or_control_character_is_refused)
{
	ck_parse_error(MIN "name = a/b\n",
		       "guest.cfg:3: name: 'a/b' has a '/' or a control character");
	ck_parse_error(MIN "name = a\tb\n",
		       "guest.cfg:3: name: 'a\\x09b' has a '/' or a control character");
	ck_assert_int_eq(parse(MIN "name = web 1 (test)\n"), 0);
	ck_assert_int_eq(parse_as("/vms/a\x01" "b.cfg", MIN), 0);
	ck_assert_str_eq(cfg->name, "a_b");
}
END_TEST

START_TEST(accessors_read_the_config)
{
	const char *path = NULL;

	ck_assert_int_eq(parse_as("/vms/db.cfg", MIN "console = file:db.log\n"
				  "console_fast = off\n"), 0);
	ck_assert_str_eq(kvm440_config_file(cfg), "/vms/db.cfg");
	ck_assert_str_eq(kvm440_config_name(cfg), "db");
	ck_assert_uint_eq(kvm440_config_memory(cfg), 64u << 20);
	ck_assert_int_eq(kvm440_config_console(cfg, &path),
			 KVM440_CONSOLE_FILE);
	ck_assert_str_eq(path, "/vms/db.log");
	ck_assert_int_eq(kvm440_config_console_fast(cfg), 0);
	ck_assert_uint_eq(kvm440_config_line(cfg, "console"), 3);
	ck_assert_uint_eq(kvm440_config_line(cfg, "kernel"), 2);
	ck_assert_uint_eq(kvm440_config_line(cfg, "dtb"), 0);
	ck_assert_uint_eq(kvm440_config_line(cfg, "nokey"), 0);
	kvm440_config_free(NULL);
}
END_TEST

START_TEST(unknown_key_is_named_with_line)
{
	ck_parse_error("kernel = k\n\nmemroy = 64M\n",
		       "guest.cfg:3: unknown key 'memroy' (did you mean 'memory'?)");
	ck_parse_error(MIN "Memory = 1M\n",
		       "guest.cfg:3: unknown key 'Memory' (did you mean 'memory'?)");
	ck_parse_error(MIN "zzz = 1\n", "guest.cfg:3: unknown key 'zzz'");
}
END_TEST

START_TEST(bad_size_is_named)
{
	ck_parse_error("kernel = k\n# c\n\n\nmemory = 12Q\n",
		       "guest.cfg:5: memory: '12Q' is not a size (e.g. 64M, 1G, 65536)");
	ck_parse_error("memory = 64MB\n",
		       "guest.cfg:1: memory: '64MB' is not a size (e.g. 64M, 1G, 65536)");
	ck_parse_error("memory = -1M\n",
		       "guest.cfg:1: memory: '-1M' is not a size (e.g. 64M, 1G, 65536)");
	ck_parse_error("memory = M\n",
		       "guest.cfg:1: memory: 'M' is not a size (e.g. 64M, 1G, 65536)");
	ck_parse_error("memory = 0x1000\n",
		       "guest.cfg:1: memory: '0x1000' is not a size (e.g. 64M, 1G, 65536)");
}
END_TEST

START_TEST(memory_must_be_4k_multiple_nonzero_and_at_most_2g)
{
	ck_parse_error("memory = 5000\n",
		       "guest.cfg:1: memory: '5000' is not a multiple of 4K");
	ck_parse_error("memory = 2K\n",
		       "guest.cfg:1: memory: '2K' is not a multiple of 4K");
	ck_parse_error("memory = 0M\n",
		       "guest.cfg:1: memory: must be greater than 0");
	ck_parse_error("memory = 2049M\n",
		       "guest.cfg:1: memory: '2049M' is more than the 2G a 440 guest can have");
	ck_parse_error("memory = 99999999999999999999999G\n",
		       "guest.cfg:1: memory: '99999999999999999999999G' is more than the 2G a 440 guest can have");
	ck_parse_error("memory = 2147487744\n",
		       "guest.cfg:1: memory: '2147487744' is more than the 2G a 440 guest can have");
}
END_TEST

START_TEST(duplicate_key_names_first_line)
{
	ck_parse_error("memory = 64M\nkernel = a\n#\nkernel = b\n",
		       "guest.cfg:4: duplicate key 'kernel' (first set on line 2)");
}
END_TEST

START_TEST(missing_equals_is_einval)
{
	ck_parse_error(MIN "initrd /boot/initrd\n",
		       "guest.cfg:3: missing '=' after 'initrd'");
	ck_parse_error(MIN "initrd\n", "guest.cfg:3: missing '=' after 'initrd'");
	ck_parse_error(MIN "  = x\n", "guest.cfg:3: missing key before '='");
}
END_TEST

START_TEST(empty_value_is_einval)
{
	ck_parse_error("memory =\n", "guest.cfg:1: empty value for 'memory'");
	ck_parse_error("kernel =   # nothing\n",
		       "guest.cfg:1: empty value for 'kernel'");
	ck_parse_error("cmdline = \"\"\n",
		       "guest.cfg:1: empty value for 'cmdline'");
}
END_TEST

START_TEST(quote_errors_are_einval)
{
	ck_parse_error(MIN "cmdline = \"console=ttyS0\n",
		       "guest.cfg:3: unterminated quote");
	ck_parse_error(MIN "cmdline = \"abc\\",
		       "guest.cfg:3: unterminated quote");
	ck_parse_error(MIN "cmdline = \"a\\nb\"\n",
		       "guest.cfg:3: unknown escape '\\n' (only \\\" and \\\\)");
	ck_parse_error(MIN "cmdline = \"a\" b\n",
		       "guest.cfg:3: unexpected text after closing quote");
}
END_TEST

START_TEST(value_too_long_is_einval)
{
	char text[2200];
	char name[80];

	strcpy(text, "cmdline = ");
	memset(text + 10, 'x', 1024);
	strcpy(text + 10 + 1024, "\n");
	ck_parse_error(text, "guest.cfg:1: value too long (max 1023 bytes)");

	strcpy(text, "cmdline = \"");
	memset(text + 11, 'x', 1024);
	strcpy(text + 11 + 1024, "\"\n");
	ck_parse_error(text, "guest.cfg:1: value too long (max 1023 bytes)");

	/* Exactly the maximum fits. */
	strcpy(text, MIN "cmdline = ");
	memset(text + strlen(text), 'y', 1023);
	text[sizeof(MIN) - 1 + 10 + 1023] = '\0';
	ck_assert_int_eq(parse(text), 0);
	ck_assert_uint_eq(strlen(cfg->cmdline), 1023);

	snprintf(name, sizeof(name), "name = %064d\n", 0);
	ck_parse_error(name, "guest.cfg:1: name: too long (64 bytes, max 63)");
}
END_TEST

START_TEST(path_too_long_after_resolution_is_einval)
{
	char file[300], text[1200];

	/* Each part fits on its own; together they do not. */
	memset(file, 'd', 200);
	strcpy(file + 200, "/guest.cfg");
	strcpy(text, "kernel = ");
	memset(text + 9, 'k', 900);
	strcpy(text + 909, "\nmemory = 1M\n");
	ck_assert_int_eq(parse_as(file, text), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, ":1: kernel: path too long (1101 bytes, max 1023)"));
}
END_TEST

START_TEST(missing_required_key_reports_last_line)
{
	ck_parse_error("memory = 64M\n# no kernel\n\n",
		       "guest.cfg:3: missing required key 'kernel'");
	ck_parse_error("kernel = k", "guest.cfg:1: missing required key 'memory'");
	ck_parse_error("", "guest.cfg:1: no settings: a config needs at least 'memory' and 'kernel'");
	ck_parse_error("# nothing\n\n",
		       "guest.cfg:2: no settings: a config needs at least 'memory' and 'kernel'");
	ck_parse_error("name = x\n",
		       "guest.cfg:1: missing required keys 'memory' and 'kernel'");
}
END_TEST

START_TEST(raw_without_load_addr_is_einval_at_format_line)
{
	ck_parse_error(MIN "format = raw\n# end\n",
		       "guest.cfg:3: format = raw needs load_addr");
}
END_TEST

START_TEST(load_addr_without_raw_is_einval)
{
	ck_parse_error(MIN "load_addr = 0x1000\nformat = elf\n",
		       "guest.cfg:3: load_addr is only used with format = raw");
	ck_parse_error(MIN "load_addr = 0x1000\n",
		       "guest.cfg:3: load_addr is only used with format = raw");
}
END_TEST

START_TEST(bad_numbers_are_einval)
{
	ck_parse_error(MIN "entry = 0x\n",
		       "guest.cfg:3: entry: '0x' is not a number (decimal or 0x hex)");
	ck_parse_error(MIN "entry = 12ab\n",
		       "guest.cfg:3: entry: '12ab' is not a number (decimal or 0x hex)");
	ck_parse_error(MIN "entry = -4\n",
		       "guest.cfg:3: entry: '-4' is not a number (decimal or 0x hex)");
	ck_parse_error(MIN "format = raw\nload_addr = 0x100000000\n",
		       "guest.cfg:4: load_addr: '0x100000000' does not fit in 32 bits");
	ck_parse_error(MIN "entry = 4294967296\n",
		       "guest.cfg:3: entry: '4294967296' does not fit in 32 bits");
}
END_TEST

START_TEST(bad_enum_values_are_einval)
{
	ck_parse_error(MIN "format = zip\n",
		       "guest.cfg:3: format: 'zip' is not one of auto, elf, uimage, raw");
	ck_parse_error(MIN "console = serial\n",
		       "guest.cfg:3: console: 'serial' is not one of stdio, none, file:PATH, pty, socket:PATH");
	ck_parse_error(MIN "console = file:\n",
		       "guest.cfg:3: console: 'file:' needs a path");
	ck_parse_error(MIN "console = socket:\n",
		       "guest.cfg:3: console: 'socket:' needs a path");
	ck_parse_error(MIN "console = socket:/run/"
		       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock\n",
		       "guest.cfg:3: console: socket path too long (110 bytes, max 107)");
	ck_parse_error(MIN "console_fast = yes\n",
		       "guest.cfg:3: console_fast: 'yes' is not on or off");
	ck_parse_error(MIN "paravirt = 1\n",
		       "guest.cfg:3: paravirt: '1' is not on or off");
}
END_TEST

START_TEST(nul_byte_is_einval)
{
	static const char text[] = "memory = 1M\nkernel = a\0b\n";

	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(kvm440_config_parse(text, sizeof(text) - 1,
					     "guest.cfg", &cfg, &err),
			 -EINVAL);
	ck_assert_str_eq(err.msg, "guest.cfg:2: NUL byte in line");
}
END_TEST

START_TEST(failed_parse_leaves_config_untouched)
{
	struct kvm440_config *c = (struct kvm440_config *)&err;

	ck_assert_int_eq(kvm440_config_parse("memory = 1M\nbogus = 1\n", 22,
					     "guest.cfg", &c, NULL),
			 -EINVAL);
	ck_assert_ptr_eq(c, (struct kvm440_config *)&err);
}
END_TEST

/* ------------------------------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/kvm440-cfg-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(load_reads_file_and_resolves_against_its_dir)
{
	char path[128], want[160];

	make_tmpdir();
	snprintf(path, sizeof(path), "%s/web.cfg", tmpdir);
	write_file(path, "memory = 32M\nkernel = vmlinux\n");
	ck_assert_int_eq(kvm440_config_load(path, &cfg, &err), 0);
	snprintf(want, sizeof(want), "%s/vmlinux", tmpdir);
	ck_assert_str_eq(cfg->kernel, want);
	ck_assert_str_eq(cfg->name, "web");
	ck_assert_uint_eq(cfg->mem_size, 32u << 20);
	remove_tmpdir();
}
END_TEST

START_TEST(load_error_names_file_and_line)
{
	char path[128], want[200];

	make_tmpdir();
	snprintf(path, sizeof(path), "%s/guest.cfg", tmpdir);
	write_file(path, "memory = 32M\nkernel = vmlinux\nmemroy = 1\n");
	ck_assert_int_eq(kvm440_config_load(path, &cfg, &err), -EINVAL);
	snprintf(want, sizeof(want), "%s:3: unknown key 'memroy' (did you mean 'memory'?)", path);
	ck_assert_str_eq(err.msg, want);
	remove_tmpdir();
}
END_TEST

START_TEST(load_missing_file_is_enoent_with_path)
{
	ck_assert_int_eq(kvm440_config_load("/nonexistent/guest.cfg", &cfg,
					    &err), -ENOENT);
	ck_assert_str_eq(err.msg,
			 "/nonexistent/guest.cfg: No such file or directory");
}
END_TEST

START_TEST(load_directory_is_eisdir_with_path)
{
	char want[128];

	make_tmpdir();
	ck_assert_int_eq(kvm440_config_load(tmpdir, &cfg, &err), -EISDIR);
	snprintf(want, sizeof(want), "%s: Is a directory", tmpdir);
	ck_assert_str_eq(err.msg, want);
	remove_tmpdir();
}
END_TEST

START_TEST(load_unreadable_file_is_eacces)
{
	char path[128];

	if (geteuid() == 0)
		return;	/* root reads anything */
	make_tmpdir();
	snprintf(path, sizeof(path), "%s/guest.cfg", tmpdir);
	write_file(path, MIN);
	ck_assert_int_eq(chmod(path, 0), 0);
	ck_assert_int_eq(kvm440_config_load(path, &cfg, &err), -EACCES);
	ck_assert_ptr_nonnull(strstr(err.msg, ": Permission denied"));
	remove_tmpdir();
}
END_TEST

Suite *config_suite(void);
Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *ok = tcase_create("valid");
	TCase *bad = tcase_create("errors");
	TCase *file = tcase_create("load");

	tcase_add_test(ok, minimal_config_gets_defaults);
	tcase_add_test(ok, full_config_sets_every_field);
	tcase_add_test(ok, raw_format_with_load_addr);
	tcase_add_test(ok, formats_and_consoles_by_name);
	tcase_add_test(ok, memory_suffixes_are_powers_of_1024);
	tcase_add_test(ok, quoted_values_take_escapes_and_blanks);
	tcase_add_test(ok, unquoted_value_runs_to_comment_and_is_trimmed);
	tcase_add_test(ok, crlf_and_missing_final_newline_accepted);
	tcase_add_test(ok, relative_paths_resolve_against_config_dir);
	tcase_add_test(ok, default_name_is_config_base_name_without_extension);
	suite_add_tcase(s, ok);

	tcase_add_test(bad, unknown_key_is_named_with_line);
	tcase_add_test(bad, byte_order_mark_is_skipped);
	tcase_add_test(bad, binary_junk_is_escaped_in_messages);
	tcase_add_test(bad, name_with_slash_or_control_character_is_refused);
	tcase_add_test(ok, accessors_read_the_config);
	tcase_add_test(bad, bad_size_is_named);
	tcase_add_test(bad, memory_must_be_4k_multiple_nonzero_and_at_most_2g);
	tcase_add_test(bad, duplicate_key_names_first_line);
	tcase_add_test(bad, missing_equals_is_einval);
	tcase_add_test(bad, empty_value_is_einval);
	tcase_add_test(bad, quote_errors_are_einval);
	tcase_add_test(bad, value_too_long_is_einval);
	tcase_add_test(bad, path_too_long_after_resolution_is_einval);
	tcase_add_test(bad, missing_required_key_reports_last_line);
	tcase_add_test(bad, raw_without_load_addr_is_einval_at_format_line);
	tcase_add_test(bad, load_addr_without_raw_is_einval);
	tcase_add_test(bad, bad_numbers_are_einval);
	tcase_add_test(bad, bad_enum_values_are_einval);
	tcase_add_test(bad, nul_byte_is_einval);
	tcase_add_test(bad, failed_parse_leaves_config_untouched);
	suite_add_tcase(s, bad);

	tcase_add_test(file, load_reads_file_and_resolves_against_its_dir);
	tcase_add_test(file, load_error_names_file_and_line);
	tcase_add_test(file, load_missing_file_is_enoent_with_path);
	tcase_add_test(file, load_directory_is_eisdir_with_path);
	tcase_add_test(file, load_unreadable_file_is_eacces);
	suite_add_tcase(s, file);
	return s;
}
