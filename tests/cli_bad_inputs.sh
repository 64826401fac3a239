#!/usr/bin/env bash
# cli_bad_inputs.sh — bad scenarios through the portee command line: malformed
# and hostile YAML, keys, types, ranges, distributions, sweeps, sizes (bad
# files, paths and options: cli_bad_files.sh; both share bad_inputs_lib.sh).
#
#   bash tests/cli_bad_inputs.sh PATH_TO_PORTEE SOURCE_DIR
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


# The name's limit counts characters, not bytes: 200 accented letters (400
# bytes of UTF-8) are a valid name, 201 are not.
new_case
{ printf 'name: "%s"\nreplicates: 100\nreach:\n  followers: 100\n' "$(printf 'é%.0s' $(seq 200))"; } | put accents.yaml
(cd "$CASE" && "$PORTEE" validate accents.yaml >/dev/null 2>&1) && ok "200 accented characters are a valid name" ||
    not_ok "200 accented characters (400 bytes) refused as a name"
new_case
{ printf 'name: "%s"\nreplicates: 100\nreach:\n  followers: 100\n' "$(printf 'é%.0s' $(seq 201))"; } | put accents.yaml
expect "201 accented characters: a name too long" 2 "$(at accents.yaml 1)" "longer than 200 characters" \
    -- "$PORTEE" validate accents.yaml

# ---- malformed YAML -------------------------------------------------------

new_case
put indent.yaml <<'EOF'
name: x
reach:
  followers: 1000
   reach_rate: 0.05
EOF
expect "bad indentation: run, no results file" 2 "$(at indent.yaml 4)" "YAML syntax error" \
    -- "$PORTEE" run -q indent.yaml

