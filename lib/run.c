// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The run loop of the board: KVM440_RUN, then service the exit and run
 * again until the guest shuts down, is stopped or fails.
 *
 * - MMIO: to the device at the address (board.c); a read's data goes
 *   back in the run structure, which the module completes on the next
 *   RUN. An address with no device ends the run: on a real 440 that is a
 *   machine check, and quietly reading junk would only hide the bug.
 * - DCR: to the UICs or board DCRs; unknown ones read as 0 (logged once).
 * - Interrupt outputs reach the core (KVM440_IRQ_LINE) as the UIC changes
 *   them, inside the device calls above.
 * - SYSTEM_EVENT (shutdown, any reset, watchdog) ends the run normally:
 *   the board has no way to restart a kernel, so a guest "reboot" is the
 *   end of the VM, as with QEMU's -no-reboot.
 * - STOPPED (netlink STOP_VM) ends it normally; INTERNAL_ERROR with the
 *   module's code, pc and instruction.
 * - A run that ends in error at an INTERNAL_ERROR or an MMIO exit gets the
 *   vCPU's registers appended (append_regs()): the pc alone rarely says
 *   why a guest went where it did.
 * - CONSOLE: the module queued UART0 output (a line, or a full ring);
 *   like every RUN's, it was drained before the exit was looked at.
 * - DEBUG: left in the run structure for the poll hook, whose debugger
 *   (gdbstub.c) asked for it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "board_internal.h"

