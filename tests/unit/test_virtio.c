/*
 * virtio: split rings fed malformed chains (lib/virtio_ring.c), the MMIO
 * transport's registers and NEEDS_RESET (lib/virtio_mmio.c) and virtio-blk
 * requests on an image file (lib/virtio_blk.c).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libfdt.h>

#include "config.h"
#include "virtio.h"

#define RAM	(1u << 20)
#define DESC	0x1000u
#define AVAIL	0x2000u
#define USED	0x3000u
#define NUM	8

static uint8_t *ram;
static struct kvm440_gmem mem;
static struct kvm440_vq q;
static struct kvm440_vq_chain c;
static const char *why;
static uint16_t next_avail;

static void setup(void)
{
	ram = calloc(1, RAM);
	mem = (struct kvm440_gmem){ ram, 0, RAM };
	memset(&q, 0, sizeof(q));
	q.num = NUM;
	q.desc = DESC;
	q.avail = AVAIL;
	q.used = USED;
	q.ready = 1;
	next_avail = 0;
	why = NULL;
}

static void teardown(void)
{
	free(ram);
}

static void desc(unsigned int i, uint64_t addr, uint32_t len, uint16_t flags,
		 uint16_t next)
{
	uint8_t *d = ram + DESC + 16 * i;

	le64_put(d, addr);
	le32_put(d + 8, len);
	le16_put(d + 12, flags);
	le16_put(d + 14, next);
}

static void offer(uint16_t head)
{
	le16_put(ram + AVAIL + 4 + 2 * (next_avail % NUM), head);
	le16_put(ram + AVAIL + 2, ++next_avail);
}

/* ---- rings ------------------------------------------------------------ */

START_TEST(pop_valid_chain_in_then_out)
{
	desc(3, 0x10000, 16, VRING_DESC_F_NEXT, 5);
	desc(5, 0x20000, 4096, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 1);
	desc(1, 0x30000, 1, VRING_DESC_F_WRITE, 0);
	offer(3);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), 1);
	ck_assert_uint_eq(c.head, 3);
	ck_assert_uint_eq(c.nout, 1);
	ck_assert_uint_eq(c.nin, 2);
	ck_assert_ptr_eq(c.out[0].iov_base, ram + 0x10000);
	ck_assert_ptr_eq(c.in[1].iov_base, ram + 0x30000);
	ck_assert_uint_eq(c.out_len, 16);
	ck_assert_uint_eq(c.in_len, 4097);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), 0);
	kvm440_vq_push(&q, &mem, 3, 4097);
	ck_assert_uint_eq(le16_get(ram + USED + 2), 1);
	ck_assert_uint_eq(le32_get(ram + USED + 4), 3);
	ck_assert_uint_eq(le32_get(ram + USED + 8), 4097);
}
END_TEST

START_TEST(loop_in_chain_is_refused)
{
	desc(0, 0x10000, 16, VRING_DESC_F_NEXT, 1);
	desc(1, 0x10010, 16, VRING_DESC_F_NEXT, 0);	/* back to 0 */
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "loop in a descriptor chain");
	/* not consumed: the device stays broken until reset */
	ck_assert_uint_eq(q.last_avail, 0);
}
END_TEST

START_TEST(self_loop_is_refused)
{
	desc(2, 0x10000, 16, VRING_DESC_F_NEXT, 2);
	offer(2);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "loop in a descriptor chain");
}
END_TEST

START_TEST(head_out_of_range_is_refused)
{
	offer(NUM);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "chain head index out of range");
}
END_TEST

START_TEST(next_out_of_range_is_refused)
{
	desc(0, 0x10000, 16, VRING_DESC_F_NEXT, 0xffff);
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "next index out of range");
}
END_TEST

