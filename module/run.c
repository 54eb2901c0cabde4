// SPDX-License-Identifier: GPL-2.0
/*
 * Guest execution: the switch region, the run loop and the exit handling of
 * this prototype.
 *
 * The guest runs in problem state with IS=DS=1 and EE=1 and with the
 * hardware PID set to a shadow PID; every interrupt lands in a stub of the
 * switch region (see entry.S) and comes back here as an exit vector.
 *
 * Shadow TLB entries are TS=1, TID 1 (guest kernel mode) or 2 (guest user
 * mode; the hardware PID follows the guest's MSR[PR], see tlb.c), written
 * round-robin below the host's bolted range. They survive host interrupts
 * taken between two entries, and are all invalidated before this thread
 * can be switched out or RUN returns; tlb.c says why that is exactly
 * where it is needed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <asm/cacheflush.h>
#include <asm/cputable.h>
#include <asm/reg.h>
#include <asm/switch_to.h>

#include "kvm440.h"
#include "emulate.h"
#include "run.h"
#include "debug.h"
#include "tlbword.h"
#include "pv_hooks.h"

/* QEMU ORs these into SRR1 on program interrupts (not MSR bits we use) */
#define SRR1_QEMU_EXTRA		0x00060000

#define GUEST_HW_MSR		(MSR_PR | MSR_IS | MSR_DS | MSR_EE | MSR_ME)
#define GUEST_FP_MSR		(MSR_FP | MSR_FE0 | MSR_FE1)


static DEFINE_MUTEX(region_lock);
static void *region;		/* KVM440_REGION_SIZE, lowmem, 64K-aligned */
static u32 region_ivor[16];	/* where each vector stub sits in it */
static size_t region_stub;	/* and its size, in bytes */
static u32 (*enter_fn)(struct kvm440_ctx *ctx,
		       const struct kvm440_sarray_entry *sarray, u32 n);
static void (*tlb_write_fn)(u32 index, u32 w0, u32 w1, u32 w2, u32 tid);

static u32 read_ivor(unsigned int n)
{
	switch (n) {
	case 0: return mfspr(SPRN_IVOR0);
	case 1: return mfspr(SPRN_IVOR1);
	case 2: return mfspr(SPRN_IVOR2);
	case 3: return mfspr(SPRN_IVOR3);
	case 4: return mfspr(SPRN_IVOR4);
	case 5: return mfspr(SPRN_IVOR5);
	case 6: return mfspr(SPRN_IVOR6);
	case 7: return mfspr(SPRN_IVOR7);
	case 8: return mfspr(SPRN_IVOR8);
	case 9: return mfspr(SPRN_IVOR9);
	case 10: return mfspr(SPRN_IVOR10);
	case 11: return mfspr(SPRN_IVOR11);
	case 12: return mfspr(SPRN_IVOR12);
	case 13: return mfspr(SPRN_IVOR13);
	case 14: return mfspr(SPRN_IVOR14);
	default: return mfspr(SPRN_IVOR15);
	}
}

static void *region_addr(const u32 *sym)
{
	return region + KVM440_SWITCH_OFF +
	       ((unsigned long)sym - (unsigned long)kvm440_switch_start);
}

/* Each stub must fit before the next vector and below the switch code. */
static int check_ivors(const u32 *ivor, size_t stub)
{
	unsigned int i, j;

	for (i = 0; i < 16; i++) {
		if (ivor[i] & 0xf || ivor[i] + stub > KVM440_SWITCH_OFF)
			return -ENODEV;
		for (j = 0; j < 16; j++)
			if (j != i && ivor[j] >= ivor[i] &&
			    ivor[j] < ivor[i] + stub)
				return -ENODEV;
	}
	return 0;
}

/*
 * 440x5-based parts (440GX, 440EPx, 440SPe, 460...: the host's
 * machine_check_440A) save a machine check in MCSRR0/1 and report it in
 * MCSR; the 440x4 (440EP, 440GP) in CSRR0/1 and ESR. Known from the
 * handler the host chose, by name: the symbol is not exported.
 */
static bool mc_uses_mcsrr;

static void mc_probe(void)
{
	char name[KSYM_SYMBOL_LEN];

	snprintf(name, sizeof(name), "%ps", cur_cpu_spec->machine_check);
	mc_uses_mcsrr = !strcmp(name, "machine_check_440A");
}

