// SPDX-License-Identifier: GPL-2.0
/*
 * sec_api CHECK [ARG]: hostile-user checks of the kvm440 ABI (issue #10).
 * Prints "PASS CHECK" or "FAIL CHECK: why" and exits 0 or 1.
 *
 *   filemap DIR   guest RAM from a MAP_SHARED file in DIR (a file system
 *                 with page cache, e.g. ramfs): refused (EOPNOTSUPP);
 *                 anonymous, memfd and MAP_PRIVATE file memory accepted,
 *                 and a read-only slot of the shared file too
 *   vcpu_mmap     a forked child cannot mmap() the parent's vCPU fd (EIO)
 *   vms N         create VMs until one fails or N exist; print how many
 *                 and the error, then hold them until stdin closes
 *   orphan MB     create a VM with MB of pinned RAM, fork a child that
 *                 keeps the fds, print the child's pid and exit: the test
 *                 then watches what the orphaned VM keeps
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/kvm440.h>

static int dev_fd(void)
{
	int d = open("/dev/kvm440", O_RDWR);

	if (d < 0) {
		printf("FAIL open /dev/kvm440: %s\n", strerror(errno));
		exit(1);
	}
	return d;
}

static int vm_new(int dev)
{
	int vm = ioctl(dev, KVM440_CREATE_VM, 0);

	if (vm < 0) {
		printf("FAIL KVM440_CREATE_VM: %s\n", strerror(errno));
		exit(1);
	}
	return vm;
}

/* slot 0 at guest physical 0 from @mem: 0 or -errno */
static int add_ram(int vm, void *mem, size_t len, uint32_t flags)
{
	struct kvm440_memory_region mr = {
		.slot = 0, .flags = flags, .guest_phys = 0, .size = len,
		.userspace_addr = (uintptr_t)mem,
	};

	return ioctl(vm, KVM440_SET_MEMORY_REGION, &mr) ? -errno : 0;
}

static int filemap(const char *dir)
{
	const size_t len = 1 << 20;
	char path[256];
	int dev = dev_fd(), vm = vm_new(dev), fd, r, ok = 1;
	void *m;

	snprintf(path, sizeof(path), "%s/guest-ram", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, len)) {
		printf("FAIL filemap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(m, 0x5a, len);
	r = add_ram(vm, m, len, 0);
	printf("filemap: MAP_SHARED file in %s: %s\n", dir, r ? strerror(-r) : "accepted");
	if (r != -EOPNOTSUPP) {
		printf("FAIL filemap: writable guest RAM from a shared file mapping: %s (want EOPNOTSUPP)\n",
		       r ? strerror(-r) : "accepted");
		ok = 0;
	}
	r = add_ram(vm, m, len, KVM440_MEM_READONLY);
	printf("filemap: the same, read-only slot: %s\n", r ? strerror(-r) : "accepted");
	if (r) {
		printf("FAIL filemap: read-only slot of a shared file: %s\n", strerror(-r));
		ok = 0;
	}
	add_ram(vm, NULL, 0, 0);
	munmap(m, len);

	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	memset(m, 0xa5, len);
	r = add_ram(vm, m, len, 0);
	printf("filemap: MAP_PRIVATE file: %s\n", r ? strerror(-r) : "accepted");
	if (r) {
		printf("FAIL filemap: private file mapping: %s\n", strerror(-r));
		ok = 0;
	}
	add_ram(vm, NULL, 0, 0);
	munmap(m, len);
	close(fd);

	fd = memfd_create("guest-ram", 0);
	if (fd < 0 || ftruncate(fd, len)) {
		printf("FAIL filemap: memfd: %s\n", strerror(errno));
		return 1;
	}
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(m, 0x11, len);
	r = add_ram(vm, m, len, 0);
	printf("filemap: memfd MAP_SHARED: %s\n", r ? strerror(-r) : "accepted");
	if (r) {
		printf("FAIL filemap: memfd: %s\n", strerror(-r));
		ok = 0;
	}
	add_ram(vm, NULL, 0, 0);

	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(m, 0x22, len);
	r = add_ram(vm, m, len, 0);
	if (r) {
		printf("FAIL filemap: anonymous memory: %s\n", strerror(-r));
		ok = 0;
	}
	unlink(path);
	if (ok)
		printf("PASS filemap\n");
	return !ok;
}

static int vcpu_mmap(void)
{
	int dev = dev_fd(), vm = vm_new(dev), vcpu, st;
	pid_t pid;
	void *m;

	vcpu = ioctl(vm, KVM440_CREATE_VCPU, 0);
	if (vcpu < 0) {
		printf("FAIL vcpu_mmap: KVM440_CREATE_VCPU: %s\n", strerror(errno));
		return 1;
	}
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (m == MAP_FAILED) {
		printf("FAIL vcpu_mmap: the owner's own mmap: %s\n", strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		void *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);

		if (c != MAP_FAILED) {
			printf("FAIL vcpu_mmap: a forked child mapped the vCPU's run page\n");
			_exit(1);
		}
		printf("vcpu_mmap: child: %s\n", strerror(errno));
		_exit(errno == EIO ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("FAIL vcpu_mmap: want EIO in the child\n");
		return 1;
	}
	printf("PASS vcpu_mmap\n");
	return 0;
}

static int vms(int n)
{
	int dev = dev_fd(), i, e = 0;
	char c;

	for (i = 0; i < n; i++)
		if (ioctl(dev, KVM440_CREATE_VM, 0) < 0) {
			e = errno;
			break;
		}
	printf("vms: created %d, then %s\n", i, e ? strerror(e) : "stopped");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return 0;
}

static int orphan(unsigned long mb)
{
	int dev = dev_fd(), vm = vm_new(dev);
	size_t len = mb << 20;
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int r;

	memset(m, 0x33, len);
	r = add_ram(vm, m, len, 0);
	if (r) {
		printf("FAIL orphan: add RAM: %s\n", strerror(-r));
		return 1;
	}
	/*
	 * as a VMM does with guest RAM: the child must not get a copy (fork
	 * copies pinned anonymous pages at once), only the fds. The VM fd is
	 * close-on-exec, not close-on-fork: the child keeps it.
	 */
	if (madvise(m, len, MADV_DONTFORK)) {
		printf("FAIL orphan: MADV_DONTFORK: %s\n", strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	printf("orphan: child %d holds VM fd %d with %lu MiB\n", pid, vm, mb);
	return 0;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(c, "filemap") && argc > 2)
		return filemap(argv[2]);
	if (!strcmp(c, "vcpu_mmap"))
		return vcpu_mmap();
	if (!strcmp(c, "vms") && argc > 2)
		return vms(atoi(argv[2]));
	if (!strcmp(c, "orphan") && argc > 2)
		return orphan(strtoul(argv[2], NULL, 0));
	fprintf(stderr, "usage: sec_api filemap DIR | vcpu_mmap | vms N | orphan MB\n");
	return 2;
}
