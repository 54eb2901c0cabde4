// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A Linux guest that panics would otherwise sit in its panic loop, or
 * reboot after panic=N seconds and look like a clean shutdown: the
 * kernel's own "Kernel panic - not syncing" line, once complete, ends the
 * run as an error (status 1) with that line as the message.
 */
#include <string.h>

#include "start.h"

#define PANIC_MARK	"Kernel panic - not syncing"

static void feed_byte(struct panic_watch *w, uint8_t b)
{
	if (b == '\n' || b == '\r') {
		w->line[w->len] = '\0';
		if (strstr(w->line, PANIC_MARK)) {
			w->panicked = 1;
			return;	/* line keeps the panic line */
		}
		w->len = 0;
		return;
	}
	if (w->len < sizeof(w->line) - 1)
		w->line[w->len++] = (char)b;
}

void panic_watch_feed(struct panic_watch *w, const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len && !w->panicked; i++)
		feed_byte(w, buf[i]);
}

const char *panic_watch_line(const struct panic_watch *w)
{
	const char *l;

	if (!w->panicked)
		return NULL;
	l = strstr(w->line, PANIC_MARK);
	return l ? l : PANIC_MARK;
}
