# A process killed with SIGKILL while holding a VM leaves no VM behind and
# its guest RAM released: free memory and the pin counters come back, for
# pinned anonymous RAM and for RAM the module allocated and the process
# mapped from the VM fd (KVM440_MEM_ALLOC).
. /e2e/tests/lib.sh
load_module
vmstat() { sed -n "s/^$1 //p" /proc/vmstat; }
memfree_kb() { sed -n 's/^MemFree: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
# hold_and_kill KIND: a 48M VM of vm_hold KIND, checked, then SIGKILLed
hold_and_kill() {
	sync; echo 3 > /proc/sys/vm/drop_caches
	before=$(memfree_kb)
	# a file of its own: the shell may look before vm_hold truncates one
	vm_hold 48 $1 > /tmp/hold.$1 &
	pid=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold.$1 && break; sleep 1; done
	expect_grep "vm_hold $1 ready" ready /tmp/hold.$1
	during=$(memfree_kb)
	[ $((before - during)) -gt $((44 * 1024)) ] ||
		fail "48M guest should use memory: before $before kB, during $during kB"
	pass "$1: 48M guest RAM in use ($((before - during)) kB)"
	lck=$(sed -n 's/^VmLck:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$pid/status)
	[ "$lck" -ge $((48 * 1024)) ] ||
		fail "$1: 48M should be charged as locked memory, VmLck $lck kB"
	pass "$1: charged as locked memory (VmLck $lck kB)"
	if [ $1 = anon ]; then
		[ "$(vmstat nr_foll_pin_acquired)" -gt "$(vmstat nr_foll_pin_released)" ] ||
			fail "guest RAM is not pinned"
		pass "guest RAM pinned"
	fi
	kill -9 $pid
	wait $pid 2>/dev/null
	sync; echo 3 > /proc/sys/vm/drop_caches
	after=$(memfree_kb)
	expect_eq "$1: pins released" "$(vmstat nr_foll_pin_acquired)" "$(vmstat nr_foll_pin_released)"
	[ $((before - after)) -lt 2048 ] ||
		fail "$1: memory not returned: before $before kB, after $after kB"
	pass "$1: free memory back ($before kB before, $after kB after)"
}
hold_and_kill anon
hold_and_kill module
unload_module
pass "no VM left behind: module unloads"
