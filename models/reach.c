/* reach.c — the reach model's tables, per-point preparation and one replicate. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "models/page.h"
#include "models/reach_internal.h"

static const portee_param_def_t params[REACH_NPARAMS] = {
    [REACH_FOLLOWERS] = PORTEE_PAGE_FOLLOWERS,
    [REACH_RATE] = PORTEE_PAGE_REACH_RATE,
    [REACH_POST_VARIABILITY] = PORTEE_PAGE_POST_VARIABILITY,
    [REACH_SIZE_ELASTICITY] = PORTEE_PAGE_SIZE_ELASTICITY,
    [REACH_SIZE_REFERENCE] = PORTEE_PAGE_SIZE_REFERENCE,
    [REACH_FOLLOWER_VARIABILITY] = PORTEE_PAGE_FOLLOWER_VARIABILITY,
    [REACH_SHARE_RATE] = {"share_rate", PORTEE_PARAM_PROB, "probability", 0.01, 0, 1,
                          "probability that a reached person shares the post"},
    [REACH_FRIENDS_MEDIAN] = {"friends_median", PORTEE_PARAM_REAL, "people", 200, 1, 1e6,
                              "median number of friends of a sharer (lognormal)"},
    [REACH_FRIENDS_SIGMA] = {"friends_sigma", PORTEE_PARAM_REAL, "log-scale sd", 1.0, 0, 4,
                             "spread of a sharer's friend count (lognormal sigma; 0 = all at the median)"},
    [REACH_MAX_FRIENDS] = {"max_friends", PORTEE_PARAM_INT, "people", 5000, 1, 4e9,
                           "most friends one sharer can have: the platform's limit (Facebook: 5,000 "
                           "friends; LinkedIn: 30,000 connections; the presets set it)"},
    [REACH_FRIEND_REACH] = {"friend_reach", PORTEE_PARAM_PROB, "probability", 0.05, 0, 1,
                            "probability that a friend of a sharer sees the share"},
    [REACH_POPULATION] = {"reachable_population", PORTEE_PARAM_INT, "people", 100000, 1, 4e9,
                          "everyone a cascade could reach, followers included; "
                          "people reached twice count once"},
    [REACH_ENGAGEMENT_RATE] = PORTEE_PAGE_ENGAGEMENT_RATE,
    [REACH_MAX_GENERATIONS] = {"max_generations", PORTEE_PARAM_INT, "generations", 50, 1, 1000,
                               "cap on share-of-a-share generations"},
    [REACH_HOURS] = {"hours", PORTEE_PARAM_INT, "hours", 72, 0, 720,
                     "length of the hourly reach curve (0 = no curve)"},
    [REACH_ARRIVAL_HOURS] = {"arrival_hours", PORTEE_PARAM_REAL, "hours", 3, 0.05, 240,
                             "mean delay before a reached person sees the post; each share "
                             "generation adds another such delay"},
    [REACH_POSTS_PER_WEEK] = PORTEE_PAGE_POSTS_PER_WEEK,
    [REACH_HORIZON_WEEKS] = {"horizon_weeks", PORTEE_PARAM_INT, "weeks", 0, 0, 520,
                             "length of the posting-plan forecast (0 = one post only)"},
    [REACH_MAX_POSTS_SEEN] = {"max_posts_seen", PORTEE_PARAM_INT, "posts", 0, 0, 100,
                              "bins of the plan's posts-seen distribution (0, 1, ... posts; the last "
                              "is 'that many or more'); 0 = none"},
    [REACH_FOLLOW_RATE] = {"follow_rate", PORTEE_PARAM_PROB, "probability", 0.02, 0, 1,
                           "probability that a non-follower reached through a share follows the page"},
    [REACH_CHURN_RATE] = {"churn_rate", PORTEE_PARAM_PROB, "per week", 0.002, 0, 1,
                          "share of followers who unfollow each week"},
};

static const portee_output_def_t outputs[REACH_NOUTPUTS] = {
    [REACH_OUT_DIRECT] = {"direct", "people", "followers reached directly by the post", true},
    [REACH_OUT_VIRAL] = {"viral", "people", "people reached only through shares", true},
    [REACH_OUT_TOTAL] = {"total", "people", "direct + viral reach of the post", true},
    [REACH_OUT_ENGAGEMENTS] = {"engagements", "engagements", "reached people who engaged", true},
    [REACH_OUT_SHARES] = {"shares", "shares", "people who shared the post", true},
    [REACH_OUT_CASCADE_R] = {"cascade_R", "per person",
                             "the share cascade's reproduction number: share_rate x mean friends "
                             "(capped at max_friends) x friend_reach",
                             false, NULL, 0, NULL, 0, 0.9,
                             "the share cascade is near-critical or explosive (R >= 0.9): its reach "
                             "hangs on reachable_population and max_generations more than on the page"},
    [REACH_OUT_CASCADE_CUT] = {"cascade_cut", "0 or 1",
                               "1 when the cascade was still going at max_generations (cut short), else 0",
                               true, NULL, 0, NULL, 0, DBL_MIN,
                               "some cascades were cut at max_generations: viral and total reach are "
                               "underestimated; raise max_generations"},
    [REACH_OUT_HOURLY] = {"hourly_reach", "people", "people reached by the post so far, by hour",
                          true, "hours", 1, "hour", 0},
    [REACH_OUT_WEEK_FOLLOWERS] = {"weekly_followers", "people", "followers at the end of each week",
                                  true, "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_UNIQUE] = {"weekly_unique_reach", "people",
                               "followers reached by at least one of the week's posts", true,
                               "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_CUMULATIVE] = {"cumulative_reach", "people",
                                   "followers of the plan's start reached directly at least once "
                                   "by the end of the week",
                                   true, "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_IMPRESSIONS] = {"weekly_impressions", "impressions",
                                    "total reach of all the week's posts added up, shares included "
                                    "(people seeing two posts count twice)",
                                    true, "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_DIRECT_IMPRESSIONS] = {"weekly_direct_impressions", "impressions",
                                           "direct reach of all the week's posts added up: "
                                           "weekly_frequency x weekly_unique_reach",
                                           true, "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_FREQUENCY] = {"weekly_frequency", "posts per person",
                                  "posts seen directly per follower reached directly that week: "
                                  "weekly_direct_impressions / weekly_unique_reach", false,
                                  "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_ENGAGEMENTS] = {"weekly_engagements", "engagements", "engagements with the week's posts",
                                    true, "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_GAINED] = {"weekly_new_followers", "people",
                               "non-followers reached through shares who followed", true,
                               "horizon_weeks", 0, "week", 1},
    [REACH_OUT_WEEK_LOST] = {"weekly_lost_followers", "people", "followers who left", true,
                             "horizon_weeks", 0, "week", 1},
    [REACH_OUT_POSTS_SEEN] = {"posts_seen", "people",
                              "followers of the plan's start by how many of its posts they saw "
                              "directly (the last bin: that many or more)",
                              true, "max_posts_seen", 1, "posts seen", 0},
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

/* What every replicate of a point shares, precomputed once per point:
 *  - direct reach is beta-binomial; when followers, reach_rate and
 *    post_variability are constants its exact pmf is tabulated (Walker's
 *    alias method, GSL's gsl_ran_discrete) and each replicate draws one
 *    uniform instead of a beta and a binomial.  With a constant share rate
 *    too, each direct count d has two entries, "nobody of the d shares"
 *    (weight P(d)·q^d) and "somebody does" (P(d)·(1 − q^d)), so most posts
 *    need no draw for their first sharers.  Worth it only while the table is
 *    no bigger than the replicates that use it;
 *  - constant share, engagement and friend-reach rates get binomial caches
 *    (q^n tables, logarithms);
 *  - constant friend counts and friend reach get the table of friends
 *    seeing a share (seen_table);
 *  - a constant arrival time gets the survival table of the first generations,
 *    and the same as alias tables of the hour of arrival.
 * Results are the same distribution either way (tests/test_reach.c runs both). */
