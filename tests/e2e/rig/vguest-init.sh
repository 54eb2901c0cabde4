#!/bin/busybox sh
# /init on the virtio guest's ROOT DISK (root=/dev/vda, an ext4 image built
# by guest.sh), not an initramfs. Lines it prints start with
# "kvm440-vguest:". What it does comes from the kernel command line:
#   kvm440.step=write      write /data.bin (random), sync, report its md5
#   kvm440.step=write-hang the same, then wait to be killed (SIGKILL test)
#   kvm440.step=read       report /data.bin's md5
#   kvm440.step=ro         try to write to the root file system and a disk
#   kvm440.step=full       write 4 MiB to vdb, whose image cannot hold it
#   kvm440.step=net        eth0 up as kvm440.ip=, ping kvm440.peer=, then
#                          receive a TCP stream on port 5000 and report its
#                          md5, then send one back (kvm440.send= KiB)
#   kvm440.step=bench      16 MiB each: tmpfs, a file on vdb, TCP both ways
#                          with kvm440.peer= (tests/bench/virtio.sh)
# Then the root file system is made read-only (clean, for e2fsck) and the
# guest reboots, which ends kvm440ctl with status 0.
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t tmpfs tmpfs /tmp
/bin/busybox mkdir -p /tmp/bin
/bin/busybox --install -s /tmp/bin
export PATH=/tmp/bin
say() { echo "kvm440-vguest: $*"; }
arg() { sed -n "s/.*kvm440\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
step=$(arg step)
say "init started, step ${step:-none}"
say "root: $(grep ' / ' /proc/mounts | grep -v rootfs)"
say "disks: $(cd /sys/block && echo vd*)"
case $step in
write|write-hang)
	dd if=/dev/urandom of=/data.bin bs=4k count=64 2>/dev/null
	sync
	say "wrote $(md5sum < /data.bin | cut -d' ' -f1)"
	say "synced"
	if [ "$step" = write-hang ]; then
		# kvm440ctl is SIGKILLed now; nothing after this matters
		while :; do sleep 100; done
	fi ;;
read)
	if [ -f /data.bin ]; then
		say "read $(md5sum < /data.bin | cut -d' ' -f1)"
	else
		say "read: no /data.bin"
	fi ;;
ro)
	echo x 2> /tmp/err > /ro-test || true
	say "root write: $(cat /tmp/err)"
	if dd if=/dev/zero of=/dev/vda bs=512 count=1 conv=fsync 2> /tmp/err
	then say "disk write: succeeded"
	else say "disk write failed: $(head -n1 /tmp/err)"
	fi
	if [ -e /dev/vdb ]; then
		echo -n kvm440-vdb | dd of=/dev/vdb conv=fsync 2>/dev/null &&
			say "vdb write: ok"
	fi ;;
full)
	if dd if=/dev/urandom of=/dev/vdb bs=64k count=64 conv=fsync 2> /tmp/err
	then say "full: write succeeded"
	else say "full: write failed: $(grep -v records /tmp/err | head -n1)"
	fi
	dmesg | grep -m1 'I/O error' | sed 's/^/kvm440-vguest: full: /'
	echo still alive > /still && sync && say "full: root still writable" ;;
net)
	ip=$(arg ip) peer=$(arg peer) kib=$(arg send)
	ip link set eth0 up
	ip addr add "$ip/24" dev eth0
	say "eth0: $(cat /sys/class/net/eth0/address) $(ip -4 addr show eth0 | grep -o 'inet [0-9./]*')"
	ping -c 3 -W 5 "$peer" > /tmp/ping 2>&1
	say "ping: $(grep 'packets' /tmp/ping)"
	say "listening"
	# stdin from /dev/null: nc ends only when both of its inputs have
	nc -l -p 5000 < /dev/null > /tmp/rx.bin
	say "received $(wc -c < /tmp/rx.bin) bytes md5 $(md5sum < /tmp/rx.bin | cut -d' ' -f1)"
	dd if=/dev/urandom of=/tmp/tx.bin bs=1k count="${kib:-1024}" 2>/dev/null
	say "sending $(wc -c < /tmp/tx.bin) bytes md5 $(md5sum < /tmp/tx.bin | cut -d' ' -f1)"
	sleep 1
	nc "$peer" 5001 < /tmp/tx.bin && say "sent" ;;
bench)
	ip=$(arg ip) peer=$(arg peer)
	# ns of the guest's clock, which is the host's timebase: under
	# -icount one ns is one instruction of the emulated 440
	now() {
		t=$(sed -n 's/^now at \([0-9]*\) nsecs/\1/p' /proc/timer_list 2>/dev/null | head -n 1)
		[ -n "$t" ] || t=$(awk '{ printf "%.0f", $1 * 1e9 }' /proc/uptime)
		echo "$t"
	}
	# phase NAME CMD: the host snapshots the VM's counters in the second
	# after each begin and end line
	phase() {
		say "bench begin $1"
		sleep 1
		t0=$(now)
		sh -c "$2"
		t1=$(now)
		say "bench end $1 bytes=16777216 ns=$((t1 - t0))"
		sleep 1
	}
	ip link set eth0 up
	ip addr add "$ip/24" dev eth0
	# nothing: the exits of the idle seconds around every phase
	phase idle "true"
	phase tmpfs-write "dd if=/dev/zero of=/tmp/f bs=64k count=256 2>/dev/null"
	phase tmpfs-read "dd if=/tmp/f of=/dev/null bs=64k 2>/dev/null"
	rm /tmp/f
	mkdir /tmp/mnt
	mke2fs -q /dev/vdb > /dev/null && mount -t ext4 /dev/vdb /tmp/mnt ||
		say "bench: no file system on vdb"
	phase disk-write "dd if=/dev/zero of=/tmp/mnt/f bs=64k count=256 conv=fsync 2>/dev/null"
	sync
	echo 3 > /proc/sys/vm/drop_caches
	phase disk-read "dd if=/tmp/mnt/f of=/dev/null bs=64k 2>/dev/null"
	umount /tmp/mnt
	phase net-rx "nc $peer 5002 < /dev/null > /dev/null"
	phase net-tx "dd if=/dev/zero bs=64k count=256 2>/dev/null | nc $peer 5001"
	say "bench done" ;;
esac
mount -o remount,ro / 2>/dev/null
say "done, rebooting"
reboot -f