new_case existing
put bracket.yaml <<'EOF'
name: x
reach:
  followers: [1000, 2000
  reach_rate: 0.05
seed: 3
EOF
# libyaml notices the missing ']' on line 4; line 3 (where it opened) is fine too.
expect "unclosed bracket, -o existing.h5 untouched" 2 "$(at bracket.yaml '3|4')" "flow sequence" \
    -- "$PORTEE" run -q bracket.yaml -o existing.h5

new_case
put brace.yaml <<'EOF'
name: x
reach:
  reach_rate: {dist: beta, mean: 0.05, sd: 0.01
EOF
expect "unclosed brace at end of file" 2 "$(at brace.yaml '3|4')" "flow mapping" \
    -- "$PORTEE" validate brace.yaml

new_case
printf 'name: x\nreach:\n\tfollowers: 1000\n' | put tab.yaml
expect "tab character in indentation" 2 "$(at tab.yaml 3)" "YAML syntax error" \
    -- "$PORTEE" validate tab.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n---\nreach:\n  followers: 5\n'; } | put twodocs.yaml
expect "multiple YAML documents" 2 "$(at twodocs.yaml 6)" "only one YAML document" \
    -- "$PORTEE" validate twodocs.yaml

new_case
printf -- '- reach\n- followers\n' | put list.yaml
expect "scenario is a list, not a mapping" 2 "$(at list.yaml 1)" "expected a mapping" \
    -- "$PORTEE" validate list.yaml

# ---- keys -----------------------------------------------------------------

new_case existing
{ valid_head; printf 'replicatez: 500\nreach:\n  followers: 1000\n'; } | put topkey.yaml
expect "unknown top-level key with suggestion, -o existing.h5 untouched" 2 "$(at topkey.yaml 4)" \
    "did you mean 'replicates'" -- "$PORTEE" run -q topkey.yaml -o existing.h5

new_case
{ valid_head; printf 'colour: blue\nreach:\n  followers: 1000\n'; } | put topkey2.yaml
expect "unknown top-level key without a near miss" 2 "$(at topkey2.yaml 4)" "unknown key 'colour'" \
    -- "$PORTEE" validate topkey2.yaml

new_case
{ valid_head; printf 'reach:\n  reach_rate: 0.05\n  follower: 1000\n'; } | put modelkey.yaml
expect "unknown model key with near-miss suggestion" 2 "$(at modelkey.yaml 6)" \
    "did you mean 'followers'" -- "$PORTEE" run -q modelkey.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: 0.05\n  followers: 2000\n'; } | put dup.yaml
expect "duplicate key" 2 "$(at dup.yaml 7)" "duplicate key 'followers'" \
    -- "$PORTEE" validate dup.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 10\n'; head -c 100000 /dev/zero | tr '\0' k; printf ': 1\n'; } | put longkey.yaml
expect "100,000-character key" 2 "$(at longkey.yaml 6)" "YAML syntax error" \
    -- "$PORTEE" validate longkey.yaml

# ---- types and ranges -----------------------------------------------------

new_case
{ valid_head; printf 'reach:\n  followers: lots\n'; } | put text.yaml
expect "text where a number is expected" 2 "$(at text.yaml 5)" "expected a number, got 'lots'" \
    -- "$PORTEE" validate text.yaml

new_case existing
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: "0.05"\n'; } | put quoted.yaml
expect "quoted number, -o existing.h5 untouched" 2 "$(at quoted.yaml 6)" "quoted text" \
    -- "$PORTEE" run -q quoted.yaml -o existing.h5

new_case
{ valid_head; printf 'reach:\n  followers:\n    - 1000\n    - 2000\n'; } | put listnum.yaml
expect "list where a number is expected" 2 "$(at listnum.yaml 6)" "got a list" \
    -- "$PORTEE" validate listnum.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: 1.5\n'; } | put prob.yaml
expect "probability out of range (reach_rate: 1.5)" 2 "$(at prob.yaml 6)" "1.5 is out of range" \
    -- "$PORTEE" validate prob.yaml

new_case
{ valid_head; printf 'reach:\n  followers: -1000\n'; } | put negative.yaml
expect "negative followers" 2 "$(at negative.yaml 5)" "out of range" \
    -- "$PORTEE" validate negative.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000.5\n'; } | put fraction.yaml
expect "non-integer followers (1000.5)" 2 "$(at fraction.yaml 5)" "whole number" \
    -- "$PORTEE" validate fraction.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1e400\n'; } | put inf.yaml
expect "number overflowing a double (1e400)" 2 "$(at inf.yaml 5)" "not a finite number" \
    -- "$PORTEE" validate inf.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 0x10\n'; } | put hex.yaml
expect "hexadecimal number (strtod would read it)" 2 "$(at hex.yaml 5)" "expected a number" \
    -- "$PORTEE" validate hex.yaml

new_case existing
{ valid_head; printf 'reach:\n  followers: 5000\n  reachable_population: 1000\n'; } | put pop.yaml
# Reported at the reach section (line 5) or at either parameter (lines 5, 6).
expect "followers larger than reachable_population, -o existing.h5 untouched" 2 "$(at pop.yaml '4|5|6')" \
    "must not exceed reachable_population" -- "$PORTEE" run -q pop.yaml -o existing.h5

new_case existing
{ valid_head; printf 'adoption:\n  horizon_years: 10\n  delay_years: 12\n'; } | put delay.yaml
# The adoption model's cross-check, reported at its section or either parameter.
expect "adoption: delay_years beyond horizon_years, -o existing.h5 untouched" 2 "$(at delay.yaml '4|5|6')" \
    "must not exceed horizon_years" -- "$PORTEE" run -q delay.yaml -o existing.h5

new_case
{ valid_head; printf 'adoption:\n  audience_initial: 1.2\n'; } | put share.yaml
expect "adoption: a share above 1 (audience_initial: 1.2)" 2 "$(at share.yaml 5)" "1.2 is out of range" \
    -- "$PORTEE" validate share.yaml

new_case
{ valid_head; printf 'adoption:\n  audience_p: 0\n  audience_initial: 0\n'; } | put never.yaml
expect "adoption: an audience that can never adopt" 2 "$(at never.yaml '4|5|6')" "would ever adopt" \
    -- "$PORTEE" validate never.yaml

new_case
printf 'name: x\nreplicates: 1e12\nreach:\n  followers: 1000\n' | put reps.yaml
expect "absurd replicate count in the file (1e12)" 2 "$(at reps.yaml 2)" "too large" \
    -- "$PORTEE" validate reps.yaml

new_case
printf 'name: x\nreplicates: 0\nreach:\n  followers: 1000\n' | put reps0.yaml
expect "zero replicates in the file" 2 "$(at reps0.yaml 2)" "at least 2" \
    -- "$PORTEE" validate reps0.yaml

new_case existing
expect "--replicates 1e12, -o existing.h5 untouched" 2 '^portee: error: .*replicates' "too large" \
    -- "$PORTEE" run -q --replicates 1e12 -o existing.h5

new_case existing
expect "--replicates 0, -o existing.h5 untouched" 2 '^portee: error: .*replicates' "at least 2" \
    -- "$PORTEE" run -q --replicates 0 -o existing.h5

new_case
expect "--seed -1" 2 '^portee: error: .*seed' "expected a whole number" \
    -- "$PORTEE" run -q --seed -1

# ---- boost model: ranges and cross-checks ----------------------------------

new_case existing
{ valid_head; printf 'boost:\n  target_size: 20000\n  budget: -5\n'; } | put budget.yaml
expect "boost: negative budget, -o existing.h5 untouched" 2 "$(at budget.yaml 6)" "boost.budget: -5 is out of range" \
    -- "$PORTEE" run -q budget.yaml -o existing.h5

new_case
{ valid_head; printf 'boost:\n  cpm: 0\n'; } | put cpm.yaml
expect "boost: zero CPM" 2 "$(at cpm.yaml 5)" "boost.cpm: 0 is out of range" \
    -- "$PORTEE" run -q cpm.yaml

new_case
{ valid_head; printf 'boost:\n  budget: 20\n  targeting_precision: 1.5\n'; } | put precision.yaml
expect "boost: targeting precision 1.5" 2 "$(at precision.yaml 6)" "boost.targeting_precision: 1.5 is out of range" \
    -- "$PORTEE" validate precision.yaml

new_case
{ valid_head; printf 'boost:\n  target_size: 0\n  follower_share: 0\n'; } | put target.yaml
expect "boost: target smaller than 1 person" 2 "$(at target.yaml 5)" "boost.target_size: 0 is out of range" \
    -- "$PORTEE" run -q target.yaml

new_case
{ valid_head; printf 'boost:\n  cpm: {dist: lognormal, median: 10, sigma: 0.4}\n'; } | put cpmdist.yaml
expect "boost: CPM lognormal without bounds (could draw 0)" 2 "$(at cpmdist.yaml 5)" "give min: and max:" \
    -- "$PORTEE" validate cpmdist.yaml

new_case
{ valid_head; printf 'boost:\n  followers: 500\n  target_size: 20000\n  follower_share: 0.04\n'; } | put share.yaml
# Reported at the boost section (line 4) or at a parameter (lines 5-7).
expect "boost: more followers in the target than the page has" 2 "$(at share.yaml '4|5|6|7')" \
    "must not exceed followers" -- "$PORTEE" validate share.yaml

new_case
{ valid_head; printf 'boost:\n  budget: 100000\n  cpm: 1\n  auction_noise: 1\n'; } | put noisy.yaml
# 1e8 impressions expected, 2.4e10 at the noise's 1e-9 quantile: refused, not clipped at 4e9.
expect "boost: auction noise could buy past the impression limit" 2 "$(at noisy.yaml '4|5|6|7')" \
    "1-in-10^9" -- "$PORTEE" validate noisy.yaml

# ---- distributions --------------------------------------------------------

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: {dist: betta, mean: 0.05, sd: 0.01}\n'; } | put betta.yaml
expect "unknown distribution 'betta' with suggestion" 2 "$(at betta.yaml 6)" "did you mean 'beta'" \
    -- "$PORTEE" validate betta.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate:\n    dist: beta\n    mean: 0.05\n'; } | put nosd.yaml
expect "distribution missing a field (beta without sd)" 2 "$(at nosd.yaml '6|7|8')" "needs 'sd'" \
    -- "$PORTEE" validate nosd.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  share_rate: {dist: beta, mean: 0.05, sd: 0.3}\n'; } | put widebeta.yaml
expect "beta with sd too large for its mean" 2 "$(at widebeta.yaml 6)" "needs sd <" \
    -- "$PORTEE" validate widebeta.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: {dist: normal, mean: 0.05, sd: 0.01}\n'; } | put normal.yaml
expect "unbounded normal on a probability" 2 "$(at normal.yaml 6)" "give min: and max:" \
    -- "$PORTEE" validate normal.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: {dist: lognormal, median: 0.05, sigma: 0.5}\n'; } | put lognormal.yaml
expect "lognormal on a probability" 2 "$(at lognormal.yaml 6)" "give min: and max: inside it" \
    -- "$PORTEE" validate lognormal.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\n  reach_rate: {mean: 0.05, sd: 0.01}\n'; } | put nodist.yaml
expect "mapping without a dist: key" 2 "$(at nodist.yaml 6)" "'dist:' key" \
    -- "$PORTEE" validate nodist.yaml

# ---- sweeps ---------------------------------------------------------------

new_case
{ valid_head; printf 'reach:\n  followers: 1000\nsweep:\n  reach.folowers: [500, 1000]\n'; } | put sweep.yaml
expect "sweep over an unknown parameter" 2 "$(at sweep.yaml 7)" "did you mean 'followers'" \
    -- "$PORTEE" validate sweep.yaml

new_case
{ valid_head; printf 'reach:\n  followers: 1000\nsweep:\n  audience.size: [1, 2]\n'; } | put sweepmodel.yaml
expect "sweep over an unknown model" 2 "$(at sweepmodel.yaml 7)" "no model is called 'audience'" \
    -- "$PORTEE" validate sweepmodel.yaml

new_case existing
{ valid_head; printf 'reach:\n  followers: 1000\nsweep:\n  page.followers: []\n'; } | put emptysweep.yaml
expect "empty sweep list, -o existing.h5 untouched" 2 "$(at emptysweep.yaml 7)" "list of values is empty" \
    -- "$PORTEE" run -q emptysweep.yaml -o existing.h5

# ---- hostile YAML ---------------------------------------------------------

new_case
{
    valid_head
    printf 'reach:\n  followers: '
    for _ in $(seq 100); do printf '['; done
    for _ in $(seq 100); do printf ']'; done
    printf '\n'
} | put deep.yaml
expect "100 nested flow sequences as a value" 2 "$(at deep.yaml 5)" "nesting deeper" \
    --timeout 10 -- "$PORTEE" validate deep.yaml

new_case
{ valid_head; printf 'reach:\n  followers: '; yes '{a: ' | head -n 100000 | tr -d '\n'; printf '\n'; } | put deeper.yaml
expect "100,000 unclosed nested '{a: ' mappings (no stack blow-up)" 2 "$(at deeper.yaml 5)" "nesting deeper" \
    --timeout 10 -- "$PORTEE" validate deeper.yaml

new_case
put bomb.yaml <<'EOF'
name: x
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
reach:
  followers: 1000
EOF
# 72 aliases: rejected at the 65th (line 9) or, at the latest, for key 'a'.
expect "billion-laughs alias bomb is rejected quickly" 2 "$(at bomb.yaml '[0-9]+')" "alias" \
    --timeout 10 -- "$PORTEE" validate bomb.yaml

new_case
# Under the alias cap (54 aliases, 9^6 leaves) but inside a key portee reads.
{
    valid_head
    printf 'reach:\n  followers: 1000\nsweep:\n  page.followers: [&a [1,1,1,1,1,1,1,1,1]'
    prev=a
    for lvl in b c d e f g; do
        printf ', &%s [' "$lvl"
        for k in 1 2 3 4 5 6 7 8 9; do
            [ "$k" -gt 1 ] && printf ','
            printf '*%s' "$prev"
        done
        printf ']'
        prev=$lvl
    done
    printf ']\n'
} | put smallbomb.yaml
expect "alias bomb under the alias cap, as sweep values" 2 "$(at smallbomb.yaml 7)" "expected a number" \
    --timeout 10 -- "$PORTEE" validate smallbomb.yaml

new_case
{ valid_head; printf 'reach: &r\n  followers: 1000\n  friends_median: *r\n'; } | put cycle.yaml
expect "alias referring to its own enclosing mapping" 2 "$(at cycle.yaml '4|5|6')" "friends_median" \
    --timeout 10 -- "$PORTEE" validate cycle.yaml

# ---- size known before a run ---------------------------------------------------

# 170 bytes that would write about 176 GB: validate says so and fails, run
# refuses before creating anything (output.max_size, 20 GB by default).
new_case existing
printf 'name: big\nreplicates: 2\nreach:\n  hours: 720\nsweep:\n  page.followers: {from: 100, to: 100000, steps: 1000}\n  reach.friends_median: {from: 10, to: 1000, steps: 1000}\noutput:\n  histogram_bins: 1000\n' | put big.yaml
expect "validate: a results file over output.max_size" 2 '^portee: error: ' "over output.max_size 20 GB" \
    -- "$PORTEE" validate big.yaml
expect "run: refused before anything is written, -o existing.h5 untouched" 2 '^portee: error: ' \
    "the results file could reach 176 GB" -- "$PORTEE" run -q big.yaml -o existing.h5
expect "a lower output.max_size refuses a smaller run" 2 '^portee: error: ' "over output.max_size 0.001 GB" \
    -- "$PORTEE" run -q --set output.max_size=0.001 -o existing.h5
# --resume of a file not there yet starts afresh: the same refusal (the Slurm
# scripts always pass --resume)
expect "--resume of a file not there yet: refused the same" 2 '^portee: error: ' "over output.max_size 0.001 GB" \
    -- "$PORTEE" run -q --set output.max_size=0.001 --resume -o fresh.h5
new_case
(cd "$CASE" && "$PORTEE" validate "$SRC/scenarios/default.yaml" >"$OUT/stdout" 2>&1) &&
    grep -qE '^  results file up to 12\.[0-9] MB \(12\.[0-9] MB of it replicates, stored compressed\), memory about [0-9.]+ MB$' "$OUT/stdout" &&
    ok "validate prints the results file's size and the memory" ||
    not_ok "validate prints the results file's size and the memory: $(cat "$OUT/stdout")"
new_case
printf 'name: x\nreach:\n  followers: 10\noutput:\n  max_size: -1\n' | put neg.yaml
expect "output.max_size below 0" 2 "$(at neg.yaml 5)" "output.max_size" -- "$PORTEE" validate neg.yaml

# The shipped scenarios validate: the cases above fail for their flaw alone.
bad_shipped=
for f in "$SRC"/scenarios/*.yaml; do
    [ -f "$f" ] || continue
    if ! "$PORTEE" validate "$f" >/dev/null 2>"$OUT/stderr"; then
        bad_shipped="$bad_shipped $(basename "$f")"
        sed 's/^/#   /' "$OUT/stderr"
    fi
done
if [ -z "$bad_shipped" ]; then
    ok "control: every shipped scenario in $SRC/scenarios validates"
else
    not_ok "control: shipped scenario(s) do not validate:$bad_shipped"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
