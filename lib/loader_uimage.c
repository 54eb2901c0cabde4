// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Legacy U-Boot uImage (mkimage -A powerpc -T kernel -C none): a 64-byte
 * big-endian header, then the payload, which is loaded as is at ih_load.
 * Multi-file, FIT and compressed images are refused rather than guessed
 * at; a guest that needs them can be repackaged with mkimage -C none.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define IH_SIZE		64
#define IH_MAGIC	0x27051956u
#define IH_OFF_HCRC	4
#define IH_OFF_SIZE	12
#define IH_OFF_LOAD	16
#define IH_OFF_EP	20
#define IH_OFF_DCRC	24
#define IH_OFF_ARCH	29
#define IH_OFF_TYPE	30
#define IH_OFF_COMP	31
#define IH_OFF_NAME	32
#define IH_NMLEN	32

#define IH_ARCH_PPC		7
#define IH_TYPE_STANDALONE	1
#define IH_TYPE_KERNEL		2
#define IH_COMP_NONE		0

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* mkimage's names, so the message matches what the user typed for -C. */
static const char *comp_name(unsigned int comp)
{
	static const char *const names[] = {
		"none", "gzip", "bzip2", "lzma", "lzo", "lz4", "zstd",
	};

	return comp < sizeof(names) / sizeof(names[0]) ? names[comp]
						       : "unknown";
}

/*
 * The header checks, in the order that makes the message useful: a
 * header with a bad CRC says nothing reliable about arch, type or size.
 */
static int check_header(const uint8_t *b, size_t len, const char *what,
			struct kvm440_error *err)
{
	uint8_t hdr[IH_SIZE];
	uint32_t want, got;

	if (len >= 4 && be32(b) != IH_MAGIC)
		return kvm440_fail(err, -ENOEXEC, "%s: not a uImage (bad magic 0x%08x)",
			    what, be32(b));
	if (len < IH_SIZE)
		return kvm440_fail(err, -EINVAL,
			    "%s: truncated uImage header (%zu of %d bytes)",
			    what, len, IH_SIZE);
	memcpy(hdr, b, IH_SIZE);
	memset(hdr + IH_OFF_HCRC, 0, 4);
	want = be32(b + IH_OFF_HCRC);
	got = kvm440_crc32(0, hdr, IH_SIZE);
	if (want != got)
		return kvm440_fail(err, -EBADMSG,
			    "%s: uImage header CRC mismatch (header says 0x%08x, computed 0x%08x)",
			    what, want, got);
	if (b[IH_OFF_ARCH] != IH_ARCH_PPC)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: uImage architecture %u, a 440 guest needs PowerPC (7)",
			    what, b[IH_OFF_ARCH]);
	if (b[IH_OFF_TYPE] != IH_TYPE_KERNEL &&
	    b[IH_OFF_TYPE] != IH_TYPE_STANDALONE)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: uImage type %u is not a kernel (2) or standalone program (1)",
			    what, b[IH_OFF_TYPE]);
	if (b[IH_OFF_COMP] != IH_COMP_NONE)
		return kvm440_fail(err, -ENOTSUP,
			    "%s: uImage compression '%s' (%u) is not supported; repackage with mkimage -C none",
			    what, comp_name(b[IH_OFF_COMP]), b[IH_OFF_COMP]);
	return 0;
}

int kvm440_load_uimage(const void *img, size_t len, const char *what,
		       const struct kvm440_gmem *mem,
		       struct kvm440_image_info *info,
		       struct kvm440_error *err)
{
	const uint8_t *b = img;
	struct kvm440_image_info out;
	uint32_t size, want, got;
	size_t n;
	int ret;

	ret = check_header(b, len, what, err);
	if (ret)
		return ret;
	size = be32(b + IH_OFF_SIZE);
	if (size == 0)
		return kvm440_fail(err, -EINVAL, "%s: uImage has no data", what);
	if (size > len - IH_SIZE)
		return kvm440_fail(err, -EINVAL,
			    "%s: truncated uImage (header says %u data bytes, file has %zu)",
			    what, size, len - IH_SIZE);
	want = be32(b + IH_OFF_DCRC);
	got = kvm440_crc32(0, b + IH_SIZE, size);
	if (want != got)
		return kvm440_fail(err, -EBADMSG,
			    "%s: uImage data CRC mismatch (header says 0x%08x, computed 0x%08x)",
			    what, want, got);

	ret = kvm440_load_raw(b + IH_SIZE, size, what, be32(b + IH_OFF_LOAD),
			      mem, &out, err);
	if (ret)
		return ret;
	out.format = KVM440_IMAGE_UIMAGE;
	out.entry = be32(b + IH_OFF_EP);
	/* ih_name need not be NUL-terminated when all 32 bytes are used. */
	n = strnlen((const char *)b + IH_OFF_NAME, IH_NMLEN);
	memcpy(out.name, b + IH_OFF_NAME, n);
	out.name[n] = '\0';
	if (info)
		*info = out;
	return 0;
}
