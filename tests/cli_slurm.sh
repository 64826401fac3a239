#!/usr/bin/env bash
# The Slurm examples of scenarios/slurm/ work: run here as sbatch would run
# them (the SLURM_* variables a task sees, no scheduler), on a small sweep.
# The job array's tasks and the merge give the single run's datasets; a task
# sent SIGTERM (as --signal=B:TERM does) stops, keeps its points and exits
# 1, and running it again finishes its part; in an MPI build the MPI script
# gives the same file, also after a SIGUSR1 and a second submission.
# usage: cli_slurm.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"
# Open MPI keeps allocations past MPI_Finalize: in a sanitized build,
# LeakSanitizer would report them as portee's (the other options stay)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
slurm=$src/scenarios/slurm
same() { same_data "$@"; }
attr() { root_attr "$@"; }

for f in "$slurm"/*.sbatch "$slurm"/submit.sh; do
    check "$(basename "$f"): bash syntax" bash -n "$f"
done
check "sbatch scripts set a walltime, a clean-stop signal and OMP_NUM_THREADS" \
    bash -c "for f in '$slurm'/sweep_*.sbatch; do grep -q '^#SBATCH --time=' \$f && grep -Eq '^#SBATCH --signal=B:(TERM|USR1)@' \$f &&
             grep -q 'OMP_NUM_THREADS=' \$f || exit 1; done"

# The cluster scenario itself, cut down: same layout, fewer points and replicates.
"$portee" validate "$src/scenarios/cluster_sweep.yaml" >/dev/null || bad "cluster_sweep.yaml validates"
cut=(--set replicates=3000 --set 'sweep.page.followers={from: 100, to: 100000, steps: 12, scale: log}'
     --set 'sweep.page.reach_rate={from: 0.01, to: 0.10, steps: 5}')
"$portee" run "$src/scenarios/cluster_sweep.yaml" "${cut[@]}" -q -o cut.h5 2>/dev/null || bad "cut-down run"
# the resolved scenario is a scenario file of its own: the scripts take it
"$PY" -c "import h5py; open('small.yaml','w').write(h5py.File('cut.h5','r')['scenario'][()].decode())"
check "small sweep scenario for the scripts" test -s small.yaml
"$portee" run small.yaml -q -o single.h5 2>/dev/null
check "the resolved scenario re-runs to the same datasets (but the line naming its file)" \
    h5diff -q --exclude-attribute / --exclude-path /scenario cut.h5 single.h5

# ---- the job array, then the merge ------------------------------------------
task() { # task I N [bash args...]: one array task as Slurm starts it
    local i=$1 n=$2
    shift 2
    env PORTEE="$portee" SCENARIO=small.yaml PARTS=parts SLURM_ARRAY_TASK_ID="$i" SHARDS="$n" \
        SLURM_ARRAY_TASK_COUNT="$n" SLURM_CPUS_PER_TASK=1 bash "$@" "$slurm/sweep_array.sbatch"
}
for i in 0 1 2 3; do task $i 4 >/dev/null 2>&1 || bad "array task $i"; done
check "4 array tasks: 4 part files" test "$(ls parts/part-*.h5 2>/dev/null | wc -l)" -eq 4
check "each part is its shard" test "$(attr parts/part-3.h5 shard)" = "3/4"
env PORTEE="$portee" PARTS=parts OUT=merged.h5 bash "$slurm/merge.sbatch" >/dev/null 2>&1
check "merge.sbatch exits 0" test $? -eq 0
check "array + merge = single run (h5diff)" same single.h5 merged.h5
check "merge.sbatch writes the CSV summary" test -s merged.csv
rm parts/part-2.h5
env PORTEE="$portee" PARTS=parts OUT=merged2.h5 bash "$slurm/merge.sbatch" >/dev/null 2>err.txt
check "merge.sbatch with a task missing: exit 2, names the shard" \
    bash -c "[ $? -eq 2 ] && grep -q 'missing shard 2/4' err.txt && [ ! -e merged2.h5 ]"
# that task resubmitted alone (sbatch --array=2: Slurm counts 1 task)
env PORTEE="$portee" SCENARIO=small.yaml PARTS=parts SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=1 \
    SHARDS=4 SLURM_CPUS_PER_TASK=1 bash "$slurm/sweep_array.sbatch" >/dev/null 2>&1
check "a task resubmitted alone runs its shard of SHARDS, not of the array's count" \
    test "$(attr parts/part-2.h5 shard)" = "2/4"
env PORTEE="$portee" SCENARIO=small.yaml PARTS=parts SLURM_ARRAY_TASK_ID=4 SHARDS=4 \
    SLURM_CPUS_PER_TASK=1 bash "$slurm/sweep_array.sbatch" >/dev/null 2>err.txt
check "a task past SHARDS: exit 2, says so" bash -c "[ $? -eq 2 ] && grep -q 'SHARDS=4' err.txt"

# A task at walltime: SIGTERM to the batch script, which passes it on.  The
# same sweep with more replicates, so that the task runs for seconds.
sed 's/^replicates: 3000$/replicates: 300000/' small.yaml >medium.yaml
check "a longer sweep for the signal" grep -q '^replicates: 300000$' medium.yaml
mtask() { exec env PORTEE="$portee" SCENARIO=medium.yaml PARTS=mparts SLURM_ARRAY_TASK_ID=1 \
              SLURM_ARRAY_TASK_COUNT=4 SHARDS=4 SLURM_CPUS_PER_TASK=1 bash "$slurm/sweep_array.sbatch"; }
mtask >/dev/null 2>&1 &
signal_mid_run TERM $! mparts/part-1.h5
check "array task sent SIGTERM: exits 1 (got $rc), having waited for portee" \
    test "$rc" -eq 1 -a -z "$(compgen -G 'mparts/part-1.h5.tmp-*')"
check "... its finished points kept" test "$(attr mparts/part-1.h5 complete)" = 0
(mtask) >/dev/null 2>&1
check "the task run again: exit 0, its part complete" test $? -eq 0 -a "$(attr mparts/part-1.h5 complete)" = 1

# ---- the MPI job ------------------------------------------------------------
if "$portee" --version | grep -q 'with MPI'; then
    # as root on a 2-core machine, as CI runs: Open MPI's own switches
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
    env PORTEE="$portee" SCENARIO=small.yaml OUT=mpi.h5 SLURM_NTASKS=2 SLURM_CPUS_PER_TASK=1 \
        bash "$slurm/sweep_mpi.sbatch" >/dev/null 2>&1
    check "sweep_mpi.sbatch exits 0" test $? -eq 0
    check "MPI job = single run (h5diff)" same single.h5 mpi.h5
    check "MPI job ran 2 ranks" test "$(attr mpi.h5 ranks)" = 2
    check "MPI job writes the CSV summary" test -s mpi.csv
    # stopped at walltime, then submitted again
    bigjob() { exec env PORTEE="$portee" SCENARIO=medium.yaml OUT=big.h5 SLURM_NTASKS=2 SLURM_CPUS_PER_TASK=1 \
                   bash "$slurm/sweep_mpi.sbatch"; }
    bigjob >/dev/null 2>&1 &
    signal_mid_run USR1 $! big.h5 # what --signal=B:USR1 sends the batch script
    check "MPI job sent SIGUSR1: exits non-zero (got $rc), file kept incomplete" \
        test "$rc" -ne 0 -a "$(attr big.h5 complete)" = 0
    (bigjob) >/dev/null 2>&1
    check "MPI job submitted again: exit 0, the file complete" test $? -eq 0 -a "$(attr big.h5 complete)" = 1
    "$portee" run medium.yaml -q --shard 1/4 -o medium-1.h5 2>/dev/null
    "$PY" -c "
import h5py, numpy as np, sys
a, b = h5py.File('big.h5', 'r'), h5py.File('medium-1.h5', 'r')
d = b['reach/done'][:] == 1
sys.exit(0 if np.array_equal(a['reach/summary/total'][d], b['reach/summary/total'][d]) else 1)"
    check "... with the numbers of a serial run" test $? -eq 0
else
    echo "# skip - sweep_mpi.sbatch: $portee is built without MPI"
fi

finish
