/* plan.c — the plan model's tables and one replicate (plan.h). */
#include "models/plan.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "sim/numeric/rng.h"
#include "sim/numeric/sample.h"

#define PLATFORM_PARAMS(name, usage, rate, engagement, cpm, note)                                                \
    {name "_followers", PORTEE_PARAM_INT, "people", 0, 0, 1e9,                                                 \
     "followers of the organisation's " note " page (0: no page there)"},                                      \
        {name "_usage", PORTEE_PARAM_PROB, "share of the population", usage, 0, 1,                             \
         "share of the market's people on " note " (the overlap between platforms comes from it)"},            \
        {name "_posts_per_week", PORTEE_PARAM_REAL, "posts", 3, 0, 50,                                    \
         "organic posts a week on the " note " page (a fraction is posted with that probability)"},            \
        {name "_reach_rate", PORTEE_PARAM_PROB, "share of followers", rate, 0, 1,                              \
         "mean share of the " note " page's followers a post reaches (the platform preset's)"},                \
        {name "_post_variability", PORTEE_PARAM_REAL, "beta concentration", 50, 0, 1e6,                        \
         "how alike posts are: a post's rate is Beta(r*k, (1-r)*k); 0 = every post at reach_rate"},           \
        {name "_weekly_budget", PORTEE_PARAM_REAL, "currency", 0, 0, 1e7,                                      \
         "paid boost on " note " each week (0: none)"},                                                        \
        {name "_cpm", PORTEE_PARAM_REAL, "currency per 1000 impressions", cpm, 0.01, 1e4,                      \
         "cost per 1,000 impressions on " note " (indicative; use your account's)"},                           \
        {name "_targeting_precision", PORTEE_PARAM_PROB, "share of impressions", 0.8, 0, 1,                    \
         "share of the paid impressions landing on the market's " note " users"},                              \
        {name "_exposure_shape", PORTEE_PARAM_REAL, "NBD shape k", 1, 0, 1e6,                                    \
         "spread of paid exposures over people: Gamma(k) propensity by quartile; 0 = everyone alike"},         \
        {name "_engagement_rate", PORTEE_PARAM_PROB, "per exposure", engagement, 0, 1,                         \
         "exposures on " note " that engage (react, comment, click)"},                                         \
        {name "_visit_rate", PORTEE_PARAM_PROB, "per engagement", 0.1, 0, 1,                                   \
         "engagements on " note " that become visits or leads"},                                               \
    {                                                                                                          \
        name "_client_rate", PORTEE_PARAM_PROB, "per visit", 0.02, 0, 1,                                       \
            "visits from " note " that become clients"                                                         \
    }

/* Platform defaults: the page presets' reach and engagement rates (page.c);
 * usage of Québec adults in 2014 (Facebook daily, the others weekly); CPMs
 * indicative as in the boost model's help. */
static const portee_param_def_t params[PLAN_NPARAMS] = {
    [PLAN_WEEKS] = {"weeks", PORTEE_PARAM_INT, "weeks", 13, 1, 520, "weeks the plan runs"},
    [PLAN_POPULATION] = {"population", PORTEE_PARAM_INT, "people", 100000, 1, 1e9,
                         "people in the market the pages address (the region's adults, say)"},
    [PLAN_NESTING] = {"usage_nesting", PORTEE_PARAM_PROB, "share", 0, 0, 1,
                      "0: a person's platforms are independent; 1: nested (the people of a less used "
                      "platform are among those of a more used one); between: a mixture"},
    [PLAN_CLIENT_VALUE] = {"client_value", PORTEE_PARAM_REAL, "currency", 0, 0, 1e9,
                           "what a new client is worth (revenue = clients x client_value)"},
    [PLAN_MAX_FREQUENCY] = {"max_frequency", PORTEE_PARAM_INT, "bins", PLAN_K, 0, PLAN_K,
                            "bins of the frequency series (1, 2, ... exposures; the last: that many or more)"},
    PLATFORM_PARAMS("facebook", 0.49, 0.05, 0.04, 10, "Facebook"),
    PLATFORM_PARAMS("linkedin", 0.13, 0.078, 0.025, 35, "LinkedIn"),
    PLATFORM_PARAMS("twitter", 0.08, 0.048, 0.015, 8, "Twitter"),
};