START_TEST(buffers_outside_ram_are_refused)
{
	static const struct { uint64_t addr; uint32_t len; } bad[] = {
		{ RAM, 1 },			/* just past the end */
		{ RAM - 8, 16 },		/* straddles the end */
		{ 0xfffffffffffffff0ull, 0x20 },	/* wraps around */
		{ 0x100000000ull, 4 },		/* above 4G */
		{ 0, 0xffffffffu },		/* longer than RAM */
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup();
		desc(0, bad[i].addr, bad[i].len, 0, 0);
		offer(0);
		ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
		ck_assert_str_eq(why, "buffer outside guest RAM");
		teardown();
	}
	setup();
	desc(0, RAM - 16, 16, 0, 0);		/* the last bytes are fine */
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), 1);
}
END_TEST

START_TEST(readable_after_writable_is_refused)
{
	desc(0, 0x10000, 16, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 1);
	desc(1, 0x10010, 16, 0, 0);
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "readable buffer after a writable one");
}
END_TEST

START_TEST(indirect_is_refused)
{
	desc(0, 0x10000, 32, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "indirect descriptor (not offered)");
}
END_TEST

START_TEST(avail_index_running_ahead_is_refused)
{
	le16_put(ram + AVAIL + 2, NUM + 1);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), -EINVAL);
	ck_assert_str_eq(why, "available index ran ahead of the ring");
}
END_TEST

START_TEST(full_ring_chain_and_index_wrap)
{
	unsigned int i, round;

	/* one chain using every descriptor is not a loop */
	for (i = 0; i < NUM; i++)
		desc(i, 0x10000 + 16 * i, 16,
		     i < NUM - 1 ? VRING_DESC_F_NEXT : 0, (uint16_t)(i + 1));
	offer(0);
	ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), 1);
	ck_assert_uint_eq(c.nout, NUM);
	/* 16-bit indexes wrap */
	q.last_avail = q.used_idx = next_avail = 0xfffe;
	for (round = 0; round < 4; round++) {
		offer(0);
		ck_assert_int_eq(kvm440_vq_pop(&q, &mem, &c, &why), 1);
		kvm440_vq_push(&q, &mem, 0, 0);
	}
	ck_assert_uint_eq(q.last_avail, 2);
	ck_assert_uint_eq(le16_get(ram + USED + 2), 2);
}
END_TEST

START_TEST(ring_placement_checked)
{
	ck_assert_int_eq(kvm440_vq_check(&q, &mem, &why), 0);
	q.used = RAM - 8;
	ck_assert_int_eq(kvm440_vq_check(&q, &mem, &why), -EINVAL);
	ck_assert_str_eq(why, "ring outside guest RAM");
	q.used = USED + 2;
	ck_assert_int_eq(kvm440_vq_check(&q, &mem, &why), -EINVAL);
	ck_assert_str_eq(why, "misaligned ring");
	q.used = USED;
	q.num = 6;
	ck_assert_int_eq(kvm440_vq_check(&q, &mem, &why), -EINVAL);
}
END_TEST

/* ---- transport + virtio-blk ------------------------------------------- */

static char img[64];
static struct kvm440_vblk *blk;
static struct kvm440_vmmio t;
static int irq_level, logs;
static char last_log[256];

static void irq(void *o, int level)
{
	(void)o;
	irq_level = level;
}

