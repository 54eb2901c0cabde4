// SPDX-License-Identifier: GPL-2.0
/*
 * mem_churn ROUNDS: the host side of guestmem_churn.sh. Each round a fresh
 * child process (so a fresh mm, and over the rounds every free MMU context
 * id, 1 and 2 included: the TIDs of kvm440's shadows) maps, writes,
 * checks, write-protects, unmaps and maps again each of 64 4K pages at
 * 0x40400000, the first EAs the churn guests read through their shadows. Every remap must read zeroes and every write must read back:
 * a host TLB entry left stale by an invalidation that hit a guest shadow
 * instead (QEMU's tlbsx ignores MMUCR[STS]) would show the old page.
 * Prints one "ok:" or "FAIL:" line; exit 0 when every round held.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define AREA	0x40400000ul
#define PAGES	64
#define PAGE	4096ul

static int round_child(unsigned int round)
{
	unsigned int k, bad = 0;

	for (k = 0; k < PAGES && bad < 5; k++) {
		void *want = (void *)(AREA + k * PAGE);
		volatile uint32_t *p;
		uint32_t v = round << 16 | k | 0x80000000u;

		p = mmap(want, PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p == MAP_FAILED) {
			printf("FAIL: round %u: mmap %p: %s\n", round, want,
			       strerror(errno));
			return 1;
		}
		if (p[0] != 0 || p[1023] != 0) {
			printf("FAIL: round %u: fresh page %p reads %#x %#x\n",
			       round, want, p[0], p[1023]);
			bad++;
		}
		p[0] = v;
		p[1023] = ~v;
		if (mprotect(want, PAGE, PROT_READ) ||
		    p[0] != v || p[1023] != ~v) {
			printf("FAIL: round %u: page %p reads %#x %#x, wrote %#x %#x\n",
			       round, want, p[0], p[1023], v, ~v);
			bad++;
		}
		if (munmap(want, PAGE)) {
			printf("FAIL: round %u: munmap %p: %s\n", round, want,
			       strerror(errno));
			return 1;
		}
		/* the same EA again: a new zeroed page, never the old one */
		p = mmap(want, PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p == MAP_FAILED)
			return 1;
		if (p[0] != 0 || p[1023] != 0) {
			printf("FAIL: round %u: remapped page %p reads %#x %#x, not 0\n",
			       round, want, p[0], p[1023]);
			bad++;
		}
		munmap(want, PAGE);
	}
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	unsigned int rounds = argc > 1 ? strtoul(argv[1], NULL, 0) : 300;
	unsigned int r, failed = 0;

	for (r = 0; r < rounds; r++) {
		pid_t pid = fork();
		int st;

		if (pid < 0) {
			printf("FAIL: fork: %s\n", strerror(errno));
			return 1;
		}
		if (!pid) {
			int rc = round_child(r);

			fflush(stdout);
			_exit(rc);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st)) {
			failed++;
			fflush(stdout);
		}
	}
	if (failed) {
		printf("FAIL: %u of %u rounds saw a stale page\n", failed, rounds);
		return 1;
	}
	printf("ok: %u rounds of %u remapped pages, all fresh\n", rounds, PAGES);
	return 0;
}
