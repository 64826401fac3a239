"""Reference for bench_reach: a straightforward vectorised NumPy version of the
per-post reach model (default parameters), to compare throughput on the same
machine.  One difference, in NumPy's favour: overlap is updated once per
generation for all sharers together rather than sharer by sharer.
usage: /usr/bin/python3 bench/numpy_reach.py [REPLICATES]"""
import sys
import time

import numpy as np

F, r, kappa, s = 1000, 0.05, 50.0, 0.01
median, sigma, fr, N, e, max_gen = 200.0, 1.0, 0.05, 100000.0, 0.04, 50


def simulate(rng, n):
    p = rng.beta(r * kappa, (1 - r) * kappa, size=n)
    direct = rng.binomial(F, p)
    reached = direct.astype(np.float64)
    fresh = direct.copy()
    viral = np.zeros(n)
    shares = np.zeros(n)
    for _ in range(max_gen):
        k = rng.binomial(fresh, s)
        shares += k
        if k.sum() == 0:
            break
        owner = np.repeat(np.arange(n), k)
        friends = np.rint(rng.lognormal(np.log(median), sigma, size=owner.size)).astype(np.int64)
        seen = rng.binomial(np.minimum(friends, int(N)), fr)
        seen_per_post = np.bincount(owner, weights=seen, minlength=n).astype(np.int64)
        new = rng.binomial(seen_per_post, (N - reached) / N)
        new = np.minimum(new, N - reached)
        reached += new
        viral += new
        fresh = new.astype(np.int64)
    total = direct + viral
    engagements = rng.binomial(total.astype(np.int64), e)
    return direct, viral, total, engagements, shares


n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
rng = np.random.default_rng(2014)
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    out = simulate(rng, n)
    best = min(best, time.perf_counter() - t0)
print(f"numpy reach: {n / best:.0f} replicates/s per core "
      f"({n} replicates, mean total {out[2].mean():.2f}, NumPy {np.__version__})")
