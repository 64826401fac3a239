#!/usr/bin/env bash
# cli_bad_files.sh — bad files, output paths and options through the portee
# command line, info on bad files, and failures while running (bad
# scenarios: cli_bad_inputs.sh; both share bad_inputs_lib.sh).
#
#   bash tests/cli_bad_files.sh PATH_TO_PORTEE SOURCE_DIR
#
# Every case runs in its own empty folder under a fresh `mktemp -d` directory
# and asserts:
#   - the exact exit code (2 for bad input or usage, 1 only for failures that
#     genuinely happen while running);
#   - a located message on stderr: `portee: error: FILE:LINE:COL: ...` with the
#     right line for scenario problems, `portee: error: PATH: ...` for file
#     problems, the option's name for usage problems; and a key phrase;
#   - nothing was created, removed or changed in the case's folder: no results
#     file, no `*.tmp-*` file left behind, and a pre-existing `existing.h5`
#     given as `-o` is byte-identical afterwards.
# Prints `ok - ...` or `not ok - ...` (with what went wrong and the stderr
# seen) per case, then `N passed, M failed`; exits 1 if any case failed.
. "$(dirname "$0")/bad_inputs_lib.sh"

# ---- files that are not scenarios ------------------------------------------

new_case existing
: | put empty.yaml
expect "empty file runs no model, -o existing.h5 untouched" 2 "$(at empty.yaml 1)" "runs no model" \
    -- "$PORTEE" run -q empty.yaml -o existing.h5

new_case
head -c 4096 "$PORTEE" | put binary.yaml
# An ELF file starts with 0x7f, a control character.
expect "binary file (portee's own first 4 KiB)" 2 "$(at binary.yaml 1)" "control characters" \
    -- "$PORTEE" validate binary.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: 0.05  # caf\xe9 in Latin-1\n'; } | put latin1.yaml
expect "invalid UTF-8 on line 6 is reported on line 6" 2 "$(at latin1.yaml 6)" "UTF-8" \
    -- "$PORTEE" validate latin1.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 10\0 00\n'; } | put nul.yaml
expect "NUL byte on line 5 is reported on line 5" 2 "$(at nul.yaml 5)" "control characters" \
    -- "$PORTEE" validate nul.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n'; yes '# padding padding padding padding padding padding' | head -c 1100000; } | put huge.yaml
expect "scenario over the 1 MiB limit" 2 "$(at_path huge.yaml)" "larger than" \
    -- "$PORTEE" validate huge.yaml

new_case existing
expect "missing scenario file, -o existing.h5 untouched" 2 "$(at_path nope.yaml)" "cannot open" \
    -- "$PORTEE" run -q nope.yaml -o existing.h5

new_case
mkdir "$CASE/scen.yaml"
expect "directory given as scenario" 2 "$(at_path scen.yaml)" "is a directory" \
    -- "$PORTEE" run -q scen.yaml

# a FIFO would block the open until a writer comes: refused at once instead
for cmd in run validate; do
    new_case
    mkfifo "$CASE/pipe.yaml"
    expect "FIFO given as scenario to $cmd: refused, not waited on" 2 "$(at_path pipe.yaml)" \
        "not a regular file" --timeout 20 -- "$PORTEE" $cmd pipe.yaml
done

# -o naming a file portee did not write (the scenario itself, typically)
new_case
cp "$SRC/scenarios/default.yaml" "$CASE/page.yaml"
expect "-o the scenario itself: refused, the scenario untouched" 2 "$(at_path page.yaml)" \
    "not a portee results file" -- "$PORTEE" run -q --replicates 100 page.yaml -o page.yaml

# ---- output paths ---------------------------------------------------------

new_case
if [ -e /nonexistent-dir ]; then
    not_ok "-o /nonexistent-dir/x.h5 (cannot test: /nonexistent-dir exists)"
else
    expect "-o into a missing directory" 2 "$(at_path /nonexistent-dir/x.h5)" "cannot write" \
        -- "$PORTEE" run -q --replicates 100 -o /nonexistent-dir/x.h5
    if [ -e /nonexistent-dir ]; then not_ok "-o /nonexistent-dir/x.h5 created /nonexistent-dir"; fi
fi

