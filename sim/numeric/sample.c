#include "sim/numeric/sample.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <threads.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "sim/numeric/rng.h"

/* q^n: by squaring (cheaper than exp and log1p, relative error about
 * log2(n) ulps) while n is moderate. */
static double pow_n(double q, double p, unsigned int n)
{
    if (n >= (1u << 20)) return exp(n * log1p(-p));
    double result = 1, base = q;
    for (unsigned int e = n; e; e >>= 1) {
        result *= (e & 1) ? base : 1.0; /* a select, not a mispredicted branch */
        base *= base;
    }
    return result;
}

/* 1/k for the first steps of inversion: a multiply instead of a division. */
#define N_RECIP 64
static const double recip[N_RECIP] = {
    0,       1.0 / 1,  1.0 / 2,  1.0 / 3,  1.0 / 4,  1.0 / 5,  1.0 / 6,  1.0 / 7,  1.0 / 8,
    1.0 / 9,  1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14, 1.0 / 15, 1.0 / 16, 1.0 / 17,
    1.0 / 18, 1.0 / 19, 1.0 / 20, 1.0 / 21, 1.0 / 22, 1.0 / 23, 1.0 / 24, 1.0 / 25, 1.0 / 26,
    1.0 / 27, 1.0 / 28, 1.0 / 29, 1.0 / 30, 1.0 / 31, 1.0 / 32, 1.0 / 33, 1.0 / 34, 1.0 / 35,
    1.0 / 36, 1.0 / 37, 1.0 / 38, 1.0 / 39, 1.0 / 40, 1.0 / 41, 1.0 / 42, 1.0 / 43, 1.0 / 44,
    1.0 / 45, 1.0 / 46, 1.0 / 47, 1.0 / 48, 1.0 / 49, 1.0 / 50, 1.0 / 51, 1.0 / 52, 1.0 / 53,
    1.0 / 54, 1.0 / 55, 1.0 / 56, 1.0 / 57, 1.0 / 58, 1.0 / 59, 1.0 / 60, 1.0 / 61, 1.0 / 62,
    1.0 / 63,
};

/* BINV's walk up the pmf from f0 = pmf(k0), with the uniform scaled to the
 * mass from k0 up (scale); s = p/q, a = (n+1)·s give pmf(k)/pmf(k-1) = a/k − s.
 * Expected n·p + 1 steps from 0. */
static unsigned int inversion_walk(gsl_rng *r, unsigned int n, unsigned int k0, double f0, double scale,
                                   double s, double a)
{
    for (;;) {
        double f = f0, u = portee_rng_uniform(r) * scale;
        unsigned int k = k0;
        while (u > f) {
            u -= f;
            if (++k > n) break; /* rounding left mass beyond n: draw again */
            f *= (k < N_RECIP ? a * recip[k] : a / k) - s;
        }
        if (k <= n) return k;
    }
}

/* BINV from 0, f0 = q^n. */
static unsigned int binomial_inversion(gsl_rng *r, double p, unsigned int n, double f0)
{
    const double s = p / (1 - p);
    return inversion_walk(r, n, 0, f0, 1, s, (n + 1) * s);
}

/* log k! from a table below LNFACT_TABLE, by Stirling's series above it
 * (truncation error below 1e-17 there): the exact test of BTRS needs three
 * per rejected-by-squeeze proposal, and a log per call would double its cost. */
#define LNFACT_TABLE 4096
static double lnfact_table[LNFACT_TABLE];
static once_flag lnfact_once = ONCE_FLAG_INIT;

static void lnfact_init(void)
{
    for (unsigned int k = 0; k < LNFACT_TABLE; k++) lnfact_table[k] = gsl_sf_lnfact(k);
}

static inline double lnfact(unsigned int k)
{
    if (k < LNFACT_TABLE) return lnfact_table[k];
    const double x = k + 1.0, ix2 = 1 / (x * x);
    return (x - 0.5) * log(x) - x + 0.91893853320467274178 /* log(2 pi) / 2 */ +
           (1.0 / 12 - ix2 * (1.0 / 360 - ix2 / 1260)) / x;
}

/* Inversion that starts at the mode and steps outwards, alternately up and
 * down: exact, and about 0.8·sqrt(n·p·q) + 1 steps, so cheaper than BTRS's
 * rejection while n is within the log-factorial table.  lp, lq: log p and
 * log(1 - p). */
