/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kvm440 userspace ABI: /dev/kvm440 ioctls, the mmap'ed run structure and
 * the "kvm440" generic-netlink family. Shared verbatim by the module and
 * libkvm440. Every struct uses fixed-width types with explicit padding so a
 * 32-bit 440 userland and a 64-bit build machine (unit tests) agree on it.
 *
 * Rules every ioctl follows: reserved fields and padding must be zero and
 * unknown flag bits are rejected with -EINVAL, so both can be given meaning
 * later without a new API version.
 */
#ifndef _UAPI_LINUX_KVM440_H
#define _UAPI_LINUX_KVM440_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define KVM440_API_VERSION	1

/* 0xB4 is unassigned in Documentation/userspace-api/ioctl/ioctl-number.rst */
#define KVM440IO		0xB4

/* Limits of the guest the ABI can describe. */
#define KVM440_MAX_MEM_SLOTS	8
#define KVM440_GUEST_PHYS_BITS	36	/* 440 ERPN:RPN */
#define KVM440_TLB_ENTRIES	64
#define KVM440_MAX_VCPUS	1	/* the 440 is single-core */

/* ------------------------------------------------------------------ */
/* /dev/kvm440 ioctls                                                  */

/* Returns KVM440_API_VERSION. The argument must be 0. */
#define KVM440_GET_API_VERSION	_IO(KVM440IO, 0x00)
/* Returns a new VM fd. The argument (VM type) must be 0. */
#define KVM440_CREATE_VM	_IO(KVM440IO, 0x01)
/* Returns the size to mmap() on a vCPU fd for struct kvm440_run. */
#define KVM440_GET_VCPU_MMAP_SIZE _IO(KVM440IO, 0x02)

/* ------------------------------------------------------------------ */
/* VM fd ioctls                                                        */

/*
 * Add, replace or (size == 0) delete the memory slot @slot. guest_phys,
 * size and userspace_addr are page-aligned; the range lies below
 * 1 << KVM440_GUEST_PHYS_BITS and overlaps no other slot.
 */
struct kvm440_memory_region {
	__u32 slot;
	__u32 flags;		/* KVM440_MEM_* */
	__u64 guest_phys;
	__u64 size;
	__u64 userspace_addr;
};
#define KVM440_MEM_READONLY	(1u << 0)
/*
 * The module allocates the slot's memory (zeroed, in physically contiguous
 * chunks as large as KVM440_CAP_ALLOC_MEM says, aligned like guest_phys)
 * so shadows can map it with large pages. userspace_addr must be 0;
 * userspace reaches the memory with mmap(MAP_SHARED) of the VM fd at
 * offset guest_phys. See docs/api.md.
 */
#define KVM440_MEM_ALLOC	(1u << 1)
#define KVM440_MEM_FLAGS_ALL	(KVM440_MEM_READONLY | KVM440_MEM_ALLOC)
#define KVM440_SET_MEMORY_REGION _IOW(KVM440IO, 0x10, struct kvm440_memory_region)

/* Returns a new vCPU fd. The argument is the vCPU id and must be 0. */
#define KVM440_CREATE_VCPU	_IO(KVM440IO, 0x11)

/* Raise (level 1) or lower (level 0) an interrupt input of the vCPU. */
struct kvm440_irq_level {
	__u32 irq;		/* KVM440_IRQ_* */
	__u32 level;
};
#define KVM440_IRQ_EXTERNAL	0	/* the core's external input (UIC) */
#define KVM440_IRQ_CRITICAL	1	/* the core's critical input */
#define KVM440_IRQ_LINE		_IOW(KVM440IO, 0x12, struct kvm440_irq_level)

