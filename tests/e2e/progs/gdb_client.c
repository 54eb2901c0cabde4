// SPDX-License-Identifier: GPL-2.0
/*
 * gdb_client PORT ELF: a scripted GDB remote-protocol client for
 * `kvm440ctl start --gdb PORT` running the bare-metal example ELF (whose
 * symbols it reads). It checks, printing "ok: ..." or "FAIL: ..." per step:
 * the stop at entry with pc = the ELF entry, memory read through the
 * guest's TLB equal to the image, a breakpoint at `putc` planted (and
 * hidden from m), hit with
 * r3 = 'H' (the first character printed), removed; a single step over
 * putc's MMIO load landing exactly one instruction on; a register write
 * read back; Ctrl-C stopping a guest spinning on a `b .` written with M;
 * then it restores the code and detaches. The register write makes the
 * guest print "Zello" instead of "Hello", which the test script checks.
 * Exit 0 when every step passed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static int fd, failed;
static char reply[8192];
static uint8_t *elf;
static size_t elf_len;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf(ok ? "ok: " : "FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* ---- the ELF ------------------------------------------------------ */

static uint32_t symbol(const char *name)
{
	uint32_t shoff = be32(elf + 32), i, j;
	uint16_t shentsize = be16(elf + 46), shnum = be16(elf + 48);

	for (i = 0; i < shnum; i++) {
		const uint8_t *sh = elf + shoff + i * shentsize;
		const uint8_t *str;
		uint32_t off, size, link;

		if (be32(sh + 4) != 2)	/* SHT_SYMTAB */
			continue;
		off = be32(sh + 16);
		size = be32(sh + 20);
		link = be32(sh + 24);
		str = elf + be32(elf + shoff + link * shentsize + 16);
		for (j = 0; j < size; j += 16)
			if (!strcmp((const char *)str + be32(elf + off + j), name))
				return be32(elf + off + j + 4);
	}
	fprintf(stderr, "gdb_client: no symbol %s\n", name);
	exit(2);
}

/* The image's bytes at virtual address @va (from its PT_LOAD). */
static const uint8_t *image_at(uint32_t va)
{
	uint32_t phoff = be32(elf + 28), i;
	uint16_t phentsize = be16(elf + 42), phnum = be16(elf + 44);

	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = elf + phoff + i * phentsize;
		uint32_t vaddr = be32(ph + 8), filesz = be32(ph + 16);

		if (be32(ph) == 1 && va >= vaddr && va - vaddr < filesz)
			return elf + be32(ph + 4) + (va - vaddr);
	}
	fprintf(stderr, "gdb_client: %#x not in the image\n", va);
	exit(2);
}

/* ---- the wire ----------------------------------------------------- */

static void send_raw(const char *s, size_t n)
{
	if (write(fd, s, n) != (ssize_t)n) {
		perror("gdb_client: write");
		exit(1);
	}
}

static void send_packet(const char *body)
{
	char buf[8192];
	unsigned int sum = 0;
	size_t i, n = strlen(body);

	for (i = 0; i < n; i++)
		sum += (unsigned char)body[i];
	n = (size_t)snprintf(buf, sizeof(buf), "$%s#%02x", body, sum & 0xff);
	send_raw(buf, n);
}

static int read_byte(int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned char c;

	if (poll(&p, 1, timeout_ms) <= 0 || read(fd, &c, 1) != 1)
		return -1;
	return c;
}

/* The next packet's body into reply (acks skipped); 0 or -1 on timeout. */
static int recv_packet(int timeout_ms)
{
	size_t n = 0;
	int c;

	do {
		c = read_byte(timeout_ms);
		if (c < 0)
			return -1;
	} while (c != '$');
	while ((c = read_byte(timeout_ms)) >= 0 && c != '#')
		if (n < sizeof(reply) - 1)
			reply[n++] = (char)c;
	reply[n] = '\0';
	if (c < 0 || read_byte(timeout_ms) < 0 || read_byte(timeout_ms) < 0)
		return -1;
	send_raw("+", 1);
	return 0;
}

