#!/usr/bin/env bash
# Cross-build a static busybox for the emulated host's userland from
# Debian's busybox source package; cached by source version and this script.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
srclist=/etc/apt/sources.list.d/kvm440-src.sources
if ! apt-get source --print-uris busybox >/dev/null 2>&1; then
	sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
	# Same URI and keyring as the stock deb822 entry, or apt refuses the
	# list for conflicting Signed-By values.
	printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' \
		'Suites: bookworm' 'Components: main' \
		'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
		$sudo tee "$srclist" >/dev/null
	$sudo apt-get update -qq
fi
ver=$(apt-cache showsrc busybox | sed -n 's/^Version: //p' | head -n1)
key=$( (echo "$ver"; cat "$RIG_DIR/busybox.sh") | sha256sum | cut -c1-16)
out=$CACHE/busybox-$key
if [ -x "$out/busybox" ]; then
	echo "$out/busybox"
	exit 0
fi
log "building static busybox $ver for powerpc (first run only)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq --download-only busybox >/dev/null 2>&1 &&
	dpkg-source -x --no-check ./busybox_*.dsc src >/dev/null)
cd "$work/src"
make -s ARCH=powerpc CROSS_COMPILE=$CROSS defconfig >/dev/null
# Static, and without applets that need headers or features glibc-static
# cross builds lack.
sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' \
	-e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' \
	-e 's/^CONFIG_FEATURE_TC_INGRESS=y/# CONFIG_FEATURE_TC_INGRESS is not set/' \
	.config
make -s ARCH=powerpc CROSS_COMPILE=$CROSS oldconfig </dev/null >/dev/null
make -s ARCH=powerpc CROSS_COMPILE=$CROSS -j"$JOBS" busybox >build.log 2>&1 ||
	{ tail -30 build.log >&2; exit 1; }
file busybox | grep -q 'statically linked' || { log "busybox not static"; exit 1; }
rm -rf "$CACHE"/busybox-*
mkdir -p "$out"
cp busybox "$out/busybox"
echo "$out/busybox"
