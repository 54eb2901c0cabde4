// SPDX-License-Identifier: GPL-2.0
/*
 * vm_mem: the KVM440_MEM_ALLOC memory-slot ABI against the real module
 * (docs/api.md): the capability, the slot's checks, mmap() of the VM fd
 * and what it refuses, that the memory is zeroed, shared, physically
 * contiguous in aligned chunks (from /proc/self/pagemap), charged to
 * locked memory, survives slot deletion in a mapping and is not inherited
 * by fork. One "ok:"/"FAIL:" line per behaviour; exit 0 when all hold.
 * Run as root with kvm440.ko loaded with max_vm_mem_mb=16.
 */
#define _FILE_OFFSET_BITS 64
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
#include <unistd.h>

#include <linux/kvm440.h>

#define MB (1ul << 20)
#define PAGE 4096ul

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

static int set_region(int vm, unsigned int slot, unsigned long long gpa,
		      unsigned long long size, unsigned long uaddr,
		      unsigned int flags)
{
	struct kvm440_memory_region mr = {
		.slot = slot, .flags = flags, .guest_phys = gpa, .size = size,
		.userspace_addr = uaddr,
	};

	return ioctl(vm, KVM440_SET_MEMORY_REGION, &mr) ? errno : 0;
}

/* mmap of the VM fd: 0 and the mapping in *@p, or the errno */
static int map(int vm, off_t off, size_t len, int flags, char **p)
{
	*p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, vm, off);
	return *p == MAP_FAILED ? errno : 0;
}

/* VmLck of this process, in kB */
static long vmlck_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmLck: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* The frame behind virtual page @va, or 0 if it cannot be read. */
static uint64_t pfn_of(int pagemap, const void *va)
{
	uint64_t e;
	off_t off = (off_t)((uintptr_t)va / PAGE) * 8;

	if (pread(pagemap, &e, 8, off) != 8 || !(e >> 63))
		return 0;
	return e & ((1ull << 55) - 1);
}

/* How many of the @len / @chunk chunks at @p are contiguous and aligned */
static unsigned long good_chunks(const char *p, size_t len, size_t chunk)
{
	int pm = open("/proc/self/pagemap", O_RDONLY);
	unsigned long good = 0, pages = chunk / PAGE, c, i;

	if (pm < 0)
		return 0;
	for (c = 0; c < len / chunk; c++) {
		uint64_t first = pfn_of(pm, p + c * chunk);
		int ok = first && !(first & (pages - 1));

		for (i = 1; ok && i < pages; i++)
			ok = pfn_of(pm, p + c * chunk + i * PAGE) == first + i;
		good += ok;
	}
	close(pm);
	return good;
}

