# docs/bench.png from the data of the report (report.c) in datadir: left, instructions per
# operation by microbenchmark kind; right, guest/native ratios of the Linux
# boot and the user-space workloads. One bar per module parameter set.
# Usage: gnuplot -e "datadir='DIR'; outfile='FILE'" chart.gp
load datadir.'/vars.gp'
set terminal pngcairo size 1400,560 font ",10" noenhanced
set output outfile
set multiplot layout 1,2 title "kvm440 under qemu-system-ppc -icount shift=0,sleep=off (make bench)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top left Left reverse
set xtics rotate by -40 scale 0
set logscale y
set format y "%.0s%c"
set title "host instructions per operation (guest - native)"
set ylabel "instructions"
plot for [i=2:nsets+1] datadir.'/exit.dat' using i:xtic(1) title columnheader(i)
set title "guest / native (x)"
set ylabel "ratio"
plot for [i=2:nsets+1] datadir.'/ratio.dat' using i:xtic(1) title columnheader(i)
unset multiplot
