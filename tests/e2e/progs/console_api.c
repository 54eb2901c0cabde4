// SPDX-License-Identifier: GPL-2.0
/*
 * console_api: KVM440_CHECK_EXTENSION and KVM440_SET_CONSOLE against the
 * real module, one "ok:"/"FAIL:" line per documented behaviour (docs/api.md);
 * exit 0 when all hold. What the fast path does for a guest is the
 * console guest's job (tests/e2e/tests/console_fast.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm440.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failures++;
}

static int set_console(int vcpu, unsigned long long gpa, unsigned int flags,
		       unsigned int pad)
{
	struct kvm440_console_config c = {
		.uart_gpa = gpa, .flags = flags, .pad = pad,
	};

	return ioctl(vcpu, KVM440_SET_CONSOLE, &c) ? errno : 0;
}

int main(void)
{
	int dev = open("/dev/kvm440", O_RDWR), vm, vcpu, size;
	struct kvm440_console_ring *c;
	char *page;

	if (dev < 0) {
		perror("/dev/kvm440");
		return 1;
	}
	check(ioctl(dev, KVM440_CHECK_EXTENSION, KVM440_CAP_CONSOLE) == 1,
	      "KVM440_CAP_CONSOLE is offered");
	check(ioctl(dev, KVM440_CHECK_EXTENSION, 0) == 0 &&
	      ioctl(dev, KVM440_CHECK_EXTENSION, 12345) == 0,
	      "unknown capabilities are 0");
	vm = ioctl(dev, KVM440_CREATE_VM, 0);
	vcpu = ioctl(vm, KVM440_CREATE_VCPU, 0);
	size = ioctl(dev, KVM440_GET_VCPU_MMAP_SIZE, 0);
	page = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (vm < 0 || vcpu < 0 || page == MAP_FAILED) {
		perror("VM, vCPU or mmap");
		return 1;
	}
	check(size >= KVM440_CONSOLE_OFFSET + (int)sizeof(*c),
	      "the console ring fits in the vCPU mapping");
	c = (struct kvm440_console_ring *)(page + KVM440_CONSOLE_OFFSET);

	check(set_console(vcpu, 0xef600300ull, 0x2, 0) == EINVAL,
	      "unknown flag -> EINVAL");
	check(set_console(vcpu, 0xef600300ull, KVM440_CONSOLE_ENABLE, 1) ==
	      EINVAL, "non-zero pad -> EINVAL");
	check(set_console(vcpu, 0xef600301ull, KVM440_CONSOLE_ENABLE, 0) ==
	      EINVAL, "unaligned UART -> EINVAL");
	check(set_console(vcpu, 1ull << 36, KVM440_CONSOLE_ENABLE, 0) ==
	      EINVAL, "beyond the 36-bit guest space -> EINVAL");
	check(set_console(vcpu, 0xef600300ull, 0, 0) == EINVAL,
	      "an address with flags 0 -> EINVAL");
	check(ioctl(vcpu, KVM440_SET_CONSOLE, (void *)16) == -1 &&
	      errno == EFAULT, "bad pointer -> EFAULT");
	check(ioctl(vm, KVM440_SET_CONSOLE, NULL) == -1 && errno == ENOTTY,
	      "on the VM fd -> ENOTTY");

	memset(c, 0x5a, sizeof(*c));
	check(set_console(vcpu, 0xffffffff8ull, KVM440_CONSOLE_ENABLE, 0) == 0,
	      "last 8 bytes of the 36-bit space accepted");
	check(set_console(vcpu, 0xef600300ull, KVM440_CONSOLE_ENABLE, 0) == 0 &&
	      c->allow == 0 && c->head == 0 && c->tail == 0 && c->buf[0] == 0 &&
	      c->buf[KVM440_CONSOLE_RING - 1] == 0,
	      "enabling clears the ring and allows nothing yet");
	check(set_console(vcpu, 0, 0, 0) == 0, "flags 0, address 0: off");
	close(vcpu);
	close(vm);
	close(dev);
	return failures ? 1 : 0;
}
