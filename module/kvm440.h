/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces between the files of kvm440.ko. */
#ifndef KVM440_INTERNAL_H
#define KVM440_INTERNAL_H

#include <linux/hrtimer.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/uidgid.h>

#include <asm/processor.h>

#include "../uapi/linux/kvm440.h"
#include "run.h"
#include "booke.h"
#include "timer.h"
#include "console.h"
#include "slotmap.h"
#include "gtlb.h"
#include "shadow_array.h"
#include "debug.h"
#include "paravirt.h"

#define KVM440_VERSION "0.1.0"

/* main.c: module parameters */
extern unsigned int kvm440_max_vms;
extern unsigned int kvm440_max_vms_per_user;
extern unsigned int kvm440_max_vm_mem_mb;

/* host_tlb.c: what the host kernel owns in the hardware TLB */
struct kvm440_host_tlb {
	unsigned int bolted_first;	/* lowest index the host bolted */
	/*
	 * word 0 of a TS=1 entry the host pinned (its early-debug UART), or
	 * 0: no shadow may overlap it, since its TID 0 matches every PID
	 */
	u32 pinned_ts1;
};
extern struct kvm440_host_tlb kvm440_host_tlb;
int kvm440_host_tlb_probe(void);

/*
 * mem.c: one guest RAM region: the owner's pages pinned, or (flag
 * KVM440_MEM_ALLOC) pages the module allocated in large chunks, each with
 * one reference of the slot's (and one per user mapping of it).
 */
struct kvm440_memslot {
	u64 gpa;
	u64 size;			/* 0: slot unused */
	unsigned long uaddr;		/* 0 for KVM440_MEM_ALLOC */
	u32 flags;
	struct page **pages;		/* size >> PAGE_SHIFT pages */
	unsigned long *xclean;		/* tlb.c: pages icache-synced */
	/*
	 * Which naturally aligned blocks one shadow can map (slotmap.h),
	 * computed once, as the pages never move: a shadow's size in O(1).
	 */
	struct slotmap map;
};

struct kvm440_vcpu;
struct kvm440_insn_desc;

/*
 * io.c: the part of an MMIO or DCR access that waits for userspace (a
 * read's target register), and an lmw/stmw that MMIO splits into one exit
 * per word. 16 bytes; cleared by SET_REGS (kvm440_io_cancel()).
 */
struct kvm440_io {
	u8 pending;		/* KVM440_IO_* */
	u8 reg;			/* rD the read completes into */
	u8 len;			/* MMIO read: bytes */
	u8 flags;		/* MMIO read: KVM440_F_* (SEXT, BREV) */
	u8 next;		/* lmw/stmw: next word index, 0 if none */
	u8 pad[3];
	u32 pc;			/* lmw/stmw: the instruction's address */
	u32 mark;		/* lmw/stmw: io_mark() at the word's exit */
};

/* console.c: the console fast path (KVM440_SET_CONSOLE) */
struct kvm440_console_state {
	u64 gpa;		/* the UART's 8 registers */
	struct kvm440_console_own own;	/* console.h */
	bool on;
};

/*
 * ctl.c: what the VM's owner and the netlink family control: its name,
 * whether it is paused, and a request to snapshot the vCPU.
 */
struct kvm440_snapshot {
	struct kvm440_regs regs;
	struct kvm440_sregs sregs;
	struct kvm440_tlb tlb;
};

struct kvm440_vm_ctl {
	spinlock_t name_lock;
	char name[KVM440_NAME_MAX];	/* "": unnamed */
	kuid_t owner;			/* creator's euid */
	bool paused;			/* set under vm->lock (and timer lock) */
	wait_queue_head_t pause_wq;	/* a paused vCPU waits here */
	struct mutex snap_mutex;	/* one snapshot request at a time */
	/* the snapshot the vCPU thread is asked to fill; under vm->lock */
	struct kvm440_snapshot *snap;
	struct completion snap_done;
};

/*
 * A VM lives as long as its fd or any vCPU fd: each holds a reference, so
 * closing the VM fd under a running vCPU is safe by construction.
 */
struct kvm440_vm {
	struct kref ref;
	u32 id;
	pid_t owner_pid;		/* tgid, init pid namespace */
	struct mm_struct *mm;		/* owner's mm, for locked_vm */
	kuid_t uid;			/* creator's, for max_vms_per_user */
	ktime_t created;

