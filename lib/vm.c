// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * VM and vCPU handles over the /dev/kvm440 ioctls. One vCPU per VM, as the
 * 440 is single-core; guest RAM is owned by the handle: memory the module
 * allocates (KVM440_MEM_ALLOC, mapped from the VM fd) where it can, so
 * large shadow TLB entries can map it, else anonymous memory it pins.
 */
/* guest physical addresses are mmap() offsets of the VM fd: 36 bits */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

struct kvm440_ram {
	void *host;
	uint64_t gpa, size;
};

struct kvm440_vm {
	int dev_fd, vm_fd, vcpu_fd;
	struct kvm440_run *run;
	size_t run_size;
	unsigned int nram;
	struct kvm440_ram ram[KVM440_MAX_MEM_SLOTS];
	char ram_note[256];	/* how the last RAM was backed, and why */
};

/* An ioctl whose failure is reported as "NAME: strerror". */
static int xioctl(int fd, unsigned long cmd, void *arg, const char *name,
		  struct kvm440_error *err)
{
	int r = ioctl(fd, cmd, arg);

	if (r < 0)
		return kvm440_fail(err, -errno, "%s: %s", name, strerror(errno));
	return r;
}

int kvm440_vm_create(const char *dev, struct kvm440_vm **out,
		     struct kvm440_error *err)
{
	struct kvm440_vm *vm;
	int v, e;

	if (!dev)
		dev = "/dev/kvm440";
	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	vm->vm_fd = vm->vcpu_fd = -1;
	vm->dev_fd = open(dev, O_RDWR | O_CLOEXEC);
	if (vm->dev_fd < 0) {
		e = errno;
		free(vm);
		return kvm440_fail(err, -e, "%s: %s%s", dev, strerror(e),
			    e == ENOENT ? " (is kvm440.ko loaded?)" : "");
	}
	v = ioctl(vm->dev_fd, KVM440_GET_API_VERSION, 0);
	if (v != KVM440_API_VERSION) {
		e = kvm440_fail(err, -EPROTO, "%s: API version %d, this library speaks %d",
			 dev, v, KVM440_API_VERSION);
		goto out;
	}
	vm->vm_fd = xioctl(vm->dev_fd, KVM440_CREATE_VM, NULL,
			   "KVM440_CREATE_VM", err);
	if (vm->vm_fd < 0) {
		e = vm->vm_fd;
		goto out;
	}
	*out = vm;
	return 0;
out:
	close(vm->dev_fd);
	free(vm);
	return e;
}

void kvm440_vm_destroy(struct kvm440_vm *vm)
{
	unsigned int i;

	if (!vm)
		return;
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	close(vm->vm_fd);
	close(vm->dev_fd);
	for (i = 0; i < vm->nram; i++)
		munmap(vm->ram[i].host, vm->ram[i].size);
	free(vm);
}

int kvm440_vm_fd(const struct kvm440_vm *vm)
{
	return vm->vm_fd;
}

int kvm440_vm_vcpu_fd(const struct kvm440_vm *vm)
{
	return vm->vcpu_fd;
}

static const char *region_hint(int e)
{
	return e == E2BIG ? " (see the module's max_vm_mem_mb)" :
	       e == ENOMEM ? " (see ulimit -l)" : "";
}

