# Issue #12: a read-only virtio disk (disk = PATH,ro). The guest kernel
# sees VIRTIO_BLK_F_RO: its rw root mount falls back to read-only, a
# file write fails with EROFS, a raw write to /dev/vda fails too, and the
# image is byte-for-byte unchanged. A second, writable disk is vdb, and a
# raw write to it lands in its image.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
cp $g/root.ext4 /tmp/root.ext4
before=$(md5sum < /tmp/root.ext4)
dd if=/dev/zero of=/tmp/second.img bs=64k count=16 2>/dev/null
cat > /tmp/ro.cfg <<CFG
memory  = 64M
kernel  = $g/vmlinux-guest
disk    = /tmp/root.ext4,ro
disk    = /tmp/second.img
cmdline = console=ttyS0,115200 root=/dev/vda rw init=/init kvm440.step=ro
CFG
timeout 600 kvm440ctl start /tmp/ro.cfg </dev/null > /tmp/ro.out 2> /tmp/ro.err
rc=$?
guest_prefix < /tmp/ro.out
sed 's/^/[kvm440ctl] /' /tmp/ro.err
expect_eq "kvm440ctl start status" 0 "$rc"
# asked for rw: the kernel fell back to ro because the disk said RO
expect_grep "guest kernel sees a read-only disk" "Mounted root (ext4 filesystem) readonly" /tmp/ro.out
expect_grep "root mounted read-only" "kvm440-vguest: root: /dev/root / ext4 ro" /tmp/ro.out
expect_grep "file write is EROFS" "kvm440-vguest: root write: .*Read-only file system" /tmp/ro.out
expect_grep "raw disk write refused" "kvm440-vguest: disk write failed: " /tmp/ro.out
expect_eq "image unchanged" "$before" "$(md5sum < /tmp/root.ext4)"
expect_grep "two disks, in config order" "kvm440-vguest: disks: vda vdb" /tmp/ro.out
expect_grep "vdb written" "kvm440-vguest: vdb write: ok" /tmp/ro.out
expect_eq "vdb's image has the guest's bytes" "kvm440-vdb" "$(head -c 10 /tmp/second.img)"
unload_module
