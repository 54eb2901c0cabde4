/*
 * mmio: loads and stores of every size and form to guest_vmm's test device
 * (MMIO exits completed on re-entry): byte, halfword (zero- and
 * sign-extended), word, byte-reversed, update, indexed, update-indexed, and
 * load/store multiple; the device's own log says what size and data each
 * store carried.
 */
#include "rt.h"

#define R(off) ((volatile void *)(TDEV_BASE + (off)))
#define S(off) (TDEV_BASE + TDEV_SCRATCH + (off))
static inline uint32_t rd32(uint32_t off) { return *(volatile uint32_t *)R(off); }

static void last_store(const char *n, int *okp, uint32_t len, uint32_t val, uint32_t off)
{
	uint32_t l = rd32(TDEV_LAST_LEN), v = rd32(TDEV_LAST_VAL), o = rd32(TDEV_LAST_OFF);
	int ok_ = *okp;

	CHECK(n, l == len && v == val && o == off,
	      "device saw a store of len %u val %#x at %#x (want len %u val %#x at %#x)",
	      l, v, o, len, val, off);
	*okp = ok_;
}

static void t_basic(void)
{
	const char *n = "mmio_word";
	int ok_ = 1;
	uint32_t v, c0, c1;

	v = rd32(TDEV_ID);
	CHECK(n, v == TDEV_ID_VALUE, "ID register %#08x", v);
	c0 = rd32(TDEV_COUNT);
	c1 = rd32(TDEV_COUNT);
	CHECK(n, c1 == c0 + 1, "access counter %u then %u", c0, c1);
	*(volatile uint32_t *)S(0) = 0x01234567;
	last_store(n, &ok_, 4, 0x01234567, 0x100);
	v = *(volatile uint32_t *)S(0);
	CHECK(n, v == 0x01234567, "stw/lwz %#08x", v);
	v = *(volatile uint32_t *)R(TDEV_PATTERN + 8);
	CHECK(n, v == 0xadacafaeu, "pattern word %#08x (want 0xadacafae)", v);
	if (ok_)
		pass(n);
}

static void t_byte(void)
{
	const char *n = "mmio_byte";
	int ok_ = 1, i;
	uint32_t v;

	for (i = 0; i < 4; i++) {
		*(volatile uint8_t *)S(0x10 + i) = (uint8_t)(0xa0 + i);
		last_store(n, &ok_, 1, 0xa0 + i, 0x110 + i);
	}
	v = *(volatile uint32_t *)S(0x10);
	CHECK(n, v == 0xa0a1a2a3, "four stb then lwz %#08x", v);
	for (i = 0; i < 4; i++) {
		v = *(volatile uint8_t *)S(0x10 + i);
		CHECK(n, v == 0xa0u + i, "lbz +%d %#x", i, v);
	}
	v = *(volatile uint8_t *)R(TDEV_PATTERN + 0x33);
	CHECK(n, v == 0x96, "pattern byte %#x (want 0x96)", v);
	if (ok_)
		pass(n);
}

static void t_half(void)
{
	const char *n = "mmio_half";
	int ok_ = 1;
	uint32_t v;
	int32_t s;

	*(volatile uint16_t *)S(0x20) = 0x8001;
	last_store(n, &ok_, 2, 0x8001, 0x120);
	*(volatile uint16_t *)S(0x22) = 0x7ffe;
	v = *(volatile uint32_t *)S(0x20);
	CHECK(n, v == 0x80017ffe, "two sth then lwz %#08x", v);
	v = *(volatile uint16_t *)S(0x20);
	CHECK(n, v == 0x8001, "lhz %#x", v);
	__asm__ volatile("lha %0,0(%1)" : "=r"(s) : "b"(S(0x20)) : "memory");
	CHECK(n, s == (int32_t)0xffff8001, "lha sign-extends: %#08x", (uint32_t)s);
	__asm__ volatile("lha %0,0(%1)" : "=r"(s) : "b"(S(0x22)) : "memory");
	CHECK(n, s == 0x7ffe, "lha positive: %#08x", (uint32_t)s);
	if (ok_)
		pass(n);
}