new_case
mkdir "$CASE/outdir"
expect "-o a directory" 2 "$(at_path outdir)" "not a regular file" \
    -- "$PORTEE" run -q --replicates 100 -o outdir

new_case
expect "-o an empty path" 2 "$USAGE" "output path is empty" \
    -- "$PORTEE" run -q --replicates 100 -o ''

# ---- command-line usage ---------------------------------------------------

new_case existing
expect "unknown option, -o existing.h5 untouched" 2 "$USAGE" "unknown option '--bogus'" \
    -- "$PORTEE" run -q --bogus -o existing.h5

new_case
expect "--threads 0" 2 "$USAGE" "--threads" -- "$PORTEE" run -q --threads 0

new_case
expect "--threads abc" 2 "$USAGE" "got 'abc'" -- "$PORTEE" run -q --threads abc

new_case
expect "-o without a value" 2 "$USAGE" "needs a value" -- "$PORTEE" run -q -o

new_case
expect "--set without '='" 2 "$USAGE" "expected key.path=value" \
    -- "$PORTEE" run -q --set page.followers

new_case existing
expect "--set with a misspelt key, -o existing.h5 untouched" 2 '^portee: error: --set reach\.folowers' \
    "did you mean 'followers'" -- "$PORTEE" run -q --set reach.folowers=5000 -o existing.h5

new_case
expect "--set with malformed YAML as the value" 2 '^portee: error: --set page\.followers' \
    "YAML syntax error" -- "$PORTEE" run -q --set 'page.followers=[1,'

new_case
expect "--set into a single value" 2 '^portee: error: --set name\.x' "not a section" \
    -- "$PORTEE" run -q --set name.x=1

new_case
expect "--threads 99999" 2 "$USAGE" "--threads" -- "$PORTEE" run -q --threads 99999

new_case
expect "--replicates abc" 2 '^portee: error: .*replicates' "got 'abc'" -- "$PORTEE" run -q --replicates abc

new_case
expect "two scenarios" 2 "$USAGE" "one scenario at a time" -- "$PORTEE" run -q a.yaml b.yaml

new_case
expect "params for an unknown model" 2 "$USAGE" "no model is called 'rech'" -- "$PORTEE" params rech

new_case
expect "info --format without a value" 2 "$USAGE" "--format needs a value" -- "$PORTEE" info x.h5 --format

new_case
expect "validate without a scenario" 2 "$USAGE" "which scenario" -- "$PORTEE" validate

new_case
expect "unknown subcommand" 2 "$USAGE" "unknown command 'frobnicate'" -- "$PORTEE" frobnicate

new_case
expect "no subcommand at all" 2 '^usage: portee' "usage: portee COMMAND" -- "$PORTEE"

# ---- info on bad files ----------------------------------------------------

new_case
expect "info on a missing file" 2 "$(at_path missing.h5)" "cannot read" -- "$PORTEE" info missing.h5

new_case
printf 'name: this is YAML, not HDF5\n' | put notes.h5
expect "info on a non-HDF5 file" 2 "$(at_path notes.h5)" "not an HDF5 file" -- "$PORTEE" info notes.h5

new_case
: | put zero.h5
expect "info on an empty file" 2 "$(at_path zero.h5)" "HDF5" -- "$PORTEE" info zero.h5

new_case
mkdir "$CASE/dir.h5"
expect "info on a directory" 2 "$(at_path dir.h5)" "" -- "$PORTEE" info dir.h5

new_case
if [ "$HAVE_GOOD" = 1 ]; then
    cp "$FIX/trunc.h5" "$CASE/trunc.h5"
    expect "info on a truncated results file (first 2000 bytes)" 2 "$(at_path trunc.h5)" "" \
        -- "$PORTEE" info trunc.h5
else
    not_ok "info on a truncated results file (no results file to truncate)"
fi

new_case
cp "$FIX/good.h5" "$CASE/good.h5"
expect "info --format xml" 2 "$USAGE" "unknown format 'xml'" -- "$PORTEE" info good.h5 --format xml

new_case
if "$PY" -c 'import h5py, numpy' >/dev/null 2>&1; then
    "$PY" - "$CASE/foreign.h5" <<'EOF'
