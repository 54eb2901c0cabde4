# kvm440ctl start --gdb: a scripted GDB remote client (progs/gdb_client.c)
# stops the bare-metal example at entry, reads registers and memory (through
# the guest's TLB, compared with the ELF), hits a breakpoint at putc,
# single-steps (over an MMIO load, then a plain instruction), writes r3,
# interrupts a spinning guest with Ctrl-C and detaches; the guest then runs
# to its end and prints what the register write made of its greeting.
. /e2e/tests/lib.sh
load_module
# the stub listens on 127.0.0.1 only; the rig host leaves lo down
ifconfig lo 127.0.0.1 up || fail "bring up lo"
timeout 120 kvm440ctl start --gdb 1234 /e2e/bare-metal/hello.cfg </dev/null \
	>/tmp/gdb.out 2>/tmp/gdb.err &
pid=$!
timeout 100 gdb_client 1234 /e2e/bare-metal/hello.elf >/tmp/gdbc.out 2>&1
crc=$?
sed 's/^/[gdb_client] /' /tmp/gdbc.out
wait $pid
rc=$?
guest_prefix < /tmp/gdb.out
sed 's/^/[kvm440ctl] /' /tmp/gdb.err
expect_eq "gdb_client status" 0 "$crc"
expect_eq "kvm440ctl start --gdb status" 0 "$rc"
expect_grep "stub announced" "waiting for gdb on 127.0.0.1:1234" /tmp/gdb.err
expect_grep "r3 written by gdb reached the guest" \
	"^Zello from a bare-metal 440 guest under kvm440!" /tmp/gdb.out
expect_grep "guest ran to its end after detach" "asked for a reset" /tmp/gdb.err

# a bad port is a usage error
kvm440ctl start --gdb 70000 /e2e/bare-metal/hello.cfg </dev/null \
	>/dev/null 2>/tmp/gdb2.err
expect_eq "--gdb 70000 exit status" 2 $?
expect_grep "--gdb says what it wants" "TCP port" /tmp/gdb2.err
unload_module
