// SPDX-License-Identifier: GPL-2.0
/*
 * The guest TLB and its shadows in the hardware TLB.
 *
 * The seed's scheme: a guest mapping the guest TLB can satisfy is written
 * straight into the hardware TLB, in the host's replaceable range
 * [0, bolted_first), and the host's own round-robin refill may clobber it
 * (costing one more miss) instead of the module keeping a per-vCPU shadow
 * array it reloads on every entry. (That old design is still here behind
 * shadow=array, for measurement: the hooks marked "shadow=array" send
 * slot writes, drops and reads to the vCPU's array, which entry.S loads
 * into the same slots on every entry; see shadow_array.c.)
 *
 * Shadow TIDs. Every shadow is TS=1 and has TID 1 (made while the guest
 * was in its kernel mode, rights = the guest's SX/SW/SR) or TID 2 (guest
 * user mode, rights = its UX/UW/UR); the hardware PID is 1 or 2 to match
 * (kvm440_shadow_pid()), so a guest mode switch flushes nothing and a
 * user-mode access can never use a kernel-mode shadow. A guest TID-0
 * (global) mapping used in both modes simply gets one shadow per mode.
 * Upstream instead gave guest globals TID 1 and per-process mappings TID
 * 0 with PID 0 in guest user mode; that leaves guest-user and guest-kernel
 * rights of a per-process page sharing one shadow, relies on Linux keeping
 * its kernel mappings global, and a TID-0 shadow matches every host search.
 * Here no shadow has TID 0, so the host's kernel-address invalidations
 * (tlbsx under PID 0, which matches only TID 0 and PID 0 entries) cannot
 * find one even under QEMU, whose tlbsx ignores MMUCR[STS].
 *
 * When shadows must go (kvm440_shadow_flush()), and when not:
 *  - Host interrupts between two guest entries keep them. The host
 *    searches the TLB by EA (_tlbil_va: tlbsx) in two cases: kernel
 *    addresses under PID 0, which no shadow matches (above), and user
 *    addresses of some mm under its context id (1-255), which can be 1 or
 *    2 and which QEMU's tlbsx would then match against a shadow instead
 *    of the host's own TS=0 entry, leaving that one stale. User mappings
 *    change only in process context: a thread of that mm (munmap,
 *    mprotect, COW, exit) or a kernel thread (reclaim, migration,
 *    compaction). On this uniprocessor host none of them runs while this
 *    thread holds the CPU: run.c keeps preemption off around the window
 *    with interrupts on, so interrupt return never switches, and hard and
 *    soft interrupt handlers do not change user mappings. (An SMP host
 *    would search here from TLB-shootdown IPIs; 440 Linux is UP, and
 *    real hardware honours STS anyway.) Flushes of whole
 *    address spaces (_tlbil_pid, _tlbil_all) sweep every replaceable slot
 *    and so may drop shadows, which costs refills only. The host's miss
 *    handler overwrites slots round-robin, never searching.
 *  - Before anything that may switch this thread out (cond_resched when
 *    a reschedule is due, the MSR[WE] idle wait) and before RUN returns
 *    (userspace exit, signal, stop): then other host code searches for
 *    user addresses (the QEMU case above), and another vCPU could run on
 *    this CPU and take our TS=1 entries, which its own shadow_ref cannot
 *    tell from its own (the V=1 TS=1 check below), for its shadows. The
 *    guestmem_churn e2e test remaps the VMM's memory from a second thread
 *    while a guest runs, and checks what that thread reads.
 *  - Guest MSR[IS] or MSR[DS] change: the shadows were made from guest
 *    entries of the other translation space (run.c).
 *  - Guest PID change: only the shadows of per-process (TID != 0) guest
 *    entries, which no longer match (kvm440_shadow_pid_changed()).
 *
 * Exact invalidation. One byte per hardware slot (shadow_ref) says which
 * guest TLB entry the slot's shadow was made from and in which mode, so a
 * guest tlbwe drops exactly that entry's shadows, and a guest mtspr PID
 * exactly the shadows of per-process (TID != 0) guest entries. The host's
 * refill may overwrite a slot at any time, so a reference is only trusted
 * while the hardware entry is still V=1 TS=1: the host never writes TS=1,
 * and the module updates the reference on every shadow it writes.
 *
 * Per-vCPU MMU state, every byte:
 *   tlb[64]         1024  the guest TLB (architected state; the old design
 *                         kept the same 64 x 16 bytes besides its shadows)
 *   shadow_ref[64]    64  per hardware slot: valid, mode, guest index
 *   shadow_next        1  round-robin victim (slot index)
 *   shadowed           8  per guest entry: may have live shadows, so a
 *                         guest tlbwe of an entry with none reads no slot
 * So the shadow scheme costs 73 bytes per vCPU (plus 7 bytes of padding,
 * 4 of which hold the shadow=array pointer), against the old per-vCPU
 * shadow array's 1280 (64 x 16 bytes of entries + 64 page pointers;
 * shadow=array's is 16 x bolted_first, no page pointers); 1097 bytes
 * with the guest TLB, against the old design's 2304. No page
 * references: guest RAM stays pinned, and slots cannot change, while a
 * vCPU runs. Besides, the guest TLB's lookup index
 * (gix, gtlb.h) takes 708 bytes and the fetch cache 8; either design
 * could use them (docs/vcpu-state.md).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/mm.h>
#include <asm/cacheflush.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "decode.h"
#include "emulate.h"
#include "gtlb.h"
#include "pv_hooks.h"

/* shadow_ref[] bits */
#define SREF_VALID	0x80
#define SREF_USER	0x40	/* TID 2: made in guest user mode */
#define SREF_GIDX	0x3f	/* guest TLB index */

