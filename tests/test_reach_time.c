/* Reach over time against closed forms (docs/models.md, reach): the
 * hourly curve's mean is sum_g E[n_g] P(Erlang(g+1, tau) <= h); a posting plan
 * at a fixed rate r with k posts a week reaches F (1 - (1 - r)^k) unique
 * followers a week; churn alone leaves F (1 - c)^w followers after w weeks;
 * followers who differ (follower_variability c: a follower's chance is
 * Beta(a, b), a = r c, b = (1 - r) c) see n posts beta-binomially, so n posts
 * reach F (1 - B(a, b + n)/B(a, b)) of them at least once.
 * Fixed seeds, 5-SE tolerances, each paired with a wrong model that the same
 * data must reject. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "mcutil.h"
#include "models/reach.h"
#include "testutil.h"

/* P(Erlang(g + 1, tau) <= h) */
static double erlang_cdf(unsigned g, double tau, double h)
{
    double x = h / tau, term = exp(-x), sum = term;
    for (unsigned j = 1; j <= g; j++) sum += term *= x / j;
    return 1 - sum;
}

/* P(X = j) for X ~ BetaBinomial(n, a, b), and P(X >= j) */
static double bb_pmf(unsigned j, unsigned n, double a, double b)
{
    return exp(gsl_sf_lnchoose(n, j) + gsl_sf_lnbeta(a + j, b + n - j) - gsl_sf_lnbeta(a, b));
}

static double bb_tail(unsigned j, unsigned n, double a, double b)
{
    double t = 0;
    for (unsigned i = j; i <= n; i++) t += bb_pmf(i, n, a, b);
    return t;
}

/* Followers reached at least once by n posts: F (1 - B(a, b + n)/B(a, b)),
 * or F (1 - (1 - r)^n) when followers are alike (c = 0). */
static double reached_by(double F, double r, double c, unsigned n)
{
    if (c == 0) return F * (1 - pow(1 - r, n));
    return F * (1 - exp(gsl_sf_lnbeta(r * c, (1 - r) * c + n) - gsl_sf_lnbeta(r * c, (1 - r) * c)));
}

/* A plan of k posts a week for W weeks, no shares, no churn or gain, at a
 * fixed rate r, followers of variability c; max_posts_seen bins. */
static capture_t plan(double F, double r, double c, double k, unsigned W, unsigned bins, int seed)
{
    char yaml[768];
    snprintf(yaml, sizeof yaml,
             "replicates: 20000\nseed: %d\npage:\n  followers: %g\n  reach_rate: %g\n  post_variability: 0\n"
             "  follower_variability: %g\n  posts_per_week: %g\nreach:\n  share_rate: 0\n  hours: 0\n"
             "  horizon_weeks: %u\n  max_posts_seen: %u\n  churn_rate: 0\n  follow_rate: 0\n",
             seed, F, r, c, k, W, bins);
    return mc_run(yaml, 2);
}

