#!/usr/bin/env bash
# `make bench`: kvm440's deterministic benchmark suite. Everything runs
# under qemu-system-ppc -icount shift=0,sleep=off (one instruction per ns,
# timebase 400 MHz: instructions = ticks x 2.5), and every guest figure is
# measured in this same run as its native counterpart:
#   1. one emulated-host boot (the e2e rig, test "bench", tests/bench/host.sh)
#      runs, for each module parameter set, the microbenchmark guest
#      (tests/guests/g_bench.c) under guest_vmm and the rig's vmlinux as a
#      Linux guest with the bench initramfs (benchu as /init);
#   2. the same bench.elf and the same vmlinux + initramfs boot natively on
#      bare qemu-system-ppc -M bamboo here on the build machine;
#   3. the report (tests/bench/report.c, built here) turns the logs into
#      docs/bench.md and gnuplot draws docs/bench.png.
#
# Environment:
#   BENCH_MODULE_PARAMS  module parameter sets, separated by ';', one column
#                        each; unset, "shadow=direct;shadow=array" (the two
#                        shadow TLB schemes, for the seed's trade-off);
#                        empty, one set: the module's defaults. A set the
#                        module refuses or lacks a parameter of is reported
#                        as not measured.
#   BENCH_RUNS           Linux boots per set, and natively (5): whole boots
#                        vary by a few percent, so bench.md gives the median
#   BENCH_PV_RUNS        boots of the paravirt guest kernel with and without
#                        /hypervisor, and natively (2; docs/paravirt.md)
#   BENCH_OUT            where bench.md and bench.png go (default docs/)
#   BENCH_TIMEOUT        wall seconds for the emulated host's boot (3600)
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/rig/common.sh"
BENCH_DIR=$TOP/tests/bench
out=$BUILD/bench
docs=${BENCH_OUT:-$TOP/docs}
start_s=$(date +%s)
runs=${BENCH_RUNS:-5}
pvruns=${BENCH_PV_RUNS:-2}
case $runs in ''|*[!0-9]*|0) echo "bench: BENCH_RUNS must be a positive number" >&2; exit 2 ;; esac

# gnuplot (for the chart) is a bench-only need, so it is installed here,
# not by deps.sh (which is make test's).
if ! command -v gnuplot >/dev/null; then
	log "installing gnuplot-nox"
	sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends gnuplot-nox >/dev/null
fi

kdir=$("$RIG_DIR/kernel.sh")
busybox=$("$RIG_DIR/busybox.sh")
rm -rf "$out"
mkdir -p "$out/native" "$docs"
# The report generator first: a compile error should not wait for the runs.
make -s -C "$TOP" BUILD="$out/host" "$out/host/bench/report"

# The microbenchmark guest (bench.elf natively, bench.bin under guest_vmm:
# the rig builds its own from the same source) and benchu.
make -s -C "$TOP/tests/guests" OUT="$out/guests" CROSS=$CROSS "$out/guests/bench.elf"
${CROSS}gcc -static -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-o "$out/benchu" "$BENCH_DIR/benchu.c"

# The bench initramfs: busybox, benchu as /init and /bin/benchu, the script.
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in proc sys tmp root bin sbin; do echo "dir /$d 0755 0 0"; done
	echo "file /bin/busybox $busybox 0755 0 0"
	echo "file /bin/benchu $out/benchu 0755 0 0"
	echo "file /init $out/benchu 0755 0 0"
	echo "file /bench-init.sh $BENCH_DIR/bench-init.sh 0755 0 0"
} > "$out/bench-cpio.list"
"$kdir/usr/gen_init_cpio" "$out/bench-cpio.list" > "$out/bench.cpio"

# The rig test directory: bench.sh (the parameter sets + host.sh) and the
# files for the host's root.
t=$out/tests
mkdir -p "$t/root/e2e/bench" "$t/root/bin"
{
	echo "BENCH_SETS=\$(cat <<'EOF_SETS'"
	printf '%s\n' "${BENCH_MODULE_PARAMS-shadow=direct;shadow=array}" | tr ';' '\n' |
		sed 's/^ *//; s/ *$//'
	echo "EOF_SETS"
	echo ")"
	echo "BENCH_RUNS=$runs"
	echo "BENCH_PV_RUNS=$pvruns"
	cat "$BENCH_DIR/host.sh"
} > "$t/bench.sh"
cp "$out/bench.cpio" "$BENCH_DIR/bench.cfg" "$t/root/e2e/bench/"
cp "$out/benchu" "$t/root/bin/"

