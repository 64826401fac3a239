#!/usr/bin/env bash
# A sweep split up gives the numbers of one run: shards joined by portee
# merge, and a run interrupted by a signal then finished with --resume, have
# the datasets of an uninterrupted single run.  Merge and resume refuse parts
# of another run, duplicates and gaps with a clear message and exit 2.
# usage: cli_parts.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"
same() { same_data "$@"; }
attr() { root_attr "$@"; }
# runs "$@", wants exit status $1 and stderr containing $2
fails() {
    local want=$1 phrase=$2
    shift 2
    "$@" >out.txt 2>err.txt
    local rc=$?
    [ "$rc" -eq "$want" ] && grep -qF -- "$phrase" err.txt && ! grep -q 'Sanitizer' err.txt ||
        { echo "#   exit $rc; stderr: $(head -c 600 err.txt)"; return 1; }
}

cp "$src/tests/sweep_parts.yaml" both.yaml
"$portee" run both.yaml -q --threads 1 -o one.h5 2>/dev/null || bad "single run"
"$portee" run both.yaml -q --threads 2 -o two.h5 2>/dev/null || bad "single run, 2 threads"
check "1 and 2 threads: identical datasets" same one.h5 two.h5
# shards with different thread counts, and of another count
for i in 0 1 2; do
    "$portee" run both.yaml -q --threads $((i % 2 + 1)) --shard $i/3 -o part-$i.h5 2>/dev/null || bad "shard $i/3"
done
for i in 0 1 2 3 4; do "$portee" run both.yaml -q --shard $i/5 -o five-$i.h5 2>/dev/null || bad "shard $i/5"; done
check "a shard records itself" test "$(attr part-1.h5 shard)" = "1/3"
"$portee" run both.yaml -q --shard 2/3 2>/dev/null
check "a shard's default file is STEM-part-I.h5, the same as -o part-2.h5" same part-2.h5 both-part-2.h5
check "... holding shard 2/3" test "$(attr both-part-2.h5 shard)" = "2/3"
check "a shard holds its share: points_done 5 of 15" test "$(attr part-1.h5 points_done)" = 5
check "a finished shard is complete (its share)" test "$(attr part-1.h5 complete)" = 1
check "a shard's missing points read as NaN" bash -c "h5dump -d /reach/summary/total part-1.h5 | grep -q nan"
check "a shard is not the whole run" bash -c '! h5diff -q --exclude-attribute / one.h5 part-1.h5 >/dev/null 2>&1'

"$portee" merge part-0.h5 part-1.h5 part-2.h5 -q -o merged.h5 2>err.txt
check "merge of 3 shards exits 0" test $? -eq 0
check "3 shards merged = single run (h5diff)" same one.h5 merged.h5
"$portee" merge part-2.h5 part-0.h5 part-1.h5 -q -o merged-rev.h5 2>/dev/null
check "parts in another order: the same file" same one.h5 merged-rev.h5
"$portee" merge five-*.h5 -q -o merged5.h5 2>/dev/null
check "5 shards merged = single run" same one.h5 merged5.h5
check "merged file is complete, not a shard" \
    bash -c "[ \"\$(h5dump -a /complete merged.h5 | sed -n 's/^ *(0): *//p')\" = 1 ] && ! h5dump -a /shard merged.h5 >/dev/null 2>&1"
check "merged file counts its parts" test "$(attr merged.h5 merged_parts)" = 3
check "merged file: info prints what the single run's does" \
    bash -c "diff <('$portee' info one.h5 | tail -n +3) <('$portee' info merged.h5 | tail -n +3)"
check "a shard: info says which and how to join" bash -c "'$portee' info part-1.h5 | grep -q 'shard 1/3 of the sweep: 5 of its 5 points'"