#define TLB0_VTS	(KVM440_TLB0_V | KVM440_TLB0_TS)

/* Index of the guest entry translating @ea in space @ts, or -1. */
static inline int gtlb_index(struct kvm440_vcpu *vcpu, u32 ea, bool ts,
			     enum gtlb_kind kind)
{
	return gtlb_ix_find(&vcpu->gix, vcpu->tlb, KVM440_TLB_ENTRIES, ea,
			    vcpu->sregs.pid, ts, kind);
}

/* The guest TLB entry translating data @ea in space @ts. */
const struct kvm440_tlb_entry *kvm440_gtlb_find(struct kvm440_vcpu *vcpu,
						u32 ea, bool ts)
{
	int i = gtlb_index(vcpu, ea, ts, GTLB_KIND_DATA);

	return i < 0 ? NULL : &vcpu->tlb[i];
}

void kvm440_gtlb_reset(struct kvm440_vcpu *vcpu)
{
	gtlb_ix_rebuild(&vcpu->gix, vcpu->tlb, KVM440_TLB_ENTRIES);
	vcpu->fetch_key = 0;
}

u64 kvm440_gtlb_gpa(const struct kvm440_tlb_entry *e, u32 ea)
{
	return gtlb_gpa(e, ea);
}

/*
 * Read the guest instruction at @pc through the guest TLB; 0 if unmapped.
 *
 * Most exits are emulated instructions, and most of those come from the
 * few pages of the guest kernel that run with interrupts masked, so the
 * page of the last fetch is remembered (fetch_key, fetch_va). That answer
 * depends on the guest TLB, the guest PID, MSR[IS] and the memory slots
 * only: PID and IS are part of the key, every tlbwe and SET_TLB forget it,
 * and slots cannot change inside RUN, whose start forgets it too. Only
 * whole lowmem pages under guest entries of at least a page are kept, so
 * every EA of the page translates into the same host page.
 *
 * Upstream instead loaded the instruction through the shadow with
 * MSR[DS]=1 before leaving the switch code. That needs supervisor read on
 * every shadow, fails when the host's refill has already evicted the
 * shadow that fetched it, and adds a load that can take a TLB miss to the
 * window where the host's handlers are not in place; this cache needs
 * none of that and costs two words.
 */
u32 kvm440_fetch_inst(struct kvm440_vcpu *vcpu, u32 pc)
{
	u32 key = (pc & PAGE_MASK) | (vcpu->sregs.pid & 0xff) << 2 |
		  (vcpu->regs.msr & MSR_IS ? 2 : 0) | 1;
	const struct kvm440_tlb_entry *e;
	struct page *page;
	int i;
	u64 gpa;
	u32 *p, inst;

	if (pc & 3)
		return 0;
	if (key == vcpu->fetch_key)
		return vcpu->fetch_va[(pc & ~PAGE_MASK) / 4];
	i = gtlb_index(vcpu, pc, vcpu->regs.msr & MSR_IS, GTLB_KIND_FETCH);
	if (i < 0)
		return 0;
	e = &vcpu->tlb[i];
	gpa = gtlb_gpa(e, pc);
	page = kvm440_gpa_page(vcpu->vm, gpa, NULL);
	if (!page)
		return 0;
	if (!PageHighMem(page) && tlb_page_bytes(e->word0) >= PAGE_SIZE) {
		vcpu->fetch_va = page_address(page);
		vcpu->fetch_key = key;
		return vcpu->fetch_va[(pc & ~PAGE_MASK) / 4];
	}
	p = kmap_local_page(page);
	inst = p[(gpa & ~PAGE_MASK) / 4];
	kunmap_local(p);
	return inst;
}

