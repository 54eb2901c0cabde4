// SPDX-License-Identifier: GPL-2.0
/*
 * The host's use of the 440 hardware TLB.
 *
 * Linux bolts its lowmem mappings (256M pages) at the top of the TLB and
 * refills [0, tlb_44x_hwater] round-robin below them. Neither the boundary
 * nor the round-robin index is exported, so the pinned range is found by
 * reading the TLB itself (tlb_find_pinned(): the lowmem entries and, with
 * CONFIG_PPC_EARLY_DEBUG_44x, head_44x.S's TS=1 UART entry in slot 62,
 * which pushes the other lowmem pins below it) and checked against what
 * the kernel must have pinned: one 256M entry per 256M of lowmem
 * (ppc44x_pin_tlb() for each beyond the first, which head_44x.S pins).
 * Anything else and the module refuses to load rather than guess: a
 * shadow over a pinned lowmem entry oopses or hangs the host.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "tlbword.h"

struct kvm440_host_tlb kvm440_host_tlb;

static inline u32 tlbre_word0(unsigned int index)
{
	u32 w;

	asm volatile("tlbre %0,%1,0" : "=r" (w) : "r" (index));
	return w;
}

int kvm440_host_tlb_probe(void)
{
	u32 word0[KVM440_TLB_ENTRIES];
	unsigned int i, first, bolted;
	unsigned long flags, want;
	u32 mmucr;

	/* tlbre of word 0 overwrites MMUCR[STID]; give the host its value back */
	local_irq_save(flags);
	mmucr = mfspr(SPRN_MMUCR);
	for (i = 0; i < KVM440_TLB_ENTRIES; i++)
		word0[i] = tlbre_word0(i);
	mtspr(SPRN_MMUCR, mmucr);
	local_irq_restore(flags);

	first = tlb_find_pinned(word0, KVM440_TLB_ENTRIES, PAGE_OFFSET,
				&bolted);
	want = DIV_ROUND_UP((unsigned long)high_memory - PAGE_OFFSET, SZ_256M);
	/*
	 * Leave at least half the TLB to the round robin; anything else means
	 * the host is not laid out as this module understands it.
	 */
	if (first == KVM440_TLB_ENTRIES || first < KVM440_TLB_ENTRIES / 2 ||
	    bolted != want) {
		pr_err("cannot find the host's pinned TLB range (from %u: %u lowmem entries, %lu expected)\n",
		       first, bolted, want);
		return -ENODEV;
	}
	for (i = first; i < KVM440_TLB_ENTRIES; i++) {
		if (!(word0[i] & KVM440_TLB0_TS))
			continue;
		if (kvm440_host_tlb.pinned_ts1) {
			pr_err("more than one pinned TS=1 entry in the host TLB\n");
			return -ENODEV;
		}
		kvm440_host_tlb.pinned_ts1 = word0[i];
		pr_info("host TLB: entry %u is the host's TS=1 %#x; no shadow may overlap it\n",
			i, word0[i]);
	}
	kvm440_host_tlb.bolted_first = first;
	pr_info("host TLB: entries %u-%u bolted, 0-%u replaceable\n", first,
		KVM440_TLB_ENTRIES - 1, first - 1);
	return 0;
}
