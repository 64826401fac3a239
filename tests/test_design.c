/* Sampled sweep designs: Latin hypercube strata and pairing, the Sobol points
 * GSL gives, integer rounding, range checks, the resolved round trip, and
 * the located errors of `design:` and `samples:`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "models/registry.h"
#include "models/reach.h"
#include "sim/numeric/design.h"
#include "sim/numeric/rng.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

static portee_scenario_t *load(const char *text, const char *const *sets, size_t n_sets, portee_error_t *err)
{
    portee_scenario_t *sc = NULL;
    memset(err, 0, sizeof *err);
    portee_scenario_load_text(&portee_registry, "t.yaml", text, strlen(text), sets, n_sets, &sc, err);
    return sc;
}

/* The load fails with PORTEE_EINPUT, at `where`, with a message containing what. */
static void expect_error(const char *text, const char *set, const char *where, const char *what)
{
    portee_error_t err;
    const char *sets[1] = {set};
    portee_scenario_t *sc = load(text, sets, set ? 1 : 0, &err);
    CHECK(sc == NULL && err.status == PORTEE_EINPUT, "should fail: %s", text);
    CHECK(strncmp(err.msg, where, strlen(where)) == 0, "message '%s' is not at '%s'", err.msg, where);
    CHECK(strstr(err.msg, what) != NULL, "message '%s' lacks '%s'", err.msg, what);
    portee_scenario_free(sc);
}

/* Real-valued reach parameters (rounding would move points across strata),
 * half of them on a log scale. */
typedef struct {
    const char *path;
    double from, to;
    bool log_scale;
} axis_spec_t;
static const axis_spec_t AXES[8] = {
    {"page.reach_rate", 0.02, 0.10, false},      {"page.post_variability", 1, 1000, true},
    {"reach.share_rate", 0.001, 0.05, true},     {"reach.friends_median", 500, 50, false},
    {"reach.friends_sigma", 0.2, 2, false},      {"reach.friend_reach", 0.01, 0.2, true},
    {"page.engagement_rate", 0.01, 0.1, false},  {"reach.arrival_hours", 24, 0.5, true},
};

static char *scenario_text(const char *design, size_t samples, size_t n_axes, unsigned long seed)
{
    static char buf[4096];
    int n = snprintf(buf, sizeof buf, "seed: %lu\nreach:\nsweep:\n  design: %s\n  samples: %zu\n", seed,
                     design, samples);
    for (size_t a = 0; a < n_axes; a++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "  %s: {from: %.17g, to: %.17g%s}\n", AXES[a].path,
                      AXES[a].from, AXES[a].to, AXES[a].log_scale ? ", scale: log" : "");
    return buf;
}

/* Where x lies on an axis's range, 0 at from and 1 at to. */
static double position(const axis_spec_t *ax, double x)
{
    return ax->log_scale ? (log(x) - log(ax->from)) / (log(ax->to) - log(ax->from))
                         : (x - ax->from) / (ax->to - ax->from);
}

static size_t stratum(double t, size_t n)
{
    double k = floor(t * (double)n);
    return k < 0 ? 0 : k >= (double)n ? n - 1 : (size_t)k;
}

