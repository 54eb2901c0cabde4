// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The "kvm440" generic-netlink client: resolve the family through nlctrl,
 * list/get/stop VMs, and receive the "events" multicast group.
 *
 * Only a small set of libmnl calls is used on purpose: the cross build for
 * the emulated 440 host links tests/e2e/mnl/mnl.c instead of libmnl, and
 * that stand-in implements exactly what this file calls. Adding a libmnl
 * function here means adding it there too.
 *
 * Requests use a sequence number and the socket's port id, and are always
 * answered by a terminating message (an ACK for a "do", NLMSG_DONE for a
 * dump), so the receive loop simply runs until mnl_cb_run() says stop.
 * Replies are decoded strictly: every attribute this file knows is checked
 * for its type and length, trailing bytes that do not form an attribute
 * make the message malformed, and unknown attribute types are skipped so a
 * newer module still talks to an older library.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "kvm440.h"

/*
 * Large enough for any datagram the kernel builds for us: a dump skb is at
 * most 32K (the kernel caps what it sizes from our recvmsg at that), and
 * every other reply is far smaller.
 */
#define NL_BUFSZ 32768
#define NL_REQ_MAX 256	/* room our requests are built in */

struct kvm440_nl {
	struct mnl_socket *sk;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	uint32_t events_group;
	int have_events_group;
	char *buf;		/* requests and their replies */
	char *evbuf;		/* the last datagram from the events group */
	size_t ev_off, ev_len;	/* the part of evbuf not yet handed out */
};

__attribute__((format(printf, 2, 3)))
static void seterr(struct kvm440_error *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Attribute walking                                                   */

typedef int (*attr_fn)(const struct nlattr *attr, void *data);

/*
 * Call @fn for each attribute in [@start, @start + @len). Returns the first
 * negative value @fn returns, -EINVAL if bytes are left over that do not
 * form a whole attribute (a short attribute or a cut-off message), else 0.
 */
static int walk_attrs(const void *start, size_t len, attr_fn fn, void *data)
{
	const struct nlattr *attr = start;
	long rest = (long)len;

	if (len > (size_t)0x7fffffff)
		return -EINVAL;
	while (mnl_attr_ok(attr, (int)rest)) {
		const struct nlattr *next = mnl_attr_next(attr);
		int r = fn(attr, data);

		if (r < 0)
			return r;
		rest -= (const char *)next - (const char *)attr;
		attr = next;
	}
	/*
	 * mnl_attr_next() steps over the attribute's alignment padding, so a
	 * last attribute whose padding the message omits leaves rest < 0:
	 * that is fine. Anything positive is a broken attribute.
	 */
	return rest > 0 ? -EINVAL : 0;
}

/* The attributes after the genetlink header; -EINVAL if there is none. */
static int walk_genl(const struct nlmsghdr *nlh, attr_fn fn, void *data)
{
	size_t len;

	if (!nlh || nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN)
		return -EINVAL;
	len = mnl_nlmsg_get_payload_len(nlh) - GENL_HDRLEN;
	return walk_attrs(mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN), len,
			  fn, data);
}

static int walk_nested(const struct nlattr *nest, attr_fn fn, void *data)
{
	return walk_attrs(mnl_attr_get_payload(nest),
			  mnl_attr_get_payload_len(nest), fn, data);
}

/* ------------------------------------------------------------------ */
/* Decoding kvm440 messages                                            */

/* How each kvm440 attribute must look; UNSPEC checks nothing (padding). */
static const enum mnl_attr_data_type kvm440_policy[KVM440_A_MAX + 1] = {
	[KVM440_A_VM_ID]	= MNL_TYPE_U32,
	[KVM440_A_OWNER_PID]	= MNL_TYPE_U32,
	[KVM440_A_MEM_SIZE]	= MNL_TYPE_U64,
	[KVM440_A_STATE]	= MNL_TYPE_U32,
	[KVM440_A_UPTIME_MS]	= MNL_TYPE_U64,
	[KVM440_A_VCPUS]	= MNL_TYPE_U32,
	[KVM440_A_STATS]	= MNL_TYPE_NESTED,
	[KVM440_A_EVENT]	= MNL_TYPE_U32,
	[KVM440_A_EVENT_DATA]	= MNL_TYPE_U32,
	[KVM440_A_PAD]		= MNL_TYPE_UNSPEC,
	[KVM440_A_NAME]		= MNL_TYPE_NUL_STRING,
	[KVM440_A_OWNER_UID]	= MNL_TYPE_U32,
	[KVM440_A_REGS]		= MNL_TYPE_BINARY,
	[KVM440_A_SREGS]	= MNL_TYPE_BINARY,
	[KVM440_A_TLB]		= MNL_TYPE_BINARY,
};

