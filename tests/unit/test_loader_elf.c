#include <check.h>
#include <errno.h>
#include <string.h>

#include "kvm440.h"
#include "loader_fixture.h"

/*
 * Images are built here byte by byte, big-endian, so each test shows the
 * one field it breaks. Layout: ELF header at 0, program headers at 52,
 * segment data wherever the test's offsets say.
 */
#define EHDR	52
#define PHDR	32
#define PT_LOAD	1
#define PT_NOTE	4

struct seg {
	uint32_t type, offset, vaddr, paddr, filesz, memsz;
};

static uint8_t img[0x4000];

/* Segment i's file bytes are all (0x11 * (i + 1)). Returns the length. */
static size_t build(uint32_t entry, const struct seg *segs, unsigned int n)
{
	size_t len = EHDR + (size_t)n * PHDR;

	memset(img, 0, sizeof(img));
	memcpy(img, "\177ELF", 4);
	img[4] = 1;			/* ELFCLASS32 */
	img[5] = 2;			/* ELFDATA2MSB */
	img[6] = 1;			/* EV_CURRENT */
	put16(img + 16, 2);		/* ET_EXEC */
	put16(img + 18, 20);		/* EM_PPC */
	put32(img + 20, 1);
	put32(img + 24, entry);
	put32(img + 28, EHDR);		/* e_phoff */
	put16(img + 40, EHDR);
	put16(img + 42, PHDR);
	put16(img + 44, (uint16_t)n);
	for (unsigned int i = 0; i < n; i++) {
		uint8_t *ph = img + EHDR + i * PHDR;

		put32(ph, segs[i].type);
		put32(ph + 4, segs[i].offset);
		put32(ph + 8, segs[i].vaddr);
		put32(ph + 12, segs[i].paddr);
		put32(ph + 16, segs[i].filesz);
		put32(ph + 20, segs[i].memsz);
		put32(ph + 24, 7);	/* RWX */
		put32(ph + 28, 0x1000);
		if (segs[i].type == PT_LOAD &&
		    (uint64_t)segs[i].offset + segs[i].filesz <= sizeof(img)) {
			memset(img + segs[i].offset, 0x11 * (i + 1),
			       segs[i].filesz);
			if (segs[i].offset + segs[i].filesz > len)
				len = segs[i].offset + segs[i].filesz;
		}
	}
	return len;
}

static const struct seg one_seg = { PT_LOAD, 0x100, 0x1000, 0x1000, 0x80,
				    0x80 };

static size_t build_one(void)
{
	return build(0x1010, &one_seg, 1);
}

static int load(size_t len)
{
	return kvm440_load_elf(img, len, "guest.elf", &mem, &info, &err);
}

/* A check-only load (host NULL, as kvm440_config_check() does). */
START_TEST(elf_check_only_fills_info_and_still_checks_bounds)
{
	static const struct seg far = { PT_LOAD, 0x100, 0x20000, 0x20000,
					0x80, 0x80 };

	mem.host = NULL;
	ck_assert_int_eq(load(build_one()), 0);
	ck_assert_uint_eq(info.entry, 0x1010);
	ck_assert_uint_eq(info.load_end, 0x1080);
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
	ck_assert_int_eq(load(build(0x20000, &far, 1)), -ERANGE);
}
END_TEST

START_TEST(elf_loads_segment_at_paddr)
{
	ck_assert_int_eq(load(build_one()), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_ELF);
	ck_assert_uint_eq(info.entry, 0x1010);
	ck_assert_uint_eq(info.load_start, 0x1000);
	ck_assert_uint_eq(info.load_end, 0x1080);
	ck_assert_str_eq(info.name, "");
	ck_assert(ram_is(0xff0, 0x1000, 0xaa));
	ck_assert(ram_is(0x1000, 0x1080, 0x11));
	ck_assert(ram_is(0x1080, 0x1090, 0xaa));
}
END_TEST

START_TEST(elf_vmlinux_entry_is_translated_to_physical)
{
	/* A 44x vmlinux: linked at PAGE_OFFSET, loaded at 0. */
	static const struct seg s = { PT_LOAD, 0x1000, 0xc0000000u, 0, 0x200,
				      0x200 };

	ck_assert_int_eq(load(build(0xc0000010u, &s, 1)), 0);
	ck_assert_uint_eq(info.entry, 0x10);
	ck_assert(ram_is(0, 0x200, 0x11));
}
END_TEST

