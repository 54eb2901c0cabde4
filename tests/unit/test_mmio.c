/*
 * module/mmio.h: decoding a faulting load/store into its MMIO accesses and
 * converting register values to and from the bus bytes of run->mmio.data.
 * The module sources are compiled straight into this test.
 */
#include <string.h>
#include <check.h>

#include "kcompat_decode.h"
#include "../../module/decode.c"
#include "../../module/mmio.h"

/* encodings from powerpc-linux-gnu-as -mbooke -m440 */
#define LBZ_R3_1_R20	0x88740001u	/* lbz    r3,1(r20) */
#define LHA_R5_4_R20	0xa8b40004u	/* lha    r5,4(r20) */
#define LHBRX_R7	0x7cf4ae2cu	/* lhbrx  r7,r20,r21 */
#define LWBRX_R8	0x7d14ac2cu	/* lwbrx  r8,r20,r21 */
#define STWBRX_R9	0x7d34bd2cu	/* stwbrx r9,r20,r23 */
#define LHAU_R12	0xad980002u	/* lhau   r12,2(r24) */
#define STWUX_R9	0x7d37d16eu	/* stwux  r9,r23,r26 */
#define LMW_R28		0xbb940080u	/* lmw    r28,0x80(r20) */
#define STMW_R28	0xbf940090u	/* stmw   r28,0x90(r20) */
#define LBZ_R3_0_R0	0x88600010u	/* lbz    r3,16(0) */

static u32 gpr[32];

static void setup(void)
{
	ck_assert_int_eq(kvm440_decode_init(), 0);
	memset(gpr, 0, sizeof(gpr));
	gpr[20] = 0xe0000000;
	gpr[21] = 0x10;
	gpr[23] = 0xe0000070;
	gpr[24] = 0xe0000030;
	gpr[26] = 4;
}

