/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest-visible 440 TLB as pure functions: search with TID/TS
 * semantics, the tlbwe/tlbre/tlbsx field handling, the permissions a
 * shadow entry gets and the page size it can use. No kernel calls, so the
 * Check unit tests (tests/unit/test_gtlb.c) compile the very code tlb.c
 * runs.
 */
#ifndef KVM440_GTLB_H
#define KVM440_GTLB_H

#include "tlbword.h"

/* MMUCR fields tlbwe/tlbre/tlbsx use (PPC44x_MMUCR_STID/STS). */
#define GTLB_MMUCR_STID		0x000000ffu
#define GTLB_MMUCR_STS		0x00010000u

/*
 * What tlbwe stores and tlbre returns of each word: word 0 EPN V TS SIZE
 * (the parity bits read as 0), word 1 RPN and ERPN, word 2 U0-U3 W I M G E
 * and the six permission bits (bit 25 is reserved).
 */
#define GTLB_WORD0_MASK		0xfffffff0u
#define GTLB_WORD1_MASK		(KVM440_TLB1_RPN_MASK | KVM440_TLB1_ERPN_MASK)
#define GTLB_WORD2_MASK		(KVM440_TLB2_ATTR_MASK | KVM440_TLB2_PERM_MASK)

/* CR0 bits of tlbsx. (CR is big-endian: CR0 is the top nibble). */
#define GTLB_CR0_MASK		0xf0000000u
#define GTLB_CR0_EQ		0x20000000u
#define GTLB_CR0_SO		0x10000000u
#define GTLB_XER_SO		0x80000000u

#define GTLB_PERM_U		(KVM440_TLB2_UX | KVM440_TLB2_UW | KVM440_TLB2_UR)
#define GTLB_PERM_S		(KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR)

enum gtlb_access {
	GTLB_READ,
	GTLB_WRITE,
	GTLB_EXEC,
};

/* First EA the entry maps (EPN aligned down to its page size). */
static inline u32 gtlb_base(const struct kvm440_tlb_entry *e)
{
	u32 size = tlb_page_bytes(e->word0);

	return e->word0 & KVM440_TLB0_EPN_MASK & ~(size - 1);
}

/*
 * Whether @e translates @ea in space @ts for process id @pid: valid, a
 * size the 440 implements, the same TS, and TID 0 or equal to @pid.
 */
static inline bool gtlb_match(const struct kvm440_tlb_entry *e, u32 ea,
			      u32 pid, bool ts)
{
	u32 size = tlb_page_bytes(e->word0);

	if (!(e->word0 & KVM440_TLB0_V) || !size ||
	    !!(e->word0 & KVM440_TLB0_TS) != ts)
		return false;
	if ((e->tid & 0xff) && (e->tid & 0xff) != (pid & 0xff))
		return false;
	return ea - gtlb_base(e) < size;
}

/* Index of the first of @n entries translating @ea, or -1. */
static inline int gtlb_search(const struct kvm440_tlb_entry *tlb,
			      unsigned int n, u32 ea, u32 pid, bool ts)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (gtlb_match(&tlb[i], ea, pid, ts))
			return i;
	return -1;
}

/*
 * A lookup index over the 64 guest entries, derived from them and kept in
 * step by gtlb_ix_update() after every change of an entry (tlbwe) and
 * gtlb_ix_rebuild() after a wholesale one (SET_TLB).
 *
 * Per entry: its EA base with bit 0 set, the mask of the EA bits that
 * must equal it, both 0 for an entry that matches nothing (invalid or a
 * reserved size: an all-zero index is that of an all-invalid TLB), its
 * TID, and how many other entries it "aliases": both valid,
 * overlapping EA ranges, and TIDs that can both match one PID (equal, or
 * either 0). TS is ignored, so aliasing over-approximates.
 *
 * Why the count makes a most-recently-hit shortcut exact: if entry m
 * matches @ea under (pid, ts) and another entry k does too, both contain
 * @ea (their ranges overlap) and both TIDs are 0 or pid (so they alias).
 * Hence an entry with no alias that matches is the only match, so it is
 * the first match too: tlbsx and the miss path keep the 440's
 * lowest-index-wins semantics without scanning when the shortcut hits.
 * The shortcuts are therefore only hints, checked before use, and need
 * no invalidation: the last entry found per access kind, and a small
 * table of the last entry found per 4K EA page (mod GTLB_HINTS), which
 * catches the many small entries of a guest's user pages.
 */