static void logf_(void *o, const char *msg)
{
	(void)o;
	logs++;
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static uint32_t rd(unsigned int off)
{
	uint8_t b[4];

	ck_assert_int_eq(kvm440_vmmio_access(&t, off, b, 4, 0), 0);
	return le32_get(b);
}

static void wr(unsigned int off, uint32_t v)
{
	uint8_t b[4];

	le32_put(b, v);
	ck_assert_int_eq(kvm440_vmmio_access(&t, off, b, 4, 1), 0);
}

static void open_disk(int ro, size_t size)
{
	struct kvm440_virtio_dev d;
	struct kvm440_error err;
	int fd;

	strcpy(img, "/tmp/kvm440-vblk-XXXXXX");
	fd = mkstemp(img);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
	close(fd);
	ck_assert_int_eq(kvm440_vblk_open(img, ro, &blk, &d, &err), 0);
	kvm440_vmmio_init(&t, &d, &mem, "vda", irq, logf_, NULL);
	irq_level = logs = 0;
}

static void close_disk(void)
{
	kvm440_vblk_close(blk);
	unlink(img);
}

/* The driver's side of section 3.1: features, queue 0 at our rings. */
static void driver_init(void)
{
	wr(0x070, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(0x024, 1);
	wr(0x020, 1);			/* VERSION_1 */
	wr(0x024, 0);
	wr(0x020, 1u << VIRTIO_BLK_F_FLUSH);
	wr(0x070, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
	   VIRTIO_STATUS_FEATURES_OK);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_FEATURES_OK, 0);
	wr(0x030, 0);
	ck_assert_uint_eq(rd(0x034), 128);
	wr(0x038, NUM);
	wr(0x080, DESC);
	wr(0x090, AVAIL);
	wr(0x0a0, USED);
	wr(0x044, 1);
	ck_assert_uint_eq(rd(0x044), 1);
	wr(0x070, rd(0x070) | VIRTIO_STATUS_DRIVER_OK);
}

#define HDR	0x10000u
#define DATA	0x20000u
#define STATUS	0x30000u

/* One request: header, optional data (@in: device writes it), status. */
static uint8_t request(uint32_t type, uint64_t sector, uint32_t len, int in)
{
	le32_put(ram + HDR, type);
	le32_put(ram + HDR + 4, 0);
	le64_put(ram + HDR + 8, sector);
	ram[STATUS] = 0xee;
	desc(0, HDR, 16, VRING_DESC_F_NEXT, len ? 1 : 2);
	desc(1, DATA, len, VRING_DESC_F_NEXT | (in ? VRING_DESC_F_WRITE : 0),
	     2);
	desc(2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	offer(0);
	wr(0x050, 0);			/* QueueNotify */
	return ram[STATUS];
}

START_TEST(transport_identity_and_features)
{
	open_disk(0, 1 << 20);
	ck_assert_uint_eq(rd(0x000), VIRTIO_MMIO_MAGIC);
	ck_assert_uint_eq(rd(0x004), 2);
	ck_assert_uint_eq(rd(0x008), VIRTIO_ID_BLOCK);
	wr(0x014, 1);
	ck_assert_uint_eq(rd(0x010), 1);	/* VERSION_1 */
	wr(0x014, 0);
	ck_assert_uint_eq(rd(0x010) & (1u << VIRTIO_BLK_F_RO), 0);
	ck_assert_uint_ne(rd(0x010) & (1u << VIRTIO_BLK_F_FLUSH), 0);
	/* capacity in sectors, read bytewise and as a word */
	{
		uint8_t b[4];

		ck_assert_int_eq(kvm440_vmmio_access(&t, 0x100, b, 4, 0), 0);
		ck_assert_uint_eq(le32_get(b), 2048);
		ck_assert_int_eq(kvm440_vmmio_access(&t, 0x101, b, 1, 0), 0);
		ck_assert_uint_eq(b[0], 8);
	}
	/* a driver without VERSION_1 cannot get FEATURES_OK */
	wr(0x070, 3);
	wr(0x024, 1);
	wr(0x020, 0);
	wr(0x070, 3 | VIRTIO_STATUS_FEATURES_OK);
	ck_assert_uint_eq(rd(0x070) & VIRTIO_STATUS_FEATURES_OK, 0);
	/* nor one asking for features not offered */
	wr(0x070, 0);
	wr(0x070, 3);
	wr(0x024, 1);
	wr(0x020, 1 | 2);
	wr(0x070, 3 | VIRTIO_STATUS_FEATURES_OK);
	ck_assert_uint_eq(rd(0x070) & VIRTIO_STATUS_FEATURES_OK, 0);
	close_disk();
}
END_TEST

START_TEST(blk_write_read_flush_getid)
{
	uint8_t buf[1024];
	int fd;

	open_disk(0, 1 << 20);
	driver_init();
	memset(ram + DATA, 0x5a, 1024);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 7, 1024, 0),
			  VIRTIO_BLK_S_OK);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(rd(0x060), VIRTIO_INT_USED);
	wr(0x064, VIRTIO_INT_USED);
	ck_assert_int_eq(irq_level, 0);
	/* the bytes are in the file at sector 7 */
	fd = open(img, O_RDONLY);
	ck_assert_int_eq(pread(fd, buf, 1024, 7 * 512), 1024);
	close(fd);
	ck_assert_uint_eq(buf[0], 0x5a);
	ck_assert_uint_eq(buf[1023], 0x5a);
	memset(ram + DATA, 0, 1024);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_IN, 7, 1024, 1),
			  VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(ram[DATA + 1023], 0x5a);
	/* used length: data + status */
	ck_assert_uint_eq(le32_get(ram + USED + 4 + 8 * 1 + 4), 1025);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_FLUSH, 0, 0, 0),
			  VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_GET_ID, 0, 20, 1),
			  VIRTIO_BLK_S_OK);
	ck_assert_int_eq(memcmp(ram + DATA, "kvm440-vblk-", 12), 0);
	ck_assert_uint_eq(request(99, 0, 0, 0), VIRTIO_BLK_S_UNSUPP);
	ck_assert_int_eq(logs, 0);
	close_disk();
}
END_TEST

