// SPDX-License-Identifier: GPL-2.0
/*
 * The guest TLB and its shadows in the hardware TLB.
 *
 * The seed's scheme: a guest mapping the guest TLB can satisfy is written
 * straight into the hardware TLB, in the host's replaceable range, and the
 * host's own round-robin refill may clobber it (costing one more miss)
 * instead of the module keeping a per-vCPU shadow array it reloads on every
 * entry. Shadows are TS=1, TID KVM440_SHADOW_PID; every one is dropped
 * before host code that might search the TLB runs again (interrupts on,
 * return to userspace): QEMU's tlbsx ignores MMUCR[STS] and host context
 * ids span 1-255, so a host _tlbil_va could otherwise hit a guest entry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/mm.h>
#include <asm/cacheflush.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "tlbword.h"
#include "emulate.h"

static unsigned int shadow_next;	/* round-robin victim */

static u32 gtlb_base(const struct kvm440_tlb_entry *e)
{
	return e->word0 & KVM440_TLB0_EPN_MASK & ~(tlb_page_bytes(e->word0) - 1);
}

/* The guest TLB entry translating @ea in space @ts under the guest PID. */
const struct kvm440_tlb_entry *kvm440_gtlb_find(struct kvm440_vcpu *vcpu,
						u32 ea, bool ts)
{
	u32 pid = vcpu->sregs.pid & 0xff;
	unsigned int i;

	for (i = 0; i < KVM440_TLB_ENTRIES; i++) {
		const struct kvm440_tlb_entry *e = &vcpu->tlb[i];
		u32 size = tlb_page_bytes(e->word0);

		if (!(e->word0 & KVM440_TLB0_V) || !size ||
		    !!(e->word0 & KVM440_TLB0_TS) != ts)
			continue;
		if (e->tid && e->tid != pid)
			continue;
		if (ea - gtlb_base(e) < size)
			return e;
	}
	return NULL;
}

u64 kvm440_gtlb_gpa(const struct kvm440_tlb_entry *e, u32 ea)
{
	u32 size = tlb_page_bytes(e->word0);
	u64 rpn = ((u64)(e->word1 & KVM440_TLB1_ERPN_MASK) << 32) |
		  (e->word1 & KVM440_TLB1_RPN_MASK & ~(size - 1));

	return rpn + (ea - gtlb_base(e));
}

/* Read the guest instruction at @pc through the guest TLB; 0 if unmapped. */
u32 kvm440_fetch_inst(struct kvm440_vcpu *vcpu, u32 pc)
{
	const struct kvm440_tlb_entry *e;
	struct page *page;
	u64 gpa;
	u32 *p, inst;

	e = kvm440_gtlb_find(vcpu, pc, vcpu->regs.msr & MSR_IS);
	if (!e || pc & 3)
		return 0;
	gpa = kvm440_gtlb_gpa(e, pc);
	page = kvm440_gpa_page(vcpu->vm, gpa, NULL);
	if (!page)
		return 0;
	p = kmap_local_page(page);
	inst = p[(gpa & ~PAGE_MASK) / 4];
	kunmap_local(p);
	return inst;
}

static inline u32 tlbre0(unsigned int index)
{
	u32 w;

	asm volatile("tlbre %0,%1,0" : "=r" (w) : "r" (index));
	return w;
}

/* Drop every TS=1 entry: only guest shadows ever have TS=1. */
void kvm440_shadow_flush(void)
{
	u32 mmucr = mfspr(SPRN_MMUCR);
	unsigned int i;

	for (i = 0; i < kvm440_host_tlb.bolted_first; i++) {
		u32 w0 = tlbre0(i);

		if ((w0 & (KVM440_TLB0_V | KVM440_TLB0_TS)) ==
		    (KVM440_TLB0_V | KVM440_TLB0_TS))
			asm volatile("tlbwe %0,%1,0" : : "r" (0), "r" (i));
	}
	asm volatile("isync");
	mtspr(SPRN_MMUCR, mmucr);
}

/*
 * A TLB miss at @ea: map the 4K page from the guest TLB into the hardware
 * TLB. False when the guest TLB has no entry or it is not guest RAM.
 */
bool kvm440_shadow_fill(struct kvm440_vcpu *vcpu, u32 ea, bool fetch)
{
	u32 msr = vcpu->regs.msr;
	bool ts = msr & (fetch ? MSR_IS : MSR_DS);
	const struct kvm440_tlb_entry *e;
	struct page *page;
	bool ro = false;
	u32 w0, w1, w2, perm;
	u64 pa;

	e = kvm440_gtlb_find(vcpu, ea, ts);
	if (!e || e->word2 & KVM440_TLB2_E)
		return false;
	page = kvm440_gpa_page(vcpu->vm, kvm440_gtlb_gpa(e, ea), &ro);
	if (!page)
		return false;
	pa = page_to_phys(page);

	/* the guest's supervisor rights become user rights (it runs PR=1) */
	if (msr & MSR_PR)
		perm = e->word2 & (KVM440_TLB2_UX | KVM440_TLB2_UW |
				   KVM440_TLB2_UR);
	else
		perm = (e->word2 & (KVM440_TLB2_SX | KVM440_TLB2_SW |
				    KVM440_TLB2_SR)) << 3;
	if (ro)
		perm &= ~KVM440_TLB2_UW;
	if (fetch && perm & KVM440_TLB2_UX)
		flush_dcache_icache_page(page);

	w0 = (ea & PAGE_MASK) | KVM440_TLB0_V | KVM440_TLB0_TS |
	     (1 << KVM440_TLB0_SIZE_SHIFT);		/* 4K */
	w1 = ((u32)pa & PAGE_MASK) | ((pa >> 32) & KVM440_TLB1_ERPN_MASK);
	w2 = (e->word2 & KVM440_TLB2_ATTR_MASK & ~KVM440_TLB2_E) | perm;

	kvm440_hw_tlb_write(shadow_next, w0, w1, w2, KVM440_SHADOW_PID);
	if (++shadow_next >= kvm440_host_tlb.bolted_first)
		shadow_next = 0;
	return true;
}

enum exit_action kvm440_mmu_exit(struct kvm440_vcpu *vcpu,
				 unsigned int vector)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	u64 *stats = vcpu->vm->stats;

	switch (vector) {
	case KVM440_INT_DTLB_MISS:
		if (kvm440_shadow_fill(vcpu, ctx->dear, false)) {
			stats[KVM440_STAT_DTLB_VIRT]++;
			return EXIT_RESUME;
		}
		stats[KVM440_STAT_DTLB_REAL]++;
		break;
	case KVM440_INT_ITLB_MISS:
		if (kvm440_shadow_fill(vcpu, ctx->srr0, true)) {
			stats[KVM440_STAT_ITLB_VIRT]++;
			return EXIT_RESUME;
		}
		stats[KVM440_STAT_ITLB_REAL]++;
		break;
	case KVM440_INT_DSI:
		stats[KVM440_STAT_DSI]++;
		break;
	default:
		stats[KVM440_STAT_ISI]++;
		break;
	}
	return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION,
				     ctx->srr0,
				     kvm440_fetch_inst(vcpu, ctx->srr0));
}

int kvm440_emulate_tlb(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst)
{
	return KVM440_EMUL_UNHANDLED;	/* guest TLB instructions: not yet */
}
