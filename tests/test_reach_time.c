/* Reach over time against closed forms (docs/models.md, reach): the
 * hourly curve's mean is sum_g E[n_g] P(Erlang(g+1, tau) <= h); a posting plan
 * at a fixed rate r with k posts a week reaches F (1 - (1 - r)^k) unique
 * followers a week; churn alone leaves F (1 - c)^w followers after w weeks.
 * Fixed seeds, 5-SE tolerances, each paired with a wrong model that the same
 * data must reject. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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
    return portee_test_summary("test_reach_time");
}
