#!/usr/bin/env bash
# portee plot A.h5 B.h5 ... --compare: one chart per output the files share,
# each scenario a series labelled by its name (and its file when two share a
# name), the first point of a sweep named in its label; French scripts hold
# no English word; 1 or 7 files, files sharing no output and plot of two
# files without --compare are refused with exit status 2.
# usage: cli_compare.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"

run() { # OUT NAME [--set ...]
    local out=$1 name=$2
    shift 2
    "$portee" run -q --replicates 300 --set "name=$name" --set reach.hours=24 "$@" -o "$out" 2>/dev/null
}
run a.h5 "petite page"
run b.h5 "grande page" --set page.followers=20000
run c.h5 "petite page" --set page.reach_rate=0.1
run s.h5 "balayage" --set 'sweep.page.followers=[200, 800]'
check "results files for the comparison" test -s a.h5 -a -s b.h5 -a -s c.h5 -a -s s.h5

# Two scenarios.
"$portee" plot a.h5 b.h5 --compare -o two >list.txt 2>err.txt
check "compare 2 files exits 0" test $? -eq 0
for c in reach_total reach_direct reach_hourly_reach; do
    if [ -s "two/$c.png" ] && [ -s "two/$c.gp" ] && [ -s "two/$c.dat" ] &&
       [ "$(head -c 8 "two/$c.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
        ok "2 files: $c.png with its .gp and .dat"
    else bad "2 files: $c missing"; fi
done
check "the charts written are listed" grep -q "two/reach_total.png" list.txt
check "single value: one row per scenario, by name" \
    test "$(grep -c '^[12] "\(petite\|grande\) page" ' two/reach_total.dat)" -eq 2
check "single value: a box and whiskers per scenario" \
    test "$(grep -c 'with candlesticks whiskerbars' two/reach_total.gp)" -eq 2
check "single value: the names under the boxes" grep -q "^set label 2 'grande page' at first 2" two/reach_total.gp
check "series: the names in the numbers' header" grep -q '"petite page" "grande page"$' two/reach_hourly_reach.dat
check "series: three columns (mean, 5 %, 95 %) per scenario" \
    test "$(awk '!/^#/ {print NF; exit}' two/reach_hourly_reach.dat)" -eq 7
check "series: a line per scenario titled by its name" \
    test "$(grep -c "with lines .* title '\(petite\|grande\) page'" two/reach_hourly_reach.gp)" -eq 2
check "series: a 90 % band per scenario" test "$(grep -c 'with filledcurves' two/reach_hourly_reach.gp)" -eq 2
check "the axis label: reader's name and unit" grep -q "^set ylabel 'reach of one post (people)'" two/reach_total.gp
check "the script stands alone" sh -c 'cd two && rm -f reach_total.png && gnuplot reach_total.gp && test -s reach_total.png'

# Three, two of the same name (told apart by file), and a sweep (its first point).
"$portee" plot a.h5 c.h5 s.h5 --compare -o three >/dev/null 2>err.txt
check "compare 3 files exits 0" test $? -eq 0
check "3 files: three rows" test "$(grep -c '^[123] "' three/reach_total.dat)" -eq 3
check "same name: the file added" grep -q '^1 "petite page (a.h5)"' three/reach_total.dat
check "same name: the other file" grep -q '^2 "petite page (c.h5)"' three/reach_total.dat
check "sweep: compared at its first point, named" \
    grep -q '^3 "balayage (point 1 of 2: followers 200)"' three/reach_total.dat
check "3 files: three series" test "$(grep -c 'with lines .* title' three/reach_hourly_reach.gp)" -eq 3

# French: no English word left in the scripts (comments aside).
"$portee" plot a.h5 b.h5 s.h5 --compare --lang fr -o fr >/dev/null 2>&1
check "French charts rendered" test -s fr/reach_total.png -a -s fr/reach_hourly_reach.png
english='\b(the|of|and|reach|people|mean|median|box|whiskers|lines|shaded|replicates|hours|after|posting|scenarios|compared|point 1 of|followers|step)\b'
# the texts a reader sees are the quoted strings (gnuplot's own keywords are not)
found=$(grep -hv '^#' fr/*.gp | grep -v '^set terminal' | grep -o "'[^']*'" | grep -oiE "$english" | sort -u |
    tr '\n' ' ')
check "French scripts hold no English word (found: $found)" test -z "$found"
check "French: the title" grep -q "portée d''une publication : comparaison des scénarios" fr/reach_total.gp
check "French: the sweep point" grep -q 'balayage (point 1 sur 2.: abonnés 200)' fr/reach_total.dat
check "French: thousands as 1 000 (narrow no-break space)" grep -q "'1"$'\u202f'"000'" fr/reach_total.gp

# Refusals: exit status 2 and a message.
"$portee" plot a.h5 --compare -o one 2>err.txt
check "1 file refused with exit 2" test $? -eq 2
check "1 file: says how many" grep -q "2 to 6 results files (got 1)" err.txt
"$portee" plot a.h5 b.h5 c.h5 s.h5 a.h5 b.h5 c.h5 --compare -o seven 2>err.txt
check "7 files refused with exit 2" test $? -eq 2
check "7 files: says how many" grep -q "2 to 6 results files (got 7)" err.txt
check "nothing written when refused" test ! -e one -a ! -e seven
"$portee" run -q "$src/scenarios/adoption.yaml" --replicates 200 -o adopt.h5 2>/dev/null
"$portee" plot a.h5 adopt.h5 --compare -o none 2>err.txt
check "files sharing no output refused with exit 2" test $? -eq 2
check "nothing shared: says so" grep -q "share no output to compare" err.txt
"$portee" plot a.h5 b.h5 -o nocompare 2>err.txt
check "two files without --compare refused with exit 2" test $? -eq 2
check "without --compare: the hint" grep -q "add --compare" err.txt
"$portee" plot a.h5 missing.h5 --compare -o missing 2>err.txt
check "a missing file refused" test $? -ne 0
"$portee" plot --help >help.txt
check "plot --help tells of --compare" grep -q -- "--compare overlays 2 to 6" help.txt

finish
