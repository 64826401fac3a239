/* The plan model against closed forms (models/plan.h) and against a
 * brute-force simulation person by person, through the engine.
 *
 * Fixed seeds; every statistical check has a tolerance of 5 Monte Carlo
 * standard errors and a plausible wrong model the same data must reject:
 * reach summed over pages without de-duplication, independent audiences
 * taken for nested ones, weeks of paid reach added up, everyone alike
 * taken for an NBD audience.  Invariants are checked replicate by
 * replicate. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "models/plan.h"
#include "mcutil.h"
#include "testutil.h"

#define K K_SE

static capture_t run(unsigned long R, int seed, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static capture_t run(unsigned long R, int seed, const char *fmt, ...)
{
    char keys[2048], yaml[2600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(keys, sizeof keys, fmt, ap);
    va_end(ap);
    snprintf(yaml, sizeof yaml, "replicates: %lu\nseed: %d\nplan:\n%s", R, seed, keys);
    return mc_run(yaml, 2);
}

static moments_t out(const capture_t *c, size_t o) { return mc_moments(mc_column(c, o, 0), c->R); }

/* one post a week at fixed rates on two pages: independent and nested audiences */
static void overlap_closed_forms(void)
{
    const double N = 100000, Fa = 20000, Fb = 5000, ra = 0.1, rb = 0.3, ua = 0.5;
    const char *pages = "  weeks: 1\n  population: 100000\n"
                        "  facebook: {followers: 20000, usage: 0.5, posts_per_week: 1, reach_rate: 0.1, "
                        "post_variability: 0}\n"
                        "  linkedin: {followers: 5000, usage: 0.2, posts_per_week: 1, reach_rate: 0.3, "
                        "post_variability: 0}\n";
    const double sum = Fa * ra + Fb * rb;
    const double indep = N * (1 - (1 - Fa * ra / N) * (1 - Fb * rb / N));
    const double nested = sum - ra * rb * Fa * Fb / (N * ua);
    capture_t c = run(4000, 11, "%s  usage_nesting: 0\n", pages);
    moments_t t = out(&c, PLAN_OUT_TOTAL), ov = out(&c, PLAN_OUT_OVERLAP);
    CHECK_SE(t.mean, indep, t.se_mean, K, "independent audiences: total = N(1 - prod(1 - r F / N))");
    CHECK(mc_far(t.mean, sum, t.se_mean), "... the sum over pages (no de-duplication) is rejected");
    CHECK_SE(ov.mean, Fa * ra * Fb * rb / N, ov.se_mean, K, "... overlap = prod(r F) / N");
    CHECK_SE(out(&c, PLAN_OUT_FACEBOOK).mean, Fa * ra, out(&c, PLAN_OUT_FACEBOOK).se_mean, K,
             "... the Facebook page alone reaches r F");
    CHECK_SE(out(&c, PLAN_OUT_LINKEDIN).mean, Fb * rb, out(&c, PLAN_OUT_LINKEDIN).se_mean, K,
             "... the LinkedIn page alone reaches r F");
    free(c.values);
    c = run(4000, 12, "%s  usage_nesting: 1\n", pages);
    t = out(&c, PLAN_OUT_TOTAL);
    CHECK_SE(t.mean, nested, t.se_mean, K, "nested audiences: total = sum - ra rb Fa Fb / (N ua)");
    CHECK(mc_far(t.mean, indep, t.se_mean), "... independent audiences' total is rejected");
    free(c.values);
}

