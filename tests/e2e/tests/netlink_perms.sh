# Netlink status is open to every user; STOP_VM, the one command that
# changes state, needs CAP_NET_ADMIN. /dev/kvm440 itself is 0660 root.
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
kvm440ctl stop "$id" || fail "root stop"
pass "root may stop VM $id"

run_as 1000 cat /dev/kvm440 2>/tmp/open
expect_grep "unprivileged open of /dev/kvm440 refused" "Permission denied" /tmp/open
kill $hold
wait $hold 2>/dev/null
pass "VM owner gone"
