// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kvm440ctl dump VM: the vCPU's registers, supervisor state and guest TLB
 * at one instant (netlink GET_VCPU: the module takes the vCPU out of the
 * guest, copies, and lets it go on), like lkvm debug.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv);

const struct cli_command cmd_dump = {
	.name = "dump",
	.run = run,
	.synopsis = "[--all] VM",
	.summary = "Print a running VM's registers and guest TLB.",
	.help =
	"Allowed to the VM's owner and to CAP_NET_ADMIN. VM is a VM id or\n"
	"name. The guest goes on running; what is printed is one instant.\n"
	"TLB lines: index, TID, effective page, size, TS, real address,\n"
	"WIMGE attributes and the UX UW UR SX SW SR permissions.\n\n"
	"Options:\n"
	"  -a, --all    list invalid TLB entries too\n"
	"  -h, --help   show this help and exit\n",
};

static void print_regs(const struct kvm440_regs *r)
{
	unsigned int i;

	printf("pc   %08" PRIx32 "  msr  %08" PRIx32 "  cr   %08" PRIx32
	       "  xer  %08" PRIx32 "\nlr   %08" PRIx32 "  ctr  %08" PRIx32
	       "\n", r->pc, r->msr, r->cr, r->xer, r->lr, r->ctr);
	for (i = 0; i < 32; i++)
		printf("r%-2u  %08" PRIx32 "%s", i, r->gpr[i],
		       i % 4 == 3 ? "\n" : "  ");
}

static void print_sregs(const struct kvm440_sregs *s)
{
	unsigned int i;

	printf("srr0 %08" PRIx32 "  srr1 %08" PRIx32 "  csrr0 %08" PRIx32
	       "  csrr1 %08" PRIx32 "\n", s->srr0, s->srr1, s->csrr0,
	       s->csrr1);
	printf("dear %08" PRIx32 "  esr  %08" PRIx32 "  ivpr %08" PRIx32
	       "  pid  %08" PRIx32 "\n", s->dear, s->esr, s->ivpr, s->pid);
	printf("mmucr %08" PRIx32 " ccr0 %08" PRIx32 "  ccr1 %08" PRIx32
	       "  pvr  %08" PRIx32 "\n", s->mmucr, s->ccr0, s->ccr1, s->pvr);
	printf("dbcr0 %08" PRIx32 " dec  %08" PRIx32 "  decar %08" PRIx32
	       " tcr  %08" PRIx32 "\ntsr  %08" PRIx32 "  tb   %016" PRIx64
	       "\n", s->dbcr0, s->dec, s->decar, s->tcr, s->tsr,
	       (uint64_t)s->tb);
	for (i = 0; i < 8; i++)
		printf("sprg%u %08" PRIx32 "%s", i, s->sprg[i],
		       i % 4 == 3 ? "\n" : " ");
	for (i = 0; i < 16; i++)
		printf("ivor%-2u %04" PRIx32 "%s", i, s->ivor[i],
		       i % 8 == 7 ? "\n" : " ");
}

/* "1K".."256M" for the 440's size code */
static const char *size_name(uint32_t code)
{
	static const char *const names[] = {
		"1K", "4K", "16K", "64K", "256K", "1M", "?", "16M", "?",
		"256M",
	};

	return code < 10 ? names[code] : "?";
}

static void print_tlb(const struct kvm440_tlb *tlb, int all)
{
	static const char perm[] = "xwrXWR";
	unsigned int i, j, valid = 0;

	for (i = 0; i < KVM440_TLB_ENTRIES; i++)
		valid += !!(tlb->e[i].word0 & KVM440_TLB0_V);
	printf("tlb: %u of %u entries valid\n", valid, KVM440_TLB_ENTRIES);
	for (i = 0; i < KVM440_TLB_ENTRIES; i++) {
		const struct kvm440_tlb_entry *e = &tlb->e[i];
		uint32_t w0 = e->word0, w1 = e->word1, w2 = e->word2;
		char p[7];

		if (!(w0 & KVM440_TLB0_V) && !all)
			continue;
		for (j = 0; j < 6; j++)
			p[j] = w2 & (0x20u >> j) ? perm[j] : '-';
		p[6] = '\0';
		printf("%2u%s tid %3" PRIu32 " ea %08" PRIx32 " %-4s ts%u "
		       "-> %" PRIx32 "%08" PRIx32 " wimge %c%c%c%c%c %s\n", i,
		       w0 & KVM440_TLB0_V ? " " : "-", e->tid & 0xff,
		       w0 & KVM440_TLB0_EPN_MASK,
		       size_name((w0 & KVM440_TLB0_SIZE_MASK) >>
				 KVM440_TLB0_SIZE_SHIFT),
		       !!(w0 & KVM440_TLB0_TS), w1 & KVM440_TLB1_ERPN_MASK,
		       w1 & KVM440_TLB1_RPN_MASK,
		       w2 & 0x800 ? 'W' : '-', w2 & KVM440_TLB2_I ? 'I' : '-',
		       w2 & 0x200 ? 'M' : '-', w2 & KVM440_TLB2_G ? 'G' : '-',
		       w2 & KVM440_TLB2_E ? 'E' : '-', p);
	}
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kvm440_error err = { "" };
	struct kvm440_vcpu_state st;
	struct kvm440_vm_info vm;
	struct kvm440_nl *nl;
	int c, r, all = 0;
	uint32_t id;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":ah", opts, NULL)) != -1) {
		if (c == 'a') {
			all = 1;
			continue;
		}
		if (c == 'h')
			return cli_command_help(&cmd_dump);
		return cli_bad_option(&cmd_dump, c, argv);
	}
	if (optind == argc)
		return cli_usage_error(&cmd_dump, "which VM? (give its id or name)");
	if (argc - optind > 1)
		return cli_usage_error(&cmd_dump, "too many arguments");
	r = cli_check_vm_arg(&cmd_dump, argv[optind]);
	if (r)
		return r;

	r = cli_open_vm(argv[optind], &nl, &id);
	if (r)
		return r;
	r = kvm440_nl_get_vcpu(nl, id, &st, &err);
	/* the header is best effort: the VM may be gone by now */
	if (r == 0 && kvm440_nl_get_vm(nl, id, &vm, NULL) < 0)
		vm.name[0] = '\0';
	kvm440_nl_close(nl);
	if (r < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	printf("vm %" PRIu32 "%s%s\n", id, vm.name[0] ? " " : "", vm.name);
	print_regs(&st.regs);
	print_sregs(&st.sregs);
	print_tlb(&st.tlb, all);
	return cli_finish_stdout(EXIT_OK);
}
