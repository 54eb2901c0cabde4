/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What board.c shares with run.c; not part of the library's API. */
#ifndef LIBKVM440_BOARD_INTERNAL_H
#define LIBKVM440_BOARD_INTERNAL_H

#include "internal.h"

/*
 * Route the board's interrupt outputs to @vm (unless the ops give their
 * own irq_line) and give the core the current levels; turn on the
 * in-kernel console when wanted and available. 0 or -errno.
 */
int kvm440_board_attach(struct kvm440_board *board, struct kvm440_vm *vm);
/*
 * The in-kernel console (a no-op when not in use): publish UART0's state
 * right before RUN; drain the queued bytes right after it, before the exit
 * is handled; hold (answer nothing) when the board stops running.
 */
void kvm440_board_console_publish(struct kvm440_board *board);
void kvm440_board_console_drain(struct kvm440_board *board);
void kvm440_board_console_hold(struct kvm440_board *board);
const char *kvm440_board_name(const struct kvm440_board *board);
/* The first failure to set a core input line (0: none), its message. */
int kvm440_board_irq_error(const struct kvm440_board *board,
			   const char **msg);

/*
 * A device that takes MMIO accesses whole, at any width it accepts
 * (virtio's 32-bit registers), at [@base, @base + @size): @access gets
 * the offset and the bytes in bus order and returns 0 or -EINVAL for a
 * width it refuses. Looked up before the byte devices. 0 or -ENOSPC.
 */
int kvm440_board_add_mmio(struct kvm440_board *board, uint64_t base,
			  uint64_t size,
			  int (*access)(void *dev, uint64_t off, uint8_t *data,
					uint32_t len, int is_write),
			  void *dev);
/* One line to the board's log, prefixed with the guest's name. */
void kvm440_board_message(struct kvm440_board *board, const char *msg);

#endif
