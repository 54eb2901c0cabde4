/* make bench's report: turn one run's logs (tests/bench/run.sh) into
 * docs/bench.md and the chart's data (exit.dat, ratio.dat, vars.gp).
 *
 * Units: under -icount shift=0,sleep=off one instruction is one ns and the
 * timebase ticks at 400 MHz, so instructions = ticks x 2.5, and a printk
 * second is 10^9 instructions.
 *
 * Usage: report --host LOG --native-micro LOG --native-micro2 LOG
 *        --native-linux LOG... --md FILE --data DIR [--commit ID]
 */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct set sets[MAX_SETS];
static struct set *col[MAX_SETS];	/* the sets measured: the columns */
static int nsets, ncol;
static struct micro nmicro[16], nmicro2[16];
static struct linux_run nlin[MAX_RUNS];
static int nnat;

/* Exits a loop's closing mark (an mtdcr: one DCR exit to guest_vmm, counted
 * as an emulated instruction too) adds to the counters between the marks. */
static const char *const MARK_SELF[] = { "exits", "heavy", "dcr", "emul_inst" };
static const char *const REASONS[] = {
	"itlb_v", "dtlb_v", "itlb_r", "dtlb_r", "emul_inst", "mmio", "dcr",
	"dec", "ext_intr", "fit", "program", "sysc"
};

/* Does the loop exit as its kind says? "ok", or what differs. */
static void check(char *out, size_t len, const char *name, const struct kv *mk,
		  long long iters, int ops)
{
	static const char *const guest_caused[] = {
		"emul_inst", "mmio", "dcr", "itlb_r", "dtlb_r", "program", "sysc"
	};
	const char *want = "emul_inst";
	double got, tol;

	if (!strcmp(name, "host_tick")) {
		int o = snprintf(out, len, "NO: guest-caused ");
		int bad = 0;

		for (size_t i = 0; i < sizeof(guest_caused) / sizeof(*guest_caused); i++)
			if (kv_get(mk, guest_caused[i]))
				o += snprintf(out + o, len - o, "%s%s", bad++ ? ", " : "",
					      guest_caused[i]);
		if (bad)
			return;
		if (!(kv_get(mk, "dec") + kv_get(mk, "ext_intr")))
			snprintf(out, len, "NO: no host tick");
		else
			snprintf(out, len, "ok");
		return;
	}
	if (!strcmp(name, "dtlb_refill"))
		want = "dtlb_v";
	else if (!strcmp(name, "itlb_refill"))
		want = "itlb_v";
	else if (!strcmp(name, "mmio") || !strcmp(name, "dcr"))
		want = name;
	got = (double)kv_get(mk, want) / iters;
	/* a refill loop also evicts its own code page now and then (~1 in 60) */
	tol = strstr(name, "_refill") ? 0.05 : 0.01;
	if (got < ops * (1 - tol) || got > ops * (1 + tol))
		snprintf(out, len, "NO: %s %.3f per iteration, expected %d", want, got, ops);
	else
		snprintf(out, len, "ok");
}