/* A name attribute into @buf: -EINVAL unless it fits, NUL and all. */
static int get_name(const struct nlattr *attr, char *buf, size_t size)
{
	const char *s = mnl_attr_get_str(attr);
	size_t len = mnl_attr_get_payload_len(attr);

	if (len == 0 || len > size || s[len - 1] != '\0' || strlen(s) + 1 != len)
		return -EINVAL;
	memcpy(buf, s, len);
	return 0;
}

/* -1 for a type this library does not know, else 0 or -EINVAL. */
static int check_kvm440_attr(const struct nlattr *attr)
{
	uint16_t type = mnl_attr_get_type(attr);

	if (type == KVM440_A_UNSPEC || type > KVM440_A_MAX)
		return -1;
	return mnl_attr_validate(attr, kvm440_policy[type]) < 0 ? -EINVAL : 0;
}

static int stat_attr(const struct nlattr *attr, void *data)
{
	struct kvm440_vm_info *vm = data;
	uint16_t type = mnl_attr_get_type(attr);

	/*
	 * Zero-length attributes are the alignment padding nla_put_u64_64bit()
	 * inserts on hosts without efficient unaligned access; no counter is
	 * ever empty.
	 */
	if (mnl_attr_get_payload_len(attr) == 0)
		return 0;
	if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
		return -EINVAL;
	if (type == 0 || type > KVM440_STATS_MAX)
		return 0;	/* beyond what this ABI version can hold */
	vm->stats[type - 1] = mnl_attr_get_u64(attr);
	if (vm->nstats < type)
		vm->nstats = type;
	return 0;
}

struct vm_parse {
	struct kvm440_vm_info *vm;
	int has_id;
};

static int vm_attr(const struct nlattr *attr, void *data)
{
	struct vm_parse *p = data;
	struct kvm440_vm_info *vm = p->vm;
	int r = check_kvm440_attr(attr);

	if (r)
		return r < -1 ? r : 0;
	switch (mnl_attr_get_type(attr)) {
	case KVM440_A_VM_ID:
		vm->id = mnl_attr_get_u32(attr);
		p->has_id = 1;
		break;
	case KVM440_A_OWNER_PID:
		vm->owner_pid = mnl_attr_get_u32(attr);
		break;
	case KVM440_A_MEM_SIZE:
		vm->mem_size = mnl_attr_get_u64(attr);
		break;
	case KVM440_A_STATE:
		vm->state = mnl_attr_get_u32(attr);
		break;
	case KVM440_A_UPTIME_MS:
		vm->uptime_ms = mnl_attr_get_u64(attr);
		break;
	case KVM440_A_VCPUS:
		vm->vcpus = mnl_attr_get_u32(attr);
		break;
	case KVM440_A_NAME:
		return get_name(attr, vm->name, sizeof(vm->name));
	case KVM440_A_OWNER_UID:
		vm->owner_uid = mnl_attr_get_u32(attr);
		vm->has_owner_uid = 1;
		break;
	case KVM440_A_STATS:
		memset(vm->stats, 0, sizeof(vm->stats));
		vm->nstats = 0;
		return walk_nested(attr, stat_attr, vm);
	default:
		break;
	}
	return 0;
}

int kvm440_nl_parse_vm(const struct nlmsghdr *nlh, struct kvm440_vm_info *out)
{
	struct kvm440_vm_info vm;
	struct vm_parse p = { .vm = &vm };
	int r;

	memset(&vm, 0, sizeof(vm));
	r = walk_genl(nlh, vm_attr, &p);
	if (r < 0)
		return -EINVAL;
	if (!p.has_id)
		return -EINVAL;
	*out = vm;
	return 0;
}

