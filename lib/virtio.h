/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virtio devices of the board (virtio 1.x over MMIO, split virtqueues):
 * what virtio_ring.c, virtio_mmio.c, virtio_blk.c, virtio_net.c and
 * virtio_board.c share; not part of the library's API, but the unit tests
 * use it. Everything the guest sees is little-endian.
 */
#ifndef LIBKVM440_VIRTIO_H
#define LIBKVM440_VIRTIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "internal.h"

/* ---- split virtqueues (virtio_ring.c) ------------------------------- */

#define VQ_MAX_SIZE		256	/* largest QueueNumMax offered */
#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VRING_DESC_F_INDIRECT	4
#define VRING_AVAIL_F_NO_INTERRUPT 1

struct kvm440_vq {
	uint16_t num;			/* QueueNum, a power of 2 */
	int ready;			/* QueueReady */
	uint64_t desc, avail, used;	/* guest physical */
	uint16_t last_avail;		/* next avail entry to take */
	uint16_t used_idx;		/* our copy of used->idx */
};

/*
 * One descriptor chain, as host pointers into guest RAM: the readable
 * buffers first (out[0..nout)), then the writable ones (in[0..nin)).
 */
struct kvm440_vq_chain {
	uint16_t head;
	unsigned int nout, nin;
	size_t out_len, in_len;		/* bytes in each direction */
	struct iovec out[VQ_MAX_SIZE], in[VQ_MAX_SIZE];
};

/*
 * The rings of @q lie in guest RAM @mem, aligned and whole: 0, or
 * -EINVAL with @why set to the reason.
 */
int kvm440_vq_check(const struct kvm440_vq *q, const struct kvm440_gmem *mem,
		    const char **why);
/*
 * Take the next available chain into @c: 1, 0 when the driver offered
 * nothing new, -EINVAL for a bad chain (index out of range, a loop, a
 * buffer outside guest RAM, a readable buffer after a writable one, an
 * indirect table, which was not offered, an available index running ahead
 * by more than the ring) with @why set. A bad chain is not consumed.
 */
int kvm440_vq_pop(struct kvm440_vq *q, const struct kvm440_gmem *mem,
		  struct kvm440_vq_chain *c, const char **why);
/* Return chain @head with @len bytes written into its writable buffers. */
void kvm440_vq_push(struct kvm440_vq *q, const struct kvm440_gmem *mem,
		    uint16_t head, uint32_t len);
/* Whether the driver wants an interrupt for used buffers now. */
int kvm440_vq_want_irq(const struct kvm440_vq *q,
		       const struct kvm440_gmem *mem);
/* Whether chains are waiting (the available index moved). */
int kvm440_vq_has_avail(const struct kvm440_vq *q,
			const struct kvm440_gmem *mem);

/* Copy up to @len bytes from/to an iovec array at byte offset @off. */
size_t kvm440_iov_read(const struct iovec *iov, unsigned int n, size_t off,
		       void *buf, size_t len);
size_t kvm440_iov_write(const struct iovec *iov, unsigned int n, size_t off,
			const void *buf, size_t len);
/*
 * The part [@off, @off + @len) of @iov as a new array in @out (room for
 * @n entries); returns its count.
 */
unsigned int kvm440_iov_slice(const struct iovec *iov, unsigned int n,
			      size_t off, size_t len, struct iovec *out);

/* ---- the MMIO transport (virtio_mmio.c) ----------------------------- */

#define VIRTIO_MMIO_SIZE	0x200
#define VIRTIO_MMIO_MAGIC	0x74726976u	/* "virt" */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_F_VERSION_1	32

#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	0x40
#define VIRTIO_STATUS_FAILED		0x80

#define VIRTIO_INT_USED		1
#define VIRTIO_INT_CONFIG	2

#define VIRTIO_MAX_QUEUES	2

struct kvm440_vmmio;

/* What a device type gives the transport. */
struct kvm440_virtio_dev {
	uint32_t device_id;
	uint64_t features;		/* offered, VERSION_1 included */
	unsigned int nqueues;
	uint16_t queue_max;
	uint8_t *config;		/* device config space, little-endian */
	size_t config_len;
	/* the driver notified queue @q (the transport is DRIVER_OK) */
	void (*notify)(void *dev, struct kvm440_vmmio *t, unsigned int q);
	/* the driver reset the device (status 0): drop queued work */
	void (*reset)(void *dev);
	/* the device's own counters into @st (NULL: none) */
	void (*stats)(void *dev, struct kvm440_virtio_stat *st);
	void *dev;
};

struct kvm440_vmmio {
	struct kvm440_virtio_dev d;
	const struct kvm440_gmem *mem;
	char name[32];			/* "vda", "eth0": for messages */
	void (*irq)(void *opaque, int level);
	void (*log)(void *opaque, const char *msg);
	void *opaque;
	uint32_t status, isr;
	uint32_t dev_feat_sel, drv_feat_sel, queue_sel;
	uint64_t drv_features;
	uint32_t generation;
	struct kvm440_vq vq[VIRTIO_MAX_QUEUES];
	int broken_logged;
	uint64_t notifies, irqs;	/* for benchmarks */
};

