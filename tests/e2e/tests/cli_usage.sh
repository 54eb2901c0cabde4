# kvm440ctl's exit status: 0 for help, 2 for bad arguments, configs and
# images (config errors name FILE:LINE), 1 for runtime failures.
. /e2e/tests/lib.sh

# run WANT_RC WHAT COMMAND...: output in /tmp/out and /tmp/err
run() {
	want=$1 what=$2
	shift 2
	"$@" > /tmp/out 2> /tmp/err
	rc=$?
	[ "$rc" = "$want" ] || { cat /tmp/out /tmp/err; fail "$what: expected exit $want, got $rc"; }
	pass "$what exits $rc"
}

run 0 "--help" kvm440ctl --help
for c in status monitor stop pause resume dump top console start check; do
	expect_grep "--help lists $c" "^  $c " /tmp/out
done
run 0 "-h" kvm440ctl -h
for c in status monitor stop pause resume dump top console start check; do
	run 0 "$c --help" kvm440ctl $c --help
	expect_grep "$c --help usage line" "^Usage: kvm440ctl $c" /tmp/out
done
run 0 "--version" kvm440ctl --version

run 2 "no arguments" kvm440ctl
expect_grep "no arguments points to --help" "kvm440ctl --help" /tmp/err
run 2 "unknown command" kvm440ctl frobnicate
expect_grep "unknown command named" "unknown command 'frobnicate'" /tmp/err
run 2 "unknown global option" kvm440ctl --frobnicate
run 2 "unknown status option" kvm440ctl status --frobnicate
run 2 "status with a bad id" kvm440ctl status 99999999999
run 2 "status with a bad name" kvm440ctl status a/b
expect_grep "bad name says why" "neither a VM id nor a VM name" /tmp/err
run 2 "status with a long name" kvm440ctl status abcdefghijklmnopqrstuvwxyz0123456
run 2 "status with two ids" kvm440ctl status 1 2
run 2 "monitor --count without N" kvm440ctl monitor --count
run 2 "monitor --count 0" kvm440ctl monitor --count 0
run 2 "monitor --timeout x" kvm440ctl monitor --timeout x
run 2 "stop without an id" kvm440ctl stop
run 2 "stop with a bad id" kvm440ctl stop -1
for c in pause resume dump; do
	run 2 "$c without a VM" kvm440ctl $c
	run 2 "$c with a bad name" kvm440ctl $c 'a b'
	run 2 "$c with two VMs" kvm440ctl $c 1 2
done
run 2 "top --interval 0" kvm440ctl top --interval 0
run 2 "top --count x" kvm440ctl top --count x
run 2 "monitor with two VMs" kvm440ctl monitor 1 2
run 2 "start without a config" kvm440ctl start
run 2 "start with a missing config" kvm440ctl start /tmp/none.cfg
expect_grep "missing config named" "/tmp/none.cfg" /tmp/err

mkdir -p /tmp/g
printf 'name = bad\nmemory = 8M\nthis line is wrong\nkernel = k.bin\n' > /tmp/g/bad.cfg
run 2 "config with a bad line" kvm440ctl start /tmp/g/bad.cfg
cat /tmp/err
expect_grep "config error names FILE:LINE" "^kvm440ctl: /tmp/g/bad.cfg:3: " /tmp/err

# Without the module: a runtime failure that says what is missing.
run 1 "status without the module" kvm440ctl status
expect_grep "status names the module" "kvm440.ko" /tmp/err

load_module
run 1 "status of no such VM" kvm440ctl status 999
expect_grep "no such VM named" "no VM with id 999" /tmp/err
run 1 "stop of no such VM" kvm440ctl stop 999
expect_grep "no such stop named" "no VM with id 999" /tmp/err
run 1 "status of no such name" kvm440ctl status nosuchvm
expect_grep "no such name named" "no VM named 'nosuchvm'" /tmp/err
for c in pause resume dump stop; do
	run 1 "$c of no such VM" kvm440ctl $c 999
	expect_grep "$c: no such VM named" "no VM with id 999" /tmp/err
	run 1 "$c of no such name" kvm440ctl $c nosuchvm
	expect_grep "$c: no such name named" "no VM named 'nosuchvm'" /tmp/err
done

# An image that cannot be loaded is exit 2, naming the image.
printf 'memory = 8M\nkernel = nothere.elf\n' > /tmp/g/noimg.cfg
run 2 "start with a missing kernel" kvm440ctl start /tmp/g/noimg.cfg
cat /tmp/err
expect_grep "missing kernel named" "nothere.elf" /tmp/err

# A raw guest that stores to 15M: mapped by the boot TLB entry (8M of RAM
# rounds up to a 16M page) but no RAM there, so an MMIO exit naming
# 0xf00000, which nothing services yet. A module that cannot run guests
# gives "cannot run the guest", one that cannot emulate the store an
# internal error. Whichever, exit 1 and a reason.
#   lis r3,0xf0; stw r4,0(r3); b .
printf '\074\140\000\360\220\203\000\000\110\000\000\000' > /tmp/g/mmio.bin
printf 'memory = 8M\nkernel = mmio.bin\nformat = raw\nload_addr = 0\n' > /tmp/g/mmio.cfg
run 1 "start of a guest that stores to no device" timeout 60 kvm440ctl start /tmp/g/mmio.cfg
cat /tmp/err
if grep -q "wrote 4 bytes at physical address 0x000f00000: no device there (next pc 0x00000008)" /tmp/err; then
	pass "start names the MMIO address and the pc"
	# r3 holds the address, r4 what was stored
	expect_grep "registers follow" "^  r0   [0-9a-f]\{8\} [0-9a-f]\{8\} [0-9a-f]\{8\} 00f00000 " /tmp/err
	expect_grep "pc line" "^  pc   00000008 msr  00000000 " /tmp/err
elif grep -q "kvm440ctl: cannot run the guest: " /tmp/err; then
	pass "start says the module cannot run guests"
elif grep -q "kvm440ctl: internal error in guest 'mmio': .* at pc 0x00000004" /tmp/err; then
	pass "start reports the module's internal error at the store"
else
	fail "start: no MMIO address, run error or internal error"
fi

# An instruction the module does not emulate (icread, cache debug) is an
# internal error: its pc and word, then the registers.
#   li r5,0x1234; icread 0,0; b .
printf '\070\240\022\064\174\000\007\314\110\000\000\000' > /tmp/g/ie.bin
printf 'memory = 8M\nkernel = ie.bin\nformat = raw\nload_addr = 0\nname = ie\n' > /tmp/g/ie.cfg
run 1 "start of a guest that runs icread" timeout 60 kvm440ctl start /tmp/g/ie.cfg
cat /tmp/err
expect_grep "internal error named" \
	"kvm440ctl: internal error in guest 'ie': an instruction could not be emulated (code 1) at pc 0x00000004, instruction 0x7c0007cc" /tmp/err
expect_grep "registers after the internal error" \
	"^  r0   [0-9a-f]\{8\} [0-9a-f]\{8\} [0-9a-f]\{8\} [0-9a-f]\{8\} [0-9a-f]\{8\} 00001234 " /tmp/err
expect_grep "sregs after the internal error" "^  srr0 " /tmp/err
unload_module
