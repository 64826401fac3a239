/* charts_sweep.c — any model's output across a sweep, in the shape the
 * points allow: a line with bands when one input varies on a grid, heatmaps
 * of the mean and of the 90 % band width when two do, and otherwise (three
 * or more inputs, or a sampled design such as a Latin hypercube) a scatter
 * of every point against each input, one panel per input. */
#include "plots/charts_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plots/gp.h"

/* More panels than this would be too small to read; portee sweeps at most 8 inputs. */
#define MAX_PANELS 8
/* Error bars stay apart up to about this many points; beyond, they are drawn faint. */
#define MAX_CLEAR_BARS 60
/* Up to this many values on an axis, the tics may sit on the values themselves. */
#define MAX_VALUE_TICS 12
/* Tics at round numbers: never more than this many. */
#define MAX_STEP_TICS 64
/* The width of the plot area in characters of the smallest terminal (the
 * PDF's), for tic labels. */
#define IMAGE_CHARS 110

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

/* ---- the points of one axis, sorted ---- */

typedef struct {
    double v;
    uint64_t p;
} keyed_t;

/* NaN last, so that the order is total (qsort needs one); ties keep the
 * point order, which makes the sort stable. */
static int by_value(const void *a, const void *b)
{
    const keyed_t *x = a, *y = b;
    const int nx = isnan(x->v), ny = isnan(y->v);
    if (nx != ny) return nx - ny;
    if (!nx && x->v != y->v) return x->v < y->v ? -1 : 1;
    return (x->p > y->p) - (x->p < y->p);
}

/* Axis a's value at every point, with the point, in increasing order; NULL
 * when out of memory. */
static keyed_t *sorted_axis(const portee_results_t *r, size_t a)
{
    keyed_t *k = malloc(r->n_points * sizeof *k);
    if (!k) return NULL;
    for (uint64_t p = 0; p < r->n_points; p++) k[p] = (keyed_t){r->axis_values[p * r->n_axes + a], p};
    qsort(k, r->n_points, sizeof *k, by_value);
    return k;
}

static size_t n_distinct(const keyed_t *k, uint64_t n)
{
    size_t d = n > 0;
    for (uint64_t i = 1; i < n; i++) d += !(k[i].v == k[i - 1].v);
    return d;
}

/* Whether the points are the full grid of the axes' values, first axis
 * slowest, every combination exactly once; n[a] gets axis a's number of
 * values.  1 yes, 0 no, -1 out of memory.  A sampled design is never taken
 * for a grid, even when its values happen to line up. */
static int full_grid(const portee_results_t *r, size_t *n)
{
    if (!r->design || strcmp(r->design, "grid") != 0) return 0;
    const uint64_t P = r->n_points;
    const size_t A = r->n_axes;
    uint64_t cells = 1;
    for (size_t a = 0; a < A; a++) {
        keyed_t *k = sorted_axis(r, a);
        if (!k) return -1;
        n[a] = n_distinct(k, P);
        free(k);
        if (n[a] == 0 || cells > P / n[a]) return 0;
        cells *= n[a];
    }
    if (cells != P) return 0;
    /* with as many points as combinations, point p must hold the values of
     * its row-major index tuple; axis a's i-th value is the one at the point
     * whose tuple is i on a and 0 elsewhere.  Since the counts are of
     * distinct values, those first values are distinct too. */
    uint64_t stride = 1;
    for (size_t a = A; a-- > 0;) {
        for (uint64_t p = 0; p < P; p++) {
            const uint64_t i = (p / stride) % n[a];
            if (!(r->axis_values[p * A + a] == r->axis_values[i * stride * A + a])) return 0;
        }
        stride *= n[a];
    }
    return 1;
}

/* ---- text shared by the shapes ---- */

/* Tic and cell labels: whole numbers for people, money and large counts,
 * three significant digits for rates, shares and years. */
static const char *value_format(double lo, double hi)
{
    return fmax(fabs(lo), fabs(hi)) >= 100 ? "%.0f" : "%.3g";
}

/* The same for the tics of a value axis, where gnuplot picks round steps. */
static const char *tic_format(double lo, double hi) { return fmax(fabs(lo), fabs(hi)) >= 100 ? "%.0f" : "%g"; }

/* A number as a tic label: 1000000, not 1e+06. */
static void tic_label(char *buf, size_t len, double v)
{
    if (fabs(v) >= 1e5 && fabs(v) < 1e15 && v == floor(v)) snprintf(buf, len, "%.0f", v);
    else snprintf(buf, len, "%g", v);
}

