/*
 * The guest-RAM fixture every loader suite uses: 64K of RAM at guest
 * physical 0, poisoned with 0xaa so a test can tell written bytes from
 * untouched ones, and big-endian writers for building images by hand.
 * Included by one test file per binary, hence the static definitions.
 */
#ifndef KVM440_TEST_LOADER_FIXTURE_H
#define KVM440_TEST_LOADER_FIXTURE_H

#include <stdint.h>
#include <string.h>

#include "kvm440.h"

static uint8_t ram[0x10000];
static struct kvm440_gmem mem;
static struct kvm440_image_info info;
static struct kvm440_error err;

static inline void setup(void)
{
	memset(ram, 0xaa, sizeof(ram));
	mem = (struct kvm440_gmem){ .host = ram, .gpa = 0,
				    .size = sizeof(ram) };
	memset(&info, 0xee, sizeof(info));
	memset(&err, 0, sizeof(err));
}

/* 1 if ram[from, to) all hold @v */
static inline int ram_is(size_t from, size_t to, uint8_t v)
{
	for (size_t i = from; i < to; i++)
		if (ram[i] != v)
			return 0;
	return 1;
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif
