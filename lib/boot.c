// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The boot protocol: from a parsed guest.cfg to a vCPU about to enter the
 * guest, and the same loading, checking every bound but writing nothing,
 * to check a config before any VM exists (kvm440_config_check()).
 *
 * Boot state, as a 440 Linux kernel expects it (ePAPR, and what QEMU's
 * bamboo board does): RAM at guest physical 0, the kernel loaded from its
 * ELF or uImage, the initrd and the device tree placed high in the
 * initially mapped RAM, the device tree patched with the RAM size,
 * cmdline, initrd range and the host's frequencies; pc = the entry point,
 * MSR 0 (supervisor, translation space 0), r1 = the top of the first 16M
 * (or of RAM, if less) - 8, r3 = the device tree, r4 = r5 = 0,
 * r6 = ePAPR magic, r7 = size of the initial mapping, r8 = r9 = 0; guest
 * TLB entry 0 maps EA 0 to PA 0 for min(RAM, 256M), rounded up to a 440
 * page size, supervisor RWX, and entry 1 the UART page 0xef600000
 * (4K, I|G, supervisor RW) for bare-metal programs and early debug.
 *
 * Hooks for new config keys: a key that names a file is loaded in
 * load_guest() (so check and boot both see it); a key that adds a device
 * tree node patches the tree in boot_dtb().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "virtio.h"

#define MiB (1024ull * 1024)
#define BOOT_MAP_MAX	(256 * MiB)	/* largest 440 page */
#define BOOT_STACK_TOP	(16 * MiB)	/* r1 = this - 8, as on bamboo */
#define BOOT_STACK_ROOM	(64 * 1024)	/* kept clear of blobs below r1 */
#define INITRD_ALIGN	4096
#define DTB_ALIGN	8
#define EPAPR_MAGIC	0x45504150u
#define MODULE_MEM_PARAM "/sys/module/kvm440/parameters/max_vm_mem_mb"

/* Where the guest starts and what boot_regs() needs to say so. */
struct boot_plan {
	uint32_t entry;
	uint32_t size_code;	/* TLB SIZE of the initial mapping */
	uint64_t map_size;	/* its bytes */
	uint64_t stack_top;	/* r1 */
	uint64_t dtb_gpa;	/* r3 */
};

/*
 * "FILE:LINE: KEY: problem" for the line @key was set on, or (a key not
 * set, such as the built-in dtb) for @fallback's line.
 */
__attribute__((format(printf, 5, 6)))
static int fail_key(const struct kvm440_config *cfg, struct kvm440_error *err,
		    enum kvm440_cfg_key key, enum kvm440_cfg_key fallback,
		    const char *fmt, ...)
{
	enum kvm440_cfg_key k = cfg->line[key] ? key : fallback;
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return kvm440_fail(err, -EINVAL, "%s:%u: %s: %s", cfg->file,
			   cfg->line[k], kvm440_config_key_name(k), what);
}

/*
 * The 440 page sizes (TLB word 0 SIZE field): 1K 4K 16K 64K 256K 1M 16M
 * 256M. The smallest one that covers @bytes, at most 256M.
 */
static void boot_page(uint64_t bytes, uint32_t *size_code, uint64_t *size)
{
	static const unsigned int codes[] = { 0, 1, 2, 3, 4, 5, 7, 9 };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		*size_code = codes[i];
		*size = 1024ull << (2 * codes[i]);
		if (*size >= bytes)
			return;
	}
}

/* Read all of @path (not empty) into a malloc()ed buffer. */
static int read_file(const char *path, void **data, size_t *len,
		     struct kvm440_error *err)
{
	struct stat st;
	size_t got = 0;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int e;

	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return kvm440_fail(err, -EINVAL, "%s: not a regular file",
				   path);
	}
	if (st.st_size == 0) {
		close(fd);
		return kvm440_fail(err, -EINVAL, "%s: file is empty", path);
	}
	buf = malloc((size_t)st.st_size);
	if (!buf)
		goto fail;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;	/* shrank under us */
			goto fail;
		}
		got += (size_t)n;
	}
	close(fd);
	*data = buf;
	*len = got;
	return 0;
fail:
	e = errno;
	free(buf);
	if (fd >= 0)
		close(fd);
	return kvm440_fail(err, -e, "%s: %s", path, strerror(e));
}

