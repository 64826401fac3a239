/* chart_common.c — the helpers every chart file uses (chart_common.h) and
 * the dataset paths of a model's outputs (charts.h).  One report style:
 * plots/gp.c. */
#include "plots/chart_common.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "plots/gp.h"
#include "plots/tics.h"
#include "sim/results/labels.h"

/* ---- where the results writer keeps a model's data ---- */

/* snprintf into buf; false when it does not fit. */
static bool format_path(char *buf, size_t len, const char *a, const char *b, const char *c, const char *d)
{
    const int n = snprintf(buf, len, "%s/%s/%s%s%s", a, b, c, d ? "/" : "", d ? d : "");
    return n >= 0 && (size_t)n < len;
}

bool portee_chart_path(char *buf, size_t len, const portee_model_t *m, size_t output,
                       portee_chart_data_t data)
{
    if (!m || output >= m->n_outputs) return false;
    const portee_output_def_t *o = &m->outputs[output];
    const bool series = portee_output_is_series(o);
    switch (data) {
    case PORTEE_CHART_SUMMARY:
        return format_path(buf, len, m->name, series ? "series" : "summary", o->name, NULL);
    case PORTEE_CHART_REPLICATES:
        return format_path(buf, len, m->name, "replicates", o->name, NULL);
    case PORTEE_CHART_EDGES:
    case PORTEE_CHART_COUNTS:
        return !series && format_path(buf, len, m->name, "histogram", o->name,
                                      data == PORTEE_CHART_EDGES ? "edges" : "counts");
    }
    return false;
}

size_t portee_chart_ref(const portee_chart_t *chart, size_t k)
{
    return k < PORTEE_CHART_MAX_REFS && chart->refs[k].used ? chart->refs[k].output : SIZE_MAX;
}

const portee_results_output_t *portee_chart_output(const portee_chart_ctx_t *c, size_t output)
{
    const portee_results_t *r = c->results;
    if (!r || !c->model || output >= c->model->n_outputs) return NULL;
    const char *name = c->model->outputs[output].name;
    for (size_t m = 0; m < r->n_models; m++)
        for (size_t o = 0; o < r->models[m].n_outputs; o++)
            if (!strcmp(r->models[m].name, c->model->name) && !strcmp(r->models[m].outputs[o].name, name))
                return &r->models[m].outputs[o];
    return NULL;
}

const portee_results_series_t *portee_chart_series(const portee_chart_ctx_t *c, size_t output)
{
    const portee_results_t *r = c->results;
    if (!r || !c->model || output >= c->model->n_outputs) return NULL;
    const char *name = c->model->outputs[output].name;
    for (size_t m = 0; m < r->n_models; m++)
        for (size_t o = 0; o < r->models[m].n_series; o++)
            if (!strcmp(r->models[m].name, c->model->name) && !strcmp(r->models[m].series[o].name, name))
                return &r->models[m].series[o];
    return NULL;
}

bool portee_chart_summaries(const portee_chart_ctx_t *c, size_t output, uint64_t point,
                            portee_summary_t **s, size_t *n)
{
    char path[256];
    *s = NULL;
    return portee_chart_path(path, sizeof path, c->model, output, PORTEE_CHART_SUMMARY) &&
           portee_h5file_summaries(c->file, path, point, s, n);
}

bool portee_chart_replicates(const portee_chart_ctx_t *c, size_t output, uint64_t point, double **x,
                             size_t *n)
{
    char path[256];
    *x = NULL;
    return portee_chart_path(path, sizeof path, c->model, output, PORTEE_CHART_REPLICATES) &&
           portee_h5file_row(c->file, path, point, x, n);
}

double portee_chart_parameter(const portee_chart_ctx_t *c, size_t param, uint64_t point)
{
    char path[256];
    double x = NAN;
    if (c->model && param < c->model->n_params &&
        snprintf(path, sizeof path, "%s/parameters", c->model->name) < (int)sizeof path)
        portee_h5file_field(c->file, path, c->model->params[param].name, point, &x);
    return x;
}

/* MODEL/inputs/PARAM */
static bool inputs_path(const portee_chart_ctx_t *c, size_t param, char *buf, size_t len)
{
    return c->model && param < c->model->n_params &&
           format_path(buf, len, c->model->name, "inputs", c->model->params[param].name, NULL);
}

bool portee_chart_inputs(const portee_chart_ctx_t *c, size_t param, uint64_t point, double **x,
                         size_t *n)
{
    char path[256];
    *x = NULL;
    return inputs_path(c, param, path, sizeof path) && portee_h5file_row(c->file, path, point, x, n);
}

bool portee_chart_has_inputs(const portee_chart_ctx_t *c, size_t param)
{
    char path[256];
    return inputs_path(c, param, path, sizeof path) && portee_h5file_has(c->file, path);
}