static gsl_ran_discrete_t *betabinomial_table(double n, double rate, double kappa,
                                              const portee_binomial_cache_t *share)
{
    const size_t K = (size_t)n + 1, split = share ? 2 : 1;
    const double a = rate * kappa, b = (1 - rate) * kappa;
    double *w = malloc(split * K * sizeof *w);
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
    if (share)
        for (size_t i = K; i-- > 0;) {
            const double none = portee_binomial_cache_q0(share, (unsigned int)i);
            w[2 * i + 1] = w[i] * (1 - none);
            w[2 * i] = w[i] * none;
        }
    gsl_ran_discrete_t *t = portee_sample_discrete_preproc(split * K, w);
    free(w);
    return t;
}

/* Friends of one sharer who see the share: F = min(round(lognormal), N)
 * friends (N here: the friend cap, the smaller of max_friends and the
 * population), each seeing it with probability fr, so seen | F ~ Binomial(F, fr).
 * The compound pmf over F <= f_cut is tabulated, so one alias draw replaces a
 * normal, an exponential and a binomial per sharer; the last entry stands for
 * the tail F > f_cut, drawn exactly when hit (reach_post.c).  f_cut is F's
 * 95th percentile: one sharer in 20 takes the tail.  The Binomial(f, fr) rows
 * come from one another, Bin(f+1) = (1-fr)·Bin(f) + fr·Bin(f) shifted, which
 * is exact, needs no log-factorial and vectorises; terms below 1e-20 are left
 * out (less than 1e-16 of mass over the whole table).  Only with sigma > 0:
 * a fixed friend count is a plain binomial, which the cached sampler draws. */