void micro_rows(struct set *s, const struct micro *native)
{
	for (int i = 0; i < NKINDS; i++) {
		const struct kind *k = &KINDS[i];
		const struct micro *g = &s->micro[0][i], *n = &native[i];
		struct row *r = &s->rows[i];
		long long exits;

		if (!g->have || !n->have)
			die("micro kind %s missing (set '%s' or native)", k->name, s->name);
		if (n->iters != g->iters)
			die("kind %s: %lld iterations in the guest, %lld natively",
			    k->name, g->iters, n->iters);
		if (g->kind < 0 || g->kind > 255 || !s->have_mark[g->kind])
			die("kind %s: no mark line in set '%s'", k->name, s->name);
		r->mk = s->mark[g->kind];
		for (size_t m = 0; m < sizeof(MARK_SELF) / sizeof(*MARK_SELF); m++)
			if (kv_has(&r->mk, MARK_SELF[m]))
				kv_set(&r->mk, MARK_SELF[m], kv_get(&r->mk, MARK_SELF[m]) - 1);
		if (!kv_has(&r->mk, "exits"))
			die("kind %s: no exits in set '%s''s mark", k->name, s->name);
		r->iters = g->iters;
		r->g = g->tb * TB_NS / g->iters;
		r->n = n->tb * TB_NS / g->iters;
		exits = kv_get(&r->mk, "exits");
		r->per_iter = (double)exits / g->iters;
		if (!strcmp(k->name, "host_tick")) {
			/* the guest has no timer: its dec/ext_intr exits are the host's */
			r->ticks = kv_get(&r->mk, "dec") + kv_get(&r->mk, "ext_intr");
			r->have_per_op = r->ticks != 0;
			if (r->ticks)
				r->per_op = (g->tb - n->tb) * TB_NS / r->ticks;
			r->have_per_exit = exits != 0;
			if (exits)
				r->per_exit = (g->tb - n->tb) * TB_NS / exits;
		} else {
			r->have_per_op = 1;
			r->per_op = (r->g - r->n) / k->ops;
			r->have_per_exit = exits != 0;
			if (exits)
				r->per_exit = (r->g - r->n) / r->per_iter;
		}
		check(r->check, sizeof(r->check), k->name, &r->mk, g->iters, k->ops);
		if (strcmp(r->check, "ok"))
			warn("set '%s', kind %s: %s", s->name, k->name, r->check);
	}
}

static const char *reasons_str(const struct kv *mk, long long iters)
{
	static char out[1024];
	int o = 0;

	for (size_t i = 0; i < sizeof(REASONS) / sizeof(*REASONS); i++) {
		long long v = kv_get(mk, REASONS[i]);

		if (v)
			o += snprintf(out + o, sizeof(out) - o, "%s%s %s", o ? ", " : "",
				      REASONS[i], iters > 1000 ? fmt((double)v / iters, 3)
							       : fmt(v, 0));
	}
	return o ? out : "none";
}

/* the column names, each between before and after */
static void name_cells(FILE *f, const char *before, const char *after)
{
	for (int i = 0; i < ncol; i++)
		fprintf(f, "%s%s%s", before, col[i]->name, after);
}

static void rule_cells(FILE *f, const char *cell)
{
	for (int i = 0; i < ncol; i++)
		fputs(cell, f);
	fputc('\n', f);
}

static void section_head(FILE *f, const char *commit)
{
	fprintf(f, "# kvm440 benchmarks\n\n");
	fprintf(f, "Generated by `make bench` (`tests/bench/run.sh`, `tests/bench/report.c`)");
	if (*commit)
		fprintf(f, " on commit `%s`", commit);
	fprintf(f, "; do not edit: regenerate with `make bench` (module parameter sets: "
		"`BENCH_MODULE_PARAMS=\"set1; set2\"`, one column each). Every figure "
		"below comes from that one run: the emulated 440 host (`-M bamboo`, "
		"rig kernel) running kvm440 guests, and the same images booted natively "
		"on bare `qemu-system-ppc -M bamboo`. All under `-icount "
		"shift=0,sleep=off`: 1 instruction = 1 ns, timebase 400 MHz, so "
		"instructions = TB ticks x 2.5. Chart: `docs/bench.png`.\n\n");
	fprintf(f, "Parameter sets (columns): ");
	for (int i = 0; i < ncol; i++)
		fprintf(f, "%s`%s`", i ? ", " : "", col[i]->name);
	fprintf(f, ".");
	for (int i = 0, na = 0; i < nsets; i++)
		if (sets[i].not_available)
			fprintf(f, "%s`%s` (%s)", na++ ? ", " : " Not measured, the module "
				"refused or lacks their parameters: ", sets[i].name, sets[i].na_reason);
	fprintf(f, "%s\n\n", ncol < nsets ? "." : "");
}