static void tic(FILE *b, bool first, double v, double at)
{
    char label[64];
    tic_label(label, sizeof label, v);
    fprintf(b, "%s'%s' %.17g", first ? "" : ", ", label, at);
}

/* The width of tic labels, in characters with a gap of two between them. */
static size_t tics_chars(const double *t, size_t n)
{
    size_t chars = 0;
    char label[64];
    for (size_t i = 0; i < n; i++) {
        tic_label(label, sizeof label, t[i]);
        chars += strlen(label) + 2;
    }
    return chars;
}

/* Tics at T (drawn at AT), only every k-th labelled when the labels need
 * more than ROOM characters side by side, or more than LINES lines one
 * above the other. */
static void emit_tics(FILE *b, const char *axis, const double *t, const double *at, size_t n, size_t room,
                      size_t lines)
{
    const size_t k = room ? (tics_chars(t, n) + room - 1) / room : lines ? (n + lines - 1) / lines : 1;
    fprintf(b, "set %s (", axis);
    for (size_t i = 0; i < n; i++) {
        if (k < 2 || i % k == 0) tic(b, i == 0, t[i], at[i]);
        else fprintf(b, ", '' %.17g", at[i]);
    }
    fputs(")\n", b);
}

/* Tics from lo to hi at every multiple of one of STEPS: the first that
 * fits in ROOM characters, else the last. */
static void tics_at_steps(FILE *b, double lo, double hi, const double *steps, size_t n_steps, size_t room)
{
    double t[MAX_STEP_TICS], best[MAX_STEP_TICS];
    size_t nb = 0;
    for (size_t s = 0; s < n_steps; s++) {
        const double i0 = ceil(lo / steps[s] - 1e-9), i1 = floor(hi / steps[s] + 1e-9);
        if (!(i1 >= i0) || i1 - i0 >= MAX_STEP_TICS) continue;
        size_t n = 0;
        for (double i = i0; i <= i1; i++) t[n++] = i * steps[s];
        memcpy(best, t, n * sizeof *t);
        nb = n;
        if (tics_chars(t, n) <= room) break;
    }
    if (nb) emit_tics(b, "xtics", best, best, nb, room, 0);
}

/* x tics on a grid's few values themselves (SORTED in increasing order)
 * when their labels fit in ROOM characters; otherwise at round numbers,
 * the finest steps whose labels fit: gnuplot's own run into one another
 * in a narrow panel, and on a log axis stop at the decades, which a sweep
 * over 200..5000 meets only once. */
static void x_tics(FILE *b, const keyed_t *sorted, uint64_t P, bool grid_values, bool log_x, size_t room)
{
    double t[MAX_STEP_TICS];
    size_t n = 0;
    const double lo = sorted[0].v, hi = sorted[P - 1].v;
    if (log_x) fputs("set logscale x\n", b);
    for (uint64_t i = 0; grid_values && i < P && n <= MAX_VALUE_TICS; i++)
        if (i == 0 || sorted[i].v != sorted[i - 1].v) t[n++] = sorted[i].v;
    if (grid_values && n <= MAX_VALUE_TICS && tics_chars(t, n) <= room) {
        emit_tics(b, "xtics", t, t, n, room, 0);
        return;
    }
    if (!(hi > lo)) return;
    if (log_x) { /* 1, 2 and 5 times the powers of ten; or 1 and 3; or the powers */
        static const int mantissas[3][3] = {{1, 2, 5}, {1, 3, 0}, {1, 0, 0}};
        for (int s = 0; s < 3; s++) {
            n = 0;
            for (int e = (int)floor(log10(lo)); e <= (int)ceil(log10(hi)); e++)
                for (int m = 0; m < 3 && mantissas[s][m] && n < MAX_STEP_TICS; m++) {
                    const double v = mantissas[s][m] * pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) t[n++] = v;
                }
            if (tics_chars(t, n) <= room) break;
        }
        if (n) emit_tics(b, "xtics", t, t, n, room, 0);
        return;
    }
    double steps[12];
    const int e0 = (int)floor(log10(hi - lo)) - 2;
    for (int i = 0; i < 12; i++) steps[i] = (i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 5) * pow(10, e0 + i / 3);
    tics_at_steps(b, lo, hi, steps, 12, room);
}

/* [x0, x1] and a margin: gnuplot pads only autoscaled ranges, and the
 * first and last points must not sit on the frame. */
