# Bare-metal guests: interrupts delivered into the guest's own handlers
# (sc, program, alignment, DTLB/ITLB miss, DSI, ISI) with the architected
# SRR0/SRR1/ESR/DEAR, and guest user mode versus guest kernel mode.
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
guest irq "--expect-exit 0" irq_sc irq_dtlb_miss irq_itlb_miss irq_dsi irq_isi \
	irq_program_spr
# interrupts the hardware raises and the module reflects: one run each
guest irq "--arg 1 --expect-exit 0" irq_alignment
guest irq "--arg 2 --expect-exit 0" irq_program_trap
guest irq "--arg 3 --expect-exit 0" irq_program_illegal
guest user "--expect-exit 0" user_run user_privileged user_sprg4 \
	user_readonly_page user_kernel_page user_kernel_code
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
