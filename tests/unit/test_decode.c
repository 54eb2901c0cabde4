/*
 * module/decode.c: the table-driven instruction decoder. The module source
 * is compiled straight into this test (the Makefile does not build module
 * code for unit tests).
 *
 * Encodings are built by hand with XF()/DF()/SPRF() below, and every one is
 * cross-checked against the word GNU as produced for the same instruction
 * (powerpc-linux-gnu-as -mbooke -m440, disassembled with objdump -d),
 * embedded as the `gas` column.
 */
#include <string.h>
#include <check.h>

#include "kcompat_decode.h"
#include "../../module/decode.c"

/* X/XL/XFX form: primary, rT/rS, rA, rB, extended opcode, Rc. */
#define XF(po, rt, ra, rb, xo, rc)					\
	((u32)(po) << 26 | (u32)(rt) << 21 | (u32)(ra) << 16 |		\
	 (u32)(rb) << 11 | (u32)(xo) << 1 | (u32)(rc))
/* D form: primary, rT/rS, rA, D (signed 16 bits). */
#define DF(po, rt, ra, d)						\
	((u32)(po) << 26 | (u32)(rt) << 21 | (u32)(ra) << 16 |		\
	 ((u32)(d) & 0xffff))
/* mfspr/mtspr/mfdcr/mtdcr: the 10-bit number goes in swapped halves. */
#define SPRF(xo, rt, n)	XF(31, rt, (n) & 0x1f, ((n) >> 5) & 0x1f, xo, 0)
#define X31(xo, rt, ra, rb)	XF(31, rt, ra, rb, xo, 0)

#define LD	KVM440_F_LOAD
#define ST	KVM440_F_STORE
#define SX	KVM440_F_SEXT
#define UP	KVM440_F_UPDATE
#define IX	KVM440_F_INDEXED
#define BR	KVM440_F_BREV
#define MU	KVM440_F_MULTI
#define RC	KVM440_F_RC
#define U	KVM440_CLASS_UNIVERSAL
#define B	KVM440_CLASS_BOOKE
#define C	KVM440_CLASS_440

struct vec {
	u32 inst;	/* hand-assembled */
	u32 gas;	/* what GNU as made of the same source line */
	u8 op, size, flags, class;
	const char *name;
};

