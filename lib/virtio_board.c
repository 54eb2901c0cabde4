// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The board's virtio devices (docs/board.md): one virtio-mmio window per
 * `disk` line of guest.cfg, in order, then one for `net`. Device n sits
 * at KVM440_BOARD_VIRTIO_BASE + n * KVM440_BOARD_VIRTIO_STRIDE and drives
 * UIC0 input KVM440_BOARD_VIRTIO_IRQ + n (level, active high); the guest
 * learns both from a "virtio,mmio" node under /plb, which 44x Linux
 * probes as a platform device. Disks become vda, vdb, ... in that order.
 *
 * The TAP device is watched by a thread of its own, which only calls the
 * caller's kick (to interrupt KVM440_RUN) until the run loop has called
 * kvm440_virtio_poll(); every device is served on the run loop's thread,
 * so nothing here needs a lock.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <libfdt.h>

#include "board_internal.h"
#include "config.h"
#include "virtio.h"

#define MAX_DEVS	(KVM440_MAX_DISKS + 1)

struct vdev {
	struct kvm440_vmmio t;
	struct kvm440_virtio *v;
	unsigned int irq;		/* UIC0 input */
	struct kvm440_vblk *blk;
	struct kvm440_vnet *net;
};

struct kvm440_virtio {
	struct kvm440_gmem mem;
	struct kvm440_board *board;
	unsigned int n;
	struct vdev dev[MAX_DEVS];
	struct vdev *net;
	/* the TAP watcher */
	pthread_t thread;
	int have_thread;
	int rearm_fd;			/* eventfd: watch the TAP again */
	atomic_int pending;		/* frames wait: serve them */
	atomic_int quit;
	int unarmed;			/* the watcher waits for a rearm */
	void (*kick)(void *opaque);
	void *kick_opaque;
};

static void dev_irq(void *opaque, int level)
{
	struct vdev *d = opaque;

	if (d->v->board)
		kvm440_uic_set_input(kvm440_board_uic(d->v->board, 0),
				     d->irq, level);
}

static void dev_log(void *opaque, const char *msg)
{
	struct vdev *d = opaque;

	if (d->v->board)
		kvm440_board_message(d->v->board, msg);
}

static int dev_access(void *opaque, uint64_t off, uint8_t *data, uint32_t len,
		      int is_write)
{
	struct vdev *d = opaque;

	return kvm440_vmmio_access(&d->t, off, data, len, is_write);
}

unsigned int kvm440_virtio_count(const struct kvm440_config *cfg)
{
	return cfg->ndisks + (cfg->net.line ? 1 : 0);
}

int kvm440_virtio_create(const struct kvm440_config *cfg, struct kvm440_vm *vm,
			 struct kvm440_virtio **out, struct kvm440_error *err)
{
	struct kvm440_gmem mem;

	if (kvm440_vm_ram0(vm, &mem) < 0)
		return kvm440_fail(err, -EINVAL, "virtio: the VM has no RAM "
				   "at guest physical 0");
	return kvm440_virtio_open(cfg, kvm440_config_file(cfg), &mem, out,
				  err);
}

int kvm440_virtio_open(const struct kvm440_config *cfg, const char *file,
		       const struct kvm440_gmem *mem,
		       struct kvm440_virtio **out, struct kvm440_error *err)
{
	struct kvm440_virtio *v = calloc(1, sizeof(*v));
	struct kvm440_virtio_dev d;
	struct kvm440_error e;
	unsigned int i;
	char name[8];

