#!/usr/bin/env bash
# Cross-build a 440 kernel (bamboo) once per set of inputs and print its
# build directory. Keyed by the linux-source version, the fragments and this
# script, so a second run costs a hash and a stat.
#
#   kernel.sh                        the rig's host kernel (kernel.config)
#   kernel.sh NAME FRAGMENT...       another kernel: 44x/bamboo_defconfig plus
#                                    the fragments, cached as linux-NAME-KEY
#
# Each NAME keeps one tree (~1G); a tree from older inputs of the same NAME is
# dropped once the new one is built. Builds of one NAME are serialised with a
# lock, so two checkouts sharing the cache never build into the same tree.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [ $# -eq 0 ]; then set -- host "$RIG_DIR/kernel.config"; fi
name=$1
shift
[ $# -gt 0 ] || { log "kernel.sh $name: no config fragment"; exit 2; }
src=/usr/src/linux-source-6.1.tar.xz
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( (echo "$ver $name"; cat "$@" "$RIG_DIR/kernel.sh") |
	sha256sum | cut -c1-16)
kdir=$CACHE/linux-$name-$key
exec 9>"$CACHE/.linux-$name.lock"
flock 9
if [ -f "$kdir/.kvm440-done" ]; then
	echo "$kdir"
	exit 0
fi
log "building 440 kernel '$name' into $kdir (first run only, a few minutes)"
rm -rf "$kdir"
mkdir -p "$kdir"
tar -C "$kdir" --strip-components=1 -xf "$src"
mk() { make -C "$kdir" ARCH=powerpc CROSS_COMPILE=$CROSS -j"$JOBS" "$@"; }
mk -s 44x/bamboo_defconfig
cat "$@" >> "$kdir/.config"
mk -s olddefconfig
# An option whose dependencies are missing is dropped silently by
# olddefconfig; a fragment that asks for it is a broken fragment.
for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$@"); do
	grep -q "^$opt=y" "$kdir/.config" ||
		{ log "kernel '$name': $opt=y did not stick"; exit 1; }
done
mk -s vmlinux modules >"$kdir/build.log" 2>&1 ||
	{ tail -40 "$kdir/build.log" >&2; exit 1; }
mk -s modules_prepare >>"$kdir/build.log" 2>&1
# The stamp is written last, so an interrupted build is redone from scratch
# instead of looking cached. Built in place: kbuild trees do not relocate.
touch "$kdir/.kvm440-done"
# Drop stale trees of this NAME, and the host trees of the old unnamed
# layout (linux-KEY).
for old in "$CACHE"/linux-"$name"-* "$CACHE"/linux-????????????????; do
	if [ -e "$old" ] && [ "$old" != "$kdir" ]; then rm -rf "$old"; fi
done
echo "$kdir"