# ---- merge refuses what is not one run, exactly once -------------------------
"$portee" run both.yaml -q --seed 12 --shard 2/3 -o seed12-2.h5 2>/dev/null
"$portee" run both.yaml -q --set page.followers=2000 --shard 2/3 -o other-2.h5 2>/dev/null
cp part-0.h5 copy-0.h5
check "merge: a missing shard is named (exit 2)" fails 2 "missing shard 1/3" "$portee" merge part-0.h5 part-2.h5 -o m.h5
check "merge: another seed (exit 2)" fails 2 "seed 11 vs 12" "$portee" merge part-0.h5 part-1.h5 seed12-2.h5 -o m.h5
check "merge: another scenario names the line (exit 2)" fails 2 "followers: 1000' vs '  followers: 2000'" \
    "$portee" merge part-0.h5 part-1.h5 other-2.h5 -o m.h5
check "merge: a point in two parts (exit 2)" fails 2 "is in both part-0.h5 and copy-0.h5" \
    "$portee" merge part-0.h5 copy-0.h5 part-1.h5 part-2.h5 -o m.h5
check "merge: the same file twice (exit 2)" fails 2 "given twice" "$portee" merge part-0.h5 part-1.h5 part-1.h5 part-2.h5 -o m.h5
check "merge: shards of two counts overlap (exit 2)" fails 2 "is in both" "$portee" merge part-0.h5 five-1.h5 -o m.h5
check "merge: -o one of the parts (exit 2)" fails 2 "is one of the parts" "$portee" merge part-0.h5 part-1.h5 part-2.h5 -o part-1.h5
echo "not hdf5" >junk.h5
cp part-2.h5 old-2.h5 # as if written by another version of portee
"$PY" -c "
import h5py
f = h5py.File('old-2.h5', 'r+')
t = f['scenario'][()].decode()
f['scenario'][()] = t.replace('# resolved by portee ', '# resolved by portee 0.0.9-', 1)"
check "merge: parts of another portee version (exit 2)" fails 2 "written by portee" \
    "$portee" merge part-0.h5 part-1.h5 old-2.h5 -o m.h5
check "merge: not a results file (exit 2)" fails 2 "junk.h5: not an HDF5 file" "$portee" merge part-0.h5 junk.h5 -o m.h5
check "merge: no -o (exit 2)" fails 2 "add -o" "$portee" merge part-0.h5
check "merge: nothing written after those failures, no temporary file" \
    test ! -e m.h5 -a -z "$(compgen -G 'm.h5.tmp-*')"
check "merge: the parts are untouched" cmp -s part-0.h5 copy-0.h5
echo "an analyst's notes" >notes.txt
check "merge: -o a file that is not portee's is refused (exit 2)" fails 2 "notes.txt: not a portee results file" \
    "$portee" merge part-0.h5 part-1.h5 part-2.h5 -o notes.txt
check "... and left as it is" test "$(cat notes.txt)" = "an analyst's notes"
"$portee" merge part-0.h5 part-1.h5 part-2.h5 -q --force -o notes.txt 2>/dev/null
check "... --force replaces it with the merged run" same one.h5 notes.txt
check "merge --help" bash -c "'$portee' merge --help | grep -q usage:"

# the run's name carries its --set as typed, and changes no number: the same
# run resumes whether the value is written 5000 or 5e3
"$portee" run -q --replicates 200 --set page.followers=5000 -o typed.h5 2>/dev/null
cp typed.h5 typed-before.h5
"$portee" run -q --replicates 200 --set page.followers=5e3 --resume -o typed.h5 2>err.txt
check "--resume with a --set typed otherwise (5e3 for 5000): the same run, nothing to do" \
    bash -c "[ $? -eq 0 ] && grep -q 'nothing to resume' err.txt && cmp -s typed.h5 typed-before.h5"

# ---- --shard and --resume refuse what they cannot do -------------------------
check "--shard 3/3 (exit 2)" fails 2 "numbered from 0 to 2" "$portee" run both.yaml -q --shard 3/3 -o x.h5
check "--shard 1/0 (exit 2)" fails 2 "count must be from 1" "$portee" run both.yaml -q --shard 1/0 -o x.h5
check "--shard one (exit 2)" fails 2 "expected INDEX/COUNT" "$portee" run both.yaml -q --shard one -o x.h5
cp one.h5 keep.h5
check "--resume of another seed (exit 2), file untouched" fails 2 "holds another" \
    "$portee" run both.yaml -q --seed 99 --resume -o keep.h5
