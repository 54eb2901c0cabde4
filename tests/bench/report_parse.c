/* The report's inputs: the emulated host's log (host.sh's BENCH lines and
 * the guests' prefixed consoles) and the native runs' consoles. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

const struct kind KINDS[] = {
	{ "mfmsr", "`mfmsr`", 1, "same" },
	{ "mfmsr_slot0", "`mfmsr`, the loop's code through guest TLB entry 0 (all others: entry 63)", 1, "same" },
	{ "wrteei", "`wrteei 1` + `wrteei 0`", 2, "same" },
	{ "mtmsr", "`mtmsr` (same value)", 1, "same" },
	{ "mfspr_sprg0", "`mfspr SPRG0`", 1, "same" },
	{ "mtspr_sprg0", "`mtspr SPRG0`", 1, "same" },
	{ "mfspr_srr0", "`mfspr SRR0`", 1, "same" },
	{ "mtspr_srr0", "`mtspr SRR0`", 1, "same" },
	{ "rfi", "`rfi` (to the next instruction)", 1, "same" },
	{ "tlbwe", "`tlbwe` word 0 of a valid entry", 1, "same" },
	{ "dtlb_refill", "load from 1 of 128 pages (4K, 64K apart) of a 16M guest entry in slot 63", 1, "same; one TLB entry, no miss" },
	{ "itlb_refill", "call a `blr` on 1 of 128 such pages", 1, "same; no miss" },
	{ "mmio", "`lbz` of the 16550's LSR (guest_vmm)", 1, "QEMU's own 16550 LSR: no exit" },
	{ "dcr", "`mfdcr` of guest_vmm's scratch DCR 0x3f2", 1, "`mfdcr` UIC0 SR (0xc0), a DCR QEMU has: no exit" },
	{ "host_tick", "`bdnz` to itself (nothing to exit for)", 1, "same" },
};
const int NKINDS = sizeof(KINDS) / sizeof(KINDS[0]);
const char *const WORKLOADS[NWORK] = { "compute", "fork_exec", "page_touch" };
static const char *const USER_NAMES[NUSER] = {
	"sleep", "compute", "fork_exec", "page_touch"
};

/* Lines end in \n, \r\n or a lone \r (a serial console's CRs). */
static char *next_line(FILE *f, char *buf, size_t len)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF) {
		if (c == '\n')
			break;
		if (c == '\r') {
			c = getc(f);
			if (c != '\n' && c != EOF)
				ungetc(c, f);
			break;
		}
		if (n + 1 < len)
			buf[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return NULL;
	buf[n] = 0;
	return buf;
}

static FILE *open_log(const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f)
		die("%s: cannot open", path);
	return f;
}

static int kind_index(const char *name)
{
	for (int i = 0; i < NKINDS; i++)
		if (!strcmp(KINDS[i].name, name))
			return i;
	return -1;
}

/* "bench: NAME kind=K iters=N tb=T" anywhere in the line */
static int parse_micro_line(const char *l, struct micro *m)
{
	const char *p = strstr(l, "bench: ");
	char name[64];
	long long k, it, tb;
	int i;

	if (!p || sscanf(p, "bench: %63[A-Za-z0-9_] kind=%lld iters=%lld tb=%lld",
			 name, &k, &it, &tb) != 4)
		return 0;
	i = kind_index(name);
	if (i >= 0)
		m[i] = (struct micro){ 1, k, it, tb };
	return 1;
}

/* One line of a Linux boot's console: the kvm440 guest's lines (with their
 * "[guest] " prefix removed) and the native run's. Later lines win. */
