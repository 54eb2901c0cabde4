# Hostile users of the kvm440 ABI (issue #10): what another process, another
# user or a dying owner must not get. Programs: sec_api (progs/sec_api.c).
. /e2e/tests/lib.sh
load_module
bad=0
check() { echo "FAIL: $*"; bad=$((bad + 1)); }

# the vCPU's run page belongs to the VM's owner, like every vCPU ioctl
sec_api vcpu_mmap || check "vcpu mmap from a forked child"

# guest RAM from a shared file mapping would be a long-term writable pin
# of page-cache pages: refused; anonymous, memfd, private and read-only
# mappings are fine
mkdir -p /tmp/rfs && mount -t ramfs none /tmp/rfs || fail "mount ramfs"
sec_api filemap /tmp/rfs || check "file-backed guest RAM"
umount /tmp/rfs

# one user cannot take every VM (max_vms): root still gets one
chmod 666 /dev/kvm440
mkfifo /tmp/hold
run_as 1000 sec_api vms 100 < /tmp/hold > /tmp/u1000 2>&1 &
u=$!
exec 3> /tmp/hold
i=0
while ! grep -q "^vms:" /tmp/u1000 && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
cat /tmp/u1000
grep -q "created [0-9]*, then Disk quota exceeded" /tmp/u1000 ||
	check "uid 1000's VMs: want EDQUOT at its own limit"
sec_api vms 1 < /dev/null > /tmp/uroot 2>&1
cat /tmp/uroot
grep -q "created 1," /tmp/uroot || check "root cannot create a VM beside uid 1000's"
exec 3>&-
wait $u
rm -f /tmp/hold

# an owner that exits while a child holds its VM fd: the VM's pinned RAM
# would stay pinned and charged to nobody; it is released with the owner
free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null
f0=$(free_kb)
sec_api orphan 48 > /tmp/orphan || check "orphan set-up"
cat /tmp/orphan
child=$(sed -n 's/^orphan: child \([0-9]*\).*/\1/p' /tmp/orphan)
sleep 1
f1=$(free_kb)
echo "MemFree: $f0 kB before, $f1 kB with the owner gone and its child holding the VM"
[ $((f0 - f1)) -lt 16384 ] ||
	check "the orphaned VM keeps $(((f0 - f1) / 1024)) MiB pinned"
[ -n "$child" ] && kill -9 "$child"
sleep 1
echo "MemFree after the child: $(free_kb) kB"

[ $bad -eq 0 ] || fail "$bad check(s) failed"
unload_module
pass "module unloads"
