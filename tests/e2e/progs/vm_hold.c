// SPDX-License-Identifier: GPL-2.0
/*
 * vm_hold MEM_MB [module]: create a VM with MEM_MB of guest RAM (touched, so
 * it is really allocated) and one vCPU, print "pid N vm ready" and sleep
 * until killed. Lets e2e tests observe a VM owned by another process. The
 * RAM is pinned anonymous memory, or with "module" memory the module
 * allocates (KVM440_MEM_ALLOC), mapped from the VM fd.
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

static int die(const char *what)
{
	printf("vm_hold: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long mb = argc > 1 ? strtoul(argv[1], NULL, 0) : 4;
	int module = argc > 2 && !strcmp(argv[2], "module");
	struct kvm440_memory_region mr = { 0 };
	int dev, vm, vcpu;
	void *mem;

	dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return die("open /dev/kvm440");
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm < 0)
		return die("KVM440_CREATE_VM");
	mr.size = mb << 20;
	if (module) {
		mr.flags = KVM440_MEM_ALLOC;
		if (ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			return die("KVM440_SET_MEMORY_REGION");
		mem = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE, MAP_SHARED,
			   vm, 0);
		if (mem == MAP_FAILED)
			return die("mmap of the VM fd");
		memset(mem, 0x5a, mb << 20);
	} else {
		mem = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mem == MAP_FAILED)
			return die("mmap");
		memset(mem, 0x5a, mb << 20);
		mr.userspace_addr = (unsigned long)mem;
		if (ioctl(vm, KVM440_SET_MEMORY_REGION, &mr))
			return die("KVM440_SET_MEMORY_REGION");
	}
	vcpu = ioctl(vm, KVM440_CREATE_VCPU, 0);
	if (vcpu < 0)
		return die("KVM440_CREATE_VCPU");
	printf("pid %d vm ready\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