static int region_setup(void)
{
	size_t stub = (kvm440_stub_end - kvm440_stub_start) * 4;
	size_t sw = (kvm440_switch_end - kvm440_switch_start) * 4;
	u32 ivor[16];
	unsigned int i;
	void *r;

	BUILD_BUG_ON(sizeof(struct kvm440_ctx) != CTX_SIZE);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, cr) != CTX_CR);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, srr0) != CTX_SRR0);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, vector) != CTX_VECTOR);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, ivpr) != CTX_IVPR);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, sprg4_7) != CTX_SPRG4);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, host_r1) != CTX_HOST_R1);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, host_sprg1) !=
		     CTX_HOST_SPRG1);
	BUILD_BUG_ON(offsetof(struct kvm440_ctx, host_r13_31) !=
		     CTX_HOST_R13);

	mutex_lock(&region_lock);
	if (region)
		goto out;

	for (i = 0; i < 16; i++)
		ivor[i] = read_ivor(i);
	if (stub > 0x40 || sw > KVM440_REGION_SIZE - KVM440_SWITCH_OFF ||
	    check_ivors(ivor, stub)) {
		/* every RUN comes here again: say it once */
		pr_err_once("host IVORs leave no room for the vector stubs\n");
		mutex_unlock(&region_lock);
		return -ENODEV;
	}

	/* a 64K buddy block is 64K-aligned, and GFP_KERNEL gives lowmem */
	r = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
				     get_order(KVM440_REGION_SIZE));
	if (!r) {
		mutex_unlock(&region_lock);
		return -ENOMEM;
	}
	WARN_ON(!IS_ALIGNED((unsigned long)r, KVM440_REGION_SIZE));
	region = r;
	memcpy(region_ivor, ivor, sizeof(region_ivor));
	region_stub = stub;

	memcpy(region + KVM440_SWITCH_OFF, kvm440_switch_start, sw);
	for (i = 0; i < 16; i++) {
		u32 *s = region + ivor[i];
		u32 *b = s + (stub / 4) - 1;
		long off = (long)region_addr(kvm440_exit_common) - (long)b;

		memcpy(s, kvm440_stub_start, stub);
		b[-1] |= i;				/* li r3,i */
		*b = 0x48000000 | (off & 0x03fffffc);	/* b exit_common */
	}
	mc_probe();
	flush_icache_range((unsigned long)region,
			   (unsigned long)region + KVM440_REGION_SIZE);
	enter_fn = region_addr(kvm440_enter);
	tlb_write_fn = region_addr(kvm440_tlb_write);
	pr_info("switch region at %p (IVOR %#x..%#x, stub %zu bytes)\n",
		region, ivor[0], ivor[15], stub);
out:
	mutex_unlock(&region_lock);
	return 0;
}

void kvm440_run_cleanup(void)
{
	if (region)
		free_pages((unsigned long)region,
			   get_order(KVM440_REGION_SIZE));
	region = NULL;
}

void kvm440_hw_tlb_write(u32 index, u32 w0, u32 w1, u32 w2, u32 tid)
{
	tlb_write_fn(index, w0, w1, w2, tid);
}

/* ------------------------------------------------------------------ */
/* the guest's floating point                                           */

/*
 * A 440 Linux guest (440EP has an FPU) uses FP in its userland and saves
 * and restores it in its kernel. The guest's FPRs live in the real FPU
 * while the guest runs with MSR[FP], owned by this thread the way a
 * user's are: thread.fp_save_area points at the vCPU, so a host context
 * switch or a kernel-mode FP user saves them there (as upstream KVM's
 * booke did). They are loaded lazily, on the first FP unavailable exit
 * with the guest's MSR[FP] set, and given back before RUN returns.
 */
static bool guest_fp_live(struct kvm440_vcpu *vcpu)
{
	return current->thread.fp_save_area == &vcpu->fp &&
	       current->thread.regs->msr & MSR_FP;
}

/* interrupts are off: nothing can take the FPU between here and entry */
static void guest_fp_load(struct kvm440_vcpu *vcpu)
{
	if (guest_fp_live(vcpu))
		return;
	enable_kernel_fp();	/* saves the VMM's own FP state, if live */
	load_fp_state(&vcpu->fp);
	disable_kernel_fp();
	current->thread.fp_save_area = &vcpu->fp;
	current->thread.regs->msr |= MSR_FP;
}