/* weeks of posts and of uniform paid delivery */
static void weeks_closed_forms(void)
{
    const double F = 8000, r = 0.05;
    capture_t c = run(3000, 21, "  weeks: 4\n  population: 50000\n"
                                "  linkedin: {followers: 8000, usage: 0.2, posts_per_week: 2, reach_rate: 0.05, "
                                "post_variability: 0}\n");
    moments_t t = out(&c, PLAN_OUT_TOTAL);
    CHECK_SE(t.mean, F * (1 - pow(1 - r, 8)), t.se_mean, K, "8 posts over 4 weeks: F (1 - (1 - r)^8)");
    CHECK(mc_far(t.mean, F * 8 * r, t.se_mean), "... posts' reach summed is rejected");
    free(c.values);

    /* paid alone, everyone alike: 3 weeks of I impressions on U users */
    const double N = 50000, u = 0.4, I = 1000 * 30 / 10.0, U = N * u;
    c = run(4000, 22, "  weeks: 3\n  population: 50000\n"
                      "  facebook: {followers: 0, usage: 0.4, weekly_budget: 30, cpm: 10, targeting_precision: 1, "
                      "exposure_shape: 0}\n");
    t = out(&c, PLAN_OUT_TOTAL);
    CHECK_SE(t.mean, U * (1 - exp(-3 * I / U)), t.se_mean, K, "paid, uniform: U (1 - exp(-3 I / U))");
    CHECK(mc_far(t.mean, 3 * U * (1 - exp(-I / U)), t.se_mean), "... weeks of reach added up are rejected");
    moments_t im = out(&c, PLAN_OUT_IMPRESSIONS);
    CHECK_SE(im.mean, 3 * I, im.se_mean, K, "... impressions delivered: 3 I on average");
    free(c.values);

    /* NBD audience (shape 1): quartile means of Exp(1) as propensities */
    double w[4], lo = 0;
    for (int g = 0; g < 4; g++) {
        const double a = -log(1 - g / 4.0), b = g == 3 ? INFINITY : -log(1 - (g + 1) / 4.0);
        /* 4 * integral of x e^-x over [a, b] */
        w[g] = 4 * ((a + 1) * exp(-a) - (isinf(b) ? 0 : (b + 1) * exp(-b)));
        lo += w[g] / 4;
    }
    CHECK(fabs(lo - 1) < 1e-12, "Exp(1) quartile means average 1");
    double want = 0;
    for (int g = 0; g < 4; g++) want += U / 4 * (1 - exp(-3 * I / U * w[g]));
    c = run(4000, 23, "  weeks: 3\n  population: 50000\n"
                      "  facebook: {followers: 0, usage: 0.4, weekly_budget: 30, cpm: 10, targeting_precision: 1, "
                      "exposure_shape: 1}\n");
    t = out(&c, PLAN_OUT_TOTAL);
    CHECK_SE(t.mean, want, t.se_mean, K, "paid, NBD shape 1: U/4 sum_g (1 - exp(-3 I w_g / U))");
    CHECK(mc_far(t.mean, U * (1 - exp(-3 * I / U)), t.se_mean), "... everyone alike is rejected");
    free(c.values);
}

