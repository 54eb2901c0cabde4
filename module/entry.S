/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm440 guest entry and exit.
 *
 * Nothing here runs where the linker put it: run.c copies one vector stub
 * to each of the host's IVOR offsets in a 64K-aligned lowmem region and the
 * switch code (kvm440_switch_start..end) to KVM440_SWITCH_OFF in the same
 * region, then calls kvm440_enter there. Lowmem is covered by the host's
 * bolted TLB entries (TID 0, so they match whatever PID is loaded), so no
 * TLB miss can happen between the IVPR switch and the return to the host.
 *
 * SPRG use while IVPR points at the region:
 *   SPRG0  scratch: the stub parks the guest's r4 there
 *   SPRG1  the struct kvm440_ctx pointer
 *   SPRG4-7 the guest's own values (user-readable, so the guest sees them
 *          natively; the host only uses them as TLB-miss scratch). Any
 *          user process could read them too, so run.c clears them before
 *          this CPU can run anything but this thread (guest_sprg_clear()).
 *
 * Machine checks: MSR[ME] is off from before the IVPR switch to the rfi,
 * so a machine check cannot land in a stub while the registers still hold
 * host values (r1, r2, r13-r31); it stays pending and is taken either in
 * the guest (ME comes back with the rfi: a clean exit through vector 1)
 * or in the host once exit_common restores its MSR.
 * The host's SPRG0/1 are saved and restored around the run; SPRG2 (the
 * host's critical scratch) and SPRG3 (the host's thread pointer) are never
 * touched.
 */
#include <asm/ppc_asm.h>
#include <asm/reg.h>
#include "run.h"
#include "shadow_array.h"

#define MSR_NOCRIT	(MSR_CE | MSR_DE | MSR_EE | MSR_ME)

	.text

/*
 * One vector stub, at most 16 instructions (the host's closest IVORs are
 * 0x40 apart). run.c patches the vector number into the li and the branch
 * target into the b.
 */
	.balign	4
	.globl	kvm440_stub_start
kvm440_stub_start:
	mtspr	SPRN_SPRG0, r4
	mfspr	r4, SPRN_SPRG1
	stw	r3, CTX_GPR(3)(r4)
	li	r3, 0			/* patched: vector number */
	b	.			/* patched: kvm440_exit_common */
	.globl	kvm440_stub_end
kvm440_stub_end:

	.balign	32
	.globl	kvm440_switch_start
kvm440_switch_start:

/*
 * u32 kvm440_enter(struct kvm440_ctx *ctx,
 *		   const struct kvm440_sarray_entry *sarray, u32 n)
 * Called with interrupts hard-disabled; returns the exit vector number.
 * n != 0 (shadow=array): first load sarray[0..n) into TLB slots 0..n-1.
 */
	.globl	kvm440_enter
kvm440_enter:
	mflr	r0
	stw	r0, CTX_HOST_LR(r3)
	mr	r11, r4
	mr	r12, r5
	mfcr	r0
	stw	r0, CTX_HOST_CR(r3)
	stw	r1, CTX_HOST_R1(r3)
	stw	r2, CTX_HOST_R2(r3)
	stmw	r13, CTX_HOST_R13(r3)
	mfmsr	r5
	stw	r5, CTX_HOST_MSR(r3)
	mfspr	r0, SPRN_PID
	stw	r0, CTX_HOST_PID(r3)
	mfspr	r0, SPRN_IVPR
	stw	r0, CTX_HOST_IVPR(r3)
	mfspr	r0, SPRN_SPRG0
	stw	r0, CTX_HOST_SPRG0(r3)
	mfspr	r0, SPRN_SPRG1
	stw	r0, CTX_HOST_SPRG1(r3)

	/* no critical, debug or machine check may reach the stubs from here */
	lis	r6, MSR_NOCRIT@h
	ori	r6, r6, MSR_NOCRIT@l
	andc	r5, r5, r6
	mtmsr	r5
	isync

	/*
	 * shadow=array (shadow_array.c): slot i gets sarray[i] unless it
	 * already holds it; an empty sarray[i] drops a TS=1 entry in slot i
	 * (a shadow dropped since the last entry). From here to the guest
	 * only the region, the ctx and the array (all lowmem) are touched, so
	 * no host TLB miss can clobber a slot loaded here.
	 */
	cmpwi	r12, 0
	beq	3f
	mfspr	r10, SPRN_MMUCR
	li	r9, 0
1:	lwz	r4, SARRAY_W0(r11)
	tlbre	r8, r9, 0		/* also sets MMUCR[STID] */
	cmpwi	r4, 0
	beq	4f
	lwz	r5, SARRAY_W1(r11)
	lwz	r6, SARRAY_W2(r11)
	lwz	r7, SARRAY_TID(r11)
	cmpw	r8, r4
	bne	5f
	mfspr	r0, SPRN_MMUCR
	andi.	r0, r0, 0xff
	cmpw	r0, r7
	bne	5f
	tlbre	r0, r9, 1
	cmpw	r0, r5
	bne	5f
	tlbre	r0, r9, 2
	cmpw	r0, r6
	beq	2f
5:	/* V=0 with the EPN changed first, as in kvm440_tlb_write */
	xoris	r8, r8, 0x8000
	rlwinm	r8, r8, 0, 23, 21	/* clear V */
	tlbwe	r8, r9, 0
	mtspr	SPRN_MMUCR, r7
	tlbwe	r6, r9, 2
	tlbwe	r5, r9, 1
	tlbwe	r4, r9, 0
	b	2f
