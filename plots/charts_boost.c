/* charts_boost.c — the boost model's charts: the budget-response curve with
 * its marginal cost, the frequency distribution, and the cost per result
 * across budgets.  Budget charts need a sweep over boost.budget alone;
 * the marginal cost between two budgets is 1000·(B2 − B1) / (mean
 * incremental reach at B2 − at B1), from the summaries. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "models/boost.h"
#include "plots/chart_common.h"
#include "plots/charts_sweep.h"
#include "plots/gp.h"

#define MAX_CLUSTERS 8 /* budgets drawn side by side in the frequency chart */

/* The budgets of a one-input sweep over boost.budget, in increasing order
 * (the marginal cost runs from one to the next), or NULL. */
static const double *budgets(const portee_chart_ctx_t *c)
{
    const portee_results_t *r = c->results;
    if (!r || r->n_points < 2 || r->n_axes != 1 || !portee_chart_axis_is(c, 0, BOOST_BUDGET)) return NULL;
    for (uint64_t p = 1; p < r->n_points; p++)
        if (!(r->axis_values[p] > r->axis_values[p - 1])) return NULL;
    return r->axis_values;
}

static void write_bands(FILE *d, const portee_summary_t *s)
{
    fprintf(d, " %.17g %.17g %.17g %.17g %.17g %.17g", s->mean, s->p05, s->p25, s->p50, s->p75, s->p95);
}

/* 1000 more incremental people between points p-1 and p, or NaN (no gain). */
static double marginal_cost(const double *b, const portee_results_output_t *inc, uint64_t p)
{
    const double gain = inc->rows[p].mean - inc->rows[p - 1].mean;
    return gain > 0 ? 1000 * (b[p] - b[p - 1]) / gain : NAN;
}

/* The outputs budget_response reads, in the order of its entry's refs. */
enum { RESPONSE_INCREMENTAL, RESPONSE_TOTAL, RESPONSE_ORGANIC };

static int budget_response(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const double *b = budgets(c);
    const portee_results_output_t *inc = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_INCREMENTAL)),
                                  *tot = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_TOTAL)),
                                  *org = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_ORGANIC));
    if (!b || !inc || !tot || !org) return 0;
    const uint64_t P = c->results->n_points;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    fputs("# budget total(mean p05 p25 p50 p75 p95) incremental(mean p05 p25 p50 p75 p95) organic_mean "
          "budget_midpoint marginal_cost_per_1000_more (from the previous budget)\n",
          d);
    for (uint64_t p = 0; p < P; p++) {
        fprintf(d, "%.17g", b[p]);
        write_bands(d, &tot->rows[p]);
        write_bands(d, &inc->rows[p]);
        fprintf(d, " %.17g", org->rows[p].mean);
        if (p > 0) fprintf(d, " %.17g %.17g\n", 0.5 * (b[p - 1] + b[p]), marginal_cost(b, inc, p));
        else fputs(" NaN NaN\n", d);
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *g = c->body;
    /* organic reach is tens of people, boosted reach thousands: a log scale
     * shows both, and what the boost adds, at once */
    portee_chart_start(c, "reach by budget");
    portee_chart_set_text(g, "xlabel", "budget per post, or per week of a campaign (currency)");
    portee_chart_set_text(g, "ylabel", "people reached by the post or campaign (log scale)");
    portee_chart_set_text(g, "y2label", "marginal cost of 1,000 more incremental people (currency)");
    fputs("set logscale y\nset format y '%g'\nset y2range [0:*]\nset y2tics nomirror\nset ytics nomirror\n"
          "set key below horizontal noopaque nobox maxrows 3\nset rmargin 12\n",
          g);
    fprintf(g, "pos(x) = x > 0 ? x : NaN\n"
               "plot '%s.dat' using 1:(pos($3)):(pos($7)) with filledcurves lc rgb '%s' fs transparent solid 0.30 "
               "title 'organic + boosted, 90 %%', \\\n"
               "     '' using 1:(pos($4)):(pos($6)) with filledcurves lc rgb '%s' fs transparent solid 0.35 "
               "title 'organic + boosted, 50 %%', \\\n"
               "     '' using 1:(pos($2)) with linespoints pt 7 lc rgb '%s' lw 3 title 'organic + boosted, mean', \\\n"
               "     '' using 1:(pos($8)) with linespoints pt 5 lc rgb '%s' lw 2 dt 2 "
               "title 'incremental (only because of the boost), mean', \\\n"
               "     '' using 1:(pos($9)) with lines lc rgb '%s' lw 1 dt 3 title 'incremental, 5 %% and 95 %%', \\\n"
               "     '' using 1:(pos($13)) with lines lc rgb '%s' lw 1 dt 3 notitle, \\\n"
               "     '' using 1:(pos($14)) with linespoints pt 9 lc rgb '%s' lw 3 title 'organic only, mean', \\\n"
               "     '' using 15:16 axes x1y2 with linespoints pt 13 ps 1.3 lc rgb '%s' lw 2 "
               "title 'marginal cost (right axis)'\n",
            name, GP_SKY, GP_BLUE, GP_BLUE, GP_ORANGE, GP_ORANGE, GP_ORANGE, GP_GREEN, GP_VERMILLION);
    return 1;
}

