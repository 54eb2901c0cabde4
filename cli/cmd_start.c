// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl start GUEST.CFG: check the config (as kvm440ctl check does)
 * before the module is opened, then boot the guest with libkvm440's
 * kvm440_boot() (lib/boot.c has the boot protocol) on the virtual board
 * (kvm440_board_*, docs/board.md) and run it in the foreground.
 * This file is the options and the run; the console is start_console.c,
 * the panic watch start_panic.c, --stats start_stats.c, --gdb
 * lib/gdbstub.c.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "start.h"

static int run(int argc, char **argv);

const struct cli_command cmd_start = {
	.name = "start",
	.run = run,
	.synopsis = "[--stats [--json]] [--verbose] [--ram auto|module|anon] "
		    "[--gdb PORT] GUEST.CFG",
	.summary = "Create a VM from a guest config and run it in the "
		   "foreground.",
	.help =
	"Builds the virtual 440 board (an AMCC Bamboo to the guest: UIC0/UIC1,\n"
	"16550 UARTs), loads the kernel, the initrd and the device tree (the\n"
	"config's or the built-in one, patched with memory, cmdline and initrd)\n"
	"into guest RAM and runs the guest until it shuts down or reboots\n"
	"(exit 0), fails (exit 1) or is stopped with 'kvm440ctl stop', SIGINT,\n"
	"SIGTERM or Ctrl-A X on the console (exit 0). Config and image errors\n"
	"exit 2, found before the module is opened ('kvm440ctl check' runs the\n"
	"same checks). With console = stdio the terminal is the guest's ttyS0, in\n"
	"raw mode while the guest runs; Ctrl-A Ctrl-A sends a Ctrl-A.\n\n"
	"Options:\n"
	"  -s, --stats     when the guest ends, print the VM's exit counters\n"
	"                  (KVM440_GET_STATS) to standard error, one per line\n"
	"  -j, --json      with --stats: as one line, {\"stats\":{NAME:VALUE,..}}\n"
	"  -v, --verbose   say on standard error how guest RAM is backed\n"
	"      --ram KIND  guest RAM: 'module' (allocated by kvm440.ko in large\n"
	"                  physically contiguous chunks, so large shadow TLB\n"
	"                  entries map it), 'anon' (anonymous memory, pinned)\n"
	"                  or 'auto' (the default: module memory, else anon)\n"
	"      --gdb PORT  wait for gdb on 127.0.0.1:PORT before the guest runs\n"
	"                  ('target remote :PORT'): breakpoints, single step,\n"
	"                  Ctrl-C, memory through the guest's TLB; detaching\n"
	"                  lets the guest run on (docs/api.md, Guest debugging)\n"
	"  -h, --help      show this help and exit\n",
};