void kvm440_vmmio_init(struct kvm440_vmmio *t, const struct kvm440_virtio_dev *d,
		       const struct kvm440_gmem *mem, const char *name,
		       void (*irq)(void *opaque, int level),
		       void (*log)(void *opaque, const char *msg),
		       void *opaque);
/* One MMIO access at offset @off: 0, or -EINVAL for a bad size. */
int kvm440_vmmio_access(struct kvm440_vmmio *t, uint64_t off, uint8_t *data,
			uint32_t len, int is_write);
/* Used buffers on a queue: raise the interrupt if the driver wants it. */
void kvm440_vmmio_used(struct kvm440_vmmio *t, unsigned int q);
/*
 * The driver broke the rules (@why): NEEDS_RESET, a config interrupt,
 * one log line per device until the driver resets it.
 */
void kvm440_vmmio_broken(struct kvm440_vmmio *t, const char *why);
/* Whether queue @q may be served now (DRIVER_OK, ready, not broken). */
int kvm440_vmmio_live(const struct kvm440_vmmio *t, unsigned int q);

/* ---- virtio-blk (virtio_blk.c) -------------------------------------- */

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9
#define VIRTIO_BLK_ID_BYTES	20

struct kvm440_vblk;
/* Open @path (read-only when @ro) as a disk: 0 or -errno with @err. */
int kvm440_vblk_open(const char *path, int ro, struct kvm440_vblk **out,
		     struct kvm440_virtio_dev *d,
		     struct kvm440_error *err);
void kvm440_vblk_close(struct kvm440_vblk *b);

/* ---- virtio-net (virtio_net.c) -------------------------------------- */

#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16
#define VIRTIO_NET_S_LINK_UP	1

struct kvm440_vnet;
int kvm440_vnet_open(const char *tap, const uint8_t mac[6],
		     struct kvm440_vnet **out, struct kvm440_virtio_dev *d,
		     struct kvm440_error *err);
/*
 * The device on @fd, already a non-blocking TAP with a 12-byte header (or,
 * for the unit tests, a datagram socket); it owns @fd from now on.
 */
int kvm440_vnet_create(int fd, const uint8_t mac[6], struct kvm440_vnet **out,
		       struct kvm440_virtio_dev *d);
void kvm440_vnet_close(struct kvm440_vnet *n);
/* The TAP fd, to poll for received frames. */
int kvm440_vnet_fd(const struct kvm440_vnet *n);
/*
 * Deliver the frames waiting on the TAP device, as receive buffers allow:
 * 1 when the TAP is empty, 0 when frames wait for buffers (stalled; the
 * guest's next receive notify serves them).
 */
int kvm440_vnet_rx(struct kvm440_vnet *n, struct kvm440_vmmio *t);
int kvm440_vnet_stalled(const struct kvm440_vnet *n);

/* ---- little-endian guest memory ------------------------------------- */

static inline uint16_t le16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t le64_get(const uint8_t *p)
{
	return le32_get(p) | (uint64_t)le32_get(p + 4) << 32;
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void le32_put(uint8_t *p, uint32_t v)
{
	le16_put(p, (uint16_t)v);
	le16_put(p + 2, (uint16_t)(v >> 16));
}

static inline void le64_put(uint8_t *p, uint64_t v)
{
	le32_put(p, (uint32_t)v);
	le32_put(p + 4, (uint32_t)(v >> 32));
}

/* Host pointer to [@gpa, @gpa + @len) of guest RAM, NULL if not all RAM. */
static inline uint8_t *kvm440_gpa(const struct kvm440_gmem *m, uint64_t gpa,
				  uint64_t len)
{
	if (gpa < m->gpa || gpa - m->gpa > m->size ||
	    len > m->size - (gpa - m->gpa))
		return NULL;
	return m->host + (gpa - m->gpa);
}

/* ---- the board's devices (virtio_board.c) -------------------------- */

struct kvm440_config;
/* kvm440_virtio_create() for guest RAM @mem; @file names the config. */
int kvm440_virtio_open(const struct kvm440_config *cfg, const char *file,
		       const struct kvm440_gmem *mem,
		       struct kvm440_virtio **out, struct kvm440_error *err);
/*
 * Add @n "virtio,mmio" nodes under /plb of the malloc()ed tree *@dtb (*@len
 * bytes), which is replaced by a bigger one. 0 or -errno.
 */
int kvm440_virtio_fdt_nodes(unsigned int n, void **dtb, size_t *len,
			    struct kvm440_error *err);
/* The devices @cfg asks for: its disks, then its network. */
unsigned int kvm440_virtio_count(const struct kvm440_config *cfg);

#endif
