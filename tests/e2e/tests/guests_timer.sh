# Bare-metal guests: decrementer and FIT ticks at the programmed rate
# (measured by the guest against mftb), MSR[WE] idle waking on a timer
# (and counted as halt wake-ups), and the watchdog: interrupt, then reset.
. /e2e/tests/lib.sh
# guest NAME "GUEST_VMM ARGS" CHECK...: run tests/guests/NAME.bin under
# guest_vmm; every CHECK must have its own "PASS CHECK" line, no line may
# say FAIL and guest_vmm must exit 0. Failures are counted in $bad.
bad=0
guest() {
	g=$1 args=$2
	shift 2
	guest_vmm /e2e/guests/$g.bin $args > /tmp/$g.out 2>&1
	rc=$?
	sed "s/^/[$g] /" /tmp/$g.out
	ok=1
	for c in "$@"; do
		grep -q "^PASS $c\$" /tmp/$g.out ||
			{ echo "FAIL: guest $g: no \"PASS $c\" line"; ok=0; }
	done
	grep -q "FAIL" /tmp/$g.out && { echo "FAIL: guest $g reported a failure"; ok=0; }
	[ $rc -eq 0 ] || { echo "FAIL: guest $g: guest_vmm exited $rc"; ok=0; }
	if [ $ok = 1 ]; then pass "guest $g: $*"; else bad=$((bad + 1)); fi
}
# stat FILE NAME [PREFIX]: a counter from guest_vmm's "vmm: PREFIX" stats line
stat() {
	sed -n "s/^vmm: ${3:-stats}.* $2=\([0-9]*\).*/\1/p" "$1" | tail -n 1
}
load_module
guest timer "--expect-exit 0" timer_dec_oneshot timer_dec_periodic \
	timer_dec_masked timer_fit
guest idle "--expect-exit 0" idle_dec idle_fit idle_dec_repeat
w=$(stat /tmp/idle.out halt_wakeup)
if [ "${w:-0}" -ge 7 ]; then pass "idle: halt_wakeup $w"
else echo "FAIL: idle: halt_wakeup '$w', want >= 7"; bad=$((bad + 1)); fi
guest wdog "--expect-event watchdog" wdog_ping wdog_interrupt
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
