#!/bin/busybox sh
# The bench Linux guest's init script, run (as pid 1) by benchu after it
# printed the timebase: the same initramfs boots under kvm440 and natively.
# `sleep 1` first, so that the host's `kvm440ctl status` (taken when the
# first line appears) runs while the guest idles, not during a workload.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
echo "bench-guest: init started"
benchu run /bin/sleep 1
benchu compute 10000000
benchu fork 20
benchu pages 50 256
echo "bench-guest: done"
reboot -f