struct event_parse {
	struct kvm440_event_info *ev;
	int has_id, has_event;
};

static int event_attr(const struct nlattr *attr, void *data)
{
	struct event_parse *p = data;
	int r = check_kvm440_attr(attr);

	if (r)
		return r < -1 ? r : 0;
	switch (mnl_attr_get_type(attr)) {
	case KVM440_A_VM_ID:
		p->ev->vm_id = mnl_attr_get_u32(attr);
		p->has_id = 1;
		break;
	case KVM440_A_OWNER_PID:
		p->ev->owner_pid = mnl_attr_get_u32(attr);
		break;
	case KVM440_A_EVENT:
		p->ev->event = mnl_attr_get_u32(attr);
		p->has_event = 1;
		break;
	case KVM440_A_EVENT_DATA:
		p->ev->data = mnl_attr_get_u32(attr);
		break;
	case KVM440_A_NAME:
		return get_name(attr, p->ev->name, sizeof(p->ev->name));
	case KVM440_A_STATS:
		/* Not part of an event, but it must still be well formed. */
		return walk_nested(attr, stat_attr,
				   &(struct kvm440_vm_info){ 0 });
	default:
		break;
	}
	return 0;
}

int kvm440_nl_parse_event(const struct nlmsghdr *nlh,
			  struct kvm440_event_info *out)
{
	struct kvm440_event_info ev;
	struct event_parse p = { .ev = &ev };
	int r;

	memset(&ev, 0, sizeof(ev));
	r = walk_genl(nlh, event_attr, &p);
	if (r < 0 || !p.has_id || !p.has_event)
		return -EINVAL;
	*out = ev;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */

static struct nlmsghdr *put_request(struct kvm440_nl *nl, uint16_t type,
				    uint16_t flags, uint8_t cmd,
				    uint8_t version)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	/*
	 * Requests are a few dozen bytes. Zero the room first: some libmnl
	 * versions leave attribute padding as it was, and nl->buf last held
	 * a reply.
	 */
	memset(nl->buf, 0, NL_REQ_MAX);
	nlh = mnl_nlmsg_put_header(nl->buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

/*
 * Send @nlh and feed every reply to @cb until the terminating message.
 * Returns 0 or a negative errno (the kernel's, for an error reply); the
 * caller words the message.
 */
static int transact(struct kvm440_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		    void *data)
{
	unsigned int seq = nlh->nlmsg_seq;

	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return errno ? -errno : -EIO;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl->sk, nl->buf, NL_BUFSZ);
		int r;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno ? -errno : -EIO;
		}
		errno = 0;
		r = mnl_cb_run(nl->buf, (size_t)n, seq, nl->portid, cb, data);
		if (r == MNL_CB_ERROR)
			return errno ? -errno : -EPROTO;
		if (r == MNL_CB_STOP)
			return 0;
	}
}

/* nlctrl's answer about our family */
struct family_parse {
	int has_id;
	uint16_t id;
	int has_group;
	uint32_t group;
	int bad;
};

struct group_parse {
	const char *name;
	int has_id;
	uint32_t id;
};

static int group_attr(const struct nlattr *attr, void *data)
{
	struct group_parse *g = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_MCAST_GRP_NAME:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			return -EINVAL;
		g->name = mnl_attr_get_str(attr);
		break;
	case CTRL_ATTR_MCAST_GRP_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return -EINVAL;
		g->id = mnl_attr_get_u32(attr);
		g->has_id = 1;
		break;
	}
	return 0;
}

static int groups_attr(const struct nlattr *attr, void *data)
{
	struct family_parse *f = data;
	struct group_parse g = { 0 };
	int r;

	if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
		return -EINVAL;
	r = walk_nested(attr, group_attr, &g);
	if (r < 0)
		return r;
	if (g.name && g.has_id && !strcmp(g.name, KVM440_GENL_MCGRP_EVENTS)) {
		f->group = g.id;
		f->has_group = 1;
	}
	return 0;
}