static void x_range(FILE *b, double x0, double x1, bool log_x)
{
    if (log_x) {
        const double pad = pow(x1 / x0, 0.05);
        fprintf(b, "set xrange [%.17g:%.17g]\n", x0 / pad, x1 * pad);
    } else fprintf(b, "set xrange [%.17g:%.17g]\n", x0 - 0.05 * (x1 - x0), x1 + 0.05 * (x1 - x0));
}

static void units_of(char *buf, size_t len, const char *what, const portee_results_output_t *o)
{
    if (o->units && *o->units) snprintf(buf, len, "%s (%s)", what, o->units);
    else snprintf(buf, len, "%s", what);
}

/* ---- one input: a line with bands ---- */

static int sweep_line(chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                      const char *what, size_t ax)
{
    const portee_results_t *r = c->results;
    const uint64_t P = r->n_points;
    /* sweep lists keep the order they were written in, and bands drawn in
     * that order would fold back on themselves */
    keyed_t *k = sorted_axis(r, ax);
    FILE *d = k ? chart_dat_open(c, name) : NULL, *b = c->body;
    if (!d) {
        free(k);
        return -1;
    }
    fputs("# swept_value mean p05 p25 p50 p75 p95  (in increasing order of the swept value)\n", d);
    double low = INFINITY, high = -INFINITY;
    for (uint64_t i = 0; i < P; i++) {
        const portee_summary_t *s = &tot->rows[k[i].p];
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", k[i].v, s->mean, s->p05, s->p25, s->p50,
                s->p75, s->p95);
        low = fmin(low, s->p05);
        high = fmax(high, s->p95);
    }
    if (chart_dat_close(d)) {
        free(k);
        return -1;
    }
    char title[256], ylabel[256];
    snprintf(title, sizeof title, "%s by %s", what, r->axes[ax]);
    chart_start(c, title);
    chart_set_text(b, "xlabel", r->axes[ax]);
    units_of(ylabel, sizeof ylabel, what, tot);
    chart_set_text(b, "ylabel", ylabel);
    const bool log_x = wide_positive(r->axis_values + ax, P, r->n_axes);
    x_tics(b, k, P, true, log_x, IMAGE_CHARS);
    x_range(b, k[0].v, k[P - 1].v, log_x);
    free(k);
    fprintf(b, "set key below horizontal noopaque nobox\nset format y '%s'\n", tic_format(low, high));
    if (low >= 0) fputs("set yrange [0:*]\n", b);
    chart_plot_bands(b, name, "replicates");
    fprintf(b, "     '' using 1:2 with linespoints pt 7 ps 1.2 lc rgb '%s' lw 3 title 'mean'\n", GP_BLUE);
    return 1;
}

/* ---- two inputs on a full grid: heatmaps of the mean and of the band width ---- */

/* A panel is a third of the image wide: about 36 characters in the
 * smallest terminal (the PDF's), and 20 lines high. */
#define PANEL_CHARS 36
#define PANEL_LINES 20

/* Tics at the N cells of a heatmap axis, labelled with axis a's values
 * (cell i is point i*stride); when the labels would run into one another
 * only some are labelled, the others keep a bare tic.  Y labels need a
 * line each. */
static int cell_tics(FILE *b, const char *axis, const portee_results_t *r, size_t a, size_t stride,
                     size_t n, bool across)
{
    double *t = malloc(2 * n * sizeof *t), *at = t + n;
    if (!t) return -1;
    for (size_t i = 0; i < n; i++) {
        t[i] = r->axis_values[i * stride * r->n_axes + a];
        at[i] = (double)i;
    }
    emit_tics(b, axis, t, at, n, across ? PANEL_CHARS : 0, across ? 0 : PANEL_LINES);
    free(t);
    return 0;
}

/* One heatmap panel of column COL of NAME.dat, whose cells are n0 x n1,
 * between LEFT and RIGHT (screen fractions); the values printed in the
 * cells when they fit. */
