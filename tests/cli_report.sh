#!/usr/bin/env bash
# portee report: the PDF document.  For the default scenario, a 7-budget
# sweep, a 64-point Latin hypercube and both kinds of fit file, the page
# count (pdfinfo) equals title + table + charts + appendix, the table's pages
# being computed here from the number of points and outputs (portee info)
# and the layout's rows a page (plots/report.h), the charts' from what
# portee plot draws; every point heads its rows with its swept values
# (pdftotext, compared with portee info to 3 significant digits); captions
# carry the numbers of portee info; --lang fr gives French headings and no
# English ones; refusals and a failed report leave the old one alone.
# usage: cli_report.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"

rows_a_page=$(sed -n 's/^#define PORTEE_REPORT_TABLE_ROWS \([0-9]*\).*/\1/p' "$src/plots/report.h")
check "the layout's rows a page read from plots/report.h (${rows_a_page:-none})" test -n "$rows_a_page"
pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# the part "table 4" of "portee: wrote X (10 pages: title 1, table 4, charts 3, inputs 2)"
part_of() { sed -n "s/^portee: wrote .*[:,] $2 \([0-9]*\).*/\1/p" "$1"; }
total_of() { sed -n 's/^portee: wrote .* (\([0-9]*\) pages:.*/\1/p' "$1"; }
charts_of() { # charts portee plot draws from a file
    rm -rf plotdir && "$portee" plot "$1" -o plotdir --format svg 2>/dev/null | wc -l
}

