/* charts_plan.c — the plan model's charts: who the plan reaches week by
 * week (new people stacked by page, organic and paid, under the
 * de-duplicated total), reach by page against the de-duplicated total and
 * the overlap, and the funnel from exposures to clients.  Sweep point 0. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/plan.h"
#include "plots/chart_common.h"
#include "plots/gp.h"

/* refs of plan_weeks: the six new-people series, then the cumulative reach */
enum { WEEKS_NEW = 0, WEEKS_CUMULATIVE = 2 * PLAN_PLATFORMS };

static const char *const source_colour[2 * PLAN_PLATFORMS] = {GP_BLUE, GP_SKY, GP_ORANGE, "#F0C060", GP_GREEN,
                                                               "#7FCFB0"};

static int weeks(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const portee_results_series_t *cum = portee_chart_series(c, portee_chart_ref(ch, WEEKS_CUMULATIVE));
    const portee_results_series_t *src[2 * PLAN_PLATFORMS];
    bool any[2 * PLAN_PLATFORMS] = {false};
    if (!cum || !cum->rows || cum->n_steps < 1) return 0;
    const uint64_t T = cum->n_steps;
    for (int s = 0; s < 2 * PLAN_PLATFORMS; s++) {
        src[s] = portee_chart_series(c, portee_chart_ref(ch, WEEKS_NEW + (size_t)s));
        if (!src[s] || !src[s]->rows || src[s]->n_steps != T) return 0;
        for (uint64_t t = 0; t < T; t++) any[s] |= src[s]->rows[t].mean > 0;
    }
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    fputs("# week, then the mean new people of each source stacked (running sums), then the mean, p05 and p95 of "
          "the people reached so far\n",
          d);
    double top = 0, top_new = 0;
    for (uint64_t t = 0; t < T; t++) {
        fprintf(d, "%llu", (unsigned long long)(cum->first_step + t));
        double stack = 0;
        for (int s = 0; s < 2 * PLAN_PLATFORMS; s++) {
            stack += src[s]->rows[t].mean;
            fprintf(d, " %.10g", stack);
        }
        const portee_summary_t *k = &cum->rows[t];
        fprintf(d, " %.10g %.10g %.10g\n", k->mean, k->p05, k->p95);
        if (isfinite(k->p95) && k->p95 > top) top = k->p95;
        if (stack > top_new) top_new = stack;
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    const portee_lang_t L = c->lang;
    portee_chart_start_point0(c, portee_tr(L, "who the plan reaches, week by week"));
    portee_chart_set_tr(c, "xlabel", "week of the plan");
    portee_chart_set_tr(c, "ylabel", "people reached for the first time in the week (bars, mean)");
    portee_chart_set_tr(c, "y2label", "people reached at least once so far (line: mean; band: 5 % to 95 %)");
    fputs("set key top center\nset style fill solid 0.9 noborder\nset boxwidth 0.7\nset y2tics\nset rmargin 12\n", b);
    portee_chart_round_tics(c, "ytics", 0, top_new * 1.4, false, 1);
    portee_chart_round_tics(c, "y2tics", 0, top * 1.05, false, 1);
    fprintf(b, "set yrange [0:%.10g]\nset y2range [0:%.10g]\nset xrange [%g:%g]\n", top_new * 1.4 + 1, top * 1.05 + 1,
            (double)cum->first_step - 0.6, (double)(cum->first_step + T) - 0.4);
    fputs("plot ", b);
    bool first = true;
    /* the stack drawn from its top down, so each bar shows its own source */
    for (int s = 2 * PLAN_PLATFORMS - 1; s >= 0; s--) {
        if (!any[s]) continue;
        fprintf(b, "%s'%s.dat' using 1:%d with boxes lc rgb '%s' title ", first ? "" : ", ", ch->name, s + 2,
                source_colour[s]);
        portee_gp_quote(b, portee_chart_output_label(c, portee_chart_ref(ch, WEEKS_NEW + (size_t)s)));
        first = false;
    }
    fprintf(b, "%s'%s.dat' using 1:%d:%d axes x1y2 with filledcurves lc rgb '#bbbbbb' fs transparent solid 0.35 "
               "title ",
            first ? "" : ", ", ch->name, 2 * PLAN_PLATFORMS + 3, 2 * PLAN_PLATFORMS + 4);
    portee_gp_quote(b, portee_tr(L, "reached so far: 5 % to 95 %"));
    fprintf(b, ", '%s.dat' using 1:%d axes x1y2 with lines lc rgb '#222222' lw 2.5 title ", ch->name,
            2 * PLAN_PLATFORMS + 2);
    portee_gp_quote(b, portee_tr(L, "reached so far, de-duplicated (mean)"));
    fputc('\n', b);
    return 1;
}

/* TEXT as a string column of a data file: gnuplot reads "..." (a double
 * quote inside would end it, so it becomes a single one). */
static void dat_text(FILE *d, const char *text)
{
    fputc('"', d);
    for (const char *t = text; *t; t++) fputc(*t == '"' ? '\'' : *t, d);
    fputc('"', d);
}

/* " mean p05 p95 "label" "mean as shown"" of one bar */
static void dat_bar(const portee_chart_ctx_t *c, FILE *d, const portee_summary_t *s, double p05, const char *label)
{
    char num[64];
    portee_chart_num(c, s->mean, num, sizeof num);
    fprintf(d, " %.10g %.10g %.10g ", s->mean, p05, s->p95);
    dat_text(d, label);
    fputc(' ', d);
    dat_text(d, num);
    fputc('\n', d);
}

enum { PAGES_TOTAL, PAGES_FACEBOOK, PAGES_LINKEDIN, PAGES_TWITTER, PAGES_OVERLAP, PAGES_INCREMENTAL };

/* Each page's reach, the overlap and the de-duplicated total: the total is
 * less than the pages' sum by the people counted twice. */
/* `set xtics (...)`: the bars' labels broken into short lines */
static void bar_tics(const portee_chart_ctx_t *c, const char *const *labels, int n)
{
    fputs("set xtics (", c->body);
    for (int i = 0; i < n; i++) {
        if (i) fputs(", ", c->body);
        portee_chart_quote_wrapped(c->body, labels[i], 16);
        fprintf(c->body, " %d", i);
    }
    fputs(")\n", c->body);
}

static int pages(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    const char *labels[PAGES_INCREMENTAL + 1];
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    fputs("# bar, mean, p05, p95, label, mean as shown\n", d);
    int bars = 0;
    double top = 0;
    for (size_t k = 0; k <= PAGES_INCREMENTAL; k++) {
        const portee_results_output_t *o = portee_chart_output(c, portee_chart_ref(ch, k));
        if (!o || !o->rows || o->rows[0].n == 0) {
            fclose(d);
            return 0;
        }
        const portee_summary_t *s = &o->rows[0];
        if (k >= PAGES_FACEBOOK && k <= PAGES_TWITTER && s->p95 <= 0) continue; /* no page there */
        labels[bars] = portee_chart_output_label(c, portee_chart_ref(ch, k));
        fprintf(d, "%d", bars);
        dat_bar(c, d, s, s->p05, labels[bars++]);
        if (s->p95 > top) top = s->p95;
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    portee_chart_start_point0(c, portee_tr(c->lang, "reach by page, the overlap and the plan's de-duplicated total"));
    portee_chart_set_tr(c, "ylabel", "people (bars: mean; whiskers: 5 % to 95 % of replicates)");
    fputs("set style fill solid 0.85 noborder\nset boxwidth 0.6\nset key off\nset xtics scale 0\nset bmargin 5\n", b);
    bar_tics(c, labels, bars);
    portee_chart_round_tics(c, "ytics", 0, top * 1.12, false, 1);
    fprintf(b, "set yrange [0:%.10g]\nset xrange [-0.6:%d.6]\n", top * 1.12 + 1, bars - 1);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s', '' using 1:2:3:4 with yerrorbars "
               "lc rgb '#333333' pt -1, '' using 1:2:6 with labels offset 0,1.2\n",
            ch->name, GP_BLUE);
    return 1;
}

enum { FUNNEL_IMPRESSIONS, FUNNEL_ENGAGEMENTS, FUNNEL_VISITS, FUNNEL_CLIENTS };

/* Exposures to clients: each step's mean and 90 % range, on a log axis. */
static int funnel(const portee_chart_ctx_t *c, const portee_chart_t *ch)
{
    FILE *d = portee_chart_dat_open(c, ch->name);
    if (!d) return -1;
    fputs("# step, mean, p05, p95, label, mean as shown\n", d);
    double lo = INFINITY, hi = 0;
    const char *labels[FUNNEL_CLIENTS + 1];
    for (size_t k = 0; k <= FUNNEL_CLIENTS; k++) {
        const portee_results_output_t *o = portee_chart_output(c, portee_chart_ref(ch, k));
        if (!o || !o->rows || o->rows[0].n == 0 || !(o->rows[0].mean > 0)) {
            fclose(d);
            return 0;
        }
        const portee_summary_t *s = &o->rows[0];
        labels[k] = portee_chart_output_label(c, portee_chart_ref(ch, k));
        fprintf(d, "%zu", k);
        dat_bar(c, d, s, s->p05 > 0 ? s->p05 : s->mean / 10, labels[k]);
        lo = fmin(lo, s->p05 > 0 ? s->p05 : s->mean / 10);
        hi = fmax(hi, s->p95);
    }
    if (portee_chart_dat_close(d)) return -1;
    FILE *b = c->body;
    portee_chart_start_point0(c, portee_tr(c->lang, "from exposures to clients"));
    portee_chart_set_tr(c, "ylabel", "count over the plan (log scale; bars: mean; whiskers: 5 % to 95 %)");
    fputs("set logscale y\nset style fill solid 0.85 noborder\nset boxwidth 0.6\nset key off\nset xtics scale 0\nset bmargin 5\n", b);
    bar_tics(c, labels, FUNNEL_CLIENTS + 1);
    portee_chart_round_tics(c, "ytics", lo / 2, hi * 3, true, 1);
    fprintf(b, "set yrange [%.10g:%.10g]\nset xrange [-0.6:3.6]\n", lo / 2, hi * 3);
    fprintf(b, "plot '%s.dat' using 1:2 with boxes lc rgb '%s', '' using 1:2:3:4 with yerrorbars "
               "lc rgb '#333333' pt -1, '' using 1:2:6 with labels offset 0,1.2\n",
            ch->name, GP_GREEN);
    return 1;
}

static const portee_chart_t charts[] = {
    {"plan_weeks", "new people each week stacked by page, organic and paid, under the de-duplicated reach so far",
     NULL, weeks,
     {PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 0), PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 1),
      PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 2), PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 3),
      PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 4), PORTEE_CHART_SERIES(PLAN_OUT_NEW_FIRST + 5),
      PORTEE_CHART_SERIES(PLAN_OUT_CUMULATIVE)}},
    {"plan_pages", "each page's reach, the people reached by two pages or more, the boosts' own and the "
                   "plan's de-duplicated total",
     NULL, pages,
     {[PAGES_TOTAL] = PORTEE_CHART_VALUE(PLAN_OUT_TOTAL), [PAGES_FACEBOOK] = PORTEE_CHART_VALUE(PLAN_OUT_FACEBOOK),
      [PAGES_LINKEDIN] = PORTEE_CHART_VALUE(PLAN_OUT_LINKEDIN), [PAGES_TWITTER] = PORTEE_CHART_VALUE(PLAN_OUT_TWITTER),
      [PAGES_OVERLAP] = PORTEE_CHART_VALUE(PLAN_OUT_OVERLAP),
      [PAGES_INCREMENTAL] = PORTEE_CHART_VALUE(PLAN_OUT_INCREMENTAL)}},
    {"plan_funnel", "exposures, engagements, visits and clients over the plan", "some clients on average",
     funnel,
     {[FUNNEL_IMPRESSIONS] = PORTEE_CHART_VALUE(PLAN_OUT_IMPRESSIONS),
      [FUNNEL_ENGAGEMENTS] = PORTEE_CHART_VALUE(PLAN_OUT_ENGAGEMENTS),
      [FUNNEL_VISITS] = PORTEE_CHART_VALUE(PLAN_OUT_VISITS), [FUNNEL_CLIENTS] = PORTEE_CHART_VALUE(PLAN_OUT_CLIENTS)}},
};

const portee_chart_set_t portee_charts_plan = {&portee_model_plan, charts, sizeof charts / sizeof *charts};