static const struct vec vecs[] = {
	/* as source line in the comment */
	{ X31(83, 3, 0, 0), 0x7c6000a6, KVM440_OP_MFMSR, 0, 0, U, "mfmsr" },
	/* mtmsr 4 */
	{ X31(146, 4, 0, 0), 0x7c800124, KVM440_OP_MTMSR, 0, 0, U, "mtmsr" },
	/* wrtee 5 */
	{ X31(131, 5, 0, 0), 0x7ca00106, KVM440_OP_WRTEE, 0, 0, B, "wrtee" },
	/* wrteei 1 */
	{ X31(163, 0, 0, 0) | KVM440_E_MASK, 0x7c008146,
	  KVM440_OP_WRTEEI, 0, 0, B, "wrteei" },
	/* wrteei 0 */
	{ X31(163, 0, 0, 0), 0x7c000146, KVM440_OP_WRTEEI, 0, 0, B, "wrteei" },
	/* rfi */
	{ XF(19, 0, 0, 0, 50, 0), 0x4c000064, KVM440_OP_RFI, 0, 0, U, "rfi" },
	/* rfci */
	{ XF(19, 0, 0, 0, 51, 0), 0x4c000066, KVM440_OP_RFCI, 0, 0, B, "rfci" },
	/* mfspr 3,26 (mfsrr0) */
	{ SPRF(339, 3, 26), 0x7c7a02a6, KVM440_OP_MFSPR, 0, 0, U, "mfspr" },
	/* mtspr 408,4 (IVOR8) */
	{ SPRF(467, 4, 408), 0x7c9863a6, KVM440_OP_MTSPR, 0, 0, U, "mtspr" },
	/* mfspr 3,8 (mflr: decoded too, though it never traps) */
	{ SPRF(339, 3, 8), 0x7c6802a6, KVM440_OP_MFSPR, 0, 0, U, "mfspr" },
	/* mfdcr 3,0xc0 */
	{ SPRF(323, 3, 0xc0), 0x7c603286, KVM440_OP_MFDCR, 0, 0, B, "mfdcr" },
	/* mtdcr 0xc0,4 */
	{ SPRF(451, 4, 0xc0), 0x7c803386, KVM440_OP_MTDCR, 0, 0, B, "mtdcr" },
	/* tlbwe 3,4,0 */
	{ X31(978, 3, 4, 0), 0x7c6407a4, KVM440_OP_TLBWE, 0, 0, C, "tlbwe" },
	/* tlbwe 3,4,2 */
	{ X31(978, 3, 4, 2), 0x7c6417a4, KVM440_OP_TLBWE, 0, 0, C, "tlbwe" },
	/* tlbre 5,6,1 */
	{ X31(946, 5, 6, 1), 0x7ca60f64, KVM440_OP_TLBRE, 0, 0, C, "tlbre" },
	/* tlbsx 3,4,5 */
	{ X31(914, 3, 4, 5), 0x7c642f24, KVM440_OP_TLBSX, 0, RC, C, "tlbsx" },
	/* tlbsx. 3,4,5 */
	{ XF(31, 3, 4, 5, 914, 1), 0x7c642f25,
	  KVM440_OP_TLBSX, 0, RC, C, "tlbsx" },
	/* tlbsync */
	{ X31(566, 0, 0, 0), 0x7c00046c, KVM440_OP_TLBSYNC, 0, 0, U, "tlbsync" },
	/* iccci 0,4 */
	{ X31(966, 0, 0, 4), 0x7c00278c, KVM440_OP_ICCCI, 0, 0, C, "iccci" },
	/* dccci 3,4 */
	{ X31(454, 0, 3, 4), 0x7c03238c, KVM440_OP_DCCCI, 0, 0, C, "dccci" },
	/* dcbi 3,4 */
	{ X31(470, 0, 3, 4), 0x7c0323ac, KVM440_OP_DCBI, 0, 0, U, "dcbi" },
	/* icread 3,4 */
	{ X31(998, 0, 3, 4), 0x7c0327cc, KVM440_OP_ICREAD, 0, 0, C, "icread" },
	/* dcread 5,3,4 */
	{ X31(486, 5, 3, 4), 0x7ca323cc, KVM440_OP_DCREAD, 0, 0, C, "dcread" },

	/* lbz 3,8(4) */
	{ DF(34, 3, 4, 8), 0x88640008, KVM440_OP_LBZ, 1, LD, U, "lbz" },
	/* lbzu 3,-8(4) */
	{ DF(35, 3, 4, -8), 0x8c64fff8, KVM440_OP_LBZU, 1, LD | UP, U, "lbzu" },
	/* lbzx 3,4,5 */
	{ X31(87, 3, 4, 5), 0x7c6428ae, KVM440_OP_LBZX, 1, LD | IX, U, "lbzx" },
	/* lbzux 3,4,5 */
	{ X31(119, 3, 4, 5), 0x7c6428ee,
	  KVM440_OP_LBZUX, 1, LD | UP | IX, U, "lbzux" },
	/* lhz 3,2(4) */
	{ DF(40, 3, 4, 2), 0xa0640002, KVM440_OP_LHZ, 2, LD, U, "lhz" },
	/* lhzu 3,2(4) */
	{ DF(41, 3, 4, 2), 0xa4640002, KVM440_OP_LHZU, 2, LD | UP, U, "lhzu" },
	/* lhzx 3,4,5 */
	{ X31(279, 3, 4, 5), 0x7c642a2e, KVM440_OP_LHZX, 2, LD | IX, U, "lhzx" },
	/* lhzux 3,4,5 */
	{ X31(311, 3, 4, 5), 0x7c642a6e,
	  KVM440_OP_LHZUX, 2, LD | UP | IX, U, "lhzux" },
	/* lha 3,2(4) */
	{ DF(42, 3, 4, 2), 0xa8640002, KVM440_OP_LHA, 2, LD | SX, U, "lha" },
	/* lhau 3,2(4) */
	{ DF(43, 3, 4, 2), 0xac640002,
	  KVM440_OP_LHAU, 2, LD | SX | UP, U, "lhau" },
	/* lhax 3,4,5 */
	{ X31(343, 3, 4, 5), 0x7c642aae,
	  KVM440_OP_LHAX, 2, LD | SX | IX, U, "lhax" },
	/* lhaux 3,4,5 */
	{ X31(375, 3, 4, 5), 0x7c642aee,
	  KVM440_OP_LHAUX, 2, LD | SX | UP | IX, U, "lhaux" },
	/* lwz 3,4(4) */
	{ DF(32, 3, 4, 4), 0x80640004, KVM440_OP_LWZ, 4, LD, U, "lwz" },
	/* lwzu 3,4(4) */
	{ DF(33, 3, 4, 4), 0x84640004, KVM440_OP_LWZU, 4, LD | UP, U, "lwzu" },
	/* lwzx 3,4,5 */
	{ X31(23, 3, 4, 5), 0x7c64282e, KVM440_OP_LWZX, 4, LD | IX, U, "lwzx" },
	/* lwzux 3,4,5 */
	{ X31(55, 3, 4, 5), 0x7c64286e,
	  KVM440_OP_LWZUX, 4, LD | UP | IX, U, "lwzux" },
	/* stb 3,1(4) */
	{ DF(38, 3, 4, 1), 0x98640001, KVM440_OP_STB, 1, ST, U, "stb" },
	/* stbu 3,1(4) */
	{ DF(39, 3, 4, 1), 0x9c640001, KVM440_OP_STBU, 1, ST | UP, U, "stbu" },
	/* stbx 3,4,5 */
	{ X31(215, 3, 4, 5), 0x7c6429ae, KVM440_OP_STBX, 1, ST | IX, U, "stbx" },
	/* stbux 3,4,5 */
	{ X31(247, 3, 4, 5), 0x7c6429ee,
	  KVM440_OP_STBUX, 1, ST | UP | IX, U, "stbux" },
	/* sth 3,2(4) */
	{ DF(44, 3, 4, 2), 0xb0640002, KVM440_OP_STH, 2, ST, U, "sth" },
	/* sthu 3,2(4) */
	{ DF(45, 3, 4, 2), 0xb4640002, KVM440_OP_STHU, 2, ST | UP, U, "sthu" },
	/* sthx 3,4,5 */
	{ X31(407, 3, 4, 5), 0x7c642b2e, KVM440_OP_STHX, 2, ST | IX, U, "sthx" },
	/* sthux 3,4,5 */
	{ X31(439, 3, 4, 5), 0x7c642b6e,
	  KVM440_OP_STHUX, 2, ST | UP | IX, U, "sthux" },
	/* stw 3,4(4) */
	{ DF(36, 3, 4, 4), 0x90640004, KVM440_OP_STW, 4, ST, U, "stw" },
	/* stwu 3,4(4) */
	{ DF(37, 3, 4, 4), 0x94640004, KVM440_OP_STWU, 4, ST | UP, U, "stwu" },
	/* stwx 3,4,5 */
	{ X31(151, 3, 4, 5), 0x7c64292e, KVM440_OP_STWX, 4, ST | IX, U, "stwx" },
	/* stwux 3,4,5 */
	{ X31(183, 3, 4, 5), 0x7c64296e,
	  KVM440_OP_STWUX, 4, ST | UP | IX, U, "stwux" },
	/* lhbrx 3,4,5 */
	{ X31(790, 3, 4, 5), 0x7c642e2c,
	  KVM440_OP_LHBRX, 2, LD | BR | IX, U, "lhbrx" },
	/* lwbrx 3,4,5 */
	{ X31(534, 3, 4, 5), 0x7c642c2c,
	  KVM440_OP_LWBRX, 4, LD | BR | IX, U, "lwbrx" },
	/* sthbrx 3,4,5 */
	{ X31(918, 3, 4, 5), 0x7c642f2c,
	  KVM440_OP_STHBRX, 2, ST | BR | IX, U, "sthbrx" },
	/* stwbrx 3,4,5 */
	{ X31(662, 3, 4, 5), 0x7c642d2c,
	  KVM440_OP_STWBRX, 4, ST | BR | IX, U, "stwbrx" },
	/* lmw 29,16(1) */
	{ DF(46, 29, 1, 16), 0xbba10010, KVM440_OP_LMW, 4, LD | MU, U, "lmw" },
	/* stmw 29,16(1) */
	{ DF(47, 29, 1, 16), 0xbfa10010, KVM440_OP_STMW, 4, ST | MU, U, "stmw" },
};

