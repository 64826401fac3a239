#!/usr/bin/env bash
# Fuzzes the scenario loader, the results file reader, the series CSV reader
# and the date parser with libFuzzer (clang's -fsanitize=fuzzer, with
# AddressSanitizer and UBSan), starting from the shipped scenarios, small
# results files of them, and the shipped CSVs.
#
# usage: tests/fuzz/run.sh [SECONDS]      (from the source tree's top)
#   no SECONDS: CI's smoke run: libFuzzer's seed 1 and 10,000 inputs for the
#               scenario, CSV and date targets (the same inputs every time),
#               30 s for the results reader (whose failures inside libhdf5
#               are counted apart, below);
#   SECONDS:    each target for that long from a random seed, e.g. 3600.
#   --build-only: builds the targets and stops (CI builds them while other
#               tests run).
# Longer still: build-fuzz/tests/fuzz/fuzz_scenario -jobs=2 build-fuzz/tests/fuzz/corpus/scenario
# A crash, a leak, undefined behaviour or a broken promise of a target
# (tests/fuzz/fuzz_*.c) stops it, leaves the input as
# build-fuzz/tests/fuzz/crash-*, and exits 1: replay it with
# build-fuzz/tests/fuzz/fuzz_X crash-....
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-}
build_only=false
[ "$seconds" = --build-only ] && { build_only=true; seconds=; }
if ! command -v clang >/dev/null; then
    echo "tests/fuzz/run.sh: clang is not installed (apt-get install clang libclang-rt-14-dev libomp-14-dev)" >&2
    exit 1
fi
targets="fuzz_scenario fuzz_results fuzz_csv fuzz_date"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g -O1"
# HDF5 shared, not linked into portee: a failure's frames then name libhdf5
# (below, where failures inside HDF5 are told from portee's own)
CC=clang cmake -S . -B build-fuzz -DPORTEE_FUZZ=ON -DPORTEE_MPI=OFF -DBUILD_TESTING=OFF -DPORTEE_STATIC_HDF5=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="$flags" >/dev/null || exit 1
# clang warns where gcc does not (missing field initializers): the log keeps them
cmake --build build-fuzz -j2 --target $targets portee >build-fuzz/build.log 2>&1 ||
    { tail -30 build-fuzz/build.log; exit 1; }
$build_only && exit 0
bin=build-fuzz/tests/fuzz
supp=$PWD/tests/fuzz/lsan.supp

corpus=$bin/corpus
rm -rf "$corpus" "$bin"/libhdf5-*.log
mkdir -p "$corpus/scenario" "$corpus/results" "$corpus/csv" "$corpus/date"
cp scenarios/*.yaml "$corpus/scenario/"
cp scenarios/*.csv "$corpus/csv/"
# small results files: few replicates, no replicates kept, few bins
for y in default posting_plan boost_post adoption budget_sweep; do
    ASAN_OPTIONS=detect_leaks=0 build-fuzz/portee run "scenarios/$y.yaml" -q --replicates 20 \
        --set output.replicates=false --set output.histogram_bins=4 -o "$corpus/results/$y.h5" ||
        { echo "tests/fuzz/run.sh: the seed results file of $y could not be made" >&2; exit 1; }
done
i=0
for d in 2021 2021-06 2021-06-30 2021-06-30T14:05Z '2021-06-30 14:05:09+02:00' 06/30/2021 '06/30/2021 14:05' \
         2021-02-30 1899-12-31 2200-12-31T23:59-12:00; do
    printf '%s' "$d" >"$corpus/date/seed-$i"
    i=$((i + 1))
done

# Where a failure happened, from a libFuzzer log: the first frame of the
# reported stack that is not the sanitizers', libFuzzer's or libc's own (a
# timeout's stack starts in libc's signal return; an overflow in HDF5's
# copy starts in glibc's __memcpy_avx512_unaligned_erms, symbolized with
# its sysdeps/ source); "libhdf5" when that
# frame is in the HDF5 library (it also loops forever on some damaged
# global heaps: H5HG_read, a timeout).
where() { # LOG
    sed -n '/^==[0-9]*==ERROR\|^==[0-9]*== ERROR\|ERROR: libFuzzer/,$p' "$1" | grep -E '^ +#[0-9]+ ' |
        grep -vE '__interceptor_|in operator new|__asan|__sanitizer|__ubsan|__lsan|fuzzer::|in (malloc|calloc|realloc|free|memcpy|memmove|memset) |in __(mem|str)[a-z0-9_]* |/sysdeps/|/libc\.so' |
        head -1 | sed -E 's/.*libhdf5[^ ]*.*/libhdf5/'
}

