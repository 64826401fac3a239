"""Reference for bench_adoption: a vectorised NumPy twin of the adoption model
(models/adoption.c) with the parameter table's defaults -- the scenario
`adoption:` alone, as bench_adoption's first line runs it: 10,000 people and
300 organisations in two stochastic Bass diffusions (the organisations
coupled to the audience's share), monthly steps, 15 years, and a focal
organisation joining in year 0..5 (followers, reach and the cost of delay).
Every output is computed, the seven times and the nine series, with the
model's draws: Binomial(M - A, 1 - exp(-h dt)) per sub-step with the hazard
at the step's start, threshold times interpolated within the step, steps
past the horizon until all six times are known (censored at 100 years), and
the coupled follower draws (year j's new followers are year j-1's plus
Binomial(F[j-1] - F[j], pi)), so a replicate's adoption years share one
market exactly as in portee.  Only the random streams differ (NumPy's PCG64
and samplers, not portee's); the distributions are the same.  Loops run over
sub-steps only, across all replicates (and adoption years) at once; past the
horizon only the replicates whose times are still unknown step on.
usage: /usr/bin/python3 bench/numpy_adoption.py [REPLICATES] [--seed S] [--check FILE.json]
       /usr/bin/python3 bench/numpy_adoption.py --draws
  --check FILE.json  compare the means with portee's (`portee info R.h5 --format json`
                     of a run of `adoption:` with the defaults): one row per output, the
                     z of the difference in combined standard errors (series: the worst
                     step); exit 1 when some |z| > 5.
  --draws            NumPy's cost of each kind of binomial draw the model makes, per
                     element, beside bench_adoption's last lines for portee's."""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

import twin  # noqa: E402  (bench/twin.py: the twins' command line and timing)

# the parameter table's defaults (models/adoption.c, models/page.h)
M_A, P_A, Q_A, INIT_A = 10000, 0.03, 0.38, 0.0  # audience
M_O, P_O, Q_O, C_O, INIT_O = 300, 0.01, 0.3, 0.05, 0.0  # organisations, coupling
HORIZON, STEPS, DELAY = 15, 12, 5
FOLLOW_RATE, REACH_RATE, COMPETITION, POSTS_PER_WEEK = 0.03, 0.05, 0.6, 3.0
ENGAGEMENT, VISIT, CLIENT, CLIENT_VALUE = 0.04, 0.1, 0.02, 0.0
TIME_CAP = 100  # ADOPTION_TIME_CAP
THRESHOLDS = (0.1, 0.5, 0.9)
BATCH = 100_000  # replicates simulated together (memory: a few hundred bytes each)

SCALARS = ("audience_t10", "audience_t50", "audience_t90", "org_t10", "org_t50", "org_t90", "lag_t50")
SERIES = ("audience_share", "org_share", "org_new", "post_reach_rate", "delay_followers", "delay_reach",
          "delay_reach_lost", "delay_clients", "delay_revenue_lost")


def _crossings(t, a, before, m, t0, dt):
    """Record the thresholds first reached in the step [t0, t0 + dt]."""
    for i, x in enumerate(THRESHOLDS):
        level = x * m  # the C's threshold[i] * m, bit for bit
        hit = np.isnan(t[i]) & (a >= level)
        if hit.any():
            b = before[hit]
            t[i][hit] = t0 + dt * (level - b) / (a[hit] - b)


def _bass_step(rng, a, o, dt):
    """One sub-step of both populations (audience a, organisations o): the
    not yet adopted adopt with probability 1 - exp(-h dt), h the hazard at
    the step's start, the organisations' coupled to the audience's share."""
    ha = P_A + Q_A / M_A * a
    ho = P_O + Q_O / M_O * o + C_O / M_A * a
    return a + rng.binomial(M_A - a, -np.expm1(-ha * dt)), o + rng.binomial(M_O - o, -np.expm1(-ho * dt))