/*
 * format = raw on an ELF or a uImage would run its header as code: the
 * user meant auto. Unreadable files are left to the loader to report.
 */
static int check_raw_format(const struct kvm440_config *cfg,
			    struct kvm440_error *err)
{
	uint8_t head[4];
	ssize_t n;
	int fd;

	if (cfg->kernel_format != KVM440_IMAGE_RAW)
		return 0;
	fd = open(cfg->kernel, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n == (ssize_t)sizeof(head) &&
	    kvm440_image_detect(head, sizeof(head)) != KVM440_IMAGE_RAW)
		return fail_key(cfg, err, KEY_FORMAT, KEY_FORMAT,
				"raw, but %s is %s (say format = auto)",
				cfg->kernel,
				kvm440_image_detect(head, sizeof(head)) ==
				KVM440_IMAGE_ELF ? "an ELF" : "a uImage");
	return 0;
}

/*
 * The device tree: the config's or the built-in one, patched. Keys that
 * add nodes (devices, a hypervisor node) patch *@dtb here.
 */
static int boot_dtb(const struct kvm440_config *cfg, uint64_t initrd_start,
		    uint64_t initrd_end, void **dtb, size_t *len,
		    struct kvm440_error *err)
{
	struct kvm440_fdt_params p = {
		.mem_base = 0, .mem_size = cfg->mem_size,
		.bootargs = cfg->cmdline,
		.initrd_start = initrd_start, .initrd_end = initrd_end,
	};
	struct kvm440_error e = { "" };
	const void *src;
	void *file = NULL;
	size_t src_len;
	int r;

	if (cfg->dtb[0]) {
		r = read_file(cfg->dtb, &file, &src_len, &e);
		if (r < 0)
			return fail_key(cfg, err, KEY_DTB, KEY_DTB, "%s", e.msg);
		src = file;
	} else {
		src = kvm440_board_dtb(&src_len);
	}
	/* Not a 440 host (a build machine): the tree's own values stay. */
	kvm440_host_freqs(NULL, NULL, &p.timebase_freq, &p.cpu_freq);
	r = kvm440_fdt_patch(src, src_len, &p, dtb, len, &e);
	free(file);
	if (r < 0) {
		if (cfg->dtb[0])
			return fail_key(cfg, err, KEY_DTB, KEY_DTB, "%s: %s",
					cfg->dtb, e.msg);
		return kvm440_fail(err, r, "built-in device tree: %s", e.msg);
	}
	/* the disks' and the network's virtio-mmio nodes (docs/board.md) */
	r = kvm440_virtio_fdt_nodes(kvm440_virtio_count(cfg), dtb, len, &e);
	if (r < 0) {
		free(*dtb);
		*dtb = NULL;
		return fail_key(cfg, err, cfg->ndisks ? KEY_DISK : KEY_NET,
				KEY_NET, "%s", e.msg);
	}
	return 0;
}

/*
 * Load everything the config names into @mem and work out where the
 * guest starts. Every failure names the config's file and line.
 */
static int load_guest(const struct kvm440_config *cfg,
		      const struct kvm440_gmem *mem, struct boot_plan *bp,
		      struct kvm440_error *err)
{
	struct kvm440_error e = { "" };
	struct kvm440_image_info info;
	uint64_t below, initrd_gpa = 0, map_end;
	size_t initrd_len = 0, dtb_len = 0;
	void *blob = NULL;
	int r;

	r = check_raw_format(cfg, err);
	if (r < 0)
		return r;
	r = kvm440_load_file(cfg->kernel, cfg->kernel_format,
			     cfg->has_load_addr ? cfg->load_addr : 0, mem,
			     &info, &e);
	if (r < 0)
		return fail_key(cfg, err, KEY_KERNEL, KEY_KERNEL, "%s", e.msg);

