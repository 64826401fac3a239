"""What the NumPy twins (bench/numpy_*.py) share: their command line and
their timing.  usage of a twin: python3 bench/numpy_MODEL.py [REPLICATES]
[--seed S] [--check FILE.json], where FILE.json is `portee info RESULTS.h5
--format json` of a portee run of the same scenario."""
import sys
import time


def args(argv, default_n, doc):
    """(replicates, seed, check file or None) from the command line."""
    n, seed, check_file = default_n, 2014, None
    rest = list(argv)
    while rest:
        a = rest.pop(0)
        if a in ("--check", "--seed") and not rest:
            sys.exit(f"{a} needs a value\n\n{doc}")
        if a == "--check":
            check_file = rest.pop(0)
        elif a == "--seed":
            seed = int(rest.pop(0))
        elif a.isdigit():
            n = int(a)
        else:
            sys.exit(doc)
    return n, seed, check_file


def best_of(simulate, rng, n, repeats=3):
    """The shortest of `repeats` timings of simulate(rng, n), and its last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = simulate(rng, n)
        best = min(best, time.perf_counter() - t0)
    return best, out


def per_draw(rng, rows, draw, size=2_000_000):
    """NumPy's cost an element of each row's vectorised draw, the way the twin
    draws for all replicates at once: rows of (label, arguments), each
    argument an array of `size` elements made before the timing;
    draw(generator, *arguments)."""
    print(f"numpy, one draw of {size:,} at a time (ns an element, best of 3):")
    for what, arrays in rows:
        best, _ = best_of(lambda g, _n: draw(g, *arrays), rng, size)
        print(f"  {what:<60} {best / size * 1e9:6.1f} ns")


def report(model, n, seconds, what):
    """The one line bench/compare.sh reads."""
    print(f"numpy {model}: {n / seconds:.0f} replicates/s per core ({n} replicates, {what})")
