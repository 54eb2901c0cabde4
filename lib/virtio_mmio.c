// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The virtio-mmio transport, version 2 ("modern", virtio 1.x section
 * 4.2.2): a 0x200-byte register window per device, little-endian 32-bit
 * registers below 0x100 and the device's config space from 0x100. The
 * window is an ordinary MMIO range of the board, so the guest's accesses
 * arrive as MMIO exits; a QueueNotify write runs the device's work right
 * there, before the guest runs again, and the interrupt it raises goes
 * to the board's UIC as a level (InterruptStatus != 0) that the driver
 * lowers through InterruptACK.
 *
 * The data of an MMIO exit is the bytes in bus order, lowest address
 * first (the module byte-reverses lwbrx/stwbrx, which is how Linux's
 * readl/writel reach a little-endian device on PowerPC).
 *
 * A driver that breaks the rules (bad ring addresses here, a bad chain in
 * the device) gets NEEDS_RESET and a config-change interrupt, as section
 * 2.1.2 allows; the device then ignores its queues until the driver
 * writes status 0. Nothing a guest writes here can end the VM.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "virtio.h"

enum {
	REG_MAGIC = 0x000, REG_VERSION = 0x004, REG_DEVICE_ID = 0x008,
	REG_VENDOR_ID = 0x00c, REG_DEV_FEATURES = 0x010,
	REG_DEV_FEATURES_SEL = 0x014, REG_DRV_FEATURES = 0x020,
	REG_DRV_FEATURES_SEL = 0x024, REG_QUEUE_SEL = 0x030,
	REG_QUEUE_NUM_MAX = 0x034, REG_QUEUE_NUM = 0x038,
	REG_QUEUE_READY = 0x044, REG_QUEUE_NOTIFY = 0x050,
	REG_INT_STATUS = 0x060, REG_INT_ACK = 0x064, REG_STATUS = 0x070,
	REG_DESC_LO = 0x080, REG_DESC_HI = 0x084, REG_DRIVER_LO = 0x090,
	REG_DRIVER_HI = 0x094, REG_DEVICE_LO = 0x0a0, REG_DEVICE_HI = 0x0a4,
	REG_SHM_LEN_LO = 0x0b0, REG_SHM_LEN_HI = 0x0b4,
	REG_CONFIG_GEN = 0x0fc, REG_CONFIG = 0x100,
};

/* "KV44": whom the guest may thank */
#define VENDOR_ID	0x3434564bu

static void update_irq(struct kvm440_vmmio *t)
{
	if (t->irq)
		t->irq(t->opaque, t->isr != 0);
}

static void log_msg(struct kvm440_vmmio *t, const char *msg)
{
	if (t->log)
		t->log(t->opaque, msg);
}

void kvm440_vmmio_init(struct kvm440_vmmio *t, const struct kvm440_virtio_dev *d,
		       const struct kvm440_gmem *mem, const char *name,
		       void (*irq)(void *opaque, int level),
		       void (*log)(void *opaque, const char *msg),
		       void *opaque)
{
	memset(t, 0, sizeof(*t));
	t->d = *d;
	t->mem = mem;
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->irq = irq;
	t->log = log;
	t->opaque = opaque;
}

static void reset(struct kvm440_vmmio *t)
{
	t->status = t->isr = 0;
	t->dev_feat_sel = t->drv_feat_sel = t->queue_sel = 0;
	t->drv_features = 0;
	memset(t->vq, 0, sizeof(t->vq));
	t->broken_logged = 0;
	if (t->d.reset)
		t->d.reset(t->d.dev);
	update_irq(t);
}

void kvm440_vmmio_broken(struct kvm440_vmmio *t, const char *why)
{
	if (!t->broken_logged) {
		char msg[160];

		snprintf(msg, sizeof(msg), "virtio %s: %s; device needs a "
			 "reset (reported once)", t->name, why);
		log_msg(t, msg);
		t->broken_logged = 1;
	}
	if (t->status & VIRTIO_STATUS_NEEDS_RESET)
		return;
	t->status |= VIRTIO_STATUS_NEEDS_RESET;
	t->generation++;
	/* only a driver past DRIVER_OK listens for config changes */
	if (t->status & VIRTIO_STATUS_DRIVER_OK) {
		t->isr |= VIRTIO_INT_CONFIG;
		update_irq(t);
	}
}

int kvm440_vmmio_live(const struct kvm440_vmmio *t, unsigned int q)
{
	return (t->status & VIRTIO_STATUS_DRIVER_OK) &&
	       !(t->status & VIRTIO_STATUS_NEEDS_RESET) &&
	       q < t->d.nqueues && t->vq[q].ready;
}

void kvm440_vmmio_used(struct kvm440_vmmio *t, unsigned int q)
{
	if (!kvm440_vq_want_irq(&t->vq[q], t->mem))
		return;
	t->irqs++;
	t->isr |= VIRTIO_INT_USED;
	update_irq(t);
}

static struct kvm440_vq *cur_vq(struct kvm440_vmmio *t)
{
	return t->queue_sel < t->d.nqueues ? &t->vq[t->queue_sel] : NULL;
}

