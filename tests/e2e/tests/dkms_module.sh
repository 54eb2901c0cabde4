# The kvm440.ko that `dkms build` made from dkms.conf (against the rig's
# kernel tree) loads on the 440 host, answers, and unloads.
. /e2e/tests/lib.sh
insmod /e2e/kvm440-dkms.ko || fail "insmod kvm440-dkms.ko"
dmesg | grep -q 'kvm440: version [0-9.]* loaded' || fail "no load message"
pass "dkms-built module loaded"
api_version || fail "api_version"
vm_api_ok=$(vm_hold 1 > /tmp/hold & p=$!; sleep 1; kill $p; grep -c ready /tmp/hold)
expect_eq "dkms-built module creates VMs" 1 "$vm_api_ok"
sleep 1
unload_module
