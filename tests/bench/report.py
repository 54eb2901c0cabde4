#!/usr/bin/env python3
"""make bench's report: parse the emulated host's log and the two native
logs of one run (tests/bench/run.sh) into docs/bench.md and the chart's
data. Every number written comes from those logs; a figure that is missing
from them is an error, never a guess.

Units: under -icount shift=0,sleep=off one instruction is one ns and the
timebase ticks at 400 MHz, so instructions = ticks x 2.5, and a printk
second is 10^9 instructions.
"""
import argparse
import os
import re
import sys
from statistics import median

TB_NS = 2.5

KINDS = {  # kind: (what one iteration does, operations in it, native counterpart)
    "mfmsr": ("`mfmsr`", 1, "same"),
    "mfmsr_slot0": ("`mfmsr`, the loop's code through guest TLB entry 0 (all others: entry 63)", 1, "same"),
    "wrteei": ("`wrteei 1` + `wrteei 0`", 2, "same"),
    "mtmsr": ("`mtmsr` (same value)", 1, "same"),
    "mfspr_sprg0": ("`mfspr SPRG0`", 1, "same"),
    "mtspr_sprg0": ("`mtspr SPRG0`", 1, "same"),
    "mfspr_srr0": ("`mfspr SRR0`", 1, "same"),
    "mtspr_srr0": ("`mtspr SRR0`", 1, "same"),
    "rfi": ("`rfi` (to the next instruction)", 1, "same"),
    "tlbwe": ("`tlbwe` word 0 of a valid entry", 1, "same"),
    "dtlb_refill": ("load from 1 of 128 pages (4K, 64K apart) of a 16M guest entry in slot 63", 1, "same; one TLB entry, no miss"),
    "itlb_refill": ("call a `blr` on 1 of 128 such pages", 1, "same; no miss"),
    "mmio": ("`lbz` of the 16550's LSR (guest_vmm)", 1, "QEMU's own 16550 LSR: no exit"),
    "dcr": ("`mfdcr` of guest_vmm's scratch DCR 0x3f2", 1, "`mfdcr` UIC0 SR (0xc0), a DCR QEMU has: no exit"),
    "host_tick": ("`bdnz` to itself (nothing to exit for)", 1, "same"),
}


def die(msg):
    print("report.py: " + msg, file=sys.stderr)
    sys.exit(1)


def lines(path):
    with open(path, errors="replace") as f:
        return [l.rstrip("\r\n").replace("\r", "") for l in f]


def kv(text):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", text)}


RUN_INIT = re.compile(r"\[\s*(\d+\.\d+)\] Run /init as init process")
USER = re.compile(r"bench-user: (\S+) iters=(\d+) tb=(\d+)")
MICRO = re.compile(r"bench: (\w+) kind=(\d+) iters=(\d+) tb=(\d+)")


def parse_linux(ls, where):
    """Figures a Linux boot's console gives: the same parser for the
    kvm440 guest's ([guest]-prefixed) lines and the native run's."""
    r = {"user": {}}
    for l in ls:
        m = RUN_INIT.search(l)
        if m:
            r["run_init_s"] = float(m.group(1))
        m = re.search(r"bench-guest: init tb=(\d+)", l)
        if m:
            r["init_tb"] = int(m.group(1))
        m = USER.search(l)
        if m:
            name = os.path.basename(m.group(1))
            r["user"][name] = (int(m.group(2)), int(m.group(3)))
    for k in ("run_init_s", "init_tb"):
        if k not in r:
            die("%s: no %s in the Linux boot's console" % (where, k))
    for k in ("sleep", "compute", "fork_exec", "page_touch"):
        if k not in r["user"]:
            die("%s: no bench-user %s line" % (where, k))
    return r


