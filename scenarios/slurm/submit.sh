#!/bin/bash
# Submits the job array, then the merge to run once every task has ended.
# SHARDS (default 16) sets the number of tasks; extra arguments go to both
# sbatch calls (e.g. --account=..., --partition=...).  afterany, not afterok:
# if a task was stopped at walltime, the merge says which shard is
# incomplete (resubmit that task, then merge.sbatch) instead of waiting
# forever.
set -eu
here=$(dirname "$0")
shards=${SHARDS:-16}
array=$(sbatch --parsable --array="0-$((shards - 1))" --export="ALL,SHARDS=$shards" "$@" \
        "$here/sweep_array.sbatch")
array=${array%%;*}                          # "jobid;cluster" on federated sites
sbatch --dependency="afterany:$array" "$@" "$here/merge.sbatch"
echo "array job $array ($shards tasks); the merge waits for it (squeue -u ${USER:-$(id -un)})"