log "emulated host: microbenchmarks and the Linux guest, per parameter set"
E2E_TESTS=$t E2E_TIMEOUT=${BENCH_TIMEOUT:-3600} bash "$TOP/tests/e2e/run.sh" bench
cp "$BUILD/e2e/logs/bench.log" "$out/host.log"

qemu_native=(qemu-system-ppc -M bamboo -display none -monitor none
	     -serial stdio -nic none -no-reboot -icount shift=0,sleep=off)

# Natively the bare-metal guest ends in a loop (no exit DCR): stop QEMU
# once it printed its EXIT line. Twice, to show how well it repeats.
native_micro() {
	"${qemu_native[@]}" -m 256 -kernel "$out/guests/bench.elf" </dev/null \
		> "$1" 2>&1 &
	local qpid=$!
	for _ in $(seq 1200); do
		grep -q '^EXIT ' "$1" && break
		kill -0 $qpid 2>/dev/null || break
		sleep 0.5
	done
	kill $qpid 2>/dev/null || true
	wait $qpid 2>/dev/null || true
	grep -q '^EXIT 0' "$1" ||
		{ echo "bench: native bench.elf did not finish:" >&2; tail "$1" >&2; exit 1; }
}
log "native: bench.elf"
native_micro "$out/native/micro.log"
native_micro "$out/native/micro2.log"

# Natively the Linux guest's reboot -f ends QEMU (-no-reboot).
log "native: vmlinux + bench initramfs, $runs times"
native_linux=()
for rep in $(seq "$runs"); do
	f=$out/native/linux$rep.log
	timeout "${BENCH_TIMEOUT:-3600}" "${qemu_native[@]}" -m 64 -kernel "$kdir/vmlinux" \
		-initrd "$out/bench.cpio" -append "console=ttyS0,115200 rdinit=/init" \
		</dev/null > "$f" 2>&1 || true
	grep -q 'bench-guest: done' "$f" ||
		{ echo "bench: native Linux run did not finish:" >&2; tail "$f" >&2; exit 1; }
	native_linux+=(--native-linux "$f")
done

# The paravirt guest kernel (CONFIG_KVM_GUEST), natively: no /hypervisor
# there, so it boots as any kernel does.
log "native: vmlinux-guest + bench initramfs, $pvruns times"
vkdir=$("$RIG_DIR/kernel.sh" guest "$TOP/examples/guest-kernel.config")
native_pv=()
for rep in $(seq "$pvruns"); do
	f=$out/native/pv$rep.log
	timeout "${BENCH_TIMEOUT:-3600}" "${qemu_native[@]}" -m 64 -kernel "$vkdir/vmlinux" \
		-initrd "$out/bench.cpio" \
		-append "console=ttyS0,115200 rdinit=/init printk.time=1" \
		</dev/null > "$f" 2>&1 || true
	grep -q 'bench-guest: done' "$f" ||
		{ echo "bench: native paravirt-kernel run did not finish:" >&2; tail "$f" >&2; exit 1; }
	native_pv+=("$f")
done

# The tree measured: HEAD, "+changes" if anything but the outputs differs.
commit=$(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$TOP" status --porcelain -- . ':!docs/bench.md' \
	':!docs/bench.png' ':!build' 2>/dev/null)" ] || commit="$commit+changes"
"$out/host/bench/report" --commit "$commit" --host "$out/host.log" \
	--native-micro "$out/native/micro.log" \
	--native-micro2 "$out/native/micro2.log" \
	"${native_linux[@]}" \
	--md "$docs/bench.md" --data "$out/chart"
bash "$BENCH_DIR/pv_report.sh" "$out/host.log" "${native_pv[@]}" >> "$docs/bench.md"
gnuplot -e "datadir='$out/chart'; outfile='$docs/bench.png'" "$BENCH_DIR/chart.gp"
log "wrote $docs/bench.md and $docs/bench.png in $(( $(date +%s) - start_s )) s"
