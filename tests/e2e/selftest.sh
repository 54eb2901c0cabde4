#!/usr/bin/env bash
# Proves the rig fails when it should: runs the deliberately broken tests in
# tests/e2e/broken/ and requires a non-zero exit with each one reported.
#
#   selftest.sh          the plain host: assertion, oops, guest lines
#   selftest.sh debug    the debug host (kernel-debug.config): every
#                        checker's report fails a test (tests/e2e/broken-debug/)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = debug ]; then
	out=$(E2E_HOST_KERNEL=debug E2E_TESTS=$here/broken-debug E2E_TIMEOUT=600 \
		bash "$here/run.sh" 2>&1)
	rc=$?
	bad=0
	[ $rc -ne 0 ] || { echo "rig selftest: run.sh exited 0 on broken tests"; bad=1; }
	# each must fail for its own checker's words, not for a side effect
	for want in "kasan:BUG: KASAN: .*use-after-free" \
		"leak:\\(unreferenced object\\|kmemleak: [0-9]* new suspected\\)" \
		"lockdep:possible circular locking dependency" \
		"sleep:BUG: sleeping function called from invalid context" \
		"list:list_del corruption" \
		"refcount:refcount_t: addition on 0"; do
		t=${want%%:*} re=${want#*:}
		grep -q "^FAIL broken_$t .*emulated kernel reported: .*$re" <<<"$out" ||
			{ echo "rig selftest: $t bug not reported as '$re'"; bad=1; }
	done
	grep -q '^PASS debug_clean' <<<"$out" ||
		{ echo "rig selftest: the debug host is not clean without a bug"; bad=1; }
	if [ $bad -ne 0 ]; then
		printf '%s\n' "$out"
		exit 1
	fi
	echo "rig selftest: KASAN, kmemleak, lockdep, atomic sleep, DEBUG_LIST and refcount_t reports each fail the rig; a clean run passes"
	exit 0
fi
out=$(E2E_TESTS=$here/broken E2E_TIMEOUT=120 bash "$here/run.sh" 2>&1)
rc=$?
bad=0
if [ $rc -eq 0 ]; then
	echo "rig selftest: run.sh exited 0 on broken tests"; bad=1
fi
grep -q '^FAIL broken_assert.*test exited with 1' <<<"$out" ||
	{ echo "rig selftest: failed assertion not reported"; bad=1; }
grep -q '^FAIL broken_oops.*emulated kernel reported' <<<"$out" ||
	{ echo "rig selftest: oops not reported"; bad=1; }
grep -q '^FAIL broken_post.*build-machine check broken_post.post failed: broken_post.post: failing on purpose' <<<"$out" ||
	{ echo "rig selftest: a failed NAME.post not reported"; bad=1; }
grep -q '^PASS guest_lines_ok' <<<"$out" ||
	{ echo "rig selftest: a guest's \"[guest] \" panic lines failed the rig"; bad=1; }
if [ $bad -ne 0 ]; then
	printf '%s\n' "$out"
	exit 1
fi
echo "rig selftest: broken assertion, oops and build-machine check all fail the rig (exit $rc); guest lines do not"
