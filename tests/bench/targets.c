/* "Targets": issue 9's speed targets against the figures of this run (the
 * first measured direct set), each met or missed by how much, and where
 * the Linux boot's remaining instructions go: the exits to init by reason,
 * each priced at what section 1 measured for its kind. Every number comes
 * from the logs; the prices are the microbenchmarks', so the breakdown is
 * an estimate and says how much of the overhead it leaves unattributed. */
#include "report.h"

#include <string.h>

/* the emulated-instruction kinds of section 1 (not the slot-0 variant) */
static const char *const EMULATED[] = {
	"mfmsr", "wrteei", "mtmsr", "mfspr_sprg0", "mtspr_sprg0",
	"mfspr_srr0", "mtspr_srr0", "rfi", "tlbwe",
};
#define NEMUL (sizeof(EMULATED) / sizeof(EMULATED[0]))

static int kind_index(const char *name)
{
	for (int k = 0; k < NKINDS; k++)
		if (!strcmp(KINDS[k].name, name))
			return k;
	die("targets: no microbenchmark kind %s", name);
}

static double per_op(const struct set *s, const char *name)
{
	const struct row *r = &s->rows[kind_index(name)];

	if (!r->have_per_op)
		die("targets: set '%s' has no per-operation figure for %s", s->name, name);
	return r->per_op;
}

/* "met" or "missed by X (Y%)" for a figure that must stay at or below goal */
static const char *at_most(double got, double goal, int nd)
{
	static char out[4][96];
	static int which;

	which = (which + 1) % 4;
	if (got <= goal)
		snprintf(out[which], sizeof(out[which]), "met");
	else
		snprintf(out[which], sizeof(out[which]), "missed by %s (%s%%)",
			 fmt(got - goal, nd), fmt(100 * (got - goal) / goal, 0));
	return out[which];
}

static double median_init(const struct set *s, const char *counter)
{
	double v[MAX_RUNS] = { 0 };

	for (int i = 0; i < s->nruns; i++)
		v[i] = kv_get(&s->run[i].initstat, counter);
	return median(v, s->nruns);
}

static void targets_table(FILE *f, const struct set *s, const struct target_in *t)
{
	double emul_worst = 0, refill;
	const char *worst = EMULATED[0];
	double speed = t->compute_native / t->compute_guest;

	for (size_t i = 0; i < NEMUL; i++)
		if (per_op(s, EMULATED[i]) > emul_worst) {
			emul_worst = per_op(s, EMULATED[i]);
			worst = EMULATED[i];
		}
	refill = per_op(s, "dtlb_refill") > per_op(s, "itlb_refill") ?
		 per_op(s, "dtlb_refill") : per_op(s, "itlb_refill");

	fprintf(f, "| target | goal | measured | |\n|---|---|---|---|\n");
	fprintf(f, "| Linux boot, `time_init` -> `Run /init` | <= 3x native (aim 2x) | %sx | %s |\n",
		fmt(t->boot_ratio, 2), at_most(t->boot_ratio, 3, 2));
	fprintf(f, "| Linux boot, start -> init | <= 4x native | %sx | %s |\n",
		fmt(t->start_ratio, 2), at_most(t->start_ratio, 4, 2));
	fprintf(f, "| emulated-instruction light exit (the dearest of %zu kinds: %s) | <= 300 host ins | %s | %s |\n",
		NEMUL, worst, fmt(emul_worst, 0), at_most(emul_worst, 300, 0));
	fprintf(f, "| guest-TLB refill (the dearer of D and I) | <= 400 host ins | %s | %s |\n",
		fmt(refill, 0), at_most(refill, 400, 0));
	fprintf(f, "| MMIO round trip to user space | <= 5,000 host ins | %s | %s |\n",
		fmt(per_op(s, "mmio"), 0), at_most(per_op(s, "mmio"), 5000, 0));
	fprintf(f, "| guest user-space compute loop | >= 0.98x native speed | %sx | %s |\n",
		fmt(speed, 3), speed >= 0.98 ? "met" : "missed");
	fprintf(f, "| the guest's `sleep 1` | within 5%% of 1 s | %s s | %s |\n\n",
		fmt(t->sleep_s, 3),
		t->sleep_s >= 0.95 && t->sleep_s <= 1.05 ? "met" : "missed");
}

