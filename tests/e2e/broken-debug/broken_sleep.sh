# Deliberately broken (debug host only): a module that commits one "sleep" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=sleep || echo "insmod bugs.ko bug=sleep failed"
exit 0
