// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device trees for the guest: the built-in board's blob (compiled from
 * board/kvm440-bamboo.dts by dtc at build time and linked in as
 * kvm440_builtin_dtb[]), patching a copy of it or of a user's dtb with
 * what is known only at start (memory size, bootargs, initrd range,
 * frequencies), and finding the host's frequencies. Uses libfdt: Debian's
 * on the build machine, the kernel tree's scripts/dtc/libfdt for the
 * static 440 build.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libfdt.h>

#include "internal.h"

/* generated from board/kvm440-bamboo.dts by the Makefile */
extern const unsigned char kvm440_builtin_dtb[];
extern const size_t kvm440_builtin_dtb_len;

const void *kvm440_board_dtb(size_t *len)
{
	if (len)
		*len = kvm440_builtin_dtb_len;
	return kvm440_builtin_dtb;
}

/* Room the patching may add: properties, /chosen, strings. */
#define PATCH_SLACK	1024

static int fdt_fail(struct kvm440_error *err, const char *what, int fdt_err)
{
	return kvm440_fail(err, fdt_err == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL,
			   "device tree: %s: %s", what, fdt_strerror(fdt_err));
}

/* Big-endian cells of @v, @n of them (1 or 2); -1 if @v does not fit. */
static int put_cells(fdt32_t *cell, int n, uint64_t v)
{
	if (n == 1) {
		if (v > UINT32_MAX)
			return -1;
		cell[0] = cpu_to_fdt32((uint32_t)v);
		return 0;
	}
	if (n == 2) {
		cell[0] = cpu_to_fdt32((uint32_t)(v >> 32));
		cell[1] = cpu_to_fdt32((uint32_t)v);
		return 0;
	}
	return -1;
}

static int patch_memory(void *fdt, const struct kvm440_fdt_params *p,
			struct kvm440_error *err)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, r;
	fdt32_t reg[4];

	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
					     sizeof("memory"));
	if (node == -FDT_ERR_NOTFOUND) {
		node = fdt_add_subnode(fdt, 0, "memory");
		if (node < 0)
			return fdt_fail(err, "adding /memory", node);
		r = fdt_setprop_string(fdt, node, "device_type", "memory");
		if (r < 0)
			return fdt_fail(err, "/memory device_type", r);
	} else if (node < 0) {
		return fdt_fail(err, "looking for the memory node", node);
	}
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return kvm440_fail(err, -EINVAL,
				   "device tree: root #address-cells %d / "
				   "#size-cells %d not supported", ac, sc);
	if (put_cells(reg, ac, p->mem_base) < 0 ||
	    put_cells(reg + ac, sc, p->mem_size) < 0)
		return kvm440_fail(err, -EINVAL,
				   "device tree: memory [0x%" PRIx64 ", +0x%"
				   PRIx64 ") does not fit #address-cells %d / "
				   "#size-cells %d", p->mem_base, p->mem_size,
				   ac, sc);
	r = fdt_setprop(fdt, node, "reg", reg, (int)sizeof(reg[0]) * (ac + sc));
	return r < 0 ? fdt_fail(err, "memory reg", r) : 0;
}

static int set_num(void *fdt, int node, const char *name, uint64_t v)
{
	if (v <= UINT32_MAX)
		return fdt_setprop_u32(fdt, node, name, (uint32_t)v);
	return fdt_setprop_u64(fdt, node, name, v);
}

static int patch_chosen(void *fdt, const struct kvm440_fdt_params *p,
			struct kvm440_error *err)
{
	int node = fdt_path_offset(fdt, "/chosen"), r;

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return fdt_fail(err, "/chosen", node);
	if (p->bootargs && p->bootargs[0]) {
		r = fdt_setprop_string(fdt, node, "bootargs", p->bootargs);
		if (r < 0)
			return fdt_fail(err, "/chosen bootargs", r);
	}
	if (p->initrd_end > p->initrd_start) {
		r = set_num(fdt, node, "linux,initrd-start", p->initrd_start);
		if (r == 0)
			r = set_num(fdt, node, "linux,initrd-end",
				    p->initrd_end);
		if (r < 0)
			return fdt_fail(err, "/chosen initrd range", r);
	} else {
		r = fdt_delprop(fdt, node, "linux,initrd-start");
		if (r == 0 || r == -FDT_ERR_NOTFOUND)
			r = fdt_delprop(fdt, node, "linux,initrd-end");
		if (r < 0 && r != -FDT_ERR_NOTFOUND)
			return fdt_fail(err, "/chosen initrd range", r);
	}
	return 0;
}

static int patch_cpus(void *fdt, const struct kvm440_fdt_params *p,
		      struct kvm440_error *err)
{
	int node = -1, r;