START_TEST(elf_entry_translated_by_the_segment_containing_it)
{
	static const struct seg s[] = {
		{ PT_LOAD, 0x1000, 0xc0000000u, 0x0000, 0x100, 0x100 },
		{ PT_LOAD, 0x2000, 0xd0000000u, 0x8000, 0x100, 0x100 },
	};

	ck_assert_int_eq(load(build(0xd0000020u, s, 2)), 0);
	ck_assert_uint_eq(info.entry, 0x8020);
}
END_TEST

START_TEST(elf_entry_in_bss_part_is_accepted)
{
	static const struct seg s = { PT_LOAD, 0x1000, 0x100, 0x100, 0x10,
				      0x100 };

	ck_assert_int_eq(load(build(0x1f0, &s, 1)), 0);
	ck_assert_uint_eq(info.entry, 0x1f0);
}
END_TEST

START_TEST(elf_bss_is_zeroed)
{
	static const struct seg s = { PT_LOAD, 0x1000, 0x400, 0x400, 0x10,
				      0x100 };

	ck_assert_int_eq(load(build(0x400, &s, 1)), 0);
	ck_assert(ram_is(0x400, 0x410, 0x11));
	ck_assert(ram_is(0x410, 0x500, 0x00));
	ck_assert(ram_is(0x500, 0x510, 0xaa));
	ck_assert_uint_eq(info.load_end, 0x500);
}
END_TEST

START_TEST(elf_load_range_spans_all_segments)
{
	static const struct seg s[] = {
		{ PT_LOAD, 0x1000, 0x3000, 0x3000, 0x100, 0x100 },
		{ PT_LOAD, 0x2000, 0x800, 0x800, 0x10, 0x40 },
		{ PT_LOAD, 0x3000, 0x5000, 0x5000, 0x10, 0x10 },
	};

	ck_assert_int_eq(load(build(0x3000, s, 3)), 0);
	ck_assert_uint_eq(info.load_start, 0x800);
	ck_assert_uint_eq(info.load_end, 0x5010);
	ck_assert(ram_is(0x3000, 0x3100, 0x11));
	ck_assert(ram_is(0x800, 0x810, 0x22));
	ck_assert(ram_is(0x5000, 0x5010, 0x33));
}
END_TEST

START_TEST(elf_non_load_and_empty_segments_are_ignored)
{
	static const struct seg s[] = {
		/* Neither is inside the image or RAM; neither matters. */
		{ PT_NOTE, 0xffffff00u, 0, 0xfff00000u, 0x1000, 0x1000 },
		{ PT_LOAD, 0x2000, 0xf0000000u, 0xf0000000u, 0, 0 },
		one_seg,
	};

	ck_assert_int_eq(load(build(0x1010, s, 3)), 0);
	ck_assert_uint_eq(info.load_start, 0x1000);
	ck_assert_uint_eq(info.load_end, 0x1080);
}
END_TEST

START_TEST(elf_ram_window_at_nonzero_gpa)
{
	static const struct seg s = { PT_LOAD, 0x100, 0x100000, 0x100000, 0x80,
				      0x80 };

	mem.gpa = 0x100000;
	ck_assert_int_eq(load(build(0x100000, &s, 1)), 0);
	ck_assert(ram_is(0, 0x80, 0x11));
	ck_assert_uint_eq(info.entry, 0x100000);
}
END_TEST

START_TEST(elf_null_info_and_err_are_allowed)
{
	ck_assert_int_eq(kvm440_load_elf(img, build_one(), "x", &mem, NULL,
					 NULL), 0);
	ck_assert_int_eq(kvm440_load_elf(img, 10, "x", &mem, NULL, NULL),
			 -EINVAL);
}
END_TEST

/* ---- malformed: -EINVAL ------------------------------------------- */