/* ------------------------------------------------------------------ */
/* the hardware side                                                    */

/* tlbre of word 0 sets MMUCR[STID]; callers restore MMUCR */
static inline u32 hw_word0(unsigned int i)
{
	u32 w;

	asm volatile("tlbre %0,%1,0" : "=r" (w) : "r" (i));
	return w;
}

static inline u32 hw_word1(unsigned int i)
{
	u32 w;

	asm volatile("tlbre %0,%1,1" : "=r" (w) : "r" (i));
	return w;
}

static inline u32 hw_word2(unsigned int i)
{
	u32 w;

	asm volatile("tlbre %0,%1,2" : "=r" (w) : "r" (i));
	return w;
}

/*
 * Invalidate hardware slot @i, whose word 0 is @w0: V=0 with a different
 * EPN. QEMU 7.2 drops its cached translations only when a valid entry's
 * EPN or size changes, so clearing V alone over a page at the same EPN
 * (EA 0, say) left the next VM a stale translation; on hardware any V=0
 * write invalidates.
 */
static inline void hw_invalidate(unsigned int i, u32 w0)
{
	u32 inval = (w0 ^ 0x80000000) & ~KVM440_TLB0_V;

	asm volatile("tlbwe %0,%1,0" : : "r" (inval), "r" (i));
}

/*
 * Word 0 of slot @i if it still holds the shadow its reference describes,
 * else 0 (and the reference is forgotten).
 */
static u32 sref_word0(struct kvm440_vcpu *vcpu, unsigned int i)
{
	u32 w0;

	if (!(vcpu->shadow_ref[i] & SREF_VALID))
		return 0;
	/* shadow=array: the array is the truth, the hardware a copy */
	w0 = kvm440_shadow_array ? vcpu->sarray[i].w0 : hw_word0(i);
	if ((w0 & TLB0_VTS) == TLB0_VTS)
		return w0;
	vcpu->shadow_ref[i] = 0;
	return 0;
}

enum drop_by {
	DROP_GIDX,	/* shadows of guest entry @arg */
	DROP_PROC,	/* shadows of per-process (TID != 0) guest entries */
	DROP_OVERLAP,	/* shadows of mode @user overlapping word 0 @w0 */
	DROP_ALIAS,	/* DROP_OVERLAP, of entries overlapping entry @arg */
};

/* Drop the live shadows @by selects; the count dropped. */
static unsigned int shadow_drop(struct kvm440_vcpu *vcpu, enum drop_by by,
				u32 arg, u32 w0new, bool user)
{
	unsigned int i, n = 0, end = kvm440_host_tlb.bolted_first;
	u32 mmucr;

	if (by == DROP_GIDX) {
		if (!(vcpu->shadowed & 1ull << arg))
			return 0;
		vcpu->shadowed &= ~(1ull << arg);
	}
	mmucr = mfspr(SPRN_MMUCR);
	for (i = 0; i < end; i++) {
		u8 ref = vcpu->shadow_ref[i];
		u32 w0;

		if (!(ref & SREF_VALID))
			continue;
		switch (by) {
		case DROP_GIDX:
			if ((ref & SREF_GIDX) != arg)
				continue;
			break;
		case DROP_PROC:
			if (!(vcpu->tlb[ref & SREF_GIDX].tid & 0xff))
				continue;
			break;
		case DROP_OVERLAP:
			if (!(ref & SREF_USER) != !user)
				continue;
			break;
		case DROP_ALIAS:
			if (!(ref & SREF_USER) != !user ||
			    (ref & SREF_GIDX) == arg ||
			    !gtlb_ix_overlap(&vcpu->gix, ref & SREF_GIDX, arg))
				continue;
			break;
		}
		w0 = sref_word0(vcpu, i);
		if (!w0)
			continue;
		if ((by == DROP_OVERLAP || by == DROP_ALIAS) &&
		    !gtlb_overlap(w0, w0new))
			continue;
		/* shadow=array: entry.S drops it from the hardware */
		if (kvm440_shadow_array)
			vcpu->sarray[i].w0 = 0;
		else
			hw_invalidate(i, w0);
		vcpu->shadow_ref[i] = 0;
		n++;
	}
	if (n)
		asm volatile("isync");
	mtspr(SPRN_MMUCR, mmucr);
	return n;
}

/* Drop every TS=1 entry: only guest shadows ever have TS=1. */
static void hw_flush(void)
{
	u32 mmucr = mfspr(SPRN_MMUCR);
	unsigned int i;

	for (i = 0; i < kvm440_host_tlb.bolted_first; i++) {
		u32 w0 = hw_word0(i);

		if ((w0 & TLB0_VTS) == TLB0_VTS)
			hw_invalidate(i, w0);
	}
	asm volatile("isync");
	mtspr(SPRN_MMUCR, mmucr);
}

