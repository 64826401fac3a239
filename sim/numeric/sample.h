/* sample.h — exact samplers for models' hot loops.
 *
 * GSL's gsl_ran_binomial (BTPE) and gsl_ran_beta are exact but slow for the
 * small, ever-changing arguments of a reach cascade; these draw from the same
 * distributions, faster, reading the Philox stream inline.  `r` must be a
 * portee_rng_philox generator (the engine's).  Algorithms:
 *   binomial: inversion by sequential search from 0 when n·min(p,1−p) < 10
 *             (BINV, Kachitvichyanukul & Schmeiser 1988); above that, inversion
 *             searching outwards from the mode while n·p·q < 30 and n < 4096,
 *             and Hörmann's (1993) transformed rejection with squeeze (BTRS)
 *             beyond;
 *   gamma:    Marsaglia & Tsang (2000), with GSL's ziggurat normal;
 *   beta:     ratio of gammas (GSL's gsl_ran_beta when both shapes are <= 1);
 *   hypergeometric: inversion of one 32-bit uniform, searching outwards
 *             from the mode, its pmf there by Loader's (2000) saddle-point
 *             form, accurate to a few ulps per factor for populations of
 *             billions (differences of log factorials lose it); probabilities
 *             below 2^-32 are resolved only as finely as the uniform.
 * Each is checked against its exact pmf or moments in tests/test_sample.c. */
#ifndef PORTEE_SAMPLE_H
#define PORTEE_SAMPLE_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sim/numeric/rng.h"

unsigned int portee_sample_binomial(gsl_rng *r, double p, unsigned int n);

/* Binomial draws with a fixed p and varying n (a model's share or engagement
 * rate), with q^n tabulated for n <= n_max and log p, log q kept: the draws
 * skip their powers and logarithms.  Same draws as portee_sample_binomial()
 * for p <= 1/2 (tests/test_sample.c). */
typedef struct {
    double p, lp, lq;
    unsigned int n_max;
    double *qn; /* (1 - p)^n, n = 0..n_max */
} portee_binomial_cache_t;

/* Returns 0, or -1 when out of memory.  Free with portee_binomial_cache_free(). */
int portee_binomial_cache_init(portee_binomial_cache_t *c, double p, unsigned int n_max);
void portee_binomial_cache_free(portee_binomial_cache_t *c);
unsigned int portee_sample_binomial_cached(gsl_rng *r, const portee_binomial_cache_t *c,
                                           unsigned int n);
/* (1 - p)^n as the cached sampler uses it: the probability of 0. */
double portee_binomial_cache_q0(const portee_binomial_cache_t *c, unsigned int n);
/* Binomial(n, p) conditioned on being at least 1 (n >= 1, 0 < p <= 1/2; n = 0 gives 0). */
unsigned int portee_sample_binomial_cached_positive(gsl_rng *r, const portee_binomial_cache_t *c,
                                                    unsigned int n);
double portee_sample_gamma(gsl_rng *r, double shape);

/* gsl_ran_discrete_preproc(K, w), or NULL when memory is short.  GSL (2.7)
 * checks only one of its allocations and writes through the others
 * unchecked, so a failed one crashes it: the same blocks are allocated and
 * freed first, and a lack of memory shows here instead.  NULL too for GSL's
 * own errors (the program must have turned its aborting handler off). */
gsl_ran_discrete_t *portee_sample_discrete_preproc(size_t K, const double *w);

/* gsl_ran_discrete(r, g), the same draw, read inline: the hot loop makes one
 * or two a replicate and the library call's indirections cost as much as
 * the lookup.  GSL builds its tables with KNUTH_CONVENTION, F[c] holding
 * (c + the cut) / K (tests/test_sample.c checks the draws agree). */
static inline size_t portee_sample_discrete(gsl_rng *r, const gsl_ran_discrete_t *g)
{
    const double u = portee_rng_uniform(r);
    const size_t c = (size_t)(u * (double)g->K);
    /* both ends read and chosen by a mask, not a branch (GCC keeps a
     * branch for ?: here): whether u falls below the cut is a coin toss the
     * branch predictor loses, 13 % of a 72-hour run.  GSL's extra test
     * f == 1.0 is not needed: u < 1 there, and such a cell's alias is
     * itself. */
    const size_t a = g->A[c], keep = (size_t)0 - (size_t)(u < g->F[c]);
    return (c & keep) | (a & ~keep);
}
double portee_sample_beta(gsl_rng *r, double a, double b);

/* How many of `draws` people taken without replacement from good + bad
 * people are good (good + bad < 2^32).  About 0.8·sd + 1 steps. */
unsigned int portee_sample_hypergeometric(gsl_rng *r, unsigned int good, unsigned int bad,
                                          unsigned int draws);
/* Its pmf at x, as the sampler evaluates it at the mode (x within the
 * support; relative error about 1e-14, tests/test_sample.c). */
double portee_sample_hypergeometric_pmf(double x, double good, double bad, double draws);

#endif
