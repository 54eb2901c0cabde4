/*
 * What module/decode.c needs beyond kcompat.h on the build machine: the
 * kernel side gets the same from <linux/types.h>, <linux/errno.h> and
 * <linux/kernel.h> (see module/decode.h).
 */
#ifndef KVM440_TEST_KCOMPAT_DECODE_H
#define KVM440_TEST_KCOMPAT_DECODE_H
#include <errno.h>
#include <stddef.h>
#include "kcompat.h"
typedef int16_t s16;
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif
