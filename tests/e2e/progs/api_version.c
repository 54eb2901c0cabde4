// SPDX-License-Identifier: GPL-2.0
/*
 * Ask /dev/kvm440 for its API version the way every client starts, and check
 * the device rejects what it must. Prints one line per check; exit 0 when all
 * hold.
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

int main(void)
{
	int fd = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	int v;

	if (fd < 0) {
		printf("FAIL: open /dev/kvm440: %s\n", strerror(errno));
		return 1;
	}
	v = ioctl(fd, KVM440_GET_API_VERSION, 0);
	printf("api version %d\n", v);
	check(v == KVM440_API_VERSION, "KVM440_GET_API_VERSION answers");
	check(ioctl(fd, KVM440_GET_API_VERSION, 1) == -1 && errno == EINVAL,
	      "non-zero argument gives EINVAL");
	check(ioctl(fd, _IO(KVM440IO, 0x7f), 0) == -1 && errno == ENOTTY,
	      "unknown ioctl gives ENOTTY");
	close(fd);
	return failures ? 1 : 0;
}
