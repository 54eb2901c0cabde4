/* Shared by crt0.S and rt.h: constants and the trap frame layout. */
#ifndef RT_ASM_H
#define RT_ASM_H

#define RT_VMM_MAGIC		0x4b564d34	/* "KVM4" in r3 at entry */
#define RT_STACK_TOP		0x00800000
#define RT_USER_STACK_TOP	0x00700000
#define RT_SC_USER_RETURN	0x7fe1

#define SPRN_DEC	0x016
#define SPRN_SRR0	0x01a
#define SPRN_SRR1	0x01b
#define SPRN_PID	0x030
#define SPRN_DECAR	0x036
#define SPRN_CSRR0	0x03a
#define SPRN_CSRR1	0x03b
#define SPRN_DEAR	0x03d
#define SPRN_ESR	0x03e
#define SPRN_IVPR	0x03f
#define SPRN_SPRG3R	0x103
#define SPRN_SPRG4R	0x104
#define SPRN_SPRG5R	0x105
#define SPRN_SPRG6R	0x106
#define SPRN_SPRG7R	0x107
#define SPRN_TBRL	0x10c
#define SPRN_TBRU	0x10d
#define SPRN_SPRG0	0x110
#define SPRN_SPRG1	0x111
#define SPRN_SPRG2	0x112
#define SPRN_SPRG3	0x113
#define SPRN_SPRG4	0x114
#define SPRN_SPRG5	0x115
#define SPRN_SPRG6	0x116
#define SPRN_SPRG7	0x117
#define SPRN_TBWL	0x11c
#define SPRN_TBWU	0x11d
#define SPRN_PIR	0x11e
#define SPRN_PVR	0x11f
#define SPRN_DBCR0	0x134
#define SPRN_TSR	0x150
#define SPRN_TCR	0x154
#define SPRN_IVOR0	0x190
#define SPRN_IVOR1	0x191
#define SPRN_IVOR2	0x192
#define SPRN_IVOR3	0x193
#define SPRN_IVOR4	0x194
#define SPRN_IVOR5	0x195
#define SPRN_IVOR6	0x196
#define SPRN_IVOR7	0x197
#define SPRN_IVOR8	0x198
#define SPRN_IVOR9	0x199
#define SPRN_IVOR10	0x19a
#define SPRN_IVOR11	0x19b
#define SPRN_IVOR12	0x19c
#define SPRN_IVOR13	0x19d
#define SPRN_IVOR14	0x19e
#define SPRN_IVOR15	0x19f
#define SPRN_CCR1	0x378
#define SPRN_MMUCR	0x3b2
#define SPRN_CCR0	0x3b3

/* trap frame: 8 bytes of ABI header, then struct trap_frame */
#define F_GPR(n)	(8 + (n) * 4)
#define F_CR		(8 + 128)
#define F_LR		(8 + 132)
#define F_CTR		(8 + 136)
#define F_XER		(8 + 140)
#define F_SRR0		(8 + 144)
#define F_SRR1		(8 + 148)
#define F_ESR		(8 + 152)
#define F_DEAR		(8 + 156)
#define F_VEC		(8 + 160)
#define FRAME_SIZE	176

#endif