static void heat_panel(FILE *b, const char *name, int col, const double *v, size_t n0, size_t n1,
                       double left, double right, const char *title, const char *cblabel)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n0 * n1; i++) {
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
    }
    if (!(lo <= hi)) lo = 0, hi = 1; /* no finite cell */
    /* screen margins: the colour bar, its tics and its label need room that
     * gnuplot's own layout does not leave between two panels */
    fprintf(b, "set lmargin at screen %g\nset rmargin at screen %g\n", left, right);
    chart_set_text(b, "title", title);
    fputs("set cblabel ", b);
    portee_gp_quote(b, cblabel);
    fprintf(b, " offset 2.5,0\nset cbrange [%.17g:%.17g]\nset format cb '%s'\n", lo, hi > lo ? hi : lo + 1,
            tic_format(lo, hi));
    fprintf(b, "plot '%s.dat' using 1:2:%d with image", name, col);
    const char *fmt = value_format(lo, hi);
    char text[64];
    snprintf(text, sizeof text, fmt, fabs(lo) > fabs(hi) ? lo : hi);
    if (n0 * (strlen(text) + 2) <= PANEL_CHARS && n1 <= PANEL_LINES / 2) {
        /* dark text on the light half of viridis, light on the dark half */
        const double mid = 0.5 * (lo + hi);
        fprintf(b, ", \\\n     '' using 1:2:($%d >= %.17g ? sprintf('%s', $%d) : '') with labels tc rgb '#000000', \\\n"
                   "     '' using 1:2:($%d < %.17g ? sprintf('%s', $%d) : '') with labels tc rgb '#ffffff'",
                col, mid, fmt, col, col, mid, fmt, col);
    }
    fputc('\n', b);
}

/* Side by side rather than as a second chart: the eye compares a cell's
 * mean and its uncertainty at the same place, and the report keeps one
 * page per chart. */
static int sweep_heatmap(chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                         const char *what, size_t a0, size_t a1, size_t n0, size_t n1)
{
    const portee_results_t *r = c->results;
    const size_t A = r->n_axes, cells = n0 * n1;
    /* the other axes hold one value each, so cell (i, j) is point i*n1 + j */
    double *mean = malloc(2 * cells * sizeof *mean), *width = mean + cells;
    FILE *d = mean ? chart_dat_open(c, name) : NULL, *b = c->body;
    if (!d) {
        free(mean);
        return -1;
    }
    char head[1024];
    snprintf(head, sizeof head, "i j %.300s %.300s mean p05 p95 band_width_p95_minus_p05  (i, j: cell of "
             "the image; a block per value of the first)", r->axes[a0], r->axes[a1]);
    portee_gp_comment(d, head);
    for (size_t i = 0; i < n0; i++) {
        for (size_t j = 0; j < n1; j++) {
            const size_t p = i * n1 + j;
            const portee_summary_t *s = &tot->rows[p];
            mean[p] = s->mean;
            width[p] = s->p95 - s->p05;
            fprintf(d, "%zu %zu %.17g %.17g %.17g %.17g %.17g %.17g\n", i, j, r->axis_values[p * A + a0],
                    r->axis_values[p * A + a1], s->mean, s->p05, s->p95, width[p]);
        }
        fputc('\n', d);
    }
    if (chart_dat_close(d)) {
        free(mean);
        return -1;
    }
    char title[256], label[256], cblabel[300];
    snprintf(title, sizeof title, "%s over the sweep: mean, and where it is uncertain", what);
    chart_start_panels(c, title, "1,2");
    chart_set_text(b, "xlabel", r->axes[a0]);
    chart_set_text(b, "ylabel", r->axes[a1]);
    /* viridis: sequential and readable without colour vision */
    fputs("unset grid\nunset key\nset tics out nomirror\nset tmargin at screen 0.86\n"
          "set bmargin at screen 0.13\n"
          "set palette defined (0 '#440154', 1 '#3B528B', 2 '#21908C', 3 '#5DC863', 4 '#FDE725')\n", b);
    if (cell_tics(b, "xtics", r, a0, n1, n0, true) || cell_tics(b, "ytics", r, a1, 1, n1, false)) {
        free(mean);
        return -1;
    }
    fprintf(b, "set xrange [-0.5:%g]\nset yrange [-0.5:%g]\n", n0 - 0.5, n1 - 0.5);
    snprintf(label, sizeof label, "mean %s", what);
    units_of(cblabel, sizeof cblabel, label, tot);
    heat_panel(b, name, 5, mean, n0, n1, 0.07, 0.395, "mean over replicates", cblabel);
    snprintf(label, sizeof label, "p95 - p05 of %s", what);
    units_of(cblabel, sizeof cblabel, label, tot);
    fputs("unset ylabel\n", b); /* the left one names the shared axis */
    heat_panel(b, name, 8, width, n0, n1, 0.545, 0.865,
               "width of the 90 % band (p95 - p05): larger is less certain", cblabel);
    fputs("unset multiplot\n", b);
    free(mean);
    return 1;
}