bool portee_chart_axis_is(const portee_chart_ctx_t *c, size_t a, size_t param)
{
    const portee_results_t *r = c->results;
    if (!r || a >= r->n_axes || !r->axes[a] || !c->model || param >= c->model->n_params) return false;
    const size_t lm = strlen(c->model->name);
    return !strncmp(r->axes[a], c->model->name, lm) && r->axes[a][lm] == '.' &&
           !strcmp(r->axes[a] + lm + 1, c->model->params[param].name);
}

/* ---- the chart folder and the report style ---- */

FILE *portee_chart_dat_open(const portee_chart_ctx_t *c, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.dat", c->dir, name);
    return fopen(path, "w");
}

int portee_chart_dat_close(FILE *f) { return ferror(f) | fclose(f) ? -1 : 0; }

/* Title characters that fit across the smallest image at the title font:
 * longer titles (sampled designs, sweep points) break between words. */
#define TITLE_CHARS 80

static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && s[i]; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

void portee_chart_quote_wrapped(FILE *b, const char *text, size_t width)
{
    const char *line = text;
    for (;;) {
        const size_t rest = strlen(line);
        if (utf8_chars(line, rest) <= width) break;
        /* the last space within the width, else the first after it */
        const char *cut = NULL;
        for (const char *p = line; *p; p++) {
            if (*p != ' ') continue;
            if (utf8_chars(line, (size_t)(p - line)) > width && cut) break;
            cut = p;
        }
        if (!cut) break;
        char part[1024];
        snprintf(part, sizeof part, "%.*s", (int)(cut - line), line);
        portee_gp_quote(b, part);
        fputs(".\"\\n\".", b);
        line = cut + 1;
    }
    portee_gp_quote(b, line);
}

/* `reset`, the style, then PREFIX 'SCENARIO: title' in the title font */
static void start_titled(const portee_chart_ctx_t *c, const char *prefix, const char *title)
{
    FILE *b = c->body;
    fputs("reset\n", b);
    portee_gp_style(b);
    /* gnuplot's own numbers (gprintf, tics left to it) in the chart's language */
    if (c->lang == PORTEE_LANG_FR) fputs("set decimalsign ','\n", b);
    char full[1024];
    snprintf(full, sizeof full, "%s: %s",
             c->results->scenario_name ? c->results->scenario_name : "portee", title);
    fputs(prefix, b);
    portee_chart_quote_wrapped(b, full, TITLE_CHARS);
    fputs(" font ',16'\n", b);
}

void portee_chart_start(const portee_chart_ctx_t *c, const char *title) { start_titled(c, "set title ", title); }

void portee_chart_start_panels(const portee_chart_ctx_t *c, const char *title, const char *layout)
{
    char prefix[256];
    snprintf(prefix, sizeof prefix, "set multiplot layout %s title ", layout);
    start_titled(c, prefix, title);
}

void portee_chart_start_point0(const portee_chart_ctx_t *c, const char *title)
{
    char note[512], full[640];
    portee_chart_point_note(c, 0, note, sizeof note);
    snprintf(full, sizeof full, "%s%s", title, note);
    portee_chart_start(c, full);
}

void portee_chart_set_text(FILE *b, const char *what, const char *text)
{
    fprintf(b, "set %s ", what);
    portee_gp_quote(b, text);
    fputc('\n', b);
}

void portee_chart_point_note(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len)
{
    const portee_results_t *r = c->results;
    buf[0] = '\0';
    if (r->n_points < 2) return;
    char n1[32], n2[32];
    portee_fmt_fixed(n1, sizeof n1, (double)p + 1, 0, c->lang);
    portee_fmt_fixed(n2, sizeof n2, (double)r->n_points, 0, c->lang);
    size_t used = (size_t)snprintf(buf, len, portee_tr(c->lang, " (sweep point %s of %s:"), n1, n2);
    for (size_t a = 0; a < r->n_axes && used < len; a++) {
        char v[256];
        portee_chart_param_value(c, r->axes[a] ? r->axes[a] : "?", r->axis_values[p * r->n_axes + a], v,
                                 sizeof v);
        used += (size_t)snprintf(buf + used, len - used, "%s %s", a ? "," : "", v);
    }
    if (used < len) snprintf(buf + used, len - used, ")");
}

/* ---- readers' labels ---- */

static const char *unit_in(const portee_model_t *m, const char *name)
{
    const int j = m ? portee_model_param_index(m, name) : -1;
    return j >= 0 ? m->params[j].unit : NULL;
}