/* Anonymous memory, pinned by the module; the old way, and the fallback. */
static int add_anon(struct kvm440_vm *vm, struct kvm440_memory_region *mr,
		    void **host, struct kvm440_error *err)
{
	*host = mmap(NULL, mr->size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (*host == MAP_FAILED)
		return kvm440_fail(err, -errno, "cannot allocate %llu MiB of guest RAM: %s",
			    (unsigned long long)(mr->size >> 20), strerror(errno));
	mr->flags = 0;
	mr->userspace_addr = (uintptr_t)*host;
	if (ioctl(vm->vm_fd, KVM440_SET_MEMORY_REGION, mr) < 0) {
		int e = errno;

		munmap(*host, mr->size);
		return kvm440_fail(err, -e,
			 "KVM440_SET_MEMORY_REGION (%llu MiB at 0x%llx): %s%s",
			 (unsigned long long)(mr->size >> 20),
			 (unsigned long long)mr->guest_phys, strerror(e),
			 region_hint(e));
	}
	return 0;
}

/*
 * Memory the module allocates, mapped from the VM fd. Returns 0, or a
 * negative errno with @why saying why not (the caller may fall back).
 */
static int add_module_mem(struct kvm440_vm *vm,
			  struct kvm440_memory_region *mr, void **host,
			  char *why, size_t whylen)
{
	long chunk = ioctl(vm->vm_fd, KVM440_CHECK_EXTENSION,
			   KVM440_CAP_ALLOC_MEM);
	int e;

	if (chunk <= 0) {
		snprintf(why, whylen, "%s",
			 chunk == 0 ? "the module does not offer it (alloc_mem=0)" :
			 errno == ENOTTY ? "the module predates KVM440_CHECK_EXTENSION" :
			 "KVM440_CHECK_EXTENSION failed");
		return -ENOTSUP;
	}
	if ((off_t)mr->guest_phys < 0) {
		snprintf(why, whylen, "0x%llx is beyond mmap() offsets",
			 (unsigned long long)mr->guest_phys);
		return -EOVERFLOW;
	}
	mr->flags = KVM440_MEM_ALLOC;
	mr->userspace_addr = 0;
	if (ioctl(vm->vm_fd, KVM440_SET_MEMORY_REGION, mr) < 0) {
		e = errno;
		snprintf(why, whylen, "KVM440_SET_MEMORY_REGION with KVM440_MEM_ALLOC: %s%s",
			 strerror(e), region_hint(e));
		return -e;
	}
	*host = mmap(NULL, mr->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		     vm->vm_fd, (off_t)mr->guest_phys);
	if (*host != MAP_FAILED)
		return 0;
	e = errno;
	snprintf(why, whylen, "mmap of the VM fd: %s", strerror(e));
	mr->size = 0;		/* give the slot back */
	ioctl(vm->vm_fd, KVM440_SET_MEMORY_REGION, mr);
	return -e;
}

int kvm440_vm_add_ram_flags(struct kvm440_vm *vm, uint64_t gpa, uint64_t size,
			    unsigned int flags, struct kvm440_gmem *out,
			    struct kvm440_error *err)
{
	struct kvm440_memory_region mr = { 0 };
	char why[200] = "the caller asked for anonymous memory";
	void *host = NULL;
	int r = -ENOTSUP;

	if (flags & ~(KVM440_RAM_ANON | KVM440_RAM_MODULE) ||
	    (flags & KVM440_RAM_ANON && flags & KVM440_RAM_MODULE))
		return kvm440_fail(err, -EINVAL, "bad guest RAM flags 0x%x",
				   flags);
	if (vm->nram == KVM440_MAX_MEM_SLOTS)
		return kvm440_fail(err, -ENOSPC, "all %d memory slots in use",
			    KVM440_MAX_MEM_SLOTS);
	if (size > SIZE_MAX)
		return kvm440_fail(err, -E2BIG, "guest RAM of %llu bytes does not fit",
			    (unsigned long long)size);
	mr.slot = vm->nram;
	mr.guest_phys = gpa;
	if (!(flags & KVM440_RAM_ANON)) {
		mr.size = size;
		r = add_module_mem(vm, &mr, &host, why, sizeof(why));
		if (r < 0 && flags & KVM440_RAM_MODULE)
			return kvm440_fail(err, r, "%llu MiB at 0x%llx: %s",
					   (unsigned long long)(size >> 20),
					   (unsigned long long)gpa, why);
		/* these would fail the same way with anonymous memory */
		if (r == -E2BIG || r == -EEXIST || r == -EINVAL)
			return kvm440_fail(err, r, "%llu MiB at 0x%llx: %s",
					   (unsigned long long)(size >> 20),
					   (unsigned long long)gpa, why);
	}
	if (r == 0) {
		snprintf(vm->ram_note, sizeof(vm->ram_note),
			 "%llu MiB at 0x%llx: module memory, mapped from the VM fd",
			 (unsigned long long)(size >> 20),
			 (unsigned long long)gpa);
	} else {
		mr.size = size;
		r = add_anon(vm, &mr, &host, err);
		if (r < 0)
			return r;
		snprintf(vm->ram_note, sizeof(vm->ram_note),
			 "%llu MiB at 0x%llx: anonymous memory, pinned (no module memory: %s)",
			 (unsigned long long)(size >> 20),
			 (unsigned long long)gpa, why);
	}
	vm->ram[vm->nram++] = (struct kvm440_ram){ host, gpa, size };
	if (out)
		*out = (struct kvm440_gmem){ host, gpa, size };
	return 0;
}

int kvm440_vm_add_ram(struct kvm440_vm *vm, uint64_t gpa, uint64_t size,
		      struct kvm440_gmem *out, struct kvm440_error *err)
{
	return kvm440_vm_add_ram_flags(vm, gpa, size, 0, out, err);
}

int kvm440_vm_ram0(const struct kvm440_vm *vm, struct kvm440_gmem *out)
{
	unsigned int i;

	for (i = 0; i < vm->nram; i++)
		if (vm->ram[i].gpa == 0) {
			*out = (struct kvm440_gmem){ vm->ram[i].host, 0,
						     vm->ram[i].size };
			return 0;
		}
	return -ENOENT;
}

const char *kvm440_vm_ram_note(const struct kvm440_vm *vm)
{
	return vm->ram_note;
}

int kvm440_vm_create_vcpu(struct kvm440_vm *vm, struct kvm440_error *err)
{
	int fd, size;

	size = xioctl(vm->dev_fd, KVM440_GET_VCPU_MMAP_SIZE, NULL,
		      "KVM440_GET_VCPU_MMAP_SIZE", err);
	if (size < 0)
		return size;
	fd = xioctl(vm->vm_fd, KVM440_CREATE_VCPU, NULL, "KVM440_CREATE_VCPU",
		    err);
	if (fd < 0)
		return fd;
	vm->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		close(fd);
		return kvm440_fail(err, -errno, "mmap of the run structure: %s",
			    strerror(errno));
	}
	vm->run_size = size;
	vm->vcpu_fd = fd;
	return 0;
}

