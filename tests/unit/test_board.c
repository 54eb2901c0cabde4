/* The board (lib/board.c) and exit servicing (lib/run.c), without a VM. */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "kvm440.h"

static struct kvm440_board *b;
static struct kvm440_error err;
static char out[256];
static size_t nout;
static int lines[2], line_calls;
static char logs[8][256];
static int nlogs;

static void console_out(void *opaque, const uint8_t *buf, size_t len)
{
	(void)opaque;
	memcpy(out + nout, buf, len);
	nout += len;
}

static int irq_line(void *opaque, uint32_t irq, uint32_t level)
{
	(void)opaque;
	ck_assert_uint_lt(irq, 2);
	lines[irq] = (int)level;
	line_calls++;
	return 0;
}

static void log_msg(void *opaque, const char *msg)
{
	(void)opaque;
	if (nlogs < 8)
		strcpy(logs[nlogs], msg);
	nlogs++;
}

static void setup(void)
{
	struct kvm440_board_ops ops = {
		.name = "g1", .console_out = console_out,
		.irq_line = irq_line, .log = log_msg,
	};

	nout = 0;
	memset(out, 0, sizeof(out));
	lines[0] = lines[1] = line_calls = nlogs = 0;
	ck_assert_int_eq(kvm440_board_create(&ops, &b, &err), 0);
}

static void teardown(void)
{
	kvm440_board_destroy(b);
}

static uint32_t dcr_rd(uint32_t dcrn)
{
	uint32_t v = 0xdeadbeef;

	ck_assert_int_eq(kvm440_board_dcr(b, dcrn, &v, 0), 0);
	return v;
}

static void dcr_wr(uint32_t dcrn, uint32_t v)
{
	ck_assert_int_eq(kvm440_board_dcr(b, dcrn, &v, 1), 0);
}

START_TEST(uart0_write_reaches_console)
{
	uint8_t d = 'K';

	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600300, &d, 1, 1), 0);
	ck_assert_uint_eq(nout, 1);
	ck_assert_int_eq(out[0], 'K');
	/* UART1 is present but goes nowhere */
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600400, &d, 1, 1), 0);
	ck_assert_uint_eq(nout, 1);
	/* LSR of both */
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600305, &d, 1, 0), 0);
	ck_assert_uint_eq(d, 0x60);
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600405, &d, 1, 0), 0);
	ck_assert_uint_eq(d, 0x60);
}
END_TEST

START_TEST(address_dispatch)
{
	uint8_t d[4] = { 0 };

	/* scratch registers tell the two UARTs apart */
	d[0] = 0x11;
	kvm440_board_mmio(b, 0xef600307, d, 1, 1);
	d[0] = 0x22;
	kvm440_board_mmio(b, 0xef600407, d, 1, 1);
	kvm440_board_mmio(b, 0xef600307, d, 1, 0);
	ck_assert_uint_eq(d[0], 0x11);
	kvm440_board_mmio(b, 0xef600407, d, 1, 0);
	ck_assert_uint_eq(d[0], 0x22);
	/* a 4-byte read of LCR..SCR: bytes in address order */
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600404, d, 4, 0), 0);
	ck_assert_uint_eq(d[1], 0x60);
	ck_assert_uint_eq(d[3], 0x22);
	/* no device: next to, between and beyond the UARTs, high ERPN */
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600308, d, 1, 0), -ENODEV);
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef6002ff, d, 1, 0), -ENODEV);
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600306, d, 4, 0), -ENODEV);
	ck_assert_int_eq(kvm440_board_mmio(b, 0x1ef600300ull, d, 1, 0),
			 -ENODEV);
	ck_assert_int_eq(kvm440_board_mmio(b, 0xf00000, d, 4, 1), -ENODEV);
	ck_assert_int_eq(kvm440_board_mmio(b, 0xef600300, d, 8, 0), -EINVAL);
}
END_TEST

START_TEST(unknown_dcr_reads_zero_logged_once)
{
	ck_assert_uint_eq(dcr_rd(0x180), 0);
	ck_assert_uint_eq(dcr_rd(0x180), 0);
	dcr_wr(0x180, 5);
	ck_assert_uint_eq(dcr_rd(0x180), 0);
	ck_assert_int_eq(nlogs, 1);
	ck_assert_str_eq(logs[0], "guest 'g1' read unknown DCR 0x180 (reads "
			 "as 0, writes ignored; reported once)");
	dcr_wr(0x3ff, 1);
	ck_assert_int_eq(nlogs, 2);
	ck_assert_ptr_nonnull(strstr(logs[1], "wrote unknown DCR 0x3ff"));
	/* the UIC's range ends at VCR: 0xc9 is unknown */
	dcr_rd(0xc9);
	ck_assert_int_eq(nlogs, 3);
}
END_TEST