START_TEST(blk_out_of_range_and_partial_sector_are_ioerr)
{
	open_disk(0, 1 << 20);
	driver_init();
	ck_assert_uint_eq(request(VIRTIO_BLK_T_IN, 2047, 1024, 1),
			  VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 2048, 512, 0),
			  VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 0xffffffffffffffffull, 512,
				  0), VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_IN, 0, 100, 1),
			  VIRTIO_BLK_S_IOERR);
	/* a failed request is that request's: the device works on */
	ck_assert_uint_eq(request(VIRTIO_BLK_T_IN, 2047, 512, 1),
			  VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
	close_disk();
}
END_TEST

START_TEST(blk_read_only_refuses_writes)
{
	open_disk(1, 1 << 20);
	wr(0x014, 0);
	ck_assert_uint_ne(rd(0x010) & (1u << VIRTIO_BLK_F_RO), 0);
	driver_init();
	memset(ram + DATA, 0x77, 512);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 0, 512, 0),
			  VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_IN, 0, 512, 1),
			  VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(ram[DATA], 0);	/* still the image's zeroes */
	close_disk();
}
END_TEST

/* A write the file system refuses (here: over RLIMIT_FSIZE, as a full
 * disk would) is an IOERR for that request. */
START_TEST(blk_write_error_is_ioerr)
{
	struct rlimit rl = { 64 * 1024, 64 * 1024 };

	signal(SIGXFSZ, SIG_IGN);
	open_disk(0, 1 << 20);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	driver_init();
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 1024, 512, 0),
			  VIRTIO_BLK_S_IOERR);
	ck_assert_uint_eq(request(VIRTIO_BLK_T_OUT, 0, 512, 0),
			  VIRTIO_BLK_S_OK);
	close_disk();
}
END_TEST

START_TEST(bad_chain_sets_needs_reset_logged_once)
{
	open_disk(0, 1 << 20);
	driver_init();
	desc(0, HDR, 16, VRING_DESC_F_NEXT, 0);	/* loop */
	offer(0);
	wr(0x050, 0);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
	ck_assert_uint_eq(rd(0x060), VIRTIO_INT_CONFIG);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_int_eq(logs, 1);
	ck_assert_str_eq(last_log, "virtio vda: loop in a descriptor chain; "
			 "device needs a reset (reported once)");
	/* more notifies: ignored, not logged again */
	wr(0x050, 0);
	wr(0x050, 0);
	ck_assert_int_eq(logs, 1);
	/* a reset brings it back */
	wr(0x070, 0);
	ck_assert_uint_eq(rd(0x070), 0);
	ck_assert_int_eq(irq_level, 0);
	memset(ram + AVAIL, 0, 64);
	memset(ram + USED, 0, 128);
	next_avail = 0;
	driver_init();
	ck_assert_uint_eq(request(VIRTIO_BLK_T_FLUSH, 0, 0, 0),
			  VIRTIO_BLK_S_OK);
	close_disk();
}
END_TEST

