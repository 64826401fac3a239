#!/usr/bin/env bash
# Scaling of a sweep over MPI ranks: the same sweep on 1 rank, then under
# mpirun -np 1, 2, ... (one OpenMP thread per rank, so ranks are what
# scales), and on one rank with as many threads, for comparison.  Points
# differ in cost (followers from 100 to 100,000), which the guided batches
# must balance.  Prints wall time, replicates per second and speed-up, and
# checks that every run wrote the same datasets.
# Then weak scaling: n ranks with n times the points.
# usage: bench/mpi_scaling.sh PORTEE [MAX_RANKS (2)] [REPLICATES (20000)] [POINTS (200)]
set -eu
portee=$(realpath "$1")
ranks=${2:-2}
reps=${3:-20000}
points=${4:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat >sweep.yaml <<EOF
name: "MPI scaling benchmark"
seed: 1
replicates: $reps
reach:
  hours: 0
  reachable_population: 10000000
sweep:
  page.followers: {from: 100, to: 100000, steps: $points, scale: log}
output:
  replicates: false
EOF
total=$((reps * points))
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
# run LABEL OUT CMD...: wall time from portee's own report (no start-up)
run() {
    local label=$1 out=$2
    shift 2
    "$@" run sweep.yaml -q -o "$out" 2>err.txt
    local s
    s=$(sed -n 's/.* in \([0-9.]*\) s on .*/\1/p' err.txt)
    printf '%-28s %8.2f s  %7.2f M replicates/s' "$label" "$s" "$(awk -v t="$total" -v s="$s" 'BEGIN { print t / s / 1e6 }')"
    [ -n "${base:-}" ] && printf '  speed-up %.2fx' "$(awk -v b="$base" -v s="$s" 'BEGIN { print b / s }')"
    printf '\n'
    [ -n "${base:-}" ] || base=$s
    if [ "$out" != one.h5 ] && ! h5diff -q --exclude-attribute / one.h5 "$out" >/dev/null; then
        echo "  ^ datasets differ from the 1-rank run" >&2
        exit 1
    fi
}
echo "$points points x $reps replicates ($total in all) on $(nproc) cores"
base=
run "1 rank, 1 thread" one.h5 env OMP_NUM_THREADS=1 "$portee"
for ((n = 1; n <= ranks; n++)); do
    run "mpirun -np $n, 1 thread each" "np$n.h5" env OMP_NUM_THREADS=1 \
        mpirun --oversubscribe "${root[@]}" --bind-to none -np "$n" -x OMP_NUM_THREADS "$portee"
done
run "1 rank, $ranks threads" "t$ranks.h5" env OMP_NUM_THREADS="$ranks" "$portee"
echo "all runs wrote identical datasets"

# Weak scaling: n ranks, n times the points (the same grid, finer: every
# rank has the first run's work), so the wall time should stay that of one
# rank; efficiency = T(1 rank) / T(n ranks).
echo
echo "weak scaling: $points points a rank"
for ((n = 1; n <= ranks; n++)); do
    sed "s/steps: $points,/steps: $((points * n)),/" sweep.yaml >weak.yaml
    env OMP_NUM_THREADS=1 mpirun --oversubscribe "${root[@]}" --bind-to none -np "$n" -x OMP_NUM_THREADS \
        "$portee" run weak.yaml -q -o weak$n.h5 2>err.txt
    s=$(sed -n 's/.* in \([0-9.]*\) s on .*/\1/p' err.txt)
    [ "$n" -eq 1 ] && weak1=$s
    printf 'mpirun -np %d, %d points  %8.2f s  efficiency %.2f\n' "$n" $((points * n)) "$s" \
        "$(awk -v a="$weak1" -v b="$s" 'BEGIN { print a / b }')"
done