static void linux_line(struct linux_run *r, const char *l)
{
	const char *p;
	char name[256];
	long long it, tb;
	double s;

	p = strstr(l, "] Run /init as init process");
	if (p) {
		const char *b = p;

		while (b > l && b[-1] != '[')
			b--;
		if (b > l && sscanf(b, "%lf", &s) == 1 && strchr(b, '.') < p) {
			r->run_init_s = s;
			r->have_run_init = 1;
		}
	}
	p = strstr(l, "bench-guest: init tb=");
	if (p && sscanf(p, "bench-guest: init tb=%lld", &tb) == 1) {
		r->init_tb = tb;
		r->have_init_tb = 1;
	}
	p = strstr(l, "bench-user: ");
	if (p && sscanf(p, "bench-user: %255s iters=%lld tb=%lld", name, &it, &tb) == 3) {
		const char *base = strrchr(name, '/');

		base = base ? base + 1 : name;
		for (int i = 0; i < NUSER; i++)
			if (!strcmp(base, USER_NAMES[i])) {
				r->user[i].have = 1;
				r->user[i].iters = it;
				r->user[i].tb = tb;
			}
	}
}

static void linux_check(const struct linux_run *r, const char *where)
{
	if (!r->have_run_init)
		die("%s: no run_init_s in the Linux boot's console", where);
	if (!r->have_init_tb)
		die("%s: no init_tb in the Linux boot's console", where);
	for (int i = 0; i < NUSER; i++)
		if (!r->user[i].have)
			die("%s: no bench-user %s line", where, USER_NAMES[i]);
}

void parse_native_linux(const char *path, struct linux_run *r)
{
	FILE *f = open_log(path);
	char l[4096];

	memset(r, 0, sizeof(*r));
	while (next_line(f, l, sizeof(l)))
		linux_line(r, l);
	fclose(f);
	linux_check(r, path);
}

void parse_native_micro(const char *path, struct micro *m)
{
	FILE *f = open_log(path);
	char l[4096];
	int any = 0;

	memset(m, 0, 16 * sizeof(*m));
	while (next_line(f, l, sizeof(l)))
		any |= parse_micro_line(l, m);
	fclose(f);
	if (!any)
		die("%s: no bench lines", path);
}

/* "TAG N rest": the rest after the set number, or NULL */
static const char *after_set(const char *l, const char *tag)
{
	size_t n = strlen(tag);

	if (strncmp(l, tag, n) || l[n] != ' ' || l[n + 1] < '0' || l[n + 1] > '9')
		return NULL;
	l += n + 1;
	while (*l >= '0' && *l <= '9')
		l++;
	return *l == ' ' ? l + 1 : NULL;
}

/* a status line's exits: its sixth field (vcpus, pid, memory, state,
 * time, exits, counters...) */
/*
 * `kvm440ctl status`'s EXITS column: the last field before the first
 * NAME=VALUE counter (or the last field), so the columns before it (ID,
 * NAME since VMs have names, PID, ...) may change without breaking this.
 */
static long long status_exits(const char *text, const char *where)
{
	char tok[64], prev[64] = "";
	const char *p = text;
	int n;

	while (sscanf(p, "%63s%n", tok, &n) == 1 && !strchr(tok, '=')) {
		strcpy(prev, tok);
		p += n;
	}
	if (!prev[0] || strspn(prev, "0123456789") != strlen(prev))
		die("%s: no exit count in: %s", where, text);
	return strtoll(prev, NULL, 10);
}

static void status_line(struct kv *kv, const char *text, const char *where)
{
	kv_parse(kv, text);
	kv_set(kv, "exits", status_exits(text, where));
}

static int workload_index(const char *name)
{
	for (int i = 0; i < NWORK; i++)
		if (!strcmp(WORKLOADS[i], name))
			return i;
	return -1;
}

/* the lines that belong to a set's current Linux boot */
static void run_line(struct linux_run *run, const char *l, const char *path)
{
	const char *p;
	long long v;
	char name[64], which[8];
	int n;

	if ((p = after_set(l, "BENCH-START")) && sscanf(p, "tb=%lld", &v) == 1) {
		run->start_tb = v;
		run->have_start = 1;
	}
	if ((p = after_set(l, "BENCH-INITSTAT"))) {
		memset(&run->initstat, 0, sizeof(run->initstat));
		status_line(&run->initstat, p, path);
		run->have_initstat = 1;
	}
	if ((p = after_set(l, "BENCH-ENDSTAT")) &&
	    sscanf(p, "%63[A-Za-z0-9_] %lld", name, &v) == 2)
		kv_set(&run->endstat, name, v);
	if (!strncmp(l, "[guest] ", 8))
		linux_line(run, l + 8);
	if ((p = after_set(l, "BENCH-WSTAT")) &&
	    sscanf(p, "%63[A-Za-z0-9_] %7s %n", name, which, &n) == 2 &&
	    (!strcmp(which, "begin") || !strcmp(which, "end"))) {
		int w = workload_index(name);

		if (w >= 0 && which[0] == 'b') {
			memset(&run->wstat[w].begin, 0, sizeof(struct kv));
			status_line(&run->wstat[w].begin, p + n, path);
			run->wstat[w].have_begin = 1;
		} else if (w >= 0) {
			memset(&run->wstat[w].end, 0, sizeof(struct kv));
			status_line(&run->wstat[w].end, p + n, path);
			run->wstat[w].have_end = 1;
		}
	}
}

