#!/usr/bin/env bash
# portee plot and portee report: every chart type renders to a valid PNG,
# SVG and PDF; the report has a page per chart; titles with
# quotes, backslashes, line breaks and backquotes neither break a script nor
# run anything; without gnuplot the scripts are still written and the exit
# status is 1; sweeps give a line (one input), heatmaps of the mean and the
# band width (two on a full grid) or a scatter panel per input (more, a
# sampled design, or points that are not a full grid); the .dat numbers
# equal the HDF5 datasets (plot_dat.py).
# usage: cli_plot.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/testlib.sh"

charts="reach_distribution hourly_reach weekly_followers weekly_reach weekly_by_point cumulative_reach posts_seen sweep tornado"
magic_ok() { # file kind
    case $2 in
        png) [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ;;
        svg) head -c 400 "$1" | grep -q '<svg' ;;
        pdf) [ "$(head -c 5 "$1")" = "%PDF-" ] ;;
    esac
}

# A file every chart can use: hourly curve, a plan with its posts-seen table, uncertain inputs, one swept axis.
"$portee" run -q "$src/scenarios/posting_plan.yaml" --replicates 400 --set reach.horizon_weeks=8 \
    --set reach.max_posts_seen=6 \
    --set 'sweep.page.followers=[500, 1000, 2000]' -o all.h5 2>/dev/null
check "results file for the chart tests" test -s all.h5

for fmt in png svg pdf; do
    "$portee" plot all.h5 -o "c_$fmt" --format "$fmt" >"list_$fmt.txt" 2>err.txt
    check "plot --format $fmt exits 0" test $? -eq 0
    for c in $charts; do
        f="c_$fmt/$c.$fmt"
        if [ -s "$f" ] && magic_ok "$f" "$fmt" && [ "$(stat -c %s "$f")" -gt 3000 ] &&
           [ -s "c_$fmt/$c.gp" ] && [ -s "c_$fmt/$c.dat" ]; then ok "$fmt: $c rendered with its .gp and .dat"
        else bad "$fmt: $c missing, empty or not a $fmt"; fi
    done
done
check "plot lists the charts it wrote" test "$(wc -l <list_png.txt)" -eq 9

# Two swept inputs on a full grid: heatmaps of the mean and of the 90 % band width, side by side.
"$portee" run -q --replicates 300 --set reach.hours=0 --set 'sweep.page.followers=[200, 1000]' \
    --set 'sweep.page.reach_rate=[0.02, 0.05, 0.08]' -o two.h5 2>/dev/null
"$portee" plot two.h5 -o c_two >/dev/null 2>&1
check "two swept inputs: heatmaps rendered" magic_ok c_two/sweep.png png
check "heatmaps: two panels in one image" grep -q "^set multiplot layout 1,2 " c_two/sweep.gp
check "heatmaps: one image of the mean, one of the band width" \
    test "$(grep -c "^plot 'sweep.dat' using 1:2:[58] with image" c_two/sweep.gp)" -eq 2
check "heatmaps: colour bars with units" \
    grep -q "^set cblabel 'p95 - p05 of reach of one post (people)'" c_two/sweep.gp
check "heatmaps: the swept values as tics, grouped" grep -q "^set xtics ('200' 0, '1,000' 1)" c_two/sweep.gp
check "heatmaps: reach rate tics in %" grep -q "^set ytics ('2' 0, '5' 1, '8' 2)" c_two/sweep.gp
check "heatmaps: values printed in the cells" grep -q "^set label '[0-9,.]*' at 0, 0 center" c_two/sweep.gp
check "heatmaps: both colour scales of one kind" \
    test "$(grep -c '^set logscale cb' c_two/sweep.gp)" -eq 0 -o "$(grep -c '^set logscale cb' c_two/sweep.gp)" -eq 2
check "heatmaps: the scenario in the title" grep -q "multiplot.*title 'Facebook page" c_two/sweep.gp

# Three swept inputs: a scatter of every point, one panel per input.
"$portee" run -q --replicates 200 --set reach.hours=0 --set 'sweep.page.followers=[200, 1000, 5000]' \
    --set 'sweep.page.reach_rate=[0.02, 0.05]' --set 'sweep.reach.share_rate=[0.005, 0.01]' -o three.h5 2>/dev/null
