// SPDX-License-Identifier: GPL-2.0
/*
 * Guest RAM: memory slots whose pages stay put for as long as the slot
 * exists, either the owner's pages pinned or pages the module allocates
 * (KVM440_MEM_ALLOC). Fixing the pages up front (rather than faulting them
 * in on guest TLB misses) keeps the exit path free of sleeping page-table
 * walks and lets a shadow TLB entry map a page without a reference of its
 * own.
 *
 * Why the module allocates: pinned anonymous memory is almost never
 * physically contiguous beyond 16K-64K, so the shadows that map it are
 * small however large the guest's own entry is, and a guest refills them
 * endlessly. Buddy blocks of up to KVM440_ALLOC_CHUNK (4M with 4K pages),
 * placed so that guest physical and host physical addresses are equally
 * aligned, let one shadow map up to 1M, and 16M where four chunks the host
 * gave happen to be adjacent (slot_group_chunks()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/shmem_fs.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "kvm440.h"
#include "slotmap.h"

bool kvm440_alloc_mem = true;
module_param_named(alloc_mem, kvm440_alloc_mem, bool, 0444);
MODULE_PARM_DESC(alloc_mem,
		 "Offer guest RAM the module allocates, for large shadows (default Y)");

static unsigned long slot_pfn(const void *arg, unsigned long i)
{
	const struct kvm440_memslot *s = arg;

	return page_to_pfn(s->pages[i]);
}

/* Which blocks of @s one shadow can map; its pages never move after this. */
static int slot_map_contig(struct kvm440_memslot *s)
{
	unsigned long nbits = slotmap_layout(&s->map, s->gpa, s->size,
					     PAGE_SHIFT);

	s->map.bits = bitmap_zalloc(nbits ? nbits : 1, GFP_KERNEL);
	if (!s->map.bits)
		return -ENOMEM;
	slotmap_fill(&s->map, slot_pfn, s);
	return 0;
}

static void slot_put_pages(struct kvm440_memslot *s, unsigned long n)
{
	unsigned long i;

	if (s->flags & KVM440_MEM_ALLOC) {
		/* a user mapping may hold its own reference a while longer */
		for (i = 0; i < n; i++)
			put_page(s->pages[i]);
	} else {
		unpin_user_pages_dirty_lock(s->pages, n,
					    !(s->flags & KVM440_MEM_READONLY));
	}
}

static void slot_release(struct kvm440_vm *vm, struct kvm440_memslot *s)
{
	unsigned long npages = s->size >> PAGE_SHIFT;

	if (!s->size)
		return;
	slot_put_pages(s, npages);
	kvfree(s->pages);
	bitmap_free(s->map.bits);
	bitmap_free(s->xclean);
	/* the owner may already be gone (killed); then nothing is charged */
	if (mmget_not_zero(vm->mm)) {
		account_locked_vm(vm->mm, npages, false);
		mmput(vm->mm);
	}
	memset(s, 0, sizeof(*s));
}

/*
 * A long-term writable pin of page-cache pages is unsafe on 6.1 (the
 * file system may write back, truncate or reclaim them under the pin;
 * 6.5 refuses it in GUP): guest RAM that the guest may write must be
 * anonymous or shmem (memfd, /dev/zero, tmpfs). Private file mappings
 * are fine (the write pin breaks COW into anonymous pages), and so is a
 * read-only slot of anything (no write pin). Called under mmap_lock.
 */
static int slot_check_vmas(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	VMA_ITERATOR(vmi, mm, start);
	struct vm_area_struct *vma;

	for_each_vma_range(vmi, vma, end) {
		if (vma->vm_file && vma->vm_flags & VM_SHARED &&
		    !shmem_file(vma->vm_file))
			return -EOPNOTSUPP;
	}
	return 0;
}

