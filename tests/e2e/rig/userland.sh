#!/usr/bin/env bash
# Cross-build what goes into the emulated host besides busybox: kvm440.ko
# against the rig's kernel and the static test programs. Usage: KDIR ROOT.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
kdir=$1 root=$2
rm -rf "$root"
mkdir -p "$root/e2e/tests" "$root/bin"

# Built from a copy under $BUILD, so rigs with different KVM440_BUILD
# directories never share object files.
src=$BUILD/src
rm -rf "$src"
mkdir -p "$src"
cp -r "$TOP/module" "$TOP/uapi" "$src/"
make -s -C "$src/module" clean KDIR="$kdir" ARCH=powerpc >/dev/null 2>&1 || true
make -s -C "$src/module" KDIR="$kdir" ARCH=powerpc CROSS_COMPILE=$CROSS
cp "$src/module/kvm440.ko" "$root/e2e/"

for src in "$TOP"/tests/e2e/progs/*.c; do
	[ -e "$src" ] || continue
	${CROSS}gcc -static -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
		-I"$TOP/uapi" -o "$root/bin/$(basename "$src" .c)" "$src"
done

# the user-surface fuzzer and the netlink race (tests/fuzz/)
make -s -C "$TOP/tests/fuzz" OUT="$root/bin" CROSS=$CROSS

# the bare-metal guest suite (tests/guests/): raw images guest_vmm loads at 0
make -s -C "$TOP/tests/guests" OUT="$BUILD/guests" CROSS=$CROSS
mkdir -p "$root/e2e/guests"
cp "$BUILD/guests"/*.bin "$root/e2e/guests/"

# libkvm440 and kvm440ctl, static, with the rig's libmnl stand-in
make -s -C "$TOP" ppc PPC_BUILD="$BUILD/ppc" KDIR="$kdir"
cp "$BUILD/ppc/kvm440ctl" "$root/bin/"
# examples/boot_guest.c, the library's smallest VMM (examples_boot_guest)
cp "$BUILD/ppc/examples/boot_guest" "$root/bin/"
# the page module_load holds the module's per-vCPU figure to
mkdir -p "$root/e2e/docs"
cp "$TOP/docs/vcpu-state.md" "$root/e2e/docs/"
