// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl start GUEST.CFG: build the virtual board (libkvm440's
 * kvm440_board_*, docs/board.md), load the guest and run it.
 *
 * Boot state, as a 440 Linux kernel expects it (ePAPR, and what QEMU's
 * bamboo board does): RAM at guest physical 0, the kernel loaded from its
 * ELF or uImage, the initrd and the device tree placed high in the
 * initially mapped RAM, the device tree patched with the RAM size,
 * cmdline, initrd range and the host's frequencies; pc = the entry point,
 * MSR 0 (supervisor, translation space 0), r1 = the top of the first 16M
 * (or of RAM, if less) - 8, r3 = the device tree, r4 = r5 = 0,
 * r6 = ePAPR magic, r7 = size of the initial mapping, r8 = r9 = 0; guest
 * TLB entry 0 maps EA 0 to PA 0 for min(RAM, 256M), rounded up to a 440
 * page size, supervisor RWX, and entry 1 the UART page 0xef600000
 * (4K, I|G, supervisor RW) for bare-metal programs and early debug.
 *
 * The console: UART0's output goes where the config's console says; with
 * console = stdio, standard input feeds UART0 (a reader thread kicks
 * KVM440_RUN with SIGUSR1 when input arrives), the terminal is in raw
 * mode while the guest runs and is restored on every way out, and
 * Ctrl-A X stops the guest (Ctrl-A Ctrl-A sends a Ctrl-A). A Linux
 * guest's "Kernel panic - not syncing" line on UART0 ends the run with
 * status 1: it is watched in the board's console output, which also
 * carries what the module's in-kernel console queued (config key
 * console_fast). --stats prints the VM's exit counters when the guest
 * ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "console_endpoint.h"

static int run(int argc, char **argv);

const struct cli_command cmd_start = {
	.name = "start",
	.run = run,
	.synopsis = "[--stats] [--verbose] [--ram auto|module|anon] [--gdb PORT] "
		    "GUEST.CFG",
	.summary = "Create a VM from a guest config and run it in the "
		   "foreground.",
	.help =
	"Builds the virtual 440 board (an AMCC Bamboo to the guest: UIC0/UIC1,\n"
	"16550 UARTs), loads the kernel, the initrd and the device tree (the\n"
	"config's or the built-in one, patched with memory, cmdline and initrd)\n"
	"into guest RAM and runs the guest until it shuts down or reboots\n"
	"(exit 0), fails (exit 1) or is stopped with 'kvm440ctl stop', SIGINT,\n"
	"SIGTERM or Ctrl-A X on the console (exit 0). Config and image errors\n"
	"exit 2. With console = stdio the terminal is the guest's ttyS0, in\n"
	"raw mode while the guest runs; Ctrl-A Ctrl-A sends a Ctrl-A.\n\n"
	"Options:\n"
	"  -s, --stats     when the guest ends, print the VM's exit counters\n"
	"                  (KVM440_GET_STATS) to standard error, one per line\n"
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

#define MiB (1024ull * 1024)
#define BOOT_MAP_MAX	(256 * MiB)	/* largest 440 page */
#define BOOT_STACK_TOP	(16 * MiB)	/* r1 = this - 8, as on bamboo */
#define BOOT_STACK_ROOM	(64 * 1024)	/* kept clear of blobs below r1 */
#define INITRD_ALIGN	4096
#define DTB_ALIGN	8

static volatile sig_atomic_t stop_signal;
static int print_stats;		/* --stats */
static int verbose;		/* --verbose */
static unsigned int ram_flags;	/* --ram: KVM440_RAM_* */
static const char *cfg_path;	/* for FILE:LINE messages */
static struct kvm440_gdb *gdb;	/* --gdb: lib/gdbstub.c */

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
static int place_file(const char *path, unsigned int line,
		      uint64_t below, uint64_t align,
		      uint64_t avoid_start, uint64_t avoid_end,
		      const struct kvm440_gmem *mem, uint64_t *gpa,
		      size_t *size)
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
		cli_error("%s:%u: initrd: %s", cfg_path, line, err.msg);
	*size = len;
	free(data);
	return r;
}

