// SPDX-License-Identifier: GPL-2.0
/*
 * The console fast path (KVM440_SET_CONSOLE, docs/api.md).
 *
 * A Linux guest's boot console polls a 16550: for every byte an LSR read
 * (THR empty?) and a THR write, each an MMIO exit to userspace, and around
 * every console write an IER read, clear and restore. Each such heavy exit
 * costs a round trip to the VMM and drops every shadow TLB entry. When
 * userspace has named its console UART and says (per RUN, in the shared
 * page) that its model's answers are fixed for now, those accesses are
 * answered here instead, and transmitted bytes queue in a ring in the
 * vCPU's mmap()ed page. console.h decides; this file decodes, retires the
 * instruction and counts.
 *
 * Output order with other devices holds because userspace drains the ring
 * before it handles any exit; a '\n', a full ring or LSR polled twice in a
 * row with output waiting ends RUN (KVM440_EXIT_CONSOLE), so a line, or a
 * prompt the guest then waits on, is seen at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "kvm440.h"
#include "mmio.h"

static struct kvm440_console_ring *console_page(struct kvm440_vcpu *vcpu)
{
	return (void *)vcpu->run + KVM440_CONSOLE_OFFSET;
}

int kvm440_set_console(struct kvm440_vcpu *vcpu,
		       const struct kvm440_console_config *cfg)
{
	BUILD_BUG_ON(sizeof(struct kvm440_run) > KVM440_CONSOLE_OFFSET);
	BUILD_BUG_ON(KVM440_CONSOLE_OFFSET + sizeof(struct kvm440_console_ring) >
		     PAGE_SIZE);
	BUILD_BUG_ON(!is_power_of_2(KVM440_CONSOLE_RING));

	if (cfg->flags & ~KVM440_CONSOLE_FLAGS_ALL || cfg->pad)
		return -EINVAL;
	if (!(cfg->flags & KVM440_CONSOLE_ENABLE)) {
		if (cfg->uart_gpa)
			return -EINVAL;
		vcpu->console.on = false;
		return 0;
	}
	if (cfg->uart_gpa & 7 ||
	    cfg->uart_gpa >= 1ull << KVM440_GUEST_PHYS_BITS)
		return -EINVAL;
	/* a fresh ring, and nothing answered until userspace allows it */
	memset(console_page(vcpu), 0, sizeof(struct kvm440_console_ring));
	vcpu->console.own.head = 0;
	vcpu->console.own.polled = false;
	vcpu->console.gpa = cfg->uart_gpa;
	vcpu->console.on = true;
	return 0;
}

bool kvm440_console_mmio(struct kvm440_vcpu *vcpu, u64 gpa,
			 const struct kvm440_mmio_op *op,
			 enum exit_action *act)
{
	struct kvm440_console_state *cs = &vcpu->console;
	struct kvm440_ctx *ctx = &vcpu->ctx;
	u64 *stats = vcpu->vm->stats;
	bool store = op->flags & KVM440_F_STORE;
	enum kvm440_console_act a;
	unsigned int reg;
	u8 data[8];

	if (!cs->on || op->len != 1 || op->count != 1 ||
	    gpa < cs->gpa || gpa - cs->gpa >= 8)
		return false;
	reg = gpa - cs->gpa;
	kvm440_mmio_pack(store ? ctx->gpr[op->reg] : 0, store ? 1 : 0,
			 op->flags, data);
	a = kvm440_console_access(console_page(vcpu), &cs->own, reg, store,
				  &data[0]);
	if (a == KVM440_CONSOLE_PASS)
		return false;

	/* retired as an MMIO exit would be: rA first, then rD */
	if (op->flags & KVM440_F_UPDATE)
		ctx->gpr[op->ra] = op->ea;
	if (!store)
		ctx->gpr[op->reg] = kvm440_mmio_unpack(data, 1, op->flags);
	ctx->srr0 += 4;
	vcpu->io.next = 0;
	stats[KVM440_STAT_CONSOLE_MMIO]++;
	if (store && reg == KVM440_CONSOLE_THR)
		stats[KVM440_STAT_CONSOLE_BYTES]++;
	if (a == KVM440_CONSOLE_FLUSH) {
		vcpu->run->exit_reason = KVM440_EXIT_CONSOLE;
		stats[KVM440_STAT_CONSOLE_EXITS]++;
		*act = EXIT_USER;
	} else {
		*act = EXIT_RESUME;
	}
	return true;
}
