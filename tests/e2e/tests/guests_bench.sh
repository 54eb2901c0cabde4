# The microbenchmark guest of `make bench` (tests/guests/g_bench.c) run one
# kind at a time with --arg K, as docs/bench.md says it can be: kind 1
# (mfmsr) must exit exactly once per iteration between its marks, and a
# kind that does not exist must fail the guest, not run something else.
. /e2e/tests/lib.sh
load_module
guest bench "--arg 1 --expect-exit 0" bench
[ $bad -eq 0 ] || fail "guest bench --arg 1 failed"
f=/tmp/bench.out
grep -q '^bench: mfmsr kind=1 iters=20000 tb=[0-9]*$' $f || fail "no mfmsr line"
expect_eq "kinds run with --arg 1" 1 "$(grep -c '^bench: ' $f)"
# between the marks: 20000 mfmsr + the closing mark's own DCR write
expect_eq "emulated instructions in the mfmsr loop" 20001 "$(vmm_stat $f emul_inst 'mark 0x1:')"
guest_vmm "$E2E/guests/bench.bin" --arg 99 > /tmp/bench99.out 2>&1
rc=$?
sed 's/^/[bench99] /' /tmp/bench99.out
expect_eq "guest_vmm status for kind 99" 1 "$rc"
expect_grep "kind 99 refused" "FAIL bench: no kind 99" /tmp/bench99.out
unload_module
pass "module unloads"
