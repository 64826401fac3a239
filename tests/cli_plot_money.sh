#!/usr/bin/env bash
# The boost, adoption and fit charts as a reader gets them: budgets in any
# order drawn by increasing budget, every budget of a long sweep in the
# frequency chart (or a note saying which), money in the scenario's currency
# placed as each language does, tic labels with separators and without
# float noise, whole years on the fit's time axis with the forecast marked,
# notes and whiskers kept apart, and in French no English word of these
# charts left in their .gp scripts.
# usage: cli_plot_money.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"
export OMP_NUM_THREADS=2
NBSP=$'\xc2\xa0'

png() { [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }
# The quoted texts of a script, comments left out: what a reader sees.
texts() { grep -v '^#' "$1" | grep -oE "'[^']*'" | grep -vE "^'[^' ]*\.(dat|png|svg|pdf)'$"; }
# Tic labels of `set AXIS (...)` in a script, one a line.
tic_labels() { grep "^set $2 (" "$1" | grep -oE "'[^']*'" | tr -d "'"; }

# ---- an unordered budget list: the budget charts are drawn, by increasing budget
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 300 \
    --set 'sweep.boost.budget=[50, 10, 20, 100]' -o unordered.h5 2>/dev/null
"$portee" plot unordered.h5 -o c_unordered >/dev/null 2>&1
for c in budget_response boost_cost boost_frequency; do
    check "unordered budgets: $c rendered" png "c_unordered/$c.png"
done
check "unordered budgets: no generic sweep chart instead" test ! -e c_unordered/boost_sweep.png
check "unordered budgets: the .dat rows by increasing budget, each with its own point's numbers" "$PY" -c '
import h5py, numpy as np
with h5py.File("unordered.h5", "r") as f:
    b = f["points"][()]["boost.budget"].astype(float)
    tot, inc = f["boost/summary/total_reach"][()], f["boost/summary/incremental_reach"][()]
    freq = f["boost/series/frequency"][()]["mean"]
o = np.argsort(b)
d = np.loadtxt("c_unordered/budget_response.dat", ndmin=2)
assert np.array_equal(d[:, 0], b[o]), d[:, 0]
assert np.allclose(d[:, 1], tot["mean"][o], rtol=1e-12) and np.allclose(d[:, 7], inc["mean"][o], rtol=1e-12)
m = 1000 * np.diff(b[o]) / np.diff(inc["mean"][o])
assert np.allclose(d[1:, 15], m, rtol=1e-12), (d[1:, 15], m)
assert np.allclose(d[1:, 14], (b[o][1:] + b[o][:-1]) / 2), "marginal cost at the midpoints"
c = np.loadtxt("c_unordered/boost_cost.dat", ndmin=2)
assert np.array_equal(c[:, 1], b[o]), c[:, 1]
q = np.loadtxt("c_unordered/boost_frequency.dat", ndmin=2)
assert np.allclose(q[:, 1:], (100 * freq[o] / freq[o].sum(axis=1, keepdims=True)).T, rtol=1e-12)
'
check "unordered budgets: the budget tics in increasing order" \
    test "$(tic_labels c_unordered/boost_cost.gp xtics | tr '\n' ' ')" = '$10 $20 $50 $100 '
check "budget_response: the marginal cost in a panel of its own, at the midpoints" \
    bash -c "grep -q '^set multiplot' c_unordered/budget_response.gp && ! grep -q 'axes x1y2' c_unordered/budget_response.gp \
             && grep -q \"using 15:16\" c_unordered/budget_response.gp"
check "budget_response: a linear y axis" bash -c "! grep -q 'logscale y' c_unordered/budget_response.gp"
check "budget_response: a short legend (at most 4 entries)" \
    test "$(grep -c ' title ' c_unordered/budget_response.gp)" -le 5
check "boost_cost: the marginal cost drawn between the bars, as budget_response does" \
    grep -q 'using (\$1-0.5):9' c_unordered/boost_cost.gp

# ---- 31 budgets: every budget that reaches anyone in the frequency chart, no float noise
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 200 \
    --set 'sweep.boost.budget={from: 0, to: 300, steps: 31}' -o b31.h5 2>/dev/null
"$portee" plot b31.h5 -o c_b31 >/dev/null 2>&1
check "31 budgets: boost_frequency rendered" png c_b31/boost_frequency.png
reached=$("$PY" -c 'import h5py; f = h5py.File("b31.h5", "r"); print(int((f["boost/series/frequency"][()]["mean"].sum(axis=1) > 0).sum()))')
check "31 budgets: a column for each of the $reached budgets that reach anyone" \
    test "$(awk '!/^#/ { print NF - 1; exit }' c_b31/boost_frequency.dat)" -eq "$reached"
check "31 budgets: every budget up to \$300 labelled" \
    test "$(tic_labels c_b31/boost_frequency.gp ytics | grep -c '^\$')" -eq "$reached"
check "31 budgets: the budget left out is said" grep -q "without the points where the boost reaches no one" \
    c_b31/boost_frequency.gp
check "31 budgets: no float noise in any text" bash -c "! grep -hv '^#' c_b31/*.gp | grep -oE \"'[^']*'\" | grep -qE '9999|0000000'"
check "31 budgets: \$110, not 109.99999999999999" bash -c "tic_labels() { grep \"^set \$2 (\" \"\$1\" | grep -oE \"'[^']*'\" | tr -d \"'\"; }; tic_labels c_b31/budget_response.gp xtics | grep -qx '\$100' && tic_labels c_b31/boost_cost.gp xtics | grep -qx '\$110'"
check "31 budgets: reach tics with thousands separators" bash -c "grep '^set ytics' c_b31/budget_response.gp | grep -qE \"'[0-9]{1,3},[0-9]{3}'\""

# ---- one boosted post: its bars carry their values, and the average frequency is said
"$portee" run -q "$src/scenarios/boost_post.yaml" --replicates 300 -o post.h5 2>/dev/null
"$portee" plot post.h5 -o c_post >/dev/null 2>&1
check "one post: frequency bars with value labels" grep -q "with labels" c_post/boost_frequency.gp
check "one post: the average frequency" grep -qE "on average [0-9.]+ times per person reached" c_post/boost_frequency.gp

# ---- currency and language: $20 and 20 $, € placed as each language places it
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 200 --set output.currency=EUR \
    --set 'name=Courbe budget-réponse' -o eur.h5 2>/dev/null
"$portee" plot eur.h5 -o c_eur >/dev/null 2>&1
"$portee" plot eur.h5 --lang fr -o c_eur_fr >/dev/null 2>&1
check "EUR, English: €50 on the budget axis" bash -c "grep '^set xtics' c_eur/budget_response.gp | grep -q \"'€50'\""
check "EUR, French: 50 € on the budget axis" bash -c "grep '^set xtics' c_eur_fr/budget_response.gp | grep -q \"'50${NBSP}€'\""
check "EUR: the axis says €, never (currency)" \
    bash -c "grep -q \"budget per post, or per week of a campaign (€)\" c_eur/budget_response.gp && ! grep -q '(currency)' c_eur/*.gp c_eur_fr/*.gp"
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 200 --set 'name=Courbe budget-réponse' \
    -o usd.h5 2>/dev/null
"$portee" plot usd.h5 --lang fr -o c_usd_fr >/dev/null 2>&1
check "French budget_response: the \$ after the number" \
    bash -c "grep '^set xtics' c_usd_fr/budget_response.gp | grep -q \"'200${NBSP}\\\$'\""
check "French budget_response: thousands with a narrow space, not a comma" \
    bash -c "grep '^set ytics' c_usd_fr/budget_response.gp | grep -q \"'[0-9]\{1,3\}$(printf '\xe2\x80\xaf')000'\" && ! grep '^set ytics' c_usd_fr/budget_response.gp | grep -q \"'[0-9]*,000'\""

# ---- adoption: notes above the whiskers, whiskers within the range, units kept apart
"$portee" run -q "$src/scenarios/adoption.yaml" --replicates 300 --set 'name=Adoption et retard' -o adopt.h5 2>/dev/null
"$portee" plot adopt.h5 -o c_adopt >/dev/null 2>&1
"$portee" plot adopt.h5 --lang fr -o c_adopt_fr >/dev/null 2>&1
check "adoption_times: the y range clears every whisker by a fifth" "$PY" -c '
import re, numpy as np
d = np.loadtxt("c_adopt/adoption_times.dat", ndmin=2)
top = float(re.search(r"^set yrange \[0:([0-9.e+-]+)\]", open("c_adopt/adoption_times.gp").read(), re.M).group(1))
assert top >= 1.2 * d[:, 6].max(), (top, d[:, 6].max())'
check "adoption_times: the note at the top, above the whiskers" grep -q "after year 15: .* at graph 0.99, graph 0.95" \
    c_adopt/adoption_times.gp
check "cost_of_delay: followers and impressions, not people in impressions" \
    bash -c "! grep -q '(impressions)' c_adopt/cost_of_delay.gp && grep -q 'organic impressions of its posts' c_adopt/cost_of_delay.gp"
check "cost_of_delay: the loss labels above the whiskers" grep -q "using 1:13:(.*with labels" c_adopt/cost_of_delay.gp
check "adoption_curves: the note names the bracket it is drawn with" \
    bash -c "grep -q 'bracket on the 50 % line' c_adopt/adoption_curves.gp && ! grep -q \"'arrow\" c_adopt/adoption_curves.gp"

# ---- fits: whole years, the forecast marked
grep -v '^#' "$src/scenarios/org_adoption.csv" | sed '1s/.*/annee,part_des_organisations/' >orgs.csv
"$portee" fit adoption orgs.csv -q -o fit.h5 2>/dev/null
"$portee" plot fit.h5 -o c_fit >/dev/null 2>&1
"$portee" plot fit.h5 --lang fr -o c_fit_fr >/dev/null 2>&1
check "fit: rendered" png c_fit/fit.png
check "fit: whole years on the time axis" bash -c "tic_labels() { grep \"^set \$2 (\" \"\$1\" | grep -oE \"'[^']*'\" | tr -d \"'\"; }; \
    [ -n \"\$(tic_labels c_fit/fit.gp xtics)\" ] && ! tic_labels c_fit/fit.gp xtics | grep -qvE '^[0-9]{4}$'"
check "fit: no decimal year in any text" bash -c "! grep -v '^#' c_fit/fit.gp | grep -oE \"'[^']*'\" | grep -qE '(19|20)[0-9]{2}\\.[0-9]'"
check "fit: the end of the observations marked, the forecast named" \
    bash -c "grep -q '^set arrow 50 from first 2017' c_fit/fit.gp && grep -q \"'forecast →'\" c_fit/fit.gp && grep -q \"'prévision →'\" c_fit_fr/fit.gp"
{ echo '"Created date","Page followers","Organic reach"'
  for i in $(seq 0 39); do echo "$((2023 + i / 40)).$((10 + i * 2)),2000,$((100 + (i % 5) - 2))"; done; } >li.csv
"$portee" fit reach li.csv --column date='Created date' --column followers='Page followers' \
    --column reach='Organic reach' --platform linkedin --draws 100 -q -o li.h5 2>/dev/null
"$portee" plot li.h5 -o c_li >/dev/null 2>&1
check "fit reach over less than two years: months, never 2023.1" \
    bash -c "tic_labels() { grep \"^set \$2 (\" \"\$1\" | grep -oE \"'[^']*'\" | tr -d \"'\"; }; \
    tic_labels c_li/fit_reach_posts.gp xtics | grep -qE '^2023-0[0-9]$' && ! tic_labels c_li/fit_reach_posts.gp xtics | grep -qE '^[0-9]{4}\\.[0-9]'"

"$portee" plot li.h5 --lang fr -o c_li_fr >/dev/null 2>&1

# ---- French: no English word of these charts in their scripts (the scenario names are French)
english='the|of|and|people|reached|mean|replicates|followers|posts|cost|times|seen|average|between|drawn|added|without|boost|share|year|years|when|join|joining|after|lag|audience|forecast|observed|fitted|draws|band|per|sweep|organic|incremental|spend|reach|bracket|line|median|shown|bars|lines|labels|waiting|holds|its|it|not|on|at|to|by|in|from|all|only|time|trend|size|law|rate|fell|rose|simulated|directly|unpaid'
for d in c_usd_fr c_eur_fr c_adopt_fr c_fit_fr c_li_fr; do
    for g in "$d"/*.gp; do
        case ${g##*/} in budget_response.gp|boost_frequency.gp|boost_cost.gp|adoption_curves.gp|adoption_times.gp|\
                         cost_of_delay.gp|fit.gp|fit_reach_posts.gp|fit_reach_ratio.gp) ;; *) continue ;; esac
        left=$(texts "$g" | grep -oiwE "$english" | sort -u | tr '\n' ' ')
        check "French ${g}: no English word${left:+ (found: $left)}" test -z "$left"
    done
done

finish
