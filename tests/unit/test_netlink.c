/*
 * lib/netlink.c's decoding of kvm440 generic-netlink messages, and
 * lib/names.c. Messages are built with libmnl the way kvm440.ko builds them
 * (nlmsghdr, genlmsghdr, then the attributes, the counters in a nest of
 * u64 whose type is the stat id + 1); malformed ones must give -EINVAL and
 * leave the output alone.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <check.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "kvm440.h"

#define FAMILY_ID 0x1f	/* any dynamic genetlink id */

static uint64_t storage[4096 / sizeof(uint64_t)];
static char *const buf = (char *)storage;

/* nlmsghdr + genlmsghdr, as genlmsg_put() lays them out */
static struct nlmsghdr *put_genl(uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	memset(storage, 0, sizeof(storage));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = FAMILY_ID;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = 7;
	nlh->nlmsg_pid = 4242;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = KVM440_GENL_VERSION;
	return nlh;
}

static uint64_t stat_value(unsigned int i)
{
	return 1000ull * i + (i == KVM440_STAT_EXITS ? 1ull << 40 : 3);
}

/* A full GET_VM reply for VM 3, every counter in the nest. */
static struct nlmsghdr *vm_msg(void)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_GET_VM);
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	mnl_attr_put_u32(nlh, KVM440_A_OWNER_PID, 120);
	mnl_attr_put_u64(nlh, KVM440_A_MEM_SIZE, 8ull << 20);
	mnl_attr_put_u32(nlh, KVM440_A_STATE, KVM440_VM_RUNNING);
	mnl_attr_put_u64(nlh, KVM440_A_UPTIME_MS, 123456789012ull);
	mnl_attr_put_u32(nlh, KVM440_A_VCPUS, 1);
	nest = mnl_attr_nest_start(nlh, KVM440_A_STATS);
	for (unsigned int i = 0; i < KVM440_STAT_NR; i++)
		mnl_attr_put_u64(nlh, (uint16_t)(i + 1), stat_value(i));
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static struct nlmsghdr *event_msg(uint32_t event, uint32_t data)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_EVENT);

	nlh->nlmsg_flags = 0;
	nlh->nlmsg_seq = 0;
	nlh->nlmsg_pid = 0;
	mnl_attr_put_u32(nlh, KVM440_A_EVENT, event);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 9);
	mnl_attr_put_u32(nlh, KVM440_A_OWNER_PID, 77);
	mnl_attr_put_u32(nlh, KVM440_A_EVENT_DATA, data);
	return nlh;
}

/* The attribute of @type at the top level of @nlh. */
static struct nlattr *find_attr(struct nlmsghdr *nlh, uint16_t type)
{
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == type)
			return attr;
	ck_abort_msg("attribute %u not in the message", type);
	return NULL;
}

#define POISON 0xa5

/* parse_vm must fail with -EINVAL and leave *out untouched. */
static void expect_bad_vm(const struct nlmsghdr *nlh)
{
	struct kvm440_vm_info vm, poison;

	memset(&vm, POISON, sizeof(vm));
	memset(&poison, POISON, sizeof(poison));
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), -EINVAL);
	ck_assert(!memcmp(&vm, &poison, sizeof(vm)));
}

static void expect_bad_event(const struct nlmsghdr *nlh)
{
	struct kvm440_event_info ev, poison;

	memset(&ev, POISON, sizeof(ev));
	memset(&poison, POISON, sizeof(poison));
	ck_assert_int_eq(kvm440_nl_parse_event(nlh, &ev), -EINVAL);
	ck_assert(!memcmp(&ev, &poison, sizeof(ev)));
}

/* ------------------------------------------------------------------ */

START_TEST(vm_full_reply_decodes)
{
	struct kvm440_vm_info vm;

	memset(&vm, POISON, sizeof(vm));
	ck_assert_int_eq(kvm440_nl_parse_vm(vm_msg(), &vm), 0);
	ck_assert_uint_eq(vm.id, 3);
	ck_assert_uint_eq(vm.owner_pid, 120);
	ck_assert_uint_eq(vm.mem_size, 8ull << 20);
	ck_assert_uint_eq(vm.state, KVM440_VM_RUNNING);
	ck_assert_uint_eq(vm.uptime_ms, 123456789012ull);
	ck_assert_uint_eq(vm.vcpus, 1);
	ck_assert_uint_eq(vm.nstats, KVM440_STAT_NR);
	for (unsigned int i = 0; i < KVM440_STAT_NR; i++)
		ck_assert_uint_eq(vm.stats[i], stat_value(i));
	for (unsigned int i = KVM440_STAT_NR; i < KVM440_STATS_MAX; i++)
		ck_assert_uint_eq(vm.stats[i], 0);
}
END_TEST