#define NEW_SERIES(name, how)                                                                                   \
    {"new_" name "_" how, "people", "people first reached this week by the " name " page, " how, true, "weeks", \
     0, "week", 1}

static const portee_output_def_t outputs[PLAN_NOUTPUTS] = {
    [PLAN_OUT_TOTAL] = {"total_reach", "people",
                        "people reached at least once by the plan: every page, organic or paid, every week", true},
    [PLAN_OUT_FACEBOOK] = {"facebook_reach", "people", "people the Facebook page reached (organic or paid)", true},
    [PLAN_OUT_LINKEDIN] = {"linkedin_reach", "people", "people the LinkedIn page reached (organic or paid)", true},
    [PLAN_OUT_TWITTER] = {"twitter_reach", "people", "people the Twitter page reached (organic or paid)", true},
    [PLAN_OUT_OVERLAP] = {"overlap", "people", "people reached by two pages or more", true},
    [PLAN_OUT_ORGANIC] = {"organic_reach", "people", "people an organic post reached (any page)", true},
    [PLAN_OUT_INCREMENTAL] = {"incremental_reach", "people",
                              "people reached by a boost and by no organic post: what the budgets add", true},
    [PLAN_OUT_IMPRESSIONS] = {"impressions", "impressions", "exposures of the market's people, organic and paid",
                              true},
    [PLAN_OUT_MEAN_FREQUENCY] = {"mean_frequency", "exposures per person",
                                 "impressions per person reached", false},
    [PLAN_OUT_ENGAGEMENTS] = {"engagements", "engagements", "exposures that engaged", true},
    [PLAN_OUT_VISITS] = {"visits", "visits", "engagements that became visits or leads", true},
    [PLAN_OUT_CLIENTS] = {"clients", "clients", "visits that became clients", true},
    [PLAN_OUT_REVENUE] = {"revenue", "currency", "clients x client_value", false},
    [PLAN_OUT_SPEND] = {"spend", "currency", "the weekly budgets, summed", false},
    [PLAN_OUT_COST_PER_CLIENT] = {"cost_per_client", "currency per client",
                                  "spend / clients (0 when nothing is spent; spend when no client comes)", false},
    [PLAN_OUT_RETURN] = {"return_on_spend", "share", "(revenue - spend) / spend (0 when nothing is spent)", false},
    [PLAN_OUT_WEEKLY_REACH] = {"weekly_reach", "people", "people reached in the week, de-duplicated", true, "weeks",
                               0, "week", 1},
    [PLAN_OUT_CUMULATIVE] = {"cumulative_reach", "people", "people reached so far, by the end of the week", true,
                             "weeks", 0, "week", 1},
    [PLAN_OUT_NEW_FIRST + 0] = NEW_SERIES("facebook", "organic"),
    [PLAN_OUT_NEW_FIRST + 1] = NEW_SERIES("facebook", "paid"),
    [PLAN_OUT_NEW_FIRST + 2] = NEW_SERIES("linkedin", "organic"),
    [PLAN_OUT_NEW_FIRST + 3] = NEW_SERIES("linkedin", "paid"),
    [PLAN_OUT_NEW_FIRST + 4] = NEW_SERIES("twitter", "organic"),
    [PLAN_OUT_NEW_FIRST + 5] = NEW_SERIES("twitter", "paid"),
    [PLAN_OUT_PAGE_CUMULATIVE + 0] = {"facebook_cumulative", "people", "people the Facebook page has reached so far",
                                      true, "weeks", 0, "week", 1},
    [PLAN_OUT_PAGE_CUMULATIVE + 1] = {"linkedin_cumulative", "people", "people the LinkedIn page has reached so far",
                                      true, "weeks", 0, "week", 1},
    [PLAN_OUT_PAGE_CUMULATIVE + 2] = {"twitter_cumulative", "people", "people the Twitter page has reached so far",
                                      true, "weeks", 0, "week", 1},
    [PLAN_OUT_WEEKLY_REVENUE] = {"weekly_revenue", "currency", "clients won in the week x client_value", false,
                                 "weeks", 0, "week", 1},
    [PLAN_OUT_WEEKLY_CLIENTS] = {"weekly_clients", "clients", "clients won in the week", true, "weeks", 0, "week",
                                 1},
    [PLAN_OUT_FREQUENCY] = {"frequency", "people", "people exposed exactly j times (the last bin: j or more)", true,
                            "max_frequency", 0, "exposures", 1},
};

