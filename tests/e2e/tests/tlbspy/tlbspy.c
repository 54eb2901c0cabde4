// SPDX-License-Identifier: GPL-2.0
/*
 * tlbspy: a test-only module that reads the 440's hardware TLB from a timer
 * interrupt, independently of kvm440, and counts what a hostile guest must
 * never obtain. A host timer interrupt that lands while a guest runs
 * leaves the guest, and the host handles it between two guest entries,
 * when the guest's shadow TLB entries (TS=1) are live: exactly the state
 * an attack would exploit.
 *
 * Read-only parameters under /sys/module/tlbspy/parameters/:
 *  samples        timer samples taken
 *  shadows        TS=1 entries seen in all samples (not counting the ones
 *                 present at load, e.g. an early-debug UART entry)
 *  ram_attr       OR of word-2 storage attributes (U0-3 W I M G E) of
 *                 shadows that map host RAM
 *  xdirty         executable shadows mapping a page whose icache state the
 *                 kernel does not know to be clean (!PG_dcache_clean)
 *  xdirty_rpn     host physical page of the last such finding
 *  bolted_changed samples in which an entry the host had pinned at load
 *                 (a valid TS=0 256M lowmem entry, or any valid entry
 *                 above the lowest of them) was changed
 */
#include <linux/module.h>
#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <asm/cacheflush.h>
#include <asm/reg.h>

#define NTLB		64
#define W0_V		0x200u
#define W0_TS		0x100u
#define W2_ATTR		0xff80u
#define W2_X		0x24u	/* UX | SX */

static unsigned int samples, shadows, ram_attr, xdirty, xdirty_rpn;
static unsigned int bolted_changed, bolted_first = NTLB;
module_param(samples, uint, 0444);
module_param(shadows, uint, 0444);
module_param(ram_attr, uint, 0444);
module_param(xdirty, uint, 0444);
module_param(xdirty_rpn, uint, 0444);
module_param(bolted_changed, uint, 0444);
module_param(bolted_first, uint, 0444);

static u32 at_load[NTLB][3];
static struct hrtimer timer;

/* word @w of hardware entry @i; word 0 sets MMUCR[STID] (callers restore) */
static u32 tlb_word(unsigned int i, int w)
{
	u32 v;

	if (w == 0)
		asm volatile("tlbre %0,%1,0" : "=r" (v) : "r" (i));
	else if (w == 1)
		asm volatile("tlbre %0,%1,1" : "=r" (v) : "r" (i));
	else
		asm volatile("tlbre %0,%1,2" : "=r" (v) : "r" (i));
	return v;
}

static u32 size_bytes(u32 w0)
{
	unsigned int c = (w0 >> 4) & 0xf;

	return c > 9 ? 0 : 1024u << (2 * c);
}

/* @w: every page under an executable entry must be icache-clean */
static void check_exec(const u32 w[3])
{
	u64 pa = ((u64)(w[1] & 0xf) << 32) | (w[1] & 0xfffffc00u);
	u32 bytes = size_bytes(w[0]);
	unsigned long pfn = pa >> PAGE_SHIFT, n, k;

	n = bytes < PAGE_SIZE ? 1 : bytes >> PAGE_SHIFT;
	for (k = 0; k < n; k++) {
		if (!pfn_valid(pfn + k))
			continue;
		if (!test_bit(PG_dcache_clean, &pfn_to_page(pfn + k)->flags)) {
			xdirty++;
			xdirty_rpn = (pfn + k) << PAGE_SHIFT;
			return;
		}
	}
}

static void sample(void)
{
	u32 mmucr = mfspr(SPRN_MMUCR);
	bool changed = false;
	unsigned int i;

	for (i = 0; i < NTLB; i++) {
		u32 w[3] = { tlb_word(i, 0), tlb_word(i, 1), tlb_word(i, 2) };

		if (i >= bolted_first) {
			if (memcmp(w, at_load[i], sizeof(w)))
				changed = true;
			continue;
		}
		if ((w[0] & (W0_V | W0_TS)) != (W0_V | W0_TS))
			continue;
		shadows++;
		if (pfn_valid(((((u64)(w[1] & 0xf)) << 32) |
			       (w[1] & 0xfffffc00u)) >> PAGE_SHIFT))
			ram_attr |= w[2] & W2_ATTR;
		if (w[2] & W2_X)
			check_exec(w);
	}
	mtspr(SPRN_MMUCR, mmucr);
	samples++;
	if (changed)
		bolted_changed++;
}

static enum hrtimer_restart tick(struct hrtimer *t)
{
	sample();
	hrtimer_forward_now(t, ms_to_ktime(1));
	return HRTIMER_RESTART;
}

static int __init spy_init(void)
{
	unsigned long flags;
	unsigned int i;

	local_irq_save(flags);
	for (i = 0; i < NTLB; i++) {
		u32 mmucr = mfspr(SPRN_MMUCR);

		at_load[i][0] = tlb_word(i, 0);
		at_load[i][1] = tlb_word(i, 1);
		at_load[i][2] = tlb_word(i, 2);
		mtspr(SPRN_MMUCR, mmucr);
	}
	local_irq_restore(flags);
	/* the lowest pinned lowmem entry; everything above it stays as is */
	for (i = 0; i < NTLB; i++) {
		u32 w0 = at_load[i][0];

		if ((w0 & (W0_V | W0_TS)) == W0_V && ((w0 >> 4) & 0xf) == 9 &&
		    (w0 & 0xfffffc00u) >= PAGE_OFFSET) {
			bolted_first = i;
			break;
		}
	}
	pr_info("tlbspy: pinned entries from %u\n", bolted_first);
	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	timer.function = tick;
	hrtimer_start(&timer, ms_to_ktime(1), HRTIMER_MODE_REL);
	return 0;
}

static void __exit spy_exit(void)
{
	hrtimer_cancel(&timer);
	pr_info("tlbspy: %u samples, %u shadows, ram_attr %#x, xdirty %u, bolted_changed %u\n",
		samples, shadows, ram_attr, xdirty, bolted_changed);
}

module_init(spy_init);
module_exit(spy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kvm440 e2e: read the hardware TLB from a timer");