struct kvm440_run *kvm440_vm_run_struct(struct kvm440_vm *vm)
{
	return vm->run;
}

#define VCPU_IOCTL(fn, cmd, type, constness)				\
int fn(struct kvm440_vm *vm, constness type *arg, struct kvm440_error *err) \
{									\
	if (vm->vcpu_fd < 0)						\
		return kvm440_fail(err, -ENODEV, #cmd ": no vCPU created");	\
	return xioctl(vm->vcpu_fd, cmd, (void *)arg, #cmd, err);	\
}

VCPU_IOCTL(kvm440_vm_get_regs, KVM440_GET_REGS, struct kvm440_regs, )
VCPU_IOCTL(kvm440_vm_set_regs, KVM440_SET_REGS, struct kvm440_regs, const)
VCPU_IOCTL(kvm440_vm_get_sregs, KVM440_GET_SREGS, struct kvm440_sregs, )
VCPU_IOCTL(kvm440_vm_set_sregs, KVM440_SET_SREGS, struct kvm440_sregs, const)
VCPU_IOCTL(kvm440_vm_get_tlb, KVM440_GET_TLB, struct kvm440_tlb, )
VCPU_IOCTL(kvm440_vm_set_tlb, KVM440_SET_TLB, struct kvm440_tlb, const)
VCPU_IOCTL(kvm440_vm_set_guest_debug, KVM440_SET_GUEST_DEBUG,
	   struct kvm440_guest_debug, const)

int kvm440_vm_irq_line(struct kvm440_vm *vm, uint32_t irq, uint32_t level,
		       struct kvm440_error *err)
{
	struct kvm440_irq_level l = { .irq = irq, .level = level };

	return xioctl(vm->vm_fd, KVM440_IRQ_LINE, &l, "KVM440_IRQ_LINE", err);
}

int kvm440_vm_get_stats(struct kvm440_vm *vm, struct kvm440_stats *stats,
			struct kvm440_error *err)
{
	return xioctl(vm->vm_fd, KVM440_GET_STATS, stats, "KVM440_GET_STATS",
		      err);
}

int kvm440_vm_has_cap(struct kvm440_vm *vm, unsigned int cap)
{
	/* a module older than KVM440_CHECK_EXTENSION says ENOTTY: none */
	return ioctl(vm->dev_fd, KVM440_CHECK_EXTENSION, (unsigned long)cap) > 0;
}

int kvm440_vm_set_console(struct kvm440_vm *vm, uint64_t uart_gpa,
			  struct kvm440_error *err)
{
	struct kvm440_console_config c = {
		.uart_gpa = uart_gpa,
		.flags = uart_gpa ? KVM440_CONSOLE_ENABLE : 0,
	};

	if (vm->vcpu_fd < 0)
		return kvm440_fail(err, -ENODEV,
				   "KVM440_SET_CONSOLE: no vCPU created");
	return xioctl(vm->vcpu_fd, KVM440_SET_CONSOLE, &c,
		      "KVM440_SET_CONSOLE", err);
}

struct kvm440_console_ring *kvm440_vm_console(struct kvm440_vm *vm)
{
	if (!vm->run || vm->run_size < KVM440_CONSOLE_OFFSET +
					sizeof(struct kvm440_console_ring))
		return NULL;
	return (struct kvm440_console_ring *)((char *)vm->run +
					 KVM440_CONSOLE_OFFSET);
}

int kvm440_vm_run_once(struct kvm440_vm *vm, struct kvm440_error *err)
{
	if (vm->vcpu_fd < 0)
		return kvm440_fail(err, -ENODEV, "KVM440_RUN: no vCPU created");
	if (ioctl(vm->vcpu_fd, KVM440_RUN, 0) < 0)
		return kvm440_fail(err, -errno, "KVM440_RUN: %s", strerror(errno));
	return (int)vm->run->exit_reason;
}

int kvm440_vm_set_name(struct kvm440_vm *vm, const char *name,
		       struct kvm440_error *err)
{
	struct kvm440_vm_name n;
	size_t len = strlen(name);

	if (!kvm440_vm_has_cap(vm, KVM440_CAP_VM_NAME))
		return 0;	/* an older module: the VM stays unnamed */
	if (len >= sizeof(n.name))
		return kvm440_fail(err, -EINVAL,
			    "VM name '%s': longer than %zu characters", name,
			    sizeof(n.name) - 1);
	memset(&n, 0, sizeof(n));
	memcpy(n.name, name, len);
	if (ioctl(vm->vm_fd, KVM440_SET_VM_NAME, &n) == 0)
		return 0;
	if (errno == EINVAL)
		return kvm440_fail(err, -EINVAL,
			    "VM name '%s': use 1 to %zu printable characters, "
			    "no space or '/', not only digits", name,
			    sizeof(n.name) - 1);
	return kvm440_fail(err, -errno, "KVM440_SET_VM_NAME: %s",
			   strerror(errno));
}
