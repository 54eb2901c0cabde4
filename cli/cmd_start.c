// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl start GUEST.CFG: build a VM from a guest config and run it.
 *
 * Boot state, as QEMU's bamboo board sets it up for a 440 kernel: RAM at
 * guest physical 0, the kernel loaded from its image, the initrd and the
 * device tree placed high in the initially mapped RAM, pc = the entry
 * point, r3 = the device tree (0 without one), r1 = the top of the first
 * 16M (or of RAM, if less) - 8, and guest TLB entry 0 mapping EA 0 to PA 0
 * for min(RAM, 256M), rounded up to a 440 page size, supervisor RWX.
 *
 * Devices come later: an MMIO or DCR exit ends the run with a message.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_start = {
	.name = "start",
	.run = run,
	.synopsis = "GUEST.CFG",
	.summary = "Create a VM from a guest config and run it in the "
		   "foreground.",
	.help =
	"Loads the kernel (and the initrd and device tree, if the config names\n"
	"them) into guest RAM and runs the guest until it shuts down (exit 0),\n"
	"fails (exit 1) or is stopped with 'kvm440ctl stop', SIGINT or SIGTERM\n"
	"(exit 0). Config and image errors exit 2.\n\n"
	"Options:\n"
	"  -h, --help   show this help and exit\n",
};

#define MiB (1024ull * 1024)
#define BOOT_MAP_MAX	(256 * MiB)	/* largest 440 page */
#define BOOT_STACK_TOP	(16 * MiB)	/* r1 = this - 8, as on bamboo */
#define BOOT_STACK_ROOM	(64 * 1024)	/* kept clear of blobs below r1 */
#define INITRD_ALIGN	4096
#define DTB_ALIGN	8

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/*
 * The 440 page sizes (TLB word 0 SIZE field): 1K 4K 16K 64K 256K 1M 16M
 * 256M. The smallest one that covers @bytes, at most 256M.
 */
static void boot_page(uint64_t bytes, uint32_t *size_code, uint64_t *size)
{
	static const unsigned int codes[] = { 0, 1, 2, 3, 4, 5, 7, 9 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		*size_code = codes[i];
		*size = 1024ull << (2 * codes[i]);
		if (*size >= bytes)
			return;
	}
}

/* Read all of @path; -errno with "PATH: reason" in @msg. */
static int read_whole(const char *path, void **data, size_t *len,
		      char *msg, size_t msglen)
{
	struct stat st;
	size_t got = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) < 0)
		goto fail_fd;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		close(fd);
		snprintf(msg, msglen, "%s: not a regular file", path);
		return -EINVAL;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf)
		goto fail_fd;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;	/* shrank under us */
			free(buf);
			goto fail_fd;
		}
		got += (size_t)n;
	}
	close(fd);
	*data = buf;
	*len = got;
	return 0;
fail_fd:
	r = errno;
	close(fd);
	errno = r;
fail:
	r = errno;
	snprintf(msg, msglen, "%s: %s", path, strerror(r));
	return -r;
}

/* Read @path and place it below @below, clear of [@avoid_start, @avoid_end). */
static int place_file(const char *path, uint64_t below, uint64_t align,
		      uint64_t avoid_start, uint64_t avoid_end,
		      const struct kvm440_gmem *mem, uint64_t *gpa)
{
	struct kvm440_error err = { "" };
	void *data = NULL;
	size_t len = 0;
	int r;

	r = read_whole(path, &data, &len, err.msg, sizeof(err.msg));
	if (r == 0)
		r = kvm440_place_blob(data, len, below, align, avoid_start,
				      avoid_end, mem, gpa, &err);
	if (r < 0)
		cli_error("%s", err.msg);
	free(data);
	return r;
}

