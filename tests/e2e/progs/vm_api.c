// SPDX-License-Identifier: GPL-2.0
/*
 * vm_api: exercises the VM and vCPU ioctls against the real module and
 * prints one "ok:"/"FAIL:" line per documented behaviour. Exit 0 when all
 * hold. Run as root with kvm440.ko loaded with max_vm_mem_mb=16.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define MB (1ul << 20)

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

/* ioctl must fail with @err */
static void expect_err(int fd, unsigned long cmd, void *arg, int err,
		       const char *what)
{
	int r = ioctl(fd, cmd, arg);
	char line[200];

	snprintf(line, sizeof(line), "%s -> %s (got %s)", what,
		 strerror(err), r == 0 ? "success" : strerror(errno));
	check(r == -1 && errno == err, line);
}

static int set_region(int vm, unsigned int slot, unsigned long long gpa,
		      unsigned long long size, void *uaddr, unsigned int flags)
{
	struct kvm440_memory_region mr = {
		.slot = slot, .flags = flags, .guest_phys = gpa, .size = size,
		.userspace_addr = (unsigned long)uaddr,
	};

	return ioctl(vm, KVM440_SET_MEMORY_REGION, &mr) ? errno : 0;
}

static void test_memory(int vm)
{
	char *mem = mmap(NULL, 8 * MB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, MB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	check(set_region(vm, 0, 0, 4 * MB, mem, 0) == 0, "slot 0: 4M at 0");
	check(set_region(vm, 1, 4 * MB, 4 * MB, mem + 4 * MB, 0) == 0,
	      "slot 1: 4M at 4M, adjacent");
	check(set_region(vm, 2, 2 * MB, MB, mem, 0) == EEXIST,
	      "overlapping slot -> EEXIST");
	check(set_region(vm, 2, 0x10001000ull, MB, mem + 1, 0) == EINVAL,
	      "unaligned user address -> EINVAL");
	check(set_region(vm, 2, 0x10000800ull, MB, mem, 0) == EINVAL,
	      "unaligned guest address -> EINVAL");
	check(set_region(vm, 2, 0x10000000ull, MB + 1, mem, 0) == EINVAL,
	      "unaligned size -> EINVAL");
	check(set_region(vm, 2, 0xffffff000ull, 2 * 4096, mem, 0) == EINVAL,
	      "past the 36-bit guest space -> EINVAL");
	check(set_region(vm, 2, 0xffffff000ull, 4096, mem, 0) == 0 &&
	      set_region(vm, 2, 0, 0, NULL, 0) == 0,
	      "last page of the 36-bit guest space accepted");
	check(set_region(vm, KVM440_MAX_MEM_SLOTS, 0x10000000ull, MB, mem, 0) ==
	      EINVAL, "slot number out of range -> EINVAL");
	check(set_region(vm, 2, 0x10000000ull, MB, mem, 0x80) == EINVAL,
	      "unknown flag -> EINVAL");
	check(set_region(vm, 2, 0x10000000ull, 32 * MB, mem, 0) == E2BIG,
	      "more than max_vm_mem_mb in one slot -> E2BIG");
	check(set_region(vm, 2, 0x10000000ull, 9 * MB, mem, 0) == E2BIG,
	      "more than max_vm_mem_mb in all slots -> E2BIG");
	check(set_region(vm, 2, 0x10000000ull, MB, (void *)0x1000, 0) ==
	      EFAULT, "unmapped user memory -> EFAULT");
	check(set_region(vm, 2, 0x10000000ull, MB, (void *)0xbff00000ul, 0) ==
	      EFAULT, "range reaching the top of user space -> EFAULT");
	check(set_region(vm, 2, 0x10000000ull, MB, ro, 0) == EFAULT,
	      "read-only mapping as writable RAM -> EFAULT");
	check(set_region(vm, 2, 0x10000000ull, MB, ro, KVM440_MEM_READONLY) ==
	      0, "read-only mapping as read-only slot");
	check(set_region(vm, 2, 0, 0, NULL, 0) == 0, "delete slot 2");
	check(set_region(vm, 1, 0x20000000ull, 4 * MB, mem + 4 * MB, 0) == 0,
	      "replace slot 1 elsewhere");
	check(set_region(vm, 2, 4 * MB, 4 * MB, mem + 4 * MB, 0) == 0,
	      "old range of slot 1 is free again");
}

/* KVM440_SET_GUEST_DEBUG validates everything it is given */
static void test_guest_debug(int vm, int vcpu)
{
	struct kvm440_guest_debug d;

	check(ioctl(vm, KVM440_CHECK_EXTENSION, KVM440_CAP_GUEST_DEBUG) ==
	      KVM440_GUESTDBG_MAX_BP, "CAP_GUEST_DEBUG = the breakpoint room");
	memset(&d, 0, sizeof(d));
	d.flags = KVM440_GUESTDBG_SW_BP | KVM440_GUESTDBG_SINGLESTEP;
	d.nr_bp = 2;
	d.bp[0] = 0x100;
	d.bp[1] = 0xc0001000;
	check(ioctl(vcpu, KVM440_SET_GUEST_DEBUG, &d) == 0,
	      "guest debug: two breakpoints and single step");
	d.flags = 1u << 7;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL, "unknown flag");
	d.flags = KVM440_GUESTDBG_SW_BP;
	d.bp[1] = 0x102;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL,
		   "unaligned breakpoint");
	d.bp[1] = 0;
	d.nr_bp = KVM440_GUESTDBG_MAX_BP + 1;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL,
		   "too many breakpoints");
	d.nr_bp = 1;
	d.bp[5] = 0x200;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL,
		   "an address past nr_bp");
	d.bp[5] = 0;
	d.flags = 0;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL,
		   "breakpoints without SW_BP");
	d.nr_bp = 0;
	d.bp[0] = 0;
	d.reserved[3] = 1;
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, &d, EINVAL, "reserved word");
	d.reserved[3] = 0;
	check(ioctl(vcpu, KVM440_SET_GUEST_DEBUG, &d) == 0,
	      "guest debug off");
	expect_err(vcpu, KVM440_SET_GUEST_DEBUG, (void *)8, EFAULT,
		   "guest debug from a bad pointer");
}