static void test_latin(size_t n, size_t A, unsigned long seed)
{
    portee_error_t err;
    portee_scenario_t *sc = load(scenario_text("latin", n, A, seed), NULL, 0, &err);
    CHECK(sc != NULL, "latin %zu x %zu loads: %s", n, A, err.msg);
    if (!sc) return;
    CHECK(sc->design == PORTEE_DESIGN_LATIN && sc->n_points == n && sc->n_axes == A && sc->design_points,
          "latin %zu x %zu: sizes", n, A);
    size_t *count = calloc(n, sizeof *count), *strata = malloc(n * A * sizeof *strata);
    size_t inside = 0, below_half = 0, near_centre = 0, column = 0;
    for (size_t a = 0; a < A; a++) {
        memset(count, 0, n * sizeof *count);
        for (size_t i = 0; i < n; i++) {
            double v[PORTEE_MAX_AXES];
            portee_scenario_point_values(sc, i, v);
            const double lo = fmin(AXES[a].from, AXES[a].to), hi = fmax(AXES[a].from, AXES[a].to);
            inside += v[a] >= lo && v[a] <= hi;
            const double t = position(&AXES[a], v[a]);
            const size_t k = stratum(t, n);
            count[k]++;
            strata[i * A + a] = k;
            const double offset = t * (double)n - (double)k; /* where inside its stratum */
            below_half += offset < 0.5;
            near_centre += fabs(offset - 0.5) < 1e-6;
            column += sc->axes[a].n == n && sc->axes[a].values[i] == v[a];
        }
        size_t once = 0;
        for (size_t k = 0; k < n; k++) once += count[k] == 1;
        CHECK(once == n, "latin %zu x %zu: axis %zu (%s): %zu of %zu strata hold exactly one point", n, A, a,
              AXES[a].log_scale ? "log" : "linear", once, n);
    }
    CHECK(column == n * A, "latin %zu x %zu: each axis's values are its column of the points", n, A);
    CHECK(inside == n * A, "latin %zu x %zu: %zu of %zu values inside [from, to]", n, A, inside, n * A);
    /* uniform inside the strata: half the offsets below 1/2 (5 sd), none at the centre */
    const double N = (double)(n * A);
    CHECK(fabs(below_half - N / 2) <= 5 * sqrt(N / 4) + 1, "latin %zu x %zu: %zu of %.0f offsets below 1/2",
          n, A, below_half, N);
    CHECK(near_centre == 0, "latin %zu x %zu: %zu points at their stratum's centre", n, A, near_centre);
    /* independent pairings: no two axes use the same permutation */
    for (size_t a = 0; a < A && n >= 8; a++)
        for (size_t b = a + 1; b < A; b++) {
            size_t same = 0;
            for (size_t i = 0; i < n; i++) same += strata[i * A + a] == strata[i * A + b];
            CHECK(same < n, "latin %zu x %zu: axes %zu and %zu are paired stratum by stratum", n, A, a, b);
            if (n >= 500) { /* Spearman's rho of two random permutations: sd 1/sqrt(n - 1) */
                double s = 0;
                for (size_t i = 0; i < n; i++)
                    s += ((double)strata[i * A + a] - (n - 1) / 2.0) * ((double)strata[i * A + b] - (n - 1) / 2.0);
                const double rho = s / ((double)n * ((double)n * n - 1) / 12);
                CHECK(fabs(rho) < 5 / sqrt(n - 1.0), "latin %zu x %zu: axes %zu, %zu rank correlation %.3f", n,
                      A, a, b, rho);
            }
        }
    free(count);
    free(strata);

    /* the same seed gives the same points, another seed others */
    portee_scenario_t *same = load(scenario_text("latin", n, A, seed), NULL, 0, &err);
    portee_scenario_t *other = load(scenario_text("latin", n, A, seed + 1), NULL, 0, &err);
    CHECK(same && !memcmp(same->design_points, sc->design_points, n * A * sizeof(double)),
          "latin %zu x %zu: same seed, same points", n, A);
    if (other) {
        size_t equal = 0;
        for (size_t i = 0; i < n * A; i++) equal += other->design_points[i] == sc->design_points[i];
        CHECK(equal == 0, "latin %zu x %zu: another seed shares %zu of %zu values", n, A, equal, n * A);
    }
    portee_scenario_free(same);
    portee_scenario_free(other);
    portee_scenario_free(sc);
}

/* The documented stream: axis a draws its permutation, then its offsets,
 * from (seed, PORTEE_DESIGN_RNG_MODEL, 0, a); whole numbers are rounded. */
