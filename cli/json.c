// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON output shared by status, monitor, top and start --stats. */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

void cli_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

void cli_stats_json(FILE *f, const struct kvm440_stats *st)
{
	uint32_t i;

	fputs("{\"stats\":{", f);
	for (i = 0; i < st->count && i < KVM440_STATS_MAX; i++) {
		if (i < KVM440_STAT_NR)
			fprintf(f, "%s\"%s\":%" PRIu64, i ? "," : "",
				kvm440_stat_name(i), (uint64_t)st->val[i]);
		else
			fprintf(f, "%s\"stat_%" PRIu32 "\":%" PRIu64,
				i ? "," : "", i, (uint64_t)st->val[i]);
	}
	fputs("}}\n", f);
}