/* ---- the console ---------------------------------------------------- */

#define CTRL_A		0x01
#define INPUT_BUF	4096

struct console {
	int out_fd;		/* -1: output discarded */
	int close_out;
	int in_fd;		/* what the reader thread reads */
	int in_pipe[2];		/* reader thread -> run loop; -1 without input */
	pthread_t reader, main_thread;
	int have_reader;
	atomic_int kick;	/* input waits in the pipe: keep kicking RUN */
	uint8_t buf[INPUT_BUF];	/* read from the pipe, not yet in the UART */
	size_t head, len;
	int escape;		/* the last input byte was Ctrl-A */
	char line[256];		/* the output line being written */
	size_t line_len;
	int panicked;		/* a guest Linux printed its panic line */
	struct kvm440_board *board;
	const char *name;
};

static struct termios saved_tio;
static volatile sig_atomic_t tty_raw;

/* Idempotent; also registered with atexit(). */
static void restore_tty(void)
{
	if (tty_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		tty_raw = 0;
	}
}

static void raw_tty(void)
{
	static int registered;
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio) < 0)
		return;
	t = saved_tio;
	cfmakeraw(&t);
	if (!registered) {
		atexit(restore_tty);
		registered = 1;
	}
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
		tty_raw = 1;
}

/* A message while the guest runs: "\r\n" since the tty may be raw. */
static void console_log(void *opaque, const char *msg)
{
	(void)opaque;
	fprintf(stderr, PROG ": %s%s", msg, tty_raw ? "\r\n" : "\n");
}

static void write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;		/* a closed terminal loses output */
		buf += n;
		len -= (size_t)n;
	}
}

/*
 * A Linux guest that panics would otherwise sit in its panic loop, or
 * reboot after panic=N seconds and look like a clean shutdown: the
 * kernel's own "Kernel panic - not syncing" line, once complete, ends
 * the run as an error (status 1) with that line as the message.
 */
#define PANIC_MARK	"Kernel panic - not syncing"

static void watch_line(struct console *c, uint8_t b)
{
	if (b == '\n' || b == '\r') {
		c->line[c->line_len] = '\0';
		if (!c->panicked && strstr(c->line, PANIC_MARK)) {
			c->panicked = 1;
			return;	/* c->line keeps the panic line */
		}
		c->line_len = 0;
		return;
	}
	if (c->line_len < sizeof(c->line) - 1)
		c->line[c->line_len++] = (char)b;
}

static void console_out(void *opaque, const uint8_t *buf, size_t len)
{
	struct console *c = opaque;
	size_t i;

	if (c->out_fd >= 0)
		write_all(c->out_fd, buf, len);
	for (i = 0; i < len && !c->panicked; i++)
		watch_line(c, buf[i]);
}

static void on_kick(int sig)
{
	(void)sig;	/* only there to make KVM440_RUN return -EINTR */
}

/*
 * Standard input to the pipe. RUN is kicked with SIGUSR1 until the run
 * loop has emptied the pipe, so input that arrives just before the loop
 * enters RUN is not left waiting for the guest's next exit.
 */
