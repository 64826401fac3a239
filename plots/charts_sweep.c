/* charts_sweep.c — any model's output across a sweep, in the shape the
 * points allow: a line with bands when one input varies on a grid, heatmaps
 * of the mean and of the 90 % band width when two do, and otherwise (three
 * or more inputs, or a sampled design such as a Latin hypercube) a scatter
 * of every point against each input, one panel per input. */
#include "plots/charts_sweep.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "plots/chart_common.h"
#include "plots/gp.h"
#include "plots/tics.h"
#include "sim/results/labels.h"

/* More panels than this would be too small to read; portee sweeps at most 8 inputs. */
#define MAX_PANELS 8
/* Error bars stay apart up to about this many points; beyond, they are drawn faint. */
#define MAX_CLEAR_BARS 60
/* Up to this many values on an axis, the tics may sit on the values themselves. */
#define MAX_VALUE_TICS 12
/* The smallest terminal's image (the PDF's, 24 cm at 10 pt) in characters
 * across and lines down, for fitting labels. */
#define SCREEN_CHARS 120
#define SCREEN_LINES 34

static bool wide_positive(const double *v, size_t n, size_t stride)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        lo = fmin(lo, v[i * stride]);
        hi = fmax(hi, v[i * stride]);
    }
    return lo > 0 && hi / lo >= 20;
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

/* The x axis of a line or a panel: the range [x0, x1] with a margin
 * (gnuplot pads only autoscaled ranges, and the first and last points must
 * not sit on the frame), tics on a grid's few values when their labels fit
 * (SORTED, in increasing order), at round numbers otherwise. */
static void x_axis(const portee_chart_ctx_t *c, const char *path, const keyed_t *sorted, uint64_t P, double x0,
                   double x1, bool grid_values, bool log_x, double room)
{
    FILE *b = c->body;
    const double pad = log_x ? pow(x1 / x0, 0.05) : 0.05 * (x1 - x0);
    portee_tics_axis_t ax = {log_x ? x0 / pad : x0 - pad, log_x ? x1 * pad : x1 + pad, log_x, room, true, c->lang,
                             portee_chart_unit_scale(portee_chart_param_unit(c, path))};
    fprintf(b, "%s logscale x\nset xrange [%.17g:%.17g]\n", log_x ? "set" : "unset", ax.lo, ax.hi);
    double t[MAX_VALUE_TICS + 1];
    size_t n = 0;
    for (uint64_t i = 0; grid_values && i < P && n <= MAX_VALUE_TICS; i++)
        if (i == 0 || sorted[i].v != sorted[i - 1].v) t[n++] = sorted[i].v;
    if (grid_values && n <= MAX_VALUE_TICS && portee_tics_fit(&ax, t, t, n)) portee_tics_at(b, "xtics", &ax, t, t, n);
    else portee_tics_round(b, "xtics", &ax, sorted[0].v, sorted[P - 1].v);
}

/* Y tics over [lo, hi] at round numbers in the chart's language; the
 * output's unit says whether they are shares (shown in %). */
static void y_tics(const portee_chart_ctx_t *c, const portee_results_output_t *o, double lo, double hi, bool log_y)
{
    portee_chart_round_tics(c, "ytics", lo, hi, log_y, portee_chart_unit_scale(o->units));
}

/* ---- one input: a line with bands ---- */

