/*
 * The in-kernel console, both halves: module/console.h (the module's
 * decision for one access, compiled here as it is in the module) against
 * libkvm440's publish/drain (lib/console_ring.c) and a real 16550 model.
 * A ring with a guard after it in one buffer stands in for the vCPU page.
 * (kcompat.h and the two macros below are all the kernel it needs.)
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kcompat.h"
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#include "../../module/console.h"
#include "kvm440.h"

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };
#define GUARD 64

static struct {
	struct kvm440_console_ring c;
	uint8_t guard[GUARD];
} page;
static struct kvm440_console_ring *c = &page.c;
static struct kvm440_console_own own;	/* the module's own state */
static struct kvm440_uart *u;
static uint8_t out[3 * KVM440_CONSOLE_RING];
static size_t nout;

static void on_tx(void *opaque, uint8_t b)
{
	(void)opaque;
	if (nout < sizeof(out))
		out[nout++] = b;
}

static void setup(void)
{
	memset(&page, 0, sizeof(page));
	memset(page.guard, 0xee, sizeof(page.guard));
	memset(&own, 0, sizeof(own));
	nout = 0;
	ck_assert_int_eq(kvm440_uart_create(&u, NULL, on_tx, NULL), 0);
}

static void teardown(void)
{
	for (size_t i = 0; i < GUARD; i++)
		ck_assert_uint_eq(page.guard[i], 0xee);
	kvm440_uart_destroy(u);
}

/* the guest writes @b to THR through the module */
static enum kvm440_console_act thr(uint8_t b)
{
	return kvm440_console_access(c, &own, KVM440_CONSOLE_THR, true, &b);
}

START_TEST(nothing_while_not_allowed)
{
	uint8_t v = 'x';

	ck_assert_uint_eq(c->allow, 0);
	ck_assert_int_eq(thr('x'), KVM440_CONSOLE_PASS);
	ck_assert_int_eq(kvm440_console_access(c, &own, KVM440_CONSOLE_LSR,
					       false, &v), KVM440_CONSOLE_PASS);
	ck_assert_uint_eq(own.head, 0);
	ck_assert_uint_eq(c->head, 0);
}
END_TEST

START_TEST(bytes_in_order_and_newline_flushes)
{
	const char *msg = "hello, ring\r\n";
	size_t i, n = strlen(msg);

	kvm440_console_publish(c, u);
	ck_assert_uint_eq(c->allow, 1);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(thr((uint8_t)msg[i]), msg[i] == '\n' ?
				 KVM440_CONSOLE_FLUSH : KVM440_CONSOLE_DONE);
	ck_assert_uint_eq(c->head, n);
	ck_assert_uint_eq(nout, 0);	/* nothing before the drain */
	ck_assert_uint_eq(kvm440_console_drain(c, u), n);
	ck_assert_uint_eq(c->tail, n);
	ck_assert_uint_eq(nout, n);
	ck_assert_mem_eq(out, msg, n);
	ck_assert_uint_eq(kvm440_console_drain(c, u), 0);	/* taken once */
}
END_TEST

/* Many laps of the ring, with the free-running counters wrapping too. */
START_TEST(wraps_around)
{
	size_t i, lap, sent = 0;

	own.head = c->head = c->tail = 0xfffffe00u;
	kvm440_console_publish(c, u);
	for (lap = 0; lap < 5; lap++) {
		size_t start = nout;

		/* 700 bytes: not a divisor of the ring, so laps straddle its end */
		for (i = 0; i < 700; i++) {
			uint8_t b = (uint8_t)('a' + (sent + i) % 26);

			ck_assert_int_eq(thr(b), KVM440_CONSOLE_DONE);
		}
		ck_assert_uint_eq(kvm440_console_drain(c, u), 700);
		for (i = 0; i < 700; i++)
			ck_assert_uint_eq(out[start + i],
					  (uint8_t)('a' + (sent + i) % 26));
		sent += 700;
		nout = 0;
	}
	ck_assert_uint_eq(c->head, 0xfffffe00u + 3500u);
	ck_assert_uint_eq(c->tail, c->head);
}
END_TEST

START_TEST(full_ring_exits_then_passes)
{
	size_t i;

	kvm440_console_publish(c, u);
	for (i = 0; i + 1 < KVM440_CONSOLE_RING; i++)
		ck_assert_int_eq(thr('.'), KVM440_CONSOLE_DONE);
	ck_assert_int_eq(thr('!'), KVM440_CONSOLE_FLUSH);	/* now full */
	/* not drained: the next byte is an MMIO exit, nothing overwritten */
	ck_assert_int_eq(thr('?'), KVM440_CONSOLE_PASS);
	ck_assert_uint_eq(c->head, KVM440_CONSOLE_RING);
	ck_assert_uint_eq(kvm440_console_drain(c, u), KVM440_CONSOLE_RING);
	ck_assert_uint_eq(out[KVM440_CONSOLE_RING - 1], '!');
	ck_assert_int_eq(thr('y'), KVM440_CONSOLE_DONE);
}
END_TEST

/* A tail userspace scribbled on: no write outside the ring (teardown). */
START_TEST(bad_tail_is_harmless)
{
	kvm440_console_publish(c, u);
	c->tail = 12345;
	ck_assert_int_eq(thr('x'), KVM440_CONSOLE_PASS);
	c->tail = own.head + 1;	/* ahead of head */
	ck_assert_int_eq(thr('x'), KVM440_CONSOLE_PASS);
	ck_assert_uint_eq(own.head, 0);
	c->tail = 0;
	c->head = 0x7fffffffu;	/* the shared head is only published */
	ck_assert_int_eq(thr('x'), KVM440_CONSOLE_DONE);
	ck_assert_uint_eq(c->head, 1);
	/* a drain of a garbage head takes one ring's worth, no more */
	c->head = 0x7fffffffu;
	ck_assert_uint_eq(kvm440_console_drain(c, u), KVM440_CONSOLE_RING);
}
END_TEST

