// SPDX-License-Identifier: GPL-2.0
/*
 * Paravirtual guests: ePAPR/KVM hypercalls and the magic page
 * (docs/paravirt.md).
 *
 * A Linux guest built with CONFIG_KVM_GUEST that finds /hypervisor in its
 * device tree maps "the magic page", struct kvm_vcpu_arch_shared, at an
 * EA of its choice (Linux: the last page, 0xfffff000) and rewrites its
 * own mfmsr, SPRG, SRR0/1, DEAR, ESR and PIR accesses into loads and
 * stores there, with rA = 0 and a 16-bit displacement, so that they no
 * longer trap.
 *
 * The page is canonical for those registers while it is mapped. The
 * module keeps using its own copies (regs.msr, sregs) everywhere else,
 * and makes them one with the page at the only two points where either
 * side can change: kvm440_pv_get() right after every exit (the guest
 * may have written the page) and kvm440_pv_put() right before every
 * entry (the module may have changed its copy, e.g. by delivering an
 * interrupt). So exit handling reads what the guest wrote, and the guest
 * reads what the module last wrote; nothing else touches either copy.
 * That costs two short copies per exit, only for guests that use the
 * page (from their first access to it on), instead of an indirection on
 * every access in every file.
 *
 * The page is reached through a shadow of its own: any guest kernel-mode
 * data TLB miss in it is answered with a TS=1, kernel-shadow-TID, UR|UW
 * entry for the vCPU's page (the guest runs in problem state, so its
 * supervisor rights are the shadow's user bits), whatever the guest TLB
 * holds. No shadow reference records it, so a guest tlbwe never drops
 * it; it goes only when the whole hardware TLB's shadows do, and comes
 * back on the next miss.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "paravirt.h"
#include "pv_hooks.h"

int kvm440_pv_init(struct kvm440_vcpu *vcpu)
{
	BUILD_BUG_ON(offsetof(struct kvm440_shared, critical) != 0x18);
	BUILD_BUG_ON(offsetof(struct kvm440_shared, msr) != 0x58);
	BUILD_BUG_ON(offsetof(struct kvm440_shared, int_pending) != 0x64);
	BUILD_BUG_ON(offsetof(struct kvm440_shared, esr) != 0xc8);
	BUILD_BUG_ON(offsetof(struct kvm440_shared, sprg4) != 0xd0);
	BUILD_BUG_ON(sizeof(struct kvm440_shared) != 0xf0);

	vcpu->pv.shared = (void *)get_zeroed_page(GFP_KERNEL);
	return vcpu->pv.shared ? 0 : -ENOMEM;
}

void kvm440_pv_free(struct kvm440_vcpu *vcpu)
{
	free_page((unsigned long)vcpu->pv.shared);
	vcpu->pv.shared = NULL;
}

/* The low word, all a 32-bit guest reads or writes of a u64 field. */
static inline u32 lo(const u64 *f)
{
	return READ_ONCE(((const u32 *)f)[1]);
}

static inline void set_lo(u64 *f, u32 v)
{
	WRITE_ONCE(*f, v);
}

void kvm440_pv_put(struct kvm440_vcpu *vcpu)
{
	struct kvm440_shared *sh = vcpu->pv.shared;
	struct kvm440_sregs *s = &vcpu->sregs;
	u32 msr = vcpu->regs.msr;

	set_lo(&sh->msr, msr);
	set_lo(&sh->srr0, s->srr0);
	set_lo(&sh->srr1, s->srr1);
	set_lo(&sh->dear, s->dear);
	set_lo(&sh->sprg0, s->sprg[0]);
	set_lo(&sh->sprg1, s->sprg[1]);
	set_lo(&sh->sprg2, s->sprg[2]);
	set_lo(&sh->sprg3, s->sprg[3]);
	set_lo(&sh->sprg4, s->sprg[4]);
	set_lo(&sh->sprg5, s->sprg[5]);
	set_lo(&sh->sprg6, s->sprg[6]);
	set_lo(&sh->sprg7, s->sprg[7]);
	WRITE_ONCE(sh->esr, s->esr);
	WRITE_ONCE(sh->pir, s->pir);
	/*
	 * What would be delivered now if MSR[EE] were set: the guest's
	 * patched wrtee/mtmsr trap only when this says so.
	 */
	WRITE_ONCE(sh->int_pending,
		   kvm440_booke_pending(s, msr | MSR_EE,
					READ_ONCE(vcpu->vm->irq_lines)) !=
		   KVM440_INT_NONE);
}

void kvm440_pv_get(struct kvm440_vcpu *vcpu)
{
	const struct kvm440_shared *sh = vcpu->pv.shared;
	struct kvm440_sregs *s = &vcpu->sregs;
	u32 old_msr = vcpu->regs.msr;
	unsigned int i;

	vcpu->regs.msr = lo(&sh->msr);
	s->srr0 = lo(&sh->srr0);
	s->srr1 = lo(&sh->srr1);
	s->dear = lo(&sh->dear);
	s->sprg[0] = lo(&sh->sprg0);
	s->sprg[1] = lo(&sh->sprg1);
	s->sprg[2] = lo(&sh->sprg2);
	s->sprg[3] = lo(&sh->sprg3);
	s->sprg[4] = lo(&sh->sprg4);
	s->sprg[5] = lo(&sh->sprg5);
	s->sprg[6] = lo(&sh->sprg6);
	s->sprg[7] = lo(&sh->sprg7);
	s->esr = READ_ONCE(sh->esr);
	/* PIR is read-only: the page's copy is rewritten at every entry */
	for (i = 0; i < 4; i++)
		vcpu->ctx.sprg4_7[i] = s->sprg[4 + i];
	/*
	 * The patched mtmsr stores only EE/RI changes itself, but the page
	 * is the guest's to write: an IS/DS change through it makes the
	 * shadows stale exactly as an emulated mtmsr would.
	 */
	if ((old_msr ^ vcpu->regs.msr) & (MSR_IS | MSR_DS))
		kvm440_shadow_flush(vcpu);
}

