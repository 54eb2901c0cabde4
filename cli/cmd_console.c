// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl console ID|NAME: attach the terminal to a running guest's
 * detached console (console = pty or socket:PATH), found through the
 * runtime entry its kvm440ctl start wrote (rundir.c). Ctrl-] q detaches,
 * Ctrl-] Ctrl-] sends one Ctrl-]; the guest runs on either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "rundir.h"

#define ESCAPE	0x1d	/* Ctrl-] */

static int run(int argc, char **argv);

const struct cli_command cmd_console = {
	.name = "console",
	.run = run,
	.synopsis = "ID|NAME",
	.summary = "Attach to a running guest's pty or socket console.",
	.help =
	"Connects the terminal to the console of a guest that 'kvm440ctl\n"
	"start' runs with console = pty or console = socket:PATH, given by VM\n"
	"id (as 'kvm440ctl status' shows it) or by the config's name. The\n"
	"terminal is in raw mode while attached. Ctrl-] q detaches (so does\n"
	"the end of standard input); Ctrl-] Ctrl-] sends one Ctrl-]. The guest\n"
	"keeps running; attach again at any time. A socket console takes one\n"
	"client at a time.\n\n"
	"The consoles are found in the runtime directory, where start writes\n"
	"one entry per guest and removes it when it exits:\n"
	"$XDG_RUNTIME_DIR/kvm440/ if XDG_RUNTIME_DIR is set, else\n"
	"/run/kvm440/ for root and /tmp/kvm440-UID/ for other users.\n\n"
	"Options:\n"
	"  -h, --help   show this help and exit\n",
};

static struct termios saved;
static int raw;

static void restore(void)
{
	if (raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	raw = 0;
}

static int connect_to(const struct rundir_entry *e)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (e->kind == RUNDIR_PTY)
		return open(e->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (strlen(e->path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, e->path, strlen(e->path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int put(int fd, const unsigned char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Terminal to console, escapes handled; 1 when the user detaches. */
static int from_user(int fd, int *escape)
{
	unsigned char in[256], out[512];
	size_t o = 0;
	ssize_t n = read(STDIN_FILENO, in, sizeof(in));

	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0)
		return 1;
	for (ssize_t i = 0; i < n; i++) {
		if (*escape) {
			*escape = 0;
			if (in[i] == 'q' || in[i] == 'Q') {
				put(fd, out, o);
				return 1;
			}
			if (in[i] != ESCAPE)
				out[o++] = ESCAPE;
			out[o++] = in[i];
		} else if (in[i] == ESCAPE) {
			*escape = 1;
		} else {
			out[o++] = in[i];
		}
	}
	return put(fd, out, o) < 0 ? -1 : 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rundir_entry e;
	int c, fd, r, escape = 0, status = EXIT_OK;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_console);
		return cli_bad_option(&cmd_console, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(&cmd_console,
				       "which guest? (give its VM id or name)");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_console, "too many arguments");

	r = rundir_find(argv[optind], &e);
	if (r == -EEXIST) {
		cli_error("several guests are named '%s'; give the VM id",
			  argv[optind]);
		return EXIT_RUNTIME;
	}
	if (r < 0) {
		cli_error("no running guest '%s' with a pty or socket console",
			  argv[optind]);
		return EXIT_RUNTIME;
	}
	fd = connect_to(&e);
	if (fd < 0) {
		cli_error("%s: %s", e.path, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
		struct termios t = saved;

		cfmakeraw(&t);
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
			raw = 1;
	}
	fprintf(stderr, PROG ": attached to '%s' (%s); Ctrl-] q detaches%s",
		e.name, e.path, raw ? "\r\n" : "\n");
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = fd, .events = POLLIN },
		};
		unsigned char buf[4096];
		ssize_t n;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents) {
			n = read(fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				restore();
				fprintf(stderr, "\n" PROG ": the console of '%s' "
					"closed\n", e.name);
				break;
			}
			if (put(STDOUT_FILENO, buf, (size_t)n) < 0)
				break;
		}
		if (p[0].revents) {
			r = from_user(fd, &escape);
			if (r) {
				restore();
				if (r > 0)
					fprintf(stderr, "\n" PROG ": detached; "
						"'%s' runs on\n", e.name);
				else
					status = EXIT_RUNTIME;
				break;
			}
		}
	}
	restore();
	close(fd);
	return status;
}
