#!/usr/bin/env bash
# mpirun -np 2 and -np 3 give the datasets of a single run, of 1 or 2
# threads, and of shards merged; a run interrupted under mpirun keeps its
# points and finishes with --resume under another rank count; errors are
# reported once, by rank 0.  Registered only in an MPI build.
# usage: cli_mpi.sh PORTEE MPIEXEC SOURCE_DIR
set -u
portee=$1
mpiexec=$2
src=$3
. "$(dirname "$0")/testlib.sh"
# Open MPI keeps allocations past MPI_Finalize: in a sanitized build,
# LeakSanitizer would report them as portee's (the other options stay)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# as root (CI) Open MPI wants --allow-run-as-root; 2 cores here, 3 ranks
mpi() { local n=$1; shift; "$mpiexec" --oversubscribe --allow-run-as-root -np "$n" "$portee" "$@"; }
same() { same_data "$@"; }
attr() { root_attr "$@"; }

cp "$src/tests/sweep_parts.yaml" both.yaml

check "portee --version says it has MPI" bash -c "'$portee' --version | grep -q 'with MPI'"
"$portee" run both.yaml -q --threads 1 -o one.h5 2>/dev/null || bad "single run, 1 thread"
"$portee" run both.yaml -q --threads 2 -o two.h5 2>/dev/null || bad "single run, 2 threads"
mpi 2 run both.yaml -q --threads 1 -o np2.h5 2>err2.txt
check "mpirun -np 2 exits 0" test $? -eq 0
mpi 3 run both.yaml -q --threads 2 -o np3.h5 2>err3.txt
check "mpirun -np 3 exits 0" test $? -eq 0
for i in 0 1 2; do "$portee" run both.yaml -q --shard $i/3 -o part-$i.h5 2>/dev/null; done
"$portee" merge part-*.h5 -q -o merged.h5 2>/dev/null
check "1 thread = 2 threads" same one.h5 two.h5
check "1 thread = mpirun -np 2 (1 thread each)" same one.h5 np2.h5
check "1 thread = mpirun -np 3 (2 threads each)" same one.h5 np3.h5
check "mpirun -np 3 = 3 shards merged" same np3.h5 merged.h5
check "the file records 2 ranks" test "$(attr np2.h5 ranks)" = 2
check "the file records 3 ranks" test "$(attr np3.h5 ranks)" = 3
check "rank 0 alone reports the run" test "$(grep -c 'portee: wrote np3.h5' err3.txt)" -eq 1
check "... on 3 ranks" grep -q "on 3 ranks x 2 threads" err3.txt
check "mpirun -np 3 writes one complete file" test "$(attr np3.h5 complete)" = 1
# a shard spread over ranks, and a sampled design
mpi 2 run both.yaml -q --shard 1/3 -o np2-part-1.h5 2>/dev/null
check "a shard under mpirun = the serial shard" same part-1.h5 np2-part-1.h5
lhs=(--set 'sweep={design: latin, samples: 24, page.followers: {from: 200, to: 20000, scale: log}, boost.budget: {from: 0, to: 50}}')
"$portee" run both.yaml -q "${lhs[@]}" -o lhs1.h5 2>/dev/null
mpi 3 run both.yaml -q "${lhs[@]}" -o lhs3.h5 2>/dev/null
check "a Latin hypercube: serial = mpirun -np 3" same lhs1.h5 lhs3.h5
check "... and it is a latin design" bash -c "h5dump -a /points/design lhs3.h5 | grep -q latin"
# output.quantiles travel from the ranks to rank 0 with the summaries
"$portee" run both.yaml -q --set 'output.quantiles=[0.1, 0.9]' -o q1.h5 2>/dev/null
mpi 2 run both.yaml -q --set 'output.quantiles=[0.1, 0.9]' -o q2.h5 2>/dev/null
check "output.quantiles: serial = mpirun -np 2" same q1.h5 q2.h5
check "... and they are there" bash -c "h5ls -r q2.h5 | grep -q '/quantiles/'"
# points summarised as they stream (over 262,144 replicates): the tallies
# rank 0 receives are those of a single run
"$portee" run "$src/tests/stream.yaml" -q --set output.replicates=false -o st1.h5 2>/dev/null
mpi 2 run "$src/tests/stream.yaml" -q --set output.replicates=false -o st2.h5 2>/dev/null
check "streamed summaries: serial = mpirun -np 2" same st1.h5 st2.h5
# writer groups (--writers, a prototype): each group writes its shard's part,
# and once all have finished rank 0 joins them into the file asked for
mpi 4 run both.yaml -q --threads 1 --writers 2 -o wr.h5 2>wr.txt
check "mpirun -np 4 --writers 2 exits 0" test $? -eq 0
check "... each group wrote its part" test "$(grep -c 'portee: wrote wr-part-[01].h5' wr.txt)" -eq 2
check "... joined into the file asked for, once" test "$(grep -c "joined the 2 writer groups' parts into wr.h5" wr.txt)" -eq 1
check "... which is the single run" same one.h5 wr.h5
check "... from 2 parts of 2 ranks each" test "$(attr wr.h5 merged_parts)/$(attr wr.h5 ranks)" = 2/2
check "... and the parts are removed" test ! -e wr-part-0.h5 -a ! -e wr-part-1.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 --set reach.engagement_rate=0.04 -o ww.h5 2>ww.txt
check "--writers 2: the scenario's warning said once, not once per group" \
    test "$(grep -c 'is now page.engagement_rate' ww.txt)" -eq 1
