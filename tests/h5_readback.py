"""Reads a results file back with h5py and checks what docs/results.md names:
provenance attributes, /scenario, /points, /reach summary, histogram and
replicate datasets with units, and that the summaries agree with the stored
replicates.  Also re-runs the stored /scenario text and gets the same data.
usage: h5_readback.py PORTEE"""
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

portee = sys.argv[1]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def run(*args):
    subprocess.run([portee, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


work = tempfile.mkdtemp()
out = os.path.join(work, "r.h5")
run("run", "-q", "--replicates", "4000", "--set", "sweep.page.followers=[500, 2000]",
    "--set", "page.engagement_rate={dist: beta, mean: 0.04, sd: 0.01}", "-o", out)
outputs = ["direct", "viral", "total", "engagements", "shares"]
fields = ["n", "mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"]

with h5py.File(out, "r") as f:
    for name in ["portee_version", "scenario_name", "scenario_source", "seed", "replicates", "points",
                 "rng", "threads", "ranks", "wall_time_s", "start_time", "host"]:
        check(name in f.attrs, f"root attribute {name}")
    check(int(f.attrs["replicates"]) == 4000 and int(f.attrs["points"]) == 2, "sizes")
    check(int(f.attrs["seed"]) == 2014, "seed of the default scenario")
    check("philox" in f.attrs["rng"], "rng named")
    scenario = f["scenario"][()].decode()
    check("followers" in scenario and "engagement_rate: {dist: beta" in scenario, "resolved scenario text")
    pts = f["points"][()]
    check(list(pts.dtype.names) == ["point", "page.followers"], f"points fields {pts.dtype.names}")
    check(list(pts["page.followers"]) == [500, 2000], "points values")
    for o in outputs:
        s = f[f"reach/summary/{o}"][()]
        check(list(s.dtype.names) == fields, f"{o}: summary fields")
        check(s.shape == (2,), f"{o}: one summary row per point")
        check(f[f"reach/summary/{o}"].attrs["units"] in ("people", "engagements", "shares"), f"{o}: units")
        d = f[f"reach/replicates/{o}"]
        check(d.shape == (2, 4000), f"{o}: replicates shape {d.shape}")
        check(d.chunks is not None and d.compression == "gzip", f"{o}: chunked and compressed")
        check("units" in d.attrs, f"{o}: replicate units")
        x = d[()]
        for p in range(2):
            row = s[p]
            check(row["n"] == 4000, f"{o}[{p}]: n")
            check(abs(row["mean"] - x[p].mean()) <= 1e-9 * (1 + abs(row["mean"])), f"{o}[{p}]: mean")
            check(abs(row["sd"] - x[p].std(ddof=1)) <= 1e-9 * (1 + row["sd"]), f"{o}[{p}]: sd")
            check(abs(row["se"] - row["sd"] / np.sqrt(4000)) <= 1e-12 * (1 + row["se"]), f"{o}[{p}]: se")
            q = np.quantile(x[p], [0.05, 0.25, 0.5, 0.75, 0.95])
            check(np.allclose([row["p05"], row["p25"], row["p50"], row["p75"], row["p95"]], q, rtol=0, atol=1e-9),
                  f"{o}[{p}]: quantiles {q}")
        counts = f[f"reach/histogram/{o}/counts"][()]
        edges = f[f"reach/histogram/{o}/edges"][()]
        check(counts.shape[0] == 2 and edges.shape[1] == counts.shape[1] + 1, f"{o}: histogram shapes")
        check(all(counts[p].sum() == 4000 for p in range(2)), f"{o}: histogram holds every replicate")
        for p in range(2):
            h, _ = np.histogram(np.clip(x[p], edges[p][0], edges[p][-1]), bins=edges[p])
            check((h == counts[p]).all(), f"{o}[{p}]: histogram matches numpy")
    total = f["reach/replicates/total"][()]
    direct = f["reach/replicates/direct"][()]
    viral = f["reach/replicates/viral"][()]
    check((total == direct + viral).all(), "total = direct + viral in every replicate")
    check(total[1].mean() > 3 * total[0].mean(), "4x the followers, much more reach")

    # The stored scenario reproduces the file's data.
    again = os.path.join(work, "again.yaml")
    with open(again, "w") as g:
        g.write(scenario)
    rerun = os.path.join(work, "again.h5")
    run("run", again, "-q", "-o", rerun)
    with h5py.File(rerun, "r") as g:
        for o in outputs:
            check((g[f"reach/replicates/{o}"][()] == f[f"reach/replicates/{o}"][()]).all(),
                  f"re-running /scenario reproduces {o}")

# Series, parameters and input draws.
plan = os.path.join(work, "plan.h5")
run("run", "-q", "--replicates", "300", "--set", "reach.hours=24", "--set", "reach.horizon_weeks=5",
    "--set", "reach.share_rate={dist: beta, mean: 0.01, sd: 0.004}", "-o", plan)
with h5py.File(plan, "r") as f:
    h = f["reach/series/hourly_reach"]
    check(h.shape == (1, 25) and list(h.dtype.names) == fields, f"hourly series {h.shape}")
    check(h.attrs["step"] == "hour" and int(h.attrs["first_step"]) == 0, "hourly step attributes")
    reps = f["reach/replicates/hourly_reach"][()]
    check(reps.shape == (1, 25, 300), f"hourly replicates {reps.shape}")
    check(np.allclose(h[0]["mean"], reps[0].mean(axis=1), rtol=0, atol=1e-9), "hourly means from replicates")
    check((np.diff(reps[0], axis=0) >= 0).all(), "every hourly curve is non-decreasing")
    for name in ["weekly_followers", "weekly_unique_reach", "weekly_impressions", "weekly_frequency",
                 "weekly_engagements", "weekly_new_followers", "weekly_lost_followers"]:
        w = f[f"reach/series/{name}"]
        check(w.shape == (1, 5) and w.attrs["step"] == "week" and int(w.attrs["first_step"]) == 1, f"{name}")
    params = f["reach/parameters"][()]
    check(params["followers"][0] == 1000 and abs(params["share_rate"][0] - 0.01) < 1e-12,
          "parameters: constants and a distribution's mean")
    draws = f["reach/inputs/share_rate"][()]
    check(draws.shape == (1, 300) and 0 < draws.min() and draws.max() < 1 and abs(draws.mean() - 0.01) < 0.002,
          "share_rate draws stored per replicate")
    check("reach_rate" not in f["reach/inputs"], "constants are not listed as inputs")

# A second model: /adoption, with series of two lengths and an uncertain input.
adopt_yaml = os.path.join(work, "adoption.yaml")
with open(adopt_yaml, "w") as g:
    g.write("seed: 5\nreplicates: 400\nadoption:\n  horizon_years: 12\n  delay_years: 4\n"
            "  org_q: {dist: pert, min: 0.2, mode: 0.3, max: 0.5}\n")
adopt = os.path.join(work, "adoption.h5")
run("run", adopt_yaml, "-q", "-o", adopt)
with h5py.File(adopt, "r") as f:
    check("reach" not in f, "only the scenario's model has a group")
    for o in ["audience_t10", "audience_t50", "audience_t90", "org_t10", "org_t50", "org_t90", "lag_t50"]:
        s = f[f"adoption/summary/{o}"]
        check(s.shape == (1,) and s.attrs["units"] == "years", f"adoption {o}: summary")
        x = f[f"adoption/replicates/{o}"][()]
        check(x.shape == (1, 400) and abs(s[0]["mean"] - x[0].mean()) <= 1e-9 * (1 + abs(x[0].mean())),
              f"adoption {o}: replicates and their mean")
    for o, n, step in [("audience_share", 13, "year"), ("org_share", 13, "year"), ("org_new", 13, "year"),
                       ("post_reach_rate", 13, "year"), ("delay_followers", 5, "adoption year"),
                       ("delay_reach", 5, "adoption year"),
                       ("delay_reach_lost", 5, "adoption year")]:
        d = f[f"adoption/series/{o}"]
        check(d.shape == (1, n) and d.attrs["step"] == step and int(d.attrs["first_step"]) == 0,
              f"adoption {o}: {n} steps of '{step}' from 0 (got {d.shape}, {d.attrs['step']})")
        x = f[f"adoption/replicates/{o}"][()]
        check(x.shape == (1, n, 400), f"adoption {o}: replicates {x.shape}")
        check(np.allclose(d[0]["mean"], x[0].mean(axis=1), rtol=1e-12, atol=1e-12), f"adoption {o}: means")
    new = f["adoption/replicates/org_new"][()][0]
    share = f["adoption/replicates/org_share"][()][0]
    check(np.allclose(np.cumsum(new, axis=0), share * 300, atol=1e-9), "org_new adds up to the adopted count")
    check(f["adoption/inputs/org_q"].shape == (1, 400), "org_q draws stored per replicate")

# A sampled design: /points holds each point's values and names the design;
# the stored scenario samples the same points again.
lhs_yaml = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "sampled_sweep.yaml")
lhs = os.path.join(work, "lhs.h5")
run("run", lhs_yaml, "-q", "--replicates", "200", "-o", lhs)
with h5py.File(lhs, "r") as f:
    pts = f["points"][()]
    check(f["points"].attrs["design"] == "latin", "/points names its design")
    check(list(pts.dtype.names) == ["point", "page.followers", "page.reach_rate", "reach.share_rate"]
          and pts.shape == (64,) and int(f.attrs["points"]) == 64, f"latin points {pts.dtype.names} {pts.shape}")
    fol = pts["page.followers"]
    check((fol == np.round(fol)).all() and fol.min() >= 100 and fol.max() <= 100000, "followers: whole, in range")
    for name, lo, hi in [("page.reach_rate", 0.02, 0.10), ("reach.share_rate", 0.002, 0.03)]:
        strata = np.floor((pts[name] - lo) / (hi - lo) * 64).astype(int)
        check(sorted(strata) == list(range(64)), f"{name}: one point in each of 64 strata")
    params = f["reach/parameters"][()]
    check((params["followers"] == fol).all() and (params["reach_rate"] == pts["page.reach_rate"]).all(),
          "each point ran with its sampled parameters")
    again = os.path.join(work, "lhs_again.yaml")
    with open(again, "w") as g:
        g.write(f["scenario"][()].decode())
    rerun = os.path.join(work, "lhs_again.h5")
    run("run", again, "-q", "-o", rerun)
    with h5py.File(rerun, "r") as g:
        check((g["points"][()] == pts).all(), "re-running /scenario samples the same points")
        check((g["reach/summary/total"][()] == f["reach/summary/total"][()]).all(), "and gets the same summaries")

# Summaries only.
small = os.path.join(work, "small.h5")
run("run", "-q", "--replicates", "100", "--set", "output.replicates=false", "-o", small)
with h5py.File(small, "r") as f:
    check("replicates" not in f["reach"], "output.replicates=false drops per-replicate data")
    check("summary" in f["reach"], "summaries still there")

print(f"h5_readback: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
