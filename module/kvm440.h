/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of kvm440.ko. */
#ifndef KVM440_INTERNAL_H
#define KVM440_INTERNAL_H

#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "../uapi/linux/kvm440.h"
#include "run.h"
#include "booke.h"

#define KVM440_VERSION "0.1.0"

/* main.c: module parameters */
extern unsigned int kvm440_max_vms;
extern unsigned int kvm440_max_vm_mem_mb;

/* host_tlb.c: what the host kernel owns in the hardware TLB */
struct kvm440_host_tlb {
	unsigned int bolted_first;	/* lowest index the host bolted */
};
extern struct kvm440_host_tlb kvm440_host_tlb;
int kvm440_host_tlb_probe(void);

/* mem.c: one guest RAM region, pinned for the VM's lifetime */
struct kvm440_memslot {
	u64 gpa;
	u64 size;			/* 0: slot unused */
	unsigned long uaddr;
	u32 flags;
	struct page **pages;		/* size >> PAGE_SHIFT pinned pages */
};

struct kvm440_vcpu;

/*
 * A VM lives as long as its fd or any vCPU fd: each holds a reference, so
 * closing the VM fd under a running vCPU is safe by construction.
 */
struct kvm440_vm {
	struct kref ref;
	u32 id;
	pid_t owner_pid;		/* tgid, init pid namespace */
	struct mm_struct *mm;		/* owner's mm, for locked_vm */
	ktime_t created;

	struct mutex lock;		/* slots, vcpu, state */
	struct kvm440_memslot slots[KVM440_MAX_MEM_SLOTS];
	u64 mem_bytes;
	struct kvm440_vcpu *vcpu;
	u32 state;			/* enum kvm440_vm_state */
	bool stop_requested;
	u32 irq_lines;			/* bit n: KVM440_IRQ_n raised */

	u64 stats[KVM440_STAT_NR];
	struct list_head node;		/* kvm440_vms, under kvm440_vms_lock */
};

/* vm.c */
extern struct list_head kvm440_vms;
extern struct mutex kvm440_vms_lock;
int kvm440_vm_create_fd(void);
void kvm440_vm_get(struct kvm440_vm *vm);
void kvm440_vm_put(struct kvm440_vm *vm);
struct kvm440_vm *kvm440_vm_find(u32 id);	/* takes a reference */
u32 kvm440_vm_state(struct kvm440_vm *vm);

/* mem.c */
int kvm440_set_memory_region(struct kvm440_vm *vm,
			     const struct kvm440_memory_region *mr);
void kvm440_free_memslots(struct kvm440_vm *vm);
struct page *kvm440_gpa_page(struct kvm440_vm *vm, u64 gpa, bool *ro);

/*
 * The vCPU. Outside KVM440_RUN its state is @regs, @sregs and @tlb; inside,
 * the GPRs, CR/LR/CTR/XER and pc live in @ctx (which entry.S loads and
 * saves) and @regs holds only the guest MSR. @ctx is embedded so it shares
 * the vCPU's kmalloc (lowmem) allocation: the exit path touches it before
 * any translation of the host's other than the bolted lowmem entries.
 */
struct kvm440_vcpu {
	struct kvm440_ctx ctx;
	struct kvm440_vm *vm;
	struct kvm440_run *run;		/* one zeroed page, mmap()ed */
	struct mutex lock;		/* one ioctl at a time */
	bool in_run;			/* under vm->lock */
	struct kvm440_regs regs;
	struct kvm440_sregs sregs;
	struct kvm440_tlb_entry tlb[KVM440_TLB_ENTRIES];
};

/* vcpu.c */
int kvm440_vcpu_create_fd(struct kvm440_vm *vm, unsigned long id);
bool kvm440_vcpu_running(struct kvm440_vm *vm);

/* What the run loop does after an exit has been handled. */
enum exit_action {
	EXIT_RESUME,		/* handled, re-enter with interrupts still off */
	EXIT_HOST_IRQ,		/* let the host take its interrupt, re-enter */
	EXIT_USER,		/* run->exit_reason set: back to userspace */
};

/* run.c: end RUN with an internal-error exit at @pc */
enum exit_action kvm440_internal_error(struct kvm440_vcpu *vcpu, u32 code,
				       u32 pc, u32 inst);

/*
 * run.c: give the guest interrupt @irq now, returning to @ret_pc; drops
 * the shadow TLB entries when the MSR change alters their rights.
 */
void kvm440_deliver(struct kvm440_vcpu *vcpu, enum kvm440_irq irq,
		    u32 ret_pc);

/* tlb.c: the guest TLB and its shadows in the hardware TLB */
#define KVM440_SHADOW_PID	1	/* hardware PID and shadow TID in guest */
const struct kvm440_tlb_entry *kvm440_gtlb_find(struct kvm440_vcpu *vcpu,
						u32 ea, bool ts);
u64 kvm440_gtlb_gpa(const struct kvm440_tlb_entry *e, u32 ea);
u32 kvm440_fetch_inst(struct kvm440_vcpu *vcpu, u32 pc);
bool kvm440_shadow_fill(struct kvm440_vcpu *vcpu, u32 ea, bool fetch);
void kvm440_shadow_flush(void);
/* DSI, ISI, DTLB or ITLB miss (IVOR number @vector) taken in the guest */
enum exit_action kvm440_mmu_exit(struct kvm440_vcpu *vcpu,
				 unsigned int vector);

/* tlbwe, tlbre, tlbsx, tlbsync; returns enum kvm440_emul */
struct kvm440_insn_desc;
int kvm440_emulate_tlb(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst);

/* io.c: sc, MMIO and DCR accesses */
enum exit_action kvm440_sc_exit(struct kvm440_vcpu *vcpu);
/* at RUN: complete the MMIO/DCR read userspace has answered */
void kvm440_io_complete(struct kvm440_vcpu *vcpu);
/* mfdcr, mtdcr; returns enum kvm440_emul */
int kvm440_emulate_dcr(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst);

/* timer.c: DEC, FIT, watchdog and the timebase; return enum kvm440_emul */
int kvm440_timer_mtspr(struct kvm440_vcpu *vcpu, int sprn, u32 val);
int kvm440_timer_mfspr(struct kvm440_vcpu *vcpu, int sprn, u32 *val);
/*
 * Guest MSR[WE]: sleep until an interrupt is due for the guest, then clear
 * WE; 0, or -EINTR on a signal (WE stays set, RUN may be called again).
 */
int kvm440_timer_idle(struct kvm440_vcpu *vcpu);

/* netlink.c */
int kvm440_netlink_init(void);
void kvm440_netlink_exit(void);
void kvm440_netlink_event(struct kvm440_vm *vm, u32 event, u32 data);

/* dev.c: /dev/kvm440 */
int kvm440_dev_init(void);
void kvm440_dev_exit(void);

#endif
