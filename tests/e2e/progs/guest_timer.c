// SPDX-License-Identifier: GPL-2.0
/*
 * guest_timer: the guest's timers and idle state, with tiny hand-assembled
 * bare-metal guests: decrementer auto-reload ticks and FIT ticks counted
 * by the guest's own handlers over a timebase interval it measures itself,
 * MSR[WE] idle woken by a one-shot decrementer and by KVM440_IRQ_LINE from
 * a second thread (with the host thread asleep meanwhile), a signal during
 * idle, the HALT exit, the watchdog's interrupt and its reset exit, and DEC
 * reads. One "ok:"/"FAIL:" line per check; exit 0 when all hold.
 * "guest_timer idle" idles one guest in RUN until a stop request.
 *
 * Guest memory: 1M at 0, one 16M TLB entry EA 0 -> PA 0 (supervisor RWX);
 * IVPR 0 with the handlers below. A guest stops at `mfdcr r5,0xc0`, which
 * ends RUN with a DCR exit (or, before DCR exits existed, an internal
 * error): both are accepted.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/kvm440.h>

#define MEM_SIZE	(1u << 20)
#define INST_STOP	0x7ca03286	/* mfdcr r5,0xc0 */
#define TSR_ENW		0x80000000u
#define TSR_WIS		0x40000000u
#define TSR_DIS		0x08000000u
#define MSR_WE		0x00040000u

/* Handlers: DEC at 0x100, FIT at 0x200, external at 0x300, watchdog 0x400 */
/*
 * The 440 keeps MSR[WE] in SRR1, so a handler that wakes a waiting guest
 * clears it before rfi, as Linux's exception prologue does; otherwise rfi
 * would put the guest back to sleep.
 */
static const uint32_t h_dec[] = {
	0x3a940001,	/* 0x100 addi  r20,r20,1 */
	0x3d400800,	/* 0x104 lis   r10,0x0800 (DIS) */
	0x7d5053a6,	/* 0x108 mtspr TSR,r10 */
	0x7d5b02a6,	/* 0x10c mfspr r10,SRR1 */
	0x554a0398,	/* 0x110 rlwinm r10,r10,0,14,12 (clear WE) */
	0x7d5b03a6,	/* 0x114 mtspr SRR1,r10 */
	0x4c000064,	/* 0x118 rfi */
};
static const uint32_t h_fit[] = {
	0x3ab50001,	/* 0x200 addi  r21,r21,1 */
	0x3d400400,	/* 0x204 lis   r10,0x0400 (FIS) */
	0x7d5053a6,	/* 0x208 mtspr TSR,r10 */
	0x4c000064,	/* 0x20c rfi */
};
static const uint32_t h_ext[] = {
	0x7eda02a6,	/* 0x300 mfspr r22,SRR0 */
	0x7eec42a6,	/* 0x304 mfspr r23,TBL */
	0x3b004444,	/* 0x308 li    r24,0x4444 */
	0x7ca03286,	/* 0x30c mfdcr r5,0xc0 (stop) */
};
static const uint32_t h_wdt[] = {
	0x7eda0aa6,	/* 0x400 mfspr r22,CSRR0 */
	0x7f3052a6,	/* 0x404 mfspr r25,TSR */
	0x7ca03286,	/* 0x408 mfdcr r5,0xc0 (stop) */
};

