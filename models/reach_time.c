/* reach_time.c — reach over time: a post's hourly curve (the posting plan is in reach_plan.c). */
#include <math.h>
#include <stdint.h>

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
static void add_generation(uint64_t *count, unsigned int hours, double n, const double *survival,
                           const gsl_ran_discrete_t *table, gsl_rng *r)
{
    unsigned int rem = (unsigned int)n;
    if (table && rem <= 2 * hours) {
        for (unsigned int i = 0; i < rem; i++) count[portee_sample_discrete(r, table)]++;
        count[0] = 0; /* "later than the last hour": off the curve */
        return;
    }
    for (unsigned int h = 1; h <= hours && rem > 0; h++) {
        const double prev = survival[h - 1], now = survival[h];
        const double p = prev > 0 ? 1 - now / prev : 1;
        const unsigned int k = portee_sample_binomial(r, p, rem);
        count[h] += k;
        rem -= k;
    }
}

void portee_reach_hourly_curve(const double *p, const portee_reach_ws_t *ws, const portee_reach_post_t *post, gsl_rng *r,
                        double *curve)
{
    const unsigned int hours = (unsigned int)p[REACH_HOURS];
    const double tau = p[REACH_ARRIVAL_HOURS];
    /* people arriving each hour, counted in integers: an increment waits
     * on the one before it whenever two people land in the same hour, and
     * an integer add is the shorter wait */
    uint64_t count[REACH_MAX_HOURS + 1];
    for (unsigned int h = 0; h <= hours; h++) count[h] = 0;
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
        add_generation(count, hours, post->gen[g], s, table, r);
    }
    /* the running total in a register (curve[h] += curve[h - 1] reloaded
     * what the step before stored: a quarter of a 72-hour run's time) */
    uint64_t total = 0;
    for (unsigned int h = 0; h <= hours; h++) curve[h] = (double)(total += count[h]);
}