static const char *repeat(const struct micro *m1, const struct micro *m2)
{
	static char out[2][96];
	static int which;
	double worst_rel = 0, worst_ins = 0;

	for (int k = 0; k < NKINDS; k++) {
		double d;

		if (!m2[k].have)
			die("kind %s missing in the second run", KINDS[k].name);
		d = llabs(m1[k].tb - m2[k].tb);
		worst_rel = fmax(worst_rel, d / m1[k].tb);
		worst_ins = fmax(worst_ins, d * TB_NS / m1[k].iters);
	}
	which ^= 1;
	snprintf(out[which], sizeof(out[which]), "%.4f%% (%s ins per iteration)",
		 100 * worst_rel, fmt(worst_ins, 2));
	return out[which];
}

static void micro_table(FILE *f, const struct set *s)
{
	fprintf(f, "### set `%s`\n\n", s->name);
	fprintf(f, "| kind | one iteration | iterations | native ins/iter | guest ins/iter | **ins per operation** | exits/iter | ins per exit | counters per iteration | exits as expected |\n");
	fprintf(f, "|---|---|---|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < NKINDS; i++) {
		const struct row *r = &s->rows[i];
		char per[96], reasons[1200];
		const char *epi;

		if (!strcmp(KINDS[i].name, "host_tick")) {
			snprintf(per, sizeof(per), "**%s per tick**",
				 fmt_opt(r->have_per_op, r->per_op, 0));
			snprintf(reasons, sizeof(reasons), "%s host ticks; per tick: %s",
				 fmt(r->ticks, 0), r->ticks ? reasons_str(&r->mk, r->ticks) : "-");
			epi = fmt(r->per_iter, 7);
		} else {
			snprintf(per, sizeof(per), "**%s**", fmt(r->per_op, 0));
			snprintf(reasons, sizeof(reasons), "%s", reasons_str(&r->mk, r->iters));
			epi = fmt(r->per_iter, 3);
		}
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			KINDS[i].name, KINDS[i].what, fmt(r->iters, 0), fmt(r->n, 2),
			fmt(r->g, 1), per, epi,
			fmt_opt(r->have_per_exit, r->per_exit, 0), reasons, r->check);
	}
	fprintf(f, "\n");
}

static void section_micro(FILE *f)
{
	fprintf(f, "## 1. Instructions per exit, by kind\n\n");
	fprintf(f, "Bare-metal guest `tests/guests/g_bench.c` under `guest_vmm` (kind K "
		"alone: `guest_vmm bench.bin --arg K`), each loop between two marks "
		"(DCR 0x3f4) so the exits it caused are counted by reason (the closing "
		"mark's own exit removed). Natively the same `bench.elf` on bare QEMU. "
		"Per operation = (guest ns/iteration - native ns/iteration) / "
		"operations per iteration (2 for `wrteei`, else 1): what one such "
		"operation costs, with whatever else it drags in (e.g. the refill after "
		"a heavy exit, which drops the shadows). Per exit = the same difference "
		"/ exits per iteration. For `host_tick`: (guest - native) for the whole "
		"loop / host timer interrupts in it (its `dec` + `ext_intr` exits: the "
		"guest has no timer). The counters overlap: a data access that "
		"turns out to be MMIO counts as `dtlb_v` and `mmio` in one exit. "
		"\"Exits as expected\": one `emul_inst` per operation for the emulated "
		"kinds, one `mmio`/`dcr` per iteration (within 1%%), one `dtlb_v`/"
		"`itlb_v` per iteration for the refills (within 5%%: the loop's own code "
		"page is evicted too, about once per 60 refills), no guest-caused exit "
		"in `host_tick`.\n\n");
	for (int i = 0; i < ncol; i++)
		micro_table(f, col[i]);
	fprintf(f, "Repeatability: each microbenchmark ran twice in this run, under "
		"kvm440 and natively; the largest difference between the two runs' "
		"loop times, over all kinds:\n\n");
	fprintf(f, "| | native |");
	name_cells(f, " `", "` |");
	fprintf(f, "\n|---|---|");
	rule_cells(f, "---|");
	fprintf(f, "| largest difference | %s |", repeat(nmicro, nmicro2));
	for (int i = 0; i < ncol; i++)
		fprintf(f, "%s %s", i ? " |" : "", repeat(col[i]->micro[0], col[i]->micro[1]));
	fprintf(f, " |\n\n");
	fprintf(f, "Native counterparts: ");
	for (int k = 0, n = 0; k < NKINDS; k++)
		if (strcmp(KINDS[k].native, "same"))
			fprintf(f, "%s%s: %s", n++ ? "; " : "", KINDS[k].name, KINDS[k].native);
	fprintf(f, ". Natively the device access is handled inside QEMU without any "
		"exit, so those native columns are the loop without exits (QEMU's "
		"`-icount` accounting of an I/O instruction can even make them read "
		"below the loop's instruction count).\n\n");
}