static void setup(void)
{
	ck_assert_int_eq(kvm440_decode_init(), 0);
}

START_TEST(hand_encoding_matches_gas)
{
	const struct vec *v = &vecs[_i];

	ck_assert_msg(v->inst == v->gas, "%s: hand 0x%08x, gas 0x%08x",
		      v->name, v->inst, v->gas);
}
END_TEST

START_TEST(decodes_vector)
{
	const struct vec *v = &vecs[_i];
	const struct kvm440_insn_desc *d = kvm440_decode(v->inst);

	ck_assert_msg(d && d != &kvm440_insn_invalid,
		      "0x%08x (%s) not decoded", v->inst, v->name);
	ck_assert_str_eq(d->name, v->name);
	ck_assert_uint_eq(d->op, v->op);
	ck_assert_uint_eq(d->size, v->size);
	ck_assert_uint_eq(d->flags, v->flags);
	ck_assert_uint_eq(d->class, v->class);
	ck_assert_ptr_eq(kvm440_lookup(v->inst), d);
}
END_TEST

/* Every row of the table is reached by at least one vector above. */
START_TEST(every_row_has_a_vector)
{
	for (unsigned int i = 0; i < kvm440_insn_count; i++) {
		bool hit = false;

		for (unsigned int j = 0; j < ARRAY_SIZE(vecs); j++)
			hit |= kvm440_decode(vecs[j].inst) == &kvm440_insns[i];
		ck_assert_msg(hit, "row %u (%s) untested", i,
			      kvm440_insns[i].name);
	}
	ck_assert_uint_eq(kvm440_insn_count, KVM440_OP_COUNT - 1);
}
END_TEST

