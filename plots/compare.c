/* compare.c — several scenarios on one chart per shared output (compare.h). */
#include "plots/compare.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "plots/gp.h"
#include "plots/source.h"
#include "sim/results/labels.h"

/* One colour per scenario, the same in every chart. */
static const char *const colours[PORTEE_COMPARE_MAX] = {GP_BLUE, GP_ORANGE, GP_GREEN,
                                                        GP_VERMILLION, GP_PURPLE, GP_SKY};

/* More charts than the models have outputs. */
#define MAX_CHARTS 96

typedef struct {
    const portee_results_t *r[PORTEE_COMPARE_MAX];
    char label[PORTEE_COMPARE_MAX][320]; /* legend text: name, file when names repeat, sweep point */
    size_t n;
    portee_lang_t lang;
    const char *currency;
    bool one_currency;
} cmp_t;

typedef struct {
    const portee_model_t *model;
    size_t output;
    char name[160]; /* MODEL_OUTPUT: the files' names */
} cmp_chart_t;

/* ---- finding an output in each file ---- */

static const portee_results_model_t *find_model(const portee_results_t *r, const char *model)
{
    for (size_t m = 0; m < r->n_models; m++)
        if (!strcmp(r->models[m].name, model)) return &r->models[m];
    return NULL;
}

static const portee_results_output_t *find_value(const portee_results_t *r, const char *model, const char *name)
{
    const portee_results_model_t *m = find_model(r, model);
    for (size_t o = 0; m && o < m->n_outputs; o++)
        if (!strcmp(m->outputs[o].name, name)) return m->outputs[o].rows[0].n ? &m->outputs[o] : NULL;
    return NULL;
}

static const portee_results_series_t *find_series(const portee_results_t *r, const char *model, const char *name)
{
    const portee_results_model_t *m = find_model(r, model);
    for (size_t o = 0; m && o < m->n_series; o++)
        if (!strcmp(m->series[o].name, name))
            return m->series[o].n_steps && m->series[o].rows[0].n ? &m->series[o] : NULL;
    return NULL;
}

/* Whether every file holds output o of model m at its first point. */
static bool shared(const cmp_t *c, const portee_model_t *m, size_t o)
{
    const portee_output_def_t *def = &m->outputs[o];
    if (!c->one_currency && portee_unit_kind(def->unit) == PORTEE_UNIT_MONEY) return false;
    for (size_t k = 0; k < c->n; k++)
        if (portee_output_is_series(def) ? !find_series(c->r[k], m->name, def->name)
                                         : !find_value(c->r[k], m->name, def->name))
            return false;
    return true;
}

/* ---- the legend's names ---- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The unit of a sweep axis ("boost.budget", "page.followers"). */
static const char *axis_unit(const char *path)
{
    const char *dot = strchr(path, '.');
    if (!dot) return "";
    const portee_registry_t *reg = &portee_registry;
    if (!strncmp(path, "page.", 5)) {
        const int i = portee_registry_page_index(reg, dot + 1);
        return i >= 0 ? reg->page[i].unit : "";
    }
    for (size_t m = 0; m < reg->n_models; m++) {
        const portee_model_t *model = reg->models[m];
        if (strlen(model->name) != (size_t)(dot - path) || strncmp(model->name, path, (size_t)(dot - path))) continue;
        const int p = portee_model_param_index(model, dot + 1);
        if (p >= 0) return model->params[p].unit;
    }
    return "";
}

