// SPDX-License-Identifier: GPL-2.0
/*
 * VM objects: the fd /dev/kvm440 hands out, its ioctls, and the global list
 * the netlink family reports from.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kvm440.h"

LIST_HEAD(kvm440_vms);
DEFINE_MUTEX(kvm440_vms_lock);
static unsigned int kvm440_nr_vms;	/* under kvm440_vms_lock */
static DEFINE_IDA(kvm440_vm_ida);

void kvm440_vm_get(struct kvm440_vm *vm)
{
	kref_get(&vm->ref);
}

static void kvm440_vm_release(struct kref *ref)
{
	struct kvm440_vm *vm = container_of(ref, struct kvm440_vm, ref);

	mutex_lock(&kvm440_vms_lock);
	list_del(&vm->node);
	kvm440_nr_vms--;
	mutex_unlock(&kvm440_vms_lock);

	kvm440_netlink_event(vm, KVM440_EV_VM_DESTROYED, 0);
	kvm440_free_memslots(vm);
	mmdrop(vm->mm);
	ida_free(&kvm440_vm_ida, vm->id);
	kfree(vm);
}

void kvm440_vm_put(struct kvm440_vm *vm)
{
	kref_put(&vm->ref, kvm440_vm_release);
}

struct kvm440_vm *kvm440_vm_find(u32 id)
{
	struct kvm440_vm *vm, *found = NULL;

	mutex_lock(&kvm440_vms_lock);
	list_for_each_entry(vm, &kvm440_vms, node) {
		/*
		 * A VM stays on the list after its last reference is put,
		 * until kvm440_vm_release() gets this lock to unlink it: one
		 * whose count is already 0 is being freed and is not found.
		 */
		if (vm->id == id) {
			if (kref_get_unless_zero(&vm->ref))
				found = vm;
			break;
		}
	}
	mutex_unlock(&kvm440_vms_lock);
	return found;
}

u32 kvm440_vm_state(struct kvm440_vm *vm)
{
	if (READ_ONCE(vm->ctl.paused))
		return KVM440_VM_PAUSED;
	return READ_ONCE(vm->state);
}

static int kvm440_vm_irq_line(struct kvm440_vm *vm, void __user *argp)
{
	struct kvm440_irq_level irq;

	if (copy_from_user(&irq, argp, sizeof(irq)))
		return -EFAULT;
	if (irq.irq > KVM440_IRQ_CRITICAL || irq.level > 1)
		return -EINVAL;

	mutex_lock(&vm->lock);
	if (irq.level)
		vm->irq_lines |= BIT(irq.irq);
	else
		vm->irq_lines &= ~BIT(irq.irq);
	mutex_unlock(&vm->lock);
	kvm440_vm_kick(vm);	/* an idle vCPU re-checks its inputs */
	return 0;
}

static int kvm440_vm_get_stats(struct kvm440_vm *vm, void __user *argp)
{
	struct kvm440_stats *st;
	int i, r = 0;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->count = KVM440_STAT_NR;
	for (i = 0; i < KVM440_STAT_NR; i++)
		st->val[i] = READ_ONCE(vm->stats[i]);
	if (copy_to_user(argp, st, sizeof(*st)))
		r = -EFAULT;
	kfree(st);
	return r;
}

static long kvm440_vm_ioctl(struct file *filp, unsigned int cmd,
			    unsigned long arg)
{
	struct kvm440_vm *vm = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm440_memory_region mr;

	/* a VM fd passed to another process must not be driven from there */
	if (current->mm != vm->mm)
		return -EIO;

	switch (cmd) {
	case KVM440_SET_MEMORY_REGION:
		if (copy_from_user(&mr, argp, sizeof(mr)))
			return -EFAULT;
		return kvm440_set_memory_region(vm, &mr);
	case KVM440_CREATE_VCPU:
		return kvm440_vcpu_create_fd(vm, arg);
	case KVM440_IRQ_LINE:
		return kvm440_vm_irq_line(vm, argp);
	case KVM440_GET_STATS:
		return kvm440_vm_get_stats(vm, argp);
	case KVM440_CHECK_EXTENSION:
		return kvm440_check_extension(arg);
	case KVM440_SET_VM_NAME:
		return kvm440_ctl_set_name(vm, argp);
	default:
		return -ENOTTY;
	}
}