check "--resume of a shard as a whole run (exit 2)" fails 2 "holds shard 1/3, this run asks for the whole sweep" \
    "$portee" run both.yaml -q --resume -o part-1.h5
check "--resume, another shard (exit 2)" fails 2 "holds shard 1/3, this run asks for shard 2/3" \
    "$portee" run both.yaml -q --shard 2/3 --resume -o part-1.h5
check "--resume of a complete file: nothing to do (exit 0)" fails 0 "nothing to resume" \
    "$portee" run both.yaml -q --resume -o keep.h5
check "... and it is untouched" cmp -s one.h5 keep.h5
check "--resume without a file starts from scratch" bash -c "'$portee' run both.yaml -q --resume -o fresh.h5 2>/dev/null"
check "... giving the single run" same one.h5 fresh.h5

# ---- launched as several tasks -----------------------------------------------
# Each task would run the whole sweep into one file: refused, in either build.
if "$portee" --version | grep -q 'without MPI'; then
    check "without MPI: a launch as 2 tasks (mpirun's environment) is refused (exit 2)" \
        fails 2 "built without MPI" env OMPI_COMM_WORLD_SIZE=2 "$portee" run both.yaml -q -o tasks.h5
else
    check "with MPI: 2 tasks that MPI sees alone (srun without PMI) are refused (exit 2)" \
        fails 2 "MPI sees each alone" env SLURM_STEP_NUM_TASKS=2 SLURM_PROCID=0 \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$portee" run both.yaml -q -o tasks.h5
    # (MPI_Init ran: Open MPI keeps allocations past MPI_Finalize, no leak of portee's)
fi
check "... and nothing is written" test ! -e tasks.h5

# ---- interrupted by a signal, then resumed -----------------------------------
# About 3 s uninterrupted (more under a sanitizer): the signal comes once
# points have finished and many have not.
cp "$src/tests/sweep_slow.yaml" slow.yaml
# interrupt SIGNAL OUT [ARGS]: runs slow.yaml into OUT, signals it mid-run
interrupt() {
    local sig=$1 out=$2
    shift 2
    # one thread: a machine with many cores would finish before the signal
    interrupt_mid_run "$sig" "$out" "$portee" run slow.yaml -q --threads 1 -o "$out" "$@"
}
"$portee" run slow.yaml -q -o whole.h5 2>/dev/null || bad "uninterrupted run"

interrupt TERM cut.h5
check "SIGTERM: exit 1 (got $rc)" test "$rc" -eq 1
# how fast is measured, not asserted: a loaded machine is slow (bench/ is the place for times)
echo "# SIGTERM: points kept ${kept_ms} ms after the signal, exit after ${stopped_ms} ms"
check "SIGTERM: points kept before the run could finish" test "$kept_ms" -ge 0
check "SIGTERM: says where the points are" grep -q "kept in cut.h5, marked incomplete; finish with the same command and --resume" err.txt
check "SIGTERM: no temporary file left" test -z "$(compgen -G 'cut.h5.tmp-*')"
done_pts=$(attr cut.h5 points_done)
check "interrupted file is marked incomplete" test "$(attr cut.h5 complete)" = 0
check "interrupted file holds some points but not all (${done_pts:-?} of 200)" \
    test "${done_pts:-0}" -gt 0 -a "${done_pts:-200}" -lt 200
check "interrupted file is valid: info reads it and says INCOMPLETE" \
    bash -c "'$portee' info cut.h5 | grep -q 'INCOMPLETE (interrupted): $done_pts of 200 points'"
check "interrupted file: plot refuses it with the way out (exit 2)" fails 2 "--resume" "$portee" plot cut.h5 -o cutc
check "interrupted file: the points it holds are the single run's" \
    "$PY" -c "
import h5py, numpy as np, sys
a, b = h5py.File('cut.h5', 'r'), h5py.File('whole.h5', 'r')
done = a['reach/done'][:] == 1
ok = done.sum() == $done_pts and all(np.array_equal(a[k][done], b[k][done])
    for k in ['reach/summary/total', 'reach/replicates/total', 'reach/replicates/hourly_reach', 'reach/inputs/reach_rate'])
