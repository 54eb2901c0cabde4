// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl monitor [--count N] [--timeout SEC] [--json] [VM]: one line
 * per event of the "events" multicast group, flushed as it happens.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_monitor = {
	.name = "monitor",
	.run = run,
	.synopsis = "[--count N] [--timeout SEC] [--json] [VM]",
	.summary = "Print VM events (created, destroyed, ...) as they happen.",
	.help =
	"Each event is one line, e.g. \"paused vm 3 web pid 120\". Runs until\n"
	"interrupted unless --count or --timeout says otherwise. With VM (an\n"
	"id, or a name), only that VM's events; a VM is named after it is\n"
	"created, so its \"created\" event only matches its id.\n\n"
	"Options:\n"
	"  -n, --count N      exit after N events\n"
	"  -j, --json         one JSON object per event and line: event, vm,\n"
	"                     name (if any), pid, data, detail (if any)\n"
	"  -t, --timeout SEC  give up after SEC seconds; with --count, not\n"
	"                     seeing N events by then is a failure (exit 1)\n"
	"  -h, --help         show this help and exit\n",
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static const char *system_event_name(uint32_t type)
{
	switch (type) {
	case KVM440_SYSTEM_SHUTDOWN:		return "shutdown";
	case KVM440_SYSTEM_RESET_CORE:		return "core reset";
	case KVM440_SYSTEM_RESET_CHIP:		return "chip reset";
	case KVM440_SYSTEM_RESET_SYSTEM:	return "system reset";
	case KVM440_SYSTEM_WATCHDOG:		return "watchdog reset";
	default:				return NULL;
	}
}

static const char *internal_error_name(uint32_t code)
{
	switch (code) {
	case KVM440_INTERNAL_EMULATION:		return "emulation failure";
	case KVM440_INTERNAL_HOST_FAULT:	return "host fault";
	case KVM440_INTERNAL_MACHINE_CHECK:	return "machine check";
	default:				return NULL;
	}
}

static void print_event(const struct kvm440_event_info *ev, int json)
{
	const char *what = NULL;

	if (ev->event == KVM440_EV_GUEST_SHUTDOWN)
		what = system_event_name(ev->data);
	else if (ev->event == KVM440_EV_INTERNAL_ERROR)
		what = internal_error_name(ev->data);

	if (json) {
		char num[24];

		snprintf(num, sizeof(num), "event_%" PRIu32, ev->event);
		printf("{\"event\":");
		cli_json_string(strcmp(kvm440_event_name(ev->event),
				       "unknown") ? kvm440_event_name(ev->event)
						  : num);
		printf(",\"vm\":%" PRIu32, ev->vm_id);
		if (ev->name[0]) {
			printf(",\"name\":");
			cli_json_string(ev->name);
		}
		printf(",\"pid\":%" PRIu32 ",\"data\":%" PRIu32,
		       ev->owner_pid, ev->data);
		if (what) {
			printf(",\"detail\":");
			cli_json_string(what);
		}
		printf("}\n");
		return;
	}

	if (!strcmp(kvm440_event_name(ev->event), "unknown"))
		printf("event %" PRIu32, ev->event);
	else
		printf("%s", kvm440_event_name(ev->event));
	printf(" vm %" PRIu32, ev->vm_id);
	if (ev->name[0])
		printf(" %s", ev->name);
	if (ev->owner_pid)
		printf(" pid %" PRIu32, ev->owner_pid);
	if (what)
		printf(" (%s)", what);
	else if (ev->data)
		printf(" (data %" PRIu32 ")", ev->data);
	putchar('\n');
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kvm440_error err = { "" };
	struct kvm440_nl *nl;
	struct sigaction sa;
	uint32_t count = 0, timeout_s = 0, seen = 0;
	int has_count = 0, has_timeout = 0, json = 0;
	const char *which = NULL;
	uint32_t which_id = 0;
	int which_is_id = 0;
	int64_t deadline = 0;
	int c, r, status = EXIT_OK;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":n:t:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cli_parse_u32(optarg, &count) < 0 || count == 0)
				return cli_usage_error(&cmd_monitor,
					"--count needs a positive number, "
					"not '%s'", optarg);
			has_count = 1;
			break;
		case 't':
			if (cli_parse_u32(optarg, &timeout_s) < 0 ||
			    timeout_s > 86400u * 365)
				return cli_usage_error(&cmd_monitor,
					"--timeout needs a number of "
					"seconds, not '%s'", optarg);
			has_timeout = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_command_help(&cmd_monitor);
		default:
			return cli_bad_option(&cmd_monitor, c, argv);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error(&cmd_monitor, "unexpected argument '%s'",
				       argv[optind + 1]);
	if (optind < argc) {
		which = argv[optind];
		r = cli_check_vm_arg(&cmd_monitor, which);
		if (r)
			return r;
		which_is_id = cli_parse_u32(which, &which_id) == 0;
	}

	r = kvm440_nl_open(&nl, &err);
	if (r == 0)
		r = kvm440_nl_subscribe(nl, &err);
	if (r < 0) {
		cli_error("%s", err.msg);
		kvm440_nl_close(nl);
		return EXIT_RUNTIME;
	}

	/* No SA_RESTART: a signal ends the wait with EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (has_timeout)
		deadline = now_ms() + (int64_t)timeout_s * 1000;
	while (!interrupted && (!has_count || seen < count)) {
		struct kvm440_event_info ev;
		int wait = -1;

		if (has_timeout) {
			int64_t left = deadline - now_ms();

			wait = left > 0 ? (int)(left > 0x7fffffff ? 0x7fffffff
								  : left)
					: 0;
		}
		r = kvm440_nl_next_event(nl, wait, &ev, &err);
		if (r == -EINTR)
			continue;	/* the loop checks interrupted */
		if (r == -ENOBUFS) {
			/* Say so and go on: later events still count. */
			cli_error("%s", err.msg);
			continue;
		}
		if (r == -EINVAL) {
			cli_error("%s; skipped", err.msg);
			continue;
		}
		if (r < 0) {
			cli_error("%s", err.msg);
			status = EXIT_RUNTIME;
			break;
		}
		if (r == 0) {	/* --timeout ran out */
			if (has_count) {
				cli_error("timed out after %" PRIu32
					  "s with %" PRIu32 " of %" PRIu32
					  " events", timeout_s, seen, count);
				status = EXIT_RUNTIME;
			}
			break;
		}
		if (which && (which_is_id ? ev.vm_id != which_id
					  : strcmp(ev.name, which)))
			continue;
		print_event(&ev, json);
		seen++;
		if (fflush(stdout) != 0) {
			status = cli_finish_stdout(EXIT_RUNTIME);
			break;
		}
	}
	kvm440_nl_close(nl);
	return cli_finish_stdout(status);
}
