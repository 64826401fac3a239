#!/usr/bin/env bash
# How many MPI ranks rank 0 can serve before it becomes the bottleneck.
#
# Rank 0 hands out batches, receives every point's results and writes them
# (it computes too, on its own thread).  Measured here, on this machine:
#   1. rank 0's capacity: points per second it takes in and writes when the
#      other rank's points cost nothing (2 replicates each), under
#      mpirun -np 2 with one thread per rank;
#   2. a point's compute time on one core (a 1-in-SHARD sample of the sweep,
#      whose points differ in cost, with replicates not stored);
#   3. the cost of writing a point's replicates: the same sample stored,
#      minus the run without them (the writer runs in line in one process),
#      and the bytes that adds to the file.
# Rank 0 saturates when the ranks' points arrive faster than it writes them:
#   ranks* = capacity x compute time per point / threads per rank,
# and storing replicates, compute time / (1 / capacity + write time) / threads.
# usage: bench/rank0.sh PORTEE MPIEXEC [SCENARIO (scenarios/cluster_sweep.yaml)] [SHARD (50)]
set -eu
portee=$(realpath "$1")
mpiexec=$2
here=$(cd "$(dirname "$0")" && pwd)
scenario=$(realpath "${3:-$here/../scenarios/cluster_sweep.yaml}")
shard=${4:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
points=$("$portee" run "$scenario" --replicates 2 -q -o count.h5 2>/dev/null; h5dump -a /points_done count.h5 | sed -n 's/^ *(0): *//p')
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)

t0=$(now)
"$mpiexec" --oversubscribe "${root[@]}" -np 2 "$portee" run "$scenario" --replicates 2 --threads 1 -q -o cap.h5 2>/dev/null
t1=$(now)
cap_s=$(secs "$t0" "$t1")
capacity=$(awk -v p="$points" -v s="$cap_s" 'BEGIN { printf "%.0f", p / s }')
echo "rank 0 capacity (summaries, histograms): $points points in $cap_s s = $capacity points/s"

t0=$(now)
"$portee" run "$scenario" --shard "0/$shard" --threads 1 -q --set output.replicates=false -o bare.h5 2>/dev/null
t1=$(now)
"$portee" run "$scenario" --shard "0/$shard" --threads 1 -q --set output.replicates=true -o kept.h5 2>/dev/null
t2=$(now)
sample=$(h5dump -a /points_done bare.h5 | sed -n 's/^ *(0): *//p')
reps=$(h5dump -a /replicates bare.h5 2>/dev/null | sed -n 's/^ *(0): *//p')
bare_s=$(secs "$t0" "$t1")
kept_s=$(secs "$t1" "$t2")
bytes=$(($(stat -c %s kept.h5) - $(stat -c %s bare.h5)))
awk -v n="$sample" -v b="$bare_s" -v k="$kept_s" -v cap="$capacity" -v by="$bytes" -v r="$reps" 'BEGIN {
    c = b / n; w = (k - b) / n
    printf "compute: %d points x %s replicates in %.2f s on 1 core = %.1f ms a point\n", n, r, b, 1e3 * c
    printf "storing replicates: +%.2f ms a point (%.0f kB a point in the file, compressed)\n",
           1e3 * w, by / n / 1e3
    printf "rank 0 saturates at about %.3g one-thread ranks (%.3g ranks of 8 threads) with summaries only\n",
           cap * c, cap * c / 8
    if (w > 0)
        printf "... and at about %.3g one-thread ranks (%.3g ranks of 8 threads) storing replicates\n",
               c / (1 / cap + w), c / (1 / cap + w) / 8
}'