START_TEST(registers_answered_and_passed)
{
	uint8_t v;

	kvm440_uart_write(u, IER, 0x05);	/* RDI | RLSI, as Linux's tty */
	kvm440_console_publish(c, u);
	ck_assert_uint_eq(c->allow, 1);
	v = 0;
	ck_assert_int_eq(kvm440_console_access(c, &own, KVM440_CONSOLE_LSR,
					       false, &v), KVM440_CONSOLE_DONE);
	ck_assert_uint_eq(v, kvm440_uart_read(u, LSR));
	ck_assert_uint_eq(v, 0x60);
	v = 0;
	ck_assert_int_eq(kvm440_console_access(c, &own, KVM440_CONSOLE_IER,
					       false, &v), KVM440_CONSOLE_DONE);
	ck_assert_uint_eq(v, 0x05);
	v = 0x05;	/* a restore of the same value changes nothing */
	ck_assert_int_eq(kvm440_console_access(c, &own, KVM440_CONSOLE_IER,
					       true, &v), KVM440_CONSOLE_DONE);
	v = 0x07;	/* THRI on: the model must see it */
	ck_assert_int_eq(kvm440_console_access(c, &own, KVM440_CONSOLE_IER,
					       true, &v), KVM440_CONSOLE_PASS);
	/* RBR, IIR, LCR, MCR, LSR writes, MSR, SCR: always userspace's */
	ck_assert_int_eq(kvm440_console_access(c, &own, RBR, false, &v),
			 KVM440_CONSOLE_PASS);
	for (unsigned int r = IIR; r <= SCR; r++) {
		if (r != LSR)
			ck_assert_int_eq(kvm440_console_access(c, &own, r,
						false, &v), KVM440_CONSOLE_PASS);
		ck_assert_int_eq(kvm440_console_access(c, &own, r, true, &v),
				 KVM440_CONSOLE_PASS);
	}
	ck_assert_uint_eq(own.head, 0);
}
END_TEST

static enum kvm440_console_act lsr(void)
{
	uint8_t v = 0;
	enum kvm440_console_act a = kvm440_console_access(c, &own,
					KVM440_CONSOLE_LSR, false, &v);

	ck_assert_uint_eq(v, 0x60);
	return a;
}

/* A prompt, then LSR polled for input: the prompt must not wait. */
START_TEST(polling_lsr_flushes_a_prompt)
{
	kvm440_console_publish(c, u);
	/* transmitting: one LSR read per byte never exits */
	for (const char *p = "login: "; *p; p++) {
		ck_assert_int_eq(lsr(), KVM440_CONSOLE_DONE);
		ck_assert_int_eq(thr((uint8_t)*p), KVM440_CONSOLE_DONE);
	}
	ck_assert_int_eq(lsr(), KVM440_CONSOLE_DONE);
	/* the second read in a row, with output waiting, is a wait for input */
	ck_assert_int_eq(lsr(), KVM440_CONSOLE_FLUSH);
	ck_assert_uint_eq(kvm440_console_drain(c, u), 7);
	ck_assert_mem_eq(out, "login: ", 7);
	/* drained: further polling stays in the kernel */
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(lsr(), KVM440_CONSOLE_DONE);
	/* an IER access between two LSR reads is not polling */
	ck_assert_int_eq(thr('x'), KVM440_CONSOLE_DONE);
	ck_assert_int_eq(lsr(), KVM440_CONSOLE_DONE);
	{
		uint8_t v = 0;

		ck_assert_int_eq(kvm440_console_access(c, &own,
				KVM440_CONSOLE_IER, true, &v), KVM440_CONSOLE_DONE);
	}
	ck_assert_int_eq(lsr(), KVM440_CONSOLE_DONE);
	ck_assert_int_eq(lsr(), KVM440_CONSOLE_FLUSH);
}
END_TEST

/*
 * Bytes that went through the ring leave the model as direct THR writes
 * would: enabling THR-empty interrupts afterwards raises one either way.
 */
START_TEST(drain_is_a_thr_write)
{
	struct kvm440_uart *d;
	uint8_t irq_fast, irq_direct;

	ck_assert_int_eq(kvm440_uart_create(&d, NULL, NULL, NULL), 0);
	kvm440_console_publish(c, u);
	thr('a');
	kvm440_console_drain(c, u);
	kvm440_uart_write(d, RBR, 'a');
	kvm440_uart_write(u, IER, 0x02);
	kvm440_uart_write(d, IER, 0x02);
	irq_fast = kvm440_uart_read(u, IIR);
	irq_direct = kvm440_uart_read(d, IIR);
	ck_assert_uint_eq(irq_fast, irq_direct);
	ck_assert_uint_eq(irq_fast & 0x0f, 0x02);
	/* and the fast path is off while THRI is on */
	kvm440_console_publish(c, u);
	ck_assert_uint_eq(c->allow, 0);
	ck_assert_int_eq(thr('b'), KVM440_CONSOLE_PASS);
	kvm440_uart_destroy(d);
}
END_TEST

Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, nothing_while_not_allowed);
	tcase_add_test(tc, bytes_in_order_and_newline_flushes);
	tcase_add_test(tc, wraps_around);
	tcase_add_test(tc, full_ring_exits_then_passes);
	tcase_add_test(tc, bad_tail_is_harmless);
	tcase_add_test(tc, registers_answered_and_passed);
	tcase_add_test(tc, drain_is_a_thr_write);
	tcase_add_test(tc, polling_lsr_flushes_a_prompt);
	suite_add_tcase(s, tc);
	return s;
}
