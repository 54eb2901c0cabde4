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

#include "config.h"

/* Longest decoded value; what fits in every path field and the cmdline. */
#define VALUE_MAX	1023
_Static_assert(sizeof(((struct kvm440_config *)0)->cmdline) == VALUE_MAX + 1,
	       "cmdline is copied without a length check");
_Static_assert(KVM440_PATH_MAX == VALUE_MAX + 1, "paths are checked on join");
/* The most bytes of a key or value a message quotes. */
#define SHOWN_MAX	64
/* A config is a few hundred bytes; this only bounds a mistaken path. */
#define CONFIG_FILE_MAX	(1 << 20)
/*
 * Guest RAM is one anonymous mapping in the VMM, a 32-bit 440 process with
 * 3 GiB of user address space; 2 GiB leaves room for everything else.
 */
#define MEM_MAX		(2ull << 30)
#define MEM_ALIGN	4096u

static const char *const key_names[NKEYS] = {
	[KEY_NAME] = "name", [KEY_MEMORY] = "memory",
	[KEY_KERNEL] = "kernel", [KEY_FORMAT] = "format",
	[KEY_LOAD_ADDR] = "load_addr", [KEY_ENTRY] = "entry",
	[KEY_INITRD] = "initrd", [KEY_DTB] = "dtb",
	[KEY_CMDLINE] = "cmdline", [KEY_CONSOLE] = "console",
	[KEY_CONSOLE_FAST] = "console_fast",
	[KEY_DISK] = "disk", [KEY_NET] = "net",
	[KEY_PARAVIRT] = "paravirt",
};

const char *kvm440_config_key_name(enum kvm440_cfg_key key)
{
	return (unsigned int)key < NKEYS ? key_names[key] : NULL;
}

struct parser {
	const char *file;	/* for messages */
	const char *dir;	/* @file up to and including its last '/' */
	size_t dirlen;
	unsigned int line;
	unsigned int seen[NKEYS];	/* line a key was set on, 0 if not */
	struct kvm440_error *err;
	int mac_given;
	char shown[4 * SHOWN_MAX + 4];	/* esc()'s output */
};

/*
 * @len bytes of user text made safe to print: at most SHOWN_MAX of them,
 * and control characters and non-ASCII bytes as \xNN, so a binary file
 * given as a config cannot drive the terminal. One use per message.
 */
static const char *esc(struct parser *p, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *o = p->shown;
	size_t i;

	for (i = 0; i < len && i < SHOWN_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else {
			*o++ = (char)c;
		}
	}
	if (i < len)
		for (int k = 0; k < 3; k++)
			*o++ = '.';
	*o = '\0';
	return p->shown;
}

#define ESC(p, str) esc((p), (str), strlen(str))

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
			       ESC(p, val));
	v <<= shift;
	if (v % MEM_ALIGN)
		return fail_at(p, p->line,
			       "memory: '%s' is not a multiple of 4K",
			       ESC(p, val));
	*out = v;
	return 0;

not_size:
	return fail_at(p, p->line,
		       "memory: '%s' is not a size (e.g. 64M, 1G, 65536)",
		       ESC(p, val));
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
				       "%s: '%s' does not fit in 32 bits",
				       key, ESC(p, val));
	}
	*out = (uint32_t)v;
	return 0;

not_number:
	return fail_at(p, p->line,
		       "%s: '%s' is not a number (decimal or 0x hex)", key,
		       ESC(p, val));
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
		       "format: '%s' is not one of auto, elf, uimage, raw",
		       ESC(p, val));
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
			       "console: '%s' is not one of stdio, none, "
			       "file:PATH, pty, socket:PATH",
			       ESC(p, val));
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
		return fail_at(p, p->line, "%s: '%s' is not on or off",
			       key, ESC(p, val));
	return 0;
}

/* "PATH" or "PATH,ro"; a later disk line is the next device. */
static int set_disk(struct parser *p, const char *val,
		    struct kvm440_config *cfg)
{
	char path[VALUE_MAX + 1];
	const char *comma = strrchr(val, ',');
	struct kvm440_disk_cfg *d;
	size_t len = strlen(val);

	if (cfg->ndisks == KVM440_MAX_DISKS)
		return fail_at(p, p->line, "disk: too many disks (max %d)",
			       KVM440_MAX_DISKS);
	d = &cfg->disk[cfg->ndisks];
	d->ro = 0;
	if (comma) {
		if (strcmp(comma + 1, "ro") != 0)
			return fail_at(p, p->line,
				       "disk: unknown option '%.64s' (only ,ro)",
				       comma + 1);
		d->ro = 1;
		len = (size_t)(comma - val);
	}
	if (len == 0)
		return fail_at(p, p->line, "disk: no image path");
	memcpy(path, val, len);
	path[len] = '\0';
	d->line = p->line;
	cfg->ndisks++;
	return set_path(p, "disk", path, d->path);
}

