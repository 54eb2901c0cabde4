# Bare-metal guest: a tight unprivileged loop (400M iterations) runs without
# guest-caused exits. guest_vmm prints the VM's counters between the
# guest's two marks; only host interrupts and the TLB refills that follow
# them may appear there.
. /e2e/tests/lib.sh
load_module
guest spin "--expect-exit 0" spin
[ $bad -eq 0 ] || fail "guest spin failed"
f=/tmp/spin.out
m="mark 0x2:"
for s in exits dec ext_intr fit itlb_v dtlb_v dcr emul_inst mmio itlb_r dtlb_r program; do
	eval "$s=$(vmm_stat $f $s "$m")"
	eval "[ -n \"\$$s\" ]" || fail "no '$s' in guest_vmm's mark line"
done
other=$((exits - dec - ext_intr - fit - itlb_v - dtlb_v - dcr))
echo "loop: exits $exits = dec $dec + ext_intr $ext_intr + fit $fit + itlb_v $itlb_v + dtlb_v $dtlb_v + dcr $dcr + other $other"
expect_eq "emulated instructions in the loop besides the mark" 0 "$((emul_inst - dcr))"
expect_eq "MMIO exits in the loop" 0 "$mmio"
expect_eq "guest TLB misses delivered in the loop" 0 "$((itlb_r + dtlb_r + program))"
[ $other -le 2 ] || fail "$other exits in the loop not caused by host interrupts"
pass "no guest-caused exits in 400M iterations ($exits exits, all host interrupts and refills)"
unload_module
pass "module unloads"
