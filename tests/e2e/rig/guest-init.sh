#!/bin/busybox sh
# /init of the kvm440 Linux GUEST (not the emulated host: that is init.sh).
# Every line it prints starts with "kvm440-guest:" so tests can assert on
# the guest's own output. Ends with reboot -f: the guest kernel writes
# DBCR0[RST], kvm440ctl sees the reset and exits 0.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
say() { echo "kvm440-guest: $*"; }
say "init started"
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
say "cpu: $(grep -m1 '^cpu' /proc/cpuinfo | sed 's/^cpu[[:space:]]*:[[:space:]]*//')"
say "model: $(grep -m1 '^model' /proc/cpuinfo | sed 's/^model[[:space:]]*:[[:space:]]*//')"
say "arith: 6*7=$((6 * 7)) 2^20=$((1 << 20)) 1000000007%97=$((1000000007 % 97))"
child=$(sh -c 'echo $$')
[ -n "$child" ] && [ "$child" != "$$" ] && say "fork: child pid $child ok"
echo "kvm440 tmpfs $$" > /tmp/f && say "tmpfs: $(cat /tmp/f)"
u1=$(cut -d' ' -f1 /proc/uptime)
j1=$(sed -n 's/^jiffies: *//p' /proc/timer_list 2>/dev/null | head -n1)
i=0; while [ $i -lt 300 ]; do i=$((i + 1)); done
sleep 1
u2=$(cut -d' ' -f1 /proc/uptime)
say "uptime: $u1 -> $u2"
awk -v a="$u1" -v b="$u2" 'BEGIN { exit !(b > a) }' && say "jiffies advance"
grep -i 'dec\|timer\|LOC' /proc/interrupts | head -n 3 | sed 's/^/kvm440-guest: irq: /'
for w in $(cat /proc/cmdline); do
	case $w in kvm440.read=*) want_read=1 ;; esac
done
if [ -n "${want_read:-}" ]; then
	say "type a word:"
	read -r word < /dev/console
	say "you typed '$word' (${#word} chars)"
fi
say "done, rebooting"
reboot -f