#define P(j, what) (PLAN_FIRST + (j) * PLAN_PER_PLATFORM + (what))
#define GROUPS 4 /* propensity quartiles */
#define PAGES (1u << PLAN_PLATFORMS)
#define ORGANIC PAGES       /* the state bit of people an organic post has reached */
#define SETS (2 * PAGES)    /* the pages that reached a person, and the organic bit */
#define LEVELS (PLAN_K + 1)
#define CELLS (2 * SETS * LEVELS)
#define MAX_CLASSES (27 * GROUPS) /* sum over usage patterns of 2^|pattern|, times the groups */
#define MAX_E 4096                /* exposures from one source in one week, the last absorbing the tail */
#define MAX_IMPRESSIONS 4e9       /* a week's paid impressions on one platform */

static bool plan_check(const double *lo, const double *hi, char *why, size_t why_len)
{
    static const char *const names[PLAN_PLATFORMS] = {"facebook", "linkedin", "twitter"};
    for (int j = 0; j < PLAN_PLATFORMS; j++) {
        if (hi[P(j, PLAN_FOLLOWERS)] > lo[PLAN_POPULATION] * lo[P(j, PLAN_USAGE)]) {
            snprintf(why, why_len,
                     "%s_followers (up to %.0f) must not exceed the platform's people in the market, population x "
                     "%s_usage (down to %.0f)",
                     names[j], hi[P(j, PLAN_FOLLOWERS)], names[j], lo[PLAN_POPULATION] * lo[P(j, PLAN_USAGE)]);
            return false;
        }
        if (1000 * hi[P(j, PLAN_WEEKLY_BUDGET)] / lo[P(j, PLAN_CPM)] > MAX_IMPRESSIONS) {
            snprintf(why, why_len, "%s_weekly_budget / %s_cpm buys over %.0e impressions a week", names[j], names[j],
                     MAX_IMPRESSIONS);
            return false;
        }
    }
    return true;
}

#define OCC_WORDS ((CELLS + 63) / 64)

typedef struct {
    unsigned use, follow, group;
    double n;
    double cell[CELLS];
    /* bit i set when cell[i] > 0: a class has a few dozen of its 352
     * states occupied, and each source's exposures visit only those */
    uint64_t occ[OCC_WORDS];
} cls_t;

static inline size_t at(unsigned w, unsigned s, unsigned k) { return ((size_t)w * SETS + s) * LEVELS + k; }

static inline void occ_mark(cls_t *c, size_t i)
{
    if (c->cell[i] > 0) c->occ[i / 64] |= (uint64_t)1 << i % 64;
    else c->occ[i / 64] &= ~((uint64_t)1 << i % 64);
}

/* A new week: nobody reached in it yet (the occupied cells of the second
 * half join the first; the others hold nobody). */
static void new_week(cls_t *c)
{
    for (size_t word = CELLS / 2 / 64; word < OCC_WORDS; word++)
        for (uint64_t bits = c->occ[word]; bits; bits &= bits - 1) {
            const size_t i = word * 64 + (size_t)__builtin_ctzll(bits);
            if (i < CELLS / 2) continue;
            c->cell[i - CELLS / 2] += c->cell[i];
            c->cell[i] = 0;
            occ_mark(c, i - CELLS / 2);
            occ_mark(c, i);
        }
}

static unsigned count(double x) { return x > 0 ? (unsigned)x : 0; }

/* Splits m people over e = 0..E by pmf (pmf[0] those not exposed): x[e]
 * for e up to the index returned, nobody past it (x[] is not written
 * there: most people see a source a few times at most, and E is 10 or
 * more). */
static size_t spread(gsl_rng *r, double m, const double *pmf, size_t E, double *x)
{
    double left = m, mass = 1;
    for (size_t e = 0;; e++) {
        if (left <= 0 || e == E) {
            x[e] = left > 0 ? left : 0;
            return e;
        }
        const double q = mass > 0 ? pmf[e] / mass : 1;
        x[e] = q >= 1 ? left : q <= 0 ? 0 : portee_sample_binomial(r, q, count(left));
        left -= x[e];
        mass -= pmf[e];
    }
}

/* Quartile means of Gamma(k, 1/k) (mean 1): E[X | quartile g] =
 * 4 (F_{k+1}(q_{g+1}) - F_{k+1}(q_g)) with q_g the g/4 quantile. */