static int run_loop(struct kvm440_vm *vm, const char *name)
{
	struct kvm440_run *run = kvm440_vm_run_struct(vm);
	struct kvm440_error err = { "" };

	for (;;) {
		int r;

		if (stop_signal) {
			cli_error("VM '%s' stopped by signal %d", name,
				  (int)stop_signal);
			return EXIT_OK;
		}
		r = kvm440_vm_run_once(vm, &err);
		if (r == -EINTR)
			continue;
		if (r < 0) {
			cli_error("cannot run the guest: %s", err.msg);
			return EXIT_RUNTIME;
		}
		switch (r) {
		case KVM440_EXIT_NONE:
			continue;
		case KVM440_EXIT_SYSTEM_EVENT:
			switch (run->system_event.type) {
			case KVM440_SYSTEM_SHUTDOWN:
				cli_error("guest '%s' shut down", name);
				break;
			case KVM440_SYSTEM_RESET_CORE:
			case KVM440_SYSTEM_RESET_CHIP:
			case KVM440_SYSTEM_RESET_SYSTEM:
				cli_error("guest '%s' asked for a reset "
					  "(DBCR0[RST] = %" PRIu32 "); "
					  "stopping", name,
					  run->system_event.type -
					  KVM440_SYSTEM_SHUTDOWN);
				break;
			case KVM440_SYSTEM_WATCHDOG:
				cli_error("guest '%s' was reset by its "
					  "watchdog; stopping", name);
				break;
			default:
				cli_error("guest '%s' ended with system "
					  "event %" PRIu32, name,
					  run->system_event.type);
				break;
			}
			return EXIT_OK;
		case KVM440_EXIT_STOPPED:
			cli_error("VM '%s' stopped on request", name);
			return EXIT_OK;
		case KVM440_EXIT_INTERNAL_ERROR: {
			static const char *const what[] = {
				[KVM440_INTERNAL_EMULATION] =
					"an instruction could not be emulated",
				[KVM440_INTERNAL_HOST_FAULT] =
					"the host could not fetch guest memory",
				[KVM440_INTERNAL_MACHINE_CHECK] =
					"machine check while in the guest",
			};
			uint32_t code = run->internal.code;

			cli_error("internal error in guest '%s': %s "
				  "(code %" PRIu32 ") at pc 0x%08" PRIx32
				  ", instruction 0x%08" PRIx32, name,
				  code < sizeof(what) / sizeof(what[0]) &&
				  what[code] ? what[code] : "unknown",
				  code, run->internal.pc, run->internal.inst);
			return EXIT_RUNTIME;
		}
		case KVM440_EXIT_MMIO:
			cli_error("guest '%s' %s %" PRIu32 " byte%s at "
				  "physical address 0x%09" PRIx64 ": no "
				  "device there (MMIO devices are not "
				  "emulated yet)", name,
				  run->mmio.is_write ? "wrote" : "read",
				  run->mmio.len, run->mmio.len == 1 ? "" : "s",
				  (uint64_t)run->mmio.phys_addr);
			return EXIT_RUNTIME;
		case KVM440_EXIT_DCR:
			cli_error("guest '%s' %s DCR 0x%03" PRIx32 ": no "
				  "device there (DCR devices are not "
				  "emulated yet)", name,
				  run->dcr.is_write ? "wrote" : "read",
				  run->dcr.dcrn);
			return EXIT_RUNTIME;
		case KVM440_EXIT_HALT:
			cli_error("guest '%s' halted with nothing that could "
				  "wake it (no interrupting devices yet)",
				  name);
			return EXIT_RUNTIME;
		default:
			cli_error("guest '%s': unexpected exit reason %d (%s)",
				  name, r, kvm440_exit_reason_name(r));
			return EXIT_RUNTIME;
		}
	}
}

/* Everything after the config is parsed; owns @vm. */
static int boot(const struct kvm440_config *cfg, struct kvm440_vm *vm)
{
	struct kvm440_error err = { "" };
	struct kvm440_gmem mem;
	struct kvm440_image_info info;
	struct kvm440_regs regs;
	static struct kvm440_tlb tlb;
	uint64_t map_size, stack_top, below, initrd_gpa = 0, dtb_gpa = 0;
	uint32_t size_code, entry;

	if (kvm440_vm_add_ram(vm, 0, cfg->mem_size, &mem, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	if (kvm440_load_file(cfg->kernel, cfg->kernel_format,
			     cfg->has_load_addr ? cfg->load_addr : 0, &mem,
			     &info, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_USAGE;
	}
	entry = cfg->has_entry ? cfg->entry : info.entry;

	boot_page(cfg->mem_size < BOOT_MAP_MAX ? cfg->mem_size : BOOT_MAP_MAX,
		  &size_code, &map_size);
	stack_top = (cfg->mem_size < BOOT_STACK_TOP ? cfg->mem_size
						   : BOOT_STACK_TOP) - 8;
	/* Blobs go high in mapped RAM, clear of the boot stack below r1. */
	below = cfg->mem_size < map_size ? cfg->mem_size : map_size;
	if (below <= stack_top + 8)
		below = stack_top + 8 > BOOT_STACK_ROOM ?
			stack_top + 8 - BOOT_STACK_ROOM : 0;

	if (cfg->initrd[0]) {
		if (place_file(cfg->initrd, below, INITRD_ALIGN,
			       info.load_start, info.load_end, &mem,
			       &initrd_gpa) < 0)
			return EXIT_USAGE;
		below = initrd_gpa;
	}
	if (cfg->dtb[0]) {
		if (place_file(cfg->dtb, below, DTB_ALIGN, info.load_start,
			       info.load_end, &mem, &dtb_gpa) < 0)
			return EXIT_USAGE;
	}

	if (kvm440_vm_create_vcpu(vm, &err) < 0 ||
	    kvm440_vm_get_regs(vm, &regs, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	regs.pc = entry;
	regs.gpr[1] = (uint32_t)stack_top;
	regs.gpr[3] = (uint32_t)dtb_gpa;
	if (kvm440_vm_set_regs(vm, &regs, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}

	memset(&tlb, 0, sizeof(tlb));
	tlb.e[0].tid = 0;	/* matches every PID */
	tlb.e[0].word0 = (0 & KVM440_TLB0_EPN_MASK) | KVM440_TLB0_V |
			 (size_code << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word1 = 0 & KVM440_TLB1_RPN_MASK;
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	if (kvm440_vm_set_tlb(vm, &tlb, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	return run_loop(vm, cfg->name);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct kvm440_config cfg;
	struct kvm440_error err = { "" };
	struct kvm440_vm *vm;
	struct sigaction sa;
	int c, status;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_start);
		return cli_bad_option(&cmd_start, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(&cmd_start, "no guest config given");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_start, "too many arguments");

	if (kvm440_config_load(argv[optind], &cfg, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_USAGE;
	}

	/* No SA_RESTART: a signal makes KVM440_RUN return -EINTR. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (kvm440_vm_create(NULL, &vm, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	status = boot(&cfg, vm);
	kvm440_vm_destroy(vm);
	return status;
}