def parse_host(path):
    sets = []
    cur = None
    for l in lines(path):
        m = re.match(r"BENCH-SET (\d+) (.*)", l)
        if m:
            cur = {"name": m.group(2), "micro": {}, "micro2": {}, "marks": {},
                   "runs": []}
            sets.append(cur)
            continue
        if cur is None:
            continue
        if l.startswith("BENCH-SET-END"):
            cur["done"] = True
        m = re.match(r"BENCH-STATE \d+ (\d+)", l)
        if m:
            cur["state_bytes"] = int(m.group(1))
        m = re.match(r"BENCH-MICRO([12]) \d+ (.*)", l)
        if m:
            mm = MICRO.search(m.group(2))
            cur["micro" if m.group(1) == "1" else "micro2"][mm.group(1)] = (
                int(mm.group(2)), int(mm.group(3)), int(mm.group(4)))
        m = re.match(r"BENCH-MARK1 \d+ 0x([0-9a-f]+) (.*)", l)
        if m and int(m.group(1), 16) < 0x100:
            cur["marks"][int(m.group(1), 16)] = kv(m.group(2))
        m = re.match(r"BENCH-LINUX \d+ (\d+)", l)
        if m:
            run = {"guest": [], "endstat": {}}
            cur["runs"].append(run)
            continue
        if not cur["runs"]:
            continue
        run = cur["runs"][-1]
        m = re.match(r"BENCH-START \d+ tb=(\d+)", l)
        if m:
            run["start_tb"] = int(m.group(1))
        m = re.match(r"BENCH-INITSTAT \d+ (.*)", l)
        if m:
            f = m.group(1).split()
            run["initstat"] = kv(m.group(1))
            run["initstat"]["exits"] = int(f[5])
        m = re.match(r"BENCH-ENDSTAT \d+ (\w+) (\d+)", l)
        if m:
            run["endstat"][m.group(1)] = int(m.group(2))
        if l.startswith("[guest] "):
            run["guest"].append(l[8:])
        m = re.match(r"BENCH-WSTAT \d+ (\w+) (begin|end) (.*)", l)
        if m:
            d = kv(m.group(3))
            d["exits"] = int(m.group(3).split()[5])
            run.setdefault("wstat", {}).setdefault(m.group(1), {})[m.group(2)] = d
    if not sets:
        die(path + ": no BENCH-SET line (did the rig run the bench test?)")
    for s in sets:
        for k in ("done", "state_bytes"):
            if k not in s:
                die("%s: set '%s' has no %s" % (path, s["name"], k))
        if not s["runs"]:
            die("%s: set '%s' booted no Linux guest" % (path, s["name"]))
        for i, run in enumerate(s["runs"]):
            for k in ("start_tb", "initstat"):
                if k not in run:
                    die("%s: set '%s' boot %d has no %s" % (path, s["name"], i + 1, k))
            run.update(parse_linux(run["guest"], "set '%s' boot %d" % (s["name"], i + 1)))
    return sets


def parse_native_micro(path):
    r = {}
    for l in lines(path):
        m = MICRO.search(l)
        if m:
            r[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)))
    if not r:
        die(path + ": no bench lines")
    return r


def small(v):
    """a per-unit count: whole from 10, 2 decimals from 0.01, else 1.2e-05"""
    return fmt(v) if v >= 10 else "%.2f" % v if v >= 0.01 else "%.1e" % v


def fmt(v, nd=0):
    """v with nd decimals below 100, as a whole number (thin-spaced) above"""
    if v is None:
        return "-"
    if nd == 0 or abs(v) >= 100:
        return "{:,}".format(int(round(v))).replace(",", " ")
    return "{:.{}f}".format(v, nd)


# Exits a loop's closing mark (an mtdcr: one DCR exit to guest_vmm, counted
# as an emulated instruction too) adds to the counters between the marks.
MARK_SELF = {"exits": 1, "heavy": 1, "dcr": 1, "emul_inst": 1}
REASONS = ["itlb_v", "dtlb_v", "itlb_r", "dtlb_r", "emul_inst", "mmio",
           "dcr", "dec", "ext_intr", "fit", "program", "sysc"]