static uint32_t reg_read(struct kvm440_vmmio *t, unsigned int off)
{
	struct kvm440_vq *q = cur_vq(t);

	switch (off) {
	case REG_MAGIC:
		return VIRTIO_MMIO_MAGIC;
	case REG_VERSION:
		return 2;
	case REG_DEVICE_ID:
		return t->d.device_id;
	case REG_VENDOR_ID:
		return VENDOR_ID;
	case REG_DEV_FEATURES:
		return t->dev_feat_sel < 2 ?
		       (uint32_t)(t->d.features >> (32 * t->dev_feat_sel)) : 0;
	case REG_QUEUE_NUM_MAX:
		return q ? t->d.queue_max : 0;
	case REG_QUEUE_READY:
		return q ? (uint32_t)q->ready : 0;
	case REG_INT_STATUS:
		return t->isr;
	case REG_STATUS:
		return t->status;
	case REG_SHM_LEN_LO:
	case REG_SHM_LEN_HI:
		return 0xffffffffu;	/* no shared memory regions */
	case REG_CONFIG_GEN:
		return t->generation;
	default:
		return 0;
	}
}

static void set_half(uint64_t *v, int high, uint32_t val)
{
	if (high)
		*v = (*v & 0xffffffffull) | (uint64_t)val << 32;
	else
		*v = (*v & ~0xffffffffull) | val;
}

static void queue_ready(struct kvm440_vmmio *t, struct kvm440_vq *q,
			uint32_t val)
{
	const char *why;

	if (!val) {
		q->ready = 0;
		return;
	}
	if (q->ready)
		return;		/* again: the ring's position is kept */
	if (kvm440_vq_check(q, t->mem, &why) < 0) {
		kvm440_vmmio_broken(t, why);
		return;
	}
	q->last_avail = q->used_idx = 0;
	q->ready = 1;
}

static void set_status(struct kvm440_vmmio *t, uint32_t val)
{
	uint64_t want = t->drv_features;

	if (val == 0) {
		reset(t);
		return;
	}
	/* FEATURES_OK sticks only for a subset of ours with VERSION_1 */
	if ((val & VIRTIO_STATUS_FEATURES_OK) &&
	    !(t->status & VIRTIO_STATUS_FEATURES_OK) &&
	    ((want & ~t->d.features) ||
	     !(want & (1ull << VIRTIO_F_VERSION_1))))
		val &= ~(uint32_t)VIRTIO_STATUS_FEATURES_OK;
	t->status = (t->status & VIRTIO_STATUS_NEEDS_RESET) |
		    (val & 0xff & ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET);
}

static void reg_write(struct kvm440_vmmio *t, unsigned int off, uint32_t val)
{
	struct kvm440_vq *q = cur_vq(t);

	switch (off) {
	case REG_DEV_FEATURES_SEL:
		t->dev_feat_sel = val;
		break;
	case REG_DRV_FEATURES:
		if (t->drv_feat_sel < 2 &&
		    !(t->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&t->drv_features, (int)t->drv_feat_sel, val);
		break;
	case REG_DRV_FEATURES_SEL:
		t->drv_feat_sel = val;
		break;
	case REG_QUEUE_SEL:
		t->queue_sel = val;
		break;
	case REG_QUEUE_NUM:
		if (q && !q->ready)
			q->num = val <= t->d.queue_max ? (uint16_t)val : 0;
		break;
	case REG_QUEUE_READY:
		if (q)
			queue_ready(t, q, val);
		break;
	case REG_QUEUE_NOTIFY:
		t->notifies++;
		if (kvm440_vmmio_live(t, val) && t->d.notify)
			t->d.notify(t->d.dev, t, val);
		break;
	case REG_INT_ACK:
		t->isr &= ~val;
		update_irq(t);
		break;
	case REG_STATUS:
		set_status(t, val);
		break;
	case REG_DESC_LO:
	case REG_DESC_HI:
		if (q && !q->ready)
			set_half(&q->desc, off == REG_DESC_HI, val);
		break;
	case REG_DRIVER_LO:
	case REG_DRIVER_HI:
		if (q && !q->ready)
			set_half(&q->avail, off == REG_DRIVER_HI, val);
		break;
	case REG_DEVICE_LO:
	case REG_DEVICE_HI:
		if (q && !q->ready)
			set_half(&q->used, off == REG_DEVICE_HI, val);
		break;
	default:
		break;		/* read-only or unknown: ignored */
	}
}

int kvm440_vmmio_access(struct kvm440_vmmio *t, uint64_t off, uint8_t *data,
			uint32_t len, int is_write)
{
	uint32_t j;

	if (len != 1 && len != 2 && len != 4)
		return -EINVAL;
	if (off >= REG_CONFIG) {
		/* config space: bytes as they lie, any width */
		for (j = 0; j < len; j++) {
			uint64_t o = off - REG_CONFIG + j;

			if (is_write)
				continue;	/* nothing writable offered */
			data[j] = o < t->d.config_len ? t->d.config[o] : 0;
		}
		return 0;
	}
	if (len != 4 || (off & 3)) {
		/* registers are 32-bit only (4.2.2.2): read 0, drop writes */
		if (!is_write)
			memset(data, 0, len);
		return 0;
	}
	if (is_write)
		reg_write(t, (unsigned int)off, le32_get(data));
	else
		le32_put(data, reg_read(t, (unsigned int)off));
	return 0;
}
