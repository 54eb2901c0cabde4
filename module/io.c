// SPDX-License-Identifier: GPL-2.0
/*
 * Guest accesses that leave the core: system calls, MMIO loads/stores and
 * DCR reads/writes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "kvm440.h"
#include "emulate.h"

#define INST_SC		0x44000002

/* sc stops the guest after the sc and reports the sc itself. */
enum exit_action kvm440_sc_exit(struct kvm440_vcpu *vcpu)
{
	vcpu->vm->stats[KVM440_STAT_SYSCALL]++;
	return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION,
				     vcpu->ctx.srr0 - 4, INST_SC);
}

int kvm440_emulate_dcr(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst)
{
	return KVM440_EMUL_UNHANDLED;	/* DCR exits: not yet */
}

void kvm440_io_complete(struct kvm440_vcpu *vcpu)
{
	/* nothing is ever left pending yet: MMIO and DCR exits come later */
}
