"""Checks a `portee export` CSV (and XLSX) against the results file it came
from, read with h5py: one row per point x output x step, every number the
file's rounded to 6 significant digits (quantiles of whole-number outputs
to whole numbers).  usage: export_check.py results FILE.h5 OUT.csv [OUT.xlsx]
                          french EN.csv FR.csv
                          fit FIT.h5 OUT.csv
Exit 1 with a message on the first difference."""
import csv
import math
import re
import sys
import zipfile


def fail(msg):
    print("export_check: " + msg)
    sys.exit(1)


def cround(v):
    """C's round(): halves away from zero (Python's round() goes to even)."""
    return math.floor(v + 0.5) if v >= 0 else -math.floor(-v + 0.5)


def r6(v):
    return float("%.5e" % v)


def same(a, b):
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def read_csv(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    return rows[0], rows[1:]


def expected_results(h5):
    """{(point, model, output, step or ''): summary row} from the file."""
    import h5py

    want = {}
    with h5py.File(h5, "r") as f:
        for model in f:
            if not isinstance(f[model], h5py.Group) or "summary" not in f[model]:
                continue
            g = f[model]
            for name, d in g["summary"].items():
                for p, s in enumerate(d[()]):
                    want[(p, model, name, "")] = s
            if "series" in g:
                for name, d in g["series"].items():
                    first = int(d.attrs.get("first_step", 0))
                    a = d[()]
                    for p in range(a.shape[0]):
                        for t in range(a.shape[1]):
                            want[(p, model, name, str(first + t))] = a[p, t]
    return want


def check_results(h5, path, xlsx=None):
    head, rows = read_csv(path)
    want = expected_results(h5)
    if len(rows) != len(want):
        fail("%s: %d rows, the file holds %d (points x outputs x steps)" % (path, len(rows), len(want)))
    col = {k: i for i, k in enumerate(head)}
    for k in ("point", "model", "output", "label", "unit", "step", "step kind", "n", "mean", "sd", "se",
              "p05", "p25", "p50", "p75", "p95"):
        if k not in col:
            fail("%s: no column %r in %r" % (path, k, head))
    seen = set()
    for row in rows:
        key = (int(row[col["point"]]), row[col["model"]], row[col["output"]], row[col["step"]])
        if key not in want:
            fail("%s: row %r is not in the file" % (path, key))
        if key in seen:
            fail("%s: row %r twice" % (path, key))
        seen.add(key)
        s = want[key]
        if int(row[col["n"]]) != int(s["n"]):
            fail("%s: %r: n %s, the file %d" % (path, key, row[col["n"]], s["n"]))
        for k in ("mean", "sd", "se"):
            if not same(float(row[col[k]]), r6(float(s[k]))):
                fail("%s: %r: %s %s, the file %r" % (path, key, k, row[col[k]], float(s[k])))
        qs = [float(row[col[k]]) for k in ("p05", "p25", "p50", "p75", "p95")]
        hs = [float(s[k]) for k in ("p05", "p25", "p50", "p75", "p95")]
        rounded = all(same(q, r6(h)) for q, h in zip(qs, hs))
        whole = all(q == cround(h) for q, h in zip(qs, hs))
        if not (rounded or whole):
            fail("%s: %r: quantiles %r, the file %r" % (path, key, qs, hs))
        for k in ("mean", "sd", "se", "p05", "p50", "p95"):
            if len(re.sub(r"[-.]", "", row[col[k]]).lstrip("0")) > 6:
                fail("%s: %r: %s %s has more than 6 significant digits" % (path, key, k, row[col[k]]))
    if xlsx:
        check_xlsx(xlsx, want, len(rows))


def check_xlsx(path, want, n_rows):
    z = zipfile.ZipFile(path)
    wb = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]*)"', wb)
    models = sorted({k[1] for k in want})
    if names[:-1] != models or names[-1] != "inputs":
        fail("%s: sheets %r, expected %r and inputs" % (path, names, models))
    total = 0
    for i, m in enumerate(models):
        x = z.read("xl/worksheets/sheet%d.xml" % (i + 1)).decode()
        rows = len(re.findall(r"<row ", x)) - 1  # the header
        if rows != sum(1 for k in want if k[1] == m):
            fail("%s: sheet %s has %d rows, the file %d" % (path, m, rows, sum(1 for k in want if k[1] == m)))
        total += rows
        if 'state="frozen"' not in x:
            fail("%s: sheet %s: the header is not frozen" % (path, m))
        # a number stored as a number: no t attribute (or t="n") and a <v>
        if not re.search(r'<c r="[A-Z]+2"( s="\d+")?( t="n")?><v>-?[0-9.eE+-]+</v></c>', x):
            fail("%s: sheet %s: no numeric cell in row 2" % (path, m))
    if total != n_rows:
        fail("%s: %d rows, the CSV %d" % (path, total, n_rows))
    inputs = z.read("xl/worksheets/sheet%d.xml" % (len(models) + 1)).decode()
    if len(re.findall(r"<row ", inputs)) < 3:
        fail("%s: the inputs sheet is nearly empty" % path)


def check_french(en, fr):
    he, re_ = read_csv(en)
    hf, rf = read_csv(fr, ";")
    if len(he) != len(hf) or len(re_) != len(rf):
        fail("%s: %d columns x %d rows, English %d x %d" % (fr, len(hf), len(rf), len(he), len(re_)))
    if he == hf:
        fail("%s: the headings are English" % fr)
    for a, b in zip(re_, rf):
        for x, y in zip(a, b):
            try:
                v = float(x)
            except ValueError:
                continue
            if "." in y or not same(float(y.replace(",", ".")), v):
                fail("%s: %r where English has %r" % (fr, y, x))


def check_fit(h5, path):
    import h5py

    head, rows = read_csv(path)
    with h5py.File(h5, "r") as f:
        est = f["fit/estimates"][()]
        n_obs = f["fit/observed"].shape[0]
        n_steps = f["fit/forecast/time"].shape[0]
        n_shares = f["fit/share_dates/share"].shape[0]
    want = len(est) + 5 + 2 * n_obs + 2 * n_steps + n_shares
    if len(rows) != want:
        fail("%s: %d rows, the fit file holds %d" % (path, len(rows), want))
    col = {k: i for i, k in enumerate(head)}
    for e in est:
        name = e["name"].decode() if isinstance(e["name"], bytes) else e["name"]
        row = [r for r in rows if r[col["output"]] == name]
        if len(row) != 1 or not same(float(row[0][col["mean"]]), r6(float(e["value"]))):
            fail("%s: estimate %s: %r, the file %r" % (path, name, row, float(e["value"])))


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "results":
        check_results(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    elif kind == "french":
        check_french(sys.argv[2], sys.argv[3])
    elif kind == "fit":
        check_fit(sys.argv[2], sys.argv[3])
    else:
        fail("unknown check " + kind)