/* "budget_sweep (point 1 of 7: budget $10)" for a sweep, else the name. */
static void make_label(cmp_t *c, size_t k, const char *h5, bool add_file)
{
    const portee_results_t *r = c->r[k];
    char *b = c->label[k];
    const size_t len = sizeof c->label[k];
    int used = snprintf(b, len, "%s", r->scenario_name && *r->scenario_name ? r->scenario_name : base_name(h5));
    if (add_file && used >= 0 && (size_t)used < len)
        used += snprintf(b + used, len - (size_t)used, " (%s)", base_name(h5));
    if (r->n_points < 2 || used < 0 || (size_t)used >= len) return;
    char values[256] = "";
    size_t v = 0;
    for (size_t a = 0; a < r->n_axes && a < 3 && v < sizeof values; a++) {
        char one[128];
        portee_label_value(one, sizeof one, r->axes[a], axis_unit(r->axes[a]), r->axis_values[a], c->currency,
                           c->lang);
        v += (size_t)snprintf(values + v, sizeof values - v, "%s%s", a ? ", " : "", one);
    }
    snprintf(b + used, len - (size_t)used, portee_tr(c->lang, " (point 1 of %llu: %s)"),
             (unsigned long long)r->n_points, values);
}

/* ---- numbers on the axes ---- */

/* A step of 1, 2 or 5 times a power of ten giving about `target` tics over span. */
static double nice_step(double span, double target, int *decimals)
{
    if (!(span > 0)) span = 1;
    const double raw = span / target, mag = pow(10, floor(log10(raw))), f = raw / mag;
    const double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    const int d = (int)-floor(log10(step) + 1e-9);
    *decimals = d > 0 ? d : 0;
    return step;
}

/* `set AXIS range and tics` over [lo, hi] (at zero when nothing is below),
 * labels written as the reader's language writes numbers, SCALE times the
 * value (100 for shares shown in %).  MIN_STEP: 1 for whole steps. */
static void axis_tics(FILE *g, const char *axis, double lo, double hi, double scale, double min_step,
                      portee_lang_t lang)
{
    if (!isfinite(lo) || !isfinite(hi)) return;
    if (lo >= 0 && strcmp(axis, "x") != 0) lo = 0; /* a drift of 3 % must not look like a crash */
    if (scale == 100 && hi > 1 && hi < 1.1) hi = 1; /* a share's axis stops at 100 % */
    if (hi <= lo) hi = lo + (lo ? fabs(lo) : 1);
    int decimals;
    double step = nice_step((hi - lo) * scale, 6, &decimals) / scale;
    if (step < min_step) {
        step = min_step;
        decimals = 0;
    }
    /* a y axis ends on tics; an x axis where the steps end */
    const bool x = !strcmp(axis, "x");
    const double first = x ? ceil(lo / step - 1e-9) * step : floor(lo / step + 1e-9) * step,
                 last = x ? floor(hi / step + 1e-9) * step : ceil(hi / step - 1e-9) * step;
    fprintf(g, "set %srange [%.17g:%.17g]\nset %stics (", axis, x ? lo : first, x ? hi : last, axis);
    for (int i = 0; first + i * step <= last + step * 1e-9 && i < 40; i++) {
        char num[64];
        const double v = first + i * step;
        const bool zero = fabs(v) < step * 1e-6;
        portee_fmt_fixed(num, sizeof num, zero ? 0 : v * scale, zero ? 0 : decimals, lang);
        fputs(i ? ", " : "", g);
        portee_gp_quote(g, num);
        fprintf(g, " %.17g", v);
    }
    fputs(")\n", g);
}

/* ---- one chart ---- */

static void start(FILE *g, const char *title, const char *ylabel)
{
    fputs("reset\n", g);
    portee_gp_style(g);
    /* title and the note on how to read the chart above the plot, as labels:
     * gnuplot's title would sit on the note */
    fputs("set label 98 ", g);
    portee_gp_quote(g, title);
    fputs(" at screen 0.5, screen 0.955 center font ',16'\nset tmargin at screen 0.87\nset ylabel ", g);
    portee_gp_quote(g, ylabel);
    fputc('\n', g);
}

/* The line under the title saying how to read the chart. */
static void note(FILE *g, const char *text)
{
    fputs("set label 99 ", g);
    portee_gp_quote(g, text);
    fputs(" at screen 0.5, screen 0.905 center font ',11' tc rgb '#444444'\n", g);
}

