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

#include "models/boost.h"
#include "models/page.h"
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
             "  friends_sigma: 1\n  friend_reach: %s\n  reachable_population: 4000000000\n  hours: 0\n"
             "  max_friends: 4000000000\n",
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

/* Mean and second moment of a friend count min(round(m e^{sigma Z}), c),
 * summed over its exact pmf (rounding included). */
static void capped_friends(double m, double sigma, double c, double *mean, double *second)
{
    double lo = 0, s1 = 0, s2 = 0; /* lo = P(count < f) */
    for (double f = 0; f < c; f++) {
        const double hi = gsl_cdf_ugaussian_P((log(f + 0.5) - log(m)) / sigma), pf = hi - lo;
        s1 += f * pf;
        s2 += f * f * pf;
        lo = hi;
    }
    *mean = s1 + c * (1 - lo);
    *second = s2 + c * c * (1 - lo);
}

/* A sharer's friends are capped at max_friends (default 5,000, Facebook's
 * limit): with a heavy tail (sigma 3, median 10: mean 900 uncapped) one
 * sharer's friends who see the share have mean fr E[min(f, 5000)] and
 * variance fr(1 - fr) E[min] + fr^2 Var[min].  Through the per-point table
 * (its tail drawn above the table's cut) and the samplers. */
