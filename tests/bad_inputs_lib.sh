# bad_inputs_lib.sh — what cli_bad_inputs.sh and cli_bad_files.sh share:
# their arguments, a scratch folder, the fixtures (a real results file to
# protect as -o existing.h5) and `expect`, which runs one case in an empty
# folder and checks its exit code, its located message, and that nothing in
# the folder was created, removed or changed.  Sourced, not run.
set -u

if [ $# -lt 2 ]; then
    echo "usage: bash tests/$(basename "$0") PATH_TO_PORTEE SOURCE_DIR" >&2
    exit 2
fi
PORTEE=$1
SRC=$2
PY=${PORTEE_PYTHON3:-python3} # the python3 that imports h5py (tests/CMakeLists.txt)
case $PORTEE in /*) ;; *) PORTEE=$PWD/$PORTEE ;; esac
case $SRC in /*) ;; *) SRC=$PWD/$SRC ;; esac
if [ ! -x "$PORTEE" ] || [ -d "$PORTEE" ]; then
    echo "$(basename "$0"): $PORTEE is not an executable" >&2
    exit 2
fi
if [ ! -f "$SRC/scenarios/default.yaml" ]; then
    echo "$(basename "$0"): $SRC does not look like the portee source tree" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/portee-bad-inputs.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
OUT=$WORK/.out    # stdout and stderr of the case being run
FIX=$WORK/.fixtures
mkdir -p "$OUT" "$FIX"
export OMP_NUM_THREADS=2

passed=0
failed=0
n_case=0
CASE=
HAS_EXISTING=0

# One line per case; details of a failure follow as `#` lines.
ok() {
    passed=$((passed + 1))
    echo "ok - $1"
}
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
}

# ERE-escape a file name for use in a location pattern.
re_escape() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# Location pattern of a scenario problem: `portee: error: FILE:LINE:COL: `.
# LINE may be an alternation such as `3|4`.
at() { printf '^portee: error: %s:(%s):[0-9]+: ' "$(re_escape "$1")" "$2"; }
# Location pattern of a file problem: `portee: error: PATH: `.
at_path() { printf '^portee: error: %s: ' "$(re_escape "$1")"; }
# Usage problems name no file: the message just has to be portee's.
USAGE='^portee: error: '

# ---- fixtures -------------------------------------------------------------

# A real results file, used as the pre-existing `-o` target and for `info`.
HAVE_GOOD=0
if (cd "$FIX" && "$PORTEE" run -q --replicates 100 --seed 7 -o good.h5) >"$OUT/stdout" 2>"$OUT/stderr" &&
    [ -s "$FIX/good.h5" ]; then
    HAVE_GOOD=1
    ok "setup: portee run -q --replicates 100 -o good.h5 writes a results file"
else
    not_ok "setup: portee run -q --replicates 100 -o good.h5 writes a results file"
    sed 's/^/#   /' "$OUT/stderr"
    # Still give the -o cases a file with known content to protect.
    printf 'not a results file, but it must survive failed runs\n' >"$FIX/good.h5"
fi
cp "$FIX/good.h5" "$FIX/existing.h5"
head -c 2000 "$FIX/good.h5" >"$FIX/trunc.h5"

# new_case [existing]: a fresh empty folder for the next case (cwd of the
# command); with `existing`, it holds existing.h5, a copy of good.h5.
new_case() {
    n_case=$((n_case + 1))
    CASE=$WORK/case$n_case
    mkdir -p "$CASE"
    HAS_EXISTING=0
    if [ "${1:-}" = existing ]; then
        cp "$FIX/existing.h5" "$CASE/existing.h5"
        HAS_EXISTING=1
    fi
}

# Writes stdin to FILE in the current case's folder.
put() { cat >"$CASE/$1"; }

# Every path in the case folder, with a checksum of every regular file.
snapshot() {
    (
        cd "$CASE" || exit 1
        find . -mindepth 1 | LC_ALL=C sort
        find . -type f -exec sha256sum {} + | LC_ALL=C sort
    )
}

signal_name() {
    local s
    s=$(kill -l "$1" 2>/dev/null) || s="signal $1"
    printf '%s' "$s"
}

# expect DESC RC LOCATION PHRASE [--timeout S] -- COMMAND...
#   Runs COMMAND in the case folder.  RC: the exact exit code wanted (or an
#   alternation such as 1|143).  LOCATION: an extended regex one stderr line
#   must match.  PHRASE: fixed text stderr must contain.  Empty: no check.
expect() {
    local desc=$1 want=$2 loc=$3 phrase=$4
    shift 4
    local tmo=60
    if [ "${1:-}" = --timeout ]; then
        tmo=$2
        shift 2
    fi
    if [ "${1:-}" = -- ]; then shift; fi

    local before after rc
    before=$(snapshot)
    # No exec: the subshell reports a crash ("Segmentation fault") into stderr.
    (cd "$CASE" && timeout -k 5 "$tmo" "$@"; exit $?) >"$OUT/stdout" 2>"$OUT/stderr" </dev/null
    rc=$?
    after=$(snapshot)

    local problems=()
    if [[ ! "$rc" =~ ^($want)$ ]] && [ "$rc" -eq 124 ]; then
        problems+=("timed out after ${tmo}s (exit 124), expected exit $want")
    elif [[ ! "$rc" =~ ^($want)$ ]]; then
        if [ "$rc" -gt 128 ]; then
            problems+=("exit $rc: killed by SIG$(signal_name $((rc - 128))), expected exit $want")
        else
            problems+=("exit $rc, expected $want")
        fi
    fi
    # A sanitizer report exits 1 too: it must not pass for a clean failure.
    if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|DEADLYSIGNAL' "$OUT/stderr"; then
        problems+=("sanitizer report on stderr")
    fi
    if [ -n "$loc" ] && ! grep -qE -- "$loc" "$OUT/stderr"; then
        problems+=("no stderr line matches the location pattern /$loc/")
    fi
    if [ -n "$phrase" ] && ! grep -qF -- "$phrase" "$OUT/stderr"; then
        problems+=("stderr does not contain \"$phrase\"")
    fi
    if [ "$HAS_EXISTING" = 1 ]; then
        if [ ! -f "$CASE/existing.h5" ]; then
            problems+=("existing.h5 was removed")
        elif ! cmp -s "$CASE/existing.h5" "$FIX/existing.h5"; then
            problems+=("existing.h5 was modified (sha256 $(sha256sum <"$CASE/existing.h5" | cut -c1-16)...)")
        fi
    fi
    local leftovers
    leftovers=$(cd "$CASE" && find . -name '*.tmp-*' | LC_ALL=C sort | tr '\n' ' ')
    if [ -n "$leftovers" ]; then problems+=("temporary file(s) left behind: $leftovers"); fi
    local new_h5
    new_h5=$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed -n 's/^> \(\.\/.*\.h5\)$/\1/p' | tr '\n' ' ')
    if [ -n "$new_h5" ]; then problems+=("results file(s) created: $new_h5"); fi
    if [ "$before" != "$after" ]; then
        problems+=("the case folder changed: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep '^[<>]' | head -5 | tr '\n' ' ')")
    fi

    if [ ${#problems[@]} -eq 0 ]; then
        ok "$desc"
    else
        not_ok "$desc"
        local p
        for p in "${problems[@]}"; do echo "#   $p"; done
        echo "#   command: (cd case$n_case && $(printf '%q ' "$@"))" | cut -c1-400
        echo "#   stderr:"
        head -c 3000 "$OUT/stderr" | sed 's/^/#     /'
    fi
}

# A scenario that is fine but for the line under test, for context.
valid_head() { printf 'name: "bad input"\nseed: 1\nreplicates: 100\n'; }