static void test_latin_stream(void)
{
    static const char text[] = "seed: 77\nreach:\n  reachable_population: 1e7\nsweep:\n  design: latin\n"
                               "  samples: 50\n  page.followers: {from: 100, to: 100000, scale: log}\n"
                               "  page.reach_rate: {from: 0.02, to: 0.10}\n";
    portee_error_t err;
    portee_scenario_t *sc = load(text, NULL, 0, &err);
    CHECK(sc != NULL, "latin stream: %s", err.msg);
    if (!sc) return;
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    size_t perm[50];
    size_t mismatched = 0, whole = 0;
    for (size_t a = 0; a < 2; a++) {
        portee_rng_stream(r, 77, 0xFFFE, 0, (uint32_t)a);
        for (size_t i = 0; i < 50; i++) perm[i] = i;
        gsl_ran_shuffle(r, perm, 50, sizeof *perm);
        for (size_t i = 0; i < 50; i++) {
            const double t = (perm[i] + gsl_rng_uniform(r)) / 50;
            double want = a == 0 ? exp(log(100) + t * (log(100000) - log(100))) : 0.02 + t * (0.10 - 0.02);
            if (a == 0) want = floor(want + 0.5);
            const double got = sc->design_points[i * 2 + a];
            mismatched += a == 0 ? got != want : fabs(got - want) > 1e-15;
            whole += a == 0 && got == floor(got) && got >= 100 && got <= 100000;
        }
    }
    CHECK(mismatched == 0, "latin stream: %zu of 100 values differ from stream (77, 0xFFFE, 0, axis)",
          mismatched);
    CHECK(whole == 50, "latin: %zu of 50 followers are whole numbers in [100, 100000]", whole);
    gsl_rng_free(r);

    /* one stream per axis: a third axis leaves the first two alone */
    static const char three[] = "seed: 77\nreach:\n  reachable_population: 1e7\nsweep:\n  design: latin\n"
                                "  samples: 50\n  page.followers: {from: 100, to: 100000, scale: log}\n"
                                "  page.reach_rate: {from: 0.02, to: 0.10}\n"
                                "  reach.share_rate: {from: 0.001, to: 0.02}\n";
    portee_scenario_t *sc3 = load(three, NULL, 0, &err);
    CHECK(sc3 != NULL, "latin, 3 axes: %s", err.msg);
    size_t kept = 0;
    for (size_t i = 0; sc3 && i < 50; i++)
        kept += sc3->design_points[i * 3] == sc->design_points[i * 2] &&
                sc3->design_points[i * 3 + 1] == sc->design_points[i * 2 + 1];
    CHECK(kept == 50, "latin: adding an axis kept %zu of 50 points of the others", kept);
    portee_scenario_free(sc3);

    /* --set seed changes them; --set sweep.samples resizes */
    const char *sets[] = {"seed=78", "sweep.samples=20"};
    portee_scenario_t *s2 = load(text, sets, 2, &err);
    CHECK(s2 && s2->n_points == 20 && s2->axes[0].n == 20, "--set sweep.samples=20: %s", err.msg);
    CHECK(s2 && s2->seed == 78 && memcmp(s2->design_points, sc->design_points, 20 * 2 * sizeof(double)),
          "--set seed=78 gives other points");
    portee_scenario_free(s2);
    portee_scenario_free(sc);
}