static const char *cmd(const char *fmt, ...)
{
	char body[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	send_packet(body);
	if (recv_packet(60000) < 0) {
		check(0, "no reply to '%s'", body);
		exit(1);
	}
	return reply;
}

static uint32_t hex32(const char *p)
{
	char b[9];

	memcpy(b, p, 8);
	b[8] = '\0';
	return (uint32_t)strtoul(b, NULL, 16);
}

static uint32_t reg(unsigned int n)
{
	return hex32(cmd("p%x", n));
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	uint32_t entry, putc_at, orig, w;
	char hex[64];
	struct stat st;
	int efd, i;

	if (argc != 3) {
		fprintf(stderr, "usage: gdb_client PORT ELF\n");
		return 2;
	}
	efd = open(argv[2], O_RDONLY);
	if (efd < 0 || fstat(efd, &st) < 0) {
		perror(argv[2]);
		return 2;
	}
	elf_len = (size_t)st.st_size;
	elf = malloc(elf_len);
	if (!elf || read(efd, elf, elf_len) != (ssize_t)elf_len)
		return 2;
	entry = be32(elf + 24);
	putc_at = symbol("putc");

	sa.sin_port = htons((uint16_t)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < 600; i++) {	/* kvm440ctl may not listen yet */
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		close(fd);
		fd = -1;
		usleep(100000);
	}
	check(fd >= 0, "connected to 127.0.0.1:%s", argv[1]);
	if (fd < 0)
		return 1;

	check(strstr(cmd("qSupported:swbreak+"), "PacketSize") != NULL,
	      "qSupported answers PacketSize (%s)", reply);
	check(!strcmp(cmd("?"), "S05"), "stopped at start: '?' = %s", reply);
	check(!strcmp(cmd("qAttached"), "1"), "qAttached = %s", reply);
	check(!strcmp(cmd("Hg0"), "OK"), "Hg0 = %s", reply);
	cmd("g");
	check(strlen(reply) == 32 * 8 + 32 * 16 + 7 * 8,
	      "g: %zu hex digits (r0-31, f0-31, pc msr cr lr ctr xer fpscr)",
	      strlen(reply));
	check(hex32(reply + 32 * 8 + 32 * 16) == entry,
	      "g: pc %#x = ELF entry %#x", hex32(reply + 768), entry);
	check(reg(0x40) == entry, "p40 (pc) = entry");

	/* memory through the guest TLB, against the image */
	cmd("m%x,10", entry);
	for (i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", image_at(entry)[i]);
	check(!strcmp(reply, hex), "m %#x,16 = image (%s)", entry, reply);
	check(!strcmp(cmd("m%x,4", 0xfffff000), "E14"),
	      "m of an unmapped address = %s", reply);

	/* breakpoint at putc, continue, hit */
	orig = be32(image_at(putc_at));
	check(!strcmp(cmd("Z0,%x,4", putc_at), "OK"), "Z0 putc %#x = %s",
	      putc_at, reply);
	check(hex32(cmd("m%x,4", putc_at)) == orig,
	      "m shows the guest's word, not the trap (%s)", reply);
	send_packet("c");
	check(recv_packet(60000) == 0 && !strcmp(reply, "S05"),
	      "continue stops with S05 (%s)", reply);
	check(reg(0x40) == putc_at, "stopped at putc (pc %#x)", reg(0x40));
	check(reg(3) == 'H', "r3 = 'H', the first character (%#x)", reg(3));
	check(!strcmp(cmd("z0,%x,4", putc_at), "OK"), "z0 = %s", reply);
	check(hex32(cmd("m%x,4", putc_at)) == orig,
	      "the original word is back (%s)", reply);

	/* step over putc's first instruction, an MMIO load from the UART */
	check(!strcmp(cmd("s"), "S05"), "s = %s", reply);
	check(reg(0x40) == putc_at + 4, "step: pc %#x = putc + 4", reg(0x40));
	check(reg(0) & 0x20, "step: r0 = the LSR read (%#x, THRE)", reg(0));
	check(!strcmp(cmd("s"), "S05"), "s = %s", reply);
	check(reg(0x40) == putc_at + 8, "second step: pc %#x = putc + 8",
	      reg(0x40));

	/* write a register: the guest will print 'Z' for 'H' */
	check(!strcmp(cmd("P3=0000005a"), "OK"), "P3 = %s", reply);
	check(reg(3) == 0x5a, "r3 reads back 0x5a");

	/* Ctrl-C: a `b .` at putc + 8 (the beq) keeps the guest busy */
	w = be32(image_at(putc_at + 8));
	check(!strcmp(cmd("M%x,4:48000000", putc_at + 8), "OK"), "M b . = %s",
	      reply);
	send_packet("c");
	check(recv_packet(1500) < 0, "the guest runs (no stop in 1.5 s)");
	send_raw("\003", 1);
	check(recv_packet(30000) == 0 && !strcmp(reply, "S02"),
	      "Ctrl-C stops it with S02 (%s)", reply);
	check(reg(0x40) == putc_at + 8, "stopped in the loop (pc %#x)",
	      reg(0x40));
	check(!strcmp(cmd("M%x,4:%08x", putc_at + 8, w), "OK"),
	      "M restores the beq = %s", reply);

	check(!strcmp(cmd("D"), "OK"), "detach = %s", reply);
	close(fd);
	return failed;
}
