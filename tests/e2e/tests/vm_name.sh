# KVM440_SET_VM_NAME's rules and the two capabilities (progs/vm_name.c),
# then the name over netlink: status shows it and finds the VM by it, and
# a name two VMs carry is refused with a pointer to the id.
. /e2e/tests/lib.sh
load_module

# named N: a vm_name run in the background, held until its fifo is written
named() {
	rm -f /tmp/vn$1.in
	mkfifo /tmp/vn$1.in
	vm_name < /tmp/vn$1.in > /tmp/vn$1.out 2>&1 &
	eval "p$1=\$!"
	eval "exec $2>/tmp/vn$1.in"
	for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ready /tmp/vn$1.out && break; sleep 1; done
	expect_grep "vm_name $1 ready" ready /tmp/vn$1.out
}

named a 3
kvm440ctl status > /tmp/st || fail "status exited $?"
cat /tmp/st
expect_grep "status shows the name" "^[0-9][0-9]*  *renamed  *$pa " /tmp/st
kvm440ctl status renamed > /tmp/st1 || fail "status renamed exited $?"
expect_grep "status finds the VM by name" "^[0-9][0-9]*  *renamed  *$pa " /tmp/st1

named b 4
kvm440ctl status renamed > /tmp/out 2> /tmp/err
expect_eq "a name two VMs carry: exit" 1 $?
expect_grep "a name two VMs carry: says so" "2 VMs are named 'renamed'; give an id instead" /tmp/err
kvm440ctl pause renamed > /tmp/out 2> /tmp/err
expect_eq "pause of an ambiguous name: exit" 1 $?

echo >&3; exec 3>&-
echo >&4; exec 4>&-
wait $pa; ra=$?
wait $pb; rb=$?
cat /tmp/vna.out
[ $ra = 0 ] && [ $rb = 0 ] || fail "vm_name: exit $ra $rb"
pass "vm_name checks"
unload_module