/* Expected Sobol points from GSL directly, mapped by the documented rule. */
static void test_sobol(size_t n, size_t A)
{
    portee_error_t err;
    portee_scenario_t *sc = load(scenario_text("sobol", n, A, 3), NULL, 0, &err);
    CHECK(sc != NULL, "sobol %zu x %zu loads: %s", n, A, err.msg);
    if (!sc) return;
    CHECK(sc->design == PORTEE_DESIGN_SOBOL && sc->n_points == n, "sobol %zu x %zu: sizes", n, A);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)A);
    size_t mismatched = 0;
    double u[8];
    for (size_t i = 0; i < n; i++) {
        gsl_qrng_get(q, u);
        for (size_t a = 0; a < A; a++) {
            const axis_spec_t *ax = &AXES[a];
            const double want = ax->log_scale ? ax->from * pow(ax->to / ax->from, u[a])
                                              : ax->from + u[a] * (ax->to - ax->from);
            mismatched += fabs(sc->design_points[i * A + a] - want) > 1e-12 * fabs(want);
        }
    }
    gsl_qrng_free(q);
    CHECK(mismatched == 0, "sobol %zu x %zu: %zu values differ from gsl_qrng_sobol's", n, A, mismatched);
    /* the seed plays no part */
    portee_scenario_t *other = load(scenario_text("sobol", n, A, 4), NULL, 0, &err);
    CHECK(other && !memcmp(other->design_points, sc->design_points, n * A * sizeof(double)),
          "sobol %zu x %zu: the seed changes nothing", n, A);
    portee_scenario_free(other);
    portee_scenario_free(sc);
}

/* GSL skips the origin: point 0 is the centre of every range, and with the
 * origin the first 2^k - 1 points make a net: each axis's dyadic intervals
 * of width 2^-k hold exactly one point but the first (the origin's), and so
 * do the elementary boxes 2^-j x 2^-(k-j) of the first two axes.  Those
 * points are multiples of 2^-k, on their intervals' left edges: the mapping's
 * rounding must not move them into the interval before. */
static size_t dyadic(double t, size_t n) { return stratum(t + 1e-9, n); }

static void test_sobol_net(size_t k, size_t A)
{
    const size_t n = (size_t)1 << k;
    portee_error_t err;
    portee_scenario_t *sc = load(scenario_text("sobol", n, A, 1), NULL, 0, &err);
    CHECK(sc != NULL, "sobol 2^%zu loads: %s", k, err.msg);
    if (!sc) return;
    size_t centred = 0;
    for (size_t a = 0; a < A; a++) centred += fabs(position(&AXES[a], sc->design_points[a]) - 0.5) < 1e-12;
    CHECK(centred == A, "sobol: the first point is the centre (GSL skips the origin): %zu of %zu axes",
          centred, A);
    size_t *count = calloc(n, sizeof *count);
    for (size_t a = 0; a < A; a++) {
        memset(count, 0, n * sizeof *count);
        for (size_t i = 0; i + 1 < n; i++) count[dyadic(position(&AXES[a], sc->design_points[i * A + a]), n)]++;
        size_t once = 0;
        for (size_t j = 1; j < n; j++) once += count[j] == 1;
        CHECK(count[0] == 0 && once == n - 1,
              "sobol 2^%zu, axis %zu: %zu of %zu dyadic intervals hold one point, %zu in the origin's", k, a,
              once, n - 1, count[0]);
    }
    for (size_t j = 0; j <= k && A >= 2; j++) {
        memset(count, 0, n * sizeof *count);
        const size_t nx = (size_t)1 << j, ny = n >> j;
        for (size_t i = 0; i + 1 < n; i++) {
            const size_t x = dyadic(position(&AXES[0], sc->design_points[i * A]), nx);
            const size_t y = dyadic(position(&AXES[1], sc->design_points[i * A + 1]), ny);
            count[x * ny + y]++;
        }
        size_t once = 0;
        for (size_t b = 1; b < n; b++) once += count[b] == 1;
        CHECK(count[0] == 0 && once == n - 1, "sobol 2^%zu, boxes %zu x %zu: %zu of %zu hold one point", k,
              nx, ny, once, n - 1);
    }
    free(count);
    portee_scenario_free(sc);
}

