// SPDX-License-Identifier: MIT
/*
 * The smallest VMM on libkvm440: boot the guest a guest.cfg describes,
 * its console on standard output, until it shuts down or fails.
 * Build: cc -o boot_guest boot_guest.c $(pkg-config --cflags --libs kvm440)
 * Run:   ./boot_guest guest.cfg
 */
#include <stdio.h>
#include <kvm440.h>

static void out(void *opaque, const uint8_t *buf, size_t len)
{
	(void)opaque;
	fwrite(buf, 1, len, stdout);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct kvm440_error err = { "" };
	struct kvm440_config *cfg = NULL;
	struct kvm440_vm *vm = NULL;
	struct kvm440_board *board = NULL;
	struct kvm440_board_ops ops = { .console_out = out };
	struct kvm440_board_exit end = { .end = KVM440_END_ERROR };

	if (argc != 2) {
		fprintf(stderr, "usage: %s GUEST.CFG\n", argv[0]);
		return 2;
	}
	if (kvm440_config_load(argv[1], &cfg, &err) == 0)
		ops.name = kvm440_config_name(cfg);
	if (!cfg || kvm440_config_check(cfg, &err) < 0 ||
	    kvm440_vm_create(NULL, &vm, &err) < 0 ||
	    kvm440_boot(vm, cfg, 0, &err) < 0 ||
	    kvm440_board_create(&ops, &board, &err) < 0 ||
	    kvm440_board_run(board, vm, NULL, NULL, &end, &err) < 0)
		fprintf(stderr, "boot_guest: %s\n", err.msg);
	else
		fprintf(stderr, "boot_guest: %s\n", end.msg);
	kvm440_board_destroy(board);
	kvm440_vm_destroy(vm);
	kvm440_config_free(cfg);
	return end.end == KVM440_END_SHUTDOWN ? 0 : 1;
}
