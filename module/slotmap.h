/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which naturally aligned blocks of a memory slot one shadow TLB entry can
 * map, and how a fresh module-allocated slot's chunks are arranged so that
 * more of them can: pure functions over the slot's page frames. No kernel
 * calls, so the Check unit tests (tests/unit/test_slotmap.c) compile the
 * very code mem.c runs.
 */
#ifndef KVM440_SLOTMAP_H
#define KVM440_SLOTMAP_H

/* the 440's page sizes above 4K: 16K 64K 256K 1M 16M 256M */
#define SLOTMAP_LEVELS	6

static inline unsigned int slotmap_shift(unsigned int level)
{
	static const u8 shift[SLOTMAP_LEVELS] = { 14, 16, 18, 20, 24, 28 };

	return shift[level];
}

/*
 * One bit per naturally aligned guest-physical block of each level lying
 * wholly inside the slot: set when the block is one physically contiguous
 * piece whose host address is aligned like its guest address. Levels at
 * most a page in size have no bits (a page is always one piece).
 */
struct slotmap {
	u64 gpa, size;
	unsigned int page_shift;
	u32 first[SLOTMAP_LEVELS];	/* each level's first bit */
	unsigned long *bits;
};

#define SLOTMAP_LONG_BITS	(8 * sizeof(unsigned long))

/* Blocks of level @l wholly inside the slot: the first's gpa, and how many. */
static inline u64 slotmap_range(const struct slotmap *m, unsigned int l,
				u64 *start)
{
	u64 b = 1ULL << slotmap_shift(l);
	u64 lo = (m->gpa + b - 1) & ~(b - 1);
	u64 hi = (m->gpa + m->size) & ~(b - 1);

	*start = lo;
	return hi > lo ? (hi - lo) >> slotmap_shift(l) : 0;
}

/* Set @m->first for a slot at @gpa of @size bytes; returns the bits needed. */
static inline unsigned long slotmap_layout(struct slotmap *m, u64 gpa,
					   u64 size, unsigned int page_shift)
{
	unsigned long nbits = 0;
	unsigned int l;
	u64 start;

	m->gpa = gpa;
	m->size = size;
	m->page_shift = page_shift;
	for (l = 0; l < SLOTMAP_LEVELS; l++) {
		m->first[l] = nbits;
		if (slotmap_shift(l) > page_shift)
			nbits += slotmap_range(m, l, &start);
	}
	return nbits;
}

static inline bool slotmap_bit(const struct slotmap *m, unsigned int l,
			       u64 base)
{
	u64 start, n = slotmap_range(m, l, &start);
	unsigned long i;

	if (base < start || (base - start) >> slotmap_shift(l) >= n)
		return false;
	i = m->first[l] + ((base - start) >> slotmap_shift(l));
	return m->bits[i / SLOTMAP_LONG_BITS] >> (i % SLOTMAP_LONG_BITS) & 1;
}

/*
 * Fill @m->bits (zeroed, as slotmap_layout() sized it) from the frames of
 * the slot's pages, @pfn(@arg, i) for page i. A level builds on the one
 * below it (its sub-blocks good and consecutive), so the whole map costs
 * one pass over the pages per level.
 */
static inline void slotmap_fill(struct slotmap *m,
				unsigned long (*pfn)(const void *arg,
						     unsigned long i),
				const void *arg)
{
	unsigned int l, below = SLOTMAP_LEVELS;	/* none yet: pages */

	for (l = 0; l < SLOTMAP_LEVELS; l++) {
		unsigned long npages, step;
		u64 start, j, n;

		if (slotmap_shift(l) <= m->page_shift)
			continue;
		npages = 1UL << (slotmap_shift(l) - m->page_shift);
		step = below < SLOTMAP_LEVELS ?
			1UL << (slotmap_shift(below) - m->page_shift) : 1;
		n = slotmap_range(m, l, &start);
		for (j = 0; j < n; j++) {
			u64 base = start + (j << slotmap_shift(l));
			unsigned long p = (base - m->gpa) >> m->page_shift;
			unsigned long f = pfn(arg, p), k, bit;
			bool ok = !(f & (npages - 1));

			for (k = 0; ok && k < npages; k += step) {
				ok = pfn(arg, p + k) == f + k;
				if (ok && step > 1)
					ok = slotmap_bit(m, below, base +
						((u64)k << m->page_shift));
			}
			if (!ok)
				continue;
			bit = m->first[l] + j;
			m->bits[bit / SLOTMAP_LONG_BITS] |=
				1UL << (bit % SLOTMAP_LONG_BITS);
		}
		below = l;
	}
}

/*
 * Whether guest physical [@base, @base + @bytes), naturally aligned, lies
 * in the slot and is one aligned piece: O(1).
 */
static inline bool slotmap_backed(const struct slotmap *m, u64 base,
				  u32 bytes)
{
	unsigned int l;

	if (base < m->gpa || base - m->gpa >= m->size ||
	    m->size - (base - m->gpa) < bytes)
		return false;
	if (bytes <= 1UL << m->page_shift)
		return true;
	for (l = 0; l < SLOTMAP_LEVELS; l++)
		if (bytes == 1ULL << slotmap_shift(l))
			return slotmap_bit(m, l, base);
	return false;	/* 4M, 64M: no such 440 page */
}

/*
 * Arrange a fresh slot's @n whole chunks (@cpages pages each) so that
 * chunks physically adjacent in a group of @gpages pages aligned to its
 * size land in a guest window of that size and alignment. Chunk i sits
 * at slot page @pos[i] (ascending, chunk-aligned in guest physical space,
 * the slot starting at @gpa) and starts at frame @pfn[i]. On return
 * @order[i] is the chunk to put at @pos[i]; @idx is n entries of scratch.
 * Groups go, from the front of a frame-sorted list, to the group-sized
 * windows made of whole chunks; the other windows take chunks from its
 * back, so a group is still whole when it is given.
 */
static inline void slotmap_group(u64 gpa, unsigned int page_shift,
				 unsigned long cpages, unsigned long gpages,
				 unsigned long n, const unsigned long *pos,
				 const unsigned long *pfn, unsigned long *order,
				 unsigned long *idx)
{
	unsigned long per = gpages / cpages, ngroups = 0, g = 0, k = n;
	unsigned long i, j, t;

	for (i = 0; i < n; i++) {		/* insertion sort by frame */
		t = i;
		for (j = i; j > 0 && pfn[idx[j - 1]] > pfn[t]; j--)
			idx[j] = idx[j - 1];
		idx[j] = t;
	}
	for (i = 0; per > 1 && i + per <= n; i++) {
		unsigned long f = pfn[idx[i]];

		if (f & (gpages - 1) || pfn[idx[i + per - 1]] != f + gpages - cpages)
			continue;
		for (j = 0; j < per; j++) {
			t = idx[ngroups * per + j];
			idx[ngroups * per + j] = idx[i + j];
			idx[i + j] = t;
		}
		ngroups++;
		i += per - 1;
	}
	for (i = 0; i < n; ) {
		u64 at = gpa + ((u64)pos[i] << page_shift);

		if (g < ngroups && !(at & ((gpages << page_shift) - 1)) &&
		    i + per <= n && pos[i + per - 1] == pos[i] + gpages - cpages) {
			for (j = 0; j < per; j++)
				order[i + j] = idx[g * per + j];
			g++;
			i += per;
			continue;
		}
		order[i++] = idx[--k];
	}
}

#endif
