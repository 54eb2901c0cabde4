// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl check GUEST.CFG: everything start does before it opens
 * /dev/kvm440 (kvm440_config_check()), so a config can be tried on a
 * machine without the module, and start fails the same way.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_check = {
	.name = "check",
	.run = run,
	.synopsis = "[--quiet] GUEST.CFG",
	.summary = "Check a guest config and the files it names, without "
		   "running it.",
	.help =
	"Parses the config and loads the kernel, the initrd and the device\n"
	"tree exactly as 'start' would (every bound checked, nothing copied),\n"
	"without the kvm440 module: the same FILE:LINE errors, exit 2. When\n"
	"the module is loaded, memory is also held to its max_vm_mem_mb. On\n"
	"success prints \"GUEST.CFG: ok\" and exits 0.\n\n"
	"Options:\n"
	"  -q, --quiet     print nothing on success\n"
	"  -h, --help      show this help and exit\n",
};

int cli_load_checked(const char *path, struct kvm440_config **cfg)
{
	struct kvm440_error err = { "" };

	if (kvm440_config_load(path, cfg, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_USAGE;
	}
	if (kvm440_config_check(*cfg, &err) < 0) {
		cli_error("%s", err.msg);
		kvm440_config_free(*cfg);
		*cfg = NULL;
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct kvm440_config *cfg;
	int c, quiet = 0, status;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":hq", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_check);
		if (c == 'q') {
			quiet = 1;
			continue;
		}
		return cli_bad_option(&cmd_check, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(&cmd_check, "no guest config given");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_check, "too many arguments");
	status = cli_load_checked(argv[optind], &cfg);
	if (status != EXIT_OK)
		return status;
	kvm440_config_free(cfg);
	if (!quiet)
		printf("%s: ok\n", argv[optind]);
	return cli_finish_stdout(EXIT_OK);
}