/* Row consistency: one row per op, unique names, sane memory attributes. */
START_TEST(table_is_consistent)
{
	unsigned int per_class[3] = { 0 };
	bool seen[KVM440_OP_COUNT] = { false };

	for (unsigned int i = 0; i < kvm440_insn_count; i++) {
		const struct kvm440_insn_desc *d = &kvm440_insns[i];
		u8 ls = d->flags & (KVM440_F_LOAD | KVM440_F_STORE);

		ck_assert_uint_lt(d->op, KVM440_OP_COUNT);
		ck_assert_msg(!seen[d->op], "op %u twice", d->op);
		seen[d->op] = true;
		ck_assert_uint_le(d->class, KVM440_CLASS_440);
		per_class[d->class]++;
		for (unsigned int j = 0; j < i; j++)
			ck_assert_str_ne(d->name, kvm440_insns[j].name);
		if (d->size) {
			ck_assert(d->size == 1 || d->size == 2 || d->size == 4);
			ck_assert(ls == KVM440_F_LOAD || ls == KVM440_F_STORE);
			ck_assert_uint_eq(!!(d->flags & KVM440_F_INDEXED),
					  d->form == KVM440_FORM_X);
			if (d->flags & KVM440_F_SEXT)
				ck_assert(ls == KVM440_F_LOAD && d->size == 2);
		} else {
			ck_assert_uint_eq(d->flags & ~KVM440_F_RC, 0);
		}
		ck_assert_uint_eq(d->form == KVM440_FORM_D, d->xo == 0);
	}
	ck_assert_uint_eq(per_class[KVM440_CLASS_UNIVERSAL], 7 + 34);
	ck_assert_uint_eq(per_class[KVM440_CLASS_BOOKE], 5);
	ck_assert_uint_eq(per_class[KVM440_CLASS_440], 7);
}
END_TEST

/* Linear scan of the list: what the indexed tables must agree with. */
static const struct kvm440_insn_desc *ref_lookup(u32 inst)
{
	for (unsigned int i = 0; i < kvm440_insn_count; i++) {
		const struct kvm440_insn_desc *d = &kvm440_insns[i];

		if (d->primary != inst >> 26)
			continue;
		if (d->form == KVM440_FORM_D || d->xo == ((inst >> 1) & 0x3ff))
			return d;
	}
	return NULL;
}

