/*
 * A bare-metal kvm440 guest in one file: print a greeting and the
 * timebase on UART0 (the board's 16550 at 0xef600300), then ask for a
 * core reset through DBCR0[RST], which ends `kvm440ctl start` with
 * status 0. Runs in guest supervisor state on the initial mapping
 * kvm440ctl gives every guest (EA 0 -> PA 0 RWX, UART page I|G), so it
 * needs no TLB setup and no interrupt vectors.
 */
#define UART	0xef600300
#define LSR	5
#define THRE	0x20
#define DBCR0	0x134

	.section .text
	.globl _start
_start:
	lis	r31, UART@h
	ori	r31, r31, UART@l
	lis	r3, msg@ha
	addi	r3, r3, msg@l
	bl	puts
	mftb	r29			/* read the timebase twice */
	li	r4, 1000		/* ...around a short loop */
	mtctr	r4
1:	bdnz	1b
	mftb	r30
	subf	r28, r29, r30
	lis	r3, tbmsg@ha
	addi	r3, r3, tbmsg@l
	bl	puts
	mr	r3, r28
	bl	puthex
	li	r3, '\n'
	bl	putc
	lis	r3, bye@ha
	addi	r3, r3, bye@l
	bl	puts
	lis	r3, 0x1000		/* DBCR0[RST] = 01: core reset */
	mtspr	DBCR0, r3
2:	b	2b			/* not reached under kvm440 */

/* putc(r3): wait for THR empty, write the byte */
putc:
	lbz	r0, LSR(r31)
	andi.	r0, r0, THRE
	beq	putc
	stb	r3, 0(r31)
	blr

/* puts(r3): NUL-terminated string, "\n" sent as "\r\n" */
puts:
	mflr	r27
	mr	r26, r3
1:	lbz	r3, 0(r26)
	cmpwi	r3, 0
	beq	3f
	cmpwi	r3, '\n'
	bne	2f
	li	r3, '\r'
	bl	putc
	li	r3, '\n'
2:	bl	putc
	addi	r26, r26, 1
	b	1b
3:	mtlr	r27
	blr

/* puthex(r3): eight hex digits */
puthex:
	mflr	r27
	mr	r26, r3
	li	r25, 8
1:	rlwinm	r26, r26, 4, 0, 31
	andi.	r3, r26, 0xf
	cmpwi	r3, 10
	blt	2f
	addi	r3, r3, 'a' - 10 - '0'
2:	addi	r3, r3, '0'
	bl	putc
	addic.	r25, r25, -1
	bne	1b
	mtlr	r27
	blr

	.section .rodata
msg:	.asciz	"Hello from a bare-metal 440 guest under kvm440!\n"
tbmsg:	.asciz	"timebase ticks for 1000 loop iterations: 0x"
bye:	.asciz	"asking for a core reset (DBCR0[RST]); bye\n"