void kvm440_shadow_flush(struct kvm440_vcpu *vcpu)
{
	hw_flush();
	kvm440_sarray_clear(vcpu);	/* shadow=array */
	memset(vcpu->shadow_ref, 0, sizeof(vcpu->shadow_ref));
	vcpu->shadowed = 0;
	vcpu->split_merged = 0;
}

void kvm440_shadow_release(struct kvm440_vcpu *vcpu)
{
	/* shadow=array: the array stays, entry.S reloads it */
	if (kvm440_shadow_array)
		hw_flush();
	else
		kvm440_shadow_flush(vcpu);
}

/*
 * Shadow @w goes into the next slot of the round robin below the bolted
 * range (shadow=array: the slot's array entry, loaded at the next entry);
 * the slot's index.
 */
static inline unsigned int shadow_slot_write(struct kvm440_vcpu *vcpu,
					     const u32 w[3], u32 tid)
{
	unsigned int i = vcpu->shadow_next;

	if (i >= kvm440_host_tlb.bolted_first)
		i = 0;
	vcpu->shadow_next = i + 1;
	if (kvm440_shadow_array) {
		struct kvm440_sarray_entry *se = &vcpu->sarray[i];

		se->w0 = w[0];
		se->w1 = w[1];
		se->w2 = w[2];
		se->tid = tid;
	} else {
		kvm440_hw_tlb_write(i, w[0], w[1], w[2], tid);
	}
	kvm440_count_shadow(vcpu->vm, w[0]);
	return i;
}

void kvm440_shadow_put_raw(struct kvm440_vcpu *vcpu, const u32 w[3], u32 tid)
{
	u32 p = kvm440_host_tlb.pinned_ts1;

	/* paravirt.c refuses to map the page over the host's pinned entry */
	if (WARN_ON_ONCE(p && gtlb_overlap(w[0], p)))
		return;
	vcpu->shadow_ref[shadow_slot_write(vcpu, w, tid)] = 0;
}

/* The guest wrote its PID: shadows of per-process entries are stale. */
void kvm440_shadow_pid_changed(struct kvm440_vcpu *vcpu)
{
	if (vcpu->split_merged)
		kvm440_shadow_flush(vcpu);	/* split_merge() */
	else
		shadow_drop(vcpu, DROP_PROC, 0, 0, false);
}

/*
 * The live shadow slot of mode @user covering @ea, or -1; its words in
 * @w. Used when a shadow faulted, to tell a stale shadow from a fault
 * the guest's own mapping causes.
 */
static int shadow_find(struct kvm440_vcpu *vcpu, u32 ea, bool user, u32 w[3])
{
	unsigned int i, end = kvm440_host_tlb.bolted_first;
	u32 mmucr = mfspr(SPRN_MMUCR);
	int found = -1;

	for (i = 0; i < end && found < 0; i++) {
		u8 ref = vcpu->shadow_ref[i];
		u32 w0;

		if (!(ref & SREF_VALID) || !(ref & SREF_USER) != !user)
			continue;
		w0 = sref_word0(vcpu, i);
		if (!w0 || !gtlb_overlap(w0, (ea & PAGE_MASK) |
					 (1 << KVM440_TLB0_SIZE_SHIFT)))
			continue;
		w[0] = w0;
		/* shadow=array: the array is the truth */
		w[1] = kvm440_shadow_array ? vcpu->sarray[i].w1 : hw_word1(i);
		w[2] = kvm440_shadow_array ? vcpu->sarray[i].w2 : hw_word2(i);
		found = i;
	}
	mtspr(SPRN_MMUCR, mmucr);
	return found;
}

/*
 * Guest physical [@base, @base + @bytes) is one contiguous aligned piece:
 * O(1), from the map each slot keeps (mem.c).
 */
static bool block_backed(void *arg, u64 base, u32 bytes)
{
	return kvm440_gpa_contig(arg, base, bytes);
}

/*
 * The words of the shadow for an @a access at @ea through guest entry @e
 * (guest physical @gpa, backed by @page): the largest page the mapping
 * and the backing allow.
 */
