/* charts_boost.c — the boost model's charts: the budget-response curve with
 * its marginal cost, the frequency distribution, and the cost per result
 * across budgets.  Budget charts need a sweep over boost.budget alone, in
 * any order: they draw its points by increasing budget.  The marginal cost
 * between two consecutive budgets is 1000·(B2 − B1) / (mean incremental
 * reach at B2 − at B1), from the summaries, and both charts draw it midway
 * between the two budgets it joins. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "models/boost.h"
#include "plots/chart_common.h"
#include "plots/charts_sweep.h"
#include "plots/charts_units.h"
#include "plots/gp.h"
#include "sim/results/labels.h"

/* Rows of the frequency heat strip: more points are thinned to every k-th. */
#define MAX_ROWS 60

typedef struct {
    double budget;
    uint64_t point;
} budget_t;

static int by_budget(const void *a, const void *b)
{
    const double x = ((const budget_t *)a)->budget, y = ((const budget_t *)b)->budget;
    return (x > y) - (x < y);
}

/* The points of a one-input sweep over boost.budget by increasing budget (a
 * list may give them in any order), or NULL when the file holds no such
 * sweep or a budget twice.  malloc'd, c->results->n_points of them. */
static budget_t *budgets(const portee_chart_ctx_t *c)
{
    const portee_results_t *r = c->results;
    if (!r || r->n_points < 2 || r->n_axes != 1 || !portee_chart_axis_is(c, 0, BOOST_BUDGET)) return NULL;
    budget_t *b = malloc(r->n_points * sizeof *b);
    if (!b) return NULL;
    for (uint64_t p = 0; p < r->n_points; p++) b[p] = (budget_t){r->axis_values[p], p};
    qsort(b, r->n_points, sizeof *b, by_budget);
    for (uint64_t p = 1; p < r->n_points; p++)
        if (!(b[p].budget > b[p - 1].budget)) {
            free(b);
            return NULL;
        }
    return b;
}

static void write_bands(FILE *d, const portee_summary_t *s)
{
    fprintf(d, " %.17g %.17g %.17g %.17g %.17g %.17g", s->mean, s->p05, s->p25, s->p50, s->p75, s->p95);
}

/* 1000 more incremental people from budget k-1 to budget k, or NaN (no gain). */
static double marginal_cost(const budget_t *b, const portee_results_output_t *inc, uint64_t k)
{
    const double gain = inc->rows[b[k].point].mean - inc->rows[b[k - 1].point].mean;
    return gain > 0 ? 1000 * (b[k].budget - b[k - 1].budget) / gain : NAN;
}

/* "budget per post, or per week of a campaign ($)" */
static void budget_label(const portee_chart_ctx_t *c, char *buf, size_t len)
{
    snprintf(buf, len, portee_tr(c->lang, "budget per post, or per week of a campaign (%s)"),
             portee_currency_symbol(c->currency));
}

/* `reset`, the style, the language's decimal sign (gprintf labels) and a
 * multiplot whose panels the caller places with set origin and set size. */
static void start_free_panels(const portee_chart_ctx_t *c, const char *title)
{
    FILE *g = c->body;
    fputs("reset\n", g);
    portee_gp_style(g);
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", g);
    char full[1024];
    snprintf(full, sizeof full, "%s: %s", c->results->scenario_name ? c->results->scenario_name : "portee", title);
    fputs("set multiplot title ", g);
    portee_gp_quote(g, full);
    fputs(" font ',16'\n", g);
}

/* The outputs budget_response reads, in the order of its entry's refs. */
enum { RESPONSE_INCREMENTAL, RESPONSE_TOTAL, RESPONSE_ORGANIC };