4:	andi.	r0, r8, 0x300		/* V|TS: a guest shadow */
	cmpwi	r0, 0x300
	bne	2f
	xoris	r8, r8, 0x8000
	rlwinm	r8, r8, 0, 23, 21
	tlbwe	r8, r9, 0
2:	addi	r11, r11, SARRAY_SIZE
	addi	r9, r9, 1
	cmpw	r9, r12
	blt	1b
	isync
	mtspr	SPRN_MMUCR, r10
3:
	mtspr	SPRN_SPRG1, r3
	lwz	r0, CTX_SPRG4(r3)
	mtspr	SPRN_SPRG4W, r0
	lwz	r0, CTX_SPRG4 + 4(r3)
	mtspr	SPRN_SPRG5W, r0
	lwz	r0, CTX_SPRG4 + 8(r3)
	mtspr	SPRN_SPRG6W, r0
	lwz	r0, CTX_SPRG4 + 12(r3)
	mtspr	SPRN_SPRG7W, r0
	lwz	r0, CTX_IVPR(r3)
	mtspr	SPRN_IVPR, r0
	lwz	r0, CTX_PID(r3)
	mtspr	SPRN_PID, r0
	isync

	lwz	r0, CTX_SRR0(r3)
	mtspr	SPRN_SRR0, r0
	lwz	r0, CTX_SRR1(r3)
	mtspr	SPRN_SRR1, r0
	lwz	r0, CTX_CR(r3)
	mtcr	r0
	lwz	r0, CTX_LR(r3)
	mtlr	r0
	lwz	r0, CTX_CTR(r3)
	mtctr	r0
	lwz	r0, CTX_XER(r3)
	mtxer	r0
	lwz	r0, CTX_GPR(0)(r3)
	lwz	r1, CTX_GPR(1)(r3)
	lwz	r2, CTX_GPR(2)(r3)
	lmw	r4, CTX_GPR(4)(r3)
	lwz	r3, CTX_GPR(3)(r3)
	rfi

/*
 * Every stub lands here: r3 = vector, r4 = ctx, the guest's r3 is in the
 * ctx and its r4 in SPRG0. MSR is PR=0 IS=DS=0 EE=0, PID still the
 * shadow PID, IVPR still the region.
 */
	.globl	kvm440_exit_common
kvm440_exit_common:
	stw	r0, CTX_GPR(0)(r4)
	stw	r1, CTX_GPR(1)(r4)
	stw	r2, CTX_GPR(2)(r4)
	stmw	r5, CTX_GPR(5)(r4)
	mfspr	r5, SPRN_SPRG0
	stw	r5, CTX_GPR(4)(r4)
	stw	r3, CTX_VECTOR(r4)
	mfcr	r5
	stw	r5, CTX_CR(r4)
	mflr	r5
	stw	r5, CTX_LR(r4)
	mfctr	r5
	stw	r5, CTX_CTR(r4)
	mfxer	r5
	stw	r5, CTX_XER(r4)
	mfspr	r5, SPRN_SRR0
	stw	r5, CTX_SRR0(r4)
	mfspr	r5, SPRN_SRR1
	stw	r5, CTX_SRR1(r4)
	mfspr	r5, SPRN_CSRR0
	stw	r5, CTX_CSRR0(r4)
	mfspr	r5, SPRN_CSRR1
	stw	r5, CTX_CSRR1(r4)
	mfspr	r5, SPRN_DEAR
	stw	r5, CTX_DEAR(r4)
	mfspr	r5, SPRN_ESR
	stw	r5, CTX_ESR(r4)

	/* back to the host */
	lwz	r5, CTX_HOST_IVPR(r4)
	mtspr	SPRN_IVPR, r5
	lwz	r5, CTX_HOST_PID(r4)
	mtspr	SPRN_PID, r5
	lwz	r5, CTX_HOST_SPRG0(r4)
	mtspr	SPRN_SPRG0, r5
	lwz	r5, CTX_HOST_SPRG1(r4)
	mtspr	SPRN_SPRG1, r5
	isync
	lwz	r1, CTX_HOST_R1(r4)
	lwz	r2, CTX_HOST_R2(r4)
	lwz	r5, CTX_HOST_LR(r4)
	mtlr	r5
	lwz	r5, CTX_HOST_CR(r4)
	mtcr	r5
	lwz	r5, CTX_HOST_MSR(r4)
	lmw	r13, CTX_HOST_R13(r4)
	mtmsr	r5
	isync
	blr

/*
 * void kvm440_tlb_write(u32 index, u32 word0, u32 word1, u32 word2, u32 tid)
 * Runs from the region so no TLB miss can change MMUCR between setting
 * STID and the tlbwe. Writes V=0 first (QEMU keeps a stale translation
 * when a valid entry is rewritten in place; see hw_invalidate() in tlb.c),
 * word 0 last.
 */
	.globl	kvm440_tlb_write
kvm440_tlb_write:
	mfspr	r8, SPRN_MMUCR
	/* V=0 with the EPN changed, so QEMU drops its cached translation */
	tlbre	r9, r3, 0
	xoris	r9, r9, 0x8000
	rlwinm	r9, r9, 0, 23, 21	/* clear V */
	tlbwe	r9, r3, 0
	mtspr	SPRN_MMUCR, r7
	tlbwe	r6, r3, 2
	tlbwe	r5, r3, 1
	tlbwe	r4, r3, 0
	isync
	mtspr	SPRN_MMUCR, r8
	blr

	.globl	kvm440_switch_end
kvm440_switch_end:
