// SPDX-License-Identifier: GPL-2.0
/*
 * vm_name: KVM440_CAP_VM_NAME, KVM440_CAP_VM_CONTROL and the rules of
 * KVM440_SET_VM_NAME against the real module (docs/api.md), one
 * "ok:"/"FAIL:" line each; exit 0 when all hold. It prints the id of its
 * VM and, last, waits for a line on stdin, so vm_owner.sh can check the
 * name over netlink while the VM exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kvm440.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

/* 0 or the errno of KVM440_SET_VM_NAME with @len bytes of @name */
static int set_name(int fd, const char *name, size_t len)
{
	struct kvm440_vm_name n;

	memset(&n, 0, sizeof(n));
	memcpy(n.name, name, len);
	return ioctl(fd, KVM440_SET_VM_NAME, &n) ? errno : 0;
}

int main(void)
{
	int dev = open("/dev/kvm440", O_RDWR), vm;
	char full[KVM440_NAME_MAX], line[16];

	if (dev < 0) {
		perror("/dev/kvm440");
		return 1;
	}
	check(ioctl(dev, KVM440_CHECK_EXTENSION, KVM440_CAP_VM_NAME) ==
	      KVM440_NAME_MAX, "KVM440_CAP_VM_NAME is KVM440_NAME_MAX");
	check(ioctl(dev, KVM440_CHECK_EXTENSION, KVM440_CAP_VM_CONTROL) == 1,
	      "KVM440_CAP_VM_CONTROL is offered");
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	if (vm < 0) {
		perror("KVM440_CREATE_VM");
		return 1;
	}
	check(ioctl(vm, KVM440_CHECK_EXTENSION, KVM440_CAP_VM_NAME) ==
	      KVM440_NAME_MAX, "VM fd: KVM440_CAP_VM_NAME");
	check(set_name(dev, "web", 3) == ENOTTY,
	      "SET_VM_NAME on /dev/kvm440: ENOTTY");
	check(set_name(vm, "", 0) == EINVAL, "empty name: EINVAL");
	check(set_name(vm, "a b", 3) == EINVAL, "a space: EINVAL");
	check(set_name(vm, "a/b", 3) == EINVAL, "a '/': EINVAL");
	check(set_name(vm, "a\tb", 3) == EINVAL, "a control character: EINVAL");
	check(set_name(vm, "caf\xc3\xa9", 5) == EINVAL, "non-ASCII: EINVAL");
	check(set_name(vm, "1234", 4) == EINVAL, "all digits: EINVAL");
	memset(full, 'x', sizeof(full));
	check(set_name(vm, full, sizeof(full)) == EINVAL,
	      "no NUL in KVM440_NAME_MAX bytes: EINVAL");
	check(set_name(vm, "ab\0c", 4) == EINVAL,
	      "a byte after the NUL: EINVAL");
	check(ioctl(vm, KVM440_SET_VM_NAME, NULL) == -1 && errno == EFAULT,
	      "bad pointer: EFAULT");
	check(set_name(vm, full, sizeof(full) - 1) == 0,
	      "KVM440_NAME_MAX - 1 characters: accepted");
	check(set_name(vm, "1st-vm_2.b", 10) == 0,
	      "digits with other characters: accepted");
	check(set_name(vm, "renamed", 7) == 0, "a rename: accepted");
	printf("vm_name: ready, pid %d\n", (int)getpid());
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	close(vm);
	close(dev);
	return failures ? 1 : 0;
}