status=0
for t in $targets; do
    kind=${t#fuzz_}
    args=(-rss_limit_mb=2048 -timeout=20 -print_final_stats=1)
    if [ "$kind" = results ]; then
        # HDF5 1.10 itself overflows buffers and loops on some damaged files
        # (its global heap: H5HG_read): a failure inside the library ends
        # one round, the next round goes on from a new seed, and only a
        # failure in portee's own code fails the run.
        budget=${seconds:-30} spent=0 seed=1 rounds=0 theirs=0 ours=0 runs=0
        while [ $spent -lt "$budget" ]; do
            t0=$(date +%s)
            (cd "$bin" && LSAN_OPTIONS=suppressions="$supp" ./$t "${args[@]}" -max_len=262144 -seed=$seed \
                -max_total_time=$((budget - spent)) "corpus/$kind" >"$t.log" 2>&1)
            rc=$?
            spent=$((spent + $(date +%s) - t0))
            n=$(grep -m1 '^stat::number_of_executed_units' "$bin/$t.log" | sed 's/.*: *//')
            runs=$((runs + ${n:-0}))
            rounds=$((rounds + 1))
            seed=$((seed + 1))
            [ $rc -eq 0 ] && break
            w=$(where "$bin/$t.log")
            if grep -q 'out-of-memory (used:' "$bin/$t.log"; then
                # libFuzzer's memory watchdog fired: its log shows the heap
                # at that moment, not the allocation that grew it.  The input
                # alone, replayed under a larger watchdog and a cap on one
                # allocation, says where the memory went.
                oom=$(ls "$bin"/oom-* 2>/dev/null | head -1)
                w="(the input that ran out of memory was not kept)"
                if [ -n "$oom" ]; then
                    (cd "$bin" && ./$t -rss_limit_mb=8192 -malloc_limit_mb=2048 -timeout=60 "$(basename "$oom")" \
                        >"$t.replay.log" 2>&1)
                    if [ $? -eq 0 ]; then
                        w="(the input alone passes: memory built up over the round)"
                    else
                        w=$(where "$bin/$t.replay.log")
                        cat "$bin/$t.replay.log" >>"$bin/$t.log"
                    fi
                fi
            fi
            if [ "$w" = libhdf5 ]; then
                theirs=$((theirs + 1))
                cp "$bin/$t.log" "$bin/libhdf5-$theirs.log"
                rm -f "$bin"/crash-* "$bin"/leak-* "$bin"/timeout-* "$bin"/oom-*
            else
                ours=1
                echo "$t: FAILED in: ${w:-(no stack)}; the end of $bin/$t.log:"
                tail -40 "$bin/$t.log"
                status=1
                break
            fi
        done
        [ $ours -eq 0 ] && echo "$t: $runs inputs in $rounds round(s), no failure in portee's code" \
            "$([ $theirs -gt 0 ] && echo "($theirs inside libhdf5 itself: $bin/libhdf5-*.log)")"
        continue
    fi
    if [ -n "$seconds" ]; then args+=(-max_total_time="$seconds")
    else args+=(-seed=1 -runs=10000); fi # deterministic: CI's run never flakes
    if (cd "$bin" && LSAN_OPTIONS=suppressions="$supp" ./$t "${args[@]}" -max_len=65536 "corpus/$kind" \
        >"$t.log" 2>&1); then
        echo "$t: $(grep -m1 '^stat::number_of_executed_units' "$bin/$t.log" | sed 's/.*: *//') inputs, no failure"
    else
        echo "$t: FAILED in: $(where "$bin/$t.log"); the end of $bin/$t.log:"
        tail -40 "$bin/$t.log"
        status=1
    fi
done
exit $status
