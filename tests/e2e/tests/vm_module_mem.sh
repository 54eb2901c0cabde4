# Guest RAM the module allocates (KVM440_MEM_ALLOC, docs/api.md): the slot
# checks, mmap() of the VM fd and what it refuses, zeroed, shared,
# physically contiguous 4M chunks, the locked-memory charge, fork (vm_mem);
# then bare-metal guests running in it: the TLB torture guest passes, and
# a guest that uses only its 16M boot entry gets nothing but 1M shadows.
. /e2e/tests/lib.sh
load_module max_vm_mem_mb=16
vm_mem || fail "vm_mem"
guest tlb64 "--module-mem --expect-exit 0" tlb64_fill tlb64_lookup \
	tlb64_remap tlb64_invalidate tlb64_sizes
guest hello "--module-mem --expect-exit 0" hello
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
expect_eq "hello in module memory: 4K shadows" 0 "$(vmm_stat /tmp/hello.out shadow_4k)"
big=$(vmm_stat /tmp/hello.out shadow_1m)
[ "${big:-0}" -gt 0 ] || fail "hello in module memory: no 1M shadows"
pass "hello in module memory: $big 1M shadows"
guest hello "--expect-exit 0" hello
echo "hello in pinned memory: $(grep '^vmm: stats' /tmp/hello.out | tail -n 1)"
unload_module
pass "all VMs gone: module unloads"
