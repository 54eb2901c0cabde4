#!/usr/bin/env bash
# pvfix.sh IN OUT: a copy of the CONFIG_KVM_GUEST vmlinux IN whose
# kvm_use_magic_page() self-test passes, for the e2e test that exercises
# kvm440's magic page with a real, patching Linux (linux_guest_pv).
#
# Linux 6.1's self-test is fault_in_readable(KVM_MAGIC_PAGE, 4), whose
# access_ok() refuses 0xfffff000 on 32-bit before touching it
# (docs/paravirt.md), so the unmodified kernel never patches itself. Here
# that one call (the only call to fault_in_readable in kvm_guest_init,
# into which it is inlined) becomes `li r3,0`: "the page is readable", the
# effect of fixing the self-test, and nothing else changes. The kernel
# reads the page right after anyway (its patched code does), so a page
# that were not there would still show.
set -euo pipefail
in=$1 out=$2
CROSS=${CROSS:-powerpc-linux-gnu-}
read -r start size < <(${CROSS}nm -S "$in" | awk '$4 == "kvm_guest_init" { print $1, $2 }')
[ -n "${start:-}" ] || { echo "pvfix: no kvm_guest_init in $in" >&2; exit 1; }
end=$(printf '%x' $((0x$start + 0x$size)))
calls=$(${CROSS}objdump -d --start-address=0x$start --stop-address=0x$end "$in" |
	awk '/bl[ \t]+[0-9a-f]+ <fault_in_readable>/ { sub(":", "", $1); print $1 }')
[ "$(echo "$calls" | grep -c .)" = 1 ] ||
	{ echo "pvfix: want one fault_in_readable call in kvm_guest_init, found: $calls" >&2; exit 1; }
# file offset of that VMA: through the section that holds it
off=
while read -r _ name size vma _ foff _; do
	case $name in .*) ;; *) continue ;; esac
	if [ $((0x$calls)) -ge $((0x$vma)) ] && [ $((0x$calls)) -lt $((0x$vma + 0x$size)) ]; then
		off=$((0x$calls - 0x$vma + 0x$foff))
		break
	fi
done < <(${CROSS}objdump -h "$in" | grep -E '^ *[0-9]+ \.')
[ -n "$off" ] || { echo "pvfix: no section holds 0x$calls" >&2; exit 1; }
cp "$in" "$out"
# bl is 0x48000001 | displacement: check the opcode before writing
[ "$(od -An -tx1 -j "$off" -N1 "$out" | tr -d ' ')" = 4b ] ||
	[ "$(od -An -tx1 -j "$off" -N1 "$out" | tr -d ' ')" = 48 ] ||
	{ echo "pvfix: no bl at file offset $off" >&2; exit 1; }
printf '\x38\x60\x00\x00' | dd of="$out" bs=1 seek="$off" conv=notrunc status=none
${CROSS}objdump -d --start-address=0x$calls --stop-address=$(printf '0x%x' $((0x$calls + 4))) "$out" |
	grep -q "li[ \t]*r3,0" || { echo "pvfix: patch did not take" >&2; exit 1; }