/*
 * Called on every close of a VM or vCPU fd (file_operations.flush), from
 * any process. When the owner's address space is gone (it exited) while
 * another process still holds an fd (a forked child, one passed over a
 * socket), nobody can use the VM any more (every ioctl and mmap needs
 * the owner's mm), but its pinned RAM would stay pinned, charged to no
 * one's RLIMIT_MEMLOCK. The owner's exit tears down its address space
 * before it closes its fds, so its own close finds it gone and the RAM
 * goes then (later, if the owner had closed its fds before exiting:
 * at the next close by whoever holds one).
 */
void kvm440_vm_flush_orphan(struct kvm440_vm *vm)
{
	struct kvm440_memory_region mr = { 0 };

	if (atomic_read(&vm->mm->mm_users) || !READ_ONCE(vm->mem_bytes))
		return;
	for (mr.slot = 0; mr.slot < KVM440_MAX_MEM_SLOTS; mr.slot++)
		kvm440_set_memory_region(vm, &mr);	/* size 0: delete */
}

static int kvm440_vm_flush(struct file *filp, fl_owner_t id)
{
	kvm440_vm_flush_orphan(filp->private_data);
	return 0;
}

static int kvm440_vm_fd_release(struct inode *inode, struct file *filp)
{
	kvm440_vm_put(filp->private_data);
	return 0;
}

/* KVM440_MEM_ALLOC guest RAM, at offset guest_phys (mem.c) */
static int kvm440_vm_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct kvm440_vm *vm = filp->private_data;

	if (current->mm != vm->mm)
		return -EIO;
	return kvm440_mem_mmap(vm, vma);
}

static const struct file_operations kvm440_vm_fops = {
	.owner		= THIS_MODULE,
	.flush		= kvm440_vm_flush,
	.release	= kvm440_vm_fd_release,
	.unlocked_ioctl	= kvm440_vm_ioctl,
	.mmap		= kvm440_vm_mmap,
	.llseek		= noop_llseek,
};

/*
 * VMs of user @uid, under kvm440_vms_lock: max_vms is for the host, and
 * max_vms_per_user keeps one user from taking all of them.
 */
static unsigned int user_vms(kuid_t uid)
{
	struct kvm440_vm *vm;
	unsigned int n = 0;

	list_for_each_entry(vm, &kvm440_vms, node)
		n += uid_eq(vm->uid, uid);
	return n;
}

int kvm440_vm_create_fd(void)
{
	struct kvm440_vm *vm;
	int r, fd;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return -ENOMEM;
	kref_init(&vm->ref);
	mutex_init(&vm->lock);
	mutex_init(&vm->ram_lock);
	INIT_LIST_HEAD(&vm->node);
	vm->owner_pid = task_tgid_nr(current);
	vm->created = ktime_get_boottime();
	vm->state = KVM440_VM_CREATED;
	vm->mm = current->mm;
	mmgrab(vm->mm);
	kvm440_ctl_init(vm);
	vm->uid = current_uid();

	r = ida_alloc_min(&kvm440_vm_ida, 1, GFP_KERNEL);
	if (r < 0)
		goto out_mm;
	vm->id = r;

	mutex_lock(&kvm440_vms_lock);
	if (kvm440_nr_vms >= kvm440_max_vms) {
		mutex_unlock(&kvm440_vms_lock);
		r = -ENOSPC;
		goto out_id;
	}
	if (user_vms(vm->uid) >= kvm440_max_vms_per_user) {
		mutex_unlock(&kvm440_vms_lock);
		r = -EDQUOT;
		goto out_id;
	}
	kvm440_nr_vms++;
	list_add_tail(&vm->node, &kvm440_vms);
	mutex_unlock(&kvm440_vms_lock);

	/* announced before the fd exists, so a failure below pairs it */
	kvm440_netlink_event(vm, KVM440_EV_VM_CREATED, 0);
	fd = anon_inode_getfd("kvm440-vm", &kvm440_vm_fops, vm,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0)
		kvm440_vm_put(vm);	/* unlinks, notifies and frees */
	return fd;

out_id:
	ida_free(&kvm440_vm_ida, vm->id);
out_mm:
	mmdrop(vm->mm);
	kfree(vm);
	return r;
}
