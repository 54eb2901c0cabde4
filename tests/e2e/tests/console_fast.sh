# The in-kernel console (guest.cfg console_fast, KVM440_SET_CONSOLE): its
# ioctls and their checks (progs/console_api.c); then the
# console guest (tests/guests/g_console.c) drives UART0 as Linux's boot
# console does, under kvm440ctl start, once with the module answering the
# console (on) and once with every access an exit (off). Both transcripts
# must be exactly the text the guest wrote, in order, and the guest's own
# checks of the states the module must leave alone must pass; with the
# fast path the heavy exits must drop to about one per line.
. /e2e/tests/lib.sh
load_module
console_api || fail "console_api"

# what the guest writes, without the CRs of its "\r\n"
awk 'BEGIN {
	a = "abcdefghijklmnopqrstuvwxyz"; a = a a a a
	n = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	print "console: start"
	for (i = 0; i < 200; i++)
		printf "L%03d:%s\n", i, substr(a, i % 26 + 1, 60)
	l = ""
	for (j = 0; j < 3000; j++) l = l substr(n, j % 62 + 1, 1)
	print "LONG:" l
	print "<|>"
	print "PASS console_update_forms"
	print "PASS console_loopback"
	print "PASS console_dlab"
	print "()"
	print "PASS console_thri"
	print "PASS console_lsr"
	print "type> (no input)"
	print "console: done"
}' > /tmp/console.want

# cstat FILE NAME: a counter from kvm440ctl start --stats
cstat() {
	sed -n "s/^kvm440ctl: stats: $2  *\([0-9]*\)\$/\1/p" "$1"
}

for mode in on off; do
	cat > /tmp/console-$mode.cfg <<-CFG
	name         = console-$mode
	memory       = 16M
	kernel       = /e2e/guests/console.bin
	format       = raw
	load_addr    = 0
	console_fast = $mode
	CFG
	timeout 120 kvm440ctl start --stats /tmp/console-$mode.cfg </dev/null \
		>/tmp/console-$mode.out 2>/tmp/console-$mode.err
	rc=$?
	guest_prefix < /tmp/console-$mode.out | grep -v '^\[guest\] L[0-9]*:'
	sed 's/^/[kvm440ctl] /' /tmp/console-$mode.err
	expect_eq "console_fast=$mode: kvm440ctl status" 0 "$rc"
	expect_grep "console_fast=$mode: core reset ends it" \
		"asked for a reset" /tmp/console-$mode.err
	# the timing line differs between runs: shown, not compared
	grep '^info: ' /tmp/console-$mode.out | tr -d '\r' > /tmp/console-$mode.info
	tr -d '\r' < /tmp/console-$mode.out | grep -v '^info: ' \
		> /tmp/console-$mode.txt
	cmp /tmp/console.want /tmp/console-$mode.txt ||
		fail "console_fast=$mode: transcript differs from what the guest wrote"
	pass "console_fast=$mode: every byte, in order"
done

# (the timebase ticks once per 2.5 instructions under the rig's -icount)
for mode in off on; do
	sed 's/^info: \([0-9]*\) bytes in \([0-9]*\) .*/\1 \2/' \
		/tmp/console-$mode.info | { read b t
		echo "console_fast=$mode: $b bytes of lines in $t ticks," \
			"$((t / 2 * 5 / b)) instructions a byte"; }
done
bytes=$(wc -c < /tmp/console-on.out)
lines=$(wc -l < /tmp/console-on.out)
on_heavy=$(cstat /tmp/console-on.err heavy)
off_heavy=$(cstat /tmp/console-off.err heavy)
on_bytes=$(cstat /tmp/console-on.err console_bytes)
echo "console: $bytes bytes in $lines lines; heavy exits: $off_heavy" \
	"without the fast path, $on_heavy with it ($on_bytes bytes queued" \
	"in the kernel, $(cstat /tmp/console-on.err console_exits) console exits)"
# every THR byte but the two written with THR-empty interrupts on
expect_eq "bytes through the kernel's ring" $((bytes - 2)) "$on_bytes"
expect_eq "no ring without the fast path" 0 \
	"$(cstat /tmp/console-off.err console_bytes)"
[ "$off_heavy" -ge $((2 * bytes)) ] ||
	fail "without the fast path: $off_heavy heavy exits, want >= 2 per byte"
pass "without the fast path: two heavy exits per byte or more"
# a line each, a few for a line longer than the ring, and the state checks
[ "$on_heavy" -le $((lines + 64)) ] ||
	fail "with the fast path: $on_heavy heavy exits for $lines lines"
pass "with the fast path: about one heavy exit per line"

# Interactive: the guest prompts without a newline and polls LSR for
# input; the prompt must show while it waits, or the answer comes too late.
rm -f /tmp/in /tmp/console-in.out
mkfifo /tmp/in
exec 3<>/tmp/in
{ timeout 120 kvm440ctl start /tmp/console-on.cfg </tmp/in \
	2>/tmp/console-in.err; echo $? > /tmp/console-in.rc; } |
	tee /tmp/console-in.out | guest_prefix | grep -v '^\[guest\] L[0-9]*:' &
n=0
until grep -q "type> " /tmp/console-in.out 2>/dev/null; do
	n=$((n + 1))
	[ $n -lt 1200 ] || break
	sleep 0.1
done
echo hi >&3
wait
exec 3>&-
sed 's/^/[kvm440ctl] /' /tmp/console-in.err
expect_eq "interactive: kvm440ctl status" 0 "$(cat /tmp/console-in.rc)"
expect_grep "interactive: the prompt showed before the input came" \
	"type> got 'hi'" /tmp/console-in.out
unload_module
