# Bare-metal guest: a trap storm (emulated instructions, sc and rfi, nothing
# else) for a minute while the host keeps scheduling its own processes;
# then the VM is killed and everything is freed (the module unloads).
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
# the host's own process keeps running for a minute beside the storm
start=$(cut -d. -f1 /proc/uptime)
end=$((start + 60))
n=0
while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
	/bin/true || fail "fork/exec during the storm"
	n=$((n + 1))
done
echo "host loop: $n fork/exec rounds in 60 s beside the storm"
# One round per second of virtual time is the floor: under -icount the
# count depends on the module and the host's scheduler, not on the build
# machine's load, and a host the storm starves makes a handful of rounds.
[ $n -ge 60 ] || fail "host starved: $n rounds in 60 s"
pass "host process ran $n rounds in 60 s of storm"
kill -0 $vmm 2>/dev/null || { cat /tmp/storm.out; fail "storm VM ended by itself"; }
pass "storm guest still running after 60 s"
kvm440ctl status 2>&1 | head -20
kill -9 $vmm
i=0
while kill -0 $vmm 2>/dev/null && [ $i -lt 10 ]; do sleep 1; i=$((i + 1)); done
kill -0 $vmm 2>/dev/null && fail "storm VM survives SIGKILL"
wait $vmm 2>/dev/null
pass "SIGKILL ends the storm VM"
unload_module
pass "module unloads after the storm"
