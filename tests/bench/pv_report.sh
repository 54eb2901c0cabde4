#!/usr/bin/env bash
# bench.md's paravirt section (docs/paravirt.md), from the emulated host's
# log (host.sh's BENCH-PV lines and "[pvguest] " console) and the native
# boots of the same kernel: pv_report.sh HOST_LOG NATIVE_LOG... > markdown.
# Figures are medians over the boots; instructions = timebase ticks x 2.5
# and a printk stamp in seconds is G instructions (-icount shift=0).
set -euo pipefail
host=$1
shift
awk -v nnative=$# '
function stamp(l,   s) {	# the seconds of "[ x.y] Run /init as init process"
	s = l
	sub(/\] Run \/init as init process.*/, "", s)
	sub(/.*\[ */, "", s)
	return s + 0
}
function kv(line, pfx, key, arr,   n, i, f, p) {	# status line -> arr[pfx,key]
	n = split(line, f, " ")
	arr[pfx, "exits"] = f[6] + 0
	for (i = 7; i <= n; i++)
		if ((p = index(f[i], "=")) > 0)
			arr[pfx, substr(f[i], 1, p - 1)] = substr(f[i], p + 1) + 0
}
function median(list,   n, v, i, j, t) {	# list: space-separated numbers
	n = split(list, v, " ")
	if (n == 0)
		return -1
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function add(name, v) { vals[name] = vals[name] " " v }
{ sub(/\r$/, "") }
FILENAME != ARGV[1] {		# a native boot
	if ($0 ~ /\] Run \/init as init process/)
		add("native_init", stamp($0))
	next
}
/^BENCH-PV-RUN / { mode = $2; run++; next }
/^\[pvguest\] / && /\] Run \/init as init process/ { add(mode "_init", stamp($0)); next }
/^\[pvguest\] bench-user: page_touch iters=/ {
	t = $0; sub(/.*tb=/, "", t); add(mode "_wtb", t); next
}
/^BENCH-PV-INITSTAT / {
	m = $2; line = $0; sub(/^BENCH-PV-INITSTAT [a-z]+ /, "", line)
	delete st; kv(line, "s", "", st)
	for (k in st) { split(k, kk, SUBSEP); add(m "_st_" kk[2], st[k]); keys[kk[2]] = 1 }
	runs[m]++
	next
}
/^BENCH-PV-WSTAT / && $3 == "page_touch" {
	m = $2; which = $4; line = $0; sub(/^BENCH-PV-WSTAT [a-z]+ page_touch [a-z]+ /, "", line)
	delete w; kv(line, "w", "", w)
	if (which == "begin") {
		for (k in wb) delete wb[k]
		for (k in w) wb[k] = w[k]
	} else {
		miss = (w["w", "itlb_real"] - wb["w", "itlb_real"]) + (w["w", "dtlb_real"] - wb["w", "dtlb_real"])
		add(m "_misses", miss)
		add(m "_wexits", w["w", "exits"] - wb["w", "exits"])
		add(m "_wemul", w["w", "emul_inst"] - wb["w", "emul_inst"])
	}
	next
}
function fm(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.1f", x) }
function pct(a, b) { return b > 0 ? sprintf("%.0f%%", 100 * a / b) : "n/a" }
END {
	nm = split("on fix off", M, " ")
	title["on"] = "paravirt (6.1 as is)"; title["fix"] = "paravirt, self-test fixed"; title["off"] = "`paravirt = off`"
	nat = median(vals["native_init"])
	print ""
	print "## 7. The paravirt guest kernel (docs/paravirt.md)"
	print ""
	print "The rig'"'"'s second guest kernel: bamboo + `examples/guest-kernel.config` (`CONFIG_KVM_GUEST`), with the initramfs and memory of section 2 and `printk.time=1` added to its command line (its config does not stamp messages). Booted natively, and under kvm440 (module defaults) in three ways: with the board'"'"'s `/hypervisor` node (unmodified 6.1 maps the magic page, then its self-test declines it: docs/paravirt.md), the same kernel with that self-test fixed (`vmlinux-guest-pvfix`, `tests/e2e/rig/pvfix.sh`), which patches itself, and with `paravirt = off`. Unlike section 2, the host passes the guest console through awk and shows only the lines this report reads (`tests/bench/host.sh`): the self-test-fixed kernel prints hundreds of \"KVM: No more space\" lines (its template area fills up), and busybox'"'"'s line loop costs the host a syscall per byte, which would count as the guest'"'"'s boot time. Median of " runs["on"] "/" runs["fix"] "/" runs["off"] " boots under kvm440 and " nnative " natively."
	print ""
	printf "| figure | native"
	for (i = 1; i <= nm; i++) printf " | %s", title[M[i]]
	print " |"
	print "|---|---|---|---|---|"
	printf "| `time_init` -> `Run /init` | %s", (nat > 0 ? fm(nat * 1000) " M ins" : "not measured")
	for (i = 1; i <= nm; i++) {
		v = median(vals[M[i] "_init"]); init[M[i]] = v
		if (v > 0 && nat > 0) printf " | %s M ins, **%.2fx**", fm(v * 1000), v / nat
		else printf " | not measured"
	}
	print " |"
	print ""
	print "Exits to the init'"'"'s first line by reason (`kvm440ctl status` when it appears), median per counter; counters 0 in all three left out:"
	print ""
	printf "| counter"
	for (i = 1; i <= nm; i++) printf " | %s", title[M[i]]
	print " | self-test fixed / off |"
	print "|---|---|---|---|---|"
	n = 0
	for (k in keys) names[++n] = k
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (names[j] < names[i]) { t = names[i]; names[i] = names[j]; names[j] = t }
	for (i = 1; i <= n; i++) {
		any = 0
		for (j = 1; j <= nm; j++) { c[j] = median(vals[M[j] "_st_" names[i]]); if (c[j] < 0) c[j] = 0; if (c[j]) any = 1 }
		if (!any) continue
		printf "| %s", names[i]
		for (j = 1; j <= nm; j++) printf " | %d", c[j]
		printf " | %s |\n", pct(c[2], c[3])
		if (names[i] == "exits") { ex_fix = c[2]; ex_off = c[3] }
	}
	print ""
	print "Guest TLB misses: the `page_touch` workload of section 3 (touches fresh pages in a forked child), between its begin and end lines. A guest TLB miss is one the module reflects into the guest (`itlb_real` + `dtlb_real`); instructions are the workload'"'"'s own timebase x 2.5 over those misses, so they include the touching itself."
	print ""
	printf "| figure"
	for (i = 1; i <= nm; i++) printf " | %s", title[M[i]]
	print " |"
	print "|---|---|---|---|"
	printf "| guest TLB misses"
	for (i = 1; i <= nm; i++) { mi[i] = median(vals[M[i] "_misses"]); printf " | %s", (mi[i] >= 0 ? mi[i] : "n/a") }
	print " |"
	printf "| exits per guest TLB miss"
	for (i = 1; i <= nm; i++) printf " | %s", (mi[i] > 0 ? sprintf("%.1f", median(vals[M[i] "_wexits"]) / mi[i]) : "n/a")
	print " |"
	printf "| emulated instructions per guest TLB miss"
	for (i = 1; i <= nm; i++) printf " | %s", (mi[i] > 0 ? sprintf("%.1f", median(vals[M[i] "_wemul"]) / mi[i]) : "n/a")
	print " |"
	printf "| instructions per guest TLB miss"
	for (i = 1; i <= nm; i++) printf " | %s", (mi[i] > 0 ? sprintf("%.0f", median(vals[M[i] "_wtb"]) * 2.5 / mi[i]) : "n/a")
	print " |"
	print ""
	print "| target (issue #11) | aim | measured | |"
	print "|---|---|---|---|"
	for (i = 1; i <= 2; i++)
		if (nat > 0 && init[M[i]] > 0)
			printf "| %s, `time_init` -> init | <= 1.5x native | %.2fx | %s |\n", title[M[i]], init[M[i]] / nat, (init[M[i]] / nat <= 1.5 ? "met" : "missed")
	if (ex_off > 0)
		printf "| exits to init, self-test fixed / without the node | <= 30%% | %s | %s |\n", pct(ex_fix, ex_off), (ex_fix <= 0.3 * ex_off ? "met" : "missed")
}
' "$host" "$@"
