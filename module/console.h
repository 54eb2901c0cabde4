/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console fast path's decision for one guest access: the pure part
 * (no kernel calls), so the Check unit tests drive the very code the
 * module runs against libkvm440's side of the ring
 * (tests/unit/test_console.c). console.c wires it to MMIO exits.
 *
 * The kernel never knows the 16550's state: userspace publishes, before
 * every RUN, whether the answers below are exactly what its model would
 * give (struct kvm440_console_ring, uapi/linux/kvm440.h), and the state
 * cannot change during RUN except through accesses that exit. Every field
 * the kernel reads from the shared page is read once and bounds-checked by
 * construction (the ring index is masked), so userspace scribbling on it
 * can only confuse its own console.
 */
#ifndef KVM440_CONSOLE_H
#define KVM440_CONSOLE_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/types.h>
#endif
#include "../uapi/linux/kvm440.h"

/* 16550 register offsets the fast path answers */
#define KVM440_CONSOLE_THR	0
#define KVM440_CONSOLE_IER	1
#define KVM440_CONSOLE_LSR	5

/* The module's own state for the ring. */
struct kvm440_console_own {
	u32 head;	/* bytes put in the ring; the page's copy is published */
	bool polled;	/* the last access answered was an LSR read */
};

enum kvm440_console_act {
	KVM440_CONSOLE_PASS,	/* not ours: an MMIO exit as always */
	KVM440_CONSOLE_DONE,	/* answered: resume the guest */
	KVM440_CONSOLE_FLUSH,	/* answered: exit so userspace drains */
};

static inline enum kvm440_console_act
kvm440_console_thr(struct kvm440_console_ring *c,
		   struct kvm440_console_own *own, u8 byte)
{
	u32 used = own->head - READ_ONCE(c->tail);

	if (used >= KVM440_CONSOLE_RING)	/* full, or a bad tail */
		return KVM440_CONSOLE_PASS;
	c->buf[own->head & (KVM440_CONSOLE_RING - 1)] = byte;
	WRITE_ONCE(c->head, ++own->head);
	/* a whole line is worth showing now; a full ring must drain */
	return byte == '\n' || used + 1 == KVM440_CONSOLE_RING ?
		KVM440_CONSOLE_FLUSH : KVM440_CONSOLE_DONE;
}

/*
 * A one-byte access to register @reg: a store of *@val, or a load that
 * gets its value in *@val.
 */
static inline enum kvm440_console_act
kvm440_console_access(struct kvm440_console_ring *c,
		      struct kvm440_console_own *own, unsigned int reg,
		      bool store, u8 *val)
{
	bool polled = own->polled;

	if (!READ_ONCE(c->allow))
		return KVM440_CONSOLE_PASS;
	own->polled = false;
	switch (reg) {
	case KVM440_CONSOLE_THR:
		if (store)	/* RBR reads: received data is userspace's */
			return kvm440_console_thr(c, own, *val);
		break;
	case KVM440_CONSOLE_IER:
		/* Linux's console write clears IER and restores it */
		if (!store) {
			*val = READ_ONCE(c->ier);
			return KVM440_CONSOLE_DONE;
		}
		if (*val == READ_ONCE(c->ier))
			return KVM440_CONSOLE_DONE;
		break;
	case KVM440_CONSOLE_LSR:
		if (store)
			break;
		*val = READ_ONCE(c->lsr);
		own->polled = true;
		/*
		 * A transmitter reads LSR once per byte or burst; reading it
		 * again with nothing written in between is waiting for
		 * input, maybe after a prompt with no '\n': show it now.
		 */
		if (polled && own->head != READ_ONCE(c->tail))
			return KVM440_CONSOLE_FLUSH;
		return KVM440_CONSOLE_DONE;
	default:
		break;
	}
	return KVM440_CONSOLE_PASS;
}

#endif
