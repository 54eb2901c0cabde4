// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A VM on the command line: its id (all digits) or its name (what
 * KVM440_SET_VM_NAME accepts, which is never all digits).
 */
#include <string.h>

#include "cli.h"

int cli_check_vm_arg(const struct cli_command *cmd, const char *arg)
{
	uint32_t id;
	const char *p;

	if (cli_parse_u32(arg, &id) == 0)
		return 0;
	if (!*arg || strlen(arg) >= KVM440_NAME_MAX)
		return cli_usage_error(cmd, "'%s' is neither a VM id nor a "
				       "VM name (1 to %d characters)", arg,
				       KVM440_NAME_MAX - 1);
	for (p = arg; *p; p++)
		if (*p <= ' ' || *p > '~' || *p == '/')
			return cli_usage_error(cmd, "'%s' is neither a VM id "
					       "nor a VM name (no spaces, "
					       "'/' or control characters)",
					       arg);
	if (arg[strspn(arg, "0123456789")] == '\0')
		return cli_usage_error(cmd, "'%s' is not a VM id (too large)",
				       arg);
	return 0;
}

int cli_open_vm(const char *arg, struct kvm440_nl **nl, uint32_t *id)
{
	struct kvm440_error err = { "" };

	if (kvm440_nl_open(nl, &err) < 0) {
		cli_error("%s", err.msg);
		return EXIT_RUNTIME;
	}
	if (kvm440_nl_resolve(*nl, arg, id, &err) < 0) {
		cli_error("%s", err.msg);
		kvm440_nl_close(*nl);
		*nl = NULL;
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
