/*
 * virtio-net (lib/virtio_net.c) on a datagram socket pair standing in for
 * the TAP: one readv/writev per frame, header included, as with a TAP.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "virtio.h"

#define RAM	(1u << 20)
#define NUM	8
/* queue q's rings, and buffer b of queue q */
#define DESC(q)		(0x1000u + 0x1000u * (q))
#define AVAIL(q)	(0x4000u + 0x1000u * (q))
#define USED(q)		(0x7000u + 0x1000u * (q))
#define BUF(q, b)	(0x10000u + 0x10000u * (q) + 0x800u * (b))
#define HDR		12

static uint8_t *ram;
static struct kvm440_gmem mem;
static struct kvm440_vnet *net;
static struct kvm440_vmmio t;
static int sv[2], irq_level, logs;
static uint16_t next_avail[2];

static void irq(void *o, int level)
{
	(void)o;
	irq_level = level;
}

static void log_(void *o, const char *msg)
{
	(void)o;
	(void)msg;
	logs++;
}

static uint32_t rd(unsigned int off)
{
	uint8_t b[4];

	kvm440_vmmio_access(&t, off, b, 4, 0);
	return le32_get(b);
}

static void wr(unsigned int off, uint32_t v)
{
	uint8_t b[4];

	le32_put(b, v);
	kvm440_vmmio_access(&t, off, b, 4, 1);
}

static void setup(void)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 1, 2, 3 };
	struct kvm440_virtio_dev d;
	unsigned int q;

	ram = calloc(1, RAM);
	mem = (struct kvm440_gmem){ ram, 0, RAM };
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0,
				    sv), 0);
	ck_assert_int_eq(kvm440_vnet_create(sv[0], mac, &net, &d), 0);
	kvm440_vmmio_init(&t, &d, &mem, "tap0", irq, log_, NULL);
	irq_level = logs = 0;
	next_avail[0] = next_avail[1] = 0;
	wr(0x070, 3);
	wr(0x024, 1);
	wr(0x020, 1);
	wr(0x024, 0);
	wr(0x020, 1u << VIRTIO_NET_F_MAC);
	wr(0x070, 3 | VIRTIO_STATUS_FEATURES_OK);
	for (q = 0; q < 2; q++) {
		wr(0x030, q);
		wr(0x038, NUM);
		wr(0x080, DESC(q));
		wr(0x090, AVAIL(q));
		wr(0x0a0, USED(q));
		wr(0x044, 1);
	}
	wr(0x070, 3 | VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
}

static void teardown(void)
{
	kvm440_vnet_close(net);
	close(sv[1]);
	free(ram);
}

/* one descriptor chain of one buffer on queue @q, offered */
static void post(unsigned int q, unsigned int i, uint32_t len, uint16_t flags)
{
	uint8_t *d = ram + DESC(q) + 16 * i;

	le64_put(d, BUF(q, i));
	le32_put(d + 8, len);
	le16_put(d + 12, flags);
	le16_put(d + 14, 0);
	le16_put(ram + AVAIL(q) + 4 + 2 * (next_avail[q] % NUM), (uint16_t)i);
	le16_put(ram + AVAIL(q) + 2, ++next_avail[q]);
}

static uint16_t used_idx(unsigned int q)
{
	return le16_get(ram + USED(q) + 2);
}

static uint32_t used_len(unsigned int q, unsigned int n)
{
	return le32_get(ram + USED(q) + 4 + 8 * n + 4);
}

static void frame(uint8_t fill, size_t len)
{
	uint8_t f[1600];

	memset(f, 0, HDR);
	memset(f + HDR, fill, len);
	ck_assert_int_eq(send(sv[1], f, HDR + len, 0), (ssize_t)(HDR + len));
}

START_TEST(config_has_mac_and_link_up)
{
	uint8_t b[4];

	ck_assert_uint_eq(rd(0x008), VIRTIO_ID_NET);
	kvm440_vmmio_access(&t, 0x100, b, 4, 0);
	ck_assert_mem_eq(b, "\x52\x54\x00\x01", 4);
	kvm440_vmmio_access(&t, 0x106, b, 2, 0);
	ck_assert_uint_eq(le16_get(b), VIRTIO_NET_S_LINK_UP);
}
END_TEST