static void guest_fp_put(struct kvm440_vcpu *vcpu)
{
	if (current->thread.fp_save_area != &vcpu->fp)
		return;
	/* no switch between the test and the save, which would save twice */
	preempt_disable();
	if (current->thread.regs->msr & MSR_FP)
		giveup_fpu(current);	/* into vcpu->fp */
	current->thread.fp_save_area = NULL;
	preempt_enable();
}

/* ------------------------------------------------------------------ */
/* state the hardware keeps after an exit                               */

/*
 * SPRG4-7 hold the guest's values while it runs (entry.S), and user mode
 * reads them (SPRG4R-7R): before anything else may run on this CPU (a
 * reschedule, the idle wait, RUN's return) they are cleared. Between two
 * entries only this thread and interrupt handlers run, so the guest's
 * values may stay; the host keeps nothing in them across an interrupt.
 * Four mtspr per reschedule or RUN, nothing per exit.
 */
static inline void guest_sprg_clear(void)
{
	mtspr(SPRN_SPRG4W, 0);
	mtspr(SPRN_SPRG5W, 0);
	mtspr(SPRN_SPRG6W, 0);
	mtspr(SPRN_SPRG7W, 0);
}

/*
 * A machine check left the guest. It is the host's hardware failing, not
 * the guest's doing: it is logged, its status cleared, and RUN ends with
 * an internal error at the guest pc the interrupt saved. If it was taken
 * outside the guest (MSR[PR] clear: in a stub or the exit path, where
 * ME is still on until the host's MSR returns), the context's registers
 * may be partly the exit path's own (the ctx pointer in r4): they are
 * thrown away for the guest's registers as RUN found them.
 */
static enum exit_action machine_check(struct kvm440_vcpu *vcpu)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	u32 pc = ctx->csrr0, msr = ctx->csrr1, mcsr = 0;

	if (mc_uses_mcsrr) {
		pc = mfspr(SPRN_MCSRR0);
		msr = mfspr(SPRN_MCSRR1);
		mcsr = mfspr(SPRN_MCSR);
		mtspr(SPRN_MCSR, mcsr);		/* write-one-to-clear */
	}
	pr_err_ratelimited("machine check in VM %u: pc %#x msr %#x mcsr %#x esr %#x%s\n",
			   vcpu->vm->id, pc, msr, mcsr, ctx->esr,
			   msr & MSR_PR ? "" : " (in the switch path)");
	if (msr & MSR_PR) {
		ctx->srr0 = pc;
	} else {
		memcpy(ctx->gpr, vcpu->regs.gpr, sizeof(ctx->gpr));
		ctx->srr0 = vcpu->regs.pc;
		pc = vcpu->regs.pc;
	}
	return kvm440_internal_error(vcpu, KVM440_INTERNAL_MACHINE_CHECK, pc, 0);
}

static u32 guest_hw_msr(struct kvm440_vcpu *vcpu)
{
	if (vcpu->regs.msr & MSR_FP && guest_fp_live(vcpu))
		return GUEST_HW_MSR | (vcpu->regs.msr & GUEST_FP_MSR);
	return GUEST_HW_MSR;
}

/* ------------------------------------------------------------------ */
/* exits                                                                */

void kvm440_deliver(struct kvm440_vcpu *vcpu, enum kvm440_irq irq,
		    u32 ret_pc)
{
	struct kvm440_booke b = {
		.pc = &vcpu->ctx.srr0, .msr = &vcpu->regs.msr, .s = &vcpu->sregs,
	};
	u32 old_msr;

	if (unlikely(vcpu->pv.idle))
		kvm440_pv_idle_end(vcpu);
	old_msr = vcpu->regs.msr;
	kvm440_booke_deliver(&b, irq, ret_pc);
	/* PR picks the shadow PID; IS/DS pick which guest entries apply */
	if ((old_msr ^ vcpu->regs.msr) & (MSR_IS | MSR_DS))
		kvm440_shadow_flush(vcpu);
}

enum exit_action kvm440_internal_error(struct kvm440_vcpu *vcpu, u32 code,
				       u32 pc, u32 inst)
{
	struct kvm440_run *run = vcpu->run;

	run->exit_reason = KVM440_EXIT_INTERNAL_ERROR;
	run->internal.code = code;
	run->internal.pc = pc;
	run->internal.inst = inst;
	run->internal.pad = 0;
	return EXIT_USER;
}

/*
 * A privileged instruction trapped (ESR[PPR]): emulate it and re-enter,
 * unless it needs userspace or is not emulated yet.
 */