static int slot_pin(struct kvm440_vm *vm, struct kvm440_memslot *s)
{
	unsigned long npages = s->size >> PAGE_SHIFT;
	unsigned int gup = FOLL_LONGTERM;
	long pinned;

	if (!(s->flags & KVM440_MEM_READONLY))
		gup |= FOLL_WRITE;
	mmap_read_lock(vm->mm);
	if (gup & FOLL_WRITE) {
		int r = slot_check_vmas(vm->mm, s->uaddr, s->uaddr + s->size);

		if (r) {
			mmap_read_unlock(vm->mm);
			return r;
		}
	}
	pinned = pin_user_pages(s->uaddr, npages, gup, s->pages, NULL);
	mmap_read_unlock(vm->mm);
	if (pinned == npages)
		return 0;
	if (pinned > 0)
		unpin_user_pages(s->pages, pinned);
	return pinned < 0 ? pinned : -EFAULT;
}

/*
 * Allocate @s in buddy blocks: at each step the largest order that the
 * guest physical address is aligned to and the rest of the slot holds,
 * at most KVM440_ALLOC_MAX_ORDER, falling back to smaller blocks when
 * memory is too fragmented. Every block is split into pages with a
 * reference each, so a user mapping can outlive the slot page by page.
 */
static int slot_alloc(struct kvm440_memslot *s)
{
	unsigned long npages = s->size >> PAGE_SHIFT, i = 0, j;
	unsigned long gfn = s->gpa >> PAGE_SHIFT;

	while (i < npages) {
		unsigned int order = min_t(unsigned int, KVM440_ALLOC_MAX_ORDER,
					   ilog2(npages - i));
		struct page *page;

		if (gfn + i)
			order = min_t(unsigned int, order, __ffs(gfn + i));
		for (;;) {
			/* zeroed: the guest and its owner see no stale data */
			page = alloc_pages(GFP_HIGHUSER | __GFP_ZERO |
					   __GFP_ACCOUNT | __GFP_NOWARN |
					   __GFP_RETRY_MAYFAIL, order);
			if (page || !order)
				break;
			order--;
		}
		if (!page) {
			slot_put_pages(s, i);
			return -ENOMEM;
		}
		split_page(page, order);
		for (j = 0; j < 1UL << order; j++)
			s->pages[i + j] = nth_page(page, j);
		i += 1UL << order;
		/* hundreds of megabytes take a while: let a kill through */
		if (fatal_signal_pending(current)) {
			slot_put_pages(s, i);
			return -EINTR;
		}
		cond_resched();
	}
	return 0;
}

/* Slot page @p starts a chunk-sized, chunk-aligned contiguous run. */
static bool chunk_at(const struct kvm440_memslot *s, unsigned long p)
{
	unsigned long n = 1UL << KVM440_ALLOC_MAX_ORDER;
	unsigned long pfn = page_to_pfn(s->pages[p]);

	return !(pfn & (n - 1)) && page_to_pfn(s->pages[p + n - 1]) == pfn + n - 1;
}

/*
 * Rearrange the whole chunks of a fresh (all zero) slot so that chunks
 * the buddy allocator happened to hand out physically adjacent, in a 16M
 * aligned group, land in a 16M aligned guest window: one 16M shadow then
 * maps them (slotmap_group()). Only pointers move; the guest cannot tell,
 * as every page is still zero. Best effort: without memory for the
 * bookkeeping the slot simply stays as it was.
 */
static void slot_group_chunks(struct kvm440_memslot *s)
{
	const unsigned long cp = 1UL << KVM440_ALLOC_MAX_ORDER;
	const unsigned long gp = SZ_16M >> PAGE_SHIFT;
	unsigned long npages = s->size >> PAGE_SHIFT, max = npages / cp;
	unsigned long *pos, *pfn, *order, *idx, n = 0, i, p;
	struct page **first;

	if (gp <= cp || npages < gp)
		return;
	pos = kmalloc_array(4 * max, sizeof(*pos), GFP_KERNEL);
	first = kmalloc_array(max, sizeof(*first), GFP_KERNEL);
	if (!pos || !first)
		goto out;
	pfn = pos + max;
	order = pfn + max;
	idx = order + max;
	for (p = round_up(s->gpa >> PAGE_SHIFT, cp) - (s->gpa >> PAGE_SHIFT);
	     p + cp <= npages; p += cp) {
		if (!chunk_at(s, p))
			continue;
		pos[n] = p;
		first[n] = s->pages[p];
		pfn[n++] = page_to_pfn(s->pages[p]);
	}
	slotmap_group(s->gpa, PAGE_SHIFT, cp, gp, n, pos, pfn, order, idx);
	for (i = 0; i < n; i++)
		for (p = 0; p < cp; p++)
			s->pages[pos[i] + p] = nth_page(first[order[i]], p);
out:
	kfree(pos);
	kfree(first);
}

