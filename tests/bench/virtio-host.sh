# make bench's virtio part, inside the emulated 440 host (tests/bench/
# virtio.sh packs it as the rig test "virtio_bench"). The virtio guest
# kernel on its root disk (vda) with a 32 MiB scratch disk (vdb) and eth0
# on kvmtap0 runs vguest-init.sh's "bench" step: 16 MiB written and read
# on tmpfs (the reference), on a file system on vdb, and over TCP each
# way. Around each phase the VM's exit counters are read over netlink.
# Every line the build machine parses starts with "VBENCH".
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
cp $g/root.ext4 /tmp/root.ext4
dd if=/dev/zero of=/tmp/scratch.img bs=1M count=0 seek=32 2>/dev/null
cat > /tmp/vb.cfg <<CFG
name    = vbench
memory  = 96M
kernel  = $g/vmlinux-guest
disk    = /tmp/root.ext4
disk    = /tmp/scratch.img
net     = tap:kvmtap0
cmdline = console=ttyS0,115200 root=/dev/vda rw init=/init kvm440.step=bench kvm440.ip=10.44.0.2 kvm440.peer=10.44.0.1
CFG
# stat_of NAME FILE: a counter from `kvm440ctl status` (EXITS is a column,
# the others NAME=VALUE, left out when 0)
stat_of() {
	# EXITS: the field before the first NAME=VALUE (columns may come
	# before it, as NAME did)
	if [ "$1" = exits ]; then awk 'NR == 2 { for (i = 1; i <= NF; i++)
		if (index($i, "=")) break; print $(i - 1) }' "$2"
	else awk -v k="$1" 'NR == 2 { for (i = 1; i <= NF; i++)
		if (index($i, k "=") == 1) v = substr($i, length(k) + 2) }
		END { print v + 0 }' "$2"
	fi
}
{ timeout 1800 kvm440ctl start --stats /tmp/vb.cfg </dev/null 2> /tmp/vb.err
  echo $? > /tmp/vb.rc; } | tr -d '\r' | while IFS= read -r l || [ -n "$l" ]; do
	case $l in
	*"kvm440-vguest: bench begin "*)
		kvm440ctl status > "/tmp/vst.${l##*bench begin }.begin" ;;
	*"kvm440-vguest: bench end "*)
		w=${l##*bench end }
		w=${w%% *}
		kvm440ctl status > "/tmp/vst.$w.end"
		echo "$l" > "/tmp/vst.$w.line" ;;
	esac
	printf '[guest] %s\n' "$l"
done &
reader=$!
i=0
while [ ! -e /sys/class/net/kvmtap0 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "kvm440ctl made no TAP device"
	sleep 1
done
ip addr add 10.44.0.1/24 dev kvmtap0 || fail "address on kvmtap0"
ip link set kvmtap0 up || fail "kvmtap0 up"
nc -l -p 5001 < /dev/null > /dev/null &
dd if=/dev/zero bs=64k count=256 2>/dev/null | nc -l -p 5002 > /dev/null &
wait $reader
sed 's/^/[kvm440ctl] /' /tmp/vb.err
[ "$(cat /tmp/vb.rc)" = 0 ] || fail "kvm440ctl start exited $(cat /tmp/vb.rc)"
for w in idle tmpfs-write tmpfs-read disk-write disk-read net-rx net-tx; do
	[ -f "/tmp/vst.$w.line" ] && [ -f "/tmp/vst.$w.begin" ] ||
		fail "phase $w did not run"
	ns=$(sed -n 's/.* ns=\([0-9]*\).*/\1/p' "/tmp/vst.$w.line")
	bytes=$(sed -n 's/.* bytes=\([0-9]*\).*/\1/p' "/tmp/vst.$w.line")
	ex=$(( $(stat_of exits "/tmp/vst.$w.end") - $(stat_of exits "/tmp/vst.$w.begin") ))
	mm=$(( $(stat_of mmio "/tmp/vst.$w.end") - $(stat_of mmio "/tmp/vst.$w.begin") ))
	echo "VBENCH $w bytes=$bytes ns=$ns exits=$ex mmio=$mm"
done
sed -n 's/^kvm440ctl: stats: \(virtio[0-9].*\)/VBENCH-DEV \1/p' /tmp/vb.err
unload_module
