# Detached consoles: the echo guest (tests/guests/g_echo.c) under kvm440ctl
# start with console = pty and with console = socket:PATH, in the
# background. `kvm440ctl console NAME` attaches, sees the output written
# while nobody was attached, sends a line and sees the answer, detaches with
# Ctrl-] q; the guest runs on, and a second attach by VM id sees the
# guest's line count go on. A socket takes one client at a time. SIGTERM
# ends the guest and removes its runtime entry (and socket); config errors
# stay FILE:LINE with status 2.
. /e2e/tests/lib.sh
load_module
mkdir -p /tmp/cc
# what a Debian host has and the rig's minimal root lacks: ptys need devpts
# (glibc's grantpt checks /dev/pts/N), root's runtime directory /run
mkdir -p /run /dev/pts
grep -q ' /dev/pts ' /proc/mounts || mount -t devpts devpts /dev/pts ||
	fail "mount devpts"
rundir=/run/kvm440

# wait_for FILE PATTERN: up to 60 s
wait_for() {
	for i in $(seq 1 60); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 1
	done
	return 1
}

# gone PID: wait up to 30 s for PID to exit. Background commands run
# without busybox timeout, whose watchdog child outlives the command and
# can hold up a later `wait`.
gone() {
	for i in $(seq 1 30); do
		kill -0 $1 2>/dev/null || return 0
		sleep 1
	done
	return 1
}

# attach KEY LINE OUT: send LINE, wait, detach with Ctrl-] q
attach() {
	( sleep 2; printf '%s\r' "$2"; sleep 4; printf '\035q' ) |
		timeout 60 kvm440ctl console "$1" > "$3" 2> "$3.err"
}

for kind in pty socket; do
	case $kind in
	pty) con="pty" ;;
	socket) con="socket:/tmp/cc/echo.sock" ;;
	esac
	cat > /tmp/cc/echo-$kind.cfg <<-CFG
	name      = echo-$kind
	memory    = 16M
	kernel    = /e2e/guests/echo.bin
	format    = raw
	load_addr = 0
	console   = $con
	CFG
	kvm440ctl start /tmp/cc/echo-$kind.cfg </dev/null \
		>/tmp/cc/$kind.out 2>/tmp/cc/$kind.err &
	pid=$!
	wait_for /tmp/cc/$kind.err "console on" ||
		{ cat /tmp/cc/$kind.err /tmp/cc/$kind.out; fail "$kind: no console line"; }
	sed 's/^/[kvm440ctl] /' /tmp/cc/$kind.err
	entry=$rundir/$pid
	[ -f $entry ] || fail "$kind: no runtime entry $entry"
	sed "s|^|[$entry] |" $entry
	expect_grep "$kind: entry names the guest" "^name echo-$kind\$" $entry
	expect_grep "$kind: entry says the kind" "^$kind " $entry
	if [ $kind = pty ]; then
		pty=$(sed -n 's/^pty //p' $entry)
		expect_grep "$kind: start printed the pty" "console on $pty" /tmp/cc/$kind.err
		[ -c "$pty" ] || fail "pty: $pty is not a character device"
	fi
	sleep 2		# the guest's banner goes out while nobody is attached

	attach echo-$kind hello /tmp/cc/$kind.a1
	rc=$?
	guest_prefix < /tmp/cc/$kind.a1
	sed 's/^/[console] /' /tmp/cc/$kind.a1.err
	expect_eq "$kind: console by name exits 0 on Ctrl-] q" 0 $rc
	expect_grep "$kind: output from before the attach" "echo: ready" /tmp/cc/$kind.a1
	expect_grep "$kind: input reached the guest" "echo: hello (1)" /tmp/cc/$kind.a1
	expect_grep "$kind: detach says so" "detached" /tmp/cc/$kind.a1.err
	sleep 1
	kill -0 $pid 2>/dev/null || fail "$kind: the guest stopped after detach"
	pass "$kind: guest runs on after detach"

	id=$(sed -n 's/^id //p' $entry)
	expect_eq "$kind: entry has the VM id" 1 "$(echo "$id" | grep -c '^[0-9][0-9]*$')"
	if [ $kind = socket ]; then
		# one client at a time: a second one is turned away
		( sleep 6; printf '\035q' ) | kvm440ctl console "$id" \
			> /tmp/cc/hold 2>&1 &
		holder=$!
		sleep 2
		( sleep 3 ) | timeout 30 kvm440ctl console "$id" > /tmp/cc/busy 2>&1
		cat /tmp/cc/busy
		expect_grep "socket: second client told busy" "console busy" /tmp/cc/busy
		gone $holder || { kill $holder; fail "socket: first client did not detach"; }
		wait $holder
	fi
	attach "$id" again /tmp/cc/$kind.a2
	rc=$?
	guest_prefix < /tmp/cc/$kind.a2
	expect_eq "$kind: console by id exits 0" 0 $rc
	expect_grep "$kind: same guest, its count went on" "echo: again (2)" /tmp/cc/$kind.a2

	kill -TERM $pid
	gone $pid || { kill -9 $pid; fail "$kind: kvm440ctl start ignored SIGTERM"; }
	wait $pid
	rc=$?
	expect_eq "$kind: kvm440ctl start after SIGTERM" 0 $rc
	[ ! -e $entry ] || fail "$kind: runtime entry left behind"
	pass "$kind: runtime entry removed"
	[ $kind = pty ] || [ ! -e /tmp/cc/echo.sock ] || fail "socket file left behind"
	timeout 30 kvm440ctl console echo-$kind </dev/null > /tmp/cc/gone 2>&1
	expect_eq "$kind: console of a guest that ended" 1 $?
	expect_grep "$kind: says there is none" "no running guest" /tmp/cc/gone
done

# config errors keep FILE:LINE and status 2
printf 'memory = 16M\nkernel = /e2e/guests/echo.bin\nformat = raw\nload_addr = 0\nconsole = socket:\n' \
	> /tmp/cc/bad.cfg
kvm440ctl start /tmp/cc/bad.cfg </dev/null > /dev/null 2> /tmp/cc/bad.err
expect_eq "socket: without a path exits" 2 $?
expect_grep "FILE:LINE for socket:" "^kvm440ctl: /tmp/cc/bad.cfg:5: console: 'socket:' needs a path" /tmp/cc/bad.err
unload_module
