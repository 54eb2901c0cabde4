# A process killed with SIGKILL while holding a VM leaves no VM behind and
# its guest RAM unpinned: free memory and the pin counters come back.
. /e2e/tests/lib.sh
load_module
vmstat() { sed -n "s/^$1 //p" /proc/vmstat; }
memfree_kb() { sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
sync; echo 3 > /proc/sys/vm/drop_caches
before=$(memfree_kb)
vm_hold 48 > /tmp/hold &
pid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold && break; sleep 1; done
expect_grep "vm_hold ready" ready /tmp/hold
during=$(memfree_kb)
[ $((before - during)) -gt $((44 * 1024)) ] ||
	fail "48M guest should use memory: before $before kB, during $during kB"
pass "48M guest RAM in use ($((before - during)) kB)"
[ "$(vmstat nr_foll_pin_acquired)" -gt "$(vmstat nr_foll_pin_released)" ] ||
	fail "guest RAM is not pinned"
pass "guest RAM pinned"
kill -9 $pid
wait $pid 2>/dev/null
sync; echo 3 > /proc/sys/vm/drop_caches
after=$(memfree_kb)
expect_eq "pins released" "$(vmstat nr_foll_pin_acquired)" "$(vmstat nr_foll_pin_released)"
[ $((before - after)) -lt 2048 ] ||
	fail "memory not returned: before $before kB, after $after kB"
pass "free memory back ($before kB before, $after kB after)"
unload_module
pass "no VM left behind: module unloads"
