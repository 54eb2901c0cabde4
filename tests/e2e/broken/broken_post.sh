# Deliberately broken: passes inside the emulated host, but its
# build-machine check (broken_post.post) fails, which must fail the rig.
. /e2e/tests/lib.sh
echo "broken-post-marker"
pass "in the host all is well"
