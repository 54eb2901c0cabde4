/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulation of the privileged instructions a guest traps on (it runs in
 * problem state): the three core hooks, linked into run.c directly.
 */
#ifndef KVM440_EMULATE_H
#define KVM440_EMULATE_H

#include <linux/types.h>

struct kvm440_vcpu;

/* Results of the hooks. */
enum kvm440_emul {
	KVM440_EMUL_DONE,	/* emulated: advance pc, re-enter */
	KVM440_EMUL_JUMP,	/* pc already set (rfi, guest interrupt) */
	KVM440_EMUL_EXIT,	/* emulated, pc advanced; run->exit_reason set */
	KVM440_EMUL_UNHANDLED,	/* known but not emulated: internal error */
	KVM440_EMUL_BAD_SPR,	/* mfspr/mtspr only: no such SPR */
};

/* Emulate @inst at the guest pc; one of enum kvm440_emul. */
int kvm440_core_emulate_op(struct kvm440_vcpu *vcpu, u32 inst);
int kvm440_core_emulate_mtspr(struct kvm440_vcpu *vcpu, int sprn,
			      u32 val);
int kvm440_core_emulate_mfspr(struct kvm440_vcpu *vcpu, int sprn,
			      u32 *val);

/* Give the guest a program interrupt at its current pc with @esr. */
void kvm440_deliver_program(struct kvm440_vcpu *vcpu, u32 esr);

#endif /* KVM440_EMULATE_H */