# Checks the report of results file H5 made into PDF, with the stderr of
# portee report in ERR: page total and parts, every point's swept values.
check_results_report() { # name h5 pdf err
    local name=$1 h5=$2 pdf=$3 err=$4
    "$portee" info "$h5" --format csv >"$name.csv" 2>/dev/null
    local expect_table
    expect_table=$("$PY" - "$name.csv" "$rows_a_page" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
R = int(sys.argv[2])
points = sorted({int(r["point"]) for r in rows})
outputs = sum(1 for r in rows if int(r["point"]) == points[0])
axes = list(rows[0].keys())[4:list(rows[0].keys()).index("n")]
g = outputs + (1 if axes else 0)
print(math.ceil(len(points) / (R // g)) if g <= R else len(points) * math.ceil((g - 1) / (R - 1)))
PY
)
    local charts table inputs total got
    charts=$(charts_of "$h5")
    table=$(part_of "$err" table)
    inputs=$(part_of "$err" inputs)
    total=$(total_of "$err")
    got=$(pages_of "$pdf")
    check "$name: the table takes ${expect_table:-?} pages, reported ${table:-none}" test "${table:-x}" = "${expect_table:-y}"
    check "$name: a page per chart ($charts), reported $(part_of "$err" charts)" test "$(part_of "$err" charts)" = "$charts"
    check "$name: an appendix (${inputs:-none} pages)" test "${inputs:-0}" -ge 1
    check "$name: pdfinfo counts ${got:-none} pages = 1 + $expect_table + $charts + ${inputs:-?}" \
        test "${got:-0}" -eq $((1 + ${expect_table:-0} + charts + ${inputs:-0}))
    check "$name: the total said is the pages made" test "${total:-x}" = "${got:-y}"
    pdftotext -f 2 -l $((1 + ${expect_table:-0})) "$pdf" "$name.table.txt" 2>/dev/null
    check "$name: every point in the table with its swept values" "$PY" - "$name.csv" "$name.table.txt" <<'PY'
import csv, math, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keys = list(rows[0].keys())
axes = keys[4:keys.index("n")]
text = open(sys.argv[2], encoding="utf-8").read()
values = {}
for r in rows:
    values[int(r["point"])] = [float(r[a]) for a in axes]
n = len(values)
if not axes:
    sys.exit(0 if "Mean" in text else 1)
bad = 0
for p, vs in sorted(values.items()):
    m = re.search(r"Point %d of %d: ([^\n]*)" % (p + 1, n), text)
    if not m:
        print("point %d: no heading" % (p + 1)); bad += 1; continue
    shown = [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", m.group(1))]
    for v in vs:
        v3 = float("%.3g" % v)
        if not any(math.isclose(s, v3, rel_tol=1e-9, abs_tol=1e-12) or math.isclose(s, 100 * v3, rel_tol=1e-9)
                   for s in shown):
            print("point %d: %g (%g) not in %r" % (p + 1, v, v3, m.group(1))); bad += 1
sys.exit(1 if bad else 0)
PY
    check "$name: no working folder left" test -z "$(ls -d "$pdf".tmp-* 2>/dev/null)"
}

# ---- the default scenario: one point, its caption from the numbers ----
"$portee" run -q --replicates 4000 -o def.h5 2>/dev/null
"$portee" report def.h5 -o def.pdf 2>def.err
check "default: report exits 0" test $? -eq 0
check_results_report default def.h5 def.pdf def.err
"$portee" info def.h5 --format csv >def.csv 2>/dev/null
quantile() { # CSV MODEL OUTPUT COLUMN [FILTER_COLUMN VALUE]: the value, rounded, with thousands separators
    "$PY" - "$@" <<'PY'
import csv, sys
f, model, output, col = sys.argv[1:5]
for r in csv.DictReader(open(f)):
    if r["model"] == model and r["output"] == output and (len(sys.argv) < 7 or float(r[sys.argv[5]]) == float(sys.argv[6])):
        print(f"{round(float(r[col])):,}")
        break
PY
}
p50=$(quantile def.csv reach total p50)
p95=$(quantile def.csv reach total p95)
pdftotext def.pdf - 2>/dev/null | tr '\n' ' ' >def.txt
check "default: the reach caption says the median ($p50) and the 95th percentile ($p95)" \
    grep -q "Half of the posts reach $p50 people or fewer; one in twenty reaches $p95 or more" def.txt
check "default: title page names the scenario, seed and replicates" \
    bash -c "pdftotext -f 1 -l 1 def.pdf - | tr '\n' ' ' | grep -q 'Facebook page.*4,000 replicates at 1 point; random seed'"
check "default: every page numbered page N of M" test "$(grep -o 'page [0-9]* of [0-9]*' def.txt | wc -l)" -eq "$(pages_of def.pdf)"
check "default: the appendix gives inputs by their labels, in their units" \
    bash -c "pdftotext -layout def.pdf - | grep -q 'organic reach rate  *5 *%'"

# ---- 7 budgets: every budget, captions with the incremental reach ----
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 1000 -o budget.h5 2>/dev/null
"$portee" report budget.h5 -o budget.pdf 2>budget.err
check "budget sweep: report exits 0" test $? -eq 0
check_results_report budget budget.h5 budget.pdf budget.err
"$portee" info budget.h5 --format csv >budget.csv 2>/dev/null
inc5=$(quantile budget.csv boost incremental_reach mean boost.budget 5)
pdftotext budget.pdf - 2>/dev/null | tr '\n' ' ' >budget.txt
check "budget sweep: the budget_response caption has the mean incremental reach at \$5 ($inc5)" \
    grep -q "A budget of \$5 adds $inc5 people" budget.txt
check "budget sweep: the appendix lists the 7 budgets" grep -q 'swept: 7 values: \$0, \$5, \$10, \$20, \$50, \$100, \$200' budget.txt

# ---- 64 sampled points ----
"$portee" run -q "$src/scenarios/sampled_sweep.yaml" --replicates 100 -o lhs.h5 2>/dev/null
"$portee" report lhs.h5 -o lhs.pdf 2>lhs.err
check "64 points: report exits 0" test $? -eq 0
check_results_report "64 points" lhs.h5 lhs.pdf lhs.err
check "64 points: the last point is in the table" grep -q "Point 64 of 64" "64 points.table.txt"

# ---- a posting plan: the weekly charts and their captions ----
"$portee" run -q "$src/scenarios/posting_plan.yaml" --replicates 200 -o plan.h5 2>/dev/null
"$portee" report plan.h5 -o plan.pdf 2>plan.err
check "posting plan: report exits 0" test $? -eq 0
check_results_report plan plan.h5 plan.pdf plan.err
check "posting plan: the followers caption goes from week 1 to the plan's last week" \
    bash -c "pdftotext plan.pdf - | tr '\n' ' ' | grep -Eq 'The page has [0-9,]+ followers in week 1 and [0-9,]+ in week 26 on average'"

# ---- French ----
"$portee" report budget.h5 -o fr.pdf --lang fr 2>fr.err
check "French: report exits 0" test $? -eq 0
check "French: as many pages as in English" test "$(pages_of fr.pdf)" = "$(pages_of budget.pdf)"
pdftotext fr.pdf - 2>/dev/null | tr '\n' ' ' >fr.txt
for t in "Résumé de chaque résultat" "Moyenne" "Médiane" "5e centile" "Point 2 de 7 : budget 5 \\$" \
         "Annexe : toutes les données" "La simulation" "page 1 de" "répétitions en chacun des 7 points" \
         "balayé : 7 valeurs" "Un budget de 5 \\$ ajoute"; do
    check "French: has '$t'" grep -q "$t" fr.txt
done
for t in "Summary of every output" "Mean" "Median" "percentile" "Point 2 of" "Appendix" "The run" \
         "page 1 of" "replicates at" "swept:" "A budget of"; do
    check "French: no '$t'" bash -c "! grep -q '$t' fr.txt"
done
check "French: thousands with a narrow no-break space" grep -q "1 000 répétitions" fr.txt

# ---- fit files ----
"$portee" fit adoption "$src/scenarios/org_adoption.csv" -q -o org.h5 >/dev/null 2>&1
"$portee" report org.h5 -o org.pdf 2>org.err
check "adoption fit: report exits 0" test $? -eq 0
charts=$(charts_of org.h5)
check "adoption fit: pages = 1 + table + $charts charts, no appendix" \
    test "$(pages_of org.pdf)" -eq $((1 + $(part_of org.err table) + charts))
check "adoption fit: the table's last line is in" bash -c "pdftotext org.pdf - | grep -q 'every step, and the bands'"
"$portee" fit reach "$src/scenarios/page_posts.csv" --column 'date=Publish time' --column 'viral=Viral reach' \
    --column 'engagements=Engaged users' --draws 100 -q -o posts.h5 >/dev/null 2>&1
"$portee" report posts.h5 -o posts.pdf 2>posts.err
check "reach fit: report exits 0" test $? -eq 0
charts=$(charts_of posts.h5)
check "reach fit: pages = 1 + table + $charts charts" \
    test "$(pages_of posts.pdf)" -eq $((1 + $(part_of posts.err table) + charts))
check "reach fit: captions count the posts" bash -c "pdftotext posts.pdf - | tr '\n' ' ' | grep -q \"The page's 120 posts\""

# ---- refusals; a failed report leaves the old one ----
"$portee" report def.h5 -o def.h5 >/dev/null 2>err.txt
check "refuses to write over the results file" test $? -ne 0
check "the results file is intact" bash -c "'$portee' info def.h5 >/dev/null 2>&1"
cp def.pdf keep.pdf
"$portee" report budget.h5 -o keep.pdf --gnuplot /nonexistent/gnuplot >/dev/null 2>err.txt
check "without gnuplot: a failure" test $? -ne 0
check "without gnuplot: the old report kept" cmp -s def.pdf keep.pdf
check "without gnuplot: no working folder left" test -z "$(ls -d keep.pdf.tmp-* 2>/dev/null)"
"$portee" report def.h5 -o x.pdf --lang de >/dev/null 2>&1
check "--lang de: a usage error (2)" test $? -eq 2

# ---- the PDF module (libportee-pdf.so), loaded only by report ----
check "portee itself does not link cairo, pango nor librsvg" \
    test -z "$(readelf -d "$portee" | grep -E 'NEEDED.*(cairo|pango|rsvg)')"
rp=$(readelf -d "$portee" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]/\2/p')
check "no run path entry that the loader reads as the current folder (${rp:-none})" \
    test -z "$(printf '%s\n' "$rp" | tr ':' '\n' | grep -v '^/\|^\$ORIGIN' | head -1)" -a "${rp%:}" = "$rp"
mkdir -p alone/bin && cp "$portee" alone/bin/portee # no module next to it nor one folder up
touch keep2.pdf
alone/bin/portee report def.h5 -o keep2.pdf >alone.out 2>alone.err
check "without the module: exit 1 (got $?)" test $? -eq 1
check "... saying what is missing and where it belongs" grep -q "needs libportee-pdf.so.*PREFIX/lib/portee" alone.err
check "... the existing PDF untouched and no working folder left" \
    test ! -s keep2.pdf -a -z "$(ls -d keep2.pdf.tmp-* 2>/dev/null)"
alone/bin/portee info def.h5 >/dev/null 2>&1
check "... while the other commands work without it (info: exit $?)" test $? -eq 0
if [ -f "$(dirname "$portee")/cmake_install.cmake" ]; then # the build tree's portee: install it
    cmake --install "$(dirname "$portee")" --prefix "$PWD/pfx" >install.out 2>&1
    check "cmake --install puts the module in PREFIX/lib/portee" test -n "$(ls pfx/lib*/portee/libportee-pdf.so 2>/dev/null)"
    pfx/bin/portee report def.h5 -o installed.pdf >/dev/null 2>&1
    check "... where the installed portee finds it (report: exit $?)" test $? -eq 0 -a -s installed.pdf
fi

finish
