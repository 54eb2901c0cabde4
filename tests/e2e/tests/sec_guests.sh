# Hostile bare-metal guests (tests/guests/g_hostile.c), issue #10: each
# attack must fail. What the guest cannot see of its own shadows is read
# from the host side: tlbspy.ko (tests/e2e/tests/tlbspy/) samples the
# hardware TLB from a timer interrupt while the guest runs, and sprg_peek
# reads SPRG4R-7R, which any host process may.
#
# QEMU models no caches: a cache-attribute or stale-icache attack cannot
# show wrong data here, so the test asserts what the module does, read
# back from the hardware TLB: shadows of host RAM carry no W, I, G or
# U0-U3, and no executable shadow maps a page the kernel does not know to
# be icache-clean (PG_dcache_clean).
. /e2e/tests/lib.sh
load_module
spy() { cat /sys/module/tlbspy/parameters/$1; }
spy_check() {	# WHAT: the spy's findings since it was loaded
	local s=$(spy samples) sh=$(spy shadows) a=$(spy ram_attr)
	echo "tlbspy ($1): samples $s shadows $sh ram_attr $a xdirty $(spy xdirty) (last $(spy xdirty_rpn)) bolted_changed $(spy bolted_changed) pinned from $(spy bolted_first)"
	[ "$s" -gt 10 ] && [ "$sh" -gt 0 ] ||
		{ echo "FAIL: $1: the spy saw no shadows ($s samples)"; bad=$((bad + 1)); }
	# M (0x200) is the one attribute a shadow of RAM may have
	[ $((a & ~0x200)) -eq 0 ] ||
		{ echo "FAIL: $1: shadows of host RAM with attributes $a (W I G E U0-3: guest's choice)"; bad=$((bad + 1)); }
	[ "$(spy xdirty)" -eq 0 ] ||
		{ echo "FAIL: $1: executable shadows over icache-stale pages: $(spy xdirty)"; bad=$((bad + 1)); }
	[ "$(spy bolted_changed)" -eq 0 ] ||
		{ echo "FAIL: $1: the host's pinned TLB entries changed in $(spy bolted_changed) samples"; bad=$((bad + 1)); }
}

for mem in "" "--module-mem"; do
	insmod /e2e/tlbspy.ko || fail "insmod tlbspy.ko"
	guest hostile "$mem" hostile_attr hostile_beyond_ram hostile_kernel_ea \
		hostile_tlb_hammer hostile_spr \
		hostile_sprg_set
	spy_check "hostile $mem"
	rmmod tlbspy || fail "rmmod tlbspy"
	# the guest left secrets in SPRG4-7 as it exited
	sprg_peek 1 || { echo "FAIL: guest SPRGs readable after RUN returned"; bad=$((bad + 1)); }
done

# IS != DS with an instruction loading from its own page (finding 8):
# before the fix the fetch and data shadows evicted each other forever
guest hostile "--arg 1 --timeout 5" hostile_split
# the same over different memory cannot run natively: the VM must stop
# with an internal error at the load, not spin until the timeout
guest_vmm /e2e/guests/hostile.bin --arg 2 --timeout 5 > /tmp/conflict.out 2>&1
rc=$?
sed 's/^/[conflict] /' /tmp/conflict.out
if [ $rc -eq 120 ] && grep -q "internal error code .* inst 0x80630000" /tmp/conflict.out; then
	pass "split spaces over different memory: internal error at the lwz"
else
	echo "FAIL: split conflict: guest_vmm exited $rc (want 120, an internal error at the lwz)"
	bad=$((bad + 1))
fi

# a read-only slot stays read-only, whatever the page size or instruction
guest hostile "--arg 3 --ro-slot" hostile_ro_slot

# SPRG4-7 while the guest runs: a host process scheduled in between
guest_vmm /e2e/guests/hostile.bin --arg 300 > /tmp/spin.out 2>&1 &
vmm=$!
sprg_peek 300 > /tmp/peek.out
peek=$?
wait $vmm
vrc=$?
cat /tmp/spin.out /tmp/peek.out
[ $vrc -eq 0 ] || { echo "FAIL: spinning guest exited $vrc"; bad=$((bad + 1)); }
grep -q "^PASS hostile_sprg_spin" /tmp/spin.out || { echo "FAIL: spinning guest did not finish"; bad=$((bad + 1)); }
[ $peek -eq 0 ] || { echo "FAIL: a host process read the running guest's SPRGs"; bad=$((bad + 1)); }

[ $bad -eq 0 ] || fail "$bad hostile-guest check(s) failed"
unload_module
pass "module unloads"