/* 0x1000: DEC auto-reload every r3 ticks; spin for r4 TB ticks. */
static const uint32_t p_dec[] = {
	0x7c760ba6,	/* 0x1000 mtspr DECAR,r3 */
	0x7c7603a6,	/* 0x1004 mtspr DEC,r3 */
	0x3ca00440,	/* 0x1008 lis   r5,0x0440 (DIE|ARE) */
	0x7cb453a6,	/* 0x100c mtspr TCR,r5 */
	0x3940ffff,	/* 0x1010 li    r10,-1 */
	0x7d5053a6,	/* 0x1014 mtspr TSR,r10 */
	0x3a800000,	/* 0x1018 li    r20,0 */
	0x38c00000,	/* 0x101c li    r6,0 */
	0x60c68000,	/* 0x1020 ori   r6,r6,0x8000 (EE) */
	0x7cec42a6,	/* 0x1024 mfspr r7,TBL */
	0x7cc00124,	/* 0x1028 mtmsr r6 */
	0x7d0c42a6,	/* 0x102c mfspr r8,TBL */
	0x7d274050,	/* 0x1030 subf  r9,r7,r8 */
	0x7c092040,	/* 0x1034 cmplw r9,r4 */
	0x4180fff4,	/* 0x1038 blt   0x102c */
	0x7ca03286,	/* 0x103c mfdcr r5,0xc0 (stop) */
};
#define P_DEC_STOP	0x103c

/* 0x2000: FIT every 2^25 ticks (FP=3); spin for r4 TB ticks. */
static const uint32_t p_fit[] = {
	0x3ca00380,	/* 0x2000 lis   r5,0x0380 (FP=3|FIE) */
	0x7cb453a6,	/* 0x2004 mtspr TCR,r5 */
	0x3940ffff,	/* 0x2008 li    r10,-1 */
	0x7d5053a6,	/* 0x200c mtspr TSR,r10 */
	0x3aa00000,	/* 0x2010 li    r21,0 */
	0x38c00000,	/* 0x2014 li    r6,0 */
	0x60c68000,	/* 0x2018 ori   r6,r6,0x8000 (EE) */
	0x7cec42a6,	/* 0x201c mfspr r7,TBL */
	0x7cc00124,	/* 0x2020 mtmsr r6 */
	0x7d0c42a6,	/* 0x2024 mfspr r8,TBL */
	0x7d274050,	/* 0x2028 subf  r9,r7,r8 */
	0x7c092040,	/* 0x202c cmplw r9,r4 */
	0x4180fff4,	/* 0x2030 blt   0x2024 */
	0x7ca03286,	/* 0x2034 mfdcr r5,0xc0 (stop) */
};
#define P_FIT_STOP	0x2034

/* 0x3000: one-shot DEC of r3 ticks, then idle (WE|EE) until it fires. */
static const uint32_t p_idle_dec[] = {
	0x7c7603a6,	/* 0x3000 mtspr DEC,r3 */
	0x3ca00400,	/* 0x3004 lis   r5,0x0400 (DIE) */
	0x7cb453a6,	/* 0x3008 mtspr TCR,r5 */
	0x3940ffff,	/* 0x300c li    r10,-1 */
	0x7d5053a6,	/* 0x3010 mtspr TSR,r10 */
	0x3a800000,	/* 0x3014 li    r20,0 */
	0x3cc00004,	/* 0x3018 lis   r6,4 (WE) */
	0x60c68000,	/* 0x301c ori   r6,r6,0x8000 (EE) */
	0x7cec42a6,	/* 0x3020 mfspr r7,TBL */
	0x7cc00124,	/* 0x3024 mtmsr r6 */
	0x7d0c42a6,	/* 0x3028 mfspr r8,TBL */
	0x7ca03286,	/* 0x302c mfdcr r5,0xc0 (stop) */
};
#define P_IDLE_DEC_STOP	0x302c

/* 0x4000: idle (WE|EE) with no timer: only the external input wakes it. */
static const uint32_t p_idle_ext[] = {
	0x3b000000,	/* 0x4000 li    r24,0 */
	0x3cc00004,	/* 0x4004 lis   r6,4 (WE) */
	0x60c68000,	/* 0x4008 ori   r6,r6,0x8000 (EE) */
	0x7cec42a6,	/* 0x400c mfspr r7,TBL */
	0x7cc00124,	/* 0x4010 mtmsr r6 */
	0x48000000,	/* 0x4014 b     . */
};
#define P_IDLE_EXT_WAKE	0x4014
#define H_EXT_STOP	0x30c

