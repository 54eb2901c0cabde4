/* The 16550 UART model (lib/uart16550.c): registers and interrupts. */
#include <check.h>
#include <string.h>

#include "kvm440.h"

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };

static struct kvm440_uart *u;
static int irq_level, irq_calls;
static uint8_t txbuf[64];
static size_t ntx;

static void on_irq(void *opaque, int level)
{
	(void)opaque;
	irq_level = level;
	irq_calls++;
}

static void on_tx(void *opaque, uint8_t b)
{
	(void)opaque;
	if (ntx < sizeof(txbuf))
		txbuf[ntx++] = b;
}

static void setup(void)
{
	irq_level = irq_calls = 0;
	ntx = 0;
	ck_assert_int_eq(kvm440_uart_create(&u, on_irq, on_tx, NULL), 0);
}

static void teardown(void)
{
	kvm440_uart_destroy(u);
}

START_TEST(reset_state)
{
	ck_assert_uint_eq(kvm440_uart_read(u, LSR), 0x60);	/* THRE|TEMT */
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x01);	/* none */
	ck_assert_uint_eq(kvm440_uart_read(u, IER), 0);
	ck_assert_uint_eq(kvm440_uart_read(u, MSR) & 0xf0, 0xb0);
	ck_assert_int_eq(irq_level, 0);
}
END_TEST

START_TEST(thr_transmits)
{
	kvm440_uart_write(u, RBR, 'h');
	kvm440_uart_write(u, RBR, 'i');
	ck_assert_uint_eq(ntx, 2);
	ck_assert_mem_eq(txbuf, "hi", 2);
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 0x60, 0x60);
	ck_assert_int_eq(irq_level, 0);		/* IER 0: no interrupt */
}
END_TEST

START_TEST(dlab_selects_divisor)
{
	kvm440_uart_write(u, LCR, 0x83);
	kvm440_uart_write(u, RBR, 0x06);
	kvm440_uart_write(u, IER, 0x00);
	ck_assert_uint_eq(kvm440_uart_read(u, RBR), 0x06);
	ck_assert_uint_eq(kvm440_uart_read(u, IER), 0x00);
	ck_assert_uint_eq(ntx, 0);		/* DLL write sends nothing */
	kvm440_uart_write(u, LCR, 0x03);
	kvm440_uart_write(u, IER, 0x05);
	ck_assert_uint_eq(kvm440_uart_read(u, IER), 0x05);
	ck_assert_uint_eq(kvm440_uart_read(u, LCR), 0x03);
	kvm440_uart_write(u, LCR, 0x83);
	ck_assert_uint_eq(kvm440_uart_read(u, RBR), 0x06);	/* DLL kept */
}
END_TEST

START_TEST(scratch_register)
{
	kvm440_uart_write(u, SCR, 0xa5);
	ck_assert_uint_eq(kvm440_uart_read(u, SCR), 0xa5);
	kvm440_uart_write(u, SCR, 0x5a);
	ck_assert_uint_eq(kvm440_uart_read(u, SCR), 0x5a);
}
END_TEST

START_TEST(thre_interrupt_on_enable_cleared_by_iir_read)
{
	kvm440_uart_write(u, IER, 0x02);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x02);
	ck_assert_int_eq(irq_level, 0);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x01);
	/* writing THR empties it again at once: pending again */
	kvm440_uart_write(u, RBR, 'x');
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x02);
	/* disabling THRI drops it */
	kvm440_uart_write(u, RBR, 'y');
	kvm440_uart_write(u, IER, 0x00);
	ck_assert_int_eq(irq_level, 0);
}
END_TEST

START_TEST(receive_sets_dr_and_rdi)
{
	const uint8_t in[] = "ab";

	ck_assert_uint_eq(kvm440_uart_receive(u, in, 2), 1);	/* no FIFO */
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 0x01, 0x01);
	ck_assert_int_eq(irq_level, 0);
	kvm440_uart_write(u, IER, 0x01);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x04);
	ck_assert_uint_eq(kvm440_uart_read(u, RBR), 'a');
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 0x01, 0);
	ck_assert_int_eq(irq_level, 0);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x01);
}
END_TEST

START_TEST(fifo_trigger_and_timeout)
{
	uint8_t in[20];

	memset(in, 'z', sizeof(in));
	kvm440_uart_write(u, IIR, 0x81);	/* FIFO on, trigger 8 */
	kvm440_uart_write(u, IER, 0x01);
	ck_assert_uint_eq(kvm440_uart_rx_room(u), 16);
	ck_assert_uint_eq(kvm440_uart_receive(u, in, 3), 3);
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0xcc);	/* timeout */
	ck_assert_uint_eq(kvm440_uart_receive(u, in, 20), 13);
	ck_assert_uint_eq(kvm440_uart_rx_room(u), 0);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0xc4);	/* trigger */
	for (int i = 0; i < 16; i++)
		ck_assert_uint_eq(kvm440_uart_read(u, RBR), 'z');
	ck_assert_int_eq(irq_level, 0);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0xc1);
	/* FCR clear-RX empties the FIFO */
	kvm440_uart_receive(u, in, 5);
	kvm440_uart_write(u, IIR, 0x83);
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 1, 0);
	ck_assert_int_eq(irq_level, 0);
}
END_TEST