START_TEST(received_frame_lands_in_guest_buffer)
{
	post(0, 0, 1526, VRING_DESC_F_WRITE);
	ram[BUF(0, 0) + 10] = 0xff;		/* num_buffers: set by us */
	frame(0xab, 60);
	ck_assert_int_eq(kvm440_vnet_rx(net, &t), 1);
	ck_assert_uint_eq(used_idx(0), 1);
	ck_assert_uint_eq(used_len(0, 0), HDR + 60);
	ck_assert_uint_eq(le16_get(ram + BUF(0, 0) + 10), 1);
	ck_assert_uint_eq(ram[BUF(0, 0) + HDR], 0xab);
	ck_assert_uint_eq(ram[BUF(0, 0) + HDR + 59], 0xab);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_int_eq(kvm440_vnet_stalled(net), 0);
}
END_TEST

START_TEST(frames_wait_for_buffers_then_flow)
{
	post(0, 0, 1526, VRING_DESC_F_WRITE);
	frame(1, 100);
	frame(2, 100);
	frame(3, 100);
	ck_assert_int_eq(kvm440_vnet_rx(net, &t), 0);	/* stalled */
	ck_assert_int_eq(kvm440_vnet_stalled(net), 1);
	ck_assert_uint_eq(used_idx(0), 1);
	/* the guest posts buffers and notifies: the rest arrive, in order */
	post(0, 1, 1526, VRING_DESC_F_WRITE);
	post(0, 2, 1526, VRING_DESC_F_WRITE);
	post(0, 3, 1526, VRING_DESC_F_WRITE);
	wr(0x050, 0);
	ck_assert_uint_eq(used_idx(0), 3);
	ck_assert_uint_eq(ram[BUF(0, 1) + HDR], 2);
	ck_assert_uint_eq(ram[BUF(0, 2) + HDR], 3);
	ck_assert_int_eq(kvm440_vnet_stalled(net), 0);
	/* the unused buffer stays the guest's */
	frame(4, 10);
	ck_assert_int_eq(kvm440_vnet_rx(net, &t), 1);
	ck_assert_uint_eq(used_idx(0), 4);
	ck_assert_uint_eq(ram[BUF(0, 3) + HDR], 4);
}
END_TEST

START_TEST(transmitted_frame_reaches_the_tap_whole)
{
	uint8_t got[2048];

	memset(ram + BUF(1, 0), 0, HDR);
	memset(ram + BUF(1, 0) + HDR, 0x5a, 200);
	post(1, 0, HDR + 200, 0);
	wr(0x050, 1);
	ck_assert_int_eq(recv(sv[1], got, sizeof(got), 0), HDR + 200);
	ck_assert_uint_eq(got[HDR + 199], 0x5a);
	ck_assert_uint_eq(used_idx(1), 1);
	ck_assert_uint_eq(used_len(1, 0), 0);
}
END_TEST

START_TEST(bad_buffers_need_reset)
{
	post(0, 0, 1526, 0);			/* a readable receive buffer */
	frame(1, 10);
	kvm440_vnet_rx(net, &t);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
	ck_assert_int_eq(logs, 1);
	ck_assert_uint_eq(used_idx(0), 0);
	/* nothing is served until a reset, and the frame is left waiting
	 * (stalled: the TAP is not watched, no busy loop of kicks) */
	ck_assert_int_eq(kvm440_vnet_rx(net, &t), 0);
	ck_assert_int_eq(kvm440_vnet_stalled(net), 1);
	ck_assert_uint_eq(used_idx(0), 0);
	ck_assert_int_eq(logs, 1);
}
END_TEST

START_TEST(short_transmit_header_needs_reset)
{
	post(1, 0, 4, 0);
	wr(0x050, 1);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
}
END_TEST

Suite *virtio_net_suite(void)
{
	Suite *s = suite_create("virtio_net");
	TCase *c = tcase_create("net");

	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, config_has_mac_and_link_up);
	tcase_add_test(c, received_frame_lands_in_guest_buffer);
	tcase_add_test(c, frames_wait_for_buffers_then_flow);
	tcase_add_test(c, transmitted_frame_reaches_the_tap_whole);
	tcase_add_test(c, bad_buffers_need_reset);
	tcase_add_test(c, short_transmit_header_needs_reset);
	suite_add_tcase(s, c);
	return s;
}
