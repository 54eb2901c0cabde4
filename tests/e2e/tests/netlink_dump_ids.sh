# The netlink dump lists every VM, also one created after another VM and
# given a lower id (ids are reused from the lowest free one, while the
# module's list is in creation order): it used to be skipped.
. /e2e/tests/lib.sh
load_module

# hold N: a VM held by a background vm_hold, its pid in $held
hold() {
	vm_hold 2 > /tmp/hold$1 &
	held=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold$1 && break; sleep 1; done
	expect_grep "vm_hold $1 ready" ready /tmp/hold$1
}
# vm_id PID: the id status --json gives the VM of PID ("" if not listed)
vm_id() {
	kvm440ctl status --json | tr '}' '\n' |
		sed -n "s/.*\"id\":\([0-9]*\),\"owner_pid\":$1,.*/\1/p"
}

hold a; a=$held
hold b; b=$held
ida=$(vm_id $a); idb=$(vm_id $b)
[ -n "$ida" ] && [ -n "$idb" ] || fail "first two VMs not both listed"
kill $a; wait $a 2>/dev/null
hold c; c=$held
kvm440ctl status > /tmp/st; cat /tmp/st
idc=$(vm_id $c)
expect_eq "the new VM reuses the freed id" "$ida" "$idc"
[ "$idc" -lt "$idb" ] || fail "id $idc of the newer VM is not below $idb"
expect_grep "the older VM listed" "^$idb  *-  *$b " /tmp/st
expect_grep "the newer VM with the lower id listed" "^$idc  *-  *$c " /tmp/st
expect_eq "both VMs in the table" 3 "$(wc -l < /tmp/st)"
expect_eq "the lower id first" "$idc" "$(sed -n 2p /tmp/st | cut -d' ' -f1)"
kill $b $c; wait $b $c 2>/dev/null
unload_module
