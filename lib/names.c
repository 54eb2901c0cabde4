// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Display names for the enums of uapi/linux/kvm440.h. Every table is
 * indexed by the enum value; a value outside the table (or a hole in it)
 * gives "unknown", so a newer module never makes an older tool crash.
 */
#include "kvm440.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *lookup(const char *const *table, size_t n, unsigned int i)
{
	if (i >= n || !table[i])
		return "unknown";
	return table[i];
}

static const char *const stat_names[KVM440_STAT_NR] = {
	[KVM440_STAT_EXITS]		= "exits",
	[KVM440_STAT_LIGHT_EXITS]	= "light",
	[KVM440_STAT_HEAVY_EXITS]	= "heavy",
	[KVM440_STAT_MMIO]		= "mmio",
	[KVM440_STAT_DCR]		= "dcr",
	[KVM440_STAT_SIGNAL]		= "signal",
	[KVM440_STAT_ITLB_REAL]		= "itlb_real",
	[KVM440_STAT_ITLB_VIRT]		= "itlb_virt",
	[KVM440_STAT_DTLB_REAL]		= "dtlb_real",
	[KVM440_STAT_DTLB_VIRT]		= "dtlb_virt",
	[KVM440_STAT_SYSCALL]		= "syscall",
	[KVM440_STAT_ISI]		= "isi",
	[KVM440_STAT_DSI]		= "dsi",
	[KVM440_STAT_EMUL_INST]		= "emul_inst",
	[KVM440_STAT_DEC]		= "dec",
	[KVM440_STAT_EXT_INTR]		= "ext_intr",
	[KVM440_STAT_HALT_WAKEUP]	= "halt_wakeup",
	[KVM440_STAT_PROGRAM]		= "program",
	[KVM440_STAT_UNKNOWN_SPR]	= "unknown_spr",
	[KVM440_STAT_FIT]		= "fit",
	[KVM440_STAT_WATCHDOG]		= "watchdog",
	[KVM440_STAT_CONSOLE_MMIO]	= "console_mmio",
	[KVM440_STAT_CONSOLE_BYTES]	= "console_bytes",
	[KVM440_STAT_CONSOLE_EXITS]	= "console_exits",
	[KVM440_STAT_SHADOW_1K]		= "shadow_1k",
	[KVM440_STAT_SHADOW_4K]		= "shadow_4k",
	[KVM440_STAT_SHADOW_16K]	= "shadow_16k",
	[KVM440_STAT_SHADOW_64K]	= "shadow_64k",
	[KVM440_STAT_SHADOW_256K]	= "shadow_256k",
	[KVM440_STAT_SHADOW_1M]		= "shadow_1m",
	[KVM440_STAT_SHADOW_16M]	= "shadow_16m",
	[KVM440_STAT_SHADOW_256M]	= "shadow_256m",
	[KVM440_STAT_HCALL]		= "hcall",
	[KVM440_STAT_MAGIC_REFILL]	= "magic_refill",
};

static const char *const vm_state_names[] = {
	[KVM440_VM_CREATED]	= "created",
	[KVM440_VM_READY]	= "ready",
	[KVM440_VM_RUNNING]	= "running",
	[KVM440_VM_HALTED]	= "halted",
	[KVM440_VM_SHUTDOWN]	= "shutdown",
	[KVM440_VM_ERROR]	= "error",
	[KVM440_VM_PAUSED]	= "paused",
};

static const char *const event_names[] = {
	[KVM440_EV_VM_CREATED]		= "created",
	[KVM440_EV_VM_DESTROYED]	= "destroyed",
	[KVM440_EV_VCPU_HALTED]		= "halted",
	[KVM440_EV_GUEST_SHUTDOWN]	= "shutdown",
	[KVM440_EV_INTERNAL_ERROR]	= "internal_error",
	[KVM440_EV_VM_PAUSED]		= "paused",
	[KVM440_EV_VM_RESUMED]		= "resumed",
};

static const char *const exit_reason_names[] = {
	[KVM440_EXIT_NONE]		= "none",
	[KVM440_EXIT_MMIO]		= "mmio",
	[KVM440_EXIT_DCR]		= "dcr",
	[KVM440_EXIT_HALT]		= "halt",
	[KVM440_EXIT_SYSTEM_EVENT]	= "system_event",
	[KVM440_EXIT_INTERNAL_ERROR]	= "internal_error",
	[KVM440_EXIT_STOPPED]		= "stopped",
	[KVM440_EXIT_CONSOLE]		= "console",
	[KVM440_EXIT_DEBUG]		= "debug",
};

const char *kvm440_stat_name(unsigned int stat)
{
	return lookup(stat_names, ARRAY_SIZE(stat_names), stat);
}

const char *kvm440_vm_state_name(unsigned int state)
{
	return lookup(vm_state_names, ARRAY_SIZE(vm_state_names), state);
}

const char *kvm440_event_name(unsigned int event)
{
	return lookup(event_names, ARRAY_SIZE(event_names), event);
}

const char *kvm440_exit_reason_name(unsigned int reason)
{
	return lookup(exit_reason_names, ARRAY_SIZE(exit_reason_names),
		      reason);
}
