#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvm440.h"
#include "loader_fixture.h"

static const uint8_t blob[0x100] = { 1, 2, 3, 4 };

/* ---- raw ----------------------------------------------------------- */

START_TEST(raw_copies_at_load_addr_and_enters_there)
{
	ck_assert_int_eq(kvm440_load_raw(blob, 0x10, "boot.bin", 0x3000, &mem,
					 &info, &err), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_RAW);
	ck_assert_uint_eq(info.entry, 0x3000);
	ck_assert_uint_eq(info.load_start, 0x3000);
	ck_assert_uint_eq(info.load_end, 0x3010);
	ck_assert_str_eq(info.name, "");
	ck_assert_mem_eq(ram + 0x3000, blob, 0x10);
	ck_assert(ram_is(0x3010, 0x3020, 0xaa));
}
END_TEST

START_TEST(check_only_raw_and_blob_write_nothing)
{
	static const uint8_t img[16] = { 1, 2, 3 };
	uint64_t gpa = 0;

	mem.host = NULL;
	ck_assert_int_eq(kvm440_load_raw(img, sizeof(img), "k", 0x100, &mem,
					 &info, &err), 0);
	ck_assert_uint_eq(info.load_end, 0x110);
	ck_assert_int_eq(kvm440_load_raw(img, sizeof(img), "k", 0xfff8, &mem,
					 &info, &err), -ERANGE);
	ck_assert_int_eq(kvm440_place_blob(img, sizeof(img), 0x8000, 8, 0, 0,
					   &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0x8000 - 16);
	ck_assert_int_eq(kvm440_place_blob(img, sizeof(img), 8, 8, 0, 0, &mem,
					   &gpa, &err), -ENOSPC);
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(raw_at_nonzero_ram_base)
{
	mem.gpa = 0x10000000u;
	ck_assert_int_eq(kvm440_load_raw(blob, 4, "boot.bin", 0x1000fffcu,
					 &mem, &info, &err), 0);
	ck_assert_mem_eq(ram + 0xfffc, blob, 4);
}
END_TEST

START_TEST(raw_past_ram_is_erange)
{
	ck_assert_int_eq(kvm440_load_raw(blob, 0x10, "boot.bin", 0xfff8, &mem,
					 &info, &err), -ERANGE);
	ck_assert_str_eq(err.msg,
			 "boot.bin: 16 bytes at 0x0000fff8 do not fit in guest memory [0x0, 0x10000)");
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(raw_below_ram_base_is_erange)
{
	mem.gpa = 0x1000;
	ck_assert_int_eq(kvm440_load_raw(blob, 0x10, "boot.bin", 0xff0, &mem,
					 &info, &err), -ERANGE);
}
END_TEST

START_TEST(raw_empty_image_is_einval)
{
	ck_assert_int_eq(kvm440_load_raw(blob, 0, "boot.bin", 0, &mem, &info,
					 &err), -EINVAL);
	ck_assert_str_eq(err.msg, "boot.bin: image is empty");
}
END_TEST

/* ---- detect -------------------------------------------------------- */

START_TEST(detect_by_magic_else_raw)
{
	static const uint8_t elf[] = { 0x7f, 'E', 'L', 'F', 1, 2 };
	static const uint8_t uimg[] = { 0x27, 0x05, 0x19, 0x56, 0 };
	static const uint8_t le_uimg[] = { 0x56, 0x19, 0x05, 0x27 };

	ck_assert_int_eq(kvm440_image_detect(elf, sizeof(elf)),
			 KVM440_IMAGE_ELF);
	ck_assert_int_eq(kvm440_image_detect(uimg, sizeof(uimg)),
			 KVM440_IMAGE_UIMAGE);
	ck_assert_int_eq(kvm440_image_detect(le_uimg, sizeof(le_uimg)),
			 KVM440_IMAGE_RAW);
	ck_assert_int_eq(kvm440_image_detect(blob, sizeof(blob)),
			 KVM440_IMAGE_RAW);
	ck_assert_int_eq(kvm440_image_detect(elf, 3), KVM440_IMAGE_RAW);
	ck_assert_int_eq(kvm440_image_detect(NULL, 0), KVM440_IMAGE_RAW);
}
END_TEST

/* ---- place_blob ---------------------------------------------------- */

START_TEST(blob_goes_to_highest_aligned_address_below_limit)
{
	uint64_t gpa = 0;

	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x8000, 0x1000, 0, 0,
					   &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0x7000);
	ck_assert_mem_eq(ram + 0x7000, blob, 0x100);
	/* Unaligned size: it still ends at or below the limit. */
	ck_assert_int_eq(kvm440_place_blob(blob, 0x10, 0x8008, 8, 0, 0, &mem,
					   &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0x7ff8);
}
END_TEST

START_TEST(blob_limit_above_ram_is_clamped_to_ram_end)
{
	uint64_t gpa = 0;

	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, UINT64_MAX, 0x1000, 0,
					   0, &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0xf000);
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, UINT64_MAX, 0, 0, 0,
					   &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0xff00);
}
END_TEST

START_TEST(blob_moves_below_avoided_range)
{
	uint64_t gpa = 0;

	/* The kernel sits at the top; the blob goes right under it. */
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x10000, 0x1000,
					   0xc800, 0x10000, &mem, &gpa, &err),
			 0);
	ck_assert_uint_eq(gpa, 0xc000);
	ck_assert(ram_is(0xc100, 0x10000, 0xaa));
}
END_TEST

