// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl start: the guest's virtio disks and network (libkvm440's
 * kvm440_virtio_*), as a handful of calls cmd_start.c makes at fixed
 * points of the boot. The TAP watcher kicks KVM440_RUN with SIGUSR1, the
 * signal the console reader uses too; its handler does nothing but make
 * RUN return -EINTR.
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "start.h"

static struct kvm440_virtio *virtio;
static pthread_t main_thread;

int start_virtio_open(const struct kvm440_config *cfg, struct kvm440_vm *vm)
{
	struct kvm440_error err = { "" };

	if (kvm440_virtio_create(cfg, vm, &virtio, &err) < 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

static void on_kick(int sig)
{
	(void)sig;
}

static void kick(void *opaque)
{
	(void)opaque;
	pthread_kill(main_thread, SIGUSR1);
}

int start_virtio_attach(struct kvm440_board *board)
{
	struct kvm440_error err = { "" };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */
	main_thread = pthread_self();
	if (kvm440_virtio_attach(virtio, board, kick, NULL, &err) < 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

void start_virtio_poll(void)
{
	kvm440_virtio_poll(virtio);
}

/* --stats: one "stats: virtioN NAME ..." line per device. */
void start_virtio_close(int print_stats)
{
	struct kvm440_virtio_stat st;
	unsigned int i;

	for (i = 0; print_stats &&
	     kvm440_virtio_stats(virtio, i, &st) == 0; i++)
		fprintf(stderr, PROG ": stats: virtio%u %s notifies %" PRIu64
			" irqs %" PRIu64 " in %" PRIu64 " %" PRIu64 "B out %"
			PRIu64 " %" PRIu64 "B flushes %" PRIu64 " errors %"
			PRIu64 "\n", i, st.name, st.notifies, st.irqs,
			st.in_ops, st.in_bytes, st.out_ops, st.out_bytes,
			st.flushes, st.errors);
	kvm440_virtio_destroy(virtio);
	virtio = NULL;
}
