#!/usr/bin/env bash
# cli_memory.sh — portee run out of memory: a message saying so, exit 1,
# nothing left behind; never GSL's default error handler (which prints
# "Default GSL error handler invoked" and aborts: exit 134) nor a crash.
#
#   bash tests/cli_memory.sh PATH_TO_PORTEE
#
# Memory is capped with `ulimit -v` (address space).  The program's own
# footprint (libraries, HDF5, the scenario) differs from build to build, so
# the test first finds the smallest cap under which a tiny run succeeds, then
# runs a scenario needing far more, one thread (an OpenMP thread's stack
# would be refused first, and libgomp aborts on that), under caps rising
# from that footprint in 4 MB steps: the run fails first while allocating
# the group's values, then in the model's prepare() (alias tables from
# gsl_ran_discrete_preproc), then in the simulation.  Each step must end
# cleanly, and at least one must fail past the group's values.
#
# Skipped (exit 77) when portee is built with AddressSanitizer: its shadow
# memory reserves terabytes of address space, so it cannot start under
# ulimit -v (the sanitizer CI job runs every other test).
set -u
portee=${1:?usage: cli_memory.sh PATH_TO_PORTEE}
case $portee in /*) ;; *) portee=$PWD/$portee ;; esac
if grep -q __asan_init "$portee"; then # the sanitizer's entry point, linked in or imported
    echo "skipped: $portee is built with AddressSanitizer, which cannot run under ulimit -v"
    exit 77
fi
. "$(dirname "$0")/testlib.sh"

# capped KB ARGS...: runs portee run ARGS under ulimit -v KB; sets rc
capped() {
    local kb=$1
    shift
    (ulimit -v "$kb" && exec "$portee" run -q --threads 1 "$@") >out.txt 2>err.txt
    rc=$?
}

# ---- the footprint: the smallest cap (1 MB steps) a tiny run fits in --------
lo=4096 hi=$((1024 * 1024)) # KB
capped "$hi" --set replicates=100 -o tiny.h5
[ "$rc" -eq 0 ] || { bad "a tiny run succeeds under a 1 GB cap (exit $rc: $(head -c 300 err.txt))"; finish; exit; }
while [ $((hi - lo)) -gt 1024 ]; do
    mid=$(((lo + hi) / 2))
    rm -f tiny.h5
    capped "$mid" --set replicates=100 -o tiny.h5
    if [ "$rc" -eq 0 ]; then hi=$mid; else lo=$mid; fi
done
echo "# a tiny run fits in $((hi / 1024)) MB of address space"

# ---- a run needing ~100 MB more, under caps rising from the footprint -------
# 1,000,001 replicates of the per-post model at 1,000,000 followers: 40 MB of
# values, then alias tables over the followers of about as much.
big=(--set replicates=1000001 --set page.followers=1000000 --set reach.reachable_population=1e6
     --set reach.share_rate=0 --set reach.hours=0 -o big.h5)
past_values=0 clean=0
for ((add = 4; add <= 160; add += 4)); do
    rm -f big.h5 big.h5.tmp-*
    capped $((hi + add * 1024)) "${big[@]}"
    what="cap of footprint + $add MB"
    if [ "$rc" -eq 0 ]; then
        echo "# $what: the run fits"
        break
    fi
    if [ "$rc" -ne 1 ] || ! grep -q "^portee: error: out of memory" err.txt || grep -q "GSL" err.txt; then
        bad "$what: exit 1 with 'portee: error: out of memory' (got exit $rc: $(head -c 300 err.txt))"
        break
    fi
    if compgen -G 'big.h5*' >/dev/null; then
        bad "$what: no file left behind (found: $(echo big.h5*))"
        break
    fi
    clean=$((clean + 1))
    grep -q "out of memory at point" err.txt && past_values=$((past_values + 1))
done
check "$clean capped runs ended with 'out of memory', exit 1 and no file left" test "$clean" -gt 0 -a "$fail" -eq 0
check "$past_values of them ran out past the group's values (in prepare() or the simulation)" \
    test "$past_values" -gt 0
finish
