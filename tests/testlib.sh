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