# a group that fails leaves every part as it is, and --resume finishes the run
echo "not a results file" >wf-part-1.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 -o wf.h5 2>wf.txt
check "a failed group: mpirun exits non-zero" test $? -ne 0
check "... rank 0 says the parts were not joined" grep -q "1 of the 2 writer groups did not finish" wf.txt
check "... the group's writer says why" grep -q "wf-part-1.h5: not a portee results file" wf.txt
check "... no file is joined, the other part is kept whole" test ! -e wf.h5 -a "$(attr wf-part-0.h5 complete)" = 1
rm -f wf-part-1.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 --resume -o wf.h5 2>wf2.txt
check "... the same command with --resume exits 0" test $? -eq 0
check "... runs only the missing part" grep -q "wf-part-0.h5 already holds every point" wf2.txt
check "... and joins them: the single run" same one.h5 wf.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 --resume -o wf.h5 2>wf3.txt
check "--resume once joined: nothing to do (exit 0)" test $? -eq 0
check "... said once, of the joined file, and no part rewritten" \
    test "$(grep -c 'wf.h5 already holds every point' wf3.txt)" -eq 1 -a ! -e wf-part-0.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 --resume --seed 12 -o wf.h5 2>wf4.txt
check "--resume of a joined file with another seed: refused (exit 2), once" \
    test $? -eq 2 -a "$(grep -c 'holds another run' wf4.txt)" -eq 1
check "... the file untouched" same one.h5 wf.h5
# --writers node: a group per node, by processor name (PORTEE_MPI_NODE stands
# for it here): ranks 0, 1, 2 on one node and 3 on another make groups of 3
# and 1 ranks, where two groups of consecutive ranks would hold 2 and 2
"$mpiexec" --oversubscribe --allow-run-as-root -np 4 sh -c \
    'PORTEE_MPI_NODE=node-$((OMPI_COMM_WORLD_RANK == 3)) exec "$0" "$@"' \
    "$portee" run both.yaml -q --threads 1 --writers node -o wn.h5 2>wn.txt