static int family_attr(const struct nlattr *attr, void *data)
{
	struct family_parse *f = data;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return -EINVAL;
		f->id = mnl_attr_get_u16(attr);
		f->has_id = 1;
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			return -EINVAL;
		return walk_nested(attr, groups_attr, f);
	}
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct family_parse *f = data;

	if (nlh->nlmsg_type != GENL_ID_CTRL)
		return MNL_CB_OK;
	if (walk_genl(nlh, family_attr, f) < 0)
		f->bad = 1;
	return MNL_CB_OK;
}

int kvm440_nl_open(struct kvm440_nl **out, struct kvm440_error *err)
{
	struct kvm440_nl *nl;
	struct nlmsghdr *nlh;
	struct family_parse f = { 0 };
	int r;

	*out = NULL;
	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		seterr(err, "kvm440 netlink: out of memory");
		return -ENOMEM;
	}
	nl->buf = malloc(NL_BUFSZ);
	nl->evbuf = malloc(NL_BUFSZ);
	if (!nl->buf || !nl->evbuf) {
		kvm440_nl_close(nl);
		seterr(err, "kvm440 netlink: out of memory");
		return -ENOMEM;
	}
	nl->sk = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sk || mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = errno ? -errno : -EIO;
		kvm440_nl_close(nl);
		seterr(err, "cannot open a generic netlink socket: %s",
		       strerror(-r));
		return r;
	}
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = (unsigned int)time(NULL);

	nlh = put_request(nl, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KVM440_GENL_NAME);
	r = transact(nl, nlh, family_cb, &f);
	if (r == 0 && (f.bad || !f.has_id))
		r = -EPROTO;
	if (r < 0) {
		kvm440_nl_close(nl);
		if (r == -ENOENT)
			seterr(err, "the \"%s\" generic netlink family is not "
			       "registered (is kvm440.ko loaded?)",
			       KVM440_GENL_NAME);
		else if (r == -EPROTO)
			seterr(err, "malformed reply from the netlink "
			       "controller about \"%s\"", KVM440_GENL_NAME);
		else
			seterr(err, "cannot resolve the \"%s\" generic netlink "
			       "family: %s", KVM440_GENL_NAME, strerror(-r));
		return r;
	}
	nl->family = f.id;
	nl->events_group = f.group;
	nl->have_events_group = f.has_group;
	*out = nl;
	return 0;
}

void kvm440_nl_close(struct kvm440_nl *nl)
{
	if (!nl)
		return;
	if (nl->sk)
		mnl_socket_close(nl->sk);
	free(nl->buf);
	free(nl->evbuf);
	free(nl);
}

/*
 * The reply to GET_VM, do or dump. After the first malformed message or
 * once the caller asked to stop, the rest is still read (and dropped) so
 * the socket stays in step for the next request.
 */
struct vm_reply {
	uint16_t family;
	int (*cb)(const struct kvm440_vm_info *vm, void *arg);
	void *arg;
	struct kvm440_vm_info *one;	/* a "do": where the answer goes */
	int found;
	int stopped;
	int bad;
};

static int vm_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vm_reply *rep = data;
	const struct genlmsghdr *genl;
	struct kvm440_vm_info vm;

	if (nlh->nlmsg_type != rep->family)
		return MNL_CB_OK;
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN) {
		rep->bad = 1;
		return MNL_CB_OK;
	}
	genl = mnl_nlmsg_get_payload(nlh);
	if (genl->cmd == KVM440_CMD_EVENT)	/* we are also subscribed */
		return MNL_CB_OK;
	if (rep->bad || rep->stopped)
		return MNL_CB_OK;
	if (kvm440_nl_parse_vm(nlh, &vm) < 0) {
		rep->bad = 1;
		return MNL_CB_OK;
	}
	if (rep->one) {
		*rep->one = vm;
		rep->found = 1;
	} else if (rep->cb(&vm, rep->arg)) {
		rep->stopped = 1;
	}
	return MNL_CB_OK;
}