static void quartile_weights(double k, double *w)
{
    if (!(k > 0)) {
        for (int g = 0; g < GROUPS; g++) w[g] = 1;
        return;
    }
    double lo = 0;
    for (int g = 0; g < GROUPS; g++) {
        const double q = g + 1 == GROUPS ? 1 : gsl_cdf_gamma_P(gsl_cdf_gamma_Pinv((g + 1.0) / GROUPS, k, 1 / k), k + 1,
                                                               1 / k);
        w[g] = GROUPS * (q - lo);
        lo = q;
    }
}

typedef struct {
    double w[PLAN_PLATFORMS][GROUPS]; /* propensity weights, when the shapes are constants */
} plan_ws_t;

static void *plan_prepare(const portee_dist_t *params, uint64_t replicates, bool *failed)
{
    (void)replicates;
    *failed = false;
    for (int j = 0; j < PLAN_PLATFORMS; j++)
        if (params[P(j, PLAN_EXPOSURE_SHAPE)].kind != PORTEE_DIST_CONST) return NULL;
    plan_ws_t *ws = malloc(sizeof *ws);
    if (!ws) {
        *failed = true;
        return NULL;
    }
    for (int j = 0; j < PLAN_PLATFORMS; j++) quartile_weights(params[P(j, PLAN_EXPOSURE_SHAPE)].field[0], ws->w[j]);
    return ws;
}

static void plan_release(void *ws) { free(ws); }

/* The market's people by platforms used: counts[u] for each set u. */
static void usage_patterns(const double *p, gsl_rng *r, double *counts)
{
    double indep[SETS], comon[SETS] = {0}, u[PLAN_PLATFORMS];
    for (int j = 0; j < PLAN_PLATFORMS; j++) u[j] = p[P(j, PLAN_USAGE)];
    for (unsigned s = 0; s < SETS; s++) {
        indep[s] = 1;
        for (int j = 0; j < PLAN_PLATFORMS; j++) indep[s] *= s >> j & 1 ? u[j] : 1 - u[j];
    }
    /* one uniform U: platform j used iff U < u_j */
    int order[PLAN_PLATFORMS] = {0, 1, 2};
    for (int a = 0; a < PLAN_PLATFORMS; a++)
        for (int b = a + 1; b < PLAN_PLATFORMS; b++)
            if (u[order[b]] > u[order[a]]) {
                const int t = order[a];
                order[a] = order[b];
                order[b] = t;
            }
    unsigned set = 0;
    double above = 1;
    for (int a = 0; a < PLAN_PLATFORMS; a++) {
        comon[set] += above - u[order[a]];
        above = u[order[a]];
        set |= 1u << order[a];
    }
    comon[set] += above;
    const double rho = p[PLAN_NESTING];
    double left = floor(p[PLAN_POPULATION] + 0.5), mass = 1;
    for (unsigned s = 0; s < SETS; s++) {
        const double pi = (1 - rho) * indep[s] + rho * comon[s];
        const double q = mass > 0 ? pi / mass : 1;
        counts[s] = s + 1 == SETS || q >= 1 ? left : q <= 0 ? 0 : portee_sample_binomial(r, q, count(left));
        left -= counts[s];
        mass -= pi;
    }
}