/* Each figure of a boot: a function of one boot's parse (native runs have
 * no start_tb: their timebase starts at 0 at QEMU's reset). */
typedef double (*figure_fn)(const struct linux_run *r, int arg);

static double f_time_init(const struct linux_run *r, int arg)
{
	(void)arg;
	return r->run_init_s * 1e9;
}

static double f_start_init(const struct linux_run *r, int arg)
{
	(void)arg;
	return (r->init_tb - (r->have_start ? r->start_tb : 0)) * TB_NS;
}

static double f_sleep(const struct linux_run *r, int arg)
{
	(void)arg;
	return r->user[U_SLEEP].tb * TB_NS;
}

static double f_work(const struct linux_run *r, int user)
{
	return r->user[user].tb * TB_NS / r->user[user].iters;
}

static double median_of(figure_fn fn, int arg, const struct linux_run *runs, int n)
{
	double v[MAX_RUNS] = { 0 };

	for (int i = 0; i < n; i++)
		v[i] = fn(&runs[i], arg);
	return median(v, n);
}

/* "median (min-max)" of a figure over boots, divided by div */
static const char *spread(figure_fn fn, int arg, const struct linux_run *runs,
			  int n, double div, int nd)
{
	static char out[4][128];
	static int which;
	double lo = INFINITY, hi = -INFINITY, med = median_of(fn, arg, runs, n);

	for (int i = 0; i < n; i++) {
		lo = fmin(lo, fn(&runs[i], arg));
		hi = fmax(hi, fn(&runs[i], arg));
	}
	which = (which + 1) % 4;
	if (n == 1)
		snprintf(out[which], sizeof(out[which]), "%s", fmt(med / div, nd));
	else
		snprintf(out[which], sizeof(out[which]), "%s (%s-%s)", fmt(med / div, nd),
			 fmt(lo / div, nd), fmt(hi / div, nd));
	return out[which];
}

/* guest/native ratios of the medians, for the chart's right half */
#define MAX_RATIOS 8
static struct { const char *label; double r[MAX_SETS]; } ratios[MAX_RATIOS];
static int nratios;

static void boot_row(FILE *f, const char *label, figure_fn fn, int arg,
		     double div, int nd, const char *unit, const char *chart)
{
	double nmed = median_of(fn, arg, nlin, nnat);

	fprintf(f, "| %s | %s %s |", label, spread(fn, arg, nlin, nnat, div, nd), unit);
	if (chart)
		ratios[nratios].label = chart;
	for (int i = 0; i < ncol; i++) {
		double rr = median_of(fn, arg, col[i]->run, col[i]->nruns) / nmed;

		fprintf(f, "%s %s %s, **%sx**", i ? " |" : "",
			spread(fn, arg, col[i]->run, col[i]->nruns, div, nd), unit,
			fmt(rr, 2));
		if (chart)
			ratios[nratios].r[i] = rr;
	}
	fprintf(f, " |\n");
	if (chart && ++nratios == MAX_RATIOS)
		die("too many chart ratios");
}

