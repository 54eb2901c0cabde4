#!/bin/busybox sh
# /init of the emulated 440 host. The runner passes e2e=<test> on the kernel
# command line (the kernel hands unknown name=value words to init as
# environment); results go to the serial console between markers the runner
# parses, then reboot(RB_AUTOBOOT) makes QEMU exit under -no-reboot.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
export PATH=/bin:/sbin HOME=/root E2E=/e2e
cd /
case "${e2e:-}" in
shell)
	echo "kvm440 emulated 440 host: kvm440.ko is in /e2e; exit the shell to power off"
	setsid cttyhack sh -l
	;;
'')
	echo "E2E-ERROR: no e2e= test named on the command line"
	;;
*)
	echo "E2E-BEGIN $e2e"
	if [ -f "/e2e/tests/$e2e.sh" ]; then
		# On the debug host every test is also a leak check: what
		# kmemleak finds after it (and not before) fails it in run.sh.
		(. /e2e/tests/lib.sh; kmemleak_baseline)
		sh /e2e/tests/$e2e.sh
		rc=$?
		(. /e2e/tests/lib.sh; kmemleak_report >/dev/null ||
			{ echo "kmemleak after $e2e:"; cat /tmp/kmemleak.out; })
	else
		echo "no such test: $e2e"
		rc=127
	fi
	echo "E2E-END $e2e rc=$rc"
	;;
esac
sync
reboot -f
