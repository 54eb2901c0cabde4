// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The 440 Universal Interrupt Controller, as Linux's
 * arch/powerpc/platforms/4xx/uic.c drives it. Bit n of every register
 * (IBM numbering: bit 0 is the most significant) is input n.
 *
 * - An input is asserted when its level equals its PR bit (1: active high
 *   or rising edge, 0: active low or falling edge).
 * - TR 0 (level): SR follows the asserted state; writing 1 to SR cannot
 *   clear a bit whose input is still asserted (Linux acks level sources
 *   after the handler for exactly this reason) and a deasserted input
 *   clears its bit.
 *   TR 1 (edge): SR is set on the transition to asserted and stays set
 *   until written 1.
 * - MSR = SR & ER. The non-critical output (the core's external input) is
 *   MSR & ~CR != 0, the critical output MSR & CR != 0.
 * - VR is the critical vector: VCR's base (bits 0-29) + 512 * n for the
 *   highest-priority pending critical input n (VCR[PRO], bit 31 = 1:
 *   input 0 first, else input 31 first); 0 when none is pending.
 * - Reset: PR all ones (active high), everything else zero.
 */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

struct kvm440_uic {
	uint32_t in;		/* input levels */
	uint32_t sr, er, cr, pr, tr, vcr;
	int ext, crit;
	void (*out)(void *opaque, int ext, int crit);
	void *opaque;
};

static uint32_t bit(unsigned int irq)
{
	return 0x80000000u >> irq;
}

static uint32_t asserted(const struct kvm440_uic *u)
{
	return ~(u->in ^ u->pr);
}

static void update(struct kvm440_uic *u)
{
	uint32_t msr = u->sr & u->er;
	int ext = (msr & ~u->cr) != 0, crit = (msr & u->cr) != 0;

	if (ext != u->ext || crit != u->crit) {
		u->ext = ext;
		u->crit = crit;
		if (u->out)
			u->out(u->opaque, ext, crit);
	}
}

/* Level-sensitive SR bits are the asserted state. */
static void sync_level(struct kvm440_uic *u)
{
	u->sr = (u->sr & u->tr) | (asserted(u) & ~u->tr);
}

int kvm440_uic_create(struct kvm440_uic **out,
		      void (*cb)(void *opaque, int ext, int crit),
		      void *opaque)
{
	struct kvm440_uic *u = calloc(1, sizeof(*u));

	if (!u)
		return -ENOMEM;
	u->pr = 0xffffffffu;
	u->out = cb;
	u->opaque = opaque;
	*out = u;
	return 0;
}

void kvm440_uic_destroy(struct kvm440_uic *u)
{
	free(u);
}

void kvm440_uic_set_input(struct kvm440_uic *u, unsigned int irq, int level)
{
	uint32_t m, was;

	if (irq > 31)
		return;
	m = bit(irq);
	was = asserted(u) & m;
	u->in = level ? u->in | m : u->in & ~m;
	if ((u->tr & m) && !was && (asserted(u) & m))
		u->sr |= m;
	sync_level(u);
	update(u);
}

static uint32_t vector(const struct kvm440_uic *u)
{
	uint32_t pend = u->sr & u->er & u->cr;
	unsigned int n;

	if (!pend)
		return 0;
	if (u->vcr & 1) {
		for (n = 0; !(pend & bit(n)); n++)
			;
	} else {
		for (n = 31; !(pend & bit(n)); n--)
			;
	}
	return (u->vcr & ~3u) + 512 * n;
}

uint32_t kvm440_uic_read(struct kvm440_uic *u, unsigned int reg)
{
	switch (reg) {
	case KVM440_UIC_SR:
		return u->sr;
	case KVM440_UIC_ER:
		return u->er;
	case KVM440_UIC_CR:
		return u->cr;
	case KVM440_UIC_PR:
		return u->pr;
	case KVM440_UIC_TR:
		return u->tr;
	case KVM440_UIC_MSR:
		return u->sr & u->er;
	case KVM440_UIC_VR:
		return vector(u);
	case KVM440_UIC_VCR:
		return u->vcr;
	default:
		return 0;
	}
}

void kvm440_uic_write(struct kvm440_uic *u, unsigned int reg, uint32_t val)
{
	switch (reg) {
	case KVM440_UIC_SR:
		u->sr &= ~val;
		break;
	case KVM440_UIC_ER:
		u->er = val;
		break;
	case KVM440_UIC_CR:
		u->cr = val;
		break;
	case KVM440_UIC_PR:
		u->pr = val;
		break;
	case KVM440_UIC_TR:
		u->tr = val;
		break;
	case KVM440_UIC_VCR:
		u->vcr = val & ~2u;
		break;
	default:	/* MSR, VR: read-only */
		return;
	}
	sync_level(u);
	update(u);
}

void kvm440_uic_outputs(const struct kvm440_uic *u, int *ext, int *crit)
{
	if (ext)
		*ext = u->ext;
	if (crit)
		*crit = u->crit;
}
