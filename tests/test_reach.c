/* The reach model against the closed forms of DESIGN.md §2.1, through the
 * engine (streams, parameter draws, summaries) as a run would use it.
 *
 * Every check uses a fixed seed and a tolerance of 5 Monte Carlo standard
 * errors, and each is paired with a "wrong model" check: the same data must
 * sit far (> 5 SE) from the closed form of a plausible but wrong model, so the
 * test is shown to be able to fail. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/reach.h"
#include "sim/engine.h"
#include "sim/scenario.h"
#include "testutil.h"

#define K 5.0

typedef struct {
    double *values; /* [outputs][R] of point 0 */
    uint64_t R;
} capture_t;

static portee_status_t grab(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    (void)err;
    capture_t *c = ctx;
    if (res->point == 0) memcpy(c->values, res->values, res->n_outputs * res->replicates * sizeof(double));
    return PORTEE_OK;
}

static capture_t run(const char *yaml, int threads)
{
    portee_error_t err;
    portee_scenario_t *sc;
    capture_t c = {0};
    if (portee_scenario_load_text("test", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        CHECK(0, "scenario: %s", err.msg);
        exit(1);
    }
    c.R = sc->replicates;
    c.values = malloc(REACH_NOUTPUTS * c.R * sizeof(double));
    portee_engine_opts_t o = {.threads = threads, .on_point = grab, .ctx = &c};
    CHECK(portee_engine_run(sc, &o, &err) == PORTEE_OK, "run: %s", err.msg);
    portee_scenario_free(sc);
    return c;
}

typedef struct {
    double mean, var, se_mean, se_var;
} moments_t;

/* Mean and variance with their standard errors; SE of the sample variance from
 * the sample fourth central moment: sqrt((m4 - s^4) / n). */
static moments_t moments(const double *x, uint64_t n)
{
    double s = 0;
    for (uint64_t i = 0; i < n; i++) s += x[i];
    double m = s / n, m2 = 0, m4 = 0;
    for (uint64_t i = 0; i < n; i++) {
        double d = (x[i] - m) * (x[i] - m);
        m2 += d;
        m4 += d * d;
    }
    m4 /= n;
    moments_t r = {m, m2 / (n - 1), 0, 0};
    r.se_mean = sqrt(r.var / n);
    r.se_var = sqrt((m4 - r.var * r.var) / n);
    return r;
}

static bool far(double observed, double wrong, double se) { return fabs(observed - wrong) > K * se; }

static void check_betabinomial(const char *path, const char *rate, int seed)
{
    const double F = 1000, r = 0.06, k = 50;
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "replicates: 200000\nseed: %d\nreach:\n  followers: 1000\n  reach_rate: %s\n"
             "  post_variability: 50\n  share_rate: 0\n",
             seed, rate);
    capture_t c = run(yaml, 2);
    moments_t d = moments(c.values + REACH_OUT_DIRECT * c.R, c.R);
    const double bb = F * r * (1 - r) * (k + F) / (k + 1);
    char what[128];
    snprintf(what, sizeof what, "beta-binomial direct reach (%s): mean", path);
    CHECK_SE(d.mean, F * r, d.se_mean, K, what);
    snprintf(what, sizeof what, "beta-binomial direct reach (%s): variance", path);
    CHECK_SE(d.var, bb, d.se_var, K, what);
    CHECK(far(d.var, F * r * (1 - r), d.se_var), "power (%s): binomial variance would be rejected", path);
    free(c.values);
}

