/*
 * console: the board's 16550 driven the way Linux's boot console drives it
 * (IER saved and cleared, LSR polled for THRE before every byte, IER
 * restored), for kvm440ctl's in-kernel console (console_fast): a known
 * text that must arrive complete and in order, a line longer than the
 * module's ring, the update and indexed store/load forms, and the states
 * in which the module must not answer (loopback, divisor latch, THR-empty
 * interrupts), checked by the guest, and a prompt that waits for input.
 * Run by kvm440ctl start, not
 * guest_vmm (tests/e2e/tests/console_fast.sh): it ends with a core reset
 * through DBCR0, which ends kvm440ctl with status 0.
 */
#include "rt.h"

#define U(r)	((volatile uint8_t *)(UART_BASE + (r)))
enum { THR, IER, IIR, LCR, MCR, LSR, MSR, SCR };

#define LINES		200
#define LINE_CHARS	60
#define LONG_CHARS	3000
static const char alpha[] = "abcdefghijklmnopqrstuvwxyz";
static const char alnum[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static unsigned int bad_lsr;
static uint8_t last_lsr;

/* serial8250_console_putchar(): wait for THRE, write THR */
static void cputc(char c)
{
	uint8_t lsr;

	while (!((lsr = *U(LSR)) & 0x20))
		;
	if (lsr != 0x60) {
		bad_lsr++;
		last_lsr = lsr;
	}
	*U(THR) = (uint8_t)c;
}

/* serial8250_console_write(): one record, IER cleared around it */
static void cwrite(const char *s, unsigned int n)
{
	uint8_t ier = *U(IER);

	*U(IER) = 0;
	while (n--) {
		if (*s == '\n')
			cputc('\r');
		cputc(*s++);
	}
	while ((*U(LSR) & 0x60) != 0x60)
		;
	*U(IER) = ier;
}

static void pattern_lines(void)
{
	char line[5 + LINE_CHARS + 1];
	unsigned int i, j;

	for (i = 0; i < LINES; i++) {
		line[0] = 'L';
		line[1] = (char)('0' + i / 100);
		line[2] = (char)('0' + i / 10 % 10);
		line[3] = (char)('0' + i % 10);
		line[4] = ':';
		for (j = 0; j < LINE_CHARS; j++)
			line[5 + j] = alpha[(i + j) % 26];
		line[5 + LINE_CHARS] = '\n';
		cwrite(line, sizeof(line));
	}
}

static void long_line(void)
{
	unsigned int j;

	cwrite("LONG:", 5);
	for (j = 0; j < LONG_CHARS; j++)
		cputc(alnum[j % 62]);
	cwrite("\n", 1);
}

/* stbu/stbx/stbux to THR, lbzu/lbzx to LSR: rA and rD as on hardware */
static void update_forms(void)
{
	const char *n = "console_update_forms";
	int ok_ = 1;
	uint32_t p = UART_BASE, x = LSR, v;

	__asm__ volatile("stbu %1,0(%0)" : "+b"(p) : "r"('<') : "memory");
	CHECK(n, p == UART_BASE, "stbu rA %#08x", p);
	__asm__ volatile("stbx %1,%0,%2" : : "b"(p), "r"('|'), "r"(0) : "memory");
	__asm__ volatile("stbux %1,%0,%2" : "+b"(p) : "r"('>'), "r"(0) : "memory");
	CHECK(n, p == UART_BASE, "stbux rA %#08x", p);
	__asm__ volatile("lbzu %0,5(%1)" : "=r"(v), "+b"(p) : : "memory");
	CHECK(n, v == 0x60 && p == UART_BASE + LSR, "lbzu %#x rA %#08x", v, p);
	p = UART_BASE;
	__asm__ volatile("lbzx %0,%1,%2" : "=r"(v) : "b"(p), "r"(x) : "memory");
	CHECK(n, v == 0x60, "lbzx %#x", v);
	v = 0xffffffffu;	/* all of rD is written, not just its low byte */
	__asm__ volatile("lbz %0,1(%1)" : "+r"(v) : "b"(p) : "memory");
	CHECK(n, v == 0, "lbz IER %#x", v);
	cwrite("\n", 1);
	if (ok_)
		pass(n);
}

/* loopback: THR goes to RBR, nothing leaves the UART */
static void loopback(void)
{
	const char *n = "console_loopback";
	int ok_ = 1;
	uint8_t got[3];
	unsigned int i;

	*U(MCR) = 0x10;
	for (i = 0; i < 3; i++) {
		*U(THR) = (uint8_t)('#' + i);	/* FIFO off: one at a time */
		CHECK(n, (*U(LSR) & 0x01) == 0x01, "LSR %#x: no DR", *U(LSR));
		got[i] = *U(THR);
	}
	*U(MCR) = 0x0b;
	for (i = 0; i < 3; i++)
		CHECK(n, got[i] == '#' + i, "byte %u came back as %#x", i,
		      got[i]);
	if (ok_)
		pass(n);
}

/* divisor latch: offsets 0 and 1 are DLL and DLM */
static void divisor_latch(void)
{
	const char *n = "console_dlab";
	int ok_ = 1;
	uint8_t lcr = *U(LCR), dll, dlm;

	*U(LCR) = lcr | 0x80;
	*U(THR) = 0x2a;		/* a '*' that must not be transmitted */
	*U(IER) = 0x01;
	dll = *U(THR);
	dlm = *U(IER);
	*U(LCR) = lcr;
	CHECK(n, dll == 0x2a && dlm == 0x01, "DLL %#x DLM %#x", dll, dlm);
	CHECK(n, *U(IER) == 0, "IER %#x after the latch", *U(IER));
	if (ok_)
		pass(n);
}

/* THR-empty interrupts on: each write must make THRI pending again */
static void thr_interrupts(void)
{
	const char *n = "console_thri";
	int ok_ = 1;
	uint8_t iir;

	*U(IER) = 0x02;
	iir = *U(IIR);
	CHECK(n, (iir & 0x0f) == 0x02, "IIR %#x after enabling THRI", iir);
	*U(THR) = '(';
	iir = *U(IIR);
	CHECK(n, (iir & 0x0f) == 0x02, "IIR %#x after a THR write", iir);
	*U(THR) = ')';
	*U(IER) = 0;
	cwrite("\n", 1);
	if (ok_)
		pass(n);
}

/*
 * A prompt without a newline, then LSR polled for input (as a boot
 * monitor does): the prompt must reach the user before the input can.
 * Gives up after about 2 s (a 400 MHz timebase) with "(no input)".
 */
static void prompt(void)
{
	uint64_t t0 = mftb64();
	char buf[16];
	unsigned int n = 0;

	cwrite("type> ", 6);
	for (;;) {
		char ch;

		if (!(*U(LSR) & 0x01)) {
			if (mftb64() - t0 > 800000000ull) {
				cwrite("(no input)\n", 11);
				return;
			}
			continue;
		}
		ch = (char)*U(THR);
		if (ch == '\r' || ch == '\n')
			break;
		if (n < sizeof(buf) - 1)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	printf("got '%s'\n", buf);
}

int main(void)
{
	rt_test = "console";
	uint64_t t0, t1;

	printf("console: start\n");
	t0 = mftb64();
	pattern_lines();
	t1 = mftb64();
	long_line();
	update_forms();
	loopback();
	divisor_latch();
	thr_interrupts();
	if (bad_lsr)
		fail("console_lsr", "%u LSR reads were not 0x60 (last %#x)",
		     bad_lsr, last_lsr);
	else
		pass("console_lsr");
	prompt();
	/* (LINE_CHARS + 7) bytes a line: "Lnnn:", the text, "\r\n" */
	printf("info: %u bytes in %u timebase ticks\n",
	       LINES * (LINE_CHARS + 7), (uint32_t)(t1 - t0));
	printf("console: done\n");
	mtspr(SPRN_DBCR0, 0x10000000);	/* core reset: kvm440ctl ends, 0 */
	for (;;)
		;
}
