// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A GDB remote-protocol stub for one kvm440 guest (kvm440ctl start --gdb).
 *
 * It listens on 127.0.0.1 only: whoever talks to it can read and write
 * the guest's memory and registers, so it is never reachable from the
 * network (ssh -L is the way to debug from elsewhere).
 *
 * Threading: everything runs on the thread that calls KVM440_RUN, inside
 * kvm440_board_run()'s poll hook (kvm440_gdb_poll()), except a watcher
 * thread that, while the guest runs, only polls the socket and kicks RUN
 * with SIGUSR1 when gdb sent something (Ctrl-C, 0x03): RUN returns
 * -EINTR and the hook reads it. The watcher never reads the socket.
 *
 * Registers: gdb's default 32-bit PowerPC layout (powerpc:common; gdb's
 * rs6000 powerpc-32 description): r0-r31 (4 bytes), f0-f31 (8 bytes),
 * pc, msr, cr, lr, ctr, xer, fpscr (4 bytes), regnums 0-70. The FPRs and
 * FPSCR are not in the vCPU's register ioctls: they read as zero and
 * writes to them are ignored.
 *
 * Memory goes through the guest's translation, as the guest would see it
 * now: its TLB (KVM440_GET_TLB), PID and MSR[DS] for m/M, MSR[IS] for
 * breakpoints (they are fetched). A 440 never runs untranslated, so
 * there is no "physical" fallback: an address no guest TLB entry maps is
 * an error (E14), as is one mapping outside guest RAM (devices are not
 * read on gdb's behalf: a read can have side effects).
 *
 * Breakpoints (Z0/z0) are `trap` (0x7fe00008) written into guest RAM,
 * with the original word kept and shown to m in its place (an M over it
 * changes the kept word); the module is told their addresses
 * (KVM440_SET_GUEST_DEBUG) so only those traps exit. Single step (s) is
 * the module's (one instruction per RUN). Detach (D) or a dropped
 * connection removes every breakpoint and lets the guest run on.
 */
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#define GDB_BUF		4096
#define TRAP_INSN	0x7fe00008u	/* tw 31,0,0: what gdb plants too */
#define NREGS		71
#define REG_PC		64
#define MSR_IS		0x00000020u
#define MSR_DS		0x00000010u
#define SIGTRAP_NO	5
#define SIGINT_NO	2

struct gdb_bp {
	uint32_t addr;
	uint32_t orig;
};

struct kvm440_gdb {
	int lfd, fd;
	struct kvm440_vm *vm;
	struct kvm440_gmem mem[KVM440_MAX_MEM_SLOTS];
	unsigned int nmem;
	int stopped;		/* the guest waits for c/s */
	int stepping;
	int last_sig;
	int detached;		/* gdb left: the guest runs free */
	struct gdb_bp bp[KVM440_GUESTDBG_MAX_BP];
	unsigned int nbp;
	pthread_t watcher, main_thread;
	int have_watcher;
	atomic_int running;	/* the watcher may kick */
	atomic_int quit;
	char in[GDB_BUF], out[GDB_BUF];
};

/* ---- translation ------------------------------------------------------ */

int kvm440_gtlb_translate(const struct kvm440_tlb *tlb, uint32_t pid, int ts,
			  uint32_t ea, uint64_t *pa, uint32_t *room)
{
	unsigned int i;

	for (i = 0; i < KVM440_TLB_ENTRIES; i++) {
		const struct kvm440_tlb_entry *e = &tlb->e[i];
		uint32_t w0 = e->word0, code, size, base;

		if (!(w0 & KVM440_TLB0_V) || !!(w0 & KVM440_TLB0_TS) != !!ts)
			continue;
		if ((e->tid & 0xff) && (e->tid & 0xff) != (pid & 0xff))
			continue;
		code = (w0 & KVM440_TLB0_SIZE_MASK) >> KVM440_TLB0_SIZE_SHIFT;
		if (code > 9 || code == 6 || code == 8)
			continue;	/* 4M and 64M are reserved on the 440 */
		size = 1024u << (2 * code);
		base = w0 & KVM440_TLB0_EPN_MASK & ~(size - 1);
		if (ea - base >= size)
			continue;
		*pa = ((uint64_t)(e->word1 & KVM440_TLB1_ERPN_MASK) << 32 |
		       (e->word1 & KVM440_TLB1_RPN_MASK & ~(size - 1))) +
		      (ea - base);
		*room = size - (ea - base);
		return 0;
	}
	return -EFAULT;
}

/* The host address of @len bytes at guest EA @ea, or NULL. */
static uint8_t *guest_ptr(struct kvm440_gdb *g, uint32_t ea, int fetch,
			  uint32_t *len)
{
	static struct kvm440_tlb tlb;
	struct kvm440_regs regs;
	struct kvm440_sregs sregs;
	uint64_t pa;
	uint32_t room;
	unsigned int i;

	if (kvm440_vm_get_regs(g->vm, &regs, NULL) < 0 ||
	    kvm440_vm_get_sregs(g->vm, &sregs, NULL) < 0 ||
	    kvm440_vm_get_tlb(g->vm, &tlb, NULL) < 0)
		return NULL;
	if (kvm440_gtlb_translate(&tlb, sregs.pid,
				  !!(regs.msr & (fetch ? MSR_IS : MSR_DS)), ea,
				  &pa, &room) < 0)
		return NULL;
	for (i = 0; i < g->nmem; i++) {
		const struct kvm440_gmem *m = &g->mem[i];

		if (pa < m->gpa || pa - m->gpa >= m->size)
			continue;
		if (room > m->size - (pa - m->gpa))
			room = (uint32_t)(m->size - (pa - m->gpa));
		if (*len > room)
			*len = room;
		return m->host + (pa - m->gpa);
	}
	return NULL;
}

/* Copy between gdb and guest memory, page by page; -1 if any is unmapped. */
static int guest_rw(struct kvm440_gdb *g, uint32_t ea, uint8_t *buf,
		    uint32_t len, int write, int fetch)
{
	while (len) {
		uint32_t n = len;
		uint8_t *p = guest_ptr(g, ea, fetch, &n);

		if (!p || !n)
			return -1;
		if (write) {
			memcpy(p, buf, n);
			kvm440_sync_icache(p, n);
		} else {
			memcpy(buf, p, n);
		}
		ea += n;
		buf += n;
		len -= n;
	}
	return 0;
}

/*
 * The guest fetches through its instruction cache, which the 440 does
 * not keep coherent with stores: push the new words out of the data
 * cache and drop stale instruction-cache lines (both allowed in user
 * mode).
 */
void kvm440_sync_icache(void *addr, size_t len)
{
#if defined(__powerpc__)
	uintptr_t p = (uintptr_t)addr & ~(uintptr_t)31;
	uintptr_t end = (uintptr_t)addr + len;

	for (; p < end; p += 32)
		__asm__ volatile("dcbst 0,%0" : : "r"(p) : "memory");
	__asm__ volatile("sync" : : : "memory");
	for (p = (uintptr_t)addr & ~(uintptr_t)31; p < end; p += 32)
		__asm__ volatile("icbi 0,%0" : : "r"(p) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
#else
	(void)addr;
	(void)len;
#endif
}

/* ---- the wire ---------------------------------------------------------- */

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_packet(struct kvm440_gdb *g, const char *body)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(body);
	char *pkt = malloc(len + 5);
	unsigned int sum = 0;
	size_t i;
	int r;

	if (!pkt)
		return -1;
	pkt[0] = '$';
	for (i = 0; i < len; i++)
		sum += (unsigned char)body[i];
	memcpy(pkt + 1, body, len);
	pkt[len + 1] = '#';
	pkt[len + 2] = hex[(sum >> 4) & 0xf];
	pkt[len + 3] = hex[sum & 0xf];
	r = write_all(g->fd, pkt, len + 4);
	free(pkt);
	return r;
}

/*
 * Read one byte, blocking. 0 on success, -1 when the connection is gone,
 * -EINTR when a signal came (the caller decides whether it matters).
 */
static int read_byte(struct kvm440_gdb *g, char *c)
{
	ssize_t n = recv(g->fd, c, 1, 0);

	if (n == 1)
		return 0;
	if (n < 0 && errno == EINTR)
		return -EINTR;
	return -1;
}

/*
 * One packet into g->in (NUL-terminated, without framing), acked. A bare
 * 0x03 is returned as the packet "\003". Returns 0, -1 (gone) or -EINTR.
 */
static int recv_packet(struct kvm440_gdb *g)
{
	char c;
	int r;

	for (;;) {
		size_t len = 0;
		unsigned int sum = 0, want;
		char h[2];

		do {
			r = read_byte(g, &c);
			if (r)
				return r;
			if (c == 0x03) {
				strcpy(g->in, "\003");
				return 0;
			}
		} while (c != '$');
		for (;;) {
			r = read_byte(g, &c);
			if (r == -EINTR)
				continue;
			if (r)
				return r;
			if (c == '#')
				break;
			if (len < sizeof(g->in) - 1)
				g->in[len++] = c;
			sum += (unsigned char)c;
		}
		g->in[len] = '\0';
		for (int i = 0; i < 2; i++) {
			do
				r = read_byte(g, &h[i]);
			while (r == -EINTR);
			if (r)
				return r;
		}
		want = (unsigned int)(kvm440_hexval(h[0]) << 4 | kvm440_hexval(h[1]));
		if (kvm440_hexval(h[0]) >= 0 && kvm440_hexval(h[1]) >= 0 &&
		    want == (sum & 0xff)) {
			if (write_all(g->fd, "+", 1) < 0)
				return -1;
			return 0;
		}
		if (write_all(g->fd, "-", 1) < 0)
			return -1;
	}
}

static void put_hex32(char *p, uint32_t v)
{
	snprintf(p, 9, "%08" PRIx32, v);
}

/* Parse hex digits at *p (advancing it); -1 if there are none. */
static int parse_hex(const char **p, uint32_t *v)
{
	const char *s = *p;
	uint32_t x = 0;

	if (kvm440_hexval(*s) < 0)
		return -1;
	while (kvm440_hexval(*s) >= 0)
		x = x << 4 | (uint32_t)kvm440_hexval(*s++);
	*v = x;
	*p = s;
	return 0;
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t *reg_slot(struct kvm440_regs *r, unsigned int n)
{
	if (n < 32)
		return &r->gpr[n];
	switch (n) {
	case 64: return &r->pc;
	case 65: return &r->msr;
	case 66: return &r->cr;
	case 67: return &r->lr;
	case 68: return &r->ctr;
	case 69: return &r->xer;
	default: return NULL;	/* FPRs, FPSCR: not in the ioctls */
	}
}

static unsigned int reg_size(unsigned int n)
{
	return n >= 32 && n < 64 ? 8 : 4;
}

static void cmd_read_regs(struct kvm440_gdb *g)
{
	struct kvm440_regs r;
	char *p = g->out;
	unsigned int n;

	if (kvm440_vm_get_regs(g->vm, &r, NULL) < 0) {
		send_packet(g, "E01");
		return;
	}
	for (n = 0; n < NREGS; n++) {
		uint32_t *v = reg_slot(&r, n);

		if (reg_size(n) == 8) {
			memset(p, '0', 16);
			p += 16;
			continue;
		}
		put_hex32(p, v ? *v : 0);
		p += 8;
	}
	*p = '\0';
	send_packet(g, g->out);
}

static uint32_t hex32_at(const char *p)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 4 | (uint32_t)kvm440_hexval(p[i]);
	return v;
}

static int all_hex(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (kvm440_hexval(p[i]) < 0)
			return 0;
	return 1;
}

static void cmd_write_regs(struct kvm440_gdb *g, const char *p)
{
	struct kvm440_regs r;
	unsigned int n;

	if (kvm440_vm_get_regs(g->vm, &r, NULL) < 0) {
		send_packet(g, "E01");
		return;
	}
	for (n = 0; n < NREGS && *p; n++) {
		uint32_t *v = reg_slot(&r, n);
		size_t w = reg_size(n) * 2;

		if (strlen(p) < w || !all_hex(p, w)) {
			send_packet(g, "E01");
			return;
		}
		if (v)
			*v = hex32_at(p);
		p += w;
	}
	send_packet(g, kvm440_vm_set_regs(g->vm, &r, NULL) < 0 ? "E01"
							       : "OK");
}

static void cmd_read_reg(struct kvm440_gdb *g, const char *p)
{
	struct kvm440_regs r;
	uint32_t n, *v;

	if (parse_hex(&p, &n) < 0 || *p || n >= NREGS ||
	    kvm440_vm_get_regs(g->vm, &r, NULL) < 0) {
		send_packet(g, "E01");
		return;
	}
	v = reg_slot(&r, n);
	if (reg_size(n) == 8)
		strcpy(g->out, "0000000000000000");
	else
		put_hex32(g->out, v ? *v : 0);
	send_packet(g, g->out);
}

static void cmd_write_reg(struct kvm440_gdb *g, const char *p)
{
	struct kvm440_regs r;
	uint32_t n, *v;

	if (parse_hex(&p, &n) < 0 || *p++ != '=' || n >= NREGS ||
	    strlen(p) != reg_size(n) * 2 || !all_hex(p, strlen(p)) ||
	    kvm440_vm_get_regs(g->vm, &r, NULL) < 0) {
		send_packet(g, "E01");
		return;
	}
	v = reg_slot(&r, n);
	if (!v) {		/* FP: accepted, not kept */
		send_packet(g, "OK");
		return;
	}
	*v = hex32_at(p);
	send_packet(g, kvm440_vm_set_regs(g->vm, &r, NULL) < 0 ? "E01"
							       : "OK");
}

/* ---- memory ------------------------------------------------------------- */

/*
 * gdb reads memory to disassemble and to analyse prologues: it must see
 * the guest's own words where breakpoints are planted, and a write over
 * one changes the word the breakpoint restores, not the trap.
 */
static void bp_overlay(struct kvm440_gdb *g, uint32_t addr, uint8_t *buf,
		       uint32_t len, int write)
{
	unsigned int i, k;

	for (i = 0; i < g->nbp; i++) {
		uint8_t *w = (uint8_t *)&g->bp[i].orig;

		for (k = 0; k < 4; k++) {
			uint32_t a = g->bp[i].addr + k;

			if (a - addr >= len)
				continue;
			if (write)
				w[k] = buf[a - addr];
			else
				buf[a - addr] = w[k];
		}
	}
}

static void bp_replant(struct kvm440_gdb *g, uint32_t addr, uint32_t len)
{
	static const uint8_t trap[4] = {
		TRAP_INSN >> 24, (TRAP_INSN >> 16) & 0xff,
		(TRAP_INSN >> 8) & 0xff, TRAP_INSN & 0xff,
	};
	unsigned int i;

	for (i = 0; i < g->nbp; i++)
		if (g->bp[i].addr + 3 - addr < len + 3)	/* overlaps */
			guest_rw(g, g->bp[i].addr, (uint8_t *)trap, 4, 1, 1);
}

static void cmd_read_mem(struct kvm440_gdb *g, const char *p)
{
	uint8_t buf[(GDB_BUF - 1) / 2];
	uint32_t addr, len, i;

	if (parse_hex(&p, &addr) < 0 || *p++ != ',' ||
	    parse_hex(&p, &len) < 0 || *p) {
		send_packet(g, "E01");
		return;
	}
	if (len > sizeof(buf))
		len = sizeof(buf);
	if (guest_rw(g, addr, buf, len, 0, 0) < 0) {
		send_packet(g, "E14");
		return;
	}
	bp_overlay(g, addr, buf, len, 0);
	for (i = 0; i < len; i++)
		snprintf(g->out + 2 * i, 3, "%02x", buf[i]);
	g->out[2 * len] = '\0';
	send_packet(g, g->out);
}

static void cmd_write_mem(struct kvm440_gdb *g, const char *p)
{
	uint8_t buf[(GDB_BUF - 1) / 2];
	uint32_t addr, len, i;

	if (parse_hex(&p, &addr) < 0 || *p++ != ',' ||
	    parse_hex(&p, &len) < 0 || *p++ != ':' || len > sizeof(buf) ||
	    strlen(p) != 2 * (size_t)len || !all_hex(p, 2 * (size_t)len)) {
		send_packet(g, "E01");
		return;
	}
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(kvm440_hexval(p[2 * i]) << 4 | kvm440_hexval(p[2 * i + 1]));
	if (guest_rw(g, addr, buf, len, 1, 0) < 0) {
		send_packet(g, "E14");
		return;
	}
	bp_overlay(g, addr, buf, len, 1);
	bp_replant(g, addr, len);
	send_packet(g, "OK");
}

/* ---- breakpoints and resuming ------------------------------------------ */

static int push_debug(struct kvm440_gdb *g)
{
	struct kvm440_guest_debug d;
	unsigned int i;

	memset(&d, 0, sizeof(d));
	if (g->nbp)
		d.flags |= KVM440_GUESTDBG_SW_BP;
	if (g->stepping)
		d.flags |= KVM440_GUESTDBG_SINGLESTEP;
	d.nr_bp = g->nbp;
	for (i = 0; i < g->nbp; i++)
		d.bp[i] = g->bp[i].addr;
	return kvm440_vm_set_guest_debug(g->vm, &d, NULL);
}

static void cmd_breakpoint(struct kvm440_gdb *g, const char *p, int insert)
{
	uint32_t type, addr, kind, trap = TRAP_INSN;
	uint8_t word[4];
	unsigned int i;

	if (parse_hex(&p, &type) < 0 || *p++ != ',' ||
	    parse_hex(&p, &addr) < 0 || *p++ != ',' ||
	    parse_hex(&p, &kind) < 0) {
		send_packet(g, "E01");
		return;
	}
	if (type != 0) {
		send_packet(g, "");	/* only software breakpoints */
		return;
	}
	if (addr & 3 || kind != 4) {
		send_packet(g, "E01");
		return;
	}
	for (i = 0; i < g->nbp && g->bp[i].addr != addr; i++)
		;
	if (insert) {
		if (i < g->nbp) {
			send_packet(g, "OK");	/* already there */
			return;
		}
		if (g->nbp == KVM440_GUESTDBG_MAX_BP ||
		    guest_rw(g, addr, word, 4, 0, 1) < 0) {
			send_packet(g, "E0e");
			return;
		}
		g->bp[g->nbp].addr = addr;
		memcpy(&g->bp[g->nbp].orig, word, 4);
		word[0] = (uint8_t)(trap >> 24);
		word[1] = (uint8_t)(trap >> 16);
		word[2] = (uint8_t)(trap >> 8);
		word[3] = (uint8_t)trap;
		if (guest_rw(g, addr, word, 4, 1, 1) < 0) {
			send_packet(g, "E0e");
			return;
		}
		g->nbp++;
	} else {
		if (i == g->nbp) {
			send_packet(g, "OK");
			return;
		}
		memcpy(word, &g->bp[i].orig, 4);
		/* the mapping may be gone; the breakpoint goes regardless */
		guest_rw(g, addr, word, 4, 1, 1);
		g->bp[i] = g->bp[--g->nbp];
	}
	send_packet(g, push_debug(g) < 0 ? "E01" : "OK");
}

static void remove_all(struct kvm440_gdb *g)
{
	while (g->nbp) {
		struct gdb_bp *b = &g->bp[--g->nbp];
		uint8_t word[4];

		memcpy(word, &b->orig, 4);
		guest_rw(g, b->addr, word, 4, 1, 1);
	}
	g->stepping = 0;
	push_debug(g);
}

static void stop_reply(struct kvm440_gdb *g)
{
	char s[8];

	snprintf(s, sizeof(s), "S%02x", g->last_sig);
	send_packet(g, s);
}

static void detach(struct kvm440_gdb *g)
{
	remove_all(g);
	g->detached = 1;
	g->stopped = 0;
	atomic_store(&g->running, 0);
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
}

/* c/s [addr]: 1 if the guest resumes */
static int cmd_resume(struct kvm440_gdb *g, const char *p, int step)
{
	uint32_t addr;

	if (*p) {
		struct kvm440_regs r;

		if (parse_hex(&p, &addr) < 0 ||
		    kvm440_vm_get_regs(g->vm, &r, NULL) < 0) {
			send_packet(g, "E01");
			return 0;
		}
		r.pc = addr;
		if (kvm440_vm_set_regs(g->vm, &r, NULL) < 0) {
			send_packet(g, "E01");
			return 0;
		}
	}
	g->stepping = step;
	if (push_debug(g) < 0) {
		send_packet(g, "E01");
		return 0;
	}
	g->stopped = 0;
	return 1;
}

/*
 * Serve packets while the guest is stopped. 0: resumed (or detached);
 * 1: the run must end (k, or a stop signal), with @out set.
 */
static int serve(struct kvm440_gdb *g, const volatile sig_atomic_t *stop,
		 struct kvm440_board_exit *out)
{
	while (g->stopped) {
		const char *p;
		int r = recv_packet(g);

		if (r == -EINTR) {
			if (stop && *stop) {
				out->end = KVM440_END_STOPPED;
				snprintf(out->msg, sizeof(out->msg),
					 "VM stopped by a signal while gdb "
					 "held it");
				return 1;
			}
			continue;
		}
		if (r < 0) {
			detach(g);	/* gdb went away: run on */
			return 0;
		}
		p = g->in;
		switch (*p++) {
		case '\003':
			stop_reply(g);
			break;
		case '?':
			stop_reply(g);
			break;
		case 'g':
			cmd_read_regs(g);
			break;
		case 'G':
			cmd_write_regs(g, p);
			break;
		case 'p':
			cmd_read_reg(g, p);
			break;
		case 'P':
			cmd_write_reg(g, p);
			break;
		case 'm':
			cmd_read_mem(g, p);
			break;
		case 'M':
			cmd_write_mem(g, p);
			break;
		case 'Z':
			cmd_breakpoint(g, p, 1);
			break;
		case 'z':
			cmd_breakpoint(g, p, 0);
			break;
		case 'c':
		case 's':
			if (cmd_resume(g, p, p[-1] == 's'))
				return 0;
			break;
		case 'H':
		case 'T':
			send_packet(g, "OK");	/* the one thread */
			break;
		case 'D':
			send_packet(g, "OK");
			detach(g);
			return 0;
		case 'k':
			remove_all(g);
			out->end = KVM440_END_STOPPED;
			snprintf(out->msg, sizeof(out->msg),
				 "VM killed from gdb");
			return 1;
		case 'q':
			if (!strncmp(p, "Supported", 9))
				send_packet(g, "PacketSize=fff");
			else if (!strcmp(p, "Attached"))
				send_packet(g, "1");
			else if (!strcmp(p, "C"))
				send_packet(g, "QC1");
			else if (!strcmp(p, "fThreadInfo"))
				send_packet(g, "m1");
			else if (!strcmp(p, "sThreadInfo"))
				send_packet(g, "l");
			else if (!strncmp(p, "Symbol", 6))
				send_packet(g, "OK");
			else
				send_packet(g, "");
			break;
		default:
			send_packet(g, "");	/* unsupported */
			break;
		}
	}
	return 0;
}

/* ---- the watcher and the hook ------------------------------------------- */

static void on_kick(int sig)
{
	(void)sig;	/* only there to make KVM440_RUN return -EINTR */
}

static void *watcher(void *arg)
{
	struct kvm440_gdb *g = arg;

	while (!atomic_load(&g->quit)) {
		struct pollfd p = { .fd = g->fd, .events = POLLIN };

		if (!atomic_load(&g->running) || g->fd < 0) {
			usleep(20000);
			continue;
		}
		if (poll(&p, 1, 50) > 0 && atomic_load(&g->running)) {
			pthread_kill(g->main_thread, SIGUSR1);
			usleep(20000);
		}
	}
	return NULL;
}

int kvm440_gdb_poll(struct kvm440_gdb *g, const volatile sig_atomic_t *stop,
		    struct kvm440_board_exit *out)
{
	struct kvm440_run *run = kvm440_vm_run_struct(g->vm);

	if (g->detached)
		return 0;
	if (!g->stopped && run && run->exit_reason == KVM440_EXIT_DEBUG) {
		/* seen once: a RUN that fails early leaves the reason */
		run->exit_reason = KVM440_EXIT_NONE;
		g->stopped = 1;
		g->last_sig = SIGTRAP_NO;
		atomic_store(&g->running, 0);
		stop_reply(g);
	}
	if (!g->stopped) {
		char c;
		ssize_t n = recv(g->fd, &c, 1, MSG_DONTWAIT);

		if (n == 0 || (n < 0 && errno != EAGAIN &&
			       errno != EWOULDBLOCK && errno != EINTR)) {
			detach(g);
			return 0;
		}
		if (n == 1 && c == 0x03) {
			g->stopped = 1;
			g->last_sig = SIGINT_NO;
			atomic_store(&g->running, 0);
			stop_reply(g);
		}
	}
	if (g->stopped && serve(g, stop, out))
		return 1;
	if (!g->detached)
		atomic_store(&g->running, 1);
	return 0;
}

int kvm440_gdb_listen(struct kvm440_gdb **out, uint16_t port,
		      struct kvm440_error *err)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct kvm440_gdb *g = calloc(1, sizeof(*g));
	int one = 1;

	if (!g)
		return kvm440_fail(err, -ENOMEM, "gdb stub: out of memory");
	g->fd = -1;
	g->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (g->lfd < 0) {
		free(g);
		return kvm440_fail(err, -errno, "gdb stub: socket: %s",
				   strerror(errno));
	}
	setsockopt(g->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(g->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(g->lfd, 1) < 0) {
		int e = errno;

		close(g->lfd);
		free(g);
		return kvm440_fail(err, -e, "gdb stub: 127.0.0.1:%u: %s",
				   (unsigned int)port, strerror(e));
	}
	*out = g;
	return 0;
}

int kvm440_gdb_accept(struct kvm440_gdb *g, struct kvm440_vm *vm,
		      const struct kvm440_gmem *mem, unsigned int nmem,
		      struct kvm440_error *err)
{
	struct sigaction sa;
	int one = 1;

	if (nmem > KVM440_MAX_MEM_SLOTS)
		return kvm440_fail(err, -EINVAL, "gdb stub: too many regions");
	g->vm = vm;
	if (!mem) {
		/* kvm440_boot()'s callers have no kvm440_gmem of their own */
		if (kvm440_vm_ram0(vm, &g->mem[0]) < 0)
			return kvm440_fail(err, -EINVAL,
					   "gdb stub: the VM has no RAM at 0");
		nmem = 1;
	} else {
		memcpy(g->mem, mem, nmem * sizeof(*mem));
	}
	g->nmem = nmem;
	if (!kvm440_vm_has_cap(vm, KVM440_CAP_GUEST_DEBUG))
		return kvm440_fail(err, -ENOTSUP, "gdb stub: the kvm440 module "
				   "has no guest debugging "
				   "(KVM440_CAP_GUEST_DEBUG)");
	do
		g->fd = accept4(g->lfd, NULL, NULL, SOCK_CLOEXEC);
	while (g->fd < 0 && errno == EINTR);
	if (g->fd < 0)
		return kvm440_fail(err, -errno, "gdb stub: accept: %s",
				   strerror(errno));
	close(g->lfd);
	g->lfd = -1;
	setsockopt(g->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	g->stopped = 1;		/* gdb looks before the guest runs */
	g->last_sig = SIGTRAP_NO;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */
	g->main_thread = pthread_self();
	if (pthread_create(&g->watcher, NULL, watcher, g) == 0)
		g->have_watcher = 1;
	return 0;
}

void kvm440_gdb_close(struct kvm440_gdb *g)
{
	if (!g)
		return;
	atomic_store(&g->quit, 1);
	if (g->have_watcher)
		pthread_join(g->watcher, NULL);
	if (g->fd >= 0) {
		/* the guest is gone: tell gdb its "process" exited */
		send_packet(g, "W00");
		close(g->fd);
	}
	if (g->lfd >= 0)
		close(g->lfd);
	free(g);
}
