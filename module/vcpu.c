// SPDX-License-Identifier: GPL-2.0
/*
 * The vCPU object: its fd, the mmap()ed run structure and the register,
 * supervisor and guest-TLB state a loader sets and a debugger reads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "debug.h"
#include "tlbword.h"

bool kvm440_vcpu_running(struct kvm440_vm *vm)
{
	lockdep_assert_held(&vm->lock);
	return vm->vcpu && vm->vcpu->in_run;
}

static bool all_zero(const u32 *w, size_t n)
{
	while (n--)
		if (*w++)
			return false;
	return true;
}

static int set_sregs(struct kvm440_vcpu *vcpu, const struct kvm440_sregs *in)
{
	struct kvm440_sregs *s = &vcpu->sregs;
	u32 pvr = s->pvr, pir = s->pir;
	int i;

	/* the guest reads the host's timebase natively: it cannot be set */
	if (in->flags & ~KVM440_SREGS_FLAGS_ALL ||
	    in->flags & KVM440_SREGS_SET_TB ||
	    !all_zero(in->reserved0, ARRAY_SIZE(in->reserved0)) ||
	    !all_zero(in->reserved, ARRAY_SIZE(in->reserved)))
		return -EINVAL;

	*s = *in;
	/* what the hardware ignores on mtspr, the guest state ignores too */
	s->ivpr &= 0xffff0000;
	for (i = 0; i < ARRAY_SIZE(s->ivor); i++)
		s->ivor[i] &= 0x0000fff0;
	s->pvr = pvr;		/* read-only, as on the 440 */
	s->pir = pir;
	s->tb = 0;
	s->flags = 0;
	kvm440_timer_set_sregs(vcpu, in);
	return 0;
}

static int set_tlb(struct kvm440_vcpu *vcpu, const struct kvm440_tlb *in)
{
	int i;

	/* validate every entry before changing any: failure loses nothing */
	for (i = 0; i < KVM440_TLB_ENTRIES; i++) {
		const struct kvm440_tlb_entry *e = &in->e[i];

		if (e->tid > 0xff || !tlb_page_bytes(e->word0))
			return -EINVAL;
	}
	for (i = 0; i < KVM440_TLB_ENTRIES; i++)
		vcpu->tlb[i] = in->e[i];
	kvm440_gtlb_reset(vcpu);
	return 0;
}

static long vcpu_ioctl_locked(struct kvm440_vcpu *vcpu, unsigned int cmd,
			      void __user *argp, unsigned long arg)
{
	struct kvm440_console_config con;
	struct kvm440_tlb *tlb;
	struct kvm440_regs regs;
	struct kvm440_sregs sregs;
	long r;

	switch (cmd) {
	case KVM440_RUN:
		if (arg)
			return -EINVAL;
		if (READ_ONCE(vcpu->vm->stop_requested)) {
			vcpu->run->exit_reason = KVM440_EXIT_STOPPED;
			return 0;
		}
		mutex_lock(&vcpu->vm->lock);
		vcpu->in_run = true;
		vcpu->vm->state = KVM440_VM_RUNNING;
		mutex_unlock(&vcpu->vm->lock);
		r = kvm440_run_vcpu(vcpu);
		mutex_lock(&vcpu->vm->lock);
		vcpu->in_run = false;
		/* a snapshot asked for as RUN ended is served here */
		kvm440_ctl_serve_locked(vcpu, &vcpu->regs);
		vcpu->vm->state = !r && vcpu->run->exit_reason ==
			KVM440_EXIT_INTERNAL_ERROR ? KVM440_VM_ERROR :
			!r && vcpu->run->exit_reason == KVM440_EXIT_HALT ?
			KVM440_VM_HALTED : KVM440_VM_READY;
		mutex_unlock(&vcpu->vm->lock);
		return r;
	case KVM440_GET_REGS:
		return copy_to_user(argp, &vcpu->regs, sizeof(vcpu->regs)) ?
			-EFAULT : 0;
	case KVM440_SET_REGS:
		if (copy_from_user(&regs, argp, sizeof(regs)))
			return -EFAULT;
		if (!all_zero(regs.reserved, ARRAY_SIZE(regs.reserved)))
			return -EINVAL;
		vcpu->regs = regs;
		kvm440_io_cancel(vcpu);	/* a pending read is userspace's now */
		return 0;
	case KVM440_GET_SREGS:
		kvm440_timer_get_sregs(vcpu);
		return copy_to_user(argp, &vcpu->sregs, sizeof(vcpu->sregs)) ?
			-EFAULT : 0;
	case KVM440_SET_SREGS:
		if (copy_from_user(&sregs, argp, sizeof(sregs)))
			return -EFAULT;
		return set_sregs(vcpu, &sregs);
	case KVM440_GET_TLB:
		return copy_to_user(argp, vcpu->tlb, sizeof(vcpu->tlb)) ?
			-EFAULT : 0;
	case KVM440_SET_TLB:
		tlb = memdup_user(argp, sizeof(*tlb));
		if (IS_ERR(tlb))
			return PTR_ERR(tlb);
		r = set_tlb(vcpu, tlb);
		kfree(tlb);
		return r;
	case KVM440_SET_CONSOLE:
		if (copy_from_user(&con, argp, sizeof(con)))
			return -EFAULT;
		return kvm440_set_console(vcpu, &con);
	case KVM440_SET_GUEST_DEBUG:
		return kvm440_set_guest_debug(vcpu, argp);
	default:
		return -ENOTTY;
	}
}

