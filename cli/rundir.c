// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Runtime entries for detached consoles. `kvm440ctl start` with
 * console = pty or socket:PATH writes one file per VM, named by its pid,
 * in the runtime directory, and removes it when it exits:
 *
 *   $XDG_RUNTIME_DIR/kvm440/   when XDG_RUNTIME_DIR is set,
 *   /run/kvm440/               for root otherwise,
 *   /tmp/kvm440-UID/           for anyone else (created 0700, and refused
 *                              if another user owns it).
 *
 * Its lines are "name NAME", "id N" (the module's VM id, "-" when netlink
 * could not tell), "pid N" and "pty PATH" or "socket PATH". Files named
 * by pid rather than by VM name: a name may hold any character and two
 * guests may share one; `kvm440ctl console` reads them all. An entry
 * whose process is gone (killed with SIGKILL) is stale and is deleted by
 * the next lookup.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "rundir.h"

static char published[1100];	/* this process's entry, "" if none */

int rundir_path(char *buf, size_t size, int create)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (xdg && *xdg)
		snprintf(buf, size, "%s/kvm440", xdg);
	else if (geteuid() == 0)
		snprintf(buf, size, "/run/kvm440");
	else
		snprintf(buf, size, "/tmp/kvm440-%u", (unsigned int)geteuid());
	if (create && mkdir(buf, 0700) < 0 && errno != EEXIST) {
		cli_error("%s: %s", buf, strerror(errno));
		return -1;
	}
	if (stat(buf, &st) < 0) {
		if (create)
			cli_error("%s: %s", buf, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		cli_error("%s: not a directory of this user's", buf);
		return -1;
	}
	return 0;
}

int rundir_publish(const struct rundir_entry *e)
{
	char dir[1024], tmp[sizeof(published) + 8];
	FILE *f;

	if (rundir_path(dir, sizeof(dir), 1) < 0)
		return -1;
	snprintf(published, sizeof(published), "%s/%d", dir, (int)getpid());
	snprintf(tmp, sizeof(tmp), "%s.tmp", published);
	f = fopen(tmp, "w");
	if (!f) {
		cli_error("%s: %s", tmp, strerror(errno));
		published[0] = '\0';
		return -1;
	}
	fprintf(f, "name %s\n", e->name);
	if (e->id >= 0)
		fprintf(f, "id %ld\n", e->id);
	else
		fprintf(f, "id -\n");
	fprintf(f, "pid %d\n%s %s\n", (int)e->pid,
		e->kind == RUNDIR_PTY ? "pty" : "socket", e->path);
	/* whole or not at all: a reader never sees half an entry */
	if (fclose(f) != 0 || rename(tmp, published) < 0) {
		cli_error("%s: %s", published, strerror(errno));
		unlink(tmp);
		published[0] = '\0';
		return -1;
	}
	return 0;
}

void rundir_remove(void)
{
	if (published[0])
		unlink(published);
	published[0] = '\0';
}

static int read_entry(const char *path, struct rundir_entry *e)
{
	char line[1200];
	FILE *f = fopen(path, "r");
	int have = 0;

	if (!f)
		return -1;
	memset(e, 0, sizeof(*e));
	e->id = -1;
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ' ');

		line[strcspn(line, "\n")] = '\0';
		if (!v)
			continue;
		*v++ = '\0';
		if (!strcmp(line, "name")) {
			snprintf(e->name, sizeof(e->name), "%s", v);
		} else if (!strcmp(line, "id")) {
			e->id = strcmp(v, "-") ? strtol(v, NULL, 10) : -1;
		} else if (!strcmp(line, "pid")) {
			e->pid = (pid_t)strtol(v, NULL, 10);
		} else if (!strcmp(line, "pty") || !strcmp(line, "socket")) {
			e->kind = line[0] == 'p' ? RUNDIR_PTY : RUNDIR_SOCKET;
			snprintf(e->path, sizeof(e->path), "%s", v);
			have = 1;
		}
	}
	fclose(f);
	return have && e->pid > 0 ? 0 : -1;
}

/* How many live entries have id @id (@by_id) or name @key; the last in @out. */
static int scan(const char *key, int by_id, uint32_t id,
		struct rundir_entry *out)
{
	char dir[1024], path[1400];
	struct rundir_entry e;
	struct dirent *d;
	int found = 0;
	DIR *dp;

	if (rundir_path(dir, sizeof(dir), 0) < 0)
		return -1;
	dp = opendir(dir);
	if (!dp)
		return -1;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.' || strstr(d->d_name, ".tmp"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (read_entry(path, &e) < 0)
			continue;
		if (kill(e.pid, 0) < 0 && errno == ESRCH) {
			unlink(path);	/* its kvm440ctl died without cleanup */
			continue;
		}
		if (by_id ? e.id == (long)id : !strcmp(e.name, key)) {
			found++;
			*out = e;
		}
	}
	closedir(dp);
	return found;
}

int rundir_find(const char *key, struct rundir_entry *out)
{
	uint32_t id;
	int n = 0;

	/* an id first; a guest may also be named "42" */
	if (cli_parse_u32(key, &id) == 0)
		n = scan(key, 1, id, out);
	if (n == 0)
		n = scan(key, 0, 0, out);
	if (n < 0)
		return -1;
	return !n ? -ENOENT : n > 1 ? -EEXIST : 0;
}
