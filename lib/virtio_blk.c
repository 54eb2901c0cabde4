// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * virtio-blk (virtio 1.x section 5.2) backed by an image file. Requests
 * are served synchronously when the driver notifies the queue, so by the
 * time the guest sees a request complete its data is in the host's page
 * cache: a kvm440ctl killed right after (even by SIGKILL) loses nothing
 * the guest was told is written. A FLUSH is fdatasync() on the image,
 * which is what makes it survive the host too.
 *
 * Data moves between the image and guest RAM with preadv/pwritev on the
 * request's own buffers, no copy in between. An I/O error, a full disk,
 * a request beyond the end of the image or a write to a read-only image
 * completes that request with VIRTIO_BLK_S_IOERR; a chain that cannot be
 * a request (no header, no status byte) is the driver's fault and makes
 * the device need a reset.
 *
 * The image is flock()ed (shared when read-only, else exclusive) so two
 * VMs cannot write one image at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virtio.h"

#define SECTOR		512u
#define QUEUE_MAX	128
#define HDR_LEN		16
#define CONFIG_LEN	24	/* capacity, size_max, seg_max, geometry,
				 * blk_size */

struct kvm440_vblk {
	int fd;
	int ro;
	uint64_t sectors;
	char id[VIRTIO_BLK_ID_BYTES];
	uint8_t config[CONFIG_LEN];
	struct kvm440_vq_chain chain;
	struct iovec data[VQ_MAX_SIZE];
	uint64_t reads, writes, bytes_in, bytes_out, flushes, errors;
};