/* Per-VM statistics, indexed by enum kvm440_stat. */
enum kvm440_stat {
	KVM440_STAT_EXITS,		/* every guest exit */
	KVM440_STAT_LIGHT_EXITS,	/* handled without leaving the ioctl */
	KVM440_STAT_HEAVY_EXITS,	/* returned to userspace */
	KVM440_STAT_MMIO,
	KVM440_STAT_DCR,
	KVM440_STAT_SIGNAL,
	KVM440_STAT_ITLB_REAL,		/* delivered to the guest */
	KVM440_STAT_ITLB_VIRT,		/* satisfied from the guest TLB */
	KVM440_STAT_DTLB_REAL,
	KVM440_STAT_DTLB_VIRT,
	KVM440_STAT_SYSCALL,
	KVM440_STAT_ISI,
	KVM440_STAT_DSI,
	KVM440_STAT_EMUL_INST,
	KVM440_STAT_DEC,		/* decrementer interrupts the guest took */
	KVM440_STAT_EXT_INTR,		/* host interrupts (external, host
					 * decrementer/FIT) that left the guest */
	KVM440_STAT_HALT_WAKEUP,	/* MSR[WE] idle waits ended */
	KVM440_STAT_PROGRAM,		/* program interrupts given to the guest */
	KVM440_STAT_UNKNOWN_SPR,
	KVM440_STAT_FIT,		/* FIT interrupts the guest took */
	KVM440_STAT_WATCHDOG,		/* watchdog interrupts and resets */
	KVM440_STAT_CONSOLE_MMIO,	/* console accesses answered in the
					 * kernel (KVM440_SET_CONSOLE) */
	KVM440_STAT_CONSOLE_BYTES,	/* bytes put in the console ring */
	KVM440_STAT_CONSOLE_EXITS,	/* KVM440_EXIT_CONSOLE exits */
	/* shadow TLB entries written, by page size */
	KVM440_STAT_SHADOW_1K,
	KVM440_STAT_SHADOW_4K,
	KVM440_STAT_SHADOW_16K,
	KVM440_STAT_SHADOW_64K,
	KVM440_STAT_SHADOW_256K,
	KVM440_STAT_SHADOW_1M,
	KVM440_STAT_SHADOW_16M,
	KVM440_STAT_SHADOW_256M,
	KVM440_STAT_HCALL,		/* paravirt hypercalls (docs/paravirt.md) */
	KVM440_STAT_MAGIC_REFILL,	/* magic page shadows written */
	KVM440_STAT_NR
};
#define KVM440_STATS_MAX	64	/* room for growth in the ABI */
struct kvm440_stats {
	__u32 count;		/* out: number of valid entries */
	__u32 pad;
	__u64 val[KVM440_STATS_MAX];
};
#define KVM440_GET_STATS	_IOR(KVM440IO, 0x13, struct kvm440_stats)

/* KVM440_CHECK_EXTENSION (below) answers on VM fds too */

/* ------------------------------------------------------------------ */
/* vCPU fd ioctls                                                      */

/* Run the guest until an exit userspace must handle; see kvm440_run. */
#define KVM440_RUN		_IO(KVM440IO, 0x20)

struct kvm440_regs {
	__u32 gpr[32];
	__u32 pc;
	__u32 msr;		/* the guest's view; PR/IS/DS as it set them */
	__u32 cr;
	__u32 xer;
	__u32 lr;
	__u32 ctr;
	__u32 reserved[2];
};
#define KVM440_GET_REGS		_IOR(KVM440IO, 0x21, struct kvm440_regs)
#define KVM440_SET_REGS		_IOW(KVM440IO, 0x22, struct kvm440_regs)

/* Supervisor state a loader sets up and a debugger reads. */
struct kvm440_sregs {
	__u32 srr0, srr1, csrr0, csrr1;
	__u32 dear, esr, ivpr, pid;
	__u32 ivor[16];
	__u32 sprg[8];
	__u32 mmucr, ccr0, ccr1, pvr;
	__u32 pir, dbcr0, dec, decar;
	__u32 tcr, tsr;
	__u32 reserved0[2];
	__u64 tb;		/* get: the (host's) timebase the guest reads */
	__u32 flags;		/* KVM440_SREGS_* (set only) */
	__u32 reserved[7];
};
#define KVM440_SREGS_SET_TB	(1u << 0)	/* refused: -EINVAL */
#define KVM440_SREGS_FLAGS_ALL	KVM440_SREGS_SET_TB
#define KVM440_GET_SREGS	_IOR(KVM440IO, 0x23, struct kvm440_sregs)
#define KVM440_SET_SREGS	_IOW(KVM440IO, 0x24, struct kvm440_sregs)

/* One guest TLB entry in the 440's own layout (tlbre/tlbwe words). */
struct kvm440_tlb_entry {
	__u32 tid;		/* low 8 bits */
	__u32 word0;		/* EPN | V | TS | SIZE */
	__u32 word1;		/* RPN | ERPN */
	__u32 word2;		/* attributes | UX UW UR SX SW SR */
};
struct kvm440_tlb {
	struct kvm440_tlb_entry e[KVM440_TLB_ENTRIES];
};
#define KVM440_GET_TLB		_IOR(KVM440IO, 0x25, struct kvm440_tlb)
#define KVM440_SET_TLB		_IOW(KVM440IO, 0x26, struct kvm440_tlb)

