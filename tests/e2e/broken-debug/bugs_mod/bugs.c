// SPDX-License-Identifier: GPL-2.0
/*
 * Commits one bug on load, chosen by bug=NAME, on purpose: the debug rig's
 * self-test (selftest.sh debug) proves each checker of kernel-debug.config
 * reports it and that run.sh fails the test for it.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static char *bug = "none";
module_param(bug, charp, 0444);

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);
static DEFINE_SPINLOCK(spin);
/* where the leaked pointers are kept until they are dropped */
static void *leak_slot;

static void use_after_free(void)
{
	int *p = kmalloc(32, GFP_KERNEL);

	if (!p)
		return;
	kfree(p);
	pr_info("bugs: read %d after free\n", READ_ONCE(*p));
}

static void leak(void)
{
	int i;

	/* several, so one stale copy of a pointer cannot hide them all */
	for (i = 0; i < 8; i++)
		WRITE_ONCE(leak_slot, kmalloc(96, GFP_KERNEL));
	WRITE_ONCE(leak_slot, NULL);
}

static void lock_inversion(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

/*
 * A GFP_KERNEL allocation may sleep, though this one will not: only
 * DEBUG_ATOMIC_SLEEP's might_sleep() check sees the bug.
 */
static void sleep_in_atomic(void)
{
	void *p;

	spin_lock(&spin);
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&spin);
	kfree(p);
}

static void list_double_del(void)
{
	LIST_HEAD(head);
	struct list_head e;

	list_add(&e, &head);
	list_del(&e);
	list_del(&e);	/* DEBUG_LIST sees the poison and skips it */
}

static void refcount_from_zero(void)
{
	refcount_t r = REFCOUNT_INIT(1);

	if (refcount_dec_and_test(&r))
		refcount_inc(&r);
}

static int __init bugs_init(void)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} bugs[] = {
		{ "kasan", use_after_free },
		{ "leak", leak },
		{ "lockdep", lock_inversion },
		{ "sleep", sleep_in_atomic },
		{ "list", list_double_del },
		{ "refcount", refcount_from_zero },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bugs); i++) {
		if (!strcmp(bug, bugs[i].name)) {
			bugs[i].fn();
			return 0;
		}
	}
	return -EINVAL;
}
module_init(bugs_init);
MODULE_LICENSE("GPL");