/* People reached j times as a share of all reached, for up to MAX_CLUSTERS
 * points (every budget that reaches anyone), side by side. */
static int frequency(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_results_series_t *fs = portee_chart_series(c, portee_chart_ref(ch, 0));
    if (!fs || fs->n_steps < 2) return 0;
    const portee_results_t *r = c->results;
    const uint64_t J = fs->n_steps;
    uint64_t pts[MAX_CLUSTERS];
    size_t n = 0;
    for (uint64_t p = 0; p < r->n_points && n < MAX_CLUSTERS; p++) {
        double all = 0;
        for (uint64_t j = 0; j < J; j++) all += fs->rows[p * J + j].mean;
        if (all > 0) pts[n++] = p;
    }
    if (n == 0) return 0;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    fputs("# exposures  then, per point, % of the people reached who saw it that many times\n", d);
    for (uint64_t j = 0; j < J; j++) {
        fprintf(d, "%llu", (unsigned long long)(fs->first_step + j));
        for (size_t k = 0; k < n; k++) {
            double all = 0;
            for (uint64_t i = 0; i < J; i++) all += fs->rows[pts[k] * J + i].mean;
            fprintf(d, " %.17g", 100 * fs->rows[pts[k] * J + j].mean / all);
        }
        fputc('\n', d);
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *g = c->body;
    if (r->n_points > 1) portee_chart_start(c, "how often the people reached saw the boosted post");
    else portee_chart_start_point0(c, "how often the people reached saw the boosted post");
    char xlabel[160];
    snprintf(xlabel, sizeof xlabel, "times seen (the last bar: %llu or more)",
             (unsigned long long)(fs->first_step + J - 1));
    portee_chart_set_text(g, "xlabel", xlabel);
    portee_chart_set_text(g, "ylabel", "share of the people reached by the boost (%)");
    fputs("set style data histogram\nset style histogram clustered gap 1\nset yrange [0:*]\n"
          "set style fill solid 0.85 border lc rgb '#ffffff'\nset key top right\nset xtics nomirror\n",
          g);
    static const char *const colours[MAX_CLUSTERS] = {GP_BLUE, GP_ORANGE, GP_GREEN, GP_VERMILLION,
                                                      GP_SKY, GP_PURPLE, GP_GREY, "#000000"};
    fputs("plot ", g);
    for (size_t k = 0; k < n; k++) {
        char title[256] = "mean over replicates";
        if (r->n_points > 1) {
            size_t used = 0;
            for (size_t a = 0; a < r->n_axes && used < sizeof title; a++)
                used += (size_t)snprintf(title + used, sizeof title - used, "%s%s = %g", a ? ", " : "",
                                         r->axes[a], r->axis_values[pts[k] * r->n_axes + a]);
        }
        fprintf(g, "%s'%s.dat' using %zu:xtic(1) lc rgb '%s' title ", k ? ", \\\n     " : "", name, k + 2,
                colours[k]);
        portee_gp_quote(g, title);
    }
    fputc('\n', g);
    return 1;
}

/* The outputs boost_cost reads, in the order of its entry's refs. */
enum { COST_PER_1000, COST_INCREMENTAL, COST_SPEND };

static int cost_by_budget(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const double *b = budgets(c);
    const portee_results_output_t *cost = portee_chart_output(c, portee_chart_ref(ch, COST_PER_1000)),
                                  *inc = portee_chart_output(c, portee_chart_ref(ch, COST_INCREMENTAL)),
                                  *spend = portee_chart_output(c, portee_chart_ref(ch, COST_SPEND));
    if (!b || !cost || !inc || !spend) return 0;
    const uint64_t P = c->results->n_points;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) return -1;
    fputs("# slot budget cost_per_1000_incremental(mean p05 p25 p50 p75 p95) marginal_cost_from_previous "
          "average_cost (1000 x mean spend / mean incremental)\n",
          d);
    size_t slot = 0;
    for (uint64_t p = 0; p < P; p++) {
        if (!(b[p] > 0)) continue; /* no spend, no cost per result */
        fprintf(d, "%zu %.17g", slot++, b[p]);
        write_bands(d, &cost->rows[p]);
        fprintf(d, " %.17g %.17g\n", p > 0 ? marginal_cost(b, inc, p) : NAN,
                inc->rows[p].mean > 0 ? 1000 * spend->rows[p].mean / inc->rows[p].mean : NAN);
    }
    if (portee_chart_dat_close(d)) return -1;
    if (slot == 0) return 0;
    FILE *g = c->body;
    portee_chart_start(c, "cost per result by budget");
    portee_chart_set_text(g, "xlabel", "budget per post, or per week of a campaign (currency)");
    portee_chart_set_text(g, "ylabel", "cost of 1,000 incremental people (currency)");
    fprintf(g, "set xrange [-0.6:%g]\nset yrange [0:*]\nset boxwidth 0.6\n"
               "set style fill solid 0.85 noborder\nset key top left noopaque nobox\n",
            slot - 0.4);
    /* bars: the ratio of the means, comparable with the marginal cost (the
     * mean of per-replicate ratios sits above it when CPM is uncertain) */
    fprintf(g, "plot '%s.dat' using 1:10:xtic(sprintf('%%g', $2)) with boxes lc rgb '%s' "
               "title 'average: mean spend / mean incremental people', \\\n"
               "     '' using 1:4:(0):($8-$4) with vectors nohead lc rgb '#1a1a1a' lw 1.5 "
               "title 'cost per 1,000 of a single post: 90 %% of replicates', \\\n"
               "     '' using 1:9 with linespoints pt 13 ps 1.4 lc rgb '%s' lw 2 "
               "title 'marginal: 1,000 more people from the next lower budget'\n",
            name, GP_BLUE, GP_VERMILLION);
    return 1;
}

