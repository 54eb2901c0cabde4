/* SPDX-License-Identifier: GPL-2.0-or-later */
/* console = pty and console = socket:PATH (console_endpoint.c). */
#ifndef KVM440CTL_CONSOLE_ENDPOINT_H
#define KVM440CTL_CONSOLE_ENDPOINT_H

#include "kvm440.h"

/*
 * Open the config's detached console and publish it in the runtime
 * directory; returns one blocking fd: what is written to it is the
 * guest's output, what is read from it the guest's input. -1 with a
 * message on failure.
 */
int console_endpoint_open(const struct kvm440_config *cfg);
/* Close it, remove the socket and the runtime entry; idempotent. */
void console_endpoint_close(void);

#endif
