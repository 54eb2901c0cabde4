// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * guest.cfg parser; docs/guest-cfg.md is the user-facing description and
 * the two must agree. A config is parsed into a scratch copy and handed to
 * the caller only when all of it is valid, so a failed parse never leaves
 * a half-filled struct behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvm440.h"

/* Longest decoded value; what fits in every path field and the cmdline. */
#define VALUE_MAX	1023
_Static_assert(sizeof(((struct kvm440_config *)0)->cmdline) == VALUE_MAX + 1,
	       "cmdline is copied without a length check");
_Static_assert(KVM440_PATH_MAX == VALUE_MAX + 1, "paths are checked on join");
/* A config is a few hundred bytes; this only bounds a mistaken path. */
#define CONFIG_FILE_MAX	(1 << 20)
/*
 * Guest RAM is one anonymous mapping in the VMM, a 32-bit 440 process with
 * 3 GiB of user address space; 2 GiB leaves room for everything else.
 */
#define MEM_MAX		(2ull << 30)
#define MEM_ALIGN	4096u

enum key {
	KEY_NAME, KEY_MEMORY, KEY_KERNEL, KEY_FORMAT, KEY_LOAD_ADDR,
	KEY_ENTRY, KEY_INITRD, KEY_DTB, KEY_CMDLINE, KEY_CONSOLE,
	KEY_CONSOLE_FAST, NKEYS
};

static const char *const key_names[NKEYS] = {
	[KEY_NAME] = "name", [KEY_MEMORY] = "memory",
	[KEY_KERNEL] = "kernel", [KEY_FORMAT] = "format",
	[KEY_LOAD_ADDR] = "load_addr", [KEY_ENTRY] = "entry",
	[KEY_INITRD] = "initrd", [KEY_DTB] = "dtb",
	[KEY_CMDLINE] = "cmdline", [KEY_CONSOLE] = "console",
	[KEY_CONSOLE_FAST] = "console_fast",
};

struct parser {
	const char *file;	/* for messages */
	const char *dir;	/* @file up to and including its last '/' */
	size_t dirlen;
	unsigned int line;
	unsigned int seen[NKEYS];	/* line a key was set on, 0 if not */
	struct kvm440_error *err;
};

/* "FILE:LINE: problem" at @line; always -EINVAL. */
__attribute__((format(printf, 3, 4)))
static int fail_at(struct parser *p, unsigned int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->err)
		return -EINVAL;
	n = snprintf(p->err->msg, sizeof(p->err->msg), "%s:%u: ", p->file,
		     line);
	if (n < 0 || (size_t)n >= sizeof(p->err->msg))
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(p->err->msg + n, sizeof(p->err->msg) - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	return s;
}

/*
 * Relative paths are taken relative to the config, not the caller's
 * working directory, so a VM directory can be moved or run from anywhere.
 */
static int set_path(struct parser *p, const char *key, const char *val,
		    char *out)
{
	size_t vlen = strlen(val);
	size_t dlen = val[0] == '/' ? 0 : p->dirlen;

	if (dlen + vlen > KVM440_PATH_MAX - 1)
		return fail_at(p, p->line,
			       "%s: path too long (%zu bytes, max %d)", key,
			       dlen + vlen, KVM440_PATH_MAX - 1);
	memcpy(out, p->dir, dlen);
	memcpy(out + dlen, val, vlen + 1);
	return 0;
}

/* Decimal digits with an optional K/M/G suffix (powers of 1024). */
static int set_memory(struct parser *p, const char *val, uint64_t *out)
{
	const char *s = val;
	uint64_t v = 0;
	unsigned int shift = 0;

	if (*s < '0' || *s > '9')
		goto not_size;
	for (; *s >= '0' && *s <= '9'; s++) {
		/* Anything past 2^40 is over the limit whatever the suffix. */
		if (v < (1ull << 40))
			v = v * 10 + (uint64_t)(*s - '0');
	}
	switch (*s) {
	case '\0':
		break;
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	default:
		goto not_size;
	}
	if (shift && s[1] != '\0')
		goto not_size;
	if (v == 0)
		return fail_at(p, p->line, "memory: must be greater than 0");
	if (v > (MEM_MAX >> shift))
		return fail_at(p, p->line,
			       "memory: '%s' is more than the 2G a 440 guest can have",
			       val);
	v <<= shift;
	if (v % MEM_ALIGN)
		return fail_at(p, p->line,
			       "memory: '%s' is not a multiple of 4K", val);
	*out = v;
	return 0;

not_size:
	return fail_at(p, p->line,
		       "memory: '%.64s' is not a size (e.g. 64M, 1G, 65536)",
		       val);
}

