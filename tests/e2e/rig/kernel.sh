#!/usr/bin/env bash
# Cross-build the 440 host kernel (bamboo) once per set of inputs and print
# the build directory. Keyed by the linux-source version, the config fragment
# and this script, so a second run costs a hash and a stat.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
src=/usr/src/linux-source-6.1.tar.xz
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( (echo "$ver"; cat "$RIG_DIR/kernel.config" "$RIG_DIR/kernel.sh") |
	sha256sum | cut -c1-16)
kdir=$CACHE/linux-$key
if [ -f "$kdir/.kvm440-done" ]; then
	echo "$kdir"
	exit 0
fi
log "building 440 host kernel into $kdir (first run only, a few minutes)"
rm -rf "$kdir"
mkdir -p "$kdir"
tar -C "$kdir" --strip-components=1 -xf "$src"
mk() { make -C "$kdir" ARCH=powerpc CROSS_COMPILE=$CROSS -j"$JOBS" "$@"; }
mk -s 44x/bamboo_defconfig
cat "$RIG_DIR/kernel.config" >> "$kdir/.config"
mk -s olddefconfig
for opt in DEVTMPFS DEBUG_FS KALLSYMS MODULE_UNLOAD; do
	grep -q "^CONFIG_$opt=y" "$kdir/.config" ||
		{ log "CONFIG_$opt did not stick"; exit 1; }
done
mk -s vmlinux modules >"$kdir/build.log" 2>&1 ||
	{ tail -40 "$kdir/build.log" >&2; exit 1; }
mk -s modules_prepare >>"$kdir/build.log" 2>&1
# The stamp is written last, so an interrupted build is redone from scratch
# instead of looking cached. Built in place: kbuild trees do not relocate.
touch "$kdir/.kvm440-done"
# Drop stale trees from older inputs; they are ~1G each.
for old in "$CACHE"/linux-*; do
	[ "$old" = "$kdir" ] || rm -rf "$old"
done
echo "$kdir"
