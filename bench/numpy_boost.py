"""Reference for bench_boost: a vectorised NumPy twin of the boost model
(models/boost.c, boost_delivery.c) on scenarios/boost_post.yaml -- the default
page (1,000 followers, reach_rate 0.05, post_variability 50) boosting one post
with $20: CPM a lognormal (median 10, sigma 0.42) truncated to [2, 60] and drawn
per replicate, auction noise 0.2, a target of 20,000 people (precision 0.8,
800 followers in it), a spill population of 1,000,000, NBD exposure shape 1,
no cap, paid engagement 0.02, paid follow 0.01, lift over 52 weeks of 3 posts,
a 10-bin frequency histogram; the rest at the parameter table's defaults
(size_elasticity 0, weeks 0, adstock 0).  Every output is computed, the eleven
single values and the frequency series, with the model's distributions:
I = 1000 B / CPM x exp(s Z - s^2/2) rounded at random, paid at B / I before
rounding; Binomial(I, precision) impressions in the target; organic reach
Binomial(F, Beta(r k, (1 - r) k)) split over the audiences hypergeometrically;
the followers and the organically reached among the people a boost reaches
drawn hypergeometrically as in side_update(); followers gained, engagements
binomial.  Only the random streams differ (NumPy's PCG64 and samplers, not
portee's Philox); the distributions are the same.

Delivery.  With shape 1 the urn's allocation of x impressions over m people,
Dirichlet-multinomial(x; 1, ..., 1), is uniform over the C(x + m - 1, x)
allocations (Bose-Einstein), so its frequency table is exact as a chain of
hypergeometrics, as portee deals shape 1 too (its Poissonised table and
urn fix-up are for the other shapes): the people seen at least once, K1 ~ Hypergeometric(good m, bad x - 1, draws x)
(P(K1 = k) = C(m, k) C(x - 1, k - 1) / C(x + m - 1, x)); taking one exposure
from each of them leaves r1 = x - K1 impressions spread uniformly over the K1,
so K2 ~ Hypergeometric(K1, r1 - 1, r1) are seen twice or more, and so on up
to the last frequency bin (and the cap).  Exact, the same law as portee's,
about ten vectorised draws per audience.  Not covered (the scenario does not
use them; the script refuses them): exposure_shape other than 1 (uniform
delivery or another NBD shape has no such chain), campaigns (weeks > 0,
adstock) and their weekly series.  A frequency cap works (the chain gives the
capped deliveries, K1 + ... + Kc), though portee is not checked with one here.
Loops run only over the chain's levels (and CPM redraws outside [2, 60]),
across a batch of 50,000 replicates at once.  portee takes the same chain
for shape 1 (models/boost_delivery.c, deal_chain()), so the comparison is
like for like: the same chain of draws, each made by its own library's
samplers.
usage: /usr/bin/python3 bench/numpy_boost.py [REPLICATES] [--seed S] [--check FILE.json]
       /usr/bin/python3 bench/numpy_boost.py --draws
  REPLICATES         default 200000; timed best of 3, one thread, simulation only
  --draws            NumPy's cost of each kind of hypergeometric draw a replicate makes,
                     per element of a vectorised draw of 1,000,000 (bench_boost's last
                     lines time portee's on the same arguments)
  --check FILE.json  compare the means with portee's (`portee info R.h5 --format json`
                     of `portee run scenarios/boost_post.yaml`): one row per output and
                     frequency bin, the difference in combined standard errors; exit 1
                     when some |z| > 5.  One untimed run of REPLICATES, no speed line."""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import twin  # noqa: E402  (bench/twin.py: the twins' command line and timing)

# scenarios/boost_post.yaml; the others at the parameter table's defaults (models/boost.c, page.h)
BUDGET = 20.0
CPM_MEDIAN, CPM_SIGMA, CPM_MIN, CPM_MAX = 10.0, 0.42, 2.0, 60.0  # lognormal, truncated
AUCTION_NOISE = 0.2
TARGET, PRECISION, SPILL = 20000, 0.8, 1000000
SHAPE, CAP = 1.0, 0  # exposure_shape (only 1 here), frequency_cap (0 = none)
FOLLOWER_SHARE, FOLLOWERS = 0.04, 1000
REACH_RATE, POST_VARIABILITY = 0.05, 50.0
SIZE_ELASTICITY, SIZE_REFERENCE = 0.0, 1000.0
PAID_ENGAGEMENT, PAID_FOLLOW = 0.02, 0.01
POSTS_PER_WEEK, LIFT_WEEKS = 3.0, 52
WEEKS, ADSTOCK = 0, 0.0
MAX_FREQUENCY = 10
MAX_IMPRESSIONS = 4.0e9  # BOOST_MAX_IMPRESSIONS
BATCH = 50_000  # replicates simulated together: small enough to stay in cache (fastest here)

