# Deliberately broken (debug host only): a module that commits one "list" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=list || echo "insmod bugs.ko bug=list failed"
exit 0
