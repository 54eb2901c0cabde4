#!/usr/bin/env bash
# pvfix.sh IN OUT: a copy of the CONFIG_KVM_GUEST vmlinux IN whose
# kvm_use_magic_page() self-test passes, for the e2e test and the bench
# that run kvm440's magic page under a real, patching Linux
# (linux_guest_pv, tests/bench/host.sh).
#
# Linux 6.1's self-test is fault_in_readable(KVM_MAGIC_PAGE, 4), whose
# access_ok() refuses 0xfffff000 on 32-bit before touching it
# (docs/paravirt.md), so the unmodified kernel never patches itself. Here
# that one call (the only call to fault_in_readable in kvm_guest_init,
# into which it is inlined) becomes `li r3,0`: "the page is readable", the
# effect of fixing the self-test. The kernel's patched code reads the page
# right after anyway, so a page that were not there would still show.
#
# Second, the one printk in kvm_alloc() becomes a nop: this kernel has more
# mtmsr/wrtee sites than its 64K template area holds, and it prints
# "KVM: No more space" for each of the ~360 left trapping. Those lines
# would cost far more boot time (console output, and the console exits
# that drop the shadows) than paravirt saves; nothing else changes.
set -euo pipefail
in=$1 out=$2
CROSS=${CROSS:-powerpc-linux-gnu-}

# file offset of the only `bl TARGET` in function FUNC of $out
call_offset() {
	local func=$1 target=$2 start size end calls name vma foff
	read -r start size < <(${CROSS}nm -S "$out" | awk -v f="$func" '$4 == f { print $1, $2 }')
	[ -n "${start:-}" ] || { echo "pvfix: no $func in $in" >&2; exit 1; }
	end=$(printf '%x' $((0x$start + 0x$size)))
	calls=$(${CROSS}objdump -d --start-address=0x$start --stop-address=0x$end "$out" |
		awk -v t="<$target>" '$0 ~ "bl[ \t]+[0-9a-f]+ " t { sub(":", "", $1); print $1 }')
	[ "$(echo "$calls" | grep -c .)" = 1 ] ||
		{ echo "pvfix: want one $target call in $func, found: $calls" >&2; exit 1; }
	while read -r _ name size vma _ foff _; do
		if [ $((0x$calls)) -ge $((0x$vma)) ] &&
		   [ $((0x$calls)) -lt $((0x$vma + 0x$size)) ]; then
			echo "$((0x$calls - 0x$vma + 0x$foff)) $calls"
			return
		fi
	done < <(${CROSS}objdump -h "$out" | grep -E '^ *[0-9]+ \.')
	echo "pvfix: no section holds 0x$calls" >&2
	exit 1
}

# patch FUNC TARGET HEX WANT: that call becomes instruction HEX, which
# objdump must show as WANT
patch() {
	local off vma
	read -r off vma < <(call_offset "$1" "$2")
	printf "\\x${3:0:2}\\x${3:2:2}\\x${3:4:2}\\x${3:6:2}" |
		dd of="$out" bs=1 seek="$off" conv=notrunc status=none
	${CROSS}objdump -d --start-address=0x$vma \
		--stop-address=$(printf '0x%x' $((0x$vma + 4))) "$out" |
		grep -q "$4" || { echo "pvfix: $1: patch did not take" >&2; exit 1; }
}

cp "$in" "$out"
patch kvm_guest_init fault_in_readable 38600000 "li[ \t]*r3,0"
patch kvm_alloc _printk 60000000 "nop"
