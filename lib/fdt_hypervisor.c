// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The /hypervisor node that tells a Linux guest with CONFIG_KVM_GUEST it
 * runs under a KVM-compatible hypervisor (docs/paravirt.md): Linux looks
 * for compatible "linux,kvm" (arch/powerpc/kernel/firmware.c) and patches
 * its ePAPR hypercall stub with hcall-instructions
 * (arch/powerpc/kernel/epapr_paravirt.c). A guest without that option
 * ignores the node.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "internal.h"

/*
 * lis r0,0x4b56; ori r0,r0,0x4d21; sc; nop: r0 = "KVM!", the magic the
 * module takes an sc from guest kernel mode as a hypercall by.
 */
static const uint32_t hcall_insns[4] = {
	0x3c004b56, 0x60004d21, 0x44000002, 0x60000000,
};

/*
 * No "has-idle": the ePAPR idle hypercall is implemented, but a 440 Linux
 * guest cannot use it. Its epapr_ev_idle() loops on the hypercall and
 * relies on the interrupt entry code returning to its caller when it sees
 * _TLF_NAPPING, which 32-bit Linux does only on Book3S and e500
 * (entry_32.S, prepare_transfer_to_handler): a 440 idle task would never
 * leave the loop.
 */
static int add_node(void *fdt, struct kvm440_error *err)
{
	static const char compat[] = "linux,kvm\0epapr,hypervisor-1";
	fdt32_t insns[4];
	int node, r, i;

	/* a user's tree that already describes its hypervisor is kept */
	if (fdt_path_offset(fdt, "/hypervisor") >= 0)
		return 0;
	node = fdt_add_subnode(fdt, 0, "hypervisor");
	if (node < 0)
		return kvm440_fail(err, -EINVAL, "device tree: /hypervisor: %s",
				   fdt_strerror(node));
	for (i = 0; i < 4; i++)
		insns[i] = cpu_to_fdt32(hcall_insns[i]);
	r = fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
	if (r == 0)
		r = fdt_setprop(fdt, node, "hcall-instructions", insns,
				sizeof(insns));
	if (r < 0)
		return kvm440_fail(err, -EINVAL, "device tree: /hypervisor: %s",
				   fdt_strerror(r));
	return 0;
}

/*
 * A blob-level step after kvm440_fdt_patch(), like the virtio nodes, so
 * that kvm440_fdt_params (public ABI) needs no field for it.
 */
int kvm440_fdt_hypervisor(void **dtb, size_t *len, struct kvm440_error *err)
{
	size_t size = fdt_totalsize(*dtb) + 256;
	void *fdt = malloc(size);
	int r;

	if (!fdt)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	r = fdt_open_into(*dtb, fdt, (int)size);
	if (r < 0) {
		free(fdt);
		return kvm440_fail(err, -EINVAL, "device tree: /hypervisor: %s",
				   fdt_strerror(r));
	}
	r = add_node(fdt, err);
	if (r < 0) {
		free(fdt);
		return r;
	}
	r = fdt_pack(fdt);
	if (r < 0) {
		free(fdt);
		return kvm440_fail(err, -EINVAL, "device tree: /hypervisor: %s",
				   fdt_strerror(r));
	}
	free(*dtb);
	*dtb = fdt;
	*len = fdt_totalsize(fdt);
	return 0;
}
