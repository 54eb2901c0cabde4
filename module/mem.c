// SPDX-License-Identifier: GPL-2.0
/*
 * Guest RAM: memory slots backed by the owner's pages, pinned for as long as
 * the slot exists. Pinning up front (rather than faulting pages in on guest
 * TLB misses) keeps the exit path free of sleeping page-table walks and
 * lets a shadow TLB entry map a page without a reference of its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "kvm440.h"

static void slot_unpin(struct kvm440_vm *vm, struct kvm440_memslot *s)
{
	unsigned long npages = s->size >> PAGE_SHIFT;

	if (!s->size)
		return;
	unpin_user_pages_dirty_lock(s->pages, npages,
				    !(s->flags & KVM440_MEM_READONLY));
	kvfree(s->pages);
	/* the owner may already be gone (killed); then nothing is charged */
	if (mmget_not_zero(vm->mm)) {
		account_locked_vm(vm->mm, npages, false);
		mmput(vm->mm);
	}
	vm->mem_bytes -= s->size;
	memset(s, 0, sizeof(*s));
}

static int slot_pin(struct kvm440_vm *vm, struct kvm440_memslot *s,
		    const struct kvm440_memory_region *mr)
{
	unsigned long npages = mr->size >> PAGE_SHIFT;
	unsigned int gup = FOLL_LONGTERM;
	long pinned;
	int r;

	if (!(mr->flags & KVM440_MEM_READONLY))
		gup |= FOLL_WRITE;

	/* RLIMIT_MEMLOCK applies, as for any long-term pin */
	r = account_locked_vm(vm->mm, npages, true);
	if (r)
		return r;

	s->pages = kvmalloc_array(npages, sizeof(*s->pages), GFP_KERNEL);
	if (!s->pages) {
		r = -ENOMEM;
		goto out_account;
	}

	mmap_read_lock(vm->mm);
	pinned = pin_user_pages(mr->userspace_addr, npages, gup, s->pages,
				NULL);
	mmap_read_unlock(vm->mm);
	if (pinned != npages) {
		if (pinned > 0)
			unpin_user_pages(s->pages, pinned);
		r = pinned < 0 ? pinned : -EFAULT;
		goto out_pages;
	}

	s->gpa = mr->guest_phys;
	s->size = mr->size;
	s->uaddr = mr->userspace_addr;
	s->flags = mr->flags;
	vm->mem_bytes += s->size;
	return 0;

out_pages:
	kvfree(s->pages);
	s->pages = NULL;
out_account:
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
	/* a 32-bit host: the user range must fit in its address space */
	if (mr->userspace_addr + mr->size < mr->userspace_addr ||
	    mr->userspace_addr + mr->size > TASK_SIZE)
		return -EFAULT;
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
	struct kvm440_memslot fresh = { 0 };
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
		/* pin the new range before dropping the old: failure loses nothing */
		r = slot_pin(vm, &fresh, mr);
		if (r)
			goto out;
	}
	slot_unpin(vm, &vm->slots[mr->slot]);
	vm->slots[mr->slot] = fresh;
out:
	mutex_unlock(&vm->lock);
	return r;
}

void kvm440_free_memslots(struct kvm440_vm *vm)
{
	int i;

	for (i = 0; i < KVM440_MAX_MEM_SLOTS; i++)
		slot_unpin(vm, &vm->slots[i]);
}

/* The pinned page backing guest physical @gpa, or NULL if it is not RAM. */
struct page *kvm440_gpa_page(struct kvm440_vm *vm, u64 gpa, bool *ro)
{
	int i;

	for (i = 0; i < KVM440_MAX_MEM_SLOTS; i++) {
		const struct kvm440_memslot *s = &vm->slots[i];

		if (s->size && gpa >= s->gpa && gpa - s->gpa < s->size) {
			if (ro)
				*ro = s->flags & KVM440_MEM_READONLY;
			return s->pages[(gpa - s->gpa) >> PAGE_SHIFT];
		}
	}
	return NULL;
}