START_TEST(request_without_status_sets_needs_reset)
{
	open_disk(0, 1 << 20);
	driver_init();
	desc(0, HDR, 16, 0, 0);
	offer(0);
	wr(0x050, 0);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
	close_disk();
}
END_TEST

START_TEST(queue_outside_ram_sets_needs_reset)
{
	open_disk(0, 1 << 20);
	wr(0x070, 3);
	wr(0x030, 0);
	wr(0x038, NUM);
	wr(0x080, RAM - 16);
	wr(0x090, AVAIL);
	wr(0x0a0, USED);
	wr(0x044, 1);
	ck_assert_uint_eq(rd(0x044), 0);
	ck_assert_uint_ne(rd(0x070) & VIRTIO_STATUS_NEEDS_RESET, 0);
	ck_assert_int_eq(logs, 1);
	/* a notify to a queue that is not ready, or does not exist */
	wr(0x050, 0);
	wr(0x050, 7);
	close_disk();
}
END_TEST

START_TEST(queue_ready_twice_keeps_the_ring_position)
{
	open_disk(0, 1 << 20);
	driver_init();
	ck_assert_uint_eq(request(VIRTIO_BLK_T_FLUSH, 0, 0, 0),
			  VIRTIO_BLK_S_OK);
	wr(0x044, 1);
	/* still in step: the next request is taken, not the first again */
	ck_assert_uint_eq(request(VIRTIO_BLK_T_FLUSH, 0, 0, 0),
			  VIRTIO_BLK_S_OK);
	ck_assert_uint_eq(le16_get(ram + USED + 2), 2);
	/* the ring cannot move under a ready queue */
	wr(0x080, 0x40000);
	ck_assert_uint_eq(t.vq[0].desc, DESC);
	close_disk();
}
END_TEST

START_TEST(narrow_register_access_is_harmless)
{
	uint8_t b[2] = { 0xff, 0xff };

	open_disk(0, 1 << 20);
	ck_assert_int_eq(kvm440_vmmio_access(&t, 0x070, b, 2, 1), 0);
	ck_assert_uint_eq(rd(0x070), 0);
	ck_assert_int_eq(kvm440_vmmio_access(&t, 0x000, b, 2, 0), 0);
	ck_assert_uint_eq(b[0], 0);
	ck_assert_int_eq(kvm440_vmmio_access(&t, 0x000, b, 3, 0), -EINVAL);
	close_disk();
}
END_TEST

START_TEST(image_is_locked_against_a_second_vm)
{
	struct kvm440_virtio_dev d;
	struct kvm440_vblk *b2;
	struct kvm440_error err;

	open_disk(0, 1 << 20);
	ck_assert_int_eq(kvm440_vblk_open(img, 0, &b2, &d, &err),
			 -EWOULDBLOCK);
	ck_assert_ptr_nonnull(strstr(err.msg, "in use by another VM"));
	ck_assert_int_eq(kvm440_vblk_open(img, 1, &b2, &d, &err),
			 -EWOULDBLOCK);
	close_disk();
	ck_assert_int_eq(kvm440_vblk_open("/nonexistent.img", 0, &b2, &d,
					  &err), -ENOENT);
	ck_assert_str_eq(err.msg, "/nonexistent.img: No such file or "
			 "directory");
}
END_TEST

