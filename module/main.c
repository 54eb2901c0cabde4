// SPDX-License-Identifier: GPL-2.0
/*
 * kvm440: run PowerPC 440 guests on a PowerPC 440 host.
 *
 * Module entry points and parameters only; each concern lives in its own file.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "kvm440.h"
#include "decode.h"
#include "run.h"

unsigned int kvm440_max_vms = 16;
module_param_named(max_vms, kvm440_max_vms, uint, 0444);
MODULE_PARM_DESC(max_vms, "Most VMs that may exist at once (default 16)");
unsigned int kvm440_max_vms_per_user = 8;
module_param_named(max_vms_per_user, kvm440_max_vms_per_user, uint, 0444);
MODULE_PARM_DESC(max_vms_per_user,
		 "Most VMs one user may have at once (default 8)");

unsigned int kvm440_max_vm_mem_mb = 512;
module_param_named(max_vm_mem_mb, kvm440_max_vm_mem_mb, uint, 0444);
MODULE_PARM_DESC(max_vm_mem_mb,
		 "Most guest RAM one VM may pin, in MiB (default 512)");

/*
 * shadow=direct (default): shadows straight into the hardware TLB, as the
 * seed describes. shadow=array: the old per-vCPU array reloaded on every
 * entry (shadow_array.c), for measuring one against the other. 0444: the
 * run loop and entry.S assume it never changes while vCPUs exist.
 */
bool kvm440_shadow_array;

static int shadow_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "direct"))
		kvm440_shadow_array = false;
	else if (sysfs_streq(val, "array"))
		kvm440_shadow_array = true;
	else {
		pr_err("shadow=%s: must be direct or array\n", val);
		return -EINVAL;
	}
	return 0;
}

static int shadow_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  kvm440_shadow_array ? "array" : "direct");
}

static const struct kernel_param_ops shadow_ops = {
	.set = shadow_set,
	.get = shadow_get,
};
module_param_cb(shadow, &shadow_ops, NULL, 0444);
MODULE_PARM_DESC(shadow,
		 "Shadow TLB scheme: direct (default) or array (the old per-vCPU array)");

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

	/* a clash in the opcode tables is a build bug: refuse to load */
	r = kvm440_decode_init();
	if (r) {
		pr_err("instruction tables are inconsistent\n");
		return r;
	}

	r = kvm440_netlink_init();
	if (r)
		return r;

	r = kvm440_dev_init();
	if (r) {
		kvm440_netlink_exit();
		return r;
	}

	pr_info("version %s loaded (API %d)\n", KVM440_VERSION,
		KVM440_API_VERSION);
	/* the figure docs/vcpu-state.md accounts for, byte by byte */
	pr_info("per-vCPU state: %zu bytes, %zu of them shadow-TLB bookkeeping (shadow=%s)\n",
		sizeof(struct kvm440_vcpu) + kvm440_sarray_bytes(),
		sizeof(((struct kvm440_vcpu *)0)->shadow_ref) +
		sizeof(((struct kvm440_vcpu *)0)->shadow_next) +
		sizeof(((struct kvm440_vcpu *)0)->shadowed) +
		/* the array's pointer lives in padding direct mode had anyway */
		(kvm440_shadow_array ?
		 sizeof(((struct kvm440_vcpu *)0)->sarray) : 0) +
		kvm440_sarray_bytes(),
		kvm440_shadow_array ? "array" : "direct");
	return 0;
}

static void __exit kvm440_exit(void)
{
	/*
	 * The misc device pins the module while any fd is open, so no VM
	 * exists by now.
	 */
	kvm440_dev_exit();
	kvm440_run_cleanup();
	kvm440_netlink_exit();
	pr_info("unloaded\n");
}

module_init(kvm440_init);
module_exit(kvm440_exit);

MODULE_DESCRIPTION("Virtual machines for PowerPC 440 hosts");
MODULE_LICENSE("GPL");
MODULE_VERSION(KVM440_VERSION);
