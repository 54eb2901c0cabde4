/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven decoding of the instructions kvm440 emulates.
 *
 * Every instruction the module handles (privileged instructions that trap
 * from a guest running in problem state, and the integer loads and stores
 * that can fault on an MMIO page) is one row of kvm440_insns[] in decode.c,
 * tagged universal (common PowerPC), Book E or 440-specific. At load time
 * kvm440_decode_init() builds a 64-entry primary-opcode table from those
 * rows, pointing either straight at a D-form row or at a 1024-entry index
 * by extended opcode; decoding is then two array reads and a reserved-bit
 * check, with no switch over opcodes anywhere.
 *
 * Result of kvm440_decode(inst):
 *   NULL                 no row matches: not an instruction kvm440 emulates
 *                        (e.g. add, b, bc, lwarx, mfdcrx).
 *   &kvm440_insn_invalid a known opcode in an invalid form (reserved bits
 *                        set, an update form with rA=0 or rA=rD, lmw with rA
 *                        in the loaded range, tlbre/tlbwe with WS > 2).
 *   any other row        a valid instruction; switch on ->op.
 * The module raises a program interrupt (ESR[PIL], illegal instruction) in
 * the guest for both NULL and kvm440_insn_invalid when the instruction
 * trapped as privileged or faulted on MMIO; kvm440_lookup() still names an
 * invalid form for logging.
 *
 * Pure code, no kernel calls: the Check unit tests compile this file on the
 * build machine (tests/unit/kcompat_decode.h supplies the types).
 */
#ifndef KVM440_DECODE_H
#define KVM440_DECODE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#endif

/* Instruction fields; bit numbers in comments are IBM (bit 0 = MSB). */
#define KVM440_RD_MASK		0x03e00000u	/* bits 6-10: rD, rS */
#define KVM440_RA_MASK		0x001f0000u	/* bits 11-15 */
#define KVM440_RB_MASK		0x0000f800u	/* bits 16-20: rB, WS */
#define KVM440_RC_MASK		0x00000001u	/* bit 31 */
#define KVM440_E_MASK		0x00008000u	/* bit 16: wrteei E */
#define KVM440_WS_MAX		2		/* 440 TLB words 0..2 */

static inline unsigned int kvm440_primary_op(u32 inst)
{
	return inst >> 26;
}

/* Extended opcode of the X, XL and XFX forms (bits 21-30). */
static inline unsigned int kvm440_xo(u32 inst)
{
	return (inst >> 1) & 0x3ff;
}

/* rD of loads and mf*, rS of stores and mt*: the same field. */
static inline unsigned int kvm440_rd(u32 inst)
{
	return (inst >> 21) & 0x1f;
}

static inline unsigned int kvm440_rs(u32 inst)
{
	return kvm440_rd(inst);
}

static inline unsigned int kvm440_ra(u32 inst)
{
	return (inst >> 16) & 0x1f;
}

static inline unsigned int kvm440_rb(u32 inst)
{
	return (inst >> 11) & 0x1f;
}

/*
 * The 10-bit SPR and DCR numbers are split into two 5-bit halves that the
 * instruction stores swapped: bits 11-15 hold the low half, bits 16-20 the
 * high half.
 */
static inline unsigned int kvm440_sprn(u32 inst)
{
	return ((inst >> 16) & 0x1f) | ((inst >> 6) & 0x3e0);
}

static inline unsigned int kvm440_dcrn(u32 inst)
{
	return kvm440_sprn(inst);
}

/* Book E: SPRs with bit 5 of the number (0x10) set are privileged. */
static inline bool kvm440_spr_privileged(unsigned int sprn)
{
	return sprn & 0x10;
}

/* D field: unsigned and sign-extended. */
static inline u32 kvm440_d(u32 inst)
{
	return inst & 0xffff;
}

static inline s32 kvm440_simm(u32 inst)
{
	return (s32)(s16)(inst & 0xffff);
}

static inline unsigned int kvm440_rc(u32 inst)
{
	return inst & KVM440_RC_MASK;
}

/* tlbre/tlbwe word select: the rB field. */
static inline unsigned int kvm440_ws(u32 inst)
{
	return kvm440_rb(inst);
}

/* wrteei E: the new MSR[EE]. */
static inline unsigned int kvm440_wrteei_e(u32 inst)
{
	return (inst >> 15) & 1;
}

