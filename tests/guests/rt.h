/*
 * The kvm440 test-guest runtime: console, exit, checks, SPR/DCR/TLB access
 * and interrupt hooks. Freestanding C; see README.md for the board the
 * guests expect (guest_vmm's devices, DCRs and initial TLB).
 */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stdint.h>
#include "rt_asm.h"

/* ---- the board guest_vmm provides ---- */
#define UART_BASE	0xef600300u	/* 16550: THR at +0, LSR at +5 */
#define TDEV_BASE	0xe0000000u	/* test device page (EA = PA) */
#define TDEV_ID		0x000	/* r: TDEV_ID_VALUE */
#define TDEV_COUNT	0x004	/* r: test-device accesses so far, this one included */
#define TDEV_UNASSIGNED	0x008	/* r: accesses to unassigned MMIO so far */
#define TDEV_UA_LO	0x00c	/* r: last unassigned access: PA bits 0-31 */
#define TDEV_UA_HI	0x010	/* r: PA bits 32-35 */
#define TDEV_UA_INFO	0x014	/* r: len | is_write << 8 */
#define TDEV_UA_DATA	0x018	/* r: its data (writes), as a big-endian value */
#define TDEV_LAST_LEN	0x020	/* r: length of the last test-device write */
#define TDEV_LAST_VAL	0x024	/* r: its data, as a big-endian value */
#define TDEV_LAST_OFF	0x028	/* r: its offset */
#define TDEV_SCRATCH	0x100	/* 256 bytes of plain storage, any size */
#define TDEV_PATTERN	0x200	/* r: byte at offset o = o ^ 0xa5 */
#define TDEV_ID_VALUE	0x7e570440u

/* unassigned MMIO reads: byte at PA p = (p & 0xff) ^ 0x3c */
static inline uint8_t unassigned_byte(uint64_t pa)
{
	return (uint8_t)((pa & 0xff) ^ 0x3c);
}
static inline uint32_t unassigned_word(uint64_t pa)
{
	return (uint32_t)unassigned_byte(pa) << 24 |
	       (uint32_t)unassigned_byte(pa + 1) << 16 |
	       (uint32_t)unassigned_byte(pa + 2) << 8 | unassigned_byte(pa + 3);
}

#define DCR_EXIT	0x3f0	/* w: the guest's exit status; ends the run */
#define DCR_MAGIC	0x3f1	/* r: DCR_MAGIC_VALUE */
#define DCR_SCRATCH	0x3f2	/* r/w: reads what was last written */
#define DCR_INVERT	0x3f3	/* r: ~(last value written) */
#define DCR_MARK	0x3f4	/* w: the VMM prints the stats since the last mark */
#define DCR_COUNT	0x3f5	/* r: DCR accesses so far, this one included */
#define DCR_MAGIC_VALUE	0x0dc440aau
/* any other DCR reads 0xdcdc0000 | dcrn */

/* ---- MSR, ESR, TCR, TSR, TLB bits ---- */
#define MSR_WE	0x00040000u
#define MSR_CE	0x00020000u
#define MSR_EE	0x00008000u
#define MSR_PR	0x00004000u
#define MSR_ME	0x00001000u
#define MSR_DE	0x00000200u
#define MSR_IS	0x00000020u
#define MSR_DS	0x00000010u

#define ESR_PIL	0x08000000u
#define ESR_PPR	0x04000000u
#define ESR_PTR	0x02000000u
#define ESR_ST	0x00800000u

#define TCR_WP(x)	((uint32_t)(x) << 30)
#define TCR_WRC(x)	((uint32_t)(x) << 28)
#define TCR_WIE		0x08000000u
#define TCR_DIE		0x04000000u
#define TCR_FP(x)	((uint32_t)(x) << 24)
#define TCR_FIE		0x00800000u
#define TCR_ARE		0x00400000u
#define TSR_ENW		0x80000000u
#define TSR_WIS		0x40000000u
#define TSR_WRS		0x30000000u
#define TSR_DIS		0x08000000u
#define TSR_FIS		0x04000000u

#define TLB0_V		0x00000200u
#define TLB0_TS		0x00000100u
#define TLB0_SIZE(n)	((uint32_t)(n) << 4)
enum { SZ_1K, SZ_4K, SZ_16K, SZ_64K, SZ_256K, SZ_1M, SZ_16M = 7, SZ_256M = 9 };
#define TLB2_W		0x00000800u
#define TLB2_I		0x00000400u
#define TLB2_M		0x00000200u
#define TLB2_G		0x00000100u
#define TLB2_UX		0x00000020u
#define TLB2_UW		0x00000010u
#define TLB2_UR		0x00000008u
#define TLB2_SX		0x00000004u
#define TLB2_SW		0x00000002u
#define TLB2_SR		0x00000001u
#define TLB2_SRWX	(TLB2_SX | TLB2_SW | TLB2_SR)
#define TLB2_URWX	(TLB2_UX | TLB2_UW | TLB2_UR)
#define MMUCR_STS	0x00010000u

/* VMM-given entries: 0 RAM, 1 UART, 2 test device; guests use 3..63 */
#define TLB_FIRST_FREE	3

/* ---- SPRs, DCRs, MSR ---- */
#define mfspr(n) ({ uint32_t _v; \
	__asm__ volatile("mfspr %0,%1" : "=r"(_v) : "i"(n)); _v; })
