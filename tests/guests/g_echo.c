/*
 * echo: a guest that keeps running and answers its console, for the
 * detached consoles (console = pty, socket:PATH) under kvm440ctl start
 * (tests/e2e/tests/cli_console.sh): prints "echo: ready", then for every
 * line typed "echo: LINE (n)", n counting the lines, so a test sees both
 * that input arrives and that the guest kept its state across attaches.
 * Runs until stopped; never exits by itself.
 */
#include "rt.h"

#define U(r)	((volatile uint8_t *)(UART_BASE + (r)))
enum { RBR, IER, IIR, LCR, MCR, LSR };

int main(void)
{
	char line[64];
	unsigned int n = 0, lines = 0;

	rt_test = "echo";
	printf("echo: ready\n");
	for (;;) {
		char c;

		while (!(*U(LSR) & 0x01))
			;
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
