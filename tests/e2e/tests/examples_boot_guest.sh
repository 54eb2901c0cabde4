# examples/boot_guest.c, a VMM of about 30 lines on libkvm440 alone
# (kvm440_config_load, kvm440_config_check, kvm440_boot, kvm440_board_run),
# boots the bare-metal example and a Linux guest as kvm440ctl start does.
. /e2e/tests/lib.sh
load_module
timeout 60 boot_guest /e2e/bare-metal/hello.cfg </dev/null >/tmp/bg.out 2>/tmp/bg.err
rc=$?
guest_prefix < /tmp/bg.out
sed 's/^/[boot_guest] /' /tmp/bg.err
expect_eq "boot_guest hello status" 0 "$rc"
expect_grep "greeting" "^Hello from a bare-metal 440 guest under kvm440!" /tmp/bg.out
expect_grep "reset ends the run, named by the config" "guest 'hello' asked for a reset (DBCR0\[RST\] = 1)" /tmp/bg.err

timeout 150 boot_guest /e2e/guest/linux-guest.cfg </dev/null >/tmp/bg.out 2>/tmp/bg.err
rc=$?
guest_prefix < /tmp/bg.out
sed 's/^/[boot_guest] /' /tmp/bg.err
expect_eq "boot_guest Linux status" 0 "$rc"
expect_grep "Linux booted" "Linux version 6" /tmp/bg.out

printf 'memory = 8M\nkernel = /nonexistent\n' > /tmp/bg.cfg
boot_guest /tmp/bg.cfg 2>/tmp/bg.err
expect_eq "boot_guest bad config status" 1 "$?"
expect_grep "library's FILE:LINE message" \
	"^boot_guest: /tmp/bg.cfg:2: kernel: /nonexistent: No such file" /tmp/bg.err
expect_eq "no VM left" "no VMs" "$(kvm440ctl status)"
unload_module
