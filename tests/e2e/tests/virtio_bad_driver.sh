# Issue #12: a guest driver that breaks the rules (tests/guests/g_virtio.c,
# a bare-metal program under kvm440ctl with one disk): a loop in a chain,
# buffers outside guest RAM and above 4G, head and next indexes out of
# range, a ring outside RAM. Each must set the device's NEEDS_RESET and be
# logged once, neither kvm440ctl nor the host may fall over, and after a
# reset the device must serve a write that lands in the image.
. /e2e/tests/lib.sh
load_module
printf 'kvm440 sector 0' > /tmp/bd.img
dd if=/dev/zero bs=512 count=63 2>/dev/null >> /tmp/bd.img
cat > /tmp/bd.cfg <<CFG
memory    = 16M
kernel    = /e2e/guests/virtio.bin
format    = raw
load_addr = 0
disk      = /tmp/bd.img
CFG
: > /tmp/bd.out
kvm440ctl start /tmp/bd.cfg </dev/null > /tmp/bd.out 2> /tmp/bd.err &
pid=$!
i=0
# the runtime ends in a loop under kvm440ctl, after its EXIT line
while ! grep -q '^EXIT ' /tmp/bd.out; do
	i=$((i + 1))
	[ $i -lt 120 ] && kill -0 $pid 2>/dev/null || break
	sleep 1
done
kill -0 $pid 2>/dev/null || { cat /tmp/bd.out /tmp/bd.err; fail "kvm440ctl ended by itself"; }
kill -TERM $pid
wait $pid
rc=$?
sed 's/^/[g_virtio] /' /tmp/bd.out
sed 's/^/[kvm440ctl] /' /tmp/bd.err
expect_eq "kvm440ctl stopped by SIGTERM, status" 0 "$rc"
expect_grep "the guest ended well" "^EXIT 0" /tmp/bd.out
grep -q FAIL /tmp/bd.out && fail "the guest reported a failure"
for c in "loop in a chain" "buffer outside guest RAM" "buffer above 4G" \
	 "head index out of range" "next index out of range" \
	 "device works after reset"; do
	expect_grep "guest: $c" "^PASS $c\$" /tmp/bd.out
done
for m in "loop in a descriptor chain" "buffer outside guest RAM" \
	 "chain head index out of range" "next index out of range" \
	 "ring outside guest RAM"; do
	expect_grep "logged: $m" "virtio vda: $m; device needs a reset (reported once)" /tmp/bd.err
done
expect_eq "each bad request logged once" 6 "$(grep -c 'device needs a reset' /tmp/bd.err)"
expect_eq "the write after the reset is in the image" "written by g_virtio" \
	"$(dd if=/tmp/bd.img bs=512 skip=1 count=1 2>/dev/null | head -c 19)"
unload_module
