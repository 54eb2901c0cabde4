#!/usr/bin/env bash
# The emulated-440 rig: build the host kernel (cached), busybox (cached),
# kvm440.ko and the static test programs, pack them into an initramfs and
# boot `qemu-system-ppc -M bamboo` once per test.
#
#   run.sh                 every test in tests/e2e/tests/
#   run.sh NAME...         the named tests
#   run.sh --shell         an interactive shell on the emulated host
#   run.sh --demo          the main job (tests/e2e/tests/demo.sh), live
#
# A test NAME.sh may come with an executable NAME.post, run on the build
# machine with the log's path once the test passed; its failure fails it.
#
# Environment: E2E_TESTS (directory of *.sh tests, and optionally root/,
# files for the host's root), E2E_TIMEOUT (wall-clock
# seconds per boot), E2E_QEMU_ARGS (extra QEMU arguments), E2E_REALTIME=1
# (let the emulated clock follow the wall clock instead of -icount).
#
# By default QEMU runs with -icount shift=0,sleep=off: the emulated 440
# executes one instruction per nanosecond of its own clock (the timebase
# ticks once per 2.5 instructions) and skips idle time instead of sleeping,
# so every test sees the same virtual time whatever else the machine is
# doing. Timeouts inside the emulated host therefore count instructions;
# only E2E_TIMEOUT counts wall time, as a last resort against a hang.
#
# E2E_HOST_KERNEL=NAME boots a host kernel built from kernel.config plus
# rig/kernel-NAME.config (e.g. debug: KASAN, lockdep, kmemleak); the module is
# built against it. The Linux guests stay the rig's ordinary kernels.
source "$(dirname "${BASH_SOURCE[0]}")/rig/common.sh"

tests_dir=${E2E_TESTS:-$TOP/tests/e2e/tests}
timeout_s=${E2E_TIMEOUT:-900}
out=$BUILD/e2e
mkdir -p "$out/logs"

gkdir=$("$RIG_DIR/kernel.sh")
if [ -n "${E2E_HOST_KERNEL:-}" ]; then
	kdir=$("$RIG_DIR/kernel.sh" "$E2E_HOST_KERNEL" "$RIG_DIR/kernel.config" \
		"$RIG_DIR/kernel-$E2E_HOST_KERNEL.config")
else
	kdir=$gkdir
