// SPDX-License-Identifier: GPL-2.0
/*
 * sprg_peek [ROUNDS]: what any host process can read of SPRG4-7 (mfspr of
 * SPRG4R-7R is unprivileged on the 440). Reads them ROUNDS times (1),
 * yielding in between, and reports every value that carries the hostile
 * guest's secret pattern (0x5ec2e7nn, tests/guests/g_hostile.c).
 * Exits 1 if one was seen, 0 if not.
 */
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PEEK(n) ({ uint32_t v_; __asm__ volatile("mfspr %0," #n : "=r"(v_)); v_; })

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 1, r;
	unsigned int seen = 0;

	for (r = 0; r < rounds; r++) {
		uint32_t v[4] = { PEEK(260), PEEK(261), PEEK(262), PEEK(263) };
		int i;

		for (i = 0; i < 4; i++)
			if ((v[i] & 0xffffff00u) == 0x5ec2e700u) {
				if (!seen)
					printf("sprg_peek: SPRG%d = %#08x (the guest's) in round %ld\n",
					       i + 4, v[i], r);
				seen++;
			}
		sched_yield();
	}
	printf("sprg_peek: %ld rounds, %u guest values seen\n", rounds, seen);
	return seen ? 1 : 0;
}