static long kvm440_vcpu_ioctl(struct file *filp, unsigned int cmd,
			      unsigned long arg)
{
	struct kvm440_vcpu *vcpu = filp->private_data;
	long r;

	if (current->mm != vcpu->vm->mm)
		return -EIO;
	if (mutex_lock_interruptible(&vcpu->lock))
		return -EINTR;
	r = vcpu_ioctl_locked(vcpu, cmd, (void __user *)arg, arg);
	mutex_unlock(&vcpu->lock);
	return r;
}

static int kvm440_vcpu_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct kvm440_vcpu *vcpu = filp->private_data;

	/* the run page is the owner's, like every vCPU ioctl (docs/api.md) */
	if (current->mm != vcpu->vm->mm)
		return -EIO;
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	return vm_insert_page(vma, vma->vm_start, virt_to_page(vcpu->run));
}

static int kvm440_vcpu_release(struct inode *inode, struct file *filp)
{
	struct kvm440_vcpu *vcpu = filp->private_data;
	struct kvm440_vm *vm = vcpu->vm;

	mutex_lock(&vm->lock);
	vm->vcpu = NULL;
	vm->state = KVM440_VM_CREATED;
	mutex_unlock(&vm->lock);

	kvm440_timer_destroy(vcpu);
	free_page((unsigned long)vcpu->run);
	kvm440_sarray_free(vcpu);
	kvm440_pv_free(vcpu);
	kfree(vcpu);
	kvm440_vm_put(vm);
	return 0;
}

static int kvm440_vcpu_flush(struct file *filp, fl_owner_t id)
{
	struct kvm440_vcpu *vcpu = filp->private_data;

	kvm440_vm_flush_orphan(vcpu->vm);
	return 0;
}

static const struct file_operations kvm440_vcpu_fops = {
	.owner		= THIS_MODULE,
	.flush		= kvm440_vcpu_flush,
	.release	= kvm440_vcpu_release,
	.unlocked_ioctl	= kvm440_vcpu_ioctl,
	.mmap		= kvm440_vcpu_mmap,
	.llseek		= noop_llseek,
};

static void vcpu_reset(struct kvm440_vcpu *vcpu)
{
	/* the 440's reset state: PC at the last word, MSR zero */
	vcpu->regs.pc = 0xfffffffc;
	vcpu->sregs.pvr = mfspr(SPRN_PVR);
	vcpu->sregs.pir = 0;
}

int kvm440_vcpu_create_fd(struct kvm440_vm *vm, unsigned long id)
{
	struct kvm440_vcpu *vcpu;
	int r;

	if (id >= KVM440_MAX_VCPUS)
		return -EINVAL;

	vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL);
	if (!vcpu)
		return -ENOMEM;
	vcpu->run = (void *)get_zeroed_page(GFP_KERNEL);
	if (!vcpu->run) {
		r = -ENOMEM;
		goto out_vcpu;
	}
	r = kvm440_sarray_alloc(vcpu);	/* shadow=array only */
	if (r)
		goto out_run;
	r = kvm440_pv_init(vcpu);
	if (r)
		goto out_sarray;
	mutex_init(&vcpu->lock);
	vcpu->vm = vm;
	vcpu_reset(vcpu);
	kvm440_timer_init(vcpu);

	mutex_lock(&vm->lock);
	if (vm->vcpu) {
		r = -EEXIST;
		goto out_unlock;
	}
	kvm440_vm_get(vm);	/* dropped by kvm440_vcpu_release() */
	r = anon_inode_getfd("kvm440-vcpu", &kvm440_vcpu_fops, vcpu,
			     O_RDWR | O_CLOEXEC);
	if (r < 0) {
		kvm440_vm_put(vm);
		goto out_unlock;
	}
	vm->vcpu = vcpu;
	vm->state = KVM440_VM_READY;
	mutex_unlock(&vm->lock);
	return r;

out_unlock:
	mutex_unlock(&vm->lock);
	kvm440_pv_free(vcpu);
out_sarray:
	kvm440_sarray_free(vcpu);
out_run:
	free_page((unsigned long)vcpu->run);
out_vcpu:
	kfree(vcpu);
	return r;
}
