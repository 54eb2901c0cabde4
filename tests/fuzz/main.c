// SPDX-License-Identifier: GPL-2.0
/*
 * kvm440_fuzz: a seeded fuzzer of kvm440's whole user-facing surface, run
 * as root on the emulated 440 host (the debug kernel for `make fuzz`).
 *
 *   kvm440_fuzz [-s SEED (not 0)] [-n IOCTLS] [-g GUESTS] [-o IOCTLS_PER_ROUND]
 *               [-r ROUND]
 *
 * The budget is split into rounds of -o ioctls (default 2000); each round
 * is a child process with its own seed derived from SEED and the round
 * number, and ends by exiting or by SIGKILLing itself with everything
 * still open, so the module's release paths run with live state. -g
 * random guests are spread over the rounds. Before each round a line
 * "kvm440_fuzz: round R seed S: replay with kvm440_fuzz -s SEED -r R ..."
 * goes to the kernel log (/dev/kmsg), so it sits right above any report
 * the round provokes; -r runs that round alone. A kernel bug shows as a
 * report on the console (the rig fails the test); the fuzzer itself exits
 * 1 only if a round could not run or died of an unexpected signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

static uint64_t mix(uint64_t x)	/* splitmix64 */
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static void kmsg(const char *fmt, ...)
{
	static int fd = -2;
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (fd == -2)
		fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, buf, n) != n)
		fputs(buf, stdout);
}

int main(int argc, char **argv)
{
	unsigned long total = 100000, guests = 100, per = 2000, only = 0;
	uint64_t seed = 0;
	unsigned long rounds, r, g_done = 0, killed = 0;
	struct fz_counts sum = { 0 };
	int opt, only_set = 0;
	time_t t0 = time(NULL);

	while ((opt = getopt(argc, argv, "s:n:g:o:r:")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': total = strtoul(optarg, NULL, 0); break;
		case 'g': guests = strtoul(optarg, NULL, 0); break;
		case 'o': per = strtoul(optarg, NULL, 0); break;
		case 'r': only = strtoul(optarg, NULL, 0); only_set = 1; break;
		default:
			fprintf(stderr, "usage: kvm440_fuzz [-s SEED] [-n IOCTLS] [-g GUESTS] [-o PER_ROUND] [-r ROUND]\n");
			return 2;
		}
	}
	/* no seed given: a fresh one (printed), so runs differ */
	if (!seed && getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = (uint64_t)time(NULL) * 2654435761u ^ getpid();
	if (!per)
		per = 1;
	rounds = (total + per - 1) / per;
	if (!rounds)
		rounds = 1;
	printf("kvm440_fuzz: seed %llu, %lu ioctls in %lu rounds of %lu, %lu guests\n",
	       (unsigned long long)seed, total, rounds, per, guests);
	fflush(stdout);
	for (r = only_set ? only : 0; r < (only_set ? only + 1 : rounds); r++) {
		/* guests spread evenly: round r runs those up to its share */
		unsigned long g = guests * (r + 1) / rounds - guests * r / rounds;
		int p[2], st;
		pid_t pid;

		kmsg("kvm440_fuzz: round %lu seed %llu: replay with kvm440_fuzz -s %llu -n %lu -g %lu -o %lu -r %lu\n",
		     r, (unsigned long long)mix(seed + r),
		     (unsigned long long)seed, total, guests, per, r);
		if (pipe(p))
			return 1;
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			int die;

			close(p[0]);
			fz_rng = mix(seed + r) | 1;
			die = rn(4) == 0;	/* a quarter end by SIGKILL */
			if (fz_round(per, g))
				_exit(3);
			if (write(p[1], &fz, sizeof(fz)) != sizeof(fz))
				_exit(4);
			if (die)
				raise(SIGKILL);
			_exit(0);
		}
		close(p[1]);
		struct fz_counts c;
		ssize_t got = read(p[0], &c, sizeof(c));

		close(p[0]);
		waitpid(pid, &st, 0);
		if (got != sizeof(c) ||
		    (WIFEXITED(st) && WEXITSTATUS(st) != 0) ||
		    (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)) {
			printf("FAIL: round %lu (seed %llu) ended with status %#x: replay with kvm440_fuzz -s %llu -n %lu -g %lu -o %lu -r %lu\n",
			       r, (unsigned long long)mix(seed + r), st,
			       (unsigned long long)seed, total, guests, per, r);
			return 1;
		}
		killed += WIFSIGNALED(st);
		sum.ioctls += c.ioctls;
		sum.ok += c.ok;
		sum.guest_runs += c.guest_runs;
		sum.runs += c.runs;
		sum.nl_msgs += c.nl_msgs;
		sum.forks += c.forks;
		sum.threads += c.threads;
		g_done += g;
	}
	printf("ok: kvm440_fuzz seed %llu: %lu ioctls (%lu succeeded), %lu RUNs, %lu random guests, %lu netlink requests, %lu forks, %lu racing threads, %lu rounds killed, %ld s\n",
	       (unsigned long long)seed, sum.ioctls, sum.ok, sum.runs,
	       sum.guest_runs, sum.nl_msgs, sum.forks, sum.threads, killed,
	       (long)(time(NULL) - t0));
	return 0;
}