START_TEST(decode_d_form)
{
	struct kvm440_mmio_op op;

	ck_assert_int_eq(kvm440_mmio_decode(LBZ_R3_1_R20, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000001);
	ck_assert_uint_eq(op.len, 1);
	ck_assert_uint_eq(op.count, 1);
	ck_assert_uint_eq(op.reg, 3);
	ck_assert(op.flags & KVM440_F_LOAD);
	ck_assert(!(op.flags & KVM440_F_UPDATE));

	ck_assert_int_eq(kvm440_mmio_decode(LHA_R5_4_R20, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000004);
	ck_assert_uint_eq(op.len, 2);
	ck_assert(op.flags & KVM440_F_SEXT);

	/* rA = 0 means the literal 0, not r0 */
	gpr[0] = 0x1000;
	ck_assert_int_eq(kvm440_mmio_decode(LBZ_R3_0_R0, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0x10);
}
END_TEST

START_TEST(decode_update_and_indexed)
{
	struct kvm440_mmio_op op;

	ck_assert_int_eq(kvm440_mmio_decode(LHAU_R12, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000032);
	ck_assert_uint_eq(op.ra, 24);
	ck_assert_uint_eq(op.reg, 12);
	ck_assert(op.flags & KVM440_F_UPDATE);
	ck_assert(op.flags & KVM440_F_SEXT);

	ck_assert_int_eq(kvm440_mmio_decode(STWUX_R9, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000074);
	ck_assert_uint_eq(op.ra, 23);
	ck_assert_uint_eq(op.len, 4);
	ck_assert(op.flags & KVM440_F_STORE);
	ck_assert(op.flags & KVM440_F_UPDATE);
	ck_assert(op.flags & KVM440_F_INDEXED);

	ck_assert_int_eq(kvm440_mmio_decode(LHBRX_R7, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000010);
	ck_assert(op.flags & KVM440_F_BREV);
}
END_TEST

START_TEST(decode_multiple)
{
	struct kvm440_mmio_op op;

	ck_assert_int_eq(kvm440_mmio_decode(LMW_R28, gpr, &op), 0);
	ck_assert_uint_eq(op.ea, 0xe0000080);
	ck_assert_uint_eq(op.len, 4);
	ck_assert_uint_eq(op.count, 4);
	ck_assert_uint_eq(op.reg, 28);
	ck_assert_int_eq(kvm440_mmio_decode(STMW_R28, gpr, &op), 0);
	ck_assert_uint_eq(op.count, 4);
	ck_assert(op.flags & KVM440_F_STORE);
}
END_TEST

START_TEST(decode_rejects)
{
	struct kvm440_mmio_op op;

	/* add r3,r4,r5: no row */
	ck_assert_int_eq(kvm440_mmio_decode(0x7c642a14, gpr, &op), -EINVAL);
	/* mfmsr r4: a row, but not a load/store */
	ck_assert_int_eq(kvm440_mmio_decode(0x7c8000a6, gpr, &op), -EINVAL);
	/* lwarx r3,0,r4: not emulated */
	ck_assert_int_eq(kvm440_mmio_decode(0x7c602028, gpr, &op), -EINVAL);
	/* dcbz 0,r3 */
	ck_assert_int_eq(kvm440_mmio_decode(0x7c001fec, gpr, &op), -EINVAL);
	/* lbzu r3,1(0): update form with rA = 0 (gas refuses it) */
	ck_assert_int_eq(kvm440_mmio_decode(0x8c600001, gpr, &op), -EINVAL);
	/* lwzu r3,4(r3): update form with rA = rD */
	ck_assert_int_eq(kvm440_mmio_decode(0x84630004, gpr, &op), -EINVAL);
	/* lmw r28,0(r29): rA in the loaded range */
	ck_assert_int_eq(kvm440_mmio_decode(0xbb9d0000, gpr, &op), -EINVAL);
	/* lhbrx with Rc = 1: reserved bit */
	ck_assert_int_eq(kvm440_mmio_decode(LHBRX_R7 | 1, gpr, &op), -EINVAL);
}
END_TEST

START_TEST(pack_stores)
{
	u8 d[8];
	static const u8 w[8] = { 0x11, 0x22, 0x33, 0x44 };
	static const u8 wr[8] = { 0x44, 0x33, 0x22, 0x11 };
	static const u8 h[8] = { 0x33, 0x44 };
	static const u8 hr[8] = { 0x44, 0x33 };
	static const u8 b[8] = { 0x44 };

	memset(d, 0xff, sizeof(d));
	kvm440_mmio_pack(0x11223344, 4, KVM440_F_STORE, d);
	ck_assert_mem_eq(d, w, 8);
	kvm440_mmio_pack(0x11223344, 4, KVM440_F_STORE | KVM440_F_BREV, d);
	ck_assert_mem_eq(d, wr, 8);
	kvm440_mmio_pack(0x11223344, 2, KVM440_F_STORE, d);
	ck_assert_mem_eq(d, h, 8);
	kvm440_mmio_pack(0x11223344, 2, KVM440_F_STORE | KVM440_F_BREV, d);
	ck_assert_mem_eq(d, hr, 8);
	kvm440_mmio_pack(0x11223344, 1, KVM440_F_STORE, d);
	ck_assert_mem_eq(d, b, 8);
	/* a load's exit carries no data */
	kvm440_mmio_pack(0x11223344, 0, KVM440_F_LOAD, d);
	ck_assert_mem_eq(d, (u8[8]){ 0 }, 8);
}
END_TEST

START_TEST(unpack_loads)
{
	static const u8 d[8] = { 0x84, 0x85, 0x86, 0x87, 0xff, 0xff };

	ck_assert_uint_eq(kvm440_mmio_unpack(d, 1, KVM440_F_LOAD), 0x84);
	ck_assert_uint_eq(kvm440_mmio_unpack(d, 2, KVM440_F_LOAD), 0x8485);
	ck_assert_uint_eq(kvm440_mmio_unpack(d, 2, KVM440_F_LOAD |
					     KVM440_F_SEXT), 0xffff8485);
	ck_assert_uint_eq(kvm440_mmio_unpack(d, 4, KVM440_F_LOAD),
			  0x84858687);
	ck_assert_uint_eq(kvm440_mmio_unpack(d, 2, KVM440_F_LOAD |
					     KVM440_F_BREV), 0x8584);
	ck_assert_uint_eq(kvm440_mmio_unpack(d, 4, KVM440_F_LOAD |
					     KVM440_F_BREV), 0x87868584);
}
END_TEST

START_TEST(unpack_sext_positive)
{
	static const u8 d[8] = { 0x7f, 0xff };

	ck_assert_uint_eq(kvm440_mmio_unpack(d, 2, KVM440_F_LOAD |
					     KVM440_F_SEXT), 0x7fff);
}
END_TEST

START_TEST(pack_unpack_round_trip)
{
	static const u8 flags[] = { 0, KVM440_F_BREV };
	static const unsigned int lens[] = { 1, 2, 4 };
	u8 d[8];

	for (unsigned int f = 0; f < 2; f++)
		for (unsigned int l = 0; l < 3; l++) {
			u32 v = 0xa1b2c3d4, mask = lens[l] == 4 ? ~0u :
				(1u << (8 * lens[l])) - 1;

			kvm440_mmio_pack(v, lens[l], flags[f], d);
			ck_assert_uint_eq(kvm440_mmio_unpack(d, lens[l],
							     flags[f]),
					  v & mask);
		}
}
END_TEST

START_TEST(one_page)
{
	ck_assert(kvm440_mmio_one_page(0xe0000000, 4));
	ck_assert(kvm440_mmio_one_page(0xe00003fc, 4));
	ck_assert(kvm440_mmio_one_page(0xe0000081, 4));	/* unaligned, inside */
	ck_assert(!kvm440_mmio_one_page(0xe00003fd, 4));
	ck_assert(!kvm440_mmio_one_page(0xe0000fff, 2));
	ck_assert(kvm440_mmio_one_page(0xe0000fff, 1));
}
END_TEST

Suite *mmio_suite(void)
{
	Suite *s = suite_create("mmio");
	TCase *tc = tcase_create("mmio");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, decode_d_form);
	tcase_add_test(tc, decode_update_and_indexed);
	tcase_add_test(tc, decode_multiple);
	tcase_add_test(tc, decode_rejects);
	tcase_add_test(tc, pack_stores);
	tcase_add_test(tc, unpack_loads);
	tcase_add_test(tc, unpack_sext_positive);
	tcase_add_test(tc, pack_unpack_round_trip);
	tcase_add_test(tc, one_page);
	suite_add_tcase(s, tc);
	return s;
}
