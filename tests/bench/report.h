/* make bench's report generator (tests/bench/report*.c, tradeoff.c): the
 * figures parsed from one run's logs and the helpers the sections share.
 * Every number written comes from the logs; a missing figure is an error,
 * never a guess. */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdio.h>

/* -icount shift=0: 1 instruction = 1 ns, timebase 400 MHz */
#define TB_NS 2.5

#define MAX_SETS 8
#define MAX_RUNS 32
#define MAX_KV 40
#define NWORK 3 /* compute, fork_exec, page_touch */

/* name=value counters in the order first seen */
struct kv {
	int n;
	char key[MAX_KV][24];
	long long val[MAX_KV];
};

struct micro {
	int have;
	long long kind, iters, tb;
};

struct kind {
	const char *name, *what;
	int ops;		/* operations per iteration */
	const char *native;	/* native counterpart, "same" if the same loop */
};
extern const struct kind KINDS[];
extern const int NKINDS;
extern const char *const WORKLOADS[NWORK];

/* the user-space figures one Linux boot prints (bench-user: lines) */
enum { U_SLEEP, U_COMPUTE, U_FORK_EXEC, U_PAGE_TOUCH, NUSER };

struct linux_run {
	int have_run_init, have_init_tb, have_start, have_initstat;
	double run_init_s;
	long long init_tb, start_tb;
	struct { int have; long long iters, tb; } user[NUSER];
	struct kv initstat, endstat;
	struct { int have_begin, have_end; struct kv begin, end; } wstat[NWORK];
};

/* one microbenchmark kind's figures under one set */
struct row {
	long long iters, ticks;
	double g, n, per_iter, per_op, per_exit;
	int have_per_op, have_per_exit;
	struct kv mk;		/* counters between the marks, closing mark removed */
	char check[96];
};

struct set {
	char name[128];
	int done, have_state, not_available;
	char na_reason[160];
	long long state_bytes;
	struct micro micro[2][16];	/* by KINDS index; runs 1 and 2 */
	int have_mark[256];
	struct kv mark[256];		/* by the loop's kind number */
	int nruns;
	struct linux_run run[MAX_RUNS];
	struct row rows[16];
};

/* report_parse.c */
int parse_host(const char *path, struct set *sets, int max);
void parse_native_micro(const char *path, struct micro *m);
void parse_native_linux(const char *path, struct linux_run *r);

/* report.c */
void micro_rows(struct set *s, const struct micro *native);

/* report_util.c */
_Noreturn void die(const char *fmt, ...);
void warn(const char *fmt, ...);
long long kv_get(const struct kv *kv, const char *key);
int kv_has(const struct kv *kv, const char *key);
void kv_set(struct kv *kv, const char *key, long long val);
void kv_parse(struct kv *kv, const char *text);
const char *fmt(double v, int nd);
const char *fmt_opt(int have, double v, int nd);
const char *small(double v);
double median(const double *v, int n);

/* tradeoff.c */
struct tradeoff_fig {
	const char *name;
	long long state_bytes;
	int have_per_exit[16];
	double per_exit[16];		/* by KINDS index */
	double tlb_real, tlb_virt;	/* medians of the boots' to-init counts */
	double boot_ratio;		/* time_init -> Run /init, to native */
};
enum shadow { SHADOW_OTHER, SHADOW_DIRECT, SHADOW_ARRAY };
enum shadow shadow_of(const char *params);
void verdict_memory(char *buf, size_t len, const struct tradeoff_fig *d,
		    const struct tradeoff_fig *a);
void verdict_exits(char *buf, size_t len, const struct tradeoff_fig *d,
		   const struct tradeoff_fig *a);
void verdict_tlb(char *buf, size_t len, const struct tradeoff_fig *d,
		 const struct tradeoff_fig *a);
void section_tradeoff(FILE *f, struct set *sets, int nsets,
		      const struct linux_run *nlin, int nnat);

/* targets.c */
struct target_in {
	const struct set *set;		/* a measured direct set */
	double boot_ratio;		/* time_init -> Run /init, to native */
	double start_ratio;		/* start -> init, to native */
	double start_overhead;		/* start -> init, guest - native, ins */
	double compute_guest, compute_native;	/* ins per compute round */
	double sleep_s;			/* the guest's sleep 1, in seconds */
};
void section_targets(FILE *f, const struct target_in *t);

#endif
