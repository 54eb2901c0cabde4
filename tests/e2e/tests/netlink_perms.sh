# Netlink status is open to every user; STOP_VM (and PAUSE_VM, RESUME_VM,
# GET_VCPU) need CAP_NET_ADMIN or the VM's owner: uid 1000 owns nothing here.
# /dev/kvm440 itself is 0660 root.
. /e2e/tests/lib.sh
load_module
vm_hold 2 > /tmp/hold &
hold=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold && break; sleep 1; done
expect_grep "vm_hold ready" ready /tmp/hold

run_as 1000 kvm440ctl status > /tmp/st 2>&1 || { cat /tmp/st; fail "status as uid 1000"; }
expect_grep "unprivileged status lists the VM" " $hold " /tmp/st
id=$(kvm440ctl status --json | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -n1)
[ -n "$id" ] || fail "no VM id in status --json"

run_as 1000 kvm440ctl stop "$id" > /tmp/stop 2>&1
rc=$?
cat /tmp/stop
[ $rc -ne 0 ] || fail "unprivileged stop succeeded"
expect_grep "unprivileged stop refused" "Operation not permitted" /tmp/stop
for c in pause dump; do
	run_as 1000 kvm440ctl $c "$id" > /tmp/$c 2>&1 &&
		fail "unprivileged $c of root's VM succeeded"
	cat /tmp/$c
	expect_grep "unprivileged $c refused" "Operation not permitted" /tmp/$c
done
# vm_hold's vCPU never runs: the snapshot is taken outside RUN
kvm440ctl dump "$id" > /tmp/dump || fail "root dump of a VM outside RUN"
expect_grep "dump outside RUN: the reset state" "^pc   fffffffc  msr  00000000" /tmp/dump
expect_grep "dump outside RUN: empty guest TLB" "^tlb: 0 of 64 entries valid" /tmp/dump
kvm440ctl stop "$id" || fail "root stop"
pass "root may stop VM $id"

run_as 1000 cat /dev/kvm440 2>/tmp/open
expect_grep "unprivileged open of /dev/kvm440 refused" "Permission denied" /tmp/open
kill $hold
wait $hold 2>/dev/null
pass "VM owner gone"
