/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the files of libkvm440; not part of its API. */
#ifndef LIBKVM440_INTERNAL_H
#define LIBKVM440_INTERNAL_H

#include "kvm440.h"

/*
 * Format a message into @err (if given) and return @ret, so a failure is
 * one statement: `return kvm440_fail(err, -EINVAL, "%s: ...", what);`.
 */
__attribute__((format(printf, 3, 4)))
int kvm440_fail(struct kvm440_error *err, int ret, const char *fmt, ...);

/*
 * fdt_hypervisor.c: add /hypervisor (paravirt guests, docs/paravirt.md)
 * to the blob *@dtb of *@len bytes, replacing it; a tree that has one
 * keeps its own.
 */
int kvm440_fdt_hypervisor(void **dtb, size_t *len, struct kvm440_error *err);

/* vm.c: the RAM region at guest physical 0 (what kvm440_boot() added). */
int kvm440_vm_ram0(const struct kvm440_vm *vm, struct kvm440_gmem *out);

/* The value of hex digit @c, or -1 (config.c's MACs, gdbstub.c's wire). */
static inline int kvm440_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
