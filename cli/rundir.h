/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The per-VM runtime entries through which `kvm440ctl console ID|NAME`
 * finds a running guest's console (rundir.c; docs/guest-cfg.md).
 */
#ifndef KVM440CTL_RUNDIR_H
#define KVM440CTL_RUNDIR_H

#include <stddef.h>
#include <sys/types.h>

enum rundir_kind { RUNDIR_PTY, RUNDIR_SOCKET };

struct rundir_entry {
	char name[64];
	long id;		/* the module's VM id; -1 if unknown */
	pid_t pid;		/* the kvm440ctl start that owns it */
	enum rundir_kind kind;
	char path[1024];	/* the pty or the socket */
};

/* The directory (created 0700 if @create); -1 with a message on failure. */
int rundir_path(char *buf, size_t size, int create);
/* Write this process's entry; 0, or -1 with a message. */
int rundir_publish(const struct rundir_entry *e);
/* Remove this process's entry (idempotent, safe from atexit()). */
void rundir_remove(void);
/*
 * Find the live entry whose id (when @key is a number) or name is @key;
 * 0, -ENOENT, -EEXIST (several by that name) or -1 (no directory).
 * Entries of processes that are gone are deleted on the way.
 */
int rundir_find(const char *key, struct rundir_entry *out);

#endif