SCALARS = ("impressions", "spend", "paid_reach", "target_reach", "incremental_reach", "organic_reach",
           "total_reach", "cost_per_1000_incremental", "engagements", "followers_gained", "organic_lift")
MAIN = "incremental_reach"

if SHAPE != 1 or WEEKS != 0 or ADSTOCK != 0:
    sys.exit("numpy_boost: only exposure_shape 1 and one post (weeks 0, adstock 0) are reproduced")


def rate_at(followers):
    """portee_page_rate_at()."""
    if SIZE_ELASTICITY == 0:
        return REACH_RATE
    f = np.maximum(followers, 1.0)
    return np.minimum(REACH_RATE * (f / SIZE_REFERENCE) ** -SIZE_ELASTICITY, 1.0)


def truncated_lognormal(rng, n):
    """Lognormal(log median, sigma) truncated to [min, max]: redraw the ones outside."""
    lo, hi = math.log(CPM_MIN), math.log(CPM_MAX)
    z = rng.normal(math.log(CPM_MEDIAN), CPM_SIGMA, size=n)
    bad = np.flatnonzero((z < lo) | (z > hi))
    while bad.size:
        z[bad] = rng.normal(math.log(CPM_MEDIAN), CPM_SIGMA, size=bad.size)
        bad = bad[(z[bad] < lo) | (z[bad] > hi)]
    return np.exp(z)


def at_least(rng, m, x, levels):
    """x impressions dealt Dirichlet-multinomial(1, ..., 1) over m people:
    K[j - 1] = people seen j times or more, j = 1 .. levels (the chain of
    hypergeometrics of the docstring)."""
    n = x.size
    K = np.zeros((levels, n), dtype=np.int64)
    rows = np.flatnonzero(x > 0)
    good = np.full(rows.size, m, dtype=np.int64)
    left = x[rows]
    for j in range(levels):
        k = rng.hypergeometric(good, left - 1, left)
        K[j, rows] = k
        left = left - k
        keep = left > 0
        if not keep.all():
            rows, good, left = rows[keep], k[keep], left[keep]
            if rows.size == 0:
                break
        else:
            good = k
    return K


def simulate_batch(rng, n):
    T, S, F = TARGET, SPILL, FOLLOWERS
    F_in = int(math.floor(FOLLOWER_SHARE * T + 0.5))
    # organic (direct) reach of the same post, split over the two audiences
    rate = rate_at(float(F))
    p = rng.beta(rate * POST_VARIABILITY, (1 - rate) * POST_VARIABILITY, size=n) \
        if POST_VARIABILITY > 0 and 0 < rate < 1 else np.full(n, rate)
    organic = rng.binomial(F, p)
    organic_in = rng.hypergeometric(F_in, F - F_in, organic)
    # purchase
    cpm = truncated_lognormal(rng, n)
    bought = 1000 * BUDGET / cpm
    if AUCTION_NOISE > 0:
        bought *= np.exp(AUCTION_NOISE * rng.standard_normal(n) - 0.5 * AUCTION_NOISE ** 2)
    price = np.where(bought > 0, BUDGET / np.where(bought > 0, bought, 1), 0.0)
    bought = np.minimum(bought, MAX_IMPRESSIONS)
    f = np.floor(bought)
    bought = (f + ((bought > f) & (rng.random(n) < bought - f))).astype(np.int64)
    paid_in = rng.binomial(bought, PRECISION)
    # delivery: people seen at least j times, j = 1 .. levels, in each audience
    levels = max(MAX_FREQUENCY, CAP, 1)
    Kt = at_least(rng, T, paid_in, levels)
    Ks = at_least(rng, S, bought - paid_in, levels)
    if CAP > 0:
        got = Kt[:CAP].sum(axis=0) + Ks[:CAP].sum(axis=0)
        impressions = got
    else:
        impressions = bought
    blocked = bought - impressions
    spend = price * (bought - blocked)
    # who the boost reaches: followers, and the organically reached among them
    reach_in, reach_out = Kt[0], Ks[0]
    new_in = rng.hypergeometric(F_in, T - F_in, reach_in)
    over_in = rng.hypergeometric(organic_in, F_in - organic_in, new_in)
    F_out = F - F_in
    new_out = rng.hypergeometric(F_out, S - F_out, reach_out)
    over_out = rng.hypergeometric(organic - organic_in, F_out - (organic - organic_in), new_out)
    paid = reach_in + reach_out
    incremental = paid - over_in - over_out
    gained = rng.binomial(paid - new_in - new_out, PAID_FOLLOW)
    engagements = rng.binomial(paid, PAID_ENGAGEMENT)
    if SIZE_ELASTICITY == 0:
        lift = gained * rate
    else:
        lift = (F + gained) * rate_at(F + gained) - F * rate
    out = np.empty((len(SCALARS) + MAX_FREQUENCY, n))
    out[0] = impressions
    out[1] = spend
    out[2] = paid
    out[3] = reach_in
    out[4] = incremental
    out[5] = organic
    out[6] = organic + incremental
    out[7] = np.where(spend > 0, spend * 1000 / np.maximum(incremental, 1), 0.0)
    out[8] = engagements
    out[9] = gained
    out[10] = lift * POSTS_PER_WEEK * LIFT_WEEKS
    if MAX_FREQUENCY:
        top = CAP if 0 < CAP < MAX_FREQUENCY else MAX_FREQUENCY  # the bin of "top or more"
        K = Kt[:top] + Ks[:top]
        freq = out[len(SCALARS):]
        freq[:] = 0
        freq[:top - 1] = K[:top - 1] - K[1:top]
        freq[top - 1] = K[top - 1]
    return out


def simulate(rng, n):
    """n replicates in batches; returns (seconds simulating, count, means, variances) per output row."""
    secs, count, mean, m2 = 0.0, 0, None, None
    for s in range(0, n, BATCH):
        t0 = time.perf_counter()
        out = simulate_batch(rng, min(BATCH, n - s))
        secs += time.perf_counter() - t0
        nb = out.shape[1]
        mb = out.mean(axis=1)
        m2b = ((out - mb[:, None]) ** 2).sum(axis=1)
        if mean is None:
            count, mean, m2 = nb, mb, m2b
        else:  # Chan et al.'s pairwise update
            d = mb - mean
            tot = count + nb
            mean = mean + d * nb / tot
            m2 = m2 + m2b + d * d * count * nb / tot
            count = tot
    return secs, count, mean, m2 / (count - 1)


def names():
    return list(SCALARS) + [f"frequency[{j}]" for j in range(1, MAX_FREQUENCY + 1)]


def check(count, mean, var, path):
    with open(path) as fh:
        info = json.load(fh)
    models = info["models"]
    ref = models["boost"] if "boost" in models else next(iter(models.values()))
    if info.get("points", 1) != 1:
        print(f"note: {path} has {info['points']} points; comparing with the first", file=sys.stderr)
    refs = [ref[name]["points"][0] for name in SCALARS]
    if MAX_FREQUENCY:
        refs += ref["frequency"]["points"][0]
    worst = 0.0
    print(f"{'output':<26} {'twin mean':>14} {'portee mean':>14} {'z (SE)':>8}")
    for i, (name, pt) in enumerate(zip(names(), refs)):
        se_t = math.sqrt(var[i] / count)
        se_p = pt["sd"] / math.sqrt(pt["n"]) if pt.get("n") else pt["se"]
        d, se = mean[i] - pt["mean"], math.hypot(se_t, se_p)
        z = 0.0 if abs(d) <= 1e-12 * max(1.0, abs(pt["mean"])) else (d / se if se > 0 else math.inf)
        worst = max(worst, abs(z))
        print(f"{name:<26} {mean[i]:14.6g} {pt['mean']:14.6g} {z:8.2f}")
    print(f"worst |z| {worst:.2f} ({count} twin replicates, {refs[0]['n']} portee replicates)")
    return worst


# bench_boost's draws, one (good, bad, draws) at a time: NumPy's cost per
# element of a vectorised hypergeometric draw (the twin makes the same draws,
# a level of the chain at a time for all replicates at once)
DRAWS = [(800, 200, 60, "organic reach in the target"),
         (20000, 1099, 1100, "the target seen once or more"),
         (1050, 59, 60, "the target seen twice or more"),
         (1000000, 249, 250, "the spill seen once or more"),
         (800, 19200, 1100, "followers among the target reached"),
         (30, 770, 45, "organic reach among those followers")]


def per_draw(rng, size=1_000_000):
    rows = [(f"{what} ({good}, {bad}, {k})", (np.full(size, good), np.full(size, bad), np.full(size, k)))
            for good, bad, k, what in DRAWS]
    twin.per_draw(rng, rows, lambda g, good, bad, k: g.hypergeometric(good, bad, k), size)


def main(argv):
    if "--draws" in argv:
        per_draw(np.random.default_rng(2014))
        return 0
    n, seed, check_file = twin.args(argv, 200_000, __doc__)
    rng = np.random.default_rng(seed)
    if check_file:
        secs, count, mean, var = simulate(rng, n)
        return 1 if check(count, mean, var, check_file) > 5 else 0
    best = float("inf")
    for _ in range(3):
        secs, count, mean, var = simulate(rng, n)
        best = min(best, secs)
    twin.report("boost", n, best, f"mean {MAIN} {mean[SCALARS.index(MAIN)]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