START_TEST(index_agrees_with_linear_scan)
{
	u32 x = 0x12345678;

	for (u32 po = 0; po < 64; po++)
		for (u32 xo = 0; xo < 1024; xo++) {
			u32 inst = po << 26 | xo << 1;

			ck_assert_ptr_eq(kvm440_lookup(inst), ref_lookup(inst));
		}
	for (int i = 0; i < 200000; i++) {
		x = x * 1664525u + 1013904223u;	/* deterministic LCG */
		ck_assert_ptr_eq(kvm440_lookup(x), ref_lookup(x));
	}
}
END_TEST

START_TEST(init_is_idempotent)
{
	const struct kvm440_insn_desc *d = kvm440_decode(0x7c6000a6);

	ck_assert_int_eq(kvm440_decode_init(), 0);
	ck_assert_ptr_eq(kvm440_decode(0x7c6000a6), d);
}
END_TEST

/* Opcodes kvm440 does not emulate, privileged or not: NULL. */
static const u32 unclaimed[] = {
	0x7c642a14,	/* add 3,4,5 */
	0x48000008,	/* b .+8 */
	0x41820008,	/* beq .+8 (bc 12,2) */
	0x44000002,	/* sc: an interrupt, not emulated */
	0x60000000,	/* nop */
	0x4c00012c,	/* isync */
	0x7c0004ac,	/* sync (msync) */
	0x7c642828,	/* lwarx 3,4,5 */
	0x7c64292d,	/* stwcx. 3,4,5 */
	0x7c0427ec,	/* dcbz 4,4: not an MMIO load/store here */
	0x7c640206,	/* mfdcrx 3,4: not on 440x4/x5 */
	0x7c0427ac,	/* icbi 4,4 */
	0x4c00004c,	/* rfmci: not modelled */
	0x00000000,
	0xffffffff,
};

START_TEST(unrelated_not_claimed)
{
	ck_assert_ptr_null(kvm440_decode(unclaimed[_i]));
	ck_assert_ptr_null(kvm440_lookup(unclaimed[_i]));
}
END_TEST

/* Known opcodes in invalid forms: &kvm440_insn_invalid. */
static const struct {
	u32 inst;
	const char *row;	/* what kvm440_lookup() still names */
	const char *why;
} invalid[] = {
	{ X31(83, 3, 1, 0), "mfmsr", "mfmsr rA != 0" },
	{ X31(83, 3, 0, 1), "mfmsr", "mfmsr rB != 0" },
	{ XF(31, 3, 0, 0, 83, 1), "mfmsr", "mfmsr Rc" },
	{ X31(146, 4, 2, 0), "mtmsr", "mtmsr rA != 0" },
	{ X31(131, 5, 0, 7), "wrtee", "wrtee rB != 0" },
	{ X31(163, 1, 0, 0), "wrteei", "wrteei bits 6-10" },
	{ X31(163, 0, 1, 0), "wrteei", "wrteei bits 11-15" },
	{ X31(163, 0, 0, 0) | 0x800, "wrteei", "wrteei bit 20" },
	{ X31(163, 0, 0, 0) | 0x4000, "wrteei", "wrteei bit 17" },
	{ XF(19, 1, 0, 0, 50, 0), "rfi", "rfi bits 6-10" },
	{ XF(19, 0, 0, 1, 50, 0), "rfi", "rfi bits 16-20" },
	{ XF(19, 0, 0, 0, 50, 1), "rfi", "rfi bit 31" },
	{ XF(19, 0, 3, 0, 51, 0), "rfci", "rfci bits 11-15" },
	{ X31(566, 1, 0, 0), "tlbsync", "tlbsync rD field" },
	{ X31(566, 0, 1, 0), "tlbsync", "tlbsync rA field" },
	{ X31(566, 0, 0, 1), "tlbsync", "tlbsync rB field" },
	{ X31(966, 1, 0, 4), "iccci", "iccci bits 6-10" },
	{ XF(31, 0, 3, 4, 454, 1), "dccci", "dccci Rc" },
	{ X31(470, 2, 3, 4), "dcbi", "dcbi bits 6-10" },
	{ X31(998, 2, 3, 4), "icread", "icread bits 6-10" },
	{ XF(31, 3, 0, 0, 339, 1) | (26 << 16), "mfspr", "mfspr Rc" },
	{ SPRF(451, 4, 0xc0) | 1, "mtdcr", "mtdcr Rc" },
	{ X31(978, 3, 4, 3), "tlbwe", "tlbwe WS 3" },
	{ X31(978, 3, 4, 31), "tlbwe", "tlbwe WS 31" },
	{ X31(946, 3, 4, 3), "tlbre", "tlbre WS 3" },
	{ XF(31, 3, 4, 0, 978, 1), "tlbwe", "tlbwe Rc" },
	{ DF(35, 3, 0, 8), "lbzu", "lbzu rA 0" },
	{ DF(35, 3, 3, 8), "lbzu", "lbzu rA = rD" },
	{ DF(43, 7, 7, 2), "lhau", "lhau rA = rD" },
	{ DF(33, 0, 0, 4), "lwzu", "lwzu rA = rD = 0" },
	{ X31(55, 3, 0, 5), "lwzux", "lwzux rA 0" },
	{ X31(55, 3, 3, 5), "lwzux", "lwzux rA = rD" },
	{ X31(375, 9, 0, 5), "lhaux", "lhaux rA 0" },
	{ DF(37, 1, 0, -16), "stwu", "stwu rA 0" },
	{ X31(247, 3, 0, 5), "stbux", "stbux rA 0" },
	{ DF(46, 29, 30, 0), "lmw", "lmw rA in range" },
	{ DF(46, 29, 29, 0), "lmw", "lmw rA = rD" },
	{ DF(46, 0, 0, 0x100), "lmw", "lmw r0 with rA 0" },
	{ XF(31, 3, 4, 5, 23, 1), "lwzx", "lwzx Rc" },
	{ XF(31, 3, 4, 5, 662, 1), "stwbrx", "stwbrx Rc" },
};

