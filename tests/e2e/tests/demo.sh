# The main job, shown live by `make demo`: on the emulated 440 host, load
# kvm440.ko and boot the unmodified 6.1 bamboo kernel as a guest with
# `kvm440ctl start examples/linux-guest.cfg`. Its console is shown as it
# comes; its init prints what it sees and reboots, which ends the VM.
. /e2e/tests/lib.sh
echo "== loading kvm440.ko on the emulated 440 host"
load_module
dmesg | grep 'kvm440:'
echo "== kvm440ctl start --stats examples/linux-guest.cfg (guest console follows)"
cat /e2e/guest/linux-guest.cfg
kvm440ctl start --stats /e2e/guest/linux-guest.cfg </dev/null
rc=$?
echo "== kvm440ctl exited with status $rc; kvm440ctl status: $(kvm440ctl status)"
unload_module
[ $rc -eq 0 ]