static void test_vcpu(int vm)
{
	struct kvm440_regs regs, back;
	struct kvm440_sregs sregs, sback;
	struct kvm440_tlb *tlb = calloc(2, sizeof(*tlb));
	struct kvm440_run *run;
	int vcpu, i;

	vcpu = ioctl(vm, KVM440_CREATE_VCPU, 0);
	check(vcpu >= 0, "create vcpu 0");
	expect_err(vm, KVM440_CREATE_VCPU, (void *)0, EEXIST, "second vcpu");
	expect_err(vm, KVM440_CREATE_VCPU, (void *)1, EINVAL, "vcpu id 1");

	run = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	check(run != MAP_FAILED, "mmap run structure");
	check(mmap(NULL, 8192, PROT_READ, MAP_SHARED, vcpu, 0) == MAP_FAILED &&
	      errno == EINVAL, "mmap of two pages -> EINVAL");

	memset(&regs, 0, sizeof(regs));
	for (i = 0; i < 32; i++)
		regs.gpr[i] = 0x1000 + i;
	regs.pc = 0x100;
	regs.msr = 0x00021000;
	regs.cr = 0x12345678;
	regs.lr = 0xc0000000;
	check(ioctl(vcpu, KVM440_SET_REGS, &regs) == 0, "set regs");
	check(ioctl(vcpu, KVM440_GET_REGS, &back) == 0 &&
	      !memcmp(&regs, &back, sizeof(regs)), "regs read back equal");
	regs.reserved[1] = 1;
	expect_err(vcpu, KVM440_SET_REGS, &regs, EINVAL,
		   "regs with reserved field set");
	expect_err(vcpu, KVM440_SET_REGS, (void *)8, EFAULT,
		   "regs at a bad pointer");

	check(ioctl(vcpu, KVM440_GET_SREGS, &sregs) == 0 &&
	      (sregs.pvr & 0xf0000000u) != 0, "sregs report the host PVR");
	sregs.ivpr = 0x12345678;
	sregs.ivor[8] = 0x1ff;
	sregs.sprg[7] = 0xdeadbeef;
	sregs.pvr = 0;
	check(ioctl(vcpu, KVM440_SET_SREGS, &sregs) == 0, "set sregs");
	ioctl(vcpu, KVM440_GET_SREGS, &sback);
	check(sback.ivpr == 0x12340000 && sback.ivor[8] == 0x1f0 &&
	      sback.sprg[7] == 0xdeadbeef, "IVPR/IVOR masked as on hardware");
	check(sback.pvr == sregs.pvr || sback.pvr != 0, "PVR is read-only");
	sregs.flags = 0x80;
	expect_err(vcpu, KVM440_SET_SREGS, &sregs, EINVAL, "sregs unknown flag");

	tlb->e[0].word0 = 0x00000000 | KVM440_TLB0_V | (7 << 4);
	tlb->e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	tlb->e[1].word0 = 0xef600000 | KVM440_TLB0_V | (1 << 4);
	tlb->e[1].word1 = 0xef600000;
	tlb->e[1].word2 = KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
			  KVM440_TLB2_SR;
	check(ioctl(vcpu, KVM440_SET_TLB, tlb) == 0, "set guest TLB");
	check(ioctl(vcpu, KVM440_GET_TLB, &tlb[1]) == 0 &&
	      !memcmp(&tlb[0], &tlb[1], sizeof(*tlb)), "guest TLB reads back");
	tlb->e[5].word0 = KVM440_TLB0_V | (12 << 4);
	expect_err(vcpu, KVM440_SET_TLB, tlb, EINVAL, "undefined page size");
	tlb->e[5].word0 = 0;
	tlb->e[6].tid = 256;
	expect_err(vcpu, KVM440_SET_TLB, tlb, EINVAL, "TID above 255");
	check(ioctl(vcpu, KVM440_GET_TLB, &tlb[1]) == 0 &&
	      tlb[1].e[6].tid == 0, "rejected TLB left the old one intact");

	test_guest_debug(vm, vcpu);
	expect_err(vcpu, KVM440_RUN, (void *)1, EINVAL, "RUN with an argument");
	expect_err(vm, _IO(KVM440IO, 0x7e), NULL, ENOTTY, "unknown VM ioctl");
	expect_err(vcpu, _IO(KVM440IO, 0x7e), NULL, ENOTTY,
		   "unknown vCPU ioctl");

	/* the vCPU keeps the VM alive: drop the VM fd, keep using the vCPU */
	close(vm);
	check(ioctl(vcpu, KVM440_GET_REGS, &back) == 0 && back.pc == 0x100,
	      "vCPU usable after the VM fd is closed");
	check(run->exit_reason == KVM440_EXIT_NONE, "run page still mapped");
	close(vcpu);
	check(munmap(run, 4096) == 0, "run page unmaps after close");
	free(tlb);
}

