// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl status [--json] [VM]: the VMs the module knows about, from the
 * "kvm440" netlink family, as a table or as one JSON object.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_status = {
	.name = "status",
	.run = run,
	.synopsis = "[--json] [VM]",
	.summary = "List the VMs (or VM, an id or name) with their counters.",
	.help =
	"The table has one line per VM: its id, name ('-' if it has none),\n"
	"the owner's pid, guest memory, state, uptime, total exits and every\n"
	"other non-zero counter.\n\n"
	"Options:\n"
	"  -j, --json   print one JSON object, {\"vms\": [...]}, with every\n"
	"               field and a \"stats\" object keyed by counter name\n"
	"  -h, --help   show this help and exit\n",
};

/* "8M", "1G", "1536K" or, failing all, bytes. */
static void fmt_size(char *buf, size_t len, uint64_t bytes)
{
	static const struct { uint64_t unit; char suffix; } units[] = {
		{ 1ull << 40, 'T' }, { 1ull << 30, 'G' },
		{ 1ull << 20, 'M' }, { 1ull << 10, 'K' },
	};
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (bytes && bytes % units[i].unit == 0) {
			snprintf(buf, len, "%" PRIu64 "%c",
				 bytes / units[i].unit, units[i].suffix);
			return;
		}
	}
	snprintf(buf, len, "%" PRIu64, bytes);
}

/* "H:MM:SS", with days in front when there are any. */
static void fmt_uptime(char *buf, size_t len, uint64_t ms)
{
	uint64_t s = ms / 1000;

	if (s >= 86400)
		snprintf(buf, len, "%" PRIu64 "d%02u:%02u:%02u", s / 86400,
			 (unsigned)(s % 86400 / 3600),
			 (unsigned)(s % 3600 / 60), (unsigned)(s % 60));
	else
		snprintf(buf, len, "%u:%02u:%02u", (unsigned)(s / 3600),
			 (unsigned)(s % 3600 / 60), (unsigned)(s % 60));
}

struct status {
	int json;
	unsigned int count;
};

static void print_header(void)
{
	printf("%-4s %-12s %-7s %-7s %-9s %-10s %-10s %s\n", "ID", "NAME",
	       "PID", "MEMORY", "STATE", "UPTIME", "EXITS", "COUNTERS");
}

static void print_row(const struct kvm440_vm_info *vm)
{
	char mem[32], up[32];
	uint64_t exits = vm->nstats > KVM440_STAT_EXITS ?
			 vm->stats[KVM440_STAT_EXITS] : 0;
	const char *sep = "";
	unsigned int i;

	fmt_size(mem, sizeof(mem), vm->mem_size);
	fmt_uptime(up, sizeof(up), vm->uptime_ms);
	printf("%-4" PRIu32 " %-12s %-7" PRIu32 " %-7s %-9s %-10s %-10" PRIu64
	       " ", vm->id, vm->name[0] ? vm->name : "-", vm->owner_pid, mem,
	       kvm440_vm_state_name(vm->state), up, exits);
	for (i = 0; i < vm->nstats && i < KVM440_STATS_MAX; i++) {
		if (i == KVM440_STAT_EXITS || !vm->stats[i])
			continue;
		if (i < KVM440_STAT_NR)
			printf("%s%s=%" PRIu64, sep, kvm440_stat_name(i),
			       vm->stats[i]);
		else
			printf("%sstat_%u=%" PRIu64, sep, i, vm->stats[i]);
		sep = " ";
	}
	if (!*sep)
		putchar('-');
	putchar('\n');
}

static void print_json(const struct kvm440_vm_info *vm, int first)
{
	unsigned int i;

	printf("%s{\"id\":%" PRIu32 ",\"owner_pid\":%" PRIu32
	       ",\"mem_size\":%" PRIu64 ",\"state\":", first ? "" : ",",
	       vm->id, vm->owner_pid, vm->mem_size);
	cli_json_string(kvm440_vm_state_name(vm->state));
	printf(",\"vcpus\":%" PRIu32 ",\"uptime_ms\":%" PRIu64 ",",
	       vm->vcpus, vm->uptime_ms);
	/* appended fields: older readers match the leading ones */
	if (vm->name[0]) {
		printf("\"name\":");
		cli_json_string(vm->name);
		putchar(',');
	}
	if (vm->has_owner_uid)
		printf("\"owner_uid\":%" PRIu32 ",", vm->owner_uid);
	printf("\"stats\":{");
	for (i = 0; i < vm->nstats && i < KVM440_STATS_MAX; i++) {
		if (i)
			putchar(',');
		if (i < KVM440_STAT_NR)
			cli_json_string(kvm440_stat_name(i));
		else
			printf("\"stat_%u\"", i);
		printf(":%" PRIu64, vm->stats[i]);
	}
	printf("}}");
}

static int show(const struct kvm440_vm_info *vm, void *arg)
{
	struct status *st = arg;

	if (st->json) {
		if (st->count == 0)
			printf("{\"vms\":[");
		print_json(vm, st->count == 0);
	} else {
		if (st->count == 0)
			print_header();
		print_row(vm);
	}
	st->count++;
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct status st = { 0 };
	struct kvm440_error err = { "" };
	struct kvm440_nl *nl;
	struct kvm440_vm_info vm;
	uint32_t id = 0;
	const char *which = NULL;
	int c, r;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			st.json = 1;
			break;
		case 'h':
			return cli_command_help(&cmd_status);
		default:
			return cli_bad_option(&cmd_status, c, argv);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error(&cmd_status, "too many arguments");
	if (argc - optind == 1) {
		which = argv[optind];
		r = cli_check_vm_arg(&cmd_status, which);
		if (r)
			return r;
	}

	if (which) {
		r = cli_open_vm(which, &nl, &id);
		if (r)
			return r;
	} else if (kvm440_nl_open(&nl, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	if (which) {
		r = kvm440_nl_get_vm(nl, id, &vm, &err);
		if (r == 0)
			show(&vm, &st);
	} else {
		r = kvm440_nl_list_vms(nl, show, &st, &err);
	}
	kvm440_nl_close(nl);
	if (r < 0) {
		if (st.json && st.count)	/* keep what was printed valid */
			printf("]}\n");
		cli_error("%s", err.msg);
		return cli_finish_stdout(EXIT_RUNTIME);
	}
	if (st.json)
		printf("%s]}\n", st.count ? "" : "{\"vms\":[");
	else if (st.count == 0)
		printf("no VMs\n");
	return cli_finish_stdout(EXIT_OK);
}
