# Deliberately broken: an assertion that fails must fail the rig.
. /e2e/tests/lib.sh
expect_eq "one plus one" 3 "$((1 + 1))"
