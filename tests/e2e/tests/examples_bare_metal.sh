# examples/bare-metal: the hello program (ELF) under kvm440ctl start, on
# the same virtual board as Linux; it prints and resets itself (exit 0).
. /e2e/tests/lib.sh
load_module
timeout 60 kvm440ctl start --stats /e2e/bare-metal/hello.cfg </dev/null \
	>/tmp/bm.out 2>/tmp/bm.err
rc=$?
guest_prefix < /tmp/bm.out
sed 's/^/[kvm440ctl] /' /tmp/bm.err
expect_eq "kvm440ctl start status" 0 "$rc"
expect_grep "greeting" "^Hello from a bare-metal 440 guest under kvm440!" /tmp/bm.out
expect_grep "timebase advanced" "timebase ticks for 1000 loop iterations: 0x0000" /tmp/bm.out
expect_grep "reset ends the run" "asked for a reset (DBCR0\[RST\] = 1)" /tmp/bm.err
unload_module
