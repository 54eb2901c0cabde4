/*
 * crt0 of the kvm440 test guests: entry, interrupt vectors, the common
 * trap path into C (trap_c) and the user-mode trampoline (run_user).
 *
 * Entry: guest_vmm starts us at 0 in supervisor state with MSR 0 and
 * r3 = RT_VMM_MAGIC; anything else (QEMU's own bamboo loader passes a dtb
 * address) means we run natively, for debugging the runtime itself.
 */
#include "rt_asm.h"

	.section .start, "ax"
	.globl _start
_start:
	mr	r6, r4			/* guest_vmm --arg, kept for rt_boot_arg */
	lis	r1, RT_STACK_TOP@h
	ori	r1, r1, RT_STACK_TOP@l
	li	r0, 0
	stwu	r0, -16(r1)
	/* clear bss (the VMM's RAM is zero, QEMU's is not guaranteed) */
	lis	r4, __bss_start@ha
	addi	r4, r4, __bss_start@l
	lis	r5, __bss_end@ha
	addi	r5, r5, __bss_end@l
1:	cmplw	r4, r5
	bge	2f
	stw	r0, 0(r4)
	addi	r4, r4, 4
	b	1b
2:	lis	r4, rt_boot_r3@ha
	stw	r3, rt_boot_r3@l(r4)
	lis	r3, rt_boot_arg@ha
	stw	r6, rt_boot_arg@l(r3)
	/* vectors: IVPR 0, IVORn = 0x1000 + n * 0x100 */
	li	r4, 0
	mtspr	SPRN_IVPR, r4
	li	r4, 0x1000
	mtspr	SPRN_IVOR0, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR1, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR2, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR3, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR4, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR5, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR6, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR7, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR8, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR9, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR10, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR11, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR12, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR13, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR14, r4
	addi	r4, r4, 0x100
	mtspr	SPRN_IVOR15, r4
	bl	rt_start		/* rt.c: native set-up, main(), exit */
3:	b	3b

/*
 * Vector n: a frame on the current stack (kernel or user stack: both are
 * supervisor-writable), r3 saved, r3 = n, into the common path.
 */
	.macro	VEC n, common
	.org	\n * 0x100
	stwu	r1, -FRAME_SIZE(r1)
	stw	r3, F_GPR(3)(r1)
	li	r3, \n
	b	\common
	.endm

	.section .vectors, "ax"
	.globl	rt_vectors
rt_vectors:
	VEC	0, trap_crit		/* critical input */
	VEC	1, trap_crit		/* machine check (440: CSRR0/1) */
	VEC	2, trap_base		/* data storage */
	VEC	3, trap_base		/* instruction storage */
	VEC	4, trap_base		/* external input */
	VEC	5, trap_base		/* alignment */
	VEC	6, trap_base		/* program */
	VEC	7, trap_base		/* FP unavailable */
	VEC	8, trap_base		/* system call */
	VEC	9, trap_base		/* APU unavailable */
	VEC	10, trap_base		/* decrementer */
	VEC	11, trap_base		/* fixed-interval timer */
	VEC	12, trap_crit		/* watchdog */
	VEC	13, trap_base		/* data TLB miss */
	VEC	14, trap_base		/* instruction TLB miss */
	VEC	15, trap_crit		/* debug */

	.text
	.macro	SAVE_COMMON
	stw	r0, F_GPR(0)(r1)
	stw	r2, F_GPR(2)(r1)
	stmw	r4, F_GPR(4)(r1)
	addi	r0, r1, FRAME_SIZE
	stw	r0, F_GPR(1)(r1)
	stw	r3, F_VEC(r1)
	mfcr	r4
	stw	r4, F_CR(r1)
	mflr	r4
	stw	r4, F_LR(r1)
	mfctr	r4
	stw	r4, F_CTR(r1)
	mfxer	r4
	stw	r4, F_XER(r1)
	mfspr	r4, SPRN_ESR
	stw	r4, F_ESR(r1)
	mfspr	r4, SPRN_DEAR
	stw	r4, F_DEAR(r1)
	.endm

	.macro	RESTORE_COMMON
	lwz	r4, F_CR(r1)
	mtcr	r4
	lwz	r4, F_LR(r1)
	mtlr	r4
	lwz	r4, F_CTR(r1)
	mtctr	r4
	lwz	r4, F_XER(r1)
	mtxer	r4
	lwz	r0, F_GPR(0)(r1)
	lwz	r2, F_GPR(2)(r1)
	lwz	r3, F_GPR(3)(r1)
	lmw	r4, F_GPR(4)(r1)
	lwz	r1, F_GPR(1)(r1)
	.endm

trap_base:
	SAVE_COMMON
	mfspr	r4, SPRN_SRR0
	stw	r4, F_SRR0(r1)
	mfspr	r4, SPRN_SRR1
	stw	r4, F_SRR1(r1)
	addi	r3, r1, 8
	bl	trap_c
	lwz	r4, F_SRR0(r1)
	mtspr	SPRN_SRR0, r4
	lwz	r4, F_SRR1(r1)
	mtspr	SPRN_SRR1, r4
	RESTORE_COMMON
	rfi

trap_crit:
	SAVE_COMMON
	mfspr	r4, SPRN_CSRR0
	stw	r4, F_SRR0(r1)
	mfspr	r4, SPRN_CSRR1
	stw	r4, F_SRR1(r1)
	addi	r3, r1, 8
	bl	trap_c
	lwz	r4, F_SRR0(r1)
	mtspr	SPRN_CSRR0, r4
	lwz	r4, F_SRR1(r1)
	mtspr	SPRN_CSRR1, r4
	RESTORE_COMMON
	rfci

/*
 * uint32_t run_user(uint32_t pc, uint32_t arg, uint32_t sp, uint32_t msr,
 *                   uint32_t ret): rfi to @pc with MSR @msr (PR set), r3
 * @arg, r1 @sp and LR @ret (the user-visible address of rt_user_exit).
 * Comes back here when the user code does sc with r0 = RT_SC_USER_RETURN
 * (trap_c redirects that sc to rt_user_resume); returns the user's r3.
 */
	.globl	run_user
run_user:
	stwu	r1, -96(r1)
	mflr	r0
	stw	r0, 100(r1)
	stmw	r13, 8(r1)
	lis	r8, rt_kernel_sp@ha
	stw	r1, rt_kernel_sp@l(r8)
	mtspr	SPRN_SRR0, r3
	mtspr	SPRN_SRR1, r6
	mtlr	r7
	mr	r3, r4
	mr	r1, r5
	rfi

	.globl	rt_user_exit
rt_user_exit:
	li	r0, RT_SC_USER_RETURN
	sc
	b	rt_user_exit

	.globl	rt_user_resume
rt_user_resume:
	lis	r8, rt_kernel_sp@ha
	lwz	r1, rt_kernel_sp@l(r8)
	lmw	r13, 8(r1)
	lwz	r0, 100(r1)
	mtlr	r0
	addi	r1, r1, 96
	blr
