// SPDX-License-Identifier: GPL-2.0
/* Oopses on load, on purpose: the rig's self-test needs a crashing module. */
#include <linux/module.h>

static int __init oops_init(void)
{
	*(volatile int *)NULL = 1;
	return 0;
}
module_init(oops_init);
MODULE_LICENSE("GPL");
