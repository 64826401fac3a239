/* The boost model against the closed forms of docs/models.md, boost, and boost.h,
 * through the engine as a run would use it.
 *
 * Fixed seeds; every statistical check has a tolerance of 5 Monte Carlo
 * standard errors and is paired with a plausible wrong model that the same
 * data must reject (> 5 SE away), so each check is shown to be able to fail.
 * Invariants (caps, zero budget, reach bounds) are checked replicate by
 * replicate. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "models/boost.h"
#include "sim/scenario/scenario.h"
#include "mcutil.h"
#include "testutil.h"

#define K K_SE

/* A boost scenario: R replicates of the given keys, and unless they say
 * otherwise exact impressions (no auction noise) at CPM 10, all inside the
 * target, nobody following the page. */
static capture_t run(int threads, unsigned long R, int seed, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static capture_t run(int threads, unsigned long R, int seed, const char *fmt, ...)
{
    static const char *const defaults[] = {"  cpm: 10\n", "  auction_noise: 0\n", "  targeting_precision: 1\n",
                                           "  follower_share: 0\n", "  followers: 0\n"};
    char keys[1024], yaml[1600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(keys, sizeof keys, fmt, ap);
    va_end(ap);
    int n = snprintf(yaml, sizeof yaml, "replicates: %lu\nseed: %d\nboost:\n%s", R, seed, keys);
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) {
        char key[40];
        snprintf(key, sizeof key, "%.*s", (int)(strchr(defaults[i], ':') - defaults[i] + 1), defaults[i]);
        if (!strstr(keys, key)) n += snprintf(yaml + n, sizeof yaml - (size_t)n, "%s", defaults[i]);
    }
    return mc_run(yaml, threads);
}

/* ---- exact allocation laws ---- */

/* P(given people all unseen) after I impressions on T people: uniform
 * (1 - g/T)^I; shape k: E[(1 - p)^I], p ~ Beta(g k, (T - g) k). */
static double p_unseen(double T, double k, double I, double g)
{
    if (k == 0) return pow(1 - g / T, I);
    return exp(gsl_sf_lngamma(T * k) + gsl_sf_lngamma((T - g) * k + I) - gsl_sf_lngamma((T - g) * k) -
               gsl_sf_lngamma(T * k + I));
}

/* Expected people seen j times: T·Binomial(j; I, 1/T) or T·BetaBinomial(j; I, k, (T-1)k). */
static double cell(double T, double k, double I, unsigned j)
{
    if (k == 0) return T * gsl_ran_binomial_pdf(j, 1 / T, (unsigned)I);
    const double a = k, b = (T - 1) * k;
    return T * exp(gsl_sf_lnchoose((unsigned)I, j) + gsl_sf_lnbeta(j + a, I - j + b) - gsl_sf_lnbeta(a, b));
}

/* Mean and variance of the people reached. */
static void reach_moments(double T, double k, double I, double *mean, double *var)
{
    const double p0 = p_unseen(T, k, I, 1), p00 = p_unseen(T, k, I, 2);
    *mean = T * (1 - p0);
    *var = T * (T - 1) * p00 + T * p0 - T * T * p0 * p0; /* of the unreached, the same */
}

/* Reach mean and variance and the frequency cells j = 1..bins-1 against the
 * exact law, with a wrong law's mean (and, if given, variance) rejected. */
static void check_allocation(const char *what, const capture_t *c, double T, double k, double I,
                             unsigned bins, double wrong_mean, double wrong_var)
{
    double mean, var;
    reach_moments(T, k, I, &mean, &var);
    moments_t m = mc_moments(mc_column(c, BOOST_OUT_TARGET_REACH, 0), c->R);
    char w[160];
    snprintf(w, sizeof w, "%s: mean reach", what);
    if (m.se_mean > 0) {
        CHECK_SE(m.mean, mean, m.se_mean, K, w);
        snprintf(w, sizeof w, "%s: variance of reach", what);
        CHECK_SE(m.var, var, m.se_var, K, w);
    } else { /* everyone reached every time */
        CHECK(fabs(m.mean - mean) < 1e-6, "%s: %.9g vs %.9g", w, m.mean, mean);
    }
    if (!isnan(wrong_mean))
        CHECK(mc_far(m.mean, wrong_mean, m.se_mean),
              "power (%s): the wrong mean %.6g would be rejected (observed %.6g)", what, wrong_mean, m.mean);
    if (wrong_var > 0)
        CHECK(mc_far(m.var, wrong_var, m.se_var), "power (%s): the wrong variance %.6g would be rejected", what,
              wrong_var);
    for (unsigned j = 1; j < bins; j++) {
        const double e = cell(T, k, I, j);
        if (e < 1e-3) continue;
        moments_t f = mc_moments(mc_column(c, BOOST_OUT_FREQUENCY, j - 1), c->R);
        snprintf(w, sizeof w, "%s: people seen %u times", what, j);
        if (f.se_mean > 0) CHECK_SE(f.mean, e, f.se_mean, K, w);
        else CHECK(fabs(f.mean - e) < 1e-9, "%s (no variation): %g vs %g", w, f.mean, e);
    }
}

/* Per replicate: the frequency table adds up to the people reached, and,
 * with nobody in the last ("or more") bin, to the impressions delivered. */
static void check_table_sums(const char *what, const capture_t *c, unsigned bins)
{
    int bad_people = 0, bad_impr = 0, open = 0;
    for (uint64_t i = 0; i < c->R; i++) {
        double people = 0, impr = 0;
        for (unsigned j = 1; j <= bins; j++) {
            const double f = mc_column(c, BOOST_OUT_FREQUENCY, j - 1)[i];
            people += f;
            impr += j * f;
        }
        bad_people += people != mc_column(c, BOOST_OUT_PAID_REACH, 0)[i];
        if (mc_column(c, BOOST_OUT_FREQUENCY, bins - 1)[i] > 0) open++;
        else bad_impr += impr != mc_column(c, BOOST_OUT_IMPRESSIONS, 0)[i];
    }
    CHECK(bad_people == 0, "%s: frequency table adds up to paid reach (%d replicates do not)", what, bad_people);
    CHECK(bad_impr == 0, "%s: sum of j x people seen j times = impressions (%d of %llu replicates do not)", what,
          bad_impr, (unsigned long long)(c->R - open));
    CHECK(open < (int)c->R / 10, "%s: the last bin is rarely used (%d replicates)", what, open);
}

int main(void)
{
    /* 1. Uniform delivery, I = 200 on T = 100 (the Poissonised draw and its
     *    fix-up): reach T(1 - (1 - 1/T)^I), the occupancy variance and the
     *    binomial cells.  Wrong: each person Poisson(I/T) independently (the
     *    total not fixed): reach T(1 - e^{-I/T}), a larger variance. */
    {
        const double T = 100, I = 200, p = exp(-I / T);
        capture_t c = run(2, 100000, 101, "  budget: 2\n  target_size: 100\n  exposure_shape: 0\n  max_frequency: 30\n");
        check_allocation("uniform delivery, 200 on 100", &c, T, 0, I, 30, T * (1 - p), T * p * (1 - p));
        check_table_sums("uniform delivery", &c, 30);
        moments_t f2 = mc_moments(mc_column(&c, BOOST_OUT_FREQUENCY, 1), c.R);
        CHECK(mc_far(f2.mean, T * gsl_ran_poisson_pdf(2, I / T), f2.se_mean),
              "power: Poisson cells (%.4g seen twice) would be rejected", T * gsl_ran_poisson_pdf(2, I / T));
        free(c.values);
    }
    /* 1a. The same law person by person (5 people, 100 impressions each 20 on average). */
    {
        capture_t c = run(2, 100000, 102, "  budget: 1\n  target_size: 5\n  exposure_shape: 0\n  max_frequency: 45\n");
        check_allocation("uniform delivery, 100 on 5", &c, 5, 0, 100, 45, NAN, 0);
        moments_t f = mc_moments(mc_column(&c, BOOST_OUT_FREQUENCY, 19), c.R);
        CHECK(mc_far(f.mean, 5 * gsl_ran_poisson_pdf(20, 20), f.se_mean), "power: Poisson(20) cells would be rejected");
        free(c.values);
    }

    /* 2. NBD delivery of I = 2000 on T = 1000 at shapes 0.5, 1, 3: the
     *    Dirichlet-multinomial law exactly (zero class, variance, cells).
     *    Wrong: uniform delivery; and at this small target the independent
     *    NBD's zero class (1 + I/(T k))^(-k), which the exact law approaches
     *    only as T grows (a quarter of a person away here). */
    {
        /* bins: the last ("or more") rarely used; replicates: enough for the power check */
        const double shapes[3] = {0.5, 1, 3};
        const unsigned bins[3] = {40, 30, 15};
        const unsigned long reps[3] = {100000, 100000, 200000};
        for (int s = 0; s < 3; s++) {
            const double T = 1000, I = 2000, k = shapes[s];
            capture_t c = run(2, reps[s], 110 + s,
                              "  budget: 20\n  target_size: 1000\n  exposure_shape: %g\n  max_frequency: %u\n", k, bins[s]);
            char what[64];
            snprintf(what, sizeof what, "NBD delivery k = %g, 2000 on 1000", k);
            check_allocation(what, &c, T, k, I, bins[s], T * (1 - pow(1 - 1 / T, I)), 0);
            moments_t m = mc_moments(mc_column(&c, BOOST_OUT_TARGET_REACH, 0), c.R);
            CHECK(mc_far(m.mean, T * (1 - pow(1 + I / (T * k), -k)), m.se_mean),
                  "power (k = %g): independent NBD counts (total not fixed) would be rejected", k);
            check_table_sums(what, &c, bins[s]);
            free(c.values);
        }
    }
    /* 2a. Person by person: 100 impressions on 5 people, shape 1. */
    {
        capture_t c = run(2, 50000, 115, "  budget: 1\n  target_size: 5\n  exposure_shape: 1\n  max_frequency: 100\n");
        check_allocation("NBD delivery k = 1, 100 on 5", &c, 5, 1, 100, 100, 5 * (1 - pow(0.8, 100)), 0);
        free(c.values);
    }
    /* 2b. A large target: the share reached at least once is the issue's
     *     NBD form 1 - (1 + I/(T k))^(-k), k = 0.5, T = I = 100,000 (the
     *     exact law is 0.29 people above it, 0.6 SE here).  Wrong: k = 0.55. */
    {
        const double T = 1e5, I = 1e5, k = 0.5;
        capture_t c = run(2, 40000, 116, "  budget: 1000\n  target_size: 100000\n  exposure_shape: 0.5\n  max_frequency: 0\n");
        moments_t m = mc_moments(mc_column(&c, BOOST_OUT_TARGET_REACH, 0), c.R);
        CHECK_SE(m.mean, T * (1 - pow(1 + I / (T * k), -k)), m.se_mean, K, "NBD share reached, T = 100,000");
        CHECK(mc_far(m.mean, T * (1 - pow(1 + I / (T * 0.55), -0.55)), m.se_mean), "power: k = 0.55 would be rejected");
        free(c.values);
    }
    /* 2c. A heavy tail, k = 0.001, I = T = 100,000: some people draw 2047
     *     or more in the Poissonised step, so delivery goes by halves.
     *     Exact law: reach 688.99, variance 585.5.  Wrong: the old pooled
     *     class that soaked up the total (reach about 686.5, variance about
     *     636), about 9 SE away at 10,000 replicates. */
    {
        const double T = 1e5, I = 1e5, k = 0.001;
        capture_t c = run(2, 10000, 117, "  budget: 1000\n  target_size: 100000\n  exposure_shape: 0.001\n  max_frequency: 3\n");
        check_allocation("NBD delivery k = 0.001, 100,000 on 100,000", &c, T, k, I, 3, 686.53, 0);
        free(c.values);
    }

    /* 3. As k grows, reach tends to the uniform closed form (I = 200 on
     *    T = 100): each k matches its exact law, the distance to the uniform
     *    form shrinks, and at k = 1e5 it is within 5 SE. */
    {
        const double T = 100, I = 200, uniform = T * (1 - pow(1 - 1 / T, I));
        const double shapes[4] = {1, 10, 100, 1e5};
        double prev = INFINITY;
        for (int s = 0; s < 4; s++) {
            capture_t c = run(2, 100000, 120 + s, "  budget: 2\n  target_size: 100\n  exposure_shape: %g\n  max_frequency: 0\n",
                              shapes[s]);
            moments_t m = mc_moments(mc_column(&c, BOOST_OUT_TARGET_REACH, 0), c.R);
            double mean, var;
            reach_moments(T, shapes[s], I, &mean, &var);
            char w[64];
            snprintf(w, sizeof w, "k = %g: exact mean reach", shapes[s]);
            CHECK_SE(m.mean, mean, m.se_mean, K, w);
            const double gap = fabs(m.mean - uniform);
            CHECK(gap < prev, "k = %g: closer to uniform delivery (%.4g) than the smaller k (%.4g)", shapes[s], gap, prev);
            prev = gap;
            if (shapes[s] >= 1e5) CHECK_SE(m.mean, uniform, m.se_mean, K, "k = 1e5: the uniform closed form");
            else CHECK(mc_far(m.mean, uniform, m.se_mean), "k = %g: still told apart from uniform delivery", shapes[s]);
            free(c.values);
        }
    }

    /* 4. A campaign continues the urn: 4 weeks of 500 on T = 1000 (k = 1)
     *    reach, week by week, as one allocation of 500, 1000, 1500, 2000,
     *    and end with its frequency cells (which see how people already
     *    reached share the later weeks).  Wrong: heterogeneity drawn afresh
     *    each week (independent weeks), T(1 - P0(500)^w).  Uniform: 4 x 50
     *    on 100 as 200 at once. */
    {
        const double T = 1000, k = 1;
        capture_t c = run(2, 50000, 130, "  budget: 5\n  target_size: 1000\n  exposure_shape: 1\n  weeks: 4\n  max_frequency: 30\n");
        check_allocation("NBD campaign, 4 x 500 on 1000", &c, T, k, 2000, 30, T * (1 - pow(1 - 1 / T, 2000)), 0);
        for (unsigned w = 0; w < 4; w++) {
            moments_t m = mc_moments(mc_column(&c, BOOST_OUT_WEEK_PAID_REACH, w), c.R);
            double mean, var;
            reach_moments(T, k, 500.0 * (w + 1), &mean, &var);
            char what[80];
            snprintf(what, sizeof what, "campaign week %u: reach as one allocation of %u", w + 1, 500 * (w + 1));
            CHECK_SE(m.mean, mean, m.se_mean, K, what);
            if (w > 0)
                CHECK(mc_far(m.mean, T * (1 - pow(p_unseen(T, k, 500, 1), w + 1)), m.se_mean),
                      "power (week %u): independent weeks would be rejected", w + 1);
        }
        free(c.values);
        c = run(2, 100000, 131, "  budget: 0.5\n  target_size: 100\n  exposure_shape: 0\n  weeks: 4\n  max_frequency: 12\n");
        check_allocation("uniform campaign, 4 x 50 on 100", &c, 100, 0, 200, 12, 100 * (1 - exp(-2.0)),
                         100 * exp(-2.0) * (1 - exp(-2.0)));
        free(c.values);
    }

    /* 5. Frequency cap 2 (k = 1, 2000 on 1000): nobody is counted past 2 in
     *    any replicate, delivered = T E[min(X, 2)], spend = delivered x CPM /
     *    1000.  Wrong: a cap that sends blocked impressions elsewhere (all
     *    2000 delivered). */
    {
        const double T = 1000, k = 1, I = 2000;
        capture_t c = run(2, 100000, 140, "  budget: 20\n  target_size: 1000\n  exposure_shape: 1\n  frequency_cap: 2\n"
                                          "  max_frequency: 5\n");
        double expect = 0, below = 0;
        for (unsigned j = 0; j < 2; j++) {
            const double pj = cell(T, k, I, j) / T;
            expect += j * pj;
            below += pj;
        }
        expect = T * (expect + 2 * (1 - below));
        moments_t d = mc_moments(mc_column(&c, BOOST_OUT_IMPRESSIONS, 0), c.R);
        CHECK_SE(d.mean, expect, d.se_mean, K, "cap 2: delivered impressions T E[min(X, 2)]");
        CHECK(mc_far(d.mean, I, d.se_mean), "power: delivering all %g impressions would be rejected", I);
        int spend = 0;
        for (uint64_t i = 0; i < c.R; i++) {
            spend += fabs(mc_column(&c, BOOST_OUT_SPEND, 0)[i] - mc_column(&c, BOOST_OUT_IMPRESSIONS, 0)[i] * 10 / 1000) > 1e-9;
        }
        /* No "nobody past the cap" check: the frequency table and the
         * impressions both count people above the cap at the cap, so such a
         * check cannot fail; the cap is tested by E[min(X, 2)] above. */
        CHECK(spend == 0, "cap 2: spend = delivered x CPM / 1000 (%d replicates differ)", spend);
        check_table_sums("cap 2", &c, 5);
        free(c.values);
    }

    /* 6. Zero budget: nothing bought, nobody reached, nothing spent. */
    {
        capture_t c = run(2, 5000, 150, "  budget: 0\n  followers: 1000\n  follower_share: 0.04\n");
        const size_t zero[] = {BOOST_OUT_IMPRESSIONS, BOOST_OUT_SPEND, BOOST_OUT_PAID_REACH, BOOST_OUT_INCREMENTAL,
                               BOOST_OUT_COST_PER_1000, BOOST_OUT_ENGAGEMENTS, BOOST_OUT_FOLLOWERS_GAINED};
        int bad = 0, total = 0;
        for (uint64_t i = 0; i < c.R; i++) {
            for (size_t o = 0; o < sizeof zero / sizeof *zero; o++) bad += mc_column(&c, zero[o], 0)[i] != 0;
            total += mc_column(&c, BOOST_OUT_TOTAL, 0)[i] != mc_column(&c, BOOST_OUT_ORGANIC, 0)[i];
        }
        CHECK(bad == 0, "zero budget: zero impressions, spend, reach, cost, engagements, followers (%d nonzero)", bad);
        CHECK(total == 0, "zero budget: total reach = organic reach");
        free(c.values);
    }

    /* 7. Overlap with organic reach.  A target of 1000 with 400 followers
     *    and a spill population of 2000 with the other 200, half the
     *    impressions each, over 3 weeks; the post reaches each follower with
     *    probability r = 0.2.  Paid reach is a uniform subset of each
     *    audience (week by week, of those not reached yet), so given
     *    the paid reach P_in and P_out, E[overlap] = P_in 0.4 r + P_out 0.1 r
     *    (checked on the paired replicates); followers gained f (0.6 P_in +
     *    0.9 P_out); engagements e (P_in + P_out).  Wrong: no overlap
     *    removed; every organically reached follower in the target; the
     *    target's follower density used outside it too. */
    {
        const double r = 0.2, f = 0.05, e = 0.1;
        capture_t c = run(2, 100000, 160,
                          "  budget: 10\n  weeks: 3\n  target_size: 1000\n  spill_population: 2000\n  targeting_precision: 0.5\n"
                          "  followers: 600\n  follower_share: 0.4\n  reach_rate: 0.2\n  post_variability: 0\n"
                          "  exposure_shape: 2\n  follow_rate: 0.05\n  engagement_rate: 0.1\n  max_frequency: 0\n");
        const double *P = mc_column(&c, BOOST_OUT_PAID_REACH, 0), *Pin = mc_column(&c, BOOST_OUT_TARGET_REACH, 0);
        const double *inc = mc_column(&c, BOOST_OUT_INCREMENTAL, 0);
        double *d = malloc(4 * c.R * sizeof *d), *w1 = d + c.R, *w2 = d + 2 * c.R, *w3 = d + 3 * c.R;
        for (uint64_t i = 0; i < c.R; i++) {
            const double in = Pin[i], out = P[i] - Pin[i];
            d[i] = inc[i] - (P[i] - in * 0.4 * r - out * 0.1 * r);
            w1[i] = inc[i] - P[i];
            w2[i] = inc[i] - (P[i] - in * 0.6 * r);
            w3[i] = inc[i] - (P[i] - P[i] * 0.4 * r);
        }
        moments_t m = mc_moments(d, c.R), m1 = mc_moments(w1, c.R), m2 = mc_moments(w2, c.R), m3 = mc_moments(w3, c.R);
        CHECK_SE(m.mean, 0, m.se_mean, K, "incremental = paid - overlap, overlap = P_in 0.4 r + P_out 0.1 r");
        CHECK(mc_far(m1.mean, 0, m1.se_mean), "power: not removing the organic overlap would be rejected");
        CHECK(mc_far(m2.mean, 0, m2.se_mean), "power: all organically reached followers in the target would be rejected");
        CHECK(mc_far(m3.mean, 0, m3.se_mean), "power: the target's follower density outside it would be rejected");
        for (uint64_t i = 0; i < c.R; i++) {
            const double g = mc_column(&c, BOOST_OUT_FOLLOWERS_GAINED, 0)[i], in = Pin[i], out = P[i] - Pin[i];
            d[i] = g - f * (0.6 * in + 0.9 * out);
            w1[i] = g - f * P[i];
        }
        m = mc_moments(d, c.R);
        m1 = mc_moments(w1, c.R);
        CHECK_SE(m.mean, 0, m.se_mean, K, "followers gained = f x non-followers reached");
        CHECK(mc_far(m1.mean, 0, m1.se_mean), "power: gaining followers from followers would be rejected");
        for (uint64_t i = 0; i < c.R; i++) {
            const double en = mc_column(&c, BOOST_OUT_ENGAGEMENTS, 0)[i];
            d[i] = en - e * P[i];
            w1[i] = en - e * inc[i];
        }
        m = mc_moments(d, c.R);
        m1 = mc_moments(w1, c.R);
        CHECK_SE(m.mean, 0, m.se_mean, K, "engagements = e x paid reach");
        CHECK(mc_far(m1.mean, 0, m1.se_mean), "power: engagements from incremental reach only would be rejected");
        free(d);
        moments_t o = mc_moments(mc_column(&c, BOOST_OUT_ORGANIC, 0), c.R);
        CHECK_SE(o.mean, 600 * r, o.se_mean, K, "organic reach = followers x r");
        free(c.values);
    }

    /* 8. Invariants, replicate by replicate, with every input uncertain and a
     *    small spill population that saturates. */
    {
        capture_t c = run(2, 4000, 170,
                          "  budget: {dist: uniform, min: 0, max: 100}\n  cpm: {dist: lognormal, median: 10, sigma: 0.5, min: 2, max: 100}\n"
                          "  auction_noise: 0.3\n  targeting_precision: {dist: beta, mean: 0.7, sd: 0.2}\n"
                          "  target_size: {dist: uniform, min: 2000, max: 20000}\n  spill_population: 4000\n"
                          "  followers: 3000\n  follower_share: 0.1\n  exposure_shape: {dist: uniform, min: 0, max: 3}\n"
                          "  frequency_cap: 4\n  max_frequency: 6\n  weeks: 3\n  adstock: 0.5\n");
        int bad[8] = {0};
        for (uint64_t i = 0; i < c.R; i++) {
            const double paid = mc_column(&c, BOOST_OUT_PAID_REACH, 0)[i], target = mc_column(&c, BOOST_OUT_TARGET_REACH, 0)[i];
            const double inc = mc_column(&c, BOOST_OUT_INCREMENTAL, 0)[i], org = mc_column(&c, BOOST_OUT_ORGANIC, 0)[i];
            bad[0] += inc > paid || inc < 0;
            bad[1] += target > 20000 || paid - target > 4000;
            bad[2] += mc_column(&c, BOOST_OUT_TOTAL, 0)[i] != org + inc;
            bad[3] += mc_column(&c, BOOST_OUT_IMPRESSIONS, 0)[i] < paid;
            const double spend = mc_column(&c, BOOST_OUT_SPEND, 0)[i];
            /* each week may round up to one more impression, at most
             * CPM 100 / 1000 / the noise's 1e-9 quantile (0.16) = 0.63 */
            bad[4] += spend > 3 * 100 + 3 * 0.63;
            bad[7] += mc_column(&c, BOOST_OUT_COST_PER_1000, 0)[i] != (spend > 0 ? spend * 1000 / (inc > 1 ? inc : 1) : 0);
            for (unsigned w = 1; w < 3; w++)
                bad[6] += mc_column(&c, BOOST_OUT_WEEK_PAID_REACH, w)[i] < mc_column(&c, BOOST_OUT_WEEK_PAID_REACH, w - 1)[i] ||
                          mc_column(&c, BOOST_OUT_WEEK_INCREMENTAL, w)[i] < mc_column(&c, BOOST_OUT_WEEK_INCREMENTAL, w - 1)[i];
        }
        CHECK(bad[0] == 0, "0 <= incremental reach <= paid reach (%d violations)", bad[0]);
        CHECK(bad[1] == 0, "reach within the target plus the spill population (%d violations)", bad[1]);
        CHECK(bad[2] == 0, "total reach = organic + incremental (%d violations)", bad[2]);
        CHECK(bad[3] == 0, "impressions >= people reached (%d violations)", bad[3]);
        CHECK(bad[4] == 0, "spend never above the budget plus one impression a week (%d violations)", bad[4]);
        CHECK(bad[6] == 0, "reach so far never falls from week to week (%d violations)", bad[6]);
        CHECK(bad[7] == 0, "cost per 1000 incremental = spend x 1000 / incremental (%d violations)", bad[7]);
        check_table_sums("uncertain inputs", &c, 6);
        free(c.values);
    }

    /* 9. Adstock: 5 weeks of 100 paid impressions, half of each week's
     *    delivered impressions recurring the next: E[impressions in week w]
     *    = I (1 - 0.5^w) / 0.5; spend stays 5 x budget.  Wrong: no carry-over. */
    {
        const double I = 100, l = 0.5;
        capture_t c = run(2, 100000, 180, "  budget: 1\n  target_size: 1000000\n  weeks: 5\n  adstock: 0.5\n  max_frequency: 0\n");
        double sum = 0;
        for (unsigned w = 0; w < 5; w++) {
            const double e = I * (1 - pow(l, w + 1)) / (1 - l);
            sum += e;
            moments_t m = mc_moments(mc_column(&c, BOOST_OUT_WEEK_IMPRESSIONS, w), c.R);
            char what[64];
            snprintf(what, sizeof what, "adstock: impressions in week %u", w + 1);
            if (w == 0) CHECK(m.var == 0 && m.mean == I, "adstock: week 1 is the paid impressions alone");
            else CHECK_SE(m.mean, e, m.se_mean, K, what);
        }
        moments_t m = mc_moments(mc_column(&c, BOOST_OUT_IMPRESSIONS, 0), c.R);
        CHECK_SE(m.mean, sum, m.se_mean, K, "adstock: campaign impressions");
        CHECK(mc_far(m.mean, 5 * I, m.se_mean), "power: no carry-over (500) would be rejected");
        moments_t s = mc_moments(mc_column(&c, BOOST_OUT_SPEND, 0), c.R);
        CHECK(fabs(s.mean - 5) < 1e-9 && s.var < 1e-18, "adstock: spend is 5 x the budget (%g)", s.mean);
        free(c.values);
    }

    /* 9a. A budget below one impression's price: $0.005 at CPM 10 buys
     *     half an impression, i.e. one with probability 1/2, paid at CPM 10:
     *     spend = impressions x 10 / 1000 in every replicate, mean spend the
     *     budget.  Wrong: the whole budget for one impression (CPM 5). */
    {
        capture_t c = run(2, 20000, 185, "  budget: 0.005\n  target_size: 1000\n  max_frequency: 0\n");
        int bad = 0;
        for (uint64_t i = 0; i < c.R; i++)
            bad += fabs(mc_column(&c, BOOST_OUT_SPEND, 0)[i] - mc_column(&c, BOOST_OUT_IMPRESSIONS, 0)[i] * 10 / 1000) > 1e-12;
        CHECK(bad == 0, "half an impression: spend = impressions x CPM / 1000 (%d replicates differ)", bad);
        moments_t s = mc_moments(mc_column(&c, BOOST_OUT_SPEND, 0), c.R);
        CHECK_SE(s.mean, 0.005, s.se_mean, K, "half an impression: mean spend = budget");
        CHECK(mc_far(s.mean, 0.0025, s.se_mean), "power: half the budget (CPM 5 effective) would be rejected");
        free(c.values);
    }

    /* 10. Auction noise is mean-preserving: E[impressions] = 1000 B / CPM.
     *     Wrong: a median-one lognormal, mean e^{sigma^2/2} higher. */
    {
        capture_t c = run(2, 100000, 190, "  budget: 20\n  auction_noise: 0.5\n  max_frequency: 0\n");
        moments_t m = mc_moments(mc_column(&c, BOOST_OUT_IMPRESSIONS, 0), c.R);
        CHECK_SE(m.mean, 2000, m.se_mean, K, "auction noise: mean impressions 1000 B / CPM");
        CHECK(mc_far(m.mean, 2000 * exp(0.125), m.se_mean), "power: a median-one noise would be rejected");
        free(c.values);
    }

    /* 11. The shipped default page boosting a post, 1 and 2 threads:
     *     bit-identical replicates (a campaign with uncertain inputs). */
    mc_check_threads("replicates: 20000\nseed: 7\nboost:\n  cpm: {dist: lognormal, median: 10, sigma: 0.4, min: 2, max: 50}\n"
                     "  exposure_shape: {dist: uniform, min: 0.3, max: 3}\n  weeks: 3\n  adstock: 0.3\n  frequency_cap: 3\n");
    return portee_test_summary("test_boost");
}
