# Guest RAM the module allocates (KVM440_MEM_ALLOC, docs/api.md): the slot
# checks, mmap() of the VM fd and what it refuses, zeroed, shared,
# physically contiguous 4M chunks, the locked-memory charge, fork (vm_mem);
# then bare-metal guests running in it: the TLB torture guest passes, and
# a guest that uses only its 16M boot entry gets nothing but 1M shadows;
# kvm440ctl uses it, and falls back to anonymous memory, saying why, when
# the module does not offer it (alloc_mem=0).
. /e2e/tests/lib.sh
load_module max_vm_mem_mb=16
vm_mem || fail "vm_mem"
guest tlb64 "--module-mem --expect-exit 0" tlb64_fill tlb64_lookup \
	tlb64_remap tlb64_invalidate tlb64_sizes
guest hello "--module-mem --expect-exit 0" hello
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
# the chunks the host gave are shown to the guest 16M-group first
echo "module memory chunks (/proc/buddyinfo before):"; cat /proc/buddyinfo
expect_eq "hello in module memory: 4K shadows" 0 "$(vmm_stat /tmp/hello.out shadow_4k)"
big=$(( $(vmm_stat /tmp/hello.out shadow_1m) + $(vmm_stat /tmp/hello.out shadow_16m) ))
[ "$big" -gt 0 ] || fail "hello in module memory: no 1M or 16M shadows"
pass "hello in module memory: $big 1M or 16M shadows"
guest hello "--expect-exit 0" hello
echo "hello in pinned memory: $(grep '^vmm: stats' /tmp/hello.out | tail -n 1)"
# start_hello ARGS...: kvm440ctl start ARGS on the bare-metal example
start_hello() {
	timeout 60 kvm440ctl start "$@" /e2e/bare-metal/hello.cfg </dev/null \
		>/tmp/bm.out 2>/tmp/bm.err
	echo $? > /tmp/bm.rc
	sed 's/^/[kvm440ctl] /' /tmp/bm.err
}
start_hello --verbose
expect_eq "kvm440ctl start status" 0 "$(cat /tmp/bm.rc)"
expect_grep "kvm440ctl gets module memory" "guest RAM: .*: module memory" /tmp/bm.err
unload_module
pass "all VMs gone: module unloads"

load_module alloc_mem=0
expect_eq "no KVM440_MEM_ALLOC offered" 0 \
	"$(vm_mem 2>&1 | sed -n 's/^module memory chunk: \([0-9-]*\) bytes/\1/p')"
start_hello --verbose
expect_eq "kvm440ctl start status, alloc_mem=0" 0 "$(cat /tmp/bm.rc)"
expect_grep "falls back to anonymous memory, saying why" \
	"guest RAM: .*anonymous memory, pinned (no module memory: the module does not offer it (alloc_mem=0))" /tmp/bm.err
start_hello --ram module
expect_eq "--ram module without module memory: status" 1 "$(cat /tmp/bm.rc)"
expect_grep "--ram module says why" "guest RAM: .*does not offer it" /tmp/bm.err
start_hello --ram disk
expect_eq "--ram of an unknown kind: status" 2 "$(cat /tmp/bm.rc)"
expect_grep "--ram names the kinds" "--ram: 'auto', 'module' or 'anon'" /tmp/bm.err
unload_module
pass "module unloads"