ok = ok and np.isnan(a['reach/replicates/total'][~done]).all() and (a['reach/summary/total']['n'][~done] == 0).all()
sys.exit(0 if ok else 1)"
"$portee" run slow.yaml -q -o cut.h5 --resume 2>err.txt
check "--resume exits 0" test $? -eq 0
check "--resume says how much was there" grep -qE "resuming cut.h5: $done_pts points? already there" err.txt
check "interrupted + resumed = uninterrupted (h5diff)" same whole.h5 cut.h5
check "resumed file is complete" test "$(attr cut.h5 complete)" = 1

# A second signal while the first is being handled quits at once, and says so.
# Two different signals, sent back to back, are both delivered (two of the same
# could merge into one pending signal).
"$portee" run slow.yaml -q --threads 1 -o twice.h5 2>err.txt &
pid=$!
for ((i = 0; i < 30000; i++)); do compgen -G 'twice.h5.tmp-*' >/dev/null && break; sleep 0.001; done
sleep 0.5
kill -INT $pid
kill -TERM $pid
wait $pid
rc=$?
if grep -q "kept in twice.h5" err.txt; then
    echo "# skip - second signal: the first had already been handled when it came"
else
    check "second signal: exit 1 (got $rc)" test "$rc" -eq 1
    check "... says it stopped at once" grep -q "^portee: stopped at once by a second signal; the unfinished file twice.h5.tmp-.* was removed" err.txt
    check "... no temporary file left, no result" test -z "$(compgen -G 'twice.h5*')"
fi

# Ctrl-C with a result already at -o: it stays; the points go beside it.
cp whole.h5 there.h5
interrupt INT there.h5
check "SIGINT over an existing result: exit 1" test "$rc" -eq 1
check "SIGINT: the existing result is untouched" cmp -s whole.h5 there.h5
check "SIGINT: the finished points are in there.incomplete.h5" \
    bash -c "[ \"\$(h5dump -a /complete there.incomplete.h5 | sed -n 's/^ *(0): *//p')\" = 0 ]"
check "SIGINT: the message says so" grep -q "there.h5 already held results and is untouched); finish with the same command and -o there.incomplete.h5 --resume" err.txt
"$portee" run slow.yaml -q -o there.incomplete.h5 --resume 2>/dev/null
check "... and resuming that file gives the single run" same whole.h5 there.incomplete.h5
# that name now holds a complete result, and is never replaced: the next name
interrupt TERM there.h5
check "the usual name taken: the points go to there.incomplete-2.h5" \
    test "$(attr there.incomplete-2.h5 complete)" = 0 -a "$rc" -eq 1
check "... the results there stay untouched" same whole.h5 there.incomplete.h5
check "... and the message names it" grep -q "kept in there.incomplete-2.h5" err.txt
# another run's kept points are something else too: an interrupted run of
# another seed goes on to the next name, and leaves them as they are
cp there.incomplete-2.h5 kept-before.h5
interrupt TERM there.h5 --seed 99
check "another seed interrupted: its points go to there.incomplete-3.h5, not over the other run's" \
    test "$(attr there.incomplete-3.h5 complete)" = 0 -a "$(attr there.incomplete-3.h5 seed)" = 99
check "... the other run's kept points untouched" cmp -s kept-before.h5 there.incomplete-2.h5

# ---- temporaries of dead and live writers ------------------------------------
# A run killed outright (SIGKILL: no handler runs) leaves its temporary file;
# the next run into the same output removes it and says so.
"$portee" run slow.yaml -q --threads 1 -o killed.h5 2>/dev/null &
pid=$!
for ((i = 0; i < 30000; i++)); do compgen -G 'killed.h5.tmp-*' >/dev/null && break; sleep 0.001; done
kill -KILL $pid
wait $pid 2>/dev/null
left=$(compgen -G 'killed.h5.tmp-*')
check "SIGKILL leaves its temporary file (${left:-none})" test -n "$left"
"$portee" run slow.yaml -q --replicates 100 -o killed.h5 2>err.txt
check "the next run into killed.h5: exit 0" test $? -eq 0
check "... removed the dead run's temporary file and said so" \
    grep -q "^portee: removed $left, left by a portee that stopped without finishing (process $pid)" err.txt