/* 440 TLB word fields, as the hardware defines them. */
#define KVM440_TLB0_EPN_MASK	0xfffffc00u
#define KVM440_TLB0_V		0x00000200u
#define KVM440_TLB0_TS		0x00000100u
#define KVM440_TLB0_SIZE_MASK	0x000000f0u
#define KVM440_TLB0_SIZE_SHIFT	4	/* size code n: 1K << 2n, n = 0..9 */
#define KVM440_TLB1_RPN_MASK	0xfffffc00u
#define KVM440_TLB1_ERPN_MASK	0x0000000fu
#define KVM440_TLB2_ATTR_MASK	0x0000ff80u	/* U0-3 W I M G E */
#define KVM440_TLB2_I		0x00000400u
#define KVM440_TLB2_G		0x00000100u
#define KVM440_TLB2_E		0x00000080u
#define KVM440_TLB2_UX		0x00000020u
#define KVM440_TLB2_UW		0x00000010u
#define KVM440_TLB2_UR		0x00000008u
#define KVM440_TLB2_SX		0x00000004u
#define KVM440_TLB2_SW		0x00000002u
#define KVM440_TLB2_SR		0x00000001u
#define KVM440_TLB2_PERM_MASK	0x0000003fu

/* ------------------------------------------------------------------ */
/* The run structure, mmap()ed from a vCPU fd at offset 0               */

enum kvm440_exit_reason {
	KVM440_EXIT_NONE,
	KVM440_EXIT_MMIO,		/* complete with the data, RUN again */
	KVM440_EXIT_DCR,		/* complete with the data, RUN again */
	KVM440_EXIT_HALT,		/* guest idle with nothing pending */
	KVM440_EXIT_SYSTEM_EVENT,	/* shutdown / reset request */
	KVM440_EXIT_INTERNAL_ERROR,
	KVM440_EXIT_STOPPED,		/* stop requested (netlink STOP_VM) */
	KVM440_EXIT_CONSOLE,		/* drain the console ring, RUN again */
	KVM440_EXIT_DEBUG,		/* KVM440_SET_GUEST_DEBUG event: see
					 * run.debug */
};

enum kvm440_system_event {
	KVM440_SYSTEM_SHUTDOWN = 1,
	KVM440_SYSTEM_RESET_CORE,	/* DBCR0[RST] = 01 */
	KVM440_SYSTEM_RESET_CHIP,	/* DBCR0[RST] = 10 */
	KVM440_SYSTEM_RESET_SYSTEM,	/* DBCR0[RST] = 11 */
	KVM440_SYSTEM_WATCHDOG,		/* watchdog reset (TCR[WRC]) */
};

enum kvm440_internal_error {
	KVM440_INTERNAL_EMULATION = 1,	/* instruction could not be emulated */
	KVM440_INTERNAL_HOST_FAULT,	/* host could not fetch guest memory */
	KVM440_INTERNAL_MACHINE_CHECK,	/* machine check while in guest */
};

struct kvm440_run {
	__u32 exit_reason;	/* enum kvm440_exit_reason */
	__u32 flags;
	__u32 ready_for_interrupt;	/* out: guest MSR[EE] is set */
	__u32 pad;
	union {
		struct {
			__u64 phys_addr;
			__u8 data[8];	/* big-endian, as the bus sees it */
			__u32 len;	/* 1, 2, 4 (8 reserved) */
			__u8 is_write;
			__u8 pad[3];
		} mmio;
		struct {
			__u32 dcrn;
			__u32 data;	/* in for write, out for read */
			__u8 is_write;
			__u8 pad[7];
		} dcr;
		struct {
			__u32 type;	/* enum kvm440_system_event */
			__u32 pad;
		} system_event;
		struct {
			__u32 code;	/* enum kvm440_internal_error */
			__u32 pc;	/* guest PC of the failure */
			__u32 inst;	/* instruction word, if fetched */
			__u32 pad;
		} internal;
		struct {
			__u32 kind;	/* KVM440_DEBUG_* */
			__u32 pc;	/* the breakpoint's address, or where
					 * the step stopped */
			__u32 pad[2];
		} debug;
		__u8 reserved[256];
	};
};

/* ------------------------------------------------------------------ */
/* Generic netlink family                                              */

#define KVM440_GENL_NAME	"kvm440"
#define KVM440_GENL_VERSION	1
#define KVM440_GENL_MCGRP_EVENTS "events"

