# kvm440 — entry points. The README's quick start is `make demo` and
# `make test`; both install what they need on a fresh Debian machine.
#
#   make demo        boot the emulated 440 host and run the main job
#   make test        everything CI runs: unit tests, then the e2e rig
#   make check       unit tests (Check) on the build machine
#   make e2e [T=x]   e2e tests on the emulated host (all, or one by name)
#   make shell       interactive shell on the emulated 440 host
#   make module      kvm440.ko for the running kernel (KDIR=... to override)

CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -Iuapi
BUILD   := build/host

UNIT_SRCS := $(wildcard tests/unit/*.c)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: all deps check e2e test demo shell module clean

all: $(BUILD)/unit_tests

deps:
	@bash tests/e2e/rig/deps.sh

$(BUILD)/unit_tests: $(UNIT_SRCS) $(wildcard tests/unit/*.h module/*.h uapi/linux/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $(UNIT_SRCS) $(CHECK_LIBS)

check: deps
	@$(MAKE) --no-print-directory $(BUILD)/unit_tests
	$(BUILD)/unit_tests

e2e: deps
	bash tests/e2e/run.sh $(T)

test: deps
	@$(MAKE) --no-print-directory check
	bash tests/e2e/selftest.sh
	bash tests/e2e/run.sh

demo: deps
	bash tests/e2e/run.sh --demo

shell: deps
	bash tests/e2e/run.sh --shell

KDIR ?= /lib/modules/$(shell uname -r)/build
module:
	$(MAKE) -C module KDIR=$(KDIR)

clean:
	rm -rf build
	-$(MAKE) -C module clean KDIR=$(KDIR) 2>/dev/null