static int budget_response(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_results_output_t *inc = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_INCREMENTAL)),
                                  *tot = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_TOTAL)),
                                  *org = portee_chart_output(c, portee_chart_ref(ch, RESPONSE_ORGANIC));
    if (!inc || !tot || !org) return 0;
    budget_t *b = budgets(c);
    if (!b) return 0;
    const uint64_t P = c->results->n_points;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(b);
        return -1;
    }
    fputs("# budget total(mean p05 p25 p50 p75 p95) incremental(mean p05 p25 p50 p75 p95) organic_mean "
          "budget_midpoint marginal_cost_per_1000_more (from the previous budget); by increasing budget\n",
          d);
    double top = 0, mtop = 0;
    for (uint64_t k = 0; k < P; k++) {
        const uint64_t p = b[k].point;
        fprintf(d, "%.17g", b[k].budget);
        write_bands(d, &tot->rows[p]);
        write_bands(d, &inc->rows[p]);
        fprintf(d, " %.17g", org->rows[p].mean);
        top = fmax(top, tot->rows[p].p95);
        if (k > 0) {
            const double m = marginal_cost(b, inc, k);
            if (isfinite(m)) mtop = fmax(mtop, m);
            fprintf(d, " %.17g %.17g\n", 0.5 * (b[k - 1].budget + b[k].budget), m);
        } else fputs(" NaN NaN\n", d);
    }
    const double lo = b[0].budget, hi = b[P - 1].budget;
    free(b);
    if (portee_chart_dat_close(d)) return -1;

    /* a linear axis, where the saturation shows; organic reach (tens of
     * people) is a line along the bottom, what the boost adds the area
     * between it and the total; the marginal cost has a panel of its own */
    FILE *g = c->body;
    char text[256];
    start_free_panels(c, portee_tr(c->lang, "reach by budget"));
    if (!(top > 0)) top = 1;
    top *= 1.08;
    fputs("set lmargin 14\nset rmargin 6\n", g);
    fprintf(g, "set xrange [%.17g:%.17g]\n", lo, hi);
    portee_chart_units_tics(g, "xtics", lo, hi, 10, true, c->currency, c->lang);
    /* top panel: people */
    fputs("set origin 0, 0.36\nset size 1, 0.57\nset bmargin 1.5\nset tmargin 0.5\n"
          "set key top left opaque box vertical\nunset xlabel\n",
          g);
    fprintf(g, "set yrange [0:%.17g]\n", top);
    portee_chart_units_tics(g, "ytics", 0, top, 6, false, c->currency, c->lang);
    portee_chart_set_text(g, "ylabel", portee_tr(c->lang, "people reached by the post"));
    fprintf(g, "plot '%s.dat' using 1:14:2 with filledcurves lc rgb '%s' fs transparent solid 0.45 title ", name,
            GP_ORANGE);
    portee_gp_quote(g, portee_tr(c->lang, "added by the boost (incremental), mean"));
    fprintf(g, ", \\\n     '' using 1:14 with linespoints pt 9 lc rgb '%s' lw 3 title ", GP_GREEN);
    portee_gp_quote(g, portee_tr(c->lang, "organic only (without the boost), mean"));
    fprintf(g, ", \\\n     '' using 1:2 with linespoints pt 7 lc rgb '%s' lw 3 title ", GP_BLUE);
    portee_gp_quote(g, portee_tr(c->lang, "total: organic + boost, mean"));
    fputs(", \\\n     '' using 1:2:3:7 with yerrorbars pt -1 lc rgb '#1a1a1a' lw 1.5 title ", g);
    portee_gp_quote(g, portee_tr(c->lang, "total: 90 % of replicates"));
    fputc('\n', g);
    /* bottom panel: the marginal cost, midway between consecutive budgets */
    if (!(mtop > 0)) mtop = 1;
    mtop *= 1.3; /* room for the panel's note */
    fputs("set origin 0, 0\nset size 1, 0.36\nset tmargin 0.5\nset bmargin 4\nunset key\n", g);
    fprintf(g, "set yrange [0:%.17g]\n", mtop);
    portee_chart_units_tics(g, "ytics", 0, mtop, 4, true, c->currency, c->lang);
    portee_unit_text(text, sizeof text, c->model->outputs[BOOST_OUT_COST_PER_1000].unit, c->currency, c->lang);
    portee_chart_set_text(g, "ylabel", text);
    fputs("set label 1 ", g);
    portee_gp_quote(g, portee_tr(c->lang, "marginal cost of 1,000 more people between two budgets, drawn midway"));
    fputs(" at graph 0.01, graph 0.92 left front\n", g);
    budget_label(c, text, sizeof text);
    portee_chart_set_text(g, "xlabel", text);
    fprintf(g, "plot '%s.dat' using 15:16 with linespoints pt 13 ps 1.3 lc rgb '%s' lw 2 notitle\n"
               "unset multiplot\n",
            name, GP_VERMILLION);
    return 1;
}

