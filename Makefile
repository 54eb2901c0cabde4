# kvm440 — entry points. The README's quick start is `make demo` and
# `make test`; both install what they need on a fresh Debian machine.
#
#   make demo        boot the emulated 440 host and run the main job
#   make test        everything CI runs: unit tests, then the e2e rig
#   make check       unit tests (Check) on the build machine
#   make e2e [T=x]   e2e tests on the emulated host (all, or one by name)
#   make fuzz        the user-surface fuzzer, full budget, on the debug host
#                    (FUZZ_SEED=N replays a run; see docs/security.md)
#   make security    the debug host's self-test, 1000 kill cycles, the
#                    netlink race and the full fuzz (docs/security.md)
#   make bench       benchmarks, guest vs native -> docs/bench.md, docs/bench.png,
#                    and virtio disk/network throughput -> docs/bench-virtio.md
#   make shell       interactive shell on the emulated 440 host
#   make fresh-check the quick start in a fresh Debian root (debootstrap;
#                    slow: run before changing the rig, deps, Makefile, README)
#   make             libkvm440 (static, shared, kvm440.pc) and kvm440ctl
#   make ppc         the same, static, for the emulated 440 host
#   make module      kvm440.ko for the running kernel (KDIR=... to override)

VERSION := 0.1.0
PREFIX  ?= /usr/local
CC      ?= cc
CFLAGS  ?= -O2 -g
BUILD   ?= build/host
# MNL=system links Debian's libmnl; MNL=rig compiles the rig's stand-in
# (tests/e2e/mnl/), for the cross build only, where no libmnl exists.
MNL     ?= system
# FDT=system links Debian's libfdt (libfdt-dev); FDT=kernel compiles the
# libfdt sources of a kernel tree (LIBFDT_DIR, by default KDIR's
# scripts/dtc/libfdt), for the cross build only, where no libfdt exists.
FDT     ?= system
DTC     ?= dtc

override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iuapi -Ilib

