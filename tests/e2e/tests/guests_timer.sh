# Bare-metal guests: decrementer and FIT ticks at the programmed rate
# (measured by the guest against mftb), MSR[WE] idle waking on a timer
# (and counted as halt wake-ups), and the watchdog: interrupt, then reset.
. /e2e/tests/lib.sh
load_module
guest timer "--expect-exit 0" timer_dec_oneshot timer_dec_periodic \
	timer_dec_masked timer_fit
guest idle "--expect-exit 0" idle_dec idle_fit idle_dec_repeat
w=$(vmm_stat /tmp/idle.out halt_wakeup)
if [ "${w:-0}" -ge 7 ]; then pass "idle: halt_wakeup $w"
else echo "FAIL: idle: halt_wakeup '$w', want >= 7"; bad=$((bad + 1)); fi
guest wdog "--expect-event watchdog" wdog_ping wdog_interrupt
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
