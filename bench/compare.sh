#!/usr/bin/env bash
# portee against its vectorised NumPy twins (bench/numpy_*.py), model by
# model, on one thread: portee's whole process (`portee run`, replicates not
# stored) and the twin's simulation alone, each the best of REPEAT runs, in
# replicates per second per core, and their ratio.  The twins draw from the
# same distributions (each checks itself against portee with --check).
# usage: bench/compare.sh PORTEE [SCALE (1)] [REPEAT (3)]
#   SCALE multiplies every model's replicate count (0.1 for a quick look).
#   PYTHON: a python3 with NumPy (default /usr/bin/python3: python3-numpy).
#   MODELS: an extended regular expression; only the models whose name
#   matches run (MODELS='boost|plan').
set -eu
portee=$(realpath "$1")
scale=${2:-1}
repeat=${3:-3}
py=${PYTHON:-/usr/bin/python3}
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
"$py" -c "import numpy" 2>/dev/null || { echo "compare.sh: $py has no NumPy (apt-get install python3-numpy)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'adoption:\n' >"$work/adoption.yaml"

# model | scenario | portee's extra settings | twin | replicates
models=(
    "reach (per post)|-|--set reach.hours=0|numpy_reach.py|2000000"
    "reach (72-hour curve)|-||numpy_curve.py|500000"
    "boost|$src/scenarios/boost_post.yaml||numpy_boost.py|200000"
    "adoption|$work/adoption.yaml||numpy_adoption.py|50000"
    "plan|$src/scenarios/two_platforms.yaml||numpy_plan.py|20000"
)

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "portee $("$portee" --version | head -1); $("$py" -c 'import numpy; print("NumPy", numpy.__version__)')"
printf '%-22s %10s %16s %16s %7s\n' model replicates "portee /s/core" "numpy /s/core" ratio
for m in "${models[@]}"; do
    IFS='|' read -r name scenario sets twin reps <<<"$m"
    [[ $name =~ ${MODELS:-.} ]] || continue
    n=$("$py" -c "print(max(1000, int($reps * $scale)))")
    args=(run -q --threads 1 --replicates "$n" --set output.replicates=false -o "$work/r.h5")
    [ "$scenario" != - ] && args+=("$scenario")
    # shellcheck disable=SC2206
    [ -n "$sets" ] && args+=($sets)
    best=
    for ((i = 0; i < repeat; i++)); do
        t0=$(date +%s%N)
        "$portee" "${args[@]}" >/dev/null 2>&1 || { echo "compare.sh: portee ${args[*]} failed" >&2; exit 1; }
        t=$(($(date +%s%N) - t0))
        [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
    done
    ours=$("$py" -c "print(round($n / ($best / 1e9)))")
    line=$("$py" "$here/$twin" "$n" | tail -1)
    theirs=$(sed -n 's/^numpy [^:]*: \([0-9.]*\) replicates\/s per core.*/\1/p' <<<"$line")
    ratio=$("$py" -c "print(f'{$ours / $theirs:.1f}x')")
    printf '%-22s %10s %16s %16s %7s\n' "$name" "$n" "$ours" "$theirs" "$ratio"
done
