// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl start's console: UART0's output goes where the config's
 * console says; with console = stdio, standard input feeds UART0 (a reader
 * thread kicks KVM440_RUN with SIGUSR1 when input arrives), the terminal
 * is in raw mode while the guest runs and is restored on every way out,
 * and Ctrl-A X stops the guest (Ctrl-A Ctrl-A sends a Ctrl-A); console =
 * pty and socket:PATH work the same on console_endpoint.c's end, which
 * kvm440ctl console attaches to, with no raw mode here. The output
 * also feeds the panic watch (start_panic.c); it carries what the
 * module's in-kernel console queued (config key console_fast) too.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "console_endpoint.h"
#include "start.h"

#define CTRL_A		0x01

static struct termios saved_tio;
static volatile sig_atomic_t tty_raw;

/* Idempotent; also registered with atexit(). */
static void restore_tty(void)
{
	if (tty_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		tty_raw = 0;
	}
}

static void raw_tty(void)
{
	static int registered;
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio) < 0)
		return;
	t = saved_tio;
	cfmakeraw(&t);
	if (!registered) {
		atexit(restore_tty);
		registered = 1;
	}
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
		tty_raw = 1;
}

/* A message while the guest runs: "\r\n" since the tty may be raw. */
void console_log(void *opaque, const char *msg)
{
	(void)opaque;
	fprintf(stderr, PROG ": %s%s", msg, tty_raw ? "\r\n" : "\n");
}

static void write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;		/* a closed terminal loses output */
		buf += n;
		len -= (size_t)n;
	}
}

void console_out(void *opaque, const uint8_t *buf, size_t len)
{
	struct console *c = opaque;

	if (c->out_fd >= 0)
		write_all(c->out_fd, buf, len);
	panic_watch_feed(&c->panic, buf, len);
}

static void on_kick(int sig)
{
	(void)sig;	/* only there to make KVM440_RUN return -EINTR */
}

/*
 * Standard input to the pipe. RUN is kicked with SIGUSR1 until the run
 * loop has emptied the pipe, so input that arrives just before the loop
 * enters RUN is not left waiting for the guest's next exit.
 */
static void *reader(void *arg)
{
	struct console *c = arg;
	uint8_t buf[256];

	for (;;) {
		ssize_t n = read(c->in_fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		write_all(c->in_pipe[1], buf, (size_t)n);
		atomic_store(&c->kick, 1);
		while (atomic_load(&c->kick)) {
			pthread_kill(c->main_thread, SIGUSR1);
			usleep(20000);
		}
	}
	return NULL;
}

int console_open(struct console *c, const struct kvm440_config *cfg,
		 volatile sig_atomic_t *stop_signal)
{
	struct sigaction sa;
	const char *path;

	memset(c, 0, sizeof(*c));
	c->out_fd = -1;
	c->in_pipe[0] = c->in_pipe[1] = -1;
	c->name = kvm440_config_name(cfg);
	c->stop_signal = stop_signal;
	switch (kvm440_config_console(cfg, &path)) {
	case KVM440_CONSOLE_NONE:
		return EXIT_OK;
	case KVM440_CONSOLE_FILE:
		c->out_fd = open(path, O_WRONLY | O_APPEND | O_CREAT |
				 O_CLOEXEC, 0644);
		if (c->out_fd < 0) {
			/* a config error, as kvm440_config_check() words it */
			cli_error("%s:%u: console: %s: %s",
				  kvm440_config_file(cfg),
				  kvm440_config_line(cfg, "console"), path,
				  strerror(errno));
			return EXIT_USAGE;
		}
		c->close_out = 1;
		return EXIT_OK;
	case KVM440_CONSOLE_PTY:
	case KVM440_CONSOLE_SOCKET:
		c->out_fd = c->in_fd = console_endpoint_open(cfg);
		if (c->out_fd < 0)
			return EXIT_RUNTIME;
		break;
	case KVM440_CONSOLE_STDIO:
		c->out_fd = STDOUT_FILENO;
		c->in_fd = STDIN_FILENO;
		raw_tty();
		break;
	}
	if (pipe2(c->in_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		cli_error("pipe: %s", strerror(errno));
		return EXIT_RUNTIME;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */
	c->main_thread = pthread_self();
	if (pthread_create(&c->reader, NULL, reader, c) == 0) {
		c->have_reader = 1;
		pthread_detach(c->reader);	/* may sit in read() forever */
	}
	return EXIT_OK;
}

void console_close(struct console *c)
{
	restore_tty();
	if (c->have_reader) {
		/* the reader may be blocked in read(): leave it to exit() */
		atomic_store(&c->kick, 0);
		c->have_reader = 0;
	}
	if (c->close_out)
		close(c->out_fd);
	c->close_out = 0;
	c->out_fd = -1;
	console_endpoint_close();	/* pty, socket: nothing otherwise */
}

/* Move input into UART0; 1 if Ctrl-A X asked to stop. */
static int console_input(struct console *c)
{
	for (;;) {
		ssize_t n;

		while (c->len) {
			uint8_t b = c->buf[c->head], pair[2] = { CTRL_A, 0 };

			if (c->escape) {
				if (b == 'x' || b == 'X')
					return 1;
				pair[1] = b;
				/* Ctrl-A Ctrl-A is one Ctrl-A; else both */
				if (kvm440_uart_rx_room(kvm440_board_uart(
					    c->board, 0)) < (b == CTRL_A ? 1u : 2u))
					return 0;
				kvm440_board_console_input(c->board,
					b == CTRL_A ? pair + 1 : pair,
					b == CTRL_A ? 1 : 2);
				c->escape = 0;
			} else if (b == CTRL_A) {
				c->escape = 1;
			} else if (!kvm440_board_console_input(c->board, &b,
							       1)) {
				return 0;	/* FIFO full: later */
			}
			c->head++;
			c->len--;
		}
		c->head = 0;
		if (c->in_pipe[0] < 0)
			return 0;
		n = read(c->in_pipe[0], c->buf, sizeof(c->buf));
		if (n <= 0) {
			atomic_store(&c->kick, 0);	/* pipe is empty */
			return 0;
		}
		c->len = (size_t)n;
	}
}

int console_poll(void *opaque, int halted, struct kvm440_board_exit *out)
{
	struct console *c = opaque;
	const char *panic = panic_watch_line(&c->panic);

	if (*c->stop_signal) {
		out->end = KVM440_END_STOPPED;
		snprintf(out->msg, sizeof(out->msg),
			 "VM '%s' stopped by signal %d", c->name,
			 (int)*c->stop_signal);
		return 1;
	}
	start_virtio_poll();
	if (panic) {
		out->end = KVM440_END_ERROR;
		snprintf(out->msg, sizeof(out->msg), "guest '%s' panicked: %s",
			 c->name, panic);
		return 1;
	}
	if (console_input(c)) {
		out->end = KVM440_END_STOPPED;
		snprintf(out->msg, sizeof(out->msg),
			 "VM '%s' stopped from the console (Ctrl-A X)",
			 c->name);
		return 1;
	}
	if (c->gdb && kvm440_gdb_poll(c->gdb, c->stop_signal, out))
		return 1;
	if (halted) {
		/* idle guest: wait a little for input rather than spin */
		struct pollfd p = { .fd = c->in_pipe[0], .events = POLLIN };

		if (c->in_pipe[0] >= 0)
			poll(&p, 1, 10);
		else
			usleep(10000);
	}
	return 0;
}
