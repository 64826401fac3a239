"""Reference for portee's reach model with its hourly curve: a vectorised NumPy
"twin" of what `portee run` does with no scenario (scenarios/default.yaml, the
model's default hours = 72), to compare throughput per core on the same machine.

The model (models/reach.c, reach_post.c, reach_time.c; docs/models.md, reach):
a post's own rate p ~ Beta(r k, (1-r) k), direct reach D ~ Binomial(F, p); each
person newly reached shares with probability s; a sharer has
min(round(m e^{sigma Z}), min(max_friends, N)) friends, each seeing the share
with probability rho; sharer by sharer, a friend who sees it is new with
probability A/N (A: people reached so far, updated after every sharer, as
portee does); generations until nobody new, A = N or max_generations, people
of a stopped last generation still get their share draws; engagements
~ Binomial(total, e).  Over time, a person of generation g (direct reach is
generation 0) arrives after an Erlang(g + 1, tau) delay; hourly_reach[h], h =
0..72, counts the people arrived by hour h (later ones are off the curve).

Outputs: direct, viral, total, engagements, shares, cascade_R (a constant,
s x E[min(f, cap)] x rho), cascade_cut, and the series hourly_reach[0..72].
Same distributions as portee, not the same random streams.  How they are
drawn differs: direct reach by inverse CDF from the tabulated beta-binomial pmf
(portee: the same pmf as an alias table, split by "some direct viewer shares");
a sharer's friends seeing the share as a rounded lognormal then a binomial
(portee: a tabulated compound pmf and its tail); each person's Erlang arrival
time as a float32 exponential (g = 0), a sum of g + 1 exponentials (g < 4) or a
gamma variate, rounded up to the hour and counted per replicate with bincount
(portee: alias tables of the hour of arrival, or hour-by-hour binomials for
large generations).  Not implemented: portee's many-sharers path (more than
1,024 sharers in one generation: friends' views pooled, occupancy mean); with
1,000 followers and s = 0.01 no generation comes near it.  The population and
max_generations stops are implemented (checked against portee with --set
reach.reachable_population / max_generations / share_rate by changing the
constants below), though the default never reaches them (cascade_cut = 0).
cascade_R is the closed form portee outputs, not simulated.  The timed part
includes reducing each batch to sums and sums of squares (portee summarises
too, and also writes every replicate to HDF5; the twin keeps nothing per
replicate).

usage: /usr/bin/python3 bench/numpy_curve.py [REPLICATES]
       /usr/bin/python3 bench/numpy_curve.py [REPLICATES] --check INFO.json
  INFO.json: `portee info RESULTS.h5 --format json` of a default run; prints
  twin mean, portee mean and z = difference / combined SE for every single-value
  output and hourly_reach at a few hours; exit 1 if any |z| > 5 (every hour
  counts)."""
import json
import math
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

import twin  # noqa: E402  (bench/twin.py: the twins' command line and timing)

F, r, kappa, s, e = 1000, 0.05, 50.0, 0.01, 0.04
median, sigma, max_friends, fr, N = 200.0, 1.0, 5000, 0.05, 100000
max_gen, H, tau = 50, 72, 3.0
cap = min(max_friends, N)
BATCH = 4096  # replicates at once: keeps the hour counts in cache
assert BATCH * (H + 2) < 2**24  # (hour, replicate) indices are exact in float32
SINGLE = ["direct", "viral", "total", "engagements", "shares", "cascade_R", "cascade_cut"]


def cascade_R():
    """s x E[min(m e^{sigma Z}, cap)] x rho (reach_post.c, portee_reach_friend_moments)."""
    u = math.log(cap / median) / sigma
    phi = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))  # noqa: E731
    ef = median * math.exp(0.5 * sigma * sigma) * phi(u - sigma) + cap * (1 - phi(u))
    return s * ef * fr


R_CONST = cascade_R()


def direct_cdf():
    """CDF of direct reach D ~ BetaBinomial(F; r k, (1-r) k), D = 0..F, from the
    pmf's ratio w(d+1)/w(d) (as reach.c's betabinomial_table)."""
    a, b = r * kappa, (1 - r) * kappa
    w = np.empty(F + 1)
    w[0] = 1.0
    for d in range(F):
        w[d + 1] = w[d] * ((F - d) * (d + a)) / ((d + 1) * (F - d - 1 + b))
    c = np.cumsum(w)
    return c / c[-1]


DIRECT_CDF = direct_cdf()


