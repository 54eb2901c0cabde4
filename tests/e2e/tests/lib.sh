# Helpers for e2e test scripts, sourced inside the emulated 440 host.
# A test fails by exiting non-zero; every check says what it expected.
set -u
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "ok: $*"; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
	pass "$1 = '$3'"
}
# expect_grep WHAT PATTERN FILE_OR_-: the pattern must occur
expect_grep() {
	grep -q -- "$2" "$3" || fail "$1: no line matching '$2'"
	pass "$1"
}
# load_module [PARAM=VALUE...]
load_module() {
	insmod "$E2E/kvm440.ko" "$@" || fail "insmod kvm440.ko $*"
}
unload_module() {
	rmmod kvm440 || fail "rmmod kvm440"
}
# guest_prefix: filter a kvm440 guest's console output for the log. Every
# line gets "[guest] ", which tells the rig's crash check (run.sh) that a
# "Kernel panic" or "Oops" there is the guest's, not the host's. Guest
# console output must reach the host console only through this.
# awk ends even an unterminated last line, so no host line is glued to it.
guest_prefix() {
	tr -d '\r' | awk '{ print "[guest] " $0 }'
}
# guest NAME "GUEST_VMM ARGS" CHECK...: run tests/guests/NAME.bin under
# guest_vmm; every CHECK must have its own "PASS CHECK" line, no line may
# say FAIL and guest_vmm must exit 0. Failures are counted in $bad, so a
# script runs all its guests and then fails once with the total.
bad=0
guest() {
	local g=$1 args=$2 ok=1 rc c
	shift 2
	guest_vmm "$E2E/guests/$g.bin" $args > "/tmp/$g.out" 2>&1
	rc=$?
	sed "s/^/[$g] /" "/tmp/$g.out"
	for c in "$@"; do
		grep -q "^PASS $c\$" "/tmp/$g.out" ||
			{ echo "FAIL: guest $g: no \"PASS $c\" line"; ok=0; }
	done
	grep -q "FAIL" "/tmp/$g.out" &&
		{ echo "FAIL: guest $g reported a failure"; ok=0; }
	[ $rc -eq 0 ] || { echo "FAIL: guest $g: guest_vmm exited $rc"; ok=0; }
	if [ $ok = 1 ]; then pass "guest $g: $*"; else bad=$((bad + 1)); fi
}
# vmm_stat FILE NAME [PREFIX]: a counter from guest_vmm's "vmm: PREFIX"
# stats line (the last one)
vmm_stat() {
	sed -n "s/^vmm: ${3:-stats}.* $2=\([0-9]*\).*/\1/p" "$1" | tail -n 1
}
# guest_mmu_twice: two guest_mmu runs at once beside a fork loop, so the
# host's own TLB traffic lands between guest entries; fails on either's
# failure (their FAIL lines are shown)
guest_mmu_twice() {
	local busy m1 rc1 rc2
	( i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i + 1)); done ) &
	busy=$!
	guest_mmu > /tmp/m1.out 2>&1 &
	m1=$!
	guest_mmu > /tmp/m2.out 2>&1
	rc2=$?
	wait $m1; rc1=$?
	wait $busy
	grep -h "FAIL" /tmp/m1.out /tmp/m2.out
	[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] || fail "concurrent guest_mmu: rc $rc1 $rc2"
}
# kmemleak_report: on the debug host (kernel-debug.config), scan for leaks
# now and print what kmemleak suspects; run.sh fails the test on its
# "unreferenced object" lines. Returns 1 if it found any, 0 if none or if
# the host has no kmemleak (the plain host; says so).
# An object is only reported once it is 5 s old (kmemleak's minimum age):
# the sleep costs no wall time under -icount sleep=off. Two scans: an
# object whose contents changed since the last scan (as every object new
# since then has) is not reported, so one scan misses every fresh leak.
kmemleak_report() {
	local k=/sys/kernel/debug/kmemleak
	[ -e $k ] || { echo "kmemleak: not in this host kernel"; return 0; }
	sleep 6
	echo scan > $k
	echo scan > $k
	cat $k > /tmp/kmemleak.out
	if [ -s /tmp/kmemleak.out ]; then
		cat /tmp/kmemleak.out
		return 1
	fi
	echo "kmemleak: no leak suspected"
}
# kmemleak_baseline: forget what is already suspected, so a later report
# lists only what leaked after this point. What the boot itself leaves
# (not the module's business) is scanned with the console quieted, or
# kmemleak's "N new suspected" line would fail the test before it starts.
kmemleak_baseline() {
	local k=/sys/kernel/debug/kmemleak level
	[ -e $k ] || return 0
	sleep 6
	level=$(cut -f1 /proc/sys/kernel/printk)
	echo 4 > /proc/sys/kernel/printk
	echo scan > $k
	echo scan > $k
	echo clear > $k
	echo "$level" > /proc/sys/kernel/printk
}
