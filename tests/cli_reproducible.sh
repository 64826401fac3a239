#!/usr/bin/env bash
# Same scenario and seed -> identical HDF5 datasets, whatever the thread count;
# a different seed -> different datasets (so the comparison can fail).
# usage: cli_reproducible.sh PORTEE SOURCE_DIR
set -u
portee=$1
src=$2
. "$(dirname "$0")/testlib.sh"

# A sweep with uncertain inputs and few replicates per point, so that several
# points share a thread group and every parameter draw is exercised.
args=(run "$src/scenarios/uncertain_page.yaml" -q --replicates 3000
      --set 'sweep.page.followers=[200, 1000, 5000]'
      --set 'sweep.reach.share_rate={from: 0.005, to: 0.02, steps: 3}')

# Everything but the root attributes (threads and wall time differ by design).
same() { h5diff -q "$1" "$2" /reach /reach && h5diff -q "$1" "$2" /points /points &&
         h5diff -q "$1" "$2" /scenario /scenario; }

"$portee" "${args[@]}" --threads 1 -o t1.h5 2>/dev/null || bad "run with 1 thread"
"$portee" "${args[@]}" --threads 2 -o t2.h5 2>/dev/null || bad "run with 2 threads"
OMP_NUM_THREADS=3 "$portee" "${args[@]}" -o t3.h5 2>/dev/null || bad "run with 3 threads"
"$portee" "${args[@]}" --threads 2 -o again.h5 2>/dev/null || bad "second run"
"$portee" "${args[@]}" --threads 2 --seed 99 -o other.h5 2>/dev/null || bad "other seed"

if same t1.h5 t2.h5; then ok "1 and 2 threads: identical datasets"; else bad "1 and 2 threads differ"; fi
if same t1.h5 t3.h5; then ok "1 and 3 threads: identical datasets"; else bad "1 and 3 threads differ"; fi
if same t2.h5 again.h5; then ok "same seed twice: identical datasets"; else bad "same seed twice differs"; fi
# h5diff exits 1 for "differences found" and 2 for trouble: only 1 counts here.
h5diff -q t1.h5 other.h5 /reach /reach >/dev/null 2>&1
if [ $? -eq 1 ]; then ok "another seed gives other numbers"; else bad "another seed: no difference found"; fi
# The adoption model (its own streams, two series lengths, uncertain inputs).
adopt=(run "$src/scenarios/adoption.yaml" -q --replicates 2000)
"$portee" "${adopt[@]}" --threads 1 -o a1.h5 2>/dev/null || bad "adoption with 1 thread"
"$portee" "${adopt[@]}" --threads 2 -o a2.h5 2>/dev/null || bad "adoption with 2 threads"
if h5diff -q a1.h5 a2.h5 /adoption /adoption; then ok "adoption: 1 and 2 threads give identical datasets"
else bad "adoption: 1 and 2 threads differ"; fi
h5dump -a /threads t1.h5 | grep -q '(0): 1' && h5dump -a /threads t2.h5 | grep -q '(0): 2' &&
    ok "threads recorded in the file" || bad "threads attribute"

finish