/* TEXT as a gnuplot string broken into lines of about WIDTH characters
 * (at spaces): quoted pieces joined by "\n".  Returns the number of lines. */
static int quote_wrapped(FILE *g, const char *text, size_t width)
{
    char line[320];
    int lines = 0;
    while (*text) {
        size_t len = 0, chars = 0, cut = 0;
        for (; text[len] && (chars < width || !cut); len++) {
            if (text[len] == ' ') cut = len;
            chars += ((unsigned char)text[len] & 0xC0) != 0x80; /* UTF-8: count characters, not bytes */
        }
        if (!text[len]) cut = len;
        snprintf(line, sizeof line, "%.*s", (int)cut, text);
        fputs(lines++ ? ".\"\\n\"." : "", g);
        portee_gp_quote(g, line);
        text += cut;
        while (*text == ' ') text++;
    }
    return lines;
}

/* TEXT quoted, cut to WIDTH characters with an ellipsis. */
static void quote_cut(FILE *g, const char *text, size_t width)
{
    char line[320];
    size_t len = 0, chars = 0;
    for (; text[len] && len + 4 < sizeof line; len++) {
        if (((unsigned char)text[len] & 0xC0) != 0x80 && ++chars > width) break;
        line[len] = text[len];
    }
    snprintf(line + len, sizeof line - len, "%s", text[len] ? "\u2026" : "");
    portee_gp_quote(g, line);
}

/* Single values: box and whiskers per scenario. */
static void value_chart(const cmp_t *c, const cmp_chart_t *ch, FILE *d, FILE *g, const char *ylabel,
                       const char *title)
{
    const portee_output_def_t *def = &ch->model->outputs[ch->output];
    fprintf(d, "# %s.%s (%s) at the first point of each file: scenario, then mean p05 p25 p50 p75 p95 n\n",
            ch->model->name, def->name, def->unit);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < c->n; k++) {
        const portee_summary_t *s = &find_value(c->r[k], ch->model->name, def->name)->rows[0];
        fprintf(d, "%zu \"", k + 1);
        for (const char *p = c->label[k]; *p; p++) fputc(*p == '"' || *p == '\n' ? '\'' : *p, d);
        fprintf(d, "\" %.17g %.17g %.17g %.17g %.17g %.17g %llu\n", s->mean, s->p05, s->p25, s->p50, s->p75,
                s->p95, (unsigned long long)s->n);
        lo = fmin(lo, fmin(s->p05, s->mean));
        hi = fmax(hi, fmax(s->p95, s->mean));
    }
    start(g, title, ylabel);
    const double scale = portee_unit_kind(def->unit) == PORTEE_UNIT_SHARE ? 100 : 1;
    if (hi > lo) {
        const double pad = 0.05 * (hi - lo);
        axis_tics(g, "y", lo < 0 ? lo - pad : lo, hi + pad, scale, 0, c->lang);
    } else {
        axis_tics(g, "y", lo, hi, scale, 0, c->lang);
    }
    /* a scenario's name under its box, broken into lines so that names
     * never run into one another (as labels: a tic label holds 50 bytes) */
    fprintf(g, "set xrange [0.4:%.1f]\nset grid noxtics ytics\nset boxwidth 0.3\nset key off\nunset xtics\n",
            (double)c->n + 0.6);
    int lines = 1;
    for (size_t k = 0; k < c->n; k++) {
        fprintf(g, "set label %zu ", k + 1);
        const int l = quote_wrapped(g, c->label[k], 110 / c->n);
        if (l > lines) lines = l;
        fprintf(g, " at first %zu, graph 0 center offset 0,-1.2 tc rgb '#333333'\n", k + 1);
    }
    fprintf(g, "set bmargin %d\n", lines + 2);
    note(g, portee_tr(c->lang, "box: middle half of the replicates (25-75 %); whiskers: 90 % (5-95 %); "
                               "line: median; dot: mean"));
    fputs("plot ", g);
    for (size_t k = 0; k < c->n; k++) {
        fprintf(g, "'%s.dat' every ::%zu::%zu using 1:5:4:8:7 with candlesticks whiskerbars 0.6 lc rgb '%s' "
                   "lw 2 fs transparent solid 0.30 border notitle, \\\n"
                   "     '' every ::%zu::%zu using 1:6:6:6:6 with candlesticks lc rgb '%s' lw 3 notitle, \\\n     ",
                ch->name, k, k, colours[k], k, k, colours[k]);
    }
    fputs("'' using 1:3 with points pt 7 ps 1.8 lc rgb '#222222' notitle\n", g);
}

