// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The virtual 440 board: an AMCC Bamboo (440EP) as far as a Linux guest
 * can tell (docs/board.md). One table of MMIO devices and one of DCR
 * devices; an exit is dispatched to the device whose range holds the
 * address, as kvmtool does. Each device lives in its own file
 * (uart16550.c, uic.c); the CPR0/SDR0 indirect register pairs are small
 * enough to live here.
 *
 *   MMIO 0x0_ef600300  UART0, 8 bytes, UIC0 input 0 (the console)
 *   MMIO 0x0_ef600400  UART1, 8 bytes, UIC0 input 1 (nothing attached)
 *   DCR  0x0c/0x0d     CPR0 address/data (reads back what was written)
 *   DCR  0x0e/0x0f     SDR0 address/data (likewise)
 *   DCR  0xc0..0xc8    UIC0 -> the core's external and critical inputs
 *   DCR  0xd0..0xd8    UIC1 -> UIC0 inputs 30 (non-critical), 31 (critical)
 *
 * Any other DCR reads as 0 and ignores writes, and is reported once.
 *
 * UART0's simple accesses are answered by the module when it can
 * (KVM440_CAP_CONSOLE, lib/console_ring.c): kvm440_board_run() publishes
 * the UART's state before every RUN and replays the queued bytes through
 * the UART after it, so the output callback sees them as if they had been
 * MMIO exits (in one call per batch rather than one per byte).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_internal.h"

/* ---- indirect DCR pairs (CPR0, SDR0) -------------------------------- */

#define INDIRECT_REGS	32

struct indirect {
	uint32_t addr;
	unsigned int n;
	uint32_t key[INDIRECT_REGS], val[INDIRECT_REGS];
};

static uint32_t indirect_read(struct indirect *ind, unsigned int off)
{
	unsigned int i;

	if (off == 0)
		return ind->addr;
	for (i = 0; i < ind->n; i++)
		if (ind->key[i] == ind->addr)
			return ind->val[i];
	return 0;
}

static void indirect_write(struct indirect *ind, unsigned int off,
			   uint32_t v)
{
	unsigned int i;

	if (off == 0) {
		ind->addr = v;
		return;
	}
	for (i = 0; i < ind->n; i++)
		if (ind->key[i] == ind->addr)
			break;
	if (i == INDIRECT_REGS)
		return;		/* full: behaves as an unknown register */
	if (i == ind->n)
		ind->n++;
	ind->key[i] = ind->addr;
	ind->val[i] = v;
}

/* ---- the device tables ---------------------------------------------- */

struct mmio_dev {
	uint64_t base, size;
	uint8_t (*read)(void *dev, unsigned int off);
	void (*write)(void *dev, unsigned int off, uint8_t v);
	void *dev;
};

struct dcr_dev {
	uint32_t base, count;
	uint32_t (*read)(void *dev, unsigned int off);
	void (*write)(void *dev, unsigned int off, uint32_t v);
	void *dev;
};

#define MAX_MMIO	4
#define MAX_WIDE	8	/* devices with their own access widths */

struct wide_dev {
	uint64_t base, size;
	int (*access)(void *dev, uint64_t off, uint8_t *data, uint32_t len,
		      int is_write);
	void *dev;
};
#define MAX_DCR		8
#define NDCRS		1024	/* the 440's 10-bit DCR numbers */

struct kvm440_board {
	struct kvm440_board_ops ops;
	struct kvm440_uart *uart[2];
	struct kvm440_uic *uic[2];
	struct indirect cpr0, sdr0;
	struct mmio_dev mmio[MAX_MMIO];
	unsigned int nmmio;
	struct wide_dev wide[MAX_WIDE];
	unsigned int nwide;
	struct dcr_dev dcr[MAX_DCR];
	unsigned int ndcr;
	uint8_t dcr_logged[NDCRS / 8];
	struct kvm440_vm *vm;
	int line[2];		/* levels last given to the core */
	int pushed[2];		/* whether line[] reached the core */
	int irq_err;
	struct kvm440_error irq_msg;
	int console_fast;		/* may use the in-kernel console */
	struct kvm440_console_ring *con;	/* in use: the vCPU's shared state */
	int batching;			/* uart0_tx collects into txbuf */
	size_t txlen;
	uint8_t txbuf[256];
};

