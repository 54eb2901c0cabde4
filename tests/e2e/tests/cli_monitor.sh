# kvm440ctl monitor prints one line per event as it happens: a VM created
# and destroyed by another process shows up with its id and owner's pid.
. /e2e/tests/lib.sh
load_module

# Wait until a generic netlink socket (protocol 16) has joined a group, as
# /proc/net/netlink shows; group ids above 31 do not show, hence the cap.
wait_subscribed() {
	for i in 1 2 3 4 5 6 7 8 9 10; do
		awk 'NR > 1 && $2 == 16 && $4 != "00000000" { f = 1 } END { exit !f }' \
			/proc/net/netlink && return 0
		sleep 1
	done
	echo "note: no subscriber seen in /proc/net/netlink; going on"
}

kvm440ctl monitor --count 2 --timeout 120 > /tmp/ev 2> /tmp/ev.err &
mon=$!
wait_subscribed
vm_hold 4 > /tmp/hold &
pid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/hold && break; sleep 1; done
expect_grep "vm_hold ready" ready /tmp/hold
kill $pid
wait $pid 2>/dev/null
wait $mon
rc=$?
cat /tmp/ev /tmp/ev.err
expect_eq "monitor --count 2 exit status" 0 $rc
expect_eq "two event lines" 2 "$(wc -l < /tmp/ev)"
expect_grep "created event" "^created vm [0-9][0-9]* pid $pid\$" /tmp/ev
expect_grep "destroyed event" "^destroyed vm [0-9][0-9]* pid $pid\$" /tmp/ev
first=$(sed -n 1p /tmp/ev | cut -d' ' -f1)
expect_eq "created comes first" created "$first"
id1=$(sed -n 1p /tmp/ev | cut -d' ' -f3)
id2=$(sed -n 2p /tmp/ev | cut -d' ' -f3)
expect_eq "both events name the same VM" "$id1" "$id2"

# --timeout: with --count unmet it fails, on its own it ends quietly.
kvm440ctl monitor --count 1 --timeout 1 > /tmp/ev2 2> /tmp/ev2.err
expect_eq "unmet --count by --timeout exits" 1 $?
expect_grep "timeout says so" "timed out" /tmp/ev2.err
kvm440ctl monitor --timeout 1 > /tmp/ev3 2>&1
expect_eq "plain --timeout exits" 0 $?
expect_eq "no events, no output" "" "$(cat /tmp/ev3)"

# SIGTERM ends a monitor cleanly.
kvm440ctl monitor > /tmp/ev4 2>&1 &
mon=$!
sleep 1
kill -TERM $mon
wait $mon
expect_eq "monitor after SIGTERM exits" 0 $?
unload_module