/* The x axis of a series, by what one step is (the models' `step`). */
static const char *step_label(const char *step, portee_lang_t lang)
{
    static const char *const steps[][2] = {
        {"hour", "hours after posting"},
        {"week", "weeks since the start"},
        {"year", "years since the start"},
        {"exposures", "times shown (the last value: that many or more)"},
        {"posts seen", "posts seen (the last value: that many or more)"},
        {"adoption year", "year the organisation joins"},
    };
    for (size_t i = 0; step && i < sizeof steps / sizeof *steps; i++)
        if (!strcmp(step, steps[i][0])) return portee_tr(lang, steps[i][1]);
    return portee_tr(lang, "step of the series");
}

/* Series: each scenario's mean and 90 % band over the steps any file has. */
static void series_chart(const cmp_t *c, const cmp_chart_t *ch, FILE *d, FILE *g, const char *ylabel,
                        const char *title)
{
    const portee_output_def_t *def = &ch->model->outputs[ch->output];
    const portee_results_series_t *s[PORTEE_COMPARE_MAX];
    uint64_t first = UINT64_MAX, end = 0;
    for (size_t k = 0; k < c->n; k++) {
        s[k] = find_series(c->r[k], ch->model->name, def->name);
        if (s[k]->first_step < first) first = s[k]->first_step;
        if (s[k]->first_step + s[k]->n_steps > end) end = s[k]->first_step + s[k]->n_steps;
    }
    fprintf(d, "# %s.%s (%s) at the first point of each file, by %s: then mean p05 p95 of each scenario:",
            ch->model->name, def->name, def->unit, def->step ? def->step : "step");
    for (size_t k = 0; k < c->n; k++) fprintf(d, " \"%s\"", c->label[k]);
    fputc('\n', d);
    double lo = INFINITY, hi = -INFINITY;
    for (uint64_t t = first; t < end; t++) {
        fprintf(d, "%llu", (unsigned long long)t);
        for (size_t k = 0; k < c->n; k++) {
            if (t < s[k]->first_step || t >= s[k]->first_step + s[k]->n_steps) {
                fputs(" NaN NaN NaN", d);
                continue;
            }
            const portee_summary_t *x = &s[k]->rows[t - s[k]->first_step];
            fprintf(d, " %.17g %.17g %.17g", x->mean, x->p05, x->p95);
            lo = fmin(lo, fmin(x->p05, x->mean));
            hi = fmax(hi, fmax(x->p95, x->mean));
        }
        fputc('\n', d);
    }
    start(g, title, ylabel);
    fputs("set xlabel ", g);
    portee_gp_quote(g, step_label(def->step, c->lang));
    fputc('\n', g);
    axis_tics(g, "x", (double)first, (double)(end - 1), 1, 1, c->lang);
    axis_tics(g, "y", lo, hi + 0.05 * (hi - lo), portee_unit_kind(def->unit) == PORTEE_UNIT_SHARE ? 100 : 1, 0,
              c->lang);
    size_t longest = 0;
    for (size_t k = 0; k < c->n; k++) longest = strlen(c->label[k]) > longest ? strlen(c->label[k]) : longest;
    fprintf(g, "set key below horizontal left reverse Left noopaque nobox maxcols %d\n", longest > 60 ? 1 : longest > 38 ? 2 : 3);
    /* an entry wider than the image is not drawn at all, and the key has no
     * room for an entry of two lines: the longest names are cut (whole in the .dat) */
    note(g, portee_tr(c->lang, "lines: mean of the replicates; shaded: 90 % of them (5-95 %)"));
    fputs("plot ", g);
    for (size_t k = 0; k < c->n; k++) {
        const size_t col = 2 + 3 * k;
        fprintf(g, "%s'%s.dat' using 1:%zu:%zu with filledcurves lc rgb '%s' fs transparent solid 0.18 notitle, \\\n"
                   "     '' using 1:%zu with lines lc rgb '%s' lw 3 title ",
                k ? ", \\\n     " : "", ch->name, col + 1, col + 2, colours[k], col, colours[k]);
        quote_cut(g, c->label[k], 100);
    }
    fputc('\n', g);
}