START_TEST(vm_only_id_gives_zeroes)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_GET_VM);
	struct kvm440_vm_info vm;

	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 5);
	memset(&vm, POISON, sizeof(vm));
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), 0);
	ck_assert_uint_eq(vm.id, 5);
	ck_assert_uint_eq(vm.owner_pid, 0);
	ck_assert_uint_eq(vm.mem_size, 0);
	ck_assert_uint_eq(vm.nstats, 0);
	ck_assert_uint_eq(vm.stats[0], 0);
}
END_TEST

START_TEST(vm_sparse_stats_and_nested_flag)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_GET_VM);
	struct nlattr *nest;
	struct kvm440_vm_info vm;

	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 1);
	/* nla_nest_start() in the kernel sets NLA_F_NESTED */
	nest = mnl_attr_nest_start(nlh, KVM440_A_STATS | NLA_F_NESTED);
	mnl_attr_put_u64(nlh, KVM440_STAT_MMIO + 1, 42);
	mnl_attr_put_u64(nlh, KVM440_STAT_DEC + 1, 7);
	mnl_attr_nest_end(nlh, nest);
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), 0);
	ck_assert_uint_eq(vm.nstats, KVM440_STAT_DEC + 1);
	ck_assert_uint_eq(vm.stats[KVM440_STAT_MMIO], 42);
	ck_assert_uint_eq(vm.stats[KVM440_STAT_DEC], 7);
	ck_assert_uint_eq(vm.stats[KVM440_STAT_EXITS], 0);
}
END_TEST

START_TEST(vm_skips_pad_unknown_and_future_stats)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_GET_VM);
	struct nlattr *nest;
	struct kvm440_vm_info vm;

	/* nla_put_u64_64bit() padding: an empty KVM440_A_PAD */
	mnl_attr_put(nlh, KVM440_A_PAD, 0, NULL);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 2);
	mnl_attr_put_u64(nlh, KVM440_A_MAX + 7, 1);	/* a newer module's */
	nest = mnl_attr_nest_start(nlh, KVM440_A_STATS);
	mnl_attr_put(nlh, KVM440_A_PAD, 0, NULL);	/* padding in the nest */
	mnl_attr_put_u64(nlh, KVM440_STAT_EXITS + 1, 11);
	mnl_attr_put_u64(nlh, KVM440_STATS_MAX + 1, 99);	/* no room */
	mnl_attr_nest_end(nlh, nest);
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), 0);
	ck_assert_uint_eq(vm.id, 2);
	ck_assert_uint_eq(vm.nstats, 1);
	ck_assert_uint_eq(vm.stats[0], 11);
}
END_TEST

START_TEST(vm_missing_id_is_invalid)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_GET_VM);

	mnl_attr_put_u32(nlh, KVM440_A_OWNER_PID, 120);
	mnl_attr_put_u64(nlh, KVM440_A_MEM_SIZE, 8ull << 20);
	expect_bad_vm(nlh);
	expect_bad_vm(put_genl(KVM440_CMD_GET_VM));	/* no attributes */
}
END_TEST

START_TEST(vm_wrong_type_lengths_are_invalid)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u16(nlh, KVM440_A_VM_ID, 3);	/* u32 expected */
	expect_bad_vm(nlh);

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u64(nlh, KVM440_A_VM_ID, 3);	/* too long */
	expect_bad_vm(nlh);

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	mnl_attr_put_u32(nlh, KVM440_A_MEM_SIZE, 8);	/* u64 expected */
	expect_bad_vm(nlh);

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	mnl_attr_put(nlh, KVM440_A_STATE, 0, NULL);	/* empty u32 */
	expect_bad_vm(nlh);

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	nest = mnl_attr_nest_start(nlh, KVM440_A_STATS);
	mnl_attr_put_u32(nlh, KVM440_STAT_MMIO + 1, 4);	/* counter as u32 */
	mnl_attr_nest_end(nlh, nest);
	expect_bad_vm(nlh);

	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	mnl_attr_put_u16(nlh, KVM440_A_STATS, 1);	/* not a nest */
	expect_bad_vm(nlh);
}
END_TEST

