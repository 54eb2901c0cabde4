// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl — create, run and watch kvm440 virtual machines.
 * main() only dispatches; each command lives in its own cmd_*.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define VERSION "0.1.0"

static const struct cli_command *const commands[] = {
	&cmd_status, &cmd_monitor, &cmd_stop, &cmd_pause, &cmd_resume,
	&cmd_dump, &cmd_top, &cmd_start, &cmd_check, &cmd_console,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "Usage: %s %s %s\nTry '%s %s --help'.\n", PROG,
			cmd->name, cmd->synopsis, PROG, cmd->name);
	else
		fprintf(stderr, "Try '%s --help'.\n", PROG);
	return EXIT_USAGE;
}

int cli_command_help(const struct cli_command *cmd)
{
	printf("Usage: %s %s %s\n%s\n\n%s", PROG, cmd->name, cmd->synopsis,
	       cmd->summary, cmd->help);
	return cli_finish_stdout(EXIT_OK);
}

int cli_bad_option(const struct cli_command *cmd, int c, char **argv)
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs an argument",
				       opt);
	if (optopt && strncmp(opt, "--", 2))
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", opt);
}

int cli_parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

int cli_finish_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing to standard output: %s",
			  strerror(errno));
		return EXIT_RUNTIME;
	}
	return status;
}

static int main_help(void)
{
	size_t i;

	printf("Usage: %s COMMAND [OPTION]... [ARG]...\n"
	       "Create, run and watch kvm440 virtual machines "
	       "(PowerPC 440 guests).\n\nCommands:\n", PROG);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-8s %s\n", commands[i]->name, commands[i]->summary);
	printf("\nOptions:\n"
	       "  -h, --help     show this help and exit\n"
	       "  -V, --version  show the version and exit\n\n"
	       "'%s COMMAND --help' describes a command.\n"
	       "Exit status: 0 success, 1 runtime failure, "
	       "2 usage, config or image error.\n", PROG);
	return cli_finish_stdout(EXIT_OK);
}

static const struct cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct cli_command *cmd;
	const char *arg = argc > 1 ? argv[1] : NULL;

	if (!arg)
		return cli_usage_error(NULL, "no command given");
	if (!strcmp(arg, "-h") || !strcmp(arg, "--help"))
		return main_help();
	if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
		printf("%s %s (kvm440 API %d)\n", PROG, VERSION,
		       KVM440_API_VERSION);
		return cli_finish_stdout(EXIT_OK);
	}
	if (!strcmp(arg, "help")) {
		if (argc < 3)
			return main_help();
		cmd = find_command(argv[2]);
		if (!cmd)
			return cli_usage_error(NULL, "unknown command '%s'",
					       argv[2]);
		return cli_command_help(cmd);
	}
	if (arg[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", arg);
	cmd = find_command(arg);
	if (!cmd)
		return cli_usage_error(NULL, "unknown command '%s'", arg);
	return cmd->run(argc - 1, argv + 1);
}
