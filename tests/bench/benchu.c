// SPDX-License-Identifier: GPL-2.0
/*
 * benchu: the user-space half of `make bench`, a static program that runs
 * in the Linux guest (as its /init, and for the workloads), natively, and
 * on the emulated host (to read the timebase). Times itself with the
 * timebase, which user space may read on the 440: under -icount one tick
 * is 2.5 instructions, and a kvm440 guest reads the host's own timebase.
 *
 *   benchu tb                  print the timebase
 *   benchu compute N           N rounds of integer arithmetic
 *   benchu fork N              N times fork, exec `benchu nop`, wait
 *   benchu pages N PAGES       N passes touching PAGES 4K pages (TLB misses)
 *   benchu run CMD ARGS...     fork, exec CMD, wait
 *   benchu nop                 exit 0
 * Results: "bench-user: NAME iters=N tb=TICKS". compute, fork and pages
 * first print "bench-user: begin NAME" and sleep a second, and sleep a
 * second after their result: the kvm440 host reads the VM's exit counters
 * when it sees each of those lines, while the guest idles.
 * As /init (pid 1): prints "bench-guest: init tb=TICKS" first thing, then
 * execs the bench init script (/bench-init.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t tb(void)
{
	uint32_t hi, lo, hi2;

	do {
		__asm__ volatile("mfspr %0,269" : "=r"(hi));
		__asm__ volatile("mfspr %0,268" : "=r"(lo));
		__asm__ volatile("mfspr %0,269" : "=r"(hi2));
	} while (hi != hi2);
	return (uint64_t)hi << 32 | lo;
}

static void begin(const char *name)
{
	printf("bench-user: begin %s\n", name);
	fflush(stdout);
	sleep(1);
}

static void result(const char *name, unsigned long n, uint64_t t0)
{
	uint64_t t = tb() - t0;

	printf("bench-user: %s iters=%lu tb=%llu\n", name, n,
	       (unsigned long long)t);
	fflush(stdout);
}

static int spawn(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("benchu: fork");
		return -1;
	}
	if (!pid) {
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "benchu: %s failed\n", argv[0]);
		return -1;
	}
	return 0;
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end || !v) {
		fprintf(stderr, "benchu: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long n, i, p, pages;
	uint64_t t0;

	if (getpid() == 1) {
		char *sh[] = { "/bin/busybox", "sh", "/bench-init.sh", NULL };

		printf("bench-guest: init tb=%llu\n", (unsigned long long)tb());
		fflush(stdout);
		execv(sh[0], sh);
		perror("benchu: exec /bench-init.sh");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "tb")) {
		printf("%llu\n", (unsigned long long)tb());
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "nop"))
		return 0;
	if (argc == 3 && !strcmp(argv[1], "compute")) {
		volatile uint32_t out;
		uint32_t x = 1;

		n = num(argv[2]);
		begin("compute");
		t0 = tb();
		for (i = 0; i < n; i++)
			x = x * 1103515245u + 12345u + (x >> 16);
		out = x;
		(void)out;
		result("compute", n, t0);
		sleep(1);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "fork")) {
		char *nop[] = { "/bin/benchu", "nop", NULL };

		n = num(argv[2]);
		begin("fork_exec");
		t0 = tb();
		for (i = 0; i < n; i++)
			if (spawn(nop))
				return 1;
		result("fork_exec", n, t0);
		sleep(1);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "pages")) {
		volatile uint32_t *mem;

		n = num(argv[2]);
		pages = num(argv[3]);
		mem = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (mem == MAP_FAILED) {
			perror("benchu: mmap");
			return 1;
		}
		/* faulted in already: what is timed is TLB misses only */
		begin("page_touch");
		t0 = tb();
		for (i = 0; i < n; i++)
			for (p = 0; p < pages; p++)
				mem[p * 1024] += 1;
		result("page_touch", n * pages, t0);
		sleep(1);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "run")) {
		t0 = tb();
		if (spawn(argv + 2))
			return 1;
		result(argv[2], 1, t0);
		return 0;
	}
	fprintf(stderr, "usage: benchu tb|nop|compute N|fork N|pages N PAGES|run CMD...\n");
	return 2;
}
