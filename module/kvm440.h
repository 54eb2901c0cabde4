/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of kvm440.ko. */
#ifndef KVM440_INTERNAL_H
#define KVM440_INTERNAL_H

#include "../uapi/linux/kvm440.h"

#define KVM440_VERSION "0.1.0"

/* host_tlb.c: what the host kernel owns in the hardware TLB */
struct kvm440_host_tlb {
	unsigned int bolted_first;	/* lowest index the host bolted */
};
extern struct kvm440_host_tlb kvm440_host_tlb;
int kvm440_host_tlb_probe(void);

/* dev.c: /dev/kvm440 */
int kvm440_dev_init(void);
void kvm440_dev_exit(void);

#endif
