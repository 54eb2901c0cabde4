// SPDX-License-Identifier: GPL-2.0
/*
 * nl_race HOLD CHURNS: the regression test for issue 10 finding 1. Holds
 * HOLD VMs (ids 1..HOLD) so the VM list is long, then a child creates and
 * closes a VM CHURNS times (it always gets id HOLD + 1, the lowest free)
 * while this process asks GET_VM and STOP_VM for that id as fast as it can.
 * kvm440_vm_find() walks the list under kvm440_vms_lock; a close whose
 * kref_put() reaches 0 while the walk holds the lock waits for the lock,
 * so the walk finds a VM whose count is 0. Before 5f904af it took a
 * reference from 0 (refcount_t: addition on 0) and used the VM after the
 * releaser freed it (KASAN on the debug host). Needs a preemptible host
 * for the walk to be interrupted. Prints counts; exits 0 unless setup
 * failed: the verdict is the kernel log's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

uint64_t fz_rng = 1;	/* nl.c's random requests are not used here */
struct fz_counts fz;
uint32_t rnd_u32(void) { return rnd(); }
void rnd_fill(void *p, size_t n) { memset(p, 0, n); }

int main(int argc, char **argv)
{
	unsigned int hold = argc > 1 ? atoi(argv[1]) : 100;
	unsigned long want = argc > 2 ? strtoul(argv[2], NULL, 0) : 2000;
	unsigned long found = 0, gone = 0, other = 0, churns = 0;
	int dev, sk, fam, st, p[2];
	uint32_t target = hold + 1;
	pid_t pid;
	unsigned int i;

	dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		printf("FAIL: open /dev/kvm440: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < hold; i++) {
		if (ioctl(dev, KVM440_CREATE_VM, 0) < 0) {
			printf("FAIL: holding VM %u: %s\n", i + 1, strerror(errno));
			return 1;
		}
	}
	sk = nl_open();
	fam = sk < 0 ? -1 : nl_family(sk);
	if (fam < 0) {
		printf("FAIL: no kvm440 netlink family\n");
		return 1;
	}
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		unsigned long n = 0;

		close(p[0]);
		while (n < want) {
			int vm = ioctl(dev, KVM440_CREATE_VM, 0);

			if (vm < 0) {
				printf("FAIL: churn CREATE_VM: %s\n", strerror(errno));
				_exit(1);
			}
			close(vm);
			n++;
		}
		if (write(p[1], &n, sizeof(n)) != sizeof(n))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	/* until the churn is done: waitpid() reaps it then */
	while (waitpid(pid, &st, WNOHANG) == 0) {
		int r = (found + gone) & 1 ? nl_stop_vm(sk, fam, target) :
			nl_get_vm(sk, fam, target);

		if (r == 0)
			found++;
		else if (r == -ENOENT)
			gone++;
		else
			other++;
	}
	if (read(p[0], &churns, sizeof(churns)) != sizeof(churns))
		churns = 0;
	printf("nl_race: %lu VMs created and closed; GET_VM/STOP_VM of id %u: %lu found, %lu gone, %lu other errors\n",
	       churns, target, found, gone, other);
	if (!WIFEXITED(st) || WEXITSTATUS(st) || !churns || !found || !gone) {
		printf("FAIL: the race did not run both ways (churn status %#x)\n", st);
		return 1;
	}
	printf("ok: nl_race ran\n");
	return 0;
}