void kvm440_pv_idle_end(struct kvm440_vcpu *vcpu)
{
	/* EV_IDLE's wait is the hypervisor's, not the guest's MSR[WE] */
	vcpu->regs.msr &= ~MSR_WE;
	vcpu->pv.idle = false;
}

void kvm440_pv_magic_refill(struct kvm440_vcpu *vcpu)
{
	u64 pa = virt_to_phys(vcpu->pv.shared);
	u32 w[3];

	w[0] = vcpu->pv.magic_ea | KVM440_TLB0_V | KVM440_TLB0_TS |
	       (1 << KVM440_TLB0_SIZE_SHIFT);	/* 4K */
	w[1] = ((u32)pa & KVM440_TLB1_RPN_MASK) |
	       ((u32)(pa >> 32) & KVM440_TLB1_ERPN_MASK);
	/*
	 * guest kernel read/write only, never execute; the page is host RAM,
	 * so the attributes every shadow of RAM gets (gtlb.h: WIMGE 00100)
	 */
	w[2] = GTLB_RAM_ATTR | KVM440_TLB2_UR | KVM440_TLB2_UW;
	kvm440_shadow_put_raw(vcpu, w, KVM440_SHADOW_PID_KERNEL);
	vcpu->vm->stats[KVM440_STAT_MAGIC_REFILL]++;
	/* the entry that follows fills the page before the guest reads it */
	vcpu->pv.active = true;
}

bool kvm440_pv_mmu(struct kvm440_vcpu *vcpu)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	bool fetch = ctx->vector == KVM440_INT_ISI ||
		     ctx->vector == KVM440_INT_ITLB_MISS;

	if (!kvm440_pv_magic_ea(vcpu, fetch ? ctx->srr0 : ctx->dear))
		return false;
	if (ctx->vector == KVM440_INT_DTLB_MISS) {
		kvm440_pv_magic_refill(vcpu);
		return true;
	}
	/*
	 * Never executable; and a DSI cannot come from its shadow, which
	 * allows loads and stores: either way the guest's own fault, as no
	 * guest TLB entry may be shadowed over the page.
	 */
	if (!fetch)
		vcpu->sregs.dear = ctx->dear;
	vcpu->sregs.esr = fetch ? 0 : ctx->esr;
	kvm440_deliver(vcpu, fetch ? KVM440_INT_ISI : KVM440_INT_DSI,
		       ctx->srr0);
	return true;
}

/*
 * KVM_HC_PPC_MAP_MAGIC_PAGE: r3 the page's guest physical address, r4
 * its EA, both with flags in the low 12 bits (Linux passes
 * MAGIC_PAGE_FLAG_NOT_MAPPED_NX in r4). On Book E only the EA matters:
 * the guest reaches the page by EA alone, and the page is not guest RAM,
 * so r3 is ignored. Mapping again moves the page.
 */
static u32 map_magic(struct kvm440_vcpu *vcpu, u32 ea, u32 *r3)
{
	u32 p = kvm440_host_tlb.pinned_ts1;

	ea &= PAGE_MASK;
	/*
	 * The host's pinned TS=1 entry (host_tlb.c) matches guest accesses
	 * too; a shadow over it would make two entries match one EA.
	 */
	if (p && gtlb_overlap(ea | KVM440_TLB0_V | KVM440_TLB0_TS |
			      (1 << KVM440_TLB0_SIZE_SHIFT), p)) {
		*r3 = KVM440_EV_INVALID;
		return 0;
	}
	/*
	 * Shadows made before may translate the new EA through the guest
	 * TLB, and one of the old EA may still be in the hardware.
	 */
	kvm440_shadow_flush(vcpu);
	vcpu->pv.magic_ea = ea;
	vcpu->pv.mapped = true;
	/* the page starts as the registers are now (it is copied at entry) */
	return KVM440_MAGIC_FEAT_SPRG4_7;
}

enum exit_action kvm440_hcall(struct kvm440_vcpu *vcpu)
{
	u32 *gpr = vcpu->ctx.gpr;
	u32 r3 = KVM440_EV_SUCCESS, r4 = 0;

	vcpu->vm->stats[KVM440_STAT_HCALL]++;
	switch (gpr[11]) {
	case KVM440_HC_FEATURES:
		r4 = KVM440_FEATURE_MAGIC_PAGE;
		break;
	case KVM440_HC_MAP_MAGIC:
		r4 = map_magic(vcpu, gpr[4], &r3);
		break;
	case KVM440_HC_EV_IDLE:
		/*
		 * Sleep as MSR[WE] does, without the guest's MSR showing it:
		 * the run loop waits, and the interrupt that ends the wait
		 * returns after the sc with EV_SUCCESS in r3.
		 */
		vcpu->regs.msr |= MSR_WE;
		vcpu->pv.idle = true;
		break;
	default:
		r3 = KVM440_EV_UNIMPLEMENTED;
		break;
	}
	gpr[3] = r3;
	gpr[4] = r4;
	/* SRR0 is already past the sc */
	return vcpu->regs.msr & MSR_WE ? EXIT_HOST_IRQ : EXIT_RESUME;
}
