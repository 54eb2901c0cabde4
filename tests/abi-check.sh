#!/usr/bin/env bash
# libkvm440's ABI is what lib/kvm440.h documents, nothing more: every
# function the header declares is in the version script and exported by
# the shared library, and the library exports nothing else.
# Usage: abi-check.sh LIBKVM440.SO
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
so=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -oE '\bkvm440_[a-z0-9_]+\(' "$top/lib/kvm440.h" | tr -d '(' | sort -u \
	> "$tmp/header"
sed -n 's/^\t\(kvm440_[a-z0-9_]*\);$/\1/p' "$top/lib/libkvm440.map" | sort -u \
	> "$tmp/map"
nm -D --defined-only "$so" | awk '$2 ~ /^[TDRBVW]$/ { print $3 }' |
	sed 's/@.*//' | grep -v '^LIBKVM440' | sort -u > "$tmp/exported"
fail=0
report() { # WHAT A B: lines of A missing from B
	local missing
	missing=$(comm -23 "$tmp/$2" "$tmp/$3")
	if [ -n "$missing" ]; then
		echo "abi-check: $1:" $missing >&2
		fail=1
	fi
}
report "declared in kvm440.h, not in libkvm440.map" header map
report "in libkvm440.map, not declared in kvm440.h" map header
report "declared, not exported by $so" header exported
report "exported by $so, not declared in kvm440.h" exported header
[ $fail = 0 ] && echo "abi-check: ok ($(wc -l < "$tmp/header") functions)"
exit $fail
