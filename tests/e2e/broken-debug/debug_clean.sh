# The control for the broken_* tests beside it: on the debug host, booting,
# loading kvm440, holding and killing a VM and unloading report nothing, so
# a failure of the others is their bug and not the host's own noise.
. /e2e/tests/lib.sh
load_module
vm_hold 2 > /tmp/hold &
pid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold && break; sleep 1; done
expect_grep "vm_hold ready" ready /tmp/hold
kill -9 $pid
wait $pid 2>/dev/null
unload_module
kmemleak_report || fail "kmemleak suspects a leak"
[ -e /sys/kernel/debug/kmemleak ] || fail "not the debug host: no kmemleak"
pass "debug host clean"