int kvm440_nl_list_vms(struct kvm440_nl *nl,
		       int (*cb)(const struct kvm440_vm_info *vm, void *arg),
		       void *arg, struct kvm440_error *err)
{
	struct vm_reply rep = { .family = nl->family, .cb = cb, .arg = arg };
	struct nlmsghdr *nlh;
	int r;

	nlh = put_request(nl, nl->family, NLM_F_DUMP, KVM440_CMD_GET_VM,
			  KVM440_GENL_VERSION);
	r = transact(nl, nlh, vm_cb, &rep);
	if (r < 0) {
		seterr(err, "listing VMs over netlink: %s", strerror(-r));
		return r;
	}
	if (rep.bad) {
		seterr(err, "listing VMs over netlink: malformed reply");
		return -EINVAL;
	}
	return 0;
}

int kvm440_nl_get_vm(struct kvm440_nl *nl, uint32_t id,
		     struct kvm440_vm_info *out, struct kvm440_error *err)
{
	struct vm_reply rep = { .family = nl->family, .one = out };
	struct nlmsghdr *nlh;
	int r;

	nlh = put_request(nl, nl->family, NLM_F_ACK, KVM440_CMD_GET_VM,
			  KVM440_GENL_VERSION);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, id);
	r = transact(nl, nlh, vm_cb, &rep);
	if (r == -ENOENT || (r == 0 && !rep.bad && !rep.found)) {
		seterr(err, "no VM with id %u", id);
		return -ENOENT;
	}
	if (r < 0) {
		seterr(err, "getting VM %u over netlink: %s", id,
		       strerror(-r));
		return r;
	}
	if (rep.bad || out->id != id) {
		seterr(err, "getting VM %u over netlink: malformed reply", id);
		return -EINVAL;
	}
	return 0;
}

static int ignore_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

int kvm440_nl_stop_vm(struct kvm440_nl *nl, uint32_t id,
		      struct kvm440_error *err)
{
	struct nlmsghdr *nlh;
	int r;

	nlh = put_request(nl, nl->family, NLM_F_ACK, KVM440_CMD_STOP_VM,
			  KVM440_GENL_VERSION);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, id);
	r = transact(nl, nlh, ignore_cb, NULL);
	if (r == -ENOENT)
		seterr(err, "no VM with id %u", id);
	else if (r == -EPERM)
		seterr(err, "stopping VM %u: %s (only its owner or "
		       "CAP_NET_ADMIN may)", id, strerror(EPERM));
	else if (r < 0)
		seterr(err, "stopping VM %u over netlink: %s", id,
		       strerror(-r));
	return r;
}

static int control(struct kvm440_nl *nl, uint8_t cmd, uint32_t id,
		   const char *what, struct kvm440_error *err)
{
	struct nlmsghdr *nlh;
	int r;

	nlh = put_request(nl, nl->family, NLM_F_ACK, cmd, KVM440_GENL_VERSION);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, id);
	r = transact(nl, nlh, ignore_cb, NULL);
	if (r == -ENOENT)
		seterr(err, "no VM with id %u", id);
	else if (r == -EPERM)
		seterr(err, "%s VM %u: %s (only its owner or CAP_NET_ADMIN "
		       "may)", what, id, strerror(EPERM));
	else if (r == -EOPNOTSUPP)
		seterr(err, "%s VM %u: this kvm440.ko cannot (it predates "
		       "KVM440_CAP_VM_CONTROL)", what, id);
	else if (r < 0)
		seterr(err, "%s VM %u over netlink: %s", what, id,
		       strerror(-r));
	return r;
}

int kvm440_nl_pause_vm(struct kvm440_nl *nl, uint32_t id,
		       struct kvm440_error *err)
{
	return control(nl, KVM440_CMD_PAUSE_VM, id, "pausing", err);
}

int kvm440_nl_resume_vm(struct kvm440_nl *nl, uint32_t id,
			struct kvm440_error *err)
{
	return control(nl, KVM440_CMD_RESUME_VM, id, "resuming", err);
}

/* GET_VCPU's reply */
struct vcpu_reply {
	uint16_t family;
	struct kvm440_vcpu_state *out;
	unsigned int seen;	/* bit per attribute: 1 regs, 2 sregs, 4 tlb */
	int bad;
};

