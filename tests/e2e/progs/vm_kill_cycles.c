// SPDX-License-Identifier: GPL-2.0
/*
 * vm_kill_cycles CYCLES [SEED]: CYCLES times, a child process builds a VM
 * (1M of guest RAM, pinned anonymous or KVM440_MEM_ALLOC, chosen at random)
 * and runs one of four guests; the parent SIGKILLs it at a random moment:
 *   setup  while it is still creating the VM, adding RAM, mapping the run
 *          page (no wait for "ready")
 *   spin   inside RUN, the guest looping (b .)
 *   mmio   between or inside MMIO round trips (a load loop to a page with
 *          no RAM behind it, which the child answers)
 *   idle   inside RUN, the guest asleep in MSR[WE] with EE on
 * Every child must die of the SIGKILL: one that exits by itself found a
 * setup or RUN error, which fails the run. The caller checks what must come
 * back (pins, free memory, kmemleak, rmmod). The sequence is a function of
 * SEED (printed; default from the clock), so "vm_kill_cycles N SEED"
 * replays it. Prints "ok: ..." with counts per kind, or "FAIL: ...".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define MEM_SIZE	(1u << 20)
#define MMIO_EA		0xe0000000u
#define MMIO_GPA	0x1e0000000ull

enum kind { K_SETUP, K_SPIN, K_MMIO, K_IDLE, K_NR };
static const char *const kind_name[K_NR] = { "setup", "spin", "mmio", "idle" };
static const uint32_t kind_pc[K_NR] = { 0x100, 0x100, 0x200, 0x300 };

static const uint32_t spin[] = { 0x48000000 };	/* b . */
static const uint32_t mmio[] = {
	0x3e80e000,	/* lis   r20,0xe000 */
	0x81140000,	/* lwz   r8,0(r20)  (MMIO: exits to the child) */
	0x91140004,	/* stw   r8,4(r20)  (MMIO) */
	0x4bfffff8,	/* b     the lwz */
};
static const uint32_t idle[] = {
	0x3c600004,	/* lis   r3,4       (MSR[WE]) */
	0x60638000,	/* ori   r3,r3,0x8000 (MSR[EE]) */
	0x7c600124,	/* mtmsr r3: sleeps, nothing will wake it */
	0x4bfffffc,	/* b     the mtmsr */
};

/* xorshift64*: the whole sequence follows from the seed */
static uint64_t rng;
static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32);
}

static void child_fail(const char *what)
{
	printf("child: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	_exit(2);
}

/* Builds the VM and runs it; never returns on success (it is killed). */
static void child(enum kind k, int module_mem, int ready)
{
	struct kvm440_memory_region mr = { 0 };
	struct kvm440_regs regs;
	struct kvm440_tlb tlb;
	struct kvm440_run *run;
	uint8_t *mem;
	int dev, vm, vcpu;

	dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		child_fail("open /dev/kvm440");
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm < 0)
		child_fail("CREATE_VM");
	mr.size = MEM_SIZE;
	if (module_mem) {
		mr.flags = KVM440_MEM_ALLOC;
		if (ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			child_fail("SET_MEMORY_REGION (alloc)");
		mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
			   vm, 0);
		if (mem == MAP_FAILED)
			child_fail("mmap VM fd");
	} else {
		mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mem == MAP_FAILED)
			child_fail("mmap");
		memset(mem, 0, MEM_SIZE);
		mr.userspace_addr = (unsigned long)mem;
		if (ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			child_fail("SET_MEMORY_REGION");
	}
	memcpy(mem + 0x100, spin, sizeof(spin));
	memcpy(mem + 0x200, mmio, sizeof(mmio));
	memcpy(mem + 0x300, idle, sizeof(idle));
	vcpu = ioctl(vm, KVM440_CREATE_VCPU, 0);
	if (vcpu < 0)
		child_fail("CREATE_VCPU");
	run = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpu, 0);
	if (run == MAP_FAILED)
		child_fail("mmap vCPU fd");
	memset(&tlb, 0, sizeof(tlb));
	tlb.e[0].word0 = KVM440_TLB0_V | (7 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	tlb.e[1].word0 = MMIO_EA | KVM440_TLB0_V |
			 (1 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[1].word1 = (uint32_t)MMIO_GPA | (uint32_t)(MMIO_GPA >> 32);
	tlb.e[1].word2 = KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
			 KVM440_TLB2_SR;
	if (ioctl(vcpu, KVM440_SET_TLB, &tlb))
		child_fail("SET_TLB");
	memset(&regs, 0, sizeof(regs));
	regs.pc = kind_pc[k];
	if (ioctl(vcpu, KVM440_SET_REGS, &regs))
		child_fail("SET_REGS");
	/* a setup-kind parent is not listening: EPIPE, not SIGPIPE */
	signal(SIGPIPE, SIG_IGN);
	if (write(ready, "r", 1) != 1 && errno != EPIPE)
		child_fail("write ready");
	for (;;) {
		if (ioctl(vcpu, KVM440_RUN, 0)) {
			if (errno == EINTR)
				continue;
			child_fail("RUN");
		}
		if (k == K_MMIO && run->exit_reason == KVM440_EXIT_MMIO) {
			memset(run->mmio.data, 0x5a, sizeof(run->mmio.data));
			continue;
		}
		errno = 0;
		printf("child: %s guest: unexpected exit %u\n", kind_name[k],
		       run->exit_reason);
		fflush(stdout);
		_exit(3);
	}
}

int main(int argc, char **argv)
{
	unsigned long cycles = argc > 1 ? strtoul(argv[1], NULL, 0) : 100;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) :
		(uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	unsigned long n[K_NR] = { 0 }, i;

	rng = seed ? seed : 1;
	printf("vm_kill_cycles: %lu cycles, seed %llu\n", cycles,
	       (unsigned long long)seed);
	fflush(stdout);
	for (i = 0; i < cycles; i++) {
		enum kind k = rnd() % K_NR;
		int module_mem = rnd() & 1;
		unsigned int delay_us = rnd() % 4000;
		int p[2], status;
		char c;
		pid_t pid;

		if (pipe(p)) {
			printf("FAIL: pipe: %s\n", strerror(errno));
			return 1;
		}
		pid = fork();
		if (pid < 0) {
			printf("FAIL: fork: %s\n", strerror(errno));
			return 1;
		}
		if (pid == 0) {
			close(p[0]);
			child(k, module_mem, p[1]);
		}
		close(p[1]);
		/* setup is killed wherever it is; the rest once in RUN */
		if (k != K_SETUP && read(p[0], &c, 1) != 1)
			delay_us = 0;	/* it died already: waitpid says why */
		close(p[0]);
		usleep(delay_us);
		kill(pid, SIGKILL);
		if (waitpid(pid, &status, 0) != pid) {
			printf("FAIL: waitpid: %s\n", strerror(errno));
			return 1;
		}
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
			printf("FAIL: cycle %lu (%s guest, %s RAM): child %s %d, not killed; replay: vm_kill_cycles %lu %llu\n",
			       i, kind_name[k], module_mem ? "module" : "anon",
			       WIFEXITED(status) ? "exited" : "died of signal",
			       WIFEXITED(status) ? WEXITSTATUS(status) :
			       WTERMSIG(status),
			       cycles, (unsigned long long)seed);
			return 1;
		}
		n[k]++;
	}
	printf("ok: %lu VMs killed: %lu in setup, %lu spinning, %lu in MMIO, %lu idle (seed %llu)\n",
	       cycles, n[K_SETUP], n[K_SPIN], n[K_MMIO], n[K_IDLE],
	       (unsigned long long)seed);
	return 0;
}