#define mtspr(n, v) __asm__ volatile("mtspr %0,%1" : : "i"(n), "r"((uint32_t)(v)) : "memory")
#define mfdcr(n) ({ uint32_t _v; \
	__asm__ volatile("mfdcr %0,%1" : "=r"(_v) : "i"(n) : "memory"); _v; })
#define mtdcr(n, v) __asm__ volatile("mtdcr %0,%1" : : "i"(n), "r"((uint32_t)(v)) : "memory")

static inline uint32_t mfmsr(void)
{
	uint32_t v;
	__asm__ volatile("mfmsr %0" : "=r"(v));
	return v;
}
static inline void mtmsr(uint32_t v)
{
	__asm__ volatile("mtmsr %0" : : "r"(v) : "memory");
}
static inline void isync(void) { __asm__ volatile("isync" ::: "memory"); }
static inline void sync(void) { __asm__ volatile("sync" ::: "memory"); }
static inline void eieio(void) { __asm__ volatile("mbar" ::: "memory"); }

static inline uint64_t mftb64(void)
{
	uint32_t hi, lo, hi2;
	do {
		hi = mfspr(SPRN_TBRU);
		lo = mfspr(SPRN_TBRL);
		hi2 = mfspr(SPRN_TBRU);
	} while (hi != hi2);
	return (uint64_t)hi << 32 | lo;
}

/* ---- TLB ---- */
static inline void tlbwe(unsigned int idx, uint32_t w0, uint32_t w1,
			 uint32_t w2)
{
	__asm__ volatile("tlbwe %0,%3,0\n\ttlbwe %1,%3,1\n\ttlbwe %2,%3,2\n\tisync"
			 : : "r"(w0), "r"(w1), "r"(w2), "r"(idx) : "memory");
}
static inline uint32_t tlbre(unsigned int idx, int word)
{
	uint32_t v;
	switch (word) {
	case 0: __asm__ volatile("tlbre %0,%1,0" : "=r"(v) : "r"(idx)); break;
	case 1: __asm__ volatile("tlbre %0,%1,1" : "=r"(v) : "r"(idx)); break;
	default: __asm__ volatile("tlbre %0,%1,2" : "=r"(v) : "r"(idx)); break;
	}
	return v;
}
/* tlbsx.: the index, or -1 when no entry matches */
static inline int tlbsx(uint32_t ea)
{
	uint32_t idx, cr;
	__asm__ volatile("li %0,-1\n\ttlbsx. %0,0,%2\n\tmfcr %1"
			 : "=&r"(idx), "=r"(cr) : "r"(ea) : "cr0");
	return (cr & 0x20000000) ? (int)idx : -1;
}
/* map EA -> 36-bit PA with @size_code, @attr (word 2), TID 0, TS 0 */
void tlb_map(unsigned int idx, uint32_t ea, uint64_t pa, int size_code,
	     uint32_t attr);
void tlb_unmap(unsigned int idx);

/* ---- console, checks, exit ---- */
void putc(char c);
void puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

extern uint32_t rt_boot_arg;	/* r4 at entry: guest_vmm --arg N */
extern int rt_native;		/* running under plain QEMU, not guest_vmm */
extern int rt_failures;
extern const char *rt_test;	/* name of the check in progress */

void guest_exit(int code) __attribute__((noreturn));
void pass(const char *name);
void fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* CHECK(name, cond, fmt, ...): one FAIL line with details when false */
#define CHECK(name, cond, ...) do { if (!(cond)) { \
	fail(name, __VA_ARGS__); ok_ = 0; } } while (0)

/* ---- interrupts ---- */
struct trap_frame {
	uint32_t gpr[32];
	uint32_t cr, lr, ctr, xer;
	uint32_t srr0, srr1;	/* CSRR0/1 for the critical class */
	uint32_t esr, dear;
	uint32_t vec;
};
typedef void (*trap_handler)(struct trap_frame *f);
/* install @h for IVOR @vec (NULL: unexpected, which fails the guest) */
void set_handler(int vec, trap_handler h);
enum { V_CRIT, V_MCHK, V_DSI, V_ISI, V_EXT, V_ALIGN, V_PROGRAM, V_FPU,
       V_SC, V_APU, V_DEC, V_FIT, V_WDOG, V_DTLB, V_ITLB, V_DEBUG };
extern const char *const vec_names[16];

/* a handler that records the interrupt and skips the faulting instruction */
struct trap_record {
	int count;
	uint32_t vec, srr0, srr1, esr, dear, msr;
};
extern volatile struct trap_record last_trap;
void record_and_skip(struct trap_frame *f);
/* record, then return to the caller of the faulting function (srr0 = LR) */
void record_and_return(struct trap_frame *f);
void record_reset(void);

/* ---- user mode: needs a user-executable mapping of the image ---- */
#define USER_ALIAS	0x10000000u	/* EA of guest physical 0 for user code */
uint32_t run_user(uint32_t pc, uint32_t arg, uint32_t sp, uint32_t msr,
		  uint32_t ret);
extern char rt_user_exit[], rt_user_resume[];
/* map USER_ALIAS (TLB entry @idx) and call @fn there in problem state */
void user_alias_map(unsigned int idx);
uint32_t call_user(void *fn, uint32_t arg);

int main(void);

#endif
