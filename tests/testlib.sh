# Shared by the command-line tests: a scratch folder, and ok/bad/check that
# count results; finish prints the closing "N passed, M failed" line.

# The python3 that imports h5py, as CMake found it (tests/CMakeLists.txt).
PY=${PORTEE_PYTHON3:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }

# Results files: same datasets (root attributes, which say how the run ran,
# left out), and one root attribute's value.
same_data() { h5diff -q --exclude-attribute / "$1" "$2" >/dev/null 2>&1; }
root_attr() { h5dump -a "/$2" "$1" 2>/dev/null | sed -n 's/^ *(0): *//p' | tr -d '"'; }

# signal_mid_run SIG PID OUT [DELAY]: once the run writing OUT has its
# temporary file and has had DELAY seconds (default 1) to finish points, sends
# SIG to PID and waits for it; sets rc (its exit status), stopped_ms (signal
# to exit) and kept_ms (signal to OUT's last change: the kept points written;
# -1 if no OUT).
signal_mid_run() {
    local sig=$1 pid=$2 out=$3 delay=${4:-1} i t0
    for ((i = 0; i < 30000; i++)); do
        compgen -G "$out.tmp-*" >/dev/null && break
        sleep 0.001
    done
    sleep "$delay"
    t0=$(date +%s%N)
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    stopped_ms=$((($(date +%s%N) - t0) / 1000000))
    kept_ms=-1
    [ -e "$out" ] && kept_ms=$((($(date -r "$out" +%s%N) - t0) / 1000000))
}

# interrupt_mid_run SIG OUT COMMAND...: runs COMMAND (stderr to err.txt) and
# signals it with signal_mid_run.  Points finish in batches, so on a loaded
# machine the signal may come before the first batch: portee then keeps
# nothing and says so, which says nothing about keeping points.  The run is
# then made again with twice the wait, up to five times; what is checked
# afterwards is always the outcome of a signal that came mid-run.
interrupt_mid_run() {
    local sig=$1 out=$2 delay=1 try
    shift 2
    for try in 1 2 3 4 5; do
        "$@" 2>err.txt &
        signal_mid_run "$sig" $! "$out" "$delay"
        grep -q "before any point finished" err.txt || return 0
        echo "# $sig after ${delay} s came before any point finished: again, waiting longer"
        delay=$((delay * 2))
    done
}

# ---- cases of a command that must refuse cleanly (the fit commands) --------
# fit_cases SECONDS COMMAND...: sets up ./fit, a program running COMMAND
# with the case's arguments and -o existing.h5 (a program, so timeout can run
# it), and the helpers below.  Each case runs in a fresh folder case$n_case
# holding existing.h5 (not a results file, but it must survive failed runs)
# and the files written by `put`.
fit_cases() {
    case_timeout=$1
    shift
    printf 'not a results file, but it must survive failed fits\n' >existing.fixture
    n_case=0
    { printf '#!/bin/sh\nexec'; printf ' "%s"' "$@"; printf ' "$@" -o existing.h5\n'; } >fit
    chmod +x fit
    fit=$PWD/fit
}

# expect DESC RC LOCATION PHRASE -- COMMAND...: runs COMMAND in the current
# case's folder; LOCATION is an extended regex one stderr line must match,
# PHRASE fixed text it must hold; the folder must not change (existing.h5
# untouched, no file left).
expect() {
    local desc=$1 want=$2 loc=$3 phrase=$4
    shift 5
    local dir=case$n_case before after rc problems=()
    before=$(cd "$dir" && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
    (cd "$dir" && timeout -k 5 "$case_timeout" "$@") >"$dir.out" 2>"$dir.err" </dev/null
    rc=$?
    after=$(cd "$dir" && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
    [ "$rc" -eq "$want" ] || problems+=("exit $rc, expected $want")
    grep -qE 'Sanitizer|runtime error:' "$dir.err" && problems+=("sanitizer report")
    grep -qE -- "$loc" "$dir.err" || problems+=("no stderr line matches /$loc/")
    grep -qF -- "$phrase" "$dir.err" || problems+=("stderr lacks \"$phrase\"")
    [ "$before" = "$after" ] || problems+=("the folder changed (existing.h5 modified, or a file left)")
    if [ ${#problems[@]} -eq 0 ]; then
        ok "$desc"
    else
        bad "$desc"
        printf '#   %s\n' "${problems[@]}"
        sed 's/^/#   stderr: /' "$dir.err" | head -5
    fi
}

# new_case: a fresh folder with existing.h5; put NAME < text writes a file there.
new_case() {
    n_case=$((n_case + 1))
    mkdir "case$n_case"
    cp existing.fixture "case$n_case/existing.h5"
}
put() { cat >"case$n_case/$1"; }
at() { printf '^portee: error: %s: ' "$1"; } # PATH[:LINE[:COL]] as a regex