static int sweep_line(const portee_chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                      size_t output, const char *what, size_t ax)
{
    const portee_results_t *r = c->results;
    const uint64_t P = r->n_points;
    /* sweep lists keep the order they were written in, and bands drawn in
     * that order would fold back on themselves */
    keyed_t *k = sorted_axis(r, ax);
    FILE *d = k ? portee_chart_dat_open(c, name) : NULL, *b = c->body;
    if (!d) {
        free(k);
        return -1;
    }
    fputs("# swept_value mean p05 p25 p50 p75 p95  (in increasing order of the swept value)\n", d);
    double low = INFINITY, high = -INFINITY, mlo = INFINITY, mhi = -INFINITY, plo = INFINITY;
    for (uint64_t i = 0; i < P; i++) {
        const portee_summary_t *s = &tot->rows[k[i].p];
        fprintf(d, "%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", k[i].v, s->mean, s->p05, s->p25, s->p50,
                s->p75, s->p95);
        low = fmin(low, s->p05);
        high = fmax(high, s->p95);
        mlo = fmin(mlo, s->mean);
        mhi = fmax(mhi, s->mean);
        if (s->p05 > 0) plo = fmin(plo, s->p05);
    }
    if (portee_chart_dat_close(d)) {
        free(k);
        return -1;
    }
    char title[512], label[256], ylabel[300];
    const bool log_x = wide_positive(r->axis_values + ax, P, r->n_axes);
    /* on a log x axis, a linear y turns a proportional relation into a
     * hockey stick: the y scale is log too when the means span a decade
     * or more and are positive, and the axis label says so */
    const bool log_y = log_x && mlo > 0 && mhi / mlo >= 10 && isfinite(plo);
    snprintf(title, sizeof title, portee_tr(c->lang, "%s by %s"), portee_tr(c->lang, what),
             portee_label(r->axes[ax], c->lang));
    portee_chart_start(c, title);
    portee_chart_param_axis(c, r->axes[ax], label, sizeof label);
    portee_chart_set_text(b, "xlabel", label);
    portee_chart_output_axis(c, output, label, sizeof label);
    if (log_y) snprintf(ylabel, sizeof ylabel, portee_tr(c->lang, "%s, log scale"), label);
    else snprintf(ylabel, sizeof ylabel, "%s", label);
    portee_chart_set_text(b, "ylabel", ylabel);
    x_axis(c, r->axes[ax], k, P, k[0].v, k[P - 1].v, true, log_x, SCREEN_CHARS - 18); /* lmargin 12, rmargin 6 */
    free(k);
    fputs("set key below horizontal noopaque nobox samplen 4 spacing 1.3 height 1.5\n", b); /* clear of the x label */
    if (log_y) {
        /* p05 of 0 has no place on a log axis: the band starts at the floor */
        const double floor_y = pow(10, floor(log10(plo)));
        fprintf(b, "set logscale y\nset yrange [%.17g:%.17g]\n", floor_y, high * 1.3);
        y_tics(c, tot, floor_y, high * 1.3, true);
    } else {
        const double y0 = low >= 0 ? 0 : low - 0.05 * (high - low), y1 = high + 0.05 * (high - low);
        if (y1 > y0) fprintf(b, "set yrange [%.17g:%.17g]\n", y0, y1);
        y_tics(c, tot, y0, y1, false);
    }
    portee_chart_plot_bands_tr(c, name, "replicates", log_y ? pow(10, floor(log10(plo))) : NAN);
    fprintf(b, "     '' using 1:2 with linespoints pt 7 ps 1.2 lc rgb '%s' lw 3 title ", GP_BLUE);
    portee_gp_quote(b, portee_tr(c->lang, "mean"));
    fputc('\n', b);
    return 1;
}

/* ---- two inputs on a full grid: heatmaps of the mean and of the band width ---- */

/* The image part of a heatmap panel, from the bottom margin to the top
 * one (screen 0.13 to 0.86), in lines of the smallest terminal. */
#define HEAT_LINES (SCREEN_LINES * 0.73)

/* Tics at the N cells of a heatmap axis, labelled with axis a's values
 * (cell i is point i*stride), in the chart's language.  Every value is
 * labelled: side by side when they fit, else (x) turned by 45 degrees, which
 * needs about a line each; some left out only when even that is too
 * little room.  ROOM: the axis's length in characters, or lines.  Returns
 * whether the x labels were turned, -1 when out of memory. */
static int cell_tics(const portee_chart_ctx_t *c, const char *axis, size_t a, size_t stride, size_t n,
                     double room, bool across)
{
    const portee_results_t *r = c->results;
    double *t = malloc(2 * n * sizeof *t), *at = t + n;
    if (!t) return -1;
    for (size_t i = 0; i < n; i++) {
        t[i] = r->axis_values[i * stride * r->n_axes + a];
        at[i] = (double)i;
    }
    const double scale = portee_chart_unit_scale(portee_chart_param_unit(c, r->axes[a]));
    portee_tics_axis_t ax = {-0.5, (double)n - 0.5, false, room, across, c->lang, scale};
    int turned = 0;
    if (across && !portee_tics_fit(&ax, t, at, n)) {
        /* turned labels stand a line apart, about two characters */
        ax.room = room / 2;
        ax.across = false;
        turned = 1;
        fprintf(c->body, "set %s rotate by 45 right\n", axis);
    }
    portee_tics_at(c->body, axis, &ax, t, at, n);
    free(t);
    return turned;
}

/* A heatmap panel's colours.  Both panels use the same kind of scale, so
 * that equal steps of colour mean the same in both: log only when both
 * span two decades and more (a linear one would then leave most cells one
 * colour), and the colour bar's label says so. */
typedef struct {
    double lo, hi;
    bool log;
    double unit_scale; /* 100 for shares shown in % */
} heat_scale_t;