static int cmp_counter(const void *a, const void *b)
{
	const char *x = a, *y = b;
	int ex = strcmp(x, "exits") != 0, ey = strcmp(y, "exits") != 0;

	return ex != ey ? ex - ey : strcmp(x, y);
}

static void add_counters(struct kv *all, const struct kv *kv)
{
	for (int i = 0; i < kv->n; i++)
		if (!kv_has(all, kv->key[i]))
			kv_set(all, kv->key[i], 0);
}

static double median_counter(const struct set *s, int end, const char *c)
{
	double v[MAX_RUNS] = { 0 };

	for (int i = 0; i < s->nruns; i++)
		v[i] = kv_get(end ? &s->run[i].endstat : &s->run[i].initstat, c);
	return median(v, s->nruns);
}

static void exit_counters(FILE *f)
{
	struct kv all = { 0 };

	fprintf(f, "| counter |");
	for (int i = 0; i < ncol; i++)
		fprintf(f, " `%s` to init | `%s` whole run |", col[i]->name, col[i]->name);
	fprintf(f, "\n|---|");
	rule_cells(f, "---|---|");
	for (int i = 0; i < ncol; i++)
		for (int r = 0; r < col[i]->nruns; r++) {
			add_counters(&all, &col[i]->run[r].initstat);
			add_counters(&all, &col[i]->run[r].endstat);
		}
	qsort(all.key, all.n, sizeof(all.key[0]), cmp_counter);
	for (int c = 0; c < all.n; c++) {
		fprintf(f, "| %s |", all.key[c]);
		for (int i = 0; i < ncol; i++)
			fprintf(f, "%s %s | %s", i ? " |" : "",
				fmt(median_counter(col[i], 0, all.key[c]), 0),
				fmt(median_counter(col[i], 1, all.key[c]), 0));
		fprintf(f, " |\n");
	}
	fprintf(f, "\n");
}

static void section_boot(FILE *f)
{
	fprintf(f, "## 2. Linux boot: the rig's vmlinux as a kvm440 guest and natively\n\n");
	fprintf(f, "Same `vmlinux` (the emulated host's own 6.1 bamboo kernel), same "
		"initramfs (busybox + `benchu` as `/init`, `tests/bench/bench-init.sh`), "
		"64M, `console=ttyS0,115200 rdinit=/init`. Guest: `kvm440ctl start "
		"--stats tests/bench/bench.cfg` on the emulated host. Native: "
		"`qemu-system-ppc -M bamboo -m 64 -kernel vmlinux -initrd bench.cpio "
		"-icount shift=0,sleep=off`.\n\n");
	fprintf(f, "- `time_init` -> `Run /init`: the `Run /init as init process` stamp of "
		"the booted kernel's own printk clock, which starts at `time_init`.\n");
	fprintf(f, "- start -> init: `/init` (benchu) prints the timebase as its first "
		"action. A kvm440 guest reads the host's own timebase, so under kvm440 "
		"the figure is that value minus the timebase `benchu tb` read on the "
		"host just before `kvm440ctl start` (it includes `kvm440ctl` reading "
		"vmlinux and setting up the VM); natively QEMU's timebase starts at 0 "
		"at reset, so it covers the whole boot, including the kernel's start "
		"before `time_init`.\n");
	fprintf(f, "- `sleep 1`: `benchu run /bin/sleep 1` in the init: the timebase "
		"around fork, exec and wait of `sleep 1`. Under kvm440 that timebase "
		"is the host's, so this is the time the host spent on it.\n\n");
	fprintf(f, "Booted ");
	for (int i = 0; i < ncol; i++)
		fprintf(f, "%s%d", i ? "/" : "", col[i]->nruns);
	fprintf(f, " times under kvm440 (per set) and %d times natively: "
		"median (min-max), and the ratio of the medians.\n\n", nnat);
	fprintf(f, "| figure | native |");
	name_cells(f, " `", "` |");
	fprintf(f, "\n|---|---|");
	rule_cells(f, "---|");
	boot_row(f, "`time_init` -> `Run /init`", f_time_init, 0, 1e6, 1, "M ins",
		 "boot: time_init to Run /init");
	boot_row(f, "start -> init's first line", f_start_init, 0, 1e6, 1, "M ins",
		 "boot: start to init");
	boot_row(f, "`sleep 1` (guest time)", f_sleep, 0, 1e9, 3, "s", NULL);
	fprintf(f, "\nExits by reason (median per counter over the boots): to the init's "
		"first line (`kvm440ctl status` taken on the host when that line "
		"appears, so a little after it) and for the whole run to the guest's "
		"reboot (`kvm440ctl start --stats`; includes the workloads of "
		"section 3):\n\n");
	exit_counters(f);
}

