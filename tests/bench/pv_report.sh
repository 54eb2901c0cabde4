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
	nat = median(vals["native_init"]); on = median(vals["on_init"]); off = median(vals["off_init"])
	print ""
	print "## 7. The paravirt guest kernel (docs/paravirt.md)"
	print ""
	print "The rig'"'"'s second guest kernel: bamboo + `examples/guest-kernel.config` (`CONFIG_KVM_GUEST`), with the initramfs, memory and command line of section 2, booted under kvm440 (module defaults) with the board'"'"'s `/hypervisor` node and with `paravirt = off`, and natively. Median of " runs["on"] "/" runs["off"] " boots under kvm440 and " nnative " natively."
	print ""
	print "| figure | native | kvm440, paravirt | kvm440, `paravirt = off` |"
	print "|---|---|---|---|"
	if (nat > 0 && on > 0 && off > 0)
		printf "| `time_init` -> `Run /init` | %s M ins | %s M ins, **%.2fx** | %s M ins, **%.2fx** |\n", fm(nat * 1000), fm(on * 1000), on / nat, fm(off * 1000), off / nat
	else
		print "| `time_init` -> `Run /init` | not measured | | |"
	print ""
	print "Exits to the init'"'"'s first line by reason (`kvm440ctl status` when it appears), median per counter; counters 0 in both left out:"
	print ""
	print "| counter | paravirt | `paravirt = off` | paravirt / off |"
	print "|---|---|---|---|"
	n = 0
	for (k in keys) names[++n] = k
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (names[j] < names[i]) { t = names[i]; names[i] = names[j]; names[j] = t }
	for (i = 1; i <= n; i++) {
		a = median(vals["on_st_" names[i]]); b = median(vals["off_st_" names[i]])
		if (a < 0) a = 0
		if (b < 0) b = 0
		if (a == 0 && b == 0) continue
		printf "| %s | %d | %d | %s |\n", names[i], a, b, pct(a, b)
		if (names[i] == "exits") { ex_on = a; ex_off = b }
	}
	print ""
	print "Guest TLB misses: the `page_touch` workload of section 3 (touches fresh pages in a forked child), between its begin and end lines. A guest TLB miss is one the module reflects into the guest (`itlb_real` + `dtlb_real`); instructions are the workload'"'"'s own timebase x 2.5 over those misses, so they include the touching itself."
	print ""
	print "| figure | paravirt | `paravirt = off` |"
	print "|---|---|---|"
	mo = median(vals["on_misses"]); mf = median(vals["off_misses"])
	printf "| guest TLB misses | %d | %d |\n", mo, mf
	if (mo > 0 && mf > 0) {
		printf "| exits per guest TLB miss | %.1f | %.1f |\n", median(vals["on_wexits"]) / mo, median(vals["off_wexits"]) / mf
		printf "| emulated instructions per guest TLB miss | %.1f | %.1f |\n", median(vals["on_wemul"]) / mo, median(vals["off_wemul"]) / mf
		printf "| instructions per guest TLB miss | %.0f | %.0f |\n", median(vals["on_wtb"]) * 2.5 / mo, median(vals["off_wtb"]) * 2.5 / mf
	}
	print ""
	print "| target (issue #11) | aim | measured | |"
	print "|---|---|---|---|"
	if (nat > 0 && on > 0)
		printf "| paravirt guest, `time_init` -> init | <= 1.5x native | %.2fx | %s |\n", on / nat, on / nat <= 1.5 ? "met" : "missed"
	if (ex_off > 0)
		printf "| exits to init, paravirt / without the node | <= 30%% | %s | %s |\n", pct(ex_on, ex_off), ex_on <= 0.3 * ex_off ? "met" : "missed"
}
' "$host" "$@"