"$portee" plot three.h5 -o c_three >/dev/null 2>&1
check "three swept inputs: scatter rendered" magic_ok c_three/sweep.png png
check "scatter: one panel per input, in a row" grep -q "^set multiplot layout 1,3 " c_three/sweep.gp
check "scatter: three panels" test "$(grep -c "^plot 'sweep.dat'" c_three/sweep.gp)" -eq 3
for ax in "followers (people)" "organic reach rate (% of followers)" "share rate (%)"; do
    check "scatter: a panel over $ax" grep -qF "set xlabel '$ax'" c_three/sweep.gp
done
check "scatter: no raw key in the chart" bash -c "! grep -v '^#' c_three/sweep.gp | grep -q 'page\.\|reach_rate\|share_rate'"
check "scatter: p05-p95 as error bars" grep -q "with yerrorbars" c_three/sweep.gp
check "scatter: no heatmap" bash -c "! grep -q 'with image' c_three/sweep.gp"
check "scatter: log x for followers 200 to 5000 only" test "$(grep -c '^set logscale x' c_three/sweep.gp)" -eq 1
check "scatter: shared y label with units" grep -q "^set label 1 'reach of one post (people)'" c_three/sweep.gp
# The report's pages: title, table, a page per chart, appendix (the parts it
# reports on stderr; tests/cli_report.sh checks the table's and appendix's).
report_pages() { # err pdf n_charts
    local t c i
    t=$(sed -n 's/.*table \([0-9]*\),.*/\1/p' "$1")
    c=$(sed -n 's/.*charts \([0-9]*\),.*/\1/p' "$1")
    i=$(sed -n 's/.*inputs \([0-9]*\)).*/\1/p' "$1")
    [ "${c:-x}" = "$3" ] && [ "$(pdfinfo "$2" 2>/dev/null | awk '/^Pages:/ { print $2 }')" = $((1 + ${t:-0} + $3 + ${i:-0})) ]
}
"$portee" report three.h5 -o three.pdf 2>three.err
check "report of three inputs: title, table, a page per chart, appendix" \
    report_pages three.err three.pdf "$(ls c_three/*.png | wc -l)"