#define SEEN_TAIL_Z 1.6448536269514722 /* Phi^-1(0.95) */
static int seen_table(double median, double sigma, double fr, double N, uint64_t replicates,
                      portee_reach_ws_t *ws)
{
    const double mu = log(median);
    double f_cut = floor(exp(mu + sigma * SEEN_TAIL_Z)) + 1;
    if (f_cut > N) f_cut = N;
    /* about f_cut rows of 20·sd terms: worth it while that is a few draws
     * per replicate */
    if (f_cut * (20 * sqrt(f_cut * fr) + 20) > 20.0 * (double)replicates) return 0;
    const size_t fc = (size_t)f_cut;
    double *w = calloc(fc + 2, sizeof *w), *row = calloc(2 * (fc + 2), sizeof *row);
    int st = -1;
    if (!w || !row) goto done;
    double *cur = row, *next = row + fc + 2;
    size_t lo = 0, hi = 0, top = 0; /* cur's window; largest seen count with mass */
    double cdf_lo = 0;               /* P(F < f) */
    cur[0] = 1;
    for (size_t f = 0;; f++) {
        const bool capped = f == fc && f_cut == N; /* F = N holds every F >= N */
        const double cdf_hi = capped ? 1 : gsl_cdf_ugaussian_P((log(f + 0.5) - mu) / sigma);
        const double pf = cdf_hi - cdf_lo;
        cdf_lo = cdf_hi;
        for (size_t m = lo; m <= hi; m++) w[m] += pf * cur[m];
        if (hi > top && pf > 0) top = hi;
        if (f == fc) break;
        /* Bin(f+1)[m] = (1 - fr) Bin(f)[m] + fr Bin(f)[m-1] */
        next[lo] = (1 - fr) * cur[lo];
        for (size_t m = lo + 1; m <= hi; m++) next[m] = (1 - fr) * cur[m] + fr * cur[m - 1];
        next[hi + 1] = fr * cur[hi];
        hi++;
        while (hi > lo && next[hi] < 1e-20) hi--;
        while (lo < hi && next[lo] < 1e-20) lo++;
        double *t = cur;
        cur = next;
        next = t;
    }
    ws->seen_qc = f_cut < N ? gsl_cdf_ugaussian_Q((log(f_cut + 0.5) - mu) / sigma) : 0;
    ws->seen_tail = top + 1;
    w[top + 1] = ws->seen_qc;
    if ((ws->seen = portee_sample_discrete_preproc(top + 2, w))) st = 0;
done:
    free(w);
    free(row);
    return st;
}

static void reach_release(void *vws)
{
    portee_reach_ws_t *ws = vws;
    if (!ws) return;
    gsl_ran_discrete_free(ws->direct);
    gsl_ran_discrete_free(ws->seen);
    portee_binomial_cache_free(&ws->share);
    portee_binomial_cache_free(&ws->engage);
    portee_binomial_cache_free(&ws->friend_sees);
    free(ws->survival);
    for (unsigned int g = 0; g < REACH_SURVIVAL_GENS; g++) gsl_ran_discrete_free(ws->arrival[g]);
    free(ws);
}

static bool constant(const portee_dist_t *p, int i) { return p[i].kind == PORTEE_DIST_CONST; }

