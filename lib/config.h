/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The parsed guest.cfg, shared by config.c (which fills it) and boot.c
 * (which acts on it); not part of the library's API, so a new key changes
 * no ABI. To add a key:
 * - append it to enum kvm440_cfg_key below, and its field to the struct;
 * - config.c: its name in key_names[], a case in set_key() (reuse
 *   set_path(), set_u32(), set_on_off() ...), and any cross-key rule in
 *   check_complete(); docs/guest-cfg.md and docs/man/guest.cfg.5 (make
 *   check's docs-check.sh holds the man page to the doc's key table);
 * - boot.c: a file it names is loaded in load_guest() (so that check and
 *   boot report it as FILE:LINE alike), a device-tree node is added in
 *   boot_dtb(); an accessor in kvm440.h (and libkvm440.map) if a caller
 *   outside the library needs it.
 */
#ifndef LIBKVM440_CONFIG_H
#define LIBKVM440_CONFIG_H

#include "internal.h"

enum kvm440_cfg_key {
	KEY_NAME, KEY_MEMORY, KEY_KERNEL, KEY_FORMAT, KEY_LOAD_ADDR,
	KEY_ENTRY, KEY_INITRD, KEY_DTB, KEY_CMDLINE, KEY_CONSOLE,
	KEY_CONSOLE_FAST, KEY_DISK, KEY_NET,
	NKEYS
};

struct kvm440_config {
	char file[KVM440_PATH_MAX];	/* the config's path, for messages */
	char name[64];			/* "name"; default: file's base name */
	uint64_t mem_size;		/* "memory", bytes; required */
	char kernel[KVM440_PATH_MAX];	/* "kernel"; required */
	enum kvm440_image_format kernel_format;	/* "format" */
	int has_load_addr;
	uint32_t load_addr;		/* "load_addr": raw images */
	int has_entry;
	uint32_t entry;			/* "entry": overrides the image's */
	char initrd[KVM440_PATH_MAX];	/* "initrd"; "" for none */
	char dtb[KVM440_PATH_MAX];	/* "dtb"; "" for the built-in board */
	char cmdline[1024];		/* "cmdline"; "" keeps the dtb's */
	enum kvm440_console console;	/* "console" */
	char console_path[KVM440_PATH_MAX];
	int console_fast;		/* "console_fast": 1 (on, default) or 0 */
	/* "disk = PATH[,ro]", in order: the guest's vda, vdb, ... */
	unsigned int ndisks;
	struct kvm440_disk_cfg {
		char path[KVM440_PATH_MAX];
		int ro;
		unsigned int line;
	} disk[KVM440_MAX_DISKS];
	/* "net = tap:NAME[,mac=MAC]"; line 0: no network */
	struct kvm440_net_cfg {
		char tap[16];		/* IFNAMSIZ */
		uint8_t mac[6];		/* given, or derived from name+tap */
		unsigned int line;
	} net;
	/* the line each key was set on (0: not set), for FILE:LINE errors */
	unsigned int line[NKEYS];
};

/* The name of @key as written in guest.cfg. */
const char *kvm440_config_key_name(enum kvm440_cfg_key key);

/*
 * kvm440_config_check()'s memory limit, reading @param (NULL: the loaded
 * module's max_vm_mem_mb in sysfs); 0 when it is absent. For tests.
 */
int kvm440_check_mem_limit(const struct kvm440_config *cfg,
			   const char *param, struct kvm440_error *err);

#endif