/* one cell of the exits-per-unit table: each counter's median over the
 * boots that have it, per unit of the workload */
static void workload_exits(FILE *f, const struct set *s, int w)
{
	struct kv all = { 0 };
	int printed = 0;

	for (int r = 0; r < s->nruns; r++) {
		if (!s->run[r].wstat[w].have_begin || !s->run[r].wstat[w].have_end)
			die("set '%s': no counters around %s", s->name, WORKLOADS[w]);
		add_counters(&all, &s->run[r].wstat[w].begin);
		add_counters(&all, &s->run[r].wstat[w].end);
	}
	qsort(all.key, all.n, sizeof(all.key[0]), cmp_counter);
	for (int c = 0; c < all.n; c++) {
		double v[MAX_RUNS], med;
		int n = 0;

		for (int r = 0; r < s->nruns; r++) {
			const struct kv *b = &s->run[r].wstat[w].begin;
			const struct kv *e = &s->run[r].wstat[w].end;

			if (kv_has(b, all.key[c]) || kv_has(e, all.key[c]))
				v[n++] = (double)(kv_get(e, all.key[c]) - kv_get(b, all.key[c])) /
					 s->run[r].user[1 + w].iters;
		}
		med = median(v, n);
		if (med > 0)
			fprintf(f, "%s%s %s", printed++ ? ", " : "", all.key[c], small(med));
	}
	if (!printed)
		fprintf(f, "none");
}

static void section_workloads(FILE *f)
{
	static const char *const units[NWORK] = {
		"round", "fork+exec+wait", "page touch"
	};

	fprintf(f, "## 3. Guest user space against native\n\n");
	fprintf(f, "`benchu` (`tests/bench/benchu.c`, static glibc) run by the init of "
		"each boot above, timing itself with the timebase: `compute` 10M rounds "
		"of integer arithmetic, `fork_exec` 20 x (fork, exec `benchu nop`, "
		"wait), `page_touch` 50 passes over 256 pre-faulted 4K pages (more than "
		"the 64-entry TLB, so every touch is a guest TLB miss). Instructions "
		"per unit, median (min-max) over the boots.\n\n");
	fprintf(f, "| workload | unit | native |");
	name_cells(f, " `", "` |");
	fprintf(f, "\n|---|---|---|");
	rule_cells(f, "---|");
	for (int w = 0; w < NWORK; w++) {
		char label[64];
		int nd = median_of(f_work, 1 + w, nlin, nnat) < 100 ? 1 : 0;

		snprintf(label, sizeof(label), "%s | %s", WORKLOADS[w], units[w]);
		boot_row(f, label, f_work, 1 + w, 1, nd, "ins", WORKLOADS[w]);
	}
	fprintf(f, "\nExits per unit during each workload, by reason: the VM's counters "
		"(`kvm440ctl status`) read by the host when `benchu` prints `begin` and "
		"when it prints its result, each line followed by a second of idling, "
		"so the difference holds the workload, its printing and some idle "
		"time (`dec`, `ext_intr`, `halt_wakeup`); median over the boots, "
		"divided by the units of the workload.\n\n");
	fprintf(f, "| workload |");
	name_cells(f, " `", "` |");
	fprintf(f, "\n|---|");
	rule_cells(f, "---|");
	for (int w = 0; w < NWORK; w++) {
		fprintf(f, "| %s |", WORKLOADS[w]);
		for (int i = 0; i < ncol; i++) {
			fprintf(f, "%s", i ? " | " : " ");
			workload_exits(f, col[i], w);
		}
		fprintf(f, " |\n");
	}
	fprintf(f, "\n");
}

