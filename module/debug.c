// SPDX-License-Identifier: GPL-2.0
/*
 * Guest debugging for a userspace debugger (KVM440_SET_GUEST_DEBUG).
 *
 * Breakpoints: the debugger writes trap instructions into guest memory
 * itself and tells the module their addresses; a program interrupt with
 * ESR[PTR] at one of them exits to userspace, any other trap stays the
 * guest's (a guest kernel's BUG() or its own debugger keep working).
 *
 * Single step uses the 440's own debug facility rather than temporary
 * breakpoints: DBCR0[IDM|IC] with MSR[DE] raises a debug interrupt after
 * exactly one guest instruction, whatever it is (a branch through CTR or
 * LR, an rfi the module emulates, a load that faults), where breakpoints
 * would need the next pc predicted for every instruction and an exit
 * taken into a guest vector. The facility is armed only for the one
 * entry, with interrupts hard-disabled, and put back before they are
 * enabled again:
 * - the host's DBCR0 is saved and restored around the entry, and the
 *   DBSR status the step left is cleared, so no event is pending when
 *   the host runs (no imprecise debug interrupt for the host's handler);
 * - while the guest runs IVPR points at the switch region, so the debug
 *   interrupt (critical class: CSRR0/1) lands in our IVOR15 stub, never
 *   in the host's handler;
 * - MSR[EE] is off for the stepping entry, so no host interrupt can be
 *   taken between the rfi and the instruction: the one instruction runs,
 *   the host's pending tick waits for that instruction only.
 * An instruction that itself traps (emulation, TLB miss, sc) exits by its
 * own vector before the event; run.c calls kvm440_debug_step_done() to
 * end the step when the exit it handled moved the guest pc (emulated, or
 * an interrupt delivered to the guest), and re-enters when it did not (a
 * refill, after which the instruction is retried).
 *
 * Real hardware: a 440 leaves MSR[DE] set on non-critical interrupts, so
 * such an exit takes the step's debug interrupt in the vector stub;
 * run.c's unnest_step() turns it back into the trap's exit. QEMU (the
 * rig) clears DE on every interrupt, so that path is untested.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/uaccess.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "debug.h"

long kvm440_set_guest_debug(struct kvm440_vcpu *vcpu,
			    const struct kvm440_guest_debug __user *arg)
{
	struct kvm440_guest_debug g;
	unsigned int i;

	if (copy_from_user(&g, arg, sizeof(g)))
		return -EFAULT;
	if (g.flags & ~KVM440_GUESTDBG_FLAGS_ALL ||
	    g.nr_bp > KVM440_GUESTDBG_MAX_BP)
		return -EINVAL;
	if (g.nr_bp && !(g.flags & KVM440_GUESTDBG_SW_BP))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(g.reserved); i++)
		if (g.reserved[i])
			return -EINVAL;
	for (i = 0; i < KVM440_GUESTDBG_MAX_BP; i++)
		if ((i < g.nr_bp && g.bp[i] & 3) || (i >= g.nr_bp && g.bp[i]))
			return -EINVAL;
	vcpu->debug.step_owed = false;
	vcpu->debug.flags = g.flags;
	vcpu->debug.nr_bp = g.nr_bp;
	memcpy(vcpu->debug.bp, g.bp, sizeof(g.bp));
	return 0;
}

static void debug_exit(struct kvm440_vcpu *vcpu, u32 kind, u32 pc)
{
	struct kvm440_run *run = vcpu->run;

	run->exit_reason = KVM440_EXIT_DEBUG;
	run->debug.kind = kind;
	run->debug.pc = pc;
	run->debug.pad[0] = run->debug.pad[1] = 0;
}

bool kvm440_debug_trap(struct kvm440_vcpu *vcpu, u32 pc)
{
	const struct kvm440_debug *d = &vcpu->debug;
	unsigned int i;

	if (!(d->flags & KVM440_GUESTDBG_SW_BP))
		return false;
	for (i = 0; i < d->nr_bp; i++) {
		if (d->bp[i] == pc) {
			debug_exit(vcpu, KVM440_DEBUG_BREAKPOINT, pc);
			return true;
		}
	}
	return false;
}

u32 kvm440_debug_step_begin(struct kvm440_vcpu *vcpu)
{
	u32 host = mfspr(SPRN_DBCR0);

	/* DBCR0[RST] stays 0: writing it would reset the host */
	mtspr(SPRN_DBCR0, DBCR0_IDM | DBCR0_IC);
	vcpu->ctx.srr1 = (vcpu->ctx.srr1 & ~MSR_EE) | MSR_DE;
	return host;
}

void kvm440_debug_step_end(struct kvm440_vcpu *vcpu, u32 host_dbcr0)
{
	mtspr(SPRN_DBCR0, host_dbcr0);
	mtspr(SPRN_DBSR, DBSR_IC | DBSR_IDE);
	isync();
}

bool kvm440_debug_event(struct kvm440_vcpu *vcpu)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;

	if (!kvm440_debug_stepping(&vcpu->debug))
		return false;
	/* critical class: the guest's next pc and MSR are in CSRR0/1 */
	ctx->srr0 = ctx->csrr0;
	debug_exit(vcpu, KVM440_DEBUG_STEP, ctx->srr0);
	return true;
}

bool kvm440_debug_step_done(struct kvm440_vcpu *vcpu, u32 pc, bool to_user)
{
	if (vcpu->ctx.srr0 == pc)
		return false;
	if (to_user) {
		/*
		 * An MMIO or DCR access: the pc is already past it, the exit
		 * reason is userspace's to see first; the step is reported at
		 * the next RUN, before the guest runs again.
		 */
		if (vcpu->run->exit_reason != KVM440_EXIT_DEBUG)
			vcpu->debug.step_owed = true;
		return false;
	}
	debug_exit(vcpu, KVM440_DEBUG_STEP, vcpu->ctx.srr0);
	return true;
}

bool kvm440_debug_step_owed(struct kvm440_vcpu *vcpu)
{
	bool owed = vcpu->debug.step_owed;

	vcpu->debug.step_owed = false;
	if (!owed || !kvm440_debug_stepping(&vcpu->debug))
		return false;
	debug_exit(vcpu, KVM440_DEBUG_STEP, vcpu->ctx.srr0);
	return true;
}
