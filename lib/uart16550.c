// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A 16550A UART as the 440EP has them on its OPB: eight byte registers,
 * a 16-byte receive FIFO, no transmit delay (a written byte is on the wire
 * at once, so THR and the shifter are always empty again by the next
 * access) and the interrupt conditions of the data sheet, in priority:
 * line status (OE/PE/FE/BI, IER[RLSI]), received data (IER[RDI]; at the
 * FIFO trigger level, or as a character timeout below it), THR empty
 * (IER[THRI]; cleared by reading IIR or writing THR), modem status
 * (IER[MSI]). Loopback (MCR[LOOP]) turns THR into RBR and the MCR
 * outputs into the MSR inputs, which is what Linux's 8250 probe tests.
 * Outside loopback the modem lines say "connected": DCD, DSR and CTS.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* register offsets */
enum { RBR_THR_DLL, IER_DLM, IIR_FCR, LCR, MCR, LSR, MSR, SCR };

#define IER_RDI		0x01
#define IER_THRI	0x02
#define IER_RLSI	0x04
#define IER_MSI		0x08
#define IIR_NO_INT	0x01
#define IIR_MSI		0x00
#define IIR_THRI	0x02
#define IIR_RDI		0x04
#define IIR_RLSI	0x06
#define IIR_TIMEOUT	0x0c
#define IIR_FIFO	0xc0
#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_TRIGGER	0xc0
#define LCR_DLAB	0x80
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT1	0x04
#define MCR_OUT2	0x08
#define MCR_LOOP	0x10
#define LSR_DR		0x01
#define LSR_OE		0x02
#define LSR_PE		0x04
#define LSR_FE		0x08
#define LSR_BI		0x10
#define LSR_THRE	0x20
#define LSR_TEMT	0x40
#define LSR_ERRORS	(LSR_OE | LSR_PE | LSR_FE | LSR_BI)
#define MSR_DCTS	0x01
#define MSR_DDSR	0x02
#define MSR_TERI	0x04
#define MSR_DDCD	0x08
#define MSR_CTS		0x10
#define MSR_DSR		0x20
#define MSR_RI		0x40
#define MSR_DCD		0x80

struct kvm440_uart {
	uint8_t fifo[KVM440_UART_FIFO];
	unsigned int head, count;
	uint8_t ier, fcr, lcr, mcr, lsr, scr, dll, dlm;
	uint8_t msr_lines;	/* the status half of MSR as last seen */
	uint8_t msr_delta;	/* DCTS, DDSR, TERI, DDCD */
	int thr_ipending;
	int level;
	void (*irq)(void *opaque, int level);
	void (*tx)(void *opaque, uint8_t byte);
	void *opaque;
};

static unsigned int fifo_cap(const struct kvm440_uart *u)
{
	return (u->fcr & FCR_ENABLE) ? KVM440_UART_FIFO : 1;
}

static unsigned int trigger_level(const struct kvm440_uart *u)
{
	static const unsigned int levels[] = { 1, 4, 8, 14 };

	return levels[(u->fcr & FCR_TRIGGER) >> 6];
}

