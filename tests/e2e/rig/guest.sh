#!/usr/bin/env bash
# The Linux guest for the emulated host: the rig's bamboo vmlinux, an
# initramfs of the static busybox with guest-init.sh as /init, and
# examples/linux-guest.cfg, all into DIR (the host's /e2e/guest/).
# Also the virtio guest's root disk, root.ext4 (an 8 MiB ext4 image made
# by mke2fs -d, no root needed: the busybox and vguest-init.sh as /init),
# and examples/virtio-guest.cfg, which boots it as /dev/vda.
# Also the bare-metal example (examples/bare-metal/) into DIR/../bare-metal.
# The cpio is rebuilt only when its inputs change.
# Usage: KDIR BUSYBOX DIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
kdir=$1 busybox=$2 dir=$3
mkdir -p "$dir"
key=$( (sha256sum "$busybox" "$RIG_DIR/guest-init.sh" "$RIG_DIR/guest.sh") |
	sha256sum | cut -c1-16)
cpio=$BUILD/guest/guest-$key.cpio
if [ ! -f "$cpio" ]; then
	rm -rf "$BUILD/guest"
	mkdir -p "$BUILD/guest"
	{
		echo "dir /dev 0755 0 0"
		echo "nod /dev/console 0600 0 0 c 5 1"
		for d in proc sys tmp root bin sbin; do echo "dir /$d 0755 0 0"; done
		echo "file /bin/busybox $busybox 0755 0 0"
		echo "file /init $RIG_DIR/guest-init.sh 0755 0 0"
	} > "$BUILD/guest/list"
	"$kdir/usr/gen_init_cpio" "$BUILD/guest/list" > "$cpio.tmp"
	mv "$cpio.tmp" "$cpio"
fi
cp "$cpio" "$dir/guest.cpio"
cp "$kdir/vmlinux" "$dir/vmlinux"
cp "$TOP/examples/linux-guest.cfg" "$dir/"
ikey=$( (sha256sum "$busybox" "$RIG_DIR/vguest-init.sh" "$RIG_DIR/guest.sh") |
	sha256sum | cut -c1-16)
img=$BUILD/vguest/root-$ikey.ext4
if [ ! -f "$img" ]; then
	rm -rf "$BUILD/vguest"
	r=$BUILD/vguest/root
	mkdir -p "$r/bin" "$r/dev" "$r/proc" "$r/sys" "$r/tmp"
	cp "$busybox" "$r/bin/busybox"
	cp "$RIG_DIR/vguest-init.sh" "$r/init"
	chmod 755 "$r/bin/busybox" "$r/init"
	mke2fs -q -F -t ext4 -L kvm440-root -E root_owner=0:0 -d "$r" \
		"$img.tmp" 8M
	mv "$img.tmp" "$img"
fi
cp "$img" "$dir/root.ext4"
cp "$TOP/examples/virtio-guest.cfg" "$dir/"
bm=$(dirname "$dir")/bare-metal
mkdir -p "$bm"
make -s -C "$TOP/examples/bare-metal" OUT="$BUILD/bare-metal" CROSS=$CROSS
cp "$BUILD/bare-metal/hello.elf" "$TOP/examples/bare-metal/hello.cfg" "$bm/"