/* NAME.dat and NAME.gp of one chart. */
static portee_status_t write_chart(const cmp_t *c, const cmp_chart_t *ch, const portee_plot_opts_t *o,
                                   const char *const *h5, portee_error_t *err)
{
    const portee_output_def_t *def = &ch->model->outputs[ch->output];
    char path[4400], ylabel[256], title[512], what[512];
    char key[160];
    snprintf(key, sizeof key, "%s.%s", ch->model->name, def->name);
    portee_label_axis(ylabel, sizeof ylabel, key, def->unit, c->currency, c->lang);
    snprintf(title, sizeof title, portee_tr(c->lang, "%s: the scenarios compared"), portee_label(key, c->lang));
    snprintf(what, sizeof what, "%s of %zu scenarios compared", key, c->n);
    snprintf(path, sizeof path, "%s/%s.dat", o->dir, ch->name);
    FILE *d = fopen(path, "w");
    if (!d) return portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
    snprintf(path, sizeof path, "%s/%s.gp", o->dir, ch->name);
    FILE *g = fopen(path, "w");
    if (!g) {
        fclose(d);
        return portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
    }
    char head[4400], image[300];
    int used = snprintf(head, sizeof head, "%s; written by portee %s from", what, PORTEE_VERSION);
    for (size_t k = 0; k < c->n && used > 0 && (size_t)used < sizeof head; k++)
        used += snprintf(head + used, sizeof head - (size_t)used, " %s", h5[k]);
    if (used > 0 && (size_t)used < sizeof head)
        snprintf(head + used, sizeof head - (size_t)used, "; render with: gnuplot %s.gp", ch->name);
    portee_gp_comment(g, head);
    snprintf(image, sizeof image, "%s.%s", ch->name, portee_gp_ext(o->format));
    portee_gp_terminal(g, o->format, image);
    if (portee_output_is_series(def)) series_chart(c, ch, d, g, ylabel, title);
    else value_chart(c, ch, d, g, ylabel, title);
    const bool bad_d = ferror(d) | fclose(d), bad_g = ferror(g) | fclose(g);
    if (bad_d || bad_g) return portee_fail(err, PORTEE_EIO, "%s: write error (disk full?)", o->dir);
    return PORTEE_OK;
}

/* ---- the whole comparison ---- */

