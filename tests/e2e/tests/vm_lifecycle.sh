# VM and vCPU creation and teardown through the ioctl ABI, memory regions
# accepted and rejected with the documented errors, and fd lifetime rules.
. /e2e/tests/lib.sh
load_module max_vm_mem_mb=16
vm_api || fail "vm_api"
# every fd is closed again, so the module must unload
unload_module
pass "all VMs gone: module unloads"