const char *portee_chart_param_unit(const portee_chart_ctx_t *c, const char *path)
{
    const char *dot = strrchr(path, '.'), *name = dot ? dot + 1 : path;
    const portee_registry_t *reg = &portee_registry;
    /* "boost.budget": that model's; "page.x" and bare names: anyone's */
    if (dot) {
        const size_t lm = (size_t)(dot - path);
        for (size_t i = 0; i < reg->n_models; i++)
            if (strlen(reg->models[i]->name) == lm && !strncmp(reg->models[i]->name, path, lm)) {
                const char *u = unit_in(reg->models[i], name);
                if (u) return u;
            }
    }
    const char *u = unit_in(c->model, name);
    if (u) return u;
    const int k = portee_registry_page_index(reg, name);
    if (k >= 0) return reg->page[k].unit;
    for (size_t i = 0; i < reg->n_models; i++)
        if ((u = unit_in(reg->models[i], name))) return u;
    return "";
}

void portee_chart_param_axis(const portee_chart_ctx_t *c, const char *path, char *buf, size_t len)
{
    portee_label_axis(buf, len, path, portee_chart_param_unit(c, path), c->currency, c->lang);
}

void portee_chart_param_value(const portee_chart_ctx_t *c, const char *path, double v, char *buf, size_t len)
{
    portee_label_value(buf, len, path, portee_chart_param_unit(c, path), v, c->currency, c->lang);
}

/* "model.name": the labels table tells names two models share apart by it */
static void output_path(const portee_chart_ctx_t *c, size_t output, char *buf, size_t len)
{
    snprintf(buf, len, "%s.%s", c->model->name, c->model->outputs[output].name);
}

void portee_chart_output_axis(const portee_chart_ctx_t *c, size_t output, char *buf, size_t len)
{
    char path[256];
    if (!c->model || output >= c->model->n_outputs) {
        snprintf(buf, len, "?");
        return;
    }
    output_path(c, output, path, sizeof path);
    portee_label_axis(buf, len, path, c->model->outputs[output].unit, c->currency, c->lang);
}

const char *portee_chart_output_label(const portee_chart_ctx_t *c, size_t output)
{
    char path[256];
    if (!c->model || output >= c->model->n_outputs) return "?";
    output_path(c, output, path, sizeof path);
    return portee_label(path, c->lang);
}

double portee_chart_unit_scale(const char *unit) { return portee_unit_kind(unit) == PORTEE_UNIT_SHARE ? 100 : 1; }

void portee_chart_num(const portee_chart_ctx_t *c, double v, char *buf, size_t len)
{
    portee_fmt_num(buf, len, v, c->lang);
}

void portee_chart_set_tr(const portee_chart_ctx_t *c, const char *what, const char *en)
{
    portee_chart_set_text(c->body, what, portee_tr(c->lang, en));
}

/* The smallest terminal's plot area (the PDF's), in characters across and
 * lines down: tics that fit there fit everywhere. */
#define PLOT_CHARS 100
#define PLOT_LINES 18

void portee_chart_round_tics(const portee_chart_ctx_t *c, const char *axis, double lo, double hi, bool log,
                             double scale)
{
    const bool across = axis[0] == 'x';
    const portee_tics_axis_t ax = {lo, hi, log, across ? PLOT_CHARS : PLOT_LINES, across, c->lang, scale};
    portee_tics_round(c->body, axis, &ax, lo, hi);
}

void portee_chart_plot_bands(FILE *b, const char *name, const char *of)
{
    fprintf(b, "plot '%s.dat' using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 "
               "title '90 %% of %s (5-95 %%)', \\\n"
               "     '' using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 "
               "title '50 %% of %s (25-75 %%)', \\\n",
            name, GP_SKY, of, GP_BLUE, of);
}

void portee_chart_plot_bands_tr(const portee_chart_ctx_t *c, const char *name, const char *of, double floor_y)
{
    FILE *b = c->body;
    char lo[64] = "3", mid[64] = "4", t90[256], t50[256];
    if (isfinite(floor_y)) { /* a log axis: no band edge below its floor */
        snprintf(lo, sizeof lo, "($3 > %.17g ? $3 : %.17g)", floor_y, floor_y);
        snprintf(mid, sizeof mid, "($4 > %.17g ? $4 : %.17g)", floor_y, floor_y);
    }
    snprintf(t90, sizeof t90, portee_tr(c->lang, "90 %% of %s (p05 to p95)"), portee_tr(c->lang, of));
    snprintf(t50, sizeof t50, portee_tr(c->lang, "50 %% of %s (p25 to p75)"), portee_tr(c->lang, of));
    fprintf(b, "plot '%s.dat' using 1:%s:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 title ", name, lo,
            GP_SKY);
    portee_gp_quote(b, t90);
    fprintf(b, ", \\\n     '' using 1:%s:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 title ", mid,
            GP_BLUE);
    portee_gp_quote(b, t50);
    fputs(", \\\n", b);
}
