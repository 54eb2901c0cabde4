// SPDX-License-Identifier: GPL-2.0-or-later
/* kvm440ctl start --stats: the VM's exit counters when the guest ends. */
#include <inttypes.h>
#include <stdio.h>

#include "start.h"

void show_stats(struct kvm440_vm *vm, int json)
{
	struct kvm440_error err = { "" };
	struct kvm440_stats st;
	uint32_t i;

	if (kvm440_vm_get_stats(vm, &st, &err) < 0) {
		cli_error("stats: %s", err.msg);
		return;
	}
	if (json) {
		cli_stats_json(stderr, &st);
		return;
	}
	for (i = 0; i < st.count && i < KVM440_STATS_MAX; i++)
		fprintf(stderr, PROG ": stats: %-13s %" PRIu64 "\n",
			kvm440_stat_name(i), (uint64_t)st.val[i]);
}