/* 0x5000: watchdog period 2^21, WRC = core reset; spin. */
static const uint32_t p_wdt_reset[] = {
	0x3ca01000,	/* 0x5000 lis   r5,0x1000 (WP=0|WRC=01) */
	0x7cb453a6,	/* 0x5004 mtspr TCR,r5 */
	0x3940ffff,	/* 0x5008 li    r10,-1 */
	0x7d5053a6,	/* 0x500c mtspr TSR,r10 */
	0x48000000,	/* 0x5010 b     . */
};

/* 0x6000: WE with EE=CE=0: nothing can wake it. */
static const uint32_t p_halt[] = {
	0x3cc00004,	/* 0x6000 lis   r6,4 (WE) */
	0x7cc00124,	/* 0x6004 mtmsr r6 */
	0x48000000,	/* 0x6008 b     . */
};

/* 0x7000: watchdog interrupt (WIE, MSR[CE]); spin. */
static const uint32_t p_wdt_int[] = {
	0x3ca00800,	/* 0x7000 lis   r5,0x0800 (WIE) */
	0x7cb453a6,	/* 0x7004 mtspr TCR,r5 */
	0x3940ffff,	/* 0x7008 li    r10,-1 */
	0x7d5053a6,	/* 0x700c mtspr TSR,r10 */
	0x3cc00002,	/* 0x7010 lis   r6,2 (CE) */
	0x7cc00124,	/* 0x7014 mtmsr r6 */
	0x48000000,	/* 0x7018 b     . */
};
#define H_WDT_STOP	0x408

/* 0x8000: DEC reads; a TBWL write; a short DEC runs out with TCR 0. */
static const uint32_t p_dec_read[] = {
	0x7c7603a6,	/* 0x8000 mtspr DEC,r3 */
	0x7d7602a6,	/* 0x8004 mfspr r11,DEC */
	0x38a003e8,	/* 0x8008 li    r5,1000 */
	0x7ca903a6,	/* 0x800c mtctr r5 */
	0x42000000,	/* 0x8010 bdnz  . */
	0x7d9602a6,	/* 0x8014 mfspr r12,DEC */
	0x7c7c43a6,	/* 0x8018 mtspr TBWL,r3 */
	0x38a00064,	/* 0x801c li    r5,100 */
	0x7cb603a6,	/* 0x8020 mtspr DEC,r5 */
	0x38a003e8,	/* 0x8024 li    r5,1000 */
	0x7ca903a6,	/* 0x8028 mtctr r5 */
	0x42000000,	/* 0x802c bdnz  . */
	0x7db602a6,	/* 0x8030 mfspr r13,DEC */
	0x7dd052a6,	/* 0x8034 mfspr r14,TSR */
	0x7ca03286,	/* 0x8038 mfdcr r5,0xc0 (stop) */
};
#define P_DEC_READ_STOP	0x8038

static int failures;
static uint64_t tb_hz = 400000000;

static void check(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failures++;
}

struct guest {
	int dev, vm, vcpu;
	uint8_t *mem;
	struct kvm440_run *run;
};

static void put(struct guest *g, uint32_t gpa, const uint32_t *code,
		size_t bytes)
{
	memcpy(g->mem + gpa, code, bytes);
}

