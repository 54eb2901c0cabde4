# A VM started by an unprivileged user (uid 1000, group of /dev/kvm440):
# status shows its name and owner; its owner (not another user) may pause,
# resume, dump and stop it by name; a paused guest does not run, and a
# pause longer than its watchdog's period does not reset it; top and
# monitor --json show it live.
. /e2e/tests/lib.sh
load_module

# /dev/kvm440 is root's: give it to group 1000 as a "kvm" group would be
chgrp 1000 /dev/kvm440 || fail "chgrp /dev/kvm440"
chmod 0660 /dev/kvm440
# 16M of guest RAM is charged to RLIMIT_MEMLOCK; run_as keeps the limit
ulimit -l 65536 || fail "ulimit -l"

cat > /tmp/ticker.cfg <<CFG
name      = ticker
memory    = 16M
kernel    = /e2e/guests/ticker.bin
format    = raw
load_addr = 0
console   = stdio
CFG

# ticks FILE: how many "tick N" lines the guest printed so far
ticks() { grep -c '^tick ' "$1"; }
# wait_ticks FILE N: until the guest printed N more than now
wait_ticks() {
	local want=$(($(ticks "$1") + $2)) n=0
	until [ "$(ticks "$1")" -ge $want ]; do
		n=$((n + 1))
		[ $n -lt 480 ] || { guest_prefix < "$1"; cat /tmp/*.err; fail "guest did not tick $2 times"; }
		sleep 0.25
	done
}
# exits ID: the VM's exit counter, from status --json
exits() {
	kvm440ctl status --json "$1" | sed -n 's/.*"stats":{"exits":\([0-9]*\),.*/\1/p'
}
# run WANT_RC WHAT COMMAND...: output in /tmp/out and /tmp/err
run() {
	want=$1 what=$2
	shift 2
	"$@" > /tmp/out 2> /tmp/err
	rc=$?
	[ "$rc" = "$want" ] || { cat /tmp/out /tmp/err; fail "$what: expected exit $want, got $rc"; }
	pass "$what exits $rc"
}

run_as 1000 kvm440ctl start /tmp/ticker.cfg < /dev/null > /tmp/t.out 2> /tmp/t.err &
vmm=$!
wait_ticks /tmp/t.out 3
pass "unprivileged start runs the guest"

kvm440ctl status > /tmp/st || fail "status exited $?"
cat /tmp/st
row=$(grep "^[0-9][0-9]*  *ticker  *$vmm " /tmp/st) ||
	fail "no row named ticker for pid $vmm"
set -- $row
id=$1
pass "status names VM $id ticker"
kvm440ctl status ticker > /tmp/st1 || fail "status ticker exited $?"
expect_grep "status by name" "^$id  *ticker  *$vmm " /tmp/st1
kvm440ctl status --json ticker > /tmp/js || fail "status --json ticker exited $?"
expect_grep "JSON name" '"name":"ticker"' /tmp/js
expect_grep "JSON owner_uid" '"owner_uid":1000,' /tmp/js

# another user may look but not touch
for c in pause resume stop dump; do
	run 1 "uid 1001 $c" run_as 1001 kvm440ctl $c ticker
	expect_grep "uid 1001 $c refused" "Operation not permitted" /tmp/err
	expect_grep "uid 1001 $c says who may" "only its owner or CAP_NET_ADMIN" /tmp/err
done
run 0 "uid 1001 status" run_as 1001 kvm440ctl status ticker

# pause: events, state, no guest progress, no exits
kvm440ctl monitor --count 2 --timeout 120 ticker > /tmp/mon 2>&1 &
mon=$!
kvm440ctl monitor --json --count 2 --timeout 120 "$id" > /tmp/monj 2>&1 &
monj=$!
sleep 1
run 0 "owner pauses by name" run_as 1000 kvm440ctl pause ticker
sleep 1
kvm440ctl status ticker > /tmp/st2
expect_grep "status says paused" "^$id  *ticker  *$vmm  *[^ ]*  *paused " /tmp/st2
t1=$(ticks /tmp/t.out); e1=$(exits $id)
sleep 3		# 35 watchdog periods: a reset at resume if they counted
t2=$(ticks /tmp/t.out); e2=$(exits $id)
expect_eq "no guest output while paused" "$t1" "$t2"
expect_eq "no exits while paused" "$e1" "$e2"
run 0 "pause of a paused VM" run_as 1000 kvm440ctl pause "$id"

# dump while paused and while running: one instant, for the owner only
run 0 "owner dumps the paused VM" run_as 1000 kvm440ctl dump ticker
cat /tmp/out
expect_grep "dump header" "^vm $id ticker\$" /tmp/out
expect_grep "dump pc" "^pc   [0-9a-f]\{8\}  msr  0000[0-9a-f]\{4\}" /tmp/out
expect_grep "dump GPRs" "^r28  [0-9a-f]\{8\}  r29  " /tmp/out
expect_grep "dump the watchdog the guest set (WP=1 WRC=1)" "tcr  50000000" /tmp/out
expect_grep "dump TLB summary" "^tlb: [1-9][0-9]* of 64 entries valid" /tmp/out
expect_grep "dump RAM mapping, 16M at 0" "^ 0  tid   0 ea 00000000 16M  ts0 -> 000000000 wimge ----- ---XWR\$" /tmp/out
expect_grep "dump UART page" "^ 1  tid   0 ea ef600000 4K   ts0 -> 0ef600000 wimge -I-G- ----WR\$" /tmp/out

run 0 "owner resumes by id" run_as 1000 kvm440ctl resume "$id"
wait_ticks /tmp/t.out 3
pass "the guest runs again"
wait $mon || { cat /tmp/mon; fail "monitor exited $?"; }
cat /tmp/mon
expect_grep "monitor: paused event with the name" "^paused vm $id ticker pid $vmm\$" /tmp/mon
expect_grep "monitor: resumed event" "^resumed vm $id ticker pid $vmm\$" /tmp/mon
wait $monj || { cat /tmp/monj; fail "monitor --json exited $?"; }
cat /tmp/monj
expect_grep "monitor --json paused" "^{\"event\":\"paused\",\"vm\":$id,\"name\":\"ticker\",\"pid\":$vmm,\"data\":0}\$" /tmp/monj
expect_grep "monitor --json resumed" "^{\"event\":\"resumed\",\"vm\":$id," /tmp/monj

run 0 "root dumps the running VM" kvm440ctl dump --all "$id"
expect_eq "dump --all lists every entry" 64 "$(grep -c '^[ 0-9][0-9][ -] tid ' /tmp/out)"
# many snapshots of a guest exiting 1.6M times a second, owner and root
i=0
while [ $i -lt 20 ]; do
	if [ $((i % 2)) = 0 ]; then
		run_as 1000 kvm440ctl dump ticker > /tmp/d 2>&1
	else
		kvm440ctl dump ticker > /tmp/d 2>&1
	fi || { cat /tmp/d; fail "dump $i of the running guest"; }
	grep -q "tcr  50000000" /tmp/d || { cat /tmp/d; fail "dump $i: no TCR"; }
	i=$((i + 1))
done
pass "20 dumps of the running guest"
wait_ticks /tmp/t.out 2
pass "the guest runs on after the dumps"

# top: a steady exit rate (every watchdog feed is an exit)
run 0 "top" kvm440ctl top --interval 1 --count 2 ticker
cat /tmp/out
expect_eq "top: two samples" 2 "$(grep -c '^kvm440ctl top: 1 VM, over [0-9]* ms$' /tmp/out)"
rate=$(sed -n "s/^vm $id ticker (running): \([0-9]*\) exits\/s\$/\1/p" /tmp/out | tail -n 1)
[ -n "$rate" ] && [ "$rate" -gt 100 ] || fail "top: exits/s of a running guest: '$rate'"
pass "top: $rate exits/s"
expect_grep "top: reason lines" "^  emul_inst  *[1-9][0-9]*  *[1-9][0-9]*\$" /tmp/out
run 0 "top --json" kvm440ctl top --json --interval 1 --count 1
cat /tmp/out
expect_grep "top --json sample" "^{\"interval_ms\":[0-9]*,\"vms\":\[{\"id\":$id,\"name\":\"ticker\",\"state\":\"running\",\"exits_per_sec\":[1-9][0-9]*,\"rates\":{.*\"emul_inst\":[1-9]" /tmp/out

# stop by the owner, by name; kvm440ctl start ends normally
run 0 "owner stops by name" run_as 1000 kvm440ctl stop ticker
wait $vmm
rc=$?
guest_prefix < /tmp/t.out | tail -n 3
cat /tmp/t.err
expect_eq "stopped VMM exit status" 0 "$rc"
expect_grep "stopped on request" "stopped on request" /tmp/t.err
grep -q watchdog /tmp/t.err && fail "the guest's watchdog fired"
pass "no watchdog reset across the pause"

# a paused VM stops too; start --stats --json
run_as 1000 kvm440ctl start --stats --json /tmp/ticker.cfg < /dev/null > /tmp/t2.out 2> /tmp/t2.err &
vmm=$!
wait_ticks /tmp/t2.out 1
run 0 "pause the second VM" run_as 1000 kvm440ctl pause ticker
run 0 "stop the paused VM" run_as 1000 kvm440ctl stop ticker
wait $vmm
expect_eq "paused VM's VMM exits 0 on stop" 0 $?
expect_grep "paused VM stopped on request" "stopped on request" /tmp/t2.err
cat /tmp/t2.err
expect_grep "start --stats --json: one JSON line" '^{"stats":{"exits":[1-9][0-9]*,"light":[0-9]*,.*"emul_inst":[1-9][0-9]*,.*"shadow_256m":[0-9]*.*}}$' /tmp/t2.err

# a guest asleep (MSR[WE]) when paused does not run when its timer fires
sed 's|ticker.bin|idletick.bin|; s/^name .*/name = idler/' /tmp/ticker.cfg > /tmp/idle.cfg
run_as 1000 kvm440ctl start /tmp/idle.cfg < /dev/null > /tmp/i.out 2> /tmp/i.err &
vmm=$!
# right after a tick, so the next decrementer interrupt is 2 s away
wait_ticks /tmp/i.out 2
run 0 "pause the idling guest" run_as 1000 kvm440ctl pause idler
sleep 0.5	# a tick already on its way out
t1=$(ticks /tmp/i.out)
sleep 5		# 2.5 decrementer periods
expect_eq "idling guest: no output while paused" "$t1" "$(ticks /tmp/i.out)"
kvm440ctl status idler > /tmp/st4
expect_grep "idling guest: status paused" " paused " /tmp/st4
run 0 "resume the idling guest" run_as 1000 kvm440ctl resume idler
wait_ticks /tmp/i.out 2
pass "the idling guest ticks again"
# a signal still ends a paused VM's RUN, so its VMM can exit
run 0 "pause the idling guest again" run_as 1000 kvm440ctl pause idler
kill -TERM $vmm
wait $vmm
expect_eq "paused VMM exits 0 on SIGTERM" 0 $?
cat /tmp/i.err
expect_grep "paused VMM stopped by the signal" "stopped by signal 15" /tmp/i.err

run 2 "start --json without --stats" kvm440ctl start --json /tmp/ticker.cfg
expect_grep "--json without --stats says so" "goes with --stats" /tmp/err

# names the module refuses are a config error
sed 's/^name .*/name = 123/' /tmp/ticker.cfg > /tmp/digits.cfg
run 2 "an all-digit name" run_as 1000 kvm440ctl start /tmp/digits.cfg
expect_grep "all-digit name says why" "not only digits" /tmp/err
sed 's/^name .*/name = abcdefghijklmnopqrstuvwxyz0123456/' /tmp/ticker.cfg > /tmp/long.cfg
run 2 "a 33-character name" run_as 1000 kvm440ctl start /tmp/long.cfg
expect_grep "long name says why" "longer than 31 characters" /tmp/err

kvm440ctl status > /tmp/st3
expect_grep "no VM left" '^no VMs$' /tmp/st3
unload_module
