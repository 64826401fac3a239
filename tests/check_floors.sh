#!/usr/bin/env bash
# The floors of docs/architecture.md, checked on the sources: a file may
# include headers of its own folder and of the floors below it, never of a
# floor above.  models/ stands beside the scenario floor: it sees the model
# interface and the numerics, and only plots/ and the command line see it.
# Usage: check_floors.sh SOURCE_DIR.  Prints every upward include; exit 1 if any.
set -u
cd "${1:?usage: check_floors.sh SOURCE_DIR}" || exit 2

floors=(sim/base sim/numeric sim/scenario sim/engine sim/results sim/run sim/fit plots sim/cli)
rank() { # the floor number of a folder, models/ as "beside 3" (m)
    local d=$1 i
    [ "$d" = models ] && { echo m; return; }
    for i in "${!floors[@]}"; do [ "${floors[$i]}" = "$d" ] && { echo "$i"; return; }; done
    echo "?"
}
allowed() { # may a file of folder $1 include a header of folder $2?
    local from to
    from=$(rank "$1"); to=$(rank "$2")
    [ "$from" = "?" ] || [ "$to" = "?" ] && return 1
    if [ "$to" = m ]; then [ "$from" = m ] || [ "$from" -ge 7 ]; return; fi
    if [ "$from" = m ]; then [ "$to" -le 2 ]; return; fi
    [ "$to" -le "$from" ]
}

bad=0 checked=0
while IFS= read -r file; do
    dir=$(dirname "$file")
    while IFS= read -r inc; do
        checked=$((checked + 1))
        target=$(dirname "$inc")
        if ! allowed "$dir" "$target"; then
            echo "$file includes \"$inc\": $dir may not use $target (docs/architecture.md)"
            bad=$((bad + 1))
        fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\/[^"]*\)".*/\1/p' "$file")
done < <(find sim models plots -name '*.[ch]' | sort)

if [ "$bad" -gt 0 ]; then
    echo "FAIL: $bad upward include(s)"
    exit 1
fi
echo "ok: $checked includes, every one on its own floor or below"