static void *reader(void *arg)
{
	struct console *c = arg;
	uint8_t buf[256];

	for (;;) {
		ssize_t n = read(c->in_fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		write_all(c->in_pipe[1], buf, (size_t)n);
		atomic_store(&c->kick, 1);
		while (atomic_load(&c->kick)) {
			pthread_kill(c->main_thread, SIGUSR1);
			usleep(20000);
		}
	}
	return NULL;
}

static int console_open(struct console *c, const struct kvm440_config *cfg)
{
	struct sigaction sa;

	memset(c, 0, sizeof(*c));
	c->out_fd = -1;
	c->in_pipe[0] = c->in_pipe[1] = -1;
	c->name = cfg->name;
	switch (cfg->console) {
	case KVM440_CONSOLE_NONE:
		return 0;
	case KVM440_CONSOLE_FILE:
		c->out_fd = open(cfg->console_path, O_WRONLY | O_APPEND |
				 O_CREAT | O_CLOEXEC, 0644);
		if (c->out_fd < 0) {
			cli_error("%s: %s", cfg->console_path, strerror(errno));
			return -1;
		}
		c->close_out = 1;
		return 0;
	case KVM440_CONSOLE_PTY:
	case KVM440_CONSOLE_SOCKET:
		c->out_fd = c->in_fd = console_endpoint_open(cfg);
		if (c->out_fd < 0)
			return -1;
		break;
	case KVM440_CONSOLE_STDIO:
		c->out_fd = STDOUT_FILENO;
		c->in_fd = STDIN_FILENO;
		raw_tty();
		break;
	}
	if (pipe2(c->in_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		cli_error("pipe: %s", strerror(errno));
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */
	c->main_thread = pthread_self();
	if (pthread_create(&c->reader, NULL, reader, c) == 0) {
		c->have_reader = 1;
		pthread_detach(c->reader);	/* may sit in read() forever */
	}
	return 0;
}

static void console_close(struct console *c)
{
	restore_tty();
	if (c->have_reader) {
		/* the reader may be blocked in read(): leave it to exit() */
		atomic_store(&c->kick, 0);
		c->have_reader = 0;
	}
	if (c->close_out)
		close(c->out_fd);
	c->out_fd = -1;
	console_endpoint_close();	/* pty, socket: nothing otherwise */
}

/* Move input into UART0; 1 if Ctrl-A X asked to stop. */
static int console_input(struct console *c)
{
	for (;;) {
		ssize_t n;

		while (c->len) {
			uint8_t b = c->buf[c->head], pair[2] = { CTRL_A, 0 };

			if (c->escape) {
				if (b == 'x' || b == 'X')
					return 1;
				pair[1] = b;
				/* Ctrl-A Ctrl-A is one Ctrl-A; else both */
				if (kvm440_uart_rx_room(kvm440_board_uart(
					    c->board, 0)) < (b == CTRL_A ? 1u : 2u))
					return 0;
				kvm440_board_console_input(c->board,
					b == CTRL_A ? pair + 1 : pair,
					b == CTRL_A ? 1 : 2);
				c->escape = 0;
			} else if (b == CTRL_A) {
				c->escape = 1;
			} else if (!kvm440_board_console_input(c->board, &b,
							       1)) {
				return 0;	/* FIFO full: later */
			}
			c->head++;
			c->len--;
		}
		c->head = 0;
		if (c->in_pipe[0] < 0)
			return 0;
		n = read(c->in_pipe[0], c->buf, sizeof(c->buf));
		if (n <= 0) {
			atomic_store(&c->kick, 0);	/* pipe is empty */
			return 0;
		}
		c->len = (size_t)n;
	}
}

/* kvm440_board_run()'s hook, before every RUN. */
static int console_poll(void *opaque, int halted,
			struct kvm440_board_exit *out)
{
	struct console *c = opaque;

	if (stop_signal) {
		out->end = KVM440_END_STOPPED;
		snprintf(out->msg, sizeof(out->msg),
			 "VM '%s' stopped by signal %d", c->name,
			 (int)stop_signal);
		return 1;
	}
	if (c->panicked) {
		const char *l = strstr(c->line, PANIC_MARK);

		out->end = KVM440_END_ERROR;
		snprintf(out->msg, sizeof(out->msg), "guest '%s' panicked: %s",
			 c->name, l ? l : PANIC_MARK);
		return 1;
	}
	if (console_input(c)) {
		out->end = KVM440_END_STOPPED;
		snprintf(out->msg, sizeof(out->msg),
			 "VM '%s' stopped from the console (Ctrl-A X)",
			 c->name);
		return 1;
	}
	if (gdb && kvm440_gdb_poll(gdb, &stop_signal, out))
		return 1;
	if (halted) {
		/* idle guest: wait a little for input rather than spin */
		struct pollfd p = { .fd = c->in_pipe[0], .events = POLLIN };

		if (c->in_pipe[0] >= 0)
			poll(&p, 1, 10);
		else
			usleep(10000);
	}
	return 0;
}

/* ---- boot ------------------------------------------------------------ */

/* The device tree: the config's or the built-in one, patched. */
static int make_dtb(const struct kvm440_config *cfg, uint64_t initrd_start,
		    uint64_t initrd_end, void **dtb, size_t *len)
{
	struct kvm440_error err = { "" };
	struct kvm440_fdt_params p = {
		.mem_base = 0, .mem_size = cfg->mem_size,
		.bootargs = cfg->cmdline,
		.initrd_start = initrd_start, .initrd_end = initrd_end,
	};
	const void *src;
	void *file = NULL;
	size_t src_len;
	int r;

	if (cfg->dtb[0]) {
		if (read_whole(cfg->dtb, &file, &src_len, err.msg,
			       sizeof(err.msg)) < 0) {
			cli_error("%s:%u: dtb: %s", cfg_path, cfg->dtb_line,
				  err.msg);
			return -1;
		}
		src = file;
	} else {
		src = kvm440_board_dtb(&src_len);
	}
	/* Not a 440 host (a build machine): the tree's own values stay. */
	kvm440_host_freqs(NULL, NULL, &p.timebase_freq, &p.cpu_freq);
	r = kvm440_fdt_patch(src, src_len, &p, dtb, len, &err);
	free(file);
	if (r < 0) {
		cli_error("%s%s%s", cfg->dtb[0] ? cfg->dtb : "",
			  cfg->dtb[0] ? ": " : "", err.msg);
		return -1;
	}
	return 0;
}

static void tlb_entry(struct kvm440_tlb_entry *e, uint32_t ea, uint64_t pa,
		      uint32_t size_code, uint32_t attr)
{
	e->tid = 0;	/* matches every PID */
	e->word0 = (ea & KVM440_TLB0_EPN_MASK) | KVM440_TLB0_V |
		   (size_code << KVM440_TLB0_SIZE_SHIFT);
	e->word1 = ((uint32_t)pa & KVM440_TLB1_RPN_MASK) |
		   ((uint32_t)(pa >> 32) & KVM440_TLB1_ERPN_MASK);
	e->word2 = attr;
}

#define EPAPR_MAGIC	0x45504150u

/* --stats: every counter the module keeps, "stats: NAME VALUE" lines. */
static void show_stats(struct kvm440_vm *vm)
{
	struct kvm440_error err = { "" };
	struct kvm440_stats st;
	uint32_t i;

	if (kvm440_vm_get_stats(vm, &st, &err) < 0) {
		cli_error("stats: %s", err.msg);
		return;
	}
	for (i = 0; i < st.count && i < KVM440_STATS_MAX; i++)
		fprintf(stderr, PROG ": stats: %-13s %" PRIu64 "\n",
			kvm440_stat_name(i), (uint64_t)st.val[i]);
}

/* Everything after the config is parsed; owns @vm. */
static int boot(const struct kvm440_config *cfg, struct kvm440_vm *vm)
{
	struct kvm440_error err = { "" };
	struct kvm440_gmem mem;
	struct kvm440_image_info info;
	struct kvm440_regs regs;
	static struct kvm440_tlb tlb;
	struct kvm440_board_ops ops = { 0 };
	struct kvm440_board *board = NULL;
	struct kvm440_board_exit out;
	struct console con;
	uint64_t map_size, stack_top, below, initrd_gpa = 0, dtb_gpa = 0;
	size_t initrd_len = 0, dtb_len = 0;
	void *dtb = NULL;
	uint32_t size_code, entry;
	int r, status;

	if (kvm440_vm_add_ram_flags(vm, 0, cfg->mem_size, ram_flags, &mem,
				    &err) < 0) {
		cli_error("guest RAM: %s", err.msg);
		return EXIT_RUNTIME;
	}
	if (verbose)
		fprintf(stderr, PROG ": guest RAM: %s\n", kvm440_vm_ram_note(vm));
	if (kvm440_load_file(cfg->kernel, cfg->kernel_format,
			     cfg->has_load_addr ? cfg->load_addr : 0, &mem,
			     &info, &err) < 0) {
		cli_error("%s:%u: kernel: %s", cfg_path, cfg->kernel_line,
			  err.msg);
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
		if (place_file(cfg->initrd, cfg->initrd_line, below,
			       INITRD_ALIGN,
			       info.load_start, info.load_end, &mem,
			       &initrd_gpa, &initrd_len) < 0)
			return EXIT_USAGE;
		below = initrd_gpa;
	}
	if (make_dtb(cfg, initrd_gpa, initrd_gpa + initrd_len, &dtb,
		     &dtb_len) < 0)
		return EXIT_USAGE;
	r = kvm440_place_blob(dtb, dtb_len, below, DTB_ALIGN, info.load_start,
			      info.load_end, &mem, &dtb_gpa, &err);
	free(dtb);
	if (r < 0) {
		cli_error("device tree: %s", err.msg);
		return EXIT_USAGE;
	}

	if (kvm440_vm_create_vcpu(vm, &err) < 0 ||
	    kvm440_vm_get_regs(vm, &regs, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	regs.pc = entry;
	regs.msr = 0;
	regs.gpr[1] = (uint32_t)stack_top;
	regs.gpr[3] = (uint32_t)dtb_gpa;
	regs.gpr[4] = regs.gpr[5] = 0;
	regs.gpr[6] = EPAPR_MAGIC;
	regs.gpr[7] = (uint32_t)map_size;
	regs.gpr[8] = regs.gpr[9] = 0;
	if (kvm440_vm_set_regs(vm, &regs, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}

	memset(&tlb, 0, sizeof(tlb));
	tlb_entry(&tlb.e[0], 0, 0, size_code,
		  KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR);
	tlb_entry(&tlb.e[1], (uint32_t)KVM440_BOARD_IO_PAGE,
		  KVM440_BOARD_IO_PAGE, 1 /* 4K */,
		  KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
		  KVM440_TLB2_SR);
	if (kvm440_vm_set_tlb(vm, &tlb, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}

	if (console_open(&con, cfg) < 0)
		return EXIT_RUNTIME;
	ops.name = cfg->name;
	ops.console_out = console_out;
	ops.log = console_log;
	ops.opaque = &con;
	if (kvm440_board_create(&ops, &board, &err) < 0) {
		console_close(&con);
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	con.board = board;
	kvm440_board_set_console_fast(board, cfg->console_fast);
	r = gdb ? kvm440_gdb_accept(gdb, vm, &mem, 1, &err) : 0;
	if (r == 0)
		r = kvm440_board_run(board, vm, console_poll, &con, &out, &err);
	kvm440_gdb_close(gdb);
	gdb = NULL;
	console_close(&con);
	if (print_stats)
		show_stats(vm);
	kvm440_board_destroy(board);
	if (r < 0) {
		cli_error("cannot run the guest: %s", err.msg);
		return EXIT_RUNTIME;
	}
	status = out.end == KVM440_END_ERROR ? EXIT_RUNTIME : EXIT_OK;
	cli_error("%s", out.msg);
	return status;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "stats", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "ram", required_argument, NULL, 'r' },
		{ "gdb", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	static struct kvm440_config cfg;
	struct kvm440_error err = { "" };
	struct kvm440_vm *vm;
	struct sigaction sa;
	int c, status;
	unsigned long gdb_port = 0;
	char *end;

	opterr = 0;
	optind = 0;
	print_stats = verbose = 0;
	ram_flags = 0;
	while ((c = getopt_long(argc, argv, ":hsv", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_command_help(&cmd_start);
		if (c == 's' || c == 'v') {
			*(c == 's' ? &print_stats : &verbose) = 1;
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
	if (optind == argc)
		return cli_usage_error(&cmd_start, "no guest config given");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_start, "too many arguments");

	cfg_path = argv[optind];
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
	sigaction(SIGHUP, &sa, NULL);

	if (gdb_port) {
		if (kvm440_gdb_listen(&gdb, (uint16_t)gdb_port, &err) < 0) {
			cli_error("%s", err.msg);
			return EXIT_RUNTIME;
		}
		fprintf(stderr, PROG ": waiting for gdb on 127.0.0.1:%lu\n",
			gdb_port);
	}
	if (kvm440_vm_create(NULL, &vm, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	status = boot(&cfg, vm);
	kvm440_vm_destroy(vm);
	return status;
}