static unsigned int binomial_from_mode(gsl_rng *r, double p, unsigned int n, double lp, double lq)
{
    const double ratio_up = p / (1 - p);
    const unsigned int m = (unsigned int)((n + 1) * p) < n ? (unsigned int)((n + 1) * p) : n;
    const double pm = exp(lnfact(n) - lnfact(m) - lnfact(n - m) + m * lp + (n - m) * lq);
    for (;;) {
        double u = portee_rng_uniform(r);
        if (u < pm) return m;
        u -= pm;
        unsigned int lo = m, hi = m;
        double flo = pm, fhi = pm;
        while (lo > 0 || hi < n) {
            if (hi < n) {
                fhi *= (double)(n - hi) / (hi + 1) * ratio_up;
                hi++;
                if (u < fhi) return hi;
                u -= fhi;
            }
            if (lo > 0) {
                flo *= (double)lo / ((n - lo + 1) * ratio_up);
                lo--;
                if (u < flo) return lo;
                u -= flo;
            }
        }
        /* rounding left a sliver of mass unassigned: draw again */
    }
}

/* Mode search takes about 0.8·sd steps; past sd ≈ 5.5 BTRS is faster
 * (measured with bench/ on the reach model's draws). */
static inline int mode_search_pays(double p, unsigned int n)
{
    return n < LNFACT_TABLE && n * p * (1 - p) < 30;
}

/* BTRS for n·p >= 10, p <= 1/2: about 1.15 proposals per draw, and 86 % of
 * them are accepted by the squeeze without any logarithm. */
static unsigned int binomial_btrs(gsl_rng *r, double p, unsigned int n)
{
    const double q = 1 - p, spq = sqrt(n * p * q);
    const double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = n * p + 0.5, v_r = 0.92 - 4.2 / b;
    double alpha = 0, lpq = 0, h = 0, m = 0;
    int slow_ready = 0;
    for (;;) {
        const double u = portee_rng_uniform(r) - 0.5;
        double v = portee_rng_uniform(r);
        const double us = 0.5 - fabs(u);
        const double kf = floor((2 * a / us + b) * u + c);
        if (kf < 0 || kf > n) continue;
        if (us >= 0.07 && v <= v_r) return (unsigned int)kf;
        if (!slow_ready) { /* constants of the exact test, needed on ~14 % of draws */
            alpha = (2.83 + 5.1 / b) * spq;
            lpq = log(p / q);
            m = floor((n + 1) * p);
            h = lnfact((unsigned int)m) + lnfact((unsigned int)(n - m));
            slow_ready = 1;
        }
        if (v == 0) continue;
        v = log(v * alpha / (a / (us * us) + b));
        const unsigned int k = (unsigned int)kf;
        if (v <= h - lnfact(k) - lnfact(n - k) + (kf - m) * lpq) return k;
    }
}

unsigned int portee_sample_binomial(gsl_rng *r, double p, unsigned int n)
{
    if (n == 0 || !(p > 0)) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - portee_sample_binomial(r, 1 - p, n);
    if (n * p < 10) return binomial_inversion(r, p, n, pow_n(1 - p, p, n));
    call_once(&lnfact_once, lnfact_init);
    if (mode_search_pays(p, n)) return binomial_from_mode(r, p, n, log(p), log1p(-p));
    return binomial_btrs(r, p, n);
}

int portee_binomial_cache_init(portee_binomial_cache_t *c, double p, unsigned int n_max)
{
    c->p = p;
    c->n_max = n_max;
    c->lp = log(p);
    c->lq = log1p(-p);
    if (!(c->qn = malloc(((size_t)n_max + 1) * sizeof *c->qn))) return -1;
    c->qn[0] = 1;
    /* each entry as the uncached path computes it, so both give the same draws */
    for (unsigned int n = 1; n <= n_max; n++) c->qn[n] = pow_n(1 - p, p, n);
    return 0;
}

gsl_ran_discrete_t *portee_sample_discrete_preproc(size_t K, const double *w)
{
    /* its tables F and A, its copy of the weights and two stacks holding K
     * indices between them: five blocks of K words cover them */
    enum { BLOCKS = 5 };
    void *room[BLOCKS];
    size_t got = 0;
    while (got < BLOCKS && (room[got] = malloc(K * sizeof(double))) != NULL) got++;
    const bool enough = got == BLOCKS;
    while (got > 0) free(room[--got]);
    return enough ? gsl_ran_discrete_preproc(K, w) : NULL;
}

