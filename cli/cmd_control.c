// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl stop|pause|resume VM: netlink STOP_VM, PAUSE_VM, RESUME_VM,
 * allowed to the VM's owner (the user who created it) and to
 * CAP_NET_ADMIN. Stop makes the VM's KVM440_RUN return
 * KVM440_EXIT_STOPPED to its owner; pause keeps the guest from running
 * until resume.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv);

#define WHO "Allowed to the VM's owner (the user who started it) and to\n" \
	"CAP_NET_ADMIN. VM is a VM id or name, as 'kvm440ctl status' shows.\n"
#define OPTS "Options:\n  -h, --help   show this help and exit\n"

const struct cli_command cmd_stop = {
	.name = "stop",
	.run = run,
	.synopsis = "VM",
	.summary = "Ask VM to stop; its owner's run loop returns.",
	.help = WHO
	"The VM itself is destroyed by its owner, e.g. 'kvm440ctl start'\n"
	"exits when its VM is stopped. A paused VM stops too.\n\n" OPTS,
};

const struct cli_command cmd_pause = {
	.name = "pause",
	.run = run,
	.synopsis = "VM",
	.summary = "Stop running VM's guest until 'kvm440ctl resume'.",
	.help = WHO
	"The guest's clock (the host's timebase) goes on; timer interrupts\n"
	"due meanwhile arrive once at resume and its watchdog does not\n"
	"count while paused. Pausing a paused VM changes nothing.\n\n" OPTS,
};

const struct cli_command cmd_resume = {
	.name = "resume",
	.run = run,
	.synopsis = "VM",
	.summary = "Let a paused VM's guest run again.",
	.help = WHO "Resuming a VM that is not paused changes nothing.\n\n"
	OPTS,
};

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *cmd = argv[0][0] == 's' ? &cmd_stop :
					argv[0][0] == 'p' ? &cmd_pause :
							    &cmd_resume;
	struct kvm440_error err = { "" };
	struct kvm440_nl *nl;
	uint32_t id;
	int c, r;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(cmd);
		return cli_bad_option(cmd, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(cmd, "which VM? (give its id or name)");
	if (argc - optind > 1)
		return cli_usage_error(cmd, "too many arguments");
	r = cli_check_vm_arg(cmd, argv[optind]);
	if (r)
		return r;

	r = cli_open_vm(argv[optind], &nl, &id);
	if (r)
		return r;
	if (cmd == &cmd_stop)
		r = kvm440_nl_stop_vm(nl, id, &err);
	else if (cmd == &cmd_pause)
		r = kvm440_nl_pause_vm(nl, id, &err);
	else
		r = kvm440_nl_resume_vm(nl, id, &err);
	kvm440_nl_close(nl);
	if (r < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