int main(void)
{
    /* 1. Hourly curve without shares: E[reached by hour h] = F r (1 - e^{-h/tau}),
     *    and as every follower is reached and arrives independently, the
     *    variance is binomial. */
    {
        const double F = 1000, r = 0.05, tau = 3;
        capture_t c = mc_run("replicates: 100000\nseed: 21\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                             "  post_variability: 0\n  share_rate: 0\n  hours: 24\n  arrival_hours: 3\n",
                             2);
        const unsigned hs[] = {1, 3, 6, 24};
        for (int i = 0; i < 4; i++) {
            moments_t m = mc_moments(mc_column(&c, REACH_OUT_HOURLY, hs[i]), c.R);
            char what[64];
            snprintf(what, sizeof what, "hourly mean at hour %u, no shares", hs[i]);
            const double q = r * (1 - exp(-(double)hs[i] / tau)); /* reached and arrived */
            CHECK_SE(m.mean, F * q, m.se_mean, K_SE, what);
            /* each follower independently: Binomial(F, q) */
            snprintf(what, sizeof what, "hourly variance at hour %u, no shares", hs[i]);
            CHECK_SE(m.var, F * q * (1 - q), m.se_var, K_SE, what);
            const double pi = q / r, d2 = F * r * (1 - r) + F * F * r * r; /* E[direct^2] */
            if (hs[i] < 24)
                CHECK(mc_far(m.var, d2 * pi - F * F * q * q, m.se_var),
                      "power: one arrival hour for all of a post's people would be rejected at hour %u", hs[i]);
            if (hs[i] < 24)
                CHECK(mc_far(m.mean, F * r * (1 - exp(-(double)hs[i] / 2.5)), m.se_mean),
                      "power: a 2.5-hour arrival time would be rejected at hour %u", hs[i]);
        }
        /* every curve starts at 0, never falls, ends at most at the post's total */
        int bad = 0;
        for (uint64_t i = 0; i < c.R; i++) {
            bad += mc_column(&c, REACH_OUT_HOURLY, 0)[i] != 0;
            for (unsigned h = 1; h <= 24; h++)
                bad += mc_column(&c, REACH_OUT_HOURLY, h)[i] < mc_column(&c, REACH_OUT_HOURLY, h - 1)[i];
            bad += mc_column(&c, REACH_OUT_HOURLY, 24)[i] > mc_column(&c, REACH_OUT_TOTAL, 0)[i];
        }
        CHECK(bad == 0, "%d curves not starting at 0, falling, or passing the total", bad);
        free(c.values);
    }

    /* 2. With shares, generation g arrives after g + 1 delays:
     *    E[curve(h)] = F r sum_g R^g P(Erlang(g + 1, tau) <= h), small overlap.
     *    Twice: with the per-point survival table (a constant arrival time), and
     *    computed generation by generation (an arrival time drawn per replicate
     *    from a distribution too narrow to matter). */
    const char *arrivals[2] = {"2", "{dist: uniform, min: 1.999999, max: 2.000001}"};
    for (int variant = 0; variant < 2; variant++) {
        const double F = 1000, r = 0.05, tau = 2, R = 0.02 * 100 * 0.1;
        char yaml[768];
        snprintf(yaml, sizeof yaml,
                 "replicates: 100000\nseed: %d\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                 "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 100\n"
                 "  friends_sigma: 0\n  friend_reach: 0.1\n  reachable_population: 4000000000\n"
                 "  hours: 48\n  arrival_hours: %s\n",
                 22 + variant, arrivals[variant]);
        capture_t c = mc_run(yaml, 2);
        const unsigned hs[] = {2, 6, 12, 48};
        for (int i = 0; i < 4; i++) {
            double want = 0, one_gen = 0, Rg = 1;
            for (unsigned g = 0; g < 60; g++, Rg *= R) want += F * r * Rg * erlang_cdf(g, tau, hs[i]);
            for (unsigned g = 0; g < 60; g++) one_gen += F * r * pow(R, g) * erlang_cdf(0, tau, hs[i]);
            moments_t m = mc_moments(mc_column(&c, REACH_OUT_HOURLY, hs[i]), c.R);
            char what[96];
            snprintf(what, sizeof what, "hourly mean at hour %u with shares (%s)", hs[i],
                     variant ? "survival per generation" : "survival table");
            CHECK_SE(m.mean, want, m.se_mean, K_SE, what);
            if (hs[i] <= 6)
                CHECK(mc_far(m.mean, one_gen, m.se_mean),
                      "power: shares arriving as fast as the post would be rejected at hour %u", hs[i]);
        }
        free(c.values);
    }

    /* 3. Posting plan, fixed rate, no shares, no churn or gain: unique weekly
     *    reach F (1 - (1 - r)^k); followers never change; impressions k F r. */
    {
        const double F = 1000, r = 0.05, k = 3;
        capture_t c = mc_run("replicates: 20000\nseed: 23\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                             "  post_variability: 0\n  share_rate: 0\n  hours: 0\n  posts_per_week: 3\n"
                             "  horizon_weeks: 4\n  churn_rate: 0\n  follow_rate: 0\n",
                             2);
        for (unsigned w = 0; w < 4; w++) {
            moments_t u = mc_moments(mc_column(&c, REACH_OUT_WEEK_UNIQUE, w), c.R);
            CHECK_SE(u.mean, F * (1 - pow(1 - r, k)), u.se_mean, K_SE, "unique weekly reach F(1-(1-r)^k)");
            CHECK(mc_far(u.mean, k * F * r, u.se_mean), "power: counting repeat viewers twice would be rejected");
            moments_t im = mc_moments(mc_column(&c, REACH_OUT_WEEK_IMPRESSIONS, w), c.R);
            CHECK_SE(im.mean, k * F * r, im.se_mean, K_SE, "weekly impressions k F r");
            moments_t f = mc_moments(mc_column(&c, REACH_OUT_WEEK_FOLLOWERS, w), c.R);
            CHECK(f.mean == F && f.var == 0, "no churn and no gain: followers stay %g (mean %g, var %g)", F,
                  f.mean, f.var);
        }
        free(c.values);
    }

    /* 4. Churn only: E[followers after w weeks] = F (1 - c)^w. */
    {
        const double F = 1000, ch = 0.01;
        capture_t c = mc_run("replicates: 20000\nseed: 24\nreach:\n  followers: 1000\n  hours: 0\n"
                             "  posts_per_week: 1\n  horizon_weeks: 30\n  churn_rate: 0.01\n  follow_rate: 0\n",
                             2);
        const unsigned ws[] = {1, 10, 30};
        for (int i = 0; i < 3; i++) {
            moments_t f = mc_moments(mc_column(&c, REACH_OUT_WEEK_FOLLOWERS, ws[i] - 1), c.R);
            char what[64];
            snprintf(what, sizeof what, "followers after %u weeks of churn", ws[i]);
            CHECK_SE(f.mean, F * pow(1 - ch, ws[i]), f.se_mean, K_SE, what);
            if (ws[i] == 30)
                CHECK(mc_far(f.mean, F * (1 - ch * ws[i]), f.se_mean), "power: linear churn would be rejected");
        }
        free(c.values);
    }

    /* 5. Gain: in week 1, E[new followers] = follow_rate x k x E[viral] with
     *    E[viral] = F r R / (1 - R) (everyone reached by shares is a non-follower
     *    when the population is huge). */
    {
        const double F = 1000, r = 0.05, R = 0.02 * 100 * 0.1, k = 2, fol = 0.1;
        capture_t c = mc_run("replicates: 50000\nseed: 25\nreach:\n  followers: 1000\n  reach_rate: 0.05\n"
                             "  post_variability: 0\n  share_rate: 0.02\n  friends_median: 100\n"
                             "  friends_sigma: 0\n  friend_reach: 0.1\n  reachable_population: 4000000000\n"
                             "  hours: 0\n  posts_per_week: 2\n  horizon_weeks: 1\n  follow_rate: 0.1\n"
                             "  churn_rate: 0\n",
                             2);
        moments_t g = mc_moments(mc_column(&c, REACH_OUT_WEEK_GAINED, 0), c.R);
        CHECK_SE(g.mean, fol * k * F * r * R / (1 - R), g.se_mean, K_SE, "new followers from shares");
        CHECK(mc_far(g.mean, fol * k * F * r / (1 - R), g.se_mean),
              "power: counting followers reached directly as new would be rejected");
        free(c.values);
    }
    /* 6. A fractional posting rate spreads evenly: 2.5 a week is 3, 2, 3, 2
     *    posts, 0.5 is one post every other week, starting in week 1; each
     *    week reaches F (1 - (1 - r)^k_w) followers with k_w F r impressions. */
    {
        const double F = 1000, r = 0.05;
        const double rates[] = {2.5, 0.5};
        const double posts[2][4] = {{3, 2, 3, 2}, {1, 0, 1, 0}};
        for (int i = 0; i < 2; i++) {
            char yaml[512];
            snprintf(yaml, sizeof yaml,
                     "replicates: 20000\nseed: 26\npage:\n  followers: 1000\n  reach_rate: 0.05\n"
                     "  post_variability: 0\n  posts_per_week: %g\nreach:\n  share_rate: 0\n  hours: 0\n"
                     "  horizon_weeks: 4\n  churn_rate: 0\n  follow_rate: 0\n",
                     rates[i]);
            capture_t c = mc_run(yaml, 2);
            for (unsigned w = 0; w < 4; w++) {
                const double k = posts[i][w];
                moments_t u = mc_moments(mc_column(&c, REACH_OUT_WEEK_UNIQUE, w), c.R);
                moments_t im = mc_moments(mc_column(&c, REACH_OUT_WEEK_IMPRESSIONS, w), c.R);
                char what[96];
                snprintf(what, sizeof what, "%g posts a week: unique reach in week %u (%g posts)", rates[i], w + 1, k);
                if (k == 0) {
                    CHECK(u.mean == 0 && im.mean == 0, "%s: nothing posted, nothing reached", what);
                    continue;
                }
                CHECK_SE(u.mean, F * (1 - pow(1 - r, k)), u.se_mean, K_SE, what);
                CHECK_SE(im.mean, k * F * r, im.se_mean, K_SE, "impressions k_w F r");
                const double floor_k = floor(rates[i]);
                if (floor_k != k)
                    CHECK(mc_far(im.mean, floor_k * F * r, im.se_mean),
                          "power: posting floor(%g) every week would be rejected in week %u", rates[i], w + 1);
            }
            free(c.values);
        }
    }
    /* 7. Followers who differ: with c = 1, three posts at r = 0.08 reach
     *    2000 (1 - B(a, b + 3)/B(a, b)) = 280.7 of 2,000 followers in a week
     *    (rejected: every follower alike, 442.6); every post still reaches
     *    F r on average (the classes' chances average to r after any
     *    history); over W weeks the followers reached at least once are
     *    F (1 - B(a, b + k w)/B(a, b)) (rejected: alike followers). */
    {
        const double F = 2000, r = 0.08, c = 1, k = 3;
        capture_t cp = plan(F, r, c, k, 6, 0, 27);
        for (unsigned w = 0; w < 6; w++) {
            moments_t u = mc_moments(mc_column(&cp, REACH_OUT_WEEK_UNIQUE, w), cp.R);
            char what[128];
            snprintf(what, sizeof what, "followers who differ (c = 1): unique reach in week %u", w + 1);
            CHECK_SE(u.mean, reached_by(F, r, c, 3), u.se_mean, K_SE, what);
            CHECK(mc_far(u.mean, reached_by(F, r, 0, 3), u.se_mean), "power: alike followers (442.6) would be rejected");
            moments_t d = mc_moments(mc_column(&cp, REACH_OUT_WEEK_DIRECT_IMPRESSIONS, w), cp.R);
            CHECK_SE(d.mean, k * F * r, d.se_mean, K_SE, "followers who differ: direct impressions k F r");
            moments_t cu = mc_moments(mc_column(&cp, REACH_OUT_WEEK_CUMULATIVE, w), cp.R);
            snprintf(what, sizeof what, "followers who differ: cumulative reach by week %u", w + 1);
            CHECK_SE(cu.mean, reached_by(F, r, c, 3 * (w + 1)), cu.se_mean, K_SE, what);
            if (w > 0)
                CHECK(mc_far(cu.mean, reached_by(F, r, 0, 3 * (w + 1)), cu.se_mean),
                      "power: cumulative reach of alike followers would be rejected in week %u", w + 1);
        }
        CHECK(fabs(reached_by(F, r, c, 3) - 280.7) < 0.05 && fabs(reached_by(F, r, 0, 3) - 442.6) < 0.05,
              "the closed forms: 280.7 and 442.6");
        free(cp.values);
        mc_check_threads("replicates: 500\nseed: 9\npage:\n  follower_variability: 2\n  posts_per_week: 3\n"
                         "reach:\n  hours: 0\n  horizon_weeks: 8\n  max_posts_seen: 5\n  follow_rate: 0.5\n");
    }

    /* 8. Cumulative reach of alike followers, both ways of drawing a plan
     *    (the weekly draws and the classes, chosen by max_posts_seen):
     *    F (1 - (1 - r)^{k w}) (rejected: k w F r, nobody reached twice; the
     *    beta-binomial of c = 1).  Week 1's cumulative reach is its unique
     *    reach, replicate by replicate. */
    for (unsigned bins = 0; bins <= 4; bins += 4) {
        const double F = 1000, r = 0.05, k = 2;
        capture_t cp = plan(F, r, 0, k, 8, bins, 28 + (int)bins);
        const double *u1 = mc_column(&cp, REACH_OUT_WEEK_UNIQUE, 0), *c1 = mc_column(&cp, REACH_OUT_WEEK_CUMULATIVE, 0);
        int same = 0;
        for (uint64_t i = 0; i < cp.R; i++) same += u1[i] == c1[i];
        CHECK(same == (int)cp.R, "week 1: cumulative reach = unique reach (%d of %llu)", same,
              (unsigned long long)cp.R);
        for (unsigned w = 1; w < 8; w += 3) {
            moments_t cu = mc_moments(mc_column(&cp, REACH_OUT_WEEK_CUMULATIVE, w), cp.R);
            char what[128];
            snprintf(what, sizeof what, "alike followers (%s): cumulative reach by week %u",
                     bins ? "classes" : "weekly draws", w + 1);
            CHECK_SE(cu.mean, reached_by(F, r, 0, 2 * (w + 1)), cu.se_mean, K_SE, what);
            CHECK(mc_far(cu.mean, k * (w + 1) * F * r, cu.se_mean), "power: no repeat viewers would be rejected");
            CHECK(mc_far(cu.mean, reached_by(F, r, 1, 2 * (w + 1)), cu.se_mean),
                  "power: followers who differ would be rejected");
        }
        free(cp.values);
    }

    /* 9. The posts seen over the plan: 12 posts, bins 0..9 and "10 or more",
     *    F BetaBinomial(12, a, b) (rejected: the binomial of alike followers),
     *    and with c = 0 F Binomial(12, r) (rejected: the beta-binomial).
     *    Every replicate's table holds the F followers. */
    for (int alike = 0; alike <= 1; alike++) {
        const double F = 1000, r = 0.2, c = alike ? 0 : 2;
        capture_t cp = plan(F, r, c, 3, 4, 10, 30 + alike);
        for (unsigned j = 0; j <= 10; j++) {
            const double bb = j < 10 ? bb_pmf(j, 12, r * 2, (1 - r) * 2) : bb_tail(10, 12, r * 2, (1 - r) * 2);
            const double bin = j < 10 ? gsl_ran_binomial_pdf(j, r, 12) : 1 - gsl_cdf_binomial_P(9, r, 12);
            moments_t m = mc_moments(mc_column(&cp, REACH_OUT_POSTS_SEEN, j), cp.R);
            char what[128];
            snprintf(what, sizeof what, "posts seen (%s): followers who saw %u%s", alike ? "binomial" : "beta-binomial",
                     j, j == 10 ? " or more" : "");
            CHECK_SE(m.mean, F * (alike ? bin : bb), m.se_mean, K_SE, what);
            if (j <= 1 || j == 6)
                CHECK(mc_far(m.mean, F * (alike ? bb : bin), m.se_mean), "power (%s): the other law would be rejected at %u",
                      alike ? "binomial" : "beta-binomial", j);
        }
        int bad = 0;
        for (uint64_t i = 0; i < cp.R; i++) {
            double sum = 0;
            for (unsigned j = 0; j <= 10; j++) sum += mc_column(&cp, REACH_OUT_POSTS_SEEN, j)[i];
            bad += sum != F || mc_column(&cp, REACH_OUT_WEEK_CUMULATIVE, 3)[i] != F - mc_column(&cp, REACH_OUT_POSTS_SEEN, 0)[i];
        }
        CHECK(bad == 0, "every table holds the F followers, its first bin those never reached (%d not)", bad);
        free(cp.values);
    }

    /* 10. The reach-frequency identity, replicate by replicate, with shares:
     *     weekly_frequency x weekly_unique_reach = weekly_direct_impressions,
     *     which shares do not add to (rejected: weekly_impressions, which
     *     they do). */
    {
        capture_t cp = mc_run("replicates: 2000\nseed: 33\npage:\n  posts_per_week: 3\nreach:\n  hours: 0\n"
                              "  horizon_weeks: 4\n  share_rate: 0.05\n",
                              2);
        int bad = 0, differ = 0;
        for (unsigned w = 0; w < 4; w++)
            for (uint64_t i = 0; i < cp.R; i++) {
                const double f = mc_column(&cp, REACH_OUT_WEEK_FREQUENCY, w)[i];
                const double u = mc_column(&cp, REACH_OUT_WEEK_UNIQUE, w)[i];
                const double d = mc_column(&cp, REACH_OUT_WEEK_DIRECT_IMPRESSIONS, w)[i];
                const double im = mc_column(&cp, REACH_OUT_WEEK_IMPRESSIONS, w)[i];
                bad += fabs(f * u - d) > 1e-9 * d || im < d;
                differ += fabs(f * u - im) > 1e-9 * im;
            }
        CHECK(bad == 0, "frequency x unique reach = direct impressions <= impressions (%d weeks not)", bad);
        CHECK(differ > 0, "power: frequency x unique reach = all impressions would be rejected");
        free(cp.values);
    }

    /* 11. The size law over a plan: 10,000 followers at elasticity 0.3 are
     *     reached at r (10)^-0.3 a post: F (1 - (1 - r_F)^k) a week
     *     (rejected: the flat rate). */
    {
        const double F = 10000, rF = 0.05 * pow(10, -0.3), k = 3;
        capture_t cp = mc_run("replicates: 20000\nseed: 34\npage:\n  followers: 10000\n  post_variability: 0\n"
                    "  size_elasticity: 0.3\n  posts_per_week: 3\nreach:\n  share_rate: 0\n  hours: 0\n"
                    "  horizon_weeks: 2\n  churn_rate: 0\n  follow_rate: 0\n  reachable_population: 1000000\n",
                    2);
        moments_t u = mc_moments(mc_column(&cp, REACH_OUT_WEEK_UNIQUE, 1), cp.R);
        CHECK_SE(u.mean, F * (1 - pow(1 - rF, k)), u.se_mean, K_SE, "size law over a plan: unique reach");
        CHECK(mc_far(u.mean, F * (1 - pow(0.95, k)), u.se_mean), "power: the flat rate would be rejected");
        free(cp.values);
    }

    /* 12. Followers who differ, and churn and gain: churn alone leaves
     *     F (1 - c)^w through the classes too; the followers of the plan's
     *     start and those who leave stay in the posts-seen table; new
     *     followers come from shares as before, E = phi k F r R / (1 - R). */
    {
        const double F = 1000, ch = 0.01;
        capture_t cp = mc_run("replicates: 20000\nseed: 35\npage:\n  followers: 1000\n  follower_variability: 1\n"
                              "  posts_per_week: 1\nreach:\n  hours: 0\n  horizon_weeks: 30\n  churn_rate: 0.01\n"
                              "  follow_rate: 0\n  max_posts_seen: 3\n",
                              2);
        moments_t f = mc_moments(mc_column(&cp, REACH_OUT_WEEK_FOLLOWERS, 29), cp.R);
        CHECK_SE(f.mean, F * pow(1 - ch, 30), f.se_mean, K_SE, "classes: followers after 30 weeks of churn");
        CHECK(mc_far(f.mean, F * (1 - ch * 30), f.se_mean), "power: linear churn would be rejected");
        int bad = 0;
        for (uint64_t i = 0; i < cp.R; i++) {
            double sum = 0;
            for (unsigned j = 0; j <= 3; j++) sum += mc_column(&cp, REACH_OUT_POSTS_SEEN, j)[i];
            bad += sum != F;
        }
        CHECK(bad == 0, "those who left stay in the posts-seen table (%d replicates not)", bad);
        free(cp.values);
        /* many new followers (all who are reached through shares follow):
         * placed by the prior predictive, they are reached at rate r too, so
         * each post still reaches r of everyone (rejected: new followers
         * taken for people who missed every post so far) */
        const double F2 = 200, r = 0.3, R = 0.05 * 100 * 0.1, k = 3;
        cp = mc_run("replicates: 20000\nseed: 36\npage:\n  followers: 200\n  reach_rate: 0.3\n"
                    "  post_variability: 0\n  follower_variability: 1\n  posts_per_week: 3\nreach:\n"
                    "  share_rate: 0.05\n  friends_median: 100\n  friends_sigma: 0\n  friend_reach: 0.1\n"
                    "  reachable_population: 4000000000\n  hours: 0\n  horizon_weeks: 3\n  follow_rate: 1\n"
                    "  churn_rate: 0\n",
                    2);
        moments_t g = mc_moments(mc_column(&cp, REACH_OUT_WEEK_GAINED, 0), cp.R);
        CHECK_SE(g.mean, k * F2 * r * R / (1 - R), g.se_mean, K_SE, "classes: new followers from shares");
        const double *d = mc_column(&cp, REACH_OUT_WEEK_DIRECT_IMPRESSIONS, 2);
        const double *f2 = mc_column(&cp, REACH_OUT_WEEK_FOLLOWERS, 1);
        double *x = malloc(cp.R * sizeof *x);
        for (uint64_t i = 0; i < cp.R; i++) x[i] = d[i] - k * r * f2[i];
        moments_t xm = mc_moments(x, cp.R), fm = mc_moments(f2, cp.R);
        CHECK_SE(xm.mean, 0, xm.se_mean, K_SE, "classes with new followers: week 3 reaches k r F directly");
        /* new ones at class 0 after 6 posts: chance a/(a + b + 6) = r/7 */
        CHECK(mc_far(xm.mean, -k * r * (fm.mean - F2) * (1 - 1.0 / 7), xm.se_mean),
              "power: new followers taken for people who missed every post would be rejected");
        free(x);
        free(cp.values);
    }
    return portee_test_summary("test_reach_time");
}