static enum exit_action emulate(struct kvm440_vcpu *vcpu)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	u32 pc = ctx->srr0, old_msr = vcpu->regs.msr;
	u32 old_pid = vcpu->sregs.pid;
	u32 inst = kvm440_fetch_inst(vcpu, pc);
	int r;

	if (!inst)
		return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION, pc, 0);
	r = kvm440_core_emulate_op(vcpu, inst);
	if (r == KVM440_EMUL_UNHANDLED)
		return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION, pc,
				      inst);
	vcpu->vm->stats[KVM440_STAT_EMUL_INST]++;
	if (r == KVM440_EMUL_DONE || r == KVM440_EMUL_EXIT)
		ctx->srr0 = pc + 4;
	/* guest IS/DS and PID decide which guest entries the shadows are */
	if ((old_msr ^ vcpu->regs.msr) & (MSR_IS | MSR_DS))
		kvm440_shadow_flush(vcpu);
	else if (old_pid != vcpu->sregs.pid)
		kvm440_shadow_pid_changed(vcpu);
	if (r == KVM440_EMUL_EXIT)
		return EXIT_USER;
	/* MSR[WE]: leave the interrupts-off loop so the vCPU can sleep */
	return vcpu->regs.msr & MSR_WE ? EXIT_HOST_IRQ : EXIT_RESUME;
}

/*
 * A debugger's single step runs the guest with MSR[DE] and DBCR0[IC]. A
 * real 440 keeps DE through non-critical interrupts (QEMU clears it), so
 * when the stepped instruction itself traps (TLB miss, program, sc), the
 * instruction-complete event fires on the first instruction of our vector
 * stub, and the debug interrupt's CSRR0 points just past it. That one
 * instruction only parked r4 in SPRG0, which the debug stub does again
 * with the same value, so every saved register is still the guest's and
 * SRR0/1, ESR and DEAR are the trap's: the exit is really the trap's.
 * The guest always runs with MSR[IS] set (GUEST_HW_MSR) and the stubs
 * with it clear, so a guest pc that happens to equal a stub's address is
 * never taken for one.
 */
static void unnest_step(struct kvm440_ctx *ctx)
{
	unsigned long base = (unsigned long)region;
	unsigned int i;

	if (ctx->csrr1 & MSR_IS)
		return;
	for (i = 0; i < 15; i++)
		if (ctx->csrr0 > base + region_ivor[i] &&
		    ctx->csrr0 < base + region_ivor[i] + region_stub) {
			ctx->vector = i;
			return;
		}
}

static enum exit_action handle_exit(struct kvm440_vcpu *vcpu)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	struct kvm440_vm *vm = vcpu->vm;
	u32 pc = ctx->srr0;

	vm->stats[KVM440_STAT_EXITS]++;
	ctx->srr1 &= ~SRR1_QEMU_EXTRA;
	if (unlikely(ctx->vector == 15))
		unnest_step(ctx);

	switch (ctx->vector) {
	case 0:		/* critical input: the host's */
	case 12:	/* watchdog: the host's */
		/* critical class: the guest pc is in CSRR0 */
		ctx->srr0 = ctx->csrr0;
		return EXIT_HOST_IRQ;
	case 4:		/* external input */
	case 10:	/* decrementer */
	case 11:	/* fixed-interval timer */
		/* the host's; STAT_DEC/FIT count the guest's own (timer.c) */
		vm->stats[KVM440_STAT_EXT_INTR]++;
		return EXIT_HOST_IRQ;
	case 13:	/* data TLB miss */
	case 14:	/* instruction TLB miss */
	case 2:		/* data storage */
	case 3:		/* instruction storage */
		/* the magic page is paravirt.c's, whatever the guest TLB says */
		if (unlikely(vcpu->pv.mapped) && kvm440_pv_mmu(vcpu))
			return EXIT_RESUME;
		if (ctx->vector >= 13 && kvm440_refill(vcpu, ctx->vector == 14))
			return EXIT_RESUME;
		return kvm440_mmu_exit(vcpu, ctx->vector);
	case 8:
		if (kvm440_pv_is_hcall(vcpu))
			return kvm440_hcall(vcpu);
		return kvm440_sc_exit(vcpu);
	case 1:
		return machine_check(vcpu);
	case 6:		/* program */
		if (ctx->esr & ESR_PPR)
			return emulate(vcpu);
		if (ctx->esr & ESR_PTR && kvm440_debug_trap(vcpu, pc))
			return EXIT_USER;
		/* illegal instruction or trap: the guest's, as on hardware */
		vcpu->sregs.esr = ctx->esr;
		kvm440_deliver(vcpu, KVM440_INT_PROGRAM, pc);
		vm->stats[KVM440_STAT_PROGRAM]++;
		return EXIT_RESUME;
	case 5:		/* alignment: DEAR and ESR as the hardware set them */
		vcpu->sregs.dear = ctx->dear;
		vcpu->sregs.esr = ctx->esr;
		kvm440_deliver(vcpu, KVM440_INT_ALIGNMENT, pc);
		return EXIT_RESUME;
	case 7:		/* floating point unavailable */
		if (vcpu->regs.msr & MSR_FP) {
			/* the guest allows FP: give it the FPU */
			guest_fp_load(vcpu);
			return EXIT_RESUME;
		}
		kvm440_deliver(vcpu, ctx->vector, pc);
		return EXIT_RESUME;
	case 9:		/* auxiliary processor unavailable */
		kvm440_deliver(vcpu, ctx->vector, pc);
		return EXIT_RESUME;
	default:	/* debug: only a debugger's step sets MSR[DE] */
		if (kvm440_debug_event(vcpu))
			return EXIT_USER;
		break;
	}
	return kvm440_internal_error(vcpu, KVM440_INTERNAL_EMULATION, pc,
			      kvm440_fetch_inst(vcpu, pc));
}

