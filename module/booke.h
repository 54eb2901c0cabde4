/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Book E interrupt delivery to the guest, as pure functions of the guest's
 * architected state (no kernel calls), so the Check unit tests compile the
 * very code the module runs.
 */
#ifndef KVM440_BOOKE_H
#define KVM440_BOOKE_H

#include "../uapi/linux/kvm440.h"

/* Interrupt numbers are the IVOR indexes. */
enum kvm440_irq {
	KVM440_INT_CRITICAL,
	KVM440_INT_MACHINE_CHECK,
	KVM440_INT_DSI,
	KVM440_INT_ISI,
	KVM440_INT_EXTERNAL,
	KVM440_INT_ALIGNMENT,
	KVM440_INT_PROGRAM,
	KVM440_INT_FP_UNAVAIL,
	KVM440_INT_SYSCALL,
	KVM440_INT_APU_UNAVAIL,
	KVM440_INT_DECREMENTER,
	KVM440_INT_FIT,
	KVM440_INT_WATCHDOG,
	KVM440_INT_DTLB_MISS,
	KVM440_INT_ITLB_MISS,
	KVM440_INT_DEBUG,
	KVM440_INT_NONE = -1,
};

/* Guest MSR bits (Book E numbering, as mfmsr shows them). */
#define KVM440_MSR_WE	0x00040000u
#define KVM440_MSR_CE	0x00020000u
#define KVM440_MSR_EE	0x00008000u
#define KVM440_MSR_PR	0x00004000u
#define KVM440_MSR_FP	0x00002000u
#define KVM440_MSR_ME	0x00001000u
#define KVM440_MSR_FE0	0x00000800u
#define KVM440_MSR_DE	0x00000200u
#define KVM440_MSR_FE1	0x00000100u
#define KVM440_MSR_IS	0x00000020u
#define KVM440_MSR_DS	0x00000010u

/* Timer status and control bits the pending check reads. */
#define KVM440_TSR_WIS	0x40000000u
#define KVM440_TSR_DIS	0x08000000u
#define KVM440_TSR_FIS	0x04000000u
#define KVM440_TCR_WIE	0x08000000u
#define KVM440_TCR_DIE	0x04000000u
#define KVM440_TCR_FIE	0x00800000u

/* The guest-visible CPU state an interrupt changes. */
struct kvm440_booke {
	u32 *pc;
	u32 *msr;
	struct kvm440_sregs *s;
};

/*
 * Take interrupt @irq: save @ret_pc and the MSR in SRR0/1 (CSRR0/1 for the
 * critical class: critical input, machine check, watchdog, debug), clear the MSR bits
 * Book E clears for that class and continue at IVPR | IVORn. ESR and DEAR
 * are the caller's, since which bits they get depends on the cause.
 */
void kvm440_booke_deliver(struct kvm440_booke *b, enum kvm440_irq irq,
			  u32 ret_pc);

/*
 * The highest-priority asynchronous interrupt the guest would take now,
 * given its MSR, timer registers and the input lines (bit n set: line
 * KVM440_IRQ_n raised), or KVM440_INT_NONE. Priority, highest first:
 * critical input, watchdog (both gated by MSR[CE]), external input,
 * fixed-interval timer, decrementer (gated by MSR[EE]).
 */
enum kvm440_irq kvm440_booke_pending(const struct kvm440_sregs *s, u32 msr,
				     u32 lines);

#endif
