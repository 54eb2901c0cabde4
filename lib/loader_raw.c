// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Raw binary images: the bytes are the guest's memory contents at a load
 * address the user names, and execution starts at the first byte. The
 * uImage loader reuses this once it has checked its header.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

int kvm440_load_raw(const void *img, size_t len, const char *what,
		    uint32_t load_addr, const struct kvm440_gmem *mem,
		    struct kvm440_image_info *info, struct kvm440_error *err)
{
	uint64_t off = (uint64_t)load_addr - mem->gpa;

	if (len == 0)
		return kvm440_fail(err, -EINVAL, "%s: image is empty", what);
	/* Written so that neither side can wrap, whatever the inputs. */
	if (load_addr < mem->gpa || off > mem->size || len > mem->size - off)
		return kvm440_fail(err, -ERANGE,
			    "%s: %zu bytes at 0x%08x do not fit in guest memory [0x%llx, 0x%llx)",
			    what, len, load_addr,
			    (unsigned long long)mem->gpa,
			    (unsigned long long)(mem->gpa + mem->size));
	if (mem->host)
		memcpy(mem->host + off, img, len);
	if (info) {
		memset(info, 0, sizeof(*info));
		info->format = KVM440_IMAGE_RAW;
		info->entry = load_addr;
		info->load_start = load_addr;
		info->load_end = (uint64_t)load_addr + len;
	}
	return 0;
}
