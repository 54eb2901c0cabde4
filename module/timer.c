// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's timer facilities (decrementer, FIT, watchdog, timebase) and
 * its idle state (MSR[WE]).
 *
 * The timer logic is the pure code of timer.h: status bits are synced
 * lazily to the timebase, and one hrtimer per vCPU is armed for the next
 * event that can make an interrupt pending or reset the core. Its callback
 * syncs, re-arms and wakes the vCPU thread if it idles. A running guest
 * notices through the host's own timer interrupt that runs the callback:
 * the guest runs with EE=1, so that interrupt is an exit, and the run loop
 * delivers what became pending before it re-enters. The host kernel has
 * no high-resolution timers (44x/bamboo_defconfig: HZ=250, periodic tick),
 * so a guest timer interrupt arrives up to one host tick (4 ms) late; events
 * are scheduled from the timebase, never from the late arrival, so
 * periodic interrupts do not drift.
 *
 * The timebase is the host's: the guest reads it natively, and nothing can
 * offset an unprivileged mftb. Guest TBWL/TBWU writes are therefore
 * ignored (and reported once), and the guest's timers, which derive from
 * the TB, keep counting while the VM is outside KVM440_RUN, like the
 * hardware's; a watchdog reset that falls due meanwhile is reported by the
 * next RUN.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <asm/time.h>

#include "kvm440.h"
#include "emulate.h"
#include "spr.h"

/* Sync the timer state to the TB now, which it returns; under t->lock. */
static u64 timer_sync(struct kvm440_vcpu *vcpu)
{
	struct kvm440_timer *t = &vcpu->timer;
	u64 now = get_tb();

	/* a paused VM's watchdog sees no events (ctl.c) */
	if (READ_ONCE(vcpu->vm->ctl.paused))
		t->st.wdt_tb = now;
	if (kvm440_timer_sync(&t->st, &vcpu->sregs, now))
		t->reset = true;
	return now;
}

/* Arm the hrtimer for the next event after @now, the last sync; under t->lock. */
static void timer_arm(struct kvm440_vcpu *vcpu, u64 now)
{
	struct kvm440_timer *t = &vcpu->timer;
	u64 next = t->dead ? 0 : kvm440_timer_next(&t->st, &vcpu->sregs);

	if (next == t->armed_tb)
		return;
	t->armed_tb = next;
	if (!next) {
		/* a callback running meanwhile re-arms from the new state */
		hrtimer_try_to_cancel(&t->hrt);
		return;
	}
	/* round up: an early callback only re-arms for the same TB */
	hrtimer_start(&t->hrt, ktime_add_ns(ktime_get(),
					    tb_to_ns(next - now) + 1),
		      HRTIMER_MODE_ABS);
}

static void timer_update(struct kvm440_vcpu *vcpu)
{
	timer_arm(vcpu, timer_sync(vcpu));
}

static enum hrtimer_restart timer_fire(struct hrtimer *h)
{
	struct kvm440_vcpu *vcpu = container_of(h, struct kvm440_vcpu,
						timer.hrt);
	struct kvm440_timer *t = &vcpu->timer;
	unsigned long flags;

	spin_lock_irqsave(&t->lock, flags);
	t->armed_tb = 0;
	timer_update(vcpu);	/* may start the hrtimer again */
	spin_unlock_irqrestore(&t->lock, flags);
	wake_up_interruptible(&t->wq);
	return HRTIMER_NORESTART;
}