/* The ends of a range bound its points even where exp(log(x)) misses x. */
static void test_map(void)
{
    size_t outside = 0, missed = 0;
    for (int i = 1; i <= 2000; i++) {
        const double x = i * 0.0137;
        missed += exp(log(x)) != x;
        const double up = portee_design_map(0, x, 10 * x, true), down = portee_design_map(0, x, x / 10, true);
        outside += up < x || up > 10 * x || down > x || down < x / 10;
        const double lin = portee_design_map(0.999999, x, -x, false);
        outside += lin < -x || lin > x;
    }
    CHECK(missed > 100, "exp(log(x)) misses %zu of 2000 values: the clamp has work to do", missed);
    CHECK(outside == 0, "portee_design_map: %zu values outside their range", outside);
    CHECK(fabs(portee_design_map(0.5, 10, 1000, true) - 100) < 1e-12,
          "log scale: halfway from 10 to 1000 is 100");
    CHECK(portee_design_map(0.25, 1, 3, false) == 1.5, "linear: a quarter of the way from 1 to 3 is 1.5");
}

static void test_integers(void)
{
    static const char text[] = "reach:\n  reachable_population: 1e7\nsweep:\n  design: sobol\n  samples: 100\n"
                               "  page.followers: {from: 10, to: 1e6, scale: log}\n"
                               "  reach.max_generations: {from: 1.25, to: 9.7}\n";
    portee_error_t err;
    portee_scenario_t *sc = load(text, NULL, 0, &err);
    CHECK(sc != NULL, "integers: %s", err.msg);
    if (!sc) return;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2);
    size_t bad = 0, lowest = 100;
    double u[2];
    for (size_t i = 0; i < 100; i++) {
        gsl_qrng_get(q, u);
        const double f = floor(10 * pow(1e5, u[0]) + 0.5), g = floor(1.25 + u[1] * 8.45 + 0.5);
        bad += sc->design_points[2 * i] != f || sc->design_points[2 * i + 1] != g;
        if (sc->design_points[2 * i + 1] < (double)lowest) lowest = (size_t)sc->design_points[2 * i + 1];
    }
    gsl_qrng_free(q);
    CHECK(bad == 0, "integers: %zu of 100 points are not the rounded Sobol values", bad);
    CHECK(lowest == 1, "integers: 1.25 rounds to 1 (lowest %zu)", lowest);
    portee_scenario_free(sc);

    /* every value is checked against the parameter table, and each point
     * against the model's cross-parameter check */
    expect_error("reach:\nsweep:\n  design: latin\n  samples: 10\n  page.reach_rate: {from: 0.5, to: 1.5}\n",
                 NULL, "t.yaml:5:36:", "1.5 is out of range");
    expect_error("reach:\nsweep:\n  design: sobol\n  samples: 10\n  page.followers: {from: -3, to: 10}\n",
                 NULL, "t.yaml:5:26:", "-3 is out of range");
    expect_error("reach:\nsweep:\n  design: latin\n  samples: 10\n  page.followers: {from: 100, to: 1e6}\n",
                 NULL, "t.yaml:1:7:", "must not exceed reachable_population");
    expect_error("reach:\nsweep:\n  design: latin\n  samples: 10\n  reach.hours: {from: 10, to: 100}\n", NULL,
                 "t.yaml:5:3:", "cannot be swept");
    /* 0.4 rounds to 0 followers: allowed, as on a grid */
    sc = load("reach:\nsweep:\n  design: latin\n  samples: 10\n  page.followers: {from: -0.4, to: 10}\n", NULL,
              0, &err);
    CHECK(sc != NULL, "a range whose rounded ends are valid: %s", err.msg);
    portee_scenario_free(sc);
}