/* ---- how often the people reached saw the boost ---- */

/* The outputs boost_frequency reads, in the order of its entry's refs. */
enum { FREQ_SERIES, FREQ_IMPRESSIONS, FREQ_PAID_REACH };

/* Times seen per person reached, on average: mean impressions / mean paid
 * reach (the histogram's last bin is open); NaN when not in the file. */
static double average_frequency(const portee_chart_ctx_t *c, const portee_chart_t *ch, uint64_t p)
{
    const portee_results_output_t *imp = portee_chart_output(c, portee_chart_ref(ch, FREQ_IMPRESSIONS)),
                                  *reach = portee_chart_output(c, portee_chart_ref(ch, FREQ_PAID_REACH));
    if (!imp || !reach || !(reach->rows[p].mean > 0)) return NAN;
    return imp->rows[p].mean / reach->rows[p].mean;
}

/* One point: bars with their values, and the average frequency. */
static void frequency_bars(const portee_chart_ctx_t *c, const portee_chart_t *ch, uint64_t p, uint64_t J,
                           uint64_t last)
{
    FILE *g = c->body;
    char text[256], avg[64];
    fprintf(g, "set xrange [%.17g:%.17g]\nset yrange [0:110]\nset boxwidth 0.7\nset style fill solid 0.85 noborder\n"
               "unset key\n",
            (double)last - (double)J + 0.4, (double)last + 0.6);
    portee_chart_units_tics(g, "ytics", 0, 100, 6, false, c->currency, c->lang);
    const double mean = average_frequency(c, ch, p);
    if (isfinite(mean)) {
        portee_fmt_sig(avg, sizeof avg, mean, 3, c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "on average %s times per person reached"), avg);
        fputs("set label 1 ", g);
        portee_gp_quote(g, text);
        fputs(" at graph 0.98, graph 0.92 right font ',14' front\n", g);
    }
    fprintf(g, "plot '%s.dat' using 1:2 with boxes lc rgb '%s', \\\n"
               "     '' using 1:2:($2 >= 0.05 ? gprintf('%%.1f %%%%', $2) : '') with labels offset 0,0.8 "
               "tc rgb '#1a1a1a'\n",
            ch->name, GP_BLUE);
}

/* Several points: one row per point, a cell per number of times seen,
 * coloured and labelled with its share; the average frequency at the right. */
static void frequency_strip(const portee_chart_ctx_t *c, const portee_chart_t *ch, const uint64_t *pts, size_t n,
                            uint64_t J, uint64_t first)
{
    FILE *g = c->body;
    const portee_results_t *r = c->results;
    fprintf(g, "set xrange [%.17g:%.17g]\nset yrange [-0.5:%.17g]\nset y2range [-0.5:%.17g]\n"
               "set cbrange [0:100]\nset palette defined (0 '#ffffff', 30 '%s', 100 '%s')\n"
               "unset grid\nunset key\nunset colorbox\nset rmargin 12\nset tics scale 0\n",
            (double)first - 0.5, (double)(first + J) - 0.5, n - 0.5, n - 0.5, GP_SKY, GP_BLUE);
    char text[512];
    /* room at the left for the longest row label (several inputs: "budget $10, CPM $5"), which
     * then says what it is without a y label */
    size_t widest = 0;
    for (size_t k = 0; k < n; k++) {
        portee_chart_units_point(c, pts[k], text, sizeof text);
        widest = strlen(text) > widest ? strlen(text) : widest;
    }
    if (r->n_axes == 1) {
        portee_label_axis(text, sizeof text, r->axes[0], portee_chart_units_axis(c, 0), c->currency, c->lang);
        portee_chart_set_text(g, "ylabel", text);
        fprintf(g, "set lmargin %zu\n", widest + 6 > 12 ? widest + 6 : 12);
    } else fprintf(g, "set lmargin %zu\n", widest + 2);
    /* every row labelled unless they would run into one another */
    const size_t every = n > 32 ? (n + 31) / 32 : 1;
    fputs("set ytics (", g);
    for (size_t k = 0; k < n; k++) {
        portee_chart_units_point(c, pts[k], text, sizeof text);
        if (k) fputs(", ", g);
        portee_gp_quote(g, k % every ? "" : text);
        fprintf(g, " %zu", k);
    }
    fputs(")\n", g);
    bool averages = true;
    for (size_t k = 0; k < n; k++) averages = averages && isfinite(average_frequency(c, ch, pts[k]));
    if (averages) {
        fputs("set y2tics (", g);
        for (size_t k = 0; k < n; k++) {
            portee_fmt_sig(text, sizeof text, average_frequency(c, ch, pts[k]), 3, c->lang);
            if (k) fputs(", ", g);
            portee_gp_quote(g, k % every ? "" : text);
            fprintf(g, " %zu", k);
        }
        fputs(")\n", g);
        portee_chart_set_text(g, "y2label", portee_tr(c->lang, "times seen per person reached, on average"));
    }
    const int font = n > 24 ? 9 : n > 12 ? 11 : 13;
    fprintf(g, "plot '%s.dat' matrix every ::1 using ($2+%llu):($1-1):3 with image, \\\n"
               "     '' matrix every ::1 using ($2+%llu):($1-1):($3 >= 0.5 && $3 < 50 ? gprintf('%%.0f', $3) : '') "
               "with labels font ',%d' tc rgb '#1a1a1a', \\\n"
               "     '' matrix every ::1 using ($2+%llu):($1-1):($3 >= 50 ? gprintf('%%.0f', $3) : '') "
               "with labels font ',%d' tc rgb '#ffffff'\n",
            ch->name, (unsigned long long)first, (unsigned long long)first, font, (unsigned long long)first, font);
}

