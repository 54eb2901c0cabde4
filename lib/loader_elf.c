// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ELF loader for 440 guests: 32-bit, big-endian, EM_PPC executables, which
 * covers bare-metal programs and a Linux vmlinux. Segments are placed by
 * their physical address because the guest starts with translation off
 * from its point of view (a vmlinux links at 0xc0000000 but loads at 0).
 *
 * The image is untrusted input: every field is read byte by byte (no
 * alignment or host-endianness assumptions) and every offset/size sum is
 * done in 64 bits, where 32-bit ELF fields cannot overflow. All segments
 * are checked before any byte is written, so a failed load leaves guest
 * memory as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define EHDR_SIZE	52
#define PHDR_SIZE	32
#define ELFCLASS32	1
#define ELFDATA2MSB	2
#define EV_CURRENT	1
#define ET_EXEC		2
#define EM_PPC		20
#define PT_LOAD		1

struct phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz;
};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void read_phdr(const uint8_t *p, struct phdr *ph)
{
	ph->type = be32(p);
	ph->offset = be32(p + 4);
	ph->vaddr = be32(p + 8);
	ph->paddr = be32(p + 12);
	ph->filesz = be32(p + 16);
	ph->memsz = be32(p + 20);
}

/* The ELF identification and header fields, before any segment is read. */
static int check_ehdr(const uint8_t *b, size_t len, const char *what,
		      struct kvm440_error *err)
{
	if (len < 4 || memcmp(b, "\177ELF", 4) != 0)
		return kvm440_fail(err, -ENOEXEC, "%s: not an ELF image (bad magic)",
			    what);
	if (len < EHDR_SIZE)
		return kvm440_fail(err, -EINVAL,
			    "%s: truncated ELF header (%zu of %d bytes)",
			    what, len, EHDR_SIZE);
	if (b[4] != ELFCLASS32)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: ELF class %u, a 440 guest needs 32-bit (1)",
			    what, b[4]);
	if (b[5] != ELFDATA2MSB)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: ELF data encoding %u, a 440 guest needs big-endian (2)",
			    what, b[5]);
	if (be16(b + 18) != EM_PPC)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: ELF machine %u, a 440 guest needs PowerPC (20)",
			    what, be16(b + 18));
	if (be16(b + 16) != ET_EXEC)
		return kvm440_fail(err, -ENOEXEC,
			    "%s: ELF type %u is not an executable (ET_EXEC, 2)",
			    what, be16(b + 16));
	if (b[6] != EV_CURRENT || be32(b + 20) != EV_CURRENT)
		return kvm440_fail(err, -EINVAL, "%s: unknown ELF version", what);
	if (be16(b + 44) == 0)
		return kvm440_fail(err, -EINVAL, "%s: ELF has no program headers",
			    what);
	if (be16(b + 42) != PHDR_SIZE)
		return kvm440_fail(err, -EINVAL,
			    "%s: ELF program header size %u, expected %d",
			    what, be16(b + 42), PHDR_SIZE);
	if ((uint64_t)be32(b + 28) + (uint64_t)be16(b + 44) * PHDR_SIZE > len)
		return kvm440_fail(err, -EINVAL,
			    "%s: ELF program headers extend past the end of the image",
			    what);
	return 0;
}

/* One PT_LOAD: inside the image, and inside guest memory. */
static int check_segment(const struct phdr *ph, unsigned int i, size_t len,
			 const char *what, const struct kvm440_gmem *mem,
			 struct kvm440_error *err)
{
	uint64_t off = (uint64_t)ph->paddr - mem->gpa;

	if (ph->filesz > ph->memsz)
		return kvm440_fail(err, -EINVAL,
			    "%s: segment %u has file size 0x%x > memory size 0x%x",
			    what, i, ph->filesz, ph->memsz);
	if (ph->filesz && (uint64_t)ph->offset + ph->filesz > len)
		return kvm440_fail(err, -EINVAL,
			    "%s: segment %u data [0x%x, +0x%x) extends past the end of the image (%zu bytes)",
			    what, i, ph->offset, ph->filesz, len);
	if (ph->memsz == 0)
		return 0;
	if (ph->paddr < mem->gpa || off > mem->size ||
	    ph->memsz > mem->size - off)
		return kvm440_fail(err, -ERANGE,
			    "%s: segment %u [0x%llx, 0x%llx) is outside guest memory [0x%llx, 0x%llx)",
			    what, i, (unsigned long long)ph->paddr,
			    (unsigned long long)ph->paddr + ph->memsz,
			    (unsigned long long)mem->gpa,
			    (unsigned long long)(mem->gpa + mem->size));
	return 0;
}

int kvm440_load_elf(const void *img, size_t len, const char *what,
		    const struct kvm440_gmem *mem,
		    struct kvm440_image_info *info, struct kvm440_error *err)
{
	const uint8_t *b = img;
	struct kvm440_image_info out = { .format = KVM440_IMAGE_ELF };
	struct phdr ph;
	uint32_t entry, phoff;
	unsigned int i, phnum, nload = 0;
	int found_entry = 0, ret;

	ret = check_ehdr(b, len, what, err);
	if (ret)
		return ret;
	entry = be32(b + 24);
	phoff = be32(b + 28);
	phnum = be16(b + 44);

	for (i = 0; i < phnum; i++) {
		read_phdr(b + phoff + (size_t)i * PHDR_SIZE, &ph);
		if (ph.type != PT_LOAD)
			continue;
		ret = check_segment(&ph, i, len, what, mem, err);
		if (ret)
			return ret;
		if (ph.memsz == 0)
			continue;
		/*
		 * e_entry is virtual; the guest starts at the physical
		 * address of the same byte, so translate it through the
		 * segment that contains it.
		 */
		if (!found_entry && entry >= ph.vaddr &&
		    entry - ph.vaddr < ph.memsz) {
			out.entry = entry - ph.vaddr + ph.paddr;
			found_entry = 1;
		}
		if (nload++ == 0 || ph.paddr < out.load_start)
			out.load_start = ph.paddr;
		if ((uint64_t)ph.paddr + ph.memsz > out.load_end)
			out.load_end = (uint64_t)ph.paddr + ph.memsz;
	}
	if (nload == 0)
		return kvm440_fail(err, -EINVAL, "%s: ELF has no loadable segments",
			    what);
	if (!found_entry)
		return kvm440_fail(err, -EINVAL,
			    "%s: ELF entry point 0x%08x is not inside any loadable segment",
			    what, entry);

	for (i = 0; mem->host && i < phnum; i++) {
		uint8_t *dst;

		read_phdr(b + phoff + (size_t)i * PHDR_SIZE, &ph);
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		dst = mem->host + (ph.paddr - mem->gpa);
		if (ph.filesz)
			memcpy(dst, b + ph.offset, ph.filesz);
		memset(dst + ph.filesz, 0, ph.memsz - ph.filesz);
	}
	if (info)
		*info = out;
	return 0;
}
