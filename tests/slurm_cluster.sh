#!/usr/bin/env bash
# The Slurm examples of scenarios/slurm/ on a real scheduler: a one-node
# cluster (.ci/slurm starts one as root; CI does).  submit.sh's job
# array and its afterany merge give the single run's datasets; the MPI job
# too (MPI builds); a task at its walltime gets the --signal, stops, keeps
# its points in a valid incomplete part, and submitted again finishes it.
# Skipped (77) when no Slurm controller answers.
# usage: slurm_cluster.sh PORTEE SOURCE_DIR
set -u
portee=$(readlink -f "$1")
src=$(readlink -f "$2")
. "$(dirname "$0")/testlib.sh"
slurm=$src/scenarios/slurm

if ! command -v sbatch >/dev/null || ! scontrol ping 2>/dev/null | grep -q "is UP"; then
    echo "# skip - no Slurm controller answers (as root: bash .ci/slurm start)"
    exit 77
fi

# Waits for the jobs named portee-* of this test (by the folder they run
# in) to leave the queue; false after LIMIT seconds.
drain() {
    local limit=${1:-300} t=0
    while squeue -h -o '%Z' 2>/dev/null | grep -qxF "$work"; do
        sleep 2
        t=$((t + 2))
        [ $t -ge "$limit" ] && return 1
    done
    return 0
}

# The cluster scenario cut down (as tests/cli_slurm.sh does).
cut=(--set replicates=3000 --set 'sweep.page.followers={from: 100, to: 100000, steps: 12, scale: log}'
     --set 'sweep.page.reach_rate={from: 0.01, to: 0.10, steps: 5}')
"$portee" run "$src/scenarios/cluster_sweep.yaml" "${cut[@]}" -q -o cut.h5 2>/dev/null || bad "cut-down run"
"$PY" -c "import h5py; open('small.yaml','w').write(h5py.File('cut.h5','r')['scenario'][()].decode())"
"$portee" run small.yaml -q -o single.h5 2>/dev/null
check "reference run" test -s single.h5

# ---- submit.sh: the array, then the merge (afterany) --------------------------
export PORTEE="$portee" SCENARIO=small.yaml PARTS=parts OUT=merged.h5
env -u USER SHARDS=3 bash "$slurm/submit.sh" --chdir="$work" --cpus-per-task=1 --time=10 >submit.out 2>&1
check "submit.sh submits (no USER needed): $(head -c 200 submit.out)" grep -q "^array job [0-9]* (3 tasks)" submit.out
drain 400 || bad "the array and the merge did not finish in 400 s: $(squeue 2>&1 | tail -3)"
check "3 tasks, 3 part files" test "$(ls parts/part-*.h5 2>/dev/null | wc -l)" -eq 3
check "each task logged to portee-JOB_TASK.log" test "$(ls portee-*_*.log 2>/dev/null | wc -l)" -eq 3
check "the merge ran after them: merged.h5 = the single run (h5diff)" same_data single.h5 merged.h5
check "the merge wrote the CSV summary" test -s merged.csv

# ---- the MPI job ----------------------------------------------------------------
if "$portee" --version | grep -q 'with MPI'; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
    sbatch --wait --chdir="$work" --nodes=1 --ntasks-per-node=2 --cpus-per-task=1 --time=10 \
        --export=ALL,OUT=mpi.h5 "$slurm/sweep_mpi.sbatch" >mpi.out 2>&1
    rc=$?
    check "sweep_mpi.sbatch under sbatch --wait: exit 0 (got $rc: $(tail -c 300 mpi.out | tr '\n' ' '))" \
        test $rc -eq 0
    check "MPI job = single run (h5diff)" same_data single.h5 mpi.h5
    check "MPI job ran 2 ranks" test "$(root_attr mpi.h5 ranks)" = 2
else
    echo "# skip - sweep_mpi.sbatch: $portee is built without MPI"
fi

# ---- a task at its walltime ---------------------------------------------------------
# Two minutes of walltime and SIGTERM to the script 30 s before it, on a
# shard that needs about 165 s on one core here (its points take 1 to 40 s,
# the longest last).  Slurm looks at time limits every 30 s and sends the
# signal up to that much early, so it comes 60 to 90 s in: mid-shard, with
# points kept, on a machine up to 1.8 times faster; the second submission
# then computes the rest (about 90 s of one core).
sed 's/^replicates: 3000$/replicates: 16000000/' small.yaml >long.yaml
id=$(sbatch --parsable --chdir="$work" --array=1 --cpus-per-task=1 --time=2 --signal=B:TERM@30 \
        --export=ALL,SCENARIO=long.yaml,PARTS=wparts,SHARDS=4 "$slurm/sweep_array.sbatch")
check "walltime task submitted" test -n "$id"
drain 200 || bad "the walltime task did not end in 200 s"
check "stopped at walltime: its part is a valid results file, marked incomplete" \
    test "$(root_attr wparts/part-1.h5 complete)" = 0
done_points=$(root_attr wparts/part-1.h5 points_done)
check "... with the points it finished kept ($done_points)" test "${done_points:-0}" -gt 0
check "... and no temporary left" test -z "$(compgen -G 'wparts/part-1.h5.tmp-*')"
# Submitted again (with time enough), it finishes the part from the points
# kept; tests/cli_slurm.sh and cli_parts.sh check that a resumed file
# equals an uninterrupted run.
sbatch --wait --chdir="$work" --array=1 --cpus-per-task=2 --time=15 \
    --export=ALL,SCENARIO=long.yaml,PARTS=wparts,SHARDS=4 "$slurm/sweep_array.sbatch" >/dev/null 2>&1
check "submitted again: the part complete ($(root_attr wparts/part-1.h5 points_done) points)" \
    test "$(root_attr wparts/part-1.h5 complete)" = 1

finish
