// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What sits around the individual loaders: format detection, loading from
 * a file, and placing the initrd and device tree in guest memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define ELF_MAGIC	"\177ELF"
#define UIMAGE_MAGIC	0x27051956u

/* "PATH: reason" for the errno of a failed system call, returned negated. */
static int fail_errno(struct kvm440_error *err, const char *path)
{
	int e = errno;
	char buf[128];

	kvm440_fail(err, -e, "%s: %s", path, strerror_r(e, buf, sizeof(buf)));
	return -e;
}

enum kvm440_image_format kvm440_image_detect(const void *img, size_t len)
{
	const uint8_t *b = img;

	if (len >= 4 && memcmp(b, ELF_MAGIC, 4) == 0)
		return KVM440_IMAGE_ELF;
	if (len >= 4 && ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
			 (uint32_t)b[2] << 8 | b[3]) == UIMAGE_MAGIC)
		return KVM440_IMAGE_UIMAGE;
	return KVM440_IMAGE_RAW;
}

static int load_image(const void *img, size_t len, const char *path,
		      enum kvm440_image_format format, uint32_t load_addr,
		      const struct kvm440_gmem *mem,
		      struct kvm440_image_info *info, struct kvm440_error *err)
{
	if (format == KVM440_IMAGE_AUTO) {
		format = kvm440_image_detect(img, len);
		/* A raw binary has no header to say where it goes. */
		if (format == KVM440_IMAGE_RAW)
			return kvm440_fail(err, -ENOEXEC,
				    "%s: neither an ELF nor a uImage (a raw binary needs format raw and a load address)",
				    path);
	}
	switch (format) {
	case KVM440_IMAGE_ELF:
		return kvm440_load_elf(img, len, path, mem, info, err);
	case KVM440_IMAGE_UIMAGE:
		return kvm440_load_uimage(img, len, path, mem, info, err);
	case KVM440_IMAGE_RAW:
		return kvm440_load_raw(img, len, path, load_addr, mem, info,
				       err);
	default:
		return kvm440_fail(err, -EINVAL, "%s: unknown image format %d", path,
			    (int)format);
	}
}

/*
 * The file is mapped rather than read: an unstripped vmlinux can be far
 * larger than what gets loaded (debug sections), and a 440 host is short
 * of RAM. The one cost is that a file truncated by someone else while it
 * is mapped raises SIGBUS, as with any mmap-based reader.
 */
int kvm440_load_file(const char *path, enum kvm440_image_format format,
		     uint32_t load_addr, const struct kvm440_gmem *mem,
		     struct kvm440_image_info *info, struct kvm440_error *err)
{
	struct stat st;
	size_t len;
	void *map;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail_errno(err, path);
	if (fstat(fd, &st) < 0) {
		ret = fail_errno(err, path);
		close(fd);
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return kvm440_fail(err, -EINVAL, "%s: not a regular file", path);
	}
	if (st.st_size == 0) {
		close(fd);
		return kvm440_fail(err, -EINVAL, "%s: file is empty", path);
	}
	if ((uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		return kvm440_fail(err, -EFBIG, "%s: file too large to map", path);
	}
	len = (size_t)st.st_size;
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		ret = fail_errno(err, path);
		close(fd);
		return ret;
	}
	close(fd);
	ret = load_image(map, len, path, format, load_addr, mem, info, err);
	munmap(map, len);
	return ret;
}

/*
 * "Below @below" means the whole blob ends at or before @below, which is
 * what a caller keeping an initrd under the guest kernel's lowmem limit
 * wants. The top candidate is tried first; if it overlaps the avoided
 * range, the only higher-than-anything-else spot left is just under it.
 */
int kvm440_place_blob(const void *data, size_t len, uint64_t below,
		      uint64_t align, uint64_t avoid_start, uint64_t avoid_end,
		      const struct kvm440_gmem *mem, uint64_t *gpa,
		      struct kvm440_error *err)
{
	uint64_t end = mem->size > UINT64_MAX - mem->gpa ? UINT64_MAX
							  : mem->gpa + mem->size;
	uint64_t top = below < end ? below : end;
	uint64_t addr;
	char clear[64] = "";

	if (align == 0)
		align = 1;
	if (align & (align - 1))
		return kvm440_fail(err, -EINVAL,
			    "blob alignment 0x%llx is not a power of two",
			    (unsigned long long)align);
	if (len == 0)
		return kvm440_fail(err, -EINVAL, "blob is empty");
	if (top < mem->gpa || top - mem->gpa < len)
		goto nospace;
	addr = (top - len) & ~(align - 1);
	if (avoid_start < avoid_end && addr < avoid_end &&
	    avoid_start < addr + len) {
		if (avoid_start < len)
			goto nospace;
		addr = (avoid_start - len) & ~(align - 1);
	}
	if (addr < mem->gpa)
		goto nospace;
	if (mem->host)
		memcpy(mem->host + (addr - mem->gpa), data, len);
	*gpa = addr;
	return 0;

nospace:
	if (avoid_start < avoid_end)
		snprintf(clear, sizeof(clear), " clear of [0x%llx, 0x%llx)",
			 (unsigned long long)avoid_start,
			 (unsigned long long)avoid_end);
	return kvm440_fail(err, -ENOSPC,
		    "no room for %zu bytes (aligned to 0x%llx) below 0x%llx in guest memory [0x%llx, 0x%llx)%s",
		    len, (unsigned long long)align,
		    (unsigned long long)below, (unsigned long long)mem->gpa,
		    (unsigned long long)end, clear);
}