void portee_binomial_cache_free(portee_binomial_cache_t *c)
{
    free(c->qn);
    c->qn = NULL;
}

unsigned int portee_sample_binomial_cached(gsl_rng *r, const portee_binomial_cache_t *c,
                                           unsigned int n)
{
    const double p = c->p;
    if (n == 0 || !(p > 0) || p > 0.5) return portee_sample_binomial(r, p, n);
    if (n * p < 10)
        return binomial_inversion(r, p, n, n <= c->n_max ? c->qn[n] : pow_n(1 - p, p, n));
    call_once(&lnfact_once, lnfact_init);
    if (mode_search_pays(p, n)) return binomial_from_mode(r, p, n, c->lp, c->lq);
    return binomial_btrs(r, p, n);
}

double portee_binomial_cache_q0(const portee_binomial_cache_t *c, unsigned int n)
{
    return n <= c->n_max ? c->qn[n] : pow_n(1 - c->p, c->p, n);
}

unsigned int portee_sample_binomial_cached_positive(gsl_rng *r, const portee_binomial_cache_t *c,
                                                    unsigned int n)
{
    const double p = c->p;
    if (n == 0) return 0; /* outside the contract; never loop */
    if (n * p >= 10) { /* P(0) < e^-10: plain rejection */
        unsigned int k;
        while (!(k = portee_sample_binomial_cached(r, c, n))) continue;
        return k;
    }
    /* BINV from k = 1, pmf(1) = q^n·n·p/q, over the mass 1 − q^n */
    const double s = p / (1 - p), q0 = portee_binomial_cache_q0(c, n);
    return inversion_walk(r, n, 1, q0 * n * s, 1 - q0, s, (n + 1) * s);
}

double portee_sample_gamma(gsl_rng *r, double shape)
{
    if (shape < 1) /* Gamma(a) = Gamma(a + 1) · U^(1/a) */
        return portee_sample_gamma(r, shape + 1) * pow(portee_rng_uniform_pos(r), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = gsl_ran_gaussian_ziggurat(r, 1.0);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = portee_rng_uniform_pos(r), x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2) return d * v;
        if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
    }
}

double portee_sample_beta(gsl_rng *r, double a, double b)
{
    if (a <= 1 && b <= 1) return gsl_ran_beta(r, a, b); /* Jöhnk: no 0/0 for tiny shapes */
    const double x = portee_sample_gamma(r, a), y = portee_sample_gamma(r, b);
    return x / (x + y);
}

/* Loader (2000), "Fast and accurate computation of binomial probabilities":
 * the pmf as exp(-(Stirling errors) - (deviances)), every term small, so no
 * cancellation between log factorials of billions.  stirlerr(n) is
 * ln n! - ln(sqrt(2 pi n) (n/e)^n): tabulated to 15, a series beyond. */
static double stirlerr(double n)
{
    static const double table[16] = {
        0.0,                   0.081061466795327261, 0.041340695955409297, 0.027677925684998338,
        0.020790672103765093,  0.016644691189821193, 0.013876128823070748, 0.01189670994589177,
        0.010411265261972096,  0.0092554621827127329, 0.0083305634333628708, 0.0075736754879518406,
        0.0069428401072095299, 0.0064089941880042071, 0.0059513701127588475, 0.0055547335519628011,
    };
    const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
    if (n <= 15) return table[(int)n];
    /* one division: a hypergeometric draw evaluates nine of these */
    const double in = 1 / n, in2 = in * in;
    if (n > 500) return (s0 - s1 * in2) * in;
    if (n > 80) return (s0 - (s1 - s2 * in2) * in2) * in;
    if (n > 35) return (s0 - (s1 - (s2 - s3 * in2) * in2) * in2) * in;
    return (s0 - (s1 - (s2 - (s3 - s4 * in2) * in2) * in2) * in2) * in;
}

/* 1/(2j + 1): the deviance's series without a division a term */
#define ODD_RECIP 32
static const double odd_recip[ODD_RECIP] = {
    1.0,      1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11, 1.0 / 13, 1.0 / 15,
    1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27, 1.0 / 29, 1.0 / 31,
    1.0 / 33, 1.0 / 35, 1.0 / 37, 1.0 / 39, 1.0 / 41, 1.0 / 43, 1.0 / 45, 1.0 / 47,
    1.0 / 49, 1.0 / 51, 1.0 / 53, 1.0 / 55, 1.0 / 57, 1.0 / 59, 1.0 / 61, 1.0 / 63,
};