static void section_state(FILE *f)
{
	fprintf(f, "## 4. Per-vCPU state\n\n");
	fprintf(f, "From the module's load message (`kvm440: per-vCPU state: N bytes`, host kernel log).\n\n");
	fprintf(f, "| |");
	name_cells(f, " `", "` |");
	fprintf(f, "\n|---|");
	rule_cells(f, "---|");
	fprintf(f, "| bytes per vCPU |");
	for (int i = 0; i < ncol; i++)
		fprintf(f, " %s |", fmt(col[i]->state_bytes, 0));
	fprintf(f, "\n\n");
}

/* section 6, for the first measured direct set (none measured: none) */
static void targets(FILE *f)
{
	struct target_in t = { 0 };
	double nstart;

	for (int i = 0; i < ncol && !t.set; i++)
		if (shadow_of(col[i]->name) == SHADOW_DIRECT)
			t.set = col[i];
	if (!t.set)
		return;
	nstart = median_of(f_start_init, 0, nlin, nnat);
	t.boot_ratio = median_of(f_time_init, 0, t.set->run, t.set->nruns) /
		       median_of(f_time_init, 0, nlin, nnat);
	t.start_ratio = median_of(f_start_init, 0, t.set->run, t.set->nruns) / nstart;
	t.start_overhead = median_of(f_start_init, 0, t.set->run, t.set->nruns) - nstart;
	t.compute_guest = median_of(f_work, U_COMPUTE, t.set->run, t.set->nruns);
	t.compute_native = median_of(f_work, U_COMPUTE, nlin, nnat);
	t.sleep_s = median_of(f_sleep, 0, t.set->run, t.set->nruns) / 1e9;
	section_targets(f, &t);
}

static void section_reproduce(FILE *f)
{
	fprintf(f, "## Reproduce\n\n");
	fprintf(f, "    make bench                          # this file and docs/bench.png: shadow=direct and shadow=array\n");
	fprintf(f, "    BENCH_MODULE_PARAMS= make bench     # one column, the module's defaults\n");
	fprintf(f, "    BENCH_MODULE_PARAMS=\"shadow=direct;max_vms=4\" make bench   # any sets, one column each\n\n");
	fprintf(f, "Logs of the run: `build/bench/host.log` (emulated host: `[micro]` the "
		"bare-metal guest, `[guest]` the Linux guest), `build/bench/native/"
		"micro.log` (and `micro2.log`), `build/bench/native/linuxN.log`.\n");
}

static FILE *create(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s%s", dir, *dir && *name ? "/" : "", name);
	f = fopen(path, "w");
	if (!f)
		die("%s: cannot write: %s", path, strerror(errno));
	return f;
}

static void finish(FILE *f, const char *what)
{
	if (ferror(f) | fclose(f))
		die("%s: write error", what);
}

