#include <check.h>
#include <errno.h>
#include <string.h>

#include "kvm440.h"
#include "loader_fixture.h"

/*
 * uImages are built here field by field (big-endian) with CRCs computed by
 * kvm440_crc32, which the crc32_* tests pin to the standard check values
 * first so a broken CRC cannot make a broken loader look right.
 */
#define HDR	64

static uint8_t img[HDR + 0x1000];

/* Recompute ih_hcrc after a test changed a header field on purpose. */
static void fix_hcrc(void)
{
	put32(img + 4, 0);
	put32(img + 4, kvm440_crc32(0, img, HDR));
}

/* A valid PPC kernel uImage of @size bytes of 0x5c; returns its length. */
static size_t build(uint32_t load, uint32_t ep, uint32_t size)
{
	memset(img, 0, sizeof(img));
	memset(img + HDR, 0x5c, size);
	put32(img, 0x27051956u);
	put32(img + 8, 1700000000u);		/* ih_time */
	put32(img + 12, size);
	put32(img + 16, load);
	put32(img + 20, ep);
	put32(img + 24, kvm440_crc32(0, img + HDR, size));
	img[28] = 5;				/* IH_OS_LINUX */
	img[29] = 7;				/* IH_ARCH_PPC */
	img[30] = 2;				/* IH_TYPE_KERNEL */
	img[31] = 0;				/* IH_COMP_NONE */
	strcpy((char *)img + 32, "Linux-6.1.0");
	fix_hcrc();
	return HDR + size;
}

static int load(size_t len)
{
	return kvm440_load_uimage(img, len, "uImage", &mem, &info, &err);
}

START_TEST(crc32_matches_standard_check_value)
{
	ck_assert_uint_eq(kvm440_crc32(0, "123456789", 9), 0xcbf43926u);
	ck_assert_uint_eq(kvm440_crc32(0, "a", 1), 0xe8b7be43u);
	ck_assert_uint_eq(kvm440_crc32(0, "", 0), 0);
}
END_TEST

START_TEST(crc32_can_be_computed_in_pieces)
{
	uint32_t crc = kvm440_crc32(0, "1234", 4);

	ck_assert_uint_eq(kvm440_crc32(crc, "56789", 5), 0xcbf43926u);
}
END_TEST

START_TEST(uimage_loads_at_ih_load_with_ih_ep)
{
	ck_assert_int_eq(load(build(0x2000, 0x2010, 0x100)), 0);
	ck_assert_int_eq(info.format, KVM440_IMAGE_UIMAGE);
	ck_assert_uint_eq(info.entry, 0x2010);
	ck_assert_uint_eq(info.load_start, 0x2000);
	ck_assert_uint_eq(info.load_end, 0x2100);
	ck_assert_str_eq(info.name, "Linux-6.1.0");
	ck_assert(ram_is(0x1ff0, 0x2000, 0xaa));
	ck_assert(ram_is(0x2000, 0x2100, 0x5c));
	ck_assert(ram_is(0x2100, 0x2110, 0xaa));
}
END_TEST

START_TEST(uimage_standalone_type_is_accepted)
{
	size_t len = build(0, 0, 0x10);

	img[30] = 1;		/* IH_TYPE_STANDALONE */
	fix_hcrc();
	ck_assert_int_eq(load(len), 0);
}
END_TEST

START_TEST(uimage_full_32_byte_name_is_terminated)
{
	size_t len = build(0, 0, 0x10);

	memset(img + 32, 'n', 32);
	fix_hcrc();
	ck_assert_int_eq(load(len), 0);
	ck_assert_uint_eq(strlen(info.name), 32);
}
END_TEST

START_TEST(uimage_trailing_padding_is_ignored)
{
	size_t len = build(0x100, 0x100, 0x10);

	ck_assert_int_eq(load(len + 0x100), 0);
	ck_assert_uint_eq(info.load_end, 0x110);
}
END_TEST

START_TEST(uimage_bad_magic_is_enoexec)
{
	size_t len = build(0, 0, 0x10);

	img[0] = 0x7f;
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg, "uImage: not a uImage (bad magic 0x7f051956)");
}
END_TEST

START_TEST(uimage_truncated_header_is_einval)
{
	build(0, 0, 0x10);
	ck_assert_int_eq(load(HDR - 1), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "uImage: truncated uImage header (63 of 64 bytes)");
	ck_assert_int_eq(load(2), -EINVAL);
}
END_TEST

START_TEST(uimage_truncated_data_is_einval)
{
	size_t len = build(0, 0, 0x100);

	ck_assert_int_eq(load(len - 1), -EINVAL);
	ck_assert_str_eq(err.msg,
			 "uImage: truncated uImage (header says 256 data bytes, file has 255)");
}
END_TEST

START_TEST(uimage_huge_size_is_einval_not_overflow)
{
	size_t len = build(0, 0, 0x100);

	put32(img + 12, 0xffffffffu);
	fix_hcrc();
	ck_assert_int_eq(load(len), -EINVAL);
}
END_TEST

