# Issue 10 finding 1 (fixed in 5f904af): netlink GET_VM and STOP_VM hammer
# the id of a VM that another process creates and closes in a loop, so
# lookups meet VMs whose last reference is being dropped. On the debug
# (preemptible, KASAN) host the old kref_get() from 0 showed as
# "refcount_t: addition on 0; use-after-free" and KASAN reports; now
# nothing may be reported and every VM goes away.
. /e2e/tests/lib.sh
load_module max_vms=200
nl_race 150 "${race_churns:-20000}" > /tmp/race.out 2>&1
rc=$?
cat /tmp/race.out
[ $rc -eq 0 ] || fail "nl_race exited $rc"
unload_module
pass "no VM left: module unloads"
