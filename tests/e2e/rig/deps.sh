#!/usr/bin/env bash
# Install everything the build, the unit tests and the rig need. Idempotent
# and quiet when all is present, so every make target can call it.
set -euo pipefail
# Installed with --no-install-recommends, so everything needed is named here,
# Recommends included: the cross compiler's C library only arrives as one.
pkgs=(make gcc libc6-dev pkg-config check libmnl-dev libfdt-dev
      gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
      qemu-system-ppc linux-source-6.1 bc flex bison libssl-dev libelf-dev
      cpio kmod dkms device-tree-compiler dpkg-dev xz-utils file ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}" >&2
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	--no-install-recommends "${missing[@]}" >/dev/null
