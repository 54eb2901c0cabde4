# Issue #12: a virtio-blk root disk. The virtio guest kernel boots with
# root=/dev/vda on an ext4 image, writes a file, syncs and reboots; a
# fresh kvm440ctl start reads the same bytes back. Then the same with
# kvm440ctl SIGKILLed right after the guest's sync: the bytes must still
# be there, and the image is dumped for the build machine's e2fsck -n
# (virtio_blk.post). Guest output goes to files and is shown prefixed.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
cp $g/root.ext4 /tmp/root.ext4
# vguest STEP: a config for the root disk, running vguest-init.sh's STEP
vcfg() {
	cat > /tmp/v.cfg <<CFG
name    = vguest
memory  = 64M
kernel  = $g/vmlinux-guest
disk    = /tmp/root.ext4
cmdline = console=ttyS0,115200 root=/dev/vda rw init=/init kvm440.step=$1
CFG
}
# run STEP: one boot to its reboot; output in /tmp/STEP.out, status in rc
run() {
	vcfg "$1"
	timeout 600 kvm440ctl start --stats /tmp/v.cfg </dev/null \
		> /tmp/$1.out 2> /tmp/$1.err
	rc=$?
	guest_prefix < /tmp/$1.out
	sed 's/^/[kvm440ctl] /' /tmp/$1.err
}
md5_of() { sed -n "s/.*kvm440-vguest: $1 \([0-9a-f]\{32\}\).*/\1/p" "$2" | tr -d '\r'; }

run write
expect_eq "write boot status" 0 "$rc"
expect_grep "virtio-blk probed as vda" "virtio_blk virtio0: \[vda\]" /tmp/write.out
expect_grep "root is ext4 on vda, rw" "kvm440-vguest: root: /dev/root / ext4 rw" /tmp/write.out
w=$(md5_of wrote /tmp/write.out)
[ -n "$w" ] || fail "the guest did not report what it wrote"
expect_grep "guest synced" "kvm440-vguest: synced" /tmp/write.out
run read
expect_eq "read boot status" 0 "$rc"
expect_eq "bytes read back after a reboot" "$w" "$(md5_of read /tmp/read.out)"

# SIGKILL right after the guest's sync returned
vcfg write-hang
kvm440ctl start /tmp/v.cfg </dev/null > /tmp/hang.out 2> /tmp/hang.err &
pid=$!
i=0
while ! grep -q "kvm440-vguest: synced" /tmp/hang.out; do
	i=$((i + 1))
	[ $i -lt 600 ] || { kill -9 $pid; fail "the guest never synced"; }
	kill -0 $pid 2>/dev/null || { guest_prefix < /tmp/hang.out; fail "kvm440ctl ended before the sync"; }
	sleep 1
done
kill -9 $pid
wait $pid
expect_eq "kvm440ctl killed by SIGKILL (status)" 137 "$?"
guest_prefix < /tmp/hang.out
h=$(md5_of wrote /tmp/hang.out)
[ -n "$h" ] && [ "$h" != "$w" ] || fail "the SIGKILL run wrote nothing new"
# the image as SIGKILL left it, for e2fsck -n on the build machine
# (kernel messages held back meanwhile: they would land inside the dump)
read -r level _ < /proc/sys/kernel/printk
echo 1 > /proc/sys/kernel/printk
echo "virtio-image-begin"
gzip -c /tmp/root.ext4 | base64
echo "virtio-image-end"
echo "$level" > /proc/sys/kernel/printk
run read
expect_eq "read boot after SIGKILL status" 0 "$rc"
expect_eq "bytes synced before SIGKILL read back" "$h" "$(md5_of read /tmp/read.out)"
expect_grep "virtio counters shown" "stats: virtio0 vda notifies [1-9]" /tmp/read.err
unload_module
