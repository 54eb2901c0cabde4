// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A stand-in for libmnl, for the emulated 440 host rig ONLY.
 *
 * Why it exists: `make ppc` cross-builds a static kvm440ctl for the emulated
 * 440 host, and there is no libmnl to link there: no powerpc libmnl binary
 * is available on the build machine, and libmnl's Debian source package
 * cannot be fetched here to build one. So the cross build (MNL=rig in the
 * Makefile) compiles this file instead. It implements exactly the libmnl
 * functions lib/netlink.c calls, no more, against the real libmnl header
 * (copied from the build machine into build/ppc/mnl-include), and was
 * written from the documented libmnl API semantics, not from libmnl's
 * source.
 *
 * It is never built into the build machine's libkvm440 (that links the real
 * -lmnl), is not installed, and is not meant as a general libmnl. When
 * lib/netlink.c starts using another libmnl function, add it here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libmnl/libmnl.h>

/* ------------------------------------------------------------------ */
/* Sockets                                                             */

struct mnl_socket {
	int fd;
	struct sockaddr_nl local;	/* filled in by bind */
};

struct mnl_socket *mnl_socket_open(int bus)
{
	struct mnl_socket *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return NULL;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, bus);
	if (nl->fd < 0) {
		int e = errno;

		free(nl);
		errno = e;
		return NULL;
	}
	return nl;
}

int mnl_socket_bind(struct mnl_socket *nl, unsigned int groups, pid_t pid)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = groups,
		.nl_pid = (__u32)pid,
	};
	socklen_t len = sizeof(sa);

	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	/* Learn the port id the kernel picked (pid 0 asks it to choose). */
	if (getsockname(nl->fd, (struct sockaddr *)&nl->local, &len) < 0)
		return -1;
	if (len != sizeof(nl->local) || nl->local.nl_family != AF_NETLINK) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int mnl_socket_close(struct mnl_socket *nl)
{
	int r = close(nl->fd);

	free(nl);
	return r;
}

int mnl_socket_get_fd(const struct mnl_socket *nl)
{
	return nl->fd;
}

unsigned int mnl_socket_get_portid(const struct mnl_socket *nl)
{
	return nl->local.nl_pid;
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *req,
			  size_t siz)
{
	static const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	return sendto(nl->fd, req, siz, 0, (const struct sockaddr *)&kernel,
		      sizeof(kernel));
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf,
			    size_t siz)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = buf, .iov_len = siz };
	struct msghdr msg = {
		.msg_name = &from,
		.msg_namelen = sizeof(from),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n = recvmsg(nl->fd, &msg, 0);

	if (n < 0)
		return -1;
	if (msg.msg_flags & MSG_TRUNC) {	/* the buffer was too small */
		errno = ENOSPC;
		return -1;
	}
	if (msg.msg_namelen != sizeof(from)) {
		errno = EINVAL;
		return -1;
	}
	return n;
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf,
			  socklen_t len)
{
	return setsockopt(nl->fd, SOL_NETLINK, type, buf, len);
}

/* ------------------------------------------------------------------ */
/* Messages                                                            */

struct nlmsghdr *mnl_nlmsg_put_header(void *buf)
{
	struct nlmsghdr *nlh = buf;

	memset(nlh, 0, MNL_NLMSG_HDRLEN);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN;
	return nlh;
}

void *mnl_nlmsg_put_extra_header(struct nlmsghdr *nlh, size_t size)
{
	char *p = (char *)nlh + nlh->nlmsg_len;

	memset(p, 0, MNL_ALIGN(size));
	nlh->nlmsg_len += MNL_ALIGN(size);
	return p;
}

void *mnl_nlmsg_get_payload(const struct nlmsghdr *nlh)
{
	return (char *)nlh + MNL_NLMSG_HDRLEN;
}

void *mnl_nlmsg_get_payload_offset(const struct nlmsghdr *nlh, size_t offset)
{
	return (char *)nlh + MNL_NLMSG_HDRLEN + MNL_ALIGN(offset);
}

size_t mnl_nlmsg_get_payload_len(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
}

bool mnl_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) &&
	       nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned int)len;
}

struct nlmsghdr *mnl_nlmsg_next(const struct nlmsghdr *nlh, int *len)
{
	unsigned int step = MNL_ALIGN(nlh->nlmsg_len);

	*len -= (int)step;
	return (struct nlmsghdr *)((char *)nlh + step);
}

/* ------------------------------------------------------------------ */
/* Attributes                                                          */

uint16_t mnl_attr_get_type(const struct nlattr *attr)
{
	return attr->nla_type & NLA_TYPE_MASK;
}

uint16_t mnl_attr_get_payload_len(const struct nlattr *attr)
{
	return attr->nla_len - MNL_ATTR_HDRLEN;
}

void *mnl_attr_get_payload(const struct nlattr *attr)
{
	return (char *)attr + MNL_ATTR_HDRLEN;
}