check "... nothing else left" test -z "$(compgen -G 'killed.h5.tmp-*')"
# another machine's temporary (a shared file system) cannot be judged: left alone
touch "killed.h5.tmp-elsewhere.1-abcdef"
"$portee" run slow.yaml -q --replicates 100 -o killed.h5 2>/dev/null
check "another machine's temporary file is left alone" test -e "killed.h5.tmp-elsewhere.1-abcdef"
rm -f "killed.h5.tmp-elsewhere.1-abcdef"

# Two runs into one output at once: the second refuses at its start, naming
# the first, and the first finishes as if alone.
"$portee" run slow.yaml -q --threads 1 -o busy.h5 2>first.txt &
pid=$!
for ((i = 0; i < 30000; i++)); do compgen -G 'busy.h5.tmp-*' >/dev/null && break; sleep 0.001; done
"$portee" run slow.yaml -q --replicates 100 -o busy.h5 2>err.txt
rc=$?
check "a second run into an output being written: exit 2 (got $rc)" test "$rc" -eq 2
check "... naming the other writer" grep -q "busy.h5: another portee (process $pid) is writing it now" err.txt
"$portee" info busy.h5.tmp-* >/dev/null 2>err.txt
rc=$?
check "info of the file being written: exit 2 (got $rc), saying so" \
    bash -c "[ $rc -eq 2 ] && grep -q 'portee (process $pid) is writing this file now' err.txt"
wait $pid
check "... and the first run's result is whole: the single run" same whole.h5 busy.h5

# A report's working folder left by a dead process is removed by the next report.
sleep 0 &
dead=$!
wait $dead
tag=$(uname -n | tr -c 'A-Za-z0-9\n-' '_' | cut -c1-40)
mkdir "left.pdf.tmp-$tag.$dead-abcdef" && touch "left.pdf.tmp-$tag.$dead-abcdef/report.gp"
"$portee" report whole.h5 -o left.pdf 2>err.txt
check "report after a dead report: exit 0" test $? -eq 0
check "... removed its working folder and said so" \
    grep -q "removed left.pdf.tmp-$tag.$dead-abcdef, left by a portee that stopped" err.txt
check "... none left" test -z "$(compgen -G 'left.pdf.tmp-*')"

# A shard interrupted and resumed, then merged with the others.
interrupt TERM half-1.h5 --shard 1/2
check "interrupted shard: incomplete" test "$(attr half-1.h5 complete)" = 0
"$portee" run slow.yaml -q --shard 0/2 -o half-0.h5 2>/dev/null
check "merge names the interrupted part" fails 2 "half-1.h5 is incomplete (interrupted)" "$portee" merge half-*.h5 -o m.h5
"$portee" run slow.yaml -q --shard 1/2 --resume -o half-1.h5 2>/dev/null
"$portee" merge half-0.h5 half-1.h5 -q -o halves.h5 2>/dev/null
check "interrupted shard resumed, merged = single run" same whole.h5 halves.h5

# One check of a file's datasets for --resume and merge: a complete file
# whose histogram was replaced by one of another shape is refused by both,
# naming it (--resume used to say "nothing to resume").
"$portee" run -q --replicates 300 -o shaped.h5 2>/dev/null
"$PY" -c "
import h5py, numpy as np
f = h5py.File('shaped.h5', 'r+')
del f['reach/histogram/total/counts']
f['reach/histogram/total/counts'] = np.zeros((1, 7), dtype='u8')"
check "--resume of a file with a wrongly shaped dataset: refused, naming it" \
    fails 2 "/reach/histogram/total/counts is missing or not shaped" "$portee" run -q --replicates 300 -o shaped.h5 --resume
