// SPDX-License-Identifier: GPL-2.0
/*
 * Emulation of the privileged instructions and SPRs of the guest.
 *
 * The guest runs in problem state, so every supervisor instruction traps
 * as a privileged-instruction program interrupt; run.c fetches it and calls
 * kvm440_core_emulate_op(), which decodes it with kvm440_decode() and
 * dispatches on the decoded op only. The guest's MSR is kept in regs->msr
 * (the hardware MSR stays PR|IS|DS|EE|ME); its supervisor SPRs live in
 * sregs, and SPRG4-7 also in ctx->sprg4_7, which the entry path loads into
 * the real (user-readable) SPRGs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "decode.h"
#include "emulate.h"
#include "spr.h"
#include "run.h"


#define DBCR0_RST_MASK	0x30000000
#define DBCR0_RST_SHIFT	28

#define IVPR_MASK	0xffff0000
#define IVOR_MASK	0x0000fff0

static inline u32 *gpr(struct kvm440_vcpu *vcpu, unsigned int n)
{
	return &vcpu->ctx.gpr[n];
}

void kvm440_deliver_program(struct kvm440_vcpu *vcpu, u32 esr)
{
	vcpu->sregs.esr = esr;
	kvm440_deliver(vcpu, KVM440_INT_PROGRAM, vcpu->ctx.srr0);
	vcpu->vm->stats[KVM440_STAT_PROGRAM]++;
}

static void set_sprg(struct kvm440_vcpu *vcpu, unsigned int n, u32 val)
{
	vcpu->sregs.sprg[n] = val;
	/* SPRG4-7 are in the real SPRGs while the guest runs */
	if (n >= 4)
		vcpu->ctx.sprg4_7[n - 4] = val;
}

static int dbcr0_write(struct kvm440_vcpu *vcpu, u32 val)
{
	u32 rst = (val & DBCR0_RST_MASK) >> DBCR0_RST_SHIFT;

	/* the RST field is not kept: the reset happens instead */
	vcpu->sregs.dbcr0 = val & ~DBCR0_RST_MASK;
	if (!rst)
		return KVM440_EMUL_DONE;
	vcpu->run->exit_reason = KVM440_EXIT_SYSTEM_EVENT;
	vcpu->run->system_event.type = KVM440_SYSTEM_RESET_CORE + rst - 1;
	vcpu->run->system_event.pad = 0;
	return KVM440_EMUL_EXIT;
}

/*
 * Debug and machine-check registers the guest has no use for under
 * kvm440 (no debug events or machine checks are ever given to it): 440
 * Linux clears MCSR and DBSR at boot and writes DBCR1/2 and the
 * IAC/DAC/DVC comparators when a debugger asks. Writes are ignored and
 * reads give 0 ("no event pending", "no comparator set").
 */
static bool spr_inert(int sprn)
{
	return sprn == SPR_DBSR || (sprn >= SPR_DBCR1 && sprn <= SPR_DVC2) ||
	       (sprn >= SPR_MCSRR0 && sprn <= SPR_MCSR);
}

int kvm440_core_emulate_mtspr(struct kvm440_vcpu *vcpu, int sprn,
			      u32 val)
{
	struct kvm440_sregs *s = &vcpu->sregs;

	if (sprn >= SPR_IVOR0 && sprn <= SPR_IVOR15) {
		s->ivor[sprn - SPR_IVOR0] = val & IVOR_MASK;
		return KVM440_EMUL_DONE;
	}
	if (sprn >= SPR_SPRG0 && sprn <= SPR_SPRG7) {
		set_sprg(vcpu, sprn - SPR_SPRG0, val);
		return KVM440_EMUL_DONE;
	}
	if (spr_inert(sprn))
		return KVM440_EMUL_DONE;
	switch (sprn) {
	case SPR_SRR0:
		s->srr0 = val;
		break;
	case SPR_SRR1:
		s->srr1 = val;
		break;
	case SPR_CSRR0:
		s->csrr0 = val;
		break;
	case SPR_CSRR1:
		s->csrr1 = val;
		break;
	case SPR_DEAR:
		s->dear = val;
		break;
	case SPR_ESR:
		s->esr = val;
		break;
	case SPR_IVPR:
		s->ivpr = val & IVPR_MASK;
		break;
	case SPR_PID:
		s->pid = val & 0xff;
		break;
	case SPR_MMUCR:
		s->mmucr = val;
		break;
	case SPR_CCR0:
		s->ccr0 = val;
		break;
	case SPR_CCR1:
		s->ccr1 = val;
		break;
	case SPR_DEC:
	case SPR_DECAR:
	case SPR_TCR:
	case SPR_TSR:
	case SPR_TBWL:
	case SPR_TBWU:
		return kvm440_timer_mtspr(vcpu, sprn, val);
	case SPR_DBCR0:
		return dbcr0_write(vcpu, val);
	default:
		return KVM440_EMUL_BAD_SPR;
	}
	return KVM440_EMUL_DONE;
}