/* A 32-bit address: decimal, or hex with 0x. No octal: 010 is ten. */
static int set_u32(struct parser *p, const char *key, const char *val,
		   uint32_t *out)
{
	const char *s = val;
	unsigned int base = 10, d;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0')
		goto not_number;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			goto not_number;
		v = v * base + d;
		if (v > UINT32_MAX)
			return fail_at(p, p->line,
				       "%s: '%.64s' does not fit in 32 bits",
				       key, val);
	}
	*out = (uint32_t)v;
	return 0;

not_number:
	return fail_at(p, p->line,
		       "%s: '%.64s' is not a number (decimal or 0x hex)", key,
		       val);
}

static int set_format(struct parser *p, const char *val,
		      enum kvm440_image_format *out)
{
	static const struct {
		const char *name;
		enum kvm440_image_format fmt;
	} fmts[] = {
		{ "auto", KVM440_IMAGE_AUTO }, { "elf", KVM440_IMAGE_ELF },
		{ "uimage", KVM440_IMAGE_UIMAGE }, { "raw", KVM440_IMAGE_RAW },
	};

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (strcmp(val, fmts[i].name) == 0) {
			*out = fmts[i].fmt;
			return 0;
		}
	}
	return fail_at(p, p->line,
		       "format: '%.64s' is not one of auto, elf, uimage, raw",
		       val);
}

static int set_console(struct parser *p, const char *val,
		       struct kvm440_config *cfg)
{
	if (strcmp(val, "stdio") == 0) {
		cfg->console = KVM440_CONSOLE_STDIO;
	} else if (strcmp(val, "none") == 0) {
		cfg->console = KVM440_CONSOLE_NONE;
	} else if (strncmp(val, "file:", 5) == 0) {
		if (val[5] == '\0')
			return fail_at(p, p->line,
				       "console: 'file:' needs a path");
		cfg->console = KVM440_CONSOLE_FILE;
		return set_path(p, "console", val + 5, cfg->console_path);
	} else if (strcmp(val, "pty") == 0) {
		cfg->console = KVM440_CONSOLE_PTY;
	} else if (strncmp(val, "socket:", 7) == 0) {
		int r;

		if (val[7] == '\0')
			return fail_at(p, p->line,
				       "console: 'socket:' needs a path");
		r = set_path(p, "console", val + 7, cfg->console_path);
		if (r < 0)
			return r;
		/* what struct sockaddr_un's sun_path holds */
		if (strlen(cfg->console_path) > KVM440_SOCKET_PATH_MAX)
			return fail_at(p, p->line,
				       "console: socket path too long (%zu "
				       "bytes, max %d)",
				       strlen(cfg->console_path),
				       KVM440_SOCKET_PATH_MAX);
		cfg->console = KVM440_CONSOLE_SOCKET;
	} else {
		return fail_at(p, p->line,
			       "console: '%.64s' is not one of stdio, none, "
			       "file:PATH, pty, socket:PATH", val);
	}
	return 0;
}

static int set_on_off(struct parser *p, const char *key, const char *val,
		      int *out)
{
	if (strcmp(val, "on") == 0)
		*out = 1;
	else if (strcmp(val, "off") == 0)
		*out = 0;
	else
		return fail_at(p, p->line, "%s: '%.64s' is not on or off",
			       key, val);
	return 0;
}

static int set_key(struct parser *p, enum key k, const char *val,
		   struct kvm440_config *cfg)
{
	size_t len = strlen(val);

