#!/usr/bin/env bash
# Documentation that can be checked without the emulated host (make check):
# - docs/vcpu-state.md: the table's rows add up to the per-vCPU total the
#   page quotes (module_load, on the rig, holds the module's logged figure
#   to that same total);
# - every kvm440ctl command is in the man page kvm440ctl(1) and the bash
#   completion, and every guest.cfg key of docs/guest-cfg.md in
#   guest.cfg(5).
# Usage: docs-check.sh KVM440CTL
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
ctl=$1
fail=0
bad() { echo "docs-check: $*" >&2; fail=1; }

doc=$top/docs/vcpu-state.md
total=$(sed -n 's/.*per-vCPU state: \([0-9]*\) bytes.*(shadow=direct).*/\1/p' "$doc" | head -1)
sum=$(awk -F'|' '/^\| part \|/ { t = 1; next } t && /^\|---/ { next }
	t && /^\|/ { s += $3 } t && !/^\|/ { exit } END { print s + 0 }' "$doc")
[ -n "$total" ] || bad "$doc: no 'per-vCPU state: N bytes ... (shadow=direct)' line"
[ "$total" = "$sum" ] ||
	bad "$doc: the table adds up to $sum bytes, the page says $total"

cmds=$("$ctl" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p')
[ -n "$cmds" ] || bad "$ctl --help lists no commands"
for c in $cmds; do
	grep -q "^\.B kvm440ctl $c\b" "$top/cli/kvm440ctl.1" ||
		bad "cli/kvm440ctl.1's synopsis does not list '$c'"
	grep -qw "$c" "$top/cli/kvm440ctl.bash-completion" ||
		bad "cli/kvm440ctl.bash-completion does not complete '$c'"
done

keys=$(sed -n 's/^| `\([a-z_]*\)` | .*/\1/p' "$top/docs/guest-cfg.md")
[ -n "$keys" ] || bad "docs/guest-cfg.md: no key table"
for k in $keys; do
	grep -q "^\.B $k\b\|^\.BR $k\b" "$top/docs/man/guest.cfg.5" ||
		bad "docs/man/guest.cfg.5 does not describe '$k'"
done
[ $fail = 0 ] && echo "docs-check: ok (vcpu-state $total bytes; $(echo $cmds | wc -w) commands; $(echo $keys | wc -w) keys)"
exit $fail