enum kvm440_cmd {
	KVM440_CMD_UNSPEC,
	KVM440_CMD_GET_VM,	/* do: one VM by KVM440_A_VM_ID; dump: all */
	KVM440_CMD_EVENT,	/* multicast notification */
	KVM440_CMD_STOP_VM,	/* owner or CAP_NET_ADMIN: RUN returns */
	/*
	 * KVM440_CAP_VM_CONTROL: for the VM's owner (same euid) or
	 * CAP_NET_ADMIN, by KVM440_A_VM_ID (docs/api.md)
	 */
	KVM440_CMD_PAUSE_VM,	/* the guest stops running until resumed */
	KVM440_CMD_RESUME_VM,
	KVM440_CMD_GET_VCPU,	/* do: A_REGS, A_SREGS, A_TLB, one instant */
	__KVM440_CMD_MAX
};
#define KVM440_CMD_MAX (__KVM440_CMD_MAX - 1)

enum kvm440_attr {
	KVM440_A_UNSPEC,
	KVM440_A_VM_ID,		/* u32 */
	KVM440_A_OWNER_PID,	/* u32, in the init pid namespace */
	KVM440_A_MEM_SIZE,	/* u64 bytes */
	KVM440_A_STATE,		/* u32 enum kvm440_vm_state */
	KVM440_A_UPTIME_MS,	/* u64 */
	KVM440_A_VCPUS,		/* u32 */
	KVM440_A_STATS,		/* nest of u64, type = enum kvm440_stat + 1;
				 * type 0 in the nest is alignment padding */
	KVM440_A_EVENT,		/* u32 enum kvm440_event */
	KVM440_A_EVENT_DATA,	/* u32, event specific (reason, code) */
	KVM440_A_PAD,
	KVM440_A_NAME,		/* string, KVM440_SET_VM_NAME; absent if unset */
	KVM440_A_OWNER_UID,	/* u32, creator's euid, init user namespace */
	KVM440_A_REGS,		/* struct kvm440_regs (GET_VCPU) */
	KVM440_A_SREGS,		/* struct kvm440_sregs (GET_VCPU) */
	KVM440_A_TLB,		/* struct kvm440_tlb (GET_VCPU) */
	__KVM440_A_MAX
};
#define KVM440_A_MAX (__KVM440_A_MAX - 1)

enum kvm440_vm_state {
	KVM440_VM_CREATED,	/* no vCPU yet */
	KVM440_VM_READY,	/* vCPU exists, not in RUN */
	KVM440_VM_RUNNING,	/* a thread is inside KVM440_RUN */
	KVM440_VM_HALTED,	/* guest idle, waiting for an interrupt */
	KVM440_VM_SHUTDOWN,	/* guest asked for shutdown or reset */
	KVM440_VM_ERROR,	/* internal error exit */
	KVM440_VM_PAUSED,	/* KVM440_CMD_PAUSE_VM until RESUME_VM */
};

enum kvm440_event {
	KVM440_EV_VM_CREATED = 1,
	KVM440_EV_VM_DESTROYED,
	KVM440_EV_VCPU_HALTED,
	KVM440_EV_GUEST_SHUTDOWN,	/* data: enum kvm440_system_event */
	KVM440_EV_INTERNAL_ERROR,	/* data: enum kvm440_internal_error */
	KVM440_EV_VM_PAUSED,
	KVM440_EV_VM_RESUMED,
};

/* ------------------------------------------------------------------ */
/* Capabilities and the in-kernel console (docs/api.md)                */

/*
 * /dev/kvm440 or a VM fd: whether the module has capability @arg
 * (KVM440_CAP_*): 0 when it has not (unknown numbers included), else a
 * positive, capability-specific value. A module older than this ioctl
 * fails it with ENOTTY: no capabilities.
 */
#define KVM440_CHECK_EXTENSION	_IO(KVM440IO, 0x03)
#define KVM440_CAP_CONSOLE	1	/* KVM440_SET_CONSOLE, EXIT_CONSOLE: 1 */
/* KVM440_MEM_ALLOC slots; the value is the largest chunk in bytes */
#define KVM440_CAP_ALLOC_MEM	2

/*
 * vCPU fd: let the kernel answer the simple accesses to a byte-wide 16550
 * at @uart_gpa (8 registers) while userspace says its state allows it
 * (struct kvm440_console_ring). flags 0 and uart_gpa 0 turn it off.
 */
struct kvm440_console_config {
	__u64 uart_gpa;		/* 8-aligned, below 1 << KVM440_GUEST_PHYS_BITS */
	__u32 flags;		/* KVM440_CONSOLE_* */
	__u32 pad;
};
#define KVM440_CONSOLE_ENABLE	(1u << 0)
#define KVM440_CONSOLE_FLAGS_ALL KVM440_CONSOLE_ENABLE
#define KVM440_SET_CONSOLE	_IOW(KVM440IO, 0x27, struct kvm440_console_config)