static void *reach_prepare(const portee_dist_t *p, uint64_t replicates, bool *failed)
{
    *failed = false;
    portee_reach_ws_t *ws = calloc(1, sizeof *ws);
    if (!ws) goto oom;
    /* n is the people reached in a generation or in all: rarely past 1024 */
    const unsigned int n_max = replicates / 16 < 1024 ? (unsigned int)(replicates / 16) : 1024;
    if (constant(p, REACH_SHARE_RATE) &&
        portee_binomial_cache_init(&ws->share, p[REACH_SHARE_RATE].field[0], n_max))
        goto oom;
    if (constant(p, REACH_ENGAGEMENT_RATE) &&
        portee_binomial_cache_init(&ws->engage, p[REACH_ENGAGEMENT_RATE].field[0], n_max))
        goto oom;
    if (constant(p, REACH_FOLLOWERS) && constant(p, REACH_RATE) && constant(p, REACH_POST_VARIABILITY) &&
        constant(p, REACH_SIZE_ELASTICITY) && constant(p, REACH_SIZE_REFERENCE)) {
        const double n = p[REACH_FOLLOWERS].field[0];
        const double rate = portee_page_rate_at(p[REACH_RATE].field[0], n, p[REACH_SIZE_ELASTICITY].field[0],
                                                p[REACH_SIZE_REFERENCE].field[0]);
        const double kappa = p[REACH_POST_VARIABILITY].field[0], s = ws->share.p;
        if (kappa > 0 && rate > 0 && rate < 1 && n >= 1 && n + 1 <= (double)replicates && n <= 1e6) {
            /* sharers split off only where the cached sampler draws them */
            ws->direct_shares = ws->share.qn && s > 0 && s <= 0.5 && 2 * (n + 1) <= (double)replicates;
            if (!(ws->direct = betabinomial_table(n, rate, kappa, ws->direct_shares ? &ws->share : NULL)))
                goto oom;
            ws->direct_followers = (unsigned int)n;
        }
    }
    /* friends seeing a share: n is a friend count, large, so only the logs matter */
    if (constant(p, REACH_FRIEND_REACH) &&
        portee_binomial_cache_init(&ws->friend_sees, p[REACH_FRIEND_REACH].field[0], 0))
        goto oom;
    const bool friends_fixed = constant(p, REACH_FRIENDS_MEDIAN) && constant(p, REACH_FRIENDS_SIGMA) &&
                               constant(p, REACH_MAX_FRIENDS) && constant(p, REACH_POPULATION);
    const double cap = p[REACH_MAX_FRIENDS].field[0] < p[REACH_POPULATION].field[0]
                           ? p[REACH_MAX_FRIENDS].field[0] : p[REACH_POPULATION].field[0];
    if (friends_fixed && constant(p, REACH_FRIEND_REACH) &&
        p[REACH_FRIENDS_SIGMA].field[0] > 0 && p[REACH_FRIEND_REACH].field[0] > 0 &&
        seen_table(p[REACH_FRIENDS_MEDIAN].field[0], p[REACH_FRIENDS_SIGMA].field[0],
                   p[REACH_FRIEND_REACH].field[0], cap, replicates, ws))
        goto oom;
    ws->mean_friends = NAN;
    if (friends_fixed) {
        double second;
        portee_reach_friend_moments(p[REACH_FRIENDS_MEDIAN].field[0], p[REACH_FRIENDS_SIGMA].field[0], cap,
                                    &ws->mean_friends, &second);
    }
    ws->hours = (unsigned int)p[REACH_HOURS].field[0]; /* constant: it sets a series length */
    if (ws->hours > 0 && constant(p, REACH_ARRIVAL_HOURS)) {
        if (!(ws->survival = malloc((size_t)REACH_SURVIVAL_GENS * (ws->hours + 1) * sizeof *ws->survival)))
            goto oom;
        for (unsigned int g = 0; g < REACH_SURVIVAL_GENS; g++)
        {
            double *s = ws->survival + (size_t)g * (ws->hours + 1);
            portee_reach_arrival_survival(g, p[REACH_ARRIVAL_HOURS].field[0], ws->hours, s);
            if (!(ws->arrival[g] = portee_reach_arrival_table(s, ws->hours))) goto oom;
        }
    }
    return ws;
oom:
    reach_release(ws);
    *failed = true;
    return NULL;
}

static void reach_simulate(const double *p, const void *vws, gsl_rng *r, double *const *out)
{
    const portee_reach_ws_t *ws = vws;
    portee_reach_post_t post;
    portee_reach_post_simulate(p, (unsigned int)p[REACH_FOLLOWERS], ws, r, &post);
    out[REACH_OUT_DIRECT][0] = post.direct;
    out[REACH_OUT_VIRAL][0] = post.viral;
    out[REACH_OUT_TOTAL][0] = post.total;
    out[REACH_OUT_ENGAGEMENTS][0] = post.engagements;
    out[REACH_OUT_SHARES][0] = post.shares;
    double friends = ws->mean_friends, second;
    if (isnan(friends))
        portee_reach_friend_moments(p[REACH_FRIENDS_MEDIAN], p[REACH_FRIENDS_SIGMA], portee_reach_friend_cap(p),
                                    &friends, &second);
    out[REACH_OUT_CASCADE_R][0] = p[REACH_SHARE_RATE] * friends * p[REACH_FRIEND_REACH];
    out[REACH_OUT_CASCADE_CUT][0] = post.cut;
    if (p[REACH_HOURS] > 0) portee_reach_hourly_curve(p, ws, &post, r, out[REACH_OUT_HOURLY]);
    if (p[REACH_HORIZON_WEEKS] > 0) {
        portee_reach_plan_simulate(p, ws, r, out);
    } else if (p[REACH_MAX_POSTS_SEEN] > 0) { /* one post: seen once or not at all */
        double *seen = out[REACH_OUT_POSTS_SEEN];
        for (unsigned int j = 0; j <= (unsigned int)p[REACH_MAX_POSTS_SEEN]; j++) seen[j] = 0;
        seen[0] = p[REACH_FOLLOWERS] - post.direct;
        seen[1] = post.direct;
    }
}

const portee_model_t portee_model_reach = {
    .name = "reach",
    .help = "organic reach of one post (direct reach among followers plus a share cascade), "
            "by hour, and of a posting plan week by week",
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
