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

#include <signal.h>
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
	KVM440_CONSOLE_PTY,	/* a pseudo-terminal; kvm440ctl console */
	KVM440_CONSOLE_SOCKET,	/* a unix socket at console_path, one
				 * client at a time; kvm440ctl console */
};
#define KVM440_SOCKET_PATH_MAX	107	/* sun_path less its NUL */

#define KVM440_PATH_MAX 1024

#define KVM440_MAX_DISKS 4

/*
 * A parsed guest.cfg. Opaque, so that a new key changes no ABI; read it
 * with the accessors below, free it with kvm440_config_free().
 */
struct kvm440_config;

/*
 * Parse @len bytes of guest.cfg text into a new config *@cfg. @file names
 * the source in messages; relative paths in it are resolved against
 * @file's directory. On error the message is "FILE:LINE: problem", *@cfg
 * is left alone and -EINVAL (-ENOMEM) is returned.
 */
int kvm440_config_parse(const char *text, size_t len, const char *file,
			struct kvm440_config **cfg, struct kvm440_error *err);
/* Read and parse @path; -errno with "PATH: reason" if it cannot be read. */
int kvm440_config_load(const char *path, struct kvm440_config **cfg,
		       struct kvm440_error *err);
/* Free a config; NULL is fine. */
void kvm440_config_free(struct kvm440_config *cfg);

/* The config file's path as given to kvm440_config_load() (or @file). */
const char *kvm440_config_file(const struct kvm440_config *cfg);
/* "name", or the file's base name without its extension. */
const char *kvm440_config_name(const struct kvm440_config *cfg);
/* "memory" in bytes. */
uint64_t kvm440_config_memory(const struct kvm440_config *cfg);
/* "console"; for KVM440_CONSOLE_FILE *@path (if given) is the file. */
enum kvm440_console kvm440_config_console(const struct kvm440_config *cfg,
					  const char **path);
/* "console_fast": 1 (on) or 0 (off). */
int kvm440_config_console_fast(const struct kvm440_config *cfg);
/* The line @key was set on; 0 if it was not set or is no key. */
unsigned int kvm440_config_line(const struct kvm440_config *cfg,
				const char *key);

/*
 * Check @cfg against everything but a running module, so that a bad
 * config fails before a VM exists: every file it names is read and loaded
 * exactly as kvm440_boot() would, with every bound checked but nothing
 * written (no guest memory is needed), the console file
 * must be writable, and memory must fit the loaded module's
 * max_vm_mem_mb (/sys/module/kvm440/parameters, when present). -errno
 * with "FILE:LINE: key: problem".
 */
int kvm440_config_check(const struct kvm440_config *cfg,
			struct kvm440_error *err);

/* ------------------------------------------------------------------ */
/* Guest image loaders (loader_elf.c, loader_uimage.c, loader_raw.c)   */

/*
 * A view of one guest RAM region as the loader writes it. With host NULL
 * the loaders and kvm440_place_blob() check everything and write nothing
 * (kvm440_config_check() loads a config that way).
 */
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
/*
 * Name the VM for netlink and kvm440ctl (KVM440_SET_VM_NAME): -EINVAL
 * with the rule in @err for a name the module refuses; 0 without doing
 * anything on a module older than names (no KVM440_CAP_VM_NAME).
 */
int kvm440_vm_set_name(struct kvm440_vm *vm, const char *name,
		       struct kvm440_error *err);

/*
 * Give the guest @size bytes of RAM at @gpa, mapped for the caller in
 * *@out. By default the module allocates it (KVM440_MEM_ALLOC, mapped
 * from the VM fd: physically contiguous chunks that large shadow TLB
 * entries can map); when the module cannot (an older module, memory too
 * fragmented, mmap refused) it is anonymous memory the module pins, and
 * kvm440_vm_ram_note() says why. Memory limits (E2BIG, EEXIST, EINVAL)
 * fail either way and are reported without a fallback.
 */