/* ---- three or more inputs, or a sampled design: a scatter per input ---- */

/* The x at which each point is drawn in axis a's panel: its value, moved
 * sideways when several points share it (a grid), so that their bars do
 * not hide one another.  The shift is under half the gap to the next
 * value, in log units on a log axis. */
static void dodge(const keyed_t *k, uint64_t P, bool log_x, double *shown, size_t stride)
{
    double gap = INFINITY;
    uint64_t widest = 1;
    for (uint64_t i = 0, j; i < P; i = j) {
        for (j = i + 1; j < P && k[j].v == k[i].v; j++) continue;
        if (j - i > widest) widest = j - i;
        if (j < P) gap = fmin(gap, log_x ? log10(k[j].v / k[i].v) : k[j].v - k[i].v);
    }
    const double step = isfinite(gap) ? 0.5 * gap / (double)widest : 0;
    for (uint64_t i = 0, j; i < P; i = j) {
        for (j = i + 1; j < P && k[j].v == k[i].v; j++) continue;
        for (uint64_t m = i; m < j; m++) {
            const double off = ((double)(m - i) - 0.5 * (double)(j - i - 1)) * step;
            shown[k[m].p * stride] = log_x ? k[m].v * pow(10, off) : k[m].v + off;
        }
    }
}