static void t_brev(void)
{
	const char *n = "mmio_byte_reverse";
	int ok_ = 1;
	uint32_t v, a = S(0x30);

	__asm__ volatile("stwbrx %0,0,%1" : : "r"(0x11223344), "r"(a) : "memory");
	last_store(n, &ok_, 4, 0x44332211, 0x130);
	v = *(volatile uint32_t *)a;
	CHECK(n, v == 0x44332211, "stwbrx then lwz %#08x", v);
	__asm__ volatile("lwbrx %0,0,%1" : "=r"(v) : "r"(a) : "memory");
	CHECK(n, v == 0x11223344, "lwbrx %#08x", v);
	__asm__ volatile("sthbrx %0,0,%1" : : "r"(0xbeef), "r"(a) : "memory");
	last_store(n, &ok_, 2, 0xefbe, 0x130);
	__asm__ volatile("lhbrx %0,0,%1" : "=r"(v) : "r"(a) : "memory");
	CHECK(n, v == 0xbeef, "lhbrx %#08x", v);
	if (ok_)
		pass(n);
}

static void t_update_indexed(void)
{
	const char *n = "mmio_update_indexed";
	int ok_ = 1;
	uint32_t v, p, x = 4;

	*(volatile uint32_t *)S(0x40) = 0x40404040;
	*(volatile uint32_t *)S(0x44) = 0x44444444;
	*(volatile uint32_t *)S(0x48) = 0x48484848;
	p = S(0x40);
	__asm__ volatile("lwzu %0,4(%1)" : "=r"(v), "+b"(p) : : "memory");
	CHECK(n, v == 0x44444444 && p == S(0x44), "lwzu: %#08x rA %#08x", v, p);
	__asm__ volatile("lbzu %0,1(%1)" : "=r"(v), "+b"(p) : : "memory");
	CHECK(n, v == 0x44 && p == S(0x45), "lbzu: %#x rA %#08x", v, p);
	p = S(0x44);
	__asm__ volatile("lhzu %0,4(%1)" : "=r"(v), "+b"(p) : : "memory");
	CHECK(n, v == 0x4848 && p == S(0x48), "lhzu: %#x rA %#08x", v, p);
	p = S(0x44);
	__asm__ volatile("lhau %0,4(%1)" : "=r"(v), "+b"(p) : : "memory");
	CHECK(n, v == 0x4848 && p == S(0x48), "lhau: %#x rA %#08x", v, p);
	p = S(0x40);
	__asm__ volatile("lwzx %0,%1,%2" : "=r"(v) : "b"(p), "r"(x) : "memory");
	CHECK(n, v == 0x44444444, "lwzx %#08x", v);
	__asm__ volatile("lbzx %0,%1,%2" : "=r"(v) : "b"(p), "r"(x) : "memory");
	CHECK(n, v == 0x44, "lbzx %#x", v);
	__asm__ volatile("lhzx %0,%1,%2" : "=r"(v) : "b"(p), "r"(x) : "memory");
	CHECK(n, v == 0x4444, "lhzx %#x", v);
	__asm__ volatile("lhax %0,%1,%2" : "=r"(v) : "b"(p), "r"(x) : "memory");
	CHECK(n, v == 0x4444, "lhax %#x", v);
	__asm__ volatile("lwzux %0,%1,%2" : "=r"(v), "+b"(p) : "r"(x) : "memory");
	CHECK(n, v == 0x44444444 && p == S(0x44), "lwzux %#08x rA %#08x", v, p);
	__asm__ volatile("lbzux %0,%1,%2" : "=r"(v), "+b"(p) : "r"(x) : "memory");
	CHECK(n, v == 0x48 && p == S(0x48), "lbzux %#x rA %#08x", v, p);
	p = S(0x40);
	__asm__ volatile("lhzux %0,%1,%2" : "=r"(v), "+b"(p) : "r"(x) : "memory");
	CHECK(n, v == 0x4444 && p == S(0x44), "lhzux %#x rA %#08x", v, p);
	__asm__ volatile("lhaux %0,%1,%2" : "=r"(v), "+b"(p) : "r"(x) : "memory");
	CHECK(n, v == 0x4848 && p == S(0x48), "lhaux %#x rA %#08x", v, p);
	/* stores */
	p = S(0x50);
	__asm__ volatile("stwu %1,4(%0)" : "+b"(p) : "r"(0x54545454) : "memory");
	CHECK(n, p == S(0x54), "stwu rA %#08x", p);
	last_store(n, &ok_, 4, 0x54545454, 0x154);
	__asm__ volatile("sthu %1,4(%0)" : "+b"(p) : "r"(0x5858) : "memory");
	CHECK(n, p == S(0x58), "sthu rA %#08x", p);
	last_store(n, &ok_, 2, 0x5858, 0x158);
	__asm__ volatile("stbu %1,4(%0)" : "+b"(p) : "r"(0x5c) : "memory");
	CHECK(n, p == S(0x5c), "stbu rA %#08x", p);
	last_store(n, &ok_, 1, 0x5c, 0x15c);
	p = S(0x60);
	__asm__ volatile("stwx %1,%0,%2" : : "b"(p), "r"(0x64646464), "r"(x) : "memory");
	last_store(n, &ok_, 4, 0x64646464, 0x164);
	__asm__ volatile("sthx %1,%0,%2" : : "b"(p), "r"(0x6464), "r"(x) : "memory");
	last_store(n, &ok_, 2, 0x6464, 0x164);
	__asm__ volatile("stbx %1,%0,%2" : : "b"(p), "r"(0x64), "r"(x) : "memory");
	last_store(n, &ok_, 1, 0x64, 0x164);
	__asm__ volatile("stwux %1,%0,%2" : "+b"(p) : "r"(0x64646400), "r"(x) : "memory");
	CHECK(n, p == S(0x64), "stwux rA %#08x", p);
	last_store(n, &ok_, 4, 0x64646400, 0x164);
	__asm__ volatile("sthux %1,%0,%2" : "+b"(p) : "r"(0x6868), "r"(x) : "memory");
	CHECK(n, p == S(0x68), "sthux rA %#08x", p);
	last_store(n, &ok_, 2, 0x6868, 0x168);
	__asm__ volatile("stbux %1,%0,%2" : "+b"(p) : "r"(0x6c), "r"(x) : "memory");
	CHECK(n, p == S(0x6c), "stbux rA %#08x", p);
	last_store(n, &ok_, 1, 0x6c, 0x16c);
	if (ok_)
		pass(n);
}

