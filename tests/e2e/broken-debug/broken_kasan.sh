# Deliberately broken (debug host only): a module that commits one "kasan" bug
# must fail the rig even though this script exits 0.
insmod /e2e/bugs.ko bug=kasan || echo "insmod bugs.ko bug=kasan failed"
exit 0
