/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's timer facilities as pure functions of the timebase: the
 * decrementer, the fixed-interval timer and the watchdog state machine.
 * No kernel calls, so the Check unit tests compile the very code the module
 * runs (tests/unit/test_timer.c); timer.c adds the hrtimer and the locking.
 *
 * Model. The guest reads the host's timebase natively (mftb/mfspr TBL are
 * unprivileged), so every guest timer is a function of that same TB: the
 * status bits are brought up to date lazily ("synced") to a TB value
 * whenever they are read or their controls change, and an hrtimer is armed
 * only for the next event that can raise an interrupt or a reset.
 *
 *  - DEC holds @dec_val at TB @dec_tb and counts down once per TB tick. Its
 *    1->0 transition sets TSR[DIS]; with TCR[ARE] it is reloaded from DECAR
 *    at that same tick (period DECAR ticks, as the old upstream KVM and
 *    QEMU do), otherwise it stays 0. Writing 0 starts nothing.
 *  - FIT: a 0->1 transition of TB bit 12/16/20/24 (TCR[FP] = 0..3, a period
 *    of 2^13/2^17/2^21/2^25 ticks, the 440's; QEMU's 440 models agree) sets
 *    TSR[FIS], whether or not TCR[FIE] is set.
 *  - Watchdog: a 0->1 transition of TB bit 20/24/28/32 (TCR[WP] = 0..3,
 *    2^21..2^33 ticks) is one watchdog event: ENW=0 -> set ENW; ENW=1,
 *    WIS=0 -> set WIS (interrupt if TCR[WIE]); ENW=1, WIS=1 -> the
 *    TCR[WRC] reset, recorded in TSR[WRS], if WRC is not 0.
 */
#ifndef KVM440_TIMER_H
#define KVM440_TIMER_H

#include "booke.h"

#ifdef __KERNEL__
#include <linux/math64.h>
#define kvm440_div_u64(a, b)	div_u64(a, b)
#else
#define kvm440_div_u64(a, b)	((a) / (b))
#endif

/* TSR and TCR bits beyond those booke.h's pending check reads */
#define KVM440_TSR_ENW		0x80000000u
#define KVM440_TSR_WRS_MASK	0x30000000u
#define KVM440_TCR_WP_MASK	0xc0000000u
#define KVM440_TCR_WRC_MASK	0x30000000u	/* same bits as TSR[WRS] */
#define KVM440_TCR_FP_MASK	0x03000000u
#define KVM440_TCR_ARE		0x00400000u

struct kvm440_tstate {
	u64 dec_tb;	/* TB at which DEC held dec_val */
	u64 fit_tb;	/* FIT events up to this TB are in TSR[FIS] */
	u64 wdt_tb;	/* watchdog events up to this TB are in TSR */
	u32 dec_val;	/* 0: stopped */
};

/* The TB bit whose 0->1 transition is a FIT / watchdog event. */
static inline unsigned int kvm440_fit_bit(u32 tcr)
{
	return 12 + 4 * ((tcr & KVM440_TCR_FP_MASK) >> 24);
}

static inline unsigned int kvm440_wdt_bit(u32 tcr)
{
	return 20 + 4 * ((tcr & KVM440_TCR_WP_MASK) >> 30);
}

/* 0->1 transitions of TB bit @bit at TB values 1..@tb: they are at 2^bit mod 2^(bit+1). */
static inline u64 kvm440_tb_rises(u64 tb, unsigned int bit)
{
	return (tb + (1ULL << bit)) >> (bit + 1);
}

/* The TB of the first 0->1 transition of bit @bit after @tb. */
static inline u64 kvm440_tb_next_rise(u64 tb, unsigned int bit)
{
	return (kvm440_tb_rises(tb, bit) << (bit + 1)) + (1ULL << bit);
}

/*
 * DEC, @elapsed ticks after it held @start, given TCR[ARE] and DECAR
 * (which must not have changed meanwhile).
 */
