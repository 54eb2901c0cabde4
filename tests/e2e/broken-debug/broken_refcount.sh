# Deliberately broken (debug host only): a module that commits one "refcount" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=refcount || echo "insmod bugs.ko bug=refcount failed"
exit 0