static void set_line(struct set *s, const char *l, const char *path)
{
	const char *p;
	long long v;

	if (!strncmp(l, "BENCH-SET-END", 13))
		s->done = 1;
	if ((p = after_set(l, "BENCH-SET-NA"))) {
		s->not_available = 1;
		snprintf(s->na_reason, sizeof(s->na_reason), "%s", p);
	}
	if ((p = after_set(l, "BENCH-STATE")) && sscanf(p, "%lld", &v) == 1) {
		s->state_bytes = v;
		s->have_state = 1;
	}
	if ((p = after_set(l, "BENCH-MICRO1")))
		parse_micro_line(p, s->micro[0]);
	if ((p = after_set(l, "BENCH-MICRO2")))
		parse_micro_line(p, s->micro[1]);
	if ((p = after_set(l, "BENCH-MARK1")) && !strncmp(p, "0x", 2)) {
		char *end;
		unsigned long k = strtoul(p + 2, &end, 16);

		if (*end == ' ' && k < 0x100) {
			memset(&s->mark[k], 0, sizeof(s->mark[k]));
			kv_parse(&s->mark[k], end + 1);
			s->have_mark[k] = 1;
		}
	}
	if (after_set(l, "BENCH-LINUX")) {
		if (s->nruns == MAX_RUNS)
			die("%s: more than %d Linux boots in set '%s'", path,
			    MAX_RUNS, s->name);
		memset(&s->run[s->nruns++], 0, sizeof(struct linux_run));
		return;
	}
	if (s->nruns)
		run_line(&s->run[s->nruns - 1], l, path);
}

static void check_set(struct set *s, const char *path)
{
	char where[200];

	if (!s->done)
		die("%s: set '%s' has no done", path, s->name);
	if (s->not_available)
		return;
	if (!s->have_state)
		die("%s: set '%s' has no state_bytes", path, s->name);
	if (!s->nruns)
		die("%s: set '%s' booted no Linux guest", path, s->name);
	for (int i = 0; i < s->nruns; i++) {
		struct linux_run *r = &s->run[i];

		if (!r->have_start)
			die("%s: set '%s' boot %d has no start_tb", path, s->name, i + 1);
		if (!r->have_initstat)
			die("%s: set '%s' boot %d has no initstat", path, s->name, i + 1);
		snprintf(where, sizeof(where), "set '%s' boot %d", s->name, i + 1);
		linux_check(r, where);
	}
}

/* host.sh's log: one struct set per BENCH-SET line; returns their number */
int parse_host(const char *path, struct set *sets, int max)
{
	FILE *f = open_log(path);
	static char l[65536];
	int n = 0;

	while (next_line(f, l, sizeof(l))) {
		const char *p = after_set(l, "BENCH-SET");

		if (p) {
			if (n == max)
				die("%s: more than %d parameter sets", path, max);
			memset(&sets[n], 0, sizeof(sets[n]));
			snprintf(sets[n].name, sizeof(sets[n].name), "%s", p);
			n++;
			continue;
		}
		if (n)
			set_line(&sets[n - 1], l, path);
	}
	fclose(f);
	if (!n)
		die("%s: no BENCH-SET line (did the rig run the bench test?)", path);
	for (int i = 0; i < n; i++)
		check_set(&sets[i], path);
	return n;
}