static void test_round_trip(const char *design)
{
    char text[512];
    snprintf(text, sizeof text,
             "seed: 12345\nreach:\n  reachable_population: 1e7\nsweep:\n  design: %s\n  samples: 333\n"
             "  page.followers: {from: 100, to: 100000, scale: log}\n"
             "  page.reach_rate: {from: 0.1, to: 0.02}\n  reach.share_rate: {from: 0.003, to: 0.03, scale: log}\n"
             "  reach.friends_sigma: {from: 0.12345678901234567, to: 1.9876543210987654}\n",
             design);
    portee_error_t err;
    portee_scenario_t *sc = load(text, NULL, 0, &err);
    CHECK(sc != NULL, "%s round trip: %s", design, err.msg);
    if (!sc) return;
    char want[64];
    snprintf(want, sizeof want, "sweep:\n  design: %s\n  samples: 333\n", design);
    CHECK(strstr(sc->resolved, want) != NULL, "%s: resolved names the design: %s", design, sc->resolved);
    CHECK(strstr(sc->resolved, "steps") == NULL, "%s: resolved ranges have no steps", design);
    CHECK(strstr(sc->resolved, "page.reach_rate: {from: 0.1, to: 0.02, scale: linear}\n") != NULL,
          "%s: resolved range kept as written", design);
    portee_scenario_t *again = NULL;
    portee_scenario_load_text(&portee_registry, "resolved", sc->resolved, strlen(sc->resolved), NULL, 0, &again, &err);
    CHECK(again != NULL, "%s: resolved reloads: %s", design, err.msg);
    if (again) {
        CHECK(again->design == sc->design && again->n_points == 333 && again->n_axes == 4, "%s: same design",
              design);
        CHECK(!memcmp(again->design_points, sc->design_points, 333 * 4 * sizeof(double)),
              "%s: the resolved scenario samples bit-identical points", design);
        CHECK(!strcmp(again->resolved + strcspn(again->resolved, "\n"), sc->resolved + strcspn(sc->resolved, "\n")),
              "%s: resolving is idempotent", design);
    }
    portee_scenario_free(again);
    portee_scenario_free(sc);
}

static void test_overrides(void)
{
    /* a file with plain ranges becomes a sampled sweep from the command line */
    static const char text[] = "reach:\nsweep:\n  page.reach_rate: {from: 0.02, to: 0.1}\n";
    const char *sets[] = {"sweep.design=latin", "sweep.samples=50"};
    portee_error_t err;
    portee_scenario_t *sc = load(text, sets, 2, &err);
    CHECK(sc && sc->design == PORTEE_DESIGN_LATIN && sc->n_points == 50, "--set design and samples: %s", err.msg);
    portee_scenario_free(sc);
    const char *grid[] = {"sweep.design=grid"};
    sc = load("reach:\nsweep:\n  page.reach_rate: {from: 0.02, to: 0.1, steps: 3}\n", grid, 1, &err);
    CHECK(sc && sc->design == PORTEE_DESIGN_GRID && sc->n_points == 3 && !sc->design_points,
          "design: grid is the grid: %s", err.msg);
    if (sc) CHECK(strstr(sc->resolved, "design") == NULL, "a grid's resolved text is as before");
    portee_scenario_free(sc);
    expect_error(text, "sweep.design=latn", "--set sweep.design:1:1:", "did you mean 'latin'?");
    expect_error(text, "sweep.samples=50", "--set sweep.samples:1:1:", "samples needs design: latin or sobol");
}