START_TEST(invalid_forms_rejected)
{
	const struct kvm440_insn_desc *row = kvm440_lookup(invalid[_i].inst);

	ck_assert_msg(kvm440_decode(invalid[_i].inst) == &kvm440_insn_invalid,
		      "%s accepted", invalid[_i].why);
	ck_assert_ptr_nonnull(row);
	ck_assert_str_eq(row->name, invalid[_i].row);
	ck_assert(!kvm440_form_valid(row, invalid[_i].inst));
	ck_assert_uint_eq(kvm440_insn_invalid.op, KVM440_OP_INVALID);
}
END_TEST

/* Edge cases that are valid. */
static const u32 valid_edges[] = {
	DF(37, 3, 3, 4),		/* stwu 3,4(3): rA = rS is fine */
	X31(183, 3, 3, 5),		/* stwux 3,3,5 */
	DF(46, 29, 28, 0),		/* lmw 29,0(28) */
	DF(46, 29, 0, 16),		/* lmw 29,16(0): r0 not loaded */
	DF(47, 29, 30, 0),		/* stmw 29,0(30): rA in range ok */
	DF(47, 0, 0, 0),		/* stmw 0,0(0) */
	X31(23, 3, 0, 5),		/* lwzx 3,0,5 */
	DF(34, 3, 0, 8),		/* lbz 3,8(0) */
	X31(978, 31, 31, 2),		/* tlbwe 31,31,2 */
	XF(31, 3, 4, 5, 914, 1),	/* tlbsx. */
	X31(966, 0, 0, 0),		/* iccci 0,0 */
	SPRF(467, 31, 1023),		/* mtspr 1023,31 */
};

START_TEST(valid_edge_forms_accepted)
{
	const struct kvm440_insn_desc *d = kvm440_decode(valid_edges[_i]);

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_ne(d, &kvm440_insn_invalid);
}
END_TEST

