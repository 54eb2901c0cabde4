# Deliberately broken (debug host only): a module that commits one "leak" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=leak || echo "insmod bugs.ko bug=leak failed"
exit 0
