# Stopping a running Linux guest from outside: Ctrl-A X typed on
# kvm440ctl's console, and SIGTERM to kvm440ctl. Each time the guest is
# waiting for console input (kvm440.read=1), so only the stop can end it;
# kvm440ctl must exit 0 and leave no VM behind.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
sed -e "s|^kernel .*|kernel = $g/vmlinux|" -e "s|^initrd .*|initrd = $g/guest.cpio|" \
	-e "s|^cmdline .*|cmdline = console=ttyS0,115200 rdinit=/init kvm440.read=1|" \
	$g/linux-guest.cfg > /tmp/read.cfg

wait_prompt() {
	n=0
	until grep -q "kvm440-guest: type a word:" /tmp/guest.out 2>/dev/null; do
		n=$((n + 1))
		[ $n -lt 600 ] || fail "the guest never asked for input"
		sleep 0.25
	done
}

# Ctrl-A X
rm -f /tmp/in /tmp/guest.out /tmp/guest.rc
mkfifo /tmp/in
exec 3<>/tmp/in
{ timeout 150 kvm440ctl start /tmp/read.cfg </tmp/in 2>/tmp/guest.err
	echo $? > /tmp/guest.rc; } | tee /tmp/guest.out | guest_prefix &
wait_prompt
printf '\001x' >&3
wait
exec 3>&-
sed 's/^/[kvm440ctl] /' /tmp/guest.err
expect_eq "kvm440ctl status after Ctrl-A X" 0 "$(cat /tmp/guest.rc)"
expect_grep "stopped from the console" "stopped from the console (Ctrl-A X)" /tmp/guest.err
grep -q "kvm440-guest: you typed" /tmp/guest.out && fail "Ctrl-A X reached the guest"
expect_eq "no VM left after Ctrl-A X" "no VMs" "$(kvm440ctl status)"

# SIGTERM
rm -f /tmp/in /tmp/guest.out /tmp/guest.rc
mkfifo /tmp/in
exec 3<>/tmp/in
timeout 150 kvm440ctl start /tmp/read.cfg </tmp/in >/tmp/guest.out 2>/tmp/guest.err &
pid=$!
wait_prompt
kill -TERM $pid
wait $pid
rc=$?
exec 3>&-
sed 's/^/[kvm440ctl] /' /tmp/guest.err
expect_eq "kvm440ctl status after SIGTERM" 0 "$rc"
expect_grep "stopped by the signal" "stopped by signal 15" /tmp/guest.err
expect_eq "no VM left after SIGTERM" "no VMs" "$(kvm440ctl status)"
unload_module