	boot_page(cfg->mem_size < BOOT_MAP_MAX ? cfg->mem_size : BOOT_MAP_MAX,
		  &bp->size_code, &bp->map_size);
	map_end = cfg->mem_size < bp->map_size ? cfg->mem_size : bp->map_size;
	bp->entry = cfg->has_entry ? cfg->entry : info.entry;
	/* TLB entry 0 is all the guest has mapped when it starts */
	if (cfg->has_entry && (cfg->entry >= map_end || cfg->entry & 3))
		return fail_key(cfg, err, KEY_ENTRY, KEY_ENTRY,
				"0x%x is %s", cfg->entry, cfg->entry & 3 ?
				"not a multiple of 4 (440 instructions are 4-byte aligned)" :
				cfg->entry >= cfg->mem_size ?
				"outside guest RAM" :
				"outside the initially mapped RAM (256M)");
	bp->stack_top = (cfg->mem_size < BOOT_STACK_TOP ? cfg->mem_size
						       : BOOT_STACK_TOP) - 8;
	/* Blobs go high in mapped RAM, clear of the boot stack below r1. */
	below = map_end;
	if (below <= bp->stack_top + 8)
		below = bp->stack_top + 8 > BOOT_STACK_ROOM ?
			bp->stack_top + 8 - BOOT_STACK_ROOM : 0;

	if (cfg->initrd[0]) {
		r = read_file(cfg->initrd, &blob, &initrd_len, &e);
		if (r == 0) {
			r = kvm440_place_blob(blob, initrd_len, below,
					      INITRD_ALIGN, info.load_start,
					      info.load_end, mem, &initrd_gpa,
					      &e);
			free(blob);
			if (r < 0)
				return fail_key(cfg, err, KEY_INITRD,
						KEY_INITRD, "%s: %s",
						cfg->initrd, e.msg);
		} else {
			return fail_key(cfg, err, KEY_INITRD, KEY_INITRD,
					"%s", e.msg);
		}
		below = initrd_gpa;
	}
	r = boot_dtb(cfg, initrd_gpa, initrd_gpa + initrd_len, &blob,
		     &dtb_len, err);
	if (r < 0)
		return r;
	r = kvm440_place_blob(blob, dtb_len, below, DTB_ALIGN,
			      info.load_start, info.load_end, mem,
			      &bp->dtb_gpa, &e);
	free(blob);
	if (r < 0) {
		/* no room is a matter of memory when the tree is built in */
		if (cfg->dtb[0])
			return fail_key(cfg, err, KEY_DTB, KEY_DTB, "%s: %s",
					cfg->dtb, e.msg);
		return fail_key(cfg, err, KEY_MEMORY, KEY_MEMORY,
				"no room for the device tree: %s", e.msg);
	}
	return 0;
}

static void tlb_entry(struct kvm440_tlb_entry *e, uint32_t ea, uint64_t pa,
		      uint32_t size_code, uint32_t attr)
{
	e->tid = 0;	/* matches every PID */
	e->word0 = (ea & KVM440_TLB0_EPN_MASK) | KVM440_TLB0_V |
		   (size_code << KVM440_TLB0_SIZE_SHIFT);
	e->word1 = ((uint32_t)pa & KVM440_TLB1_RPN_MASK) |
		   ((uint32_t)(pa >> 32) & KVM440_TLB1_ERPN_MASK);
	e->word2 = attr;
}

/* The vCPU as the boot protocol (top of this file) wants it. */
static int boot_vcpu(struct kvm440_vm *vm, const struct boot_plan *bp,
		     struct kvm440_error *err)
{
	struct kvm440_regs regs;
	struct kvm440_tlb *tlb;
	int r;

	r = kvm440_vm_create_vcpu(vm, err);
	if (r < 0)
		return r;
	r = kvm440_vm_get_regs(vm, &regs, err);
	if (r < 0)
		return r;
	regs.pc = bp->entry;
	regs.msr = 0;
	regs.gpr[1] = (uint32_t)bp->stack_top;
	regs.gpr[3] = (uint32_t)bp->dtb_gpa;
	regs.gpr[4] = regs.gpr[5] = 0;
	regs.gpr[6] = EPAPR_MAGIC;
	regs.gpr[7] = (uint32_t)bp->map_size;
	regs.gpr[8] = regs.gpr[9] = 0;
	r = kvm440_vm_set_regs(vm, &regs, err);
	if (r < 0)
		return r;

