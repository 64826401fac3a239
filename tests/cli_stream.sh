#!/usr/bin/env bash
# Points of more than 262,144 replicates are summarised as they stream, in
# memory that does not grow with the replicates (sim/numeric/tally.h).
# Checked against the replicates themselves (stored here): whole numbers
# within the exact span give exactly the quantiles, histogram, mean and sd
# of the values; real values and wide whole numbers give every quantile
# within the sketch's relative bound a = 1/2048 of the order statistics it
# interpolates, and histogram counts off only by values within a of an
# edge.  The summaries are the same bytes over 1 and 2 threads, over shards
# merged, and whether or not the replicates are stored.
# usage: cli_stream.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"

s=$src/tests/stream.yaml
"$portee" run "$s" -q --threads 1 -o one.h5 2>/dev/null || bad "run, 1 thread"
"$portee" run "$s" -q --threads 2 -o two.h5 2>/dev/null || bad "run, 2 threads"
"$portee" run "$s" -q --set output.replicates=false -o bare.h5 2>/dev/null || bad "run without replicates"
for k in 0 1; do "$portee" run "$s" -q --shard $k/2 -o part-$k.h5 2>/dev/null || bad "shard $k"; done
"$portee" merge part-0.h5 part-1.h5 -q -o merged.h5 2>/dev/null || bad "merge"
check "1 thread = 2 threads" same_data one.h5 two.h5
check "1 thread = 2 shards merged" same_data one.h5 merged.h5
summaries_same() {
    local g
    for g in summary histogram quantiles; do
        h5diff -q one.h5 bare.h5 /reach/$g /reach/$g >/dev/null 2>&1 || return 1
    done
}
check "the summaries do not depend on output.replicates" summaries_same
check "... which leaves the replicates out" bash -c "! h5ls -r bare.h5 | grep -q /replicates"
# 600,000 replicates: blocks of two chunks, whose moments join in the block
big=(--set reach.hours=0 --replicates 600000)
"$portee" run -q "${big[@]}" --threads 1 --set output.replicates=false -o big1.h5 2>/dev/null || bad "600,000, 1 thread"
"$portee" run -q "${big[@]}" --threads 2 --set output.replicates=false -o big2.h5 2>/dev/null || bad "600,000, 2 threads"
check "600,000 replicates: 1 thread = 2 threads" same_data big1.h5 big2.h5

"$PY" - <<'PYEOF' >stream.txt
import h5py, numpy as np
A = 1 / 2048
f = h5py.File('one.h5', 'r')
r = f['reach']
levels = [0.05, 0.25, 0.5, 0.75, 0.95]
extra = list(r['quantiles'].values())[0].attrs['levels']
def order_stats(x, q):
    i = q * (len(x) - 1); k = np.floor(i).astype(int); d = i - k
    a = x[k]; b = x[np.minimum(k + 1, len(x) - 1)]
    return np.where(d == 0, a, (1 - d) * a + d * b), a, b
exact_ok = sketch_ok = hist_ok = moments_ok = True
sketched = 0
for name, reps in r['replicates'].items():
    integer = np.all(reps[:] == np.floor(reps[:]))
    for p in range(reps.shape[0]):
        x = np.sort(reps[p]); s = r['summary'][name][p]
        got = np.array([s['p05'], s['p25'], s['p50'], s['p75'], s['p95']] + list(r['quantiles'][name][p]))
        want, a, b = order_stats(x, np.array(levels + list(extra)))
        exact = integer and x[-1] - x[0] + 1 <= 2**17
        if exact:
            exact_ok &= bool(np.all(np.abs(got - want) <= 1e-9 * (1 + np.abs(want))))
        else:
            sketch_ok &= bool(np.all(np.abs(got - want) <= A * np.maximum(abs(a), abs(b)) * (1 + 1e-9)))
            sketched += int(np.any(got != want))
        sd = x.std(ddof=1)
        moments_ok &= bool(abs(s['mean'] - x.mean()) <= 1e-9 * (1 + abs(x.mean())) and abs(s['sd'] - sd) <= 1e-7 * (1 + sd))
        e = r['histogram'][name]['edges'][p]; c = r['histogram'][name]['counts'][p]
        k = np.clip(np.searchsorted(e, x, side='right') - 1, 0, len(c) - 1)
        want_c = np.bincount(k, minlength=len(c))
        if exact:
            hist_ok &= bool(np.array_equal(c, want_c))
        else:
            near = np.zeros(len(c), int)
            for j in range(len(e)):
                close = np.abs(x - e[j]) <= A * np.abs(x) * 1.001
                if j > 0: near[j - 1] += close.sum()
                if j < len(c): near[j] += close.sum()
            hist_ok &= bool(c.sum() == len(x) and np.all(np.abs(c - want_c) <= near))
print('exact', int(exact_ok)); print('sketch', int(sketch_ok)); print('hist', int(hist_ok))
print('moments', int(moments_ok)); print('sketched', sketched)
PYEOF
val() { sed -n "s/^$1 //p" stream.txt; }
check "whole numbers within the span: quantiles are those of the values" test "$(val exact)" = 1
check "sketched values: every quantile within a = 1/2048 of the order statistics" test "$(val sketch)" = 1
check "... and the sketch was used ($(val sketched) outputs read back inexactly)" test "$(val sketched)" -gt 0
check "histograms: exact counts, or off only by values within a of an edge" test "$(val hist)" = 1
check "mean and sd equal those of the values" test "$(val moments)" = 1
finish