/* replicate by replicate: the pieces add up */
static void invariants(void)
{
    const char *yaml = "  weeks: 6\n  population: 20000\n  usage_nesting: 0.5\n  client_value: 100\n"
                       "  facebook: {followers: 1500, posts_per_week: 3, weekly_budget: 20, cpm: 8}\n"
                       "  linkedin: {followers: 900, posts_per_week: 2.5, weekly_budget: 10}\n"
                       "  twitter: {followers: 600, posts_per_week: 5}\n";
    capture_t c = run(500, 31, "%s", yaml);
    bool sums = true, monotone = true, weekly = true, money = true, freq = true, bounds = true;
    for (uint64_t i = 0; i < c.R; i++) {
        const double total = mc_column(&c, PLAN_OUT_TOTAL, 0)[i];
        double news = 0, prev = 0, f = 0;
        for (size_t wk = 0; wk < 6; wk++) {
            for (int s = 0; s < 2 * PLAN_PLATFORMS; s++) news += mc_column(&c, PLAN_OUT_NEW_FIRST + s, wk)[i];
            const double cum = mc_column(&c, PLAN_OUT_CUMULATIVE, wk)[i];
            monotone &= cum >= prev;
            weekly &= mc_column(&c, PLAN_OUT_WEEKLY_REACH, wk)[i] <= cum;
            prev = cum;
        }
        sums &= news == total && prev == total;
        for (size_t b = 0; b < PLAN_K; b++) f += mc_column(&c, PLAN_OUT_FREQUENCY, b)[i];
        freq &= f == total && mc_column(&c, PLAN_OUT_IMPRESSIONS, 0)[i] >= total;
        money &= mc_column(&c, PLAN_OUT_REVENUE, 0)[i] == 100 * mc_column(&c, PLAN_OUT_CLIENTS, 0)[i] &&
                 mc_column(&c, PLAN_OUT_SPEND, 0)[i] == 6 * 30;
        for (size_t wk = 0; wk < 6; wk++)
            money &= mc_column(&c, PLAN_OUT_WEEKLY_REVENUE, wk)[i] == 100 * mc_column(&c, PLAN_OUT_WEEKLY_CLIENTS, wk)[i];
        for (int j = 0; j < PLAN_PLATFORMS; j++) { /* a page's reach so far climbs to its reach */
            double before = 0;
            for (size_t wk = 0; wk < 6; wk++) {
                const double v = mc_column(&c, PLAN_OUT_PAGE_CUMULATIVE + (size_t)j, wk)[i];
                monotone &= v >= before && v <= mc_column(&c, PLAN_OUT_CUMULATIVE, wk)[i];
                before = v;
            }
            sums &= before == mc_column(&c, PLAN_OUT_FACEBOOK + (size_t)j, 0)[i];
        }
        double by = 0;
        for (int j = 0; j < PLAN_PLATFORMS; j++) by += mc_column(&c, PLAN_OUT_FACEBOOK + j, 0)[i];
        bounds &= by >= total && by - total <= mc_column(&c, PLAN_OUT_OVERLAP, 0)[i] * PLAN_PLATFORMS &&
                  total <= 20000 &&
                  mc_column(&c, PLAN_OUT_ORGANIC, 0)[i] + mc_column(&c, PLAN_OUT_INCREMENTAL, 0)[i] == total;
    }
    CHECK(sums, "new people by source, summed over weeks, = cumulative reach at the end = total reach; a page's "
                "reach so far ends at its reach");
    CHECK(monotone && weekly, "cumulative reach (the plan's and each page's) never falls, a page's within the plan's, "
                              "and a week's reach is within it");
    CHECK(freq, "the frequency bins sum to the total reach; impressions >= people reached");
    CHECK(money, "revenue = clients x value, week by week too; spend = weeks x budgets");
    CHECK(bounds, "pages' reach summed >= total, the difference within the overlap; organic + incremental = total");
    /* the funnel's mean: clients = impressions x rates, platform by platform; one platform here */
    free(c.values);
    c = run(3000, 32, "  weeks: 4\n  population: 20000\n"
                      "  facebook: {followers: 3000, posts_per_week: 3, engagement_rate: 0.2, visit_rate: 0.3, "
                      "client_rate: 0.1}\n");
    const moments_t im = out(&c, PLAN_OUT_IMPRESSIONS), cl = out(&c, PLAN_OUT_CLIENTS);
    CHECK_SE(cl.mean, im.mean * 0.2 * 0.3 * 0.1, sqrt(cl.se_mean * cl.se_mean + pow(im.se_mean * 0.006, 2)), K,
             "clients = impressions x engagement x visit x client rates, on average");
    CHECK(mc_far(cl.mean, im.mean * 0.2 * 0.1, cl.se_mean), "... leaving out the visit step is rejected");
    free(c.values);
    mc_check_threads("replicates: 300\nseed: 5\nplan:\n  weeks: 5\n  population: 20000\n  usage_nesting: 0.3\n"
                     "  facebook: {followers: 1500, weekly_budget: 20}\n  linkedin: {followers: 900}\n");
}

/* ---- person by person ---- */

typedef struct {
    unsigned use, follow, reached, organic;
    unsigned exposures;
} person_t;

/* The same plan simulated person by person (GSL's own generator): two
 * platforms, organic posts with post-to-post variation, uniform paid
 * delivery, partly nested usage.  Returns total, overlap, facebook reach,
 * the people exposed once, twice and 3+ times, and those reached by the
 * boost alone. */
