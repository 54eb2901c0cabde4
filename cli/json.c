// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON output shared by status, monitor, top and start --stats. */
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
