# Bare-metal guests (tests/guests/) under guest_vmm: the runtime itself
# (console through MMIO, exit through a DCR), every emulated privileged
# instruction and SPR read back by the guest, DCR round trips, and MMIO of
# every access size and form.
. /e2e/tests/lib.sh
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
