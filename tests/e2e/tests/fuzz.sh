# The user-surface fuzzer (tests/fuzz/): random ioctl sequences on
# /dev/kvm440, VM and vCPU fds, odd and vanishing memory, racing threads,
# forks, malformed netlink and random guests. The kernel's verdict is the
# console's: any oops or (debug host) checker report fails the test; the
# fuzzer's own must be "ok". Afterwards no VM is left and the module unloads.
# fuzz_ioctls, fuzz_guests and fuzz_seed (kernel command line, E2E_APPEND)
# set the budget; the suite's default is a slice, `make fuzz` the full one.
. /e2e/tests/lib.sh
# 8M per VM: random sizes must not take the host into the OOM killer,
# whose report (a call trace) would be taken for a crash
load_module max_vm_mem_mb=8
vmstat() { sed -n "s/^$1 //p" /proc/vmstat; }
pins_before=$(($(vmstat nr_foll_pin_acquired) - $(vmstat nr_foll_pin_released)))
kvm440_fuzz -n "${fuzz_ioctls:-20000}" -g "${fuzz_guests:-40}" \
	${fuzz_seed:+-s "$fuzz_seed"} > /tmp/fuzz.out 2>&1
rc=$?
cat /tmp/fuzz.out
[ $rc -eq 0 ] || fail "kvm440_fuzz exited $rc"
expect_grep "fuzzer finished its budget" "^ok: kvm440_fuzz" /tmp/fuzz.out
acq=$(vmstat nr_foll_pin_acquired) rel=$(vmstat nr_foll_pin_released)
expect_eq "pins held after fuzzing" "$pins_before" "$((acq - rel))"
kvm440ctl status > /tmp/st 2>&1
expect_grep "no VM outlived its owner" '^no VMs$' /tmp/st
unload_module
pass "module unloads after fuzzing"
kmemleak_report || fail "kmemleak suspects a leak after fuzzing"