check "--writers node on two nodes exits 0" test $? -eq 0
check "... joins two parts, the single run" test "$(attr wn.h5 merged_parts)" = 2 -a ! -e wn-part-0.h5
check "... the same datasets" same one.h5 wn.h5
check "... the larger part from the 3 ranks of the first node" test "$(attr wn.h5 ranks)" = 3
mpi 2 run both.yaml -q --threads 1 --writers node -o w1n.h5 2>w1n.txt
check "--writers node on one node: one writer, no parts" test $? -eq 0 -a "$(attr w1n.h5 ranks)" = 2 -a ! -e w1n-part-0.h5
check "... the single run" same one.h5 w1n.h5
"$portee" run both.yaml -q --writers nodes -o wx.h5 2>wx.txt
check "--writers nodes: a usage error (exit 2)" test $? -eq 2
check "... naming what it takes" grep -q "expected node or a whole number" wx.txt
# the file the parts would be joined into is checked before anything runs
echo "keep me" >wk.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 -o wk.h5 2>wk.txt
check "--writers -o a file that is not portee's: refused (exit 2)" test $? -eq 2
check "... said once" test "$(grep -c 'wk.h5: not a portee results file' wk.txt)" -eq 1
check "... left as it is, and no part written" test "$(cat wk.h5)" = "keep me" -a ! -e wk-part-0.h5 -a ! -e wk-part-1.h5
mpi 4 run both.yaml -q --threads 1 --writers 2 --resume -o wk.h5 2>wk2.txt
check "... with --resume too (exit 2)" test $? -eq 2 -a "$(cat wk.h5)" = "keep me"
"$portee" run both.yaml -q --shard 0/2 -o ws.h5 2>/dev/null
mpi 4 run both.yaml -q --threads 1 --writers 2 --resume -o ws.h5 2>ws.txt
check "--writers --resume -o a shard's part: refused (exit 2), naming the shard" \
    test $? -eq 2 -a "$(grep -c 'ws.h5: holds shard 0/2, not the whole sweep' ws.txt)" -eq 1
mpi 2 run both.yaml -q --writers 3 -o wr3.h5 2>wr3.txt
check "--writers over the rank count is refused (exit 2)" test $? -eq 2
check "... said once, by rank 0" test "$(grep -c 'more writers than the 2 ranks' wr3.txt)" -eq 1
mpi 2 run - -q --writers 2 -o wrin.h5 <both.yaml 2>wrin.txt
check "--writers with the scenario on standard input is refused (exit 2)" test $? -eq 2
mpi 2 run both.yaml -q --writers 2 --shard 0/2 -o wrs.h5 2>wrs.txt
check "--writers with --shard is refused (exit 2)" test $? -eq 2
"$portee" run both.yaml -q --writers 2 -o wr1.h5 2>wr1.txt
check "--writers without mpirun is refused (exit 2)" test $? -eq 2
check "... saying so" grep -q "start portee with mpirun" wr1.txt

# Thousands of small points: batches of hundreds of points and results
# larger than MPI sends eagerly, both ways at once (a blocking answer
# would deadlock here).
cat >many.yaml <<'EOF'
name: "many small points"
seed: 3
replicates: 100
reach:
  hours: 24
sweep:
  page.followers: {from: 100, to: 10000, steps: 100, scale: log}
  page.reach_rate: {from: 0.01, to: 0.1, steps: 60}
output:
  replicates: false
EOF
"$portee" run many.yaml -q -o many1.h5 2>/dev/null
timeout 120 "$mpiexec" --oversubscribe --allow-run-as-root -np 2 "$portee" run many.yaml -q -o many2.h5 2>/dev/null
check "6,000 points x 100 replicates under mpirun -np 2: done, no deadlock (exit $?)" test -s many2.h5
check "... the serial run's datasets" same many1.h5 many2.h5
timeout 120 "$mpiexec" --oversubscribe --allow-run-as-root -np 3 "$portee" run many.yaml -q --threads 1 -o many3.h5 2>/dev/null
check "... and -np 3's" same many1.h5 many3.h5

