/* The hot-loop samplers draw from the exact distributions: chi-square
 * goodness of fit against GSL's binomial and hypergeometric pmfs (every
 * algorithm, both sides of p = 1/2), beta/gamma CDFs at their deciles, and
 * hypergeometric moments for a population of two billion.  Each fit is paired with a
 * slightly wrong distribution that the same draws must reject. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "sim/numeric/rng.h"
#include "sim/numeric/sample.h"
#include "testutil.h"

#define DRAWS 200000

/* Pearson chi-square of counts against Binomial(n, p) (conditioned on k >= 1
 * if positive), bins with expected count below 5 pooled into their
 * neighbours; *df receives degrees of freedom. */
static double chi2_binomial(const long *counts, unsigned kmax, unsigned n, double p, bool positive,
                            int *df)
{
    const double scale = positive ? 1 / (1 - gsl_ran_binomial_pdf(0, p, n)) : 1;
    double stat = 0, obs = 0, exp_ = 0;
    int cells = 0;
    for (unsigned k = positive; k <= kmax; k++) {
        obs += counts[k];
        exp_ += DRAWS * scale * gsl_ran_binomial_pdf(k, p, n);
        if (exp_ >= 5 && (k == kmax || DRAWS * scale * (1 - gsl_cdf_binomial_P(k, p, n)) >= 5)) {
            stat += (obs - exp_) * (obs - exp_) / exp_;
            obs = exp_ = 0;
            cells++;
        }
    }
    exp_ += DRAWS * scale * (1 - gsl_cdf_binomial_P(kmax, p, n)); /* mass above the largest draw */
    if (exp_ > 0) {
        stat += (obs - exp_) * (obs - exp_) / exp_;
        cells++;
    }
    *df = cells - 1;
    return stat;
}

static void check_counts(const char *what, const long *counts, unsigned kmax, unsigned n, double p,
                         double wrong_p, bool positive)
{
    int df;
    double stat = chi2_binomial(counts, kmax, n, p, positive, &df);
    double limit = df + 5 * sqrt(2.0 * df);
    CHECK(stat <= limit, "%s(%u, %g): chi2 %.1f on %d df (limit %.1f)", what, n, p, stat, df, limit);
    int wdf;
    double wstat = chi2_binomial(counts, kmax, n, wrong_p, positive, &wdf);
    CHECK(wstat > wdf + 5 * sqrt(2.0 * wdf), "power: %s(%u, %g) draws must reject p = %g (chi2 %.1f on %d df)",
          what, n, p, wrong_p, wstat, wdf);
}

static void check_binomial(gsl_rng *r, unsigned n, double p, double wrong_p)
{
    unsigned kmax = 0;
    long *counts = calloc(n + 1 < 200001 ? n + 1 : 200001, sizeof *counts);
    int out_of_range = 0;
    for (int i = 0; i < DRAWS; i++) {
        unsigned k = portee_sample_binomial(r, p, n);
        if (k > n || k > 200000) {
            out_of_range++;
            continue;
        }
        counts[k]++;
        if (k > kmax) kmax = k;
    }
    CHECK(out_of_range == 0, "binomial(%u, %g): %d draws out of range", n, p, out_of_range);
    check_counts("binomial", counts, kmax, n, p, wrong_p, false);
    free(counts);
}

/* Binomial(n, p) given k >= 1, through a cache of n_max entries. */
static void check_positive(gsl_rng *r, unsigned n, double p, unsigned n_max, double wrong_p)
{
    portee_binomial_cache_t c;
    CHECK(portee_binomial_cache_init(&c, p, n_max) == 0, "cache");
    unsigned kmax = 0;
    long *counts = calloc(n + 1, sizeof *counts);
    for (int i = 0; i < DRAWS; i++) {
        unsigned k = portee_sample_binomial_cached_positive(r, &c, n);
        if (k > n) k = 0; /* out of range: counted as the impossible 0 */
        counts[k]++;
        if (k > kmax) kmax = k;
    }
    CHECK(counts[0] == 0, "positive binomial(%u, %g): %ld draws of 0 or out of range", n, p, counts[0]);
    check_counts("positive binomial", counts, kmax, n, p, wrong_p, true);
    free(counts);
    portee_binomial_cache_free(&c);
}

