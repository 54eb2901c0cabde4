# The main job, shown live by `make demo`.
. /e2e/tests/lib.sh
echo "== loading kvm440.ko on the emulated 440 host"
load_module
dmesg | grep 'kvm440:'
echo "== asking /dev/kvm440 for its API version"
api_version
echo "== unloading"
unload_module
dmesg | grep 'kvm440: unloaded'
