#!/usr/bin/env bash
# Numbers out: portee export (CSV and XLSX, English and French) read back
# against the results and fit files it came from (tests/export_check.py,
# h5py); info's row per sweep point, --all, --point, --output, --lang fr and
# --format csv of a fit file; run's progress line on a terminal only.
# usage: cli_export.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"
checker=$src/tests/export_check.py

if ! "$PY" -c 'import h5py' 2>/dev/null; then
    echo "# skip - $PY does not import h5py"
    exit 77
fi

# libxlsxwriter is opened on the first XLSX (sim/results/export.c): linked,
# it brought libcrypto into every command's start-up
check "portee itself does not link libxlsxwriter nor libcrypto" \
    test -z "$(readelf -d "$portee" | grep -E 'NEEDED.*(xlsxwriter|crypto)')"

# a libxlsxwriter that cannot be loaded (an empty file found first by its
# name): exit 1 naming the library and the way out, the XLSX already there
# untouched, no temporary left; CSV still works
mkdir -p fakelib && : >fakelib/libxlsxwriter.so.4
"$portee" run -q --replicates 100 -o nolib.h5 2>/dev/null
echo "an earlier export" >nolib.xlsx
LD_LIBRARY_PATH=$PWD/fakelib "$portee" export nolib.h5 -o nolib.xlsx 2>nolib.err
check "XLSX without a loadable libxlsxwriter: exit 1, the library and CSV named" \
    bash -c "[ $? -eq 1 ] && grep -q '^portee: error: XLSX needs libxlsxwriter.* or write CSV' nolib.err"
check "XLSX without a loadable libxlsxwriter: the file there untouched, no temporary" \
    bash -c "[ \"\$(cat nolib.xlsx)\" = 'an earlier export' ] && [ -z \"\$(ls | grep 'nolib.xlsx.tmp')\" ]"
check "XLSX without a loadable libxlsxwriter: CSV still works" \
    env LD_LIBRARY_PATH="$PWD/fakelib" "$portee" export nolib.h5 -o nolib.csv

for s in default posting_plan budget_sweep adoption; do
    "$portee" run "$src/scenarios/$s.yaml" -q --replicates 200 -o "$s.h5" 2>/dev/null
    check "run $s" test -s "$s.h5"
    check "export $s to CSV" bash -c "'$portee' export $s.h5 -o $s.csv 2>err.txt && grep -q 'wrote $s.csv' err.txt"
    check "export $s to XLSX" "$portee" export "$s.h5" -o "$s.xlsx" 2>/dev/null
    check "$s: a row per point x output x step, every number the file's rounded (CSV and XLSX)" \
        "$PY" "$checker" results "$s.h5" "$s.csv" "$s.xlsx"
    check "export $s --lang fr" "$portee" export "$s.h5" -o "$s-fr.csv" --lang fr 2>/dev/null
    check "$s: the French CSV: ';', decimal commas, French headings, the same numbers" \
        "$PY" "$checker" french "$s.csv" "$s-fr.csv"
done
check "the weekly series are there (posting plan)" grep -q ',weekly_followers,.*,week,' posting_plan.csv
check "the hourly series are there (default)" grep -q ',hourly_reach,.*,hour,' default.csv
check "the adoption curves and the cost of delay are there" \
    bash -c "grep -q ',audience_share,.*,year,' adoption.csv && grep -q ',delay_reach,' adoption.csv"
check "the swept budget is a column" bash -c "head -1 budget_sweep.csv | grep -q '^point,budget'"
noise() { # fractional numbers with more than 6 significant digits in CSV $1
    "$PY" -c "
import csv, sys
for row in csv.reader(open(sys.argv[1])):
    for x in row:
        try: float(x)
        except ValueError: continue
        if '.' in x and len(x.replace('-', '').replace('.', '').lstrip('0')) > 6: sys.exit(1)" "$1"
}
check "no float noise" noise budget_sweep.csv
printf '0,5,boost,spend,spend,$,,,200,5.000140001\n' >noisy.csv
fails() { ! "$@"; }
check "... (a noisy number is seen)" fails noise noisy.csv

# the checker fails on a dropped row and on a changed number
sed '7d' budget_sweep.csv >dropped.csv
check "the check fails when a row is dropped" bash -c "! '$PY' '$checker' results budget_sweep.h5 dropped.csv >/dev/null"
awk -F, 'BEGIN { OFS = "," } NR == 3 { $11 = $11 + 1 } { print }' budget_sweep.csv >changed.csv
check "the check fails when a mean changes" bash -c "! '$PY' '$checker' results budget_sweep.h5 changed.csv >/dev/null"

