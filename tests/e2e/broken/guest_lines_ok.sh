# Not broken: a kvm440 guest's own panic, shown as "[guest] " lines the way
# tests show guest consoles, must not count as a host crash (selftest.sh).
. /e2e/tests/lib.sh
printf 'Kernel panic - not syncing: the guest is allowed to panic\nOops: guest' |
	guest_prefix
pass "guest lines shown"
