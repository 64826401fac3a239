/* reach_post.c — one post: direct reach, the share cascade, engagements. */
#include <limits.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>

#include "models/reach_internal.h"
#include "sim/numeric/rng.h"

#define COUNT_MAX 4294967295.0

static unsigned int to_count(double x, double cap)
{
    if (!(x > 0)) return 0;
    /* truncation rounds down a positive number: floor without its call */
    x = (double)(uint64_t)(x < cap ? x + 0.5 : cap);
    return (unsigned int)(x < cap ? x : cap);
}

static unsigned int binomial(gsl_rng *r, const portee_binomial_cache_t *c, double p, unsigned int n)
{
    return c->qn ? portee_sample_binomial_cached(r, c, n) : portee_sample_binomial(r, p, n);
}

/* Sum of k friend counts, each round(lognormal) capped at N: exact draws, or
 * a normal with the exact mean and variance once k >= REACH_CLT_SHARERS·e^{2σ²},
 * where the sum of lognormals is close enough to normal (the heavier the
 * tail, the more terms that takes). */
static double sum_of_friends(gsl_rng *r, unsigned int k, double median, double sigma, double N)
{
    if (sigma > 0 && (double)k < REACH_CLT_SHARERS * exp(2 * sigma * sigma)) {
        double sum = 0;
        for (unsigned int j = 0; j < k; j++) {
            const double f = floor(median * exp(sigma * gsl_ran_gaussian_ziggurat(r, 1.0)) + 0.5);
            sum += f < N ? f : N;
        }
        return sum;
    }
    const double ef = median * exp(0.5 * sigma * sigma);
    if (sigma == 0) return k * floor(ef + 0.5);
    const double vf = ef * ef * (exp(sigma * sigma) - 1);
    const double sum = k * ef + sqrt(k * vf) * gsl_ran_gaussian_ziggurat(r, 1.0);
    return sum > 0 ? floor(sum + 0.5) : 0;
}

/* Friends of one sharer who see the share: from the point's table (a friend
 * count in its tail is drawn from the lognormal above the table's cut), or
 * drawn directly. */
static unsigned int seen_by_friends(gsl_rng *r, const portee_reach_ws_t *ws, double median,
                                    double sigma, double fr, double N)
{
    double z;
    if (ws->seen) {
        const size_t m = portee_sample_discrete(r, ws->seen);
        if (m != ws->seen_tail) return (unsigned int)m;
        z = gsl_cdf_ugaussian_Qinv(portee_rng_uniform_pos(r) * ws->seen_qc);
    } else {
        z = sigma > 0 ? gsl_ran_gaussian_ziggurat(r, 1.0) : 0;
    }
    return binomial(r, &ws->friend_sees, fr, to_count(median * exp(sigma * z), N));
}

/* Binomial(n, p) for n up to a double's integers: exact below 2^32, beyond
 * that normal (n·p·q is then in the millions unless p is tiny, when the
 * Poisson limit is taken instead). */
double portee_reach_binomial_large(gsl_rng *r, double p, double n)
{
    if (n < COUNT_MAX) return portee_sample_binomial(r, p, (unsigned int)n);
    const double mean = n * p, var = mean * (1 - p);
    if (mean < 1000) return gsl_ran_poisson(r, mean);
    const double x = floor(mean + sqrt(var) * gsl_ran_gaussian_ziggurat(r, 1.0) + 0.5);
    return x < 0 ? 0 : x > n ? n : x;
}

unsigned int portee_reach_direct(gsl_rng *r, double rate, double kappa, unsigned int followers)
{
    if (kappa > 0 && rate > 0 && rate < 1) rate = portee_sample_beta(r, rate * kappa, (1 - rate) * kappa);
    return portee_sample_binomial(r, rate, followers);
}

void portee_reach_post_simulate(const double *p, unsigned int F, const portee_reach_ws_t *ws, gsl_rng *r,
                         portee_reach_post_t *post)
{
    const double N = p[REACH_POPULATION];
    const double rate = p[REACH_RATE], kappa = p[REACH_POST_VARIABILITY];
    const double s = p[REACH_SHARE_RATE], fr = p[REACH_FRIEND_REACH];
    const double median = p[REACH_FRIENDS_MEDIAN], sigma = p[REACH_FRIENDS_SIGMA];
    const unsigned int max_gen = (unsigned int)p[REACH_MAX_GENERATIONS];

    unsigned int direct, first_sharers = UINT_MAX; /* UINT_MAX: not drawn yet */
    if (ws->direct && ws->direct_followers == F) {
        const size_t i = portee_sample_discrete(r, ws->direct);
        direct = (unsigned int)(ws->direct_shares ? i >> 1 : i);
        if (ws->direct_shares)
            first_sharers = i & 1 ? portee_sample_binomial_cached_positive(r, &ws->share, direct) : 0;
    } else {
        direct = portee_reach_direct(r, rate, kappa, F);
    }

    double reached = direct; /* A: distinct people reached so far */
    double viral = 0, shares = 0;
    unsigned int fresh = direct; /* reached in the last generation, who may share */
    post->gen[0] = direct;
    post->n_gen = 1;
    for (unsigned int g = 0; g < max_gen && fresh > 0 && reached < N && s > 0; g++) {
        const unsigned int k = g == 0 && first_sharers != UINT_MAX ? first_sharers
                                                                     : binomial(r, &ws->share, s, fresh);
        shares += k;
        double gen_new = 0;
        if (k <= REACH_CLT_SHARERS) {
            for (unsigned int j = 0; j < k && reached < N; j++) {
                const unsigned int seen = seen_by_friends(r, ws, median, sigma, fr, N);
                /* Friends are distinct people; each was reached before with
                 * probability A/N. */
                double add = seen - portee_sample_binomial(r, reached / N, seen);
                if (add > N - reached) add = N - reached;
                reached += add;
                gen_new += add;
            }
        } else {
            /* Many sharers at once: their friends' views are one binomial on the
             * sum of their friend counts (same p: exact by additivity), and the
             * sum is drawn exactly, k lognormals, unless k is so large that the
             * central limit theorem holds even for this lognormal's tail. */
            const double friends = sum_of_friends(r, k, median, sigma, N);
            const double seen = portee_reach_binomial_large(r, fr, friends);
            /* Distinct new people among `seen` views landing uniformly on the
             * population, A already reached (overlap within a generation: the
             * occupancy mean). */
            const double p_hit = seen > 0 ? -expm1(seen * log1p(-1.0 / N)) : 0;
            const double add = portee_sample_binomial(r, p_hit, to_count(N - reached, COUNT_MAX));
            reached += add;
            gen_new = add;
        }
        viral += gen_new;
        fresh = to_count(gen_new, COUNT_MAX);
        if (gen_new > 0) post->gen[post->n_gen++] = gen_new;
    }
    post->direct = direct;
    post->viral = viral;
    post->total = direct + viral;
    post->shares = shares;
    post->engagements = binomial(r, &ws->engage, p[REACH_ENGAGEMENT_RATE], to_count(post->total, COUNT_MAX));
}
