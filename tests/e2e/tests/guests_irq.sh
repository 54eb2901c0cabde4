# Bare-metal guests: interrupts delivered into the guest's own handlers
# (sc, program, alignment, DTLB/ITLB miss, DSI, ISI) with the architected
# SRR0/SRR1/ESR/DEAR, and guest user mode versus guest kernel mode.
. /e2e/tests/lib.sh
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