START_TEST(vm_short_attribute_is_invalid)
{
	struct nlmsghdr *nlh = vm_msg();
	struct nlattr *attr = find_attr(nlh, KVM440_A_VCPUS);

	/* shorter than its own header */
	attr->nla_len = 2;
	expect_bad_vm(nlh);

	/* longer than what is left of the message */
	nlh = vm_msg();
	attr = find_attr(nlh, KVM440_A_STATS);
	attr->nla_len += 16;
	expect_bad_vm(nlh);

	/* a counter whose length runs past the end of its nest */
	nlh = vm_msg();
	attr = find_attr(nlh, KVM440_A_STATS);
	((struct nlattr *)mnl_attr_get_payload(attr))->nla_len = 0xfff0;
	expect_bad_vm(nlh);

	/* a trailing fragment too small to be an attribute */
	nlh = put_genl(KVM440_CMD_GET_VM);
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 3);
	nlh->nlmsg_len += 2;
	expect_bad_vm(nlh);
}
END_TEST

START_TEST(vm_truncated_message_is_invalid)
{
	struct nlmsghdr *nlh = vm_msg();
	unsigned int full = nlh->nlmsg_len;

	/* cut inside the last counter of the nest */
	nlh->nlmsg_len = full - 6;
	expect_bad_vm(nlh);

	/* cut inside the first attribute */
	nlh = vm_msg();
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + GENL_HDRLEN + 6;
	expect_bad_vm(nlh);

	/* no room for the genetlink header */
	nlh = vm_msg();
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	expect_bad_vm(nlh);
	nlh->nlmsg_len = 4;
	expect_bad_vm(nlh);
	expect_bad_vm(NULL);
}
END_TEST

START_TEST(event_created_decodes)
{
	struct kvm440_event_info ev;

	memset(&ev, POISON, sizeof(ev));
	ck_assert_int_eq(kvm440_nl_parse_event(event_msg(KVM440_EV_VM_CREATED,
							 0), &ev), 0);
	ck_assert_uint_eq(ev.event, KVM440_EV_VM_CREATED);
	ck_assert_uint_eq(ev.vm_id, 9);
	ck_assert_uint_eq(ev.owner_pid, 77);
	ck_assert_uint_eq(ev.data, 0);

	ck_assert_int_eq(kvm440_nl_parse_event(
		event_msg(KVM440_EV_GUEST_SHUTDOWN, KVM440_SYSTEM_WATCHDOG),
		&ev), 0);
	ck_assert_uint_eq(ev.event, KVM440_EV_GUEST_SHUTDOWN);
	ck_assert_uint_eq(ev.data, KVM440_SYSTEM_WATCHDOG);
}
END_TEST

START_TEST(event_without_optional_fields)
{
	struct nlmsghdr *nlh = put_genl(KVM440_CMD_EVENT);
	struct kvm440_event_info ev;

	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 4);
	mnl_attr_put_u32(nlh, KVM440_A_EVENT, KVM440_EV_VM_DESTROYED);
	memset(&ev, POISON, sizeof(ev));
	ck_assert_int_eq(kvm440_nl_parse_event(nlh, &ev), 0);
	ck_assert_uint_eq(ev.vm_id, 4);
	ck_assert_uint_eq(ev.event, KVM440_EV_VM_DESTROYED);
	ck_assert_uint_eq(ev.owner_pid, 0);
	ck_assert_uint_eq(ev.data, 0);
}
END_TEST

