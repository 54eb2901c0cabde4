# Bare-metal guest: host instructions per exit of the kinds a Linux guest
# takes most (emulated mfmsr, mfspr, wrteei; guest-TLB refills through 4K
# entries and through an entry in slot 63), from the guest's timebase
# (one tick = 2.5 instructions under -icount shift=0) and the exit
# counters guest_vmm prints at each mark. Bounds are about twice the
# figures measured when they were set (mfmsr 277, mfspr 321, 4K refill
# 550, slot-63 refill 900): a regression guard, not the bench.
. /e2e/tests/lib.sh
load_module
guest cost "--expect-exit 0" cost
[ $bad -eq 0 ] || fail "guest cost failed"
f=/tmp/cost.out
# cost NAME MARK COUNTER: instructions per COUNTER event in phase NAME
cost() {
	local ops ticks n
	ops=$(sed -n "s/^info: cost $1 \([0-9]*\) [0-9]*$/\1/p" $f)
	ticks=$(sed -n "s/^info: cost $1 [0-9]* \([0-9]*\)$/\1/p" $f)
	n=$(vmm_stat $f $3 "mark $2:")
	[ -n "$ops" ] && [ -n "$ticks" ] && [ -n "$n" ] ||
		fail "no figures for $1 (ops '$ops' ticks '$ticks' $3 '$n')"
	[ "$n" -gt 0 ] || fail "$1: no $3 exits in its phase"
	echo "cost: $1: $ops ops, $n $3, $((ticks * 5 / 2 / n)) instructions each"
	eval "c_$1=$((ticks * 5 / 2 / n)) n_$1=$n o_$1=$ops"
}
cost mfmsr 0x11 emul_inst
cost mfspr 0x12 emul_inst
cost wrteei 0x13 emul_inst
cost refill4k 0x15 dtlb_v
cost refill63 0x17 dtlb_v
# every load of the 4K cycle must have been a refill, or the figure is not one
[ $n_refill4k -ge $o_refill4k ] ||
	fail "refill4k: $n_refill4k refills for $o_refill4k loads"
expect_eq "guest TLB misses in the 4K cycle" 0 "$(vmm_stat $f dtlb_r 'mark 0x15:')"
for k in mfmsr mfspr wrteei; do
	eval "c=\$c_$k"
	[ $c -le 600 ] || fail "$k costs $c instructions an exit (bound 600)"
done
[ $c_refill4k -le 1200 ] ||
	fail "a 4K refill costs $c_refill4k instructions (bound 1200)"
# most of this one is gtlb_shadow_code() probing block sizes down from 16M
[ $c_refill63 -le 2000 ] ||
	fail "a refill through slot 63 costs $c_refill63 instructions (bound 2000)"
pass "exit costs within bounds"
unload_module
