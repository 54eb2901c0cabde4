# Deliberately broken: a module that oopses must fail the rig even though
# this script itself exits 0.
insmod /e2e/oops.ko
exit 0
