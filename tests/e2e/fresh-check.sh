#!/usr/bin/env bash
# make fresh-check: the README's quick start on a machine that never had
# any of the project's packages. Builds a minimal Debian bookworm root with
# debootstrap (only Debian's packages, from the archive apt already uses),
# copies a clean clone of HEAD into it, and there, as root in a chroot of
# its own mount namespace, installs `make` (the one thing the quick start
# presumes) and runs `make test`, then `make demo`. The build machine's
# caches (~/.cache/kvm440) and packages are invisible in there, so nothing
# that only happens to be installed here can make it pass.
#
# Slow (a full host kernel and busybox build, then every test): run it
# before submitting any change to the rig, deps.sh, the Makefile or the
# README. Ends with "fresh-check: N passed, N failed"; exits non-zero on
# any failure. Logs go to build/fresh/. FRESH_KEEP=1 keeps the root.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
logs=$top/build/fresh
suite=bookworm

die() { echo "fresh-check: $*" >&2; echo "fresh-check: 0 passed, 1 failed"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"
for tool in debootstrap unshare git; do
	command -v "$tool" >/dev/null && continue
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install \
		-y -qq --no-install-recommends debootstrap util-linux git \
		>/dev/null || die "cannot install $tool"
done

# the archive this machine's apt already uses, so no mirror is named here
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' |
	awk -v s=$suite '$2 == s && $3 == "deb" && !n++ { print $1 }')
[ -n "$mirror" ] || die "apt has no $suite archive configured"

rev=$(git -C "$top" rev-parse --short HEAD) || die "not a git checkout"
dirty=$(git -C "$top" status --porcelain --untracked-files=no | wc -l)
rm -rf "$logs"
mkdir -p "$logs"
root=$(mktemp -d /var/tmp/kvm440-fresh.XXXXXX)
# Every mount is made inside `unshare -m` and dies with it; never delete
# a root that still has something mounted below it.
cleanup() {
	if grep -q " $root/" /proc/self/mountinfo; then
		echo "fresh-check: $root still has mounts; left in place" >&2
	elif [ -z "${FRESH_KEEP:-}" ]; then
		rm -rf "$root"
	else
		echo "fresh-check: root kept in $root" >&2
	fi
}
trap cleanup EXIT

passed=0 failed=0
result() {	# NAME RC LOG
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1)); echo "PASS $1"
	else
		failed=$((failed + 1)); echo "FAIL $1 (exit $2; log $3)"
		tail -n 30 "$3" | sed 's/^/    /'
	fi
}

echo "fresh-check: testing commit $rev (a clean clone)"
[ "$dirty" -eq 0 ] ||
	echo "fresh-check: $dirty uncommitted change(s) in $top are NOT tested"
echo "fresh-check: debootstrap --variant=minbase $suite into $root"
start=$(date +%s)
debootstrap --variant=minbase $suite "$root" "$mirror" >"$logs/debootstrap.log" 2>&1
rc=$?
result debootstrap $rc "$logs/debootstrap.log"
[ $rc -eq 0 ] || { echo "fresh-check: $passed passed, $failed failed"; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# Proof that the root is fresh: none of the packages the quick start
# installs is there before it runs.
pkgs=$(sed -n '/^pkgs=(/,/)/p' "$top/tests/e2e/rig/deps.sh" |
	tr -d '()' | sed 's/pkgs=//' | tr -s ' \t\n' ' ')
present=$(chroot "$root" dpkg-query -W -f='${Status} ${Package}\n' $pkgs 2>/dev/null |
	awk '/ok installed/ { print $4 }' | tr '\n' ' ')
echo "fresh-check: of deps.sh's packages the fresh root has: ${present:-none}"
[ -e "$root/root/.cache/kvm440" ] && die "the fresh root has a kvm440 cache"

git clone -q "$top" "$root/root/kvm440" || die "git clone failed"
git -C "$root/root/kvm440" checkout -q "$rev"

# in_root LOG COMMAND: run COMMAND in the checkout inside the root, with a
# clean environment, /proc, /sys and /dev mounted in a private namespace
in_root() {
	local log=$1
	shift
	unshare -m --propagation private bash -c '
		r=$1; shift
		mount -t proc proc "$r/proc" && mount -t sysfs sys "$r/sys" &&
		mount --bind /dev "$r/dev" && mount -t devpts devpts "$r/dev/pts" &&
		mount -t tmpfs tmpfs "$r/tmp" || exit 99
		exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			bash -c "cd /root/kvm440 && $*"' _ "$root" "$@" >"$log" 2>&1
}

echo "fresh-check: apt-get install make (the quick start's one prerequisite)"
in_root "$logs/make-install.log" \
	'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends make'
result "apt-get install make" $? "$logs/make-install.log"

echo "fresh-check: make test (log: $logs/test.log)"
in_root "$logs/test.log" 'make test'
rc=$?
grep -E '^(e2e:|rig selftest:|[0-9]+%: Checks)' "$logs/test.log" | sed 's/^/    /'
result "make test" $rc "$logs/test.log"

echo "fresh-check: make demo (log: $logs/demo.log)"
in_root "$logs/demo.log" 'make demo'
rc=$?
grep -E 'kvm440-guest: (cpu|done)|^demo:' "$logs/demo.log" | tr -d '\r' | sed 's/^/    /'
result "make demo" $rc "$logs/demo.log"

echo "fresh-check: took $(( ($(date +%s) - start) / 60 )) min"
echo "fresh-check: $passed passed, $failed failed"
[ $failed -eq 0 ]
