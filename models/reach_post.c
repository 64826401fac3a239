/* reach_post.c — one post: direct reach, the share cascade, engagements. */
#include <limits.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>

#include "models/page.h"
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

double portee_reach_friend_cap(const double *p)
{
    return p[REACH_MAX_FRIENDS] < p[REACH_POPULATION] ? p[REACH_MAX_FRIENDS] : p[REACH_POPULATION];
}

double portee_reach_rate(const double *p, double followers)
{
    return portee_page_rate_at(p[REACH_RATE], followers, p[REACH_SIZE_ELASTICITY], p[REACH_SIZE_REFERENCE]);
}

/* E[min(X, c)] = m e^{σ²/2} Φ(u − σ) + c Q(u) and E[min(X, c)²] =
 * m² e^{2σ²} Φ(u − 2σ) + c² Q(u) for X = m e^{σZ}, u = (ln c − ln m)/σ. */
void portee_reach_friend_moments(double median, double sigma, double cap, double *mean, double *second)
{
    if (sigma == 0) {
        *mean = floor(median + 0.5) < cap ? floor(median + 0.5) : cap;
        *second = *mean * *mean;
        return;
    }
    const double u = (log(cap) - log(median)) / sigma, above = gsl_cdf_ugaussian_Q(u);
    *mean = median * exp(0.5 * sigma * sigma) * gsl_cdf_ugaussian_P(u - sigma) + cap * above;
    *second = median * median * exp(2 * sigma * sigma) * gsl_cdf_ugaussian_P(u - 2 * sigma) + cap * cap * above;
}

/* Sum of k friend counts, each round(lognormal) capped at cap: exact draws, or
 * a normal with the exact (capped) mean and variance once
 * k >= REACH_CLT_SHARERS·e^{2σ²}, where the sum of lognormals is close
 * enough to normal (the heavier the tail, the more terms that takes). */
static double sum_of_friends(gsl_rng *r, unsigned int k, double median, double sigma, double cap)
{
    if (sigma > 0 && (double)k < REACH_CLT_SHARERS * exp(2 * sigma * sigma)) {
        double sum = 0;
        for (unsigned int j = 0; j < k; j++) {
            const double f = floor(median * exp(sigma * gsl_ran_gaussian_ziggurat(r, 1.0)) + 0.5);
            sum += f < cap ? f : cap;
        }
        return sum;
    }
    double ef, ef2;
    portee_reach_friend_moments(median, sigma, cap, &ef, &ef2);
    if (sigma == 0) return k * ef;
    const double vf = ef2 - ef * ef;
    const double sum = k * ef + sqrt(k * (vf > 0 ? vf : 0)) * gsl_ran_gaussian_ziggurat(r, 1.0);
    return sum > 0 ? floor(sum + 0.5) : 0;
}

/* Friends of one sharer who see the share: from the point's table (a friend
 * count in its tail is drawn from the lognormal above the table's cut), or
 * drawn directly; a sharer has at most cap friends. */
static unsigned int seen_by_friends(gsl_rng *r, const portee_reach_ws_t *ws, double median,
                                    double sigma, double fr, double cap)
{
    double z;
    if (ws->seen) {
        const size_t m = portee_sample_discrete(r, ws->seen);
        if (m != ws->seen_tail) return (unsigned int)m;
        z = gsl_cdf_ugaussian_Qinv(portee_rng_uniform_pos(r) * ws->seen_qc);
    } else {
        z = sigma > 0 ? gsl_ran_gaussian_ziggurat(r, 1.0) : 0;
    }
    return binomial(r, &ws->friend_sees, fr, to_count(median * exp(sigma * z), cap));
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

/* The cascade and engagements of a post of `direct` direct reach;
 * first_sharers: how many of them share, when already drawn, or UINT_MAX.
 * Everyone reached gets a share draw, the last generation too when the
 * population or max_generations stops the cascade, so E[shares] =
 * s·E[total] whatever stops it. */
static void spread(const double *p, unsigned int direct, unsigned int first_sharers, const portee_reach_ws_t *ws,
                   gsl_rng *r, portee_reach_post_t *post)
{
    const double N = p[REACH_POPULATION], cap = portee_reach_friend_cap(p);
    const double s = p[REACH_SHARE_RATE], fr = p[REACH_FRIEND_REACH];
    const double median = p[REACH_FRIENDS_MEDIAN], sigma = p[REACH_FRIENDS_SIGMA];
    const unsigned int max_gen = (unsigned int)p[REACH_MAX_GENERATIONS];

    double reached = direct; /* A: distinct people reached so far */
    double viral = 0, shares = 0;
    unsigned int fresh = direct; /* reached in the last generation, who may share */
    unsigned int g = 0;
    post->gen[0] = direct;
    post->n_gen = 1;
    for (; g < max_gen && fresh > 0 && reached < N && s > 0; g++) {
        const unsigned int k = g == 0 && first_sharers != UINT_MAX ? first_sharers
                                                                     : binomial(r, &ws->share, s, fresh);
        shares += k;
        double gen_new = 0;
        if (k <= REACH_CLT_SHARERS) {
            for (unsigned int j = 0; j < k && reached < N; j++) {
                const unsigned int seen = seen_by_friends(r, ws, median, sigma, fr, cap);
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
            const double friends = sum_of_friends(r, k, median, sigma, cap);
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
    /* stopped with people who have not had their share draw: cut at
     * max_generations, or nobody left to reach */
    post->cut = fresh > 0 && s > 0 && reached < N;
    if (fresh > 0 && s > 0)
        shares += g == 0 && first_sharers != UINT_MAX ? first_sharers : binomial(r, &ws->share, s, fresh);
    post->direct = direct;
    post->viral = viral;
    post->total = direct + viral;
    post->shares = shares;
    post->engagements = binomial(r, &ws->engage, p[REACH_ENGAGEMENT_RATE], to_count(post->total, COUNT_MAX));
}

void portee_reach_post_spread(const double *p, unsigned int direct, const portee_reach_ws_t *ws, gsl_rng *r,
                              portee_reach_post_t *post)
{
    spread(p, direct, UINT_MAX, ws, r, post);
}

void portee_reach_post_simulate(const double *p, unsigned int F, const portee_reach_ws_t *ws, gsl_rng *r,
                         portee_reach_post_t *post)
{
    unsigned int direct, first_sharers = UINT_MAX; /* UINT_MAX: not drawn yet */
    if (ws->direct && ws->direct_followers == F) {
        const size_t i = portee_sample_discrete(r, ws->direct);
        direct = (unsigned int)(ws->direct_shares ? i >> 1 : i);
        if (ws->direct_shares)
            first_sharers = i & 1 ? portee_sample_binomial_cached_positive(r, &ws->share, direct) : 0;
    } else {
        direct = portee_reach_direct(r, portee_reach_rate(p, F), p[REACH_POST_VARIABILITY], F);
    }
    spread(p, direct, first_sharers, ws, r, post);
}