static __always_inline void shadow_words(struct kvm440_vcpu *vcpu,
					 const struct kvm440_tlb_entry *e,
					 u32 ea, u64 gpa, struct page *page,
					 bool ro, enum gtlb_access a,
					 u32 w[3])
{
	u32 msr = vcpu->regs.msr;
	bool user = msr & MSR_PR;
	bool split = !(msr & MSR_IS) != !(msr & MSR_DS);
	unsigned int code = gtlb_shadow_code(tlb_size_code(e->word0), gpa,
					     block_backed, vcpu->vm);
	u64 base;
	u64 pa;

	/*
	 * split spaces: at most 4K, so only one page can conflict;
	 * paravirt.c: no kernel shadow may cover the magic page's
	 */
	if (code > 1 &&
	    (split || unlikely(kvm440_pv_covers(vcpu, ea, code, user))))
		code = 1;
	base = gpa & ~(u64)((1024u << (2 * code)) - 1);

	/* the block starts in @page unless it is larger than a page */
	if (code > 1)
		pa = page_to_phys(kvm440_gpa_page(vcpu->vm, base, NULL));
	else
		pa = page_to_phys(page) + (base & ~PAGE_MASK);
	gtlb_shadow_words(e, ea, pa, code,
			  gtlb_shadow_perm(e->word2, user, ro, split, a), w);
}

/*
 * Code the guest did not write itself (the VMM's image, a fresh zeroed
 * page) must reach the icache before the guest runs it; what the guest
 * writes it flushes itself, as on hardware. Like KVM's booke MMU, flush
 * once per page, remembered in PG_dcache_clean, which the kernel clears
 * when it writes a page (flush_dcache_page, clear_user_page); a VMM that
 * rewrites code in guest RAM it already ran must flush it itself, as QEMU
 * does for KVM.
 *
 * Every shadow that grants execute, whichever miss made it (a data-side
 * shadow of a guest entry with execute rights executes too), and every
 * page under it: a 16M shadow is 4096 pages. A 4K shadow tests its
 * page's flag, as before. A larger one (only physically contiguous
 * blocks: module-allocated RAM, which no kernel path writes) first asks
 * the slot's xclean bitmap, one bit per page already synced, so a 16M
 * shadow made again costs a scan of 128 words, not 4096 flag tests
 * (which added 3.8% to a Linux boot).
 */
static void shadow_icache_sync(struct kvm440_vcpu *vcpu, const u32 w[3],
			       struct page *page, u64 gpa)
{
	u32 bytes = tlb_page_bytes(w[0]);
	const struct kvm440_memslot *s;
	unsigned long i, end;

	if (bytes <= PAGE_SIZE) {
		if (!test_bit(PG_dcache_clean, &page->flags)) {
			flush_dcache_icache_page(page);
			set_bit(PG_dcache_clean, &page->flags);
		}
		return;
	}
	gpa &= ~(u64)(bytes - 1);
	s = kvm440_gpa_slot(vcpu->vm, gpa);
	i = (gpa - s->gpa) >> PAGE_SHIFT;
	end = i + (bytes >> PAGE_SHIFT);
	for (i = find_next_zero_bit(s->xclean, end, i); i < end;
	     i = find_next_zero_bit(s->xclean, end, i + 1)) {
		struct page *p = s->pages[i];

		if (!test_bit(PG_dcache_clean, &p->flags)) {
			flush_dcache_icache_page(p);
			set_bit(PG_dcache_clean, &p->flags);
		}
		__set_bit(i, s->xclean);
	}
}

/*
 * Write shadow @w for guest entry @gidx into the hardware TLB, after a TLB
 * miss (@miss) or a DSI/ISI.
 *
 * The hardware must never hold two shadows of one mode translating the
 * same EA. After a DSI/ISI the old shadow of the EA is still there, and
 * every live shadow is checked. After a miss no live shadow of this mode
 * covers @ea, and only shadows of other guest entries overlapping this
 * one can overlap the new shadow, so a miss through an entry that aliases
 * none (gtlb.h) checks nothing:
 *  - Shadows of @gidx itself: its size code for an EA is the largest code
 *    c, at most the entry's, for which the naturally aligned c-block of
 *    guest physical memory around the EA passes a test of that block
 *    alone (gtlb_shadow_code()), and the entry maps EA blocks onto equally
 *    aligned GPA blocks. Two EAs in one c-block share every block of code
 *    c and above, so if either gets code >= c both get the same code: two
 *    shadows of one entry coincide or are disjoint. One that overlapped
 *    the new shadow would coincide with it, so cover @ea: no miss.
 *    Slots and their pages cannot change inside RUN, and a tlbwe drops
 *    the entry's shadows before changing it.
 *  - Shadows of another entry k: live shadows come only from entries that
 *    matched under the current PID, MSR[IS/DS] and mode (a PID change
 *    drops the per-process ones, an IS/DS change all, and the mode is in
 *    the shadow's TID), so k's TID is 0 or the PID, like @gidx's, and
 *    they alias when their ranges overlap.
 * With aliases, only slots whose guest entry overlaps @gidx are read.
 */