static void board_log(struct kvm440_board *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void board_log(struct kvm440_board *b, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!b->ops.log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	b->ops.log(b->ops.opaque, msg);
}

/* ---- interrupt wiring ------------------------------------------------ */

static void push_line(struct kvm440_board *b, uint32_t irq)
{
	int r;

	if (b->ops.irq_line)
		r = b->ops.irq_line(b->ops.opaque, irq, b->line[irq]);
	else if (b->vm)
		r = kvm440_vm_irq_line(b->vm, irq, b->line[irq], &b->irq_msg);
	else
		return;		/* pushed when a VM is attached */
	b->pushed[irq] = 1;
	if (r < 0 && !b->irq_err) {
		b->irq_err = r;
		if (b->ops.irq_line)
			snprintf(b->irq_msg.msg, sizeof(b->irq_msg.msg),
				 "cannot set interrupt line %" PRIu32 ": %s",
				 irq, strerror(-r));
	}
}

static void set_line(struct kvm440_board *b, uint32_t irq, int level)
{
	if (b->line[irq] == level && b->pushed[irq])
		return;
	b->line[irq] = level;
	push_line(b, irq);
}

static void uic0_out(void *opaque, int ext, int crit)
{
	struct kvm440_board *b = opaque;

	set_line(b, KVM440_IRQ_EXTERNAL, ext);
	set_line(b, KVM440_IRQ_CRITICAL, crit);
}

static void uic1_out(void *opaque, int ext, int crit)
{
	struct kvm440_board *b = opaque;

	kvm440_uic_set_input(b->uic[0], KVM440_BOARD_UIC1_IRQ, ext);
	kvm440_uic_set_input(b->uic[0], KVM440_BOARD_UIC1_IRQ + 1, crit);
}

static void uart0_irq(void *opaque, int level)
{
	struct kvm440_board *b = opaque;

	kvm440_uic_set_input(b->uic[0], KVM440_BOARD_UART0_IRQ, level);
}

static void uart1_irq(void *opaque, int level)
{
	struct kvm440_board *b = opaque;

	kvm440_uic_set_input(b->uic[0], KVM440_BOARD_UART1_IRQ, level);
}

static void tx_flush(struct kvm440_board *b)
{
	if (b->txlen && b->ops.console_out)
		b->ops.console_out(b->ops.opaque, b->txbuf, b->txlen);
	b->txlen = 0;
}

static void uart0_tx(void *opaque, uint8_t byte)
{
	struct kvm440_board *b = opaque;

	if (!b->batching) {
		if (b->ops.console_out)
			b->ops.console_out(b->ops.opaque, &byte, 1);
		return;
	}
	if (b->txlen == sizeof(b->txbuf))
		tx_flush(b);
	b->txbuf[b->txlen++] = byte;
}

/* ---- adapters from the tables to the devices ------------------------ */

static uint8_t uart_rd(void *dev, unsigned int off)
{
	return kvm440_uart_read(dev, off);
}

static void uart_wr(void *dev, unsigned int off, uint8_t v)
{
	kvm440_uart_write(dev, off, v);
}

static uint32_t uic_rd(void *dev, unsigned int off)
{
	return kvm440_uic_read(dev, off);
}

static void uic_wr(void *dev, unsigned int off, uint32_t v)
{
	kvm440_uic_write(dev, off, v);
}

static uint32_t ind_rd(void *dev, unsigned int off)
{
	return indirect_read(dev, off);
}

static void ind_wr(void *dev, unsigned int off, uint32_t v)
{
	indirect_write(dev, off, v);
}

static void add_mmio(struct kvm440_board *b, uint64_t base, uint64_t size,
		     uint8_t (*rd)(void *, unsigned int),
		     void (*wr)(void *, unsigned int, uint8_t), void *dev)
{
	b->mmio[b->nmmio++] = (struct mmio_dev){ base, size, rd, wr, dev };
}

static void add_dcr(struct kvm440_board *b, uint32_t base, uint32_t count,
		    uint32_t (*rd)(void *, unsigned int),
		    void (*wr)(void *, unsigned int, uint32_t), void *dev)
{
	b->dcr[b->ndcr++] = (struct dcr_dev){ base, count, rd, wr, dev };
}

int kvm440_board_create(const struct kvm440_board_ops *ops,
			struct kvm440_board **out, struct kvm440_error *err)
{
	struct kvm440_board *b = calloc(1, sizeof(*b));

	if (!b)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	if (ops)
		b->ops = *ops;
	b->console_fast = 1;
	if (!b->ops.name)
		b->ops.name = "guest";
	if (kvm440_uic_create(&b->uic[0], uic0_out, b) < 0 ||
	    kvm440_uic_create(&b->uic[1], uic1_out, b) < 0 ||
	    kvm440_uart_create(&b->uart[0], uart0_irq, uart0_tx, b) < 0 ||
	    kvm440_uart_create(&b->uart[1], uart1_irq, NULL, b) < 0) {
		kvm440_board_destroy(b);
		return kvm440_fail(err, -ENOMEM, "out of memory");
	}
	add_mmio(b, KVM440_BOARD_UART0, KVM440_BOARD_UART_SIZE, uart_rd,
		 uart_wr, b->uart[0]);
	add_mmio(b, KVM440_BOARD_UART1, KVM440_BOARD_UART_SIZE, uart_rd,
		 uart_wr, b->uart[1]);
	add_dcr(b, KVM440_BOARD_CPR0_DCR, 2, ind_rd, ind_wr, &b->cpr0);
	add_dcr(b, KVM440_BOARD_SDR0_DCR, 2, ind_rd, ind_wr, &b->sdr0);
	add_dcr(b, KVM440_BOARD_UIC0_DCR, KVM440_UIC_NREGS, uic_rd, uic_wr,
		b->uic[0]);
	add_dcr(b, KVM440_BOARD_UIC1_DCR, KVM440_UIC_NREGS, uic_rd, uic_wr,
		b->uic[1]);
	*out = b;
	return 0;
}

void kvm440_board_destroy(struct kvm440_board *b)
{
	if (!b)
		return;
	kvm440_uart_destroy(b->uart[0]);
	kvm440_uart_destroy(b->uart[1]);
	kvm440_uic_destroy(b->uic[0]);
	kvm440_uic_destroy(b->uic[1]);
	free(b);
}

/*
 * The UARTs are byte devices: a wider access touches consecutive
 * registers, first byte at the lowest address (big-endian bus).
 */
int kvm440_board_mmio(struct kvm440_board *b, uint64_t addr, uint8_t *data,
		      uint32_t len, int is_write)
{
	unsigned int i, j;

	if (len != 1 && len != 2 && len != 4)
		return -EINVAL;
	for (i = 0; i < b->nwide; i++) {
		struct wide_dev *w = &b->wide[i];

		if (addr >= w->base && addr - w->base < w->size &&
		    addr - w->base + len <= w->size)
			return w->access(w->dev, addr - w->base, data, len,
					 is_write);
	}
	for (i = 0; i < b->nmmio; i++) {
		struct mmio_dev *d = &b->mmio[i];

		if (addr < d->base || addr - d->base >= d->size ||
		    addr - d->base + len > d->size)
			continue;
		for (j = 0; j < len; j++) {
			unsigned int off = (unsigned int)(addr - d->base) + j;

			if (is_write)
				d->write(d->dev, off, data[j]);
			else
				data[j] = d->read(d->dev, off);
		}
		return 0;
	}
	return -ENODEV;
}

int kvm440_board_dcr(struct kvm440_board *b, uint32_t dcrn, uint32_t *data,
		     int is_write)
{
	unsigned int i;

	for (i = 0; i < b->ndcr; i++) {
		struct dcr_dev *d = &b->dcr[i];

		if (dcrn < d->base || dcrn - d->base >= d->count)
			continue;
		if (is_write)
			d->write(d->dev, dcrn - d->base, *data);
		else
			*data = d->read(d->dev, dcrn - d->base);
		return 0;
	}
	dcrn %= NDCRS;
	if (!(b->dcr_logged[dcrn / 8] & (1u << (dcrn % 8)))) {
		b->dcr_logged[dcrn / 8] |= 1u << (dcrn % 8);
		board_log(b, "guest '%s' %s unknown DCR 0x%03" PRIx32
			  " (reads as 0, writes ignored; reported once)",
			  b->ops.name, is_write ? "wrote" : "read", dcrn);
	}
	if (!is_write)
		*data = 0;
	return 0;
}

size_t kvm440_board_console_input(struct kvm440_board *b, const uint8_t *buf,
				  size_t len)
{
	return kvm440_uart_receive(b->uart[0], buf, len);
}

struct kvm440_uart *kvm440_board_uart(struct kvm440_board *b, unsigned int n)
{
	return n < 2 ? b->uart[n] : NULL;
}

struct kvm440_uic *kvm440_board_uic(struct kvm440_board *b, unsigned int n)
{
	return n < 2 ? b->uic[n] : NULL;
}

int kvm440_board_add_mmio(struct kvm440_board *b, uint64_t base,
			  uint64_t size,
			  int (*access)(void *dev, uint64_t off, uint8_t *data,
					uint32_t len, int is_write),
			  void *dev)
{
	if (b->nwide == MAX_WIDE)
		return -ENOSPC;
	b->wide[b->nwide++] = (struct wide_dev){ base, size, access, dev };
	return 0;
}

void kvm440_board_message(struct kvm440_board *b, const char *msg)
{
	board_log(b, "guest '%s': %s", b->ops.name, msg);
}

/* ---- for run.c ------------------------------------------------------ */

void kvm440_board_set_console_fast(struct kvm440_board *b, int on)
{
	b->console_fast = !!on;
}

/* The in-kernel console for UART0, if wanted and the module has it. */
static void console_attach(struct kvm440_board *b, struct kvm440_vm *vm)
{
	struct kvm440_console_ring *c = kvm440_vm_console(vm);
	struct kvm440_error err;

	b->con = NULL;
	if (!b->console_fast || !c || !kvm440_vm_has_cap(vm, KVM440_CAP_CONSOLE))
		return;
	if (kvm440_vm_set_console(vm, KVM440_BOARD_UART0, &err) < 0) {
		board_log(b, "guest '%s': console in the kernel: %s; every "
			  "console access exits instead", b->ops.name, err.msg);
		return;
	}
	b->con = c;
}

int kvm440_board_attach(struct kvm440_board *b, struct kvm440_vm *vm)
{
	b->vm = vm;
	b->pushed[0] = b->pushed[1] = 0;
	push_line(b, KVM440_IRQ_EXTERNAL);
	push_line(b, KVM440_IRQ_CRITICAL);
	console_attach(b, vm);
	return b->irq_err;
}

void kvm440_board_console_publish(struct kvm440_board *b)
{
	if (b->con)
		kvm440_console_publish(b->con, b->uart[0]);
}

void kvm440_board_console_drain(struct kvm440_board *b)
{
	if (!b->con)
		return;
	b->batching = 1;
	kvm440_console_drain(b->con, b->uart[0]);
	b->batching = 0;
	tx_flush(b);
}

void kvm440_board_console_hold(struct kvm440_board *b)
{
	if (b->con)
		b->con->allow = 0;
}

const char *kvm440_board_name(const struct kvm440_board *b)
{
	return b->ops.name;
}

int kvm440_board_irq_error(const struct kvm440_board *b, const char **msg)
{
	if (msg)
		*msg = b->irq_msg.msg;
	return b->irq_err;
}