	for (;;) {
		node = fdt_node_offset_by_prop_value(fdt, node, "device_type",
						     "cpu", sizeof("cpu"));
		if (node == -FDT_ERR_NOTFOUND)
			return 0;
		if (node < 0)
			return fdt_fail(err, "looking for cpu nodes", node);
		if (p->timebase_freq) {
			r = fdt_setprop_u32(fdt, node, "timebase-frequency",
					    p->timebase_freq);
			if (r < 0)
				return fdt_fail(err, "cpu timebase-frequency",
						r);
		}
		if (p->cpu_freq) {
			r = fdt_setprop_u32(fdt, node, "clock-frequency",
					    p->cpu_freq);
			if (r < 0)
				return fdt_fail(err, "cpu clock-frequency", r);
		}
	}
}

int kvm440_fdt_patch(const void *in, size_t in_len,
		     const struct kvm440_fdt_params *p, void **out,
		     size_t *out_len, struct kvm440_error *err)
{
	size_t size;
	void *fdt;
	int r;

	if (in_len < sizeof(struct fdt_header))
		return kvm440_fail(err, -EINVAL,
				   "device tree: %zu bytes is too short", in_len);
	r = fdt_check_header(in);
	if (r < 0)
		return fdt_fail(err, "header", r);
	if (fdt_totalsize(in) > in_len)
		return kvm440_fail(err, -EINVAL,
				   "device tree: header says %u bytes, only %zu "
				   "there", fdt_totalsize(in), in_len);
	size = fdt_totalsize(in) + PATCH_SLACK +
	       (p->bootargs ? strlen(p->bootargs) + 1 : 0);
	if (size > INT32_MAX)
		return kvm440_fail(err, -E2BIG, "device tree: too large");
	fdt = malloc(size);
	if (!fdt)
		return kvm440_fail(err, -ENOMEM, "out of memory");
	r = fdt_open_into(in, fdt, (int)size);
	if (r < 0) {
		r = fdt_fail(err, "opening", r);
		goto fail;
	}
	r = patch_memory(fdt, p, err);
	if (r == 0)
		r = patch_chosen(fdt, p, err);
	if (r == 0)
		r = patch_cpus(fdt, p, err);
	if (r < 0)
		goto fail;
	r = fdt_pack(fdt);
	if (r < 0) {
		r = fdt_fail(err, "packing", r);
		goto fail;
	}
	*out = fdt;
	*out_len = fdt_totalsize(fdt);
	return 0;
fail:
	free(fdt);
	return r;
}

/* ---- host frequencies ------------------------------------------------ */

/* A 1- or 2-cell big-endian property file; 0 if absent or malformed. */
static uint32_t read_cell_file(const char *path)
{
	uint8_t b[8];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n == 4)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	if (n == 8 && !b[0] && !b[1] && !b[2] && !b[3])
		return (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 |
		       (uint32_t)b[6] << 8 | b[7];
	return 0;
}

static void freqs_from_dt(const char *root, uint32_t *tb, uint32_t *clk)
{
	char path[512];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/cpus", root);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		uint32_t t, c;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/cpus/%s/timebase-frequency",
			 root, de->d_name);
		t = read_cell_file(path);
		snprintf(path, sizeof(path), "%s/cpus/%s/clock-frequency",
			 root, de->d_name);
		c = read_cell_file(path);
		if (t || c) {
			if (t)
				*tb = t;
			if (c)
				*clk = c;
			break;
		}
	}
	closedir(d);
}

/* "timebase\t: 400000000" and "clock\t\t: 400.000000MHz" */
static void freqs_from_cpuinfo(const char *path, uint32_t *tb, uint32_t *clk)
{
	char line[256];
	FILE *f = fopen(path, "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		size_t klen;

		if (!colon)
			continue;
		for (klen = (size_t)(colon - line);
		     klen && isspace((unsigned char)line[klen - 1]); klen--)
			;
		if (klen == 8 && !strncmp(line, "timebase", 8) && !*tb) {
			unsigned long v = strtoul(colon + 1, NULL, 10);

			if (v && v <= UINT32_MAX)
				*tb = (uint32_t)v;
		} else if (klen == 5 && !strncmp(line, "clock", 5) && !*clk) {
			double mhz = strtod(colon + 1, NULL);

			if (mhz > 0 && mhz * 1e6 <= UINT32_MAX)
				*clk = (uint32_t)(mhz * 1e6 + 0.5);
		}
	}
	fclose(f);
}

int kvm440_host_freqs(const char *dt_root, const char *cpuinfo,
		      uint32_t *timebase, uint32_t *clock)
{
	uint32_t tb = 0, clk = 0;

	freqs_from_dt(dt_root ? dt_root : "/proc/device-tree", &tb, &clk);
	if (!tb || !clk)
		freqs_from_cpuinfo(cpuinfo ? cpuinfo : "/proc/cpuinfo", &tb,
				   &clk);
	if (tb)
		*timebase = tb;
	if (clk)
		*clock = clk;
	return tb || clk ? 0 : -ENOENT;
}
