/* chart_common.c — the helpers every chart file uses (chart_common.h) and
 * the dataset paths of a model's outputs (charts.h).  One report style:
 * plots/gp.c. */
#include "plots/chart_common.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plots/gp.h"

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

/* `reset`, the style, then PREFIX 'SCENARIO: title' in the title font */
static void start_titled(const portee_chart_ctx_t *c, const char *prefix, const char *title)
{
    FILE *b = c->body;
    fputs("reset\n", b);
    portee_gp_style(b);
    char full[1024];
    snprintf(full, sizeof full, "%s: %s",
             c->results->scenario_name ? c->results->scenario_name : "portee", title);
    fputs(prefix, b);
    portee_gp_quote(b, full);
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
    size_t used = (size_t)snprintf(buf, len, " (sweep point %llu of %llu:", (unsigned long long)p + 1,
                                   (unsigned long long)r->n_points);
    for (size_t a = 0; a < r->n_axes && used < len; a++)
        used += (size_t)snprintf(buf + used, len - used, "%s %s = %g", a ? "," : "", r->axes[a],
                                 r->axis_values[p * r->n_axes + a]);
    if (used < len) snprintf(buf + used, len - used, ")");
}

void portee_chart_plot_bands(FILE *b, const char *name, const char *of)
{
    fprintf(b, "plot '%s.dat' using 1:3:7 with filledcurves lc rgb '%s' fs transparent solid 0.30 "
               "title '90 %% of %s (5-95 %%)', \\\n"
               "     '' using 1:4:6 with filledcurves lc rgb '%s' fs transparent solid 0.35 "
               "title '50 %% of %s (25-75 %%)', \\\n",
            name, GP_SKY, of, GP_BLUE, of);
}
