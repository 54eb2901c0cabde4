/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest entry/exit: the context block shared by run.c and entry.S.
 *
 * entry.S only ever runs from a copy in a 64K-aligned lowmem region (the
 * "switch region"), which the host's bolted 256M TLB entries map: between
 * the IVPR switch and the return to the host nothing may take a TLB miss,
 * so the code, and the context block it touches (kmalloc'ed, so lowmem),
 * must live there.
 */
#ifndef KVM440_RUN_H
#define KVM440_RUN_H

/* struct kvm440_ctx layout, in bytes; checked against the C struct */
#define CTX_GPR(n)	((n) * 4)
#define CTX_CR		0x080
#define CTX_LR		0x084
#define CTX_CTR		0x088
#define CTX_XER		0x08c
#define CTX_SRR0	0x090	/* in: guest pc; out: SRR0 of the exit */
#define CTX_SRR1	0x094	/* in: hardware MSR; out: SRR1 of the exit */
#define CTX_CSRR0	0x098
#define CTX_CSRR1	0x09c
#define CTX_DEAR	0x0a0
#define CTX_ESR		0x0a4
#define CTX_VECTOR	0x0a8	/* out: IVOR number of the exit */
#define CTX_PID		0x0ac	/* in: shadow PID */
#define CTX_IVPR	0x0b0	/* in: the switch region */
#define CTX_SPRG4	0x0b4	/* in: guest SPRG4-7 (user-readable) */
#define CTX_HOST_R1	0x0c4
#define CTX_HOST_R2	0x0c8
#define CTX_HOST_CR	0x0cc
#define CTX_HOST_LR	0x0d0
#define CTX_HOST_MSR	0x0d4
#define CTX_HOST_PID	0x0d8
#define CTX_HOST_IVPR	0x0dc
#define CTX_HOST_SPRG0	0x0e0
#define CTX_HOST_SPRG1	0x0e4
#define CTX_HOST_R13	0x0e8	/* r13..r31 */
#define CTX_SIZE	0x134

/* where the entry/exit code sits in the region, after every vector stub */
#define KVM440_SWITCH_OFF	0x8000
#define KVM440_REGION_SIZE	0x10000

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct kvm440_vcpu;

struct kvm440_ctx {
	u32 gpr[32];
	u32 cr, lr, ctr, xer;
	u32 srr0, srr1, csrr0, csrr1;
	u32 dear, esr, vector, pid, ivpr;
	u32 sprg4_7[4];
	u32 host_r1, host_r2, host_cr, host_lr, host_msr, host_pid;
	u32 host_ivpr, host_sprg0, host_sprg1;
	u32 host_r13_31[19];
};

/* entry.S: copied into the region, never run in place */
extern const u32 kvm440_stub_start[], kvm440_stub_end[];
extern const u32 kvm440_switch_start[], kvm440_switch_end[];
extern const u32 kvm440_enter[], kvm440_exit_common[], kvm440_tlb_write[];

/*
 * Run the guest until userspace must act. Called with the vCPU lock held
 * and the vCPU marked running (memory slots cannot change underneath).
 */
long kvm440_run_vcpu(struct kvm440_vcpu *vcpu);

/*
 * kvm440_enter(ctx, sarray, n), in the region: with n != 0 (shadow=array)
 * it first loads sarray[0..n) into hardware TLB slots 0..n-1.
 */

/* Write hardware TLB entry @index (V=0 first), through the region's copy. */
void kvm440_hw_tlb_write(u32 index, u32 w0, u32 w1, u32 w2, u32 tid);

/* Free the switch region; module unload only (no vCPU may exist). */
void kvm440_run_cleanup(void);

#endif /* __ASSEMBLY__ */
#endif /* KVM440_RUN_H */
