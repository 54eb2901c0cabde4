// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl top [--interval SEC] [--count N] [--json] [VM]: every
 * interval, each VM's exits per second by reason, from the counters the
 * netlink family reports (like kvm_stat).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_top = {
	.name = "top",
	.run = run,
	.synopsis = "[--interval SEC] [--count N] [--json] [VM]",
	.summary = "Show each VM's exits per second by reason, live.",
	.help =
	"Every interval, for each VM (or VM, an id or name): its total exits\n"
	"per second, then every counter that moved, by rate, with its total.\n"
	"The first figures come one interval after the start. On a terminal\n"
	"the screen is redrawn; otherwise samples follow one another.\n\n"
	"Options:\n"
	"  -i, --interval SEC  seconds between samples (default 1)\n"
	"  -n, --count N       exit after N samples\n"
	"  -j, --json          one JSON object per sample and line:\n"
	"                      {\"interval_ms\":..,\"vms\":[{\"id\":..,\"name\":..,\n"
	"                      \"state\":..,\"exits_per_sec\":..,\"rates\":{..},\n"
	"                      \"totals\":{..}}]}\n"
	"  -h, --help          show this help and exit\n",
};

#define MAX_VMS 256	/* far above the module's max_vms */

struct sample {
	unsigned int n;
	struct kvm440_vm_info vm[MAX_VMS];
};

struct filter {
	struct sample *s;
	const char *name;	/* NULL: every VM, or by id */
	uint32_t id;
	int by_id;
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int collect(const struct kvm440_vm_info *vm, void *arg)
{
	struct filter *f = arg;

	if (f->by_id && vm->id != f->id)
		return 0;
	if (f->name && strcmp(vm->name, f->name))
		return 0;
	if (f->s->n < MAX_VMS)
		f->s->vm[f->s->n++] = *vm;
	return 0;
}

/* the same VM in the previous sample: same id, no younger */
static const struct kvm440_vm_info *before(const struct sample *prev,
					   const struct kvm440_vm_info *vm)
{
	unsigned int i;

	for (i = 0; i < prev->n; i++)
		if (prev->vm[i].id == vm->id &&
		    prev->vm[i].uptime_ms <= vm->uptime_ms)
			return &prev->vm[i];
	return NULL;
}

static const char *stat_label(unsigned int i, char *buf, size_t len)
{
	if (i < KVM440_STAT_NR)
		return kvm440_stat_name(i);
	snprintf(buf, len, "stat_%u", i);
	return buf;
}

/* the aggregates that are not a reason: exits, light, heavy */
static int is_reason(unsigned int i)
{
	return i != KVM440_STAT_EXITS && i != KVM440_STAT_LIGHT_EXITS &&
	       i != KVM440_STAT_HEAVY_EXITS;
}

static uint64_t rate(uint64_t delta, int64_t ms)
{
	return ms > 0 ? (delta * 1000 + (uint64_t)ms / 2) / (uint64_t)ms : 0;
}

struct row {
	unsigned int stat;
	uint64_t rate;
};

static int by_rate(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->rate != y->rate)
		return x->rate < y->rate ? 1 : -1;
	return (int)x->stat - (int)y->stat;
}

/* the counters that moved, fastest first; returns how many */
static unsigned int moved(const struct kvm440_vm_info *vm,
			  const struct kvm440_vm_info *old, int64_t ms,
			  struct row *rows)
{
	unsigned int i, n = 0;

	for (i = 0; i < vm->nstats && i < KVM440_STATS_MAX; i++) {
		uint64_t d = i < old->nstats && vm->stats[i] >= old->stats[i] ?
			     vm->stats[i] - old->stats[i] : 0;

		if (d && is_reason(i)) {
			rows[n].stat = i;
			rows[n++].rate = rate(d, ms);
		}
	}
	qsort(rows, n, sizeof(*rows), by_rate);
	return n;
}

static uint64_t exits_rate(const struct kvm440_vm_info *vm,
			   const struct kvm440_vm_info *old, int64_t ms)
{
	if (vm->nstats <= KVM440_STAT_EXITS || old->nstats <= KVM440_STAT_EXITS ||
	    vm->stats[KVM440_STAT_EXITS] < old->stats[KVM440_STAT_EXITS])
		return 0;
	return rate(vm->stats[KVM440_STAT_EXITS] -
		    old->stats[KVM440_STAT_EXITS], ms);
}

