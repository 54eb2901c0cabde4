// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Split virtqueues (virtio 1.x, section 2.6) in guest RAM. The guest
 * writes every byte here, so nothing it says is trusted: each index is
 * range-checked, a chain longer than the ring is a loop, and every buffer
 * must lie wholly inside guest RAM before a host pointer to it is handed
 * out. Buffers are returned as iovecs straight into guest RAM, so the
 * backends read and write them with no copy.
 *
 * Only what the devices offer is accepted: no indirect descriptors and no
 * event index (VIRTIO_RING_F_INDIRECT_DESC and _EVENT_IDX are never
 * offered), so a driver's VRING_AVAIL_F_NO_INTERRUPT is the only hint.
 *
 *   desc[i]  addr le64, len le32, flags le16, next le16    (16-aligned)
 *   avail    flags le16, idx le16, ring[num] le16           (2-aligned)
 *   used     flags le16, idx le16, ring[num] {id, len} le32 (4-aligned)
 */
#include <errno.h>
#include <string.h>

#include "virtio.h"

#define DESC_SIZE	16

static uint64_t avail_bytes(uint16_t num)
{
	return 4 + 2ull * num + 2;	/* + used_event */
}

static uint64_t used_bytes(uint16_t num)
{
	return 4 + 8ull * num + 2;	/* + avail_event */
}

int kvm440_vq_check(const struct kvm440_vq *q, const struct kvm440_gmem *mem,
		    const char **why)
{
	if (q->num == 0 || q->num > VQ_MAX_SIZE || (q->num & (q->num - 1))) {
		*why = "queue size is not a power of 2 up to the maximum";
		return -EINVAL;
	}
	if ((q->desc & 15) || (q->avail & 1) || (q->used & 3)) {
		*why = "misaligned ring";
		return -EINVAL;
	}
	if (!kvm440_gpa(mem, q->desc, (uint64_t)DESC_SIZE * q->num) ||
	    !kvm440_gpa(mem, q->avail, avail_bytes(q->num)) ||
	    !kvm440_gpa(mem, q->used, used_bytes(q->num))) {
		*why = "ring outside guest RAM";
		return -EINVAL;
	}
	return 0;
}

static uint16_t avail_idx(const struct kvm440_vq *q,
			  const struct kvm440_gmem *mem)
{
	uint16_t idx = le16_get(kvm440_gpa(mem, q->avail + 2, 2));

	/* the ring entries below idx are read after idx itself */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return idx;
}

int kvm440_vq_has_avail(const struct kvm440_vq *q,
			const struct kvm440_gmem *mem)
{
	return q->ready && avail_idx(q, mem) != q->last_avail;
}

static int bad(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

int kvm440_vq_pop(struct kvm440_vq *q, const struct kvm440_gmem *mem,
		  struct kvm440_vq_chain *c, const char **why)
{
	uint16_t idx = avail_idx(q, mem), head, i;
	unsigned int seen = 0;

	if (idx == q->last_avail)
		return 0;
	if ((uint16_t)(idx - q->last_avail) > q->num)
		return bad(why, "available index ran ahead of the ring");
	head = le16_get(kvm440_gpa(mem, q->avail + 4 +
				   2u * (q->last_avail & (q->num - 1)), 2));
	if (head >= q->num)
		return bad(why, "chain head index out of range");
	c->head = head;
	c->nout = c->nin = 0;
	c->out_len = c->in_len = 0;
	for (i = head;;) {
		const uint8_t *d = kvm440_gpa(mem, q->desc + DESC_SIZE * i,
					      DESC_SIZE);
		uint64_t addr = le64_get(d);
		uint32_t len = le32_get(d + 8);
		uint16_t flags = le16_get(d + 12);
		uint8_t *host;

		if (++seen > q->num)
			return bad(why, "loop in a descriptor chain");
		if (flags & VRING_DESC_F_INDIRECT)
			return bad(why, "indirect descriptor (not offered)");
		host = kvm440_gpa(mem, addr, len);
		if (!host)
			return bad(why, "buffer outside guest RAM");
		if (flags & VRING_DESC_F_WRITE) {
			c->in[c->nin++] = (struct iovec){ host, len };
			c->in_len += len;
		} else if (c->nin) {
			return bad(why, "readable buffer after a writable one");
		} else {
			c->out[c->nout++] = (struct iovec){ host, len };
			c->out_len += len;
		}
		if (!(flags & VRING_DESC_F_NEXT))
			break;
		i = le16_get(d + 14);
		if (i >= q->num)
			return bad(why, "next index out of range");
	}
	q->last_avail++;
	return 1;
}

void kvm440_vq_push(struct kvm440_vq *q, const struct kvm440_gmem *mem,
		    uint16_t head, uint32_t len)
{
	uint8_t *e = kvm440_gpa(mem, q->used + 4 +
				8u * (q->used_idx & (q->num - 1)), 8);

	le32_put(e, head);
	le32_put(e + 4, len);
	/* the element is visible before the index that publishes it */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	q->used_idx++;
	le16_put(kvm440_gpa(mem, q->used + 2, 2), q->used_idx);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int kvm440_vq_want_irq(const struct kvm440_vq *q,
		       const struct kvm440_gmem *mem)
{
	return !(le16_get(kvm440_gpa(mem, q->avail, 2)) &
		 VRING_AVAIL_F_NO_INTERRUPT);
}

size_t kvm440_iov_read(const struct iovec *iov, unsigned int n, size_t off,
		       void *buf, size_t len)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < n && done < len; i++) {
		size_t take;

		if (off >= iov[i].iov_len) {
			off -= iov[i].iov_len;
			continue;
		}
		take = iov[i].iov_len - off;
		if (take > len - done)
			take = len - done;
		memcpy((uint8_t *)buf + done, (uint8_t *)iov[i].iov_base + off,
		       take);
		done += take;
		off = 0;
	}
	return done;
}

size_t kvm440_iov_write(const struct iovec *iov, unsigned int n, size_t off,
			const void *buf, size_t len)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < n && done < len; i++) {
		size_t take;

		if (off >= iov[i].iov_len) {
			off -= iov[i].iov_len;
			continue;
		}
		take = iov[i].iov_len - off;
		if (take > len - done)
			take = len - done;
		memcpy((uint8_t *)iov[i].iov_base + off,
		       (const uint8_t *)buf + done, take);
		done += take;
		off = 0;
	}
	return done;
}

unsigned int kvm440_iov_slice(const struct iovec *iov, unsigned int n,
			      size_t off, size_t len, struct iovec *out)
{
	unsigned int i, k = 0;

	for (i = 0; i < n && len; i++) {
		size_t take;

		if (off >= iov[i].iov_len) {
			off -= iov[i].iov_len;
			continue;
		}
		take = iov[i].iov_len - off;
		if (take > len)
			take = len;
		out[k++] = (struct iovec){ (uint8_t *)iov[i].iov_base + off,
					   take };
		len -= take;
		off = 0;
	}
	return k;
}