static int guest_open(struct guest *g)
{
	struct kvm440_memory_region mr = { 0 };
	struct kvm440_sregs sregs;
	struct kvm440_tlb tlb;

	memset(g, 0, sizeof(*g));
	g->dev = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (g->dev < 0)
		return -1;
	g->vm = ioctl(g->dev, KVM440_CREATE_VM, 0);
	if (g->vm < 0)
		return -1;
	g->mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->mem == MAP_FAILED)
		return -1;
	memset(g->mem, 0, MEM_SIZE);
	put(g, 0x100, h_dec, sizeof(h_dec));
	put(g, 0x200, h_fit, sizeof(h_fit));
	put(g, 0x300, h_ext, sizeof(h_ext));
	put(g, 0x400, h_wdt, sizeof(h_wdt));
	put(g, 0x1000, p_dec, sizeof(p_dec));
	put(g, 0x2000, p_fit, sizeof(p_fit));
	put(g, 0x3000, p_idle_dec, sizeof(p_idle_dec));
	put(g, 0x4000, p_idle_ext, sizeof(p_idle_ext));
	put(g, 0x5000, p_wdt_reset, sizeof(p_wdt_reset));
	put(g, 0x6000, p_halt, sizeof(p_halt));
	put(g, 0x7000, p_wdt_int, sizeof(p_wdt_int));
	put(g, 0x8000, p_dec_read, sizeof(p_dec_read));
	mr.size = MEM_SIZE;
	mr.userspace_addr = (unsigned long)g->mem;
	if (ioctl(g->vm, KVM440_SET_MEMORY_REGION, &mr))
		return -1;
	g->vcpu = ioctl(g->vm, KVM440_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return -1;
	g->run = mmap(NULL, getpagesize(), PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED)
		return -1;
	memset(&tlb, 0, sizeof(tlb));
	tlb.e[0].word0 = KVM440_TLB0_V | (7 << KVM440_TLB0_SIZE_SHIFT);
	tlb.e[0].word2 = KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR;
	if (ioctl(g->vcpu, KVM440_SET_TLB, &tlb))
		return -1;
	memset(&sregs, 0, sizeof(sregs));
	if (ioctl(g->vcpu, KVM440_GET_SREGS, &sregs))
		return -1;
	sregs.ivpr = 0;
	sregs.ivor[10] = 0x100;
	sregs.ivor[11] = 0x200;
	sregs.ivor[4] = 0x300;
	sregs.ivor[12] = 0x400;
	sregs.tb = 0;
	return ioctl(g->vcpu, KVM440_SET_SREGS, &sregs);
}

static void guest_close(struct guest *g)
{
	munmap(g->run, getpagesize());
	close(g->vcpu);
	munmap(g->mem, MEM_SIZE);
	close(g->vm);
	close(g->dev);
}

static int guest_setup(struct guest *g)
{
	if (!guest_open(g))
		return 0;
	check(0, "set up VM: %s", strerror(errno));
	return -1;
}

static int start(struct guest *g, uint32_t pc, uint32_t r3, uint32_t r4)
{
	struct kvm440_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.pc = pc;
	regs.gpr[3] = r3;
	regs.gpr[4] = r4;
	return ioctl(g->vcpu, KVM440_SET_REGS, &regs);
}

static void get_regs(struct guest *g, struct kvm440_regs *regs)
{
	memset(regs, 0, sizeof(*regs));
	ioctl(g->vcpu, KVM440_GET_REGS, regs);
}

static void get_sregs(struct guest *g, struct kvm440_sregs *s)
{
	memset(s, 0, sizeof(*s));
	ioctl(g->vcpu, KVM440_GET_SREGS, s);
}

static unsigned long long stat(struct guest *g, enum kvm440_stat s)
{
	struct kvm440_stats st;

	memset(&st, 0, sizeof(st));
	if (ioctl(g->vm, KVM440_GET_STATS, &st) || s >= st.count)
		return (unsigned long long)-1;
	return st.val[s];
}

/* the guest stopped at its mfdcr at @pc: DCR exit or internal error */
static void expect_stop(struct guest *g, int r, uint32_t pc, const char *what)
{
	struct kvm440_run *run = g->run;
	struct kvm440_regs regs;
	int ok;

	get_regs(g, &regs);
	if (r == 0 && run->exit_reason == KVM440_EXIT_DCR)
		ok = run->dcr.dcrn == 0xc0 && regs.pc == pc + 4;
	else
		ok = r == 0 && run->exit_reason == KVM440_EXIT_INTERNAL_ERROR &&
		     run->internal.pc == pc && run->internal.inst == INST_STOP;
	check(ok, "%s: RUN=%d (%s) exit_reason=%u pc=%#x (want the stop at %#x)",
	      what, r, r ? strerror(errno) : "-", run->exit_reason, regs.pc,
	      pc);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void read_tb_hz(void)
{
	char line[256];
	unsigned long long hz;
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "timebase : %llu", &hz) == 1 && hz)
			tb_hz = hz;
	if (f)
		fclose(f);
	printf("info: timebase %llu Hz\n", (unsigned long long)tb_hz);
}