/* People reached j times as a share of all reached: bars for one point, a
 * heat strip of every point (every k-th past MAX_ROWS, said under the title)
 * that reaches anyone, by increasing budget in a budget sweep. */
static int frequency(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_results_series_t *fs = portee_chart_series(c, portee_chart_ref(ch, FREQ_SERIES));
    if (!fs || fs->n_steps < 2) return 0;
    const portee_results_t *r = c->results;
    const uint64_t J = fs->n_steps, first = fs->first_step, last = first + J - 1;
    uint64_t *pts = malloc(r->n_points * sizeof *pts);
    budget_t *b = budgets(c);
    if (!pts) {
        free(b);
        return -1;
    }
    size_t n = 0, reached = 0;
    for (uint64_t k = 0; k < r->n_points; k++) {
        const uint64_t p = b ? b[k].point : k;
        double all = 0;
        for (uint64_t j = 0; j < J; j++) all += fs->rows[p * J + j].mean;
        if (all > 0) pts[reached++] = p;
    }
    free(b);
    const size_t every = reached > MAX_ROWS ? (reached + MAX_ROWS - 1) / MAX_ROWS : 1;
    for (size_t k = 0; k < reached; k += every) pts[n++] = pts[k];
    if (n == 0) {
        free(pts);
        return 0;
    }
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(pts);
        return -1;
    }
    fputs("# exposures  then, per point reached (by increasing budget in a budget sweep), % of the people "
          "reached who saw it that many times\n",
          d);
    for (uint64_t j = 0; j < J; j++) {
        fprintf(d, "%llu", (unsigned long long)(first + j));
        for (size_t k = 0; k < n; k++) {
            double all = 0;
            for (uint64_t i = 0; i < J; i++) all += fs->rows[pts[k] * J + i].mean;
            fprintf(d, " %.17g", 100 * fs->rows[pts[k] * J + j].mean / all);
        }
        fputc('\n', d);
    }
    if (portee_chart_dat_close(d)) {
        free(pts);
        return -1;
    }
    FILE *g = c->body;
    char title[512];
    snprintf(title, sizeof title, "%s", portee_tr(c->lang, "how often the people reached saw the boosted post"));
    /* which points the strip leaves out, under the title */
    char which[256] = "";
    if (every > 1)
        snprintf(which, sizeof which, portee_tr(c->lang, "every %zu-th of the %zu points shown"), every, reached);
    if (reached < r->n_points && n > 1)
        snprintf(which + strlen(which), sizeof which - strlen(which), "%s%s", which[0] ? "; " : "",
                 portee_tr(c->lang, "without the points where the boost reaches no one"));
    if (r->n_points > 1 && n > 1) portee_chart_start(c, title);
    else if (r->n_points > 1) {
        char note[512], full[1040];
        portee_chart_units_point(c, pts[0], note, sizeof note);
        snprintf(full, sizeof full, "%s (%s)", title, note);
        portee_chart_start(c, full);
    } else portee_chart_units_start(c, title, 0);
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", g);
    portee_chart_units_subtitle(g, which);
    char xlabel[256];
    snprintf(xlabel, sizeof xlabel,
             n == 1 ? portee_tr(c->lang, "times seen (the last: %llu or more)")
                    : portee_tr(c->lang, "times seen (the last: %llu or more); cells: %% of the people reached in the row"),
             (unsigned long long)last);
    portee_chart_set_text(g, "xlabel", xlabel);
    fputs("set xtics (", g);
    for (uint64_t j = first; j <= last; j++)
        fprintf(g, "%s'%llu%s' %llu", j > first ? ", " : "", (unsigned long long)j, j == last ? "+" : "",
                (unsigned long long)j);
    fputs(")\n", g);
    if (n == 1) {
        portee_chart_set_text(g, "ylabel", portee_tr(c->lang, "share of the people reached by the boost (%)"));
        frequency_bars(c, ch, pts[0], J, last);
    } else frequency_strip(c, ch, pts, n, J, first);
    free(pts);
    return 1;
}

