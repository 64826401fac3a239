/* The reach model against the closed forms of docs/models.md, reach, through the
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

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "models/registry.h"
#include "models/reach.h"
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"
#include "mcutil.h"
#include "testutil.h"

#define K K_SE

static void check_betabinomial(const char *path, const char *rate, int seed)
{
    const double F = 1000, r = 0.06, k = 50;
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "replicates: 200000\nseed: %d\nreach:\n  followers: 1000\n  reach_rate: %s\n"
             "  post_variability: 50\n  share_rate: 0\n",
             seed, rate);
    capture_t c = mc_run(yaml, 2);
    moments_t d = mc_moments(mc_column(&c, REACH_OUT_DIRECT, 0), c.R);
    const double bb = F * r * (1 - r) * (k + F) / (k + 1);
    char what[128];
    snprintf(what, sizeof what, "beta-binomial direct reach (%s): mean", path);
    CHECK_SE(d.mean, F * r, d.se_mean, K, what);
    snprintf(what, sizeof what, "beta-binomial direct reach (%s): variance", path);
    CHECK_SE(d.var, bb, d.se_var, K, what);
    CHECK(mc_far(d.var, F * r * (1 - r), d.se_var), "power (%s): binomial variance would be rejected", path);
    free(c.values);
}

static void check_lognormal_cascade(const char *path, const char *share, const char *fr, int seed)
{
    const double F = 1000, r = 0.05, s = 0.02, R = s * 100 * exp(0.5) * 0.1;
    char yaml[640];
    snprintf(yaml, sizeof yaml,
             "replicates: 200000\nseed: %d\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
             "  post_variability: 50\n  share_rate: %s\n  friends_median: 100\n"
             "  friends_sigma: 1\n  friend_reach: %s\n  reachable_population: 4000000000\n  hours: 0\n",
             seed, share, fr);
    capture_t c = mc_run(yaml, 2);
    moments_t t = mc_moments(mc_column(&c, REACH_OUT_TOTAL, 0), c.R);
    char what[128];
    snprintf(what, sizeof what, "cascade multiplier with lognormal friends (%s)", path);
    CHECK_SE(t.mean, F * r / (1 - R), t.se_mean, K, what);
    CHECK(mc_far(t.mean, F * r / (1 - s * 100 * 0.1), t.se_mean),
          "power (%s): using the median instead of the mean friend count would be rejected", path);
    moments_t sh = mc_moments(mc_column(&c, REACH_OUT_SHARES, 0), c.R);
    snprintf(what, sizeof what, "shares = s * total (%s)", path);
    CHECK_SE(sh.mean, s * F * r / (1 - R), sh.se_mean, K, what);
    CHECK(mc_far(sh.mean, s * F * r * R / (1 - R), sh.se_mean),
          "power (%s): losing the first generation's sharers would be rejected", path);
    free(c.values);
}

static void check_one_sharer(const char *path, const char *fr, int seed)
{
    const double f = 0.1, m = 100, ef = m * exp(0.5), vf = m * m * exp(1) * (exp(1) - 1) + 1.0 / 12;
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "replicates: 200000\nseed: %d\nreach:\n  followers: 1\n  reach_rate: 1\n"
             "  post_variability: 0\n  share_rate: 1\n  friends_median: 100\n  friends_sigma: 1\n"
             "  friend_reach: %s\n  reachable_population: 4000000000\n  max_generations: 1\n"
             "  hours: 0\n",
             seed, fr);
    capture_t c = mc_run(yaml, 2);
    moments_t v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
    char what[128];
    snprintf(what, sizeof what, "one sharer's friends who see it (%s): mean", path);
    CHECK_SE(v.mean, f * ef, v.se_mean, K, what);
    snprintf(what, sizeof what, "one sharer's friends who see it (%s): variance", path);
    CHECK_SE(v.var, f * (1 - f) * ef + f * f * vf, v.se_var, K, what);
    /* friend counts cut at their 95th percentile (e^1.645 x the median):
     * E[F; F <= c] = E[F] Phi(1.645 - sigma) */
    CHECK(mc_far(v.mean, f * ef * gsl_cdf_ugaussian_P(1.645 - 1), v.se_mean),
          "power (%s): dropping the friend counts' top 5 %% would be rejected", path);
    CHECK(mc_far(v.var, f * (1 - f) * ef, v.se_var), "power (%s): fixed friend counts would be rejected", path);
    free(c.values);
}

