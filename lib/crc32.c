// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as the legacy
 * U-Boot uImage header uses it for ih_hcrc and ih_dcrc.
 */
#include "kvm440.h"

/*
 * The 256-entry table is computed by the preprocessor rather than on first
 * use, so it is read-only data and needs no locking when several threads
 * load images at once.
 */
#define CRC_POLY 0xEDB88320u
#define CRC_BIT(c) (((c) >> 1) ^ (CRC_POLY & (0u - ((c) & 1u))))
#define CRC_ENT(n) CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT(CRC_BIT( \
	CRC_BIT(CRC_BIT((uint32_t)(n)))))))))
#define CRC_ENT4(n)   CRC_ENT(n), CRC_ENT((n) + 1), CRC_ENT((n) + 2), \
		      CRC_ENT((n) + 3)
#define CRC_ENT16(n)  CRC_ENT4(n), CRC_ENT4((n) + 4), CRC_ENT4((n) + 8), \
		      CRC_ENT4((n) + 12)
#define CRC_ENT64(n)  CRC_ENT16(n), CRC_ENT16((n) + 16), \
		      CRC_ENT16((n) + 32), CRC_ENT16((n) + 48)

static const uint32_t crc_table[256] = {
	CRC_ENT64(0), CRC_ENT64(64), CRC_ENT64(128), CRC_ENT64(192),
};

/*
 * @crc is the value a previous call returned (0 to start), so a buffer can
 * be checksummed in pieces: the pre- and post-inversion live in here, as in
 * zlib's crc32(), rather than with the caller.
 */
uint32_t kvm440_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len--)
		crc = crc_table[(crc ^ *p++) & 0xffu] ^ (crc >> 8);
	return ~crc;
}
