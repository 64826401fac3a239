"""The numbers in each chart's .dat equal the HDF5 datasets they came from.
usage: plot_dat.py ALL.h5 ALL_CHART_DIR TWO_AXES.h5 TWO_AXES_CHART_DIR ADOPTION.h5 ADOPTION_CHART_DIR
                   BUDGET_SWEEP.h5 BUDGET_CHART_DIR"""
import sys

import h5py
import numpy as np

all_h5, all_dir, two_h5, two_dir, adopt_h5, adopt_dir, budget_h5, budget_dir = sys.argv[1:9]
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
                            ("weekly_reach", "weekly_unique_reach", 1)]:
        s = f[f"reach/series/{ds}"][0]
        d = dat(f"{all_dir}/{name}.dat")
        same(d[:, 0], first + np.arange(len(s)), f"{name} steps")
        same(d[:, 1:], bands(s), f"{name} bands")

    pts = f["points"][()]
    tot = f["reach/summary/total"][()]
    d = dat(f"{all_dir}/sweep.dat")
    same(d[:, 0], pts["reach.followers"].astype(float), "sweep x")
    same(d[:, 1:], bands(tot), "sweep bands")

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

with h5py.File(two_h5, "r") as f:
    tot = f["reach/summary/total"][()]
    d = dat(f"{two_dir}/sweep.dat")
    same(d[:, 2], tot["mean"], "heatmap means")

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