fi
# The paravirt and virtio guest kernel (examples/guest-kernel.config).
vkdir=$("$RIG_DIR/kernel.sh" guest "$TOP/examples/guest-kernel.config")
busybox=$("$RIG_DIR/busybox.sh")
"$RIG_DIR/userland.sh" "$kdir" "$out/root"
"$RIG_DIR/guest.sh" "$gkdir" "$busybox" "$out/root/e2e/guest"
cp "$vkdir/vmlinux" "$out/root/e2e/guest/vmlinux-guest"
# the same with its magic-page self-test fixed (linux_guest_pv)
CROSS=$CROSS "$RIG_DIR/pvfix.sh" "$vkdir/vmlinux" "$out/root/e2e/guest/vmlinux-guest-pvfix"
"$RIG_DIR/dkms.sh" "$kdir" "$out/root/e2e/kvm440-dkms.ko"
cp "$tests_dir"/*.sh "$out/root/e2e/tests/"
# Files a test directory ships for the host's root (e.g. make bench's guest
# images and programs): tests_dir/root/ is copied over /.
if [ -d "$tests_dir/root" ]; then cp -r "$tests_dir/root/." "$out/root/"; fi
# Helper modules a test directory ships (e.g. the self-test's oopsing one).
for kb in "$tests_dir"/*/Kbuild; do
	[ -e "$kb" ] || continue
	m=$(dirname "$kb")
	make -s -C "$kdir" M="$m" ARCH=powerpc CROSS_COMPILE=$CROSS modules
	cp "$m"/*.ko "$out/root/e2e/"
done
cp "$TOP/tests/e2e/tests/lib.sh" "$out/root/e2e/tests/lib.sh"

# gen_init_cpio needs no root for device nodes; it is built with the kernel.
gen=$kdir/usr/gen_init_cpio
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in proc sys tmp root bin sbin; do echo "dir /$d 0755 0 0"; done
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "file /init $RIG_DIR/init.sh 0755 0 0"
	(cd "$out/root" && find . -mindepth 1 | sort | while read -r f; do
		f=${f#./}
		if [ -d "$f" ]; then echo "dir /$f 0755 0 0"
		else echo "file /$f $out/root/$f $(stat -c %a "$f") 0 0"; fi
	done)
} > "$out/initramfs.list"
"$gen" "$out/initramfs.list" > "$out/initramfs.cpio"

if [ -n "${E2E_REALTIME:-}" ]; then clock=()
else clock=(-icount shift=0,sleep=off); fi
# -nic none: the emulated host needs no NIC (and bamboo's default one wants
# an iPXE ROM that only a Recommends of qemu-system-ppc installs).
# KASAN's shadow (1/8 of RAM), its quarantine, lockdep's tables and
# kmemleak's objects cost the debug host ~60M of its 256M: give it 512M
# (bamboo's most) so tests see as much free memory as on the plain host.
mem=256
[ "${E2E_HOST_KERNEL:-}" = debug ] && mem=512
qemu=(qemu-system-ppc -M bamboo -m "$mem" -kernel "$kdir/vmlinux"
      -initrd "$out/initramfs.cpio" -no-reboot -nic none "${clock[@]}"
      ${E2E_QEMU_ARGS:-})

# E2E_APPEND: extra NAME=VALUE words for the kernel command line, which the
# kernel hands to /init, and so to the test, as environment (make fuzz's
# budget and seed).
append=${E2E_APPEND:-}

case "${1:-}" in
--shell)
	exec "${qemu[@]}" -nographic \
		-append "console=ttyS0 rdinit=/init e2e=shell $append"
	;;
--demo)
	# Shown live, and judged like a test so `make demo` fails when the
	# main job does (QEMU itself exits 0 whatever the guest did). The
	# guest's console is shown unprefixed here, so there is no crash check:
	# demo.sh's own status decides.
	log=$out/logs/demo.log
	set +e
	timeout -k 5 "$timeout_s" "${qemu[@]}" -display none -monitor none \
		-serial stdio \
		-append "console=ttyS0 rdinit=/init quiet e2e=demo $append" \
		</dev/null 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	set -e
	if grep -q 'E2E-END demo rc=0' "$log"; then
		echo "demo: passed (log: $log)"
		exit 0
	fi
	[ $rc -eq 124 ] || [ $rc -eq 137 ] &&
		echo "demo: timed out after ${timeout_s}s"
	echo "demo: FAILED (QEMU exit $rc; log: $log)"
	exit 1
	;;
esac

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for t in "$tests_dir"/*.sh; do
		n=$(basename "$t" .sh)
		[ "$n" = lib ] || [ "$n" = demo ] || names+=("$n")
	done
fi

# Anything the emulated kernel prints about its own health fails the test,
# whatever the script inside concluded. A kvm440 GUEST's console shares the
# log: tests show it only with every line prefixed "[guest] " (guest_cat in
# lib.sh), and those lines are the guest's business, not the host's.
# The debug host's checkers (kernel-debug.config) report through the same
# console: KASAN and DEBUG_ATOMIC_SLEEP say "BUG:", lockdep "WARNING:" or
# "INFO:", refcount_t and DEBUG_LIST print their own line before the
# WARNING, DEBUG_OBJECTS says "ODEBUG:", and kmemleak's "unreferenced
# object" lines reach the console when init.sh scans after each test.
crash_re='Oops|BUG:|Kernel panic|kernel BUG|Unable to handle kernel|WARNING:|Call Trace:|general protection|Machine check'
crash_re+='|BUG: KASAN|refcount_t:|list_add corruption|list_del corruption'
crash_re+='|INFO: (possible|inconsistent|task)|possible recursive locking'
crash_re+='|ODEBUG:|unreferenced object|kmemleak: [0-9]+ new suspected|kmemleak: .*detector disabled'
host_lines() { tr -d '\r' < "$1" | grep -v '^\[guest\] '; }

passed=0 failed=0
for name in "${names[@]}"; do
	log=$out/logs/$name.log
	start=$(date +%s)
	set +e
	timeout -k 5 "$timeout_s" "${qemu[@]}" -display none -monitor none \
		-serial stdio -append "console=ttyS0 rdinit=/init e2e=$name $append" \
		</dev/null >"$log" 2>&1
	rc=$?
	set -e
	secs=$(( $(date +%s) - start ))
	why=
	# grep and sed read to the end: an early exit (grep -q, -m1) would
	# SIGPIPE the writer, and under pipefail turn a crash into a pass.
	crash=$(host_lines "$log" | grep -E "$crash_re" | sed -n 1p) || true
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		why="timed out after ${timeout_s}s"
	elif [ -n "$crash" ]; then
		why="emulated kernel reported: $crash"
	elif ! grep -q "E2E-END $name rc=" "$log"; then
		why="no result (QEMU exit $rc)"
	elif ! grep -q "E2E-END $name rc=0" "$log"; then
		why="test exited with $(grep -o "E2E-END $name rc=[0-9]*" "$log" | sed 's/.*rc=//')"
	fi
	# NAME.post, if the test ships one, checks on the build machine what
	# only it can (e.g. e2fsck an image the test dumped into its log)
	if [ -z "$why" ] && [ -x "$tests_dir/$name.post" ]; then
		"$tests_dir/$name.post" "$log" > "$log.post" 2>&1 ||
			why="build-machine check $name.post failed: $(tail -n 1 "$log.post")"
		sed 's/^/    /' "$log.post"
	fi
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		echo "PASS $name (${secs}s)"
		[ -n "${E2E_VERBOSE:-}" ] && sed -n "/E2E-BEGIN/,/E2E-END/p" "$log"
	else
		failed=$((failed + 1))
		echo "FAIL $name (${secs}s): $why"
		echo "---- last lines of $log"
		tail -n 40 "$log" | tr -d '\r' | sed 's/^/    /'
		echo "----"
	fi
done
echo "e2e: $passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
