#!/usr/bin/env bash
# portee fit adoption through the command line.
#
#   bash tests/cli_fit.sh PATH_TO_PORTEE SOURCE_DIR
#
# Bad CSVs and bad options: the exact exit code (2), a located message
# (`portee: error: PATH:LINE:COL: ...`, `PATH:LINE: ...` or `PATH: ...`)
# with a key phrase, and nothing created, removed or changed in the case's
# folder (an `existing.h5` given as -o stays byte-identical, no temporary
# file is left).  Fits that fail: exit 1, the same guarantees.  The shipped
# example: exit 0, an HDF5 file with the documented datasets (checked with
# h5dump and by fit_readback.py with h5py), the same /fit datasets for the
# same seed whatever the thread count and other ones for another seed,
# portee info printing what fit printed, and portee plot / report drawing it.
# Both error models (--errors increments, the default, and independent), a
# series that dips (a warning at the line, then the fit), dates in the time
# column and a launch at the first observation (scenarios/audience_launch.csv).
set -u
portee=$1
src=$2
case $portee in /*) ;; *) portee=$PWD/$portee ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"
export OMP_NUM_THREADS=2
example=$src/scenarios/org_adoption.csv
launch=$src/scenarios/audience_launch.csv

fit_cases 60 "$portee" fit adoption # ./fit, expect, new_case, put, at (tests/testlib.sh)

# ---- bad CSVs ---------------------------------------------------------------

new_case
expect "missing file" 2 "$(at 'nope\.csv')" "cannot open" -- "$fit" nope.csv

new_case
: | put empty.csv
expect "empty file" 2 "$(at 'empty\.csv')" "no data rows (the file is empty)" -- "$fit" empty.csv

new_case
printf '# a comment\n\nyear,share\n' | put header.csv
expect "header and comments only" 2 "$(at 'header\.csv')" "only a header, comments or blank lines" -- "$fit" header.csv

new_case
printf '2008\n2009\n2010\n2011\n' | put one.csv
expect "one column" 2 "$(at 'one\.csv:1:5')" "expected 2 comma-separated columns (time, value), found 1" -- "$fit" one.csv

new_case
printf 'year,share\n2008,0.1\n2009,0.2,x\n' | put three.csv
expect "three columns" 2 "$(at 'three\.csv:3:10')" "expected the end of the line after 2 columns" -- "$fit" three.csv

new_case
printf 'year,share\n2008,0.1\n2009, abc\n2010,0.3\n2011,0.4\n' | put text.csv
expect "text in a number" 2 "$(at 'text\.csv:3:7')" "expected a number for the value (column 2), got 'abc'" -- "$fit" text.csv

new_case
printf 'year,share\n2008,0.1\nyear 2009,0.2\n' | put textt.csv
expect "text in a time" 2 "$(at 'textt\.csv:3:1')" "expected a number for the time (column 1)" -- "$fit" textt.csv

new_case
printf 'year,share\n2008,0.1\n2009,\n' | put blank.csv
expect "missing value" 2 "$(at 'blank\.csv:3:6')" "got nothing" -- "$fit" blank.csv

new_case
printf 'year,share\n2008,0x10\n' | put hex.csv
expect "hexadecimal number" 2 "$(at 'hex\.csv:2:6')" "got '0x10'" -- "$fit" hex.csv

new_case
printf 'year,share\n2008,nan\n' | put nan.csv
expect "nan" 2 "$(at 'nan\.csv:2:6')" "got 'nan'" -- "$fit" nan.csv

new_case
printf 'year,share\n2008,1e400\n' | put inf.csv
expect "number overflowing a double" 2 "$(at 'inf\.csv:2:6')" "is not a finite number" -- "$fit" inf.csv

new_case
printf 'year,share\n2008,1e-400\n2009,0.1\n2010,0.2\n2011,0.3\n' | put under.csv
expect "number underflowing a double" 2 "$(at 'under\.csv:2:6')" "'1e-400' is too small for a double" -- "$fit" under.csv

new_case
printf 'year,n\n2008,1e150\n2009,3e160\n2010,6e160\n2011,8e160\n2012,9e160\n' | put hugevalues.csv
expect "values whose squares overflow" 2 "$(at 'hugevalues\.csv:2')" "value 1e+150 is above 1e+100" \
    -- "$fit" hugevalues.csv --fit-market

new_case
printf 'year,share\n"2008","0.1"\n' | put quoted.csv
expect "quoted numbers" 2 "$(at 'quoted\.csv:2:1')" "(numbers are not quoted)" -- "$fit" quoted.csv


new_case
printf 'year,share\n2008,0.1\n2010,0.2\n2009,0.3\n2011,0.4\n2012,0.5\n' | put unsorted.csv
expect "unsorted times" 2 "$(at 'unsorted\.csv:4')" "time 2009 is not after 2010 on line 3" -- "$fit" unsorted.csv

new_case
printf 'year,share\n2008,0.1\n2008,0.2\n2009,0.3\n2010,0.4\n' | put dup.csv
expect "repeated time" 2 "$(at 'dup\.csv:3')" "time 2008 is not after 2008" -- "$fit" dup.csv

new_case
printf 'year,share\n2008,0.1\n2009,0.2\n' | put two.csv
expect "2 points" 2 "$(at 'two\.csv')2 data rows, 1 of them after the first value above 0 " \
    "fitting p and q needs at least 4" -- "$fit" two.csv
expect "2 points, independent errors" 2 "$(at 'two\.csv')" "2 data rows; fitting p and q needs at least 4" \
    -- "$fit" two.csv --errors independent

new_case
printf 'year,share\n2005,0\n2006,0\n2007,0\n2008,0.1\n2009,0.2\n2010,0.3\n' | put zeros3.csv
expect "6 rows, 2 after the first value above 0" 2 "$(at 'zeros3\.csv')" \
    "6 data rows, 2 of them after the first value above 0 (the fit starts from that value" -- "$fit" zeros3.csv
expect "6 rows, 3 after the origin (independent errors)" 2 "$(at 'zeros3\.csv')" \
    "6 data rows, 3 of them from the first value above 0" -- "$fit" zeros3.csv --errors independent

new_case
printf 'year,count\n2008,10\n2009,20\n2010,40\n2011,70\n' | put four.csv
expect "4 points with --fit-market" 2 "$(at 'four\.csv')" "fitting p, q and M needs at least 5" \
    -- "$fit" four.csv --fit-market --errors independent

new_case
printf 'year,share\n2008,0.1\n2009,0.5\n2010,1.2\n2011,1.3\n' | put big.csv
expect "share above 1" 2 "$(at 'big\.csv:4')" "share 1.2 is above 1" -- "$fit" big.csv

new_case
printf 'year,pct\n2008,10\n2009,50\n2010,90\n2011,101\n' | put pct.csv
expect "percentage above 100 (--percent)" 2 "$(at 'pct\.csv:5')" "above 100 %" -- "$fit" pct.csv --percent

new_case
printf 'year,n\n2008,100\n2009,500\n2010,900\n2011,1001\n' | put count.csv
expect "count above --market-size" 2 "$(at 'count\.csv:5')" "above the market size 1000" \
    -- "$fit" count.csv --market-size 1000

new_case
printf 'year,share\n2008,-0.1\n2009,0.1\n2010,0.2\n2011,0.3\n' | put neg.csv
expect "negative value" 2 "$(at 'neg\.csv:2')" "value -0.1 is negative" -- "$fit" neg.csv

new_case
printf 'year,share\n2008,0\n2009,0\n2010,0\n2011,0\n' | put zeros.csv
expect "nothing adopted" 2 "$(at 'zeros\.csv')" "every value is 0" -- "$fit" zeros.csv

new_case
head -c 3000 "$portee" | put binary.csv
expect "binary file" 2 "$(at 'binary\.csv:1:1')" "control character" -- "$fit" binary.csv

new_case
{ printf 'year,share\n'; yes '# padding padding padding padding padding padding' | head -c 17000000; } | put huge.csv
expect "file over 16 MiB" 2 "$(at 'huge\.csv')" "larger than 16 MiB" -- "$fit" huge.csv

new_case
seq 1 100001 | awk '{ print $1 "," $1 }' | put rows.csv
expect "more than 100000 rows" 2 "$(at 'rows\.csv:100001')" "more than 100000 data rows" -- "$fit" rows.csv

new_case
mkdir "case$n_case/dir.csv"
expect "a directory" 2 "$(at 'dir\.csv')" "is a directory" -- "$fit" dir.csv

# ---- bad options ----------------------------------------------------------

new_case
cp "$example" "case$n_case/ok.csv"
expect "no model named" 2 '^portee: error: ' "what to fit?" -- "$portee" fit
expect "unknown model" 2 '^portee: error: ' "no fit for 'adopton'" -- "$portee" fit adopton ok.csv
expect "no CSV" 2 '^portee: error: ' "which series?" -- "$portee" fit adoption
expect "unknown option" 2 '^portee: error: ' "unknown option '--bogus'" -- "$fit" ok.csv --bogus
expect "--draws 5" 2 '^portee: error: --draws' "from 100 to" -- "$fit" ok.csv --draws 5
expect "--share 1.5" 2 '^portee: error: --share' "strictly between 0 and 1, got '1.5'" -- "$fit" ok.csv --share 1.5
expect "--share empty" 2 '^portee: error: --share: expected a share strictly between 0 and 1, got nothing' \
    "(see: portee fit --help)" -- "$fit" ok.csv --share ''
expect "--share list with an empty item" 2 '^portee: error: --share: .* got an empty item in the list' \
    "(see: portee fit --help)" -- "$fit" ok.csv --share 0.5,,0.9
expect "--share list with a bad item" 2 '^portee: error: --share' "got 'x'" -- "$fit" ok.csv --share 0.5,x
expect "--percent with --fit-market" 2 '^portee: error: ' "exclude each other" -- "$fit" ok.csv --percent --fit-market
expect "--origin with --fit-origin" 2 '^portee: error: ' "exclude each other" -- "$fit" ok.csv --origin 2000 --fit-origin
expect "--origin after the first value" 2 '^portee: error: --origin 2009' "must come before" -- "$fit" ok.csv --origin 2009
printf 'year,share\n2008,0.2\n2009,0.3\n2010,0.4\n2011,0.5\n2012,0.6\n' | put large.csv
expect "--origin at a first value that is not noise around 0" 2 '^portee: error: --origin 2008: ' \
    "more than 10 % of its largest value (0.6), so not noise around 0" -- "$fit" large.csv --origin 2008
expect "--errors bogus" 2 '^portee: error: --errors' "expected increments or independent, got 'bogus'" \
    -- "$fit" ok.csv --errors bogus
expect "--origin a date for a series of numbers" 2 '^portee: error: --origin 2008-01-01' \
    "a date, but the series' times are numbers" -- "$fit" ok.csv --origin 2008-01-01
expect "--horizon before the last observation" 2 '^portee: error: --horizon 2010' "after the last observation" \
    -- "$fit" ok.csv --horizon 2010
expect "--horizon too far" 2 '^portee: error: --horizon 30000' "at most 10000 of them: choose a horizon up to 12008" \
    -- "$fit" ok.csv --horizon 30000
expect "--format xml" 2 '^portee: error: ' "unknown format 'xml'" -- "$fit" ok.csv --format xml
expect "--seed -1" 2 '^portee: error: --seed' "got '-1'" -- "$fit" ok.csv --seed -1
expect "--horizon underflowing" 2 '^portee: error: --horizon' "got '1e-400' (too small for a double" \
    -- "$fit" ok.csv --horizon 1e-400
expect "--market-size 1e200" 2 '^portee: error: --market-size' "at most 1e100, got '1e200'" \
    -- "$fit" ok.csv --market-size 1e200
expect "--market-size overflowing" 2 '^portee: error: --market-size' "got '1e999' (not a finite number" \
    -- "$fit" ok.csv --market-size 1e999
expect "-o without a value" 2 '^portee: error: ' "needs a value" -- "$portee" fit adoption ok.csv -o
expect "-o an empty path" 2 '^portee: error: ' "the path is empty" -- "$portee" fit adoption ok.csv -o ''
mkdir "case$n_case/outdir"
expect "-o a directory" 2 "$(at outdir)" "not a regular file" -- "$portee" fit adoption ok.csv -o outdir
expect "-o into a missing folder" 2 "$(at 'nodir/x\.h5')" "cannot write here" -- "$portee" fit adoption ok.csv -o nodir/x.h5
expect "-o the input CSV itself" 2 "$(at 'ok\.csv')" "is the series being fitted (ok.csv)" \
    -- "$portee" fit adoption ok.csv -o ok.csv
ln -s ok.csv "case$n_case/link.h5"
expect "-o a link to the input CSV" 2 "$(at 'link\.h5')" "is the series being fitted (ok.csv)" \
    -- "$portee" fit adoption ok.csv -o link.h5
# a fit that would fail (exit 1) is not even tried: the output is checked first
printf 'year,share\n2010,0.04\n2011,0.116\n2012,0.167\n2013,0.24\n2014,0.421\n2015,0.885\n2016,0.988\n' | put steep.csv
expect "-o into a missing folder, checked before fitting" 2 "$(at 'nodir/x\.h5')" "cannot write here" \
    -- "$portee" fit adoption steep.csv --fit-origin -o nodir/x.h5

new_case
# options that depend on the series are checked before the fit (this one
# would not converge: exit 1 if it were tried)
printf 'year,share\n2010,0.04\n2011,0.116\n2012,0.167\n2013,0.24\n2014,0.421\n2015,0.885\n2016,0.988\n' | put steep.csv
expect "--horizon checked before fitting" 2 '^portee: error: --horizon 2000: expected a time after the last' \
    "(see: portee fit --help)" -- "$fit" steep.csv --fit-origin --horizon 2000

# ---- fits that fail (exit 1) ----------------------------------------------

new_case
# Steeper than a Bass curve from a launch allows (a logistic curve): the
# increments, which start from the first value, drive p to 0 from every
# start; the independent errors with the origin free drift towards p = 0
# and an ever earlier launch.
printf 'year,share\n2010,0.04\n2011,0.116\n2012,0.167\n2013,0.24\n2014,0.421\n2015,0.885\n2016,0.988\n' | put steep.csv
expect "steep: p driven to 0 from every start" 1 "$(at 'steep\.csv')" \
    "the data do not determine p: from 9 of 9 starting points the fit drives it towards 0" -- "$fit" steep.csv --fit-origin
expect "steep, independent errors: p not determined" 1 "$(at 'steep\.csv')" "the data do not determine p" \
    -- "$fit" steep.csv --fit-origin --errors independent
printf 'year,share\n2010,0.3\n2011,0.3\n2012,0.3\n2013,0.3\n2014,0.3\n2015,0.3\n' | put flat.csv
expect "a flat series: p not determined" 1 "$(at 'flat\.csv')" "the data do not determine p" -- "$fit" flat.csv
expect "a flat series, independent errors: q not determined" 1 "$(at 'flat\.csv')" "the data do not determine q" \
    -- "$fit" flat.csv --errors independent
# values that dip and never speed up: a warning at the dip, then q is driven to 0
printf 'year,share\n2008,0.1\n2009,0.2\n2010,0.35\n2011,0.3\n2012,0.5\n' | put dec.csv
expect "a dip (warned at its line), then q not determined" 1 '^portee: warning: dec\.csv:5: value 0\.3 is below 0\.35 on line 4' \
    "the data do not determine q: from 9 of 9 starting points the fit drives it towards 0" -- "$fit" dec.csv

# ---- the example --------------------------------------------------------------

"$portee" fit adoption "$example" >fit.txt 2>fit.err
check "example: exit 0" test $? -eq 0
check "example: default output is the CSV's name" test -s org_adoption.h5
check "example: says where it wrote" grep -q "wrote org_adoption.h5" fit.err
check "example: regular gaps, no warning" bash -c "! grep -q warning fit.err"
check "example: prints p and q with standard errors" grep -qE '^  p +0\.0[0-9]+ +0\.0[0-9]+ ' fit.txt
check "example: prints goodness of fit over the 9 periods" grep -q "goodness of fit over the 9 periods after the first value above 0: RMSE" fit.txt
check "example: names the error model" grep -q "^  errors: increments, as in a stochastic Bass process" fit.txt
check "example: prints the 50 % and 90 % dates" bash -c "grep -q '^  50 %' fit.txt && grep -q '^  90 %' fit.txt"
check "example: no temporary file left" test -z "$(ls org_adoption.h5.tmp-* 2>/dev/null)"
for d in /fit/observed /fit/estimates /fit/covariance /fit/covariance_transformed /fit/theta /fit/goodness \
    /fit/curve /fit/forecast/time /fit/forecast/prediction /fit/forecast/curve /fit/share_dates/share \
    /fit/share_dates/summary /fit/share_dates/after_horizon /fit/share_dates/draws /fit/parameter_draws; do
    check "h5dump reads $d" bash -c "h5dump -H -d $d org_adoption.h5 >/dev/null 2>&1"
done
check "root attribute kind = fit" bash -c "h5dump -a /kind org_adoption.h5 | grep -q '\"fit\"'"
check "h5py read-back" "$PY" "$here/fit_readback.py" org_adoption.h5

"$portee" info org_adoption.h5 >info.txt 2>/dev/null
check "portee info prints what portee fit printed" cmp -s info.txt fit.txt
check "portee info --format json parses" bash -c "'$portee' info org_adoption.h5 --format json | '$PY' -m json.tool >/dev/null"
"$portee" fit adoption "$example" --format json -q -o q.h5 >quiet.txt 2>/dev/null
check "-q prints nothing" test ! -s quiet.txt

# damaged fit files: a clean exit 2
head -c 3000 org_adoption.h5 >trunc.h5
"$portee" info trunc.h5 >/dev/null 2>err.txt
check "info on a truncated fit file: exit 2" test $? -eq 2
cp org_adoption.h5 broken.h5
"$PY" -c "import h5py; f = h5py.File('broken.h5', 'a'); del f['fit/forecast/prediction']; f.close()"
"$portee" info broken.h5 >/dev/null 2>err.txt
check "info on a fit file missing a dataset: exit 2" bash -c "[ $? -eq 2 ] && grep -q 'broken.h5: a damaged fit file' err.txt"
"$portee" plot broken.h5 -o broken-charts >/dev/null 2>err.txt
check "plot of a fit file missing a dataset: exit 2" test $? -eq 2

# same seed: the same /fit datasets, whatever the threads; another seed: others
"$portee" fit adoption "$example" -q --seed 5 --threads 1 -o t1.h5 2>/dev/null
"$portee" fit adoption "$example" -q --seed 5 --threads 2 -o t2.h5 2>/dev/null
"$portee" fit adoption "$example" -q --seed 5 --threads 2 -o again.h5 2>/dev/null
"$portee" fit adoption "$example" -q --seed 6 -o other.h5 2>/dev/null
check "same seed, 1 and 2 threads: identical /fit" h5diff -q t1.h5 t2.h5 /fit /fit
check "same seed twice: identical /fit" h5diff -q t2.h5 again.h5 /fit /fit
h5diff -q t1.h5 other.h5 /fit /fit >/dev/null 2>&1
check "another seed: other draws" test $? -eq 1

# a successful fit replaces an existing file
cp existing.fixture replace.h5
"$portee" fit adoption "$example" -q -o replace.h5 2>/dev/null
check "a good fit replaces an existing -o file" bash -c "! cmp -s replace.h5 existing.fixture && h5dump -a /kind replace.h5 >/dev/null"

# percentages: the same p and q as the shares
awk -F, '/^[0-9]/ { print $1 "," 100 * $2; next } { print }' "$example" >pct.csv
"$portee" fit adoption pct.csv --percent --format json -o pct.h5 2>/dev/null >pct.json
"$portee" fit adoption "$example" --format json -o share.h5 2>/dev/null >share.json
check "--percent gives the shares' p and q" "$PY" -c "
import json, sys
a, b = json.load(open('pct.json')), json.load(open('share.json'))
for x, y in zip(a['estimates'], b['estimates']):
    assert abs(x['value'] / y['value'] - 1) < 1e-6, (x, y)"

# rows at or before the origin are 0 whatever p and q: 18 of them before the
# example change neither the estimates nor the degrees of freedom (the
# increments start from the first value above 0 anyway: 9 periods count)
{ printf 'year,share\n'; seq 1990 2007 | sed 's/$/,0/'; grep -E '^[0-9]' "$example"; } >zeros.csv
for e in increments independent; do
    "$portee" fit adoption zeros.csv --errors $e --format json -o zeros.h5 2>/dev/null >zeros-$e.json
    "$portee" fit adoption "$example" --errors $e --format json -o share-$e.h5 2>/dev/null >share-$e.json
    [ $e = increments ] && used=9 || used=10
    check "18 zeros before the origin ($e errors): same estimates, se, dof and residual sd" "$PY" -c "
import json
a, b = json.load(open('zeros-$e.json')), json.load(open('share-$e.json'))
assert a['errors'] == b['errors'] == '$e', a['errors']
assert a['observations'] == 28 and a['observations_used'] == $used and a['dof'] == b['dof'] == $used - 2, a['dof']
assert abs(a['residual_sd'] / b['residual_sd'] - 1) < 1e-6 and abs(a['r2'] - b['r2']) < 1e-9
for x, y in zip(a['estimates'], b['estimates']):
    assert all(abs(x[k] / y[k] - 1) < 1e-6 for k in ('value', 'se', 'lo95', 'hi95')), (x, y)"
done
"$portee" fit adoption zeros.csv -o zeros.h5 >zeros.txt 2>/dev/null
"$portee" info zeros.h5 >zeros-info.txt 2>/dev/null
check "zeros before the first value: the table says how many rows count, and info reprints it" \
    bash -c "grep -q 'over the 9 periods after the first value above 0' zeros.txt && grep -q 'the 19 rows up to the first value above 0 only set where the fit starts' zeros.txt && cmp -s zeros.txt zeros-info.txt"
"$portee" fit adoption zeros.csv --errors independent -o zeros-ind.h5 >zeros-ind.txt 2>/dev/null
"$portee" info zeros-ind.h5 >zeros-ind-info.txt 2>/dev/null
check "zeros before the origin (independent errors): the table says how many rows count, and info reprints it" \
    bash -c "grep -q 'over the 10 observations after the origin' zeros-ind.txt && grep -q 'the 18 rows at or before the origin' zeros-ind.txt && cmp -s zeros-ind.txt zeros-ind-info.txt"

# 40 rows 0.001 apart, then yearly rows: the median gap is 0.001, and the
# forecast grid from 2008 to the default horizon would need far more than the
# 10000 steps the file's reader accepts; the grid's step becomes a multiple of
# the gap, and a --horizon beyond it is refused with the limit to choose under
{ echo year,share; awk 'BEGIN { for (i = 0; i < 40; i++) printf "%.3f,0.0289\n", 2008 + i / 1000 }'
  printf '2009,0.0593\n2010,0.1038\n2011,0.1687\n2012,0.2589\n2013,0.3536\n2014,0.4601\n2015,0.5697\n'
  printf '2016,0.6678\n2017,0.7554\n2018,0.8277\n'; } >dense.csv
# (100 draws, not 10,000: what these check is the grid and the warnings, not the bands)
"$portee" fit adoption dense.csv -q -o dense-ind.h5 --errors independent --draws 100 2>dense-fit.err
check "dense rows, then yearly, independent errors: a warning that the default origin may be far off" \
    grep -q '^portee: warning: dense.csv: the gaps between observations run from 0.001 to 1, so the default origin' dense-fit.err
"$portee" fit adoption dense.csv -q -o dense.h5 --draws 100 2>dense-inc.err
check "dense rows, increments: no warning (no origin is assumed)" bash -c "! grep -q warning dense-inc.err"
check "dense rows, default horizon: a file that info and plot read" \
    bash -c "'$portee' info dense.h5 >/dev/null 2>&1 && '$portee' plot dense.h5 -o dense-charts >/dev/null 2>&1"
check "dense rows: at most 10001 forecast steps, forecast_step apart" "$PY" -c "
import h5py, numpy as np
g = h5py.File('dense.h5', 'r')['fit']
t = g['forecast/time'][()]
assert 10 < len(t) <= 10001 and np.allclose(np.diff(t), g.attrs['forecast_step']), len(t)
assert g.attrs['time_step'] == 0.001 and g.attrs['forecast_step'] > 0.001"
"$portee" fit adoption dense.csv -q -o dense2.h5 --horizon 2100 --draws 100 2>dense.err
check "dense rows, --horizon past 10000 steps: exit 2, says up to when" \
    bash -c "[ $? -eq 2 ] && grep -q 'at most 10000 of them: choose a horizon up to 20[0-9][0-9]' dense.err && [ ! -e dense2.h5 ]"
limit=$(sed -n 's/.*choose a horizon up to \([0-9.]*\)$/\1/p' dense.err)
"$portee" fit adoption dense.csv -q -o dense3.h5 --horizon "${limit:-none}" --draws 100 2>/dev/null
check "dense rows, --horizon at the limit given (${limit:-none}): a file that info reads" \
    bash -c "'$portee' info dense3.h5 >/dev/null 2>&1"

# 4 points (2 degrees of freedom) and a million draws: the t's far tail makes
# e^θ overflow in a few draws, which are drawn again; no NaN or ∞ reaches a
# share date or a band (JSON would print null)
printf 'year,share\n2008,0.0107\n2009,0.0842\n2010,0.129\n2011,0.1664\n' >four.csv
"$portee" fit adoption four.csv --errors independent --draws 1000000 --format json -o four.h5 2>/dev/null >four.json
check "4 points, a million draws: overflowing draws redrawn, every summary finite" "$PY" -c "
import json
a = json.load(open('four.json'))
nulls = [k for s in a['share_dates'] for k, v in s['summary'].items() if v is None]
nulls += [k for st in a['forecast'] for part in ('prediction', 'curve') for k, v in st[part].items() if v is None]
assert a['redrawn'] > 0 and not nulls, (a['redrawn'], nulls)
assert all(s['summary']['sd'] > 0 for s in a['share_dates'])"
check "4 points: the table says how many draws were drawn again" \
    bash -c "'$portee' info four.h5 | grep -q 'draws left a double.s range, or passed 1e100, and were drawn again'"

# the independent errors: the file says which model, and info reprints it
"$portee" fit adoption "$example" --errors independent -o ind.h5 >ind.txt 2>/dev/null
"$portee" info ind.h5 >ind-info.txt 2>/dev/null
check "--errors independent: says so, and info reprints it" \
    bash -c "grep -q '^  errors: independent noise around the curve' ind.txt && cmp -s ind.txt ind-info.txt"
check "the file names its error model" "$PY" -c "
import h5py
assert h5py.File('ind.h5', 'r')['fit'].attrs['errors'] == 'independent'
assert h5py.File('org_adoption.h5', 'r')['fit'].attrs['errors'] == 'increments'"
"$portee" plot ind.h5 -o ind-charts >/dev/null 2>&1
check "--errors independent: portee plot draws it" test -s ind-charts/fit.png
check "h5py read-back, independent errors" "$PY" "$here/fit_readback.py" ind.h5

# a value below the one before (survey noise): a warning at its line, and the fit
sed 's/^2012,0.249/2012,0.17/' "$example" >dip.csv
"$portee" fit adoption dip.csv -o dip.h5 >dip.txt 2>dip.err
check "a dip: exit 0 and a file" bash -c "[ $? -eq 0 ] && [ -s dip.h5 ]"
check "a dip: warned at its line" grep -q '^portee: warning: dip.csv:22: value 0.17 is below 0.173 on line 21; a cumulative series does not decrease' dip.err
sed 's/^2010,0.114/2010,0.05/; s/^2012,0.249/2012,0.17/; s/^2016,0.664/2016,0.5/' "$example" >dips.csv
"$portee" fit adoption dips.csv --errors independent -o dips.h5 >/dev/null 2>dips.err
check "three dips, independent errors: exit 0, the first warned at its line, the others listed" \
    bash -c "[ $? -eq 0 ] && grep -q '^portee: warning: dips.csv:20: value 0.05 is below 0.058 on line 19 (and 2 more: dips.csv:22 dips.csv:26)' dips.err"

# dates in the time column: a launch at the first observation, its value
# noise around 0 (scenarios/audience_launch.csv, from portee's own model)
"$portee" fit adoption "$launch" -o launch.h5 >launch.txt 2>launch.err
check "dates: exit 0" test $? -eq 0
check "dates: the times and the origin print as dates" \
    bash -c "grep -q 'date 2012-03-31 to 2024-03-31' launch.txt && grep -qE '^  origin 20(11|12)-[0-9][0-9]-[0-9][0-9], fitted' launch.txt"
check "dates: p and q per year" bash -c "grep -qE '^  p .* innovation, per year' launch.txt"
"$portee" info launch.h5 >launch-info.txt 2>/dev/null
check "dates: info reprints the table" cmp -s launch.txt launch-info.txt
"$portee" plot launch.h5 -o launch-charts >/dev/null 2>&1
check "dates: portee plot draws it" test -s launch-charts/fit.png
estimates() { # FILE.h5 -> "p q [origin]"
    "$PY" -c "import h5py; print(' '.join('%.6g' % r['value'] for r in h5py.File('$1', 'r')['fit/estimates'][()]))"
}
for opts in "--fit-origin" "--errors independent --fit-origin" "--origin 2012-03-31" \
    "--errors independent --origin 2012-03-31" "--errors independent"; do
    name=$(echo "$opts" | tr -c 'a-z0-9\n' _)
    "$portee" fit adoption "$launch" $opts -o "launch$name.h5" >/dev/null 2>"launch$name.err"
    check "launch at the first observation, $opts: exit 0" test $? -eq 0
done
check "launch at the first observation: --fit-origin (independent errors) finds it, p near 0.03" "$PY" -c "
import h5py
e = h5py.File('launch__errors_independent___fit_origin.h5', 'r')['fit/estimates'][()]
p, q, t0 = e['value']
assert 0.025 < p < 0.035 and 2012.0 < t0 < 2012.5 and e['lo95'][2] < 2012.25 < e['hi95'][2], e"
check "launch at the first observation: the independent default origin (one step before) makes p far too low" "$PY" -c "
import h5py
p0 = h5py.File('launch__errors_independent.h5', 'r')['fit/estimates'][()]['value'][0]
p1 = h5py.File('launch__errors_independent___fit_origin.h5', 'r')['fit/estimates'][()]['value'][0]
assert p0 < 0.7 * p1, (p0, p1)"
same=$(estimates launch.h5)
check "launch, increments: --fit-origin gives the default's p and q ($same)" test "$(estimates launch__fit_origin.h5)" = "$same"
check "launch, increments: --origin at the first date too" test "$(estimates launch__origin_2012_03_31.h5)" = "$same"
# the same dates day first, and as numbers: decimal years
awk -F, '/^20/ { split($1, d, "-"); print d[3] "/" d[2] "/" d[1] "," $2; next } { print }' "$launch" >dmy.csv
"$portee" fit adoption dmy.csv --day-first -o dmy.h5 >/dev/null 2>&1
check "dates day first (--day-first): the same fit" test "$(estimates dmy.h5)" = "$same"
"$portee" fit adoption dmy.csv -o dmy2.h5 >/dev/null 2>dmy.err
check "dates day first without --day-first: exit 2 at the first bad date" \
    bash -c "[ $? -eq 2 ] && grep -q '^portee: error: dmy.csv:[0-9]*:1: the time (column 1) .31/03/2012. is not a date' dmy.err"
"$portee" fit adoption "$launch" --horizon 2030-06-30 -o hz.h5 >hz.txt 2>/dev/null
check "dates: --horizon as a date" grep -q 'of 10000 (date 2030-06-30)' hz.txt
# dates step on the calendar: a monthly series on the 15th forecasts on the
# 15th (equal decimal steps drifted to the 19th), a daily one crosses the
# new year a day at a time, one on the months' last days stays on them, and
# the yearly launch series' default origin is a year before to the day
"$PY" - <<'PYEOF'
import calendar, datetime as dt, math
def F(t, p=0.03, q=0.4):
    e = math.exp(-(p + q) * t)
    return (1 - e) / (1 + q / p * e)
def write(name, head, rows):
    with open(name, "w") as f:
        f.write(head + "\n")
        for day, share in rows:
            f.write(f"{day},{share:.5f}\n")
def wobbly(t, i):
    return F(t) * (1 + 0.02 * math.sin(i))
def month_end(y, m):
    return f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]}"
def days_from(*start):
    return [(dt.date(*start) + dt.timedelta(days=i), F(3 + i / 365 * 3)) for i in range(40)]
write("monthly.csv", "date,share", [(f"2020-{i + 1:02d}-15", wobbly(1 + i / 12, i)) for i in range(8)])
write("daily.csv", "day,share", days_from(2020, 12, 1))
write("quarterend.csv", "quarter,share",
      [(month_end(2018 + (5 + 3 * i) // 12, (5 + 3 * i) % 12 + 1), wobbly(1 + i / 4, i)) for i in range(10)])
write("daily2020.csv", "day,share", days_from(2020, 3, 1))
write("monthend.csv", "month,share", [(month_end(2019 + i // 12, i % 12 + 1), wobbly(1 + i / 12, i)) for i in range(14)])
PYEOF
for s in monthly daily monthend quarterend; do
    "$portee" fit adoption $s.csv -o $s.h5 >$s.txt 2>$s.err
    check "dates on the calendar, $s: exit 0" test $? -eq 0
done
check "a monthly series on the 15th: the first forecast row is the month after the last observation" \
    bash -c "grep -A1 '^  date  ' monthly.txt | tail -1 | grep -q '^  2020-09-15 '"
check "the grids' dates: the 15th a month apart, consecutive days, the months' last days" "$PY" -c "
import calendar, datetime as dt, h5py, math
def date_of(t):
    y = math.floor(t)
    n = 366 if calendar.isleap(y) else 365
    return dt.date(y, 1, 1) + dt.timedelta(days=round((t - y) * n))
m = [date_of(t) for t in h5py.File('monthly.h5', 'r')['fit/forecast/time'][()]]
assert all(d.day == 15 for d in m) and all((b.year - a.year) * 12 + b.month - a.month == 1 for a, b in zip(m, m[1:])), m
d = [date_of(t) for t in h5py.File('daily.h5', 'r')['fit/forecast/time'][()]]
assert d[0] == dt.date(2020, 12, 1) and all((b - a).days == 1 for a, b in zip(d, d[1:])), d
e = [date_of(t) for t in h5py.File('monthend.h5', 'r')['fit/forecast/time'][()]]
assert all(x.day == calendar.monthrange(x.year, x.month)[1] for x in e), e
q = [date_of(t) for t in h5py.File('quarterend.h5', 'r')['fit/forecast/time'][()]]
assert all(x.day == calendar.monthrange(x.year, x.month)[1] for x in q) and q[1] == dt.date(2018, 9, 30), q"
# the latest horizon portee suggests is one it accepts (a day grid is
# longer than the decimal step of a leap year's days)
"$portee" fit adoption daily2020.csv --horizon 2100-01-01 -o far.h5 >/dev/null 2>far.err
latest=$(grep -o 'choose a horizon up to [0-9.]*' far.err | grep -o '[0-9.]*$')
check "a horizon past 10,000 days is refused, naming the latest allowed ($latest)" test -n "$latest"
"$portee" fit adoption daily2020.csv --horizon "$latest" -o far.h5 >/dev/null 2>far2.err
check "... and that latest horizon is accepted" test $? -eq 0
"$portee" fit adoption "$launch" --errors independent -o launch-ind.h5 >launch-ind.txt 2>/dev/null
check "a yearly series of dates: the independent default origin is a year before the first, to the day" \
    grep -q '^  origin 2011-03-31, by default one time step' launch-ind.txt
{ grep -v '^2014' "$launch"; echo "2025.2,0.93"; } >mixed.csv
"$portee" fit adoption mixed.csv -o mixed.h5 >/dev/null 2>mixed.err
check "a number in a column of dates: exit 2 at its cell" \
    bash -c "[ $? -eq 2 ] && grep -q '^portee: error: mixed.csv:[0-9]*:1: expected a date for the time (column 1)' mixed.err"

# the same data as a spreadsheet might write it: byte-order mark, CRLF, a
# quoted header, spaces around fields, blank and comment lines
{ printf '\xef\xbb\xbf"year" , "share_of_organisations"\r\n\r\n'
  grep -E '^[0-9]' "$example" | sed 's/,/ ,\t/; s/$/\r/'
  printf '   # the end\r\n'; } >excel.csv
"$portee" fit adoption excel.csv --format json -o excel.h5 2>excel.err >excel.json
check "spreadsheet-style CSV (BOM, CRLF, quotes, spaces) reads" test $? -eq 0
check "spreadsheet-style CSV: the same fit as the example" "$PY" -c "
import json
a, b = json.load(open('excel.json')), json.load(open('share.json'))
assert a['value_name'] == 'share_of_organisations' and a['observations'] == 10
for x, y in zip(a['estimates'], b['estimates']):
    assert x['value'] == y['value'], (x, y)"
printf 'year;share\n2008;0,1\n' >semi.csv
"$portee" fit adoption semi.csv -o semi.h5 2>semi.err
check "semicolon-separated CSV: exit 2 with a hint" bash -c "[ $? -eq 2 ] && grep -q \"separated by ';'\" semi.err"

# charts
"$portee" plot org_adoption.h5 -o charts >plot.txt 2>/dev/null
check "portee plot renders fit.png" bash -c "[ \"\$(head -c 8 charts/fit.png | od -An -tx1 | tr -d ' \n')\" = 89504e470d0a1a0a ]"
check "portee plot writes fit.gp and fit.dat" test -s charts/fit.gp -a -s charts/fit.dat
check "portee plot lists one chart" test "$(wc -l <plot.txt)" -eq 1
"$portee" report org_adoption.h5 -o fit.pdf 2>/dev/null
pages=$(pdfinfo fit.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "portee report: 3 pages (title, table, chart), got ${pages:-none}" test "${pages:-0}" -eq 3
# the title page names the portee that wrote the file, not the one reading it
cp org_adoption.h5 old.h5
"$PY" -c "import h5py; h5py.File('old.h5', 'a').attrs['portee_version'] = '0.0-from-the-file'"
"$portee" report old.h5 -o old.pdf 2>/dev/null
check "portee report's title page: the file's portee_version" \
    bash -c "pdftotext -f 1 -l 1 old.pdf - 2>/dev/null | grep -q 'Made with portee 0.0-from-the-file; report of'"

# help
check "portee fit --help" bash -c "'$portee' fit --help | grep -q 'usage: portee fit adoption'"
check "portee fit adoption --help" bash -c "'$portee' fit adoption --help | grep -q 'Prediction bands'"
check "--help: the error models, the default stated" \
    bash -c "'$portee' fit adoption --help | grep -q -- '--errors increments   (the default)' && '$portee' fit adoption --help | grep -q -- '--errors independent  independent noise'"
check "portee fit --help: exit 2 for an output that cannot be written" \
    bash -c "'$portee' fit --help | tr '\n' ' ' | grep -q '2 bad usage, a bad CSV .* or an output that cannot be written there'"
check "portee --help lists fit" bash -c "'$portee' --help | grep -q 'fit adoption'"

# A fit killed outright leaves its temporary: the next fit into the same
# file removes it and says so (a live writer's is never touched: cli_parts).
sleep 0 &
dead=$!
wait $dead
tag=$(uname -n | tr -c 'A-Za-z0-9\n-' '_' | cut -c1-40)
printf 'half a fit file' >"swept.h5.tmp-$tag.$dead-abcdef"
"$portee" fit adoption "$example" -o swept.h5 -q 2>err.txt
check "fit after a dead fit: exit 0, its temporary removed and said" \
    bash -c "[ $? -eq 0 ] && grep -q 'removed swept.h5.tmp-$tag.$dead-abcdef, left by a portee that stopped' err.txt"
check "... none left" test -z "$(compgen -G 'swept.h5.tmp-*')"

# A full disk (a 64 kB tmpfs, as root where mounts are allowed): the fit
# says so, not "file locking" (what HDF5's failure to create a file used to
# be blamed on), and leaves nothing behind.
mkdir -p small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
    head -c 65536 /dev/zero >small/fill 2>/dev/null
    "$portee" fit adoption "$example" -o small/org.h5 >/dev/null 2>err.txt
    rc=$?
    check "fit onto a full disk: exit 1, says no space left ($(cat err.txt))" \
        bash -c "[ $rc -eq 1 ] && grep -q 'no space left' err.txt && ! grep -q 'locking' err.txt"
    check "... nothing left on it" test -z "$(ls small | grep -v '^fill$')"
    umount small
else
    echo "# skip - full disk: cannot mount a tmpfs here (not root, or no mount permission)"
fi

finish