static void brute_force(gsl_rng *g, double out[7])
{
    enum { N = 3000, WEEKS = 3 };
    static person_t pp[N];
    const double usage[2] = {0.5, 0.3}, rate[2] = {0.08, 0.12}, ppw[2] = {2, 3}, kappa = 20, rho = 0.5;
    const unsigned followers[2] = {1200, 600};
    const double impressions = 1000 * 5 / 10.0 * 0.8; /* facebook: $5 a week at CPM 10, 80 % in the market */
    unsigned users[2] = {0, 0};
    for (int i = 0; i < N; i++) {
        pp[i] = (person_t){0};
        if (gsl_rng_uniform(g) < rho) {
            const double u = gsl_rng_uniform(g);
            for (int j = 0; j < 2; j++) pp[i].use |= (u < usage[j]) << j;
        } else {
            for (int j = 0; j < 2; j++) pp[i].use |= (gsl_rng_uniform(g) < usage[j]) << j;
        }
        for (int j = 0; j < 2; j++) users[j] += pp[i].use >> j & 1;
    }
    for (int j = 0; j < 2; j++) { /* followers: a uniform set of the users (selection sampling) */
        unsigned need = followers[j] < users[j] ? followers[j] : users[j], left = users[j];
        for (int i = 0; i < N && need; i++) {
            if (!(pp[i].use >> j & 1)) continue;
            if (gsl_rng_uniform(g) * left < need) {
                pp[i].follow |= 1u << j;
                need--;
            }
            left--;
        }
    }
    for (int wk = 0; wk < WEEKS; wk++)
        for (int j = 0; j < 2; j++) {
            for (int t = 0; t < (int)ppw[j]; t++) {
                const double q = gsl_ran_beta(g, rate[j] * kappa, (1 - rate[j]) * kappa);
                for (int i = 0; i < N; i++)
                    if (pp[i].follow >> j & 1 && gsl_rng_uniform(g) < q) {
                        pp[i].exposures++;
                        pp[i].reached |= 1u << j;
                        pp[i].organic = 1;
                    }
            }
            if (j == 0) {
                const double lambda = impressions / users[0];
                for (int i = 0; i < N; i++)
                    if (pp[i].use & 1) {
                        const unsigned e = gsl_ran_poisson(g, lambda);
                        pp[i].exposures += e;
                        if (e) pp[i].reached |= 1;
                    }
            }
        }
    memset(out, 0, 7 * sizeof *out);
    for (int i = 0; i < N; i++) {
        if (!pp[i].exposures) continue;
        out[0]++;
        out[1] += pp[i].reached == 3;
        out[2] += pp[i].reached & 1;
        out[3 + (pp[i].exposures >= 3 ? 2 : pp[i].exposures - 1)]++;
        out[6] += !pp[i].organic;
    }
}

static void against_brute_force(void)
{
    enum { R = 3000 };
    capture_t c = run(R, 41, "  weeks: 3\n  population: 3000\n  usage_nesting: 0.5\n  max_frequency: 3\n"
                             "  facebook: {followers: 1200, usage: 0.5, posts_per_week: 2, reach_rate: 0.08, "
                             "post_variability: 20, weekly_budget: 5, cpm: 10, exposure_shape: 0}\n"
                             "  linkedin: {followers: 600, usage: 0.3, posts_per_week: 3, reach_rate: 0.12, "
                             "post_variability: 20}\n");
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 20261204);
    double sum[7] = {0}, sum2[7] = {0}, v[7];
    static double totals[R];
    for (int i = 0; i < R; i++) {
        brute_force(g, v);
        totals[i] = v[0];
        for (int k = 0; k < 7; k++) {
            sum[k] += v[k];
            sum2[k] += v[k] * v[k];
        }
    }
    gsl_rng_free(g);
    /* posts differ (post_variability): every follower meets the same post's
     * rate, which moves the variance of the total, not the means */
    const moments_t mt = mc_moments(mc_column(&c, PLAN_OUT_TOTAL, 0), c.R), bt = mc_moments(totals, R);
    CHECK_SE(mt.var, bt.var, sqrt(mt.se_var * mt.se_var + bt.se_var * bt.se_var), K,
             "person by person: the variance of the total reach");
    static const char *const what[7] = {"total reach", "overlap", "Facebook reach", "exposed once", "exposed twice",
                                        "exposed 3 times or more", "reached by the boost alone"};
    const size_t col[7] = {PLAN_OUT_TOTAL,     PLAN_OUT_OVERLAP,   PLAN_OUT_FACEBOOK,    PLAN_OUT_FREQUENCY,
                           PLAN_OUT_FREQUENCY, PLAN_OUT_FREQUENCY, PLAN_OUT_INCREMENTAL};
    for (int k = 0; k < 7; k++) {
        const moments_t m = mc_moments(mc_column(&c, col[k], k >= 3 && k < 6 ? (size_t)(k - 3) : 0), c.R);
        const double bm = sum[k] / R, bse = sqrt((sum2[k] / R - bm * bm) / (R - 1));
        char label[96];
        snprintf(label, sizeof label, "person by person (N = 3,000, 3 weeks): %s", what[k]);
        CHECK_SE(m.mean, bm, sqrt(m.se_mean * m.se_mean + bse * bse), K, label);
    }
    free(c.values);
}

int main(void)
{
    overlap_closed_forms();
    weeks_closed_forms();
    invariants();
    against_brute_force();
    return portee_test_summary("test_plan");
}