static __always_inline void shadow_write(struct kvm440_vcpu *vcpu,
					 unsigned int gidx, const u32 w[3],
					 struct page *page, u64 gpa,
					 bool miss)
{
	bool user = vcpu->regs.msr & MSR_PR;
	unsigned int i;

	if (!miss)
		shadow_drop(vcpu, DROP_OVERLAP, 0, w[0], user);
	else if (vcpu->gix.alias[gidx])
		shadow_drop(vcpu, DROP_ALIAS, gidx, w[0], user);
	if (w[2] & KVM440_TLB2_UX)
		shadow_icache_sync(vcpu, w, page, gpa);

	i = shadow_slot_write(vcpu, w, kvm440_shadow_pid(vcpu->regs.msr));
	vcpu->shadow_ref[i] = SREF_VALID | (user ? SREF_USER : 0) | gidx;
	vcpu->shadowed |= 1ull << gidx;
}

/*
 * Whether shadow @w would overlap the host's pinned TS=1 entry (the
 * early-debug UART; host_tlb.c), which matches guest accesses too: two
 * matching entries are undefined on the 440.
 */
static inline bool over_pinned(const u32 w[3])
{
	u32 p = kvm440_host_tlb.pinned_ts1;

	return p && gtlb_overlap(w[0], p);
}

/*
 * MSR[IS] != MSR[DS]: fetches translate through one guest entry and data
 * through another, but the hardware has one TS (1) for both, and an EA
 * may have one shadow per mode. An instruction that accesses its own
 * page would have its execute-only and data-only shadows evict each other
 * forever (ISI, DSI, ISI...): shadows are 4K in this mode, and when the
 * other space's entry maps the faulting page to the same host page, one
 * shadow with both rights serves both (@w gains the other's). Returns
 * true when merged. Such a shadow belongs to two guest entries, so until
 * the next full flush a guest tlbwe or PID change flushes everything.
 */
static bool split_merge(struct kvm440_vcpu *vcpu, u32 ea, bool fetch,
			struct page *page, u32 w[3], struct page **other)
{
	u32 msr = vcpu->regs.msr;
	const struct kvm440_tlb_entry *e;
	u32 perm;
	bool ro;
	int o;

	*other = NULL;
	o = gtlb_index(vcpu, ea, msr & (fetch ? MSR_DS : MSR_IS),
		       fetch ? GTLB_KIND_DATA : GTLB_KIND_FETCH);
	if (o < 0)
		return false;
	e = &vcpu->tlb[o];
	*other = kvm440_gpa_page(vcpu->vm, gtlb_gpa(e, ea), &ro);
	if (*other != page || !tlb_size_code(e->word0) ||
	    !tlb_size_code(w[0]) || e->word2 & KVM440_TLB2_E)
		return false;
	perm = gtlb_shadow_perm(e->word2, msr & MSR_PR, ro, true,
				fetch ? GTLB_READ : GTLB_EXEC);
	if (!perm)
		return false;
	w[2] |= perm;
	vcpu->split_merged = 1;
	return true;
}

/* ------------------------------------------------------------------ */
/* exits                                                                */

/*
 * The common TLB miss, the guest's most frequent exit, without what the
 * rare cases need: the guest TLB maps the EA to guest RAM, big-endian,
 * with every right an access of this kind may need (a data miss needs
 * read and write, and a writable slot, so whether it is a store does not
 * matter). True when the shadow is written; false sends the miss through
 * kvm440_mmu_exit(), which handles every case. Kept apart so this path
 * pays for only its own few locals.
 */
bool kvm440_refill(struct kvm440_vcpu *vcpu, bool fetch)
{
	static const u32 need[2][2] = {
		{ KVM440_TLB2_SR | KVM440_TLB2_SW, KVM440_TLB2_SX },
		{ KVM440_TLB2_UR | KVM440_TLB2_UW, KVM440_TLB2_UX },
	};
	u32 msr = vcpu->regs.msr, ea = fetch ? vcpu->ctx.srr0 : vcpu->ctx.dear;
	bool user = msr & MSR_PR, ro;
	const struct kvm440_memslot *s;
	const struct kvm440_tlb_entry *e;
	struct page *page;
	u32 w[3], n;
	int gidx;
	u64 gpa;

	gidx = gtlb_index(vcpu, ea, msr & (fetch ? MSR_IS : MSR_DS),
			  fetch ? GTLB_KIND_FETCH : GTLB_KIND_DATA);
	if (gidx < 0)
		return false;
	e = &vcpu->tlb[gidx];
	n = need[user][fetch];
	if ((e->word2 & n) != n || e->word2 & KVM440_TLB2_E)
		return false;
	gpa = gtlb_gpa(e, ea);
	s = kvm440_gpa_slot(vcpu->vm, gpa);
	if (!s)
		return false;
	ro = s->flags & KVM440_MEM_READONLY;
	if (ro && !fetch)
		return false;
	page = s->pages[(gpa - s->gpa) >> PAGE_SHIFT];
	vcpu->vm->stats[fetch ? KVM440_STAT_ITLB_VIRT :
			KVM440_STAT_DTLB_VIRT]++;
	shadow_words(vcpu, e, ea, gpa, page, ro,
		     fetch ? GTLB_EXEC : GTLB_READ, w);
	if (unlikely(over_pinned(w)))
		return false;
	shadow_write(vcpu, gidx, w, page, gpa, true);
	return true;
}

