# Issue 9: the old design behind shadow=array (module/shadow_array.c), a
# per-vCPU shadow array loaded into the hardware TLB on every guest entry.
# An invalid shadow= value must be refused at load; in array mode the
# bare-metal guests (emulation, MMU, interrupts, two guest_mmu at once
# beside host fork traffic) and the Linux guest must behave exactly as in
# the default direct mode. The boot figure and counters are printed for
# the report (docs/vcpu-state.md, docs/linux-guest.md).
. /e2e/tests/lib.sh

dmesg -c > /dev/null
insmod "$E2E/kvm440.ko" shadow=bogus 2> /tmp/insmod.err &&
	fail "insmod with shadow=bogus loaded"
pass "insmod shadow=bogus refused: $(cat /tmp/insmod.err)"
dmesg > /tmp/dmesg
expect_grep "refusal says why" 'shadow=bogus: must be direct or array' /tmp/dmesg
[ -d /sys/module/kvm440 ] && fail "module present after refused load"

load_module shadow=array
expect_eq "shadow parameter" array "$(cat /sys/module/kvm440/parameters/shadow)"
ls -l /sys/module/kvm440/parameters/shadow | grep -q '^-r--r--r--' ||
	fail "shadow parameter is not read-only (0444)"
pass "shadow parameter is 0444"
dmesg > /tmp/dmesg
expect_grep "array mode's bytes logged" \
	'kvm440: per-vCPU state: [0-9]* bytes, [0-9]* of them shadow-TLB bookkeeping (shadow=array)' \
	/tmp/dmesg
grep 'per-vCPU state' /tmp/dmesg

# the Linux guest first, as linux_guest_boot runs it right after loading,
# so its boot figure compares with that test's
g=/e2e/guest
echo "kvm440-e2e: kvm440ctl start shadow=array" > /dev/kmsg
{ timeout 300 kvm440ctl start --stats $g/linux-guest.cfg </dev/null \
	2> /tmp/guest.err; echo $? > /tmp/guest.rc; } |
	tee /tmp/guest.out | tr -d '\r' | while IFS= read -r l || [ -n "$l" ]; do
		case $l in *"kvm440-guest: init started"*)
			echo "kvm440-e2e: guest init started" > /dev/kmsg ;;
		esac
		printf '[guest] %s\n' "$l"
	done
sed 's/^/[kvm440ctl] /' /tmp/guest.err
expect_eq "kvm440ctl start status" 0 "$(cat /tmp/guest.rc)"
expect_grep "guest init ran" "kvm440-guest: init started" /tmp/guest.out
expect_grep "guest fork" "kvm440-guest: fork: child pid [0-9]* ok" /tmp/guest.out
expect_grep "guest tmpfs" "kvm440-guest: tmpfs: kvm440 tmpfs" /tmp/guest.out
expect_grep "guest rebooted" "kvm440-guest: done, rebooting" /tmp/guest.out
dmesg | grep 'kvm440-e2e:'

guest hello "--expect-exit 0" hello
guest emul "--expect-exit 0" emul_msr emul_spr emul_sprg emul_sprg3r \
	emul_ivpr_ivor emul_timer_sprs emul_tb_write emul_rfi emul_sc_state \
	emul_bad_spr emul_cache emul_dcr emul_tlb
guest mmio "--expect-exit 0" mmio_word mmio_byte mmio_half \
	mmio_byte_reverse mmio_update_indexed mmio_uart_lsr mmio_multiple
guest tlb64 "--expect-exit 0" tlb64_fill tlb64_lookup tlb64_remap \
	tlb64_invalidate tlb64_sizes
guest badmap "--expect-exit 0" badmap_above_ram badmap_cacheable_hole \
	badmap_36bit badmap_big_page badmap_fetch
guest irq "--expect-exit 0" irq_sc irq_dtlb_miss irq_itlb_miss irq_dsi irq_isi \
	irq_program_spr
guest user "--expect-exit 0" user_run user_privileged user_sprg4 \
	user_readonly_page user_kernel_page user_kernel_code
[ $bad -eq 0 ] || fail "$bad guest(s) failed in shadow=array"

guest_mmu > /tmp/guest_mmu.out 2>&1 || { cat /tmp/guest_mmu.out; fail "guest_mmu"; }
pass "guest_mmu in shadow=array"
guest_mmu_twice
pass "two concurrent guest_mmu beside a fork loop in shadow=array"

# what an exit costs in this mode: guests_cost's guest and arithmetic
# (host instructions per exit from the guest's timebase, 2.5 per tick),
# printed beside guests_cost's direct-mode figures for the comparison.
# refill4k's loads cycle over fewer pages than there are slots: in direct
# mode the host's own misses during exit handling evict shadows, so every
# load refills; here the array survives them and only the first pass
# refills, so its figure is the phase's instructions per refill, not a
# refill's cost.
guest cost "--expect-exit 0" cost
[ $bad -eq 0 ] || fail "guest cost failed in shadow=array"
for k in "mfmsr 0x11 emul_inst" "mfspr 0x12 emul_inst" \
	"wrteei 0x13 emul_inst" "refill4k 0x15 dtlb_v" "refill63 0x17 dtlb_v"; do
	set -- $k
	ops=$(sed -n "s/^info: cost $1 \([0-9]*\) [0-9]*$/\1/p" /tmp/cost.out)
	ticks=$(sed -n "s/^info: cost $1 [0-9]* \([0-9]*\)$/\1/p" /tmp/cost.out)
	n=$(vmm_stat /tmp/cost.out $3 "mark $2:")
	[ -n "$ticks" ] && [ -n "$n" ] && [ "$n" -gt 0 ] ||
		fail "no cost figures for $1 (ticks '$ticks' $3 '$n')"
	echo "cost: $1: $ops ops, $n $3, $((ticks * 5 / 2 / n)) instructions each (shadow=array)"
done

unload_module
pass "module unloads"
