// SPDX-License-Identifier: GPL-2.0
/*
 * Guest accesses that leave the core: system calls, MMIO loads/stores and
 * DCR reads/writes.
 *
 * sc is the guest's own: it goes to the guest's system call handler at
 * IVPR | IVOR8 with SRR0 after the sc, as on the hardware.
 *
 * MMIO and DCR accesses exit to userspace (docs/api.md, KVM440_RUN). When
 * RUN returns with one, the instruction has retired except for a read's
 * target register: the pc is past it and an update form's rA holds the EA.
 * The next RUN first writes rD from run->mmio.data or run->dcr.data
 * (kvm440_io_complete()); SET_REGS in between cancels that, since
 * userspace then owns the registers. An lmw/stmw to MMIO is one exit per
 * word: the pc stays on it until its last word, the guest re-executes it
 * after each exit and kvm440_mmio_exit() continues at the next word when
 * no guest code ran in between (only TLB fills and host interrupts: see
 * io_mark()); otherwise it starts again at word 0, as the hardware
 * restarts an interrupted lmw/stmw. A single byte access to the console
 * UART may instead be answered here without an exit (console.c).
 *
 * No DCR is kept in the kernel, not even the CPR0 pair the old upstream
 * 440 KVM answered there: a guest kernel takes its clock and timebase
 * frequencies from the device tree the VMM gives it (copied from the
 * host's), and the few boot-wrapper reads of CPR0 are userspace's to answer
 * like every other DCR.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/printk.h>
#include <linux/string.h>
#include <asm/reg.h>

#include "kvm440.h"
#include "emulate.h"
#include "mmio.h"

/* sc: SRR0 of the exit is already past the sc. */
enum exit_action kvm440_sc_exit(struct kvm440_vcpu *vcpu)
{
	vcpu->vm->stats[KVM440_STAT_SYSCALL]++;
	kvm440_deliver(vcpu, KVM440_INT_SYSCALL, vcpu->ctx.srr0);
	return EXIT_RESUME;
}

int kvm440_emulate_dcr(struct kvm440_vcpu *vcpu,
		       const struct kvm440_insn_desc *d, u32 inst)
{
	struct kvm440_run *run = vcpu->run;
	unsigned int reg = kvm440_rd(inst);
	bool write = d->op == KVM440_OP_MTDCR;

	run->exit_reason = KVM440_EXIT_DCR;
	run->dcr.dcrn = kvm440_dcrn(inst);
	run->dcr.data = write ? vcpu->ctx.gpr[reg] : 0;
	run->dcr.is_write = write;
	memset(run->dcr.pad, 0, sizeof(run->dcr.pad));
	if (!write) {
		vcpu->io.pending = KVM440_IO_DCR_READ;
		vcpu->io.reg = reg;
	}
	vcpu->vm->stats[KVM440_STAT_DCR]++;
	return KVM440_EMUL_EXIT;	/* run.c advances the pc */
}

/*
 * Changes whenever guest code ran beyond the lmw/stmw being continued:
 * any guest interrupt handler ends in an emulated rfi, and other code on
 * its way back to the same lmw/stmw would have to make an emulated or MMIO
 * access to matter.
 */
static u32 io_mark(struct kvm440_vcpu *vcpu)
{
	const u64 *stats = vcpu->vm->stats;

	return (u32)(stats[KVM440_STAT_EMUL_INST] + stats[KVM440_STAT_MMIO] +
		     stats[KVM440_STAT_CONSOLE_MMIO]);
}

/* Give the guest an alignment interrupt for the access at @ea. */
static enum exit_action mmio_alignment(struct kvm440_vcpu *vcpu, u32 ea,
				       bool store)
{
	vcpu->io.next = 0;
	vcpu->sregs.dear = ea;
	vcpu->sregs.esr = store ? ESR_ST : 0;
	kvm440_deliver(vcpu, KVM440_INT_ALIGNMENT, vcpu->ctx.srr0);
	return EXIT_RESUME;
}

/*
 * lmw/stmw: the guest physical address of word @k, or ~0 if the words do
 * not all lie, word-aligned, in one guest TLB entry's page.
 */
