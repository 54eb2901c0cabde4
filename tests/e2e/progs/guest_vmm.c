// SPDX-License-Identifier: GPL-2.0
/*
 * guest_vmm IMAGE [--mem MB] [--module-mem] [--arg N] [--expect-exit N]
 *           [--expect-event watchdog|reset-core|reset-chip|reset-system]
 *           [--timeout SEC] [--verbose] [--ro-slot]
 *
 * The minimal VMM of the bare-metal guest suite (tests/guests/): raw ioctls
 * on /dev/kvm440, no libkvm440, so it tests the ABI itself.
 *
 * Board: RAM at guest physical 0 (16M by default; pinned anonymous memory,
 * or with --module-mem memory the module allocates, mapped from the VM
 * fd), with --ro-slot 1M of read-only RAM at 0x04000000 (word n =
 * 0x0a0a0000 | n), the raw IMAGE loaded at
 * 0, pc 0, MSR 0, r3 = "KVM4" (0x4b564d34), r4 = the --arg value (0). Initial guest TLB:
 *   0: EA 0          -> PA 0,          16M, supervisor RWX
 *   1: EA 0xef600000 -> PA 0xef600000, 4K, I|G, supervisor RW (UART page)
 *   2: EA 0xe0000000 -> PA 0xe0000000, 4K, I|G, supervisor RW (test device)
 * MMIO: a 16550 at 0xef600300 (THR writes go to stdout, LSR reads 0x60;
 * 0xef600400 likewise), the test device page (see tests/guests/rt.h), and
 * every other address "unassigned": reads return byte (pa & 0xff) ^ 0x3c,
 * and the test device counts and remembers them.
 * DCRs: 0x3f0 exit status (the run ends), 0x3f1 magic 0x0dc440aa, 0x3f2
 * scratch, 0x3f3 reads ~(last write), 0x3f4 mark (prints the stats since
 * the last mark), 0x3f5 DCR access count; any other reads 0xdcdc0000|dcrn.
 *
 * Prints "vmm: ..." lines for everything it does not pass through from the
 * guest, the VM's stats at the end ("vmm: stats exits=N light=N ..."), and
 * exits with the guest's status (with --expect-exit/--expect-event: 0 when
 * it matched, 1 when not). Other exits: 120 internal error, 121 halt with
 * nothing pending, 122 an unexpected system event, 123 stopped, 124
 * timeout, 2 set-up failure.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define VMM_MAGIC	0x4b564d34u
#define UART0		0xef600300ull
#define UART1		0xef600400ull
#define TDEV		0xe0000000ull
#define TDEV_SIZE	0x1000u
#define TDEV_ID_VALUE	0x7e570440u
#define DCR_MAGIC_VALUE	0x0dc440aau

enum { DCR_EXIT = 0x3f0, DCR_MAGIC, DCR_SCRATCH, DCR_INVERT, DCR_MARK,
       DCR_COUNT };

static const char *const stat_names[] = {
	"exits", "light", "heavy", "mmio", "dcr", "signal", "itlb_r",
	"itlb_v", "dtlb_r", "dtlb_v", "sysc", "isi", "dsi", "emul_inst",
	"dec", "ext_intr", "halt_wakeup", "program", "unknown_spr", "fit",
	"watchdog", "console_mmio", "console_bytes", "console_exits",
	"shadow_1k", "shadow_4k", "shadow_16k", "shadow_64k",
	"shadow_256k", "shadow_1m", "shadow_16m", "shadow_256m",
};
#define NSTATS (sizeof(stat_names) / sizeof(stat_names[0]))
/* a stat added to the ABI without a name here shifts every name after it */
_Static_assert(NSTATS == KVM440_STAT_NR, "stat_names out of step with the ABI");

static int verbose;
static int vm_fd, vcpu_fd;
static struct kvm440_run *run;
static volatile sig_atomic_t timed_out;

