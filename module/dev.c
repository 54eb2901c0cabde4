// SPDX-License-Identifier: GPL-2.0
/* /dev/kvm440: the system-wide entry point, as /dev/kvm is for KVM. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "kvm440.h"

/* KVM440_CHECK_EXTENSION, the same on /dev/kvm440 and on VM fds */
long kvm440_check_extension(unsigned long cap)
{
	switch (cap) {
	case KVM440_CAP_CONSOLE:
		return 1;
	case KVM440_CAP_ALLOC_MEM:
		return kvm440_alloc_mem ? KVM440_ALLOC_CHUNK : 0;
	case KVM440_CAP_VM_NAME:
		return KVM440_NAME_MAX;
	case KVM440_CAP_VM_CONTROL:
		return 1;
	case KVM440_CAP_GUEST_DEBUG:
		return KVM440_GUESTDBG_MAX_BP;
	default:
		return 0;
	}
}

static long kvm440_dev_ioctl(struct file *filp, unsigned int cmd,
			     unsigned long arg)
{
	switch (cmd) {
	case KVM440_GET_API_VERSION:
		if (arg)
			return -EINVAL;
		return KVM440_API_VERSION;
	case KVM440_CREATE_VM:
		if (arg)
			return -EINVAL;
		return kvm440_vm_create_fd();
	case KVM440_GET_VCPU_MMAP_SIZE:
		if (arg)
			return -EINVAL;
		return PAGE_SIZE;
	case KVM440_CHECK_EXTENSION:
		return kvm440_check_extension(arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations kvm440_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= kvm440_dev_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice kvm440_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kvm440",
	.fops	= &kvm440_dev_fops,
	/* group access is granted by the udev rule (group kvm) */
	.mode	= 0660,
};

int kvm440_dev_init(void)
{
	int r = misc_register(&kvm440_misc);

	if (r)
		pr_err("cannot register /dev/kvm440: %d\n", r);
	return r;
}

void kvm440_dev_exit(void)
{
	misc_deregister(&kvm440_misc);
}