static void write_chart_data(const char *dir)
{
	FILE *f;

	if (mkdir(dir, 0777) && errno != EEXIST)
		die("%s: cannot create: %s", dir, strerror(errno));
	f = create(dir, "exit.dat");
	fprintf(f, "kind");
	name_cells(f, " \"", "\"");
	fprintf(f, "\n");
	for (int k = 0; k < NKINDS; k++) {
		fprintf(f, "%s", KINDS[k].name);
		for (int i = 0; i < ncol; i++)
			fprintf(f, " %.0f", col[i]->rows[k].have_per_op ?
				col[i]->rows[k].per_op : 0.0);
		fprintf(f, "\n");
	}
	finish(f, "exit.dat");
	f = create(dir, "ratio.dat");
	fprintf(f, "figure");
	name_cells(f, " \"", "\"");
	fprintf(f, "\n");
	for (int r = 0; r < nratios; r++) {
		fprintf(f, "\"%s\"", ratios[r].label);
		for (int i = 0; i < ncol; i++)
			fprintf(f, " %.3f", ratios[r].r[i]);
		fprintf(f, "\n");
	}
	finish(f, "ratio.dat");
	f = create(dir, "vars.gp");
	fprintf(f, "nsets = %d\n", ncol);
	finish(f, "vars.gp");
}

/* the per-operation table and the ratios, on the terminal */
static void summary(void)
{
	printf("%-14s", "kind");
	for (int i = 0; i < ncol; i++)
		printf(" %16.16s", col[i]->name);
	printf("\n");
	for (int k = 0; k < NKINDS; k++) {
		printf("%-14s", KINDS[k].name);
		for (int i = 0; i < ncol; i++)
			printf(" %16s", fmt_opt(col[i]->rows[k].have_per_op,
						col[i]->rows[k].per_op, 0));
		printf("\n");
	}
	for (int r = 0; r < nratios; r++) {
		printf("%-30s", ratios[r].label);
		for (int i = 0; i < ncol; i++)
			printf(" %8.2fx", ratios[r].r[i]);
		printf("\n");
	}
}

int main(int argc, char **argv)
{
	const char *host = NULL, *micro1 = NULL, *micro2 = NULL, *md = NULL;
	const char *data = NULL, *commit = "";
	FILE *f;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			die("%s: needs a value", a);
		i++;
		if (!strcmp(a, "--host"))
			host = v;
		else if (!strcmp(a, "--native-micro"))
			micro1 = v;
		else if (!strcmp(a, "--native-micro2"))
			micro2 = v;
		else if (!strcmp(a, "--native-linux")) {
			if (nnat == MAX_RUNS)
				die("more than %d --native-linux", MAX_RUNS);
			parse_native_linux(v, &nlin[nnat++]);
		} else if (!strcmp(a, "--md"))
			md = v;
		else if (!strcmp(a, "--data"))
			data = v;
		else if (!strcmp(a, "--commit"))
			commit = v;
		else
			die("unknown option %s", a);
	}
	if (!host || !micro1 || !micro2 || !nnat || !md || !data)
		die("usage: report --host LOG --native-micro LOG --native-micro2 LOG "
		    "--native-linux LOG... --md FILE --data DIR [--commit ID]");

	nsets = parse_host(host, sets, MAX_SETS);
	parse_native_micro(micro1, nmicro);
	parse_native_micro(micro2, nmicro2);
	for (int i = 0; i < nsets; i++)
		if (!sets[i].not_available) {
			micro_rows(&sets[i], nmicro);
			col[ncol++] = &sets[i];
		}
	if (!ncol) {
		for (int i = 0; i < nsets; i++)
			fprintf(stderr, "report: set '%s' not measured: %s\n",
				sets[i].name, sets[i].na_reason);
		die("%s: no parameter set was measured", host);
	}

	f = create("", md);
	section_head(f, commit);
	section_micro(f);
	section_boot(f);
	section_workloads(f);
	section_state(f);
	if (nsets > 1)
		section_tradeoff(f, sets, nsets, nlin, nnat);
	targets(f);
	section_reproduce(f);
	finish(f, md);
	write_chart_data(data);
	summary();
	return 0;
}
