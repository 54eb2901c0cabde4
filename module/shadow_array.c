// SPDX-License-Identifier: GPL-2.0
/*
 * shadow=array: the per-vCPU shadow array of upstream's first 440 KVM,
 * reloaded into the hardware TLB on every guest entry, behind a module
 * parameter so make bench can measure it against the direct scheme (the
 * default) on the same code base.
 *
 * What changes against direct mode, and nothing else:
 *  - tlb.c's shadow writes, invalidations and reads of a slot go to
 *    vcpu->sarray[slot] instead of hardware slot @slot (the hooks marked
 *    "shadow=array" there). Victim choice (round robin over
 *    [0, bolted_first)), shadow_ref, exact invalidation on guest tlbwe and
 *    PID changes, and the IS/DS flush are shared code.
 *  - kvm440_enter (entry.S) loads array entry i into hardware slot i for
 *    every i below the host's bolted range, after critical interrupts are
 *    masked, from the switch region, reading the array from lowmem: no TLB
 *    miss can come between the load and the guest. So the host's round
 *    robin clobbering slots between exits costs no guest miss, and a guest
 *    miss still means no shadow covers the EA (tlb.c's shadow_write()
 *    relies on that). A slot whose hardware entry already equals the
 *    array's (tlbre of three words and MMUCR[STID]) is not rewritten:
 *    under QEMU each rewrite of a valid entry flushes its whole softmmu
 *    TLB; the instructions spent per entry stay those of a full walk.
 *    An empty array slot whose hardware entry is TS=1 is invalidated: it
 *    is a shadow this array dropped since the last entry.
 *  - Before anything that may schedule (cond_resched, the MSR[WE] idle
 *    wait) only the hardware is flushed (kvm440_shadow_release()): the
 *    array survives, which is the old design's point, and is reloaded at
 *    the next entry. Guest RAM is pinned and memory slots cannot change
 *    inside RUN, so the array cannot go stale meanwhile; at RUN's end and
 *    on an IS/DS change it is cleared with everything else.
 *
 * Memory: bolted_first entries of 16 bytes, allocated only in this mode
 * (no struct page pointer per entry as upstream had: guest RAM is pinned
 * for the VM's lifetime), plus the pointer in the vCPU (both modes).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <linux/string.h>

#include "kvm440.h"
#include "shadow_array.h"

static size_t sarray_len(void)
{
	return kvm440_host_tlb.bolted_first * sizeof(struct kvm440_sarray_entry);
}

size_t kvm440_sarray_bytes(void)
{
	return kvm440_shadow_array ? sarray_len() : 0;
}

int kvm440_sarray_alloc(struct kvm440_vcpu *vcpu)
{
	BUILD_BUG_ON(sizeof(struct kvm440_sarray_entry) != SARRAY_SIZE);
	BUILD_BUG_ON(offsetof(struct kvm440_sarray_entry, tid) != SARRAY_TID);
	if (!kvm440_shadow_array)
		return 0;
	/* kmalloc is lowmem: entry.S reads it where no TLB miss may occur */
	vcpu->sarray = kzalloc(sarray_len(), GFP_KERNEL);
	return vcpu->sarray ? 0 : -ENOMEM;
}

void kvm440_sarray_free(struct kvm440_vcpu *vcpu)
{
	kfree(vcpu->sarray);
	vcpu->sarray = NULL;
}

void kvm440_sarray_clear(struct kvm440_vcpu *vcpu)
{
	if (vcpu->sarray)
		memset(vcpu->sarray, 0, sarray_len());
}