int main(void)
{
    gsl_set_error_handler_off(); /* GSL errors (out of memory) are reported, not aborted on */
    /* 1. No shares, no variability: direct ~ Binomial(F, r). */
    {
        const double F = 1000, r = 0.06;
        capture_t c = mc_run("replicates: 200000\nseed: 11\nreach:\n  followers: 1000\n  reach_rate: 0.06\n"
                          "  post_variability: 0\n  share_rate: 0\n",
                          2);
        moments_t d = mc_moments(mc_column(&c, REACH_OUT_DIRECT, 0), c.R);
        CHECK_SE(d.mean, F * r, d.se_mean, K, "binomial direct reach: mean F*r");
        CHECK_SE(d.var, F * r * (1 - r), d.se_var, K, "binomial direct reach: variance F*r*(1-r)");
        CHECK(mc_far(d.var, F * r, d.se_var), "power: a Poisson(F*r) model's variance %g would be rejected", F * r);
        moments_t v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
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
        capture_t c = mc_run("replicates: 200000\nseed: 13\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                          "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 100\n"
                          "  friends_sigma: 0\n  friend_reach: 0.1\n  reachable_population: 4000000000\n"
                          "  engagement_rate: 0.04\n",
                          2);
        moments_t t = mc_moments(mc_column(&c, REACH_OUT_TOTAL, 0), c.R);
        CHECK_SE(t.mean, F * r / (1 - R), t.se_mean, K, "cascade multiplier 1/(1-R)");
        CHECK(mc_far(t.mean, F * r * (1 + R), t.se_mean), "power: a one-generation model (1+R) would be rejected");
        CHECK(mc_far(t.mean, F * r, t.se_mean), "power: a model without shares would be rejected");
        moments_t sh = mc_moments(mc_column(&c, REACH_OUT_SHARES, 0), c.R);
        CHECK_SE(sh.mean, s * F * r / (1 - R), sh.se_mean, K, "shares = s * total");
        moments_t en = mc_moments(mc_column(&c, REACH_OUT_ENGAGEMENTS, 0), c.R);
        CHECK_SE(en.mean, e * F * r / (1 - R), en.se_mean, K, "engagements = e * total");
        free(c.values);
    }

    /* 4. Same with lognormal friends, E[friends] = median e^{sigma^2/2}, and
     *    post variability: constants go through the per-point tables (direct
     *    reach split by whether anyone shares; friends seeing a share), rates
     *    drawn per replicate through the samplers. */
    check_lognormal_cascade("per-point tables", "0.02", "0.1", 14);
    check_lognormal_cascade("samplers", "{dist: uniform, min: 0.01999999, max: 0.02000001}",
                            "{dist: uniform, min: 0.09999999, max: 0.10000001}", 17);

    /* 4a. One sharer's friends who see the share: seen | F ~ Binomial(F, fr),
     *     F the rounded lognormal friend count, so E[seen] = fr E[F] and
     *     Var[seen] = fr (1 - fr) E[F] + fr^2 Var[F] (Var[F]: lognormal + 1/12
     *     for the rounding), dominated by the friend counts' upper tail. */
    check_one_sharer("per-point table", "0.1", 18);
    check_one_sharer("samplers", "{dist: uniform, min: 0.09999999, max: 0.10000001}", 19);

    /* 4b. Many sharers in one generation (k > REACH_CLT_SHARERS): the friends'
     *     views are drawn on the sum of friend counts.  E[viral] = F r R / (1 - R).
     *     Heavy tail (sigma 3, k ~ 2000): the sum is drawn exactly; a normal
     *     approximation of it was biased by 40 % here.  Light tail (sigma 1,
     *     k ~ 8000 > 1024 e^2): the sum is drawn by the CLT. */
    {
        const double F = 1e6, r = 0.1, R = 0.02 * 10 * exp(4.5) * 0.001;
        capture_t c = mc_run("replicates: 8000\nseed: 31\nreach:\n  followers: 1000000\n  reach_rate: 0.1\n"
                             "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 10\n"
                             "  friends_sigma: 3\n  friend_reach: 0.001\n  reachable_population: 4000000000\n"
                             "  hours: 0\n",
                             2);
        moments_t v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
        CHECK_SE(v.mean, F * r * R / (1 - R), v.se_mean, K, "viral reach with 2000 heavy-tailed sharers");
        CHECK(mc_far(v.mean, 2567, v.se_mean), "power: the biased normal shortcut (2567) would be rejected");
        free(c.values);
        const double F2 = 1e6, r2 = 0.4, R2 = 0.02 * 10 * exp(0.5) * 0.001;
        c = mc_run("replicates: 8000\nseed: 32\nreach:\n  followers: 1000000\n  reach_rate: 0.4\n"
                   "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 10\n"
                   "  friends_sigma: 1\n  friend_reach: 0.001\n  reachable_population: 4000000000\n"
                   "  hours: 0\n",
                   2);
        v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
        CHECK_SE(v.mean, F2 * r2 * R2 / (1 - R2), v.se_mean, K, "viral reach with 8000 sharers (CLT sum)");
        CHECK(mc_far(v.mean, F2 * r2 * 0.02 * 10 * 0.001, v.se_mean),
              "power: median instead of mean friends would be rejected");
        free(c.values);
    }

    /* 5. Overlap: a population no bigger than the audience saturates; nobody counts twice. */
    {
        capture_t c = mc_run("replicates: 2000\nreach:\n  followers: 1000\n  reach_rate: 0.5\n"
                          "  share_rate: 0.5\n  friend_reach: 0.5\n  reachable_population: 1200\n",
                          2);
        double worst = 0;
        const double *total = mc_column(&c, REACH_OUT_TOTAL, 0);
        const double *direct = mc_column(&c, REACH_OUT_DIRECT, 0), *viral = mc_column(&c, REACH_OUT_VIRAL, 0);
        for (uint64_t i = 0; i < c.R; i++) {
            if (total[i] > worst) worst = total[i];
            CHECK(total[i] == direct[i] + viral[i], "total = direct + viral");
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
        capture_t c = mc_run("replicates: 200000\nseed: 15\nreach:\n  followers: 1000\n"
                          "  reach_rate: {dist: beta, mean: 0.06, sd: 0.02}\n  post_variability: 0\n"
                          "  share_rate: 0\n",
                          2);
        moments_t d = mc_moments(mc_column(&c, REACH_OUT_DIRECT, 0), c.R);
        const double var = F * (m - (sd * sd + m * m)) + F * F * sd * sd;
        CHECK_SE(d.mean, F * m, d.se_mean, K, "uncertain rate: mean");
        CHECK_SE(d.var, var, d.se_var, K, "uncertain rate: variance");
        CHECK(mc_far(d.var, F * m * (1 - m), d.se_var), "power: ignoring the uncertainty would be rejected");
        free(c.values);
    }

    /* 7. The default page: mean total reach 60 +- 2 (the calibration). */
    {
        portee_error_t err;
        portee_scenario_t *sc;
        CHECK(portee_scenario_load(&portee_registry, NULL, NULL, 0, &sc, &err) == PORTEE_OK, "default");
        capture_t c = mc_run_scenario(sc, 2);
        moments_t t = mc_moments(mc_column(&c, REACH_OUT_TOTAL, 0), c.R);
        CHECK(fabs(t.mean - 60) <= 2, "default page reaches 60 +- 2 per post (got %.2f)", t.mean);

        /* 8. Same seed, any thread count: identical replicate values. */
        capture_t c1 = mc_run_scenario(sc, 1);
        CHECK(!memcmp(c1.values, c.values, c.n_columns * c.R * sizeof(double)),
              "1 and 2 threads give bit-identical replicates (all %zu columns)", c.n_columns);
        free(c1.values);
        free(c.values);
        portee_scenario_free(sc);
    }
    return portee_test_summary("test_reach");
}
