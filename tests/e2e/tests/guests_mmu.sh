# Bare-metal guests: a guest filling all 64 guest TLB entries and touching
# every page (host round-robin clobbering exercised), remapping them and
# mapping large pages; and a guest mapping physical addresses it was not
# given, which must see MMIO exits or its own faults, never host memory.
. /e2e/tests/lib.sh
# guest NAME "GUEST_VMM ARGS" CHECK...: run tests/guests/NAME.bin under
# guest_vmm; every CHECK must have its own "PASS CHECK" line, no line may
# say FAIL and guest_vmm must exit 0. Failures are counted in $bad.
bad=0
guest() {
	g=$1 args=$2
	shift 2
	guest_vmm /e2e/guests/$g.bin $args > /tmp/$g.out 2>&1
	rc=$?
	sed "s/^/[$g] /" /tmp/$g.out
	ok=1
	for c in "$@"; do
		grep -q "^PASS $c\$" /tmp/$g.out ||
			{ echo "FAIL: guest $g: no \"PASS $c\" line"; ok=0; }
	done
	grep -q "FAIL" /tmp/$g.out && { echo "FAIL: guest $g reported a failure"; ok=0; }
	[ $rc -eq 0 ] || { echo "FAIL: guest $g: guest_vmm exited $rc"; ok=0; }
	if [ $ok = 1 ]; then pass "guest $g: $*"; else bad=$((bad + 1)); fi
}
# stat FILE NAME [PREFIX]: a counter from guest_vmm's "vmm: PREFIX" stats line
stat() {
	sed -n "s/^vmm: ${3:-stats}.* $2=\([0-9]*\).*/\1/p" "$1" | tail -n 1
}
load_module
guest tlb64 "--expect-exit 0" tlb64_fill tlb64_lookup tlb64_remap \
	tlb64_invalidate tlb64_sizes
guest badmap "--expect-exit 0" badmap_above_ram badmap_cacheable_hole \
	badmap_36bit badmap_big_page badmap_fetch
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