/*
 * The tolerances below: the rig counts time in instructions (-icount), so
 * a loaded build machine changes nothing here. What they allow for is the
 * host: guest timer interrupts come from an hrtimer on a HZ=250 host with
 * no high-resolution timers, so one can be up to 4 ms late, and the count
 * over an interval can be one off at either end. A DEC or FIT at the wrong
 * rate (a period decoded one step off halves or doubles the count) or one
 * that stops still fails.
 */
static int within(unsigned long long got, unsigned long long want,
		  unsigned long long tol)
{
	return got + tol >= want && got <= want + tol;
}

static void test_dec_autoreload(void)
{
	uint32_t period = tb_hz / 50, interval = tb_hz;	/* 20 ms, 1 s */
	unsigned long long want = interval / period;
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x1000, period, interval);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_stop(&g, r, P_DEC_STOP, "DEC guest spins its interval out");
	get_regs(&g, &regs);
	check(within(regs.gpr[20], want, want / 10 + 1),
	      "DEC auto-reload: %u interrupts in the guest's handler over %u ticks of period %u (want %llu +-10%%)",
	      regs.gpr[20], interval, period, want);
	check(stat(&g, KVM440_STAT_DEC) == regs.gpr[20],
	      "stat dec %llu = the guest's count %u",
	      stat(&g, KVM440_STAT_DEC), regs.gpr[20]);
	printf("info: exits %llu, host interrupts (ext_intr) %llu, light %llu\n",
	       stat(&g, KVM440_STAT_EXITS), stat(&g, KVM440_STAT_EXT_INTR),
	       stat(&g, KVM440_STAT_LIGHT_EXITS));
	guest_close(&g);
}

static void test_fit(void)
{
	uint32_t interval = 12u << 25;
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x2000, 0, interval);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_stop(&g, r, P_FIT_STOP, "FIT guest spins its interval out");
	get_regs(&g, &regs);
	check(within(regs.gpr[21], 12, 2),
	      "FIT (2^25 ticks): %u interrupts in the guest's handler over 12 periods (want 12 +-2)",
	      regs.gpr[21]);
	check(stat(&g, KVM440_STAT_FIT) == regs.gpr[21],
	      "stat fit %llu = the guest's count %u",
	      stat(&g, KVM440_STAT_FIT), regs.gpr[21]);
	guest_close(&g);
}

static void test_idle_dec(void)
{
	uint32_t dec = tb_hz / 2;	/* 0.5 s */
	struct kvm440_regs regs;
	double t0, c0, wall, cpu;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x3000, dec, 0);
	t0 = now_s();
	c0 = cpu_s();
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	wall = now_s() - t0;
	cpu = cpu_s() - c0;
	expect_stop(&g, r, P_IDLE_DEC_STOP, "idle guest resumes after its DEC");
	get_regs(&g, &regs);
	check(regs.gpr[20] == 1 && regs.gpr[8] - regs.gpr[7] >= dec &&
	      regs.gpr[8] - regs.gpr[7] < dec + tb_hz / 5,
	      "WE idle woken by the decrementer: handler ran %u time(s), %u ticks idle (want 1, %u..+0.2 s)",
	      regs.gpr[20], regs.gpr[8] - regs.gpr[7], dec);
	check(cpu < wall / 4,
	      "host thread slept while the guest idled: %.3f s CPU in %.3f s",
	      cpu, wall);
	check(stat(&g, KVM440_STAT_HALT_WAKEUP) == 1,
	      "stat halt_wakeup %llu (want 1)",
	      stat(&g, KVM440_STAT_HALT_WAKEUP));
	guest_close(&g);
}