START_TEST(field_extractors)
{
	u32 tlbsx_dot = 0x7c642f25;	/* tlbsx. 3,4,5 */

	ck_assert_uint_eq(kvm440_primary_op(tlbsx_dot), 31);
	ck_assert_uint_eq(kvm440_xo(tlbsx_dot), 914);
	ck_assert_uint_eq(kvm440_rd(tlbsx_dot), 3);
	ck_assert_uint_eq(kvm440_rs(tlbsx_dot), 3);
	ck_assert_uint_eq(kvm440_ra(tlbsx_dot), 4);
	ck_assert_uint_eq(kvm440_rb(tlbsx_dot), 5);
	ck_assert_uint_eq(kvm440_rc(tlbsx_dot), 1);
	ck_assert_uint_eq(kvm440_rc(0x7c642f24), 0);
	ck_assert_uint_eq(kvm440_ws(0x7c6417a4), 2);	/* tlbwe 3,4,2 */
	ck_assert_uint_eq(kvm440_ws(0x7ca60f64), 1);	/* tlbre 5,6,1 */
	ck_assert_uint_eq(kvm440_wrteei_e(0x7c008146), 1);
	ck_assert_uint_eq(kvm440_wrteei_e(0x7c000146), 0);
	ck_assert_uint_eq(kvm440_primary_op(0x4c000064), 19);	/* rfi */
	ck_assert_uint_eq(kvm440_xo(0x4c000064), 50);
	ck_assert_uint_eq(kvm440_d(0x8c64fff8), 0xfff8);
	ck_assert_int_eq(kvm440_simm(0x8c64fff8), -8);
	ck_assert_int_eq(kvm440_simm(DF(32, 0, 0, 0x7fff)), 0x7fff);
	ck_assert_int_eq(kvm440_simm(DF(32, 0, 0, 0x8000)), -0x8000);
}
END_TEST

START_TEST(spr_dcr_split_fields)
{
	ck_assert_uint_eq(kvm440_sprn(0x7c7a02a6), 26);	/* mfspr 3,SRR0 */
	ck_assert_uint_eq(kvm440_rd(0x7c7a02a6), 3);
	ck_assert_uint_eq(kvm440_sprn(0x7c9863a6), 408);	/* mtspr IVOR8,4 */
	ck_assert_uint_eq(kvm440_rs(0x7c9863a6), 4);
	ck_assert_uint_eq(kvm440_dcrn(0x7c603286), 0xc0);	/* mfdcr 3,0xc0 */
	ck_assert_uint_eq(kvm440_dcrn(0x7c803386), 0xc0);	/* mtdcr 0xc0,4 */
	for (unsigned int n = 0; n < 1024; n++) {
		ck_assert_uint_eq(kvm440_sprn(SPRF(339, 5, n)), n);
		ck_assert_uint_eq(kvm440_sprn(SPRF(467, 5, n)), n);
		ck_assert_uint_eq(kvm440_dcrn(SPRF(323, 5, n)), n);
		ck_assert_uint_eq(kvm440_dcrn(SPRF(451, 5, n)), n);
		ck_assert_uint_eq(kvm440_rd(SPRF(451, 5, n)), 5);
	}
	ck_assert(kvm440_spr_privileged(26));	/* SRR0 */
	ck_assert(kvm440_spr_privileged(272));	/* SPRG0 */
	ck_assert(kvm440_spr_privileged(408));	/* IVOR8 */
	ck_assert(!kvm440_spr_privileged(8));	/* LR */
	ck_assert(!kvm440_spr_privileged(268));	/* TBL read */
	ck_assert(!kvm440_spr_privileged(260));	/* SPRG4 read */
}
END_TEST

static u32 ea_of(u32 inst, const u32 *gpr)
{
	const struct kvm440_insn_desc *d = kvm440_decode(inst);
	u32 ea = 0xdeadbeef;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(kvm440_ea(d, inst, gpr, &ea), 0);
	return ea;
}