LIB_SRCS := $(wildcard lib/*.c)
CLI_SRCS := $(wildcard cli/*.c)
UNIT     := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/board/builtin_dtb.o
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
HDRS     := $(wildcard lib/*.h cli/*.h uapi/linux/*.h module/*.h tests/unit/*.h)

ifeq ($(MNL),rig)
MNL_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/e2e/mnl/*.c))
MNL_CFLAGS := -I$(BUILD)/mnl-include
MNL_LIBS :=
else
MNL_OBJS :=
MNL_CFLAGS :=
MNL_LIBS := -lmnl
endif
KDIR ?= /lib/modules/$(shell uname -r)/build
ifeq ($(FDT),kernel)
LIBFDT_DIR ?= $(KDIR)/scripts/dtc/libfdt
FDT_SRCS := $(addprefix $(LIBFDT_DIR)/,fdt.c fdt_ro.c fdt_rw.c fdt_wip.c \
	      fdt_sw.c fdt_strerror.c fdt_addresses.c)
FDT_OBJS := $(patsubst $(LIBFDT_DIR)/%.c,$(BUILD)/libfdt/%.o,$(FDT_SRCS))
FDT_CFLAGS := -I$(LIBFDT_DIR)
FDT_LIBS :=
else
FDT_OBJS :=
FDT_CFLAGS :=
FDT_LIBS := -lfdt
endif
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: all deps check e2e test demo fuzz security shell fresh-check bench bench-virtio bench-selftest module ppc install clean

all: $(BUILD)/libkvm440.a $(BUILD)/libkvm440.so $(BUILD)/kvm440.pc \
     $(BUILD)/kvm440ctl $(BUILD)/examples/boot_guest

deps:
	@bash tests/e2e/rig/deps.sh

$(BUILD)/mnl-include/libmnl/libmnl.h: /usr/include/libmnl/libmnl.h
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/%.o: %.c $(HDRS) $(if $(MNL_CFLAGS),$(BUILD)/mnl-include/libmnl/libmnl.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(MNL_CFLAGS) $(FDT_CFLAGS) -fPIC -c -o $@ $<

# The board's device tree, compiled by dtc and linked in as a C array.
$(BUILD)/board/kvm440-bamboo.dtb: board/kvm440-bamboo.dts
	@mkdir -p $(@D)
	$(DTC) -I dts -O dtb -o $@ $<

$(BUILD)/board/builtin_dtb.c: $(BUILD)/board/kvm440-bamboo.dtb
	{ echo '/* generated from board/kvm440-bamboo.dts; do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo '_Alignas(8) const unsigned char kvm440_builtin_dtb[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '};'; \
	  echo 'const size_t kvm440_builtin_dtb_len = sizeof(kvm440_builtin_dtb);'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/board/builtin_dtb.o: $(BUILD)/board/builtin_dtb.c
	$(CC) $(CFLAGS) -fPIC -c -o $@ $<

# libfdt from the kernel tree (FDT=kernel); not our code, so not -Werror
$(BUILD)/libfdt/%.o: $(LIBFDT_DIR)/%.c
	@test -f $(LIBFDT_DIR)/libfdt.h || { echo "no libfdt in LIBFDT_DIR=$(LIBFDT_DIR) (set KDIR to the rig's kernel tree)" >&2; exit 1; }
	@mkdir -p $(@D)
	$(CC) -O2 -std=gnu11 -I$(LIBFDT_DIR) -fPIC -c -o $@ $<

$(BUILD)/libkvm440.a: $(LIB_OBJS) $(MNL_OBJS) $(FDT_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# The version script exports what lib/kvm440.h declares and nothing else;
# soname 1: the config became opaque (kvm440_config_load() and _parse()
# changed) when the ABI was first made deliberate.
SONAME := libkvm440.so.1
$(BUILD)/libkvm440.so: $(LIB_OBJS) lib/libkvm440.map
	$(CC) -shared -Wl,-soname,$(SONAME) \
		-Wl,--version-script,lib/libkvm440.map -o $@ $(LIB_OBJS) \
		$(MNL_LIBS) $(FDT_LIBS)

$(BUILD)/kvm440.pc: lib/kvm440.pc.in
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

# examples/boot_guest.c: a guest booted through the library alone
$(BUILD)/examples/boot_guest: examples/boot_guest.c lib/kvm440.h $(BUILD)/libkvm440.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkvm440.a $(MNL_LIBS) \
		$(FDT_LIBS)

$(BUILD)/kvm440ctl: $(CLI_OBJS) $(BUILD)/libkvm440.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libkvm440.a $(MNL_LIBS) \
		$(FDT_LIBS)

$(BUILD)/unit/test_%: tests/unit/test_%.c tests/unit/main.c $(BUILD)/libkvm440.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(FDT_CFLAGS) -DSUITE=$*_suite -o $@ $< tests/unit/main.c \
		$(BUILD)/libkvm440.a $(MNL_LIBS) $(FDT_LIBS) $(CHECK_LIBS)

check: deps
	@$(MAKE) --no-print-directory $(UNIT:%=$(BUILD)/unit/test_%) bench-selftest \
		$(BUILD)/libkvm440.so $(BUILD)/kvm440ctl
	@fail=0; for t in $(UNIT); do $(BUILD)/unit/test_$$t || fail=1; done; \
	bash tests/abi-check.sh $(BUILD)/libkvm440.so || fail=1; \
	bash tests/docs-check.sh $(BUILD)/kvm440ctl || fail=1; \
	BUILD=$(BUILD) bash tests/install-check.sh $(abspath $(BUILD))/install-check || fail=1; \
	exit $$fail

PPC_BUILD ?= build/ppc
# libfdt for the 440 comes from a kernel tree: KDIR=... (the rig passes its
# own), else the newest tree the rig has cached.
PPC_LIBFDT ?= $(patsubst %/libfdt.h,%,$(firstword \
	$(wildcard $(KDIR)/scripts/dtc/libfdt/libfdt.h) \
	$(wildcard $(HOME)/.cache/kvm440/linux-*/scripts/dtc/libfdt/libfdt.h)))