/* "xx:xx:xx:xx:xx:xx", unicast */
static int parse_mac(const char *s, uint8_t mac[6])
{
	int i;

	for (i = 0; i < 6; i++, s += 3) {
		int hi = kvm440_hexval(s[0]), lo = hi < 0 ? -1 : kvm440_hexval(s[1]);

		if (lo < 0 || s[2] != (i == 5 ? '\0' : ':'))
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return mac[0] & 1 ? -1 : 0;
}

/* "tap:NAME" or "tap:NAME,mac=MAC" */
static int set_net(struct parser *p, const char *val,
		   struct kvm440_config *cfg)
{
	const char *name = val + 4, *comma;
	size_t len;

	if (strncmp(val, "tap:", 4) != 0)
		return fail_at(p, p->line,
			       "net: '%.64s' is not tap:NAME[,mac=MAC]", val);
	comma = strchr(name, ',');
	len = comma ? (size_t)(comma - name) : strlen(name);
	if (len == 0 || len >= sizeof(cfg->net.tap) ||
	    memchr(name, '/', len) || memchr(name, ' ', len))
		return fail_at(p, p->line, "net: bad TAP device name '%.*s' "
			       "(1 to %zu characters, no '/' or blank)",
			       (int)(len > 64 ? 64 : len), name,
			       sizeof(cfg->net.tap) - 1);
	memcpy(cfg->net.tap, name, len);
	cfg->net.tap[len] = '\0';
	cfg->net.line = p->line;
	if (!comma)
		return 0;
	if (strncmp(comma + 1, "mac=", 4) != 0 ||
	    parse_mac(comma + 5, cfg->net.mac) < 0)
		return fail_at(p, p->line, "net: '%.64s' is not mac=xx:xx:xx:"
			       "xx:xx:xx (a unicast address)", comma + 1);
	p->mac_given = 1;
	return 0;
}


static int set_key(struct parser *p, enum kvm440_cfg_key k, const char *val,
		   struct kvm440_config *cfg)
{
	size_t len = strlen(val);

	switch (k) {
	case KEY_NAME:
		if (len > sizeof(cfg->name) - 1)
			return fail_at(p, p->line,
				       "name: too long (%zu bytes, max %zu)",
				       len, sizeof(cfg->name) - 1);
		/* it names the VM in status, messages and file names */
		for (size_t i = 0; i < len; i++)
			if (val[i] == '/' || (unsigned char)val[i] < 0x20 ||
			    val[i] == 0x7f)
				return fail_at(p, p->line,
					       "name: '%s' has a '/' or a control character",
					       ESC(p, val));
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
	case KEY_DISK:
		return set_disk(p, val, cfg);
	case KEY_NET:
		return set_net(p, val, cfg);
	case KEY_PARAVIRT:
		return set_on_off(p, "paravirt", val, &cfg->paravirt);
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
						       "unknown escape '\\%s' (only \\\" and \\\\)",
						       esc(p, s, 1));
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

/* Edit distance of two short strings (insert, delete, substitute, swap). */
static unsigned int distance(const char *a, size_t la, const char *b,
			     size_t lb)
{
	unsigned int d[SHOWN_MAX + 1][SHOWN_MAX + 1];
	size_t i, j;

	if (la > SHOWN_MAX || lb > SHOWN_MAX)
		return SHOWN_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned int)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* "unknown key", with the nearest real key when a typo is likely. */
static int unknown_key(struct parser *p, const char *key, size_t klen)
{
	unsigned int best = SHOWN_MAX, d;
	int k, near = -1;

	for (k = 0; k < NKEYS; k++) {
		d = distance(key, klen, key_names[k], strlen(key_names[k]));
		if (d < best) {
			best = d;
			near = k;
		}
	}
	/* two edits for a long key, one for a short one */
	if (near >= 0 && best <= (strlen(key_names[near]) > 4 ? 2u : 1u))
		return fail_at(p, p->line,
			       "unknown key '%s' (did you mean '%s'?)",
			       esc(p, key, klen), key_names[near]);
	return fail_at(p, p->line, "unknown key '%s'", esc(p, key, klen));
}

/* One line, without its newline. */
static int parse_line(struct parser *p, const char *s, const char *e,
		      struct kvm440_config *cfg)
{
	char val[VALUE_MAX + 1];
	const char *key;
	size_t klen;
	int k, n;

	if (e > s && memchr(s, '\0', (size_t)(e - s)))
		return fail_at(p, p->line, "NUL byte in line");
	s = skip_blanks(s, e);
	if (s == e || *s == '#')
		return 0;
	key = s;
	while (s < e && !is_blank(*s) && *s != '=' && *s != '#')
		s++;
	klen = (size_t)(s - key);
	s = skip_blanks(s, e);
	if (klen == 0)
		return fail_at(p, p->line, "missing key before '='");
	if (s == e || *s != '=')
		return fail_at(p, p->line, "missing '=' after '%s'",
			       esc(p, key, klen));
	for (k = 0; k < NKEYS; k++)
		if (strlen(key_names[k]) == klen &&
		    memcmp(key_names[k], key, klen) == 0)
			break;
	if (k == NKEYS)
		return unknown_key(p, key, klen);
	if (p->seen[k] && k != KEY_DISK)
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
	return set_key(p, (enum kvm440_cfg_key)k, val, cfg);
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
	for (; len; len--)	/* the same rule as for a "name" key */
		if ((unsigned char)name[len - 1] < 0x20 ||
		    name[len - 1] == 0x7f)
			name[len - 1] = '_';
}

/*
 * A MAC of the VM's own when none is given: locally administered (02:),
 * from the guest's name and TAP device, so the same config gets the same
 * address at every start and two guests on one host differ.
 */
static void derive_mac(struct kvm440_config *c)
{
	uint32_t h = kvm440_crc32(0, c->name, strlen(c->name));

	h = kvm440_crc32(h, c->net.tap, strlen(c->net.tap));
	c->net.mac[0] = 0x02;
	c->net.mac[1] = 0x4b;		/* 'K' */
	c->net.mac[2] = (uint8_t)(h >> 24);
	c->net.mac[3] = (uint8_t)(h >> 16);
	c->net.mac[4] = (uint8_t)(h >> 8);
	c->net.mac[5] = (uint8_t)h;
}

/* Checks that need the whole file: required keys and key combinations. */
static int check_complete(struct parser *p, const struct kvm440_config *cfg)
{
	unsigned int k, any = 0;

	for (k = 0; k < NKEYS; k++)
		any |= p->seen[k];
	/* an empty file (or a wrong one) is one problem, not two */
	if (!any)
		return fail_at(p, p->line ? p->line : 1,
			       "no settings: a config needs at least 'memory' and 'kernel'");
	if (!p->seen[KEY_KERNEL] && !p->seen[KEY_MEMORY])
		return fail_at(p, p->line,
			       "missing required keys 'memory' and 'kernel'");
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
			struct kvm440_config **cfg, struct kvm440_error *err)
{
	struct parser p = { .err = err };
	struct kvm440_config *c;
	const char *s, *end, *slash;
	int ret = 0;

	/* editors on some systems start UTF-8 text with a byte-order mark */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	s = text;
	end = text + len;

	p.file = file ? file : "(config)";
	slash = file ? strrchr(file, '/') : NULL;
	p.dir = file ? file : "";
	p.dirlen = slash ? (size_t)(slash - file) + 1 : 0;

	c = calloc(1, sizeof(*c));
	if (!c) {
		if (err)
			snprintf(err->msg, sizeof(err->msg), "%s: out of memory",
				 p.file);
		return -ENOMEM;
	}
	if (strlen(p.file) >= sizeof(c->file)) {
		ret = fail_at(&p, 0, "config path too long");
		goto out;
	}
	strcpy(c->file, p.file);
	c->kernel_format = KVM440_IMAGE_AUTO;
	c->console = KVM440_CONSOLE_STDIO;
	c->console_fast = 1;
	c->paravirt = 1;

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
	memcpy(c->line, p.seen, sizeof(c->line));
	if (c->net.line && !p.mac_given)
		derive_mac(c);
	*cfg = c;
	return 0;
out:
	free(c);
	return ret;
}

void kvm440_config_free(struct kvm440_config *cfg)
{
	free(cfg);
}

const char *kvm440_config_file(const struct kvm440_config *cfg)
{
	return cfg->file;
}

const char *kvm440_config_name(const struct kvm440_config *cfg)
{
	return cfg->name;
}

uint64_t kvm440_config_memory(const struct kvm440_config *cfg)
{
	return cfg->mem_size;
}

enum kvm440_console kvm440_config_console(const struct kvm440_config *cfg,
					  const char **path)
{
	if (path)
		*path = cfg->console_path;
	return cfg->console;
}

int kvm440_config_console_fast(const struct kvm440_config *cfg)
{
	return cfg->console_fast;
}

unsigned int kvm440_config_line(const struct kvm440_config *cfg,
				const char *key)
{
	for (int k = 0; k < NKEYS; k++)
		if (key && strcmp(key, key_names[k]) == 0)
			return cfg->line[k];
	return 0;
}

int kvm440_config_load(const char *path, struct kvm440_config **cfg,
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
