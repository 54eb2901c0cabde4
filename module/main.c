// SPDX-License-Identifier: GPL-2.0
/*
 * kvm440: run PowerPC 440 guests on a PowerPC 440 host.
 *
 * Module entry points only; each concern lives in its own file.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "kvm440.h"

static int __init kvm440_init(void)
{
	int r;

	/*
	 * Shadow mappings go straight into the hardware TLB, so before anything
	 * else learn which entries the host bolted; without that, a guest
	 * mapping could evict the kernel's own lowmem translation.
	 */
	r = kvm440_host_tlb_probe();
	if (r)
		return r;

	r = kvm440_dev_init();
	if (r)
		return r;

	pr_info("version %s loaded (API %d)\n", KVM440_VERSION,
		KVM440_API_VERSION);
	return 0;
}

static void __exit kvm440_exit(void)
{
	kvm440_dev_exit();
	pr_info("unloaded\n");
}

module_init(kvm440_init);
module_exit(kvm440_exit);

MODULE_DESCRIPTION("Virtual machines for PowerPC 440 hosts");
MODULE_LICENSE("GPL");
MODULE_VERSION(KVM440_VERSION);
