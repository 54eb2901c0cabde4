#!/usr/bin/env bash
# Proves the rig fails when it should: runs the deliberately broken tests in
# tests/e2e/broken/ and requires a non-zero exit with each one reported.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
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
