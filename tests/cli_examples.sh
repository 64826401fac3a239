#!/usr/bin/env bash
# Every shipped scenario validates and runs; every command's --help works;
# the default run prints the calibrated reach; info's three formats work.
# usage: cli_examples.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"

for f in "$src"/scenarios/*.yaml; do
    name=$(basename "$f" .yaml)
    check "validate $name" "$portee" validate "$f"
    check "run $name" "$portee" run "$f" -q --replicates 500 -o "$name.h5"
    check "info $name (json parses)" bash -c "'$portee' info '$name.h5' --format json | '$PY' -m json.tool >/dev/null"
done

check "validate names a sampled design" bash -c "'$portee' validate '$src/scenarios/sampled_sweep.yaml' | grep -q '64 points (latin design)'"
# a grid file's ranges sampled from the command line: their steps ignored, said once a range
"$portee" run "$src/scenarios/followers_sweep.yaml" -q --replicates 200 --set sweep.design=latin \
    --set sweep.samples=16 -o latin-set.h5 2>latin-set.txt
check "--set sweep.design=latin on a grid file: runs" test $? -eq 0
check "... 16 points" test "$("$PY" -c "import h5py; print(h5py.File('latin-set.h5')['points'].shape[0])")" = 16
check "... the steps ignored, said" grep -q "steps ignored: the latin design of --set draws sweep.samples points" latin-set.txt
# in the file itself, a sampled design with steps is a mistake
sed 's/^sweep:/sweep:\n  design: latin\n  samples: 16/' "$src/scenarios/followers_sweep.yaml" >latin-steps.yaml
"$portee" validate latin-steps.yaml >/dev/null 2>latin-steps.txt
check "design: latin and steps in one file: refused (exit 2)" test $? -eq 2
check "... saying why" grep -q "a latin design takes no steps" latin-steps.txt
check "validate says nothing of a grid's design" bash -c "! '$portee' validate '$src/scenarios/followers_sweep.yaml' | grep -q 'design)'"

# The default page: no file needed, writes default.h5, prints mean total near 60.
"$portee" run >out.txt 2>err.txt
check "portee run exits 0" test $? -eq 0
check "portee run writes default.h5" test -s default.h5
check "portee run says where it wrote" grep -q "wrote default.h5" err.txt
mean=$(sed -n 's/^  reach of one post  *people  *\([0-9.]*\) .*/\1/p' out.txt)
check "default mean total reach is 60 +- 2 (got $mean)" awk -v m="$mean" 'BEGIN { exit !(m >= 58 && m <= 62) }'
check "table has the quantile columns" grep -q "p05 *p25 *p50 *p75 *p95" out.txt

# a --set of the page is in the run's name (tables, charts and reports are titled by it)
"$portee" run --set page.followers=5000 --replicates 500 -o set5000.h5 >set5000.txt 2>/dev/null
check "--set page.followers=5000: the title says so" \
    grep -qx "Facebook page, 1,000 followers (default), with page.followers = 5000" set5000.txt
"$portee" run --set page.followers=5000 --set 'name=Our page at 5,000' --replicates 500 -o named.h5 >named.txt 2>/dev/null
check "... --set name= gives the title" grep -qx "Our page at 5,000" named.txt
"$portee" run --replicates 500 --seed 3 --set output.replicates=false -o plain.h5 >plain.txt 2>/dev/null
check "... replicates, seed and output sets leave it" grep -qx "Facebook page, 1,000 followers (default)" plain.txt
"$portee" run --set page.followers=5000 --set 'page={reach_rate: 0.1}' --replicates 500 -o replaced.h5 >replaced.txt 2>/dev/null
check "... a set replaced by a later one is left out" \
    grep -qx "Facebook page, 1,000 followers (default), with page = {reach_rate: 0.1}" replaced.txt
"$portee" run --set page.followers=5000 --set 'sweep.page.followers=[100, 200]' --replicates 500 -o swept.h5 >swept.txt 2>/dev/null
check "... and one a sweep overrides" grep -qx "Facebook page, 1,000 followers (default)" swept.txt
long='{dist: beta, mean: 0.0100, sd: 0.00500}'
"$portee" run --replicates 500 -o long.h5 --set "reach.share_rate=$long" --set "page.reach_rate=$long" \
    --set "reach.friend_reach=$long" --set page.followers=50000 >long.txt 2>/dev/null
check "... sets past 200 bytes are never cut in a value: the last becomes '...'" \
    bash -c "head -1 long.txt | grep -q 'reach.friend_reach = {dist: beta, mean: 0.0100, sd: 0.00500}, ...\$' && ! grep -q 'followers = 5' long.txt"

# the scenario from standard input: the same file as from its path
"$portee" run - -q --replicates 500 -o piped.h5 <"$src/scenarios/default.yaml" 2>/dev/null
check "scenario - read from standard input (exit $?)" test -s piped.h5
"$portee" run "$src/scenarios/default.yaml" -q --replicates 500 -o named.h5 2>/dev/null
check "... the same results as from its path" h5diff --exclude-attribute / --exclude-path /scenario named.h5 piped.h5
"$portee" info default.h5 --format csv >info.csv
check "csv: header + 7 outputs" test "$(wc -l <info.csv)" -eq 8
check "csv: total row" grep -q "^reach,total,people,0," info.csv

for cmd in run validate solve info params plot report merge export; do
    check "portee $cmd --help" bash -c "'$portee' $cmd --help | grep -q usage:"
done
check "help texts print no doubled %" bash -c "! '$portee' plot --help | grep -q '%%' && ! '$portee' run --help | grep -q '%%'"
check "portee --help" bash -c "'$portee' --help | grep -q 'portee run'"
check "portee --version" bash -c "'$portee' --version | grep -q '^portee [0-9]'"
check "portee params lists followers" bash -c "'$portee' params reach | grep -q followers"

finish
