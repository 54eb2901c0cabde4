/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libkvm440 — run PowerPC 440 guests on /dev/kvm440.
 *
 * Conventions, for every function here:
 * - returns 0 (or a documented non-negative value) on success and a negative
 *   errno on failure;
 * - when given a struct kvm440_error, fills it with a message a caller can
 *   print as is (it names the file, line or ioctl concerned);
 * - never prints, never exits, never installs signal handlers.
 * Handles are opaque and freed by their own destroy or close function.
 */
#ifndef LIBKVM440_H
#define LIBKVM440_H

#include <stddef.h>
#include <stdint.h>
#include <linux/kvm440.h>

#ifdef __cplusplus
extern "C" {
#endif

struct kvm440_error {
	char msg[512];
};

/* ------------------------------------------------------------------ */
/* guest.cfg (config.c); the format is documented in docs/guest-cfg.md */

enum kvm440_image_format {
	KVM440_IMAGE_AUTO,	/* by magic: ELF, then uImage, else error */
	KVM440_IMAGE_ELF,
	KVM440_IMAGE_UIMAGE,
	KVM440_IMAGE_RAW,	/* needs a load address */
};

enum kvm440_console {
	KVM440_CONSOLE_STDIO,
	KVM440_CONSOLE_NONE,
	KVM440_CONSOLE_FILE,	/* output appended to console_path */
};

#define KVM440_PATH_MAX 1024

struct kvm440_config {
	char name[64];			/* "name"; default: file's base name */
	uint64_t mem_size;		/* "memory", bytes; required */
	char kernel[KVM440_PATH_MAX];	/* "kernel"; required */
	enum kvm440_image_format kernel_format;	/* "format" */
	int has_load_addr;
	uint32_t load_addr;		/* "load_addr": raw images */
	int has_entry;
	uint32_t entry;			/* "entry": overrides the image's */
	char initrd[KVM440_PATH_MAX];	/* "initrd"; "" for none */
	char dtb[KVM440_PATH_MAX];	/* "dtb"; "" for the built-in board */
	char cmdline[1024];		/* "cmdline" */
	enum kvm440_console console;	/* "console" */
	char console_path[KVM440_PATH_MAX];
};

/*
 * Parse @len bytes of guest.cfg text. @file names the source in messages;
 * relative paths in it are resolved against @file's directory. On error the
 * message is "FILE:LINE: problem" and -EINVAL is returned.
 */
int kvm440_config_parse(const char *text, size_t len, const char *file,
			struct kvm440_config *cfg, struct kvm440_error *err);
/* Read and parse @path; -errno with "PATH: reason" if it cannot be read. */
int kvm440_config_load(const char *path, struct kvm440_config *cfg,
		       struct kvm440_error *err);

/* ------------------------------------------------------------------ */
/* Guest image loaders (loader_elf.c, loader_uimage.c, loader_raw.c)   */

/* A view of one guest RAM region as the loader writes it. */
struct kvm440_gmem {
	uint8_t *host;		/* host mapping of guest physical gpa */
	uint64_t gpa;
	uint64_t size;
};

struct kvm440_image_info {
	enum kvm440_image_format format;	/* what was actually loaded */
	uint32_t entry;		/* guest physical entry point */
	uint64_t load_start;	/* lowest guest physical byte written */
	uint64_t load_end;	/* one past the highest */
	char name[33];		/* uImage name, "" otherwise */
};

/* Which format @img looks like (ELF or uImage magic), else RAW. */
enum kvm440_image_format kvm440_image_detect(const void *img, size_t len);

/*
 * Each loader copies @img into @mem and fills @info. Every byte written
 * must fall inside @mem: a segment outside it is -ERANGE, a truncated or
 * malformed image -EINVAL, a wrong machine/class/endianness -ENOEXEC, a bad
 * uImage CRC -EBADMSG, an unsupported compression -ENOTSUP. @what names
 * the image in messages (usually its path).
 */
int kvm440_load_elf(const void *img, size_t len, const char *what,
		    const struct kvm440_gmem *mem,
		    struct kvm440_image_info *info, struct kvm440_error *err);
int kvm440_load_uimage(const void *img, size_t len, const char *what,
		       const struct kvm440_gmem *mem,
		       struct kvm440_image_info *info,
		       struct kvm440_error *err);
int kvm440_load_raw(const void *img, size_t len, const char *what,
		    uint32_t load_addr, const struct kvm440_gmem *mem,
		    struct kvm440_image_info *info, struct kvm440_error *err);

/*
 * Read @path and load it as @format (AUTO detects). @load_addr is used for
 * RAW images only.
 */
int kvm440_load_file(const char *path, enum kvm440_image_format format,
		     uint32_t load_addr, const struct kvm440_gmem *mem,
		     struct kvm440_image_info *info, struct kvm440_error *err);

/*
 * Place a blob (initrd, dtb) at the highest @align-aligned address below
 * @below that keeps it clear of [@avoid_start, @avoid_end). Returns the
 * guest physical address in *@gpa.
 */
int kvm440_place_blob(const void *data, size_t len, uint64_t below,
		      uint64_t align, uint64_t avoid_start, uint64_t avoid_end,
		      const struct kvm440_gmem *mem, uint64_t *gpa,
		      struct kvm440_error *err);

/* IEEE 802.3 CRC-32 as the uImage header uses it. */
uint32_t kvm440_crc32(uint32_t crc, const void *buf, size_t len);

/* ------------------------------------------------------------------ */
/* VMs and the vCPU (vm.c): thin, checked wrappers over the ioctls     */

struct kvm440_vm;

/* Open @dev (NULL: /dev/kvm440), check the API version, create a VM. */
int kvm440_vm_create(const char *dev, struct kvm440_vm **vm,
		     struct kvm440_error *err);
/* Close every fd and unmap guest memory; the VM is gone afterwards. */
void kvm440_vm_destroy(struct kvm440_vm *vm);
/* The VM fd, for callers that poll or issue raw ioctls. */
int kvm440_vm_fd(const struct kvm440_vm *vm);

/* Allocate @size bytes of anonymous memory and give it to the guest at @gpa. */
int kvm440_vm_add_ram(struct kvm440_vm *vm, uint64_t gpa, uint64_t size,
		      struct kvm440_gmem *out, struct kvm440_error *err);

/* Create the vCPU and map its run structure. */
int kvm440_vm_create_vcpu(struct kvm440_vm *vm, struct kvm440_error *err);
struct kvm440_run *kvm440_vm_run_struct(struct kvm440_vm *vm);
int kvm440_vm_vcpu_fd(const struct kvm440_vm *vm);

int kvm440_vm_get_regs(struct kvm440_vm *vm, struct kvm440_regs *regs,
		       struct kvm440_error *err);
int kvm440_vm_set_regs(struct kvm440_vm *vm, const struct kvm440_regs *regs,
		       struct kvm440_error *err);
int kvm440_vm_get_sregs(struct kvm440_vm *vm, struct kvm440_sregs *sregs,
			struct kvm440_error *err);
int kvm440_vm_set_sregs(struct kvm440_vm *vm,
			const struct kvm440_sregs *sregs,
			struct kvm440_error *err);
int kvm440_vm_get_tlb(struct kvm440_vm *vm, struct kvm440_tlb *tlb,
		      struct kvm440_error *err);
int kvm440_vm_set_tlb(struct kvm440_vm *vm, const struct kvm440_tlb *tlb,
		      struct kvm440_error *err);
int kvm440_vm_irq_line(struct kvm440_vm *vm, uint32_t irq, uint32_t level,
		       struct kvm440_error *err);
int kvm440_vm_get_stats(struct kvm440_vm *vm, struct kvm440_stats *stats,
			struct kvm440_error *err);

/*
 * One KVM440_RUN. Returns the exit reason (enum kvm440_exit_reason) with the
 * details in kvm440_vm_run_struct(), -EINTR when a signal interrupted it, or
 * another negative errno.
 */
int kvm440_vm_run_once(struct kvm440_vm *vm, struct kvm440_error *err);

/* ------------------------------------------------------------------ */
/* Names for display (names.c)                                         */

const char *kvm440_stat_name(unsigned int stat);	/* "mmio", ... */
const char *kvm440_vm_state_name(unsigned int state);	/* "running", ... */
const char *kvm440_event_name(unsigned int event);	/* "created", ... */
const char *kvm440_exit_reason_name(unsigned int reason);

/* ------------------------------------------------------------------ */
/* Netlink status client over libmnl (netlink.c)                       */

struct kvm440_vm_info {
	uint32_t id;
	uint32_t owner_pid;
	uint32_t state;		/* enum kvm440_vm_state */
	uint32_t vcpus;
	uint64_t mem_size;
	uint64_t uptime_ms;
	uint32_t nstats;	/* valid entries in stats[] */
	uint64_t stats[KVM440_STATS_MAX];
};

struct kvm440_event_info {
	uint32_t event;		/* enum kvm440_event */
	uint32_t vm_id;
	uint32_t data;
	uint32_t owner_pid;
};

struct kvm440_nl;

/* Open a generic-netlink socket and resolve the "kvm440" family. */
int kvm440_nl_open(struct kvm440_nl **nl, struct kvm440_error *err);
void kvm440_nl_close(struct kvm440_nl *nl);

/* Dump every VM; @cb is called once per VM, a non-zero return stops. */
int kvm440_nl_list_vms(struct kvm440_nl *nl,
		       int (*cb)(const struct kvm440_vm_info *vm, void *arg),
		       void *arg, struct kvm440_error *err);
/* One VM by id; -ENOENT if there is none. */
int kvm440_nl_get_vm(struct kvm440_nl *nl, uint32_t id,
		     struct kvm440_vm_info *out, struct kvm440_error *err);
/* Ask the VM's RUN to return KVM440_EXIT_STOPPED; needs CAP_NET_ADMIN. */
int kvm440_nl_stop_vm(struct kvm440_nl *nl, uint32_t id,
		      struct kvm440_error *err);

/* Join the events multicast group. */
int kvm440_nl_subscribe(struct kvm440_nl *nl, struct kvm440_error *err);
/*
 * Wait up to @timeout_ms (-1: forever) for the next event. Returns 1 with
 * *@ev filled, 0 on timeout, negative errno on failure.
 */
int kvm440_nl_next_event(struct kvm440_nl *nl, int timeout_ms,
			 struct kvm440_event_info *ev,
			 struct kvm440_error *err);

/*
 * Decoding of one kvm440 netlink message (the family header follows the
 * nlmsghdr), exposed for the unit tests: 0, or -EINVAL if malformed.
 */
struct nlmsghdr;
int kvm440_nl_parse_vm(const struct nlmsghdr *nlh,
		       struct kvm440_vm_info *out);
int kvm440_nl_parse_event(const struct nlmsghdr *nlh,
			  struct kvm440_event_info *out);

#ifdef __cplusplus
}
#endif
#endif
