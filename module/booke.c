// SPDX-License-Identifier: GPL-2.0
/* Book E interrupt delivery; see booke.h. */
#include "booke.h"

#define IVPR_MASK	0xffff0000u
#define IVOR_MASK	0x0000fff0u

/* What taking an interrupt clears in the MSR; CE, ME, DE survive. */
#define CLEAR_BASE	(KVM440_MSR_WE | KVM440_MSR_EE | KVM440_MSR_PR | \
			 KVM440_MSR_FP | KVM440_MSR_FE0 | KVM440_MSR_FE1 | \
			 KVM440_MSR_IS | KVM440_MSR_DS)
/* The critical class also masks further critical and debug interrupts. */
#define CLEAR_CRIT	(CLEAR_BASE | KVM440_MSR_CE | KVM440_MSR_DE)

/*
 * On the 440 the machine check is critical-class too (CSRR0/1, as Linux's
 * head_44x.S expects), and it also clears ME.
 */
static bool critical_class(enum kvm440_irq irq)
{
	return irq == KVM440_INT_CRITICAL || irq == KVM440_INT_WATCHDOG ||
	       irq == KVM440_INT_DEBUG || irq == KVM440_INT_MACHINE_CHECK;
}

void kvm440_booke_deliver(struct kvm440_booke *b, enum kvm440_irq irq,
			  u32 ret_pc)
{
	struct kvm440_sregs *s = b->s;

	if (critical_class(irq)) {
		s->csrr0 = ret_pc;
		s->csrr1 = *b->msr;
		*b->msr &= ~CLEAR_CRIT;
		if (irq == KVM440_INT_MACHINE_CHECK)
			*b->msr &= ~KVM440_MSR_ME;
	} else {
		s->srr0 = ret_pc;
		s->srr1 = *b->msr;
		*b->msr &= ~CLEAR_BASE;
	}
	*b->pc = (s->ivpr & IVPR_MASK) | (s->ivor[irq] & IVOR_MASK);
}

enum kvm440_irq kvm440_booke_pending(const struct kvm440_sregs *s, u32 msr,
				     u32 lines)
{
	if (msr & KVM440_MSR_CE) {
		if (lines & (1u << KVM440_IRQ_CRITICAL))
			return KVM440_INT_CRITICAL;
		if (s->tsr & KVM440_TSR_WIS && s->tcr & KVM440_TCR_WIE)
			return KVM440_INT_WATCHDOG;
	}
	if (msr & KVM440_MSR_EE) {
		if (lines & (1u << KVM440_IRQ_EXTERNAL))
			return KVM440_INT_EXTERNAL;
		if (s->tsr & KVM440_TSR_FIS && s->tcr & KVM440_TCR_FIE)
			return KVM440_INT_FIT;
		if (s->tsr & KVM440_TSR_DIS && s->tcr & KVM440_TCR_DIE)
			return KVM440_INT_DECREMENTER;
	}
	return KVM440_INT_NONE;
}