/* The classes: usage pattern x pages followed x propensity quartile. */
static size_t make_classes(const double *p, gsl_rng *r, unsigned groups, cls_t *cls)
{
    double users[SETS], fol[SETS][PLAN_PLATFORMS] = {{0}};
    usage_patterns(p, r, users);
    for (int j = 0; j < PLAN_PLATFORMS; j++) { /* followers: a uniform set of the platform's users */
        double pool = 0;
        for (unsigned s = 0; s < SETS; s++)
            if (s >> j & 1) pool += users[s];
        double want = fmin(floor(p[P(j, PLAN_FOLLOWERS)] + 0.5), pool);
        for (unsigned s = 0; s < SETS && want > 0; s++) {
            if (!(s >> j & 1) || users[s] <= 0) continue;
            fol[s][j] = portee_sample_hypergeometric(r, count(users[s]), count(pool - users[s]), count(want));
            pool -= users[s];
            want -= fol[s][j];
        }
    }
    size_t n = 0;
    for (unsigned s = 0; s < SETS; s++) {
        if (users[s] <= 0) continue;
        double block[SETS] = {0}; /* people of pattern s by pages followed */
        block[0] = users[s];
        for (int j = 0; j < PLAN_PLATFORMS; j++) {
            if (!(s >> j & 1)) continue;
            double pool = users[s], want = fol[s][j], next[SETS] = {0};
            for (unsigned f = 0; f < SETS; f++) {
                if (block[f] <= 0) continue;
                const double x =
                    want > 0 ? portee_sample_hypergeometric(r, count(block[f]), count(pool - block[f]), count(want)) : 0;
                next[f | 1u << j] += x;
                next[f] += block[f] - x;
                pool -= block[f];
                want -= x;
            }
            memcpy(block, next, sizeof block);
        }
        for (unsigned f = 0; f < SETS; f++) {
            double left = block[f];
            for (unsigned g = 0; g < groups && left > 0; g++) {
                const double m = g + 1 == groups ? left : portee_sample_binomial(r, 1.0 / (groups - g), count(left));
                left -= m;
                if (m <= 0) continue;
                cls_t *c = &cls[n++];
                memset(c->cell, 0, sizeof c->cell);
                c->use = s;
                c->follow = f;
                c->group = g;
                c->n = m;
                c->cell[at(0, 0, 0)] = m;
                memset(c->occ, 0, sizeof c->occ);
                occ_mark(c, at(0, 0, 0));
            }
        }
    }
    return n;
}

/* Exposures of one follower this week from `posts` posts, each at its own rate. */
static size_t organic_pmf(const double *p, int j, gsl_rng *r, double *pmf)
{
    const double ppw = p[P(j, PLAN_POSTS_PER_WEEK)], rate = p[P(j, PLAN_REACH_RATE)],
                 k = p[P(j, PLAN_POST_VARIABILITY)];
    const unsigned posts = (unsigned)floor(ppw) + (portee_rng_uniform(r) < ppw - floor(ppw));
    pmf[0] = 1;
    for (unsigned t = 0; t < posts; t++) {
        const double q = k > 0 && rate > 0 && rate < 1 ? portee_sample_beta(r, rate * k, (1 - rate) * k) : rate;
        pmf[t + 1] = 0;
        for (unsigned e = t + 1; e > 0; e--) pmf[e] = pmf[e] * (1 - q) + pmf[e - 1] * q;
        pmf[0] *= 1 - q;
    }
    return posts;
}

/* Poisson(lambda) over 0..E with the tail in E; returns E. */
static size_t poisson_pmf(double lambda, double *pmf)
{
    size_t E = (size_t)ceil(lambda + 12 * sqrt(lambda) + 12);
    if (E < PLAN_K) E = PLAN_K;
    if (E > MAX_E - 1) E = MAX_E - 1;
    double term = exp(-lambda), sum = 0;
    for (size_t e = 0; e < E; e++) {
        pmf[e] = term;
        sum += term;
        term *= lambda / (double)(e + 1);
    }
    pmf[E] = sum < 1 ? 1 - sum : 0;
    return E;
}

/* One source's exposures this week on one class: people move to the cells
 * of their new state; returns the exposures dealt. */
static double expose(cls_t *c, int j, bool organic, const double *pmf, size_t E, gsl_rng *r, double *first,
                     double *x)
{
    const unsigned mark = 1u << j | (organic ? ORGANIC : 0);
    /* People move only into the "reached this week" half (w = 1), so the
     * cells are updated in place and only that half's occupied counts
     * before this source are kept, for reading, in the order they are
     * visited: everyone is exposed once, as they stood before it. */
    double before[CELLS / 2], dealt = 0;
    size_t kept = 0, read = 0;
    uint64_t todo[OCC_WORDS]; /* the occupied cells, in the order of at() */
    memcpy(todo, c->occ, sizeof todo);
    for (size_t word = CELLS / 2 / 64; word < OCC_WORDS; word++)
        for (uint64_t bits = todo[word]; bits; bits &= bits - 1) {
            const size_t i = word * 64 + (size_t)__builtin_ctzll(bits);
            if (i >= CELLS / 2) before[kept++] = c->cell[i];
        }
    for (size_t word = 0; word < OCC_WORDS; word++)
        for (uint64_t bits = todo[word]; bits; bits &= bits - 1) {
            const size_t i = word * 64 + (size_t)__builtin_ctzll(bits);
            const unsigned w = (unsigned)(i / (SETS * LEVELS)), s = (unsigned)(i / LEVELS % SETS),
                           k = (unsigned)(i % LEVELS);
            const double m = w ? before[read++] : c->cell[i];
            if (m <= 0) continue;
            const size_t last = spread(r, m, pmf, E, x);
            for (size_t e = 1; e <= last; e++) {
                if (x[e] <= 0) continue;
                const unsigned k2 = k + e < PLAN_K ? (unsigned)(k + e) : PLAN_K;
                const size_t to = at(1, s | mark, k2);
                c->cell[i] -= x[e];
                c->cell[to] += x[e];
                occ_mark(c, to);
                dealt += (double)e * x[e];
                if (k == 0) *first += x[e];
            }
            occ_mark(c, i);
        }
    return dealt;
}

