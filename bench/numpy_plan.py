"""Reference for the plan model: a vectorised NumPy twin of models/plan.c on
scenarios/two_platforms.yaml (12,000 LinkedIn and 3,000 Facebook followers,
4 posts a week on each for 13 weeks, a $50 weekly Facebook boost at a
lognormal CPM; a market of 400,000; every other parameter at the model's
default), to compare throughput per core with portee on the same machine.

The same model and the same moves, with replicates along the vectorised axis:
  - the market: people by usage pattern over the three platforms (Twitter's
    8 % usage is kept, as in portee, although its page is absent), each page's
    followers a uniform set of its platform's users (chained hypergeometric
    draws over patterns, then over the follow sets within a pattern), every
    block split into four propensity quartiles (equal multinomial shares);
    quartile weights from the Gamma(k, 1/k) quartile means (pure Python
    incomplete gamma, no SciPy);
  - the classes (usage x follows x quartile), each with its cells (week mark,
    pages that reached, organic mark, exposures so far up to 10); only the
    cells a class can reach are stored (2,280 a replicate here, 72 classes);
  - each week, Facebook organic, Facebook paid, LinkedIn organic in portee's
    order; every occupied cell is split over exposure counts by the source's
    pmf (organic: the Poisson-binomial of the week's Beta post rates; paid:
    Poisson(I_in w_g / sum w), the tail lumped as in poisson_pmf) with the
    conditional binomial chain of portee's spread(), moving people to
    (this week, pages | mark, min(k + e, 10)); the funnel's three binomials
    per platform and week; the same outputs (16 values and 14 series).
Differences, none in distribution: random streams differ; the usage counts
are one multinomial draw (portee: the equivalent binomial chain); the CPM's
truncated lognormal is drawn by rejection (portee: by inverse CDF); a cell's
split draws "exposed" first, Binomial(m, 1 - pmf0), then the chain over
e >= 1 conditional on it (the same factorisation).  Scenario parameters are
constants written below (no YAML reading); a CPM distribution is the only
per-replicate draw, as in the scenario.

usage: /usr/bin/python3 bench/numpy_plan.py [REPLICATES] [--check FILE.json] [--seed S]
  REPLICATES (default 20000) are simulated three times (best time kept,
  single thread, time.perf_counter around the simulation only) and one line
  is printed.  --check FILE.json: simulate REPLICATES once and compare every
  output's mean with the JSON of `portee info RESULTS.h5 --format json`
  (z = difference / combined standard error; the standard deviations
  too; exit status 1 if any single-value |z| > 5; series are listed by
  their largest |z|).  --seed S: default_rng(S) (default 2014, the
  scenario's seed)."""
import json
import math
import os
import sys

if __name__ == "__main__" and "MALLOC_MMAP_THRESHOLD_" not in os.environ:
    # glibc: keep the large temporaries on the heap instead of mapping and unmapping them at every
    # call (page faults were a sixth of the time); read at start-up, hence the re-exec
    os.execve(sys.executable, [sys.executable] + sys.argv,
              dict(os.environ, MALLOC_MMAP_THRESHOLD_=str(1 << 30), MALLOC_TRIM_THRESHOLD_=str(1 << 32),
                   MALLOC_TOP_PAD_=str(1 << 28)))
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one core: BLAS (the output sums) on one thread too
import numpy as np

import twin  # noqa: E402  (bench/twin.py: the twins' command line and timing)

# ---- the scenario (scenarios/two_platforms.yaml) and the model's defaults ----
WEEKS, POPULATION, NESTING, CLIENT_VALUE, MAX_FREQUENCY = 13, 400000, 0.0, 1500.0, 10
NAMES = ("facebook", "linkedin", "twitter")
PLATFORM = {  # per platform: the model's defaults (plan.c), then the scenario's values
    "facebook": dict(followers=3000, usage=0.49, posts_per_week=4, reach_rate=0.05, post_variability=50,
                     weekly_budget=50.0, cpm=("lognormal", 10.0, 0.42, 2.0, 60.0), targeting_precision=0.8,
                     exposure_shape=1.0, engagement_rate=0.04, visit_rate=0.1, client_rate=0.02),
    "linkedin": dict(followers=12000, usage=0.13, posts_per_week=4, reach_rate=0.078, post_variability=50,
                     weekly_budget=0.0, cpm=35.0, targeting_precision=0.8,
                     exposure_shape=1.0, engagement_rate=0.025, visit_rate=0.1, client_rate=0.02),
    "twitter": dict(followers=0, usage=0.08, posts_per_week=3, reach_rate=0.048, post_variability=50,
                    weekly_budget=0.0, cpm=8.0, targeting_precision=0.8,
                    exposure_shape=1.0, engagement_rate=0.015, visit_rate=0.1, client_rate=0.02),
}
J = len(NAMES)
K = 10                        # PLAN_K: exposures kept one by one, K = "K or more"
ORG = 1 << J                  # the organic mark in a cell's set
BATCH = 500                   # replicates simulated together


