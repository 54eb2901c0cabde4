/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest debugging for a userspace debugger (KVM440_SET_GUEST_DEBUG):
 * breakpoints it planted and single steps exit to userspace instead of
 * reaching the guest. debug.c says how a step is made.
 */
#ifndef KVM440_DEBUG_H
#define KVM440_DEBUG_H

#include <linux/types.h>
#include "../uapi/linux/kvm440.h"

struct kvm440_debug {
	u32 flags;			/* KVM440_GUESTDBG_* */
	u32 nr_bp;
	u32 bp[KVM440_GUESTDBG_MAX_BP];
	/* a step ended in an exit to userspace (MMIO, DCR): report it next */
	bool step_owed;
};

struct kvm440_vcpu;

long kvm440_set_guest_debug(struct kvm440_vcpu *vcpu,
			    const struct kvm440_guest_debug __user *arg);
/* program interrupt with ESR[PTR] at @pc: true if it is the debugger's */
bool kvm440_debug_trap(struct kvm440_vcpu *vcpu, u32 pc);
/* around one guest entry, interrupts off; begin's value goes to end */
u32 kvm440_debug_step_begin(struct kvm440_vcpu *vcpu);
void kvm440_debug_step_end(struct kvm440_vcpu *vcpu, u32 host_dbcr0);
/* a debug interrupt (IVOR15) left the guest: true if it was our step */
bool kvm440_debug_event(struct kvm440_vcpu *vcpu);
/*
 * A stepping entry's exit was handled (@to_user: it goes to userspace);
 * @pc: where the step began. True if the step is over and RUN must end.
 */
bool kvm440_debug_step_done(struct kvm440_vcpu *vcpu, u32 pc, bool to_user);
/* at RUN start: true if a step ended by an I/O exit is reported now */
bool kvm440_debug_step_owed(struct kvm440_vcpu *vcpu);

static inline bool kvm440_debug_stepping(const struct kvm440_debug *d)
{
	return d->flags & KVM440_GUESTDBG_SINGLESTEP;
}

#endif /* KVM440_DEBUG_H */