/* Payloads need not be aligned for their type: copy them out. */
uint16_t mnl_attr_get_u16(const struct nlattr *attr)
{
	uint16_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

uint32_t mnl_attr_get_u32(const struct nlattr *attr)
{
	uint32_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

uint64_t mnl_attr_get_u64(const struct nlattr *attr)
{
	uint64_t v;

	memcpy(&v, mnl_attr_get_payload(attr), sizeof(v));
	return v;
}

const char *mnl_attr_get_str(const struct nlattr *attr)
{
	return mnl_attr_get_payload(attr);
}

bool mnl_attr_ok(const struct nlattr *attr, int len)
{
	return len >= (int)sizeof(*attr) &&
	       attr->nla_len >= sizeof(*attr) &&
	       attr->nla_len <= len;
}

struct nlattr *mnl_attr_next(const struct nlattr *attr)
{
	return (struct nlattr *)((char *)attr + MNL_ALIGN(attr->nla_len));
}

/* Append an attribute at the message's tail, zeroing the alignment pad. */
static void put_attr(struct nlmsghdr *nlh, uint16_t type, size_t len,
		     const void *data)
{
	struct nlattr *attr = (struct nlattr *)((char *)nlh +
						MNL_ALIGN(nlh->nlmsg_len));
	size_t total = MNL_ATTR_HDRLEN + len;

	attr->nla_type = type;
	attr->nla_len = (uint16_t)total;
	memcpy(mnl_attr_get_payload(attr), data, len);
	memset((char *)attr + total, 0, MNL_ALIGN(total) - total);
	nlh->nlmsg_len = MNL_ALIGN(nlh->nlmsg_len) + MNL_ALIGN(total);
}

void mnl_attr_put_u32(struct nlmsghdr *nlh, uint16_t type, uint32_t data)
{
	put_attr(nlh, type, sizeof(data), &data);
}

void mnl_attr_put_strz(struct nlmsghdr *nlh, uint16_t type, const char *data)
{
	put_attr(nlh, type, strlen(data) + 1, data);
}

/*
 * Check the payload length against what @type needs: exactly the size of a
 * fixed-width type, nothing for a flag, at least one byte for a string (and
 * a final NUL for MNL_TYPE_NUL_STRING), nothing or at least one attribute
 * header for a nest. -1 with errno ERANGE (bad length) or EINVAL.
 */
int mnl_attr_validate(const struct nlattr *attr, enum mnl_attr_data_type type)
{
	size_t len = mnl_attr_get_payload_len(attr);
	const char *p = mnl_attr_get_payload(attr);
	size_t want = 0;

	switch (type) {
	case MNL_TYPE_U8:
		want = 1;
		break;
	case MNL_TYPE_U16:
		want = 2;
		break;
	case MNL_TYPE_U32:
		want = 4;
		break;
	case MNL_TYPE_U64:
	case MNL_TYPE_MSECS:
		want = 8;
		break;
	case MNL_TYPE_FLAG:
		if (len != 0)
			goto range;
		return 0;
	case MNL_TYPE_STRING:
		if (len == 0)
			goto range;
		return 0;
	case MNL_TYPE_NUL_STRING:
		if (len == 0)
			goto range;
		if (p[len - 1] != '\0') {
			errno = EINVAL;
			return -1;
		}
		return 0;
	case MNL_TYPE_NESTED:
		if (len != 0 && len < MNL_ATTR_HDRLEN)
			goto range;
		return 0;
	case MNL_TYPE_UNSPEC:
	case MNL_TYPE_NESTED_COMPAT:
	case MNL_TYPE_BINARY:
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
	if (len == want)
		return 0;
range:
	errno = ERANGE;
	return -1;
}

/* ------------------------------------------------------------------ */
/* The callback run queue                                              */

/*
 * Control messages as the documented defaults treat them: NLMSG_NOOP and
 * NLMSG_OVERRUN are skipped, NLMSG_DONE stops, NLMSG_ERROR stops for an
 * ACK (error 0) and fails with errno = the error otherwise.
 */
static int control_message(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e;

	switch (nlh->nlmsg_type) {
	case NLMSG_DONE:
		return MNL_CB_STOP;
	case NLMSG_ERROR:
		if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*e)) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		e = mnl_nlmsg_get_payload(nlh);
		if (e->error == 0)
			return MNL_CB_STOP;
		errno = e->error < 0 ? -e->error : e->error;
		return MNL_CB_ERROR;
	default:
		return MNL_CB_OK;
	}
}

int mnl_cb_run(const void *buf, size_t numbytes, unsigned int seq,
	       unsigned int portid, mnl_cb_t cb_data, void *data)
{
	const struct nlmsghdr *nlh = buf;
	int len = (int)numbytes;
	int r = MNL_CB_OK;

	while (mnl_nlmsg_ok(nlh, len)) {
		/* 0 on either side means "do not check". */
		if (nlh->nlmsg_pid && portid && nlh->nlmsg_pid != portid) {
			errno = ESRCH;
			return MNL_CB_ERROR;
		}
		if (nlh->nlmsg_seq && seq && nlh->nlmsg_seq != seq) {
			errno = EPROTO;
			return MNL_CB_ERROR;
		}
		/* The dump changed under us: the caller should retry. */
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			errno = EINTR;
			return MNL_CB_ERROR;
		}
		if (nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			r = cb_data ? cb_data(nlh, data) : MNL_CB_OK;
		else
			r = control_message(nlh);
		if (r <= MNL_CB_STOP)
			return r;
		nlh = mnl_nlmsg_next(nlh, &len);
	}
	return r;
}
