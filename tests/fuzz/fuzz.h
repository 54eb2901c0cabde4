/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm440_fuzz: shared state of the user-surface fuzzer (see main.c).
 * Everything random comes from one xorshift generator seeded per round, so
 * a round replays from its seed alone.
 */
#ifndef KVM440_FUZZ_H
#define KVM440_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <linux/kvm440.h>

extern uint64_t fz_rng;
static inline uint32_t rnd(void)
{
	fz_rng ^= fz_rng >> 12;
	fz_rng ^= fz_rng << 25;
	fz_rng ^= fz_rng >> 27;
	return (uint32_t)((fz_rng * 0x2545f4914f6cdd1dull) >> 32);
}
static inline uint32_t rn(uint32_t n) { return n ? rnd() % n : 0; }
static inline uint64_t rnd64(void) { return (uint64_t)rnd() << 32 | rnd(); }
/* a 32-bit value biased to the boundaries ioctls must check */
uint32_t rnd_u32(void);
uint64_t rnd_u64(void);
void rnd_fill(void *p, size_t n);

/* counters of one round, summed by main.c */
struct fz_counts {
	unsigned long ioctls;	/* ioctl() calls on kvm440 fds */
	unsigned long ok;	/* of which returned >= 0 */
	unsigned long guest_runs;	/* random guests run */
	unsigned long runs;	/* KVM440_RUN calls */
	unsigned long nl_msgs;	/* netlink requests sent */
	unsigned long forks, threads;
};
extern struct fz_counts fz;

long fz_ioctl(int fd, unsigned long cmd, void *arg);
/* one round: n operations on fresh fds; returns 0, or -1 on a fuzzer bug */
int fz_round(unsigned long n, unsigned long guests);

/* guest.c: build a VM with random code and TLB and run it */
void fz_guest_run(int dev);
/* guest.c: run a vCPU until an exit, with RUN cut by a timer */
void fz_arm_timer(void);

/* nl.c */
int nl_open(void);
int nl_family(int sk);
void nl_fuzz(int sk, int family, const uint32_t *ids, int nids);
int nl_get_vm(int sk, int family, uint32_t id);
int nl_dump(int sk, int family);
int nl_stop_vm(int sk, int family, uint32_t id);

#endif
