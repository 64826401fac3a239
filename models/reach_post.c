/* reach_post.c — one post: direct reach, the share cascade, engagements. */
#include <math.h>

#include "models/reach_internal.h"

#define COUNT_MAX 4294967295.0

static unsigned int to_count(double x, double cap)
{
    if (!(x > 0)) return 0;
    x = floor(x + 0.5);
    return (unsigned int)(x < cap ? x : cap);
}

static unsigned int binomial(gsl_rng *r, const portee_binomial_cache_t *c, double p, unsigned int n)
{
    return c->qn ? portee_sample_binomial_cached(r, c, n) : portee_sample_binomial(r, p, n);
}

void reach_post_simulate(const double *p, unsigned int F, const reach_ws_t *ws, gsl_rng *r,
                         reach_post_t *post)
{
    const double N = p[REACH_POPULATION];
    const double rate = p[REACH_RATE], kappa = p[REACH_POST_VARIABILITY];
    const double s = p[REACH_SHARE_RATE], fr = p[REACH_FRIEND_REACH];
    const double sigma = p[REACH_FRIENDS_SIGMA];
    const unsigned int max_gen = (unsigned int)p[REACH_MAX_GENERATIONS];
    double log_median = NAN; /* needed only once someone shares */

    unsigned int direct;
    if (ws->direct && ws->direct_followers == F) {
        direct = (unsigned int)gsl_ran_discrete(r, ws->direct);
    } else {
        double post_rate = rate;
        if (kappa > 0 && rate > 0 && rate < 1)
            post_rate = portee_sample_beta(r, rate * kappa, (1 - rate) * kappa);
        direct = portee_sample_binomial(r, post_rate, F);
    }

    double reached = direct; /* A: distinct people reached so far */
    double viral = 0, shares = 0;
    unsigned int fresh = direct; /* reached in the last generation, who may share */
    post->gen[0] = direct;
    post->n_gen = 1;
    for (unsigned int g = 0; g < max_gen && fresh > 0 && reached < N && s > 0; g++) {
        const unsigned int k = binomial(r, &ws->share, s, fresh);
        shares += k;
        if (k && isnan(log_median)) log_median = log(p[REACH_FRIENDS_MEDIAN]);
        double gen_new = 0;
        if (k <= REACH_CLT_SHARERS) {
            for (unsigned int j = 0; j < k && reached < N; j++) {
                const double friends = sigma > 0 ? exp(log_median + sigma * gsl_ran_gaussian_ziggurat(r, 1.0))
                                                 : exp(log_median);
                const unsigned int seen = binomial(r, &ws->friend_sees, fr, to_count(friends, N));
                /* Friends are distinct people; each is new with probability (N−A)/N. */
                double add = portee_sample_binomial(r, (N - reached) / N, seen);
                if (add > N - reached) add = N - reached;
                reached += add;
                gen_new += add;
            }
        } else {
            /* Sum of k sharers' views by the CLT: exact mean and variance of a
             * sum of k independent Binomial(lognormal friends, fr) counts. */
            const double ef = exp(log_median + 0.5 * sigma * sigma);
            const double vf = ef * ef * (exp(sigma * sigma) - 1);
            const double mu = fr * ef, var = fr * (1 - fr) * ef + fr * fr * vf;
            const double seen = k * mu + sqrt(k * var) * gsl_ran_gaussian_ziggurat(r, 1.0);
            /* Distinct new people among `seen` uniform picks with A already reached. */
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