static double round_at_random(gsl_rng *r, double x)
{
    const double f = floor(x);
    return f + (x > f && portee_rng_uniform(r) < x - f);
}

static void plan_simulate(const double *p, const void *ws, gsl_rng *r, double *const *out)
{
    double w[PLAN_PLATFORMS][GROUPS];
    bool paid = false;
    for (int j = 0; j < PLAN_PLATFORMS; j++) {
        paid |= p[P(j, PLAN_WEEKLY_BUDGET)] > 0 && p[P(j, PLAN_EXPOSURE_SHAPE)] > 0;
        if (ws) memcpy(w[j], ((const plan_ws_t *)ws)->w[j], sizeof w[j]);
        else quartile_weights(p[P(j, PLAN_EXPOSURE_SHAPE)], w[j]);
    }
    const unsigned groups = paid ? GROUPS : 1;
    if (!paid)
        for (int j = 0; j < PLAN_PLATFORMS; j++)
            for (int g = 0; g < GROUPS; g++) w[j][g] = 1;
    cls_t cls[MAX_CLASSES];
    const size_t nc = make_classes(p, r, groups, cls);
    const unsigned weeks = (unsigned)p[PLAN_WEEKS];
    double impressions = 0, engagements = 0, visits = 0, clients = 0, spend = 0;
    double e_pmf[MAX_E], e_x[MAX_E];
    for (unsigned wk = 0; wk < weeks; wk++) {
        for (size_t i = 0; i < nc; i++) new_week(&cls[i]);
        double week_clients = 0;
        for (int j = 0; j < PLAN_PLATFORMS; j++) {
            double dealt = 0, first_org = 0, first_paid = 0;
            if (p[P(j, PLAN_FOLLOWERS)] >= 1) {
                const size_t E = organic_pmf(p, j, r, e_pmf);
                for (size_t i = 0; i < nc && E > 0; i++)
                    if (cls[i].follow >> j & 1) dealt += expose(&cls[i], j, true, e_pmf, E, r, &first_org, e_x);
            }
            const double budget = p[P(j, PLAN_WEEKLY_BUDGET)];
            if (budget > 0) {
                spend += budget;
                const double bought = round_at_random(r, 1000 * budget / p[P(j, PLAN_CPM)]);
                const double in = portee_sample_binomial(r, p[P(j, PLAN_PRECISION)], count(bought));
                double weight = 0; /* the platform's users, each by propensity */
                for (size_t i = 0; i < nc; i++)
                    if (cls[i].use >> j & 1) weight += cls[i].n * w[j][cls[i].group];
                for (unsigned g = 0; g < groups && weight > 0 && in > 0; g++) {
                    const size_t E = poisson_pmf(in * w[j][g] / weight, e_pmf);
                    for (size_t i = 0; i < nc; i++)
                        if (cls[i].use >> j & 1 && cls[i].group == g)
                            dealt += expose(&cls[i], j, false, e_pmf, E, r, &first_paid, e_x);
                }
            }
            out[PLAN_OUT_NEW_FIRST + 2 * j][wk] = first_org;
            out[PLAN_OUT_NEW_FIRST + 2 * j + 1][wk] = first_paid;
            impressions += dealt;
            const double eng = portee_sample_binomial(r, p[P(j, PLAN_ENGAGEMENT_RATE)], count(dealt));
            const double vis = portee_sample_binomial(r, p[P(j, PLAN_VISIT_RATE)], count(eng));
            const double cli = portee_sample_binomial(r, p[P(j, PLAN_CLIENT_RATE)], count(vis));
            engagements += eng;
            visits += vis;
            week_clients += cli;
        }
        clients += week_clients;
        out[PLAN_OUT_WEEKLY_CLIENTS][wk] = week_clients;
        out[PLAN_OUT_WEEKLY_REVENUE][wk] = week_clients * p[PLAN_CLIENT_VALUE];
        double this_week = 0, so_far = 0, page_so_far[PLAN_PLATFORMS] = {0};
        for (size_t i = 0; i < nc; i++)
            for (unsigned s = 0; s < SETS; s++)
                for (unsigned k = 0; k < LEVELS; k++) {
                    this_week += cls[i].cell[at(1, s, k)];
                    if (k == 0) continue;
                    const double m = cls[i].cell[at(0, s, k)] + cls[i].cell[at(1, s, k)];
                    so_far += m;
                    for (int j = 0; j < PLAN_PLATFORMS; j++)
                        if (s >> j & 1) page_so_far[j] += m;
                }
        for (int j = 0; j < PLAN_PLATFORMS; j++) out[PLAN_OUT_PAGE_CUMULATIVE + j][wk] = page_so_far[j];
        out[PLAN_OUT_WEEKLY_REACH][wk] = this_week;
        out[PLAN_OUT_CUMULATIVE][wk] = so_far;
    }
    double total = 0, by[PLAN_PLATFORMS] = {0}, overlap = 0, organic = 0, level[LEVELS] = {0};
    for (size_t i = 0; i < nc; i++)
        for (unsigned wb = 0; wb < 2; wb++)
            for (unsigned s = 0; s < SETS; s++)
                for (unsigned k = 1; k < LEVELS; k++) {
                    const double m = cls[i].cell[at(wb, s, k)];
                    total += m;
                    level[k] += m;
                    for (int j = 0; j < PLAN_PLATFORMS; j++)
                        if (s >> j & 1) by[j] += m;
                    const unsigned pages = s & (PAGES - 1);
                    if (pages & (pages - 1)) overlap += m;
                    if (s & ORGANIC) organic += m;
                }
    out[PLAN_OUT_TOTAL][0] = total;
    for (int j = 0; j < PLAN_PLATFORMS; j++) out[PLAN_OUT_FACEBOOK + j][0] = by[j];
    out[PLAN_OUT_OVERLAP][0] = overlap;
    out[PLAN_OUT_ORGANIC][0] = organic;
    out[PLAN_OUT_INCREMENTAL][0] = total - organic;
    out[PLAN_OUT_IMPRESSIONS][0] = impressions;
    out[PLAN_OUT_MEAN_FREQUENCY][0] = total > 0 ? impressions / total : 0;
    out[PLAN_OUT_ENGAGEMENTS][0] = engagements;
    out[PLAN_OUT_VISITS][0] = visits;
    out[PLAN_OUT_CLIENTS][0] = clients;
    const double revenue = clients * p[PLAN_CLIENT_VALUE];
    out[PLAN_OUT_REVENUE][0] = revenue;
    out[PLAN_OUT_SPEND][0] = spend;
    /* ratios stay finite for the summaries: no client is charged as one */
    out[PLAN_OUT_COST_PER_CLIENT][0] = spend > 0 ? spend / (clients > 1 ? clients : 1) : 0;
    out[PLAN_OUT_RETURN][0] = spend > 0 ? (revenue - spend) / spend : 0;
    const unsigned bins = (unsigned)p[PLAN_MAX_FREQUENCY];
    for (unsigned b = 0; b < bins; b++) {
        double v = level[b + 1];
        if (b + 1 == bins)
            for (unsigned k = b + 2; k < LEVELS; k++) v += level[k];
        out[PLAN_OUT_FREQUENCY][b] = v;
    }
}

const portee_model_t portee_model_plan = {
    .name = "plan",
    .help = "one plan across pages and platforms: organic posts and weekly boosts over weeks, reach "
            "de-duplicated across pages, platforms, organic and paid, and weeks, the overlap, frequency, "
            "and the funnel from exposures to engagements, visits, clients and revenue",
    .params = params,
    .n_params = PLAN_NPARAMS,
    .outputs = outputs,
    .n_outputs = PLAN_NOUTPUTS,
    .main_output = PLAN_OUT_TOTAL,
    .check = plan_check,
    .prepare = plan_prepare,
    .release = plan_release,
    .simulate = plan_simulate,
};
