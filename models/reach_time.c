/* reach_time.c — reach over time: a post's hourly curve and a posting plan. */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "models/reach_internal.h"

/* P(T > h) for T ~ Erlang(g + 1, tau) is P(Poisson(h/tau) <= g): a finite
 * sum, computed directly as a survival so late hours keep their precision. */
void portee_reach_arrival_survival(unsigned int g, double tau, unsigned int hours, double *s)
{
    const double step = exp(-1 / tau);
    double e = 1; /* e^{-h/tau} */
    for (unsigned int h = 0; h <= hours; h++) {
        const double x = h / tau;
        double term = e, sum = e;
        for (unsigned int j = 1; j <= g; j++) {
            term *= x / j;
            sum += term;
        }
        s[h] = sum < 1 ? sum : 1;
        e *= step;
    }
}

gsl_ran_discrete_t *portee_reach_arrival_table(const double *s, unsigned int hours)
{
    double w[REACH_MAX_HOURS + 1];
    w[0] = s[hours];
    for (unsigned int h = 1; h <= hours; h++) w[h] = s[h - 1] - s[h] > 0 ? s[h - 1] - s[h] : 0;
    return portee_sample_discrete_preproc(hours + 1, w);
}

/* The n people of generation g arrive independently at Erlang(g + 1, tau)
 * times.  Few people: each one's hour from the alias table (one uniform
 * each).  Many: hour by hour, those arriving in (h-1, h] are
 * Binomial(remaining, 1 - S(h)/S(h-1)), stopping once everyone has arrived. */
static void add_generation(double *curve, unsigned int hours, double n, const double *survival,
                           const gsl_ran_discrete_t *table, gsl_rng *r)
{
    unsigned int rem = (unsigned int)n;
    if (table && rem <= 2 * hours) {
        for (unsigned int i = 0; i < rem; i++) curve[portee_sample_discrete(r, table)] += 1;
        curve[0] = 0; /* "later than the last hour": off the curve */
        return;
    }
    for (unsigned int h = 1; h <= hours && rem > 0; h++) {
        const double prev = survival[h - 1], now = survival[h];
        const double p = prev > 0 ? 1 - now / prev : 1;
        const unsigned int k = portee_sample_binomial(r, p, rem);
        curve[h] += k;
        rem -= k;
    }
}

void portee_reach_hourly_curve(const double *p, const portee_reach_ws_t *ws, const portee_reach_post_t *post, gsl_rng *r,
                        double *curve)
{
    const unsigned int hours = (unsigned int)p[REACH_HOURS];
    const double tau = p[REACH_ARRIVAL_HOURS];
    for (unsigned int h = 0; h <= hours; h++) curve[h] = 0;
    /* generations past the table: S_g = S_{g-1} + e^{-x} x^g / g!, term by term */
    double own[REACH_MAX_HOURS + 1], term[REACH_MAX_HOURS + 1];
    unsigned int own_g = 0;
    for (unsigned int g = 0; g < post->n_gen; g++) {
        const double *s;
        const gsl_ran_discrete_t *table = NULL;
        if (ws->survival && g < REACH_SURVIVAL_GENS) {
            s = ws->survival + (size_t)g * (hours + 1);
            table = ws->arrival[g];
        } else {
            if (g == 0 || own_g == 0) {
                portee_reach_arrival_survival(g, tau, hours, own);
                for (unsigned int h = 0; h <= hours; h++) {
                    double t = exp(-(double)h / tau);
                    for (unsigned int j = 1; j <= g; j++) t *= (h / tau) / j;
                    term[h] = t;
                }
            } else {
                for (unsigned int h = 0; h <= hours; h++) {
                    term[h] *= (h / tau) / g;
                    own[h] = own[h] + term[h] < 1 ? own[h] + term[h] : 1;
                }
            }
            own_g = g + 1;
            s = own;
        }
        add_generation(curve, hours, post->gen[g], s, table, r);
    }
    for (unsigned int h = 1; h <= hours; h++) curve[h] += curve[h - 1];
}