static heat_scale_t heat_scale(const double *v, size_t n, double unit_scale)
{
    heat_scale_t s = {INFINITY, -INFINITY, false, unit_scale};
    for (size_t i = 0; i < n; i++) {
        s.lo = fmin(s.lo, v[i]);
        s.hi = fmax(s.hi, v[i]);
    }
    if (!(s.lo <= s.hi)) s.lo = 0, s.hi = 1; /* no finite cell */
    s.log = s.lo > 0 && s.hi / s.lo >= 100;
    return s;
}

/* The cell label of v: the reader's rounding, in the chart's language. */
static void cell_text(const portee_chart_ctx_t *c, const heat_scale_t *s, double v, char *buf, size_t len)
{
    portee_chart_num(c, v * s->unit_scale, buf, len);
}

/* One heatmap panel of column COL of NAME.dat, whose cells are n0 x n1
 * (values V, cell (i, j) at i*n1 + j), with margins LM and RM and an image
 * WIDTH characters wide; the values are printed in the cells when they
 * fit, as labels written here (gnuplot's sprintf knows no thousands). */
static void heat_panel(const portee_chart_ctx_t *c, const char *name, int col, const heat_scale_t *s,
                       const double *v, size_t n0, size_t n1, size_t lm, size_t rm, double width,
                       const char *title, const char *cblabel)
{
    FILE *b = c->body;
    /* margins in characters, so that every terminal's font fits */
    fprintf(b, "set lmargin %zu\nset rmargin %zu\n%s logscale cb\n", lm, rm, s->log ? "set" : "unset");
    portee_chart_set_text(b, "title", title);
    fputs("set cblabel ", b);
    portee_gp_quote(b, cblabel);
    const double hi = s->hi > s->lo ? s->hi : s->lo + 1;
    fprintf(b, " offset 2,0\nset cbrange [%.17g:%.17g]\n", s->lo, hi);
    portee_chart_round_tics(c, "cbtics", s->lo, hi, s->log, s->unit_scale);
    size_t widest = 0;
    for (size_t p = 0; p < n0 * n1; p++) {
        char text[64];
        cell_text(c, s, v[p], text, sizeof text);
        if (strlen(text) > widest) widest = strlen(text);
    }
    fputs("unset label\n", b);
    if ((double)(n0 * (widest + 1)) <= width && (double)n1 <= HEAT_LINES / 2) {
        /* dark text on the light half of viridis, light on the dark half */
        const double mid = s->log ? sqrt(s->lo * hi) : 0.5 * (s->lo + hi);
        for (size_t i = 0; i < n0; i++)
            for (size_t j = 0; j < n1; j++) {
                const double x = v[i * n1 + j];
                if (!isfinite(x)) continue;
                char text[64];
                cell_text(c, s, x, text, sizeof text);
                fputs("set label ", b);
                portee_gp_quote(b, text);
                fprintf(b, " at %zu, %zu center front tc rgb '%s'\n", i, j, x >= mid ? "#000000" : "#ffffff");
            }
    }
    fprintf(b, "plot '%s.dat' using 1:2:%d with image\n", name, col);
}

/* Side by side rather than as a second chart: the eye compares a cell's
 * mean and its uncertainty at the same place, and the report keeps one
 * page per chart. */
