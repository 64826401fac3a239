#!/bin/bash
# Submits the job array, then the merge to run once every task succeeded.
# Extra arguments go to both sbatch calls (e.g. --account=..., --partition=...).
set -eu
here=$(dirname "$0")
array=$(sbatch --parsable "$@" "$here/sweep_array.sbatch")
array=${array%%;*}                          # "jobid;cluster" on federated sites
sbatch --dependency="afterok:$array" "$@" "$here/merge.sbatch"
echo "array job $array; the merge waits for it (squeue -u $USER)"