static void show_text(const struct sample *cur, const struct sample *prev,
		      int64_t ms, int tty)
{
	struct row rows[KVM440_STATS_MAX];
	unsigned int i, j, n;
	char buf[24];

	if (tty)
		printf("\033[H\033[J");
	printf("kvm440ctl top: %u VM%s, over %" PRId64 " ms\n", cur->n,
	       cur->n == 1 ? "" : "s", ms);
	for (i = 0; i < cur->n; i++) {
		const struct kvm440_vm_info *vm = &cur->vm[i];
		const struct kvm440_vm_info *old = before(prev, vm);

		printf("\nvm %" PRIu32 " %s (%s): ", vm->id,
		       vm->name[0] ? vm->name : "-",
		       kvm440_vm_state_name(vm->state));
		if (!old) {
			printf("new, rates next time\n");
			continue;
		}
		printf("%" PRIu64 " exits/s\n", exits_rate(vm, old, ms));
		n = moved(vm, old, ms, rows);
		if (n)
			printf("  %-14s %10s %14s\n", "REASON", "PER SEC",
			       "TOTAL");
		for (j = 0; j < n; j++)
			printf("  %-14s %10" PRIu64 " %14" PRIu64 "\n",
			       stat_label(rows[j].stat, buf, sizeof(buf)),
			       rows[j].rate, vm->stats[rows[j].stat]);
	}
}

static void show_json(const struct sample *cur, const struct sample *prev,
		      int64_t ms)
{
	struct row rows[KVM440_STATS_MAX];
	unsigned int i, j, n;
	char buf[24];

	printf("{\"interval_ms\":%" PRId64 ",\"vms\":[", ms);
	for (i = 0; i < cur->n; i++) {
		const struct kvm440_vm_info *vm = &cur->vm[i];
		const struct kvm440_vm_info *old = before(prev, vm);

		printf("%s{\"id\":%" PRIu32 ",\"name\":", i ? "," : "",
		       vm->id);
		cli_json_string(vm->name);
		printf(",\"state\":");
		cli_json_string(kvm440_vm_state_name(vm->state));
		if (old) {
			printf(",\"exits_per_sec\":%" PRIu64 ",\"rates\":{",
			       exits_rate(vm, old, ms));
			n = moved(vm, old, ms, rows);
			for (j = 0; j < n; j++) {
				printf("%s", j ? "," : "");
				cli_json_string(stat_label(rows[j].stat, buf,
							   sizeof(buf)));
				printf(":%" PRIu64, rows[j].rate);
			}
			putchar('}');
		}
		printf(",\"totals\":{");
		for (j = 0; j < vm->nstats && j < KVM440_STATS_MAX; j++) {
			printf("%s", j ? "," : "");
			cli_json_string(stat_label(j, buf, sizeof(buf)));
			printf(":%" PRIu64, vm->stats[j]);
		}
		printf("}}");
	}
	printf("]}\n");
}

static int sample(struct kvm440_nl *nl, struct filter *f, struct sample *s)
{
	struct kvm440_error err = { "" };

	s->n = 0;
	f->s = s;
	if (kvm440_nl_list_vms(nl, collect, f, &err) < 0) {
		cli_error("%s", err.msg);
		return -1;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sample a, b;
	struct sample *cur = &a, *prev = &b, *t;
	struct kvm440_error err = { "" };
	struct filter f = { 0 };
	struct kvm440_nl *nl;
	struct sigaction sa;
	uint32_t interval = 1, count = 0, shown = 0;
	int c, r, json = 0, tty, status = EXIT_OK;
	int64_t t0, t1;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":i:n:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (cli_parse_u32(optarg, &interval) < 0 ||
			    interval == 0 || interval > 3600)
				return cli_usage_error(&cmd_top,
					"--interval needs 1 to 3600 seconds, "
					"not '%s'", optarg);
			break;
		case 'n':
			if (cli_parse_u32(optarg, &count) < 0 || count == 0)
				return cli_usage_error(&cmd_top,
					"--count needs a positive number, "
					"not '%s'", optarg);
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_command_help(&cmd_top);
		default:
			return cli_bad_option(&cmd_top, c, argv);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error(&cmd_top, "too many arguments");
	if (optind < argc) {
		r = cli_check_vm_arg(&cmd_top, argv[optind]);
		if (r)
			return r;
		if (cli_parse_u32(argv[optind], &f.id) == 0)
			f.by_id = 1;
		else
			f.name = argv[optind];
	}
	if (kvm440_nl_open(&nl, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	tty = !json && isatty(STDOUT_FILENO);
	t0 = now_ms();
	if (sample(nl, &f, prev) < 0) {
		kvm440_nl_close(nl);
		return EXIT_RUNTIME;
	}
	while (!interrupted && (!count || shown < count)) {
		struct timespec ts = { .tv_sec = interval };

		/* a signal cuts the sleep short and ends the loop */
		if (nanosleep(&ts, NULL) < 0 && errno == EINTR)
			break;
		t1 = now_ms();
		if (sample(nl, &f, cur) < 0) {
			status = EXIT_RUNTIME;
			break;
		}
		if (json)
			show_json(cur, prev, t1 - t0);
		else
			show_text(cur, prev, t1 - t0, tty);
		if (fflush(stdout) != 0)
			break;
		shown++;
		t = prev;
		prev = cur;
		cur = t;
		t0 = t1;
	}
	kvm440_nl_close(nl);
	return cli_finish_stdout(status);
}
