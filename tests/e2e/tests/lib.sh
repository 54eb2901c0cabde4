# Helpers for e2e test scripts, sourced inside the emulated 440 host.
# A test fails by exiting non-zero; every check says what it expected.
set -u
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "ok: $*"; }
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
	pass "$1 = '$3'"
}
# expect_grep WHAT PATTERN FILE_OR_-: the pattern must occur
expect_grep() {
	grep -q -- "$2" "$3" || fail "$1: no line matching '$2'"
	pass "$1"
}
# load_module [PARAM=VALUE...]
load_module() {
	insmod "$E2E/kvm440.ko" "$@" || fail "insmod kvm440.ko $*"
}
unload_module() {
	rmmod kvm440 || fail "rmmod kvm440"
}
# guest_prefix: filter a kvm440 guest's console output for the log. Every
# line gets "[guest] ", which tells the rig's crash check (run.sh) that a
# "Kernel panic" or "Oops" there is the guest's, not the host's. Guest
# console output must reach the host console only through this.
# awk ends even an unterminated last line, so no host line is glued to it.
guest_prefix() {
	tr -d '\r' | awk '{ print "[guest] " $0 }'
}
