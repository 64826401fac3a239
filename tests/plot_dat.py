"""The numbers in each chart's .dat equal the HDF5 datasets they came from.
usage: plot_dat.py ALL.h5 ALL_CHART_DIR TWO_AXES.h5 TWO_AXES_CHART_DIR ADOPTION.h5 ADOPTION_CHART_DIR
                   BUDGET_SWEEP.h5 BUDGET_CHART_DIR [SWEEP.h5 SWEEP_CHART_DIR line|heatmap|scatter]...
Each SWEEP triple names the shape its sweep charts must take; the shape is
worked out here again from /points, independently of portee."""
import itertools
import sys

import h5py
import numpy as np

all_h5, all_dir, two_h5, two_dir, adopt_h5, adopt_dir, budget_h5, budget_dir = sys.argv[1:9]
sweeps = [tuple(sys.argv[i:i + 3]) for i in range(9, len(sys.argv), 3)]
failed = []


def dat(path):
    return np.loadtxt(path, comments="#", ndmin=2)


def same(a, b, what):
    if a.shape != b.shape or not np.allclose(a, b, rtol=1e-12, atol=1e-12):
        failed.append(f"{what}: .dat {a.shape} differs from HDF5 {b.shape}")


def bands(s):
    return np.column_stack([s["mean"], s["p05"], s["p25"], s["p50"], s["p75"], s["p95"]])


def ranks(x):
    """average ranks, as GSL's Spearman uses"""
    order = np.argsort(x, kind="mergesort")
    r = np.empty(len(x))
    r[order] = np.arange(1, len(x) + 1)
    vals, inv = np.unique(x, return_inverse=True)
    sums = np.bincount(inv, weights=r)
    counts = np.bincount(inv)
    return (sums / counts)[inv]


with h5py.File(all_h5, "r") as f:
    for name, ds, first in [("hourly_reach", "hourly_reach", 0), ("weekly_followers", "weekly_followers", 1),
                            ("weekly_reach", "weekly_unique_reach", 1), ("cumulative_reach", "cumulative_reach", 1)]:
        s = f[f"reach/series/{ds}"][0]
        d = dat(f"{all_dir}/{name}.dat")
        same(d[:, 0], first + np.arange(len(s)), f"{name} steps")
        same(d[:, 1:], bands(s), f"{name} bands")

    s = f["reach/series/posts_seen"][0]
    d = dat(f"{all_dir}/posts_seen.dat")
    same(d[:, 0], np.arange(len(s)), "posts_seen: posts seen 0, 1, ...")
    same(d[:, 1:7], bands(s), "posts_seen bands")
    same(d[:, 7], 100 * s["mean"] / s["mean"].sum(), "posts_seen: share of the followers (%)")

    x = f["reach/replicates/total"][0]
    d = dat(f"{all_dir}/reach_distribution.dat")
    edges = np.concatenate([[d[1, 0]], d[1:, 1]])
    h, _ = np.histogram(x, bins=edges)
    same(d[1:, 2], 100 * h / len(x), "distribution shares")
    same(d[1:, 3], 100 * np.array([(x < e).sum() for e in edges[1:]]) / len(x), "distribution CDF")

    with open(f"{all_dir}/tornado.dat") as t:
        rows = [line.split() for line in t if not line.startswith("#")]
    for _, rho, name in rows:
        inp = f[f"reach/inputs/{name}"][0]
        want = np.corrcoef(ranks(inp), ranks(x))[0, 1]
        if abs(float(rho) - want) > 1e-9:
            failed.append(f"tornado {name}: {rho} vs {want}")


def first_seen(col):
    _, first = np.unique(col, return_index=True)
    return col[np.sort(first)]


def sweep_points(f):
    """axis names, values [points x axes], values of each axis in order, shape"""
    pts = f["points"][()]
    axes = [n for n in pts.dtype.names if n != "point"]
    vals = np.column_stack([pts[a].astype(float) for a in axes])
    design = f["points"].attrs.get("design", "grid")
    design = design.decode() if isinstance(design, bytes) else design
    levels = [first_seen(vals[:, a]) for a in range(len(axes))]
    full = np.array(list(itertools.product(*levels)), dtype=float)
    grid = design == "grid" and full.shape == vals.shape and np.array_equal(full, vals)
    varying = [a for a in range(len(axes)) if len(levels[a]) > 1]
    shape = "line" if grid and len(varying) == 1 else "heatmap" if grid and len(varying) == 2 else "scatter"
    return axes, vals, levels, varying, shape


def near_own_value(drawn, value, what):
    """a point moved sideways stays nearer its own value than any other"""
    u = np.unique(value)
    logx = u[0] > 0 and u[-1] / u[0] >= 20
    t = np.log10 if logx else (lambda x: x)
    nearest = u[np.abs(t(drawn)[:, None] - t(u)[None, :]).argmin(axis=1)]
    if not np.array_equal(nearest, value):
        failed.append(f"{what}: a point is drawn nearer another value than its own")


SWEEP_CHARTS = [("sweep", "reach", "total"), ("adoption_sweep", "adoption", "lag_t50"),
                ("boost_sweep", "boost", "incremental_reach")]


