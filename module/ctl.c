// SPDX-License-Identifier: GPL-2.0
/*
 * What a VM's owner controls from outside its VMM: the VM's name, pausing
 * and resuming it, and a consistent snapshot of its vCPU for a debugger
 * (netlink.c checks who may ask).
 *
 * A paused VM's vCPU thread stays inside KVM440_RUN, off the CPU, without
 * re-entering the guest, so a VMM needs no change to be paused. The
 * timebase is the host's and keeps counting (the guest sees the pause as
 * a long stall, as it would a stopped KVM process); decrementer and FIT
 * events that fall due meanwhile are one pending interrupt each at
 * resume, as their status bits are levels. The watchdog, though, sees no
 * events while paused: a guest that feeds it would otherwise be reset by
 * a pause longer than its period.
 *
 * A snapshot is taken by the vCPU thread itself when it is in RUN (it is
 * kicked out of the guest, copies, and goes on), else by the requester
 * with the vCPU's ioctl lock held, so the registers, supervisor state and
 * guest TLB are always from one instant.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "kvm440.h"

void kvm440_ctl_init(struct kvm440_vm *vm)
{
	struct kvm440_vm_ctl *c = &vm->ctl;

	spin_lock_init(&c->name_lock);
	c->owner = current_euid();
	init_waitqueue_head(&c->pause_wq);
	mutex_init(&c->snap_mutex);
	init_completion(&c->snap_done);
}

static bool name_ok(const char *name, size_t size)
{
	size_t len = strnlen(name, size), i;
	bool digits = true;

	if (!len || len == size)
		return false;
	for (i = 0; i < len; i++) {
		if (name[i] <= ' ' || name[i] > '~' || name[i] == '/')
			return false;
		if (name[i] < '0' || name[i] > '9')
			digits = false;
	}
	/* what follows the NUL is reserved: zero */
	for (; i < size; i++)
		if (name[i])
			return false;
	return !digits;
}

int kvm440_ctl_set_name(struct kvm440_vm *vm, const void __user *argp)
{
	struct kvm440_vm_name n;

	if (copy_from_user(&n, argp, sizeof(n)))
		return -EFAULT;
	if (!name_ok(n.name, sizeof(n.name)))
		return -EINVAL;
	spin_lock(&vm->ctl.name_lock);
	memcpy(vm->ctl.name, n.name, sizeof(n.name));
	spin_unlock(&vm->ctl.name_lock);
	return 0;
}

void kvm440_ctl_get_name(struct kvm440_vm *vm, char buf[KVM440_NAME_MAX])
{
	spin_lock(&vm->ctl.name_lock);
	memcpy(buf, vm->ctl.name, KVM440_NAME_MAX);
	spin_unlock(&vm->ctl.name_lock);
}

int kvm440_ctl_pause(struct kvm440_vm *vm, bool pause)
{
	bool changed;

	mutex_lock(&vm->lock);
	changed = vm->ctl.paused != pause;
	if (changed && vm->vcpu)
		kvm440_timer_pause(vm->vcpu, pause);	/* sets ctl.paused */
	else
		WRITE_ONCE(vm->ctl.paused, pause);
	mutex_unlock(&vm->lock);
	/*
	 * Pausing needs no kick: a vCPU in the guest leaves it at the next
	 * host interrupt (a tick at most) and one idling has left it.
	 */
	if (!pause)
		wake_up_interruptible(&vm->ctl.pause_wq);
	if (changed)
		kvm440_netlink_event(vm, pause ? KVM440_EV_VM_PAUSED :
					 KVM440_EV_VM_RESUMED, 0);
	return 0;
}

void kvm440_ctl_pause_wait(struct kvm440_vcpu *vcpu)
{
	struct kvm440_vm *vm = vcpu->vm;

	/* a signal ends the wait too: the run loop returns -EINTR */
	wait_event_interruptible(vm->ctl.pause_wq,
				 !READ_ONCE(vm->ctl.paused) ||
				 READ_ONCE(vm->stop_requested) ||
				 READ_ONCE(vm->ctl.snap));
}

/* under vm->lock, by the thread that owns the vCPU's state now */
static void fill(struct kvm440_vcpu *vcpu, const struct kvm440_regs *regs,
		 struct kvm440_snapshot *s)
{
	s->regs = *regs;
	kvm440_timer_get_sregs(vcpu);
	s->sregs = vcpu->sregs;
	s->sregs.flags = 0;
	memcpy(s->tlb.e, vcpu->tlb, sizeof(s->tlb.e));
}

void kvm440_ctl_serve_locked(struct kvm440_vcpu *vcpu,
			     const struct kvm440_regs *regs)
{
	struct kvm440_vm *vm = vcpu->vm;
	struct kvm440_snapshot *s = vm->ctl.snap;

	lockdep_assert_held(&vm->lock);
	if (!s)
		return;
	fill(vcpu, regs, s);
	WRITE_ONCE(vm->ctl.snap, NULL);
	complete(&vm->ctl.snap_done);
}

void kvm440_ctl_serve(struct kvm440_vcpu *vcpu,
		      const struct kvm440_regs *regs)
{
	mutex_lock(&vcpu->vm->lock);
	kvm440_ctl_serve_locked(vcpu, regs);
	mutex_unlock(&vcpu->vm->lock);
}

/* Ask the vCPU thread, in RUN, for the snapshot; under snap_mutex. */
static int snapshot_in_run(struct kvm440_vm *vm, struct kvm440_snapshot *s)
{
	long t;
	bool served;

	reinit_completion(&vm->ctl.snap_done);
	WRITE_ONCE(vm->ctl.snap, s);
	mutex_unlock(&vm->lock);
	kvm440_vm_kick(vm);			/* out of an idle wait */
	wake_up_interruptible(&vm->ctl.pause_wq);	/* or a paused one */
	/* RUN serves it within a host tick, or as it returns */
	t = wait_for_completion_killable_timeout(&vm->ctl.snap_done, HZ);
	mutex_lock(&vm->lock);
	served = !vm->ctl.snap;
	WRITE_ONCE(vm->ctl.snap, NULL);
	mutex_unlock(&vm->lock);
	if (served)
		return 0;
	return t < 0 ? t : -ETIMEDOUT;
}

int kvm440_ctl_snapshot(struct kvm440_vm *vm, struct kvm440_snapshot *s)
{
	struct kvm440_vcpu *vcpu;
	int tries, r = -EBUSY;

	if (mutex_lock_killable(&vm->ctl.snap_mutex))
		return -EINTR;
	/*
	 * Outside RUN the vCPU's ioctl lock keeps its state still, but RUN
	 * holds that lock before it says so under vm->lock: retry briefly.
	 */
	for (tries = 0; tries < 100; tries++) {
		mutex_lock(&vm->lock);
		vcpu = vm->vcpu;
		if (!vcpu) {
			mutex_unlock(&vm->lock);
			r = -ENXIO;
			break;
		}
		if (vcpu->in_run) {
			r = snapshot_in_run(vm, s);	/* unlocks */
			break;
		}
		/* vm->lock is taken under vcpu->lock elsewhere: only try */
		if (mutex_trylock(&vcpu->lock)) {
			fill(vcpu, &vcpu->regs, s);
			mutex_unlock(&vcpu->lock);
			mutex_unlock(&vm->lock);
			r = 0;
			break;
		}
		mutex_unlock(&vm->lock);
		if (fatal_signal_pending(current)) {
			r = -EINTR;
			break;
		}
		usleep_range(1000, 2000);
	}
	mutex_unlock(&vm->ctl.snap_mutex);
	return r;
}