static int vcpu_attr(const struct nlattr *attr, void *data)
{
	struct vcpu_reply *rep = data;
	struct kvm440_vcpu_state *out = rep->out;
	int r = check_kvm440_attr(attr);
	uint16_t len = mnl_attr_get_payload_len(attr);

	if (r)
		return r < -1 ? r : 0;
	switch (mnl_attr_get_type(attr)) {
	case KVM440_A_REGS:
		if (len != sizeof(out->regs))
			return -EINVAL;
		memcpy(&out->regs, mnl_attr_get_payload(attr), len);
		rep->seen |= 1;
		break;
	case KVM440_A_SREGS:
		if (len != sizeof(out->sregs))
			return -EINVAL;
		memcpy(&out->sregs, mnl_attr_get_payload(attr), len);
		rep->seen |= 2;
		break;
	case KVM440_A_TLB:
		if (len != sizeof(out->tlb))
			return -EINVAL;
		memcpy(&out->tlb, mnl_attr_get_payload(attr), len);
		rep->seen |= 4;
		break;
	}
	return 0;
}

static int vcpu_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vcpu_reply *rep = data;
	const struct genlmsghdr *genl;

	if (nlh->nlmsg_type != rep->family)
		return MNL_CB_OK;
	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN) {
		rep->bad = 1;
		return MNL_CB_OK;
	}
	genl = mnl_nlmsg_get_payload(nlh);
	if (genl->cmd != KVM440_CMD_GET_VCPU)
		return MNL_CB_OK;
	if (walk_genl(nlh, vcpu_attr, rep) < 0)
		rep->bad = 1;
	return MNL_CB_OK;
}

int kvm440_nl_get_vcpu(struct kvm440_nl *nl, uint32_t id,
		       struct kvm440_vcpu_state *out, struct kvm440_error *err)
{
	struct vcpu_reply rep = { .family = nl->family, .out = out };
	struct nlmsghdr *nlh;
	int r;

	memset(out, 0, sizeof(*out));
	nlh = put_request(nl, nl->family, NLM_F_ACK, KVM440_CMD_GET_VCPU,
			  KVM440_GENL_VERSION);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, id);
	r = transact(nl, nlh, vcpu_cb, &rep);
	if (r == -ENXIO) {
		seterr(err, "VM %u has no vCPU", id);
		return r;
	}
	if (r == -ETIMEDOUT) {
		seterr(err, "VM %u: its vCPU did not answer in time", id);
		return r;
	}
	if (r < 0) {
		if (r == -ENOENT)
			seterr(err, "no VM with id %u", id);
		else if (r == -EPERM)
			seterr(err, "reading the vCPU of VM %u: %s (only its "
			       "owner or CAP_NET_ADMIN may)", id,
			       strerror(EPERM));
		else if (r == -EOPNOTSUPP)
			seterr(err, "reading the vCPU of VM %u: this "
			       "kvm440.ko cannot (it predates "
			       "KVM440_CAP_VM_CONTROL)", id);
		else
			seterr(err, "reading the vCPU of VM %u over netlink: "
			       "%s", id, strerror(-r));
		return r;
	}
	if (rep.bad || rep.seen != 7) {
		seterr(err, "reading the vCPU of VM %u: malformed reply", id);
		return -EINVAL;
	}
	return 0;
}

/* kvm440_nl_resolve(): the VMs whose name matches */
struct resolve {
	const char *name;
	uint32_t id;
	unsigned int matches;
};

static int resolve_cb(const struct kvm440_vm_info *vm, void *arg)
{
	struct resolve *res = arg;

	if (strcmp(vm->name, res->name))
		return 0;
	if (res->matches++ == 0)
		res->id = vm->id;
	return 0;
}

int kvm440_nl_resolve(struct kvm440_nl *nl, const char *vm, uint32_t *id,
		      struct kvm440_error *err)
{
	struct resolve res = { .name = vm };
	const char *p = vm;
	unsigned long v;
	char *end;
	int r;