#define GTLB_HINTS	64
enum gtlb_kind {
	GTLB_KIND_DATA,
	GTLB_KIND_FETCH,
	GTLB_KINDS,
};

struct gtlb_ix {
	u32 base[KVM440_TLB_ENTRIES];
	u32 hmask[KVM440_TLB_ENTRIES];
	u8 tid[KVM440_TLB_ENTRIES];
	u8 alias[KVM440_TLB_ENTRIES];
	u8 mru[GTLB_KINDS];		/* last entry found, per kind */
	u8 hint[GTLB_HINTS];		/* last entry found, per EA page */
};

static inline bool gtlb_ix_alias(const struct gtlb_ix *ix, unsigned int a,
				 u32 base, u32 hmask, u8 tid)
{
	if (!hmask || !ix->hmask[a])
		return false;
	if (tid && ix->tid[a] && tid != ix->tid[a])
		return false;
	return !((base ^ ix->base[a]) & hmask & ix->hmask[a]);
}

/* What entry @e contributes to the index: base, hmask, tid. */
static inline void gtlb_ix_key(const struct kvm440_tlb_entry *e, u32 *base,
			       u32 *hmask, u8 *tid)
{
	u32 size = tlb_page_bytes(e->word0);

	if (!(e->word0 & KVM440_TLB0_V) || !size) {
		*base = 0;
		*hmask = 0;
		*tid = 0;	/* so rewriting an invalid entry changes nothing */
		return;
	}
	*tid = e->tid & 0xff;
	*hmask = ~(size - 1);
	*base = (e->word0 & KVM440_TLB0_EPN_MASK & *hmask) | 1;
}

/*
 * Entry @idx of @tlb (@n entries) changed: bring the index up to date.
 * O(n) when its range, validity or TID changed, O(1) otherwise: a write
 * of word 1 or 2, of an invalid entry that stays invalid, or one that
 * invalidates an entry aliasing nothing (a guest's TLB flushes).
 */
static inline void gtlb_ix_update(struct gtlb_ix *ix,
				  const struct kvm440_tlb_entry *tlb,
				  unsigned int n, unsigned int idx)
{
	u32 ob = ix->base[idx], oh = ix->hmask[idx], nb, nh;
	u8 ot = ix->tid[idx], nt, cnt = 0;
	unsigned int k;

	gtlb_ix_key(&tlb[idx], &nb, &nh, &nt);
	if (nb == ob && nh == oh && nt == ot)
		return;
	if (!nh && !ix->alias[idx]) {
		ix->base[idx] = 0;
		ix->hmask[idx] = 0;
		ix->tid[idx] = 0;
		return;
	}
	for (k = 0; k < n; k++) {
		u32 hk = ix->hmask[k];
		u8 tk = ix->tid[k];
		bool was, now;

		if (!hk || k == idx)
			continue;
		/* gtlb_ix_alias() for the old and the new key, unrolled */
		was = oh && !((ob ^ ix->base[k]) & oh & hk) &&
		      (!ot || !tk || ot == tk);
		now = nh && !((nb ^ ix->base[k]) & nh & hk) &&
		      (!nt || !tk || nt == tk);
		if (was != now)
			ix->alias[k] += now ? 1 : -1;
		cnt += now;
	}
	ix->base[idx] = nb;
	ix->hmask[idx] = nh;
	ix->tid[idx] = nt;
	ix->alias[idx] = cnt;
}

/* Recompute the whole index from @tlb. */
static inline void gtlb_ix_rebuild(struct gtlb_ix *ix,
				   const struct kvm440_tlb_entry *tlb,
				   unsigned int n)
{
	unsigned int i, k;

	for (i = 0; i < n; i++) {
		gtlb_ix_key(&tlb[i], &ix->base[i], &ix->hmask[i], &ix->tid[i]);
		ix->alias[i] = 0;
	}
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (gtlb_ix_alias(ix, k, ix->base[i], ix->hmask[i],
					  ix->tid[i])) {
				ix->alias[i]++;
				ix->alias[k]++;
			}
	for (i = 0; i < GTLB_KINDS; i++)
		ix->mru[i] = 0;
	for (i = 0; i < GTLB_HINTS; i++)
		ix->hint[i] = 0;
}

