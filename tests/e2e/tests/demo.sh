# The main job, shown live by `make demo`: the module on a real 440 kernel,
# a VM owned by another process, and kvm440ctl reading it over netlink.
. /e2e/tests/lib.sh
echo "== loading kvm440.ko on the emulated 440 host"
load_module
dmesg | grep 'kvm440:'
echo "== asking /dev/kvm440 for its API version"
api_version
echo "== watching events while a process creates a VM with 16M of guest RAM"
kvm440ctl monitor --count 2 --timeout 20 &
mon=$!
sleep 1
vm_hold 16 > /tmp/hold &
hold=$!
while ! grep -q ready /tmp/hold; do sleep 0.2; done
echo "== kvm440ctl status"
kvm440ctl status
echo "== kvm440ctl status --json"
kvm440ctl status --json
echo "== killing the VM's owner"
kill -9 $hold
wait $mon
echo "== kvm440ctl status after the kill"
kvm440ctl status
unload_module
dmesg | grep 'kvm440: unloaded'