static int sweep_heatmap(const portee_chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                         size_t output, const char *what, size_t a0, size_t a1, size_t n0, size_t n1)
{
    const portee_results_t *r = c->results;
    const size_t A = r->n_axes, cells = n0 * n1;
    /* the other axes hold one value each, so cell (i, j) is point i*n1 + j */
    double *mean = malloc(2 * cells * sizeof *mean), *width = mean + cells;
    FILE *d = mean ? portee_chart_dat_open(c, name) : NULL, *b = c->body;
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
    if (portee_chart_dat_close(d)) {
        free(mean);
        return -1;
    }
    char title[512], label[300], cblabel[400], out[300];
    snprintf(title, sizeof title, portee_tr(c->lang, "%s over the sweep"), portee_tr(c->lang, what));
    portee_chart_start_panels(c, title, "1,2");
    portee_chart_param_axis(c, r->axes[a0], label, sizeof label);
    portee_chart_set_text(b, "xlabel", label);
    portee_chart_param_axis(c, r->axes[a1], label, sizeof label);
    portee_chart_set_text(b, "ylabel", label);
    /* both panels get the same margins and the same kind of colour scale */
    const double us = portee_chart_unit_scale(tot->units);
    heat_scale_t scale[2] = {heat_scale(mean, cells, us), heat_scale(width, cells, us)};
    scale[0].log = scale[1].log = scale[0].log && scale[1].log;
    size_t ytic_chars = 0;
    const double yscale = portee_chart_unit_scale(portee_chart_param_unit(c, r->axes[a1]));
    for (size_t j = 0; j < n1; j++) {
        portee_tics_label_in(label, sizeof label, r->axis_values[j * A + a1] * yscale, c->lang);
        if (strlen(label) > ytic_chars) ytic_chars = strlen(label);
    }
    size_t cb = 0;
    for (int k = 0; k < 2; k++) {
        portee_chart_num(c, scale[k].hi * us, label, sizeof label);
        if (strlen(label) + 2 > cb) cb = strlen(label) + 2;
    }
    /* gnuplot makes room for the colour bar and its tics itself, not for
     * its label: 8 characters on the right */
    const size_t lm = ytic_chars + 5, rm = 8;
    const double w = SCREEN_CHARS / 2.0 - (double)(lm + rm + cb + 4); /* the image, in characters */
    /* viridis: sequential and readable without colour vision */
    fputs("unset grid\nunset key\nset tics out nomirror\nset tmargin at screen 0.86\n"
          "set palette defined (0 '#440154', 1 '#3B528B', 2 '#21908C', 3 '#5DC863', 4 '#FDE725')\n", b);
    const int turned = cell_tics(c, "xtics", a0, n1, n0, w, true);
    if (turned < 0 || cell_tics(c, "ytics", a1, 1, n1, HEAT_LINES, false) < 0) {
        free(mean);
        return -1;
    }
    fprintf(b, "set bmargin at screen %s\n", turned ? "0.22" : "0.13");
    fprintf(b, "set xrange [-0.5:%g]\nset yrange [-0.5:%g]\n", n0 - 0.5, n1 - 0.5);
    portee_chart_output_axis(c, output, out, sizeof out);
    const char *log_note = scale[0].log ? portee_tr(c->lang, ", log colour scale") : "";
    snprintf(cblabel, sizeof cblabel, portee_tr(c->lang, "mean of %s%s"), out, log_note);
    heat_panel(c, name, 5, &scale[0], mean, n0, n1, lm, rm, w, portee_tr(c->lang, "mean over replicates"),
               cblabel);
    snprintf(cblabel, sizeof cblabel, portee_tr(c->lang, "p95 - p05 of %s%s"), out, log_note);
    fputs("unset ylabel\n", b); /* the left one names the shared axis */
    heat_panel(c, name, 8, &scale[1], width, n0, n1, lm, rm, w,
               portee_tr(c->lang, "width of the 90 % band (p95 - p05): larger is less certain"), cblabel);
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

static int sweep_scatter(const portee_chart_ctx_t *c, const char *name, const portee_results_output_t *tot,
                         size_t output, const char *what)
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
    FILE *d = portee_chart_dat_open(c, name), *b = c->body;
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
    if (portee_chart_dat_close(d) || !head) goto done;

    /* a row of up to three panels, else two rows; fixed margins so that
     * the shared y label and the note below have their own room */
    const size_t cols = np <= 3 ? np : (np + 1) / 2, rows = np <= 3 ? 1 : 2;
    char layout[160], title[512], ylabel[300], np_text[32];
    /* the top margin leaves room for a title of two lines */
    snprintf(layout, sizeof layout, "%zu,%zu margins 0.08,0.98,%s spacing 0.07,0.15", rows, cols,
             rows == 1 ? "0.17,0.85" : "0.15,0.86");
    portee_fmt_fixed(np_text, sizeof np_text, (double)P, 0, c->lang);
    if (grid) snprintf(title, sizeof title, portee_tr(c->lang, "%s at %s sweep points"), portee_tr(c->lang, what), np_text);
    else
        snprintf(title, sizeof title, portee_tr(c->lang, "%s at %s points (%s design)"), portee_tr(c->lang, what), np_text,
                 portee_tr(c->lang, design));
    portee_chart_start_panels(c, title, layout);
    portee_chart_output_axis(c, output, ylabel, sizeof ylabel);
    fputs("set label 1 ", b);
    portee_gp_quote(b, ylabel);
    fputs(" at screen 0.018, screen 0.5 center rotate by 90\n", b);
    bool shared = false;
    for (size_t i = 0; i < np; i++) shared |= n_values[i] < P;
    fputs("set label 2 ", b);
    portee_gp_quote(b, portee_tr(c->lang, shared ? "dots: mean over replicates at each sweep point; bars: 90 % of "
                                                   "replicates (p05 to p95); points sharing a value are spread sideways"
                                                 : "dots: mean over replicates at each sweep point; bars: 90 % of "
                                                   "replicates (p05 to p95)"));
    fprintf(b, " at screen 0.5, screen 0.03 center tc rgb '%s'\n", GP_GREY);
    /* the means over two decades and more, and some input on a log axis:
     * a linear y would squash all but the largest points to the floor
     * (the hockey stick), so y is log too, bars below its floor cut there,
     * and the y label says so */
    double mlo = INFINITY, mhi = -INFINITY, plo = INFINITY;
    bool any_log = false;
    for (uint64_t p = 0; p < P; p++) {
        mlo = fmin(mlo, tot->rows[p].mean);
        mhi = fmax(mhi, tot->rows[p].mean);
        if (tot->rows[p].p05 > 0) plo = fmin(plo, tot->rows[p].p05);
    }
    for (size_t i = 0; i < np; i++) any_log |= log_x[i];
    const bool log_y = any_log && mlo > 0 && mhi / mlo >= 100;
    const double floor_y = log_y ? pow(10, floor(log10(fmin(plo, mlo)))) : 0;
    const double pad = 0.05 * (hi - lo > 0 ? hi - lo : fabs(hi) + 1);
    const double y0 = log_y ? floor_y : lo >= 0 ? 0 : lo - pad, y1 = log_y ? hi * 1.3 : hi + pad;
    fprintf(b, "unset key\n%s logscale y\nset yrange [%.17g:%.17g]\nset errorbars %s\n", log_y ? "set" : "unset", y0,
            y1, P <= MAX_CLEAR_BARS ? "small" : "0");
    y_tics(c, tot, y0, y1, log_y);
    if (log_y) {
        char text[400];
        snprintf(text, sizeof text, portee_tr(c->lang, "%s, log scale"), ylabel);
        fputs("set label 1 ", b);
        portee_gp_quote(b, text);
        fputs(" at screen 0.018, screen 0.5 center rotate by 90\n", b);
    }
    char low_col[96];
    if (log_y) snprintf(low_col, sizeof low_col, "($%d > %.17g ? $%d : %.17g)", (int)A + 2, floor_y, (int)A + 2, floor_y);
    else snprintf(low_col, sizeof low_col, "%d", (int)A + 2);
    /* many bars are drawn faint: together they still show the spread */
    const char *bar = P <= MAX_CLEAR_BARS ? "#0056B4E9" : "#9056B4E9";
    const double ps = P <= 16 ? 1.1 : P <= MAX_CLEAR_BARS ? 0.75 : 0.5; /* dots that stay apart */
    for (size_t i = 0; i < np; i++) {
        const size_t a = panel[i];
        const int xs = (int)(A + 4 + a), m = (int)A + 1;
        char xlabel[300];
        portee_chart_param_axis(c, r->axes[a], xlabel, sizeof xlabel);
        portee_chart_set_text(b, "xlabel", xlabel);
        fputs("set xtics autofreq\n", b);
        x_axis(c, r->axes[a], sorted[i], P, shown[sorted[i][0].p * A + a], shown[sorted[i][P - 1].p * A + a], grid, log_x[i],
               SCREEN_CHARS * (0.90 - 0.07 * (double)(cols - 1)) / (double)cols);
        fprintf(b, "plot '%s.dat' using %d:%d:%s:%d with yerrorbars pt 0 lc rgb '%s' lw 1.5, \\\n"
                   "     '' using %d:%d with points pt 7 ps %g lc rgb '%s'\n",
                name, xs, m, low_col, m + 2, bar, xs, m, ps, GP_BLUE);
        if (i == 0) fputs("unset label 1\nunset label 2\n", b); /* drawn once, not per panel */
    }
    fputs("unset multiplot\n", b);
    made = 1;
done:
    for (size_t i = 0; i < np; i++) free(sorted[i]);
    free(shown);
    return made;
}

int portee_chart_sweep_of(const portee_chart_ctx_t *c, const char *name, size_t output, const char *what)
{
    const portee_results_t *r = c->results;
    if (!r || r->n_points < 2 || r->n_axes < 1) return 0;
    /* a caller's text the French table lacks: the output's own label,
     * which it has, rather than English in a French chart */
    if (c->lang != PORTEE_LANG_EN && !portee_tr_has(what)) what = portee_chart_output_label(c, output);
    const portee_results_output_t *tot = portee_chart_output(c, output);
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
    else if (grid && nv == 1) made = sweep_line(c, name, tot, output, what, vary[0]);
    else if (grid && nv == 2) made = sweep_heatmap(c, name, tot, output, what, vary[0], vary[1], n[vary[0]], n[vary[1]]);
    else made = sweep_scatter(c, name, tot, output, what);
    free(n);
    return made;
}