START_TEST(blob_above_avoided_range_stays_high)
{
	uint64_t gpa = 0;

	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x10000, 0x1000, 0,
					   0x4000, &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0xf000);
	/* Starting where the avoided range ends is not overlapping it. */
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x10000, 0x1000, 0,
					   0xf000, &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0xf000);
	/* Nor is ending where it starts. */
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x10000, 0x100,
					   0xff00, 0x10000, &mem, &gpa, &err),
			 0);
	ck_assert_uint_eq(gpa, 0xfe00);
}
END_TEST

START_TEST(blob_that_does_not_fit_is_enospc)
{
	uint64_t gpa = 0x1234;

	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x80, 1, 0, 0, &mem,
					   &gpa, &err), -ENOSPC);
	ck_assert_str_eq(err.msg,
			 "no room for 256 bytes (aligned to 0x1) below 0x80 in guest memory [0x0, 0x10000)");
	ck_assert_uint_eq(gpa, 0x1234);
	/* The only room is taken by the avoided range. */
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x10000, 0x1000, 0x80,
					   0x10000, &mem, &gpa, &err), -ENOSPC);
	ck_assert_str_eq(err.msg,
			 "no room for 256 bytes (aligned to 0x1000) below 0x10000 in guest memory [0x0, 0x10000) clear of [0x80, 0x10000)");
	/* Limit below the RAM window. */
	mem.gpa = 0x100000;
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x80000, 1, 0, 0, &mem,
					   &gpa, &err), -ENOSPC);
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(blob_alignment_must_be_power_of_two)
{
	uint64_t gpa;

	ck_assert_int_eq(kvm440_place_blob(blob, 0x10, 0x10000, 0x300, 0, 0,
					   &mem, &gpa, &err), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "blob alignment 0x300 is not a power of two");
	ck_assert_int_eq(kvm440_place_blob(blob, 0, 0x10000, 1, 0, 0, &mem,
					   &gpa, &err), -EINVAL);
}
END_TEST

START_TEST(blob_in_ram_at_nonzero_gpa)
{
	uint64_t gpa = 0;

	mem.gpa = 0x2000000;
	ck_assert_int_eq(kvm440_place_blob(blob, 0x100, 0x3000000, 0x100, 0,
					   0, &mem, &gpa, &err), 0);
	ck_assert_uint_eq(gpa, 0x200ff00);
	ck_assert_mem_eq(ram + 0xff00, blob, 0x100);
}
END_TEST

/* ---- load_file ------------------------------------------------------ */

static char tmpdir[64];
static char path[128];

static void file_setup(void)
{
	setup();
	strcpy(tmpdir, "/tmp/kvm440-ld-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/image", tmpdir);
}

static void file_teardown(void)
{
	unlink(path);
	rmdir(tmpdir);
}

static void write_file(const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* A minimal PPC executable: one 16-byte segment at 0x100, entry 0x104. */
static size_t tiny_elf(uint8_t *b)
{
	memset(b, 0, 0x200);
	memcpy(b, "\177ELF\1\2\1", 7);
	b[17] = 2;			/* ET_EXEC */
	b[19] = 20;			/* EM_PPC */
	put32(b + 20, 1);
	put32(b + 24, 0x104);
	put32(b + 28, 52);
	b[43] = 32;
	b[45] = 1;
	put32(b + 52, 1);		/* PT_LOAD */
	put32(b + 56, 0x100);
	put32(b + 60, 0x100);
	put32(b + 64, 0x100);
	put32(b + 68, 0x10);
	put32(b + 72, 0x10);
	memset(b + 0x100, 0x77, 0x10);
	return 0x110;
}

START_TEST(load_file_auto_detects_elf)
{
	uint8_t b[0x200];

	write_file(b, tiny_elf(b));
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_ELF);
	ck_assert_uint_eq(info.entry, 0x104);
	ck_assert(ram_is(0x100, 0x110, 0x77));
}
END_TEST

START_TEST(load_file_auto_detects_uimage)
{
	uint8_t b[64 + 8] = { 0 };

	put32(b, 0x27051956u);
	put32(b + 12, 8);
	put32(b + 16, 0x400);
	put32(b + 20, 0x404);
	memset(b + 64, 0x66, 8);
	put32(b + 24, kvm440_crc32(0, b + 64, 8));
	b[29] = 7;
	b[30] = 2;
	put32(b + 4, kvm440_crc32(0, b, 64));
	write_file(b, sizeof(b));
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_UIMAGE);
	ck_assert_uint_eq(info.entry, 0x404);
	ck_assert(ram_is(0x400, 0x408, 0x66));
}
END_TEST

