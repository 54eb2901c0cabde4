/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow=array: the seed's old design, kept for side-by-side measurement.
 * The default (shadow=direct) writes shadows straight into the hardware
 * TLB; with shadow=array tlb.c writes them into a per-vCPU array instead,
 * and entry.S loads the array into the hardware TLB on every guest entry.
 * See shadow_array.c.
 */
#ifndef KVM440_SHADOW_ARRAY_H
#define KVM440_SHADOW_ARRAY_H

#define SARRAY_W0	0
#define SARRAY_W1	4
#define SARRAY_W2	8
#define SARRAY_TID	12
#define SARRAY_SIZE	16

#ifndef __ASSEMBLY__

#include <linux/types.h>

/*
 * One shadow as entry.S loads it: the three TLB words and the TID (a word,
 * for lwz). w0 == 0: empty slot. 16 bytes, as in the old design.
 */
struct kvm440_sarray_entry {
	u32 w0, w1, w2, tid;
};

/* main.c: shadow=array given at load; never changes afterwards */
extern bool kvm440_shadow_array;

struct kvm440_vcpu;

/* vCPU creation and release: the array exists only in array mode */
int kvm440_sarray_alloc(struct kvm440_vcpu *vcpu);
void kvm440_sarray_free(struct kvm440_vcpu *vcpu);
/* bytes a vCPU takes besides struct kvm440_vcpu in the current mode */
size_t kvm440_sarray_bytes(void);
/* forget every shadow of the array (the hardware is tlb.c's business) */
void kvm440_sarray_clear(struct kvm440_vcpu *vcpu);

#endif /* __ASSEMBLY__ */
#endif