	for (; *p >= '0' && *p <= '9'; p++)
		;
	if (*vm && !*p) {
		/* all digits: an id, as the module refuses such names */
		errno = 0;
		v = strtoul(vm, &end, 10);
		if (errno || v > UINT32_MAX) {
			seterr(err, "'%s' is not a VM id", vm);
			return -EINVAL;
		}
		*id = (uint32_t)v;
		return 0;
	}
	r = kvm440_nl_list_vms(nl, resolve_cb, &res, err);
	if (r < 0)
		return r;
	if (res.matches == 0) {
		seterr(err, "no VM named '%s'", vm);
		return -ENOENT;
	}
	if (res.matches > 1) {
		seterr(err, "%u VMs are named '%s'; give an id instead",
		       res.matches, vm);
		return -EEXIST;
	}
	*id = res.id;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

int kvm440_nl_subscribe(struct kvm440_nl *nl, struct kvm440_error *err)
{
	int group;

	if (!nl->have_events_group) {
		seterr(err, "the \"%s\" netlink family has no \"%s\" "
		       "multicast group", KVM440_GENL_NAME,
		       KVM440_GENL_MCGRP_EVENTS);
		return -ENOENT;
	}
	group = (int)nl->events_group;
	if (mnl_socket_setsockopt(nl->sk, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0) {
		int r = errno ? -errno : -EIO;

		seterr(err, "joining the \"%s\" multicast group: %s",
		       KVM440_GENL_MCGRP_EVENTS, strerror(-r));
		return r;
	}
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Hand out the next event of the pending datagram: 1 with *@ev filled,
 * 0 when none is left, -EINVAL for a malformed one.
 */
static int pending_event(struct kvm440_nl *nl, struct kvm440_event_info *ev)
{
	while (nl->ev_off < nl->ev_len) {
		const struct nlmsghdr *nlh =
			(const void *)(nl->evbuf + nl->ev_off);
		int rest = (int)(nl->ev_len - nl->ev_off);
		const struct genlmsghdr *genl;

		if (!mnl_nlmsg_ok(nlh, rest)) {
			nl->ev_off = nl->ev_len = 0;
			return -EINVAL;
		}
		mnl_nlmsg_next(nlh, &rest);
		nl->ev_off = rest > 0 ? nl->ev_len - (size_t)rest : nl->ev_len;
		if (nlh->nlmsg_type != nl->family)
			continue;	/* NLMSG_NOOP and the like */
		if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN)
			return -EINVAL;
		genl = mnl_nlmsg_get_payload(nlh);
		if (genl->cmd != KVM440_CMD_EVENT)
			continue;
		return kvm440_nl_parse_event(nlh, ev) < 0 ? -EINVAL : 1;
	}
	nl->ev_off = nl->ev_len = 0;
	return 0;
}

int kvm440_nl_next_event(struct kvm440_nl *nl, int timeout_ms,
			 struct kvm440_event_info *ev,
			 struct kvm440_error *err)
{
	int64_t deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : -1;

	for (;;) {
		struct pollfd pfd = {
			.fd = mnl_socket_get_fd(nl->sk),
			.events = POLLIN,
		};
		int wait = -1;
		ssize_t n;
		int r;

		r = pending_event(nl, ev);
		if (r < 0) {
			seterr(err, "malformed kvm440 event message");
			return r;
		}
		if (r > 0)
			return 1;

		if (deadline >= 0) {
			int64_t left = deadline - now_ms();

			wait = left > 0 ? (left > 0x7fffffff ? 0x7fffffff
							     : (int)left)
					: 0;
		}
		r = poll(&pfd, 1, wait);
		if (r < 0) {
			r = -errno;
			seterr(err, "waiting for kvm440 events: %s",
			       strerror(errno));
			return r;
		}
		if (r == 0)
			return 0;
		n = mnl_socket_recvfrom(nl->sk, nl->evbuf, NL_BUFSZ);
		if (n < 0) {
			r = errno ? -errno : -EIO;
			if (r == -ENOBUFS)
				seterr(err, "kvm440 events were lost: the "
				       "socket's receive buffer overran");
			else
				seterr(err, "receiving kvm440 events: %s",
				       strerror(-r));
			return r;
		}
		nl->ev_off = 0;
		nl->ev_len = (size_t)n;
	}
}
