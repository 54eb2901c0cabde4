// SPDX-License-Identifier: GPL-2.0
/*
 * The "kvm440" generic-netlink family: VM status for anyone, events on a
 * multicast group, and stop, pause, resume and a vCPU snapshot for the
 * VM's owner (the euid that created it) or CAP_NET_ADMIN.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "kvm440.h"

static struct genl_family kvm440_genl_family;

enum { KVM440_MCGRP_EVENTS_IDX };

static const struct genl_multicast_group kvm440_mcgrps[] = {
	[KVM440_MCGRP_EVENTS_IDX] = { .name = KVM440_GENL_MCGRP_EVENTS },
};

static const struct nla_policy kvm440_policy[KVM440_A_MAX + 1] = {
	[KVM440_A_VM_ID] = { .type = NLA_U32 },
};

/* the VM's name (if it has one) and owner uid, as the reader sees it */
static int put_owner(struct sk_buff *skb, struct kvm440_vm *vm)
{
	char name[KVM440_NAME_MAX];

	kvm440_ctl_get_name(vm, name);
	if (name[0] && nla_put_string(skb, KVM440_A_NAME, name))
		return -EMSGSIZE;
	return nla_put_u32(skb, KVM440_A_OWNER_UID,
			   from_kuid_munged(&init_user_ns, vm->ctl.owner));
}

static int put_vm(struct sk_buff *skb, struct kvm440_vm *vm, u32 portid,
		  u32 seq, int flags)
{
	s64 uptime = ktime_ms_delta(ktime_get_boottime(), vm->created);
	struct nlattr *stats;
	void *hdr;
	int i;

	hdr = genlmsg_put(skb, portid, seq, &kvm440_genl_family, flags,
			  KVM440_CMD_GET_VM);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, KVM440_A_VM_ID, vm->id) ||
	    nla_put_u32(skb, KVM440_A_OWNER_PID, vm->owner_pid) ||
	    nla_put_u64_64bit(skb, KVM440_A_MEM_SIZE, READ_ONCE(vm->mem_bytes),
			      KVM440_A_PAD) ||
	    nla_put_u32(skb, KVM440_A_STATE, kvm440_vm_state(vm)) ||
	    nla_put_u64_64bit(skb, KVM440_A_UPTIME_MS, uptime, KVM440_A_PAD) ||
	    nla_put_u32(skb, KVM440_A_VCPUS, READ_ONCE(vm->vcpu) ? 1 : 0) ||
	    put_owner(skb, vm))
		goto cancel;

	stats = nla_nest_start(skb, KVM440_A_STATS);
	if (!stats)
		goto cancel;
	/* inside the nest, type 0 is the padding (stat ids start at 1) */
	for (i = 0; i < KVM440_STAT_NR; i++)
		if (nla_put_u64_64bit(skb, i + 1, READ_ONCE(vm->stats[i]), 0))
			goto cancel;
	nla_nest_end(skb, stats);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int kvm440_nl_get_vm(struct sk_buff *skb, struct genl_info *info)
{
	struct kvm440_vm *vm;
	struct sk_buff *msg;
	int r;

	if (!info->attrs[KVM440_A_VM_ID])
		return -EINVAL;
	vm = kvm440_vm_find(nla_get_u32(info->attrs[KVM440_A_VM_ID]));
	if (!vm)
		return -ENOENT;

	msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg) {
		r = -ENOMEM;
		goto out;
	}
	r = put_vm(msg, vm, info->snd_portid, info->snd_seq, 0);
	if (r) {
		nlmsg_free(msg);
		goto out;
	}
	r = genlmsg_reply(msg, info);
out:
	kvm440_vm_put(vm);
	return r;
}

/*
 * cb->args[0]: id of the last VM sent, so a dump resumes after it. The
 * list is in creation order and ids are reused from the lowest free one,
 * so VMs are sent in id order (the next is the lowest id above the last
 * sent), not list order, or one reusing a lower id would be skipped.
 * The list holds at most max_vms VMs.
 */