def micro_rows(s, native):
    rows = []
    for name in KINDS:
        if name not in s["micro"] or name not in native:
            die("micro kind %s missing (set '%s' or native)" % (name, s["name"]))
        k, iters, tb = s["micro"][name]
        _, niters, ntb = native[name]
        if niters != iters:
            die("kind %s: %d iterations in the guest, %d natively" % (name, iters, niters))
        if k not in s["marks"]:
            die("kind %s: no mark line in set '%s'" % (name, s["name"]))
        mk = {r: v - MARK_SELF.get(r, 0) for r, v in s["marks"][k].items()}
        g_ns = tb * TB_NS / iters
        n_ns = ntb * TB_NS / iters
        exits = mk["exits"]
        row = {"name": name, "iters": iters, "g": g_ns, "n": n_ns,
               "exits": exits, "mk": mk,
               "per_iter": exits / iters}
        if name == "host_tick":
            # the guest has no timer: its dec/ext_intr exits are the host's
            ticks = mk.get("dec", 0) + mk.get("ext_intr", 0)
            row["ticks"] = ticks
            row["per_op"] = (tb - ntb) * TB_NS / ticks if ticks else None
            row["per_exit"] = (tb - ntb) * TB_NS / exits if exits else None
        else:
            row["per_op"] = (g_ns - n_ns) / KINDS[name][1]
            row["per_exit"] = (g_ns - n_ns) / row["per_iter"] if exits else None
        row["check"] = check(name, mk, iters, KINDS[name][1])
        if row["check"] != "ok":
            print("report.py: warning: set '%s', kind %s: %s" % (
                s["name"], name, row["check"]), file=sys.stderr)
        rows.append(row)
    return rows


def check(name, mk, iters, ops):
    """Does the loop exit as its kind says? "ok", or what differs."""
    per = {k: v / iters for k, v in mk.items()}
    if name == "host_tick":
        bad = [k for k in ("emul_inst", "mmio", "dcr", "itlb_r", "dtlb_r",
                           "program", "sysc") if mk.get(k, 0)]
        if bad:
            return "NO: guest-caused " + ", ".join(bad)
        if not mk.get("dec", 0) + mk.get("ext_intr", 0):
            return "NO: no host tick"
        return "ok"
    want = {"dtlb_refill": "dtlb_v", "itlb_refill": "itlb_v", "mmio": "mmio",
            "dcr": "dcr"}.get(name, "emul_inst")
    got = per.get(want, 0)
    # a refill loop also evicts its own code page now and then (~1 in 60)
    tol = 0.05 if name.endswith("_refill") else 0.01
    if got < ops * (1 - tol) or got > ops * (1 + tol):
        return "NO: %s %.3f per iteration, expected %d" % (want, got, ops)
    return "ok"