ppc:
	@test -n "$(PPC_LIBFDT)" || { echo "make ppc: no kernel tree with scripts/dtc/libfdt; give KDIR=..." >&2; exit 1; }
	@$(MAKE) --no-print-directory BUILD=$(PPC_BUILD) MNL=rig \
		FDT=kernel LIBFDT_DIR=$(PPC_LIBFDT) \
		CC=powerpc-linux-gnu-gcc AR=powerpc-linux-gnu-ar \
		LDFLAGS=-static $(PPC_BUILD)/kvm440ctl $(PPC_BUILD)/libkvm440.a \
		$(PPC_BUILD)/examples/boot_guest

e2e: deps
	bash tests/e2e/run.sh $(T)

test: deps
	@$(MAKE) --no-print-directory check
	bash tests/e2e/selftest.sh
	bash tests/e2e/run.sh

# Full budgets on the debug host (kernel-debug.config: KASAN, kmemleak,
# lockdep, ...); `make test` runs slices of the same tests on the plain one.
FUZZ_IOCTLS ?= 1000000
FUZZ_GUESTS ?= 2000
FUZZ_SEED   ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d " ")
KILL_CYCLES ?= 1000
DEBUG_RIG = E2E_HOST_KERNEL=debug E2E_TIMEOUT=14400
fuzz: deps
	$(DEBUG_RIG) E2E_APPEND="fuzz_ioctls=$(FUZZ_IOCTLS) fuzz_guests=$(FUZZ_GUESTS) $(if $(FUZZ_SEED),fuzz_seed=$(FUZZ_SEED))" \
		bash tests/e2e/run.sh fuzz

security: deps
	bash tests/e2e/selftest.sh debug
	$(DEBUG_RIG) E2E_APPEND="kill_cycles=$(KILL_CYCLES) race_churns=20000" \
		bash tests/e2e/run.sh vm_kill_cycles netlink_vm_race
	@$(MAKE) --no-print-directory fuzz

# one column per module parameter set: BENCH_MODULE_PARAMS, by default
# "shadow=direct;shadow=array"; BENCH_MODULE_PARAMS= for the defaults alone
bench: deps
	bash tests/bench/run.sh
	bash tests/bench/virtio.sh

# the virtio part of make bench alone -> docs/bench-virtio.md
bench-virtio: deps
	bash tests/bench/virtio.sh

# make bench's report generator (run.sh builds it through this rule) and its
# self-test, which make check runs: no emulator, fixed logs, under a second
BENCH_REPORT_SRCS := tests/bench/report_parse.c tests/bench/report_util.c \
		     tests/bench/tradeoff.c tests/bench/targets.c
$(BUILD)/bench/report $(BUILD)/bench/report_test: $(BUILD)/bench/%: \
		tests/bench/%.c $(BENCH_REPORT_SRCS) tests/bench/report.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(BENCH_REPORT_SRCS) -lm

bench-selftest: $(BUILD)/bench/report $(BUILD)/bench/report_test
	bash tests/bench/selftest.sh $(BUILD)/bench

demo: deps
	bash tests/e2e/run.sh --demo

shell: deps
	bash tests/e2e/run.sh --shell

fresh-check:
	bash tests/e2e/fresh-check.sh

module:
	$(MAKE) -C module KDIR=$(KDIR)

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(PREFIX)/include/linux $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man3 \
		$(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 $(BUILD)/libkvm440.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libkvm440.so $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libkvm440.so
	install -m 644 $(BUILD)/kvm440.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 644 lib/kvm440.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 uapi/linux/kvm440.h $(DESTDIR)$(PREFIX)/include/linux/
	install -m 755 $(BUILD)/kvm440ctl $(DESTDIR)$(PREFIX)/bin/
	install -m 644 cli/kvm440ctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 docs/man/libkvm440.3 $(DESTDIR)$(PREFIX)/share/man/man3/
	install -m 644 docs/man/guest.cfg.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 cli/kvm440ctl.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/kvm440ctl

clean:
	rm -rf build
	-$(MAKE) -C module clean KDIR=$(KDIR) 2>/dev/null