int kvm440_core_emulate_mfspr(struct kvm440_vcpu *vcpu, int sprn,
			      u32 *val)
{
	struct kvm440_sregs *s = &vcpu->sregs;

	if (sprn >= SPR_IVOR0 && sprn <= SPR_IVOR15) {
		*val = s->ivor[sprn - SPR_IVOR0];
		return KVM440_EMUL_DONE;
	}
	if (sprn >= SPR_SPRG0 && sprn <= SPR_SPRG7) {
		*val = s->sprg[sprn - SPR_SPRG0];
		return KVM440_EMUL_DONE;
	}
	if (sprn >= SPR_SPRG3R && sprn <= SPR_SPRG7R) {
		*val = s->sprg[sprn - SPR_SPRG3R + 3];
		return KVM440_EMUL_DONE;
	}
	if (spr_inert(sprn)) {
		*val = 0;
		return KVM440_EMUL_DONE;
	}
	switch (sprn) {
	case SPR_SRR0:
		*val = s->srr0;
		break;
	case SPR_SRR1:
		*val = s->srr1;
		break;
	case SPR_CSRR0:
		*val = s->csrr0;
		break;
	case SPR_CSRR1:
		*val = s->csrr1;
		break;
	case SPR_DEAR:
		*val = s->dear;
		break;
	case SPR_ESR:
		*val = s->esr;
		break;
	case SPR_IVPR:
		*val = s->ivpr;
		break;
	case SPR_PID:
		*val = s->pid;
		break;
	case SPR_MMUCR:
		*val = s->mmucr;
		break;
	case SPR_CCR0:
		*val = s->ccr0;
		break;
	case SPR_CCR1:
		*val = s->ccr1;
		break;
	case SPR_PVR:
		*val = s->pvr;
		break;
	case SPR_PIR:
		*val = s->pir;
		break;
	case SPR_DEC:
	case SPR_DECAR:
	case SPR_TCR:
	case SPR_TSR:
		return kvm440_timer_mfspr(vcpu, sprn, val);
	case SPR_DBCR0:
		*val = s->dbcr0;
		break;
	default:
		return KVM440_EMUL_BAD_SPR;
	}
	return KVM440_EMUL_DONE;
}

static int emulate_spr(struct kvm440_vcpu *vcpu, u32 inst, bool write)
{
	unsigned int sprn = kvm440_sprn(inst);
	u32 *reg = gpr(vcpu, kvm440_rd(inst));
	int r;

	if (vcpu->regs.msr & MSR_PR && kvm440_spr_privileged(sprn)) {
		kvm440_deliver_program(vcpu, ESR_PPR);
		return KVM440_EMUL_JUMP;
	}
	if (write)
		r = kvm440_core_emulate_mtspr(vcpu, sprn, *reg);
	else
		r = kvm440_core_emulate_mfspr(vcpu, sprn, reg);
	if (r != KVM440_EMUL_BAD_SPR)
		return r;
	pr_info_ratelimited("unknown SPR 0x%x at pc 0x%x\n", sprn,
			    vcpu->ctx.srr0);
	vcpu->vm->stats[KVM440_STAT_UNKNOWN_SPR]++;
	kvm440_deliver_program(vcpu, ESR_PIL);
	return KVM440_EMUL_JUMP;
}