/*
 * Whether the faulting data access is a store: the hardware's ESR[ST],
 * else the decoded instruction (fetched only when the answer matters).
 */
static bool access_is_store(struct kvm440_vcpu *vcpu)
{
	const struct kvm440_insn_desc *d;
	u32 inst;

	if (vcpu->ctx.esr & ESR_ST)
		return true;
	inst = kvm440_fetch_inst(vcpu, vcpu->ctx.srr0);
	d = inst ? kvm440_decode(inst) : NULL;
	return d && d != &kvm440_insn_invalid && d->flags & KVM440_F_STORE;
}

/* Give the guest its own storage interrupt @irq for @ea. */
static enum exit_action guest_fault(struct kvm440_vcpu *vcpu,
				    enum kvm440_irq irq, u32 ea, u32 esr)
{
	struct kvm440_sregs *s = &vcpu->sregs;

	if (irq == KVM440_INT_DSI || irq == KVM440_INT_DTLB_MISS)
		s->dear = ea;
	s->esr = esr;
	kvm440_deliver(vcpu, irq, vcpu->ctx.srr0);
	return EXIT_RESUME;
}

/*
 * DSI, ISI, DTLB or ITLB miss (IVOR number @vector) in the guest. A miss
 * the guest TLB cannot satisfy is the guest's own ("real"); a hit on guest
 * RAM becomes a shadow ("virtual"); a data hit elsewhere is MMIO, an
 * instruction hit elsewhere a machine check (what a fetch from nothing
 * gives on the 440's bus). DSI/ISI are the guest's when its own entry
 * forbids the access, else a stale or read-only shadow we fix.
 */
enum exit_action kvm440_mmu_exit(struct kvm440_vcpu *vcpu,
				 unsigned int vector)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	u64 *stats = vcpu->vm->stats;
	bool fetch = vector == KVM440_INT_ITLB_MISS ||
		     vector == KVM440_INT_ISI;
	bool miss = vector == KVM440_INT_DTLB_MISS ||
		    vector == KVM440_INT_ITLB_MISS;
	u32 msr = vcpu->regs.msr, ea = fetch ? ctx->srr0 : ctx->dear;
	bool user = msr & MSR_PR, ro = false, store = false;
	u32 esr = ctx->esr & (ESR_FP | ESR_SPV);
	const struct kvm440_tlb_entry *e;
	enum gtlb_access a = GTLB_EXEC;
	struct page *page = NULL;
	u32 w[3], hw[3];
	int gidx;
	u64 gpa = 0;

	if (!miss)
		stats[fetch ? KVM440_STAT_ISI : KVM440_STAT_DSI]++;
	gidx = gtlb_index(vcpu, ea, msr & (fetch ? MSR_IS : MSR_DS),
			  fetch ? GTLB_KIND_FETCH : GTLB_KIND_DATA);
	e = gidx < 0 ? NULL : &vcpu->tlb[gidx];
	if (e) {
		gpa = gtlb_gpa(e, ea);
		page = kvm440_gpa_page(vcpu->vm, gpa, &ro);
	}
	/* a load or a store only matters if the rights or the slot differ */
	if (!fetch && (!e || !gtlb_allows(e->word2, user, GTLB_WRITE) ||
		       !gtlb_allows(e->word2, user, GTLB_READ) || ro)) {
		store = access_is_store(vcpu);
		if (store)
			esr |= ESR_ST;
	}
	if (!fetch)
		a = store ? GTLB_WRITE : GTLB_READ;
	if (!e) {
		if (miss) {
			stats[fetch ? KVM440_STAT_ITLB_REAL :
			      KVM440_STAT_DTLB_REAL]++;
			return guest_fault(vcpu, fetch ? KVM440_INT_ITLB_MISS :
					   KVM440_INT_DTLB_MISS, ea,
					   fetch ? 0 : esr);
		}
		/* a shadow outlived its guest entry: drop it, miss again */
		shadow_drop(vcpu, DROP_OVERLAP, 0, (ea & PAGE_MASK) |
			    (1 << KVM440_TLB0_SIZE_SHIFT), user);
		return EXIT_RESUME;
	}
	if (miss)
		stats[fetch ? KVM440_STAT_ITLB_VIRT : KVM440_STAT_DTLB_VIRT]++;

	/* the guest's own rights: a hit that forbids is the guest's fault */
	if (!gtlb_allows(e->word2, user, a))
		return guest_fault(vcpu, fetch ? KVM440_INT_ISI :
				   KVM440_INT_DSI, ea, fetch ? 0 : esr);

	if (!page) {
		if (!fetch)
			return kvm440_mmio_exit(vcpu, gpa, ea);
		return guest_fault(vcpu, KVM440_INT_MACHINE_CHECK, ea, 0);
	}
	if (store && ro)
		return kvm440_mmio_exit(vcpu, gpa, ea);
	if (e->word2 & KVM440_TLB2_E)	/* QEMU has no little-endian pages */
		return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION,
					     ctx->srr0,
					     kvm440_fetch_inst(vcpu, ctx->srr0));

	shadow_words(vcpu, e, ea, gpa, page, ro, a, w);
	/* a guest mapping over the host's pinned TS=1 entry: not shadowable */
	if (over_pinned(w))
		return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION,
					     ctx->srr0,
					     kvm440_fetch_inst(vcpu, ctx->srr0));
	if (!miss && !(msr & MSR_IS) != !(msr & MSR_DS)) {
		struct page *other;

		/*
		 * An access to its own page, which the two spaces map to
		 * different memory: not runnable natively. Stop rather than
		 * spin (tell userspace which instruction).
		 */
		if (!split_merge(vcpu, ea, fetch, page, w, &other) && other &&
		    !fetch && !((ctx->srr0 ^ ea) & ~0xfffu))
			return kvm440_internal_error(vcpu,
					KVM440_INTERNAL_EMULATION, ctx->srr0,
					kvm440_fetch_inst(vcpu, ctx->srr0));
	}
	if (!miss && shadow_find(vcpu, ea, user, hw) >= 0 &&
	    !memcmp(w, hw, sizeof(w))) {
		/* the shadow is right: the fault has another cause */
		return guest_fault(vcpu, fetch ? KVM440_INT_ISI :
				   KVM440_INT_DSI, ea,
				   fetch ? ctx->esr & ESR_BO : ctx->esr);
	}
	shadow_write(vcpu, gidx, w, page, gpa, miss);
	return EXIT_RESUME;
}