START_TEST(loopback_and_modem_status)
{
	/* what Linux's 8250 probe checks */
	kvm440_uart_write(u, MCR, 0x10 | 0x0a);
	ck_assert_uint_eq(kvm440_uart_read(u, MSR) & 0xf0, 0x90);
	kvm440_uart_write(u, MCR, 0x10 | 0x05);
	ck_assert_uint_eq(kvm440_uart_read(u, MSR) & 0xf0, 0x60);
	/* THR comes back on RBR, nothing leaves */
	kvm440_uart_write(u, RBR, 'L');
	ck_assert_uint_eq(ntx, 0);
	ck_assert_uint_eq(kvm440_uart_read(u, RBR), 'L');
	/* and outside input is not taken */
	ck_assert_uint_eq(kvm440_uart_receive(u, (const uint8_t *)"q", 1), 0);
	/* delta bits with MSI */
	kvm440_uart_read(u, MSR);
	kvm440_uart_write(u, IER, 0x08);
	kvm440_uart_write(u, MCR, 0x10 | 0x07);		/* RTS: CTS rises */
	ck_assert_int_eq(irq_level, 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x00);
	ck_assert_uint_eq(kvm440_uart_read(u, MSR), 0x70 | 0x01);
	ck_assert_int_eq(irq_level, 0);
	kvm440_uart_write(u, MCR, 0x00);
	kvm440_uart_read(u, MSR);
	ck_assert_uint_eq(kvm440_uart_read(u, MSR), 0xb0);
}
END_TEST

START_TEST(overrun_is_line_status_interrupt)
{
	const uint8_t in[] = "xy";

	kvm440_uart_write(u, IER, 0x05);
	kvm440_uart_receive(u, in, 1);
	/* a byte the full 1-byte holding register cannot take: overrun */
	kvm440_uart_write(u, MCR, 0x10);
	kvm440_uart_write(u, RBR, 'y');
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x06);
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 0x03, 0x03);
	ck_assert_uint_eq(kvm440_uart_read(u, LSR) & 0x02, 0);	/* cleared */
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x04);
}
END_TEST

START_TEST(priority_rls_over_rdi_over_thre)
{
	kvm440_uart_write(u, IER, 0x07);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x02);
	kvm440_uart_write(u, RBR, 'a');		/* THRE pending again */
	kvm440_uart_receive(u, (const uint8_t *)"b", 1);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x04);
	kvm440_uart_read(u, RBR);
	ck_assert_uint_eq(kvm440_uart_read(u, IIR), 0x02);
}
END_TEST

/* kvm440_uart_fast_state(): when the in-kernel console may answer */
static int fast(uint8_t *lsr, uint8_t *ier)
{
	return kvm440_uart_fast_state(u, lsr, ier);
}

START_TEST(fast_state_follows_the_registers)
{
	uint8_t lsr = 0, ier = 0xff;

	ck_assert_int_eq(fast(&lsr, &ier), 1);		/* reset state */
	ck_assert_uint_eq(lsr, 0x60);
	ck_assert_uint_eq(ier, 0);
	/* divisor latch: THR is DLL */
	kvm440_uart_write(u, LCR, 0x83);
	ck_assert_int_eq(fast(&lsr, &ier), 0);
	kvm440_uart_write(u, LCR, 0x03);
	ck_assert_int_eq(fast(&lsr, &ier), 1);
	/* loopback: THR goes to RBR */
	kvm440_uart_write(u, MCR, 0x10);
	ck_assert_int_eq(fast(&lsr, &ier), 0);
	kvm440_uart_write(u, MCR, 0x0b);	/* DTR RTS OUT2, as Linux */
	ck_assert_int_eq(fast(&lsr, &ier), 1);
	/* THR-empty interrupts: a write must raise one */
	kvm440_uart_write(u, IER, 0x02);
	ck_assert_int_eq(fast(&lsr, &ier), 0);
	/* receive interrupts alone are fine, and IER is published */
	kvm440_uart_write(u, IER, 0x05);
	ck_assert_int_eq(fast(&lsr, &ier), 1);
	ck_assert_uint_eq(ier, 0x05);
	/* data waiting: LSR[DR] is set */
	kvm440_uart_receive(u, (const uint8_t *)"k", 1);
	ck_assert_int_eq(fast(&lsr, &ier), 0);
	ck_assert_uint_eq(lsr & 0x01, 0x01);
	kvm440_uart_read(u, RBR);
	ck_assert_int_eq(fast(&lsr, &ier), 1);
	ck_assert_uint_eq(lsr, 0x60);
}
END_TEST

START_TEST(fast_state_off_until_line_error_read)
{
	uint8_t lsr, ier;

	kvm440_uart_receive(u, (const uint8_t *)"a", 1);
	kvm440_uart_write(u, MCR, 0x10);
	kvm440_uart_write(u, RBR, 'b');		/* overrun */
	kvm440_uart_write(u, MCR, 0x00);
	kvm440_uart_read(u, RBR);
	ck_assert_int_eq(fast(&lsr, &ier), 0);	/* OE still to be read */
	ck_assert_uint_eq(lsr & 0x02, 0x02);
	kvm440_uart_read(u, LSR);
	ck_assert_int_eq(fast(&lsr, &ier), 1);
	ck_assert_uint_eq(lsr, 0x60);
}
END_TEST

Suite *uart_suite(void)
{
	Suite *s = suite_create("uart16550");
	TCase *tc = tcase_create("regs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reset_state);
	tcase_add_test(tc, thr_transmits);
	tcase_add_test(tc, dlab_selects_divisor);
	tcase_add_test(tc, scratch_register);
	tcase_add_test(tc, thre_interrupt_on_enable_cleared_by_iir_read);
	tcase_add_test(tc, receive_sets_dr_and_rdi);
	tcase_add_test(tc, fifo_trigger_and_timeout);
	tcase_add_test(tc, loopback_and_modem_status);
	tcase_add_test(tc, overrun_is_line_status_interrupt);
	tcase_add_test(tc, priority_rls_over_rdi_over_thre);
	tcase_add_test(tc, fast_state_follows_the_registers);
	tcase_add_test(tc, fast_state_off_until_line_error_read);
	suite_add_tcase(s, tc);
	return s;
}
