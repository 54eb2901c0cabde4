/*
 * virtio: a driver that breaks the virtio-mmio rules on purpose, run
 * under kvm440ctl with `disk = IMAGE` (tests/e2e/tests/virtio_bad_driver.sh),
 * not guest_vmm. Each bad request must leave the device in NEEDS_RESET
 * with a config interrupt pending and nothing used; after a reset the
 * device must serve good requests again. The image's sector 0 starts with
 * "kvm440 sector 0"; sector 1 gets "written by g_virtio".
 */
#include "rt.h"

#define VIO		0xd0000000u	/* device 0: the first disk */
#define NUM		8
#define ST_ACK		1
#define ST_DRIVER	2
#define ST_DRIVER_OK	4
#define ST_FEATURES_OK	8
#define ST_NEEDS_RESET	0x40
#define F_NEXT		1
#define F_WRITE		2

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };

static struct desc descs[NUM] __attribute__((aligned(16)));
static uint16_t avail[2 + NUM + 1] __attribute__((aligned(4)));
static uint32_t used[1 + 2 * NUM + 1] __attribute__((aligned(4)));
static uint8_t hdr[16], data[512], status;
static uint16_t next_avail;

/* registers are little-endian; this CPU is not */
static uint32_t le32(uint32_t v) { return __builtin_bswap32(v); }
static uint16_t le16(uint16_t v) { return __builtin_bswap16(v); }
static uint64_t le64(uint64_t v) { return __builtin_bswap64(v); }

static uint32_t rd(uint32_t off)
{
	return le32(*(volatile uint32_t *)(VIO + off));
}

static void wr(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(VIO + off) = le32(v);
}

static uint16_t used_idx(void)
{
	return le16(((volatile uint16_t *)used)[1]);
}