void kvm440_timer_init(struct kvm440_vcpu *vcpu)
{
	struct kvm440_timer *t = &vcpu->timer;
	u64 now = get_tb();

	spin_lock_init(&t->lock);
	init_waitqueue_head(&t->wq);
	hrtimer_init(&t->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	t->hrt.function = timer_fire;
	t->st.dec_tb = now;
	t->st.fit_tb = now;
	t->st.wdt_tb = now;
}

void kvm440_timer_destroy(struct kvm440_vcpu *vcpu)
{
	struct kvm440_timer *t = &vcpu->timer;

	spin_lock_irq(&t->lock);
	t->dead = true;
	spin_unlock_irq(&t->lock);
	hrtimer_cancel(&t->hrt);
}

void kvm440_timer_get_sregs(struct kvm440_vcpu *vcpu)
{
	spin_lock_irq(&vcpu->timer.lock);
	timer_update(vcpu);
	spin_unlock_irq(&vcpu->timer.lock);
	vcpu->sregs.tb = get_tb();
}

void kvm440_timer_set_sregs(struct kvm440_vcpu *vcpu,
			    const struct kvm440_sregs *in)
{
	struct kvm440_timer *t = &vcpu->timer;
	struct kvm440_sregs *s = &vcpu->sregs;
	u64 now;

	spin_lock_irq(&t->lock);
	now = get_tb();
	s->dec = in->dec;
	s->decar = in->decar;
	s->tcr = in->tcr;
	s->tsr = in->tsr;
	kvm440_dec_write(&t->st, in->dec, now);
	t->st.fit_tb = now;
	t->st.wdt_tb = now;
	t->reset = false;
	timer_arm(vcpu, now);
	spin_unlock_irq(&t->lock);
}

int kvm440_timer_mtspr(struct kvm440_vcpu *vcpu, int sprn, u32 val)
{
	struct kvm440_timer *t = &vcpu->timer;
	struct kvm440_sregs *s = &vcpu->sregs;
	unsigned long flags;
	u64 now;

	if (sprn == SPR_TBWL || sprn == SPR_TBWU) {
		pr_info_once("guest timebase writes are ignored: the guest reads the host's timebase\n");
		return KVM440_EMUL_DONE;
	}

	spin_lock_irqsave(&t->lock, flags);
	now = timer_sync(vcpu);	/* the old controls apply up to now */
	switch (sprn) {
	case SPR_DEC:
		kvm440_dec_write(&t->st, val, now);
		s->dec = val;
		break;
	case SPR_DECAR:
		s->decar = val;
		break;
	case SPR_TCR:
		/* TCR[WRC] can be set once; only a reset clears it */
		if (s->tcr & KVM440_TCR_WRC_MASK)
			val = (val & ~KVM440_TCR_WRC_MASK) |
			      (s->tcr & KVM440_TCR_WRC_MASK);
		s->tcr = val;
		break;
	case SPR_TSR:
		s->tsr &= ~val;		/* write one to clear */
		break;
	default:
		spin_unlock_irqrestore(&t->lock, flags);
		return KVM440_EMUL_BAD_SPR;
	}
	timer_arm(vcpu, now);
	spin_unlock_irqrestore(&t->lock, flags);
	return KVM440_EMUL_DONE;
}

int kvm440_timer_mfspr(struct kvm440_vcpu *vcpu, int sprn, u32 *val)
{
	struct kvm440_timer *t = &vcpu->timer;
	struct kvm440_sregs *s = &vcpu->sregs;
	unsigned long flags;
	int r = KVM440_EMUL_DONE;

	spin_lock_irqsave(&t->lock, flags);
	timer_update(vcpu);
	switch (sprn) {
	case SPR_DEC:
		*val = s->dec;
		break;
	case SPR_DECAR:
		*val = s->decar;
		break;
	case SPR_TCR:
		*val = s->tcr;
		break;
	case SPR_TSR:
		*val = s->tsr;
		break;
	default:
		r = KVM440_EMUL_BAD_SPR;
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return r;
}

/* End RUN with the watchdog's reset. */
static enum exit_action watchdog_exit(struct kvm440_vcpu *vcpu)
{
	struct kvm440_run *run = vcpu->run;
	unsigned long flags;

	spin_lock_irqsave(&vcpu->timer.lock, flags);
	vcpu->timer.reset = false;
	spin_unlock_irqrestore(&vcpu->timer.lock, flags);
	run->exit_reason = KVM440_EXIT_SYSTEM_EVENT;
	run->system_event.type = KVM440_SYSTEM_WATCHDOG;
	run->system_event.pad = 0;
	vcpu->vm->stats[KVM440_STAT_WATCHDOG]++;
	return EXIT_USER;
}

enum exit_action kvm440_timer_deliver(struct kvm440_vcpu *vcpu)
{
	struct kvm440_vm *vm = vcpu->vm;
	enum kvm440_irq irq;

	if (READ_ONCE(vcpu->timer.reset))
		return watchdog_exit(vcpu);
	irq = kvm440_booke_pending(&vcpu->sregs, vcpu->regs.msr,
				   READ_ONCE(vm->irq_lines));
	switch (irq) {
	case KVM440_INT_NONE:
		return EXIT_RESUME;
	case KVM440_INT_DECREMENTER:
		vm->stats[KVM440_STAT_DEC]++;
		break;
	case KVM440_INT_FIT:
		vm->stats[KVM440_STAT_FIT]++;
		break;
	case KVM440_INT_WATCHDOG:
		vm->stats[KVM440_STAT_WATCHDOG]++;
		break;
	default:
		break;
	}
	kvm440_deliver(vcpu, irq, vcpu->ctx.srr0);
	return EXIT_RESUME;
}

void kvm440_vm_kick(struct kvm440_vm *vm)
{
	mutex_lock(&vm->lock);
	if (vm->vcpu)
		wake_up_interruptible(&vm->vcpu->timer.wq);
	mutex_unlock(&vm->lock);
}

void kvm440_timer_pause(struct kvm440_vcpu *vcpu, bool pause)
{
	struct kvm440_timer *t = &vcpu->timer;

	lockdep_assert_held(&vcpu->vm->lock);
	/* events up to now count as they would have; then the flag flips */
	spin_lock_irq(&t->lock);
	timer_sync(vcpu);
	WRITE_ONCE(vcpu->vm->ctl.paused, pause);
	timer_arm(vcpu, timer_sync(vcpu));
	spin_unlock_irq(&t->lock);
}

static void set_state(struct kvm440_vm *vm, u32 state)
{
	mutex_lock(&vm->lock);
	vm->state = state;
	mutex_unlock(&vm->lock);
}

/* What ends an idle wait with guest MSR @msr (WE clear). */
static bool idle_over(struct kvm440_vcpu *vcpu, u32 msr)
{
	struct kvm440_vm *vm = vcpu->vm;

	return kvm440_booke_pending(&vcpu->sregs, msr,
				    READ_ONCE(vm->irq_lines)) !=
	       KVM440_INT_NONE || READ_ONCE(vcpu->timer.reset) ||
	       READ_ONCE(vm->stop_requested) || READ_ONCE(vm->ctl.snap) ||
	       READ_ONCE(vm->ctl.paused);
}

int kvm440_timer_idle(struct kvm440_vcpu *vcpu)
{
	struct kvm440_vm *vm = vcpu->vm;
	u32 msr = vcpu->regs.msr & ~KVM440_MSR_WE;
	int r;

	/* nothing could ever end the wait: userspace decides */
	if (!(msr & (KVM440_MSR_EE | KVM440_MSR_CE))) {
		vcpu->run->exit_reason = KVM440_EXIT_HALT;
		kvm440_netlink_event(vm, KVM440_EV_VCPU_HALTED, 0);
		return 1;
	}

	spin_lock_irq(&vcpu->timer.lock);
	timer_update(vcpu);
	spin_unlock_irq(&vcpu->timer.lock);

	set_state(vm, KVM440_VM_HALTED);
	r = wait_event_interruptible(vcpu->timer.wq, idle_over(vcpu, msr));
	set_state(vm, KVM440_VM_RUNNING);
	if (r)
		return -EINTR;	/* the run loop returns -EINTR; WE stays set */
	if (READ_ONCE(vcpu->timer.reset))
		return watchdog_exit(vcpu) == EXIT_USER ? 1 : -EAGAIN;
	if (kvm440_booke_pending(&vcpu->sregs, msr, READ_ONCE(vm->irq_lines)) ==
	    KVM440_INT_NONE)
		return -EAGAIN;	/* a stop request: WE stays set */
	/*
	 * WE stays set: taking the interrupt clears it, and SRR1 must show
	 * the guest was waiting, as the 440's does.
	 */
	vm->stats[KVM440_STAT_HALT_WAKEUP]++;
	return 0;
}
