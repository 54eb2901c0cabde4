// SPDX-License-Identifier: GPL-2.0
/*
 * Table-driven instruction decoding for kvm440; see decode.h.
 *
 * kvm440_insns[] below is the single list of emulated instructions, in
 * three groups: universal PowerPC, Book E, and 440-specific. Adding an
 * instruction is adding a row; kvm440_decode_init() turns the rows into
 * the lookup tables and refuses a list with clashing rows.
 */
#include "decode.h"

#define ROW(p, x, f, o, c, sz, fl, n) {					\
	.primary = (p), .xo = (x), .form = KVM440_FORM_##f,		\
	.op = KVM440_OP_##o, .class = KVM440_CLASS_##c,			\
	.size = (sz), .flags = (fl), .name = (n) }

/* A non-memory instruction of class c. */
#define INSN(p, x, f, o, c, fl, n)	ROW(p, x, f, o, c, 0, fl, n)

/* Universal integer loads/stores: D-form by primary, X-form by 31/xo. */
#define MEM_D(p, o, sz, fl, n)	ROW(p, 0, D, o, UNIVERSAL, sz, fl, n)
#define MEM_X(x, o, sz, fl, n)	ROW(31, x, X, o, UNIVERSAL, sz,	\
				    (fl) | KVM440_F_INDEXED, n)

#define LD	KVM440_F_LOAD
#define ST	KVM440_F_STORE
#define SX	KVM440_F_SEXT
#define UP	KVM440_F_UPDATE
#define BR	KVM440_F_BREV
#define MU	KVM440_F_MULTI

const struct kvm440_insn_desc kvm440_insns[] = {
	/* Universal: every PowerPC */
	INSN(31,  83, X_S,	MFMSR,	 UNIVERSAL, 0, "mfmsr"),
	INSN(31, 146, X_S,	MTMSR,	 UNIVERSAL, 0, "mtmsr"),
	INSN(19,  50, XL_NONE,	RFI,	 UNIVERSAL, 0, "rfi"),
	INSN(31, 339, XFX_SPR,	MFSPR,	 UNIVERSAL, 0, "mfspr"),
	INSN(31, 467, XFX_SPR,	MTSPR,	 UNIVERSAL, 0, "mtspr"),
	INSN(31, 566, X_NONE,	TLBSYNC, UNIVERSAL, 0, "tlbsync"),
	INSN(31, 470, X_AB,	DCBI,	 UNIVERSAL, 0, "dcbi"),

	MEM_D(34, LBZ,	 1, LD,		  "lbz"),
	MEM_D(35, LBZU,	 1, LD | UP,	  "lbzu"),
	MEM_D(40, LHZ,	 2, LD,		  "lhz"),
	MEM_D(41, LHZU,	 2, LD | UP,	  "lhzu"),
	MEM_D(42, LHA,	 2, LD | SX,	  "lha"),
	MEM_D(43, LHAU,	 2, LD | SX | UP, "lhau"),
	MEM_D(32, LWZ,	 4, LD,		  "lwz"),
	MEM_D(33, LWZU,	 4, LD | UP,	  "lwzu"),
	MEM_D(38, STB,	 1, ST,		  "stb"),
	MEM_D(39, STBU,	 1, ST | UP,	  "stbu"),
	MEM_D(44, STH,	 2, ST,		  "sth"),
	MEM_D(45, STHU,	 2, ST | UP,	  "sthu"),
	MEM_D(36, STW,	 4, ST,		  "stw"),
	MEM_D(37, STWU,	 4, ST | UP,	  "stwu"),
	MEM_D(46, LMW,	 4, LD | MU,	  "lmw"),
	MEM_D(47, STMW,	 4, ST | MU,	  "stmw"),

	MEM_X(87,  LBZX,   1, LD,	    "lbzx"),
	MEM_X(119, LBZUX,  1, LD | UP,	    "lbzux"),
	MEM_X(279, LHZX,   2, LD,	    "lhzx"),
	MEM_X(311, LHZUX,  2, LD | UP,	    "lhzux"),
	MEM_X(343, LHAX,   2, LD | SX,	    "lhax"),
	MEM_X(375, LHAUX,  2, LD | SX | UP, "lhaux"),
	MEM_X(23,  LWZX,   4, LD,	    "lwzx"),
	MEM_X(55,  LWZUX,  4, LD | UP,	    "lwzux"),
	MEM_X(215, STBX,   1, ST,	    "stbx"),
	MEM_X(247, STBUX,  1, ST | UP,	    "stbux"),
	MEM_X(407, STHX,   2, ST,	    "sthx"),
	MEM_X(439, STHUX,  2, ST | UP,	    "sthux"),
	MEM_X(151, STWX,   4, ST,	    "stwx"),
	MEM_X(183, STWUX,  4, ST | UP,	    "stwux"),
	MEM_X(790, LHBRX,  2, LD | BR,	    "lhbrx"),
	MEM_X(534, LWBRX,  4, LD | BR,	    "lwbrx"),
	MEM_X(918, STHBRX, 2, ST | BR,	    "sthbrx"),
	MEM_X(662, STWBRX, 4, ST | BR,	    "stwbrx"),

	/* Book E */
	INSN(19,  51, XL_NONE,	RFCI,	 BOOKE, 0, "rfci"),
	INSN(31, 131, X_S,	WRTEE,	 BOOKE, 0, "wrtee"),
	INSN(31, 163, X_E,	WRTEEI,	 BOOKE, 0, "wrteei"),
	INSN(31, 323, XFX_DCR,	MFDCR,	 BOOKE, 0, "mfdcr"),
	INSN(31, 451, XFX_DCR,	MTDCR,	 BOOKE, 0, "mtdcr"),

	/* 440: 4xx cache instructions and the 440's TLB operand forms */
	INSN(31, 946, X_WS,	TLBRE,	 440, 0, "tlbre"),
	INSN(31, 978, X_WS,	TLBWE,	 440, 0, "tlbwe"),
	INSN(31, 914, X,	TLBSX,	 440, KVM440_F_RC, "tlbsx"),
	INSN(31, 966, X_AB,	ICCCI,	 440, 0, "iccci"),
	INSN(31, 454, X_AB,	DCCCI,	 440, 0, "dccci"),
	INSN(31, 998, X_AB,	ICREAD,	 440, 0, "icread"),
	INSN(31, 486, X,	DCREAD,	 440, 0, "dcread"),
};