/* Sweeps of other inputs (CPM, target size...): the generic line or heatmap. */
static int sweep(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    if (budgets(c)) return 0; /* the budget charts show it */
    return portee_chart_sweep_of(c, ch->name, portee_chart_ref(ch, 0), "incremental reach of the boost");
}

static const portee_chart_t charts[] = {
    {"budget_response", "organic only vs organic + boosted reach, incremental reach, by budget, with "
                        "the marginal cost of 1,000 more people",
     "a sweep over boost.budget alone, in increasing order", budget_response,
     {[RESPONSE_INCREMENTAL] = PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL),
      [RESPONSE_TOTAL] = PORTEE_CHART_VALUE(BOOST_OUT_TOTAL),
      [RESPONSE_ORGANIC] = PORTEE_CHART_VALUE(BOOST_OUT_ORGANIC)}},
    {"boost_frequency", "people reached by the boost, by how many times they saw it",
     "boost.max_frequency > 1", frequency, {PORTEE_CHART_SERIES(BOOST_OUT_FREQUENCY)}},
    {"boost_cost", "cost per 1,000 incremental people by budget: average and marginal",
     "a sweep over boost.budget alone, in increasing order", cost_by_budget,
     {[COST_PER_1000] = PORTEE_CHART_VALUE(BOOST_OUT_COST_PER_1000),
      [COST_INCREMENTAL] = PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL),
      [COST_SPEND] = PORTEE_CHART_VALUE(BOOST_OUT_SPEND)}},
    {"boost_sweep", "incremental reach of the boost across a sweep of other inputs",
     "a sweep, other than one over boost.budget alone (drawn in the shapes of the reach sweep chart)", sweep,
     {PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL)}},
    {"boost_tornado", "which uncertain inputs move the incremental reach of the boost most (rank correlation)", "inputs given as distributions (an uncertain boost.cpm) and output.replicates: true", portee_chart_tornado, {PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL)}},
};

const portee_chart_set_t portee_charts_boost = {&portee_model_boost, charts, sizeof charts / sizeof *charts};