/* Fractions below the distribution's deciles, each within 5 binomial SE. */
static void check_deciles(const char *what, double (*draw)(gsl_rng *, double, double),
                          double (*cdf)(double, double, double), double a, double b, gsl_rng *r)
{
    long below[9] = {0};
    double q[9];
    for (int j = 0; j < 9; j++) {
        double lo = 0, hi = 1e6; /* invert the CDF by bisection */
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, a, b) < (j + 1) / 10.0) lo = mid;
            else hi = mid;
        }
        q[j] = 0.5 * (lo + hi);
    }
    for (int i = 0; i < DRAWS; i++) {
        double x = draw(r, a, b);
        for (int j = 0; j < 9; j++) below[j] += x < q[j];
    }
    for (int j = 0; j < 9; j++) {
        double pj = (j + 1) / 10.0;
        CHECK_SE((double)below[j] / DRAWS, pj, sqrt(pj * (1 - pj) / DRAWS), 5, what);
    }
}

/* Chi-square of hypergeometric draws against pmf(k) = GSL's hypergeometric
 * pmf (wrong_good = 0) or Binomial(draws, wrong_good / N), bins with
 * expected count below 5 pooled. */
static double chi2_hypergeometric(const long *counts, unsigned kmax, unsigned good, unsigned bad,
                                  unsigned draws, double wrong_good, int *df)
{
    const double N = (double)good + bad;
    double stat = 0, obs = 0, exp_ = 0, left = 1;
    int cells = 0;
    for (unsigned k = 0; k <= kmax; k++) {
        const double pk = wrong_good > 0 ? gsl_ran_binomial_pdf(k, wrong_good / N, draws)
                                         : gsl_ran_hypergeometric_pdf(k, good, bad, draws);
        obs += counts[k];
        exp_ += DRAWS * pk;
        left -= pk;
        if (exp_ >= 5 && (k == kmax || DRAWS * left >= 5)) {
            stat += (obs - exp_) * (obs - exp_) / exp_;
            obs = exp_ = 0;
            cells++;
        }
    }
    exp_ += DRAWS * (left > 0 ? left : 0);
    if (exp_ > 0) {
        stat += (obs - exp_) * (obs - exp_) / exp_;
        cells++;
    }
    *df = cells - 1;
    return stat;
}

/* The power check: the same draws against Binomial(draws, wrong_good / N),
 * e.g. drawing with replacement. */
static void check_hypergeometric(gsl_rng *r, unsigned good, unsigned bad, unsigned draws,
                                 double wrong_good)
{
    const unsigned top = draws < good ? draws : good;
    long *counts = calloc(top + 1, sizeof *counts);
    unsigned kmax = 0;
    int out_of_range = 0;
    for (int i = 0; i < DRAWS; i++) {
        const unsigned k = portee_sample_hypergeometric(r, good, bad, draws);
        if (k > top || (double)draws - k > bad) {
            out_of_range++;
            continue;
        }
        counts[k]++;
        if (k > kmax) kmax = k;
    }
    CHECK(out_of_range == 0, "hypergeometric(%u, %u, %u): %d draws out of range", good, bad, draws,
          out_of_range);
    int df, wdf;
    const double stat = chi2_hypergeometric(counts, kmax, good, bad, draws, 0, &df);
    const double limit = df + 5 * sqrt(2.0 * df);
    CHECK(stat <= limit, "hypergeometric(%u, %u, %u): chi2 %.1f on %d df (limit %.1f)", good, bad,
          draws, stat, df, limit);
    const double wstat = chi2_hypergeometric(counts, kmax, good, bad, draws, wrong_good, &wdf);
    CHECK(wstat > wdf + 5 * sqrt(2.0 * wdf),
          "power: hypergeometric(%u, %u, %u) draws must reject Binomial(%u, %g) (chi2 %.1f on %d df)",
          good, bad, draws, draws, wrong_good / ((double)good + bad), wstat, wdf);
    free(counts);
}

static double draw_beta(gsl_rng *r, double a, double b) { return portee_sample_beta(r, a, b); }
static double draw_gamma(gsl_rng *r, double a, double b) { (void)b; return portee_sample_gamma(r, a); }
static double cdf_beta(double x, double a, double b) { return x >= 1 ? 1 : gsl_cdf_beta_P(x, a, b); }
static double cdf_gamma(double x, double a, double b) { (void)b; return gsl_cdf_gamma_P(x, a, 1.0); }