check "merge of it: the same refusal" \
    fails 2 "/reach/histogram/total/counts is missing or not shaped" "$portee" merge shaped.h5 -o shaped-m.h5

# A sweep of small points with large summaries (a 720-hour curve, 1,000
# histogram bins): the complete file would be some 1.7 GB.  A stop keeps a file
# the size of the points run, not of the whole sweep: a summary dataset
# written whole at its first point made a stop write gigabytes of fill
# first (62 s for a 133 GB sweep) and a scheduler's SIGKILL came before it.
cat >wide.yaml <<'EOF2'
name: wide
replicates: 2
reach: {hours: 720}
output: {histogram_bins: 1000, replicates: false}
sweep:
  page.followers: {from: 100, to: 100000, steps: 500}
  page.reach_rate: {from: 0.01, to: 0.1, steps: 20}
EOF2
interrupt_mid_run TERM wide.h5 "$portee" run wide.yaml -q -o wide.h5
kept=$(attr wide.h5 points_done)
size=$(stat -c %s wide.h5 2>/dev/null || echo 0)
# a point's summaries and histograms take about 170 kB; 2 MB of headers
limit=$(( (${kept:-0} + 64) * 180000 + 2000000 ))
check "stopped wide sweep: $kept of 10000 points kept in $size bytes (at most $limit)" \
    test "$(attr wide.h5 complete)" = 0 -a "$size" -gt 0 -a "$size" -le "$limit"
rm -f wide.h5


# A disk that fills up mid-run (a 6 MB tmpfs, as root where mounts are
# allowed; the size check passes because replicates are stored compressed and
# not counted against free space): the points written are kept in a valid
# file marked incomplete, as after a signal, and --resume elsewhere finishes
# it to the file of an uninterrupted run.  Before, the temporary was removed
# and every point lost.  An existing result on that disk stays untouched.
cat >full.yaml <<'EOF2'
name: full disk
seed: 5
replicates: 3000
reach: {hours: 0}
output: {replicates: true}
sweep:
  page.followers: {from: 100, to: 40000, steps: 400}
EOF2
mkdir -p small
if mount -t tmpfs -o size=6m tmpfs small 2>/dev/null; then
    "$portee" run full.yaml -q -o whole-full.h5 2>/dev/null || bad "full.yaml on a roomy disk"
    "$portee" run full.yaml -q -o small/r.h5 2>err.txt
    rc=$?
    kept=$(attr small/r.h5 points_done)
    check "disk full mid-run: exit 1, the ${kept:-0} points written kept ($(head -c 300 err.txt))" \
        bash -c "[ $rc -eq 1 ] && grep -q 'no space left on the disk: the ${kept:-x} of 400 points finished are kept in small/r.h5, marked incomplete' err.txt && [ ${kept:-0} -gt 0 ] && [ ${kept:-0} -lt 400 ]"
    check "... the file says so" test "$(attr small/r.h5 complete)" = 0
    check "... no temporary left" test -z "$(ls small | grep -v '^r.h5$')"
    cp small/r.h5 resumed-full.h5
    "$portee" run full.yaml -q -o resumed-full.h5 --resume 2>/dev/null
    check "... --resume on a roomy disk = uninterrupted (h5diff)" same whole-full.h5 resumed-full.h5
    # an existing result there: the points go beside it, never over it
    rm -f small/r.h5
    "$portee" run -q --replicates 200 -o small/r.h5 2>/dev/null || bad "a small result on the small disk"
    cp small/r.h5 before-full.h5
    "$portee" run full.yaml -q -o small/r.h5 2>err.txt
    check "disk full with a result there: exit 1, it is untouched, the points go to r.incomplete.h5" \
        bash -c "[ $? -eq 1 ] && cmp -s small/r.h5 before-full.h5 && grep -q 'kept in small/r.incomplete.h5' err.txt && [ \"\$(h5dump -a /complete small/r.incomplete.h5 | grep -c '(0): 0')\" = 1 ]"
    umount small
else
    echo "# skip - disk full mid-run: cannot mount a tmpfs here (not root, or no mount permission)"
fi
finish
