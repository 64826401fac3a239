#!/usr/bin/env bash
# Fuzzes the scenario loader, the series CSV reader and the date parser with
# libFuzzer (clang's -fsanitize=fuzzer, with AddressSanitizer and UBSan), each
# for SECONDS (default 30), starting from the shipped scenarios and CSVs.
# A crash, a leak, undefined behaviour or a broken promise of the target
# (tests/fuzz/fuzz_*.c) stops it, leaves the input as build-fuzz/tests/fuzz/crash-*, and
# exits non-zero: rerun with build-fuzz/tests/fuzz/fuzz_X crash-... to see it.
# usage: tests/fuzz/run.sh [SECONDS]      (from the source tree's top)
# Longer: tests/fuzz/run.sh 3600, or build-fuzz/tests/fuzz/fuzz_scenario -jobs=2 CORPUS/
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
if ! command -v clang >/dev/null; then
    echo "tests/fuzz/run.sh: clang is not installed (apt-get install clang libclang-rt-14-dev libomp-14-dev)" >&2
    exit 1
fi
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g -O1"
CC=clang cmake -S . -B build-fuzz -DPORTEE_FUZZ=ON -DPORTEE_MPI=OFF -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="$flags" >/dev/null
# clang warns where gcc does not (missing field initializers): the log keeps them
cmake --build build-fuzz -j2 --target fuzz_scenario fuzz_csv fuzz_date >build-fuzz/build.log 2>&1 ||
    { tail -30 build-fuzz/build.log; exit 1; }
bin=build-fuzz/tests/fuzz

corpus=$bin/corpus
mkdir -p "$corpus/scenario" "$corpus/csv" "$corpus/date"
cp scenarios/*.yaml "$corpus/scenario/"
cp scenarios/*.csv "$corpus/csv/"
i=0
for d in 2021 2021-06 2021-06-30 2021-06-30T14:05Z '2021-06-30 14:05:09+02:00' 06/30/2021 '06/30/2021 14:05' \
         2021-02-30 1899-12-31 2200-12-31T23:59-12:00; do
    printf '%s' "$d" >"$corpus/date/seed-$i"
    i=$((i + 1))
done
status=0
for t in scenario csv date; do
    # -rss_limit_mb: the loader refuses sizes before allocating, so 2 GB is a bug
    if (cd "$bin" && ./fuzz_$t -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 "corpus/$t" >"fuzz_$t.log" 2>&1); then
        echo "fuzz_$t: $(grep -m1 '^stat::number_of_executed_units' "$bin/fuzz_$t.log" | sed 's/.*: *//') inputs in $seconds s, no failure"
    else
        echo "fuzz_$t: FAILED; the end of $bin/fuzz_$t.log:"
        tail -40 "$bin/fuzz_$t.log"
        status=1
    fi
done
exit $status