START_TEST(event_malformed_is_invalid)
{
	struct nlmsghdr *nlh;

	nlh = put_genl(KVM440_CMD_EVENT);		/* no VM id */
	mnl_attr_put_u32(nlh, KVM440_A_EVENT, KVM440_EV_VM_CREATED);
	expect_bad_event(nlh);

	nlh = put_genl(KVM440_CMD_EVENT);		/* no event */
	mnl_attr_put_u32(nlh, KVM440_A_VM_ID, 1);
	expect_bad_event(nlh);

	nlh = event_msg(KVM440_EV_VM_CREATED, 0);	/* u8 event data */
	find_attr(nlh, KVM440_A_EVENT_DATA)->nla_len = MNL_ATTR_HDRLEN + 1;
	expect_bad_event(nlh);

	nlh = event_msg(KVM440_EV_VM_CREATED, 0);	/* short attribute */
	find_attr(nlh, KVM440_A_OWNER_PID)->nla_len = 3;
	expect_bad_event(nlh);

	nlh = event_msg(KVM440_EV_VM_CREATED, 0);	/* truncated */
	nlh->nlmsg_len -= 2;
	expect_bad_event(nlh);

	nlh->nlmsg_len = MNL_NLMSG_HDRLEN;
	expect_bad_event(nlh);
}
END_TEST

/* ------------------------------------------------------------------ */

START_TEST(stat_names_in_abi_order)
{
	static const char *const want[] = {
		"exits", "light", "heavy", "mmio", "dcr", "signal",
		"itlb_real", "itlb_virt", "dtlb_real", "dtlb_virt",
		"syscall", "isi", "dsi", "emul_inst", "dec", "ext_intr",
		"halt_wakeup", "program", "unknown_spr", "fit", "watchdog",
		"console_mmio", "console_bytes", "console_exits",
		"shadow_1k", "shadow_4k", "shadow_16k", "shadow_64k",
		"shadow_256k", "shadow_1m", "shadow_16m", "shadow_256m",
		"hcall", "magic_refill",
	};

	ck_assert_uint_eq(sizeof(want) / sizeof(want[0]), KVM440_STAT_NR);
	for (unsigned int i = 0; i < KVM440_STAT_NR; i++)
		ck_assert_str_eq(kvm440_stat_name(i), want[i]);
	ck_assert_str_eq(kvm440_stat_name(KVM440_STAT_MMIO), "mmio");
	ck_assert_str_eq(kvm440_stat_name(KVM440_STAT_NR), "unknown");
	ck_assert_str_eq(kvm440_stat_name(KVM440_STATS_MAX), "unknown");
	ck_assert_str_eq(kvm440_stat_name(~0u), "unknown");
}
END_TEST

START_TEST(state_event_exit_names)
{
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_CREATED), "created");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_READY), "ready");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_RUNNING), "running");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_HALTED), "halted");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_SHUTDOWN),
			 "shutdown");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_ERROR), "error");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_PAUSED), "paused");
	ck_assert_str_eq(kvm440_vm_state_name(KVM440_VM_PAUSED + 1),
			 "unknown");

	ck_assert_str_eq(kvm440_event_name(0), "unknown");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VM_CREATED), "created");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VM_DESTROYED),
			 "destroyed");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VCPU_HALTED), "halted");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_GUEST_SHUTDOWN),
			 "shutdown");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_INTERNAL_ERROR),
			 "internal_error");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VM_PAUSED), "paused");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VM_RESUMED), "resumed");
	ck_assert_str_eq(kvm440_event_name(KVM440_EV_VM_RESUMED + 1),
			 "unknown");

	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_NONE), "none");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_MMIO), "mmio");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_DCR), "dcr");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_HALT), "halt");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_SYSTEM_EVENT),
			 "system_event");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_INTERNAL_ERROR),
			 "internal_error");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_STOPPED),
			 "stopped");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_CONSOLE),
			 "console");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_DEBUG), "debug");
	ck_assert_str_eq(kvm440_exit_reason_name(KVM440_EXIT_DEBUG + 1),
			 "unknown");
	ck_assert_str_eq(kvm440_exit_reason_name(1000), "unknown");
}
END_TEST