int kvm440_vm_add_ram(struct kvm440_vm *vm, uint64_t gpa, uint64_t size,
		      struct kvm440_gmem *out, struct kvm440_error *err);
#define KVM440_RAM_ANON		(1u << 0)	/* anonymous memory only */
#define KVM440_RAM_MODULE	(1u << 1)	/* module memory or failure */
int kvm440_vm_add_ram_flags(struct kvm440_vm *vm, uint64_t gpa, uint64_t size,
			    unsigned int flags, struct kvm440_gmem *out,
			    struct kvm440_error *err);
/* One line on how the last RAM added is backed (and why); "" before. */
const char *kvm440_vm_ram_note(const struct kvm440_vm *vm);

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
/* 1 if the module has capability @cap (KVM440_CAP_*), else 0. */
int kvm440_vm_has_cap(struct kvm440_vm *vm, unsigned int cap);
/*
 * Let the module answer the console UART at @uart_gpa (0: stop) with the
 * vCPU's shared struct kvm440_console_ring (kvm440_vm_console()).
 */
int kvm440_vm_set_console(struct kvm440_vm *vm, uint64_t uart_gpa,
			  struct kvm440_error *err);
/* KVM440_SET_GUEST_DEBUG (breakpoint addresses, single step). */
int kvm440_vm_set_guest_debug(struct kvm440_vm *vm,
			      const struct kvm440_guest_debug *dbg,
			      struct kvm440_error *err);
/* The vCPU's struct kvm440_console_ring; NULL before the vCPU exists. */
struct kvm440_console_ring *kvm440_vm_console(struct kvm440_vm *vm);

/*
 * One KVM440_RUN. Returns the exit reason (enum kvm440_exit_reason) with the
 * details in kvm440_vm_run_struct(), -EINTR when a signal interrupted it, or
 * another negative errno.
 */
int kvm440_vm_run_once(struct kvm440_vm *vm, struct kvm440_error *err);

/* ------------------------------------------------------------------ */
/* Booting a guest (boot.c), the protocol docs/board.md describes       */

/*
 * Give @vm the config's RAM (@ram_flags: KVM440_RAM_*, 0 for the
 * default), load the kernel, initrd and patched device tree into it,
 * create the vCPU and set its registers and boot TLB entries so that the
 * next RUN enters the guest. Run it with kvm440_board_create() and
 * kvm440_board_run(). -errno with a message naming the file and line, or
 * the ioctl, concerned.
 */
int kvm440_boot(struct kvm440_vm *vm, const struct kvm440_config *cfg,
		unsigned int ram_flags, struct kvm440_error *err);

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
	char name[KVM440_NAME_MAX];	/* "" if the VM has none */
	uint32_t owner_uid;	/* valid if has_owner_uid */
	int has_owner_uid;	/* a module older than names has none */
};

