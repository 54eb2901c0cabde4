/*
 * Lets pure module headers (no kernel calls) compile on the build machine,
 * so the unit tests exercise the module's own code, not a copy.
 */
#ifndef KVM440_TEST_KCOMPAT_H
#define KVM440_TEST_KCOMPAT_H
#include <stdbool.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
#endif
