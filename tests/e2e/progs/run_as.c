// SPDX-License-Identifier: GPL-2.0
/*
 * run_as UID CMD [ARG...]: drop to UID (and the same GID, no supplementary
 * groups, no capabilities) and exec CMD, so e2e tests can check what an
 * unprivileged user may do.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t id;

	if (argc < 3) {
		fprintf(stderr, "usage: run_as UID CMD [ARG...]\n");
		return 2;
	}
	id = (uid_t)strtoul(argv[1], NULL, 0);
	if (setgroups(0, NULL) || setgid(id) || setuid(id)) {
		perror("run_as");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