	tlb = calloc(1, sizeof(*tlb));	/* 64 entries: not for the stack */
	if (!tlb)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	tlb_entry(&tlb->e[0], 0, 0, bp->size_code,
		  KVM440_TLB2_SX | KVM440_TLB2_SW | KVM440_TLB2_SR);
	tlb_entry(&tlb->e[1], (uint32_t)KVM440_BOARD_IO_PAGE,
		  KVM440_BOARD_IO_PAGE, 1 /* 4K */,
		  KVM440_TLB2_I | KVM440_TLB2_G | KVM440_TLB2_SW |
		  KVM440_TLB2_SR);
	r = kvm440_vm_set_tlb(vm, tlb, err);
	free(tlb);
	return r;
}

int kvm440_boot(struct kvm440_vm *vm, const struct kvm440_config *cfg,
		unsigned int ram_flags, struct kvm440_error *err)
{
	struct kvm440_error e = { "" };
	struct kvm440_gmem mem;
	struct boot_plan bp;
	int r;

	r = kvm440_vm_add_ram_flags(vm, 0, cfg->mem_size, ram_flags, &mem, &e);
	if (r < 0)
		return kvm440_fail(err, r, "guest RAM: %s", e.msg);
	r = load_guest(cfg, &mem, &bp, err);
	if (r < 0)
		return r;
	return boot_vcpu(vm, &bp, err);
}

int kvm440_check_mem_limit(const struct kvm440_config *cfg,
			   const char *param, struct kvm440_error *err)
{
	unsigned long long mb;
	char buf[32];
	ssize_t n;
	int fd;

	fd = open(param ? param : MODULE_MEM_PARAM, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;	/* no module loaded (yet): nothing to say */
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%llu", &mb) != 1)
		return 0;
	if (cfg->mem_size > mb * MiB)
		return fail_key(cfg, err, KEY_MEMORY, KEY_MEMORY,
				"%lluM is more than the kvm440 module allows a VM (max_vm_mem_mb = %llu)",
				(unsigned long long)(cfg->mem_size / MiB), mb);
	return 0;
}

/* The console file: appendable, or creatable in its directory. */
static int check_console(const struct kvm440_config *cfg,
			 struct kvm440_error *err)
{
	char dir[KVM440_PATH_MAX];
	const char *slash;
	int fd;

	if (cfg->console != KVM440_CONSOLE_FILE)
		return 0;
	fd = open(cfg->console_path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == ENOENT) {
		slash = strrchr(cfg->console_path, '/');
		if (!slash)
			strcpy(dir, ".");
		else
			snprintf(dir, sizeof(dir), "%.*s",
				 (int)(slash - cfg->console_path + 1),
				 cfg->console_path);
		if (access(dir, W_OK | X_OK) == 0)
			return 0;
	}
	return fail_key(cfg, err, KEY_CONSOLE, KEY_CONSOLE, "%s: %s",
			cfg->console_path, strerror(errno));
}

/*
 * Each disk image must open as start will open it (read-only or not); the
 * lock and the TAP device are left to start, which alone may take them.
 */
static int check_disks(const struct kvm440_config *cfg,
		       struct kvm440_error *err)
{
	unsigned int i;

	for (i = 0; i < cfg->ndisks; i++) {
		const struct kvm440_disk_cfg *d = &cfg->disk[i];
		int fd = open(d->path, (d->ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		struct stat st;

		if (fd < 0 || fstat(fd, &st) < 0 ||
		    !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
			int e = fd < 0 ? errno : EINVAL;

			if (fd >= 0)
				close(fd);
			return kvm440_fail(err, -EINVAL, "%s:%u: disk: %s: %s",
					   cfg->file, d->line, d->path,
					   e == EINVAL ? "not a file or "
					   "block device" : strerror(e));
		}
		close(fd);
	}
	return 0;
}

int kvm440_config_check(const struct kvm440_config *cfg,
			struct kvm440_error *err)
{
	/*
	 * Guest RAM without memory (host NULL): every bound is checked as
	 * for the real load and nothing is copied, so that start, which
	 * runs this first, does not pay for loading the kernel twice.
	 */
	const struct kvm440_gmem mem = {
		.host = NULL, .gpa = 0, .size = cfg->mem_size,
	};
	struct boot_plan bp;
	int r;

	r = kvm440_check_mem_limit(cfg, NULL, err);
	if (r < 0)
		return r;
	r = check_console(cfg, err);
	if (r < 0)
		return r;
	r = check_disks(cfg, err);
	if (r < 0)
		return r;
	return load_guest(cfg, &mem, &bp, err);
}