/* What the module does; one value per table row. 0 is "invalid form". */
enum kvm440_op {
	KVM440_OP_INVALID = 0,
	KVM440_OP_MFMSR,
	KVM440_OP_MTMSR,
	KVM440_OP_WRTEE,
	KVM440_OP_WRTEEI,
	KVM440_OP_RFI,
	KVM440_OP_RFCI,
	KVM440_OP_MFSPR,
	KVM440_OP_MTSPR,
	KVM440_OP_MFDCR,
	KVM440_OP_MTDCR,
	KVM440_OP_TLBWE,
	KVM440_OP_TLBRE,
	KVM440_OP_TLBSX,	/* tlbsx. when kvm440_rc() */
	KVM440_OP_TLBSYNC,
	KVM440_OP_ICCCI,
	KVM440_OP_DCCCI,
	KVM440_OP_DCBI,
	KVM440_OP_ICREAD,
	KVM440_OP_DCREAD,
	/* integer loads and stores (MMIO); see size and flags */
	KVM440_OP_LBZ,
	KVM440_OP_LBZU,
	KVM440_OP_LBZX,
	KVM440_OP_LBZUX,
	KVM440_OP_LHZ,
	KVM440_OP_LHZU,
	KVM440_OP_LHZX,
	KVM440_OP_LHZUX,
	KVM440_OP_LHA,
	KVM440_OP_LHAU,
	KVM440_OP_LHAX,
	KVM440_OP_LHAUX,
	KVM440_OP_LWZ,
	KVM440_OP_LWZU,
	KVM440_OP_LWZX,
	KVM440_OP_LWZUX,
	KVM440_OP_STB,
	KVM440_OP_STBU,
	KVM440_OP_STBX,
	KVM440_OP_STBUX,
	KVM440_OP_STH,
	KVM440_OP_STHU,
	KVM440_OP_STHX,
	KVM440_OP_STHUX,
	KVM440_OP_STW,
	KVM440_OP_STWU,
	KVM440_OP_STWX,
	KVM440_OP_STWUX,
	KVM440_OP_LHBRX,
	KVM440_OP_LWBRX,
	KVM440_OP_STHBRX,
	KVM440_OP_STWBRX,
	KVM440_OP_LMW,
	KVM440_OP_STMW,
	KVM440_OP_COUNT
};

/* Where an instruction is defined. */
enum kvm440_class {
	KVM440_CLASS_UNIVERSAL,	/* every PowerPC */
	KVM440_CLASS_BOOKE,	/* Book E */
	KVM440_CLASS_440,	/* 4xx/440 core-specific (or 440 operands) */
};

/* Instruction form: which fields are operands and which must be zero. */
enum kvm440_form {
	KVM440_FORM_D,		/* rD/rS, rA, D */
	KVM440_FORM_X,		/* rD/rS, rA, rB */
	KVM440_FORM_X_S,	/* rD/rS only: mfmsr, mtmsr, wrtee */
	KVM440_FORM_X_AB,	/* rA, rB only: cache ops */
	KVM440_FORM_X_E,	/* E only: wrteei */
	KVM440_FORM_X_WS,	/* rD/rS, rA, WS (0..2): tlbre, tlbwe */
	KVM440_FORM_X_NONE,	/* no operands: tlbsync */
	KVM440_FORM_XL_NONE,	/* no operands: rfi, rfci */
	KVM440_FORM_XFX_SPR,	/* rD/rS, SPR */
	KVM440_FORM_XFX_DCR,	/* rD/rS, DCR */
	KVM440_FORM_COUNT
};

/* Flags of a row. Loads and stores have a non-zero size. */
#define KVM440_F_LOAD		0x01	/* memory -> rD */
#define KVM440_F_STORE		0x02	/* rS -> memory */
#define KVM440_F_SEXT		0x04	/* sign-extend the loaded halfword */
#define KVM440_F_UPDATE		0x08	/* rA = EA afterwards */
#define KVM440_F_INDEXED	0x10	/* EA = (rA|0) + rB, else + D */
#define KVM440_F_BREV		0x20	/* byte-reversed access */
#define KVM440_F_MULTI		0x40	/* lmw/stmw: rD..r31, size per word */
#define KVM440_F_RC		0x80	/* Rc is an operand (tlbsx.) */

struct kvm440_insn_desc {
	u8 primary;		/* bits 0-5 */
	u16 xo;			/* bits 21-30; 0 for D-form */
	u8 form;		/* enum kvm440_form */
	u8 op;			/* enum kvm440_op */
	u8 class;		/* enum kvm440_class */
	u8 size;		/* bytes per access; 0 if not a load/store */
	u8 flags;		/* KVM440_F_* */
	const char *name;
};

extern const struct kvm440_insn_desc kvm440_insns[];
extern const unsigned int kvm440_insn_count;
extern const struct kvm440_insn_desc kvm440_insn_invalid;

/* Build the lookup tables; 0, or -EINVAL if kvm440_insns[] is malformed. */
int kvm440_decode_init(void);

/* The row for inst's opcode, ignoring form validity; NULL if none. */
const struct kvm440_insn_desc *kvm440_lookup(u32 inst);

/* Whether inst is a valid form of row d. */
bool kvm440_form_valid(const struct kvm440_insn_desc *d, u32 inst);

/* NULL, &kvm440_insn_invalid or the row: see the comment at the top. */
const struct kvm440_insn_desc *kvm440_decode(u32 inst);

/*
 * Effective address of a load/store row: (rA|0) + D or (rA|0) + rB.
 * 0, or -EINVAL if d is not a valid load/store form.
 */
int kvm440_ea(const struct kvm440_insn_desc *d, u32 inst, const u32 *gpr,
	      u32 *ea);

/* Bytes a load/store row moves: size, or size * (32 - rD) for lmw/stmw. */
static inline unsigned int kvm440_mem_bytes(const struct kvm440_insn_desc *d,
					    u32 inst)
{
	if (d->flags & KVM440_F_MULTI)
		return d->size * (32 - kvm440_rd(inst));
	return d->size;
}

#endif