/* The board's device tree gets one virtio,mmio node per device, in order. */
START_TEST(fdt_nodes_for_disks_and_net_order)
{
	struct kvm440_config *cfg = NULL;
	struct kvm440_virtio *v;
	struct kvm440_error err;
	char buf[512];
	size_t len;
	void *dtb;
	int node, n = 0, fd;
	char path[2][64];

	for (n = 0; n < 2; n++) {
		strcpy(path[n], "/tmp/kvm440-fdt-XXXXXX");
		fd = mkstemp(path[n]);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(ftruncate(fd, 4096), 0);
		close(fd);
	}
	snprintf(buf, sizeof(buf), "memory = 1M\nkernel = k\n"
		 "disk = %s\ndisk = %s,ro\n", path[0], path[1]);
	ck_assert_int_eq(kvm440_config_parse(buf, strlen(buf), "g.cfg", &cfg,
					     &err), 0);
	ck_assert_int_eq(kvm440_virtio_open(cfg, "g.cfg", &mem, &v, &err),
			 0);
	kvm440_board_dtb(&len);
	dtb = malloc(len);
	memcpy(dtb, kvm440_board_dtb(NULL), len);
	ck_assert_int_eq(kvm440_virtio_fdt_nodes(kvm440_virtio_count(cfg), &dtb, &len, &err), 0);
	ck_assert_int_eq(fdt_check_header(dtb), 0);
	n = 0;
	for (node = fdt_node_offset_by_compatible(dtb, -1, "virtio,mmio");
	     node >= 0;
	     node = fdt_node_offset_by_compatible(dtb, node, "virtio,mmio")) {
		const fdt32_t *reg = fdt_getprop(dtb, node, "reg", NULL);
		const fdt32_t *irq = fdt_getprop(dtb, node, "interrupts", NULL);
		int parent = fdt_parent_offset(dtb, node);

		ck_assert_str_eq(fdt_get_name(dtb, parent, NULL), "plb");
		ck_assert_uint_eq(fdt32_to_cpu(reg[0]), 0);
		ck_assert_uint_eq(fdt32_to_cpu(reg[1]), 0xd0000000u + 0x1000u * n);
		ck_assert_uint_eq(fdt32_to_cpu(reg[2]), 0x200);
		ck_assert_uint_eq(fdt32_to_cpu(irq[0]), 16 + n);
		ck_assert_uint_eq(fdt32_to_cpu(irq[1]), 4);
		n++;
	}
	ck_assert_int_eq(n, 2);
	free(dtb);
	kvm440_virtio_destroy(v);
	/* a missing image is FILE:LINE of its disk line */
	unlink(path[1]);
	ck_assert_int_eq(kvm440_virtio_open(cfg, "g.cfg", &mem, &v, &err),
			 -ENOENT);
	{
		char want[160];

		snprintf(want, sizeof(want), "g.cfg:4: disk: %s: No such file "
			 "or directory", path[1]);
		ck_assert_str_eq(err.msg, want);
	}
	unlink(path[0]);
	kvm440_config_free(cfg);
}
END_TEST

Suite *virtio_suite(void)
{
	Suite *s = suite_create("virtio");
	TCase *r = tcase_create("ring");
	TCase *b = tcase_create("blk");

	tcase_add_checked_fixture(r, setup, teardown);
	tcase_add_test(r, pop_valid_chain_in_then_out);
	tcase_add_test(r, loop_in_chain_is_refused);
	tcase_add_test(r, self_loop_is_refused);
	tcase_add_test(r, head_out_of_range_is_refused);
	tcase_add_test(r, next_out_of_range_is_refused);
	tcase_add_test(r, buffers_outside_ram_are_refused);
	tcase_add_test(r, readable_after_writable_is_refused);
	tcase_add_test(r, indirect_is_refused);
	tcase_add_test(r, avail_index_running_ahead_is_refused);
	tcase_add_test(r, full_ring_chain_and_index_wrap);
	tcase_add_test(r, ring_placement_checked);
	suite_add_tcase(s, r);

	tcase_add_checked_fixture(b, setup, teardown);
	tcase_add_test(b, transport_identity_and_features);
	tcase_add_test(b, blk_write_read_flush_getid);
	tcase_add_test(b, blk_out_of_range_and_partial_sector_are_ioerr);
	tcase_add_test(b, blk_read_only_refuses_writes);
	tcase_add_test(b, blk_write_error_is_ioerr);
	tcase_add_test(b, bad_chain_sets_needs_reset_logged_once);
	tcase_add_test(b, request_without_status_sets_needs_reset);
	tcase_add_test(b, queue_outside_ram_sets_needs_reset);
	tcase_add_test(b, narrow_register_access_is_harmless);
	tcase_add_test(b, queue_ready_twice_keeps_the_ring_position);
	tcase_add_test(b, image_is_locked_against_a_second_vm);
	tcase_add_test(b, fdt_nodes_for_disks_and_net_order);
	suite_add_tcase(s, b);
	return s;
}