static void test_errors(void)
{
    static const char head[] = "reach:\nsweep:\n";
    char t[512];
#define E(body, where, what)                                                                                 \
    do {                                                                                                     \
        snprintf(t, sizeof t, "%s%s", head, body);                                                           \
        expect_error(t, NULL, where, what);                                                                  \
    } while (0)
    E("  design: latn\n  samples: 10\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:3:11:",
      "unknown design 'latn'; did you mean 'latin'?");
    E("  design: sobbol\n  samples: 10\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:3:11:",
      "did you mean 'sobol'?");
    E("  design: [latin]\n  samples: 10\n", "t.yaml:3:11:", "expected grid, latin or sobol");
    E("  design: latin\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:3:11:",
      "a latin design needs samples: N");
    E("  page.reach_rate: {from: 0.02, to: 0.1, steps: 3}\n  samples: 10\n", "t.yaml:4:12:",
      "samples needs design: latin or sobol");
    E("  design: grid\n  samples: 10\n  page.reach_rate: [0.1]\n", "t.yaml:4:12:",
      "samples needs design: latin or sobol");
    E("  design: latin\n  samples: 1\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:4:12:",
      "sweep.samples: at least 2 points");
    E("  design: sobol\n  samples: 1000001\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:4:12:",
      "too large; the maximum is 1000000");
    E("  design: latin\n  samples: many\n  page.reach_rate: {from: 0.02, to: 0.1}\n", "t.yaml:4:12:",
      "expected a whole number");
    E("  design: latin\n  samples: 10\n  page.followers: [100, 1000]\n", "t.yaml:5:19:",
      "a latin design samples ranges: write {from: 100, to: 1000}");
    E("  design: sobol\n  samples: 10\n  page.followers: 100\n", "t.yaml:5:19:", "expected a range {from: a, to: b}");
    E("  design: latin\n  samples: 10\n  page.reach_rate: {from: 0.02, to: 0.1, steps: 5}\n", "t.yaml:5:42:",
      "samples sets how many points");
    E("  design: latin\n  samples: 10\n  page.reach_rate: {from: 0.02}\n", "t.yaml:5:20:",
      "a range needs from: and to:");
    E("  design: latin\n  samples: 10\n  page.reach_rate: {from: 0.02, to: 0.1, scael: log}\n", "t.yaml:5:42:",
      "did you mean 'scale'? (known: from, to, scale)");
    E("  design: latin\n  samples: 10\n", "t.yaml:3:3:", "a latin design needs at least one range");
    E("  design: sobol\n  samples: 10\n  page.followers: {from: 0, to: 1000, scale: log}\n", "t.yaml:5:19:",
      "a log range needs from and to above 0");
    E("  design: latin\n  samples: 10\n  reach.folowers: {from: 1, to: 10}\n", "t.yaml:5:3:",
      "did you mean 'followers'?");
    E("  design: sobol\n  samples: 10\n  page.reach_rate: {from: 0.02, to: 0.1}\n"
      "  reach.share_rate: {from: 0.001, to: 0.05}\n  reach.friends_median: {from: 50, to: 500}\n"
      "  reach.friends_sigma: {from: 0.2, to: 2}\n  reach.friend_reach: {from: 0.01, to: 0.2}\n"
      "  page.engagement_rate: {from: 0.01, to: 0.1}\n  reach.arrival_hours: {from: 1, to: 24}\n"
      "  page.post_variability: {from: 1, to: 100}\n  page.followers: {from: 1, to: 100}\n",
      "t.yaml:3:3:", "at most 8 parameters");
#undef E
    /* the keys do not count as axes: 8 ranges and both keys are fine */
    portee_error_t err;
    portee_scenario_t *sc = load(scenario_text("sobol", 16, 8, 1), NULL, 0, &err);
    CHECK(sc && sc->n_axes == 8, "8 axes with design and samples: %s", err.msg);
    portee_scenario_free(sc);
}

int main(void)
{
    static const size_t latin[][2] = {{2, 1}, {3, 2}, {10, 8}, {64, 3}, {200, 2}, {1000, 5}, {4096, 8}};
    for (size_t i = 0; i < sizeof latin / sizeof *latin; i++) test_latin(latin[i][0], latin[i][1], 2014 + i);
    test_latin_stream();
    static const size_t sobol[][2] = {{2, 1}, {7, 2}, {64, 8}, {1000, 5}};
    for (size_t i = 0; i < sizeof sobol / sizeof *sobol; i++) test_sobol(sobol[i][0], sobol[i][1]);
    for (size_t k = 1; k <= 12; k++) test_sobol_net(k, k % 8 + 1);
    test_map();
    test_integers();
    test_round_trip("latin");
    test_round_trip("sobol");
    test_overrides();
    test_errors();
    return portee_test_summary("test_design");
}
