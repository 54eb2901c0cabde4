// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * virtio-net (virtio 1.x section 5.1) backed by a TAP device: queue 0
 * receives, queue 1 transmits. The TAP is opened with IFF_VNET_HDR and a
 * 12-byte little-endian header (TUNSETVNETLE: the TAP's default is the
 * host's order, big-endian here), virtio 1.x's struct virtio_net_hdr, so a
 * frame moves between the TAP and the guest's own buffers, header and
 * all, in one readv/writev: no copy in user space. No offloads are
 * offered, so the kernel's header is always "no checksum, no GSO"; only
 * num_buffers, which TAP leaves alone, is set here (to 1: no mergeable
 * buffers).
 *
 * The TAP is non-blocking. A frame that arrives while the guest has no
 * receive buffer stays in the TAP's queue until the guest posts buffers;
 * a frame the TAP refuses on transmit is dropped, as a NIC would.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "virtio.h"

#define QUEUE_MAX	256
#define NET_HDR_LEN	12
#define RXQ		0
#define TXQ		1

struct kvm440_vnet {
	int fd;
	uint8_t config[8];		/* mac, status */
	struct kvm440_vq_chain chain;
	int stalled;			/* frames wait for receive buffers */
	uint64_t rx_frames, tx_frames, rx_bytes, tx_bytes, tx_dropped;
};

static void tx(struct kvm440_vnet *n, struct kvm440_vmmio *t)
{
	struct kvm440_vq *q = &t->vq[TXQ];
	struct kvm440_vq_chain *c = &n->chain;
	const char *why;
	int done = 0, r;

	while ((r = kvm440_vq_pop(q, t->mem, c, &why)) > 0) {
		ssize_t w;

		if (c->out_len < NET_HDR_LEN) {
			kvm440_vmmio_broken(t, "transmit buffer shorter than "
					    "its header");
			break;
		}
		do
			w = writev(n->fd, c->out, (int)c->nout);
		while (w < 0 && errno == EINTR);
		if (w < 0) {
			n->tx_dropped++;
		} else {
			n->tx_frames++;
			n->tx_bytes += c->out_len - NET_HDR_LEN;
		}
		kvm440_vq_push(q, t->mem, c->head, 0);
		done = 1;
	}
	if (r < 0)
		kvm440_vmmio_broken(t, why);
	if (done)
		kvm440_vmmio_used(t, TXQ);
}

static int frame_waits(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

int kvm440_vnet_rx(struct kvm440_vnet *n, struct kvm440_vmmio *t)
{
	struct kvm440_vq *q = &t->vq[RXQ];
	struct kvm440_vq_chain *c = &n->chain;
	const uint8_t one[2] = { 1, 0 };
	const char *why;
	int done = 0, drained = 0, r;

	if (!kvm440_vmmio_live(t, RXQ)) {
		/* frames wait for a driver (a broken one: for its reset) */
		n->stalled = frame_waits(n->fd);
		return !n->stalled;
	}
	for (;;) {
		ssize_t got;

		r = kvm440_vq_pop(q, t->mem, c, &why);
		if (r < 0) {
			kvm440_vmmio_broken(t, why);
			break;
		}
		if (r == 0) {
			/* no buffer: stalled only if a frame waits */
			drained = !frame_waits(n->fd);
			break;
		}
		if (c->nout || c->in_len < NET_HDR_LEN) {
			kvm440_vmmio_broken(t, "bad receive buffer");
			break;
		}
		do
			got = readv(n->fd, c->in, (int)c->nin);
		while (got < 0 && errno == EINTR);
		if (got < NET_HDR_LEN) {
			q->last_avail--;	/* not used: give it back */
			drained = 1;
			break;
		}
		kvm440_iov_write(c->in, c->nin, 10, one, sizeof(one));
		kvm440_vq_push(q, t->mem, c->head, (uint32_t)got);
		n->rx_frames++;
		n->rx_bytes += (uint64_t)got - NET_HDR_LEN;
		done = 1;
	}
	if (done)
		kvm440_vmmio_used(t, RXQ);
	n->stalled = !drained;
	return drained;
}

static void notify(void *dev, struct kvm440_vmmio *t, unsigned int q)
{
	struct kvm440_vnet *n = dev;

	if (q == TXQ)
		tx(n, t);
	else if (n->stalled)
		kvm440_vnet_rx(n, t);	/* new buffers for waiting frames */
}

static void stats(void *dev, struct kvm440_virtio_stat *st)
{
	const struct kvm440_vnet *n = dev;

	st->in_ops = n->rx_frames;
	st->in_bytes = n->rx_bytes;
	st->out_ops = n->tx_frames;
	st->out_bytes = n->tx_bytes;
	st->errors = n->tx_dropped;
}

static void reset(void *dev)
{
	struct kvm440_vnet *n = dev;

	n->stalled = 0;
}

int kvm440_vnet_open(const char *tap, const uint8_t mac[6],
		     struct kvm440_vnet **out, struct kvm440_virtio_dev *d,
		     struct kvm440_error *err)
{
	struct ifreq ifr;
	int hdr = NET_HDR_LEN, le = 1, fd, e;

	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		e = -errno;
		return kvm440_fail(err, e, "/dev/net/tun: %s (is the host "
				   "kernel built with CONFIG_TUN?)",
				   strerror(-e));
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", tap);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0 ||
	    ioctl(fd, TUNSETVNETHDRSZ, &hdr) < 0 ||
	    ioctl(fd, TUNSETVNETLE, &le) < 0) {
		e = -errno;
		close(fd);
		return kvm440_fail(err, e, "TAP device %s: %s", tap,
				   strerror(-e));
	}
	e = kvm440_vnet_create(fd, mac, out, d);
	if (e < 0) {
		close(fd);
		return kvm440_fail(err, e, "out of memory");
	}
	return 0;
}

int kvm440_vnet_create(int fd, const uint8_t mac[6], struct kvm440_vnet **out,
		       struct kvm440_virtio_dev *d)
{
	struct kvm440_vnet *n = calloc(1, sizeof(*n));

	if (!n)
		return -ENOMEM;
	n->fd = fd;
	memcpy(n->config, mac, 6);
	le16_put(n->config + 6, VIRTIO_NET_S_LINK_UP);
	memset(d, 0, sizeof(*d));
	d->device_id = VIRTIO_ID_NET;
	d->features = 1ull << VIRTIO_F_VERSION_1 | 1ull << VIRTIO_NET_F_MAC |
		      1ull << VIRTIO_NET_F_STATUS;
	d->nqueues = 2;
	d->queue_max = QUEUE_MAX;
	d->config = n->config;
	d->config_len = sizeof(n->config);
	d->notify = notify;
	d->reset = reset;
	d->stats = stats;
	d->dev = n;
	*out = n;
	return 0;
}

void kvm440_vnet_close(struct kvm440_vnet *n)
{
	if (!n)
		return;
	if (n->fd >= 0)
		close(n->fd);
	free(n);
}

int kvm440_vnet_fd(const struct kvm440_vnet *n)
{
	return n->fd;
}

int kvm440_vnet_stalled(const struct kvm440_vnet *n)
{
	return n->stalled;
}