START_TEST(cpr0_sdr0_indirect_pairs)
{
	dcr_wr(0x0c, 0x40);
	dcr_wr(0x0d, 0x1234);
	dcr_wr(0x0e, 0x40);
	dcr_wr(0x0f, 0x5678);
	dcr_wr(0x0c, 0x40);
	ck_assert_uint_eq(dcr_rd(0x0d), 0x1234);
	ck_assert_uint_eq(dcr_rd(0x0f), 0x5678);
	dcr_wr(0x0c, 0x41);
	ck_assert_uint_eq(dcr_rd(0x0d), 0);
	ck_assert_uint_eq(dcr_rd(0x0c), 0x41);
	ck_assert_int_eq(nlogs, 0);
}
END_TEST

START_TEST(uart_interrupt_through_uic0_to_core)
{
	uint8_t d;

	/* Linux: UIC0 input 0 level high, enabled; UART IER = RDI */
	dcr_wr(0xc4, 0xffffffffu);
	dcr_wr(0xc5, 0);
	dcr_wr(0xc0, 0xffffffffu);
	dcr_wr(0xc2, 0x80000000u);
	d = 0x01;
	kvm440_board_mmio(b, 0xef600301, &d, 1, 1);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 0);
	ck_assert_uint_eq(kvm440_board_console_input(b, (const uint8_t *)"ab",
						     2), 1);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 1);
	ck_assert_uint_eq(dcr_rd(0xc6), 0x80000000u);		/* MSR */
	kvm440_board_mmio(b, 0xef600300, &d, 1, 0);
	ck_assert_uint_eq(d, 'a');
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 0);
	ck_assert_uint_eq(dcr_rd(0xc0) & 0x80000000u, 0);
	/* critical routing: CR bit 0 */
	dcr_wr(0xc3, 0x80000000u);
	kvm440_board_console_input(b, (const uint8_t *)"c", 1);
	ck_assert_int_eq(lines[KVM440_IRQ_CRITICAL], 1);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 0);
}
END_TEST

START_TEST(uart1_interrupt_is_uic0_input_1)
{
	struct kvm440_uart *u1 = kvm440_board_uart(b, 1);

	dcr_wr(0xc2, 0x40000000u);
	kvm440_uart_write(u1, 1, 0x02);		/* THRI: pending at once */
	ck_assert_uint_eq(dcr_rd(0xc6), 0x40000000u);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 1);
	ck_assert_ptr_null(kvm440_board_uart(b, 2));
}
END_TEST

START_TEST(uic1_cascades_to_uic0_30_and_31)
{
	struct kvm440_uic *uic1 = kvm440_board_uic(b, 1);

	ck_assert_ptr_nonnull(uic1);
	ck_assert_ptr_null(kvm440_board_uic(b, 2));
	dcr_wr(0xc2, 0x3);			/* UIC0: 30, 31 */
	dcr_wr(0xd2, 0x00800000u);		/* UIC1: input 8 */
	kvm440_uic_set_input(uic1, 8, 1);
	ck_assert_uint_eq(dcr_rd(0xd6), 0x00800000u);
	ck_assert_uint_eq(dcr_rd(0xc6), 0x2);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 1);
	dcr_wr(0xd3, 0x00800000u);		/* critical on UIC1 */
	ck_assert_uint_eq(dcr_rd(0xc6), 0x1);
	kvm440_uic_set_input(uic1, 8, 0);
	ck_assert_uint_eq(dcr_rd(0xc6), 0);
	ck_assert_int_eq(lines[KVM440_IRQ_EXTERNAL], 0);
}
END_TEST

/* ---- exits ------------------------------------------------------------ */

static struct kvm440_run run;
static struct kvm440_board_exit ex;

START_TEST(mmio_exit_read_completes_data)
{
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_MMIO;
	run.mmio.phys_addr = 0xef600305;
	run.mmio.len = 1;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
	ck_assert_int_eq(ex.end, KVM440_END_NONE);
	ck_assert_uint_eq(run.mmio.data[0], 0x60);
	run.mmio.phys_addr = 0xef600300;
	run.mmio.is_write = 1;
	run.mmio.data[0] = '!';
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
	ck_assert_int_eq(out[0], '!');
}
END_TEST