START_TEST(load_file_raw_uses_load_addr)
{
	write_file(blob, 0x20);
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_RAW, 0x800, &mem,
					  &info, &err), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_RAW);
	ck_assert_uint_eq(info.entry, 0x800);
	ck_assert_mem_eq(ram + 0x800, blob, 0x20);
}
END_TEST

START_TEST(load_file_forced_format_is_not_second_guessed)
{
	uint8_t b[0x200];

	/* An ELF loaded as raw is just bytes. */
	write_file(b, tiny_elf(b));
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_RAW, 0, &mem,
					  &info, &err), 0);
	ck_assert_mem_eq(ram, b, 0x110);
	/* Raw bytes loaded as ELF are not an ELF. */
	write_file(blob, sizeof(blob));
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_ELF, 0, &mem,
					  &info, &err), -ENOEXEC);
}
END_TEST

START_TEST(load_file_auto_on_unknown_data_is_enoexec)
{
	char want[256];

	write_file(blob, sizeof(blob));
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), -ENOEXEC);
	snprintf(want, sizeof(want),
		 "%s: neither an ELF nor a uImage (a raw binary needs format raw and a load address)",
		 path);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(load_file_loader_errors_name_the_path)
{
	uint8_t b[0x200];
	size_t len = tiny_elf(b);
	char want[256];

	b[19] = 3;		/* EM_386 */
	write_file(b, len);
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), -ENOEXEC);
	snprintf(want, sizeof(want),
		 "%s: ELF machine 3, a 440 guest needs PowerPC (20)", path);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(load_file_missing_is_enoent_with_path)
{
	char want[256];

	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), -ENOENT);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(load_file_empty_is_einval)
{
	char want[256];

	write_file(blob, 0);
	ck_assert_int_eq(kvm440_load_file(path, KVM440_IMAGE_RAW, 0, &mem,
					  &info, &err), -EINVAL);
	snprintf(want, sizeof(want), "%s: file is empty", path);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(load_file_directory_is_einval)
{
	char want[256];

	ck_assert_int_eq(kvm440_load_file(tmpdir, KVM440_IMAGE_AUTO, 0, &mem,
					  &info, &err), -EINVAL);
	snprintf(want, sizeof(want), "%s: not a regular file", tmpdir);
	ck_assert_str_eq(err.msg, want);
}
END_TEST

START_TEST(load_file_unknown_format_is_einval)
{
	write_file(blob, 0x10);
	ck_assert_int_eq(kvm440_load_file(path, (enum kvm440_image_format)42,
					  0, &mem, &info, &err), -EINVAL);
}
END_TEST

Suite *loader_raw_suite(void);
Suite *loader_raw_suite(void)
{
	Suite *s = suite_create("loader_raw");
	TCase *raw = tcase_create("raw");
	TCase *det = tcase_create("detect");
	TCase *place = tcase_create("place_blob");
	TCase *file = tcase_create("load_file");

	tcase_add_checked_fixture(raw, setup, NULL);
	tcase_add_test(raw, raw_copies_at_load_addr_and_enters_there);
	tcase_add_test(raw, raw_at_nonzero_ram_base);
	tcase_add_test(raw, check_only_raw_and_blob_write_nothing);
	tcase_add_test(raw, raw_past_ram_is_erange);
	tcase_add_test(raw, raw_below_ram_base_is_erange);
	tcase_add_test(raw, raw_empty_image_is_einval);
	suite_add_tcase(s, raw);

	tcase_add_test(det, detect_by_magic_else_raw);
	suite_add_tcase(s, det);

	tcase_add_checked_fixture(place, setup, NULL);
	tcase_add_test(place, blob_goes_to_highest_aligned_address_below_limit);
	tcase_add_test(place, blob_limit_above_ram_is_clamped_to_ram_end);
	tcase_add_test(place, blob_moves_below_avoided_range);
	tcase_add_test(place, blob_above_avoided_range_stays_high);
	tcase_add_test(place, blob_that_does_not_fit_is_enospc);
	tcase_add_test(place, blob_alignment_must_be_power_of_two);
	tcase_add_test(place, blob_in_ram_at_nonzero_gpa);
	suite_add_tcase(s, place);

	tcase_add_checked_fixture(file, file_setup, file_teardown);
	tcase_add_test(file, load_file_auto_detects_elf);
	tcase_add_test(file, load_file_auto_detects_uimage);
	tcase_add_test(file, load_file_raw_uses_load_addr);
	tcase_add_test(file, load_file_forced_format_is_not_second_guessed);
	tcase_add_test(file, load_file_auto_on_unknown_data_is_enoexec);
	tcase_add_test(file, load_file_loader_errors_name_the_path);
	tcase_add_test(file, load_file_missing_is_enoent_with_path);
	tcase_add_test(file, load_file_empty_is_einval);
	tcase_add_test(file, load_file_directory_is_einval);
	tcase_add_test(file, load_file_unknown_format_is_einval);
	suite_add_tcase(s, file);
	return s;
}
