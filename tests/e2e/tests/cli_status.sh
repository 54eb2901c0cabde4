# kvm440ctl status shows a VM another process holds — its owner's pid and
# 8M of memory, as a table and as JSON — and forgets it once the owner dies.
. /e2e/tests/lib.sh
load_module

kvm440ctl status > /tmp/st0 || fail "status with no VM exited $?"
expect_grep "empty list says so" '^no VMs$' /tmp/st0
kvm440ctl status --json > /tmp/js0 || fail "status --json with no VM exited $?"
expect_eq "empty JSON" '{"vms":[]}' "$(cat /tmp/js0)"

vm_hold 8 > /tmp/hold &
pid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold && break; sleep 1; done
expect_grep "vm_hold ready" ready /tmp/hold

kvm440ctl status > /tmp/st || fail "status exited $?"
cat /tmp/st
expect_grep "table header" '^ID  *NAME  *PID  *MEMORY  *STATE  *UPTIME  *EXITS' /tmp/st
row=$(grep "^[0-9][0-9]*  *[^ ]*  *$pid " /tmp/st) || fail "no row for pid $pid"
set -- $row
id=$1
expect_eq "name column of an unnamed VM" - "$2"
expect_eq "pid column" "$pid" "$3"
expect_eq "memory column" 8M "$4"
expect_eq "state column" ready "$5"
case "$6" in *:[0-5][0-9]:[0-5][0-9]) pass "uptime column '$6'" ;;
	*) fail "uptime column: expected H:MM:SS, got '$6'" ;; esac
case "$7" in *[!0-9]*|'') fail "exits column: not a number: '$7'" ;;
	*) pass "exits column '$7'" ;; esac

kvm440ctl status "$id" > /tmp/st1 || fail "status $id exited $?"
expect_grep "status ID shows the VM" "^$id  *-  *$pid  *8M " /tmp/st1
expect_eq "status ID shows one VM" 2 "$(wc -l < /tmp/st1)"

kvm440ctl status --json > /tmp/js || fail "status --json exited $?"
cat /tmp/js
expect_eq "JSON is one line" 1 "$(wc -l < /tmp/js)"
expect_grep "JSON object with a vms array" '^{"vms":\[{.*}\]}$' /tmp/js
vm=$(sed 's/^{"vms":\[//; s/\]}$//' /tmp/js | tr '}' '\n' |
	grep "\"owner_pid\":$pid," | head -n 1)
[ -n "$vm" ] || fail "no VM with owner_pid $pid in the JSON"
echo "$vm" > /tmp/vm
expect_grep "JSON id" "\"id\":$id," /tmp/vm
expect_grep "JSON mem_size" '"mem_size":8388608,' /tmp/vm
expect_grep "JSON state" '"state":"ready"' /tmp/vm
expect_grep "JSON vcpus" '"vcpus":1,' /tmp/vm
expect_grep "JSON uptime_ms" '"uptime_ms":[0-9][0-9]*,' /tmp/vm
expect_grep "JSON owner_uid" '"owner_uid":0,' /tmp/vm
expect_grep "JSON stats keyed by name" \
	'"stats":{"exits":[0-9]*,"light":[0-9]*,"heavy":[0-9]*,"mmio":[0-9]*' /tmp/vm
expect_grep "JSON last counter" '"watchdog":[0-9]*' /tmp/js

kvm440ctl status --json "$id" > /tmp/js1 || fail "status --json $id exited $?"
expect_grep "JSON for one VM" "^{\"vms\":\[{\"id\":$id,\"owner_pid\":$pid," /tmp/js1

# root has CAP_NET_ADMIN; vm_hold never runs its vCPU, so the request
# just waits for a KVM440_RUN that never comes.
kvm440ctl stop "$id" || fail "stop $id exited $?"
pass "stop of a held VM accepted"

kill $pid
wait $pid 2>/dev/null
kvm440ctl status > /tmp/st2 || fail "status after kill exited $?"
cat /tmp/st2
grep -q "^[0-9][0-9]*  *[^ ]*  *$pid " /tmp/st2 && fail "VM of pid $pid still listed"
pass "VM gone from the table"
kvm440ctl status --json > /tmp/js2 || fail "status --json after kill exited $?"
grep -q "\"owner_pid\":$pid," /tmp/js2 && fail "VM of pid $pid still in JSON"
pass "VM gone from the JSON"
kvm440ctl status "$id" > /tmp/st3 2> /tmp/err3
expect_eq "status of a gone VM exits" 1 $?
expect_grep "status of a gone VM says so" "no VM with id $id" /tmp/err3
unload_module