/* Give @s (gpa, size, uaddr, flags set) its pages, charged to the owner. */
static int slot_fill(struct kvm440_vm *vm, struct kvm440_memslot *s)
{
	unsigned long npages = s->size >> PAGE_SHIFT;
	int r;

	/* RLIMIT_MEMLOCK applies, as for any long-term pin */
	r = account_locked_vm(vm->mm, npages, true);
	if (r)
		return r;
	s->pages = kvmalloc_array(npages, sizeof(*s->pages), GFP_KERNEL);
	s->xclean = bitmap_zalloc(npages, GFP_KERNEL);
	if (!s->pages || !s->xclean) {
		r = -ENOMEM;
		goto out_pages;
	}
	r = s->flags & KVM440_MEM_ALLOC ? slot_alloc(s) : slot_pin(vm, s);
	if (r)
		goto out_pages;
	if (s->flags & KVM440_MEM_ALLOC)
		slot_group_chunks(s);
	r = slot_map_contig(s);
	if (r) {
		slot_put_pages(s, npages);
		goto out_pages;
	}
	return 0;

out_pages:
	kvfree(s->pages);
	s->pages = NULL;
	bitmap_free(s->xclean);
	s->xclean = NULL;
	account_locked_vm(vm->mm, npages, false);
	return r;
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/* Everything about @mr that can be judged without touching memory. */
static int check_region(struct kvm440_vm *vm,
			const struct kvm440_memory_region *mr)
{
	u64 limit = (u64)kvm440_max_vm_mem_mb << 20;
	u64 others = vm->mem_bytes - vm->slots[mr->slot].size;
	int i;

	if (mr->flags & ~KVM440_MEM_FLAGS_ALL)
		return -EINVAL;
	if (!mr->size)
		return 0;
	if (!PAGE_ALIGNED(mr->guest_phys) || !PAGE_ALIGNED(mr->size) ||
	    !PAGE_ALIGNED(mr->userspace_addr))
		return -EINVAL;
	if (mr->guest_phys >= BIT_ULL(KVM440_GUEST_PHYS_BITS) ||
	    mr->size > BIT_ULL(KVM440_GUEST_PHYS_BITS) - mr->guest_phys)
		return -EINVAL;
	if (mr->flags & KVM440_MEM_ALLOC) {
		if (!kvm440_alloc_mem)
			return -EOPNOTSUPP;
		/* the memory is the module's: there is no user range */
		if (mr->userspace_addr)
			return -EINVAL;
	} else if (mr->userspace_addr + mr->size < mr->userspace_addr ||
		   mr->userspace_addr + mr->size > TASK_SIZE) {
		/* a 32-bit host: the user range must fit in its address space */
		return -EFAULT;
	}
	if (mr->size > limit || others + mr->size > limit)
		return -E2BIG;
	for (i = 0; i < KVM440_MAX_MEM_SLOTS; i++) {
		const struct kvm440_memslot *s = &vm->slots[i];

		if (i != mr->slot && s->size &&
		    overlaps(s->gpa, s->size, mr->guest_phys, mr->size))
			return -EEXIST;
	}
	return 0;
}

int kvm440_set_memory_region(struct kvm440_vm *vm,
			     const struct kvm440_memory_region *mr)
{
	struct kvm440_memslot fresh = { 0 }, old;
	int r;

	if (mr->slot >= KVM440_MAX_MEM_SLOTS)
		return -EINVAL;

	mutex_lock(&vm->lock);
	/* guest mappings may point into the slot while a vCPU runs */
	if (kvm440_vcpu_running(vm)) {
		r = -EBUSY;
		goto out;
	}
	r = check_region(vm, mr);
	if (r)
		goto out;
	if (mr->size) {
		/* fill the new slot before dropping the old: failure loses nothing */
		fresh.gpa = mr->guest_phys;
		fresh.size = mr->size;
		fresh.uaddr = mr->userspace_addr;
		fresh.flags = mr->flags;
		r = slot_fill(vm, &fresh);
		if (r)
			goto out;
	}
	mutex_lock(&vm->ram_lock);
	old = vm->slots[mr->slot];
	vm->slots[mr->slot] = fresh;
	vm->mem_bytes += fresh.size - old.size;
	mutex_unlock(&vm->ram_lock);
	/* uncharging takes the owner's mmap lock: not under ram_lock */
	slot_release(vm, &old);
out:
	mutex_unlock(&vm->lock);
	return r;
}

void kvm440_free_memslots(struct kvm440_vm *vm)
{
	int i;

	for (i = 0; i < KVM440_MAX_MEM_SLOTS; i++)
		slot_release(vm, &vm->slots[i]);
	vm->mem_bytes = 0;
}


/* The page backing guest physical @gpa, or NULL if it is not RAM. */
struct page *kvm440_gpa_page(struct kvm440_vm *vm, u64 gpa, bool *ro)
{
	const struct kvm440_memslot *s = kvm440_gpa_slot(vm, gpa);

	if (!s)
		return NULL;
	if (ro)
		*ro = s->flags & KVM440_MEM_READONLY;
	return s->pages[(gpa - s->gpa) >> PAGE_SHIFT];
}

bool kvm440_gpa_contig(struct kvm440_vm *vm, u64 base, u32 bytes)
{
	const struct kvm440_memslot *s = kvm440_gpa_slot(vm, base);

	return s && slotmap_backed(&s->map, base, bytes);
}

/* Count a shadow of hardware word 0 @w0 by its page size. */
void kvm440_count_shadow(struct kvm440_vm *vm, u32 w0)
{
	static const u8 stat[16] = {
		KVM440_STAT_SHADOW_1K, KVM440_STAT_SHADOW_4K,
		KVM440_STAT_SHADOW_16K, KVM440_STAT_SHADOW_64K,
		KVM440_STAT_SHADOW_256K, KVM440_STAT_SHADOW_1M,
		[7] = KVM440_STAT_SHADOW_16M, [9] = KVM440_STAT_SHADOW_256M,
	};
	unsigned int code = (w0 & KVM440_TLB0_SIZE_MASK) >>
			    KVM440_TLB0_SIZE_SHIFT;

	/* 4M and 64M (codes 6, 8) do not exist on the 440: never written */
	if (stat[code])
		vm->stats[stat[code]]++;
}

/*
 * mmap() of the VM fd: [offset, offset + length) must lie inside one
 * KVM440_MEM_ALLOC slot, offset being its guest physical address. The
 * mapping takes a reference on each page, so deleting the slot or
 * destroying the VM under it leaves the user's view intact until munmap;
 * it is shared (a private copy would not be the guest's RAM) and is not
 * inherited across fork (the child cannot drive the VM either).
 */
int kvm440_mem_mmap(struct kvm440_vm *vm, struct vm_area_struct *vma)
{
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long num = len >> PAGE_SHIFT;
	struct kvm440_memslot *s;
	int r = -EINVAL;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	mutex_lock(&vm->ram_lock);
	s = kvm440_gpa_slot(vm, off);
	if (s && s->flags & KVM440_MEM_ALLOC && len <= s->size - (off - s->gpa)) {
		vma->vm_flags |= VM_DONTCOPY | VM_DONTEXPAND;
		r = vm_insert_pages(vma, vma->vm_start,
				    s->pages + ((off - s->gpa) >> PAGE_SHIFT),
				    &num);
	}
	mutex_unlock(&vm->ram_lock);
	return r;
}