	struct mutex lock;		/* slots, vcpu, state */
	/*
	 * Also held to change slots[], and by mmap() of the VM fd, which
	 * runs under the owner's mmap lock and so must not take @lock (slot
	 * changes take the mmap lock under @lock). Nothing is taken under it.
	 */
	struct mutex ram_lock;
	struct kvm440_memslot slots[KVM440_MAX_MEM_SLOTS];
	u64 mem_bytes;
	struct kvm440_vcpu *vcpu;
	u32 state;			/* enum kvm440_vm_state */
	bool stop_requested;
	u32 irq_lines;			/* bit n: KVM440_IRQ_n raised */

	u64 stats[KVM440_STAT_NR];
	struct kvm440_vm_ctl ctl;	/* ctl.c */
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
/* vm.c: on every close of a VM or vCPU fd */
void kvm440_vm_flush_orphan(struct kvm440_vm *vm);
struct page *kvm440_gpa_page(struct kvm440_vm *vm, u64 gpa, bool *ro);
/*
 * The memory slot holding guest physical @gpa, or NULL; inline, since the
 * refill path (tlb.c) asks on every guest TLB miss.
 */
static inline struct kvm440_memslot *kvm440_gpa_slot(struct kvm440_vm *vm,
						     u64 gpa)
{
	struct kvm440_memslot *s;

	for (s = vm->slots; s < vm->slots + KVM440_MAX_MEM_SLOTS; s++)
		if (s->size && gpa >= s->gpa && gpa - s->gpa < s->size)
			return s;
	return NULL;
}
/* guest physical [@base, +@bytes), naturally aligned, is one aligned piece */
bool kvm440_gpa_contig(struct kvm440_vm *vm, u64 base, u32 bytes);
/* tlb.c, on every shadow written: the shadow_* stat of its size */
void kvm440_count_shadow(struct kvm440_vm *vm, u32 w0);
/* mmap() of the VM fd: KVM440_MEM_ALLOC memory at offset guest_phys */
struct vm_area_struct;
int kvm440_mem_mmap(struct kvm440_vm *vm, struct vm_area_struct *vma);
/* module parameter alloc_mem: KVM440_MEM_ALLOC slots are offered */
extern bool kvm440_alloc_mem;
/* the largest chunk a KVM440_MEM_ALLOC slot is made of, in bytes */
#define KVM440_ALLOC_MAX_ORDER	(MAX_ORDER - 1)
#define KVM440_ALLOC_CHUNK	(PAGE_SIZE << KVM440_ALLOC_MAX_ORDER)

/* timer.c: the guest's DEC, FIT and watchdog (timer.h), and its idle wait */
struct kvm440_timer {
	spinlock_t lock;	/* all below, and sregs dec/decar/tcr/tsr */
	struct kvm440_tstate st;
	struct hrtimer hrt;	/* for the event kvm440_timer_next() names */
	u64 armed_tb;		/* that event's TB; 0: not armed */
	bool dead;		/* vCPU going away: never arm again */
	bool reset;		/* a watchdog reset RUN has yet to report */
	wait_queue_head_t wq;	/* the vCPU thread idles here */
};

#define KVM440_DECODED	8	/* a power of two */

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
	struct kvm440_timer timer;	/* timer.c */
	struct kvm440_io io;
	struct kvm440_console_state console;	/* console.c */
	/* tlb.c: per hardware slot, the shadow it holds; see tlb.c */
	u8 shadow_ref[KVM440_TLB_ENTRIES];
	u8 shadow_next;			/* round-robin victim slot */
	u8 split_merged;		/* tlb.c: split_merge() made a shadow */
	/*
	 * shadow_array.c: shadow=array only (else NULL), lowmem; here it
	 * takes 4 of the 7 padding bytes before @shadowed
	 */
	struct kvm440_sarray_entry *sarray;
	u64 shadowed;			/* bit n: guest entry n may have some */
	/* tlb.c: the lookup index of @tlb (gtlb.h), kept in step with it */
	struct gtlb_ix gix;
	/*
	 * tlb.c: the last guest page an instruction was fetched from: its
	 * lowmem address, valid while fetch_key (EA page | PID << 2 |
	 * MSR[IS] << 1 | 1) is the current one; 0 after any tlbwe and at
	 * RUN start (SET_TLB and memory slots change only outside RUN).
	 */
	u32 fetch_key;
	const u32 *fetch_va;
	/*
	 * emulate.c: the last instructions decoded, by a hash of their
	 * bits (decoding depends on nothing else); d NULL: empty.
	 */
	struct {
		u32 inst;
		const struct kvm440_insn_desc *d;
	} decoded[KVM440_DECODED];
	/*
	 * run.c: the guest's FPRs and FPSCR while they are not in the FPU.
	 * Loaded on the guest's first FP instruction under its MSR[FP],
	 * with current->thread.fp_save_area pointing here, so a host
	 * context switch saves them here too.
	 */
	struct thread_fp_state fp;
	struct kvm440_debug debug;	/* debug.c: a userspace debugger's */
	struct kvm440_pv pv;		/* paravirt.c: the magic page */
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
/*
 * Hardware PID while the guest runs, and TID of the shadows made then:
 * one per guest mode, so a mode switch flushes nothing (see tlb.c).
 */
#define KVM440_SHADOW_PID_KERNEL	1
#define KVM440_SHADOW_PID_USER		2
static inline u32 kvm440_shadow_pid(u32 guest_msr)
{
	return guest_msr & KVM440_MSR_PR ? KVM440_SHADOW_PID_USER :
					   KVM440_SHADOW_PID_KERNEL;
}

const struct kvm440_tlb_entry *kvm440_gtlb_find(struct kvm440_vcpu *vcpu,
						u32 ea, bool ts);
/* the guest TLB was replaced wholesale (SET_TLB): rebuild what derives */
void kvm440_gtlb_reset(struct kvm440_vcpu *vcpu);
u64 kvm440_gtlb_gpa(const struct kvm440_tlb_entry *e, u32 ea);
u32 kvm440_fetch_inst(struct kvm440_vcpu *vcpu, u32 pc);
/* drop every shadow (IS/DS change, RUN returns) */
void kvm440_shadow_flush(struct kvm440_vcpu *vcpu);
/*
 * before anything that may schedule: no shadow may stay in the hardware
 * (shadow=array keeps its array to reload at the next entry)
 */
void kvm440_shadow_release(struct kvm440_vcpu *vcpu);
/*
 * paravirt.c: write shadow @w with TID @tid in the next victim slot, with
 * no reference to a guest entry, so no guest tlbwe drops it
 */
void kvm440_shadow_put_raw(struct kvm440_vcpu *vcpu, const u32 w[3], u32 tid);
/* the guest changed its PID: drop the shadows of per-process entries */
void kvm440_shadow_pid_changed(struct kvm440_vcpu *vcpu);
/* a DTLB or ITLB miss the guest TLB satisfies simply: refilled, true */
bool kvm440_refill(struct kvm440_vcpu *vcpu, bool fetch);
/* DSI, ISI, DTLB or ITLB miss (IVOR number @vector) taken in the guest */
enum exit_action kvm440_mmu_exit(struct kvm440_vcpu *vcpu,
				 unsigned int vector);

/* tlbwe, tlbre, tlbsx, tlbsync; returns enum kvm440_emul */
struct kvm440_insn_desc;
int kvm440_emulate_tlb(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst);

/* io.c: sc, MMIO and DCR accesses */
enum kvm440_io_pending {
	KVM440_IO_NONE,
	KVM440_IO_MMIO_READ,	/* rD = run->mmio.data at the next RUN */
	KVM440_IO_DCR_READ,	/* rD = run->dcr.data at the next RUN */
};
/* sc: the guest's own system call interrupt */
enum exit_action kvm440_sc_exit(struct kvm440_vcpu *vcpu);
/*
 * A guest data access at @ea translated by the guest TLB to @gpa, which is
 * not guest RAM (or is a write to a read-only slot): decode the faulting
 * instruction at the guest pc and exit to userspace with run->mmio.
 */
enum exit_action kvm440_mmio_exit(struct kvm440_vcpu *vcpu, u64 gpa, u32 ea);
/* at RUN: complete the MMIO/DCR read userspace has answered */
void kvm440_io_complete(struct kvm440_vcpu *vcpu);
/* SET_REGS: userspace owns the registers now; forget what is pending */
static inline void kvm440_io_cancel(struct kvm440_vcpu *vcpu)
{
	vcpu->io.pending = KVM440_IO_NONE;
	vcpu->io.next = 0;
}
/* console.c: KVM440_SET_CONSOLE, checked */
int kvm440_set_console(struct kvm440_vcpu *vcpu,
		       const struct kvm440_console_config *cfg);
/*
 * kvm440_mmio_exit(), for a single access @op to @gpa: true when the
 * console fast path answered it (retired, @act says what next), false
 * for an MMIO exit as usual.
 */
struct kvm440_mmio_op;
bool kvm440_console_mmio(struct kvm440_vcpu *vcpu, u64 gpa,
			 const struct kvm440_mmio_op *op,
			 enum exit_action *act);
/* mfdcr, mtdcr; returns enum kvm440_emul */
int kvm440_emulate_dcr(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst);

/* timer.c: DEC, FIT, watchdog and the timebase; return enum kvm440_emul */
int kvm440_timer_mtspr(struct kvm440_vcpu *vcpu, int sprn, u32 val);
int kvm440_timer_mfspr(struct kvm440_vcpu *vcpu, int sprn, u32 *val);
void kvm440_timer_init(struct kvm440_vcpu *vcpu);
/* stops the hrtimer for good; the vCPU may be freed after it */
void kvm440_timer_destroy(struct kvm440_vcpu *vcpu);
/* sregs dec and tsr brought up to date, tb = the TB the guest reads */
void kvm440_timer_get_sregs(struct kvm440_vcpu *vcpu);
/* take DEC/DECAR/TCR/TSR from @in; DEC counts down from now */
void kvm440_timer_set_sregs(struct kvm440_vcpu *vcpu,
			    const struct kvm440_sregs *in);
/*
 * Run loop, before each entry, interrupts off: deliver the asynchronous
 * interrupt due (EXIT_RESUME), or end RUN with a watchdog reset (EXIT_USER).
 */
enum exit_action kvm440_timer_deliver(struct kvm440_vcpu *vcpu);
/*
 * Guest MSR[WE]: sleep until an interrupt is due for the guest and return
 * 0 with WE still set (delivering the interrupt clears it, leaving WE in
 * SRR1 as the 440 does). -EINTR on a signal, -EAGAIN on a stop request,
 * both with WE set for the run loop to report. 1 when RUN must end with
 * run->exit_reason set: KVM440_EXIT_HALT when MSR[EE] and MSR[CE] are both
 * clear, or a watchdog reset.
 */
int kvm440_timer_idle(struct kvm440_vcpu *vcpu);
/* wake the VM's vCPU if it idles, to re-check its inputs and stop request */
void kvm440_vm_kick(struct kvm440_vm *vm);

/* ctl.c */
void kvm440_ctl_init(struct kvm440_vm *vm);
int kvm440_ctl_set_name(struct kvm440_vm *vm, const void __user *argp);
/* @buf gets the name, "" when the VM has none */
void kvm440_ctl_get_name(struct kvm440_vm *vm, char buf[KVM440_NAME_MAX]);
int kvm440_ctl_pause(struct kvm440_vm *vm, bool pause);
int kvm440_ctl_snapshot(struct kvm440_vm *vm, struct kvm440_snapshot *s);
/*
 * The vCPU thread, in RUN or as RUN ends, with @regs its registers: fill
 * a snapshot requested meanwhile. _locked: under vm->lock.
 */
void kvm440_ctl_serve(struct kvm440_vcpu *vcpu,
		      const struct kvm440_regs *regs);
void kvm440_ctl_serve_locked(struct kvm440_vcpu *vcpu,
			     const struct kvm440_regs *regs);
/* run.c: wait while the VM is paused; returns at once for a request */
void kvm440_ctl_pause_wait(struct kvm440_vcpu *vcpu);
/* timer.c: the watchdog sees no events while paused; under vm->lock */
void kvm440_timer_pause(struct kvm440_vcpu *vcpu, bool pause);

/* netlink.c */
int kvm440_netlink_init(void);
void kvm440_netlink_exit(void);
void kvm440_netlink_event(struct kvm440_vm *vm, u32 event, u32 data);

/* dev.c: /dev/kvm440, and KVM440_CHECK_EXTENSION for it and VM fds */
long kvm440_check_extension(unsigned long cap);
int kvm440_dev_init(void);
void kvm440_dev_exit(void);

#endif