/* ---- cost per result ---- */

/* The outputs boost_cost reads, in the order of its entry's refs. */
enum { COST_PER_1000, COST_INCREMENTAL, COST_SPEND };

static int cost_by_budget(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *name = ch->name;
    const portee_results_output_t *cost = portee_chart_output(c, portee_chart_ref(ch, COST_PER_1000)),
                                  *inc = portee_chart_output(c, portee_chart_ref(ch, COST_INCREMENTAL)),
                                  *spend = portee_chart_output(c, portee_chart_ref(ch, COST_SPEND));
    if (!cost || !inc || !spend) return 0;
    budget_t *b = budgets(c);
    if (!b) return 0;
    const uint64_t P = c->results->n_points;
    FILE *d = portee_chart_dat_open(c, name);
    if (!d) {
        free(b);
        return -1;
    }
    fputs("# slot budget cost_per_1000_incremental(mean p05 p25 p50 p75 p95) marginal_cost_from_previous "
          "average_cost (1000 x mean spend / mean incremental); by increasing budget, the marginal cost "
          "drawn at slot - 0.5\n",
          d);
    size_t slot = 0;
    double top = 0;
    bool from_zero = false; /* the first marginal cost runs from a budget of 0, which has no bar */
    for (uint64_t k = 0; k < P; k++) {
        const uint64_t p = b[k].point;
        if (!(b[k].budget > 0)) continue; /* no spend, no cost per result */
        if (slot == 0 && k > 0) from_zero = true;
        const double m = k > 0 ? marginal_cost(b, inc, k) : NAN,
                     avg = inc->rows[p].mean > 0 ? 1000 * spend->rows[p].mean / inc->rows[p].mean : NAN;
        fprintf(d, "%zu %.17g", slot++, b[k].budget);
        write_bands(d, &cost->rows[p]);
        fprintf(d, " %.17g %.17g\n", m, avg);
        top = fmax(top, fmax(cost->rows[p].p95, fmax(isfinite(m) ? m : 0, isfinite(avg) ? avg : 0)));
    }
    if (portee_chart_dat_close(d) || slot == 0) {
        free(b);
        return slot == 0 ? 0 : -1;
    }
    FILE *g = c->body;
    char text[256];
    portee_chart_start(c, portee_tr(c->lang, "cost of 1,000 people added, by budget"));
    budget_label(c, text, sizeof text);
    portee_chart_set_text(g, "xlabel", text);
    snprintf(text, sizeof text, portee_tr(c->lang, "cost of 1,000 incremental people (%s)"),
             portee_currency_symbol(c->currency));
    portee_chart_set_text(g, "ylabel", text);
    /* a budget of 0 has a tic and no bar: the first marginal cost runs from it */
    fputs("set xtics (", g);
    size_t s = 0;
    for (uint64_t k = 0; k < P; k++) {
        if (!(b[k].budget > 0) && !from_zero) continue;
        char label[64];
        portee_chart_units_money(label, sizeof label, b[k].budget, c->currency, c->lang);
        if (k > 0 && (s > 0 || from_zero)) fputs(", ", g);
        portee_gp_quote(g, label);
        fprintf(g, " %g", b[k].budget > 0 ? (double)s++ : -1.0);
    }
    fputs(")\n", g);
    free(b);
    /* many budgets: smaller labels, slanted, so that they keep apart */
    if (slot > 16) fputs("set xtics font ',10' rotate by -45\n", g);
    if (!(top > 0)) top = 1;
    top *= 1.25; /* room for the key */
    fprintf(g, "set xrange [%g:%g]\nset yrange [0:%.17g]\nset boxwidth 0.6\n"
               "set style fill solid 0.85 noborder\nset key top left noopaque nobox\n",
            from_zero ? -1.3 : -0.6, slot - 0.4, top);
    portee_chart_units_tics(g, "ytics", 0, top, 7, true, c->currency, c->lang);
    /* bars: the ratio of the means, comparable with the marginal cost (the
     * mean of per-replicate ratios sits above it when CPM is uncertain) */
    fprintf(g, "plot '%s.dat' using 1:10 with boxes lc rgb '%s' title ", name, GP_BLUE);
    portee_gp_quote(g, portee_tr(c->lang, "average: mean spend / mean incremental people"));
    fputs(", \\\n     '' using 1:4:(0):($8-$4) with vectors nohead lc rgb '#1a1a1a' lw 1.5 title ", g);
    portee_gp_quote(g, portee_tr(c->lang, "cost per 1,000 of a single post: 90 % of replicates"));
    fprintf(g, ", \\\n     '' using ($1-0.5):9 with linespoints pt 13 ps 1.4 lc rgb '%s' lw 2 title ", GP_VERMILLION);
    portee_gp_quote(g, portee_tr(c->lang, "marginal: 1,000 more people between two budgets, drawn between them"));
    fputc('\n', g);
    return 1;
}