/*
 * kvm440_decode() through the vCPU's small cache: a Linux guest traps on
 * a few dozen distinct instructions (mfmsr, wrtee, SPRG moves of its
 * exception and TLB-miss paths) over and over, and a hit costs a fraction
 * of the table walk and form check. NULL results (no row) are not kept.
 */
static const struct kvm440_insn_desc *decode(struct kvm440_vcpu *vcpu,
					     u32 inst)
{
	unsigned int h = (inst ^ inst >> 11 ^ inst >> 21) & (KVM440_DECODED - 1);

	if (vcpu->decoded[h].inst != inst || !vcpu->decoded[h].d) {
		vcpu->decoded[h].d = kvm440_decode(inst);
		vcpu->decoded[h].inst = inst;
	}
	return vcpu->decoded[h].d;
}

int kvm440_core_emulate_op(struct kvm440_vcpu *vcpu, u32 inst)
{
	const struct kvm440_insn_desc *d = decode(vcpu, inst);
	struct kvm440_regs *regs = &vcpu->regs;
	struct kvm440_sregs *s = &vcpu->sregs;

	if (!d || d == &kvm440_insn_invalid) {
		kvm440_deliver_program(vcpu, ESR_PIL);
		return KVM440_EMUL_JUMP;
	}
	/* mfspr/mtspr decide for themselves: the SPR number says */
	if (regs->msr & MSR_PR && d->op != KVM440_OP_MFSPR &&
	    d->op != KVM440_OP_MTSPR) {
		kvm440_deliver_program(vcpu, ESR_PPR);
		return KVM440_EMUL_JUMP;
	}

	switch (d->op) {
	case KVM440_OP_MFMSR:
		*gpr(vcpu, kvm440_rd(inst)) = regs->msr;
		return KVM440_EMUL_DONE;
	case KVM440_OP_MTMSR:
		regs->msr = *gpr(vcpu, kvm440_rs(inst));
		return KVM440_EMUL_DONE;
	case KVM440_OP_WRTEE:
		regs->msr = (regs->msr & ~MSR_EE) |
			    (*gpr(vcpu, kvm440_rs(inst)) & MSR_EE);
		return KVM440_EMUL_DONE;
	case KVM440_OP_WRTEEI:
		regs->msr = (regs->msr & ~MSR_EE) |
			    (kvm440_wrteei_e(inst) ? MSR_EE : 0);
		return KVM440_EMUL_DONE;
	case KVM440_OP_RFI:
		vcpu->ctx.srr0 = s->srr0;
		regs->msr = s->srr1;
		return KVM440_EMUL_JUMP;
	case KVM440_OP_RFCI:
		vcpu->ctx.srr0 = s->csrr0;
		regs->msr = s->csrr1;
		return KVM440_EMUL_JUMP;
	case KVM440_OP_MFSPR:
		return emulate_spr(vcpu, inst, false);
	case KVM440_OP_MTSPR:
		return emulate_spr(vcpu, inst, true);
	case KVM440_OP_TLBWE:
	case KVM440_OP_TLBRE:
	case KVM440_OP_TLBSX:
	case KVM440_OP_TLBSYNC:
		return kvm440_emulate_tlb(vcpu, d, inst);
	case KVM440_OP_MFDCR:
	case KVM440_OP_MTDCR:
		return kvm440_emulate_dcr(vcpu, d, inst);
	case KVM440_OP_ICCCI:
		/*
		 * The guest may have written code through the dcache into a
		 * page it already executes: invalidate the real icache, which
		 * costs the host only refills.
		 */
		asm volatile("iccci 0,0; isync");
		return KVM440_EMUL_DONE;
	case KVM440_OP_DCCCI:
	case KVM440_OP_DCBI:
		/*
		 * Really invalidating would throw away dirty lines of the
		 * host's; the guest only uses these before it trusts the
		 * cache, so treating them as no-ops is safe.
		 */
		return KVM440_EMUL_DONE;
	default:
		/* icread/dcread: cache debug, not supported */
		return KVM440_EMUL_UNHANDLED;
	}
}
