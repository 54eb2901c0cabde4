# Shadows kept across host interrupts (module/tlb.c) must still never be
# seen by other host code: two bare-metal guests (churn.bin, in two
# guest_vmm processes, so two VMs whose vCPU threads the host switches
# between) read their own patterns through shadows at the same EAs, while
# mem_churn maps, checks and unmaps host pages at those EAs in a fresh
# process each round (every context id, the shadows' TIDs 1 and 2
# included). A shadow left in the TLB across a switch shows up as a guest
# reading the other VM's pattern, or, through QEMU's tlbsx ignoring
# MMUCR[STS], as mem_churn reading a stale page after a remap. The guests
# run for 3 s of timebase, mem_churn's 300 rounds (past the 255 context
# ids) for about 2 s.
. /e2e/tests/lib.sh
load_module
dmesg -c > /dev/null
guest_vmm "$E2E/guests/churn.bin" --arg 0x31 --expect-exit 0 > /tmp/churn1.out 2>&1 &
a=$!
guest_vmm "$E2E/guests/churn.bin" --arg 0x32 --expect-exit 0 > /tmp/churn2.out 2>&1 &
b=$!
t0=$(cut -d' ' -f1 /proc/uptime)
mem_churn 300 > /tmp/mem_churn.out 2>&1
mc=$?
echo "mem_churn: from $t0 to $(cut -d' ' -f1 /proc/uptime) s uptime"
# the guests must still have been running when mem_churn ended
kill -0 $a 2>/dev/null; alive_a=$?
kill -0 $b 2>/dev/null; alive_b=$?
wait $a; ra=$?
wait $b; rb=$?
sed 's/^/[churn1] /' /tmp/churn1.out
sed 's/^/[churn2] /' /tmp/churn2.out
sed 's/^/[mem_churn] /' /tmp/mem_churn.out
expect_eq "guest 1 exit status" 0 "$ra"
expect_eq "guest 2 exit status" 0 "$rb"
expect_grep "guest 1 read only its own memory" "^PASS churn$" /tmp/churn1.out
expect_grep "guest 2 read only its own memory" "^PASS churn$" /tmp/churn2.out
grep -q FAIL /tmp/churn1.out /tmp/churn2.out && fail "a churn guest failed"
expect_eq "mem_churn exit status" 0 "$mc"
expect_grep "mem_churn saw only fresh pages" "^ok: " /tmp/mem_churn.out
expect_eq "guest 1 still running while mem_churn ran" 0 "$alive_a"
expect_eq "guest 2 still running while mem_churn ran" 0 "$alive_b"
unload_module
