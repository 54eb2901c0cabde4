/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm440ctl: what main.c and the cmd_*.c files share. Only cli/ prints;
 * the library reports through struct kvm440_error.
 */
#ifndef KVM440CTL_CLI_H
#define KVM440CTL_CLI_H

#include <stdint.h>
#include <stdio.h>

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
	cmd_start, cmd_check, cmd_pause, cmd_resume, cmd_dump, cmd_top,
	cmd_console;

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
/*
 * Load @path and check it (kvm440_config_check()): EXIT_OK with *@cfg to
 * free, or EXIT_USAGE after printing the FILE:LINE error.
 */
int cli_load_checked(const char *path, struct kvm440_config **cfg);
/*
 * vmref.c: @arg as a VM argument of @cmd: 0 if it can be an id or a name,
 * else a usage error (EXIT_USAGE).
 */
int cli_check_vm_arg(const struct cli_command *cmd, const char *arg);
/*
 * Open netlink and find the VM @arg names: EXIT_OK with *@nl open, or
 * EXIT_RUNTIME with the error printed and *@nl NULL.
 */
int cli_open_vm(const char *arg, struct kvm440_nl **nl, uint32_t *id);
/* "\"...\"", escaped for JSON, on stdout */
void cli_json_string(const char *s);
/* start --stats --json: {"stats":{NAME:VALUE,...}} and a newline */
void cli_stats_json(FILE *f, const struct kvm440_stats *st);
/* Flush stdout; EXIT_RUNTIME with a message if writing it failed. */
int cli_finish_stdout(int status);


#endif
