#!/usr/bin/env bash
# French: every chart of every shipped scenario and of both fit files,
# drawn with --lang fr, has no English word left in what a reader sees
# (gp_english.py: titles, labels, keys, tics; the scenario's own name
# aside), writes numbers with a decimal comma, and renders; output.language:
# fr in the scenario makes French the default; info --lang fr speaks French.
# usage: cli_lang.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"
py=$PY

# A name as the results file keeps it (the charts' titles start with it).
scenario_name() { sed -n 's/^name: *"\(.*\)"$/\1/p' "$1" | head -1; }

for y in "$src"/scenarios/*.yaml; do
    s=$(basename "$y" .yaml)
    [ "$s" = cluster_sweep ] && continue # 10,000 points: its charts are those of followers_sweep
    "$portee" run -q "$y" --replicates 300 -o "$s.h5" >/dev/null 2>"$s.err"
    if ! test -s "$s.h5"; then bad "$s: run failed: $(head -c 300 "$s.err")"; continue; fi
    "$portee" plot "$s.h5" --lang fr -o "fr_$s" >"fr_$s.list" 2>"fr_$s.err"
    check "$s: plot --lang fr exits 0" test $? -eq 0
    n=$(ls "fr_$s"/*.png 2>/dev/null | wc -l)
    check "$s: French charts rendered ($n)" test "$n" -ge 1
    if "$py" "$here/gp_english.py" "$(scenario_name "$y")" "fr_$s"/*.gp >"fr_$s.english"; then
        ok "$s: no English word in the French charts"
    else
        bad "$s: English left in the French charts: $(head -5 "fr_$s.english" | tr '\n' ';')"
    fi
    "$py" "$here/gp_english.py" "" /dev/null >/dev/null # the checker itself runs
done

# The checker can fail: the English charts of the default scenario are full of English.
"$portee" plot default.h5 --lang en -o en_default >/dev/null 2>&1
if "$py" "$here/gp_english.py" "$(scenario_name "$src/scenarios/default.yaml")" en_default/*.gp >/dev/null; then
    bad "gp_english.py finds no English in English charts"
else ok "gp_english.py finds the English of English charts"; fi

# Decimal commas: the French tics and labels write 0,5 not 0.5.
if grep -h "^set [xy]tics (" fr_*/*.gp | grep -q "'[0-9]\+\.[0-9]"; then
    bad "a French tic label with a decimal point: $(grep -h "^set [xy]tics (" fr_*/*.gp | grep -m1 "'[0-9]\+\.[0-9]")"
else ok "French tic labels have no decimal point"; fi

# output.language: fr makes French the default, --lang en overrides it.
"$portee" run -q --replicates 200 --set output.language=fr -o fr_default.h5 >/dev/null 2>&1
"$portee" plot fr_default.h5 -o fr_by_scenario >/dev/null 2>&1
check "output.language: fr: French by default" grep -q "abonnés" fr_by_scenario/reach_distribution.gp
"$portee" plot fr_default.h5 --lang en -o en_override >/dev/null 2>&1
check "--lang en overrides output.language" grep -q "followers" en_override/reach_distribution.gp
"$portee" plot fr_default.h5 --lang de -o de >/dev/null 2>err.txt
check "--lang de refused with exit 2" test $? -eq 2
check "--lang de: says which languages" grep -q "en or fr" err.txt
"$portee" run -q --set output.language=de -o de.h5 >/dev/null 2>err.txt
check "output.language: de refused" test $? -eq 2

# The fit files in French.
"$portee" fit adoption "$src/scenarios/org_adoption.csv" -o fit_a.h5 >/dev/null 2>&1
"$portee" fit reach "$src/scenarios/page_posts.csv" --column date="Publish time" --draws 200 -o fit_r.h5 \
    >/dev/null 2>&1
if test -s fit_a.h5; then
    "$portee" plot fit_a.h5 --lang fr -o fr_fit_a >/dev/null 2>&1
    check "fit adoption: French chart" test -s fr_fit_a/fit.png
    # the CSV's own words: its file and column names (share_of_organisations, year)
    "$py" "$here/gp_english.py" "org_adoption.csv|share of organisations|share_of_organisations|year" \
        fr_fit_a/*.gp >fit_a.english
    check "fit adoption: no English in the French chart ($(head -3 fit_a.english | tr '\n' ';'))" test ! -s fit_a.english
else bad "fit adoption of the example failed"; fi
if test -s fit_r.h5; then
    "$portee" plot fit_r.h5 --lang fr -o fr_fit_r >/dev/null 2>&1
    check "fit reach: French charts" test -n "$(ls fr_fit_r/*.png 2>/dev/null)"
    "$py" "$here/gp_english.py" "page_posts.csv" fr_fit_r/*.gp >fit_r.english
    check "fit reach: no English in the French charts ($(head -3 fit_r.english | tr '\n' ';'))" test ! -s fit_r.english
else bad "fit reach of the example failed"; fi

# The fit files' tables: info --lang fr speaks French (headings, a decimal
# comma), info alone stays English (a fit file has no language of its own).
# fit_a.h5 / fit_r.h5: FILE, then pairs of an English heading and its French.
fit_table_fr() {
    local h5=$1
    shift
    "$portee" info "$h5" --lang fr >"$h5.fr.txt" 2>&1
    check "info $h5 --lang fr exits 0" test $? -eq 0
    "$portee" info "$h5" >"$h5.en.txt" 2>&1
    while [ $# -ge 2 ]; do
        check "info $h5: English '$1' by default" grep -qF -- "$1" "$h5.en.txt"
        check "info $h5 --lang fr: no '$1'" test -z "$(grep -F -- "$1" "$h5.fr.txt")"
        check "info $h5 --lang fr: '$2'" grep -qF -- "$2" "$h5.fr.txt"
        shift 2
    done
    check "info $h5 --lang fr: decimal commas" grep -q " 0,[0-9]" "$h5.fr.txt"
}
if test -s fit_a.h5; then
    fit_table_fr fit_a.h5 "std. error" "erreur type" "goodness of fit" "qualité de l'ajustement" \
        "forecast of the observed" "prévision de" "draws of the parameters" "tirages des paramètres"
fi
if test -s fit_r.h5; then
    fit_table_fr fit_r.h5 "log-likelihood" "log-vraisemblance" "overdispersion" "surdispersion" \
        "goodness of fit" "qualité de l'ajustement" "posts used" "publications utilisées"
fi
finish
