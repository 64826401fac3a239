#include "models/reach.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "sim/sample.h"

static const portee_param_def_t params[REACH_NPARAMS] = {
    [REACH_FOLLOWERS] = {"followers", PORTEE_PARAM_INT, "people", 1000, 0, 1e9,
                         "followers of the page when the post goes out"},
    [REACH_RATE] = {"reach_rate", PORTEE_PARAM_PROB, "share of followers", 0.05, 0, 1,
                    "mean share of followers shown a post directly, unpaid (before shares)"},
    [REACH_POST_VARIABILITY] = {"post_variability", PORTEE_PARAM_REAL, "beta concentration", 50, 0, 1e6,
                                "how alike posts are: a post's own rate is Beta(r*k, (1-r)*k); "
                                "0 = every post exactly at reach_rate, larger = more alike"},
    [REACH_SHARE_RATE] = {"share_rate", PORTEE_PARAM_PROB, "probability", 0.01, 0, 1,
                          "probability that a reached person shares the post"},
    [REACH_FRIENDS_MEDIAN] = {"friends_median", PORTEE_PARAM_REAL, "people", 200, 1, 1e6,
                              "median number of friends of a sharer (lognormal)"},
    [REACH_FRIENDS_SIGMA] = {"friends_sigma", PORTEE_PARAM_REAL, "log-scale sd", 1.0, 0, 4,
                             "spread of a sharer's friend count (lognormal sigma; 0 = all at the median)"},
    [REACH_FRIEND_REACH] = {"friend_reach", PORTEE_PARAM_PROB, "probability", 0.05, 0, 1,
                            "probability that a friend of a sharer sees the share"},
    [REACH_POPULATION] = {"reachable_population", PORTEE_PARAM_INT, "people", 100000, 1, 4e9,
                          "everyone a cascade could reach, followers included; "
                          "people reached twice count once"},
    [REACH_ENGAGEMENT_RATE] = {"engagement_rate", PORTEE_PARAM_PROB, "probability", 0.04, 0, 1,
                               "probability that a reached person reacts, comments or clicks"},
    [REACH_MAX_GENERATIONS] = {"max_generations", PORTEE_PARAM_INT, "generations", 50, 1, 1000,
                               "cap on share-of-a-share generations"},
};

static const portee_output_def_t outputs[REACH_NOUTPUTS] = {
    [REACH_OUT_DIRECT] = {"direct", "people", "followers reached directly by the post", true},
    [REACH_OUT_VIRAL] = {"viral", "people", "people reached only through shares", true},
    [REACH_OUT_TOTAL] = {"total", "people", "direct + viral reach of the post", true},
    [REACH_OUT_ENGAGEMENTS] = {"engagements", "engagements", "reached people who engaged", true},
    [REACH_OUT_SHARES] = {"shares", "shares", "people who shared the post", true},
};

static bool reach_check(const double *lo, const double *hi, char *why, size_t why_len)
{
    if (hi[REACH_FOLLOWERS] > lo[REACH_POPULATION]) {
        snprintf(why, why_len,
                 "followers (up to %.0f) must not exceed reachable_population (down to %.0f): "
                 "followers are part of the reachable population",
                 hi[REACH_FOLLOWERS], lo[REACH_POPULATION]);
        return false;
    }
    return true;
}

static unsigned int to_count(double x, double cap)
{
    if (!(x > 0)) return 0;
    x = floor(x + 0.5);
    return (unsigned int)(x < cap ? x : cap);
}

#define COUNT_MAX 4294967295.0

/* What every replicate of a point shares, precomputed once per point:
 *  - direct reach is beta-binomial; when followers, reach_rate and
 *    post_variability are constants its exact pmf is tabulated (Walker's
 *    alias method, GSL's gsl_ran_discrete) and each replicate draws one
 *    uniform instead of a beta and a binomial.  Worth it only while the table
 *    (followers + 1 entries) is no bigger than the replicates that use it;
 *  - constant share, engagement and friend-reach rates get binomial caches
 *    (q^n tables, logarithms).
 * Results are the same distribution either way (tests/test_reach.c runs both). */
typedef struct {
    gsl_ran_discrete_t *direct;
    portee_binomial_cache_t share, engage, friend_sees;
} reach_ws_t;

