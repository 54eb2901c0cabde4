# Bare-metal guest: a trap storm (emulated instructions, sc and rfi, nothing
# else) for 5 s of the host's time while the host keeps scheduling its own
# processes; then the VM is killed and everything is freed (the module
# unloads). Under -icount a second is 10^9 emulated instructions whatever
# the build machine's load, so the storm's length is its cost: 5 s shows a
# host that keeps running as well as a minute did, at a twelfth of the
# wall time (a minute of storm ran past the rig's 900 s on a loaded machine).
. /e2e/tests/lib.sh
load_module
guest_vmm /e2e/guests/storm.bin --timeout 0 > /tmp/storm.out 2>&1 &
vmm=$!
for i in 1 2 3 4 5 6 7 8 9 10; do
	grep -q "storm: trapping" /tmp/storm.out && break
	sleep 1
done
cat /tmp/storm.out
expect_grep "storm guest started" "storm: trapping" /tmp/storm.out
# the host's own process keeps running beside the storm
secs=5
start=$(cut -d. -f1 /proc/uptime)
end=$((start + secs))
n=0
while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
	/bin/true || fail "fork/exec during the storm"
	n=$((n + 1))
done
echo "host loop: $n fork/exec rounds in $secs s beside the storm"
# Five rounds per second of virtual time is the floor: under -icount the
# count depends on the module and the host's scheduler, not on the build
# machine's load (a fair share of the CPU gives dozens a second), and a
# host the storm starves makes a handful in all.
[ $n -ge $((5 * secs)) ] || fail "host starved: $n rounds in $secs s"
pass "host process ran $n rounds in $secs s of storm"
kill -0 $vmm 2>/dev/null || { cat /tmp/storm.out; fail "storm VM ended by itself"; }
pass "storm guest still running after $secs s"
kvm440ctl status 2>&1 | head -20
kill -9 $vmm
i=0
while kill -0 $vmm 2>/dev/null && [ $i -lt 10 ]; do sleep 1; i=$((i + 1)); done
kill -0 $vmm 2>/dev/null && fail "storm VM survives SIGKILL"
wait $vmm 2>/dev/null
pass "SIGKILL ends the storm VM"
unload_module
pass "module unloads after the storm"