struct kvm440_event_info {
	uint32_t event;		/* enum kvm440_event */
	uint32_t vm_id;
	uint32_t data;
	uint32_t owner_pid;
	char name[KVM440_NAME_MAX];	/* "" if the VM has none */
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

/*
 * Pause or resume the VM: its guest does not run meanwhile (docs/api.md).
 * For the VM's owner or CAP_NET_ADMIN, as is kvm440_nl_stop_vm().
 */
int kvm440_nl_pause_vm(struct kvm440_nl *nl, uint32_t id,
		       struct kvm440_error *err);
int kvm440_nl_resume_vm(struct kvm440_nl *nl, uint32_t id,
			struct kvm440_error *err);
/* The vCPU's registers, supervisor state and guest TLB at one instant. */
struct kvm440_vcpu_state {
	struct kvm440_regs regs;
	struct kvm440_sregs sregs;
	struct kvm440_tlb tlb;
};
int kvm440_nl_get_vcpu(struct kvm440_nl *nl, uint32_t id,
		       struct kvm440_vcpu_state *out,
		       struct kvm440_error *err);
/*
 * @vm names a VM: all digits is an id (taken as is; names are never all
 * digits), anything else a name, which must match exactly one VM
 * (-ENOENT: none, -EEXIST: several).
 */
int kvm440_nl_resolve(struct kvm440_nl *nl, const char *vm, uint32_t *id,
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

/* ------------------------------------------------------------------ */
/* The virtual 440 board (docs/board.md): board.c, uart16550.c, uic.c,  */
/* fdt.c, run.c. A guest Linux sees an AMCC Bamboo (440EP).            */

/* Memory map and DCR map of the board. */
#define KVM440_BOARD_IO_PAGE	0xef600000ull	/* the 4K page of the UARTs */
#define KVM440_BOARD_UART0	0xef600300ull
#define KVM440_BOARD_UART1	0xef600400ull
#define KVM440_BOARD_UART_SIZE	8
#define KVM440_BOARD_UART0_IRQ	0		/* UIC0 input */
#define KVM440_BOARD_UART1_IRQ	1
#define KVM440_BOARD_UIC0_DCR	0xc0
#define KVM440_BOARD_UIC1_DCR	0xd0
#define KVM440_BOARD_UIC1_IRQ	30		/* UIC1 -> UIC0 30 (31: crit) */
#define KVM440_BOARD_CPR0_DCR	0x0c		/* indirect address/data pairs */
#define KVM440_BOARD_SDR0_DCR	0x0e

/*
 * 16550 UART (uart16550.c). Registers by offset 0..7 (DLAB selects
 * DLL/DLM at 0/1); 16-byte receive FIFO. @irq is called whenever the
 * interrupt output changes, @tx for every transmitted byte (not in
 * loopback). Either callback may be NULL.
 */
#define KVM440_UART_FIFO	16
struct kvm440_uart;
int kvm440_uart_create(struct kvm440_uart **uart,
		       void (*irq)(void *opaque, int level),
		       void (*tx)(void *opaque, uint8_t byte), void *opaque);
void kvm440_uart_destroy(struct kvm440_uart *uart);
uint8_t kvm440_uart_read(struct kvm440_uart *uart, unsigned int reg);
void kvm440_uart_write(struct kvm440_uart *uart, unsigned int reg,
		       uint8_t val);
/* Feed received bytes; returns how many fit in the receive FIFO. */
size_t kvm440_uart_receive(struct kvm440_uart *uart, const uint8_t *buf,
			   size_t len);
/* Free room in the receive FIFO. */
size_t kvm440_uart_rx_room(const struct kvm440_uart *uart);
/* Current level of the interrupt output. */
int kvm440_uart_irq_level(const struct kvm440_uart *uart);
/*
 * Whether the in-kernel console may answer for @uart now (1) or not (0):
 * a THR write would only transmit, LSR and IER reads return *@lsr and
 * *@ier and an IER write of *@ier changes nothing.
 */
int kvm440_uart_fast_state(const struct kvm440_uart *uart, uint8_t *lsr,
			   uint8_t *ier);
/*
 * The in-kernel console's shared state (console_ring.c). Before RUN:
 * publish @uart's state. After RUN, before handling the exit: drain the
 * queued bytes into @uart as THR writes, in order; returns how many.
 */
void kvm440_console_publish(struct kvm440_console_ring *c,
			    const struct kvm440_uart *uart);
size_t kvm440_console_drain(struct kvm440_console_ring *c,
			    struct kvm440_uart *uart);

/*
 * The 440 Universal Interrupt Controller (uic.c): 32 inputs, registers by
 * DCR offset from its base. @out is called whenever the non-critical or
 * critical output changes. Inputs reset active-high, level, non-critical,
 * disabled.
 */
#define KVM440_UIC_SR	0	/* status, write one to clear */
#define KVM440_UIC_ER	2	/* enable */
#define KVM440_UIC_CR	3	/* 1 = critical */
#define KVM440_UIC_PR	4	/* 1 = active high / rising edge */
#define KVM440_UIC_TR	5	/* 1 = edge, 0 = level */
#define KVM440_UIC_MSR	6	/* SR & ER, read-only */
#define KVM440_UIC_VR	7	/* critical vector, read-only */
#define KVM440_UIC_VCR	8	/* vector base | PRO (bit 31) */
#define KVM440_UIC_NREGS 9
struct kvm440_uic;
int kvm440_uic_create(struct kvm440_uic **uic,
		      void (*out)(void *opaque, int ext, int crit),
		      void *opaque);
void kvm440_uic_destroy(struct kvm440_uic *uic);
/* Input @irq (0 = most significant bit of the registers) is now @level. */
void kvm440_uic_set_input(struct kvm440_uic *uic, unsigned int irq,
			  int level);
uint32_t kvm440_uic_read(struct kvm440_uic *uic, unsigned int reg);
void kvm440_uic_write(struct kvm440_uic *uic, unsigned int reg, uint32_t val);
void kvm440_uic_outputs(const struct kvm440_uic *uic, int *ext, int *crit);

/*
 * Device trees (fdt.c). kvm440_board_dtb() is the built-in board's,
 * compiled from board/kvm440-bamboo.dts at build time.
 */
const void *kvm440_board_dtb(size_t *len);

struct kvm440_fdt_params {
	uint64_t mem_base, mem_size;	/* /memory reg */
	const char *bootargs;		/* /chosen/bootargs; NULL or "": kept */
	uint64_t initrd_start;		/* linux,initrd-start/-end; */
	uint64_t initrd_end;		/* end <= start: none (removed) */
	uint32_t timebase_freq;		/* every cpu node; 0: kept */
	uint32_t cpu_freq;		/* cpu clock-frequency; 0: kept */
};
/*
 * Patch a copy of the device tree @in (@in_len bytes, checked) with @p
 * into a malloc()ed blob *@out of *@out_len bytes (the caller frees it).
 * /chosen is created when missing. -EINVAL for a bad tree.
 */
int kvm440_fdt_patch(const void *in, size_t in_len,
		     const struct kvm440_fdt_params *p, void **out,
		     size_t *out_len, struct kvm440_error *err);
/*
 * The host's timebase and CPU clock frequencies, which the guest must be
 * told (it reads the real timebase): from @dt_root (NULL:
 * "/proc/device-tree") cpus/<cpu>/timebase-frequency and clock-frequency,
 * else @cpuinfo (NULL: "/proc/cpuinfo") "timebase" and "clock" lines.
 * -ENOENT when neither says; a value not found is left as it was.
 */
int kvm440_host_freqs(const char *dt_root, const char *cpuinfo,
		      uint32_t *timebase, uint32_t *clock);

/*
 * The board (board.c): UART0 (console) and UART1 on MMIO, UIC0 and the
 * cascaded UIC1 plus CPR0/SDR0 on DCRs. Unknown DCRs read as 0 and are
 * reported through @log once each.
 */
struct kvm440_board_ops {
	const char *name;	/* the guest's name, for messages */
	/* UART0 output; NULL discards it */
	void (*console_out)(void *opaque, const uint8_t *buf, size_t len);
	/*
	 * The core's input @irq (KVM440_IRQ_*) changed to @level. NULL: the
	 * board calls kvm440_vm_irq_line() on the VM kvm440_board_run()
	 * runs. A negative return ends the run with that error.
	 */
	int (*irq_line)(void *opaque, uint32_t irq, uint32_t level);
	/* a one-line diagnostic (no newline); NULL drops it */
	void (*log)(void *opaque, const char *msg);
	void *opaque;
};
struct kvm440_board;
int kvm440_board_create(const struct kvm440_board_ops *ops,
			struct kvm440_board **board,
			struct kvm440_error *err);
void kvm440_board_destroy(struct kvm440_board *board);
/*
 * One MMIO access of @len (1, 2 or 4) bytes, @data big-endian as in
 * struct kvm440_run. 0, -ENODEV when no device is at @addr, -EINVAL for
 * another length.
 */
int kvm440_board_mmio(struct kvm440_board *board, uint64_t addr,
		      uint8_t *data, uint32_t len, int is_write);
/* One DCR access; always 0 (an unknown DCR reads as 0, writes vanish). */
int kvm440_board_dcr(struct kvm440_board *board, uint32_t dcrn,
		     uint32_t *data, int is_write);
/* Console input for UART0; returns the bytes it took (FIFO room). */
size_t kvm440_board_console_input(struct kvm440_board *board,
				  const uint8_t *buf, size_t len);
/*
 * Whether kvm440_board_run() may let the module answer UART0's simple
 * accesses (the default, 1) when it can (KVM440_CAP_CONSOLE); 0 makes
 * every console access an MMIO exit, as with an older module.
 */
void kvm440_board_set_console_fast(struct kvm440_board *board, int on);
/* The devices, for tests and monitors: UART 0/1, UIC 0/1, else NULL. */
struct kvm440_uart *kvm440_board_uart(struct kvm440_board *board,
				      unsigned int n);
struct kvm440_uic *kvm440_board_uic(struct kvm440_board *board,
				    unsigned int n);

/*
 * virtio devices on the board (virtio_board.c; virtio-mmio version 2,
 * docs/board.md): one per `disk` line, in order (the guest's vda, vdb,
 * ...), then one for `net`. Device n is at KVM440_BOARD_VIRTIO_BASE + n *
 * KVM440_BOARD_VIRTIO_STRIDE and drives UIC0 input
 * KVM440_BOARD_VIRTIO_IRQ + n.
 */
#define KVM440_BOARD_VIRTIO_BASE	0xd0000000ull
#define KVM440_BOARD_VIRTIO_STRIDE	0x1000ull
#define KVM440_BOARD_VIRTIO_IRQ		16
struct kvm440_virtio;
/*
 * Open the images and the TAP device @cfg names, for a guest booted on @vm
 * by kvm440_boot() (which put the devices' nodes in its device tree); a
 * failure is "FILE:LINE: disk: PATH: reason". *@out is NULL-safe for the
 * calls below.
 */
int kvm440_virtio_create(const struct kvm440_config *cfg, struct kvm440_vm *vm,
			 struct kvm440_virtio **out, struct kvm440_error *err);
/*
 * Put the devices on @board. With a network, a thread watches the TAP
 * device and calls @kick (from that thread) until the run loop has called
 * kvm440_virtio_poll(): @kick must make KVM440_RUN return (a signal).
 */
int kvm440_virtio_attach(struct kvm440_virtio *v, struct kvm440_board *board,
			 void (*kick)(void *opaque), void *opaque,
			 struct kvm440_error *err);
/* Before every RUN: deliver received frames if the watcher saw some. */
void kvm440_virtio_poll(struct kvm440_virtio *v);
void kvm440_virtio_destroy(struct kvm440_virtio *v);
/* What device @i did so far (kvm440_virtio_stats); -ENOENT past the last. */
struct kvm440_virtio_stat {
	char name[32];		/* "vda", or the TAP device's name */
	uint64_t notifies;	/* QueueNotify writes: MMIO exits */
	uint64_t irqs;		/* used-buffer interrupts raised */
	uint64_t in_ops, in_bytes;	/* blk: reads; net: frames received */
	uint64_t out_ops, out_bytes;	/* blk: writes; net: frames sent */
	uint64_t flushes;	/* blk: FLUSH requests */
	uint64_t errors;	/* blk: IOERR/UNSUPP; net: frames dropped */
};
int kvm440_virtio_stats(const struct kvm440_virtio *v, unsigned int i,
			struct kvm440_virtio_stat *st);

/* How a run of the board ended (run.c). */
enum kvm440_board_end {
	KVM440_END_NONE,	/* not ended: run again */
	KVM440_END_SHUTDOWN,	/* the guest shut down or asked for a reset */
	KVM440_END_STOPPED,	/* STOP_VM, or the caller's poll hook */
	KVM440_END_ERROR,	/* internal error, MMIO to no device, ... */
};
struct kvm440_board_exit {
	enum kvm440_board_end end;
	/* what happened, for the user; after an internal error or an
	 * access to no device, the registers follow on lines of their own */
	char msg[1024];
};
/*
 * Service the exit described by @run: MMIO to the device at the address
 * (completed in @run for the next RUN), DCR to the UICs/board DCRs,
 * SYSTEM_EVENT/STOPPED/INTERNAL_ERROR end the run. Returns 1 when the
 * run ended (@out says how), 0 to run again.
 */
int kvm440_board_handle_exit(struct kvm440_board *board,
			     struct kvm440_run *run,
			     struct kvm440_board_exit *out);
/*
 * Run @vm on @board until it ends. @poll (may be NULL) is called before
 * every RUN, with @halted 1 after a HALT exit (it may then block briefly
 * waiting for input); a non-zero return ends the run with what it put in
 * @out. A RUN interrupted by a signal (-EINTR) just polls again. Returns 0
 * with @out filled, or a negative errno if RUN itself failed.
 */
int kvm440_board_run(struct kvm440_board *board, struct kvm440_vm *vm,
		     int (*poll)(void *opaque, int halted,
				 struct kvm440_board_exit *out),
		     void *opaque, struct kvm440_board_exit *out,
		     struct kvm440_error *err);

/* ------------------------------------------------------------------ */
/* GDB remote stub (gdbstub.c): kvm440ctl start --gdb                  */

/*
 * Guest effective address @ea to guest physical *@pa through @tlb as the
 * 440 would match it with PID @pid and translation space @ts (MSR[IS]
 * for fetches, MSR[DS] for data); *@room: bytes left in that page.
 * -EFAULT when no entry maps it (the guest would take a TLB miss).
 */
int kvm440_gtlb_translate(const struct kvm440_tlb *tlb, uint32_t pid, int ts,
			  uint32_t ea, uint64_t *pa, uint32_t *room);
/* After writing guest code through a host mapping: make the 440 fetch it. */
void kvm440_sync_icache(void *addr, size_t len);

struct kvm440_gdb;
/* Listen on 127.0.0.1:@port (only there: the stub owns the guest). */
int kvm440_gdb_listen(struct kvm440_gdb **g, uint16_t port,
		      struct kvm440_error *err);
/*
 * Wait for gdb to connect; the guest (@vm, RAM @mem[0..@nmem), or with
 * @mem NULL the RAM at guest physical 0 that kvm440_boot() added) stays
 * stopped until gdb continues or steps it. Needs KVM440_CAP_GUEST_DEBUG.
 */
int kvm440_gdb_accept(struct kvm440_gdb *g, struct kvm440_vm *vm,
		      const struct kvm440_gmem *mem, unsigned int nmem,
		      struct kvm440_error *err);
/*
 * Call from kvm440_board_run()'s poll hook, before every RUN: reports a
 * breakpoint, step or Ctrl-C to gdb and serves it until the guest may
 * run again. 1 when the run must end (gdb's kill, or *@stop set by a
 * signal while gdb holds the guest), with @out filled; else 0. After gdb
 * detaches or disconnects it does nothing.
 */
int kvm440_gdb_poll(struct kvm440_gdb *g, const volatile sig_atomic_t *stop,
		    struct kvm440_board_exit *out);
/* Tell a still-connected gdb the guest is gone (W00) and free the stub. */
void kvm440_gdb_close(struct kvm440_gdb *g);

#ifdef __cplusplus
}
#endif
#endif
