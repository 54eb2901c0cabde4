# Issue #12: virtio-net over a TAP device on the emulated host (which has no
# NIC: nothing leaves the emulator). The host's kvmtap0 is 10.44.0.1, the
# guest's eth0 10.44.0.2. Pings both ways, then a TCP stream of 4 MiB host
# -> guest and 2 MiB guest -> host with busybox nc, md5 compared at both
# ends.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
cp $g/root.ext4 /tmp/root.ext4
cat > /tmp/net.cfg <<CFG
name    = vnet
memory  = 64M
kernel  = $g/vmlinux-guest
disk    = /tmp/root.ext4
net     = tap:kvmtap0,mac=52:54:00:44:00:02
cmdline = console=ttyS0,115200 root=/dev/vda rw init=/init kvm440.step=net kvm440.ip=10.44.0.2 kvm440.peer=10.44.0.1 kvm440.send=2048
CFG
dd if=/dev/urandom of=/tmp/tx.bin bs=64k count=64 2>/dev/null
tx_md5=$(md5sum < /tmp/tx.bin | cut -d' ' -f1)
kvm440ctl start --stats /tmp/net.cfg </dev/null > /tmp/net.out 2> /tmp/net.err &
pid=$!
# give_up WHY: stop the guest (its counters with it), show it, fail
give_up() {
	kill -TERM $pid 2>/dev/null
	sleep 2
	guest_prefix < /tmp/net.out
	sed 's/^/[kvm440ctl] /' /tmp/net.err
	fail "$1"
}
# wait_for PATTERN: a guest line, within ~10 minutes of virtual time
wait_for() {
	i=0
	while ! grep -q "$1" /tmp/net.out; do
		i=$((i + 1))
		[ $i -le 600 ] && kill -0 $pid 2>/dev/null ||
			give_up "no guest line '$1'"
		sleep 1
	done
}
i=0
while [ ! -e /sys/class/net/kvmtap0 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "kvm440ctl made no TAP device"
	sleep 1
done
ip addr add 10.44.0.1/24 dev kvmtap0 || fail "address on kvmtap0"
ip link set kvmtap0 up || fail "kvmtap0 up"
nc -l -p 5001 < /dev/null > /tmp/rx.bin &
ncl=$!
wait_for "kvm440-vguest: listening"
ping -c 3 -W 5 10.44.0.2 > /tmp/hostping 2>&1
cat /tmp/hostping
expect_grep "host pings the guest" "3 packets transmitted, 3 packets received" /tmp/hostping
t0=$(cut -d' ' -f1 /proc/uptime)
timeout 600 nc 10.44.0.2 5000 < /tmp/tx.bin || give_up "nc to the guest"
wait_for "kvm440-vguest: sent"
wait $ncl
t1=$(cut -d' ' -f1 /proc/uptime)
wait $pid
rc=$?
guest_prefix < /tmp/net.out
sed 's/^/[kvm440ctl] /' /tmp/net.err
expect_eq "kvm440ctl start status" 0 "$rc"
expect_grep "guest has eth0 with the given MAC" "kvm440-vguest: eth0: 52:54:00:44:00:02 inet 10.44.0.2" /tmp/net.out
expect_grep "guest pings the host" "kvm440-vguest: ping: 3 packets transmitted, 3 packets received" /tmp/net.out
expect_grep "guest got 4 MiB" "kvm440-vguest: received 4194304 bytes md5 $tx_md5" /tmp/net.out
sent=$(sed -n 's/.*kvm440-vguest: sending \([0-9]*\) bytes md5 \([0-9a-f]*\).*/\1 \2/p' /tmp/net.out | tr -d '\r')
expect_eq "host got the guest's 2 MiB" "$sent" "$(wc -c < /tmp/rx.bin) $(md5sum < /tmp/rx.bin | cut -d' ' -f1)"
echo "6 MiB of TCP both ways in $t0 -> $t1 s of host uptime"
unload_module