def check_sweep(h5, chart_dir, want):
    with h5py.File(h5, "r") as f:
        axes, vals, levels, varying, shape = sweep_points(f)
        outputs = {c: f[f"{m}/summary/{o}"][()] for c, m, o in SWEEP_CHARTS if f"{m}/summary/{o}" in f}
    if shape != want:
        failed.append(f"{h5}: the points make a {shape} here, the test expects a {want}")
    found = 0
    for chart, s in outputs.items():
        try:
            d = dat(f"{chart_dir}/{chart}.dat")
        except OSError:
            continue
        found += 1
        what = f"{h5} {chart} ({shape})"
        with open(f"{chart_dir}/{chart}.dat") as t:
            head = t.readline()
        if not head.startswith("#"):
            failed.append(f"{what}: no header naming the columns")
        if shape == "line":
            a = varying[0]
            order = np.argsort(vals[:, a], kind="stable")
            same(d[:, 0], vals[order, a], f"{what}: swept values, in increasing order")
            same(d[:, 1:], bands(s)[order], f"{what}: bands")
        elif shape == "heatmap":
            a0, a1 = varying
            n0, n1 = len(levels[a0]), len(levels[a1])
            same(d[:, 0], np.repeat(np.arange(n0), n1).astype(float), f"{what}: cell i")
            same(d[:, 1], np.tile(np.arange(n1), n0).astype(float), f"{what}: cell j")
            same(d[:, 2:4], vals[:, [a0, a1]], f"{what}: axis values")
            same(d[:, 4], s["mean"], f"{what}: means")
            same(d[:, 5:7], np.column_stack([s["p05"], s["p95"]]), f"{what}: p05, p95")
            same(d[:, 7], s["p95"] - s["p05"], f"{what}: band width p95 - p05")
            if not all(axes[a] in head for a in (a0, a1)) or "band_width" not in head:
                failed.append(f"{what}: the header does not name the axes and the band width")
        else:
            A = len(axes)
            same(d[:, :A], vals, f"{what}: each point's axis values")
            same(d[:, A:A + 3], np.column_stack([s["mean"], s["p05"], s["p95"]]), f"{what}: mean, p05, p95")
            for a in varying:
                near_own_value(d[:, A + 3 + a], vals[:, a], f"{what}: {axes[a]}")
            if not all(a in head for a in axes):
                failed.append(f"{what}: the header does not name every axis")
    if found == 0:
        failed.append(f"{chart_dir}: no sweep chart's .dat")


check_sweep(all_h5, all_dir, "line")
check_sweep(two_h5, two_dir, "heatmap")
for h5, chart_dir, want in sweeps:
    check_sweep(h5, chart_dir, want)

with h5py.File(adopt_h5, "r") as f:
    aud, org = f["adoption/series/audience_share"][0], f["adoption/series/org_share"][0]
    d = dat(f"{adopt_dir}/adoption_curves.dat")
    same(d[:, 0], np.arange(len(aud)), "adoption years")
    same(d[:, 1:7], 100 * bands(aud), "audience bands (%)")
    same(d[:, 7:13], 100 * bands(org), "organisations bands (%)")
    new = f["adoption/series/org_new"][0]
    orgs = f["adoption/parameters"][0]["organisations"]
    same(dat(f"{adopt_dir}/adoption_times.dat")[:, 1:], 100 / orgs * bands(new), "organisations joining (%)")
    d = dat(f"{adopt_dir}/cost_of_delay.dat")
    same(d[:, 1:7], bands(f["adoption/series/delay_followers"][0]), "cost of delay: followers")
    same(d[:, 7:13], bands(f["adoption/series/delay_reach"][0]), "cost of delay: reach")
    same(d[:, 13], 100 * f["adoption/series/delay_reach_lost"][0]["mean"], "cost of delay: share lost (%)")

with h5py.File(budget_h5, "r") as f:
    b = f["points"][()]["boost.budget"].astype(float)
    inc, tot = f["boost/summary/incremental_reach"][()], f["boost/summary/total_reach"][()]
    d = dat(f"{budget_dir}/budget_response.dat")
    same(d[:, 0], b, "budget-response budgets")
    same(d[:, 1:7], bands(tot), "budget-response total reach bands")
    same(d[:, 7:13], bands(inc), "budget-response incremental bands")
    same(d[:, 13], f["boost/summary/organic_reach"][()]["mean"], "budget-response organic mean")
    marginal = 1000 * np.diff(b) / np.diff(inc["mean"])
    same(d[1:, 15], marginal, "marginal cost per 1,000 more")
    d = dat(f"{budget_dir}/boost_cost.dat")
    cost = f["boost/summary/cost_per_1000_incremental"][()]
    paid = b > 0
    same(d[:, 1], b[paid], "cost chart budgets")
    same(d[:, 2:8], bands(cost)[paid], "cost per 1,000 incremental bands")
    spend = f["boost/summary/spend"][()]["mean"]
    same(d[:, 9], (1000 * spend / inc["mean"])[paid], "average cost: ratio of the means")
    freq = f["boost/series/frequency"][()]["mean"]
    reached = freq.sum(axis=1) > 0
    d = dat(f"{budget_dir}/boost_frequency.dat")
    same(d[:, 1:], (100 * freq[reached] / freq[reached].sum(axis=1, keepdims=True)).T, "frequency shares (%)")

for msg in failed:
    print("FAIL", msg)
sys.exit(1 if failed else 0)