int main(void)
{
    /* 1. No shares, no variability: direct ~ Binomial(F, r). */
    {
        const double F = 1000, r = 0.06;
        capture_t c = run("replicates: 200000\nseed: 11\nreach:\n  followers: 1000\n  reach_rate: 0.06\n"
                          "  post_variability: 0\n  share_rate: 0\n",
                          2);
        moments_t d = moments(c.values + REACH_OUT_DIRECT * c.R, c.R);
        CHECK_SE(d.mean, F * r, d.se_mean, K, "binomial direct reach: mean F*r");
        CHECK_SE(d.var, F * r * (1 - r), d.se_var, K, "binomial direct reach: variance F*r*(1-r)");
        CHECK(far(d.var, F * r, d.se_var), "power: a Poisson(F*r) model's variance %g would be rejected", F * r);
        moments_t v = moments(c.values + REACH_OUT_VIRAL * c.R, c.R);
        CHECK(v.mean == 0 && v.var == 0, "no shares, no viral reach");
        free(c.values);
    }

    /* 2. Variability: direct is beta-binomial, variance F r (1-r) (k+F)/(k+1),
     *    through both sampling paths: constant inputs use the per-point alias
     *    table; a reach_rate drawn per replicate (from a distribution too
     *    narrow to add variance) makes the model draw a beta, then a binomial. */
    check_betabinomial("per-point table", "0.06", 12);
    check_betabinomial("beta then binomial", "{dist: uniform, min: 0.05999999, max: 0.06000001}", 16);

    /* 3. Subcritical cascade with small overlap: E[total] = F r / (1 - R),
     *    R = s * friends * friend_reach; E[shares] = s E[total]; E[engagements] = e E[total]. */
    {
        const double F = 1000, r = 0.05, s = 0.02, friends = 100, fr = 0.1, e = 0.04;
        const double R = s * friends * fr; /* 0.2 */
        capture_t c = run("replicates: 200000\nseed: 13\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                          "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 100\n"
                          "  friends_sigma: 0\n  friend_reach: 0.1\n  reachable_population: 4000000000\n"
                          "  engagement_rate: 0.04\n",
                          2);
        moments_t t = moments(c.values + REACH_OUT_TOTAL * c.R, c.R);
        CHECK_SE(t.mean, F * r / (1 - R), t.se_mean, K, "cascade multiplier 1/(1-R)");
        CHECK(far(t.mean, F * r * (1 + R), t.se_mean), "power: a one-generation model (1+R) would be rejected");
        CHECK(far(t.mean, F * r, t.se_mean), "power: a model without shares would be rejected");
        moments_t sh = moments(c.values + REACH_OUT_SHARES * c.R, c.R);
        CHECK_SE(sh.mean, s * F * r / (1 - R), sh.se_mean, K, "shares = s * total");
        moments_t en = moments(c.values + REACH_OUT_ENGAGEMENTS * c.R, c.R);
        CHECK_SE(en.mean, e * F * r / (1 - R), en.se_mean, K, "engagements = e * total");
        free(c.values);
    }

    /* 4. Same with lognormal friends: E[friends] = median * exp(sigma^2 / 2). */
    {
        const double F = 1000, r = 0.05, R = 0.02 * 100 * exp(0.5) * 0.1;
        capture_t c = run("replicates: 200000\nseed: 14\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                          "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 100\n"
                          "  friends_sigma: 1\n  friend_reach: 0.1\n  reachable_population: 4000000000\n",
                          2);
        moments_t t = moments(c.values + REACH_OUT_TOTAL * c.R, c.R);
        CHECK_SE(t.mean, F * r / (1 - R), t.se_mean, K, "cascade multiplier with lognormal friends");
        CHECK(far(t.mean, F * r / (1 - 0.02 * 100 * 0.1), t.se_mean),
              "power: using the median instead of the mean friend count would be rejected");
        free(c.values);
    }

    /* 5. Overlap: a population no bigger than the audience saturates; nobody counts twice. */
    {
        capture_t c = run("replicates: 2000\nreach:\n  followers: 1000\n  reach_rate: 0.5\n"
                          "  share_rate: 0.5\n  friend_reach: 0.5\n  reachable_population: 1200\n",
                          2);
        double worst = 0;
        for (uint64_t i = 0; i < c.R; i++) {
            double tot = c.values[REACH_OUT_TOTAL * c.R + i];
            if (tot > worst) worst = tot;
            CHECK(tot == c.values[REACH_OUT_DIRECT * c.R + i] + c.values[REACH_OUT_VIRAL * c.R + i],
                  "total = direct + viral");
            if (portee_test_failed > 20) break;
        }
        CHECK(worst <= 1200, "total reach %g never exceeds the reachable population", worst);
        CHECK(worst > 1100, "a supercritical cascade nearly saturates it (max %g)", worst);
        free(c.values);
    }

    /* 6. Parameter uncertainty propagates: reach_rate ~ Beta(m, sd) without
     *    variability gives Var = F E[p(1-p)] + F^2 Var(p). */
    {
        const double F = 1000, m = 0.06, sd = 0.02;
        capture_t c = run("replicates: 200000\nseed: 15\nreach:\n  followers: 1000\n"
                          "  reach_rate: {dist: beta, mean: 0.06, sd: 0.02}\n  post_variability: 0\n"
                          "  share_rate: 0\n",
                          2);
        moments_t d = moments(c.values + REACH_OUT_DIRECT * c.R, c.R);
        const double var = F * (m - (sd * sd + m * m)) + F * F * sd * sd;
        CHECK_SE(d.mean, F * m, d.se_mean, K, "uncertain rate: mean");
        CHECK_SE(d.var, var, d.se_var, K, "uncertain rate: variance");
        CHECK(far(d.var, F * m * (1 - m), d.se_var), "power: ignoring the uncertainty would be rejected");
        free(c.values);
    }

    /* 7. The default page: mean total reach 60 +- 2 (the calibration). */
    {
        portee_error_t err;
        portee_scenario_t *sc;
        CHECK(portee_scenario_load(NULL, NULL, 0, &sc, &err) == PORTEE_OK, "default");
        capture_t c = {.R = sc->replicates};
        c.values = malloc(REACH_NOUTPUTS * c.R * sizeof(double));
        portee_engine_opts_t o = {.threads = 2, .on_point = grab, .ctx = &c};
        CHECK(portee_engine_run(sc, &o, &err) == PORTEE_OK, "run default");
        moments_t t = moments(c.values + REACH_OUT_TOTAL * c.R, c.R);
        CHECK(fabs(t.mean - 60) <= 2, "default page reaches 60 +- 2 per post (got %.2f)", t.mean);

        /* 8. Same seed, any thread count: identical replicate values. */
        double *one = malloc(REACH_NOUTPUTS * c.R * sizeof(double));
        capture_t c1 = {.values = one, .R = c.R};
        portee_engine_opts_t o1 = {.threads = 1, .on_point = grab, .ctx = &c1};
        CHECK(portee_engine_run(sc, &o1, &err) == PORTEE_OK, "run default on 1 thread");
        CHECK(!memcmp(one, c.values, REACH_NOUTPUTS * c.R * sizeof(double)),
              "1 and 2 threads give bit-identical replicates");
        free(one);
        free(c.values);
        portee_scenario_free(sc);
    }
    return portee_test_summary("test_reach");
}