static void t_uart(void)
{
	const char *n = "mmio_uart_lsr";
	uint32_t lsr = *(volatile uint8_t *)(UART_BASE + 5);

	if ((lsr & 0x60) == 0x60)
		pass(n);
	else
		fail(n, "LSR %#x (want THRE|TEMT)", lsr);
}

static void t_multiple(void)
{
	const char *n = "mmio_multiple";
	int ok_ = 1;
	uint32_t out[4];

	__asm__ volatile(
		"lis 28,0x2828\n\tlis 29,0x2929\n\tlis 30,0x3030\n\tlis 31,0x3131\n\t"
		"stmw 28,0(%0)" : : "b"(S(0x80)) : "memory", "r28", "r29", "r30", "r31");
	out[0] = *(volatile uint32_t *)S(0x80);
	out[3] = *(volatile uint32_t *)S(0x8c);
	CHECK(n, out[0] == 0x28280000 && out[3] == 0x31310000, "stmw then lwz: %#08x %#08x",
	      out[0], out[3]);
	__asm__ volatile(
		"lmw 28,0(%4)\n\tmr %0,28\n\tmr %1,29\n\tmr %2,30\n\tmr %3,31"
		: "=r"(out[0]), "=r"(out[1]), "=r"(out[2]), "=r"(out[3])
		: "b"(S(0x80)) : "memory", "r28", "r29", "r30", "r31");
	CHECK(n, out[0] == 0x28280000 && out[1] == 0x29290000 && out[2] == 0x30300000 &&
	      out[3] == 0x31310000, "lmw: %#08x %#08x %#08x %#08x", out[0], out[1], out[2], out[3]);
	if (ok_)
		pass(n);
}

int main(void)
{
	rt_test = "mmio";
	t_basic();
	t_byte();
	t_half();
	t_brev();
	t_update_indexed();
	t_uart();
	t_multiple();
	return rt_failures ? 1 : 0;
}
