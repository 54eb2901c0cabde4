/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure decoding of 440 TLB words. No kernel dependencies beyond u32, so the
 * Check unit tests compile the same code on the build machine.
 */
#ifndef KVM440_TLBWORD_H
#define KVM440_TLBWORD_H

#include "../uapi/linux/kvm440.h"

#define KVM440_TLB_SIZE_256M	9	/* largest 440 page size code */

static inline unsigned int tlb_size_code(u32 word0)
{
	return (word0 & KVM440_TLB0_SIZE_MASK) >> KVM440_TLB0_SIZE_SHIFT;
}

/*
 * Page size in bytes, or 0 for a size code the 440 does not implement: it
 * has 1K, 4K, 16K, 64K, 256K, 1M, 16M and 256M pages; codes 6 (4M), 8 (64M)
 * and 10-15 are reserved.
 */
static inline u32 tlb_page_bytes(u32 word0)
{
	unsigned int code = tlb_size_code(word0);

	if (code > KVM440_TLB_SIZE_256M || code == 6 || code == 8)
		return 0;
	return 1024u << (2 * code);
}

/*
 * A bolted host entry: valid, translation space 0, a 256M page in the
 * kernel's lowmem (at or above PAGE_OFFSET).
 */
static inline bool tlb_is_host_bolted(u32 word0, u32 page_offset)
{
	return (word0 & KVM440_TLB0_V) && !(word0 & KVM440_TLB0_TS) &&
	       tlb_size_code(word0) == KVM440_TLB_SIZE_256M &&
	       (word0 & KVM440_TLB0_EPN_MASK) >= page_offset;
}

/*
 * Given word 0 of every hardware entry, the lowest index of the contiguous
 * run of host-pinned entries ending at the last one; @n when there is
 * none. Pinned: a bolted lowmem entry, or a valid TS=1 entry, which only
 * head_44x.S writes before any guest can exist (with
 * CONFIG_PPC_EARLY_DEBUG_44x, its UART in slot 62, with the lowmem pins
 * beyond the first 256M below it: tlb_44x_hwater starts one lower). The
 * run must contain a bolted entry. Entry 0 is never counted: the host
 * always keeps some replaceable room. *@bolted, if given, gets the
 * number of bolted entries in the run (the caller checks it against the
 * lowmem the kernel pins).
 */
static inline unsigned int tlb_find_pinned(const u32 *word0, unsigned int n,
					   u32 page_offset,
					   unsigned int *bolted)
{
	unsigned int i, first = n, nb = 0;

	for (i = n - 1; i > 0; i--) {
		u32 w = word0[i];

		if (tlb_is_host_bolted(w, page_offset))
			nb++;
		else if ((w & (KVM440_TLB0_V | KVM440_TLB0_TS)) !=
			 (KVM440_TLB0_V | KVM440_TLB0_TS))
			break;
		first = i;
	}
	if (bolted)
		*bolted = nb;
	return nb ? first : n;
}

static inline unsigned int tlb_find_bolted_first(const u32 *word0,
						 unsigned int n,
						 u32 page_offset)
{
	return tlb_find_pinned(word0, n, page_offset, NULL);
}

#endif
