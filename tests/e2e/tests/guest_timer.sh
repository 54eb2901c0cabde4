# The guest's timers and idle state (progs/guest_timer.c): decrementer
# auto-reload and FIT ticks at the programmed rate in the guest's own
# handlers, MSR[WE] idle woken by a timer and by IRQ_LINE from another
# thread with the host thread asleep, a signal during idle, the HALT exit,
# the watchdog interrupt and reset; then a netlink stop request wakes an
# idle vCPU, whose VM shows as halted meanwhile.
. /e2e/tests/lib.sh
load_module
guest_timer > /tmp/guest_timer.out 2>&1
rc=$?
cat /tmp/guest_timer.out
[ $rc -eq 0 ] || fail "guest_timer exited $rc"
pass "guest_timer: every check held"

guest_timer idle > /tmp/idle.out 2>&1 &
idler=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q idling /tmp/idle.out && break; sleep 1; done
expect_grep "guest idling inside RUN" idling /tmp/idle.out
sleep 1
kvm440ctl status > /tmp/st || fail "status exited $?"
cat /tmp/st
set -- $(sed -n 2p /tmp/st)
id=$1
expect_eq "idle VM state" halted "$5"
kvm440ctl stop "$id" || fail "stop $id exited $?"
wait $idler
rc=$?
cat /tmp/idle.out
[ $rc -eq 0 ] || fail "idle guest_timer exited $rc"
pass "netlink stop woke the idle vCPU"

unload_module
pass "module unloads after the timer guests (no hrtimer left behind)"
