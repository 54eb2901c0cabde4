/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirtual interface Linux guests with CONFIG_KVM_GUEST speak
 * (docs/paravirt.md): ePAPR/KVM hypercalls through `sc` with a magic r0,
 * and the shared "magic page" of guest state (paravirt.c).
 */
#ifndef KVM440_PARAVIRT_H
#define KVM440_PARAVIRT_H

#include <linux/types.h>

/* r0 of a hypercall's `sc`, "KVM!" (Linux uapi/asm/kvm_para.h) */
#define KVM440_HC_MAGIC_R0	0x4b564d21u

/* tokens in r11: vendor << 16 | number (ePAPR 1.1, Linux epapr_hcalls.h) */
#define KVM440_EV_EPAPR_VENDOR	1
#define KVM440_EV_KVM_VENDOR	42
#define KVM440_HC_TOKEN(v, n)	((v) << 16 | (n))
#define KVM440_HC_FEATURES	KVM440_HC_TOKEN(KVM440_EV_KVM_VENDOR, 3)
#define KVM440_HC_MAP_MAGIC	KVM440_HC_TOKEN(KVM440_EV_KVM_VENDOR, 4)
#define KVM440_HC_EV_IDLE	KVM440_HC_TOKEN(KVM440_EV_EPAPR_VENDOR, 16)

/* status in r3 */
#define KVM440_EV_SUCCESS	0
#define KVM440_EV_INVALID	3
#define KVM440_EV_UNIMPLEMENTED	12

/* KVM_HC_FEATURES, r4: bit KVM_FEATURE_MAGIC_PAGE */
#define KVM440_FEATURE_MAGIC_PAGE	(1u << 1)
/* KVM_HC_PPC_MAP_MAGIC_PAGE, r4: KVM_MAGIC_FEAT_MAS0_TO_SPRG7 */
#define KVM440_MAGIC_FEAT_SPRG4_7	(1u << 1)

/*
 * struct kvm_vcpu_arch_shared, as the guest kernel lays it out; a 32-bit
 * guest uses the low (second, big-endian) word of each u64. Fields this
 * core has no use for (segment registers, e500 MAS) are padding here.
 */
struct kvm440_shared {
	u64 scratch1, scratch2, scratch3;
	u64 critical;		/* no interrupt while == r1 (kernel mode) */
	u64 sprg0, sprg1, sprg2, sprg3;
	u64 srr0, srr1;
	u64 dear;		/* "dar" */
	u64 msr;
	u32 dsisr;
	u32 int_pending;	/* an interrupt waits behind MSR[EE] */
	u32 sr[16];
	u32 mas0, mas1;
	u64 mas7_3, mas2;
	u32 mas4, mas6;
	u32 esr, pir;
	u64 sprg4, sprg5, sprg6, sprg7;
};

/* Per vCPU. @shared is allocated with the vCPU, so mapping cannot fail. */
struct kvm440_pv {
	struct kvm440_shared *shared;	/* one lowmem page */
	u32 magic_ea;		/* page-aligned EA; valid while @mapped */
	bool mapped;		/* the guest asked for the magic page */
	/*
	 * ... and has touched it: from its first shadow on, the page and
	 * the module's copies are kept one (paravirt.c). Before that the
	 * guest cannot have read or written it, so a guest that maps the
	 * page and never uses it (Linux 6.1, whose self-test refuses it)
	 * pays nothing per exit.
	 */
	bool active;
	bool idle;		/* MSR[WE] was set by EV_IDLE, not the guest */
};

struct kvm440_vcpu;
enum exit_action;

int kvm440_pv_init(struct kvm440_vcpu *vcpu);
void kvm440_pv_free(struct kvm440_vcpu *vcpu);
/* sc from guest kernel mode with the magic r0: the hypercall, handled */
enum exit_action kvm440_hcall(struct kvm440_vcpu *vcpu);
/* a guest kernel-mode DTLB miss at the magic page: the shadow written */
void kvm440_pv_magic_refill(struct kvm440_vcpu *vcpu);
/*
 * DTLB/ITLB miss, DSI or ISI (ctx->vector) of a vCPU that mapped the
 * page: true when it was at the magic page, in kernel mode, and handled
 */
bool kvm440_pv_mmu(struct kvm440_vcpu *vcpu);
/* the module's copies into the page, before an entry */
void kvm440_pv_put(struct kvm440_vcpu *vcpu);
/* and back after an exit */
void kvm440_pv_get(struct kvm440_vcpu *vcpu);
/* an interrupt is being given to the guest: EV_IDLE's wait is over */
void kvm440_pv_idle_end(struct kvm440_vcpu *vcpu);

#endif
