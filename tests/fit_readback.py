"""Reads a `portee fit` file of scenarios/org_adoption.csv back with h5py and
checks what sim/fit_io.h documents: root attributes, every dataset with units
and a description, and the numbers against each other: residuals, goodness of
fit, covariance and standard errors, band order, share-date summaries against
the stored draws (NumPy's quantiles are GSL's), after-horizon counts, and the
draws' log-scale covariance against the stored one (5 standard errors).  The
series was generated with p = 0.02, q = 0.40: the estimates must lie within 3
standard errors of them.  Either error model: with the increments (the
default), the fit starts from the first value, so 9 periods count, rss is the
sum of squared residuals over their variances v (recomputed here as
f(tau1)^2 times the integral of 1/f from tau0 to tau1, f the Bass density),
and the prediction bands are wider than the curve's after the last
observation, where they carry the process's noise on.
usage: fit_readback.py FILE.h5"""
import sys

import h5py
import numpy as np

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


with h5py.File(sys.argv[1], "r") as f:
    for name in ["portee_version", "kind", "model", "source", "seed", "draws", "rng", "threads",
                 "start_time", "host"]:
        check(name in f.attrs, f"root attribute {name}")
    check(f.attrs["kind"] == "fit" and f.attrs["model"] == "adoption", "kind and model")
    check(f.attrs["source"].endswith("org_adoption.csv"), "source CSV")
    draws = int(f.attrs["draws"])
    g = f["fit"]
    for name in ["time_name", "value_name", "value_units", "market_size", "origin", "origin_rule",
                 "time_step", "forecast_step", "horizon", "stop_reason", "redrawn"]:
        check(name in g.attrs, f"/fit attribute {name}")
    check(g.attrs["time_name"] == "year" and g.attrs["value_units"] == "share", "names from the header")
    inc = g.attrs["errors"] == "increments"
    check(g.attrs["errors"] in ("increments", "independent"), "errors attribute")
    n_used = 9 if inc else 10

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            check("units" in obj.attrs and len(obj.attrs["description"]) > 10, f"units, description: {name}")
    g.visititems(visit)

    obs = g["observed"][()]
    check(len(obs) == 10 and list(obs.dtype.names) == ["time", "value", "fitted", "residual"], "observed")
    check(np.allclose(obs["residual"], obs["fitted"] - obs["value"]), "residual = fitted - value")
    est = g["estimates"][()]
    names = [n.decode() for n in est["name"]]
    check(names == ["p", "q"], f"estimate names {names}")
    for n, truth in [("p", 0.02), ("q", 0.40)]:
        row = est[names.index(n)]
        check(abs(row["value"] - truth) <= 3 * row["se"], f"{n} = {row['value']} ± {row['se']}, truth {truth}")
        check(row["lo95"] < row["value"] < row["hi95"], f"{n} inside its interval")
    cov = g["covariance"][()]
    check(cov.shape == (2, 2) and np.allclose(cov, cov.T), "covariance symmetric")
    check(np.allclose(np.sqrt(np.diag(cov)), est["se"]), "se = sqrt(diag(covariance))")
    good = g["goodness"][()][0]
    sq = float(np.sum(obs["residual"] ** 2))
    rss = sq
    if inc:
        p, q = est["value"]
        b = p + q

        def tau(x):
            return (np.log1p(x * q / p) - np.log1p(-x)) / b

        def dens(x):
            e = np.exp(-b * x)
            return p * b * b * e / (p + q * e) ** 2

        y, tt = obs["value"], obs["time"]
        v = []
        for i in range(1, 10):
            x = np.linspace(tau(y[i - 1]), tau(y[i - 1]) + tt[i] - tt[i - 1], 20001)
            fx = 1 / dens(x)
            v.append(dens(x[-1]) ** 2 * float(np.sum((fx[1:] + fx[:-1]) / 2 * np.diff(x))))
        rss = float(np.sum(obs["residual"][1:] ** 2 / np.array(v)))
        check(abs(obs["residual"][0]) < 1e-12, "the first row only sets where the fit starts")
    check(good["n"] == n_used and good["dof"] == n_used - 2 and np.isclose(good["rss"], rss, rtol=1e-6),
          f"n, dof, rss ({good['rss']} and {rss})")
    check(np.isclose(good["residual_sd"], np.sqrt(rss / (n_used - 2)), rtol=1e-6)
          and np.isclose(good["rmse"], np.sqrt(sq / n_used)), "residual sd and RMSE")

    fc = g["forecast"]
    t, pred, curve = fc["time"][()], fc["prediction"][()], fc["curve"][()]
    step = g.attrs["forecast_step"]
    check(len(t) == len(pred) == len(curve) > 10 and len(t) <= 10001 and np.allclose(np.diff(t), step),
          "forecast grid: at most 10001 steps, forecast_step apart")
    ratio = step / g.attrs["time_step"]
    check(ratio >= 1 and abs(ratio - round(ratio)) < 1e-9, "forecast_step a whole number of time steps")
    check(t[-1] <= g.attrs["horizon"] + 1e-9, "grid ends at the horizon")
    q = ["p05", "p25", "p50", "p75", "p95"]
    check(all(np.all(pred[a] <= pred[b]) for a, b in zip(q, q[1:])), "prediction quantiles in order")
    check(np.all(pred["n"] == draws), "n = draws")
    later = t > obs["time"][-1] if inc else np.full(len(t), True)
    check(np.all((pred["p95"] - pred["p05"] > curve["p95"] - curve["p05"])[later]),
          "prediction bands wider than curve bands")

    sd = g["share_dates"]
    share, summ, after, dd = sd["share"][()], sd["summary"][()], sd["after_horizon"][()], sd["draws"][()]
    check(list(share) == [0.5, 0.9] and dd.shape == (2, draws), "shares and their draws")
    for i in range(2):
        x = dd[i]
        check(np.isclose(summ["mean"][i], x.mean()) and np.isclose(summ["sd"][i], x.std(ddof=1)), "date mean, sd")
        check(np.allclose([summ[k][i] for k in q], np.quantile(x, [0.05, 0.25, 0.5, 0.75, 0.95])), "date quantiles")
        check(after[i] == np.sum(x > g.attrs["horizon"]), "after-horizon count")

    pd, sdd = g["parameter_draws"][()], g["sd_draws"][()]
    check(pd.shape == (draws, 2) and np.all(pd > 0) and sdd.shape == (draws,), "parameter and sd draws")
    # given its noise sd, a draw's log parameters are normal around theta with
    # covariance_transformed scaled by (sd / residual_sd)²
    z = (np.log(pd) - g["theta"][()]) * (good["residual_sd"] / sdd)[:, None]
    ct = g["covariance_transformed"][()]
    lc = z.T @ z / draws
    se = np.sqrt((np.outer(np.diag(ct), np.diag(ct)) + ct ** 2) / draws)
    check(np.all(np.abs(lc - ct) <= 5 * se), "standardised draws' covariance = covariance_transformed")
    check(np.all(np.abs(z.mean(axis=0)) <= 5 * np.sqrt(np.diag(ct) / draws)), "draws centred on theta")
    u = (good["residual_sd"] / sdd) ** 2  # chi²(dof)/dof: mean 1, variance 2/dof
    check(abs(u.mean() - 1) <= 5 * np.sqrt(2 / good["dof"] / draws), "noise sd draws: chi²(dof)/dof has mean 1")

print(f"fit_readback: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
