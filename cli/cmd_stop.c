// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl stop ID: netlink STOP_VM, which makes the VM's KVM440_RUN
 * return KVM440_EXIT_STOPPED to its owner.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_stop = {
	.name = "stop",
	.run = run,
	.synopsis = "ID",
	.summary = "Ask VM ID to stop; its owner's run loop returns.",
	.help =
	"Needs CAP_NET_ADMIN. The VM itself is destroyed by its owner, e.g.\n"
	"'kvm440ctl start' exits when its VM is stopped.\n\n"
	"Options:\n"
	"  -h, --help   show this help and exit\n",
};

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kvm440_error err = { "" };
	struct kvm440_nl *nl;
	uint32_t id;
	int c, r;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_stop);
		return cli_bad_option(&cmd_stop, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(&cmd_stop, "which VM? (give its ID)");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_stop, "too many arguments");
	if (cli_parse_u32(argv[optind], &id) < 0)
		return cli_usage_error(&cmd_stop, "'%s' is not a VM id",
				       argv[optind]);

	r = kvm440_nl_open(&nl, &err);
	if (r == 0) {
		r = kvm440_nl_stop_vm(nl, id, &err);
		kvm440_nl_close(nl);
	}
	if (r < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