static void check_friend_cap(const char *path, const char *fr, int seed)
{
    const double f = 0.1;
    double ef, ef2;
    capped_friends(10, 3, 5000, &ef, &ef2);
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "replicates: 200000\nseed: %d\nreach:\n  followers: 1\n  reach_rate: 1\n"
             "  post_variability: 0\n  share_rate: 1\n  friends_median: 10\n  friends_sigma: 3\n"
             "  friend_reach: %s\n  reachable_population: 4000000000\n  max_generations: 1\n"
             "  hours: 0\n",
             seed, fr);
    capture_t c = mc_run(yaml, 2);
    moments_t v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
    char what[128];
    snprintf(what, sizeof what, "friends capped at 5,000 (%s): mean", path);
    CHECK_SE(v.mean, f * ef, v.se_mean, K, what);
    snprintf(what, sizeof what, "friends capped at 5,000 (%s): variance", path);
    CHECK_SE(v.var, f * (1 - f) * ef + f * f * (ef2 - ef * ef), v.se_var, K, what);
    CHECK(mc_far(v.mean, f * 10 * exp(4.5), v.se_mean), "power (%s): uncapped friend counts would be rejected",
          path);
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
             "  hours: 0\n  max_friends: 4000000000\n",
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
                             "  hours: 0\n  max_friends: 4000000000\n",
                             2);
        moments_t v = mc_moments(mc_column(&c, REACH_OUT_VIRAL, 0), c.R);
        CHECK_SE(v.mean, F * r * R / (1 - R), v.se_mean, K, "viral reach with 2000 heavy-tailed sharers");
        CHECK(mc_far(v.mean, 2567, v.se_mean), "power: the biased normal shortcut (2567) would be rejected");
        free(c.values);
        const double F2 = 1e6, r2 = 0.4, R2 = 0.02 * 10 * exp(0.5) * 0.001;
        c = mc_run("replicates: 8000\nseed: 32\nreach:\n  followers: 1000000\n  reach_rate: 0.4\n"
                   "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 10\n"
                   "  friends_sigma: 1\n  friend_reach: 0.001\n  reachable_population: 4000000000\n"
                   "  hours: 0\n  max_friends: 4000000000\n",
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

    /* 9. The friend cap (max_friends). */
    check_friend_cap("per-point table", "0.1", 41);
    check_friend_cap("samplers", "{dist: uniform, min: 0.09999999, max: 0.10000001}", 42);

    /* 10. The cascade's reproduction number, per replicate: s E[min(f, cap)] rho
     *     (the rounding of friend counts aside: well below 1e-4 here).  The
     *     default page: 0.01 x E[min(f, 5000)] x 0.05 = 0.1643 (0.1649 uncapped);
     *     with an uncertain share rate its mean is E[s] E[f] rho. */
    {
        double ef, ef2;
        capped_friends(200, 1, 5000, &ef, &ef2);
        capture_t c = mc_run("replicates: 20000\nseed: 43\nreach:\n  hours: 0\n", 2);
        const double *R = mc_column(&c, REACH_OUT_CASCADE_R, 0);
        const double want = 0.01 * ef * 0.05, uncapped = 0.01 * 200 * exp(0.5) * 0.05;
        CHECK(fabs(R[0] - want) < 1e-4 * want && fabs(R[c.R - 1] - R[0]) == 0,
              "default page: R = %.6f, s E[min(f, 5000)] rho = %.6f", R[0], want);
        CHECK(fabs(R[0] - uncapped) > 1e-3 * want, "power: the uncapped R %.6f would be rejected", uncapped);
        const double *cut = mc_column(&c, REACH_OUT_CASCADE_CUT, 0);
        double any = 0;
        for (uint64_t i = 0; i < c.R; i++) any += cut[i];
        CHECK(any == 0, "a subcritical cascade on the default page is never cut (%g were)", any);
        free(c.values);
        c = mc_run("replicates: 100000\nseed: 44\nreach:\n  hours: 0\n"
                   "  share_rate: {dist: beta, mean: 0.02, sd: 0.01}\n",
                   2);
        moments_t r = mc_moments(mc_column(&c, REACH_OUT_CASCADE_R, 0), c.R);
        CHECK_SE(r.mean, 0.02 * ef * 0.05, r.se_mean, K, "uncertain share rate: mean R = E[s] E[f] rho");
        CHECK_SE(r.var, pow(0.01 * ef * 0.05, 2), r.se_var, K, "uncertain share rate: Var R = Var[s] (E[f] rho)^2");
        free(c.values);
    }

    /* 11. A cascade cut at max_generations: one person reached, who shares
     *     (s = 1) to one friend, who sees it with probability 1/2, and so on:
     *     the chain is alive after G generations with probability 2^-G, which
     *     is how often it is cut; E[total] = sum_{g<=G} 2^-g; everyone reached
     *     shares, the last generation too: E[shares] = s E[total] = 1.875 for
     *     G = 3 (rejected: the last generation without its shares, 1.75, the
     *     count before this version; cut one generation later, 2^-4). */
    {
        capture_t c = mc_run("replicates: 200000\nseed: 45\nreach:\n  followers: 1\n  reach_rate: 1\n"
                             "  post_variability: 0\n  share_rate: 1\n  friends_median: 1\n"
                             "  friends_sigma: 0\n  friend_reach: 0.5\n  reachable_population: 4000000000\n"
                             "  max_generations: 3\n  hours: 0\n",
                             2);
        moments_t cut = mc_moments(mc_column(&c, REACH_OUT_CASCADE_CUT, 0), c.R);
        CHECK_SE(cut.mean, 0.125, cut.se_mean, K, "cut at 3 generations: P = 2^-3");
        CHECK(mc_far(cut.mean, 0.0625, cut.se_mean), "power: cut one generation late would be rejected");
        moments_t t = mc_moments(mc_column(&c, REACH_OUT_TOTAL, 0), c.R);
        CHECK_SE(t.mean, 1.875, t.se_mean, K, "cut chain: E[total] = 1 + 1/2 + 1/4 + 1/8");
        moments_t sh = mc_moments(mc_column(&c, REACH_OUT_SHARES, 0), c.R);
        CHECK_SE(sh.mean, 1.875, sh.se_mean, K, "cut chain: E[shares] = s E[total]");
        CHECK(mc_far(sh.mean, 1.75, sh.se_mean), "power: the last generation without shares would be rejected");
        free(c.values);
    }

    /* 12. A cascade that exhausts its population (5,000 followers reached,
     *     2,500 sharers a generation: the many-sharers path): the people of
     *     its last generation share too, so E[shares] = s E[total] (Wald: one
     *     share draw per person reached) = 50,000; the count before this
     *     version, measured on this scenario, was 36,409, the last
     *     generation's draws missing. */
    {
        capture_t c = mc_run("replicates: 20000\nseed: 46\npage:\n  followers: 10000\n  reach_rate: 0.5\n"
                             "  post_variability: 0\nreach:\n  share_rate: 0.5\n  friends_median: 100\n"
                             "  friends_sigma: 0\n  friend_reach: 0.5\n  reachable_population: 100000\n"
                             "  max_generations: 1000\n  hours: 0\n",
                             2);
        const double *sh = mc_column(&c, REACH_OUT_SHARES, 0), *t = mc_column(&c, REACH_OUT_TOTAL, 0);
        double *d = malloc(c.R * sizeof *d);
        for (uint64_t i = 0; i < c.R; i++) d[i] = sh[i] - 0.5 * t[i];
        moments_t dm = mc_moments(d, c.R), shm = mc_moments(sh, c.R), tm = mc_moments(t, c.R);
        CHECK(tm.mean == 100000, "the cascade exhausts its population (mean total %g)", tm.mean);
        CHECK_SE(dm.mean, 0, dm.se_mean, K, "exhausted population: E[shares - s total] = 0");
        CHECK(mc_far(shm.mean, 36409, shm.se_mean), "power: the old count (36,409) would be rejected");
        free(d);
        free(c.values);
    }

    /* 13. The size law: a page of F followers reaches
     *     reach_rate (F/size_reference)^-size_elasticity of them, at most all:
     *     100,000 followers at 0.3 reach 0.05 x 100^-0.3 = 1.26 % directly
     *     (rejected: the flat 5 %), through the beta-then-binomial path and
     *     the per-point table; the boost model's organic overlap too. */
    {
        CHECK(portee_page_rate_at(0.05, 123456, 0, 1000) == 0.05, "no size law: the rate to the bit");
        CHECK(portee_page_rate_at(0.05, 1000, 0.3, 1000) == 0.05, "size law at its reference: the rate");
        CHECK(fabs(portee_page_rate_at(0.05, 1e5, 0.3, 1000) - 0.05 * pow(100, -0.3)) < 1e-15, "size law at 1e5");
        CHECK(portee_page_rate_at(0.05, 10, 2, 1000) == 1, "size law: at most every follower");
        const double F = 1e5, r = 0.05 * pow(100, -0.3);
        const char *yaml[] = {"replicates: 200000\nseed: 47\npage:\n  followers: 100000\n  reach_rate: 0.05\n"
                              "  post_variability: 0\n  size_elasticity: 0.3\nreach:\n  share_rate: 0\n"
                              "  reachable_population: 10000000\n  hours: 0\n",
                              "replicates: 200000\nseed: 48\npage:\n  followers: 100000\n  reach_rate: 0.05\n"
                              "  post_variability: 50\n  size_elasticity: 0.3\nreach:\n  share_rate: 0\n"
                              "  reachable_population: 10000000\n  hours: 0\n"};
        for (int i = 0; i < 2; i++) {
            capture_t c = mc_run(yaml[i], 2);
            moments_t d = mc_moments(mc_column(&c, REACH_OUT_DIRECT, 0), c.R);
            CHECK_SE(d.mean, F * r, d.se_mean, K, i ? "size law, per-point table: mean" : "size law: mean");
            if (!i) CHECK_SE(d.var, F * r * (1 - r), d.se_var, K, "size law: binomial variance");
            CHECK(mc_far(d.mean, F * 0.05, d.se_mean), "power: a flat rate would be rejected");
            free(c.values);
        }
        capture_t c = mc_run("replicates: 100000\nseed: 49\npage:\n  followers: 100000\n  reach_rate: 0.05\n"
                             "  post_variability: 0\n  size_elasticity: 0.3\nboost:\n  target_size: 20000\n"
                             "  spill_population: 1000000\n",
                             2);
        moments_t o = mc_moments(mc_column(&c, BOOST_OUT_ORGANIC, 0), c.R);
        CHECK_SE(o.mean, F * r, o.se_mean, K, "size law in the boost model's organic reach");
        CHECK(mc_far(o.mean, F * 0.05, o.se_mean), "power: boost's organic reach at the flat rate would be rejected");
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