struct share {
	const char *what, *counters, *price_of;
	double exits, price;
};

static void breakdown(FILE *f, const struct set *s, const struct target_in *t)
{
	double emul = 0, sum = 0;
	struct share sh[7];
	int n = 0;

	for (size_t i = 0; i < NEMUL; i++)
		emul += per_op(s, EMULATED[i]) / NEMUL;
	sh[n++] = (struct share){ "emulated privileged instructions", "`emul_inst`",
		"the mean of section 1's emulated kinds",
		median_init(s, "emul_inst"), emul };
	sh[n++] = (struct share){ "instruction-side refills", "`itlb_virt`",
		"`itlb_refill`", median_init(s, "itlb_virt"), per_op(s, "itlb_refill") };
	sh[n++] = (struct share){ "data-side refills", "`dtlb_virt`",
		"`dtlb_refill`", median_init(s, "dtlb_virt"), per_op(s, "dtlb_refill") };
	sh[n++] = (struct share){ "the guest's own TLB misses, delivered",
		"`itlb_real` + `dtlb_real`", "an emulated instruction (the same exit and delivery)",
		median_init(s, "itlb_real") + median_init(s, "dtlb_real"), emul };
	sh[n++] = (struct share){ "MMIO round trips to `kvm440ctl`", "`mmio`",
		"`mmio`", median_init(s, "mmio"), per_op(s, "mmio") };
	sh[n++] = (struct share){ "DCR round trips to `kvm440ctl`", "`dcr`",
		"`dcr`", median_init(s, "dcr"), per_op(s, "dcr") };
	sh[n++] = (struct share){ "host interrupts while the guest ran", "`ext_intr`",
		"`host_tick`", median_init(s, "ext_intr"), per_op(s, "host_tick") };

	fprintf(f, "Where the boot's remaining instructions go, start -> init: kvm440 "
		"took %s M instructions more than native. Each exit reason's count "
		"to init (median over the boots, section 2) priced at what section 1 "
		"measured for its kind:\n\n", fmt(t->start_overhead / 1e6, 1));
	fprintf(f, "| where | counter | exits to init | priced as | host ins each | M ins | share |\n");
	fprintf(f, "|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < n; i++) {
		double ins = sh[i].exits * sh[i].price;

		sum += ins;
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s%% |\n", sh[i].what,
			sh[i].counters, fmt(sh[i].exits, 0), sh[i].price_of,
			fmt(sh[i].price, 0), fmt(ins / 1e6, 1),
			fmt(100 * ins / t->start_overhead, 0));
	}
	fprintf(f, "| not attributed: the console's in-kernel accesses, system calls, "
		"`kvm440ctl` loading the kernel and building the VM, and how far real "
		"exits differ from the microbenchmarks' | | | | | %s | %s%% |\n\n",
		fmt((t->start_overhead - sum) / 1e6, 1),
		fmt(100 * (t->start_overhead - sum) / t->start_overhead, 0));
}

void section_targets(FILE *f, const struct target_in *t)
{
	const struct set *s = t->set;

	fprintf(f, "## 6. Targets\n\n");
	fprintf(f, "Issue 9's targets, against set `%s` (the first measured set with "
		"the direct scheme). Section 1 gives the per-operation figures (host "
		"instructions, guest minus native), section 2 the boot ratios and the "
		"exits to init, section 3 the compute loop (speed = native "
		"instructions per round / guest's).\n\n", s->name);
	targets_table(f, s, t);
	breakdown(f, s, t);
}
