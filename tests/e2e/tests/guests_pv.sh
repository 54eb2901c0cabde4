# Bare-metal guest pv (tests/guests/g_pv.c): the paravirt interface of
# docs/paravirt.md by hand: KVM_HC_FEATURES, bad tokens (EV_UNIMPLEMENTED,
# no guest sc), a plain sc and a user-mode sc with the magic r0 (the
# guest's own), the magic page's fields both ways, int_pending and
# critical, the page at odd EAs (inside mapped RAM, where the guest TLB
# maps nothing, across guest TLB flushes), never user-visible or
# executable, and ePAPR idle; in the default direct shadow mode and with
# shadow=array.
. /e2e/tests/lib.sh
load_module
guest pv "--expect-exit 0" pv_features pv_bad_token pv_plain_sc pv_map \
	pv_fields pv_int_pending pv_critical pv_odd_ea pv_not_user pv_not_exec \
	pv_idle
grep -q "hcall=[1-9]" /tmp/pv.out || { echo "FAIL: no hcall counted"; bad=$((bad + 1)); }
grep -q "magic_refill=[1-9]" /tmp/pv.out ||
	{ echo "FAIL: no magic page refill counted"; bad=$((bad + 1)); }
unload_module
# the old design: the magic page's shadow goes through the per-vCPU array
# that every entry loads (module/shadow_array.c), and survives the same
load_module shadow=array
guest pv "--expect-exit 0" pv_features pv_bad_token pv_plain_sc pv_map \
	pv_fields pv_int_pending pv_critical pv_odd_ea pv_not_user pv_not_exec \
	pv_idle
grep -q "magic_refill=[1-9]" /tmp/pv.out ||
	{ echo "FAIL: shadow=array: no magic page refill counted"; bad=$((bad + 1)); }
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