START_TEST(effective_addresses)
{
	u32 gpr[32];

	for (unsigned int i = 0; i < 32; i++)
		gpr[i] = 0x10000000u + i * 0x100;
	gpr[0] = 0xbad00000;	/* must never be used as a base */
	gpr[4] = 0x1000;
	gpr[5] = 0x2000;
	gpr[6] = 0xfffffff0;

	ck_assert_uint_eq(ea_of(DF(32, 3, 4, 4), gpr), 0x1004);	/* lwz */
	ck_assert_uint_eq(ea_of(DF(35, 3, 4, -8), gpr), 0xff8);	/* lbzu */
	ck_assert_uint_eq(ea_of(DF(34, 3, 0, -4), gpr), 0xfffffffc);
	ck_assert_uint_eq(ea_of(DF(34, 3, 0, 0x7fff), gpr), 0x7fff);
	ck_assert_uint_eq(ea_of(DF(42, 3, 4, 0x8000), gpr),
			  0x1000u - 0x8000u);			/* lha */
	ck_assert_uint_eq(ea_of(DF(38, 3, 6, 0x20), gpr), 0x10);	/* wraps */
	ck_assert_uint_eq(ea_of(DF(37, 1, 4, -16), gpr), 0xff0);	/* stwu */
	ck_assert_uint_eq(ea_of(X31(23, 3, 4, 5), gpr), 0x3000);	/* lwzx */
	ck_assert_uint_eq(ea_of(X31(23, 3, 0, 5), gpr), 0x2000);	/* rA=0 */
	ck_assert_uint_eq(ea_of(X31(55, 3, 4, 5), gpr), 0x3000);	/* lwzux */
	ck_assert_uint_eq(ea_of(X31(183, 3, 4, 0), gpr),
			  0x1000u + 0xbad00000u);	/* rB=0 is r0 */
	ck_assert_uint_eq(ea_of(X31(662, 3, 0, 6), gpr), 0xfffffff0);
	ck_assert_uint_eq(ea_of(DF(46, 29, 4, 16), gpr), 0x1010);	/* lmw */
	ck_assert_uint_eq(ea_of(DF(47, 29, 0, 16), gpr), 16);	/* stmw */
}
END_TEST

START_TEST(ea_refuses_non_memory_and_invalid)
{
	u32 gpr[32] = { 0 }, ea = 0x55;
	u32 lbzu0 = DF(35, 3, 0, 8);

	ck_assert_int_eq(kvm440_ea(kvm440_decode(0x7c6000a6), 0x7c6000a6,
				   gpr, &ea), -EINVAL);	/* mfmsr */
	ck_assert_int_eq(kvm440_ea(&kvm440_insn_invalid, lbzu0, gpr, &ea),
			 -EINVAL);
	ck_assert_int_eq(kvm440_ea(kvm440_lookup(lbzu0), lbzu0, gpr, &ea),
			 -EINVAL);
	ck_assert_uint_eq(ea, 0x55);
}
END_TEST

START_TEST(mem_bytes)
{
	u32 lmw29 = DF(46, 29, 1, 16), stmw0 = DF(47, 0, 1, 0);

	ck_assert_uint_eq(kvm440_mem_bytes(kvm440_decode(lmw29), lmw29), 12);
	ck_assert_uint_eq(kvm440_mem_bytes(kvm440_decode(stmw0), stmw0), 128);
	ck_assert_uint_eq(kvm440_mem_bytes(kvm440_decode(0x7c642e2c),
					   0x7c642e2c), 2);	/* lhbrx */
	ck_assert_uint_eq(kvm440_mem_bytes(kvm440_decode(0x7c6000a6),
					   0x7c6000a6), 0);	/* mfmsr */
}
END_TEST

Suite *decode_suite(void);
Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("table");
	TCase *bad = tcase_create("forms");
	TCase *ea = tcase_create("fields");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, hand_encoding_matches_gas, 0, ARRAY_SIZE(vecs));
	tcase_add_loop_test(tc, decodes_vector, 0, ARRAY_SIZE(vecs));
	tcase_add_test(tc, every_row_has_a_vector);
	tcase_add_test(tc, table_is_consistent);
	tcase_add_test(tc, index_agrees_with_linear_scan);
	tcase_add_test(tc, init_is_idempotent);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bad, setup, NULL);
	tcase_add_loop_test(bad, unrelated_not_claimed, 0,
			    ARRAY_SIZE(unclaimed));
	tcase_add_loop_test(bad, invalid_forms_rejected, 0,
			    ARRAY_SIZE(invalid));
	tcase_add_loop_test(bad, valid_edge_forms_accepted, 0,
			    ARRAY_SIZE(valid_edges));
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(ea, setup, NULL);
	tcase_add_test(ea, field_extractors);
	tcase_add_test(ea, spr_dcr_split_fields);
	tcase_add_test(ea, effective_addresses);
	tcase_add_test(ea, ea_refuses_non_memory_and_invalid);
	tcase_add_test(ea, mem_bytes);
	suite_add_tcase(s, ea);
	return s;
}