/* All of [off, off + len) through @iov, retrying short transfers. */
static int rw_all(int fd, struct iovec *iov, unsigned int n, uint64_t off,
		  int write)
{
	while (n) {
		ssize_t r = write ? pwritev(fd, iov, (int)n, (off_t)off)
				  : preadv(fd, iov, (int)n, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;	/* error, or the image shrank */
		off += (uint64_t)r;
		while (n && (size_t)r >= iov->iov_len) {
			r -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n) {
			iov->iov_base = (uint8_t *)iov->iov_base + r;
			iov->iov_len -= (size_t)r;
		}
	}
	return 0;
}

static int in_range(const struct kvm440_vblk *b, uint64_t sector, size_t len)
{
	return len % SECTOR == 0 && sector <= b->sectors &&
	       len / SECTOR <= b->sectors - sector;
}

/* One request; returns the status, *@written the bytes put in guest RAM. */
static uint8_t serve(struct kvm440_vblk *b, const struct kvm440_vq_chain *c,
		     size_t *written)
{
	uint8_t hdr[HDR_LEN];
	uint32_t type;
	uint64_t sector;
	size_t len;
	unsigned int n;

	kvm440_iov_read(c->out, c->nout, 0, hdr, HDR_LEN);
	type = le32_get(hdr);
	sector = le64_get(hdr + 8);
	*written = 0;
	switch (type) {
	case VIRTIO_BLK_T_IN:
		len = c->in_len - 1;
		if (!in_range(b, sector, len))
			return VIRTIO_BLK_S_IOERR;
		n = kvm440_iov_slice(c->in, c->nin, 0, len, b->data);
		if (rw_all(b->fd, b->data, n, sector * SECTOR, 0) < 0)
			return VIRTIO_BLK_S_IOERR;
		b->reads++;
		b->bytes_in += len;
		*written = len;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_OUT:
		len = c->out_len - HDR_LEN;
		if (b->ro || !in_range(b, sector, len))
			return VIRTIO_BLK_S_IOERR;
		n = kvm440_iov_slice(c->out, c->nout, HDR_LEN, len, b->data);
		if (rw_all(b->fd, b->data, n, sector * SECTOR, 1) < 0)
			return VIRTIO_BLK_S_IOERR;
		b->writes++;
		b->bytes_out += len;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_FLUSH:
		b->flushes++;
		if (!b->ro && fdatasync(b->fd) < 0)
			return VIRTIO_BLK_S_IOERR;
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_GET_ID:
		*written = kvm440_iov_write(c->in, c->nin, 0, b->id,
					    c->in_len - 1 < sizeof(b->id) ?
					    c->in_len - 1 : sizeof(b->id));
		return VIRTIO_BLK_S_OK;
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

static void notify(void *dev, struct kvm440_vmmio *t, unsigned int qi)
{
	struct kvm440_vblk *b = dev;
	struct kvm440_vq *q = &t->vq[qi];
	struct kvm440_vq_chain *c = &b->chain;
	const char *why;
	int done = 0, r;

	while ((r = kvm440_vq_pop(q, t->mem, c, &why)) > 0) {
		size_t written;
		uint8_t st;

		if (c->out_len < HDR_LEN || c->in_len < 1) {
			kvm440_vmmio_broken(t, "request without header or "
					    "status byte");
			break;
		}
		st = serve(b, c, &written);
		if (st != VIRTIO_BLK_S_OK)
			b->errors++;
		kvm440_iov_write(c->in, c->nin, c->in_len - 1, &st, 1);
		kvm440_vq_push(q, t->mem, c->head, (uint32_t)written + 1);
		done = 1;
	}
	if (r < 0)
		kvm440_vmmio_broken(t, why);
	if (done)
		kvm440_vmmio_used(t, qi);
}

static void stats(void *dev, struct kvm440_virtio_stat *st)
{
	const struct kvm440_vblk *b = dev;

	st->in_ops = b->reads;
	st->in_bytes = b->bytes_in;
	st->out_ops = b->writes;
	st->out_bytes = b->bytes_out;
	st->flushes = b->flushes;
	st->errors = b->errors;
}

int kvm440_vblk_open(const char *path, int ro, struct kvm440_vblk **out,
		     struct kvm440_virtio_dev *d, struct kvm440_error *err)
{
	struct kvm440_vblk *b;
	const char *base;
	struct stat st;
	int e;

	b = calloc(1, sizeof(*b));
	if (!b)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	b->ro = ro;
	b->fd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (b->fd < 0) {
		e = -errno;
		free(b);
		return kvm440_fail(err, e, "%s: %s", path, strerror(-e));
	}
	if (fstat(b->fd, &st) < 0 || flock(b->fd, (ro ? LOCK_SH : LOCK_EX) |
					   LOCK_NB) < 0) {
		e = -errno;
		kvm440_vblk_close(b);
		return kvm440_fail(err, e, "%s: %s", path,
				   e == -EWOULDBLOCK ?
				   "in use by another VM (locked)" :
				   strerror(-e));
	}
	if (!S_ISREG(st.st_mode) || st.st_size < (off_t)SECTOR) {
		kvm440_vblk_close(b);
		return kvm440_fail(err, -EINVAL, "%s: not a disk image (a "
				   "regular file of at least %u bytes)", path,
				   SECTOR);
	}
	b->sectors = (uint64_t)st.st_size / SECTOR;
	base = strrchr(path, '/');
	/* the serial the guest reads: the image's name, as far as it fits */
	base = base ? base + 1 : path;
	memcpy(b->id, base, strlen(base) < sizeof(b->id) ? strlen(base)
							  : sizeof(b->id));
	le64_put(b->config, b->sectors);
	le32_put(b->config + 12, QUEUE_MAX - 2);	/* seg_max */
	le32_put(b->config + 20, SECTOR);		/* blk_size */
	memset(d, 0, sizeof(*d));
	d->device_id = VIRTIO_ID_BLOCK;
	d->features = 1ull << VIRTIO_F_VERSION_1 |
		      1ull << VIRTIO_BLK_F_SEG_MAX |
		      1ull << VIRTIO_BLK_F_BLK_SIZE |
		      1ull << VIRTIO_BLK_F_FLUSH |
		      (ro ? 1ull << VIRTIO_BLK_F_RO : 0);
	d->nqueues = 1;
	d->queue_max = QUEUE_MAX;
	d->config = b->config;
	d->config_len = sizeof(b->config);
	d->notify = notify;
	d->stats = stats;
	d->dev = b;
	*out = b;
	return 0;
}

void kvm440_vblk_close(struct kvm440_vblk *b)
{
	if (!b)
		return;
	if (b->fd >= 0)
		close(b->fd);
	free(b);
}
