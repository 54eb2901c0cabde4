// SPDX-License-Identifier: GPL-2.0
/*
 * The host's use of the 440 hardware TLB.
 *
 * Linux bolts its lowmem mappings (256M pages) at the top of the TLB and
 * refills [0, tlb_44x_hwater] round-robin below them. Neither the boundary
 * nor the round-robin index is exported, so the bolted range is found by
 * reading the TLB itself (see tlb_find_bolted_first()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
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
	unsigned int i, first;
	unsigned long flags;
	u32 mmucr;

	/* tlbre of word 0 overwrites MMUCR[STID]; give the host its value back */
	local_irq_save(flags);
	mmucr = mfspr(SPRN_MMUCR);
	for (i = 0; i < KVM440_TLB_ENTRIES; i++)
		word0[i] = tlbre_word0(i);
	mtspr(SPRN_MMUCR, mmucr);
	local_irq_restore(flags);

	first = tlb_find_bolted_first(word0, KVM440_TLB_ENTRIES, PAGE_OFFSET);
	/*
	 * Leave at least half the TLB to the round robin; anything else means
	 * the host is not laid out as this module understands it.
	 */
	if (first == KVM440_TLB_ENTRIES || first < KVM440_TLB_ENTRIES / 2) {
		pr_err("cannot find the host's bolted TLB range (first %u)\n",
		       first);
		return -ENODEV;
	}
	kvm440_host_tlb.bolted_first = first;
	pr_info("host TLB: entries %u-%u bolted, 0-%u replaceable\n", first,
		KVM440_TLB_ENTRIES - 1, first - 1);
	return 0;
}
