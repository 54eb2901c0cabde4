# Bare-metal guests: a guest filling all 64 guest TLB entries and touching
# every page (host round-robin clobbering exercised), remapping them and
# mapping large pages; and a guest mapping physical addresses it was not
# given, which must see MMIO exits or its own faults, never host memory.
. /e2e/tests/lib.sh
load_module
guest tlb64 "--expect-exit 0" tlb64_fill tlb64_lookup tlb64_remap \
	tlb64_invalidate tlb64_sizes
guest badmap "--expect-exit 0" badmap_above_ram badmap_cacheable_hole \
	badmap_36bit badmap_big_page badmap_fetch
[ $bad -eq 0 ] || fail "$bad guest(s) failed"
unload_module
pass "module unloads"