/* Whether entry @i translates @ea in space @ts under @pid. */
static inline bool gtlb_ix_match(const struct gtlb_ix *ix,
				 const struct kvm440_tlb_entry *tlb,
				 unsigned int i, u32 ea, u32 pid, bool ts)
{
	if (((ea & ix->hmask[i]) | 1) != ix->base[i])
		return false;
	if (ix->tid[i] && ix->tid[i] != (pid & 0xff))
		return false;
	return !!(tlb[i].word0 & KVM440_TLB0_TS) == ts;
}

/*
 * gtlb_search() through the index: the first of @n entries translating
 * @ea, or -1. The last hit of @kind, then the hint for @ea's page, stand
 * when they match and alias nothing (see above); a full search remembers
 * what it found in both.
 */
static inline int gtlb_ix_find(struct gtlb_ix *ix,
			       const struct kvm440_tlb_entry *tlb,
			       unsigned int n, u32 ea, u32 pid, bool ts,
			       enum gtlb_kind kind)
{
	u8 *hint = &ix->hint[(ea >> 12) & (GTLB_HINTS - 1)];
	unsigned int i = ix->mru[kind];

	if (!ix->alias[i] && gtlb_ix_match(ix, tlb, i, ea, pid, ts))
		return i;
	i = *hint;
	if (i < n && !ix->alias[i] && gtlb_ix_match(ix, tlb, i, ea, pid, ts))
		goto found;
	for (i = 0; i < n; i++) {
		if (((ea & ix->hmask[i]) | 1) != ix->base[i])
			continue;
		if (gtlb_ix_match(ix, tlb, i, ea, pid, ts)) {
			*hint = i;
			goto found;
		}
	}
	return -1;
found:
	ix->mru[kind] = i;
	return i;
}

/* Whether the EA ranges of entries @a and @b overlap (both valid). */
static inline bool gtlb_ix_overlap(const struct gtlb_ix *ix, unsigned int a,
				   unsigned int b)
{
	return ix->hmask[a] && ix->hmask[b] &&
	       !((ix->base[a] ^ ix->base[b]) & ix->hmask[a] & ix->hmask[b]);
}

/* Guest physical address of @ea through @e (36 bits: ERPN:RPN). */
static inline u64 gtlb_gpa(const struct kvm440_tlb_entry *e, u32 ea)
{
	u32 size = tlb_page_bytes(e->word0);
	u64 rpn = ((u64)(e->word1 & KVM440_TLB1_ERPN_MASK) << 32) |
		  (e->word1 & KVM440_TLB1_RPN_MASK & ~(size - 1));

	return rpn + (ea - gtlb_base(e));
}

/*
 * tlbwe: word @ws (0-2) of @e gets @val; word 0 also takes its TID from
 * MMUCR[STID], as the 440 does. An invalid size code is stored as written
 * and simply never matches (gtlb_match).
 */
static inline void gtlb_write(struct kvm440_tlb_entry *e, unsigned int ws,
			      u32 val, u32 mmucr)
{
	switch (ws) {
	case 0:
		e->word0 = val & GTLB_WORD0_MASK;
		e->tid = mmucr & GTLB_MMUCR_STID;
		break;
	case 1:
		e->word1 = val & GTLB_WORD1_MASK;
		break;
	default:
		e->word2 = val & GTLB_WORD2_MASK;
		break;
	}
}

/* tlbre: word @ws of @e; word 0 also puts its TID into MMUCR[STID]. */
static inline u32 gtlb_read(const struct kvm440_tlb_entry *e, unsigned int ws,
			    u32 *mmucr)
{
	switch (ws) {
	case 0:
		*mmucr = (*mmucr & ~GTLB_MMUCR_STID) |
			 (e->tid & GTLB_MMUCR_STID);
		return e->word0;
	case 1:
		return e->word1;
	default:
		return e->word2;
	}
}

/* CR after tlbsx.: CR0 = 0b00 || found || XER[SO], other fields kept. */
static inline u32 gtlb_tlbsx_cr(u32 cr, u32 xer, bool found)
{
	cr &= ~GTLB_CR0_MASK;
	if (found)
		cr |= GTLB_CR0_EQ;
	if (xer & GTLB_XER_SO)
		cr |= GTLB_CR0_SO;
	return cr;
}

/* Whether guest word 2 @w2 lets a guest in user (@user) or kernel mode @a. */
static inline bool gtlb_allows(u32 w2, bool user, enum gtlb_access a)
{
	static const u32 bit[2][3] = {
		{ KVM440_TLB2_SR, KVM440_TLB2_SW, KVM440_TLB2_SX },
		{ KVM440_TLB2_UR, KVM440_TLB2_UW, KVM440_TLB2_UX },
	};

	return w2 & bit[user][a];
}