START_TEST(mmio_exit_to_nothing_ends_with_error)
{
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_MMIO;
	run.mmio.phys_addr = 0xf00000;
	run.mmio.len = 4;
	run.mmio.is_write = 1;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_ERROR);
	ck_assert_str_eq(ex.msg, "guest 'g1' wrote 4 bytes at physical "
			 "address 0x000f00000: no device there");
}
END_TEST

START_TEST(dcr_exit_read_and_write)
{
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_DCR;
	run.dcr.dcrn = 0xc2;
	run.dcr.is_write = 1;
	run.dcr.data = 0x1234;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
	run.dcr.is_write = 0;
	run.dcr.data = 0;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
	ck_assert_uint_eq(run.dcr.data, 0x1234);
	run.dcr.dcrn = 0x20;
	run.dcr.data = 0x77;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
	ck_assert_uint_eq(run.dcr.data, 0);
	ck_assert_int_eq(nlogs, 1);
}
END_TEST

START_TEST(system_events_end_normally)
{
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_SYSTEM_EVENT;
	run.system_event.type = KVM440_SYSTEM_SHUTDOWN;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_SHUTDOWN);
	ck_assert_str_eq(ex.msg, "guest 'g1' shut down");
	run.system_event.type = KVM440_SYSTEM_RESET_SYSTEM;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_SHUTDOWN);
	ck_assert_str_eq(ex.msg, "guest 'g1' asked for a reset "
			 "(DBCR0[RST] = 3); stopping");
	run.exit_reason = KVM440_EXIT_STOPPED;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_STOPPED);
	run.exit_reason = KVM440_EXIT_HALT;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 0);
}
END_TEST

START_TEST(internal_error_is_clear)
{
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_INTERNAL_ERROR;
	run.internal.code = KVM440_INTERNAL_EMULATION;
	run.internal.pc = 0xc0001234;
	run.internal.inst = 0x7c0007a4;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_ERROR);
	ck_assert_str_eq(ex.msg, "internal error in guest 'g1': an instruction "
			 "could not be emulated (code 1) at pc 0xc0001234, "
			 "instruction 0x7c0007a4");
	run.exit_reason = 99;
	ck_assert_int_eq(kvm440_board_handle_exit(b, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_ERROR);
}
END_TEST

static int failing_line(void *opaque, uint32_t irq, uint32_t level)
{
	(void)opaque; (void)irq; (void)level;
	return -EINVAL;
}

START_TEST(irq_line_failure_ends_the_run)
{
	struct kvm440_board_ops ops = { .name = "g2", .irq_line = failing_line };
	struct kvm440_board *b2;
	uint32_t v = 0x80000000u;

	ck_assert_int_eq(kvm440_board_create(&ops, &b2, &err), 0);
	kvm440_board_dcr(b2, 0xc2, &v, 1);
	kvm440_uart_write(kvm440_board_uart(b2, 0), 1, 0x02);
	memset(&run, 0, sizeof(run));
	run.exit_reason = KVM440_EXIT_NONE;
	ck_assert_int_eq(kvm440_board_handle_exit(b2, &run, &ex), 1);
	ck_assert_int_eq(ex.end, KVM440_END_ERROR);
	ck_assert_ptr_nonnull(strstr(ex.msg, "cannot set interrupt line 0"));
	kvm440_board_destroy(b2);
}
END_TEST

Suite *board_suite(void)
{
	Suite *s = suite_create("board");
	TCase *tc = tcase_create("board");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, uart0_write_reaches_console);
	tcase_add_test(tc, address_dispatch);
	tcase_add_test(tc, unknown_dcr_reads_zero_logged_once);
	tcase_add_test(tc, cpr0_sdr0_indirect_pairs);
	tcase_add_test(tc, uart_interrupt_through_uic0_to_core);
	tcase_add_test(tc, uart1_interrupt_is_uic0_input_1);
	tcase_add_test(tc, uic1_cascades_to_uic0_30_and_31);
	tcase_add_test(tc, mmio_exit_read_completes_data);
	tcase_add_test(tc, mmio_exit_to_nothing_ends_with_error);
	tcase_add_test(tc, dcr_exit_read_and_write);
	tcase_add_test(tc, system_events_end_normally);
	tcase_add_test(tc, internal_error_is_clear);
	tcase_add_test(tc, irq_line_failure_ends_the_run);
	suite_add_tcase(s, tc);
	return s;
}