/* ------------------------------------------------------------------ */
/* the run loop                                                         */

/* One guest instruction for a debugger (debug.c says how). */
static enum exit_action step_entry(struct kvm440_vcpu *vcpu, u32 sarray_n)
{
	u32 pc = vcpu->ctx.srr0, host = kvm440_debug_step_begin(vcpu);
	enum exit_action act;

	kvm440_pv_enter(vcpu);	/* the magic page, as for any entry */
	enter_fn(&vcpu->ctx, vcpu->sarray, sarray_n);
	kvm440_pv_exit(vcpu);
	kvm440_debug_step_end(vcpu, host);
	act = handle_exit(vcpu);
	if (act != EXIT_HOST_IRQ &&
	    kvm440_debug_step_done(vcpu, pc, act == EXIT_USER))
		act = EXIT_USER;
	return act;
}

static void ctx_load(struct kvm440_vcpu *vcpu)
{
	const struct kvm440_regs *regs = &vcpu->regs;
	struct kvm440_ctx *ctx = &vcpu->ctx;

	memcpy(ctx->gpr, regs->gpr, sizeof(ctx->gpr));
	ctx->cr = regs->cr;
	ctx->lr = regs->lr;
	ctx->ctr = regs->ctr;
	ctx->xer = regs->xer;
	ctx->srr0 = regs->pc;
	memcpy(ctx->sprg4_7, &vcpu->sregs.sprg[4], sizeof(ctx->sprg4_7));
	ctx->ivpr = (unsigned long)region;
}

static void ctx_to_regs(const struct kvm440_ctx *ctx,
			struct kvm440_regs *regs)
{
	memcpy(regs->gpr, ctx->gpr, sizeof(regs->gpr));
	regs->cr = ctx->cr;
	regs->lr = ctx->lr;
	regs->ctr = ctx->ctr;
	regs->xer = ctx->xer;
	regs->pc = ctx->srr0;
}

static void ctx_store(struct kvm440_vcpu *vcpu)
{
	ctx_to_regs(&vcpu->ctx, &vcpu->regs);
}

/*
 * A snapshot request or a pause (ctl.c), with the shadows released and
 * preemption on: the registers are in @ctx, the guest MSR in @regs.
 */
static void ctl_requests(struct kvm440_vcpu *vcpu)
{
	struct kvm440_regs regs = vcpu->regs;

	if (READ_ONCE(vcpu->vm->ctl.snap)) {
		ctx_to_regs(&vcpu->ctx, &regs);
		kvm440_ctl_serve(vcpu, &regs);
	}
	if (READ_ONCE(vcpu->vm->ctl.paused))
		kvm440_ctl_pause_wait(vcpu);
}

/*
 * Before every entry, interrupts off: whether no input line is raised and
 * no timer status bit is set, so no interrupt can be due, without calling
 * out (the hrtimer callback that sets them cannot run meanwhile).
 */