const unsigned int kvm440_insn_count = ARRAY_SIZE(kvm440_insns);

const struct kvm440_insn_desc kvm440_insn_invalid = {
	.op = KVM440_OP_INVALID,
	.name = "invalid",
};

/* Bits each form requires to be zero. */
static const u32 kvm440_form_reserved[KVM440_FORM_COUNT] = {
	[KVM440_FORM_D] = 0,
	[KVM440_FORM_X] = KVM440_RC_MASK,
	[KVM440_FORM_X_S] = KVM440_RA_MASK | KVM440_RB_MASK | KVM440_RC_MASK,
	[KVM440_FORM_X_AB] = KVM440_RD_MASK | KVM440_RC_MASK,
	[KVM440_FORM_X_E] = KVM440_RD_MASK | KVM440_RA_MASK |
			    (KVM440_RB_MASK & ~KVM440_E_MASK) | KVM440_RC_MASK,
	[KVM440_FORM_X_WS] = KVM440_RC_MASK,
	[KVM440_FORM_X_NONE] = KVM440_RD_MASK | KVM440_RA_MASK |
			       KVM440_RB_MASK | KVM440_RC_MASK,
	[KVM440_FORM_XL_NONE] = KVM440_RD_MASK | KVM440_RA_MASK |
				KVM440_RB_MASK | KVM440_RC_MASK,
	[KVM440_FORM_XFX_SPR] = KVM440_RC_MASK,
	[KVM440_FORM_XFX_DCR] = KVM440_RC_MASK,
};

/*
 * Lookup tables, filled by kvm440_decode_init() and read-only afterwards.
 * Per primary opcode: the D-form row, or one of the extended-opcode
 * indexes; both hold row + 1 so that 0 means "none".
 */
#define KVM440_XO_TABLES	2	/* primaries 19 and 31 */
#define KVM440_XO_COUNT		1024

struct kvm440_primary_slot {
	u8 row;
	u8 xo_table;
};

static struct kvm440_primary_slot kvm440_primary[64];
static u8 kvm440_xo_index[KVM440_XO_TABLES][KVM440_XO_COUNT];

