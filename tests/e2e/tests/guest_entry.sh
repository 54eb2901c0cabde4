# The first real guest execution: tiny hand-assembled guests (progs/
# guest_run.c) run natively through KVM440_RUN; exits come back at the
# right pc with the right instruction, guest registers prove the code ran,
# DCR reads/writes round-trip through userspace, an sc reaches the guest's
# own handler, every integer load/store form to MMIO exits with the exact
# address/size/data and completes, an unmapped load stops the guest
# cleanly, a signal ends a spinning guest, and 100 create/RUN/close rounds
# leave the host healthy (the rig fails the test on any oops/BUG/WARNING).
. /e2e/tests/lib.sh
load_module
guest_run 100 > /tmp/guest_run.out 2>&1
rc=$?
cat /tmp/guest_run.out
[ $rc -eq 0 ] || fail "guest_run exited $rc"
pass "guest_run: every check held"
# two VMs in two processes, against a host busy forking (host TLB
# invalidations and context switches between guest entries)
( i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i + 1)); done ) &
busy=$!
guest_run 200 > /tmp/g1.out 2>&1 &
g1=$!
guest_run 200 > /tmp/g2.out 2>&1
rc2=$?
wait $g1; rc1=$?
wait $busy
grep -h "FAIL" /tmp/g1.out /tmp/g2.out
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] || fail "concurrent guest_run: rc $rc1 $rc2"
pass "two concurrent guest_run (200 cycles each) beside a fork loop"
# SIGKILL while the guest spins inside RUN: everything is freed
guest_run spin > /tmp/spin.out 2>&1 &
spinner=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q spinning /tmp/spin.out && break; sleep 1; done
expect_grep "guest spinning inside RUN" spinning /tmp/spin.out
sleep 1
grep -q FAIL /tmp/spin.out && fail "$(cat /tmp/spin.out)"
kill -9 $spinner
wait $spinner 2>/dev/null
pass "SIGKILL ends a guest spinning in RUN"
# the host still schedules, forks and takes interrupts after all that
i=0
while [ $i -lt 50 ]; do /bin/true || fail "fork/exec after guest runs"; i=$((i + 1)); done
pass "host forks and execs after guest runs"
t0=$(cut -d' ' -f1 /proc/uptime); sleep 1; t1=$(cut -d' ' -f1 /proc/uptime)
[ "$t0" != "$t1" ] || fail "host clock stopped"
pass "host timer still ticking ($t0 -> $t1)"
unload_module
pass "module unloads after guest runs"