static inline bool nothing_due(struct kvm440_vcpu *vcpu)
{
	return !READ_ONCE(vcpu->vm->irq_lines) &&
	       !READ_ONCE(vcpu->timer.reset) &&
	       !(vcpu->sregs.tsr & (KVM440_TSR_WIS | KVM440_TSR_DIS |
				    KVM440_TSR_FIS));
}

long kvm440_run_vcpu(struct kvm440_vcpu *vcpu)
{
	enum exit_action act = EXIT_HOST_IRQ;
	struct kvm440_ctx *ctx = &vcpu->ctx;
	struct kvm440_run *run = vcpu->run;
	struct kvm440_vm *vm = vcpu->vm;
	u32 sarray_n = vcpu->sarray ? kvm440_host_tlb.bolted_first : 0;
	long r;

	r = region_setup();
	if (r)
		return r;
	/* memory slots, the guest TLB and PID may have changed since */
	vcpu->fetch_key = 0;
	ctx_load(vcpu);
	/* an MMIO or DCR read userspace answered completes first */
	kvm440_io_complete(vcpu);
	run->exit_reason = KVM440_EXIT_NONE;
	if (unlikely(kvm440_debug_step_owed(vcpu))) {
		ctx_store(vcpu);
		return 0;
	}

	/*
	 * Preemption stays off while shadows may be in the TLB, so the host
	 * interrupts taken between two entries return here without a switch
	 * (tlb.c: why that keeps them safe). Anything that may schedule
	 * flushes them first and runs with preemption on.
	 */
	preempt_disable();
	while (act != EXIT_USER) {
		if (signal_pending(current)) {
			vm->stats[KVM440_STAT_SIGNAL]++;
			r = -EINTR;
			break;
		}
		if (READ_ONCE(vm->stop_requested)) {
			run->exit_reason = KVM440_EXIT_STOPPED;
			break;
		}
		if (READ_ONCE(vm->ctl.snap) || READ_ONCE(vm->ctl.paused)) {
			kvm440_shadow_release(vcpu);
			preempt_enable();
			ctl_requests(vcpu);
			preempt_disable();
			continue;	/* re-check signals, stop, pause */
		}
		if (vcpu->regs.msr & MSR_WE) {
			int w;

			kvm440_shadow_release(vcpu);
			guest_sprg_clear();
			preempt_enable();
			w = kvm440_timer_idle(vcpu);
			preempt_disable();
			if (w > 0)
				act = EXIT_USER;	/* halt, watchdog */
			/*
			 * re-check signals and stop, and a pause or snapshot
			 * asked for while it slept, before the guest runs
			 */
			if (w || READ_ONCE(vm->ctl.paused) ||
			    READ_ONCE(vm->ctl.snap))
				continue;
		}
		if (need_resched()) {
			kvm440_shadow_release(vcpu);
			guest_sprg_clear();
			preempt_enable();
			cond_resched();
			preempt_disable();
		}

		local_irq_disable();
		do {
			/* the interrupt due, or the watchdog's reset */
			act = nothing_due(vcpu) || kvm440_pv_hold_irqs(vcpu) ?
			      EXIT_RESUME : kvm440_timer_deliver(vcpu);
			if (act == EXIT_USER)
				break;
			/* still waiting: the interrupt went away meanwhile */
			if (vcpu->regs.msr & MSR_WE) {
				act = EXIT_HOST_IRQ;
				break;
			}
			ctx->srr1 = guest_hw_msr(vcpu);
			ctx->pid = kvm440_shadow_pid(vcpu->regs.msr);
			if (unlikely(kvm440_debug_stepping(&vcpu->debug))) {
				act = step_entry(vcpu, sarray_n);
				continue;
			}
			/* shadow=array: entry.S loads the array first */
			kvm440_pv_enter(vcpu);	/* the magic page, if mapped */
			enter_fn(ctx, vcpu->sarray, sarray_n);
			kvm440_pv_exit(vcpu);
			act = handle_exit(vcpu);
			if (act == EXIT_RESUME)
				vm->stats[KVM440_STAT_LIGHT_EXITS]++;
		} while (act == EXIT_RESUME);
		local_irq_enable();
	}
	kvm440_shadow_flush(vcpu);
	guest_sprg_clear();
	preempt_enable();
	if (act == EXIT_USER)
		vm->stats[KVM440_STAT_HEAVY_EXITS]++;

	guest_fp_put(vcpu);
	ctx_store(vcpu);
	run->ready_for_interrupt = !!(vcpu->regs.msr & MSR_EE);
	return r;
}
