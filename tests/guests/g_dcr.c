/*
 * dcr: mfdcr/mtdcr round trips through guest_vmm (DCR exits completed on
 * re-entry): a known value, a scratch register, a value the VMM transforms,
 * every GPR as source and target, an unassigned DCR, and the VMM's count of
 * the accesses it saw.
 */
#include "rt.h"

#define RD_VIA(reg, dst) __asm__ volatile("mfdcr " #reg ",0x3f1\n\tmr %0," #reg \
	: "=r"(dst) : : #reg, "memory")
#define WR_VIA(reg, val) __asm__ volatile("mr " #reg ",%0\n\tmtdcr 0x3f2," #reg \
	: : "r"(val) : #reg, "memory")

int main(void)
{
	const char *n;
	int ok_, i;
	uint32_t v, c0, c1;
	static const uint32_t pats[] = { 0, 0xffffffff, 0xa5a5a5a5, 0x5a5a5a5a,
					 0x12345678, 0x80000001 };

	rt_test = "dcr";
	n = "dcr_read";
	ok_ = 1;
	v = mfdcr(DCR_MAGIC);
	CHECK(n, v == DCR_MAGIC_VALUE, "mfdcr 0x3f1 %#08x (want %#08x)", v, DCR_MAGIC_VALUE);
	if (ok_)
		pass(n);

	n = "dcr_roundtrip";
	ok_ = 1;
	for (i = 0; i < (int)(sizeof(pats) / sizeof(pats[0])); i++) {
		mtdcr(DCR_SCRATCH, pats[i]);
		v = mfdcr(DCR_SCRATCH);
		CHECK(n, v == pats[i], "scratch wrote %#08x read %#08x", pats[i], v);
		mtdcr(DCR_INVERT, pats[i]);
		v = mfdcr(DCR_INVERT);
		CHECK(n, v == ~pats[i], "invert wrote %#08x read %#08x", pats[i], v);
	}
	if (ok_)
		pass(n);

	n = "dcr_gprs";
	ok_ = 1;
	{
		uint32_t r[8];
		RD_VIA(0, r[0]); RD_VIA(3, r[1]); RD_VIA(9, r[2]); RD_VIA(12, r[3]);
		RD_VIA(14, r[4]); RD_VIA(21, r[5]); RD_VIA(30, r[6]); RD_VIA(31, r[7]);
		for (i = 0; i < 8; i++)
			CHECK(n, r[i] == DCR_MAGIC_VALUE, "mfdcr into GPR #%d: %#08x", i, r[i]);
		WR_VIA(0, 0x00000100); v = mfdcr(DCR_SCRATCH);
		CHECK(n, v == 0x100, "mtdcr from r0: %#x", v);
		WR_VIA(11, 0x00001100); v = mfdcr(DCR_SCRATCH);
		CHECK(n, v == 0x1100, "mtdcr from r11: %#x", v);
		WR_VIA(29, 0x00002900); v = mfdcr(DCR_SCRATCH);
		CHECK(n, v == 0x2900, "mtdcr from r29: %#x", v);
		WR_VIA(31, 0x00003100); v = mfdcr(DCR_SCRATCH);
		CHECK(n, v == 0x3100, "mtdcr from r31: %#x", v);
	}
	if (ok_)
		pass(n);

	n = "dcr_unassigned";
	ok_ = 1;
	v = mfdcr(0x155);
	CHECK(n, v == 0xdcdc0155, "mfdcr 0x155 %#08x (want the VMM's 0xdcdc0155)", v);
	mtdcr(0x155, 0x1234);
	if (ok_)
		pass(n);

	n = "dcr_count";
	ok_ = 1;
	c0 = mfdcr(DCR_COUNT);
	for (i = 0; i < 100; i++) {
		mtdcr(DCR_SCRATCH, i);
		v = mfdcr(DCR_SCRATCH);
		if (v != (uint32_t)i) {
			CHECK(n, 0, "round trip %d read %#x", i, v);
			break;
		}
	}
	c1 = mfdcr(DCR_COUNT);
	CHECK(n, c1 == c0 + 201, "the VMM saw %u accesses for 200 (+1) (%u -> %u)",
	      c1 - c0, c0, c1);
	if (ok_)
		pass(n);
	return rt_failures ? 1 : 0;
}