static int all_zero(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_slots(int vm)
{
	check(set_region(vm, 0, 0, 8 * MB, 0, KVM440_MEM_ALLOC) == 0,
	      "module memory: 8M at 0");
	check(set_region(vm, 1, 8 * MB, MB, 0x10000000ul, KVM440_MEM_ALLOC) ==
	      EINVAL, "module memory with a user address -> EINVAL");
	check(set_region(vm, 1, 4 * MB, 4 * MB, 0, KVM440_MEM_ALLOC) == EEXIST,
	      "overlapping module memory -> EEXIST");
	check(set_region(vm, 1, 8 * MB, 32 * MB, 0, KVM440_MEM_ALLOC) == E2BIG,
	      "module memory beyond max_vm_mem_mb -> E2BIG");
	check(set_region(vm, 1, 8 * MB, 9 * MB, 0, KVM440_MEM_ALLOC) == E2BIG,
	      "module memory beyond max_vm_mem_mb in all slots -> E2BIG");
	check(set_region(vm, 1, 8 * MB + 2048, MB, 0, KVM440_MEM_ALLOC) ==
	      EINVAL, "unaligned guest address -> EINVAL");
	check(set_region(vm, 1, 0x10000000ull, MB + PAGE, 0,
			 KVM440_MEM_ALLOC | KVM440_MEM_READONLY) == 0,
	      "read-only module memory, 1M + 4K at 256M");
}

static void test_mmap(int vm)
{
	char *p, *q, *r;
	long before, after;

	check(map(vm, 0, 8 * MB, MAP_SHARED, &p) == 0, "mmap 8M at offset 0");
	if (p == MAP_FAILED)
		return;
	check(all_zero(p, 8 * MB), "module memory starts zeroed");
	memset(p, 0xa5, 8 * MB);
	check(good_chunks(p, 8 * MB, 4 * MB) == 2,
	      "both 4M chunks physically contiguous and 4M-aligned");

	check(map(vm, 4 * MB, 4 * MB, MAP_SHARED, &q) == 0,
	      "second mapping of the upper half");
	if (q != MAP_FAILED) {
		q[0] = 0x3c;
		check(p[4 * MB] == 0x3c, "both mappings show the same memory");
		munmap(q, 4 * MB);
	}
	check(map(vm, 0, 8 * MB, MAP_PRIVATE, &q) == EINVAL,
	      "MAP_PRIVATE -> EINVAL");
	check(map(vm, 4 * MB, 8 * MB, MAP_SHARED, &q) == EINVAL,
	      "mapping past the slot's end -> EINVAL");
	check(map(vm, 12 * MB, PAGE, MAP_SHARED, &q) == EINVAL,
	      "offset of no slot -> EINVAL");
	check(map(vm, 0x10000000ll, 2 * MB, MAP_SHARED, &q) == EINVAL,
	      "more than the 1M + 4K slot -> EINVAL");
	check(map(vm, 0x10000000ll + MB, PAGE, MAP_SHARED, &q) == 0 &&
	      munmap(q, PAGE) == 0, "last page of the 1M + 4K slot maps");
	check(mremap(p, 8 * MB, 16 * MB, MREMAP_MAYMOVE) == MAP_FAILED,
	      "mremap cannot grow a mapping");

	/* pinned slots are the owner's memory: nothing to map from the fd */
	r = mmap(NULL, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	check(set_region(vm, 2, 0x20000000ull, MB, (unsigned long)r, 0) == 0 &&
	      map(vm, 0x20000000ll, MB, MAP_SHARED, &q) == EINVAL,
	      "mmap of a pinned slot -> EINVAL");
	set_region(vm, 2, 0, 0, 0, 0);

	before = vmlck_kb();
	check(set_region(vm, 0, 0, 0, 0, 0) == 0, "delete the mapped slot");
	after = vmlck_kb();
	check(before - after == 8 * 1024,
	      "deleting 8M gives back 8M of locked memory");
	check(p[0] == (char)0xa5 && p[8 * MB - 1] == (char)0xa5,
	      "the mapping keeps the deleted slot's pages");
	check(set_region(vm, 0, 0, 4 * MB, 0, KVM440_MEM_ALLOC) == 0 &&
	      vmlck_kb() - after == 4 * 1024, "a new 4M slot is charged 4M");
	check(map(vm, 0, 4 * MB, MAP_SHARED, &q) == 0 && all_zero(q, 4 * MB) &&
	      p[0] == (char)0xa5, "a new slot is fresh zeroed memory");
	munmap(p, 8 * MB);
	munmap(q, 4 * MB);
}

static void test_fork(int vm)
{
	char *p;
	pid_t pid;
	int st;

	if (map(vm, 0, 4 * MB, MAP_SHARED, &p)) {
		check(0, "mmap for the fork test");
		return;
	}
	p[0] = 1;
	pid = fork();
	if (pid == 0) {
		char *q;
		int r = map(vm, 0, PAGE, MAP_SHARED, &q);

		/* the child cannot map the VM's memory, nor has it inherited */
		if (r != EIO)
			_exit(3);
		signal(SIGSEGV, SIG_DFL);
		*(volatile char *)p = 2;
		_exit(4);
	}
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "fork: the child neither inherits the mapping nor maps the VM fd");
	check(p[0] == 1, "the child changed nothing");
	munmap(p, 4 * MB);
}

int main(void)
{
	int dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	long chunk;
	int vm;

	if (dev < 0) {
		printf("FAIL: open /dev/kvm440: %s\n", strerror(errno));
		return 1;
	}
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm < 0) {
		printf("FAIL: create VM: %s\n", strerror(errno));
		return 1;
	}
	chunk = ioctl(vm, KVM440_CHECK_EXTENSION, KVM440_CAP_ALLOC_MEM);
	printf("module memory chunk: %ld bytes\n", chunk);
	check(chunk == 4 * MB, "KVM440_CAP_ALLOC_MEM: 4M chunks");
	check(ioctl(vm, KVM440_CHECK_EXTENSION, 999) == 0,
	      "an unknown capability is 0");
	test_slots(vm);
	test_mmap(vm);
	test_fork(vm);
	close(vm);
	close(dev);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
