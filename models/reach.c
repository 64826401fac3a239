#include "models/reach.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>

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

static void reach_simulate(const double *p, gsl_rng *r, double *out)
{
    const unsigned int F = (unsigned int)p[REACH_FOLLOWERS];
    const double N = p[REACH_POPULATION];
    const double rate = p[REACH_RATE], kappa = p[REACH_POST_VARIABILITY];
    const double s = p[REACH_SHARE_RATE], fr = p[REACH_FRIEND_REACH];
    const double log_median = log(p[REACH_FRIENDS_MEDIAN]), sigma = p[REACH_FRIENDS_SIGMA];
    const unsigned int max_gen = (unsigned int)p[REACH_MAX_GENERATIONS];

    double post_rate = rate;
    if (kappa > 0 && rate > 0 && rate < 1) post_rate = gsl_ran_beta(r, rate * kappa, (1 - rate) * kappa);
    const unsigned int direct = gsl_ran_binomial(r, post_rate, F);

    double reached = direct; /* A: distinct people reached so far */
    double viral = 0, shares = 0;
    unsigned int fresh = direct; /* reached in the last generation, who may share */
    for (unsigned int g = 0; g < max_gen && fresh > 0 && reached < N && s > 0; g++) {
        const unsigned int k = gsl_ran_binomial(r, s, fresh);
        shares += k;
        double gen_new = 0;
        if (k <= REACH_CLT_SHARERS) {
            for (unsigned int j = 0; j < k && reached < N; j++) {
                const double friends = sigma > 0 ? exp(log_median + sigma * gsl_ran_gaussian_ziggurat(r, 1.0))
                                                 : exp(log_median);
                const unsigned int seen = gsl_ran_binomial(r, fr, to_count(friends, N));
                /* Friends are distinct people; each is new with probability (N−A)/N. */
                double add = gsl_ran_binomial(r, (N - reached) / N, seen);
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
            const double room = N - reached;
            const double p_hit = seen > 0 ? -expm1(seen * log1p(-1.0 / N)) : 0;
            double add = gsl_ran_binomial(r, p_hit, to_count(room, 4294967295.0));
            reached += add;
            gen_new = add;
        }
        viral += gen_new;
        fresh = to_count(gen_new, 4294967295.0);
    }
    const double total = direct + viral;
    out[REACH_OUT_DIRECT] = direct;
    out[REACH_OUT_VIRAL] = viral;
    out[REACH_OUT_TOTAL] = total;
    out[REACH_OUT_ENGAGEMENTS] = gsl_ran_binomial(r, p[REACH_ENGAGEMENT_RATE], to_count(total, 4294967295.0));
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
    .simulate = reach_simulate,
};
