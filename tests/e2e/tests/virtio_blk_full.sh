# Issue #12: a full host disk is an I/O error for that request, not the
# end of the VM. vdb's image is a 4 MiB sparse file on a 1 MiB tmpfs; the
# guest writes 4 MiB to it: the writes that do not fit fail with EIO in the
# guest, the guest runs on (its root on vda still takes a synced write),
# and kvm440ctl counts the errors.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
cp $g/root.ext4 /tmp/root.ext4
mkdir -p /tmp/small
mount -t tmpfs -o size=1m tmpfs /tmp/small || fail "mount a 1 MiB tmpfs"
dd if=/dev/zero of=/tmp/small/vdb.img bs=1M count=0 seek=4 2>/dev/null
cat > /tmp/full.cfg <<CFG
memory  = 64M
kernel  = $g/vmlinux-guest
disk    = /tmp/root.ext4
disk    = /tmp/small/vdb.img
cmdline = console=ttyS0,115200 root=/dev/vda rw init=/init kvm440.step=full
CFG
timeout 600 kvm440ctl start --stats /tmp/full.cfg </dev/null > /tmp/full.out 2> /tmp/full.err
rc=$?
guest_prefix < /tmp/full.out
sed 's/^/[kvm440ctl] /' /tmp/full.err
expect_eq "kvm440ctl start status" 0 "$rc"
expect_grep "the guest's write fails" "kvm440-vguest: full: write failed: .*Input/output error" /tmp/full.out
expect_grep "the guest kernel saw an I/O error on vdb" "kvm440-vguest: full: .*I/O error.*dev vdb" /tmp/full.out
expect_grep "the guest runs on" "kvm440-vguest: full: root still writable" /tmp/full.out
errs=$(sed -n 's/.*stats: virtio1 vdb .* errors \([0-9]*\)$/\1/p' /tmp/full.err)
[ "${errs:-0}" -gt 0 ] || fail "kvm440ctl counted no errors on vdb"
pass "kvm440ctl counted $errs failed requests on vdb"
umount /tmp/small
unload_module
