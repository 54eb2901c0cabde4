/* The kvm440 test-guest runtime; see rt.h. */
#include "rt.h"

uint32_t rt_boot_r3;
uint32_t rt_boot_arg;
uint32_t rt_kernel_sp;
int rt_native;
int rt_failures;
static int rt_exiting;
static trap_handler handlers[16];
volatile struct trap_record last_trap;

const char *const vec_names[16] = {
	"critical", "machine-check", "DSI", "ISI", "external", "alignment",
	"program", "fpu-unavailable", "syscall", "apu-unavailable",
	"decrementer", "FIT", "watchdog", "DTLB-miss", "ITLB-miss", "debug",
};

void *memset(void *d, int c, unsigned long n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

void putc(char c)
{
	*(volatile uint8_t *)UART_BASE = (uint8_t)c;
}

void puts(const char *s)
{
	while (*s)
		putc(*s++);
}

static void put_num(uint64_t v, unsigned int base, int width, char pad)
{
	char buf[24];
	int n = 0;

	do {
		unsigned int d = (unsigned int)(v % base);
		buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	while (n < width--)
		putc(pad);
	while (n)
		putc(buf[--n]);
}

static void vprintf_(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		char pad = ' ';
		uint64_t v;

		if (*fmt != '%') {
			putc(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '#') {
			puts("0x");
			fmt++;
		}
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			puts(va_arg(ap, const char *));
			break;
		case 'c':
			putc((char)va_arg(ap, int));
			break;
		case 'd': {
			int64_t s = longs > 1 ? va_arg(ap, int64_t) : va_arg(ap, int);
			if (s < 0) {
				putc('-');
				s = -s;
			}
			put_num((uint64_t)s, 10, width, pad);
			break;
		}
		case 'u':
		case 'x':
			v = longs > 1 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
			put_num(v, *fmt == 'u' ? 10 : 16, width, pad);
			break;
		case '%':
			putc('%');
			break;
		default:
			putc('?');
			break;
		}
	}
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_(fmt, ap);
	va_end(ap);
	return 0;
}

void guest_exit(int code)
{
	rt_exiting = 1;
	printf("EXIT %d\n", code);
	if (!rt_native)
		mtdcr(DCR_EXIT, code);
	for (;;)
		;
}

void pass(const char *name)
{
	printf("PASS %s\n", name);
}

void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	rt_failures++;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf_(fmt, ap);
	va_end(ap);
	putc('\n');
}

void tlb_map(unsigned int idx, uint32_t ea, uint64_t pa, int size_code,
	     uint32_t attr)
{
	uint32_t bytes = 1024u << (2 * size_code);

	/* V=0 first: a write over a valid entry (DESIGN.md, QEMU quirks) */
	tlbwe(idx, 0, 0, 0);
	tlbwe(idx, (ea & ~(bytes - 1)) | TLB0_V | TLB0_SIZE(size_code),
	      ((uint32_t)pa & ~(bytes - 1)) | (uint32_t)(pa >> 32 & 0xf), attr);
}

void tlb_unmap(unsigned int idx)
{
	tlbwe(idx, 0, 0, 0);
}

void set_handler(int vec, trap_handler h)
{
	handlers[vec] = h;
}

void record_reset(void)
{
	memset((void *)&last_trap, 0, sizeof(last_trap));
}

static void record(struct trap_frame *f)
{
	last_trap.count++;
	last_trap.vec = f->vec;
	last_trap.srr0 = f->srr0;
	last_trap.srr1 = f->srr1;
	last_trap.esr = f->esr;
	last_trap.dear = f->dear;
	last_trap.msr = mfmsr();
}

void record_and_skip(struct trap_frame *f)
{
	record(f);
	/* sc: SRR0 is already past it */
	if (f->vec != V_SC)
		f->srr0 += 4;
}

void record_and_return(struct trap_frame *f)
{
	record(f);
	f->srr0 = f->lr;
}

void trap_c(struct trap_frame *f)
{
	if (f->vec == V_SC && f->srr1 & MSR_PR &&
	    f->gpr[0] == RT_SC_USER_RETURN) {
		/* back from run_user: supervisor again, same other bits */
		f->srr0 = (uint32_t)rt_user_resume;
		f->srr1 &= ~(MSR_PR | MSR_IS | MSR_DS | MSR_WE);
		return;
	}
	if (f->vec < 16 && handlers[f->vec]) {
		handlers[f->vec](f);
		return;
	}
	if (rt_exiting)
		for (;;)
			;
	printf("FAIL %s: unexpected %s interrupt (IVOR%u) srr0 %#08x srr1 %#08x esr %#08x dear %#08x lr %#08x\n",
	       rt_test ? rt_test : "guest", f->vec < 16 ? vec_names[f->vec] : "?",
	       f->vec, f->srr0, f->srr1, f->esr, f->dear, f->lr);
	guest_exit(100 + (int)f->vec);
}

void user_alias_map(unsigned int idx)
{
	tlb_map(idx, USER_ALIAS, 0, SZ_16M, TLB2_URWX | TLB2_SRWX);
}

uint32_t call_user(void *fn, uint32_t arg)
{
	uint32_t msr = (mfmsr() & ~(MSR_WE | MSR_IS | MSR_DS)) | MSR_PR;

	return run_user((uint32_t)fn + USER_ALIAS, arg,
			RT_USER_STACK_TOP + USER_ALIAS - 64, msr,
			(uint32_t)rt_user_exit + USER_ALIAS);
}

const char *rt_test;

void rt_start(void)
{
	int rc;

	rt_native = rt_boot_r3 != RT_VMM_MAGIC;
	if (rt_native)	/* QEMU maps 2G at 0 only: map the UART ourselves */
		tlb_map(1, UART_BASE & ~0xfffu, UART_BASE & ~0xfffu, SZ_4K,
			TLB2_I | TLB2_G | TLB2_SW | TLB2_SR);
	rc = main();
	guest_exit(rc ? rc : rt_failures ? 1 : 0);
}
