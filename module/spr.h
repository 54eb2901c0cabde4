/* SPDX-License-Identifier: GPL-2.0 */
/* SPR numbers the emulation knows, as the guest's mfspr/mtspr encode them. */
#ifndef KVM440_SPR_H
#define KVM440_SPR_H

#define SPR_DEC		0x016
#define SPR_SRR0	0x01a
#define SPR_SRR1	0x01b
#define SPR_PID		0x030
#define SPR_DECAR	0x036
#define SPR_CSRR0	0x03a
#define SPR_CSRR1	0x03b
#define SPR_DEAR	0x03d
#define SPR_ESR		0x03e
#define SPR_IVPR	0x03f
#define SPR_SPRG3R	0x103
#define SPR_SPRG4R	0x104
#define SPR_SPRG7R	0x107
#define SPR_SPRG0	0x110
#define SPR_SPRG7	0x117
#define SPR_TBWL	0x11c
#define SPR_TBWU	0x11d
#define SPR_PIR		0x11e
#define SPR_PVR		0x11f
#define SPR_DBSR	0x130
#define SPR_DBCR0	0x134
#define SPR_DBCR1	0x135
#define SPR_DVC2	0x13f	/* DBCR1/2, IAC1-4, DAC1-2, DVC1-2 up to here */
#define SPR_TSR		0x150
#define SPR_TCR		0x154
#define SPR_IVOR0	0x190
#define SPR_IVOR15	0x19f
#define SPR_MCSRR0	0x23a
#define SPR_MCSRR1	0x23b
#define SPR_MCSR	0x23c
#define SPR_CCR1	0x378
#define SPR_MMUCR	0x3b2
#define SPR_CCR0	0x3b3

#endif
