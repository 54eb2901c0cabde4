# kvm440.ko loads on the 440 host, finds the host's bolted TLB range,
# registers /dev/kvm440 answering the version ioctl, and unloads cleanly.
. /e2e/tests/lib.sh

load_module
dmesg > /tmp/dmesg
expect_grep "version logged" 'kvm440: version [0-9.]* loaded (API 1)' /tmp/dmesg
# -m 256 is exactly one 256M lowmem page, which head_44x.S bolts at 63.
expect_grep "bolted range logged" 'kvm440: host TLB: entries 63-63 bolted, 0-62 replaceable' /tmp/dmesg
expect_grep "per-vCPU bytes logged" 'kvm440: per-vCPU state: [0-9]* bytes, 73 of them shadow-TLB bookkeeping' /tmp/dmesg
grep 'per-vCPU state' /tmp/dmesg
# docs/vcpu-state.md quotes the figure; a struct that grows must take the
# page with it (make check adds up the page's table to the same total)
doc=$(sed -n 's/.*per-vCPU state: \([0-9]*\) bytes.*(shadow=direct).*/\1/p' \
	/e2e/docs/vcpu-state.md | head -1)
logged=$(sed -n 's/.*per-vCPU state: \([0-9]*\) bytes.*(shadow=direct).*/\1/p' \
	/tmp/dmesg | head -1)
expect_eq "docs/vcpu-state.md's total is the logged size" "$logged" "$doc"
[ -c /dev/kvm440 ] || fail "/dev/kvm440 is not a character device"
expect_eq "device node mode" 660 "$(stat -c %a /dev/kvm440)"
api_version || fail "api_version"
unload_module
[ -e /dev/kvm440 ] && fail "/dev/kvm440 still present after rmmod"
grep -q '^kvm440 ' /proc/modules && fail "kvm440 still in /proc/modules"
dmesg | grep -q 'kvm440: unloaded' || fail "no unload message"
pass "clean unload"