/* x ln(x/m) + m - x, by its series when x is near m (where the direct form
 * cancels). */
static double deviance(double x, double m)
{
    if (fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m), s = (x - m) * v, ej = 2 * x * v;
        v *= v;
        for (int j = 1; j < 1000; j++) {
            ej *= v;
            const double s1 = s + (j < ODD_RECIP ? ej * odd_recip[j] : ej / (2 * j + 1));
            if (s1 == s) return s1;
            s = s1;
        }
    }
    return x * log(x / m) + m - x;
}

/* The exponent of the Binomial(n, p) pmf at 0 < x < n, the pmf being
 * exp(lc) / sqrt(2 pi x (n - x) / n). */
static double binomial_lc(double x, double n, double p, double q)
{
    return stirlerr(n) - stirlerr(x) - stirlerr(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
}

/* Binomial(n, p) pmf at x, q = 1 - p given separately (it may be exact where 1 - p is not). */
static double binomial_pmf(double x, double n, double p, double q)
{
    if (p == 0) return x == 0;
    if (q == 0) return x == n;
    if (x == 0) return n == 0 ? 1 : exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * log(q));
    if (x == n) return exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * log(p));
    /* one sqrt for the prefactor, not two logs; n - x exact: no cancellation near x = n */
    return exp(binomial_lc(x, n, p, q)) / sqrt(6.283185307179586477 * x * ((n - x) / n));
}

/* Hypergeometric pmf as a ratio of binomial pmfs with p = draws / N; when
 * the sample or the good count is at most 16 (the pmf is symmetric in the
 * two), C(n, x) [K]_x [B]_(n - x) / [N]_n instead, with n the smaller: two
 * products of whole numbers (at most 32 factors each, both below 2^600
 * for populations under 2^32) and one division, a few ulps of error as
 * the saddle point, at a fraction of its cost (the boost model's delivery
 * chain draws many such small samples). */
double portee_sample_hypergeometric_pmf(double x, double good, double bad, double draws)
{
    const double N = good + bad;
    if (draws <= 16 || good <= 16) {
        const double n = draws < good ? draws : good, K = draws < good ? good : draws, B = N - K;
        double num = 1, den = 1;
        for (double i = 0; i < x; i++) {
            num *= (K - i) * (n - i);
            den *= (N - i) * (i + 1);
        }
        for (double j = 0; j < n - x; j++) {
            num *= B - j;
            den *= N - x - j;
        }
        return num / den;
    }
    const double p = draws / N, q = (N - draws) / N, y = draws - x;
    if (x > 0 && x < good && y > 0 && y < bad) /* the three pmfs' exponents in one exp, their roots in one sqrt */
        return exp(binomial_lc(x, good, p, q) + binomial_lc(y, bad, p, q) - binomial_lc(draws, N, p, q)) /
               sqrt(6.283185307179586477 * (x * ((good - x) / good)) * (y * ((bad - y) / bad)) /
                    (draws * ((N - draws) / N)));
    return binomial_pmf(x, good, p, q) * binomial_pmf(y, bad, p, q) / binomial_pmf(draws, N, p, q);
}

unsigned int portee_sample_hypergeometric(gsl_rng *r, unsigned int good, unsigned int bad,
                                          unsigned int draws)
{
    const double K = good, B = bad, n = draws, N = K + B;
    if (draws == 0 || good == 0) return 0;
    if (n >= N) return good;
    if (bad == 0) return draws;
    const double lo = n > B ? n - B : 0, hi = n < K ? n : K;
    double m = floor((n + 1) * (K + 1) / (N + 2));
    m = m < lo ? lo : m > hi ? hi : m;
    const double pm = portee_sample_hypergeometric_pmf(m, K, B, n);
    for (;;) {
        double u = portee_rng_uniform(r);
        if (u < pm) return (unsigned int)m;
        u -= pm;
        double klo = m, khi = m, flo = pm, fhi = pm;
        while (klo > lo || khi < hi) {
            if (khi < hi) {
                fhi *= (K - khi) * (n - khi) / ((khi + 1) * (B - n + khi + 1));
                khi++;
                if (u < fhi) return (unsigned int)khi;
                u -= fhi;
            }
            if (klo > lo) {
                flo *= klo * (B - n + klo) / ((K - klo + 1) * (n - klo + 1));
                klo--;
                if (u < flo) return (unsigned int)klo;
                u -= flo;
            }
        }
        /* rounding left a sliver of mass unassigned: draw again */
    }
}
