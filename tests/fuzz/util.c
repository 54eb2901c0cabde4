// SPDX-License-Identifier: GPL-2.0
#include <sys/ioctl.h>
#include <sys/time.h>

#include "fuzz.h"

uint64_t fz_rng = 1;
struct fz_counts fz;

uint32_t rnd_u32(void)
{
	static const uint32_t edge[] = {
		0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 63, 64, 65, 255, 256, 0x3ff,
		0x400, 0xfff, 0x1000, 0x1001, 0xffff, 0x10000, 0x100000,
		0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffe, 0xffffffff,
	};

	switch (rn(4)) {
	case 0:
		return edge[rn(sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return rn(64);
	case 2:
		return 1u << rn(32);
	default:
		return rnd();
	}
}

uint64_t rnd_u64(void)
{
	switch (rn(5)) {
	case 0:
		return (uint64_t)rnd_u32();
	case 1:
		return 1ull << rn(64);
	case 2:	/* around the 36-bit guest physical limit */
		return (1ull << 36) - ((uint64_t)rn(3) << 12) + rn(3) * 4096;
	case 3:
		return (uint64_t)rn(64) << 12;
	default:
		return rnd64();
	}
}

void rnd_fill(void *p, size_t n)
{
	unsigned char *c = p;
	int mode = rn(4);

	while (n--)
		*c++ = mode == 0 ? 0 : mode == 1 ? 0xff : (unsigned char)rnd();
}

/* Every RUN is cut short by a timer: a guest may spin forever. */
long fz_ioctl(int fd, unsigned long cmd, void *arg)
{
	struct itimerval off = { 0 };
	long r;

	if (cmd == KVM440_RUN)
		fz_arm_timer();
	r = ioctl(fd, cmd, arg);
	if (cmd == KVM440_RUN)
		setitimer(ITIMER_REAL, &off, NULL);

	fz.ioctls++;
	if (r >= 0)
		fz.ok++;
	return r;
}