/* The pmf at and around the mode, where every draw starts, against
 * log-gammas in long double (about 1e-19 of terms up to 4e10 here: 1e-8
 * in the log for the largest population, 2e-12 at most for the others):
 * Loader's saddle point and the small samples' products within 1e-11
 * relative (measured: 3e-14 at worst, and the reference's own error for a
 * million and two billion people).  That guards the Stirling series' first
 * two coefficients, its table, and the deviance series' first reciprocals
 * (each off in its third digit fails it); its last three terms weigh less
 * than 1e-11 from n = 16 on, and only they could be wrong unseen. */
static long double ln_choose(long double n, long double k)
{
    return lgammal(n + 1) - lgammal(k + 1) - lgammal(n - k + 1);
}

static void check_hypergeometric_pmf(void)
{
    static const double cases[][4] = { /* good, bad, draws, tolerance */
        {800, 200, 60, 1e-11},      {20000, 1099, 1100, 1e-11}, {1050, 59, 60, 1e-11},
        {1000000, 249, 250, 1e-11}, {800, 19200, 1100, 1e-11},  {30, 770, 45, 1e-11},
        {103, 12, 13, 1e-11},       {20, 80, 30, 1e-11},        {500, 500, 999, 1e-11},
        {1e9, 1e9, 1e9, 1e-7},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const double K = cases[c][0], B = cases[c][1], n = cases[c][2], N = K + B;
        const double lo = n > B ? n - B : 0, hi = n < K ? n : K;
        const double mode = floor((n + 1) * (K + 1) / (N + 2)), sd = sqrt(n * K / N * B / N) + 1;
        double worst = 0;
        /* the mode and a few sd either side, where the sampler's mass is */
        for (double x = fmax(lo, ceil(mode - 4 * sd)); x <= fmin(hi, mode + 4 * sd); x += fmax(1, floor(sd / 4))) {
            const long double ref = expl(ln_choose(K, x) + ln_choose(B, n - x) - ln_choose(N, n));
            const double rel = fabs((double)((long double)portee_sample_hypergeometric_pmf(x, K, B, n) / ref - 1));
            if (rel > worst) worst = rel;
        }
        CHECK(worst <= cases[c][3], "hypergeometric pmf (%.0f, %.0f, %.0f): relative error %.2e (limit %.0e)", K, B,
              n, worst, cases[c][3]);
    }
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_rng_stream(r, 99, 0, 0, 0);

    /* inversion (n·p < 10) */
    check_binomial(r, 60, 0.01, 0.013);
    check_binomial(r, 60, 0.04, 0.045);
    check_binomial(r, 20, 0.3, 0.33);
    check_binomial(r, 16, 0.9994, 0.999);      /* p > 1/2: mirrored */
    check_binomial(r, 4000000, 1e-6, 1.2e-6);  /* huge n, tiny p */
    /* inversion from the mode (n·p >= 10, n·p·q < 30, n < 4096) */
    check_binomial(r, 330, 0.05, 0.053);
    check_binomial(r, 50, 0.5, 0.52);
    check_binomial(r, 100, 0.9, 0.89);         /* mirrored */
    /* BTRS (n·p·q >= 30, or n >= 4096) */
    check_binomial(r, 1000, 0.05, 0.052);
    check_binomial(r, 100000, 0.4, 0.4005);
    check_binomial(r, 5000, 0.003, 0.0033);    /* n past the log-factorial table */
    CHECK(portee_sample_binomial(r, 0, 10) == 0 && portee_sample_binomial(r, 1, 10) == 10 &&
          portee_sample_binomial(r, 0.5, 0) == 0, "degenerate binomials");

    /* The q^n cache changes speed, not draws: same stream, same values. */
    portee_binomial_cache_t cache;
    CHECK(portee_binomial_cache_init(&cache, 0.04, 1024) == 0, "cache");
    int differ = 0;
    for (unsigned n = 0; n < 3000; n++) {
        portee_rng_stream(r, 5, 0, 0, n);
        unsigned a = portee_sample_binomial(r, 0.04, n);
        portee_rng_stream(r, 5, 0, 0, n);
        unsigned b = portee_sample_binomial_cached(r, &cache, n);
        differ += a != b;
    }
    CHECK(differ == 0, "cached and uncached binomials differ in %d of 3000 draws", differ);
    portee_binomial_cache_free(&cache);

    /* The inline alias lookup is GSL's: same stream, same draws. */
    {
        double w[37];
        for (int k = 0; k < 37; k++) w[k] = 1 + (k * 7919) % 13;
        gsl_ran_discrete_t *g = gsl_ran_discrete_preproc(37, w);
        gsl_rng *r2 = gsl_rng_alloc(portee_rng_philox);
        portee_rng_stream(r2, 7, 0, 0, 0);
        portee_rng_stream(r, 7, 0, 0, 0);
        int differ = 0;
        for (int i = 0; i < 100000; i++) differ += gsl_ran_discrete(r2, g) != portee_sample_discrete(r, g);
        CHECK(differ == 0, "inline and GSL alias draws differ in %d of 100000", differ);
        gsl_rng_free(r2);
        gsl_ran_discrete_free(g);
    }

    /* zero-truncated binomial: inversion from 1 (cached and past the cache), rejection */
    check_positive(r, 60, 0.01, 1024, 0.013);
    check_positive(r, 5, 0.3, 1024, 0.36);
    check_positive(r, 2000, 0.002, 1024, 0.0024);
    check_positive(r, 400, 0.05, 1024, 0.053);

    /* hypergeometric: from the mode outwards; mode at the bottom of the
     * support; more than half drawn; against drawing with replacement (or a
     * shifted proportion where that is too close to tell) */
    check_hypergeometric(r, 20, 80, 30, 20);
    check_hypergeometric(r, 800, 19200, 1500, 860);
    check_hypergeometric(r, 3, 99997, 40000, 3);
    check_hypergeometric(r, 30, 10, 35, 30);
    check_hypergeometric(r, 500, 500, 999, 500);
    /* samples of at most 16 (their pmf as products): the boost delivery
     * chain's late levels, a population of four billion, few good */
    check_hypergeometric(r, 1481, 11, 12, 1400);
    check_hypergeometric(r, 3000000000u, 1200000000u, 16, 2.8e9);
    check_hypergeometric(r, 9, 4000000000u, 3000000000u, 8);
    check_hypergeometric_pmf();
    CHECK(portee_sample_hypergeometric(r, 0, 10, 5) == 0 && portee_sample_hypergeometric(r, 10, 0, 5) == 5 &&
              portee_sample_hypergeometric(r, 7, 3, 10) == 7 && portee_sample_hypergeometric(r, 7, 3, 0) == 0,
          "degenerate hypergeometrics");
    /* Two billion people, half of them good, a billion drawn: mean and the
     * finite-population variance n p q (N - n) / (N - 1); drawing with
     * replacement would double it. */
    {
        const double K = 1e9, B = 1e9, n = 1e9, N = K + B, p = K / N;
        const double var = n * p * (1 - p) * (N - n) / (N - 1);
        enum { HG_DRAWS = 20000 };
        double *x = malloc(HG_DRAWS * sizeof *x), s = 0, ss = 0, s4 = 0;
        for (int i = 0; i < HG_DRAWS; i++) s += x[i] = portee_sample_hypergeometric(r, 1000000000u, 1000000000u, 1000000000u);
        const double mean = s / HG_DRAWS;
        for (int i = 0; i < HG_DRAWS; i++) {
            const double d = (x[i] - mean) * (x[i] - mean);
            ss += d;
            s4 += d * d;
        }
        const double v = ss / (HG_DRAWS - 1), se_v = sqrt((s4 / HG_DRAWS - v * v) / HG_DRAWS);
        CHECK_SE(mean, n * p, sqrt(v / HG_DRAWS), 5, "hypergeometric on 2e9 people: mean");
        CHECK_SE(v, var, se_v, 5, "hypergeometric on 2e9 people: variance");
        CHECK(fabs(v - n * p * (1 - p)) > 5 * se_v, "power: the with-replacement variance would be rejected");
        free(x);
    }

    check_deciles("beta(2.5, 47.5)", draw_beta, cdf_beta, 2.5, 47.5, r);
    check_deciles("beta(0.5, 10)", draw_beta, cdf_beta, 0.5, 10, r);
    check_deciles("beta(0.3, 0.4)", draw_beta, cdf_beta, 0.3, 0.4, r);
    check_deciles("beta(50, 50)", draw_beta, cdf_beta, 50, 50, r);
    check_deciles("gamma(0.5)", draw_gamma, cdf_gamma, 0.5, 0, r);
    check_deciles("gamma(2.5)", draw_gamma, cdf_gamma, 2.5, 0, r);
    check_deciles("gamma(30)", draw_gamma, cdf_gamma, 30, 0, r);

    gsl_rng_free(r);
    return portee_test_summary("test_sample");
}