/*
 * The permission bits of a shadow entry. The guest always runs in problem
 * state, so the rights of its current mode become user rights: its SX/SW/SR
 * in kernel mode, its UX/UW/UR in user mode (the two kinds of shadow have
 * different TIDs, so they never meet). A read-only memory slot takes away
 * UW (writes fault and become MMIO). With MSR[IS] != MSR[DS] one shadow
 * would serve fetches and data through different guest entries, so a
 * @split shadow gets only the rights of the access that created it.
 */
static inline u32 gtlb_shadow_perm(u32 w2, bool user, bool ro, bool split,
				   enum gtlb_access a)
{
	u32 perm = user ? w2 & GTLB_PERM_U : (w2 & GTLB_PERM_S) << 3;

	if (ro)
		perm &= ~KVM440_TLB2_UW;
	if (split)
		perm &= a == GTLB_EXEC ? KVM440_TLB2_UX :
		       (KVM440_TLB2_UR | KVM440_TLB2_UW);
	return perm;
}

/*
 * Page size code of the shadow for a guest access at @gpa through an
 * entry of size code @gcode: the largest 440 size, at most the guest's,
 * for which @backed(@arg, base, bytes) says the naturally aligned block of
 * guest physical memory around @gpa is one physically contiguous, equally
 * aligned piece of one memory slot. 4K is assumed backed (the caller
 * checked the page); a 1K guest page gets a 1K shadow.
 */
static inline unsigned int gtlb_shadow_code(unsigned int gcode, u64 gpa,
					    bool (*backed)(void *arg, u64 base,
							   u32 bytes),
					    void *arg)
{
	unsigned int code;

	if (gcode == 0)
		return 0;
	for (code = gcode; code > 1; code--) {
		u32 bytes = 1024u << (2 * code);

		if (code == 6 || code == 8)	/* 4M, 64M: not on the 440 */
			continue;
		if (backed(arg, gpa & ~(u64)(bytes - 1), bytes))
			return code;
	}
	return 1;
}

/*
 * Storage attributes of every shadow: shadows only ever map host RAM
 * (MMIO goes to userspace), so W, I, M, G and U0-U3 are the host's
 * choice, not the guest's. On the 440 an I=1 access to a line the data
 * cache holds is undefined and W=1 with I=1 unsupported: a guest could
 * read DRAM under another owner's dirty lines (pages just zeroed with
 * dcbz). WIMGE 00100, as upstream KVM forced on the 440; U0-U3 clear
 * (MMUCR can give U1/U2 cache meanings too). E=1 is refused by callers.
 */
#define GTLB_RAM_ATTR		0x00000200u	/* M */

/*
 * The three words of a shadow entry of size code @code for guest entry
 * @e, mapping the block around @ea to host physical @pa (the block's
 * base) with permission bits @perm. TS=1 always: host (TS=0) and guest
 * mappings never match the same access. The attributes are
 * GTLB_RAM_ATTR whatever the guest's entry says.
 */
static inline void gtlb_shadow_words(const struct kvm440_tlb_entry *e,
				     u32 ea, u64 pa, unsigned int code,
				     u32 perm, u32 w[3])
{
	u32 bytes = 1024u << (2 * code);

	w[0] = (ea & ~(bytes - 1)) | KVM440_TLB0_V | KVM440_TLB0_TS |
	       (code << KVM440_TLB0_SIZE_SHIFT);
	w[1] = ((u32)pa & KVM440_TLB1_RPN_MASK & ~(bytes - 1)) |
	       ((u32)(pa >> 32) & KVM440_TLB1_ERPN_MASK);
	(void)e;
	w[2] = GTLB_RAM_ATTR | perm;
}

/* Whether hardware word 0 values @a and @b map overlapping EA ranges. */
static inline bool gtlb_overlap(u32 a, u32 b)
{
	u32 sa = tlb_page_bytes(a), sb = tlb_page_bytes(b);
	u32 ba = a & KVM440_TLB0_EPN_MASK & ~(sa - 1);
	u32 bb = b & KVM440_TLB0_EPN_MASK & ~(sb - 1);

	if (!sa || !sb)
		return false;
	return ba - bb < sb || bb - ba < sa;
}

#endif