/*
 * Shared console state, in the vCPU mapping at KVM440_CONSOLE_OFFSET
 * (after struct kvm440_run, in the same page). "in": userspace writes it
 * before RUN and the kernel only reads it; "out": the kernel writes it.
 * While @allow is non-zero the kernel, without exiting, puts a one-byte
 * THR write (register 0) into @buf, answers one-byte LSR (5) and IER (1)
 * reads with @lsr and @ier and drops an IER write of the value @ier; any
 * other access, and every access while @allow is 0 or the ring is full,
 * exits as MMIO. Byte n written goes to buf[n % KVM440_CONSOLE_RING];
 * @head - @tail bytes wait. After a '\n', when the ring fills, or at a
 * second LSR read in a row while bytes wait (the guest polls for input,
 * maybe after a prompt), RUN ends with KVM440_EXIT_CONSOLE. Userspace
 * takes the waiting bytes (and advances @tail) after every RUN, before
 * it handles the exit.
 */
#define KVM440_CONSOLE_OFFSET	2048
#define KVM440_CONSOLE_RING	1024	/* a power of two */
struct kvm440_console_ring {
	__u32 allow;		/* in: the kernel may answer (see above) */
	__u8 lsr;		/* in: what LSR reads */
	__u8 ier;		/* in: what IER reads */
	__u8 pad[2];
	__u32 head;		/* out: bytes ever put in @buf */
	__u32 tail;		/* in: bytes ever taken from @buf */
	__u8 buf[KVM440_CONSOLE_RING];
};

/*
 * VM fd: name the VM, for netlink (KVM440_A_NAME) and kvm440ctl. 1 to
 * KVM440_NAME_MAX - 1 printable ASCII characters other than space and
 * '/', not all digits (so a name never reads as an id), NUL-terminated,
 * the bytes after the NUL zero. A VM may be renamed; names need not be
 * unique. KVM440_CAP_VM_NAME answers KVM440_NAME_MAX.
 */
#define KVM440_NAME_MAX		32	/* bytes, with the NUL */
struct kvm440_vm_name {
	char name[KVM440_NAME_MAX];
};
#define KVM440_SET_VM_NAME	_IOW(KVM440IO, 0x14, struct kvm440_vm_name)
#define KVM440_CAP_VM_NAME	3
/*
 * Netlink PAUSE_VM, RESUME_VM and GET_VCPU exist, and the VM's owner may
 * STOP_VM without CAP_NET_ADMIN: 1
 */
#define KVM440_CAP_VM_CONTROL	4

/* ------------------------------------------------------------------ */
/* Guest debugging (docs/api.md)                                        */

/*
 * vCPU fd: what exits to userspace with KVM440_EXIT_DEBUG instead of
 * reaching the guest.
 * - KVM440_GUESTDBG_SW_BP: a trap instruction (program interrupt with
 *   ESR[PTR]) at one of the @nr_bp guest effective addresses in @bp
 *   (4-aligned), reported as KVM440_DEBUG_BREAKPOINT with the pc left at
 *   the trap. Traps elsewhere stay the guest's. Userspace writes the trap
 *   instructions into guest memory itself.
 * - KVM440_GUESTDBG_SINGLESTEP: every RUN executes one guest instruction
 *   (or takes one interrupt into the guest) and exits with
 *   KVM440_DEBUG_STEP and the next pc.
 * flags 0 turns debugging off; nr_bp and bp must then be 0 too. Unknown
 * flags, nr_bp > KVM440_GUESTDBG_MAX_BP, unaligned addresses and non-zero
 * reserved words are -EINVAL. KVM440_CAP_GUEST_DEBUG says
 * KVM440_GUESTDBG_MAX_BP.
 */
#define KVM440_CAP_GUEST_DEBUG	5
#define KVM440_GUESTDBG_MAX_BP	32
struct kvm440_guest_debug {
	__u32 flags;		/* KVM440_GUESTDBG_* */
	__u32 nr_bp;
	__u32 bp[KVM440_GUESTDBG_MAX_BP];
	__u32 reserved[6];
};
#define KVM440_GUESTDBG_SW_BP		(1u << 0)
#define KVM440_GUESTDBG_SINGLESTEP	(1u << 1)
#define KVM440_GUESTDBG_FLAGS_ALL	(KVM440_GUESTDBG_SW_BP | \
					 KVM440_GUESTDBG_SINGLESTEP)
#define KVM440_SET_GUEST_DEBUG	_IOW(KVM440IO, 0x28, struct kvm440_guest_debug)

/* run.debug.kind */
#define KVM440_DEBUG_BREAKPOINT	1
#define KVM440_DEBUG_STEP	2

#endif /* _UAPI_LINUX_KVM440_H */
