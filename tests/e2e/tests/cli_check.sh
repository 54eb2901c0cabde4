# kvm440ctl check: a config and every file it names are checked without
# the module, with the same FILE:LINE errors (exit 2) that start gives
# before it opens /dev/kvm440; with the module loaded, memory is held to
# its max_vm_mem_mb.
. /e2e/tests/lib.sh
g=/e2e/guest
mkdir -p /tmp/c
cd /tmp/c

# run WANT_RC WHAT COMMAND...: output in /tmp/out and /tmp/err
run() {
	want=$1 what=$2
	shift 2
	"$@" > /tmp/out 2> /tmp/err
	rc=$?
	[ "$rc" = "$want" ] || { cat /tmp/out /tmp/err; fail "$what: expected exit $want, got $rc"; }
	pass "$what exits $rc"
}
# bad WHAT CONFIG_TEXT MESSAGE_PATTERN: check and start both refuse it
bad() {
	printf "$2" > /tmp/c/bad.cfg
	run 2 "check: $1" kvm440ctl check /tmp/c/bad.cfg
	sed 's/^/  /' /tmp/err
	expect_grep "check: $1: message" "^kvm440ctl: /tmp/c/bad.cfg:$3" /tmp/err
	run 2 "start: $1" kvm440ctl start /tmp/c/bad.cfg </dev/null
	expect_grep "start: $1: same message" "^kvm440ctl: /tmp/c/bad.cfg:$3" /tmp/err
}

[ -e /dev/kvm440 ] && fail "the module is loaded before the test"
run 0 "check of the Linux guest, no module" kvm440ctl check $g/linux-guest.cfg
expect_eq "check says ok" "$g/linux-guest.cfg: ok" "$(cat /tmp/out)"
# What the check adds to start (the Linux guest's vmlinux and initrd loaded
# once more), between two host kernel-log marks: under -icount a printk
# second is 10^9 instructions.
echo "kvm440-e2e: check begins" > /dev/kmsg
kvm440ctl check -q $g/linux-guest.cfg
echo "kvm440-e2e: check ends" > /dev/kmsg
dmesg | grep "kvm440-e2e: check" | sed 's/^/cost: /'
run 0 "check --quiet" kvm440ctl check -q /e2e/bare-metal/hello.cfg
expect_eq "--quiet prints nothing" "" "$(cat /tmp/out)"

printf '\110\000\000\000' > /tmp/c/tiny.bin	# b .
K="memory = 64M\nkernel = $g/vmlinux\n"
bad "missing kernel, no module" 'memory = 64M\nkernel = /nonexistent/vmlinux\n' \
	"2: kernel: /nonexistent/vmlinux: No such file or directory"
grep -q "kvm440.ko loaded" /tmp/err && fail "a missing kernel blamed on the module"
bad "format raw on an ELF" "${K}format = raw\nload_addr = 0\n" \
	"3: format: raw, but $g/vmlinux is an ELF (say format = auto)"
bad "unaligned entry" "${K}entry = 0x1002\n" "3: entry: 0x1002 is not a multiple of 4"
bad "entry outside RAM" "${K}entry = 0x8000000\n" "3: entry: 0x8000000 is outside guest RAM"
: > /tmp/c/empty.img
bad "empty initrd" "${K}initrd = empty.img\n" \
	"3: initrd: /tmp/c/empty.img: file is empty"
bad "not a device tree" "${K}dtb = $g/guest.cpio\n" "3: dtb: $g/guest.cpio: "
bad "no room for the device tree" 'memory = 4K\nkernel = /tmp/c/tiny.bin\nformat = raw\nload_addr = 0\n' \
	"1: memory: no room for the device tree: "
bad "console file in no directory" "${K}console = file:/nonexistent/con.log\n" \
	"3: console: /nonexistent/con.log: No such file or directory"
bad "name with a slash" "${K}name = a/b\n" "3: name: 'a/b' has a '/'"
bad "a typo" "${K}memroy = 1M\n" "3: unknown key 'memroy' (did you mean 'memory'?)"
bad "an empty file" "" "1: no settings: a config needs at least 'memory' and 'kernel'"
bad "terminal escapes" '\033[31mred = 1\n' "1: unknown key '\\\\x1b\\[31mred'"
printf '\357\273\277memory = 64M\nkernel = %s\n' $g/vmlinux > /tmp/c/bom.cfg
run 0 "a byte-order mark" kvm440ctl check /tmp/c/bom.cfg

load_module
expect_eq "module's limit" 512 "$(cat /sys/module/kvm440/parameters/max_vm_mem_mb)"
bad "memory over max_vm_mem_mb" 'memory = 1G\nkernel = /tmp/c/tiny.bin\nformat = raw\nload_addr = 0\n' \
	"1: memory: 1024M is more than the kvm440 module allows a VM (max_vm_mem_mb = 512)"
expect_eq "no VM left" "no VMs" "$(kvm440ctl status)"
unload_module
pass "module unloads"
