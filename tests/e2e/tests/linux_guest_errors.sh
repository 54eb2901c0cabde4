# A Linux guest that panics (no init: rdinit=/nonexistent) ends kvm440ctl
# with status 1 and the guest's panic line, and leaves the host clean (the
# module unloads, no VM left). Bad configs and image paths exit 2 with
# FILE:LINE. The guest's panic appears in this log only as "[guest] "
# lines, which the rig does not take for a host crash.
. /e2e/tests/lib.sh
load_module
g=/e2e/guest
sed -e "s|^kernel .*|kernel = $g/vmlinux|" -e "s|^initrd .*|initrd = $g/guest.cpio|" \
	-e "s|^cmdline .*|cmdline = console=ttyS0,115200 rdinit=/nonexistent panic=1|" \
	-e "s|^name .*|name = panic|" \
	$g/linux-guest.cfg > /tmp/panic.cfg
{ timeout 150 kvm440ctl start /tmp/panic.cfg </dev/null 2>/tmp/guest.err
	echo $? > /tmp/guest.rc; } | tee /tmp/guest.out | guest_prefix
# kvm440ctl's message quotes the guest's panic line: shown as the guest's
guest_prefix < /tmp/guest.err
expect_eq "panicking guest: kvm440ctl status" 1 "$(cat /tmp/guest.rc)"
expect_grep "guest printed its panic" "Kernel.panic - not syncing" /tmp/guest.out
expect_grep "kvm440ctl names the panic" \
	"kvm440ctl: guest 'panic' panicked: Kernel.panic - not syncing" /tmp/guest.err
expect_eq "no VM left" "no VMs" "$(kvm440ctl status)"

# bad paths: FILE:LINE of the key, exit 2
printf 'memory = 64M\nkernel = /nonexistent/vmlinux\n' > /tmp/badk.cfg
kvm440ctl start /tmp/badk.cfg 2>/tmp/err </dev/null
expect_eq "missing kernel: status" 2 "$?"
expect_grep "missing kernel: message" \
	"^kvm440ctl: /tmp/badk.cfg:2: kernel: /nonexistent/vmlinux: No such file or directory" /tmp/err
printf 'memory = 64M\nkernel = %s\ninitrd = nothere.cpio\n' $g/vmlinux > /tmp/badi.cfg
kvm440ctl start /tmp/badi.cfg 2>/tmp/err </dev/null
expect_eq "missing initrd: status" 2 "$?"
expect_grep "missing initrd: message" \
	"^kvm440ctl: /tmp/badi.cfg:3: initrd: /tmp/nothere.cpio: No such file or directory" /tmp/err
printf 'memory = 64M\nkernel = %s\n' $g/guest.cpio > /tmp/badf.cfg
kvm440ctl start /tmp/badf.cfg 2>/tmp/err </dev/null
expect_eq "not a kernel: status" 2 "$?"
grep -q "^kvm440ctl: /tmp/badf.cfg:2: kernel: " /tmp/err ||
	fail "not a kernel: message: $(cat /tmp/err)"
pass "not a kernel: $(cat /tmp/err)"
printf 'memory = 64Q\nkernel = %s\n' $g/vmlinux > /tmp/badm.cfg
kvm440ctl start /tmp/badm.cfg 2>/tmp/err </dev/null
expect_eq "bad config: status" 2 "$?"
expect_grep "bad config: message" "^kvm440ctl: /tmp/badm.cfg:1: memory:" /tmp/err
unload_module
pass "module unloads"
