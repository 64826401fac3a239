#!/usr/bin/env python3
"""The English words left in French gnuplot scripts.

usage: gp_english.py USER_WORDS FILE.gp ...

Reads the texts a reader sees (titles, axis labels, labels, key entries,
tic labels: the single-quoted strings of `set title|xlabel|ylabel|y2label|
cblabel|label|xtics|ytics|x2tics|y2tics|cbtics|key title|multiplot`, and the
`title '...'` of plot commands), drops the user's own words (USER_WORDS:
texts separated by '|', such as the scenario's name or a CSV's column
names, in whatever language the user wrote them), and prints FILE: WORD for
each English word of the list below found there.  Exit status 1 if any.

The list holds the English words the charts use that French does not
share ("impressions", "budget", "engagements", "organisations" are French
too, so they are not in it)."""
import re
import sys

ENGLISH = set("""
the of and or to at in by for from with without per each every all one two
people person reach reached reaching followers follower share shares shared
sharing post posts week weeks weekly hour hours hourly year years yearly day
days month months mean median average band bands cost costs spend spent paid
incremental frequency times shown show audience lost joining join joined later
after before least most more less than what which how drives drive driven
higher lower input inputs sweep data forecast observed fit fitted chart
viral through seen saw see sees rate rates cumulative replicates simulated
futures growth new left right axis scale time delay curve curves target
campaign added gained lift organic unpaid platform platforms
""".split())

QUOTED = re.compile(r"'((?:[^']|'')*)'")
SHOWN = re.compile(r"^\s*(set\s+(title|[xy]2?label|cblabel|label|[xy]2?tics|cbtics|key\s+title|multiplot)\b)")
PLOT_TITLE = re.compile(r"\btitle\s+'((?:[^']|'')*)'")


def texts(line):
    if SHOWN.match(line):
        for m in QUOTED.finditer(line):
            yield m.group(1).replace("''", "'")
    elif re.match(r"^\s*(plot|splot|replot|'')|^\s+''", line) or "title '" in line:
        for m in PLOT_TITLE.finditer(line):
            yield m.group(1).replace("''", "'")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    user = [u for u in sys.argv[1].split("|") if u]
    found = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                for t in texts(line):
                    for u in user:
                        t = t.replace(u, "")
                    for w in re.findall(r"[A-Za-z]+", t):
                        if w.lower() in ENGLISH:
                            print(f"{path}: '{w}' in '{t}'")
                            found += 1
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