def _simulate_batch(rng, n):
    steps, dt = STEPS, 1.0 / STEPS
    end, cap = HORIZON * STEPS, TIME_CAP * STEPS
    follow = -math.expm1(-FOLLOW_RATE * dt)
    posts = POSTS_PER_WEEK * (365.25 / 7) * dt

    aud = np.full(n, math.floor(INIT_A * M_A + 0.5), dtype=np.int64)
    org = np.full(n, math.floor(INIT_O * M_O + 0.5), dtype=np.int64)
    t_aud = [np.full(n, np.nan) for _ in THRESHOLDS]
    t_org = [np.full(n, np.nan) for _ in THRESHOLDS]
    for t, x, m in ((t_aud, aud, M_A), (t_org, org, M_O)):  # reached by the initial share: time 0
        for i, thr in enumerate(THRESHOLDS):
            t[i][x >= thr * m] = 0.0

    out = {}
    aud_share = np.empty((n, HORIZON + 1))
    org_count = np.empty((n, HORIZON + 1))
    aud_share[:, 0] = aud / M_A
    org_count[:, 0] = org
    ny = DELAY + 1 if DELAY > 0 else 0
    # followers of the focal organisation and its reach so far, by adoption year (a row each)
    fol = np.zeros((ny, n), dtype=np.int64)
    reach = np.zeros((ny, n))
    pools = np.empty((ny, n), dtype=np.int64)

    # up to the horizon: every replicate steps
    for k in range(min(end, cap)):
        year = k // steps
        so = org / M_O
        if DELAY > 0:
            joined = min(year, DELAY) + 1
            f = fol[:joined]
            reach[:joined] += ((posts * REACH_RATE) * (1 - COMPETITION * so)) * f
            pool = pools[:joined]
            np.subtract(aud, f[0], out=pool[0])
            np.subtract(f[:-1], f[1:], out=pool[1:])
            new = rng.binomial(pool, follow)
            for j in range(1, joined):  # a cumulative sum: np.cumsum is slow across short rows
                new[j] += new[j - 1]
            f += new
        before_a, before_o = aud, org
        aud, org = _bass_step(rng, aud, org, dt)
        t0 = k * dt
        _crossings(t_aud, aud, before_a, M_A, t0, dt)
        _crossings(t_org, org, before_o, M_O, t0, dt)
        if (k + 1) % steps == 0:
            aud_share[:, year + 1] = aud / M_A
            org_count[:, year + 1] = org

    # past the horizon: only the replicates with a time still unknown
    idx = np.flatnonzero(np.isnan(t_aud[2]) | np.isnan(t_org[2]))
    a, o = aud[idx], org[idx]
    for k in range(end, cap):
        if idx.size == 0:
            break
        before_a, before_o = a, o
        a, o = _bass_step(rng, a, o, dt)
        t0 = k * dt
        for t, x, b, m in ((t_aud, a, before_a, M_A), (t_org, o, before_o, M_O)):
            for i, thr in enumerate(THRESHOLDS):
                level = thr * m
                ti = t[i]
                hit = np.isnan(ti[idx]) & (x >= level)
                if hit.any():
                    ti[idx[hit]] = t0 + dt * (level - b[hit]) / (x[hit] - b[hit])
        keep = np.isnan(t_aud[2][idx]) | np.isnan(t_org[2][idx])
        if not keep.all():
            idx, a, o = idx[keep], a[keep], o[keep]

    for name, t in (("audience", t_aud), ("org", t_org)):
        for i, x in enumerate(THRESHOLDS):
            out[f"{name}_t{round(100 * x)}"] = np.where(np.isnan(t[i]), float(TIME_CAP), t[i])
    out["lag_t50"] = out["org_t50"] - out["audience_t50"]
    out["audience_share"] = aud_share
    out["org_share"] = org_count / M_O
    out["org_new"] = np.diff(org_count, axis=1, prepend=0.0)
    out["post_reach_rate"] = REACH_RATE * (1 - COMPETITION * out["org_share"])
    if DELAY > 0:
        per_reach = ENGAGEMENT * VISIT * CLIENT
        reach = reach.T
        r0 = reach[:, :1]
        with np.errstate(invalid="ignore", divide="ignore"):
            out["delay_reach_lost"] = np.where(r0 > 0, 1 - reach / r0, 0.0)
        out["delay_followers"] = fol.T.astype(np.float64)
        out["delay_reach"] = reach
        out["delay_clients"] = reach * per_reach
        out["delay_revenue_lost"] = (r0 - reach) * per_reach * CLIENT_VALUE
    return out


def simulate(rng, n):
    parts = [_simulate_batch(rng, min(BATCH, n - s)) for s in range(0, n, BATCH)]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _z(mine, se_mine, theirs, se_theirs):
    se = math.hypot(se_mine, se_theirs)
    d = mine - theirs
    if abs(d) <= 1e-9 * max(1.0, abs(theirs)):  # equal up to rounding (a constant step)
        return 0.0
    return d / se if se > 0 else math.inf


def check(out, path):
    with open(path) as fh:
        ref = json.load(fh)["models"]["adoption"]
    worst = 0.0
    print(f"{'output':<20} {'twin mean':>14} {'portee mean':>14} {'z (SE)':>8}")
    for name in SCALARS:
        x = out[name]
        pt = ref[name]["points"][0]
        z = _z(x.mean(), x.std(ddof=1) / math.sqrt(x.size), pt["mean"], pt["se"])
        worst = max(worst, abs(z))
        print(f"{name:<20} {x.mean():14.6g} {pt['mean']:14.6g} {z:8.2f}")
    for name in SERIES:
        if name not in out or name not in ref:
            continue
        x = out[name]
        pts = ref[name]["points"][0]
        zs = [_z(x[:, s].mean(), x[:, s].std(ddof=1) / math.sqrt(x.shape[0]), p["mean"], p["se"])
              for s, p in enumerate(pts)]
        s = int(np.argmax(np.abs(zs)))
        worst = max(worst, abs(zs[s]))
        print(f"{name + f'[{s}]':<20} {x[:, s].mean():14.6g} {pts[s]['mean']:14.6g} {zs[s]:8.2f}"
              f"   (worst of {len(pts)} steps)")
    return worst


# bench_adoption's draws, one (n, p) at a time: NumPy's cost per element of
# a vectorised binomial draw (the twin makes the same draws, a step at a time
# for all replicates at once)
DRAWS = [(9000, 0.0025, "audience, early"), (5000, 0.018, "audience, midway"),
         (280, 0.003, "organisations"), (30, 0.0025, "a follower pool"),
         (3, 0.0025, "a follower pool")]


def per_draw(rng, size=2_000_000):
    rows = [(f"{what} (n {n}, p {p})", (np.full(size, n), np.full(size, p))) for n, p, what in DRAWS]
    twin.per_draw(rng, rows, lambda g, ns, ps: g.binomial(ns, ps), size)


def main(argv):
    if "--draws" in argv:
        per_draw(np.random.default_rng(2014))
        return 0
    n, seed, check_file = twin.args(argv, 50_000, __doc__)
    rng = np.random.default_rng(seed)
    if check_file:
        out = simulate(rng, n)
        worst = check(out, check_file)
        print(f"worst |z| {worst:.2f} ({n} twin replicates)")
        return 1 if worst > 5 else 0
    best, out = twin.best_of(simulate, rng, n)
    twin.report("adoption", n, best, f"mean lag_t50 {out['lag_t50'].mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