static void test_irq_and_stats(int vm)
{
	struct kvm440_irq_level irq = { .irq = KVM440_IRQ_EXTERNAL, .level = 1 };
	struct kvm440_stats st;

	check(ioctl(vm, KVM440_IRQ_LINE, &irq) == 0, "raise external input");
	irq.level = 2;
	expect_err(vm, KVM440_IRQ_LINE, &irq, EINVAL, "irq level 2");
	irq.level = 0;
	irq.irq = 9;
	expect_err(vm, KVM440_IRQ_LINE, &irq, EINVAL, "irq line 9");
	check(ioctl(vm, KVM440_GET_STATS, &st) == 0 &&
	      st.count == KVM440_STAT_NR, "stats report every counter");
}

int main(void)
{
	int dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	int vm;

	if (dev < 0) {
		printf("FAIL: open /dev/kvm440: %s\n", strerror(errno));
		return 1;
	}
	expect_err(dev, KVM440_CREATE_VM, (void *)1, EINVAL, "VM type 1");
	check(ioctl(dev, KVM440_GET_VCPU_MMAP_SIZE, 0) == 4096,
	      "run structure is one page");
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	check(vm >= 0, "create VM");
	if (vm < 0)
		return 1;
	test_memory(vm);
	test_irq_and_stats(vm);
	test_vcpu(vm);		/* closes vm */
	close(dev);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