static inline u32 kvm440_dec_value(u32 start, u64 elapsed, bool are,
				   u32 decar)
{
	if (elapsed < start)
		return start - (u32)elapsed;
	if (!start || !are || !decar)
		return 0;
	elapsed -= start;	/* ticks since the first reload */
	return decar - (u32)(elapsed - kvm440_div_u64(elapsed, decar) * decar);
}

/*
 * One watchdog event on TSR @tsr; sets *@reset when it is the TCR[WRC]
 * reset (TSR[WRS] then holds WRC).
 */
static inline u32 kvm440_wdt_event(u32 tsr, u32 tcr, bool *reset)
{
	if (!(tsr & KVM440_TSR_ENW))
		return tsr | KVM440_TSR_ENW;
	if (!(tsr & KVM440_TSR_WIS))
		return tsr | KVM440_TSR_WIS;
	if (tcr & KVM440_TCR_WRC_MASK) {
		*reset = true;
		return (tsr & ~KVM440_TSR_WRS_MASK) |
		       (tcr & KVM440_TCR_WRC_MASK);
	}
	return tsr;
}

/*
 * Bring TSR and DEC in @s up to TB @now (not before the last sync). True
 * when a watchdog event reset the core meanwhile.
 */
static inline bool kvm440_timer_sync(struct kvm440_tstate *t,
				     struct kvm440_sregs *s, u64 now)
{
	bool reset = false;
	u64 n;

	if (t->dec_val && now - t->dec_tb >= t->dec_val) {
		u64 first = t->dec_tb + t->dec_val;

		s->tsr |= KVM440_TSR_DIS;
		if (s->tcr & KVM440_TCR_ARE && s->decar) {
			n = kvm440_div_u64(now - first, s->decar);
			t->dec_tb = first + n * s->decar;
			t->dec_val = s->decar;
		} else {
			t->dec_tb = first;
			t->dec_val = 0;
		}
	}
	s->dec = t->dec_val ? t->dec_val - (u32)(now - t->dec_tb) : 0;

	if (kvm440_tb_rises(now, kvm440_fit_bit(s->tcr)) !=
	    kvm440_tb_rises(t->fit_tb, kvm440_fit_bit(s->tcr)))
		s->tsr |= KVM440_TSR_FIS;
	t->fit_tb = now;

	n = kvm440_tb_rises(now, kvm440_wdt_bit(s->tcr)) -
	    kvm440_tb_rises(t->wdt_tb, kvm440_wdt_bit(s->tcr));
	t->wdt_tb = now;
	/* three events take any state to the reset; more change nothing */
	if (n > 3)
		n = 3;
	while (n--)
		s->tsr = kvm440_wdt_event(s->tsr, s->tcr, &reset);
	return reset;
}

/* Restart DEC at @val from TB @now (a DEC write). */
static inline void kvm440_dec_write(struct kvm440_tstate *t, u32 val, u64 now)
{
	t->dec_val = val;
	t->dec_tb = now;
}

/*
 * The TB of the next event, after a sync, that can make an interrupt
 * pending or reset the core; 0 when there is none. Events that only set a
 * status bit nobody is waiting on are left to the next sync.
 */
static inline u64 kvm440_timer_next(const struct kvm440_tstate *t,
				    const struct kvm440_sregs *s)
{
	u64 next = 0, e;

	if (t->dec_val && s->tcr & KVM440_TCR_DIE &&
	    !(s->tsr & KVM440_TSR_DIS))
		next = t->dec_tb + t->dec_val;
	if (s->tcr & KVM440_TCR_FIE && !(s->tsr & KVM440_TSR_FIS)) {
		e = kvm440_tb_next_rise(t->fit_tb, kvm440_fit_bit(s->tcr));
		if (!next || e < next)
			next = e;
	}
	if ((s->tcr & KVM440_TCR_WIE && !(s->tsr & KVM440_TSR_WIS)) ||
	    s->tcr & KVM440_TCR_WRC_MASK) {
		e = kvm440_tb_next_rise(t->wdt_tb, kvm440_wdt_bit(s->tcr));
		if (!next || e < next)
			next = e;
	}
	return next;
}

#endif