/* Sweeps of other inputs (CPM, target size...): the generic line or heatmap. */
static int sweep(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    budget_t *b = budgets(c);
    if (b) { /* the budget charts show it */
        free(b);
        return 0;
    }
    return portee_chart_sweep_of(c, ch->name, portee_chart_ref(ch, 0),
                                 portee_tr(c->lang, "incremental reach of the boost"));
}

static const portee_chart_t charts[] = {
    {"budget_response", "organic only vs organic + boosted reach, incremental reach, by budget, with "
                        "the marginal cost of 1,000 more people",
     "a sweep over boost.budget alone", budget_response,
     {[RESPONSE_INCREMENTAL] = PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL),
      [RESPONSE_TOTAL] = PORTEE_CHART_VALUE(BOOST_OUT_TOTAL),
      [RESPONSE_ORGANIC] = PORTEE_CHART_VALUE(BOOST_OUT_ORGANIC)}},
    {"boost_frequency", "people reached by the boost, by how many times they saw it",
     "boost.max_frequency > 1", frequency,
     {[FREQ_SERIES] = PORTEE_CHART_SERIES(BOOST_OUT_FREQUENCY),
      [FREQ_IMPRESSIONS] = PORTEE_CHART_VALUE(BOOST_OUT_IMPRESSIONS),
      [FREQ_PAID_REACH] = PORTEE_CHART_VALUE(BOOST_OUT_PAID_REACH)}},
    {"boost_cost", "cost per 1,000 incremental people by budget: average and marginal",
     "a sweep over boost.budget alone", cost_by_budget,
     {[COST_PER_1000] = PORTEE_CHART_VALUE(BOOST_OUT_COST_PER_1000),
      [COST_INCREMENTAL] = PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL),
      [COST_SPEND] = PORTEE_CHART_VALUE(BOOST_OUT_SPEND)}},
    {"boost_sweep", "incremental reach of the boost across a sweep of other inputs",
     "a sweep, other than one over boost.budget alone (drawn in the shapes of the reach sweep chart)", sweep,
     {PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL)}},
    {"boost_tornado", "which uncertain inputs move the incremental reach of the boost most (rank correlation)", "inputs given as distributions (an uncertain boost.cpm) and output.replicates: true", portee_chart_tornado, {PORTEE_CHART_VALUE(BOOST_OUT_INCREMENTAL)}},
};

const portee_chart_set_t portee_charts_boost = {&portee_model_boost, charts, sizeof charts / sizeof *charts};
