// SPDX-License-Identifier: GPL-2.0
/*
 * Raw generic netlink for the fuzzer and nl_race: resolve the "kvm440"
 * family, send well-formed GET_VM/STOP_VM/dump requests, and malformed
 * ones (random commands, flags, versions, attribute types and lengths,
 * lengths that run past the message). Written against the socket API
 * directly, not libmnl, so nothing between us and the kernel fixes up
 * what we send.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "fuzz.h"

#define NLBUF 32768
static union {
	char c[NLBUF];
	struct nlmsghdr h;	/* aligns the buffer for the header */
} rbuf;

int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (sk < 0)
		return -1;
	if (bind(sk, (struct sockaddr *)&sa, sizeof(sa))) {
		close(sk);
		return -1;
	}
	return sk;
}

static int nl_send(int sk, const void *msg, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	fz.nl_msgs++;
	return sendto(sk, msg, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 ?
		-1 : 0;
}

/*
 * Reads replies until an error/ack or NLMSG_DONE (blocking), or until
 * nothing is left (nonblocking). Returns the first error code of an
 * NLMSG_ERROR (0 for an ack or data), -EAGAIN when nothing came.
 */
static int nl_recv(int sk, int nonblock)
{
	int got = -EAGAIN;

	for (;;) {
		ssize_t n = recv(sk, rbuf.c, sizeof(rbuf.c),
				 nonblock ? MSG_DONTWAIT : 0);
		struct nlmsghdr *h;

		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? got : -errno;
		for (h = &rbuf.h; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			got = 0;
		}
	}
}

struct req {
	struct nlmsghdr h;
	struct genlmsghdr g;
	char attrs[256];
};

static size_t put_attr(char *at, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)at;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(at + NLA_HDRLEN, data, len);
	return NLA_ALIGN(a->nla_len);
}

int nl_family(int sk)
{
	static const char name[] = KVM440_GENL_NAME;
	struct req r = { 0 };
	struct nlmsghdr *h;
	ssize_t n;

	r.h.nlmsg_type = GENL_ID_CTRL;
	r.h.nlmsg_flags = NLM_F_REQUEST;
	r.g.cmd = CTRL_CMD_GETFAMILY;
	r.g.version = 1;
	r.h.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) +
		put_attr(r.attrs, CTRL_ATTR_FAMILY_NAME, name, sizeof(name));
	if (nl_send(sk, &r, r.h.nlmsg_len))
		return -1;
	n = recv(sk, rbuf.c, sizeof(rbuf.c), 0);
	for (h = &rbuf.h; n > 0 && NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
		struct nlattr *a;
		int left;

		if (h->nlmsg_type != GENL_ID_CTRL)
			continue;
		a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
		left = h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		       a->nla_len <= left) {
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				return *(uint16_t *)((char *)a + NLA_HDRLEN);
			left -= NLA_ALIGN(a->nla_len);
			a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
		}
	}
	return -1;
}

static int nl_cmd(int sk, int family, int cmd, uint32_t id, int flags)
{
	struct req r = { 0 };

	r.h.nlmsg_type = family;
	r.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	r.g.cmd = cmd;
	r.g.version = KVM440_GENL_VERSION;
	r.h.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	if (!(flags & NLM_F_DUMP))
		r.h.nlmsg_len += put_attr(r.attrs, KVM440_A_VM_ID, &id,
					  sizeof(id));
	if (nl_send(sk, &r, r.h.nlmsg_len))
		return -errno;
	return nl_recv(sk, 0);
}

int nl_get_vm(int sk, int family, uint32_t id)
{
	return nl_cmd(sk, family, KVM440_CMD_GET_VM, id, 0);
}

int nl_stop_vm(int sk, int family, uint32_t id)
{
	return nl_cmd(sk, family, KVM440_CMD_STOP_VM, id, 0);
}

int nl_dump(int sk, int family)
{
	return nl_cmd(sk, family, KVM440_CMD_GET_VM, 0, NLM_F_DUMP);
}

/* One random request, well-formed or not; its replies are drained. */
void nl_fuzz(int sk, int family, const uint32_t *ids, int nids)
{
	struct req r = { 0 };
	size_t off = 0, len;
	int i, na = rn(5);

	r.h.nlmsg_type = rn(8) ? (uint16_t)family : rnd_u32() & 0xffff;
	r.h.nlmsg_flags = NLM_F_REQUEST | (rn(2) ? NLM_F_ACK : 0) |
		(rn(3) ? 0 : NLM_F_DUMP) | (rn(8) ? 0 : rnd() & 0xffff);
	r.g.cmd = rn(4) ? rn(__KVM440_CMD_MAX + 2) : rnd() & 0xff;
	r.g.version = rn(4) ? KVM440_GENL_VERSION : rnd() & 0xff;
	r.g.reserved = rn(8) ? 0 : rnd() & 0xffff;
	for (i = 0; i < na && off + 40 <= sizeof(r.attrs); i++) {
		struct nlattr *a = (struct nlattr *)(r.attrs + off);
		uint32_t v = nids && rn(2) ? ids[rn(nids)] : rnd_u32();
		uint16_t plen = rn(3) ? 4 : rn(24);

		a->nla_type = rn(4) ? KVM440_A_VM_ID : rn(KVM440_A_MAX + 4);
		if (!rn(10))
			a->nla_type |= NLA_F_NESTED;
		if (plen >= 4)
			memcpy(r.attrs + off + NLA_HDRLEN, &v, 4);
		if (plen > 4)
			rnd_fill(r.attrs + off + NLA_HDRLEN + 4, plen - 4);
		a->nla_len = NLA_HDRLEN + plen;
		if (!rn(10))	/* a length that lies */
			a->nla_len = rn(4) ? rn(NLA_HDRLEN) : rnd() & 0xffff;
		off += NLA_ALIGN(NLA_HDRLEN + plen);
	}
	len = NLMSG_LENGTH(GENL_HDRLEN) + off;
	r.h.nlmsg_len = len;
	if (!rn(12)) {	/* header and datagram disagree */
		r.h.nlmsg_len = rn(2) ? rn(len) : len + rn(64);
		if (!rn(2))
			len = rn(len + 1);
	}
	r.h.nlmsg_seq = rnd();
	nl_send(sk, &r, len);
	/* a dump may be left half read, or read to the end */
	if (rn(4))
		nl_recv(sk, 1);
}
