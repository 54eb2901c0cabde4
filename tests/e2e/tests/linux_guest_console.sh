# The Linux guest's console input: the guest's init (kvm440.read=1 on its
# command line) reads a line from /dev/console; the test types "ping"
# into kvm440ctl's standard input once the guest asks, and reads the
# guest's answer. Input goes through a FIFO held open by this shell, so
# the text arrives when the guest is ready and kvm440ctl sees no EOF early.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
sed -e "s|^kernel .*|kernel = $g/vmlinux|" -e "s|^initrd .*|initrd = $g/guest.cpio|" \
	-e "s|^cmdline .*|cmdline = console=ttyS0,115200 rdinit=/init kvm440.read=1|" \
	$g/linux-guest.cfg > /tmp/read.cfg
rm -f /tmp/in /tmp/guest.out
mkfifo /tmp/in
exec 3<>/tmp/in
{ timeout 150 kvm440ctl start /tmp/read.cfg </tmp/in 2>/tmp/guest.err
	echo $? > /tmp/guest.rc; } | tee /tmp/guest.out | guest_prefix &
n=0
until grep -q "kvm440-guest: type a word:" /tmp/guest.out 2>/dev/null; do
	n=$((n + 1))
	[ $n -lt 600 ] || break
	sleep 0.25
done
echo ping >&3
wait
exec 3>&-
sed 's/^/[kvm440ctl] /' /tmp/guest.err
expect_eq "kvm440ctl start status" 0 "$(cat /tmp/guest.rc)"
expect_grep "guest asked for input" "kvm440-guest: type a word:" /tmp/guest.out
expect_grep "guest read what was typed" "kvm440-guest: you typed 'ping' (4 chars)" /tmp/guest.out
expect_grep "guest rebooted" "kvm440-guest: done, rebooting" /tmp/guest.out
unload_module
