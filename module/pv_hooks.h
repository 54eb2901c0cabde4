/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirt checks on the exit path (paravirt.c): each costs one test
 * of a vCPU field for a guest that never mapped the magic page.
 */
#ifndef KVM440_PV_HOOKS_H
#define KVM440_PV_HOOKS_H

#include "kvm440.h"
#include "paravirt.h"

/* sc: a hypercall, not the guest's own system call */
static inline bool kvm440_pv_is_hcall(struct kvm440_vcpu *vcpu)
{
	return vcpu->ctx.gpr[0] == KVM440_HC_MAGIC_R0 &&
	       !(vcpu->regs.msr & KVM440_MSR_PR);
}

/* a guest kernel-mode data access in the magic page */
static inline bool kvm440_pv_magic_ea(struct kvm440_vcpu *vcpu, u32 ea)
{
	return vcpu->pv.mapped && (ea & PAGE_MASK) == vcpu->pv.magic_ea &&
	       !(vcpu->regs.msr & KVM440_MSR_PR);
}

/*
 * The guest is inside one of its patched templates (shared->critical
 * equals its r1, in kernel mode): no asynchronous interrupt may be
 * delivered. A watchdog reset is not held.
 */
static inline bool kvm440_pv_hold_irqs(struct kvm440_vcpu *vcpu)
{
	return vcpu->pv.active && !(vcpu->regs.msr & KVM440_MSR_PR) &&
	       ((const u32 *)&vcpu->pv.shared->critical)[1] ==
	       vcpu->ctx.gpr[1] && !READ_ONCE(vcpu->timer.reset);
}

/*
 * A shadow of size code @code for guest kernel-mode access @ea (@user
 * clear) would cover the magic page, so two kernel-TID entries would
 * match one EA: tlb.c makes it 4K instead.
 */
static inline bool kvm440_pv_covers(struct kvm440_vcpu *vcpu, u32 ea,
				    unsigned int code, bool user)
{
	u32 bytes = 1024u << (2 * code);

	return vcpu->pv.mapped && !user &&
	       !((ea ^ vcpu->pv.magic_ea) & ~(bytes - 1));
}

static inline void kvm440_pv_enter(struct kvm440_vcpu *vcpu)
{
	if (vcpu->pv.active)
		kvm440_pv_put(vcpu);
}

static inline void kvm440_pv_exit(struct kvm440_vcpu *vcpu)
{
	if (vcpu->pv.active)
		kvm440_pv_get(vcpu);
}

#endif
