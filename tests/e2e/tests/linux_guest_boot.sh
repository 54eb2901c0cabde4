# Issue #5: the rig's own 6.1 bamboo kernel booted as a GUEST under
# kvm440 (kvm440ctl start examples/linux-guest.cfg), to its init and back
# out through its reboot. Asserts on the guest's own console lines, which
# go to a file (/tmp/guest.out) and are shown here prefixed "[guest] " so
# the rig's crash regex never mistakes them for the host's.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
# Shown live, prefixed, as it comes (the raw copy is asserted on). The
# host's kernel log gets a mark at the start and when the guest's init
# speaks: their timestamps (the host's TB) give the boot's length, in
# instructions under -icount (docs/linux-guest.md).
echo "kvm440-e2e: kvm440ctl start" > /dev/kmsg
{ timeout 150 kvm440ctl start --verbose --stats $g/linux-guest.cfg </dev/null \
	2> /tmp/guest.err; echo $? > /tmp/guest.rc; } |
	tee /tmp/guest.out | tr -d '\r' | while IFS= read -r l || [ -n "$l" ]; do
		case $l in *"kvm440-guest: init started"*)
			echo "kvm440-e2e: guest init started" > /dev/kmsg
			# the live counters at that point, over netlink
			kvm440ctl status > /tmp/status.init ;;
		esac
		printf '[guest] %s\n' "$l"
	done
rc=$(cat /tmp/guest.rc)
sed 's/^/[kvm440ctl] /' /tmp/guest.err
expect_eq "kvm440ctl start status" 0 "$rc"
expect_grep "guest kernel banner" "Linux version 6.1" /tmp/guest.out
expect_grep "guest init ran" "kvm440-guest: init started" /tmp/guest.out
expect_grep "guest cpuinfo shows a 440" "kvm440-guest: cpu: 440" /tmp/guest.out
expect_grep "guest arithmetic" "arith: 6\*7=42 2^20=1048576 1000000007%97=41" /tmp/guest.out
expect_grep "guest fork" "kvm440-guest: fork: child pid [0-9]* ok" /tmp/guest.out
expect_grep "guest tmpfs" "kvm440-guest: tmpfs: kvm440 tmpfs" /tmp/guest.out
expect_grep "guest jiffies advance" "kvm440-guest: jiffies advance" /tmp/guest.out
expect_grep "guest rebooted" "kvm440-guest: done, rebooting" /tmp/guest.out
expect_grep "reset ends kvm440ctl" "asked for a reset" /tmp/guest.err
# guest RAM from kvm440.ko, in chunks large shadows can map (docs/api.md)
expect_grep "guest RAM is module memory" "guest RAM: .*module memory" /tmp/guest.err
big=0
for n in shadow_1m shadow_16m; do
	big=$((big + $(sed -n "s/.*stats: $n *//p" /tmp/guest.err)))
done
[ "$big" -gt 0 ] || fail "no 1M or 16M shadows"
pass "1M and 16M shadows map guest RAM ($big written)"
echo "kvm440ctl status when the guest's init started:"
cat /tmp/status.init
expect_grep "status shows the running guest" " running " /tmp/status.init
dmesg | grep 'kvm440-e2e:'
unload_module