static int sweep_scatter(chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                         const char *what)
{
    const portee_results_t *r = c->results;
    const uint64_t P = r->n_points;
    const size_t A = r->n_axes;
    const char *design = r->design ? r->design : "grid";
    const bool grid = !strcmp(design, "grid");
    size_t panel[MAX_PANELS], np = 0, n_values[MAX_PANELS];
    bool log_x[MAX_PANELS];
    keyed_t *sorted[MAX_PANELS] = {0};
    double *shown = malloc(P * A * sizeof *shown);
    int made = -1;
    if (!shown) return -1;
    memcpy(shown, r->axis_values, P * A * sizeof *shown);
    for (size_t a = 0; a < A; a++) {
        keyed_t *k = sorted_axis(r, a);
        if (!k) goto done;
        const size_t nd = n_distinct(k, P);
        if (nd < 2 || np == MAX_PANELS) { /* an input held fixed says nothing */
            free(k);
            if (nd < 2) continue;
            made = 0; /* more inputs than readable panels */
            goto done;
        }
        panel[np] = a;
        n_values[np] = nd;
        log_x[np] = wide_positive(r->axis_values + a, P, A);
        dodge(k, P, log_x[np], shown + a, A);
        sorted[np++] = k;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (uint64_t p = 0; p < P; p++) {
        lo = fmin(lo, fmin(tot->rows[p].mean, tot->rows[p].p05));
        hi = fmax(hi, fmax(tot->rows[p].mean, tot->rows[p].p95));
    }
    if (np == 0 || !(lo <= hi)) {
        made = 0;
        goto done;
    }
    FILE *d = chart_dat_open(c, name), *b = c->body;
    if (!d) goto done;
    char *head = malloc(A * 1000 + 256);
    if (head) {
        size_t used = 0;
        for (size_t a = 0; a < A; a++) used += (size_t)sprintf(head + used, "%.400s ", r->axes[a]);
        used += (size_t)sprintf(head + used, "mean p05 p95");
        for (size_t a = 0; a < A; a++) used += (size_t)sprintf(head + used, " x_drawn:%.400s", r->axes[a]);
        sprintf(head + used, "  (a row per sweep point; x_drawn: where the point is drawn, moved "
                             "sideways when points share a value)");
        portee_gp_comment(d, head);
        free(head);
    }
    for (uint64_t p = 0; p < P; p++) {
        for (size_t a = 0; a < A; a++) fprintf(d, "%.17g ", r->axis_values[p * A + a]);
        fprintf(d, "%.17g %.17g %.17g", tot->rows[p].mean, tot->rows[p].p05, tot->rows[p].p95);
        for (size_t a = 0; a < A; a++) fprintf(d, " %.17g", shown[p * A + a]);
        fputc('\n', d);
    }
    if (chart_dat_close(d) || !head) goto done;

    /* a row of up to three panels, else two rows; fixed margins so that
     * the shared y label and the note below have their own room */
    const size_t cols = np <= 3 ? np : (np + 1) / 2, rows = np <= 3 ? 1 : 2;
    char layout[160], title[512], ylabel[300];
    snprintf(layout, sizeof layout, "%zu,%zu margins 0.08,0.98,%s spacing 0.06,0.15", rows, cols,
             rows == 1 ? "0.17,0.89" : "0.15,0.90");
    snprintf(title, sizeof title, "%s at each of the %llu sweep points, against each input%s%.40s%s", what,
             (unsigned long long)P, grid ? "" : " (", grid ? "" : design, grid ? "" : " design)");
    chart_start_panels(c, title, layout);
    units_of(ylabel, sizeof ylabel, what, tot);
    fputs("set label 1 ", b);
    portee_gp_quote(b, ylabel);
    fputs(" at screen 0.018, screen 0.5 center rotate by 90\n", b);
    bool shared = false;
    for (size_t i = 0; i < np; i++) shared |= n_values[i] < P;
    fputs("set label 2 ", b);
    portee_gp_quote(b, shared ? "dots: mean over replicates at each sweep point; bars: 90 % of replicates "
                                "(p05 to p95); points sharing a value are spread sideways"
                              : "dots: mean over replicates at each sweep point; bars: 90 % of replicates "
                                "(p05 to p95)");
    fprintf(b, " at screen 0.5, screen 0.03 center tc rgb '%s'\n", GP_GREY);
    const double pad = 0.05 * (hi - lo > 0 ? hi - lo : fabs(hi) + 1);
    fprintf(b, "unset key\nset yrange [%.17g:%.17g]\n"
               "set format y '%s'\nset errorbars %s\n",
            lo >= 0 ? 0 : lo - pad, hi + pad, tic_format(lo, hi),
            P <= MAX_CLEAR_BARS ? "small" : "0");
    /* many bars are drawn faint: together they still show the spread */
    const char *bar = P <= MAX_CLEAR_BARS ? "#0056B4E9" : "#9056B4E9";
    const double ps = P <= MAX_CLEAR_BARS ? 1.1 : 0.6;
    for (size_t i = 0; i < np; i++) {
        const size_t a = panel[i];
        const int xs = (int)(A + 4 + a), m = (int)A + 1;
        chart_set_text(b, "xlabel", r->axes[a]);
        fputs("unset logscale x\nset xtics autofreq\nset mxtics default\n", b);
        x_tics(b, sorted[i], P, grid, log_x[i], IMAGE_CHARS / cols - 6);
        x_range(b, shown[sorted[i][0].p * A + a], shown[sorted[i][P - 1].p * A + a], log_x[i]);
        fprintf(b, "plot '%s.dat' using %d:%d:%d:%d with yerrorbars pt 0 lc rgb '%s' lw 1.5, \\\n"
                   "     '' using %d:%d with points pt 7 ps %g lc rgb '%s'\n",
                name, xs, m, m + 1, m + 2, bar, xs, m, ps, GP_BLUE);
        if (i == 0) fputs("unset label 1\nunset label 2\n", b); /* drawn once, not per panel */
    }
    fputs("unset multiplot\n", b);
    made = 1;
done:
    for (size_t i = 0; i < np; i++) free(sorted[i]);
    free(shown);
    return made;
}

int chart_sweep_of(chart_ctx_t *c, const char *name, const char *model, const char *output,
                   const char *what)
{
    const portee_results_t *r = c->results;
    if (!r || r->n_points < 2 || r->n_axes < 1) return 0;
    const portee_results_output_t *tot = chart_output(c, model, output);
    if (!tot) return 0;
    for (size_t a = 0; a < r->n_axes; a++)
        if (!r->axes[a]) return 0;
    for (uint64_t i = 0; i < r->n_points * r->n_axes; i++)
        if (!isfinite(r->axis_values[i])) return 0; /* a damaged file: no axis to draw */
    size_t *n = malloc(r->n_axes * sizeof *n), vary[2] = {0, 0}, nv = 0;
    const int grid = n ? full_grid(r, n) : -1;
    /* axes holding one value do not count: a 5 x 1 x 4 grid is a heatmap */
    for (size_t a = 0; grid == 1 && a < r->n_axes; a++) {
        if (n[a] < 2) continue;
        if (nv < 2) vary[nv] = a;
        nv++;
    }
    int made;
    if (grid < 0) made = -1;
    else if (grid && nv == 1) made = sweep_line(c, name, tot, what, vary[0]);
    else if (grid && nv == 2) made = sweep_heatmap(c, name, tot, what, vary[0], vary[1], n[vary[0]], n[vary[1]]);
    else made = sweep_scatter(c, name, tot, what);
    free(n);
    return made;
}
