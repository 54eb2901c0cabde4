/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO and DCR exits: the pure part (no kernel calls), so the Check unit
 * tests compile the very code the module runs (tests/unit/test_mmio.c).
 *
 * kvm440_mmio_decode() turns a faulting instruction into the accesses it
 * makes; kvm440_mmio_pack() puts a store's register value on the bus as
 * run->mmio.data sees it (big-endian, byte-reversed for sthbrx/stwbrx);
 * kvm440_mmio_unpack() turns the bus bytes of a load back into the value
 * rD gets (byte-reversed for lhbrx/lwbrx, sign-extended for lha*).
 */
#ifndef KVM440_MMIO_H
#define KVM440_MMIO_H

#include "decode.h"

/* One decoded integer load/store. */
struct kvm440_mmio_op {
	u32 ea;		/* effective address of the first access */
	u8 len;		/* bytes per access: 1, 2 or 4 */
	u8 count;	/* accesses: 1, or 32 - rD words for lmw/stmw */
	u8 reg;		/* rD/rS (the first register for lmw/stmw) */
	u8 ra;		/* base register */
	u8 flags;	/* KVM440_F_* of the row */
};

/*
 * Decode @inst with the guest's @gpr: 0, or -EINVAL if it is not a valid
 * form of an integer load or store kvm440 emulates.
 */
static inline int kvm440_mmio_decode(u32 inst, const u32 *gpr,
				     struct kvm440_mmio_op *op)
{
	const struct kvm440_insn_desc *d = kvm440_decode(inst);

	if (!d || d == &kvm440_insn_invalid || !d->size ||
	    !(d->flags & (KVM440_F_LOAD | KVM440_F_STORE)))
		return -EINVAL;
	if (kvm440_ea(d, inst, gpr, &op->ea))
		return -EINVAL;
	op->len = d->size;
	op->count = kvm440_mem_bytes(d, inst) / d->size;
	op->reg = kvm440_rd(inst);
	op->ra = kvm440_ra(inst);
	op->flags = d->flags;
	return 0;
}

/* A store of @val, @len bytes, as the bus sees it; data[len..7] zeroed. */
static inline void kvm440_mmio_pack(u32 val, unsigned int len, u8 flags,
				    u8 data[8])
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		data[i] = 0;
	for (i = 0; i < len; i++) {
		unsigned int shift = flags & KVM440_F_BREV ? 8 * i :
				     8 * (len - 1 - i);

		data[i] = (u8)(val >> shift);
	}
}

/* The value a load of @len bus bytes @data puts into rD. */
static inline u32 kvm440_mmio_unpack(const u8 data[8], unsigned int len,
				     u8 flags)
{
	u32 val = 0;
	unsigned int i;

	for (i = 0; i < len; i++) {
		unsigned int shift = flags & KVM440_F_BREV ? 8 * i :
				     8 * (len - 1 - i);

		val |= (u32)data[i] << shift;
	}
	if (flags & KVM440_F_SEXT && len == 2)
		val = (u32)(s32)(s16)val;
	return val;
}

/*
 * Whether an access of @len bytes at @ea stays inside one 1K block, the
 * smallest guest page: only then does one translation cover all of it.
 */
static inline bool kvm440_mmio_one_page(u32 ea, unsigned int len)
{
	return !((ea ^ (ea + len - 1)) & ~0x3ffu);
}

#endif