import sys, h5py, numpy
with h5py.File(sys.argv[1], "w") as f:
    f["points"] = numpy.arange(10.0)
    f.create_group("reach")["summary"] = numpy.zeros(3)
    f.attrs["creator"] = "not portee"
EOF
    expect "info on a foreign HDF5 file" 2 "$(at_path foreign.h5)" "not a portee results file" \
        -- "$PORTEE" info foreign.h5

    new_case
    "$PY" - "$CASE/lookalike.h5" <<'EOF'
import sys, h5py, numpy
with h5py.File(sys.argv[1], "w") as f:
    for k, v in {"seed": 1, "replicates": 10, "points": 1}.items():
        f.attrs[k] = numpy.uint64(v)
    f.attrs["portee_version"] = "0.1.0"
    f["points"] = numpy.zeros(1, dtype=[("point", "u8")])
    f.create_group("reach/summary")["total"] = numpy.zeros(1, dtype=[("n", "u8"), ("mean", "f8")])
EOF
    expect "info on a look-alike file whose summary lacks fields" 2 "$(at_path lookalike.h5)" \
        "not a portee summary table" -- "$PORTEE" info lookalike.h5
else
    echo "# skip - info on a foreign HDF5 file: h5py is not available under $PY"
fi

# ---- failures while running (exit 1) with -o existing.h5 -------------------

# ASan-instrumented binaries reserve terabytes of address space: no ulimit -v.
if grep -aq __asan_init "$PORTEE" 2>/dev/null; then
    echo "# skip - out of memory while running: $PORTEE is built with AddressSanitizer"
else
    new_case existing
    expect "out of memory while running (ulimit -v), -o existing.h5 untouched" 1 \
        '^portee: error: ' "out of memory" \
        -- bash -c 'ulimit -v 400000 && exec "$0" "$@"' "$PORTEE" run -q --threads 1 \
        --replicates 100000000 --set output.max_size=0 -o existing.h5
fi

new_case existing
# Writing past the file size limit: the kernel's SIGXFSZ (left at its default
# here, which kills) must not end portee silently with its temporary file
# left; the run fails with exit 1, says why, and cleans up.
expect "file size limit reached while running (ulimit -f), -o existing.h5 untouched" 1 \
    '^portee: error: .*existing\.h5' "file size limit reached" \
    -- bash -c 'trap - XFSZ; ulimit -f 100 && exec "$0" "$@"' "$PORTEE" run -q --threads 2 \
    --replicates 200000 -o existing.h5

# A run interrupted mid-way keeps its finished points beside existing.h5
# (never over it): tests/cli_parts.sh checks that and --resume.
new_case existing
printf 'replicates: 1000\nreach:\n  followers: 100\n  reachable_population: 1e9\n  hours: 0\nsweep:\n  page.followers: {from: 100, to: 100000, steps: 1000}\n  reach.friends_median: {from: 10, to: 1000, steps: 1000}\noutput:\n  replicates: false\n  histogram_bins: 2\n' | put grid.yaml
# A signal as soon as the temporary file exists, while a million-point
# results file is still being laid out: no point has finished, so nothing
# is kept and nothing is left behind.
expect "SIGTERM as soon as the temporary file appears, no temporary file left" '1|143' '' '' \
    -- bash -c '"$0" run -q grid.yaml -o existing.h5 & pid=$!
        for ((i = 0; i < 20000; i++)); do
            compgen -G "existing.h5.tmp-*" >/dev/null && break
            sleep 0.001
        done
        kill -TERM "$pid"
        wait "$pid"' "$PORTEE"

# ---- a good run still works after all that ---------------------------------

new_case existing
if (cd "$CASE" && timeout 60 "$PORTEE" run -q --replicates 50 -o existing.h5) >"$OUT/stdout" 2>"$OUT/stderr" &&
    ! cmp -s "$CASE/existing.h5" "$FIX/existing.h5" &&
    [ -z "$(cd "$CASE" && find . -name '*.tmp-*')" ] &&
    (cd "$CASE" && "$PORTEE" info existing.h5 >/dev/null 2>&1); then
    ok "control: a good run replaces existing.h5 and leaves no temporary file"
else
    not_ok "control: a good run replaces existing.h5 and leaves no temporary file"
    sed 's/^/#   /' "$OUT/stderr"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