static volatile sig_atomic_t stop_signal;
static int print_stats;		/* --stats */
static int stats_json;		/* --json */
static int verbose;		/* --verbose */
static unsigned int ram_flags;	/* --ram: KVM440_RAM_* */
static struct kvm440_gdb *gdb;	/* --gdb: lib/gdbstub.c */

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* Boot @cfg on @vm and run it until it ends; the exit status. */
static int boot_and_run(const struct kvm440_config *cfg, struct kvm440_vm *vm)
{
	struct kvm440_error err = { "" };
	struct kvm440_board_ops ops = { 0 };
	struct kvm440_board *board = NULL;
	struct kvm440_board_exit out;
	struct console con;
	int r, status;

	if (kvm440_boot(vm, cfg, ram_flags, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	if (verbose)
		fprintf(stderr, PROG ": guest RAM: %s\n", kvm440_vm_ram_note(vm));
	if (start_virtio_open(cfg, vm) < 0)
		return EXIT_USAGE;

	status = console_open(&con, cfg, &stop_signal);
	if (status != EXIT_OK) {
		start_virtio_close(0);
		return status;
	}
	ops.name = kvm440_config_name(cfg);
	ops.console_out = console_out;
	ops.log = console_log;
	ops.opaque = &con;
	if (kvm440_board_create(&ops, &board, &err) < 0) {
		console_close(&con);
		start_virtio_close(0);
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	con.board = board;
	kvm440_board_set_console_fast(board, kvm440_config_console_fast(cfg));
	if (start_virtio_attach(board) < 0) {
		console_close(&con);
		kvm440_board_destroy(board);
		start_virtio_close(0);
		return EXIT_RUNTIME;
	}
	con.gdb = gdb;
	/* the guest's RAM (kvm440_boot() added it): NULL, 0 */
	r = gdb ? kvm440_gdb_accept(gdb, vm, NULL, 0, &err) : 0;
	if (r == 0)
		r = kvm440_board_run(board, vm, console_poll, &con, &out, &err);
	kvm440_gdb_close(gdb);
	gdb = NULL;
	console_close(&con);
	if (print_stats)
		show_stats(vm, stats_json);
	kvm440_board_destroy(board);
	start_virtio_close(print_stats);
	if (r < 0) {
		cli_error("cannot run the guest: %s", err.msg);
		return EXIT_RUNTIME;
	}
	cli_error("%s", out.msg);
	return out.end == KVM440_END_ERROR ? EXIT_RUNTIME : EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "stats", no_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "ram", required_argument, NULL, 'r' },
		{ "gdb", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	struct kvm440_config *cfg;
	struct kvm440_error err = { "" };
	struct kvm440_vm *vm;
	struct sigaction sa;
	int c, status;
	unsigned long gdb_port = 0;
	char *end;

	opterr = 0;
	optind = 0;
	print_stats = verbose = stats_json = 0;
	ram_flags = 0;
	while ((c = getopt_long(argc, argv, ":hsjv", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_start);
		if (c == 's' || c == 'v') {
			*(c == 's' ? &print_stats : &verbose) = 1;
			continue;
		}
		if (c == 'j') {
			stats_json = 1;
			continue;
		}
		if (c == 'g') {
			gdb_port = strtoul(optarg, &end, 10);
			if (*end || !*optarg || !gdb_port || gdb_port > 65535)
				return cli_usage_error(&cmd_start,
						       "--gdb: a TCP port, 1-65535");
			continue;
		}
		if (c == 'r' && !strcmp(optarg, "auto"))
			continue;
		if (c == 'r' && (!strcmp(optarg, "module") ||
				 !strcmp(optarg, "anon"))) {
			ram_flags = optarg[0] == 'm' ? KVM440_RAM_MODULE :
						       KVM440_RAM_ANON;
			continue;
		}
		if (c == 'r')
			return cli_usage_error(&cmd_start,
					       "--ram: 'auto', 'module' or 'anon'");
		return cli_bad_option(&cmd_start, c, argv);
	}
	if (stats_json && !print_stats)
		return cli_usage_error(&cmd_start, "--json goes with --stats");
	if (optind == argc)
		return cli_usage_error(&cmd_start, "no guest config given");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_start, "too many arguments");

	/* every config and file error, before /dev/kvm440 is opened */
	status = cli_load_checked(argv[optind], &cfg);
	if (status != EXIT_OK)
		return status;

	/* No SA_RESTART: a signal makes KVM440_RUN return -EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (gdb_port) {
		if (kvm440_gdb_listen(&gdb, (uint16_t)gdb_port, &err) < 0) {
			cli_error("%s", err.msg);
			kvm440_config_free(cfg);
			return EXIT_RUNTIME;
		}
		fprintf(stderr, PROG ": waiting for gdb on 127.0.0.1:%lu\n",
			gdb_port);
	}
	if (kvm440_vm_create(NULL, &vm, &err) < 0) {
		cli_error("%s", err.msg);
		kvm440_gdb_close(gdb);
		gdb = NULL;
		kvm440_config_free(cfg);
		return EXIT_RUNTIME;
	}
	/* named, so status, stop, pause and dump can say which VM */
	if (kvm440_vm_set_name(vm, kvm440_config_name(cfg), &err) < 0) {
		cli_error("%s: %s", argv[optind], err.msg);
		kvm440_gdb_close(gdb);
		gdb = NULL;
		kvm440_vm_destroy(vm);
		kvm440_config_free(cfg);
		return EXIT_USAGE;
	}
	status = boot_and_run(cfg, vm);
	kvm440_gdb_close(gdb);	/* if boot_and_run() failed before gdb came */
	gdb = NULL;
	kvm440_vm_destroy(vm);
	kvm440_config_free(cfg);
	return status;
}