START_TEST(elf_truncated_header_is_einval)
{
	build_one();
	ck_assert_int_eq(load(EHDR - 1), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: truncated ELF header (51 of 52 bytes)");
}
END_TEST

START_TEST(elf_bad_version_is_einval)
{
	size_t len = build_one();

	put32(img + 20, 2);
	ck_assert_int_eq(load(len), -EINVAL);
	ck_assert_str_eq(err.msg, "guest.elf: unknown ELF version");
}
END_TEST

START_TEST(elf_without_program_headers_is_einval)
{
	ck_assert_int_eq(load(build(0, NULL, 0)), -EINVAL);
	ck_assert_str_eq(err.msg, "guest.elf: ELF has no program headers");
}
END_TEST

START_TEST(elf_bad_phentsize_is_einval)
{
	size_t len = build_one();

	put16(img + 42, 28);
	ck_assert_int_eq(load(len), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF program header size 28, expected 32");
}
END_TEST

START_TEST(elf_phdrs_past_end_is_einval)
{
	build_one();
	ck_assert_int_eq(load(EHDR + PHDR - 1), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF program headers extend past the end of the image");
}
END_TEST

START_TEST(elf_phoff_near_4g_is_einval)
{
	size_t len = build_one();

	put32(img + 28, 0xfffffff0u);	/* would wrap in 32-bit arithmetic */
	ck_assert_int_eq(load(len), -EINVAL);
}
END_TEST

START_TEST(elf_segment_data_past_end_is_einval)
{
	size_t len = build_one();

	ck_assert_int_eq(load(len - 1), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: segment 0 data [0x100, +0x80) extends past the end of the image (383 bytes)");
}
END_TEST

START_TEST(elf_segment_offset_overflow_is_einval)
{
	/* 0xffffff00 + 0x200 wraps to 0x100, inside the image, in 32 bits. */
	static const struct seg s = { PT_LOAD, 0xffffff00u, 0, 0, 0x200,
				      0x200 };
	size_t len = build(0, &s, 1);

	ck_assert_int_eq(load(len + 0x200), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "extends past the end"));
}
END_TEST

START_TEST(elf_filesz_above_memsz_is_einval)
{
	static const struct seg s = { PT_LOAD, 0x100, 0, 0, 0x80, 0x40 };

	ck_assert_int_eq(load(build(0, &s, 1)), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: segment 0 has file size 0x80 > memory size 0x40");
}
END_TEST

START_TEST(elf_without_loadable_segments_is_einval)
{
	static const struct seg s = { PT_NOTE, 0x100, 0, 0, 0x10, 0x10 };

	ck_assert_int_eq(load(build(0, &s, 1)), -EINVAL);
	ck_assert_str_eq(err.msg, "guest.elf: ELF has no loadable segments");
}
END_TEST

START_TEST(elf_entry_outside_segments_is_einval)
{
	ck_assert_int_eq(load(build(0x1080, &one_seg, 1)), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF entry point 0x00001080 is not inside any loadable segment");
}
END_TEST

/* ---- not for this machine: -ENOEXEC -------------------------------- */

START_TEST(elf_bad_magic_is_enoexec)
{
	size_t len = build_one();

	img[1] = 'e';
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg, "guest.elf: not an ELF image (bad magic)");
	ck_assert_int_eq(load(3), -ENOEXEC);
}
END_TEST

START_TEST(elf_64bit_class_is_enoexec)
{
	size_t len = build_one();

	img[4] = 2;
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF class 2, a 440 guest needs 32-bit (1)");
}
END_TEST

START_TEST(elf_little_endian_is_enoexec)
{
	size_t len = build_one();

	img[5] = 1;
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF data encoding 1, a 440 guest needs big-endian (2)");
}
END_TEST

START_TEST(elf_wrong_machine_is_enoexec)
{
	size_t len = build_one();

	put16(img + 18, 21);	/* EM_PPC64 */
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF machine 21, a 440 guest needs PowerPC (20)");
	put16(img + 18, 3);	/* EM_386 */
	ck_assert_int_eq(load(len), -ENOEXEC);
}
END_TEST

START_TEST(elf_relocatable_object_is_enoexec)
{
	size_t len = build_one();

	put16(img + 16, 1);	/* ET_REL */
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "guest.elf: ELF type 1 is not an executable (ET_EXEC, 2)");
}
END_TEST

/* ---- outside guest memory: -ERANGE --------------------------------- */

START_TEST(elf_segment_past_ram_is_erange)
{
	static const struct seg s = { PT_LOAD, 0x100, 0xff80, 0xff80, 0x100,
				      0x100 };

	ck_assert_int_eq(load(build(0xff80, &s, 1)), -ERANGE);
	ck_assert_str_eq(err.msg,
			 "guest.elf: segment 0 [0xff80, 0x10080) is outside guest memory [0x0, 0x10000)");
}
END_TEST

START_TEST(elf_segment_ending_at_ram_end_fits)
{
	static const struct seg s = { PT_LOAD, 0x100, 0xff00, 0xff00, 0x100,
				      0x100 };

	ck_assert_int_eq(load(build(0xff00, &s, 1)), 0);
	ck_assert(ram_is(0xff00, 0x10000, 0x11));
}
END_TEST

START_TEST(elf_bss_past_ram_is_erange)
{
	static const struct seg s = { PT_LOAD, 0x100, 0xff00, 0xff00, 0x10,
				      0x101 };

	ck_assert_int_eq(load(build(0xff00, &s, 1)), -ERANGE);
}
END_TEST

START_TEST(elf_segment_below_ram_base_is_erange)
{
	mem.gpa = 0x100000;
	ck_assert_int_eq(load(build_one()), -ERANGE);
	ck_assert_str_eq(err.msg,
			 "guest.elf: segment 0 [0x1000, 0x1080) is outside guest memory [0x100000, 0x110000)");
}
END_TEST

START_TEST(elf_segment_wrapping_4g_is_erange)
{
	static const struct seg s = { PT_LOAD, 0x100, 0xffffff00u,
				      0xffffff00u, 0x80, 0x200 };

	mem.size = 0x100000000ull;	/* never touched: the load fails */
	ck_assert_int_eq(load(build(0xffffff00u, &s, 1)), -ERANGE);
}
END_TEST

START_TEST(elf_failed_load_writes_nothing)
{
	static const struct seg s[] = {
		one_seg,
		{ PT_LOAD, 0x200, 0x20000, 0x20000, 0x10, 0x10 },
	};

	ck_assert_int_eq(load(build(0x1010, s, 2)), -ERANGE);
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
	ck_assert_ptr_nonnull(strstr(err.msg, "segment 1 "));
}
END_TEST

Suite *loader_elf_suite(void);
Suite *loader_elf_suite(void)
{
	Suite *s = suite_create("loader_elf");
	TCase *ok = tcase_create("valid");
	TCase *bad = tcase_create("malformed");
	TCase *exec = tcase_create("wrong_target");
	TCase *range = tcase_create("range");

	tcase_add_checked_fixture(ok, setup, NULL);
	tcase_add_test(ok, elf_loads_segment_at_paddr);
	tcase_add_test(ok, elf_check_only_fills_info_and_still_checks_bounds);
	tcase_add_test(ok, elf_vmlinux_entry_is_translated_to_physical);
	tcase_add_test(ok, elf_entry_translated_by_the_segment_containing_it);
	tcase_add_test(ok, elf_entry_in_bss_part_is_accepted);
	tcase_add_test(ok, elf_bss_is_zeroed);
	tcase_add_test(ok, elf_load_range_spans_all_segments);
	tcase_add_test(ok, elf_non_load_and_empty_segments_are_ignored);
	tcase_add_test(ok, elf_ram_window_at_nonzero_gpa);
	tcase_add_test(ok, elf_null_info_and_err_are_allowed);
	suite_add_tcase(s, ok);

	tcase_add_checked_fixture(bad, setup, NULL);
	tcase_add_test(bad, elf_truncated_header_is_einval);
	tcase_add_test(bad, elf_bad_version_is_einval);
	tcase_add_test(bad, elf_without_program_headers_is_einval);
	tcase_add_test(bad, elf_bad_phentsize_is_einval);
	tcase_add_test(bad, elf_phdrs_past_end_is_einval);
	tcase_add_test(bad, elf_phoff_near_4g_is_einval);
	tcase_add_test(bad, elf_segment_data_past_end_is_einval);
	tcase_add_test(bad, elf_segment_offset_overflow_is_einval);
	tcase_add_test(bad, elf_filesz_above_memsz_is_einval);
	tcase_add_test(bad, elf_without_loadable_segments_is_einval);
	tcase_add_test(bad, elf_entry_outside_segments_is_einval);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(exec, setup, NULL);
	tcase_add_test(exec, elf_bad_magic_is_enoexec);
	tcase_add_test(exec, elf_64bit_class_is_enoexec);
	tcase_add_test(exec, elf_little_endian_is_enoexec);
	tcase_add_test(exec, elf_wrong_machine_is_enoexec);
	tcase_add_test(exec, elf_relocatable_object_is_enoexec);
	suite_add_tcase(s, exec);

	tcase_add_checked_fixture(range, setup, NULL);
	tcase_add_test(range, elf_segment_past_ram_is_erange);
	tcase_add_test(range, elf_segment_ending_at_ram_end_fits);
	tcase_add_test(range, elf_bss_past_ram_is_erange);
	tcase_add_test(range, elf_segment_below_ram_base_is_erange);
	tcase_add_test(range, elf_segment_wrapping_4g_is_erange);
	tcase_add_test(range, elf_failed_load_writes_nothing);
	suite_add_tcase(s, range);
	return s;
}
