# Deliberately broken (debug host only): a module that commits one "lockdep" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=lockdep || echo "insmod bugs.ko bug=lockdep failed"
exit 0