/* Followers not yet reached this week among a post's d direct reach: a
 * hypergeometric draw, exact (GSL) while its cost, one uniform per person,
 * is small; beyond, a normal with the exact hypergeometric mean and variance
 * (the CLT holds there), so a page of a million followers stays cheap. */
static unsigned int newly_reached(gsl_rng *r, unsigned int f, unsigned int reached, unsigned int d)
{
    const unsigned int fresh = f - reached;
    if (d <= 2000 || f - d <= 2000) return gsl_ran_hypergeometric(r, fresh, reached, d);
    const double pf = (double)fresh / f, mean = d * pf;
    const double var = d * pf * (1 - pf) * (double)(f - d) / (f - 1);
    const double lo = d > reached ? d - reached : 0, hi = d < fresh ? d : fresh;
    double x = floor(mean + sqrt(var) * gsl_ran_gaussian_ziggurat(r, 1.0) + 0.5);
    return (unsigned int)(x < lo ? lo : x > hi ? hi : x);
}

/* Posts in week w (from 0) of a plan of k posts a week: the posts due by
 * the end of the week less those due before it, so a fractional k spreads
 * evenly (0.5: weeks 1, 3, 5...; 2.5: 3, 2, 3, 2...) and a whole k gives k
 * every week.  The tolerance keeps k·w, off by an ulp, from a whole post. */
static unsigned int posts_in_week(double k, unsigned int w)
{
    return (unsigned int)(ceil((w + 1) * k - 1e-9) - ceil(w * k - 1e-9));
}

void portee_reach_plan_simulate(const double *p, const portee_reach_ws_t *ws, gsl_rng *r, double *const *out)
{
    const unsigned int weeks = (unsigned int)p[REACH_HORIZON_WEEKS];
    const double per_week = p[REACH_POSTS_PER_WEEK];
    const double N = p[REACH_POPULATION], follow = p[REACH_FOLLOW_RATE], churn = p[REACH_CHURN_RATE];
    double F = p[REACH_FOLLOWERS];
    portee_reach_post_t post;
    for (unsigned int w = 0; w < weeks; w++) {
        const unsigned int f = (unsigned int)F, k = posts_in_week(per_week, w);
        unsigned int unique = 0; /* distinct followers reached this week */
        double impressions = 0, seen = 0, engaged = 0, outsiders = 0;
        for (unsigned int i = 0; i < k; i++) {
            portee_reach_post_simulate(p, f, ws, r, &post);
            /* A post's direct reach is a uniform subset of the followers: the
             * part not yet reached this week is hypergeometric. */
            if (post.direct > 0 && unique < f) unique += newly_reached(r, f, unique, (unsigned int)post.direct);
            impressions += post.total;
            seen += post.direct;
            engaged += post.engagements;
            /* people reached through shares who do not follow the page yet:
             * viral people are drawn from those the post had not reached,
             * N - direct, of whom N - F are not followers.  Someone reached by
             * two posts in a week counts for each (a small overcount while
             * viral reach is small against N). */
            outsiders += portee_reach_binomial_large(r, N > post.direct ? (N - F) / (N - post.direct) : 0, post.viral);
        }
        if (outsiders > N - F) outsiders = N - F;
        const double gained = portee_reach_binomial_large(r, follow, outsiders);
        const double lost = portee_sample_binomial(r, churn, f);
        F = F + gained - lost;
        if (F > N) F = N;
        out[REACH_OUT_WEEK_FOLLOWERS][w] = F;
        out[REACH_OUT_WEEK_UNIQUE][w] = unique;
        out[REACH_OUT_WEEK_IMPRESSIONS][w] = impressions;
        out[REACH_OUT_WEEK_FREQUENCY][w] = unique > 0 ? seen / unique : 0;
        out[REACH_OUT_WEEK_ENGAGEMENTS][w] = engaged;
        out[REACH_OUT_WEEK_GAINED][w] = gained;
        out[REACH_OUT_WEEK_LOST][w] = lost;
    }
}