# errors: reported once, by rank 0, with the exit status of a serial run
printf 'reach:\n  folowers: 10\n' >bad.yaml
mpi 3 run bad.yaml -q -o bad.h5 >out.txt 2>err.txt
rc=$?
check "bad scenario under mpirun: exit 2 (got $rc)" test "$rc" -eq 2
check "... one message, from rank 0" test "$(grep -c 'portee: error: bad.yaml:2:3: ' err.txt)" -eq 1
check "... with the suggestion" grep -q "did you mean 'followers'" err.txt
check "... and no file" test ! -e bad.h5
cp one.h5 done.h5
mpi 2 run both.yaml -q --resume -o done.h5 2>err.txt
check "--resume of a complete file under mpirun: exit 0, nothing to do" \
    bash -c "[ $? -eq 0 ] && grep -q 'nothing to resume' err.txt && cmp -s one.h5 done.h5"
mpi 2 run both.yaml -q --seed 5 --resume -o done.h5 >/dev/null 2>err.txt
check "--resume of another run under mpirun: exit 2" test $? -eq 2
check "... said once" test "$(grep -c 'holds another' err.txt)" -eq 1

# ---- interrupted under mpirun, resumed with another rank count -------------
cp "$src/tests/sweep_slow.yaml" slow.yaml
"$portee" run slow.yaml -q -o whole.h5 2>/dev/null || bad "uninterrupted run"
# mpirun passes SIGTERM on a second late and kills the ranks a second after
# that (Open MPI 4.1's odls_base_sigkill_timeout): the points are kept only by
# ranks that stop and write within that second.  On a loaded machine or under
# AddressSanitizer they may not, and then the case says something about
# mpirun's timer, not about portee: it is reported as a skip, never as a pass.
# SIGUSR1 below (forwarded without a kill timer) and SIGTERM to one rank are
# the stops that test portee's own handling everywhere.
sigterm_cut() {
    # what Slurm sends at walltime; mpirun passes it to every rank
    interrupt_mid_run TERM cut.h5 "$mpiexec" --oversubscribe --allow-run-as-root -np 2 \
        "$portee" run slow.yaml -q --threads 1 -o cut.h5
    ms=$stopped_ms
    if [ ! -e cut.h5 ]; then
        echo "# skip - SIGTERM to mpirun: its kill timer ended the ranks before they wrote (exit after ${ms} ms)"
        rm -f cut.h5.tmp-*
        "$portee" run slow.yaml -q --threads 1 -o cut.h5 2>/dev/null # resumed below: nothing left to do
        return
    fi
    done_pts=$(attr cut.h5 points_done)
    check "SIGTERM to mpirun: exit non-zero (got $rc)" test "$rc" -ne 0
    # how fast is measured, not asserted: a loaded machine is slow (bench/ is the place for times)
    echo "# SIGTERM to mpirun: points kept ${kept_ms} ms after the signal, exit after ${ms} ms"
    check "SIGTERM to mpirun: incomplete file kept (${done_pts:-?} of 200 points)" \
        test "$(attr cut.h5 complete)" = 0 -a "${done_pts:-0}" -gt 0 -a "${done_pts:-200}" -lt 200
    check "SIGTERM to mpirun: the message says how to finish" grep -q "finish with the same command and --resume" err.txt
    check "SIGTERM to mpirun: no temporary file left" test -z "$(compgen -G 'cut.h5.tmp-*')"
}
sigterm_cut
mpi 3 run slow.yaml -q --resume -o cut.h5 2>err.txt
check "resumed under mpirun -np 3: exit 0" test $? -eq 0
check "interrupted at -np 2, resumed at -np 3 = uninterrupted serial run" same whole.h5 cut.h5

# SIGUSR1, the clean stop under mpirun: passed to every rank at once
interrupt_mid_run USR1 usr1.h5 "$mpiexec" --oversubscribe --allow-run-as-root -np 2 \
    "$portee" run slow.yaml -q --threads 1 -o usr1.h5
