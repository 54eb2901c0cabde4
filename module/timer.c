// SPDX-License-Identifier: GPL-2.0
/* The guest's timer facilities: decrementer, FIT, watchdog, timebase. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "kvm440.h"
#include "emulate.h"
#include "spr.h"

int kvm440_timer_mtspr(struct kvm440_vcpu *vcpu, int sprn, u32 val)
{
	struct kvm440_sregs *s = &vcpu->sregs;

	switch (sprn) {
	case SPR_DEC:
		s->dec = val;
		break;
	case SPR_DECAR:
		s->decar = val;
		break;
	case SPR_TCR:
		s->tcr = val;
		break;
	case SPR_TSR:
		s->tsr &= ~val;		/* write one to clear */
		break;
	case SPR_TBWL:
		s->tb = (s->tb & ~0xffffffffULL) | val;
		break;
	case SPR_TBWU:
		s->tb = (s->tb & 0xffffffffULL) | ((u64)val << 32);
		break;
	default:
		return KVM440_EMUL_BAD_SPR;
	}
	return KVM440_EMUL_DONE;
}

int kvm440_timer_mfspr(struct kvm440_vcpu *vcpu, int sprn, u32 *val)
{
	struct kvm440_sregs *s = &vcpu->sregs;

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
		return KVM440_EMUL_BAD_SPR;
	}
	return KVM440_EMUL_DONE;
}

int kvm440_timer_idle(struct kvm440_vcpu *vcpu)
{
	/*
	 * Until the timers raise anything themselves, only an external or
	 * critical input can end the wait: poll for it once a tick.
	 */
	while (kvm440_booke_pending(&vcpu->sregs,
				    vcpu->regs.msr & ~KVM440_MSR_WE,
				    READ_ONCE(vcpu->vm->irq_lines)) ==
	       KVM440_INT_NONE) {
		if (schedule_timeout_interruptible(1) || signal_pending(current))
			return -EINTR;
	}
	vcpu->regs.msr &= ~KVM440_MSR_WE;
	vcpu->vm->stats[KVM440_STAT_HALT_WAKEUP]++;
	return 0;
}