static void kvm440_decode_clear(void)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(kvm440_primary); i++) {
		kvm440_primary[i].row = 0;
		kvm440_primary[i].xo_table = 0;
	}
	for (i = 0; i < KVM440_XO_TABLES; i++)
		for (j = 0; j < KVM440_XO_COUNT; j++)
			kvm440_xo_index[i][j] = 0;
}

/* Enter row i; *used counts the extended-opcode indexes handed out. */
static int kvm440_decode_add(unsigned int i, unsigned int *used)
{
	const struct kvm440_insn_desc *d = &kvm440_insns[i];
	struct kvm440_primary_slot *p;
	u8 *slot;

	if (d->primary >= ARRAY_SIZE(kvm440_primary) ||
	    d->xo >= KVM440_XO_COUNT || d->form >= KVM440_FORM_COUNT ||
	    d->op == KVM440_OP_INVALID || d->op >= KVM440_OP_COUNT)
		return -EINVAL;
	p = &kvm440_primary[d->primary];
	if (p->row)
		return -EINVAL;		/* primary already a D-form row */
	if (d->form == KVM440_FORM_D) {
		if (p->xo_table || d->xo)
			return -EINVAL;
		p->row = i + 1;
		return 0;
	}
	if (!p->xo_table) {
		if (*used == KVM440_XO_TABLES)
			return -EINVAL;
		p->xo_table = ++*used;
	}
	slot = &kvm440_xo_index[p->xo_table - 1][d->xo];
	if (*slot)
		return -EINVAL;		/* two rows for one opcode */
	*slot = i + 1;
	return 0;
}

int kvm440_decode_init(void)
{
	unsigned int i, used = 0;

	kvm440_decode_clear();
	if (ARRAY_SIZE(kvm440_insns) > 255)
		return -EINVAL;		/* rows are indexed by u8 */
	for (i = 0; i < ARRAY_SIZE(kvm440_insns); i++) {
		if (kvm440_decode_add(i, &used)) {
			kvm440_decode_clear();
			return -EINVAL;
		}
	}
	return 0;
}

const struct kvm440_insn_desc *kvm440_lookup(u32 inst)
{
	const struct kvm440_primary_slot *p =
		&kvm440_primary[kvm440_primary_op(inst)];
	unsigned int row = p->row;

	if (p->xo_table)
		row = kvm440_xo_index[p->xo_table - 1][kvm440_xo(inst)];
	return row ? &kvm440_insns[row - 1] : NULL;
}

bool kvm440_form_valid(const struct kvm440_insn_desc *d, u32 inst)
{
	u32 reserved = kvm440_form_reserved[d->form];
	unsigned int rd = kvm440_rd(inst), ra = kvm440_ra(inst);

	if (d->op == KVM440_OP_INVALID)
		return false;
	if (d->flags & KVM440_F_RC)
		reserved &= ~KVM440_RC_MASK;
	if (inst & reserved)
		return false;
	/* Update forms need a real base; a load must not overwrite it. */
	if ((d->flags & KVM440_F_UPDATE) &&
	    (ra == 0 || ((d->flags & KVM440_F_LOAD) && ra == rd)))
		return false;
	/* lmw: rA (r0 included) must not be among rD..r31. */
	if ((d->flags & KVM440_F_MULTI) && (d->flags & KVM440_F_LOAD) &&
	    ra >= rd)
		return false;
	if (d->form == KVM440_FORM_X_WS && kvm440_ws(inst) > KVM440_WS_MAX)
		return false;
	return true;
}

const struct kvm440_insn_desc *kvm440_decode(u32 inst)
{
	const struct kvm440_insn_desc *d = kvm440_lookup(inst);

	if (d && !kvm440_form_valid(d, inst))
		return &kvm440_insn_invalid;
	return d;
}

int kvm440_ea(const struct kvm440_insn_desc *d, u32 inst, const u32 *gpr,
	      u32 *ea)
{
	unsigned int ra = kvm440_ra(inst);
	u32 base = ra ? gpr[ra] : 0;

	if (!d->size || !kvm440_form_valid(d, inst))
		return -EINVAL;
	if (d->flags & KVM440_F_INDEXED)
		*ea = base + gpr[kvm440_rb(inst)];
	else
		*ea = base + (u32)kvm440_simm(inst);
	return 0;
}
