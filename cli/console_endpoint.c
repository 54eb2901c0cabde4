// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Detached consoles for kvm440ctl start: console = pty and
 * console = socket:PATH, attached to with `kvm440ctl console ID|NAME`
 * (cmd_console.c) or, for a pty, any terminal program.
 *
 * The run loop sees one end of a socketpair, exactly as it sees a
 * terminal with console = stdio. A relay thread moves bytes between the
 * other end and the endpoint, so that a guest never waits for a user:
 * output is written to the endpoint without blocking and dropped when
 * nobody takes it (a pty keeps what fits in its buffer, about 4 KiB, for
 * the next attach; a socket's last 4 KiB are replayed to each client as
 * it connects).
 *
 * - pty: the master stays with us; we keep the slave open too, so a user
 *   detaching does not hang the pty up, and put it in raw mode (no echo,
 *   no CR/LF translation: the guest's 16550 sees the bytes typed).
 * - socket: a unix stream socket at PATH, mode 0600 (the console is the
 *   guest's root shell), one client at a time; a second is told the
 *   console is busy and closed. A stale socket file (nobody listening) is
 *   replaced; anything else at PATH is an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "console_endpoint.h"
#include "rundir.h"

#define HISTORY	4096

static struct {
	int open;
	int sp[2];		/* [0] the run loop's, [1] the relay's */
	int quit[2];
	int lfd;		/* socket: the listener; -1 for a pty */
	int peer;		/* pty master, or the socket's client; -1 */
	int slave;		/* pty: kept open */
	char path[KVM440_PATH_MAX];
	pthread_t thread;
	uint8_t hist[HISTORY];	/* socket: the last output, for replay */
	size_t hist_len, hist_head;
} ep = { .sp = { -1, -1 }, .quit = { -1, -1 }, .lfd = -1, .peer = -1,
	   .slave = -1 };

static void history_add(const uint8_t *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ep.hist[ep.hist_head] = buf[i];
		ep.hist_head = (ep.hist_head + 1) % HISTORY;
	}
	ep.hist_len = ep.hist_len + n > HISTORY ? HISTORY : ep.hist_len + n;
}

/* To the endpoint without waiting: what does not fit is dropped. */
static void to_peer(const uint8_t *buf, size_t n)
{
	while (ep.peer >= 0 && n) {
		ssize_t w = ep.lfd >= 0 ?
			send(ep.peer, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT) :
			write(ep.peer, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

static void replay(void)
{
	uint8_t buf[HISTORY];
	size_t start = (ep.hist_head + HISTORY - ep.hist_len) % HISTORY, i;

	for (i = 0; i < ep.hist_len; i++)
		buf[i] = ep.hist[(start + i) % HISTORY];
	to_peer(buf, ep.hist_len);
}

static void write_all(int fd, const uint8_t *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		n -= (size_t)w;
	}
}

static void *relay(void *arg)
{
	static const char busy[] =
		PROG ": console busy: one client at a time\r\n";
	uint8_t buf[4096];

	(void)arg;
	for (;;) {
		struct pollfd p[4] = {
			{ .fd = ep.quit[0], .events = POLLIN },
			{ .fd = ep.sp[1], .events = POLLIN },
			{ .fd = ep.peer, .events = POLLIN },
			{ .fd = ep.lfd, .events = POLLIN },
		};
		ssize_t n;

		if (poll(p, 4, -1) < 0) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (p[0].revents)
			return NULL;
		if (p[1].revents) {		/* guest output */
			n = read(ep.sp[1], buf, sizeof(buf));
			if (n <= 0)
				return NULL;
			if (ep.lfd >= 0)
				history_add(buf, (size_t)n);
			to_peer(buf, (size_t)n);
		}
		if (ep.peer >= 0 && p[2].revents) {	/* guest input */
			n = read(ep.peer, buf, sizeof(buf));
			if (n > 0) {
				write_all(ep.sp[1], buf, (size_t)n);
			} else if (ep.lfd >= 0 &&
				   (n == 0 || errno != EINTR)) {
				close(ep.peer);		/* client left */
				ep.peer = -1;
			}
		}
		if (ep.lfd >= 0 && p[3].revents) {
			int c = accept4(ep.lfd, NULL, NULL, SOCK_CLOEXEC);

			if (c < 0)
				continue;
			if (ep.peer >= 0) {
				if (send(c, busy, sizeof(busy) - 1,
					 MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
					/* closed below either way */
				}
				close(c);
				continue;
			}
			ep.peer = c;
			replay();
		}
	}
}

static int open_pty(void)
{
	struct termios t;
	const char *name;

	ep.peer = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (ep.peer < 0 || grantpt(ep.peer) < 0 || unlockpt(ep.peer) < 0 ||
	    !(name = ptsname(ep.peer))) {
		cli_error("console: cannot create a pty: %s", strerror(errno));
		return -1;
	}
	snprintf(ep.path, sizeof(ep.path), "%s", name);
	ep.slave = open(ep.path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (ep.slave < 0 || tcgetattr(ep.slave, &t) < 0) {
		cli_error("console: %s: %s", ep.path, strerror(errno));
		return -1;
	}
	cfmakeraw(&t);
	tcsetattr(ep.slave, TCSANOW, &t);
	fcntl(ep.peer, F_SETFL, fcntl(ep.peer, F_GETFL) | O_NONBLOCK);
	return 0;
}

static int open_socket(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t old;
	int r;

	snprintf(ep.path, sizeof(ep.path), "%s", path);
	if (strlen(path) >= sizeof(sa.sun_path)) {	/* config.c checks */
		cli_error("console: %s: path too long for a socket", path);
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	ep.lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ep.lfd < 0) {
		cli_error("console: socket: %s", strerror(errno));
		return -1;
	}
	old = umask(0077);
	r = bind(ep.lfd, (struct sockaddr *)&sa, sizeof(sa));
	if (r < 0 && errno == EADDRINUSE) {
		struct stat st;
		int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		/* a socket nobody listens on is a dead guest's: replace it */
		if (probe >= 0 && lstat(path, &st) == 0 &&
		    S_ISSOCK(st.st_mode) &&
		    connect(probe, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
		    errno == ECONNREFUSED && unlink(path) == 0)
			r = bind(ep.lfd, (struct sockaddr *)&sa, sizeof(sa));
		else
			errno = EADDRINUSE;
		if (probe >= 0)
			close(probe);
	}
	umask(old);
	if (r < 0 || listen(ep.lfd, 1) < 0) {
		cli_error("console: %s: %s", path, errno == EADDRINUSE ?
			  "in use (another guest's console?)" :
			  strerror(errno));
		close(ep.lfd);
		ep.lfd = -1;
		ep.path[0] = '\0';
		return -1;
	}
	return 0;
}

static int find_id(const struct kvm440_vm_info *vm, void *arg)
{
	if (vm->owner_pid != (uint32_t)getpid())
		return 0;
	*(long *)arg = vm->id;
	return 1;
}

static void publish(const struct kvm440_config *cfg)
{
	struct rundir_entry e = { .id = -1, .pid = getpid() };
	struct kvm440_error err = { "" };
	struct kvm440_nl *nl;
	const char *name = kvm440_config_name(cfg);

	if (kvm440_nl_open(&nl, &err) == 0) {
		kvm440_nl_list_vms(nl, find_id, &e.id, &err);
		kvm440_nl_close(nl);
	}
	snprintf(e.name, sizeof(e.name), "%s", name);
	e.kind = kvm440_config_console(cfg, NULL) == KVM440_CONSOLE_PTY ?
		 RUNDIR_PTY : RUNDIR_SOCKET;
	snprintf(e.path, sizeof(e.path), "%s", ep.path);
	/* without an entry the console still works, by its path */
	if (rundir_publish(&e) == 0)
		atexit(rundir_remove);
	if (e.id >= 0)
		fprintf(stderr, PROG ": console on %s (kvm440ctl console %ld "
			"or %s)\n", ep.path, e.id, name);
	else
		fprintf(stderr, PROG ": console on %s (kvm440ctl console "
			"%s)\n", ep.path, name);
}

int console_endpoint_open(const struct kvm440_config *cfg)
{
	const char *path;
	enum kvm440_console kind = kvm440_config_console(cfg, &path);

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ep.sp) < 0 ||
	    pipe2(ep.quit, O_CLOEXEC) < 0) {
		cli_error("console: %s", strerror(errno));
		return -1;
	}
	if ((kind == KVM440_CONSOLE_PTY ? open_pty() : open_socket(path)) < 0) {
		console_endpoint_close();
		return -1;
	}
	if (pthread_create(&ep.thread, NULL, relay, NULL) != 0) {
		cli_error("console: cannot start its thread");
		console_endpoint_close();
		return -1;
	}
	ep.open = 1;
	publish(cfg);
	return ep.sp[0];
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void console_endpoint_close(void)
{
	if (ep.open) {
		if (write(ep.quit[1], "q", 1) == 1)
			pthread_join(ep.thread, NULL);
		ep.open = 0;
	}
	rundir_remove();
	if (ep.lfd >= 0 && ep.path[0])
		unlink(ep.path);
	close_fd(&ep.lfd);
	close_fd(&ep.peer);
	close_fd(&ep.slave);
	close_fd(&ep.sp[0]);
	close_fd(&ep.sp[1]);
	close_fd(&ep.quit[0]);
	close_fd(&ep.quit[1]);
	ep.path[0] = '\0';
}
