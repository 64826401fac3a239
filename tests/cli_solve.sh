#!/usr/bin/env bash
# portee solve against answers known in closed form, and portee info --prob.
#
# With auction_noise 0 a boost buys impressions = 1000 x budget / CPM
# (rounded at random), so for CPM ~ lognormal(median m, sigma s):
#   P(impressions >= X) >= P  <=>  budget >= X q_P / 1000,  q_P = m exp(s z_P)
#   mean impressions >= X     <=>  budget >= X m / (1000 exp(s^2 / 2))
# and the reach model's direct reach has mean followers x reach_rate, so
# mean direct >= 100 at a 5 % rate needs 2,000 followers.  Each answer must
# lie within 5 of its reported Monte Carlo uncertainties (plus the
# tolerance) of the closed form, the uncertainty must match the sample
# quantile's theory (sd = X/1000 sqrt(P(1-P)/n) / f(q_P)) within a factor
# of 2, and the same answer must be rejected for a wrong model (sigma 0.5).
# usage: cli_solve.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"

cat >cpm.yaml <<'EOF2'
name: uncertain CPM
seed: 7
replicates: 8000
page: {followers: 1000}
boost:
  budget: 20
  cpm: {dist: lognormal, median: 10, sigma: 0.42, min: 0.5, max: 200}
  auction_noise: 0
EOF2
solve() { "$portee" solve "$@" 2>err.txt >out.txt; }
# "KEY = $70.68 ± $0.32 (...)" -> "70.68 0.32"
answer() { sed -n '1s/^[^=]*= \$\{0,1\}\([0-9.,]*\) ± \$\{0,1\}\([0-9.,]*\).*/\1 \2/p' out.txt | tr -d ,; }
near() { # VALUE SD EXPECTED TOL
    "$PY" -c "import sys; v, sd, e, t = map(float, sys.argv[1:]); sys.exit(0 if abs(v - e) <= 5 * sd + t else 1)" "$@"
}

