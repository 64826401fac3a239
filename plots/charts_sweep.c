/* charts_sweep.c — any model's output across a sweep: a line with bands over
 * one swept input, a heatmap over two. */
#include "plots/charts_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plots/gp.h"

static bool wide_positive(const double *v, size_t n, size_t stride)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        lo = fmin(lo, v[i * stride]);
        hi = fmax(hi, v[i * stride]);
    }
    return lo > 0 && hi / lo >= 20;
}

const portee_results_output_t *chart_output(const chart_ctx_t *c, const char *model, const char *output)
{
    const portee_results_t *r = c->results;
    for (size_t m = 0; r && m < r->n_models; m++)
        for (size_t o = 0; o < r->models[m].n_outputs; o++)
            if (!strcmp(r->models[m].name, model) && !strcmp(r->models[m].outputs[o].name, output))
                return &r->models[m].outputs[o];
    return NULL;
}

const portee_results_series_t *chart_series(const chart_ctx_t *c, const char *model, const char *series)
{
    const portee_results_t *r = c->results;
    for (size_t m = 0; r && m < r->n_models; m++)
        for (size_t o = 0; o < r->models[m].n_series; o++)
            if (!strcmp(r->models[m].name, model) && !strcmp(r->models[m].series[o].name, series))
                return &r->models[m].series[o];
    return NULL;
}

int chart_sweep_of(chart_ctx_t *c, const char *name, const char *model, const char *output,
                   const char *what)
{
    const portee_results_t *r = c->results;
    if (r->n_points < 2 || r->n_axes < 1 || r->n_axes > 2) return 0;
    /* the line and the heatmap read the points as a grid; a sampled design's
     * are scattered, unordered, and every axis varies at once */
    if (r->design && strcmp(r->design, "grid") != 0) return 0;
    const portee_results_output_t *tot = chart_output(c, model, output);
    if (!tot) return 0;
    const uint64_t P = r->n_points, A = r->n_axes;
    /* the first axis varies slowest, so the points form an n0 x n1 grid
     * (sweep lists hold no repeated value) */
    size_t n1 = 1;
    if (A == 2)
        while (n1 < P && r->axis_values[n1 * 2] == r->axis_values[0]) n1++;
    const size_t n0 = A == 2 ? P / n1 : P;
    /* one input, or two of which one holds a single value: a line */
    if (A == 1 || n0 == 1 || n1 == 1) {
        const size_t ax = A == 1 || n1 > 1 ? A - 1 : 0;
        FILE *d = chart_dat_open(c, name), *b = c->body;
        if (!d) return -1;
        fputs("# swept_value mean p05 p25 p50 p75 p95\n", d);
        for (uint64_t p = 0; p < P; p++) {
            const portee_summary_t *s = &tot->rows[p];
            fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", r->axis_values[p * A + ax], s->mean,
                    s->p05, s->p25, s->p50, s->p75, s->p95);
        }
        if (chart_dat_close(d)) return -1;
        char title[256];
        snprintf(title, sizeof title, "%s by %s", what, r->axes[ax]);
        chart_start(c, title);
        chart_set_text(b, "xlabel", r->axes[ax]);
        char ylabel[256];
        snprintf(ylabel, sizeof ylabel, "%s (%s)", what, tot->units ? tot->units : "");
        chart_set_text(b, "ylabel", ylabel);
        if (wide_positive(r->axis_values + ax, P, A)) fputs("set logscale x\nset format x '%g'\n", b);
        fputs("set key below horizontal noopaque nobox\n", b);
        double low = INFINITY;
        for (uint64_t p = 0; p < P; p++) low = fmin(low, tot->rows[p].p05);
        if (low >= 0) fputs("set yrange [0:*]\n", b);
        chart_plot_bands(b, name, "replicates");
        fprintf(b, "     '' using 1:2 with linespoints pt 7 ps 1.2 lc rgb '%s' lw 3 title 'mean'\n", GP_BLUE);
        return 1;
    }
    FILE *d = chart_dat_open(c, name), *b = c->body;
    if (!d) return -1;
    fputs("# index_axis0 index_axis1 mean  (blocks by the first axis)\n", d);
    for (size_t i = 0; i < n0; i++) {
        for (size_t j = 0; j < n1; j++) fprintf(d, "%zu %zu %.17g\n", i, j, tot->rows[i * n1 + j].mean);
        fputc('\n', d);
    }
    if (chart_dat_close(d)) return -1;
    char title[256], cblabel[256];
    snprintf(title, sizeof title, "%s over the sweep (mean)", what);
    snprintf(cblabel, sizeof cblabel, "mean %s (%s)", what, tot->units ? tot->units : "");
    chart_start(c, title);
    chart_set_text(b, "xlabel", r->axes[0]);
    chart_set_text(b, "ylabel", r->axes[1]);
    chart_set_text(b, "cblabel", cblabel);
    double lo = INFINITY, hi = -INFINITY;
    for (uint64_t p = 0; p < P; p++) {
        lo = fmin(lo, tot->rows[p].mean);
        hi = fmax(hi, tot->rows[p].mean);
    }
    const double mid = 0.5 * (lo + hi);
    /* viridis: sequential and readable without colour vision */
    fputs("set format y '%g'\nset format x '%g'\nunset grid\nunset key\n"
          "set palette defined (0 '#440154', 1 '#3B528B', 2 '#21908C', 3 '#5DC863', 4 '#FDE725')\n"
          "set tics out nomirror\nset xtics (", b);
    for (size_t i = 0; i < n0; i++) fprintf(b, "%s'%g' %zu", i ? ", " : "", r->axis_values[i * n1 * 2], i);
    fputs(")\nset ytics (", b);
    for (size_t j = 0; j < n1; j++) fprintf(b, "%s'%g' %zu", j ? ", " : "", r->axis_values[j * 2 + 1], j);
    fprintf(b, ")\nset xrange [-0.5:%g]\nset yrange [-0.5:%g]\nset cbrange [%.17g:%.17g]\n", n0 - 0.5,
            n1 - 0.5, lo, hi > lo ? hi : lo + 1);
    fprintf(b, "plot '%s.dat' using 1:2:3 with image", name);
    /* the values themselves, dark on light cells and light on dark; whole
     * numbers for people, three digits for years or shares */
    const char *fmt = fmax(fabs(lo), fabs(hi)) >= 100 ? "%.0f" : "%.3g";
    if (n0 * n1 <= 100)
        fprintf(b, ", \\\n     '' using 1:2:($3 >= %.17g ? sprintf('%s', $3) : '') with labels tc rgb '#000000', \\\n"
                   "     '' using 1:2:($3 < %.17g ? sprintf('%s', $3) : '') with labels tc rgb '#ffffff'",
                mid, fmt, mid, fmt);
    fputc('\n', b);
    return 1;
}
