#!/usr/bin/env bash
# Build kvm440.ko the way a 440 board would, with dkms and the repo's
# dkms.conf, but against the rig's cross-built kernel tree, in private dkms
# and source trees under build/ so the machine's own dkms state is untouched.
# Usage: KDIR OUT.ko
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
kdir=$1 out=$2
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$TOP/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
grep -q "KVM440_VERSION \"$ver\"" "$TOP/module/kvm440.h" ||
	{ log "dkms.conf version $ver differs from module/kvm440.h"; exit 1; }
kver=$(make -s -C "$kdir" ARCH=powerpc kernelrelease)
d=$BUILD/dkms
rm -rf "$d"
mkdir -p "$d/tree" "$d/src/$name-$ver"
# dkms copies the source it is given; only what dkms.conf needs goes in
cp -r "$TOP/dkms.conf" "$TOP/module" "$TOP/uapi" "$d/src/$name-$ver/"
make -s -C "$d/src/$name-$ver/module" clean KDIR="$kdir" >/dev/null 2>&1 || true
dk=(dkms --dkmstree "$d/tree" --sourcetree "$d/src" -m "$name" -v "$ver")
"${dk[@]}" add >"$d/log" 2>&1 || { cat "$d/log" >&2; exit 1; }
ARCH=powerpc CROSS_COMPILE=$CROSS "${dk[@]}" build -k "$kver" -a powerpc \
	--kernelsourcedir "$kdir" >>"$d/log" 2>&1 || { cat "$d/log" >&2; exit 1; }
ko=$(find "$d/tree/$name/$ver/$kver" -name "$name.ko" | head -n1)
[ -n "$ko" ] || { log "dkms build produced no $name.ko"; cat "$d/log" >&2; exit 1; }
cp "$ko" "$out"