	if (!v)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	v->mem = *mem;
	v->rearm_fd = -1;
	for (i = 0; i < cfg->ndisks; i++) {
		const struct kvm440_disk_cfg *dc = &cfg->disk[i];
		struct vdev *vd = &v->dev[v->n];
		int r = kvm440_vblk_open(dc->path, dc->ro, &vd->blk, &d, &e);

		if (r < 0) {
			kvm440_virtio_destroy(v);
			return kvm440_fail(err, r, "%s:%u: disk: %s", file,
					   dc->line, e.msg);
		}
		snprintf(name, sizeof(name), "vd%c", 'a' + i);
		vd->v = v;
		vd->irq = KVM440_BOARD_VIRTIO_IRQ + v->n;
		kvm440_vmmio_init(&vd->t, &d, &v->mem, name, dev_irq, dev_log,
				  vd);
		v->n++;
	}
	if (cfg->net.line) {
		struct vdev *vd = &v->dev[v->n];
		int r = kvm440_vnet_open(cfg->net.tap, cfg->net.mac, &vd->net,
					 &d, &e);

		if (r < 0) {
			kvm440_virtio_destroy(v);
			return kvm440_fail(err, r, "%s:%u: net: %s", file,
					   cfg->net.line, e.msg);
		}
		vd->v = v;
		vd->irq = KVM440_BOARD_VIRTIO_IRQ + v->n;
		kvm440_vmmio_init(&vd->t, &d, &v->mem, cfg->net.tap, dev_irq,
				  dev_log, vd);
		v->net = vd;
		v->n++;
	}
	*out = v;
	return 0;
}

static int fdt_err(struct kvm440_error *err, const char *what, int r)
{
	return kvm440_fail(err, -EINVAL, "device tree: virtio: %s: %s", what,
			   fdt_strerror(r));
}

/* reg (address cells of /plb, then one size cell) */
static int set_reg(void *fdt, int node, int ac, int sc, uint64_t base)
{
	fdt32_t reg[4];
	int n = 0;

	if (ac == 2)
		reg[n++] = cpu_to_fdt32((uint32_t)(base >> 32));
	reg[n++] = cpu_to_fdt32((uint32_t)base);
	if (sc == 2)
		reg[n++] = 0;
	reg[n++] = cpu_to_fdt32(VIRTIO_MMIO_SIZE);
	return fdt_setprop(fdt, node, "reg", reg, n * (int)sizeof(reg[0]));
}

int kvm440_virtio_fdt_nodes(unsigned int n, void **dtb, size_t *len,
			    struct kvm440_error *err)
{
	size_t size;
	void *fdt;
	int plb, uic, ac, sc, r;
	uint32_t phandle;
	unsigned int i;

	if (!n)
		return 0;
	size = fdt_totalsize(*dtb) + 256 * n + 256;
	fdt = malloc(size);
	if (!fdt)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	r = fdt_open_into(*dtb, fdt, (int)size);
	if (r < 0)
		goto bad_r;
	plb = fdt_node_offset_by_compatible(fdt, -1, "ibm,plb4");
	uic = fdt_node_offset_by_compatible(fdt, -1, "ibm,uic");
	if (plb < 0 || uic < 0) {
		free(fdt);
		return kvm440_fail(err, -EINVAL, "device tree: virtio devices "
				   "need a /plb (ibm,plb4) node and a UIC "
				   "(ibm,uic)");
	}
	phandle = fdt_get_phandle(fdt, uic);
	ac = fdt_address_cells(fdt, plb);
	sc = fdt_size_cells(fdt, plb);
	if (!phandle || ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		free(fdt);
		return kvm440_fail(err, -EINVAL, "device tree: virtio: the "
				   "UIC has no phandle or /plb has odd cells");
	}
	/* a new subnode goes first: add the last device first */
	for (i = n; i-- > 0;) {
		uint64_t base = KVM440_BOARD_VIRTIO_BASE +
				(uint64_t)i * KVM440_BOARD_VIRTIO_STRIDE;
		char name[40];
		int node;

		snprintf(name, sizeof(name), "virtio@%" PRIx64, base);
		node = fdt_add_subnode(fdt, plb, name);
		if (node < 0) {
			r = node;
			goto bad_r;
		}
		if ((r = fdt_setprop_string(fdt, node, "compatible",
					    "virtio,mmio")) < 0 ||
		    (r = set_reg(fdt, node, ac, sc, base)) < 0 ||
		    (r = fdt_setprop_u32(fdt, node, "interrupt-parent",
					 phandle)) < 0 ||
		    (r = fdt_setprop_u32(fdt, node, "interrupts",
					 KVM440_BOARD_VIRTIO_IRQ + i)) < 0 ||
		    (r = fdt_appendprop_u32(fdt, node, "interrupts", 4)) < 0)
			goto bad_r;
	}
	fdt_pack(fdt);
	free(*dtb);
	*dtb = fdt;
	*len = fdt_totalsize(fdt);
	return 0;
bad_r:
	free(fdt);
	return fdt_err(err, "adding the nodes", r);
}

