/* The report's shared helpers: errors, name=value counters, number format. */
#include "report.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void die(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	fputs("report: ", stderr);
	vfprintf(stderr, f, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void warn(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	fputs("report: warning: ", stderr);
	vfprintf(stderr, f, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int kv_find(const struct kv *kv, const char *key)
{
	for (int i = 0; i < kv->n; i++)
		if (!strcmp(kv->key[i], key))
			return i;
	return -1;
}

long long kv_get(const struct kv *kv, const char *key)
{
	int i = kv_find(kv, key);

	return i < 0 ? 0 : kv->val[i];
}

int kv_has(const struct kv *kv, const char *key)
{
	return kv_find(kv, key) >= 0;
}

void kv_set(struct kv *kv, const char *key, long long val)
{
	int i = kv_find(kv, key);

	if (i < 0) {
		if (kv->n == MAX_KV)
			die("more than %d counters on one line", MAX_KV);
		if (strlen(key) >= sizeof(kv->key[0]))
			die("counter name too long: %s", key);
		i = kv->n++;
		strcpy(kv->key[i], key);
	}
	kv->val[i] = val;
}

static int word(int c)
{
	return isalnum(c) || c == '_';
}

/* every WORD=DIGITS in text, in order (a later repeat overwrites) */
void kv_parse(struct kv *kv, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *w = p, *d;
		char key[64];

		while (word((unsigned char)*p))
			p++;
		if (p == w) {
			p++;
			continue;
		}
		if (*p != '=' || !isdigit((unsigned char)p[1]))
			continue;
		d = p + 1;
		if ((size_t)(p - w) >= sizeof(key))
			die("counter name too long in: %s", text);
		memcpy(key, w, p - w);
		key[p - w] = 0;
		kv_set(kv, key, strtoll(d, (char **)&p, 10));
	}
}

/* Formatted numbers live in a ring of buffers, so one printf can take a
 * dozen of them. */
static char *ring(void)
{
	static char buf[32][64];
	static int next;

	next = (next + 1) % 32;
	return buf[next];
}

/* v with nd decimals below 100, else a whole number in groups of three
 * separated by spaces; halves round to even */
const char *fmt(double v, int nd)
{
	char *out = ring(), digits[40];
	int len, o = 0;

	if (nd && fabs(v) < 100) {
		snprintf(out, 64, "%.*f", nd, v);
		return out;
	}
	len = snprintf(digits, sizeof(digits), "%.0f", fabs(nearbyint(v)));
	if (nearbyint(v) < 0)
		out[o++] = '-';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	out[o] = 0;
	return out;
}

const char *fmt_opt(int have, double v, int nd)
{
	return have ? fmt(v, nd) : "-";
}

/* a per-unit count: whole from 10, 2 decimals from 0.01, else 1.2e-05 */
const char *small(double v)
{
	char *out;

	if (v >= 10)
		return fmt(v, 0);
	out = ring();
	snprintf(out, 64, v >= 0.01 ? "%.2f" : "%.1e", v);
	return out;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double median(const double *v, int n)
{
	double s[MAX_RUNS > 64 ? MAX_RUNS : 64];

	if (n < 1 || n > (int)(sizeof(s) / sizeof(s[0])))
		die("median of %d values", n);
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
