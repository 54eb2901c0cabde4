#!/usr/bin/env bash
# make install puts everything where a user looks for it, and a program
# built against the installed header and shared library (the example VMM)
# links: what the version script hides is not needed outside the library.
# Usage: install-check.sh DESTDIR (make check passes build/host/install)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dest=$1
rm -rf "$dest"
make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr ${BUILD:+BUILD="$BUILD"} >/dev/null
fail=0
for f in bin/kvm440ctl include/kvm440.h include/linux/kvm440.h \
	lib/libkvm440.a lib/libkvm440.so lib/libkvm440.so.1 \
	lib/pkgconfig/kvm440.pc share/man/man1/kvm440ctl.1 \
	share/man/man3/libkvm440.3 share/man/man5/guest.cfg.5 \
	share/bash-completion/completions/kvm440ctl; do
	[ -e "$dest/usr/$f" ] || { echo "install-check: no /usr/$f" >&2; fail=1; }
done
${CC:-cc} -std=c11 -Wall -Wextra -Werror -I"$dest/usr/include" \
	-o "$dest/boot_guest" "$top/examples/boot_guest.c" \
	-L"$dest/usr/lib" -lkvm440 || fail=1
# without arguments it prints its usage and exits 2, so it loaded
rc=0
LD_LIBRARY_PATH=$dest/usr/lib "$dest/boot_guest" 2>/dev/null || rc=$?
[ $rc = 2 ] || { echo "install-check: boot_guest exited $rc, not 2" >&2; fail=1; }
[ $fail = 0 ] && echo "install-check: ok"
exit $fail