/* The modem status inputs as the UART sees them now. */
static uint8_t modem_lines(const struct kvm440_uart *u)
{
	uint8_t m = 0;

	if (!(u->mcr & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	if (u->mcr & MCR_DTR)
		m |= MSR_DSR;
	if (u->mcr & MCR_RTS)
		m |= MSR_CTS;
	if (u->mcr & MCR_OUT1)
		m |= MSR_RI;
	if (u->mcr & MCR_OUT2)
		m |= MSR_DCD;
	return m;
}

static void update_modem(struct kvm440_uart *u)
{
	uint8_t now = modem_lines(u), diff = now ^ u->msr_lines;

	if (diff & MSR_CTS)
		u->msr_delta |= MSR_DCTS;
	if (diff & MSR_DSR)
		u->msr_delta |= MSR_DDSR;
	if ((diff & MSR_RI) && !(now & MSR_RI))
		u->msr_delta |= MSR_TERI;
	if (diff & MSR_DCD)
		u->msr_delta |= MSR_DDCD;
	u->msr_lines = now;
}

static uint8_t iir(const struct kvm440_uart *u)
{
	uint8_t fifo = (u->fcr & FCR_ENABLE) ? IIR_FIFO : 0;

	if ((u->ier & IER_RLSI) && (u->lsr & LSR_ERRORS))
		return fifo | IIR_RLSI;
	if ((u->ier & IER_RDI) && u->count) {
		if (!(u->fcr & FCR_ENABLE) || u->count >= trigger_level(u))
			return fifo | IIR_RDI;
		return fifo | IIR_TIMEOUT;
	}
	if ((u->ier & IER_THRI) && u->thr_ipending)
		return fifo | IIR_THRI;
	if ((u->ier & IER_MSI) && u->msr_delta)
		return fifo | IIR_MSI;
	return fifo | IIR_NO_INT;
}

static void update_irq(struct kvm440_uart *u)
{
	int level = !(iir(u) & IIR_NO_INT);

	if (level != u->level) {
		u->level = level;
		if (u->irq)
			u->irq(u->opaque, level);
	}
}

static void rx_push(struct kvm440_uart *u, uint8_t byte)
{
	if (u->count >= fifo_cap(u)) {
		u->lsr |= LSR_OE;
		return;
	}
	u->fifo[(u->head + u->count) % KVM440_UART_FIFO] = byte;
	u->count++;
	u->lsr |= LSR_DR;
}

static void rx_clear(struct kvm440_uart *u)
{
	u->head = u->count = 0;
	u->lsr &= ~LSR_DR;
}

int kvm440_uart_create(struct kvm440_uart **out,
		       void (*irq)(void *opaque, int level),
		       void (*tx)(void *opaque, uint8_t byte), void *opaque)
{
	struct kvm440_uart *u = calloc(1, sizeof(*u));

	if (!u)
		return -ENOMEM;
	u->irq = irq;
	u->tx = tx;
	u->opaque = opaque;
	u->lsr = LSR_THRE | LSR_TEMT;
	u->msr_lines = modem_lines(u);
	*out = u;
	return 0;
}

void kvm440_uart_destroy(struct kvm440_uart *u)
{
	free(u);
}

uint8_t kvm440_uart_read(struct kvm440_uart *u, unsigned int reg)
{
	uint8_t v = 0;

	switch (reg) {
	case RBR_THR_DLL:
		if (u->lcr & LCR_DLAB)
			return u->dll;
		if (u->count) {
			v = u->fifo[u->head];
			u->head = (u->head + 1) % KVM440_UART_FIFO;
			if (--u->count == 0)
				u->lsr &= ~LSR_DR;
		}
		break;
	case IER_DLM:
		return (u->lcr & LCR_DLAB) ? u->dlm : u->ier;
	case IIR_FCR:
		v = iir(u);
		if ((v & 0x0f) == IIR_THRI)
			u->thr_ipending = 0;
		break;
	case LCR:
		return u->lcr;
	case MCR:
		return u->mcr;
	case LSR:
		v = u->lsr;
		u->lsr &= ~LSR_ERRORS;
		break;
	case MSR:
		update_modem(u);
		v = u->msr_lines | u->msr_delta;
		u->msr_delta = 0;
		break;
	case SCR:
		return u->scr;
	default:
		return 0xff;
	}
	update_irq(u);
	return v;
}

void kvm440_uart_write(struct kvm440_uart *u, unsigned int reg, uint8_t val)
{
	uint8_t old;

	switch (reg) {
	case RBR_THR_DLL:
		if (u->lcr & LCR_DLAB) {
			u->dll = val;
			return;
		}
		if (u->mcr & MCR_LOOP)
			rx_push(u, val);
		else if (u->tx)
			u->tx(u->opaque, val);
		/* sent at once: THR is empty again */
		u->thr_ipending = 1;
		break;
	case IER_DLM:
		if (u->lcr & LCR_DLAB) {
			u->dlm = val;
			return;
		}
		old = u->ier;
		u->ier = val & 0x0f;
		if ((old ^ u->ier) & IER_THRI)
			u->thr_ipending = (u->ier & IER_THRI) &&
					  (u->lsr & LSR_THRE);
		break;
	case IIR_FCR:
		if ((val ^ u->fcr) & FCR_ENABLE)
			rx_clear(u);
		else if (val & FCR_CLEAR_RX)
			rx_clear(u);
		u->fcr = val & (FCR_ENABLE | FCR_TRIGGER);
		if (!(u->fcr & FCR_ENABLE))
			u->fcr = 0;
		break;
	case LCR:
		u->lcr = val;
		return;
	case MCR:
		u->mcr = val & 0x1f;
		update_modem(u);
		break;
	case SCR:
		u->scr = val;
		return;
	default:	/* LSR, MSR: factory test only */
		return;
	}
	update_irq(u);
}

size_t kvm440_uart_rx_room(const struct kvm440_uart *u)
{
	unsigned int cap = fifo_cap(u);

	return u->count < cap ? cap - u->count : 0;
}

size_t kvm440_uart_receive(struct kvm440_uart *u, const uint8_t *buf,
			   size_t len)
{
	size_t n = 0;

	/* In loopback the line is disconnected from the outside. */
	if (u->mcr & MCR_LOOP)
		return 0;
	while (n < len && kvm440_uart_rx_room(u))
		rx_push(u, buf[n++]);
	if (n)
		update_irq(u);
	return n;
}

int kvm440_uart_irq_level(const struct kvm440_uart *u)
{
	return u->level;
}

/*
 * In-kernel console (lib/console_ring.c): a THR write only transmits, and
 * LSR and IER reads and an IER write of its own value change nothing,
 * unless the divisor latch is selected, the UART loops back, THR-empty
 * interrupts are enabled (a write must raise one), data waits in the
 * receive FIFO (LSR[DR]) or a line error waits to be read.
 */
int kvm440_uart_fast_state(const struct kvm440_uart *u, uint8_t *lsr,
			   uint8_t *ier)
{
	*lsr = u->lsr;
	*ier = u->ier;
	return !(u->lcr & LCR_DLAB) && !(u->mcr & MCR_LOOP) &&
	       !(u->ier & IER_THRI) && !u->count && !(u->lsr & LSR_ERRORS);
}
