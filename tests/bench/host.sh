# `make bench` inside the emulated 440 host (tests/bench/run.sh prepends
# BENCH_SETS, one module parameter set per line, and BENCH_RUNS, and packs
# this as the rig test "bench"). For each set, one after the other in this one boot:
# load kvm440.ko with it, the microbenchmark guest under guest_vmm, then
# the Linux guest with the bench initramfs. Every line the build machine
# parses starts with "BENCH"; the guests' own lines are prefixed
# "[guest] " (the rig's crash check skips those) and "[microN] ".
. /e2e/tests/lib.sh
b=/e2e/bench
set_no=0
# fd 3: nothing inside the loop may eat the list from stdin
while IFS= read -r params <&3; do
	set_no=$((set_no + 1))
	echo "BENCH-SET $set_no ${params:-default}"
	dmesg -c > /dev/null
	# A set the module cannot take is reported, not fatal: the other sets
	# still measure. insmod refuses a bad value of a known parameter, but
	# a parameter the module lacks only gets "unknown parameter 'p'
	# ignored" in the kernel log and the module loads with its defaults,
	# which would pass for measurements of the set.
	# shellcheck disable=SC2086
	if ! insmod "$E2E/kvm440.ko" $params > /tmp/insmod.err 2>&1; then
		why=$( { cat /tmp/insmod.err; dmesg | grep 'kvm440' | sed 's/^\[[^]]*\] *//'; } |
			tr -d '`|' | tr '\n' ' ')
		echo "BENCH-SET-NA $set_no insmod refused it: ${why% }"
		echo "BENCH-SET-END $set_no"
		continue
	fi
	unknown=$(dmesg | sed -n "s/.*kvm440: unknown parameter '\([^']*\)' ignored.*/\1/p" |
		tr '\n' ' ')
	if [ -n "$unknown" ]; then
		unload_module
		echo "BENCH-SET-NA $set_no the module has no parameter ${unknown% }"
		echo "BENCH-SET-END $set_no"
		continue
	fi
	dmesg | sed -n "s/.*kvm440: per-vCPU state: \([0-9]*\) bytes.*/BENCH-STATE $set_no \1/p"

	# twice: the second run only shows how well the figures repeat
	for rep in 1 2; do
		guest_vmm "$E2E/guests/bench.bin" --timeout 600 > /tmp/micro.out 2>&1
		rc=$?
		sed "s/^/[micro$rep] /" /tmp/micro.out
		[ $rc -eq 0 ] || fail "set $set_no: guest_vmm bench exited $rc"
		sed -n "s/^\(bench: .*\)/BENCH-MICRO$rep $set_no \1/p; s/^vmm: mark \(0x[0-9a-f]*\): \(.*\)/BENCH-MARK$rep $set_no \1 \2/p" /tmp/micro.out
	done

	# The Linux guest, BENCH_RUNS times (whole boots vary by a few percent
	# as the host's timers interleave differently). The host's timebase
	# just before the start, and the guest's when its init runs (a kvm440
	# guest reads the host's timebase).
	rep=0
	while [ $rep -lt "$BENCH_RUNS" ]; do
		rep=$((rep + 1))
		echo "BENCH-LINUX $set_no $rep"
		rm -f /tmp/status.init /tmp/wstat.*
		echo "BENCH-START $set_no tb=$(benchu tb)"
		{ timeout 900 kvm440ctl start --stats $b/bench.cfg </dev/null \
			2> /tmp/guest.err; echo $? > /tmp/guest.rc; } |
			tr -d '\r' | while IFS= read -r l || [ -n "$l" ]; do
				# the VM's counters when the init speaks, and
				# around each workload (benchu idles a second
				# after each of those lines)
				case $l in
				*"bench-guest: init tb="*)
					kvm440ctl status > /tmp/status.init ;;
				*"bench-user: begin "*)
					kvm440ctl status > "/tmp/wstat.${l##*begin }.begin" ;;
				*"bench-user: "*" iters="*)
					w=${l#*bench-user: }
					w=${w%% *}
					[ -f "/tmp/wstat.$w.begin" ] &&
						kvm440ctl status > "/tmp/wstat.$w.end" ;;
				esac
				printf '[guest] %s\n' "$l"
			done
		rc=$(cat /tmp/guest.rc)
		sed 's/^/[kvm440ctl] /' /tmp/guest.err
		[ "$rc" = 0 ] || fail "set $set_no: kvm440ctl start exited $rc"
		[ -f /tmp/status.init ] || fail "set $set_no: the guest's init never spoke"
		sed -n "2s/^/BENCH-INITSTAT $set_no /p" /tmp/status.init
		sed -n "s/^kvm440ctl: stats: *\([a-z_]*\) *\([0-9]*\)/BENCH-ENDSTAT $set_no \1 \2/p" /tmp/guest.err
		for f in /tmp/wstat.*.begin; do
			[ -f "$f" ] || fail "set $set_no: no workload counters"
			w=${f#/tmp/wstat.}
			w=${w%.begin}
			[ -f "/tmp/wstat.$w.end" ] || fail "set $set_no: workload $w never ended"
			sed -n "2s/^/BENCH-WSTAT $set_no $w begin /p" "$f"
			sed -n "2s/^/BENCH-WSTAT $set_no $w end /p" "/tmp/wstat.$w.end"
		done
	done
	unload_module
	echo "BENCH-SET-END $set_no"
done 3<<EOF_SETS
$BENCH_SETS
EOF_SETS

# The paravirt guest kernel (docs/paravirt.md: /e2e/guest/vmlinux-guest,
# CONFIG_KVM_GUEST) with the same initramfs, module defaults, booted
# BENCH_PV_RUNS times in each MODE: "on" with the board's /hypervisor
# node, "fix" the same with the kernel's magic-page self-test fixed
# (vmlinux-guest-pvfix, tests/e2e/rig/pvfix.sh: unmodified 6.1 declines the
# page), "off" without the node. printk.time=1: this kernel's config does
# not stamp its messages. Lines: BENCH-PV-RUN MODE REP, the guest's console prefixed
# "[pvguest] ", BENCH-PV-INITSTAT MODE (kvm440ctl status at the init's
# first line), BENCH-PV-WSTAT MODE NAME begin|end around each workload.
insmod "$E2E/kvm440.ko" || fail "paravirt: insmod failed"
for mode in on fix off; do
	kernel=vmlinux-guest pv=$mode
	[ $mode = fix ] && { kernel=vmlinux-guest-pvfix; pv=on; }
	cat > /tmp/pv-$mode.cfg <<EOC
name     = bench-pv-$mode
memory   = 64M
kernel   = /e2e/guest/$kernel
initrd   = $b/bench.cpio
cmdline  = console=ttyS0,115200 rdinit=/init printk.time=1
console  = stdio
paravirt = $pv
EOC
	rep=0
	while [ $rep -lt "$BENCH_PV_RUNS" ]; do
		rep=$((rep + 1))
		echo "BENCH-PV-RUN $mode $rep"
		rm -f /tmp/status.init /tmp/wstat.*
		# awk, not a shell read loop, and only the lines the report
		# needs on the host's console: busybox's read takes a syscall
		# per byte, and the self-test-fixed kernel prints hundreds of
		# "KVM: No more space" lines, which would be counted as boot
		# time (the other modes would pay less for their output too)
		{ timeout 900 kvm440ctl start --stats /tmp/pv-$mode.cfg </dev/null \
			2> /tmp/guest.err; echo $? > /tmp/guest.rc; } | awk '
			{ sub(/\r$/, "") }
			/bench-guest: init tb=/ {
				system("kvm440ctl status > /tmp/status.init") }
			/bench-user: begin / {
				w = $0; sub(/.*bench-user: begin /, "", w)
				system("kvm440ctl status > /tmp/wstat." w ".begin") }
			/bench-user: [^ ]* iters=/ {
				w = $0; sub(/.*bench-user: /, "", w); sub(/ .*/, "", w)
				system("[ -f /tmp/wstat." w ".begin ] && kvm440ctl status > /tmp/wstat." w ".end") }
			/No more space/ { nospace++; next }
			/Run \/init|KVM:|bench-|Linux version/ { print "[pvguest] " $0; fflush() }
			END { if (nospace) print "[pvguest] (" nospace " \"KVM: No more space\" lines not shown)" }'
		sed 's/^/[kvm440ctl] /' /tmp/guest.err
		[ "$(cat /tmp/guest.rc)" = 0 ] || fail "paravirt $mode: kvm440ctl start failed"
		[ -f /tmp/status.init ] || fail "paravirt $mode: the guest's init never spoke"
		sed -n "2s/^/BENCH-PV-INITSTAT $mode /p" /tmp/status.init
		for f in /tmp/wstat.*.begin; do
			[ -f "$f" ] || continue
			w=${f#/tmp/wstat.}
			w=${w%.begin}
			sed -n "2s/^/BENCH-PV-WSTAT $mode $w begin /p" "$f"
			[ -f "/tmp/wstat.$w.end" ] &&
				sed -n "2s/^/BENCH-PV-WSTAT $mode $w end /p" "/tmp/wstat.$w.end"
		done
	done
done
unload_module