	switch (k) {
	case KEY_NAME:
		if (len > sizeof(cfg->name) - 1)
			return fail_at(p, p->line,
				       "name: too long (%zu bytes, max %zu)",
				       len, sizeof(cfg->name) - 1);
		memcpy(cfg->name, val, len + 1);
		return 0;
	case KEY_MEMORY:
		return set_memory(p, val, &cfg->mem_size);
	case KEY_KERNEL:
		return set_path(p, "kernel", val, cfg->kernel);
	case KEY_FORMAT:
		return set_format(p, val, &cfg->kernel_format);
	case KEY_LOAD_ADDR:
		cfg->has_load_addr = 1;
		return set_u32(p, "load_addr", val, &cfg->load_addr);
	case KEY_ENTRY:
		cfg->has_entry = 1;
		return set_u32(p, "entry", val, &cfg->entry);
	case KEY_INITRD:
		return set_path(p, "initrd", val, cfg->initrd);
	case KEY_DTB:
		return set_path(p, "dtb", val, cfg->dtb);
	case KEY_CMDLINE:
		/* read_value() already held it to sizeof(cmdline) - 1. */
		memcpy(cfg->cmdline, val, len + 1);
		return 0;
	case KEY_CONSOLE:
		return set_console(p, val, cfg);
	case KEY_CONSOLE_FAST:
		return set_on_off(p, "console_fast", val, &cfg->console_fast);
	default:
		return fail_at(p, p->line, "internal error: key %d", (int)k);
	}
}

/*
 * The value after '=': a double-quoted string (the only way to keep a '#'
 * or leading/trailing blanks) or the rest of the line up to a '#',
 * trimmed. Decoded into @buf, NUL-terminated; returns its length or -1.
 */
static int read_value(struct parser *p, const char *s, const char *e,
		      char buf[VALUE_MAX + 1])
{
	size_t n = 0;

	s = skip_blanks(s, e);
	if (s < e && *s == '"') {
		for (s++;; s++) {
			char c;

			if (s == e)
				return fail_at(p, p->line, "unterminated quote");
			c = *s;
			if (c == '"')
				break;
			if (c == '\\') {
				if (++s == e)
					return fail_at(p, p->line,
						       "unterminated quote");
				c = *s;
				if (c != '"' && c != '\\')
					return fail_at(p, p->line,
						       "unknown escape '\\%c' (only \\\" and \\\\)",
						       c);
			}
			if (n == VALUE_MAX)
				goto too_long;
			buf[n++] = c;
		}
		s = skip_blanks(s + 1, e);
		if (s < e && *s != '#')
			return fail_at(p, p->line,
				       "unexpected text after closing quote");
	} else {
		const char *v = s;

		while (s < e && *s != '#')
			s++;
		while (s > v && is_blank(s[-1]))
			s--;
		n = (size_t)(s - v);
		if (n > VALUE_MAX)
			goto too_long;
		memcpy(buf, v, n);
	}
	buf[n] = '\0';
	return (int)n;

too_long:
	return fail_at(p, p->line, "value too long (max %d bytes)", VALUE_MAX);
}

/* One line, without its newline. */
static int parse_line(struct parser *p, const char *s, const char *e,
		      struct kvm440_config *cfg)
{
	char val[VALUE_MAX + 1];
	const char *key;
	size_t klen;
	int shown, k, n;

	if (memchr(s, '\0', (size_t)(e - s)))
		return fail_at(p, p->line, "NUL byte in line");
	s = skip_blanks(s, e);
	if (s == e || *s == '#')
		return 0;
	key = s;
	while (s < e && !is_blank(*s) && *s != '=' && *s != '#')
		s++;
	klen = (size_t)(s - key);
	/* Keys are short; cap what a garbage line can put in a message. */
	shown = klen > 64 ? 64 : (int)klen;
	s = skip_blanks(s, e);
	if (klen == 0)
		return fail_at(p, p->line, "missing key before '='");
	if (s == e || *s != '=')
		return fail_at(p, p->line, "missing '=' after '%.*s'", shown,
			       key);
	for (k = 0; k < NKEYS; k++)
		if (strlen(key_names[k]) == klen &&
		    memcmp(key_names[k], key, klen) == 0)
			break;
	if (k == NKEYS)
		return fail_at(p, p->line, "unknown key '%.*s'", shown, key);
	if (p->seen[k])
		return fail_at(p, p->line,
			       "duplicate key '%s' (first set on line %u)",
			       key_names[k], p->seen[k]);
	n = read_value(p, s + 1, e, val);
	if (n < 0)
		return n;
	if (n == 0)
		return fail_at(p, p->line, "empty value for '%s'",
			       key_names[k]);
	p->seen[k] = p->line;
	return set_key(p, (enum key)k, val, cfg);
}