echo "# SIGUSR1 to mpirun: points kept ${kept_ms} ms after the signal"
check "SIGUSR1 to mpirun: exit 1 from rank 0 (got $rc), points kept" test "$rc" -eq 1 -a "$kept_ms" -ge 0
check "SIGUSR1 to mpirun: incomplete file kept" test "$(attr usr1.h5 complete)" = 0
mpi 2 run slow.yaml -q --threads 1 --resume -o usr1.h5 2>/dev/null
check "... resumed: the single run" same whole.h5 usr1.h5

# A signal on one rank alone: rank 0 stops the others too.  The worker's PID
# is the portee process whose environment says it is rank 1.
"$mpiexec" --oversubscribe --allow-run-as-root -np 3 "$portee" run slow.yaml -q --threads 1 -o one-rank.h5 2>err.txt &
mpirun_pid=$!
for ((i = 0; i < 30000; i++)); do compgen -G "one-rank.h5.tmp-*" >/dev/null && break; sleep 0.001; done
sleep 1
worker=
for p in $(pgrep -x portee); do
    tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1' && worker=$p
done
t0=$(date +%s%N)
[ -n "$worker" ] && kill -TERM "$worker"
wait "$mpirun_pid"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
check "SIGTERM to rank 1 alone (pid ${worker:-not found}): exit 1 (got $rc)" test -n "$worker" -a "$rc" -eq 1
kept_ms=$((($(date -r one-rank.h5 +%s%N) - t0) / 1000000))
echo "# SIGTERM to rank 1 alone: points kept ${kept_ms} ms after the signal"
check "... every rank stopped and the points were kept" test "$kept_ms" -ge 0
check "... incomplete file kept" test "$(attr one-rank.h5 complete)" = 0
# --writers and --resume of that interrupted single-writer file: the join
# would drop its points, so it is refused, and left as it is
done_before=$(attr one-rank.h5 points_done)
mpi 4 run slow.yaml -q --threads 1 --writers 2 --resume -o one-rank.h5 2>wr-one.txt
check "--writers --resume of a run interrupted without --writers: refused (exit 2), once" \
    test $? -eq 2 -a "$(grep -c 'holds an interrupted run of this sweep' wr-one.txt)" -eq 1
check "... the file as it was" test "$(attr one-rank.h5 complete)/$(attr one-rank.h5 points_done)" = "0/$done_before"

# writer groups stopped by SIGUSR1: every part kept, nothing joined; --resume
# finishes the parts and joins them into the uninterrupted run
interrupt_mid_run USR1 wu-part-0.h5 "$mpiexec" --oversubscribe --allow-run-as-root -np 4 \
    "$portee" run slow.yaml -q --threads 1 --writers 2 -o wu.h5
check "--writers 2 stopped by SIGUSR1: exit 1 (got $rc)" test "$rc" -eq 1
check "... the parts kept, nothing joined" test -e wu-part-0.h5 -a -e wu-part-1.h5 -a ! -e wu.h5
if [ "$(attr wu-part-1.h5 complete)" = 0 ]; then # both stopped (the second could have finished first)
    check "... and rank 0 says how many groups did not finish" \
        grep -q "2 of the 2 writer groups did not finish: the parts are kept, not joined" err.txt
fi
mpi 4 run slow.yaml -q --threads 1 --writers 2 --resume -o wu.h5 2>wu.txt
check "... --resume: exit 0, joined once" \
    test $? -eq 0 -a "$(grep -c "joined the 2 writer groups' parts into wu.h5" wu.txt)" -eq 1
check "... the uninterrupted run, and the parts removed" same whole.h5 wu.h5
check "... (no part left)" test ! -e wu-part-0.h5 -a ! -e wu-part-1.h5
mpi 2 run slow.yaml -q --resume -o one-rank.h5 2>/dev/null
check "... resumed: the single run" same whole.h5 one-rank.h5

finish
