#!/usr/bin/env bash
# Install everything the build, the unit tests and the rig need. Idempotent
# and quiet when all is present, so every make target can call it.
set -euo pipefail
trap 'echo "deps: failed (line $LINENO); see the messages above" >&2' ERR
# Installed with --no-install-recommends, so everything needed is named here,
# Recommends included: the cross compiler's C library only arrives as one.
pkgs=(make gcc libc6-dev pkg-config check libmnl-dev libfdt-dev
      gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
      qemu-system-ppc linux-source-6.1 bc flex bison libssl-dev libelf-dev
      cpio kmod dkms device-tree-compiler dpkg-dev xz-utils file
      ca-certificates e2fsprogs)
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo

# busybox for the emulated host is built from Debian's source package, so
# apt needs the deb-src twin of the archive it already installs from: the
# same URI, in the same format (and, for deb822, the same Signed-By, or apt
# refuses both entries for conflicting values).
src_list() {
	local uri keyring list=/etc/apt/sources.list.d/kvm440-src
	apt-get source --print-uris busybox >/dev/null 2>&1 && return 0
	uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' |
		awk '$2 == "bookworm" && $3 == "deb" && !n++ { print $1 }')
	[ -n "$uri" ] || { echo "deps: no bookworm archive in apt's sources" >&2; return 1; }
	# (no deb822 file at all, as in a minbase root, is no error)
	keyring=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -A8 "^URIs:.*${uri%/}/\?\$" |
		sed -n 's/^Signed-By: *//p' | head -n 1) || keyring=
	if [ -n "$keyring" ]; then
		printf '%s\n' 'Types: deb-src' "URIs: $uri" 'Suites: bookworm' \
			'Components: main' "Signed-By: $keyring" |
			$sudo tee "$list.sources" >/dev/null
	else
		echo "deb-src $uri bookworm main" | $sudo tee "$list.list" >/dev/null
	fi
	$sudo apt-get update -qq
}

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
fi
src_list