def simulate_batch(rng, B):
    direct = np.searchsorted(DIRECT_CDF, rng.random(B), side="right")  # beta-binomial
    reached = direct.copy()
    viral = np.zeros(B, np.int64)
    shares = np.zeros(B, np.int64)
    cut = np.zeros(B, np.int64)
    gens = [(np.arange(B), direct)]  # each generation's (replicates, people)
    rows = np.flatnonzero(direct)  # replicates with people still to share
    fresh = direct[rows]
    for _ in range(max_gen):
        if rows.size == 0:
            break
        full = reached[rows] >= N  # nobody left to reach: last share draws
        if full.any():
            shares[rows[full]] += rng.binomial(fresh[full], s)
            rows, fresh = rows[~full], fresh[~full]
        k = rng.binomial(fresh, s)
        shares[rows] += k
        m = k > 0
        rows, k = rows[m], k[m]
        if rows.size == 0:
            break
        friends = np.floor(rng.lognormal(np.log(median), sigma, size=int(k.sum())) + 0.5)
        np.minimum(friends, cap, out=friends)
        seen = rng.binomial(friends.astype(np.int64), fr)
        first = np.cumsum(k) - k  # each replicate's first sharer in `seen`
        A = reached[rows]
        new = np.zeros(rows.size, np.int64)
        sel, j = np.arange(rows.size), 0
        while sel.size:  # sharer j of every replicate with more than j sharers
            v = seen[first[sel] + j]
            a = A[sel]
            add = np.minimum(v - rng.binomial(v, a / N), N - a)
            A[sel] = a + add
            new[sel] += add
            j += 1
            sel = sel[k[sel] > j]
        reached[rows] = A
        viral[rows] += new
        m = new > 0
        rows, fresh = rows[m], new[m]
        gens.append((rows, fresh))
    if rows.size:  # stopped by max_generations
        shares[rows] += rng.binomial(fresh, s)
        cut[rows] = reached[rows] < N
    total = direct + viral
    engagements = rng.binomial(total, e)
    single = [direct, viral, total, engagements, shares, None, cut]

    # hour of arrival of every person: Erlang(g + 1, tau), rounded up; H + 1 =
    # later.  Counted by (hour, replicate), as float32: exact below 2^24.
    people = np.empty(int(total.sum()), np.float32)
    at = 0
    for g, (rw, n) in enumerate(gens):
        if rw.size == 0:
            continue
        t = people[at : at + int(n.sum())]
        at += t.size
        if g == 0:
            rng.standard_exponential(dtype=np.float32, out=t)
        elif g < 4:  # a sum of g + 1 exponentials: faster than a gamma variate
            np.sum(rng.standard_exponential((g + 1, t.size), dtype=np.float32), axis=0, out=t)
        else:
            rng.standard_gamma(g + 1.0, dtype=np.float32, out=t)
        t *= np.float32(tau)
        np.ceil(t, out=t)
        # hour 1 for a time of exactly 0 (float32 draws are 0 once in ~10^7)
        np.clip(t, np.float32(1), np.float32(H + 1), out=t)
        t *= np.float32(B)
        t += np.repeat(rw.astype(np.float32), n)
    counts = np.bincount(people.astype(np.intp), minlength=B * (H + 2)).reshape(H + 2, B)
    curve = counts[: H + 1]  # made cumulative in place (np.cumsum on axis 0 is slow)
    for h in range(1, H + 1):
        np.add(curve[h - 1], curve[h], out=curve[h])  # curve[h]: reach by hour h; curve[0] = 0
    return single, curve


def simulate(rng, n):
    """Sums and sums of squares of every output over n replicates."""
    s1 = np.zeros(len(SINGLE))
    s2 = np.zeros(len(SINGLE))
    c1 = np.zeros(H + 1)
    c2 = np.zeros(H + 1)
    done = 0
    while done < n:
        B = min(BATCH, n - done)
        single, curve = simulate_batch(rng, B)
        for i, x in enumerate(single):
            if x is None:
                s1[i] += B * R_CONST
                s2[i] += B * R_CONST * R_CONST
            else:
                xf = x.astype(np.float64)
                s1[i] += xf.sum()
                s2[i] += xf @ xf
        c1 += curve.sum(axis=1)
        c2 += np.einsum("ij,ij->i", curve, curve)
        done += B
    return n, s1, s2, c1, c2


def mean_se(n, s1, s2):
    mean = s1 / n
    var = np.maximum(s2 / n - mean * mean, 0) * n / (n - 1)
    return mean, np.sqrt(var / n)


def check(path, n, seed):
    info = json.load(open(path))
    out = info["models"]["reach"]
    n, s1, s2, c1, c2 = simulate(np.random.default_rng(seed), n)
    m1, se1 = mean_se(n, s1, s2)
    se1[SINGLE.index("cascade_R")] = 0  # a constant: its SE is rounding
    mc, sec = mean_se(n, c1, c2)
    series = out["hourly_reach"]["points"][0]
    if len(series) != H + 1:
        sys.exit(f"{path}: hourly_reach has {len(series)} values, the twin {H + 1} (hours = {H})")

    def z(tm, ts, pm, ps):
        se = math.hypot(ts, ps)
        if se == 0:
            return 0.0 if abs(tm - pm) <= 1e-9 * max(1.0, abs(pm)) else math.inf
        return (tm - pm) / se

    rows = []
    for i, name in enumerate(SINGLE):
        pt = out[name]["points"][0]
        rows.append((name, m1[i], pt["mean"], z(m1[i], se1[i], pt["mean"], pt["se"]), True))
    zs = []
    for h in range(H + 1):
        pt = series[h]
        zh = z(mc[h], sec[h], pt["mean"], pt["se"])
        zs.append(zh)
        rows.append((f"hourly_reach[{h}]", mc[h], pt["mean"], zh, h in (1, 3, 6, 12, 24, H)))
    print(f"twin: {n} replicates, seed {seed}; portee: {info['replicates']} replicates, "
          f"seed {info['seed']} ({path})")
    print(f"{'output':<18} {'twin mean':>12} {'portee mean':>12} {'z':>7}")
    for name, tm, pm, zz, show in rows:
        if show:
            print(f"{name:<18} {tm:12.6g} {pm:12.6g} {zz:7.2f}")
    worst = int(np.argmax(np.abs(zs)))
    print(f"hourly_reach, all {H + 1} hours: max |z| = {abs(zs[worst]):.2f} (hour {worst})")
    bad = [name for name, _, _, zz, _ in rows if not abs(zz) <= 5]
    if bad:
        print("FAIL: |z| > 5 for " + ", ".join(bad))
        return 1
    print("OK: every |z| <= 5")
    return 0


def main(argv):
    n, seed, check_file = twin.args(argv, 500_000, __doc__)
    if check_file:
        return check(check_file, n, seed)
    best, res = twin.best_of(simulate, np.random.default_rng(seed), n)
    twin.report("curve", n, best, f"mean total {res[1][SINGLE.index('total')] / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
