/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm440ctl: what main.c and the cmd_*.c files share. Only cli/ prints;
 * the library reports through struct kvm440_error.
 */
#ifndef KVM440CTL_CLI_H
#define KVM440CTL_CLI_H

#include <stdint.h>

#include "kvm440.h"

#define PROG "kvm440ctl"

/* Exit status, as kvm440ctl(1) documents it. */
#define EXIT_OK		0
#define EXIT_RUNTIME	1	/* the operation failed */
#define EXIT_USAGE	2	/* bad arguments, config or guest image */

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
	const char *synopsis;			/* after "kvm440ctl NAME" */
	const char *summary;			/* one line for --help */
	const char *help;			/* the command's --help body */
};

extern const struct cli_command cmd_status, cmd_monitor, cmd_stop,
	cmd_start, cmd_console;

/* "kvm440ctl: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A usage error in @cmd (NULL: no command): the message, then a pointer to
 * --help, on stderr. Returns EXIT_USAGE.
 */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The command's --help text on stdout. Returns EXIT_OK. */
int cli_command_help(const struct cli_command *cmd);
/*
 * getopt_long() returned '?' or ':' (the option string starts with ':'):
 * word the problem and return EXIT_USAGE.
 */
int cli_bad_option(const struct cli_command *cmd, int c, char **argv);
/* A decimal number that fits 32 bits, nothing else; 0 or -EINVAL. */
int cli_parse_u32(const char *s, uint32_t *out);
/* Flush stdout; EXIT_RUNTIME with a message if writing it failed. */
int cli_finish_stdout(int status);

#endif