solve cpm.yaml --vary boost.budget --in 0:300 --target 'boost.impressions >= 5000' --probability 0.8 -o p.h5
rc=$?
read -r x sd <<<"$(answer)"
want=$("$PY" -c "import math; from statistics import NormalDist as N; print(5 * 10 * math.exp(0.42 * N().inv_cdf(0.8)))")
theory=$("$PY" -c "
import math; from statistics import NormalDist as N
z = N().inv_cdf(0.8); q = 10 * math.exp(0.42 * z); f = N().pdf(z) / (q * 0.42)
print(5 * math.sqrt(0.8 * 0.2 / 8000) / f)")
check "P(impressions >= 5000) >= 80 %: exit 0, budget ${x:-?} ± ${sd:-?} vs $want" \
    bash -c "[ $rc -eq 0 ] && [ -n '${x:-}' ]"
check "... within 5 uncertainties of the closed form" near "${x:-0}" "${sd:-0}" "$want" 0.3
check "... its uncertainty ${sd:-?} matches the quantile's theory $theory within a factor 2" \
    "$PY" -c "import sys; r = float('${sd:-0}') / $theory; sys.exit(0 if 0.5 <= r <= 2 else 1)"
wrong=$("$PY" -c "import math; from statistics import NormalDist as N; print(5 * 10 * math.exp(0.5 * N().inv_cdf(0.8)))")
check "... and a wrong model (sigma 0.5: $wrong) is rejected by the same check" bash -c "! near ${x:-0} ${sd:-0} $wrong 0.3"
check "... the answer line names the probability reached" grep -q 'P(boost.impressions >= 5000) = 80\.0[0-9] %' out.txt
line1=$(head -1 out.txt)
solve cpm.yaml --vary boost.budget --in 0:300 --target 'boost.impressions >= 5000' --probability 80% --threads 1 -q -o p1.h5
check "1 thread gives the same answer, to the last digit (80% spelled as a percentage)" test "$(head -1 out.txt)" = "$line1"
check "the curve file holds the values tried, with the numbers the search saw" same_data p.h5 p1.h5
pct=$(sed -n '1s/.*= \(80\.[0-9]*\) %.*/\1/p' out.txt)
"$portee" info p.h5 --prob 'boost.impressions>=5000' --format csv >prob.csv
check "info --prob of the curve file: ${pct:-?} % at the answer, as solve said" \
    "$PY" -c "
import csv, sys
rows = list(csv.DictReader(open('prob.csv')))
at = [r for r in rows if abs(float(r['boost.budget']) - float('${x:-0}')) < 0.006]
sys.exit(0 if at and '%.2f' % (100 * float(at[0]['probability'])) == '${pct:-x}' and at[0]['from'] == 'replicates' else 1)"

solve cpm.yaml --vary boost.budget --in 0:300 --target 'boost.impressions >= 5000' --mean --replicates 20000 -q -o m.h5
read -r x sd <<<"$(answer)"
want=$("$PY" -c "import math; print(50 / math.exp(0.42 ** 2 / 2))")
check "mean impressions >= 5000: budget ${x:-?} ± ${sd:-?} vs $want" near "${x:-0}" "${sd:-0}" "$want" 0.3
check "... not the wrong model's $("$PY" -c "import math; print(50 / math.exp(0.5 ** 2 / 2))")" \
    bash -c "! near ${x:-0} ${sd:-0} $("$PY" -c "import math; print(50 / math.exp(0.5 ** 2 / 2))") 0.3"

# a whole-number input
solve --vary page.followers --in 100:10000 --target 'reach.direct >= 100' --mean --replicates 20000 -q -o f.h5
read -r x sd <<<"$(answer)"
check "mean direct reach >= 100 at 5 %: followers ${x:-?} ± ${sd:-?} vs 2000" near "${x:-0}" "${sd:-0}" 2000 1
check "... a whole number" bash -c "[[ '${x:-x}' =~ ^[0-9]+$ ]]"

# outcomes at the edges of the range
solve cpm.yaml --vary boost.budget --in 0:10 --target 'boost.impressions >= 5000' -p 0.8 -q -o e.h5
check "not met in the range: exit 1, says what the top reaches" \
    bash -c "[ $? -eq 1 ] && grep -q 'not met in \[0, 10\]: at 10, P(boost.impressions >= 5000) = 0.00 %; widen --in' err.txt"
solve cpm.yaml --vary boost.budget --in 0:10 --target 'boost.impressions <= 3000' -p 0.8 -q -o e.h5
check "met at the low end already: exit 0, said" bash -c "[ $? -eq 0 ] && grep -q 'met already at the low end' err.txt"

# bad usage: exit 2, nothing written
fails2() { # PHRASE ARGS...
    local phrase=$1
    shift
    "$portee" solve "$@" -o bad.h5 >/dev/null 2>err.txt
    local rc=$?
    [ $rc -eq 2 ] && grep -qF -- "$phrase" err.txt && [ ! -e bad.h5 ] || { echo "#   exit $rc: $(head -c 300 err.txt)"; return 1; }
}
T=(--vary boost.budget --in 0:100)
check "no confidence given" fails2 "--probability P (e.g. 0.8), or --mean" cpm.yaml "${T[@]}" --target 'boost.impressions>=1'
check "a probability of 1.5" fails2 "between 0 and 1" cpm.yaml "${T[@]}" --target 'boost.impressions>=1' -p 1.5
check "a series as target" fails2 "is a series" cpm.yaml "${T[@]}" --target 'boost.weekly_impressions>=1' -p 0.5
check "an unknown output, the known ones listed" fails2 "has no output 'impresions' (known: " cpm.yaml "${T[@]}" \
    --target 'boost.impresions>=1' -p 0.5
check "a model the scenario does not run" fails2 "on the adoption model, which this scenario does not run" cpm.yaml \
    "${T[@]}" --target 'adoption.lag_t50>=1' -p 0.5
check "an upside-down range" fails2 "LO must be below HI" cpm.yaml --vary boost.budget --in 5:1 \
    --target 'boost.impressions>=1' -p 0.5
check "an input that is no parameter: the loader's message" fails2 "budgett" cpm.yaml --vary boost.budgett --in 0:1 \
    --target 'boost.impressions>=1' -p 0.5
check "a scenario with a sweep" fails2 "has a sweep of its own" "$src/scenarios/budget_sweep.yaml" "${T[@]}" \
    --target 'boost.impressions>=1' -p 0.5

# info --prob on a file without replicates brackets the exact share
"$portee" run cpm.yaml -q --set 'sweep.boost.budget=[40, 70, 100]' -o with.h5 2>/dev/null
"$portee" run cpm.yaml -q --set 'sweep.boost.budget=[40, 70, 100]' --set output.replicates=false -o without.h5 2>/dev/null
"$portee" info with.h5 --prob 'boost.impressions >= 5000' --format csv >a.csv
"$portee" info without.h5 --prob 'boost.impressions >= 5000' --format csv >b.csv
check "info --prob without replicates: a bracket holding the exact share at every point" "$PY" -c "
import csv, sys
a, b = list(csv.DictReader(open('a.csv'))), list(csv.DictReader(open('b.csv')))
ok = len(a) == len(b) == 3 and all(x['from'] == 'replicates' and y['from'] == 'histogram' and
     float(y['low']) <= float(x['probability']) <= float(y['high']) for x, y in zip(a, b))
sys.exit(0 if ok else 1)"
"$portee" info with.h5 --prob 'boost.impressions >= 5000' --format json >p.json
check "info --prob --format json parses" "$PY" -c "import json; d = json.load(open('p.json')); assert len(d['points']) == 3"
"$portee" info with.h5 --prob 'boost.impressions >> 5' >/dev/null 2>err.txt
check "info --prob with a bad target: exit 2" bash -c "[ $? -eq 2 ] && grep -q 'expected MODEL.OUTPUT >= VALUE' err.txt"
# output.quantiles: kept in /MODEL/quantiles/OUTPUT, equal to numpy's
# (linear) quantiles of the replicates, the same over thread counts and
# shards merged, shown by info
Q=(--set 'output.quantiles=[0.8, 0.2, 0.025]' --set 'sweep.boost.budget=[10, 60]' --replicates 2001)
"$portee" run cpm.yaml -q "${Q[@]}" --threads 2 -o q.h5 2>/dev/null
"$portee" run cpm.yaml -q "${Q[@]}" --threads 1 -o q1.h5 2>/dev/null
"$portee" run cpm.yaml -q "${Q[@]}" --shard 0/2 -o q-0.h5 2>/dev/null
"$portee" run cpm.yaml -q "${Q[@]}" --shard 1/2 -o q-1.h5 2>/dev/null
"$portee" merge q-0.h5 q-1.h5 -o qm.h5 2>/dev/null
check "output.quantiles: numpy's quantiles of the replicates, levels sorted" "$PY" -c "
import h5py, numpy as np, sys
f = h5py.File('q.h5', 'r')
ok = True
for o in ['impressions', 'incremental_reach', 'cost_per_1000_incremental']:
    q = f['boost/quantiles/' + o]
    x = f['boost/replicates/' + o][:]
    ok &= list(q.attrs['levels']) == [0.025, 0.2, 0.8] and q.shape == (2, 3)
    ok &= np.allclose(q[:], np.quantile(x, [0.025, 0.2, 0.8], axis=1).T, rtol=1e-13, atol=0)
sys.exit(0 if ok else 1)"
check "... 1 and 2 threads identical" same_data q.h5 q1.h5
check "... 2 shards merged identical" same_data q.h5 qm.h5
"$portee" info q.h5 --point 1 >qi.txt
check "info --point shows p2.5, p20 and p80" grep -qE 'p2\.5 +p20 +p80' qi.txt
check "info --format csv has them as columns" bash -c "'$portee' info q.h5 --format csv | head -1 | grep -q ',p95,p2.5,p20,p80$'"
"$portee" validate cpm.yaml --set 'output.quantiles=[0.5, 1.5]' >/dev/null 2>err.txt
check "a level of 1.5 refused with its place" bash -c "[ $? -eq 2 ] && grep -q 'output.quantiles: a level is a share strictly between 0 and 1' err.txt"
"$portee" validate cpm.yaml --set 'output.quantiles=[0.5, 0.5]' >/dev/null 2>err.txt
check "a level given twice refused" bash -c "[ $? -eq 2 ] && grep -q 'appears twice' err.txt"
# two levers: followers and reach rate, each with a price; mean direct reach
# >= 100 needs rate 100/F at F followers, and F + 20000 x 100/F is cheapest
# at F = sqrt(2,000,000) = 1,414: on the grid, 1,400
solve --vary page.followers --in 500:5000 --vary page.reach_rate --in 0.01:0.5 --cost page.followers=1 \
    --cost page.reach_rate=20000 --target 'reach.direct >= 100' --mean --replicates 4000 --chart ch
check "two levers: exit 0, the cheapest pair first ($(head -1 out.txt))" \
    grep -q '^page.followers = 1,400, page.reach_rate = 0.07[0-9]* ± .*the cheapest of 11 pairs' out.txt
check "... every pair of the frontier on rate = 100 / followers (within 5 uncertainties)" "$PY" -c "
import re, sys
rows = [l.split() for l in open('out.txt') if re.match(r'^ +[0-9,]+ +0\.[0-9]+ +[0-9.]+ ', l)]
ok = len(rows) == 11
for r in rows:
    f, b, sd = float(r[0].replace(',', '')), float(r[1]), float(r[2])
    ok &= abs(b - 100 / f) <= 5 * sd + 0.0001
sys.exit(0 if ok else 1)"
check "... and its chart" bash -c "[ \"\$(head -c 8 ch/solve_frontier.png | od -An -tx1 | tr -d ' \n')\" = 89504e470d0a1a0a ]"
solve cpm.yaml --vary boost.budget --in 0:300 --target 'boost.impressions >= 5000' -p 0.8 -q -o p2.h5 --chart ch
check "one lever: the curve's chart" bash -c "[ \"\$(head -c 8 ch/solve_curve.png | od -An -tx1 | tr -d ' \n')\" = 89504e470d0a1a0a ]"
check "two levers without prices: refused" fails2 "give the price of a unit of each" --vary page.followers --in 1:9 \
    --vary page.reach_rate --in 0.01:0.5 --target 'reach.direct>=1' --mean
check "two levers with -o (no curve to write): refused, not silently ignored" fails2 "two levers give a frontier" \
    --vary page.followers --in 1:9 --vary page.reach_rate --in 0.01:0.5 --cost page.followers=1 \
    --cost page.reach_rate=1 --target 'reach.direct>=1' --mean -o two.h5
# occupancy with an uncertain CPM, on the plan model: uniform delivery of I
# impressions on a market of 1,000,000 people reaches 10^6 (1 - e^(-I/10^6)),
# so P(reach >= 300,000) >= 80 % needs I >= -10^6 ln(0.7) impressions and
# budget >= q_0.8(CPM) x I / 1000 (the reach given I is nearly certain there)
cat >occ.yaml <<'EOF2'
name: occupancy with an uncertain CPM
seed: 9
replicates: 8000
plan:
  weeks: 1
  population: 1000000
  facebook: {followers: 0, usage: 1, weekly_budget: 1000, targeting_precision: 1, exposure_shape: 0,
             cpm: {dist: lognormal, median: 10, sigma: 0.42, min: 0.5, max: 200}}
EOF2
solve occ.yaml --vary plan.facebook.weekly_budget --in 1000:20000 --target 'plan.total_reach >= 300000' -p 0.8 -q -o occ.h5
read -r x sd <<<"$(answer)"
want=$("$PY" -c "import math; from statistics import NormalDist as N; print(10 * math.exp(0.42 * N().inv_cdf(0.8)) * -1e3 * math.log(0.7))")
wrong=$("$PY" -c "import math; from statistics import NormalDist as N; print(10 * math.exp(0.5 * N().inv_cdf(0.8)) * -1e3 * math.log(0.7))")
check "the plan, occupancy: weekly budget ${x:-?} ± ${sd:-?} vs $want" near "${x:-0}" "${sd:-0}" "$want" 19
check "... sigma 0.5's $wrong rejected" bash -c "! near ${x:-0} ${sd:-0} $wrong 19"
finish