/* ------------------------------------------------------------------ */
/* tlbwe, tlbre, tlbsx, tlbsync                                         */

int kvm440_emulate_tlb(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst)
{
	u32 *gpr = vcpu->ctx.gpr;
	unsigned int ra = kvm440_ra(inst);
	unsigned int idx = gpr[ra] & (KVM440_TLB_ENTRIES - 1);
	u32 mmucr = vcpu->sregs.mmucr;
	u32 ea;
	int i;

	switch (d->op) {
	case KVM440_OP_TLBWE:
		/* exact invalidation: this entry's shadows, no others */
		if (vcpu->split_merged)
			kvm440_shadow_flush(vcpu);	/* split_merge() */
		else
			shadow_drop(vcpu, DROP_GIDX, idx, 0, false);
		gtlb_write(&vcpu->tlb[idx], kvm440_ws(inst),
			   gpr[kvm440_rs(inst)], mmucr);
		gtlb_ix_update(&vcpu->gix, vcpu->tlb, KVM440_TLB_ENTRIES, idx);
		vcpu->fetch_key = 0;
		return KVM440_EMUL_DONE;
	case KVM440_OP_TLBRE:
		gpr[kvm440_rd(inst)] = gtlb_read(&vcpu->tlb[idx],
						 kvm440_ws(inst),
						 &vcpu->sregs.mmucr);
		return KVM440_EMUL_DONE;
	case KVM440_OP_TLBSX:
		ea = (ra ? gpr[ra] : 0) + gpr[kvm440_rb(inst)];
		i = gtlb_ix_find(&vcpu->gix, vcpu->tlb, KVM440_TLB_ENTRIES,
				 ea, mmucr & GTLB_MMUCR_STID,
				 mmucr & GTLB_MMUCR_STS, GTLB_KIND_DATA);
		/* no hit: rD is undefined on the 440; leave it alone */
		if (i >= 0)
			gpr[kvm440_rd(inst)] = i;
		if (kvm440_rc(inst))
			vcpu->ctx.cr = gtlb_tlbsx_cr(vcpu->ctx.cr,
						     vcpu->ctx.xer, i >= 0);
		return KVM440_EMUL_DONE;
	case KVM440_OP_TLBSYNC:
		return KVM440_EMUL_DONE;
	default:
		return KVM440_EMUL_UNHANDLED;
	}
}
