// SPDX-License-Identifier: GPL-2.0
/*
 * The "kvm440" generic-netlink family: VM status for anyone, events on a
 * multicast group, and a stop request for CAP_NET_ADMIN only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

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
	    nla_put_u32(skb, KVM440_A_VCPUS, READ_ONCE(vm->vcpu) ? 1 : 0))
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

/* cb->args[0]: id of the last VM sent, so a dump resumes after it. */
static int kvm440_nl_dump_vms(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kvm440_vm *vm;
	int r = 0;

	mutex_lock(&kvm440_vms_lock);
	list_for_each_entry(vm, &kvm440_vms, node) {
		if (vm->id <= cb->args[0])
			continue;
		r = put_vm(skb, vm, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (r)
			break;
		cb->args[0] = vm->id;
	}
	mutex_unlock(&kvm440_vms_lock);
	/* a full skb ends this part of the dump; what fits was sent */
	return r == -EMSGSIZE ? skb->len : (r ? r : skb->len);
}

static int kvm440_nl_stop_vm(struct sk_buff *skb, struct genl_info *info)
{
	struct kvm440_vm *vm;

	if (!info->attrs[KVM440_A_VM_ID])
		return -EINVAL;
	vm = kvm440_vm_find(nla_get_u32(info->attrs[KVM440_A_VM_ID]));
	if (!vm)
		return -ENOENT;
	WRITE_ONCE(vm->stop_requested, true);
	kvm440_vm_kick(vm);	/* an idle vCPU sees it too */
	kvm440_vm_put(vm);
	return 0;
}

static const struct genl_small_ops kvm440_genl_ops[] = {
	{
		.cmd	= KVM440_CMD_GET_VM,
		.doit	= kvm440_nl_get_vm,
		.dumpit	= kvm440_nl_dump_vms,
	},
	{
		.cmd	= KVM440_CMD_STOP_VM,
		.doit	= kvm440_nl_stop_vm,
		.flags	= GENL_ADMIN_PERM,
	},
};

static struct genl_family kvm440_genl_family __ro_after_init = {
	.name		= KVM440_GENL_NAME,
	.version	= KVM440_GENL_VERSION,
	.maxattr	= KVM440_A_MAX,
	.policy		= kvm440_policy,
	.netnsok	= false,
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
	    nla_put_u32(msg, KVM440_A_EVENT_DATA, data))
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