def reasons_str(mk, iters):
    parts = []
    for r in REASONS:
        v = mk.get(r, 0)
        if v:
            parts.append("%s %s" % (r, fmt(v / iters, 3) if iters > 1000 else fmt(v)))
    return ", ".join(parts) or "none"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--native-micro", required=True)
    ap.add_argument("--native-micro2", required=True)
    ap.add_argument("--native-linux", required=True, action="append")
    ap.add_argument("--md", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--commit", default="")
    a = ap.parse_args()

    sets = parse_host(a.host)
    nmicro = parse_native_micro(a.native_micro)
    nmicro2 = parse_native_micro(a.native_micro2)
    nlin = [parse_linux(lines(f), f) for f in a.native_linux]
    names = [s["name"] for s in sets]
    for s in sets:
        s["rows"] = micro_rows(s, nmicro)

    out = []
    w = out.append
    w("# kvm440 benchmarks")
    w("")
    w("Generated by `make bench` (`tests/bench/run.sh`, `tests/bench/report.py`)"
      + (" on commit `%s`" % a.commit if a.commit else "")
      + "; do not edit: regenerate with `make bench` (module parameter sets: "
      "`BENCH_MODULE_PARAMS=\"set1; set2\"`, one column each). Every figure "
      "below comes from that one run: the emulated 440 host (`-M bamboo`, "
      "rig kernel) running kvm440 guests, and the same images booted natively "
      "on bare `qemu-system-ppc -M bamboo`. All under `-icount "
      "shift=0,sleep=off`: 1 instruction = 1 ns, timebase 400 MHz, so "
      "instructions = TB ticks x 2.5. Chart: `docs/bench.png`.")
    w("")
    w("Parameter sets (columns): " + ", ".join("`%s`" % n for n in names) + ".")
    w("")

    # 1. micro
    w("## 1. Instructions per exit, by kind")
    w("")
    w("Bare-metal guest `tests/guests/g_bench.c` under `guest_vmm` (kind K "
      "alone: `guest_vmm bench.bin --arg K`), each loop between two marks "
      "(DCR 0x3f4) so the exits it caused are counted by reason (the closing "
      "mark's own exit removed). Natively the same `bench.elf` on bare QEMU. "
      "Per operation = (guest ns/iteration - native ns/iteration) / "
      "operations per iteration (2 for `wrteei`, else 1): what one such "
      "operation costs, with whatever else it drags in (e.g. the refill after "
      "a heavy exit, which drops the shadows). Per exit = the same difference "
      "/ exits per iteration. For `host_tick`: (guest - native) for the whole "
      "loop / host timer interrupts in it (its `dec` + `ext_intr` exits: the "
      "guest has no timer). The counters overlap: a data access that "
      "turns out to be MMIO counts as `dtlb_v` and `mmio` in one exit. "
      "\"Exits as expected\": one `emul_inst` per operation for the emulated "
      "kinds, one `mmio`/`dcr` per iteration (within 1%), one `dtlb_v`/"
      "`itlb_v` per iteration for the refills (within 5%: the loop's own code "
      "page is evicted too, about once per 60 refills), no guest-caused exit "
      "in `host_tick`.")
    w("")
    for s in sets:
        w("### set `%s`" % s["name"])
        w("")
        w("| kind | one iteration | iterations | native ins/iter | guest ins/iter | **ins per operation** | exits/iter | ins per exit | counters per iteration | exits as expected |")
        w("|---|---|---|---|---|---|---|---|---|---|")
        for r in s["rows"]:
            what = KINDS[r["name"]][0]
            if r["name"] == "host_tick":
                per = "**%s per tick**" % fmt(r["per_op"])
                reasons = "%s host ticks; per tick: %s" % (
                    fmt(r["ticks"]), reasons_str(r["mk"], r["ticks"]) if r["ticks"] else "-")
                epi = fmt(r["per_iter"], 7)
            else:
                per = "**%s**" % fmt(r["per_op"])
                reasons = reasons_str(r["mk"], r["iters"])
                epi = fmt(r["per_iter"], 3)
            w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["name"], what, fmt(r["iters"]), fmt(r["n"], 2), fmt(r["g"], 1),
                per, epi, fmt(r["per_exit"]), reasons, r["check"]))
        w("")
    w("Repeatability: each microbenchmark ran twice in this run, under "
      "kvm440 and natively; the largest difference between the two runs' "
      "loop times, over all kinds:")
    w("")
    w("| | native | " + " | ".join("`%s`" % n for n in names) + " |")
    w("|---|---|" + "---|" * len(names))

    def repeat(m1, m2):
        worst_rel, worst_ins = 0.0, 0.0
        for k in KINDS:
            if k not in m2:
                die("kind %s missing in the second run" % k)
            d = abs(m1[k][2] - m2[k][2])
            worst_rel = max(worst_rel, d / m1[k][2])
            worst_ins = max(worst_ins, d * TB_NS / m1[k][1])
        return "%.4f%% (%s ins per iteration)" % (100 * worst_rel, fmt(worst_ins, 2))
    w("| largest difference | %s | %s |" % (
        repeat(nmicro, nmicro2),
        " | ".join(repeat(s["micro"], s["micro2"]) for s in sets)))
    w("")
    w("Native counterparts: " + "; ".join(
        "%s: %s" % (k, v[2]) for k, v in KINDS.items() if v[2] != "same")
      + ". Natively the device access is handled inside QEMU without any "
      "exit, so those native columns are the loop without exits (QEMU's "
      "`-icount` accounting of an I/O instruction can even make them read "
      "below the loop's instruction count).")
    w("")

    # 2. Linux boot
    w("## 2. Linux boot: the rig's vmlinux as a kvm440 guest and natively")
    w("")
    w("Same `vmlinux` (the emulated host's own 6.1 bamboo kernel), same "
      "initramfs (busybox + `benchu` as `/init`, `tests/bench/bench-init.sh`), "
      "64M, `console=ttyS0,115200 rdinit=/init`. Guest: `kvm440ctl start "
      "--stats tests/bench/bench.cfg` on the emulated host. Native: "
      "`qemu-system-ppc -M bamboo -m 64 -kernel vmlinux -initrd bench.cpio "
      "-icount shift=0,sleep=off`.")
    w("")
    w("- `time_init` -> `Run /init`: the `Run /init as init process` stamp of "
      "the booted kernel's own printk clock, which starts at `time_init`.")
    w("- start -> init: `/init` (benchu) prints the timebase as its first "
      "action. A kvm440 guest reads the host's own timebase, so under kvm440 "
      "the figure is that value minus the timebase `benchu tb` read on the "
      "host just before `kvm440ctl start` (it includes `kvm440ctl` reading "
      "vmlinux and setting up the VM); natively QEMU's timebase starts at 0 "
      "at reset, so it covers the whole boot, including the kernel's start "
      "before `time_init`.")
    w("- `sleep 1`: `benchu run /bin/sleep 1` in the init: the timebase "
      "around fork, exec and wait of `sleep 1`. Under kvm440 that timebase "
      "is the host's, so this is the time the host spent on it.")
    w("")
    # Each figure: a function of one boot's parse (native runs have no
    # start_tb: their timebase starts at 0 at QEMU's reset).
    def f_time_init(r):
        return r["run_init_s"] * 1e9

    def f_start_init(r):
        return (r["init_tb"] - r.get("start_tb", 0)) * TB_NS

    def f_sleep(r):
        return r["user"]["sleep"][1] * TB_NS

    def f_work(wl):
        return lambda r: r["user"][wl][1] * TB_NS / r["user"][wl][0]

    def spread(vals, div, nd):
        lo, hi = min(vals), max(vals)
        if len(vals) == 1:
            return fmt(median(vals) / div, nd)
        return "%s (%s-%s)" % (fmt(median(vals) / div, nd), fmt(lo / div, nd),
                               fmt(hi / div, nd))

    ratios = []  # (label, [per set ratio of medians])

    def row(label, f, div, nd, unit, label_chart=None):
        nv = [f(r) for r in nlin]
        cells, rs = [], []
        for st in sets:
            gv = [f(r) for r in st["runs"]]
            rr = median(gv) / median(nv)
            rs.append(rr)
            cells.append("%s %s, **%sx**" % (spread(gv, div, nd), unit, fmt(rr, 2)))
        w("| %s | %s %s | %s |" % (label, spread(nv, div, nd), unit, " | ".join(cells)))
        if label_chart:
            ratios.append((label_chart, rs))

    w("Booted %s times under kvm440 (per set) and %d times natively: "
      "median (min-max), and the ratio of the medians." % (
          "/".join(str(len(st["runs"])) for st in sets), len(nlin)))
    w("")
    w("| figure | native | " + " | ".join("`%s`" % n for n in names) + " |")
    w("|---|---|" + "---|" * len(names))
    row("`time_init` -> `Run /init`", f_time_init, 1e6, 1, "M ins",
        "boot: time_init to Run /init")
    row("start -> init's first line", f_start_init, 1e6, 1, "M ins",
        "boot: start to init")
    row("`sleep 1` (guest time)", f_sleep, 1e9, 3, "s")
    w("")
    w("Exits by reason (median per counter over the boots): to the init's "
      "first line (`kvm440ctl status` taken on the host when that line "
      "appears, so a little after it) and for the whole run to the guest's "
      "reboot (`kvm440ctl start --stats`; includes the workloads of "
      "section 3):")
    w("")
    w("| counter | " + " | ".join("`%s` to init | `%s` whole run" % (n, n) for n in names) + " |")
    w("|---|" + "---|---|" * len(names))
    counters = []
    for st in sets:
        for r in st["runs"]:
            for c in list(r["initstat"]) + list(r["endstat"]):
                if c not in counters:
                    counters.append(c)
    counters.sort(key=lambda c: (c != "exits", c))
    for c in counters:
        cells = []
        for st in sets:
            cells.append(fmt(median([r["initstat"].get(c, 0) for r in st["runs"]])))
            cells.append(fmt(median([r["endstat"].get(c, 0) for r in st["runs"]])))
        w("| %s | %s |" % (c, " | ".join(cells)))
    w("")

    # 3. workloads
    w("## 3. Guest user space against native")
    w("")
    w("`benchu` (`tests/bench/benchu.c`, static glibc) run by the init of "
      "each boot above, timing itself with the timebase: `compute` 10M rounds "
      "of integer arithmetic, `fork_exec` 20 x (fork, exec `benchu nop`, "
      "wait), `page_touch` 50 passes over 256 pre-faulted 4K pages (more than "
      "the 64-entry TLB, so every touch is a guest TLB miss). Instructions "
      "per unit, median (min-max) over the boots.")
    w("")
    w("| workload | unit | native | " + " | ".join("`%s`" % n for n in names) + " |")
    w("|---|---|---|" + "---|" * len(names))
    for wl, unit in (("compute", "round"), ("fork_exec", "fork+exec+wait"),
                     ("page_touch", "page touch")):
        nd = 1 if median([f_work(wl)(r) for r in nlin]) < 100 else 0
        row("%s | %s" % (wl, unit), f_work(wl), 1, nd, "ins", wl)
    w("")
    w("Exits per unit during each workload, by reason: the VM's counters "
      "(`kvm440ctl status`) read by the host when `benchu` prints `begin` and "
      "when it prints its result, each line followed by a second of idling, "
      "so the difference holds the workload, its printing and some idle "
      "time (`dec`, `ext_intr`, `halt_wakeup`); median over the boots, "
      "divided by the units of the workload.")
    w("")
    w("| workload | " + " | ".join("`%s`" % n for n in names) + " |")
    w("|---|" + "---|" * len(names))
    for wl in ("compute", "fork_exec", "page_touch"):
        cells = []
        for st in sets:
            per = {}
            for r in st["runs"]:
                ws = r.get("wstat", {}).get(wl)
                if not ws or "begin" not in ws or "end" not in ws:
                    die("set '%s': no counters around %s" % (st["name"], wl))
                units = r["user"][wl][0]
                for c in set(ws["begin"]) | set(ws["end"]):
                    per.setdefault(c, []).append(
                        (ws["end"].get(c, 0) - ws["begin"].get(c, 0)) / units)
            med = {c: median(v) for c, v in per.items()}
            order = ["exits"] + sorted(c for c in med if c != "exits")
            cells.append(", ".join("%s %s" % (c, small(med[c]))
                                   for c in order if med[c] > 0) or "none")
        w("| %s | %s |" % (wl, " | ".join(cells)))
    w("")

    # 4. state
    w("## 4. Per-vCPU state")
    w("")
    w("From the module's load message (`kvm440: per-vCPU state: N bytes`, host kernel log).")
    w("")
    w("| | " + " | ".join("`%s`" % n for n in names) + " |")
    w("|---|" + "---|" * len(names))
    w("| bytes per vCPU | " + " | ".join(fmt(s["state_bytes"]) for s in sets) + " |")
    w("")
    w("## Reproduce")
    w("")
    w("    make bench                                   # this file and docs/bench.png")
    w("    BENCH_MODULE_PARAMS=\"; shadow=array\" make bench   # two columns")
    w("")
    w("Logs of the run: `build/bench/host.log` (emulated host: `[micro]` the "
      "bare-metal guest, `[guest]` the Linux guest), `build/bench/native/"
      "micro.log` (and `micro2.log`), `build/bench/native/linuxN.log`.")
    with open(a.md, "w") as f:
        f.write("\n".join(out) + "\n")

    os.makedirs(a.data, exist_ok=True)
    with open(os.path.join(a.data, "exit.dat"), "w") as f:
        f.write("kind " + " ".join('"%s"' % n for n in names) + "\n")
        for i, r in enumerate(sets[0]["rows"]):
            f.write(r["name"] + " " + " ".join(
                "%.0f" % (s["rows"][i]["per_op"] or 0) for s in sets) + "\n")
    with open(os.path.join(a.data, "ratio.dat"), "w") as f:
        f.write("figure " + " ".join('"%s"' % n for n in names) + "\n")
        for label, rs in ratios:
            f.write('"%s" ' % label + " ".join("%.3f" % r for r in rs) + "\n")
    with open(os.path.join(a.data, "vars.gp"), "w") as f:
        f.write("nsets = %d\n" % len(names))

    # the table, on the terminal
    print("%-14s %s" % ("kind", " ".join("%16s" % n[:16] for n in names)))
    for i, r in enumerate(sets[0]["rows"]):
        print("%-14s %s" % (r["name"], " ".join(
            "%16s" % fmt(s["rows"][i]["per_op"]) for s in sets)))
    for label, rs in ratios:
        print("%-30s %s" % (label, " ".join("%8.2fx" % r for r in rs)))


if __name__ == "__main__":
    main()
