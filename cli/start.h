/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What cmd_start.c (options, the run) shares with start_console.c (the
 * terminal and console input), start_panic.c (the panic watch) and
 * start_stats.c (--stats).
 */
#ifndef KVM440CTL_START_H
#define KVM440CTL_START_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* A Linux guest's panic line, watched for in the console output. */
struct panic_watch {
	char line[256];		/* the output line being written */
	size_t len;
	int panicked;		/* line holds the panic line */
};
/* Feed console output; stops looking after the first panic line. */
void panic_watch_feed(struct panic_watch *w, const uint8_t *buf, size_t len);
/* The panic line from its "Kernel panic" on, or NULL before a panic. */
const char *panic_watch_line(const struct panic_watch *w);

#define CONSOLE_INPUT_BUF 4096

struct console {
	int out_fd;		/* -1: output discarded */
	int close_out;
	int in_fd;		/* what the reader thread reads */
	int in_pipe[2];		/* reader thread -> run loop; -1 without input */
	pthread_t reader, main_thread;
	int have_reader;
	atomic_int kick;	/* input waits in the pipe: keep kicking RUN */
	uint8_t buf[CONSOLE_INPUT_BUF];	/* read, not yet in the UART */
	size_t head, len;
	int escape;		/* the last input byte was Ctrl-A */
	struct panic_watch panic;
	struct kvm440_board *board;
	const char *name;
	volatile sig_atomic_t *stop_signal;	/* set by SIGINT & co. */
	struct kvm440_gdb *gdb;	/* --gdb, polled before every RUN; or NULL */
};

/*
 * Set up the console the config asks for (stdio: raw terminal and a
 * reader thread; pty, socket: console_endpoint.c and a reader thread). EXIT_OK, or EXIT_USAGE/EXIT_RUNTIME after a message.
 */
int console_open(struct console *c, const struct kvm440_config *cfg,
		 volatile sig_atomic_t *stop_signal);
/* Restore the terminal; idempotent. */
void console_close(struct console *c);
/* The board's ops: output, log lines. */
void console_out(void *opaque, const uint8_t *buf, size_t len);
void console_log(void *opaque, const char *msg);
/* kvm440_board_run()'s poll hook: signals, panic, input, Ctrl-A X, gdb. */
int console_poll(void *opaque, int halted, struct kvm440_board_exit *out);

/* --stats, as lines or (@json) as one JSON object */
void show_stats(struct kvm440_vm *vm, int json);

/*
 * start_virtio.c: the guest's virtio disks and network, opened after
 * kvm440_boot(), put on the board before the run, polled before every RUN
 * and closed (with their --stats lines) after it. -1 after a message.
 */
int start_virtio_open(const struct kvm440_config *cfg, struct kvm440_vm *vm);
int start_virtio_attach(struct kvm440_board *board);
void start_virtio_poll(void);
void start_virtio_close(int print_stats);

#endif