/* ---- the TAP watcher ------------------------------------------------- */

static void *watch(void *arg)
{
	struct kvm440_virtio *v = arg;
	struct pollfd p[2] = {
		{ .fd = kvm440_vnet_fd(v->net->net), .events = POLLIN },
		{ .fd = v->rearm_fd, .events = POLLIN },
	};
	int armed = 1;

	while (!atomic_load(&v->quit)) {
		uint64_t x;

		p[0].fd = armed ? kvm440_vnet_fd(v->net->net) : -1;
		if (poll(p, 2, 100) < 0)
			continue;
		if (p[1].revents & POLLIN) {
			if (read(v->rearm_fd, &x, sizeof(x)) == sizeof(x))
				armed = 1;
		}
		if (!armed || !(p[0].revents & POLLIN))
			continue;
		/* frames wait: until the run loop serves them, kick it */
		armed = 0;
		atomic_store(&v->pending, 1);
		while (atomic_load(&v->pending) && !atomic_load(&v->quit)) {
			v->kick(v->kick_opaque);
			usleep(2000);
		}
	}
	return NULL;
}

int kvm440_virtio_attach(struct kvm440_virtio *v, struct kvm440_board *board,
			 void (*kick)(void *opaque), void *opaque,
			 struct kvm440_error *err)
{
	unsigned int i;

	if (!v)
		return 0;
	v->board = board;
	for (i = 0; i < v->n; i++) {
		uint64_t base = KVM440_BOARD_VIRTIO_BASE +
				(uint64_t)i * KVM440_BOARD_VIRTIO_STRIDE;

		if (kvm440_board_add_mmio(board, base, VIRTIO_MMIO_SIZE,
					  dev_access, &v->dev[i]) < 0)
			return kvm440_fail(err, -ENOSPC, "virtio: too many "
					   "devices on the board");
	}
	if (!v->net || !kick)
		return 0;
	v->kick = kick;
	v->kick_opaque = opaque;
	v->rearm_fd = eventfd(0, EFD_CLOEXEC);
	if (v->rearm_fd < 0)
		return kvm440_fail(err, -errno, "eventfd: %s", strerror(errno));
	if (pthread_create(&v->thread, NULL, watch, v) != 0)
		return kvm440_fail(err, -EAGAIN, "virtio-net: cannot start "
				   "the TAP thread");
	v->have_thread = 1;
	return 0;
}

static void rearm(struct kvm440_virtio *v)
{
	uint64_t one = 1;

	v->unarmed = 0;
	if (write(v->rearm_fd, &one, sizeof(one)) < 0)
		v->unarmed = 1;		/* try again next time */
}

void kvm440_virtio_poll(struct kvm440_virtio *v)
{
	if (!v || !v->have_thread)
		return;
	if (atomic_load(&v->pending)) {
		int drained = kvm440_vnet_rx(v->net->net, &v->net->t);

		atomic_store(&v->pending, 0);
		if (drained)
			rearm(v);
		else
			v->unarmed = 1;
	} else if (v->unarmed && !kvm440_vnet_stalled(v->net->net)) {
		/* the guest's new buffers took what waited: watch again */
		rearm(v);
	}
}

void kvm440_virtio_destroy(struct kvm440_virtio *v)
{
	unsigned int i;

	if (!v)
		return;
	if (v->have_thread) {
		atomic_store(&v->quit, 1);
		pthread_join(v->thread, NULL);
	}
	if (v->rearm_fd >= 0)
		close(v->rearm_fd);
	for (i = 0; i < MAX_DEVS; i++) {
		kvm440_vblk_close(v->dev[i].blk);
		kvm440_vnet_close(v->dev[i].net);
	}
	free(v);
}

int kvm440_virtio_stats(const struct kvm440_virtio *v, unsigned int i,
			struct kvm440_virtio_stat *st)
{
	const struct kvm440_vmmio *t;

	if (!v || i >= v->n)
		return -ENOENT;
	t = &v->dev[i].t;
	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", t->name);
	st->notifies = t->notifies;
	st->irqs = t->irqs;
	if (t->d.stats)
		t->d.stats(t->d.dev, st);
	return 0;
}