START_TEST(uimage_empty_data_is_einval)
{
	ck_assert_int_eq(load(build(0, 0, 0)), -EINVAL);
	ck_assert_str_eq(err.msg, "uImage: uImage has no data");
}
END_TEST

START_TEST(uimage_bad_header_crc_is_ebadmsg)
{
	size_t len = build(0, 0, 0x10);

	img[20] ^= 1;		/* ih_ep changed after the CRC was taken */
	ck_assert_int_eq(load(len), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(err.msg, "uImage: uImage header CRC mismatch (header says 0x"));
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(uimage_bad_data_crc_is_ebadmsg)
{
	size_t len = build(0, 0, 0x10);

	img[HDR + 5] ^= 0x80;
	ck_assert_int_eq(load(len), -EBADMSG);
	ck_assert_ptr_nonnull(strstr(err.msg, "uImage: uImage data CRC mismatch"));
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(uimage_wrong_arch_is_enoexec)
{
	size_t len = build(0, 0, 0x10);

	img[29] = 2;		/* IH_ARCH_ARM */
	fix_hcrc();
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "uImage: uImage architecture 2, a 440 guest needs PowerPC (7)");
}
END_TEST

START_TEST(uimage_ramdisk_type_is_enoexec)
{
	size_t len = build(0, 0, 0x10);

	img[30] = 3;		/* IH_TYPE_RAMDISK */
	fix_hcrc();
	ck_assert_int_eq(load(len), -ENOEXEC);
	ck_assert_str_eq(err.msg,
			 "uImage: uImage type 3 is not a kernel (2) or standalone program (1)");
}
END_TEST

START_TEST(uimage_gzip_is_enotsup)
{
	size_t len = build(0, 0, 0x10);

	img[31] = 1;		/* IH_COMP_GZIP */
	fix_hcrc();
	ck_assert_int_eq(load(len), -ENOTSUP);
	ck_assert_str_eq(err.msg,
			 "uImage: uImage compression 'gzip' (1) is not supported; repackage with mkimage -C none");
	img[31] = 200;
	fix_hcrc();
	ck_assert_int_eq(load(len), -ENOTSUP);
	ck_assert_ptr_nonnull(strstr(err.msg, "'unknown' (200)"));
}
END_TEST

START_TEST(uimage_past_ram_is_erange)
{
	ck_assert_int_eq(load(build(0xff80, 0xff80, 0x100)), -ERANGE);
	ck_assert_str_eq(err.msg,
			 "uImage: 256 bytes at 0x0000ff80 do not fit in guest memory [0x0, 0x10000)");
	ck_assert(ram_is(0, sizeof(ram), 0xaa));
}
END_TEST

START_TEST(uimage_below_ram_base_is_erange)
{
	mem.gpa = 0x100000;
	ck_assert_int_eq(load(build(0xff000, 0xff000, 0x100)), -ERANGE);
}
END_TEST

Suite *loader_uimage_suite(void);
Suite *loader_uimage_suite(void)
{
	Suite *s = suite_create("loader_uimage");
	TCase *crc = tcase_create("crc32");
	TCase *ok = tcase_create("valid");
	TCase *bad = tcase_create("errors");

	tcase_add_test(crc, crc32_matches_standard_check_value);
	tcase_add_test(crc, crc32_can_be_computed_in_pieces);
	suite_add_tcase(s, crc);

	tcase_add_checked_fixture(ok, setup, NULL);
	tcase_add_test(ok, uimage_loads_at_ih_load_with_ih_ep);
	tcase_add_test(ok, uimage_standalone_type_is_accepted);
	tcase_add_test(ok, uimage_full_32_byte_name_is_terminated);
	tcase_add_test(ok, uimage_trailing_padding_is_ignored);
	suite_add_tcase(s, ok);

	tcase_add_checked_fixture(bad, setup, NULL);
	tcase_add_test(bad, uimage_bad_magic_is_enoexec);
	tcase_add_test(bad, uimage_truncated_header_is_einval);
	tcase_add_test(bad, uimage_truncated_data_is_einval);
	tcase_add_test(bad, uimage_huge_size_is_einval_not_overflow);
	tcase_add_test(bad, uimage_empty_data_is_einval);
	tcase_add_test(bad, uimage_bad_header_crc_is_ebadmsg);
	tcase_add_test(bad, uimage_bad_data_crc_is_ebadmsg);
	tcase_add_test(bad, uimage_wrong_arch_is_enoexec);
	tcase_add_test(bad, uimage_ramdisk_type_is_enoexec);
	tcase_add_test(bad, uimage_gzip_is_enotsup);
	tcase_add_test(bad, uimage_past_ram_is_erange);
	tcase_add_test(bad, uimage_below_ram_base_is_erange);
	suite_add_tcase(s, bad);
	return s;
}