START_TEST(vm_name_and_owner_uid_decode)
{
	struct nlmsghdr *nlh = vm_msg();
	struct kvm440_vm_info vm;

	mnl_attr_put_strz(nlh, KVM440_A_NAME, "web-1");
	mnl_attr_put_u32(nlh, KVM440_A_OWNER_UID, 1000);
	memset(&vm, POISON, sizeof(vm));
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), 0);
	ck_assert_str_eq(vm.name, "web-1");
	ck_assert_int_eq(vm.has_owner_uid, 1);
	ck_assert_uint_eq(vm.owner_uid, 1000);

	/* an older module sends neither: no name, no uid */
	memset(&vm, POISON, sizeof(vm));
	ck_assert_int_eq(kvm440_nl_parse_vm(vm_msg(), &vm), 0);
	ck_assert_str_eq(vm.name, "");
	ck_assert_int_eq(vm.has_owner_uid, 0);
}
END_TEST

START_TEST(vm_bad_names_are_invalid)
{
	char longname[KVM440_NAME_MAX + 1];
	struct nlmsghdr *nlh;
	struct kvm440_vm_info vm;

	/* one byte too many for KVM440_NAME_MAX, NUL included */
	memset(longname, 'a', KVM440_NAME_MAX);
	longname[KVM440_NAME_MAX] = '\0';
	nlh = vm_msg();
	mnl_attr_put_strz(nlh, KVM440_A_NAME, longname);
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), -EINVAL);

	/* the longest that fits */
	longname[KVM440_NAME_MAX - 1] = '\0';
	nlh = vm_msg();
	mnl_attr_put_strz(nlh, KVM440_A_NAME, longname);
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), 0);
	ck_assert_str_eq(vm.name, longname);

	/* no NUL at the end */
	nlh = vm_msg();
	mnl_attr_put(nlh, KVM440_A_NAME, 3, "abc");
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), -EINVAL);

	/* a NUL inside */
	nlh = vm_msg();
	mnl_attr_put(nlh, KVM440_A_NAME, 4, "a\0b");
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), -EINVAL);

	/* the uid is a u32 */
	nlh = vm_msg();
	mnl_attr_put_u16(nlh, KVM440_A_OWNER_UID, 7);
	ck_assert_int_eq(kvm440_nl_parse_vm(nlh, &vm), -EINVAL);
}
END_TEST

START_TEST(event_name_decodes)
{
	struct nlmsghdr *nlh = event_msg(KVM440_EV_VM_PAUSED, 0);
	struct kvm440_event_info ev;

	mnl_attr_put_strz(nlh, KVM440_A_NAME, "db");
	mnl_attr_put_u32(nlh, KVM440_A_OWNER_UID, 0);
	ck_assert_int_eq(kvm440_nl_parse_event(nlh, &ev), 0);
	ck_assert_uint_eq(ev.event, KVM440_EV_VM_PAUSED);
	ck_assert_str_eq(ev.name, "db");
	ck_assert_int_eq(kvm440_nl_parse_event(event_msg(1, 0), &ev), 0);
	ck_assert_str_eq(ev.name, "");
}
END_TEST

Suite *netlink_suite(void);
Suite *netlink_suite(void)
{
	Suite *s = suite_create("netlink");
	TCase *vm = tcase_create("vm");
	TCase *ev = tcase_create("event");
	TCase *names = tcase_create("names");

	tcase_add_test(vm, vm_full_reply_decodes);
	tcase_add_test(vm, vm_only_id_gives_zeroes);
	tcase_add_test(vm, vm_sparse_stats_and_nested_flag);
	tcase_add_test(vm, vm_skips_pad_unknown_and_future_stats);
	tcase_add_test(vm, vm_missing_id_is_invalid);
	tcase_add_test(vm, vm_wrong_type_lengths_are_invalid);
	tcase_add_test(vm, vm_short_attribute_is_invalid);
	tcase_add_test(vm, vm_truncated_message_is_invalid);
	tcase_add_test(vm, vm_name_and_owner_uid_decode);
	tcase_add_test(vm, vm_bad_names_are_invalid);
	suite_add_tcase(s, vm);

	tcase_add_test(ev, event_created_decodes);
	tcase_add_test(ev, event_without_optional_fields);
	tcase_add_test(ev, event_malformed_is_invalid);
	tcase_add_test(ev, event_name_decodes);
	suite_add_tcase(s, ev);

	tcase_add_test(names, stat_names_in_abi_order);
	tcase_add_test(names, state_event_exit_names);
	suite_add_tcase(s, names);
	return s;
}
