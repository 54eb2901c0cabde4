/*
 * echo: a guest that keeps running and answers its console, for the
 * detached consoles (console = pty, socket:PATH) under kvm440ctl start
 * (tests/e2e/tests/cli_console.sh): prints "echo: ready", then for every
 * line typed "echo: LINE (n)", n counting the lines, so a test sees both
 * that input arrives and that the guest kept its state across attaches.
 * Runs until stopped; never exits by itself. Between polls it sleeps
 * 10 ms in MSR[WE] on the decrementer: a guest spinning on LSR would keep
 * the emulated host's CPU busy and, under -icount, make every second the
 * test waits cost a second of emulated instructions.
 */
#include "rt.h"

#define U(r)	((volatile uint8_t *)(UART_BASE + (r)))
enum { RBR, IER, IIR, LCR, MCR, LSR };

static void wake(struct trap_frame *f)
{
	f->srr1 &= ~MSR_WE;	/* return after the idle mtmsr */
	mtspr(SPRN_TSR, TSR_DIS);
}

/* until the UART has a byte: 10 ms naps */
static void wait_input(void)
{
	while (!(*U(LSR) & 0x01)) {
		mtspr(SPRN_DEC, 4000000);	/* 10 ms at 400 MHz */
		mtspr(SPRN_TCR, TCR_DIE);
		mtmsr(MSR_ME | MSR_CE | MSR_EE | MSR_WE);
		mtmsr(MSR_ME | MSR_CE);
		mtspr(SPRN_TCR, 0);
	}
}

int main(void)
{
	char line[64];
	unsigned int n = 0, lines = 0;

	rt_test = "echo";
	mtmsr(MSR_ME | MSR_CE);
	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, 0xffffffff);
	set_handler(V_DEC, wake);
	printf("echo: ready\n");
	for (;;) {
		char c;

		wait_input();
		c = (char)*U(RBR);
		if (c == '\r' || c == '\n') {
			if (!n)
				continue;
			line[n] = '\0';
			printf("echo: %s (%u)\n", line, ++lines);
			n = 0;
		} else if (n < sizeof(line) - 1) {
			line[n++] = c;
		}
	}
	return 0;
}
