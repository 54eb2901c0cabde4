// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Userspace's half of the in-kernel console (KVM440_SET_CONSOLE,
 * docs/api.md): before every RUN, tell the kernel whether the UART's
 * model allows it to answer THR/LSR/IER accesses and with what; after
 * every RUN, before the exit is handled, replay the bytes the kernel
 * queued as THR writes, so the model and its output callback see exactly
 * what the MMIO exits would have shown them, in the same order.
 */
#include "internal.h"

void kvm440_console_publish(struct kvm440_console_ring *c,
			    const struct kvm440_uart *uart)
{
	uint8_t lsr, ier;
	int allow = kvm440_uart_fast_state(uart, &lsr, &ier);

	c->lsr = lsr;
	c->ier = ier;
	c->allow = (uint32_t)allow;
}

size_t kvm440_console_drain(struct kvm440_console_ring *c,
			    struct kvm440_uart *uart)
{
	uint32_t head = c->head, tail = c->tail, n = head - tail;

	/* the kernel never queues more than the ring holds */
	if (n > KVM440_CONSOLE_RING) {
		n = KVM440_CONSOLE_RING;
		tail = head - n;
	}
	for (; tail != head; tail++)
		kvm440_uart_write(uart, 0,
				  c->buf[tail & (KVM440_CONSOLE_RING - 1)]);
	c->tail = tail;
	return n;
}