/* "web.cfg" -> "web": the name a VM gets when the config gives none. */
static void default_name(const char *file, char *name, size_t size)
{
	const char *base = strrchr(file, '/');
	const char *dot;
	size_t len;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (len == 0) {
		base = "guest";
		len = 5;
	}
	if (len > size - 1)
		len = size - 1;
	memcpy(name, base, len);
	name[len] = '\0';
}

/* Checks that need the whole file: required keys and key combinations. */
static int check_complete(struct parser *p, const struct kvm440_config *cfg)
{
	if (!p->seen[KEY_KERNEL])
		return fail_at(p, p->line, "missing required key 'kernel'");
	if (!p->seen[KEY_MEMORY])
		return fail_at(p, p->line, "missing required key 'memory'");
	if (cfg->kernel_format == KVM440_IMAGE_RAW && !cfg->has_load_addr)
		return fail_at(p, p->seen[KEY_FORMAT],
			       "format = raw needs load_addr");
	if (cfg->has_load_addr && cfg->kernel_format != KVM440_IMAGE_RAW)
		return fail_at(p, p->seen[KEY_LOAD_ADDR],
			       "load_addr is only used with format = raw");
	return 0;
}

int kvm440_config_parse(const char *text, size_t len, const char *file,
			struct kvm440_config *cfg, struct kvm440_error *err)
{
	struct parser p = { .err = err };
	struct kvm440_config *c;
	const char *s = text, *end = text + len;
	const char *slash;
	int ret = 0;

	p.file = file ? file : "(config)";
	slash = file ? strrchr(file, '/') : NULL;
	p.dir = file ? file : "";
	p.dirlen = slash ? (size_t)(slash - file) + 1 : 0;

	/* ~5 KiB: too much for the stack of a small-stack thread. */
	c = calloc(1, sizeof(*c));
	if (!c) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: out of memory",
				 p.file);
		return -ENOMEM;
	}
	c->kernel_format = KVM440_IMAGE_AUTO;
	c->console = KVM440_CONSOLE_STDIO;
	c->console_fast = 1;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;

		p.line++;
		if (e > s && e[-1] == '\r')
			e--;
		ret = parse_line(&p, s, e, c);
		if (ret)
			goto out;
		s = nl ? nl + 1 : end;
	}
	ret = check_complete(&p, c);
	if (ret)
		goto out;
	if (!p.seen[KEY_NAME])
		default_name(p.file, c->name, sizeof(c->name));
	c->kernel_line = p.seen[KEY_KERNEL];
	c->initrd_line = p.seen[KEY_INITRD];
	c->dtb_line = p.seen[KEY_DTB];
	*cfg = *c;
out:
	free(c);
	return ret;
}

int kvm440_config_load(const char *path, struct kvm440_config *cfg,
		       struct kvm440_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	int fd, ret, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto sys_fail;
	buf = malloc(CONFIG_FILE_MAX + 1);
	if (!buf) {
		errno = ENOMEM;
		goto sys_fail;
	}
	/* One byte more than allowed, to tell "exactly max" from "more". */
	for (;;) {
		ssize_t n = read(fd, buf + len, CONFIG_FILE_MAX + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto sys_fail;
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CONFIG_FILE_MAX) {
			if (err)
				snprintf(err->msg, sizeof(err->msg),
					 "%s: file too large (max %d bytes)",
					 path, CONFIG_FILE_MAX);
			ret = -EFBIG;
			goto out;
		}
	}
	ret = kvm440_config_parse(buf, len, path, cfg, err);
	goto out;

sys_fail:
	e = errno;
	if (err) {
		char ebuf[128];

		snprintf(err->msg, sizeof(err->msg), "%s: %s", path,
			 strerror_r(e, ebuf, sizeof(ebuf)));
	}
	ret = -e;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return ret;
}