# ---- the propensity quartiles: means of Gamma(k, 1/k) over its quartiles ----
def gamma_p(a, x):
    """Regularised lower incomplete gamma P(a, x) (series / continued fraction)."""
    if x <= 0:
        return 0.0
    lg = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(100000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return total * math.exp(lg)
    b, c, d = x + 1 - a, 1e300, 1 / (x + 1 - a)
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1e-300 if abs(d) < 1e-300 else d
        c = b + an / c
        c = 1e-300 if abs(c) < 1e-300 else c
        d = 1 / d
        h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return 1 - math.exp(lg) * h


def quartile_weights(k, groups=4):
    if not k > 0:
        return [1.0] * groups
    w, lo = [], 0.0
    for g in range(groups):
        if g + 1 == groups:
            q = 1.0
        else:  # the (g+1)/4 quantile of Gamma(k, 1/k) by bisection, then the Gamma(k+1, 1/k) cdf there
            target, a, b = (g + 1.0) / groups, 0.0, 1.0
            while gamma_p(k, k * b) < target:
                b *= 2
            for _ in range(200):
                mid = 0.5 * (a + b)
                if gamma_p(k, k * mid) < target:
                    a = mid
                else:
                    b = mid
            q = gamma_p(k + 1, k * 0.5 * (a + b))
        w.append(groups * (q - lo))
        lo = q
    return w


# ---- the structure: classes and their reachable cells, fixed for the scenario ----
class Layout:
    def __init__(self):
        P = PLATFORM
        self.fol = [int(math.floor(P[n]["followers"] + 0.5)) for n in NAMES]
        self.paid_on = [P[n]["weekly_budget"] > 0 for n in NAMES]
        paid = any(P[n]["weekly_budget"] > 0 and P[n]["exposure_shape"] > 0 for n in NAMES)
        self.G = G = 4 if paid else 1
        self.w = [quartile_weights(P[n]["exposure_shape"]) if paid else [1.0] * 4 for n in NAMES]
        self.max_posts = [int(math.ceil(P[n]["posts_per_week"])) for n in NAMES]
        # classes (usage u, follows f, quartile g) in portee's order; f within u and the pages with followers
        can_follow = sum(1 << j for j in range(J) if self.fol[j] > 0)
        self.classes = [(u, f, g) for u in range(1 << J) for f in range(1 << J)
                        if f & ~(u & can_follow) == 0 for g in range(G)]
        # sources in portee's order: (platform, organic?)
        self.sources = []
        for j in range(J):
            if self.fol[j] >= 1:
                self.sources.append((j, True))
            if self.paid_on[j]:
                self.sources.append((j, False))
        # reachable cells (w, s, k) of each class, laid out in three blocks: the unreached cell of every
        # class, then the reached cells with w = 0 in the order (class, s, k), then the same with w = 1
        reach = []
        for ci, (u, f, g) in enumerate(self.classes):
            srcs = [(j, o) for (j, o) in self.sources if (o and f >> j & 1) or (not o and u >> j & 1)]
            seen, todo = set(), [(0, 0)]
            while todo:
                s, k = todo.pop()
                for j, o in srcs:
                    mark = 1 << j | (ORG if o else 0)
                    top = min(self.max_posts[j], K) if o else K
                    for e in range(1, top + 1):
                        c = (s | mark, min(k + e, K))
                        if c not in seen:
                            seen.add(c)
                            todo.append(c)
            reach += [(ci, s, k) for (s, k) in sorted(seen)]
        nU, R = len(self.classes), len(reach)
        cells = [(ci, 0, 0, 0) for ci in range(nU)] + [(c[0], 0) + c[1:] for c in reach] \
            + [(c[0], 1) + c[1:] for c in reach]
        self.cells = cells
        self.NC = len(cells)
        self.nU, self.R = nU, R
        index = {c: i for i, c in enumerate(cells)}
        # per source: its cells, in the order (class, s | mark, k, w, s) so that the destination of the
        # c-th cell after e exposures is nondecreasing in c (equal destinations are adjacent)
        self.src = []
        for j, o in self.sources:
            mark = 1 << j | (ORG if o else 0)
            mine = [c for c in cells if (o and self.classes[c[0]][1] >> j & 1)
                    or (not o and self.classes[c[0]][0] >> j & 1)]
            mine.sort(key=lambda c: (c[0], c[2] | mark, c[3], c[1], c[2]))
            cols = np.array([index[c] for c in mine])
            dest = np.array([[-1] + [index[(c[0], 1, c[2] | mark, min(c[3] + e, K))] for e in range(1, K + 1)]
                             for c in mine])
            for e in range(1, K + 1):
                assert np.all(np.diff(dest[:, e]) >= 0)
            self.src.append(dict(j=j, organic=o, cols=cols, S=len(mine), dest=np.ascontiguousarray(dest.T),
                                 first=np.array([c[3] == 0 for c in mine]),
                                 group=np.array([self.classes[c[0]][2] for c in mine])))
        # indicators over the reached cells (either block) for the outputs
        cs = np.array([c[1] for c in reach])
        ck = np.array([c[2] for c in reach])
        pages = cs & (ORG - 1)
        cols = [cs >> j & 1 == 1 for j in range(J)]                                  # per page
        cols += [pages & (pages - 1) != 0, cs & ORG != 0]                            # overlap, organic
        cols += [ck == k for k in range(1, K + 1)]                                   # frequency levels
        self.ind = np.array(cols, dtype=np.float64).T.copy()
        self.uses = np.array([[u >> j & 1 for j in range(J)] for (u, f, g) in self.classes], dtype=np.float64)
        self.cgroup = np.array([g for (u, f, g) in self.classes])


LAYOUT = None


def draw_param(rng, spec, n):
    """A parameter per replicate: a constant, or ("lognormal", median, sigma, min, max) truncated."""
    if not isinstance(spec, tuple):
        return np.full(n, float(spec))
    _, median, sigma, lo, hi = spec
    x = rng.lognormal(math.log(median), sigma, n)
    bad = (x < lo) | (x > hi)
    while bad.any():
        x[bad] = rng.lognormal(math.log(median), sigma, int(bad.sum()))
        bad = (x < lo) | (x > hi)
    return x


def cond_table(pmf, E):
    """Per row: [P(exposed), then pmf[e] / (mass left before e) for e >= 1], 1 at e = E, as spread()."""
    rows, width = pmf.shape
    cq = np.zeros((rows, width + 1))
    mass = 1.0 - pmf[:, 0]
    cq[:, 0] = mass
    for e in range(1, width):
        q = np.where(mass > 0, pmf[:, e] / np.where(mass > 0, mass, 1), 1.0)
        cq[:, e] = np.clip(q, 0, 1)
        mass = mass - pmf[:, e]
    sel = E > 0  # no post this week: nobody is exposed (pmf[0] = 1)
    cq[np.flatnonzero(sel), E[sel]] = 1.0
    return np.ascontiguousarray(cq.T)


def expose(rng, L, S, st, cq, nb):
    """One source's week on every class it touches: the occupied cells split over exposure counts.
    cq[e]: the conditional probabilities of cond_table, per replicate (organic) or per replicate x
    quartile (paid).  Cells are gathered in the source's order, so that in each step the destinations
    are sorted within a replicate and equal ones adjacent: summed by reduceat, then added at once.
    Returns the exposures dealt and the people first reached, per replicate."""
    NC, Sn = L.NC, S["S"]
    flat = st.reshape(-1)
    cols, dest = S["cols"], S["dest"]
    sub = st.take(cols, axis=1).reshape(-1)
    idx = np.flatnonzero(sub)                 # the occupied cells, replicate by replicate
    r = idx // Sn
    c = idx - r * Sn
    tr = r if S["organic"] else r * L.G + S["group"].take(c)
    moved = rng.binomial(sub.take(idx), cq[0].take(tr))
    k = np.flatnonzero(moved)
    r, c, tr, left = r.take(k), c.take(k), tr.take(k), moved.take(k)
    flat[r * NC + cols.take(c)] -= left.astype(np.int32)
    fm = np.flatnonzero(S["first"].take(c))  # out of a class's unreached cell: first reached
    first = np.bincount(r.take(fm), weights=left.take(fm), minlength=nb)
    dealt = np.zeros(nb)
    e = 1
    while left.size:
        x = rng.binomial(left, cq[e].take(tr))
        nz = np.flatnonzero(x)
        rx, xx = r.take(nz), x.take(nz)
        key = rx * NC + dest[min(e, K)].take(c.take(nz))
        if key.size:                          # equal keys are adjacent: sum them, then add
            start = np.empty(key.size, dtype=bool)
            start[0] = True
            np.not_equal(key[1:], key[:-1], out=start[1:])
            at = np.flatnonzero(start)
            flat[key.take(at)] += np.add.reduceat(xx, at).astype(np.int32)
            dealt += e * np.bincount(rx, weights=xx, minlength=nb)
        left = left - x
        k = np.flatnonzero(left)
        r, c, tr, left = r.take(k), c.take(k), tr.take(k), left.take(k)
        e += 1
    return dealt, first


def simulate_batch(rng, nb, out, off):
    L = LAYOUT
    P = [PLATFORM[n] for n in NAMES]
    G = L.G
    cpm = [draw_param(rng, p["cpm"], nb) for p in P]
    # the market: people by usage pattern (independent and nested mixture)
    u = [p["usage"] for p in P]
    indep = np.array([np.prod([u[j] if s >> j & 1 else 1 - u[j] for j in range(J)]) for s in range(1 << J)])
    comon, order, sset, above = np.zeros(1 << J), sorted(range(J), key=lambda j: -u[j]), 0, 1.0
    for j in order:
        comon[sset] += above - u[j]
        above = u[j]
        sset |= 1 << j
    comon[sset] += above
    pi = (1 - NESTING) * indep + NESTING * comon
    users = rng.multinomial(int(math.floor(POPULATION + 0.5)), pi / pi.sum(), size=nb)  # (nb, 8)
    fol = np.zeros((nb, 1 << J, J), dtype=np.int64)
    for j in range(J):
        if L.fol[j] <= 0:
            continue
        pool = users[:, [s for s in range(1 << J) if s >> j & 1]].sum(1)
        want = np.minimum(L.fol[j], pool)
        for s in range(1 << J):
            if s >> j & 1:
                x = rng.hypergeometric(users[:, s], pool - users[:, s], want)
                fol[:, s, j] = x
                pool = pool - users[:, s]
                want = want - x
    size = np.zeros((nb, len(L.classes)), dtype=np.int64)
    where = {cl: i for i, cl in enumerate(L.classes)}
    for s in range(1 << J):
        block = {0: users[:, s]}
        for j in range(J):
            if not (s >> j & 1) or L.fol[j] <= 0:
                continue
            pool, want, nxt = users[:, s].copy(), fol[:, s, j].copy(), {}
            for f in sorted(block):
                x = rng.hypergeometric(block[f], pool - block[f], want)
                nxt[f | 1 << j] = nxt.get(f | 1 << j, 0) + x
                nxt[f] = nxt.get(f, 0) + block[f] - x
                pool = pool - block[f]
                want = want - x
            block = nxt
        for f, b in block.items():
            split = rng.multinomial(b, [1.0 / G] * G) if G > 1 else b[:, None]
            for g in range(G):
                size[:, where[(s, f, g)]] = split[:, g]
    st = np.zeros((nb, L.NC), dtype=np.int32)
    st[:, :L.nU] = size
    wg = np.array(L.w)[:, L.cgroup]                                # (J, classes)
    weight = size @ (L.uses * wg.T).astype(np.float64)             # (nb, J): users by propensity
    impressions = np.zeros(nb)
    engagements = np.zeros(nb)
    visits = np.zeros(nb)
    clients = np.zeros(nb)
    spend = 0.0
    B, C = slice(L.nU, L.nU + L.R), slice(L.nU + L.R, L.NC)
    for wk in range(WEEKS):
        st[:, B] += st[:, C]  # a new week: nobody reached in it yet
        st[:, C] = 0
        week_clients = np.zeros(nb)
        for j in range(J):
            p = P[j]
            dealt = np.zeros(nb)
            for S in L.src:
                if S["j"] != j:
                    continue
                if S["organic"]:
                    ppw, rate, kap = p["posts_per_week"], p["reach_rate"], p["post_variability"]
                    top = int(math.floor(ppw)) + (ppw > math.floor(ppw))
                    posts = math.floor(ppw) + (rng.random(nb) < ppw - math.floor(ppw))
                    pmf = np.zeros((nb, top + 1))
                    pmf[:, 0] = 1
                    for t in range(top):
                        if kap > 0 and 0 < rate < 1:
                            q = rng.beta(rate * kap, (1 - rate) * kap, nb)
                        else:
                            q = np.full(nb, float(rate))
                        q = np.where(t < posts, q, 0.0)[:, None]
                        pmf[:, 1:] = pmf[:, 1:] * (1 - q) + pmf[:, :-1] * q
                        pmf[:, :1] *= 1 - q
                    cq = cond_table(pmf, posts.astype(np.int64))
                    d, first = expose(rng, L, S, st, cq, nb)
                    out["new_%s_organic" % NAMES[j]][off:off + nb, wk] = first
                else:
                    budget = p["weekly_budget"]
                    spend += budget
                    x = 1000 * budget / cpm[j]
                    bought = np.floor(x) + (rng.random(nb) < x - np.floor(x))
                    inside = rng.binomial(bought.astype(np.int64), p["targeting_precision"])
                    wj = np.array(L.w[j][:G])
                    lam = np.where((weight[:, j:j + 1] > 0) & (inside[:, None] > 0),
                                   inside[:, None] * wj / np.where(weight[:, j:j + 1] > 0, weight[:, j:j + 1], 1),
                                   0.0).reshape(-1)                       # (nb*G,)
                    E = np.clip(np.ceil(lam + 12 * np.sqrt(lam) + 12), K, 4095).astype(np.int64)
                    width = int(E.max())
                    pmf = np.zeros((nb * G, width + 1))
                    term, tot = np.exp(-lam), np.zeros(nb * G)
                    for e in range(width):
                        live = e < E
                        pmf[:, e] = np.where(live, term, 0)
                        tot += pmf[:, e]
                        term = term * lam / (e + 1)
                    pmf[np.arange(nb * G), E] = np.where(tot < 1, 1 - tot, 0)
                    cq = cond_table(pmf, E)
                    d, first = expose(rng, L, S, st, cq, nb)
                    out["new_%s_paid" % NAMES[j]][off:off + nb, wk] = first
                dealt += d
            impressions += dealt
            eng = rng.binomial(dealt.astype(np.int64), p["engagement_rate"])
            vis = rng.binomial(eng, p["visit_rate"])
            cli = rng.binomial(vis, p["client_rate"])
            engagements += eng
            visits += vis
            week_clients += cli
        clients += week_clients
        out["weekly_clients"][off:off + nb, wk] = week_clients
        out["weekly_revenue"][off:off + nb, wk] = week_clients * CLIENT_VALUE
        out["weekly_reach"][off:off + nb, wk] = st[:, C].sum(1)
        out["cumulative_reach"][off:off + nb, wk] = st[:, L.nU:].sum(1)
        reached = (st[:, B] + st[:, C]).astype(np.float64)
        sums = reached @ L.ind[:, :J]
        for j in range(J):
            out["%s_cumulative" % NAMES[j]][off:off + nb, wk] = sums[:, j]
    sums = reached @ L.ind
    total = out["cumulative_reach"][off:off + nb, WEEKS - 1]
    o = slice(off, off + nb)
    out["total_reach"][o] = total
    for j in range(J):
        out["%s_reach" % NAMES[j]][o] = sums[:, j]
    out["overlap"][o] = sums[:, J]
    out["organic_reach"][o] = sums[:, J + 1]
    out["incremental_reach"][o] = total - sums[:, J + 1]
    out["impressions"][o] = impressions
    out["mean_frequency"][o] = np.where(total > 0, impressions / np.where(total > 0, total, 1), 0)
    out["engagements"][o] = engagements
    out["visits"][o] = visits
    out["clients"][o] = clients
    revenue = clients * CLIENT_VALUE
    out["revenue"][o] = revenue
    out["spend"][o] = spend
    out["cost_per_client"][o] = spend / np.maximum(clients, 1) if spend > 0 else 0
    out["return_on_spend"][o] = (revenue - spend) / spend if spend > 0 else 0
    level = sums[:, J + 2:]
    bins = MAX_FREQUENCY
    freq = level[:, :bins].copy()
    if bins:
        freq[:, bins - 1] = level[:, bins - 1:].sum(1)
    out["frequency"][o] = freq


SINGLE = ["total_reach", "facebook_reach", "linkedin_reach", "twitter_reach", "overlap", "organic_reach",
          "incremental_reach", "impressions", "mean_frequency", "engagements", "visits", "clients", "revenue",
          "spend", "cost_per_client", "return_on_spend"]
SERIES = (["weekly_reach", "cumulative_reach"] + ["new_%s_%s" % (n, h) for n in NAMES for h in ("organic", "paid")]
          + ["%s_cumulative" % n for n in NAMES] + ["weekly_clients", "weekly_revenue"])


def simulate(rng, n):
    global LAYOUT
    if LAYOUT is None:
        LAYOUT = Layout()
    out = {k: np.zeros(n) for k in SINGLE}
    out.update({k: np.zeros((n, WEEKS)) for k in SERIES})
    out["frequency"] = np.zeros((n, MAX_FREQUENCY))
    for off in range(0, n, BATCH):
        simulate_batch(rng, min(BATCH, n - off), out, off)
    return out


def check(out, path):
    d = json.load(open(path))
    m = d["models"]["plan"]
    worst, bad = 0.0, False

    def z_of(x, pm, pse):
        tm, tse = float(np.mean(x)), float(np.std(x, ddof=1) / math.sqrt(x.size))
        se = math.hypot(tse, pse)
        z = (tm - pm) / se if se > 0 else (0.0 if abs(tm - pm) <= 1e-9 * max(1, abs(pm)) else math.inf)
        return tm, z

    print("%-20s %14s %14s %8s %12s %12s" % ("output", "twin mean", "portee mean", "z", "twin sd", "portee sd"))
    for name in SINGLE:
        pt = m[name]["points"][0]
        tm, z = z_of(out[name], pt["mean"], pt["se"])
        bad |= abs(z) > 5
        print("%-20s %14.6g %14.6g %8.2f %12.4g %12.4g%s" % (name, tm, pt["mean"], z, np.std(out[name], ddof=1),
                                                            pt["sd"], "  <-- |z| > 5" if abs(z) > 5 else ""))
    names = SERIES + ["frequency"]
    print("series (largest |z| over the steps):")
    for name in names:
        steps = m[name]["points"][0]
        zs = [z_of(out[name][:, i], s["mean"], s["se"])[1] for i, s in enumerate(steps)]
        i = int(np.argmax(np.abs(zs)))
        worst = max(worst, abs(zs[i]))
        print("%-20s step %2d of %2d: twin %12.6g portee %12.6g z %6.2f%s"
              % (name, i + 1, len(steps), np.mean(out[name][:, i]), steps[i]["mean"], zs[i],
                 "  <-- |z| > 5" if abs(zs[i]) > 5 else ""))
    print("%s: every single-value |z| <= 5%s" % ("FAIL" if bad else "ok",
                                                "" if not bad else " is false")
          + "; series: largest |z| %.2f" % worst)
    return 1 if bad else 0


def main(argv):
    n, seed, path = twin.args(argv, 20000, __doc__)
    rng = np.random.default_rng(seed)
    global LAYOUT
    LAYOUT = Layout()  # the scenario's structure, built once, outside the timing
    if path:
        out = simulate(rng, n)
        return check(out, path)
    best, out = twin.best_of(simulate, rng, n)
    twin.report("plan", n, best, f"mean total {out['total_reach'].mean():.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