# a fit file, and info --format csv of it
"$portee" fit adoption "$src/scenarios/org_adoption.csv" -o fit.h5 >/dev/null 2>&1
check "export a fit file" "$portee" export fit.h5 -o fit.csv 2>/dev/null
check "... its estimates, goodness, observations and forecast" "$PY" "$checker" fit fit.h5 fit.csv
check "export a fit file to XLSX" bash -c "'$portee' export fit.h5 -o fit.xlsx 2>/dev/null && unzip -l fit.xlsx | grep -q sheet1.xml"
check "info --format csv of a fit file: the export's rows" bash -c "'$portee' info fit.h5 --format csv | cmp -s - fit.csv"

# refusals: the input itself, an unknown format; an existing file survives a failed export
cp budget_sweep.csv keep.csv
check "export refuses to write over the results file" bash -c "! '$portee' export budget_sweep.h5 -o budget_sweep.h5 --format csv 2>/dev/null && test -s budget_sweep.h5 && '$portee' info budget_sweep.h5 >/dev/null"
check "export needs a format it knows" bash -c "! '$portee' export budget_sweep.h5 -o out.txt 2>/dev/null && test ! -e out.txt"
check "a failed export leaves the existing file" bash -c "! '$portee' export missing.h5 -o keep.csv 2>/dev/null; cmp -s keep.csv budget_sweep.csv"

# info: a row per point, unless asked
"$portee" info budget_sweep.h5 >info.txt
points=$("$PY" -c "import h5py; print(h5py.File('budget_sweep.h5')['points'].shape[0])")
rows=$(grep -cE '^ +[0-9]+ +\$' info.txt)
check "info of a sweep: one row per point ($rows of $points)" test "$rows" -eq "$points"
check "... with the main output's label and its 90 % range" grep -q 'total reach (people), mean and 90 % range' info.txt
check "... and how to see everything" grep -q -- '--all' info.txt
check "info --all: every output of every point" test "$("$portee" info budget_sweep.h5 --all | grep -c '^  point ')" -eq $((2 * points))
check "info --point 2: one point" bash -c "'$portee' info budget_sweep.h5 --point 2 | grep -q '^  point 2: budget \\\$10' && [ \$('$portee' info budget_sweep.h5 --point 2 | grep -c '^  point ') -eq 2 ]"
check "info --point past the end: exit 2" bash -c "'$portee' info budget_sweep.h5 --point $points 2>&1 >/dev/null | grep -q 'no point $points'"
check "info --output spend: a row per point of that output" grep -q 'spend (\$), mean' <("$portee" info budget_sweep.h5 --output spend)
check "info --output of an unknown output: exit 2" bash -c "! '$portee' info budget_sweep.h5 --output nothing 2>/dev/null"
"$portee" info budget_sweep.h5 --lang fr --point 1 >fr.txt
check "info --lang fr: French headings and numbers" bash -c "grep -q 'moyenne' fr.txt && grep -q 'répétitions' fr.txt && grep -q '[0-9],[0-9]' fr.txt"
"$portee" info default.h5 --all >one.txt
check "standard errors in one format (no exponent)" bash -c "! grep -qE '[0-9]e[-+][0-9]' one.txt"
check "whole-number outputs' quantiles without decimals" \
    bash -c "grep '^  reach of one post' one.txt | awk '{ for (i = NF - 4; i <= NF; i++) if (\$i ~ /[.]/) exit 1 }'"
check "the series hint names a command that exists" bash -c "grep -q 'portee export default.h5' one.txt && ! grep -q 'all of them: --format json' one.txt"

# the progress line: on a terminal (script gives one), not into a file, not with -q
if command -v script >/dev/null; then
    PORTEE_PROGRESS_AFTER=0 script -qc "'$portee' run '$src/scenarios/budget_sweep.yaml' --replicates 500 -o p1.h5 >/dev/null" /dev/null >tty.txt 2>&1
    check "progress on a terminal: points done of the total" grep -q 'of 7 points, .* replicates/s, about' tty.txt
    check "... rewritten in place and cleared" bash -c "grep -q \$'\\r' tty.txt && grep -q \$'\\033\\[K' tty.txt"
    PORTEE_PROGRESS_AFTER=0 script -qc "'$portee' run '$src/scenarios/budget_sweep.yaml' --replicates 500 -q -o p2.h5 >/dev/null" /dev/null >tty-q.txt 2>&1
    check "... not with -q" bash -c "! grep -q 'replicates/s' tty-q.txt"
    PORTEE_PROGRESS_AFTER=0 "$portee" run "$src/scenarios/budget_sweep.yaml" --replicates 500 -o p3.h5 >/dev/null 2>notty.txt
    check "... not when stderr is a file" bash -c "! grep -q 'replicates/s' notty.txt && ! grep -q \$'\\r' notty.txt"
    check "the progress line changes no number" same_data p1.h5 p3.h5
else
    echo "# skip - no script(1) for a pseudo-terminal"
fi
finish