/* device state */
static uint32_t tdev_count, ua_count, ua_info, ua_data;
static uint64_t ua_pa;
static uint32_t last_len, last_val, last_off;
static uint8_t scratch[256];
static uint32_t dcr_scratch, dcr_invert, dcr_count;
static struct kvm440_stats mark_stats;
static char line[512];
static size_t line_len;

static void die(const char *what)
{
	fprintf(stderr, "vmm: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int get_stats(struct kvm440_stats *st)
{
	memset(st, 0, sizeof(*st));
	return ioctl(vm_fd, KVM440_GET_STATS, st);
}

static void print_stats(const char *prefix, const struct kvm440_stats *now,
			const struct kvm440_stats *base)
{
	unsigned int i;

	printf("vmm: %s", prefix);
	for (i = 0; i < NSTATS && i < now->count; i++)
		printf(" %s=%llu", stat_names[i],
		       (unsigned long long)(now->val[i] -
					    (base ? base->val[i] : 0)));
	printf("\n");
	fflush(stdout);
}

/*
 * --ro-slot: slot 1, 1M of KVM440_MEM_READONLY RAM at guest physical
 * RO_SLOT_GPA, word n = 0x0a0a0000 | n; guest stores there are MMIO
 * (guest_vmm's unassigned handling) and must leave it unchanged.
 */
#define RO_SLOT_GPA	0x04000000ull
static int ro_slot;

static void add_ro_slot(void)
{
	struct kvm440_memory_region mr = { .slot = 1, .flags = KVM440_MEM_READONLY,
					   .guest_phys = RO_SLOT_GPA, .size = 1 << 20 };
	uint32_t *m = mmap(NULL, mr.size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t n;

	if (m == MAP_FAILED)
		die("mmap read-only slot");
	for (n = 0; n < mr.size / 4; n++)
		m[n] = htobe32(0x0a0a0000u | n);
	mr.userspace_addr = (uintptr_t)m;
	if (ioctl(vm_fd, KVM440_SET_MEMORY_REGION, &mr))
		die("KVM440_SET_MEMORY_REGION (read-only slot)");
}

static void console_flush(void)
{
	if (!line_len)
		return;
	fwrite(line, 1, line_len, stdout);
	line_len = 0;
	fflush(stdout);
}

static void uart_write(uint8_t c)
{
	if (c == '\r')
		return;
	line[line_len++] = (char)c;
	if (c == '\n' || line_len == sizeof(line))
		console_flush();
}

static uint32_t be_val(const uint8_t *d, uint32_t len)
{
	uint32_t v = 0, i;

	for (i = 0; i < len && i < 4; i++)
		v = v << 8 | d[i];
	return v;
}

static uint32_t tdev_reg(uint32_t off)
{
	switch (off & ~3u) {
	case 0x000: return TDEV_ID_VALUE;
	case 0x004: return tdev_count;
	case 0x008: return ua_count;
	case 0x00c: return (uint32_t)ua_pa;
	case 0x010: return (uint32_t)(ua_pa >> 32);
	case 0x014: return ua_info;
	case 0x018: return ua_data;
	case 0x020: return last_len;
	case 0x024: return last_val;
	case 0x028: return last_off;
	}
	return 0;
}

static void tdev_access(uint32_t off, uint8_t *data, uint32_t len, int write)
{
	uint32_t i;

	tdev_count++;
	if (write) {
		last_len = len;
		last_val = be_val(data, len);
		last_off = off;
	}
	for (i = 0; i < len; i++) {
		uint32_t o = off + i;

		if (o >= 0x100 && o < 0x200) {
			if (write)
				scratch[o - 0x100] = data[i];
			else
				data[i] = scratch[o - 0x100];
		} else if (!write) {
			if (o >= 0x200 && o < 0x300)
				data[i] = (uint8_t)(o ^ 0xa5);
			else if (o < 0x100)
				data[i] = (uint8_t)(tdev_reg(o) >> (8 * (3 - (o & 3))));
			else
				data[i] = 0;
		}
	}
	if (verbose)
		printf("vmm: tdev %s off %#x len %u val %#x\n",
		       write ? "write" : "read", off, len, be_val(data, len));
}

static void mmio(void)
{
	uint64_t pa = run->mmio.phys_addr;
	uint32_t len = run->mmio.len;
	uint8_t *d = run->mmio.data;
	int write = run->mmio.is_write;
	uint32_t i;

	if (len != 1 && len != 2 && len != 4 && len != 8) {
		printf("vmm: FAIL bad MMIO length %u at %#llx\n", len,
		       (unsigned long long)pa);
		len = 4;
	}
	if ((pa & ~0xfffull) == (UART0 & ~0xfffull) &&
	    ((pa >= UART0 && pa < UART0 + 8) || (pa >= UART1 && pa < UART1 + 8))) {
		uint32_t reg = (uint32_t)(pa & 7);

		if (write && reg == 0 && len == 1)
			uart_write(d[0]);
		else if (!write) {
			memset(d, 0, len);
			if (reg == 5)
				d[0] = 0x60;	/* LSR: THRE | TEMT */
		}
		return;
	}
	if (pa >= TDEV && pa + len <= TDEV + TDEV_SIZE) {
		tdev_access((uint32_t)(pa - TDEV), d, len, write);
		return;
	}
	ua_count++;
	ua_pa = pa;
	ua_info = len | (write ? 0x100u : 0);
	ua_data = write ? be_val(d, len) : 0;
	if (!write)
		for (i = 0; i < len; i++)
			d[i] = (uint8_t)(((pa + i) & 0xff) ^ 0x3c);
	printf("vmm: unassigned MMIO %s pa %#llx len %u data %#x\n",
	       write ? "write" : "read", (unsigned long long)pa, len,
	       be_val(d, len));
}

/* returns 1 when the guest asked to exit with *code */
static int dcr(int *code)
{
	uint32_t n = run->dcr.dcrn;
	int write = run->dcr.is_write;
	uint32_t v = run->dcr.data;

	dcr_count++;
	if (verbose)
		printf("vmm: dcr %s %#x %#x\n", write ? "write" : "read", n, v);
	if (write) {
		switch (n) {
		case DCR_EXIT:
			*code = (int)v;
			return 1;
		case DCR_SCRATCH:
			dcr_scratch = v;
			break;
		case DCR_INVERT:
			dcr_invert = ~v;
			break;
		case DCR_MARK: {
			struct kvm440_stats now;
			char what[32];

			console_flush();
			get_stats(&now);
			snprintf(what, sizeof(what), "mark %#x:", v);
			print_stats(what, &now, &mark_stats);
			mark_stats = now;
			break;
		}
		default:
			printf("vmm: unknown DCR write %#x = %#x\n", n, v);
			break;
		}
		return 0;
	}
	switch (n) {
	case DCR_MAGIC: v = DCR_MAGIC_VALUE; break;
	case DCR_SCRATCH: v = dcr_scratch; break;
	case DCR_INVERT: v = dcr_invert; break;
	case DCR_COUNT: v = dcr_count; break;
	default:
		v = 0xdcdc0000u | n;
		printf("vmm: unknown DCR read %#x\n", n);
		break;
	}
	run->dcr.data = v;
	return 0;
}

static void dump_regs(void)
{
	struct kvm440_regs r;
	struct kvm440_sregs s;
	int i;

	if (ioctl(vcpu_fd, KVM440_GET_REGS, &r) ||
	    ioctl(vcpu_fd, KVM440_GET_SREGS, &s))
		return;
	printf("vmm: pc %#x msr %#x lr %#x ctr %#x cr %#x\n", r.pc, r.msr,
	       r.lr, r.ctr, r.cr);
	for (i = 0; i < 32; i += 8)
		printf("vmm: r%-2d %08x %08x %08x %08x %08x %08x %08x %08x\n", i,
		       r.gpr[i], r.gpr[i + 1], r.gpr[i + 2], r.gpr[i + 3],
		       r.gpr[i + 4], r.gpr[i + 5], r.gpr[i + 6], r.gpr[i + 7]);
	printf("vmm: srr0 %#x srr1 %#x csrr0 %#x csrr1 %#x esr %#x dear %#x ivpr %#x pid %#x\n",
	       s.srr0, s.srr1, s.csrr0, s.csrr1, s.esr, s.dear, s.ivpr, s.pid);
	printf("vmm: tcr %#x tsr %#x dec %#x decar %#x mmucr %#x\n", s.tcr,
	       s.tsr, s.dec, s.decar, s.mmucr);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static const char *const event_names[] = {
	"?", "shutdown", "reset-core", "reset-chip", "reset-system", "watchdog",
};

static void usage(void)
{
	fprintf(stderr, "usage: guest_vmm IMAGE [--mem MB] [--module-mem] [--arg N] "
		"[--expect-exit N] [--expect-event NAME] [--timeout SEC] [--verbose] [--ro-slot]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *image = NULL, *expect_event = NULL;
	int expect_exit = -1, timeout = 60, dev, i, fd, code = -1, rc;
	int module_mem = 0;
	uint32_t arg = 0;
	uint64_t mem_mb = 16;
	struct kvm440_memory_region mr;
	struct kvm440_regs regs;
	struct kvm440_tlb tlb;
	struct kvm440_stats st;
	struct sigaction sa;
	struct stat sb;
	uint8_t *mem;
	long mmap_size;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mem") && i + 1 < argc)
			mem_mb = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--arg") && i + 1 < argc)
			arg = (uint32_t)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--expect-exit") && i + 1 < argc)
			expect_exit = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--expect-event") && i + 1 < argc)
			expect_event = argv[++i];
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--verbose"))
			verbose = 1;
		else if (!strcmp(argv[i], "--ro-slot"))
			ro_slot = 1;
		else if (!strcmp(argv[i], "--module-mem"))
			module_mem = 1;
		else if (argv[i][0] != '-' && !image)
			image = argv[i];
		else
			usage();
	}
	if (!image || !mem_mb || mem_mb > 256)
		usage();

	dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die("open /dev/kvm440");
	vm_fd = ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm_fd < 0)
		die("KVM440_CREATE_VM");
	memset(&mr, 0, sizeof(mr));
	mr.size = mem_mb << 20;
	if (module_mem) {
		/* the module's memory: the slot first, then its mapping */
		mr.flags = KVM440_MEM_ALLOC;
		if (ioctl(vm_fd, KVM440_SET_MEMORY_REGION, &mr))
			die("KVM440_SET_MEMORY_REGION (KVM440_MEM_ALLOC)");
		mem = mmap(NULL, mem_mb << 20, PROT_READ | PROT_WRITE,
			   MAP_SHARED, vm_fd, 0);
	} else {
		mem = mmap(NULL, mem_mb << 20, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	}
	if (mem == MAP_FAILED)
		die("mmap guest RAM");
	fd = open(image, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb))
		die(image);
	if ((uint64_t)sb.st_size > (mem_mb << 20)) {
		fprintf(stderr, "vmm: %s: larger than guest RAM\n", image);
		exit(2);
	}
	if (read(fd, mem, sb.st_size) != sb.st_size)
		die(image);
	close(fd);
	mr.userspace_addr = (uintptr_t)mem;
	if (!module_mem && ioctl(vm_fd, KVM440_SET_MEMORY_REGION, &mr))
		die("KVM440_SET_MEMORY_REGION");
	if (ro_slot)
		add_ro_slot();
	vcpu_fd = ioctl(vm_fd, KVM440_CREATE_VCPU, 0);
	if (vcpu_fd < 0)
		die("KVM440_CREATE_VCPU");
	mmap_size = ioctl(dev, KVM440_GET_VCPU_MMAP_SIZE, 0);
	if (mmap_size <= 0)
		die("KVM440_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpu_fd, 0);
	if (run == MAP_FAILED)
		die("mmap run");

	memset(&tlb, 0, sizeof(tlb));
	tlb.e[0].word0 = KVM440_TLB0_V | (7 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	tlb.e[1].word0 = 0xef600000 | KVM440_TLB0_V |
			 (1 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[1].word1 = 0xef600000;
	tlb.e[1].word2 = KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
			 KVM440_TLB2_SR;
	tlb.e[2].word0 = (uint32_t)TDEV | KVM440_TLB0_V |
			 (1 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[2].word1 = (uint32_t)TDEV;
	tlb.e[2].word2 = KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
			 KVM440_TLB2_SR;
	if (ioctl(vcpu_fd, KVM440_SET_TLB, &tlb))
		die("KVM440_SET_TLB");
	memset(&regs, 0, sizeof(regs));
	regs.pc = 0;
	regs.msr = 0;
	regs.gpr[1] = (uint32_t)(mem_mb << 20) - 8;
	regs.gpr[3] = VMM_MAGIC;
	regs.gpr[4] = arg;
	if (ioctl(vcpu_fd, KVM440_SET_REGS, &regs))
		die("KVM440_SET_REGS");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: RUN returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	if (timeout > 0)
		alarm(timeout);
	get_stats(&mark_stats);
	printf("vmm: running %s (%lld bytes, %llu MB %s RAM)\n", image,
	       (long long)sb.st_size, (unsigned long long)mem_mb,
	       module_mem ? "module" : "pinned");

	rc = -1;
	while (rc < 0) {
		if (ioctl(vcpu_fd, KVM440_RUN, 0)) {
			if (errno == EINTR && !timed_out)
				continue;
			console_flush();
			if (errno == EINTR) {
				printf("vmm: FAIL timeout after %d s\n", timeout);
				dump_regs();
				rc = 124;
				break;
			}
			die("KVM440_RUN");
		}
		switch (run->exit_reason) {
		case KVM440_EXIT_MMIO:
			mmio();
			break;
		case KVM440_EXIT_DCR:
			if (dcr(&code)) {
				console_flush();
				printf("vmm: guest exit status %d\n", code);
				rc = code & 0xff;
			}
			break;
		case KVM440_EXIT_HALT:
			console_flush();
			printf("vmm: FAIL guest halted with nothing pending\n");
			dump_regs();
			rc = 121;
			break;
		case KVM440_EXIT_SYSTEM_EVENT: {
			uint32_t t = run->system_event.type;
			const char *name = t < 6 ? event_names[t] : "?";

			console_flush();
			printf("vmm: system event %s (%u)\n", name, t);
			if (expect_event && !strcmp(expect_event, name))
				rc = 0;
			else {
				dump_regs();
				rc = 122;
			}
			break;
		}
		case KVM440_EXIT_INTERNAL_ERROR:
			console_flush();
			printf("vmm: FAIL internal error code %u at pc %#x inst %#010x\n",
			       run->internal.code, run->internal.pc,
			       run->internal.inst);
			dump_regs();
			rc = 120;
			break;
		case KVM440_EXIT_STOPPED:
			console_flush();
			printf("vmm: stopped\n");
			rc = 123;
			break;
		default:
			console_flush();
			printf("vmm: FAIL unknown exit reason %u\n",
			       run->exit_reason);
			dump_regs();
			rc = 120;
			break;
		}
	}
	console_flush();
	if (!get_stats(&st))
		print_stats("stats", &st, NULL);
	if (expect_event && run->exit_reason != KVM440_EXIT_SYSTEM_EVENT) {
		printf("vmm: FAIL expected system event %s\n", expect_event);
		return 1;
	}
	if (expect_exit >= 0 && rc != 120 && rc != 124) {
		if (rc != expect_exit)
			printf("vmm: FAIL guest exit %d, expected %d\n", rc,
			       expect_exit);
		return rc == expect_exit ? 0 : 1;
	}
	return rc;
}