struct raiser {
	struct guest *g;
	unsigned int delay_ms;
};

static void *raise_irq(void *arg)
{
	struct raiser *rs = arg;
	struct kvm440_irq_level irq = { KVM440_IRQ_EXTERNAL, 1 };

	usleep(rs->delay_ms * 1000);
	if (ioctl(rs->g->vm, KVM440_IRQ_LINE, &irq))
		perror("IRQ_LINE");
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_idle_irq(void)
{
	struct raiser rs;
	struct kvm440_regs regs;
	struct sigaction sa;
	struct itimerval it;
	double t0, c0, wall, cpu;
	struct guest g;
	pthread_t th;
	int r, err;

	if (guest_setup(&g))
		return;
	/* first a signal ends the idle RUN; WE stays set */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 200000;
	setitimer(ITIMER_REAL, &it, NULL);
	start(&g, 0x4000, 0, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	err = errno;
	get_regs(&g, &regs);
	check(r == -1 && err == EINTR && regs.msr & MSR_WE &&
	      regs.pc == P_IDLE_EXT_WAKE,
	      "signal ends an idle RUN: RUN=%d (%s) msr %#x pc %#x (want EINTR, WE, %#x)",
	      r, r ? strerror(err) : "-", regs.msr, regs.pc, P_IDLE_EXT_WAKE);

	/* then IRQ_LINE from another thread wakes it into its IVOR4 handler */
	rs.g = &g;
	rs.delay_ms = 300;
	pthread_create(&th, NULL, raise_irq, &rs);
	t0 = now_s();
	c0 = cpu_s();
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	wall = now_s() - t0;
	cpu = cpu_s() - c0;
	pthread_join(th, NULL);
	expect_stop(&g, r, H_EXT_STOP, "external input handler reached");
	get_regs(&g, &regs);
	check(regs.gpr[24] == 0x4444 && regs.gpr[22] == P_IDLE_EXT_WAKE,
	      "IRQ_LINE woke the idle guest into IVOR4: r24 %#x SRR0 %#x (want 0x4444 %#x)",
	      regs.gpr[24], regs.gpr[22], P_IDLE_EXT_WAKE);
	check(wall >= 0.25 && cpu < wall / 4,
	      "woken after %.3f s (the raise came at 0.3 s), %.3f s CPU meanwhile",
	      wall, cpu);
	check(stat(&g, KVM440_STAT_HALT_WAKEUP) == 1 &&
	      stat(&g, KVM440_STAT_SIGNAL) == 1,
	      "stats halt_wakeup %llu signal %llu (want 1 1)",
	      stat(&g, KVM440_STAT_HALT_WAKEUP), stat(&g, KVM440_STAT_SIGNAL));
	guest_close(&g);
}

static void test_halt(void)
{
	struct kvm440_regs regs;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x6000, 0, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	get_regs(&g, &regs);
	check(r == 0 && g.run->exit_reason == KVM440_EXIT_HALT &&
	      regs.pc == 0x6008 && regs.msr & MSR_WE,
	      "WE with EE=CE=0: RUN=%d exit_reason=%u pc %#x msr %#x (want HALT at 0x6008, WE)",
	      r, g.run->exit_reason, regs.pc, regs.msr);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	check(r == 0 && g.run->exit_reason == KVM440_EXIT_HALT,
	      "RUN again: still HALT (exit_reason %u)", g.run->exit_reason);
	guest_close(&g);
}

static void test_watchdog(void)
{
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	struct guest g;
	double t0, wall;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x5000, 0, 0);
	t0 = now_s();
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	wall = now_s() - t0;
	get_sregs(&g, &sregs);
	check(r == 0 && g.run->exit_reason == KVM440_EXIT_SYSTEM_EVENT &&
	      g.run->system_event.type == KVM440_SYSTEM_WATCHDOG,
	      "watchdog reset: RUN=%d exit_reason=%u type=%u after %.3f s (want SYSTEM_EVENT WATCHDOG)",
	      r, g.run->exit_reason, g.run->system_event.type, wall);
	check((sregs.tsr & 0xf0000000u) == (TSR_ENW | TSR_WIS | 0x10000000u) &&
	      stat(&g, KVM440_STAT_WATCHDOG) == 1,
	      "TSR %#x (want ENW|WIS|WRS=core), stat watchdog %llu (want 1)",
	      sregs.tsr, stat(&g, KVM440_STAT_WATCHDOG));
	guest_close(&g);

	if (guest_setup(&g))
		return;
	start(&g, 0x7000, 0, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_stop(&g, r, H_WDT_STOP, "watchdog handler reached");
	get_regs(&g, &regs);
	check(regs.gpr[22] == 0x7018 &&
	      (regs.gpr[25] & (TSR_ENW | TSR_WIS)) == (TSR_ENW | TSR_WIS) &&
	      !(regs.msr & 0x00020000u),
	      "watchdog interrupt: CSRR0 %#x TSR %#x msr %#x (want 0x7018, ENW|WIS, CE clear)",
	      regs.gpr[22], regs.gpr[25], regs.msr);
	guest_close(&g);
}

static void test_dec_read(void)
{
	struct kvm440_sregs sregs;
	struct kvm440_regs regs;
	uint32_t start_dec = 0x40000000;
	struct guest g;
	int r;

	if (guest_setup(&g))
		return;
	start(&g, 0x8000, start_dec, 0);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	expect_stop(&g, r, P_DEC_READ_STOP, "DEC reads");
	get_regs(&g, &regs);
	check(regs.gpr[11] <= start_dec && regs.gpr[11] > start_dec - tb_hz &&
	      regs.gpr[12] < regs.gpr[11],
	      "DEC counts down: %#x then %#x (from %#x)", regs.gpr[11],
	      regs.gpr[12], start_dec);
	check(regs.gpr[13] == 0 && regs.gpr[14] & TSR_DIS,
	      "short DEC ran out: DEC %u, TSR %#x (want 0, DIS)", regs.gpr[13],
	      regs.gpr[14]);
	get_sregs(&g, &sregs);
	check(sregs.tb != 0 && sregs.tb != start_dec,
	      "GET_SREGS tb %#llx: the host's timebase, the TBWL write ignored",
	      (unsigned long long)sregs.tb);
	sregs.flags = KVM440_SREGS_SET_TB;
	r = ioctl(g.vcpu, KVM440_SET_SREGS, &sregs);
	check(r == -1 && errno == EINVAL, "SET_SREGS with SET_TB refused: %d %s",
	      r, r ? strerror(errno) : "-");
	guest_close(&g);
}

/* guest_timer idle: print "idling", idle in RUN until a stop request */
static int idle(void)
{
	struct guest g;
	int r;

	if (guest_open(&g) || start(&g, 0x4000, 0, 0)) {
		printf("FAIL: set up VM: %s\n", strerror(errno));
		return 1;
	}
	printf("idling\n");
	fflush(stdout);
	r = ioctl(g.vcpu, KVM440_RUN, 0);
	check(r == 0 && g.run->exit_reason == KVM440_EXIT_STOPPED,
	      "stop request ends an idle RUN: RUN=%d (%s) exit_reason=%u (want STOPPED)",
	      r, r ? strerror(errno) : "-", g.run->exit_reason);
	guest_close(&g);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "idle"))
		return idle();
	read_tb_hz();
	test_dec_read();
	test_halt();
	test_dec_autoreload();
	test_fit();
	test_idle_dec();
	test_idle_irq();
	test_watchdog();
	printf("guest_timer: %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
