# The guest's own MMU through the hardware-TLB shadows (progs/guest_mmu.c):
# tlbwe/tlbre/tlbsx, the guest's own DTLB-miss handler, 64 live guest
# entries over fewer hardware slots, user vs kernel rights without
# flushes, PID switches, exact invalidation on tlbwe, MMIO exits and a
# machine check for physical addresses the guest was not given, and a
# large guest page. The rig fails the test on any oops/BUG/WARNING.
. /e2e/tests/lib.sh
load_module
guest_mmu > /tmp/guest_mmu.out 2>&1
rc=$?
cat /tmp/guest_mmu.out
[ $rc -eq 0 ] || fail "guest_mmu exited $rc"
pass "guest_mmu: every check held"
# twice at once, beside a fork loop: host TLB traffic between guest entries
guest_mmu_twice
pass "two concurrent guest_mmu beside a fork loop"
i=0
while [ $i -lt 50 ]; do /bin/true || fail "fork/exec after guest runs"; i=$((i + 1)); done
pass "host forks and execs after guest runs"
unload_module
pass "module unloads after guest runs"