static portee_status_t open_all(const char *const *h5, size_t n, portee_plot_source_t *src, cmp_t *c,
                                const char *lang, portee_error_t *err)
{
    for (size_t k = 0; k < n; k++) {
        portee_status_t st = portee_plot_source_open(h5[k], &src[k], err);
        c->n = k + 1; /* opened, even partly: closed by the caller */
        if (st) return st;
        if (src[k].is_fit)
            return portee_fail(err, PORTEE_EINPUT, "%s: a file of portee fit; --compare compares results files "
                                                   "of portee run",
                               h5[k]);
        portee_plot_source_close_file(&src[k]); /* the summaries are in memory */
        c->r[k] = src[k].results;
    }
    c->lang = c->r[0]->language;
    if (lang) portee_lang_parse(lang, &c->lang);
    c->currency = c->r[0]->currency;
    c->one_currency = true;
    for (size_t k = 1; k < n; k++) c->one_currency &= !strcmp(c->r[k]->currency, c->currency);
    for (size_t k = 0; k < n; k++) {
        bool repeated = false;
        for (size_t j = 0; j < n; j++)
            repeated |= j != k && c->r[j]->scenario_name && c->r[k]->scenario_name &&
                        !strcmp(c->r[j]->scenario_name, c->r[k]->scenario_name);
        make_label(c, k, h5[k], repeated);
    }
    return PORTEE_OK;
}

portee_status_t portee_compare(const char *const *h5, size_t n, const portee_plot_opts_t *o,
                               portee_plot_written_fn cb, void *ctx, portee_error_t *err)
{
    if (n < PORTEE_COMPARE_MIN || n > PORTEE_COMPARE_MAX)
        return portee_fail(err, PORTEE_EINPUT, "--compare takes %d to %d results files (got %zu)",
                           PORTEE_COMPARE_MIN, PORTEE_COMPARE_MAX, n);
    portee_plot_source_t src[PORTEE_COMPARE_MAX];
    cmp_t c = {0};
    cmp_chart_t charts[MAX_CHARTS];
    size_t n_charts = 0;
    portee_status_t st = open_all(h5, n, src, &c, o->lang, err);
    if (st) goto done;
    const portee_registry_t *reg = &portee_registry;
    for (size_t m = 0; m < reg->n_models; m++)
        for (size_t i = 0; i < reg->models[m]->n_outputs && n_charts < MAX_CHARTS; i++)
            if (shared(&c, reg->models[m], i)) {
                cmp_chart_t *ch = &charts[n_charts++];
                ch->model = reg->models[m];
                ch->output = i;
                snprintf(ch->name, sizeof ch->name, "%s_%s", ch->model->name, ch->model->outputs[i].name);
            }
    if (n_charts == 0) {
        if (n == 2)
            st = portee_fail(err, PORTEE_EINPUT, "%s and %s share no output to compare (they run different "
                                                 "models: compare scenarios with a model in common)",
                             h5[0], h5[1]);
        else
            st = portee_fail(err, PORTEE_EINPUT, "%s, %s...: these %zu files share no output to compare (no "
                                                 "model runs in all of them)",
                             h5[0], h5[1], n);
        goto done;
    }
    if ((st = portee_plot_make_dir(o->dir, err))) goto done;
    for (size_t i = 0; i < n_charts && !st; i++) st = write_chart(&c, &charts[i], o, h5, err);
    if (st) goto done;
    portee_error_t gerr;
    if (portee_gp_check(o->gnuplot, o->format, &gerr)) {
        st = portee_fail(err, PORTEE_ERUNTIME, "%s; the scripts are written: render them with "
                                               "`cd %s && for f in *.gp; do gnuplot \"$f\"; done`",
                         gerr.msg, o->dir);
        goto done;
    }
    for (size_t i = 0; i < n_charts && !st; i++) {
        if ((st = portee_plot_render(o, charts[i].name, err))) break;
        if (cb) {
            char image[4400], what[256], key[160];
            snprintf(image, sizeof image, "%s/%s.%s", o->dir, charts[i].name, portee_gp_ext(o->format));
            snprintf(key, sizeof key, "%s.%s", charts[i].model->name, charts[i].model->outputs[charts[i].output].name);
            snprintf(what, sizeof what, portee_tr(c.lang, "%s: the scenarios compared"), portee_label(key, c.lang));
            cb(ctx, image, what);
        }
    }
done:
    for (size_t k = 0; k < c.n; k++) portee_plot_source_close(&src[k]);
    return st;
}