static int end(struct kvm440_board_exit *out, enum kvm440_board_end how,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int end(struct kvm440_board_exit *out, enum kvm440_board_end how,
	       const char *fmt, ...)
{
	va_list ap;

	out->end = how;
	va_start(ap, fmt);
	vsnprintf(out->msg, sizeof(out->msg), fmt, ap);
	va_end(ap);
	return 1;
}

static int system_event(const char *name, uint32_t type,
			struct kvm440_board_exit *out)
{
	switch (type) {
	case KVM440_SYSTEM_SHUTDOWN:
		return end(out, KVM440_END_SHUTDOWN, "guest '%s' shut down",
			   name);
	case KVM440_SYSTEM_RESET_CORE:
	case KVM440_SYSTEM_RESET_CHIP:
	case KVM440_SYSTEM_RESET_SYSTEM:
		return end(out, KVM440_END_SHUTDOWN,
			   "guest '%s' asked for a reset (DBCR0[RST] = %" PRIu32
			   "); stopping", name,
			   type - KVM440_SYSTEM_SHUTDOWN);
	case KVM440_SYSTEM_WATCHDOG:
		return end(out, KVM440_END_SHUTDOWN,
			   "guest '%s' was reset by its watchdog; stopping",
			   name);
	default:
		return end(out, KVM440_END_SHUTDOWN,
			   "guest '%s' ended with system event %" PRIu32, name,
			   type);
	}
}

static int internal_error(const char *name, const struct kvm440_run *run,
			  struct kvm440_board_exit *out)
{
	static const char *const what[] = {
		[KVM440_INTERNAL_EMULATION] =
			"an instruction could not be emulated",
		[KVM440_INTERNAL_HOST_FAULT] =
			"the host could not fetch guest memory",
		[KVM440_INTERNAL_MACHINE_CHECK] =
			"machine check while in the guest",
	};
	uint32_t code = run->internal.code;

	return end(out, KVM440_END_ERROR,
		   "internal error in guest '%s': %s (code %" PRIu32
		   ") at pc 0x%08" PRIx32 ", instruction 0x%08" PRIx32, name,
		   code < sizeof(what) / sizeof(what[0]) && what[code] ?
		   what[code] : "unknown", code, run->internal.pc,
		   run->internal.inst);
}

static int mmio(struct kvm440_board *b, const char *name,
		struct kvm440_run *run, struct kvm440_board_exit *out)
{
	uint32_t len = run->mmio.len;
	int r = kvm440_board_mmio(b, run->mmio.phys_addr, run->mmio.data, len,
				  run->mmio.is_write);

	if (r == 0)
		return 0;
	return end(out, KVM440_END_ERROR,
		   "guest '%s' %s %" PRIu32 " byte%s at physical address "
		   "0x%09" PRIx64 ": %s", name,
		   run->mmio.is_write ? "wrote" : "read", len,
		   len == 1 ? "" : "s", (uint64_t)run->mmio.phys_addr,
		   r == -ENODEV ? "no device there" :
		   "access size not supported");
}

int kvm440_board_handle_exit(struct kvm440_board *b, struct kvm440_run *run,
			     struct kvm440_board_exit *out)
{
	const char *name = kvm440_board_name(b);
	const char *msg;
	int r = 0;

	out->end = KVM440_END_NONE;
	out->msg[0] = '\0';
	switch (run->exit_reason) {
	case KVM440_EXIT_NONE:
	case KVM440_EXIT_HALT:
	case KVM440_EXIT_CONSOLE:
	case KVM440_EXIT_DEBUG:		/* the poll hook's debugger's */
		break;
	case KVM440_EXIT_MMIO:
		r = mmio(b, name, run, out);
		break;
	case KVM440_EXIT_DCR: {
		uint32_t data = run->dcr.data;

		kvm440_board_dcr(b, run->dcr.dcrn, &data, run->dcr.is_write);
		if (!run->dcr.is_write)
			run->dcr.data = data;
		break;
	}
	case KVM440_EXIT_SYSTEM_EVENT:
		return system_event(name, run->system_event.type, out);
	case KVM440_EXIT_STOPPED:
		return end(out, KVM440_END_STOPPED, "VM '%s' stopped on request",
			   name);
	case KVM440_EXIT_INTERNAL_ERROR:
		return internal_error(name, run, out);
	default:
		return end(out, KVM440_END_ERROR,
			   "guest '%s': unexpected exit reason %" PRIu32 " (%s)",
			   name, run->exit_reason,
			   kvm440_exit_reason_name(run->exit_reason));
	}
	if (r)
		return r;
	if (kvm440_board_irq_error(b, &msg))
		return end(out, KVM440_END_ERROR, "guest '%s': %s", name, msg);
	return 0;
}

/* printf into what is left of @out->msg after @*used bytes */
__attribute__((format(printf, 3, 4)))
static void add(struct kvm440_board_exit *out, size_t *used,
		const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= sizeof(out->msg) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out->msg + *used, sizeof(out->msg) - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

/*
 * The register state below the message, as lines of its own. At an MMIO
 * exit the module has moved the pc past the access (but for the words
 * of an lmw/stmw before its last), so it is given as the next pc.
 */
static void append_regs(struct kvm440_vm *vm, const struct kvm440_run *run,
			struct kvm440_board_exit *out)
{
	struct kvm440_regs r;
	struct kvm440_sregs sr;
	size_t used = strlen(out->msg);
	unsigned int i;

	if (kvm440_vm_get_regs(vm, &r, NULL) < 0)
		return;
	if (run->exit_reason == KVM440_EXIT_MMIO)
		add(out, &used, " (next pc 0x%08" PRIx32 ")", r.pc);
	add(out, &used, "\n  pc   %08" PRIx32 " msr  %08" PRIx32 " lr   %08"
	    PRIx32 " ctr  %08" PRIx32 " cr   %08" PRIx32 " xer  %08" PRIx32,
	    r.pc, r.msr, r.lr, r.ctr, r.cr, r.xer);
	for (i = 0; i < 32; i++) {
		if (i % 8 == 0)
			add(out, &used, "\n  r%-2u ", i);
		add(out, &used, " %08" PRIx32, r.gpr[i]);
	}
	if (kvm440_vm_get_sregs(vm, &sr, NULL) == 0)
		add(out, &used, "\n  srr0 %08" PRIx32 " srr1 %08" PRIx32
		    " dear %08" PRIx32 " esr  %08" PRIx32 " pid  %08" PRIx32,
		    sr.srr0, sr.srr1, sr.dear, sr.esr, sr.pid);
}

int kvm440_board_run(struct kvm440_board *b, struct kvm440_vm *vm,
		     int (*poll)(void *opaque, int halted,
				 struct kvm440_board_exit *out),
		     void *opaque, struct kvm440_board_exit *out,
		     struct kvm440_error *err)
{
	struct kvm440_run *run = kvm440_vm_run_struct(vm);
	const char *msg;
	int halted = 0;

	out->end = KVM440_END_NONE;
	out->msg[0] = '\0';
	if (!run)
		return kvm440_fail(err, -ENODEV, "KVM440_RUN: no vCPU created");
	if (kvm440_board_attach(b, vm) < 0) {
		kvm440_board_irq_error(b, &msg);
		return kvm440_fail(err, kvm440_board_irq_error(b, NULL), "%s",
				   msg);
	}
	for (;;) {
		int r;

		if (poll && poll(opaque, halted, out)) {
			if (out->end == KVM440_END_NONE)
				out->end = KVM440_END_STOPPED;
			break;
		}
		if (kvm440_board_irq_error(b, &msg)) {
			end(out, KVM440_END_ERROR, "guest '%s': %s",
			    kvm440_board_name(b), msg);
			break;
		}
		/* after poll(), which may have fed the UART input */
		kvm440_board_console_publish(b);
		r = kvm440_vm_run_once(vm, err);
		/* whatever RUN returned: console output before the exit */
		kvm440_board_console_drain(b);
		if (r == -EINTR) {
			halted = 0;
			continue;
		}
		if (r < 0) {
			kvm440_board_console_hold(b);
			return r;
		}
		halted = r == KVM440_EXIT_HALT;
		if (kvm440_board_handle_exit(b, run, out)) {
			if (out->end == KVM440_END_ERROR &&
			    (run->exit_reason == KVM440_EXIT_INTERNAL_ERROR ||
			     run->exit_reason == KVM440_EXIT_MMIO))
				append_regs(vm, run, out);
			break;
		}
	}
	/* a RUN outside this loop would find nobody to drain the ring */
	kvm440_board_console_hold(b);
	return 0;
}