static int kvm440_nl_dump_vms(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kvm440_vm *vm, *next;
	int r = 0;

	mutex_lock(&kvm440_vms_lock);
	for (;;) {
		next = NULL;
		list_for_each_entry(vm, &kvm440_vms, node)
			if (vm->id > cb->args[0] && (!next || vm->id < next->id))
				next = vm;
		if (!next)
			break;
		r = put_vm(skb, next, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (r)
			break;
		cb->args[0] = next->id;
	}
	mutex_unlock(&kvm440_vms_lock);
	/* a full skb ends this part of the dump; what fits was sent */
	return r == -EMSGSIZE ? skb->len : (r ? r : skb->len);
}

/*
 * The VM a control request names, with a reference, if the sender may
 * control it: it created it (the same euid; a generic netlink request is
 * handled in the sender's context) or has CAP_NET_ADMIN.
 */
static struct kvm440_vm *control_vm(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct kvm440_vm *vm;

	if (!info->attrs[KVM440_A_VM_ID])
		return ERR_PTR(-EINVAL);
	vm = kvm440_vm_find(nla_get_u32(info->attrs[KVM440_A_VM_ID]));
	if (!vm)
		return ERR_PTR(-ENOENT);
	if (!uid_eq(current_euid(), vm->ctl.owner) &&
	    !netlink_capable(skb, CAP_NET_ADMIN)) {
		kvm440_vm_put(vm);
		return ERR_PTR(-EPERM);
	}
	return vm;
}

static int kvm440_nl_stop_vm(struct sk_buff *skb, struct genl_info *info)
{
	struct kvm440_vm *vm = control_vm(skb, info);

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	WRITE_ONCE(vm->stop_requested, true);
	kvm440_vm_kick(vm);	/* an idle vCPU sees it too */
	wake_up_interruptible(&vm->ctl.pause_wq);	/* and a paused one */
	kvm440_vm_put(vm);
	return 0;
}

static int pause_vm(struct sk_buff *skb, struct genl_info *info, bool pause)
{
	struct kvm440_vm *vm = control_vm(skb, info);
	int r;

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	r = kvm440_ctl_pause(vm, pause);
	kvm440_vm_put(vm);
	return r;
}

static int kvm440_nl_pause_vm(struct sk_buff *skb, struct genl_info *info)
{
	return pause_vm(skb, info, true);
}

static int kvm440_nl_resume_vm(struct sk_buff *skb, struct genl_info *info)
{
	return pause_vm(skb, info, false);
}

/* One instant of the vCPU: registers, supervisor state, guest TLB. */
static int kvm440_nl_get_vcpu(struct sk_buff *skb, struct genl_info *info)
{
	struct kvm440_vm *vm = control_vm(skb, info);
	struct kvm440_snapshot *s;
	struct sk_buff *msg = NULL;
	void *hdr;
	int r;

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	r = s ? kvm440_ctl_snapshot(vm, s) : -ENOMEM;
	if (r)
		goto out;
	r = -ENOMEM;
	msg = genlmsg_new(nla_total_size(sizeof(*s)) + 64, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &kvm440_genl_family, 0,
				KVM440_CMD_GET_VCPU);
	r = -EMSGSIZE;
	if (!hdr ||
	    nla_put_u32(msg, KVM440_A_VM_ID, vm->id) ||
	    nla_put(msg, KVM440_A_REGS, sizeof(s->regs), &s->regs) ||
	    nla_put(msg, KVM440_A_SREGS, sizeof(s->sregs), &s->sregs) ||
	    nla_put(msg, KVM440_A_TLB, sizeof(s->tlb), &s->tlb))
		goto out;
	genlmsg_end(msg, hdr);
	r = genlmsg_reply(msg, info);
	msg = NULL;	/* consumed, even on failure */
out:
	nlmsg_free(msg);
	kfree(s);
	kvm440_vm_put(vm);
	return r;
}

static const struct genl_small_ops kvm440_genl_ops[] = {
	{
		.cmd	= KVM440_CMD_GET_VM,
		.doit	= kvm440_nl_get_vm,
		.dumpit	= kvm440_nl_dump_vms,
	},
	{
		/* owner or CAP_NET_ADMIN: control_vm() checks */
		.cmd	= KVM440_CMD_STOP_VM,
		.doit	= kvm440_nl_stop_vm,
	},
	{
		.cmd	= KVM440_CMD_PAUSE_VM,
		.doit	= kvm440_nl_pause_vm,
	},
	{
		.cmd	= KVM440_CMD_RESUME_VM,
		.doit	= kvm440_nl_resume_vm,
	},
	{
		.cmd	= KVM440_CMD_GET_VCPU,
		.doit	= kvm440_nl_get_vcpu,
	},
};

static struct genl_family kvm440_genl_family __ro_after_init = {
	.name		= KVM440_GENL_NAME,
	.version	= KVM440_GENL_VERSION,
	.maxattr	= KVM440_A_MAX,
	.policy		= kvm440_policy,
	.netnsok	= false,
	/*
	 * Every op locks what it needs (VM references, the VM list lock,
	 * vm->lock): GET_VCPU, which waits up to a host tick (a second at
	 * worst) for the vCPU, must not hold genl_mutex, and with it all of
	 * generic netlink, meanwhile.
	 */
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.small_ops	= kvm440_genl_ops,
	.n_small_ops	= ARRAY_SIZE(kvm440_genl_ops),
	.resv_start_op	= KVM440_CMD_STOP_VM + 1,
	.mcgrps		= kvm440_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(kvm440_mcgrps),
};

void kvm440_netlink_event(struct kvm440_vm *vm, u32 event, u32 data)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&kvm440_genl_family, &init_net,
				KVM440_MCGRP_EVENTS_IDX))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &kvm440_genl_family, 0, KVM440_CMD_EVENT);
	if (!hdr)
		goto drop;
	if (nla_put_u32(msg, KVM440_A_EVENT, event) ||
	    nla_put_u32(msg, KVM440_A_VM_ID, vm->id) ||
	    nla_put_u32(msg, KVM440_A_OWNER_PID, vm->owner_pid) ||
	    nla_put_u32(msg, KVM440_A_EVENT_DATA, data) ||
	    put_owner(msg, vm))
		goto drop;
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&kvm440_genl_family, msg, 0, KVM440_MCGRP_EVENTS_IDX,
			  GFP_KERNEL);
	return;
drop:
	nlmsg_free(msg);
}

int kvm440_netlink_init(void)
{
	int r = genl_register_family(&kvm440_genl_family);

	if (r)
		pr_err("cannot register the generic netlink family: %d\n", r);
	return r;
}

void kvm440_netlink_exit(void)
{
	genl_unregister_family(&kvm440_genl_family);
}
