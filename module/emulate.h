/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulation of the privileged instructions a guest traps on (it runs in
 * problem state): the three core hooks, linked into run.c directly.
 */
#ifndef KVM440_EMULATE_H
#define KVM440_EMULATE_H

#include <linux/types.h>

struct kvm440_vm;
struct kvm440_run;
struct kvm440_ctx;
struct kvm440_regs;
struct kvm440_sregs;

/*
 * Guest state while it runs: GPRs and pc (ctx->srr0) live in @ctx, the
 * guest MSR in @regs->msr, supervisor registers in @sregs (SPRG4-7 also
 * in ctx->sprg4_7, reloaded into the real SPRGs on every entry).
 */
struct kvm440_vcpu_state {
	struct kvm440_vm *vm;
	struct kvm440_run *run;
	struct kvm440_ctx *ctx;
	struct kvm440_regs *regs;
	struct kvm440_sregs *sregs;
};

/* Results of the hooks. */
enum kvm440_emul {
	KVM440_EMUL_DONE,	/* emulated: advance pc, re-enter */
	KVM440_EMUL_JUMP,	/* pc already set (rfi, guest interrupt) */
	KVM440_EMUL_EXIT,	/* emulated, pc advanced; run->exit_reason set */
	KVM440_EMUL_UNHANDLED,	/* known but not emulated: internal error */
	KVM440_EMUL_BAD_SPR,	/* mfspr/mtspr only: no such SPR */
};

/* Emulate @inst at the guest pc; one of enum kvm440_emul. */
int kvm440_core_emulate_op(struct kvm440_vcpu_state *vs, u32 inst);
int kvm440_core_emulate_mtspr(struct kvm440_vcpu_state *vs, int sprn,
			      u32 val);
int kvm440_core_emulate_mfspr(struct kvm440_vcpu_state *vs, int sprn,
			      u32 *val);

/* Give the guest a program interrupt at its current pc with @esr. */
void kvm440_deliver_program(struct kvm440_vcpu_state *vs, u32 esr);

#endif /* KVM440_EMULATE_H */
