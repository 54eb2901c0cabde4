# Bare-metal guests (tests/guests/) under guest_vmm: the runtime itself
# (console through MMIO, exit through a DCR), every emulated privileged
# instruction and SPR read back by the guest, DCR round trips, and MMIO of
# every access size and form.
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
guest hello "--expect-exit 0" hello
guest emul "--expect-exit 0" emul_msr emul_spr emul_sprg emul_sprg3r \
	emul_ivpr_ivor emul_timer_sprs emul_tb_write emul_rfi emul_sc_state \
	emul_bad_spr emul_cache emul_dcr emul_tlb
guest dcr "--expect-exit 0" dcr_read dcr_roundtrip dcr_gprs dcr_unassigned \
	dcr_count
guest mmio "--expect-exit 0" mmio_word mmio_byte mmio_half \
	mmio_byte_reverse mmio_update_indexed mmio_uart_lsr mmio_multiple
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