# A sampled design is a scatter whatever its axes; so is a grid with a combination missing.
set_design() { "$PY" -c 'import sys, h5py
with h5py.File(sys.argv[1], "r+") as f: f["points"].attrs["design"] = sys.argv[2]' "$1" "$2"; }
cp two.h5 latin.h5 && set_design latin.h5 latin
"$portee" plot latin.h5 -o c_latin >/dev/null 2>&1
check "latin design, two inputs: scatter rendered" magic_ok c_latin/sweep.png png
check "latin design, two inputs: two panels, no heatmap" \
    test "$(grep -c "^plot 'sweep.dat' using [0-9]*:[0-9]*:[0-9]*:[0-9]* with yerrorbars" c_latin/sweep.gp)" -eq 2
check "latin design: named in the title" bash -c "grep '^set multiplot' c_latin/sweep.gp | grep -q \"latin.*design)'\""
cp all.h5 sobol1.h5 && set_design sobol1.h5 sobol
"$portee" plot sobol1.h5 -o c_sobol1 >/dev/null 2>&1
check "sobol design, one input: a scatter panel, not a line" grep -q "^set multiplot layout 1,1 " c_sobol1/sweep.gp
cp two.h5 holes.h5
"$PY" -c 'import h5py
with h5py.File("holes.h5", "r+") as f:
    p = f["points"][()]; p[5]["page.reach_rate"] = p[4]["page.reach_rate"]; f["points"][...] = p'
"$portee" plot holes.h5 -o c_holes >/dev/null 2>&1
check "a grid with a combination twice and one missing: scatter" grep -q "with yerrorbars" c_holes/sweep.gp
cp two.h5 swapped.h5
"$PY" -c 'import h5py
with h5py.File("swapped.h5", "r+") as f:
    p = f["points"][()]; q = p.copy()
    for i in range(6): q[i] = p[(i % 2) * 3 + i // 2]
    f["points"][...] = q'
"$portee" plot swapped.h5 -o c_swapped >/dev/null 2>&1
check "a full grid with the first axis fastest: scatter, not a wrong heatmap" grep -q "with yerrorbars" c_swapped/sweep.gp
check "hours: 0 and no plan: no hourly or weekly chart" test ! -e c_two/hourly_reach.png -a ! -e c_two/weekly_reach.png \
    -a ! -e c_two/cumulative_reach.png -a ! -e c_two/posts_seen.png

# The report: title page, table, one page per chart, appendix.
"$portee" report all.h5 -o report.pdf 2>err.txt
check "report exits 0" test $? -eq 0
check "report is a PDF" magic_ok report.pdf pdf
check "report has title, table, 9 charts, appendix" report_pages err.txt report.pdf 9
check "report leaves no working folder" test -z "$(ls -d report.pdf.tmp-* 2>/dev/null)"

# Hostile titles: quotes, backslashes, a line break, backquotes, a gnuplot system() call.
cat >evil.yaml <<'YAML'
name: "It's a \"test\" \\ `touch pwned1` '; system('touch pwned2'); print '\nsecond line <x"
replicates: 200
reach:
  hours: 12
YAML
"$portee" run -q evil.yaml -o evil.h5 2>/dev/null
"$portee" plot evil.h5 -o c_evil >/dev/null 2>err.txt
check "hostile title: plot exits 0" test $? -eq 0
check "hostile title: chart rendered" magic_ok c_evil/reach_distribution.png png
check "hostile title: nothing was run" test ! -e pwned1 -a ! -e pwned2 -a ! -e c_evil/pwned1 -a ! -e c_evil/pwned2
check "hostile title: the quote is doubled inside single quotes" grep -q "It''s a" c_evil/reach_distribution.gp
"$portee" report evil.h5 -o evil.pdf 2>/dev/null
check "hostile title: report renders" magic_ok evil.pdf pdf

# A file with no model results: plot and report refuse it alike (exit 2), no PDF.
cp all.h5 nomodel.h5
"$PY" -c 'import h5py
with h5py.File("nomodel.h5", "r+") as f: del f["reach"]'
"$portee" plot nomodel.h5 -o c_nomodel >/dev/null 2>err.txt
check "no model in the file: plot exits 2" test $? -eq 2
"$portee" report nomodel.h5 -o nomodel.pdf >/dev/null 2>err.txt
check "no model in the file: report exits 2 as plot does" test $? -eq 2
check "... with plot's message" grep -q "no chart can be drawn from this file" err.txt
check "... and writes no PDF, no working folder" test -z "$(compgen -G 'nomodel.pdf*')"

# Runs of quotes: gnuplot 5.4 cannot read 'Don''''t' (two quotes doubled), so
# they leave the single-quoted string; a backquote among them stays inert.
cat >quotes.yaml <<'YAML'
name: "Don''t panic, ''' `touch pwned3` ''"
replicates: 200
reach:
  hours: 12
YAML
"$portee" run -q quotes.yaml -o quotes.h5 2>/dev/null
"$portee" plot quotes.h5 -o c_quotes --format svg >/dev/null 2>err.txt
check "runs of quotes in the title: plot exits 0" test $? -eq 0
check "... the title reads as written" grep -qF "Don''t panic, ''' \`touch pwned3\` ''" c_quotes/reach_distribution.svg
"$portee" report quotes.h5 -o quotes.pdf 2>/dev/null
check "... report renders" magic_ok quotes.pdf pdf
check "... nothing was run" test ! -e pwned3 -a ! -e c_quotes/pwned3

# A full disk or a file size limit cuts gnuplot's images short, and its cairo
# terminals still exit 0: each image is checked whole (signature and trailer)
# before it replaces the previous one.  ulimit -f stands in for the full disk
# (gnuplot inherits portee's ignored SIGXFSZ, so its writes fail with EFBIG).
"$portee" plot all.h5 -o c_limit >/dev/null 2>&1
cp -r c_limit c_limit.before
bash -c 'ulimit -f 40 && exec "$0" plot all.h5 -o c_limit' "$portee" >/dev/null 2>err.txt
check "plot past a file size limit: exit 1" test $? -eq 1
check "... says which chart and why" grep -q "not replaced: the image gnuplot wrote is cut short" err.txt
check "... every previous chart untouched" bash -c 'for f in c_limit.before/*.png; do cmp -s "$f" c_limit/${f##*/} || exit 1; done'
check "... no temporary image left" test -z "$(compgen -G 'c_limit/*.tmp-*')"
"$portee" report all.h5 -o limit.pdf >/dev/null 2>&1
cp limit.pdf limit.before.pdf
bash -c 'ulimit -f 20 && exec "$0" report all.h5 -o limit.pdf' "$portee" >/dev/null 2>err.txt
check "report past a file size limit: exit 1" test $? -eq 1
check "... says the PDF is cut short" grep -q "limit.pdf: not written: .* cut short" err.txt
check "... the previous report untouched" cmp -s limit.before.pdf limit.pdf
check "... no working folder left" test -z "$(compgen -G 'limit.pdf.tmp-*')"

# Without gnuplot: scripts written, exit 1, the message says how to render.
"$portee" plot all.h5 -o c_nognuplot --gnuplot /nonexistent/gnuplot >/dev/null 2>err.txt
check "no gnuplot: exit 1" test $? -eq 1
check "no gnuplot: scripts and data written" test -s c_nognuplot/hourly_reach.gp -a -s c_nognuplot/hourly_reach.dat
check "no gnuplot: no image" test ! -e c_nognuplot/hourly_reach.png
check "no gnuplot: says how to render" grep -q 'for f in \*.gp' err.txt
check "no gnuplot: names the folder" grep -q "c_nognuplot" err.txt
env PATH=/nonexistent "$portee" report all.h5 -o nope.pdf >/dev/null 2>err.txt
check "report without gnuplot on PATH: exit 1" test $? -eq 1
check "report without gnuplot: no PDF" test ! -e nope.pdf
check "report without gnuplot: says so" grep -q "gnuplot" err.txt
check "report without gnuplot: no working folder left" test -z "$(ls -d nope.pdf.tmp-* 2>/dev/null)"

# A line break in the results file's name must not end a script comment early.
evil_name=$'x\nsystem("touch PWNED3")\n.h5'
cp all.h5 "$evil_name"
"$portee" plot "$evil_name" -o c_nl >/dev/null 2>&1
check "line break in the file name: plot renders" magic_ok c_nl/reach_distribution.png png
"$portee" report "$evil_name" -o nl.pdf >/dev/null 2>&1
check "line break in the file name: report renders" magic_ok nl.pdf pdf
check "line break in the file name: nothing was run" test -z "$(find . -name 'PWNED3*')"

# A relative gnuplot path is found although gnuplot runs in the chart folder.
ln -s "$(command -v gnuplot)" ./my-gnuplot
"$portee" plot two.h5 -o c_rel --gnuplot ./my-gnuplot >/dev/null 2>&1
check "relative --gnuplot path works" magic_ok c_rel/sweep.png png

# Two swept inputs, one with a single value: a line over the other, not an empty heatmap.
"$portee" run -q --replicates 200 --set reach.hours=0 --set 'sweep.page.followers=[500]' \
    --set 'sweep.page.reach_rate=[0.02, 0.05, 0.08]' -o one.h5 2>/dev/null
"$portee" plot one.h5 -o c_one >/dev/null 2>&1
check "single-value axis: a line chart" grep -q "linespoints" c_one/sweep.gp
check "single-value axis: over the varying input" grep -q "^set xlabel 'organic reach rate (% of followers)'" c_one/sweep.gp

# A list written out of order: the line runs in increasing order (plot_dat.py checks the .dat),
# and over 200 to 5000 the log axis has its tics on the values, not at the decades alone.
"$portee" run -q --replicates 200 --set reach.hours=0 --set 'sweep.page.followers=[5000, 200, 1000]' \
    -o unsorted.h5 2>/dev/null
"$portee" plot unsorted.h5 -o c_unsorted >/dev/null 2>&1
check "unsorted list: a line chart" grep -q "linespoints" c_unsorted/sweep.gp
check "unsorted list: log x with the swept values as tics" \
    grep -q "^set xtics ('200' 200, '1,000' 1000, '5,000' 5000)" c_unsorted/sweep.gp

# hours: 0 writes no hourly series at all.
check "hours: 0 writes no hourly series" bash -c "! h5ls -r two.h5 | grep -q hourly_reach"

# The report refuses to overwrite the results file.
cp all.h5 keep.h5
"$portee" report keep.h5 -o keep.h5 >/dev/null 2>err.txt
check "report onto its own results file: exit 2" test $? -eq 2
check "report onto its own results file: file intact" cmp -s keep.h5 all.h5

# Files that cannot be charted.
echo "not hdf5" >text.h5
"$portee" plot text.h5 -o c_text >/dev/null 2>err.txt
check "plot of a non-HDF5 file: exit 2" test $? -eq 2
check "plot of a non-HDF5 file: says so" grep -q "not an HDF5 file" err.txt
"$portee" plot missing.h5 >/dev/null 2>err.txt
check "plot of a missing file: exit 2" test $? -eq 2
"$portee" plot all.h5 --format gif >/dev/null 2>err.txt
check "unknown format: exit 2" test $? -eq 2
"$portee" plot all.h5 -o '<evil' >/dev/null 2>err.txt
check "a folder starting with '<' is refused" test $? -eq 2

# The adoption model's charts, alone in a file and across a sweep.
"$portee" run -q "$src/scenarios/adoption.yaml" --replicates 300 -o adopt.h5 2>/dev/null
"$portee" plot adopt.h5 -o c_adopt >list_adopt.txt 2>err.txt
check "adoption: plot exits 0" test $? -eq 0
for c in adoption_curves adoption_times cost_of_delay; do
    check "adoption: $c rendered" magic_ok "c_adopt/$c.png" png
done
check "adoption: no reach chart from an adoption-only file" test ! -e c_adopt/reach_distribution.png
check "adoption: the lag is marked" grep -q "lag of organisations at 50 %" c_adopt/adoption_curves.gp
"$portee" report adopt.h5 -o adopt.pdf 2>adopt.err
check "adoption report: title, table, 3 charts and the tornado, appendix" report_pages adopt.err adopt.pdf 4
"$portee" run -q "$src/scenarios/adoption_coupling_sweep.yaml" --replicates 200 -o adopt_sweep.h5 2>/dev/null
"$portee" plot adopt_sweep.h5 -o c_adopt_sweep >/dev/null 2>&1
check "adoption sweep: lag over the coupling" magic_ok c_adopt_sweep/adoption_sweep.png png
check "adoption sweep: no reach sweep chart" test ! -e c_adopt_sweep/sweep.png

# The boost model's charts: a budget sweep gives all three, one boosted post its frequency chart.
"$portee" run -q "$src/scenarios/budget_sweep.yaml" --replicates 300 -o budget.h5 2>/dev/null
"$portee" plot budget.h5 -o c_budget >/dev/null 2>err.txt
check "budget sweep: plot exits 0" test $? -eq 0
for c in budget_response boost_frequency boost_cost; do
    check "budget sweep: $c rendered" magic_ok "c_budget/$c.png" png
done
check "budget sweep: marginal cost in a panel of its own, not on a second axis" \
    bash -c "grep -q '^set multiplot' c_budget/budget_response.gp && ! grep -q 'axes x1y2' c_budget/budget_response.gp"
check "budget sweep: no generic boost sweep chart" test ! -e c_budget/boost_sweep.png
"$portee" run -q "$src/scenarios/boost_post.yaml" --replicates 300 -o post.h5 2>/dev/null
"$portee" plot post.h5 -o c_post >/dev/null 2>&1
check "one boosted post: frequency chart" magic_ok c_post/boost_frequency.png png
check "one boosted post: no budget chart" test ! -e c_post/budget_response.png -a ! -e c_post/boost_cost.png
"$portee" run -q "$src/scenarios/boost_post.yaml" --replicates 200 --set 'sweep.boost.cpm=[5, 10, 20]' \
    -o cpm.h5 2>/dev/null
"$portee" plot cpm.h5 -o c_cpm >/dev/null 2>&1
check "a CPM sweep: the generic boost sweep chart" magic_ok c_cpm/boost_sweep.png png

# The Facebook reference (6 % of followers, Feb 2014) only on a Facebook page at Facebook's reach rate.
"$portee" run -q "$src/scenarios/default.yaml" --replicates 2000 -o fb.h5 2>/dev/null
"$portee" plot fb.h5 -o c_fb >/dev/null 2>&1
check "Facebook page: the 6 % reference" grep -q "unpaid Facebook page reach\|the mean is about the reference" \
    c_fb/reach_distribution.gp
"$portee" run -q "$src/scenarios/linkedin_page.yaml" --replicates 2000 -o li.h5 2>/dev/null
"$portee" plot li.h5 -o c_li >/dev/null 2>&1
check "LinkedIn page: no Facebook reference" bash -c "test -s c_li/reach_distribution.gp && ! grep -v '^#' c_li/reach_distribution.gp | grep -q 'Facebook\|6 % of'"
"$portee" run -q "$src/scenarios/default.yaml" --replicates 2000 --set page.reach_rate=0.12 -o fb12.h5 2>/dev/null
"$portee" plot fb12.h5 -o c_fb12 >/dev/null 2>&1
check "another reach rate: no Facebook reference" bash -c "test -s c_fb12/reach_distribution.gp && ! grep -q '6 % of' c_fb12/reach_distribution.gp"
check "a small page: 30 bins or more" test "$(grep -c '^[0-9-]' c_fb/reach_distribution.dat)" -ge 30

# The tornado leaves out inputs that cannot move reach (engagement_rate) and says how many.
"$portee" run -q "$src/scenarios/uncertain_page.yaml" --replicates 20000 -o unc.h5 2>/dev/null
"$portee" plot unc.h5 -o c_unc >/dev/null 2>&1
check "tornado: drawn" magic_ok c_unc/tornado.png png
check "tornado: the reach rate drives reach" grep -q "'organic reach rate'" c_unc/tornado.gp
check "tornado: engagement rate left out" bash -c "! grep -q 'engagement' c_unc/tornado.gp c_unc/tornado.dat"
check "tornado: says what was left out" grep -q "uncertain inputs left out" c_unc/tornado.gp

# A posting plan swept over posts per week: the weekly chart across points, one line per point.
"$portee" run -q "$src/scenarios/posting_plan_sweep.yaml" --replicates 300 \
    --set 'sweep.page.posts_per_week=[1, 3, 5]' -o ppw.h5 2>/dev/null
"$portee" plot ppw.h5 -o c_ppw >/dev/null 2>&1
check "posts per week sweep: weekly_by_point drawn" magic_ok c_ppw/weekly_by_point.png png
check "posts per week sweep: three lines" test "$(grep -c "index [0-9] using 1:2 with lines" c_ppw/weekly_by_point.gp)" -eq 3
check "posts per week sweep: lines labelled by posts per week" grep -q "title 'posts per week 5'" c_ppw/weekly_by_point.gp

# French: numbers with a decimal comma and narrow no-break spaces, and none of the charts' English words.
"$portee" plot ppw.h5 -o c_ppw_fr --lang fr >/dev/null 2>&1
"$portee" plot unc.h5 -o c_unc_fr --lang fr >/dev/null 2>&1
"$portee" plot three.h5 -o c_three_fr --lang fr >/dev/null 2>&1
"$portee" plot all.h5 -o c_all_fr --lang fr >/dev/null 2>&1
check "French: decimal sign set" grep -q "^set decimalsign ','" c_unc_fr/tornado.gp
check "French: decimal commas in tic labels" grep -q "^set xtics (.*'0,2'" c_unc_fr/tornado.gp
check "French: narrow no-break spaces in tic labels" grep -q "set xtics (.*'1"$'\xe2\x80\xaf'"000'" c_three_fr/sweep.gp
check "French: no English word in the reach and sweep charts" bash -c "! cat c_ppw_fr/*.gp c_unc_fr/*.gp \
    c_three_fr/*.gp c_all_fr/*.gp | grep -v '^#\|^set terminal\|^set output\|portee_output\|title .\(Posting plan\|Six-month\|Facebook page\|chart test\)' \
    | sed \"s/'[a-z_]*\\.\\(dat\\|png\\)'//g\" \
    | grep -wi 'people\|followers\|reach\|replicates\|mean\|median\|posts\|week\|share\|sweep\|drives\|left out'"

# The numbers behind the charts are the file's.
check "every .dat equals the HDF5 datasets" "$PY" "$here/plot_dat.py" all.h5 c_png two.h5 c_two \
    adopt.h5 c_adopt budget.h5 c_budget three.h5 c_three scatter latin.h5 c_latin scatter \
    sobol1.h5 c_sobol1 scatter holes.h5 c_holes scatter swapped.h5 c_swapped scatter one.h5 c_one line \
    unsorted.h5 c_unsorted line adopt_sweep.h5 c_adopt_sweep line cpm.h5 c_cpm line

finish
