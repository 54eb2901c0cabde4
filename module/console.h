/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console fast path's decision for one guest access: the pure part
 * (no kernel calls), so the Check unit tests drive the very code the
 * module runs against libkvm440's side of the ring
 * (tests/unit/test_console.c). console.c wires it to MMIO exits.
 *
 * The kernel never knows the 16550's state: userspace publishes, before
 * every RUN, whether the answers below are exactly what its model would
 * give (struct kvm440_console_ring, uapi/linux/kvm440.h), and the state cannot
 * change during RUN except through accesses that exit. Everything the
 * kernel reads from the shared page is read once and bounds-checked by
 * construction (the ring index is masked), so userspace scribbling on it
 * can only confuse its own console.
 */
#ifndef KVM440_CONSOLE_H
#define KVM440_CONSOLE_H

#include "../uapi/linux/kvm440.h"

/* 16550 register offsets the fast path answers */
#define KVM440_CONSOLE_THR	0
#define KVM440_CONSOLE_IER	1
#define KVM440_CONSOLE_LSR	5

enum kvm440_console_act {
	KVM440_CONSOLE_PASS,	/* not ours: an MMIO exit as always */
	KVM440_CONSOLE_DONE,	/* answered: resume the guest */
	KVM440_CONSOLE_FLUSH,	/* answered: exit so userspace drains */
};

/*
 * A one-byte access to register @reg: a store of *@val, or a load that
 * gets its value in *@val. @head is the kernel's own count of bytes put
 * in the ring (the shared copy is only published).
 */
static inline enum kvm440_console_act
kvm440_console_access(struct kvm440_console_ring *c, u32 *head, unsigned int reg,
		      bool store, u8 *val)
{
	u32 used;

	if (!READ_ONCE(c->allow))
		return KVM440_CONSOLE_PASS;
	switch (reg) {
	case KVM440_CONSOLE_THR:
		if (!store)	/* RBR: received data is userspace's */
			return KVM440_CONSOLE_PASS;
		used = *head - READ_ONCE(c->tail);
		if (used >= KVM440_CONSOLE_RING)	/* full, or a bad tail */
			return KVM440_CONSOLE_PASS;
		c->buf[*head & (KVM440_CONSOLE_RING - 1)] = *val;
		WRITE_ONCE(c->head, ++*head);
		/* a whole line is worth showing now; a full ring must drain */
		return *val == '\n' || used + 1 == KVM440_CONSOLE_RING ?
			KVM440_CONSOLE_FLUSH : KVM440_CONSOLE_DONE;
	case KVM440_CONSOLE_IER:
		/* Linux's console write clears IER and restores it */
		if (store)
			return *val == READ_ONCE(c->ier) ? KVM440_CONSOLE_DONE :
							   KVM440_CONSOLE_PASS;
		*val = READ_ONCE(c->ier);
		return KVM440_CONSOLE_DONE;
	case KVM440_CONSOLE_LSR:
		if (store)
			return KVM440_CONSOLE_PASS;
		*val = READ_ONCE(c->lsr);
		return KVM440_CONSOLE_DONE;
	default:
		return KVM440_CONSOLE_PASS;
	}
}

#endif