static u64 multi_gpa(struct kvm440_vcpu *vcpu,
		     const struct kvm440_mmio_op *op, unsigned int k)
{
	bool ds = vcpu->regs.msr & MSR_DS;
	const struct kvm440_tlb_entry *e;
	u32 last = op->ea + op->count * 4 - 1;

	if (op->ea & 3 || last < op->ea)
		return ~0ull;
	e = kvm440_gtlb_find(vcpu, op->ea, ds);
	if (!e || e != kvm440_gtlb_find(vcpu, last, ds))
		return ~0ull;
	return kvm440_gtlb_gpa(e, op->ea + 4 * k);
}

enum exit_action kvm440_mmio_exit(struct kvm440_vcpu *vcpu, u64 gpa, u32 ea)
{
	struct kvm440_ctx *ctx = &vcpu->ctx;
	struct kvm440_run *run = vcpu->run;
	struct kvm440_io *io = &vcpu->io;
	struct kvm440_mmio_op op;
	enum exit_action act;
	u32 pc = ctx->srr0, inst = kvm440_fetch_inst(vcpu, pc);
	unsigned int k = 0;
	bool store;

	if (!inst) {
		io->next = 0;
		return kvm440_internal_error(vcpu, KVM440_INTERNAL_HOST_FAULT,
					     pc, 0);
	}
	if (kvm440_mmio_decode(inst, ctx->gpr, &op)) {
		/* lwarx, dcbz, string and FP forms: not on device memory */
		pr_info_ratelimited("unemulated MMIO access %#010x at pc %#x (gpa %#llx)\n",
				    inst, pc, gpa);
		io->next = 0;
		kvm440_deliver_program(vcpu, ESR_PIL);
		return EXIT_RESUME;
	}
	store = op.flags & KVM440_F_STORE;

	if (op.count > 1) {
		if (io->next && io->pc == pc && io->next < op.count &&
		    io_mark(vcpu) == io->mark)
			k = io->next;
		gpa = multi_gpa(vcpu, &op, k);
		if (gpa == ~0ull)
			return mmio_alignment(vcpu, ea, store);
	} else {
		if (op.ea != ea)	/* the fault was not this access's */
			return kvm440_internal_error(vcpu,
					KVM440_INTERNAL_EMULATION, pc, inst);
		if (!kvm440_mmio_one_page(ea, op.len))
			return mmio_alignment(vcpu, ea, store);
		if (kvm440_console_mmio(vcpu, gpa, &op, &act))
			return act;
	}

	run->exit_reason = KVM440_EXIT_MMIO;
	run->mmio.phys_addr = gpa;
	run->mmio.len = op.len;
	run->mmio.is_write = store;
	memset(run->mmio.pad, 0, sizeof(run->mmio.pad));
	kvm440_mmio_pack(store ? ctx->gpr[op.reg + k] : 0, store ? op.len : 0,
			 op.flags, run->mmio.data);
	if (!store) {
		io->pending = KVM440_IO_MMIO_READ;
		io->reg = op.reg + k;
		io->len = op.len;
		io->flags = op.flags;
	}
	if (k + 1 < op.count) {
		/* lmw/stmw: the guest re-executes it for the next word */
		io->next = k + 1;
		io->pc = pc;
	} else {
		io->next = 0;
		if (op.flags & KVM440_F_UPDATE)
			ctx->gpr[op.ra] = op.ea;
		ctx->srr0 = pc + 4;
	}
	vcpu->vm->stats[KVM440_STAT_MMIO]++;
	io->mark = io_mark(vcpu);
	return EXIT_USER;
}

void kvm440_io_complete(struct kvm440_vcpu *vcpu)
{
	struct kvm440_io *io = &vcpu->io;
	struct kvm440_run *run = vcpu->run;

	switch (io->pending) {
	case KVM440_IO_MMIO_READ:
		vcpu->ctx.gpr[io->reg] = kvm440_mmio_unpack(run->mmio.data,
							    io->len, io->flags);
		break;
	case KVM440_IO_DCR_READ:
		vcpu->ctx.gpr[io->reg] = run->dcr.data;
		break;
	default:
		break;
	}
	io->pending = KVM440_IO_NONE;
}