static void setup_queue(void)
{
	memset(descs, 0, sizeof(descs));
	memset(avail, 0, sizeof(avail));
	memset(used, 0, sizeof(used));
	next_avail = 0;
	wr(0x070, 0);				/* reset */
	wr(0x070, ST_ACK | ST_DRIVER);
	wr(0x024, 1);
	wr(0x020, 1);				/* VERSION_1 */
	wr(0x024, 0);
	wr(0x020, 0);
	wr(0x070, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
	wr(0x030, 0);
	wr(0x038, NUM);
	wr(0x080, (uint32_t)descs);
	wr(0x084, 0);
	wr(0x090, (uint32_t)avail);
	wr(0x094, 0);
	wr(0x0a0, (uint32_t)used);
	wr(0x0a4, 0);
	wr(0x044, 1);
	wr(0x070, ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK);
}

static void set_desc(int i, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	descs[i].addr = le64(addr);
	descs[i].len = le32(len);
	descs[i].flags = le16(flags);
	descs[i].next = le16(next);
}

static void offer(uint16_t head)
{
	avail[2 + next_avail % NUM] = le16(head);
	next_avail++;
	__asm__ volatile("sync" ::: "memory");
	avail[1] = le16(next_avail);
	__asm__ volatile("sync" ::: "memory");
	wr(0x050, 0);				/* QueueNotify */
}

/* header, data (@in: the device writes it), status */
static void request(uint32_t type, uint32_t sector, int in)
{
	memset(hdr, 0, sizeof(hdr));
	*(uint32_t *)hdr = le32(type);
	*(uint64_t *)(hdr + 8) = le64(sector);
	status = 0xee;
	set_desc(0, (uint32_t)hdr, 16, F_NEXT, 1);
	set_desc(1, (uint32_t)data, 512, F_NEXT | (in ? F_WRITE : 0), 2);
	set_desc(2, (uint32_t)&status, 1, F_WRITE, 0);
	offer(0);
}

static int same(const uint8_t *a, const char *b, unsigned int n)
{
	while (n--)
		if (*a++ != (uint8_t)*b++)
			return 0;
	return 1;
}

static int bad(const char *name)
{
	int ok_ = 1;
	uint32_t st = rd(0x070), isr = rd(0x060);

	CHECK(name, st & ST_NEEDS_RESET, "status %#x without NEEDS_RESET", st);
	CHECK(name, isr & 2, "interrupt status %#x without config change", isr);
	CHECK(name, used_idx() == 0, "used index %u: a bad chain was used",
	      used_idx());
	if (ok_)
		pass(name);
	return ok_;
}

int main(void)
{
	int ok_ = 1;

	rt_test = "virtio";
	tlb_map(3, VIO, VIO, SZ_4K, TLB2_I | TLB2_G | TLB2_SW | TLB2_SR);
	CHECK("identity", rd(0x000) == 0x74726976 && rd(0x004) == 2 &&
	      rd(0x008) == 2, "magic %#x version %u device %u", rd(0x000),
	      rd(0x004), rd(0x008));

	setup_queue();
	request(0 /* IN */, 0, 1);
	CHECK("read sector 0", used_idx() == 1 && status == 0 &&
	      same(data, "kvm440 sector 0", 15),
	      "used %u status %u data '%.15s'", used_idx(), status, data);

	/* a loop: 0 -> 1 -> 0 */
	setup_queue();
	set_desc(0, (uint32_t)hdr, 16, F_NEXT, 1);
	set_desc(1, (uint32_t)data, 512, F_NEXT, 0);
	offer(0);
	bad("loop in a chain");

	/* a buffer past the end of guest RAM (16M) */
	setup_queue();
	set_desc(0, (uint32_t)hdr, 16, F_NEXT, 1);
	set_desc(1, 0x00fffe00u, 1024, F_NEXT | F_WRITE, 2);
	set_desc(2, (uint32_t)&status, 1, F_WRITE, 0);
	offer(0);
	bad("buffer outside guest RAM");

	/* a buffer above 4G */
	setup_queue();
	set_desc(0, 0x100000000ull | (uint32_t)hdr, 16, 0, 0);
	offer(0);
	bad("buffer above 4G");

	/* a head index past the ring, then a next index past it */
	setup_queue();
	offer(200);
	bad("head index out of range");
	setup_queue();
	set_desc(0, (uint32_t)hdr, 16, F_NEXT, 9);
	offer(0);
	bad("next index out of range");

	/* the ring itself outside guest RAM: the queue never gets ready */
	setup_queue();
	wr(0x070, 0);
	wr(0x070, ST_ACK | ST_DRIVER);
	wr(0x030, 0);
	wr(0x038, NUM);
	wr(0x0a0, 0x01000000u);		/* used ring at the end of RAM */
	wr(0x044, 1);
	CHECK("ring outside RAM", rd(0x044) == 0 && (rd(0x070) & ST_NEEDS_RESET),
	      "ready %u status %#x", rd(0x044), rd(0x070));

	/* after a reset, the device works again: write sector 1, flush */
	setup_queue();
	CHECK("reset clears NEEDS_RESET", !(rd(0x070) & ST_NEEDS_RESET),
	      "status %#x", rd(0x070));
	memset(data, 0, sizeof(data));
	memcpy(data, "written by g_virtio", 19);
	request(1 /* OUT */, 1, 0);
	CHECK("write after reset", used_idx() == 1 && status == 0,
	      "used %u status %u", used_idx(), status);
	request(4 /* FLUSH */, 0, 0);
	CHECK("flush", used_idx() == 2 && status == 0, "used %u status %u",
	      used_idx(), status);
	/* past the end of the image: an I/O error for that request only */
	request(0, 0x7fffffffu, 1);
	CHECK("read past the end is IOERR", used_idx() == 3 && status == 1 &&
	      !(rd(0x070) & ST_NEEDS_RESET), "used %u status %u", used_idx(),
	      status);
	if (ok_)
		pass("device works after reset");
	return ok_ ? 0 : 1;
}