static gsl_ran_discrete_t *betabinomial_table(double n, double rate, double kappa)
{
    const size_t K = (size_t)n + 1;
    const double a = rate * kappa, b = (1 - rate) * kappa;
    double *w = malloc(K * sizeof *w);
    if (!w) return NULL;
    /* pmf up to a constant: w(k+1)/w(k) = (n−k)(k+a) / ((k+1)(n−k−1+b)),
     * rescaled whenever it grows large; gsl_ran_discrete_preproc normalises. */
    w[0] = 1;
    for (size_t i = 0; i + 1 < K; i++) {
        const double kk = (double)i;
        w[i + 1] = w[i] * ((n - kk) * (kk + a)) / ((kk + 1) * (n - kk - 1 + b));
        if (w[i + 1] > 1e200)
            for (size_t j = 0; j <= i + 1; j++) w[j] *= 1e-200;
    }
    gsl_ran_discrete_t *t = gsl_ran_discrete_preproc(K, w);
    free(w);
    return t;
}

static void reach_release(void *vws)
{
    reach_ws_t *ws = vws;
    if (!ws) return;
    gsl_ran_discrete_free(ws->direct);
    portee_binomial_cache_free(&ws->share);
    portee_binomial_cache_free(&ws->engage);
    portee_binomial_cache_free(&ws->friend_sees);
    free(ws);
}

static void *reach_prepare(const portee_dist_t *p, uint64_t replicates, bool *failed)
{
    *failed = false;
    reach_ws_t *ws = calloc(1, sizeof *ws);
    if (!ws) goto oom;
    const portee_dist_t *F = &p[REACH_FOLLOWERS], *r = &p[REACH_RATE], *k = &p[REACH_POST_VARIABILITY];
    if (F->kind == PORTEE_DIST_CONST && r->kind == PORTEE_DIST_CONST && k->kind == PORTEE_DIST_CONST) {
        const double n = F->field[0], rate = r->field[0], kappa = k->field[0];
        if (kappa > 0 && rate > 0 && rate < 1 && n >= 1 && n + 1 <= (double)replicates && n <= 1e6 &&
            !(ws->direct = betabinomial_table(n, rate, kappa)))
            goto oom;
    }
    /* n is the people reached in a generation or in all: rarely past 1024 */
    const unsigned int n_max = replicates / 16 < 1024 ? (unsigned int)(replicates / 16) : 1024;
    if (p[REACH_SHARE_RATE].kind == PORTEE_DIST_CONST &&
        portee_binomial_cache_init(&ws->share, p[REACH_SHARE_RATE].field[0], n_max))
        goto oom;
    if (p[REACH_ENGAGEMENT_RATE].kind == PORTEE_DIST_CONST &&
        portee_binomial_cache_init(&ws->engage, p[REACH_ENGAGEMENT_RATE].field[0], n_max))
        goto oom;
    /* friends seeing a share: n is a friend count, large, so only the logs matter */
    if (p[REACH_FRIEND_REACH].kind == PORTEE_DIST_CONST &&
        portee_binomial_cache_init(&ws->friend_sees, p[REACH_FRIEND_REACH].field[0], 0))
        goto oom;
    return ws;
oom:
    reach_release(ws);
    *failed = true;
    return NULL;
}

static unsigned int binomial(gsl_rng *r, const portee_binomial_cache_t *c, double p, unsigned int n)
{
    return c->qn ? portee_sample_binomial_cached(r, c, n) : portee_sample_binomial(r, p, n);
}

static void reach_simulate(const double *p, const void *vws, gsl_rng *r, double *out)
{
    const reach_ws_t *ws = vws;
    const unsigned int F = (unsigned int)p[REACH_FOLLOWERS];
    const double N = p[REACH_POPULATION];
    const double rate = p[REACH_RATE], kappa = p[REACH_POST_VARIABILITY];
    const double s = p[REACH_SHARE_RATE], fr = p[REACH_FRIEND_REACH];
    const double sigma = p[REACH_FRIENDS_SIGMA];
    double log_median = NAN; /* needed only once someone shares */
    const unsigned int max_gen = (unsigned int)p[REACH_MAX_GENERATIONS];

    unsigned int direct;
    if (ws->direct) {
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
    }
    const double total = direct + viral;
    out[REACH_OUT_DIRECT] = direct;
    out[REACH_OUT_VIRAL] = viral;
    out[REACH_OUT_TOTAL] = total;
    out[REACH_OUT_ENGAGEMENTS] = binomial(r, &ws->engage, p[REACH_ENGAGEMENT_RATE], to_count(total, COUNT_MAX));
    out[REACH_OUT_SHARES] = shares;
}

const portee_model_t portee_model_reach = {
    .name = "reach",
    .help = "organic reach of one post: direct reach among followers plus a share cascade",
    .params = params,
    .n_params = REACH_NPARAMS,
    .outputs = outputs,
    .n_outputs = REACH_NOUTPUTS,
    .main_output = REACH_OUT_TOTAL,
    .check = reach_check,
    .prepare = reach_prepare,
    .release = reach_release,
    .simulate = reach_simulate,
};
