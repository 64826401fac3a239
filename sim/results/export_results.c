/* export_results.c — a results file's summaries as tidy rows, and its
 * inputs (export.h). */
#include "sim/results/export.h"

#include <hdf5.h>
#include <stdlib.h>
#include <string.h>

#include "sim/results/h5common.h"
#include "sim/results/labels.h"
#include "sim/results/report.h"
#include "sim/scenario/scenario.h"

#define MAX_COLUMNS 48

/* A unit as the export's unit column says it: shares are stored 0 to 1. */
static void unit_column(char *buf, size_t len, const char *unit, const char *currency, portee_lang_t lang)
{
    if (!unit) buf[0] = '\0';
    else if (portee_unit_kind(unit) == PORTEE_UNIT_SHARE)
        snprintf(buf, len, "%s", portee_tr(lang, "share (0 to 1)"));
    else if (portee_unit_known(unit)) portee_unit_text(buf, len, unit, currency, lang);
    else snprintf(buf, len, "%s", unit);
}

typedef struct {
    portee_export_t *x;
    const portee_results_t *r;
    const portee_registry_t *reg;
    portee_lang_t lang;
    uint64_t rows;
} ctx_t;

/* One row: the point's columns, then the summary. */
static portee_status_t row(ctx_t *c, uint64_t p, const char *model, const char *name, const char *unit,
                           const char *step_kind, double step, const portee_summary_t *s, bool whole,
                           portee_error_t *err)
{
    const portee_results_t *r = c->r;
    portee_export_t *x = c->x;
    char path[160], u[160];
    snprintf(path, sizeof path, "%s.%s", model, name);
    unit_column(u, sizeof u, unit, r->currency, c->lang);
    portee_export_whole(x, (double)p);
    for (size_t a = 0; a < r->n_axes; a++) portee_export_num(x, r->axis_values[p * r->n_axes + a]);
    portee_export_text(x, model);
    portee_export_text(x, name);
    portee_export_text(x, portee_label(path, c->lang));
    portee_export_text(x, u);
    if (step_kind) {
        portee_export_whole(x, step);
        portee_export_text(x, portee_tr(c->lang, step_kind));
    } else {
        portee_export_text(x, NULL);
        portee_export_text(x, NULL);
    }
    portee_export_whole(x, (double)s->n);
    portee_export_num(x, s->mean);
    portee_export_num(x, s->sd);
    portee_export_num(x, s->se);
    const double q[5] = {s->p05, s->p25, s->p50, s->p75, s->p95};
    for (int k = 0; k < 5; k++) {
        if (whole) portee_export_whole(x, q[k]);
        else portee_export_num(x, q[k]);
    }
    c->rows++;
    return portee_export_row(x, err);
}

static portee_status_t model_rows(ctx_t *c, const portee_results_model_t *rm, portee_error_t *err)
{
    const portee_results_t *r = c->r;
    portee_status_t st = PORTEE_OK;
    for (uint64_t p = 0; p < r->n_points && !st; p++) {
        for (size_t o = 0; o < rm->n_outputs && !st; o++) {
            const portee_results_output_t *ro = &rm->outputs[o];
            if (ro->rows[p].n == 0) continue; /* not in this part of the run */
            st = row(c, p, rm->name, ro->name, ro->units, NULL, 0, &ro->rows[p], ro->def && ro->def->integer, err);
        }
        for (size_t o = 0; o < rm->n_series && !st; o++) {
            const portee_results_series_t *rs = &rm->series[o];
            const portee_output_def_t *def = portee_report_output_def(c->reg, rm->name, rs->name);
            for (uint64_t t = 0; t < rs->n_steps && !st; t++) {
                const portee_summary_t *s = &rs->rows[p * rs->n_steps + t];
                if (s->n == 0) continue;
                st = row(c, p, rm->name, rs->name, rs->units, rs->step ? rs->step : "step",
                         (double)(rs->first_step + t), s, def && def->integer, err);
            }
        }
    }
    return st;
}

/* The resolved scenario the file was run from (its /scenario text). */
static char *scenario_text(const char *path)
{
    char *out = NULL;
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return NULL;
    H5E_BEGIN_TRY
    {
        hid_t d = H5Dopen2(f, "scenario", H5P_DEFAULT);
        if (d >= 0) {
            hid_t str = portee_h5_string_type();
            char *text = NULL;
            if (H5Dread(d, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) >= 0 && text) {
                out = strdup(text);
                H5free_memory(text);
            }
            H5Tclose(str);
            H5Dclose(d);
        }
    }
    H5E_END_TRY;
    H5Fclose(f);
    return out;
}

/* "beta (mean 0.05, sd 0.01)" */
static void dist_text(char *buf, size_t len, const portee_dist_t *d, portee_lang_t lang)
{
    size_t nreq, used = 0;
    const char *const *fields = portee_dist_fields(d->kind, &nreq);
    used += (size_t)snprintf(buf, len, "%s (", portee_dist_kind_name(d->kind));
    for (size_t i = 0, k = 0; fields && fields[i] && i < PORTEE_DIST_MAXFIELDS && used < len; i++) {
        if (!d->present[i]) continue;
        char v[48];
        portee_fmt_sig(v, sizeof v, d->field[i], 6, lang);
        used += (size_t)snprintf(buf + used, len - used, "%s%s %s", k++ ? ", " : "", fields[i], v);
    }
    if (used < len) snprintf(buf + used, len - used, ")");
}

static const portee_sweep_axis_t *swept(const portee_scenario_t *sc, const char *path)
{
    for (size_t a = 0; a < sc->n_axes; a++)
        if (!strcmp(sc->axes[a].path, path)) return &sc->axes[a];
    return NULL;
}

static portee_status_t input_row(ctx_t *c, const portee_scenario_t *sc, const char *section,
                                 const portee_param_def_t *def, const portee_dist_t *d, portee_error_t *err)
{
    portee_export_t *x = c->x;
    char path[160], u[160];
    snprintf(path, sizeof path, "%s.%s", section, def->name);
    portee_export_text(x, section);
    portee_export_text(x, def->name);
    portee_export_text(x, portee_label(path, c->lang));
    const portee_sweep_axis_t *ax = swept(sc, path);
    if (ax && ax->n) {
        char lo[48], hi[48], text[200];
        portee_fmt_sig(lo, sizeof lo, ax->values[0], 6, c->lang);
        portee_fmt_sig(hi, sizeof hi, ax->values[ax->n - 1], 6, c->lang);
        snprintf(text, sizeof text, portee_tr(c->lang, "swept: %zu values, %s to %s"), ax->n, lo, hi);
        portee_export_text(x, NULL);
        portee_export_text(x, text);
    } else if (d->kind == PORTEE_DIST_CONST) {
        portee_export_num(x, d->field[0]);
        portee_export_text(x, NULL);
    } else {
        char text[200];
        dist_text(text, sizeof text, d, c->lang);
        portee_export_num(x, portee_dist_mean(d));
        portee_export_text(x, text);
    }
    unit_column(u, sizeof u, def->unit, sc->currency, c->lang);
    portee_export_text(x, u);
    return portee_export_row(x, err);
}

/* Every parameter of the run: the page's once, then each model's own. */
static portee_status_t inputs(ctx_t *c, portee_error_t *err)
{
    char *text = scenario_text(c->r->path);
    if (!text) return PORTEE_OK; /* an older or merged file without its scenario: no inputs sheet */
    portee_scenario_t *sc = NULL;
    portee_error_t ignored;
    if (portee_scenario_load_text(c->reg, c->r->path, text, strlen(text), NULL, 0, &sc, &ignored)) {
        free(text);
        return PORTEE_OK;
    }
    free(text);
    const portee_lang_t L = c->lang;
    const char *cols[] = {portee_tr(L, "section"), portee_tr(L, "parameter"), portee_tr(L, "label"),
                          portee_tr(L, "value"), portee_tr(L, "distribution or sweep"), portee_tr(L, "unit")};
    portee_status_t st = portee_export_sheet(c->x, portee_tr(L, "inputs"), cols, 6, false, err);
    for (size_t k = 0; k < c->reg->n_page && !st; k++)
        if (sc->page.used[k]) st = input_row(c, sc, "page", &c->reg->page[k], &sc->page.params[k], err);
    for (size_t m = 0; m < sc->n_models && !st; m++) {
        const portee_model_t *mo = sc->models[m].model;
        for (size_t j = 0; j < mo->n_params && !st; j++)
            if (!mo->params[j].page) st = input_row(c, sc, mo->name, &mo->params[j], &sc->models[m].params[j], err);
    }
    portee_scenario_free(sc);
    return st;
}

portee_status_t portee_export_results(portee_export_t *x, const portee_results_t *r, const portee_registry_t *reg,
                                      uint64_t *rows, portee_error_t *err)
{
    ctx_t c = {.x = x, .r = r, .reg = reg, .lang = portee_export_lang(x)};
    const portee_lang_t L = c.lang;
    const char *cols[MAX_COLUMNS];
    char axis[PORTEE_MAX_AXES][160];
    size_t n = 0;
    if (r->n_axes > PORTEE_MAX_AXES)
        return portee_fail(err, PORTEE_EINPUT, "%s: %zu swept parameters (at most %d)", r->path, r->n_axes,
                           PORTEE_MAX_AXES);
    cols[n++] = portee_tr(L, "point");
    for (size_t a = 0; a < r->n_axes; a++) {
        char u[96];
        unit_column(u, sizeof u, portee_report_axis_unit(reg, r->axes[a]), r->currency, L);
        if (*u) snprintf(axis[a], sizeof axis[a], "%s (%s)", portee_label(r->axes[a], L), u);
        else snprintf(axis[a], sizeof axis[a], "%s", portee_label(r->axes[a], L));
        cols[n++] = axis[a];
    }
    static const char *const rest[] = {"model", "output", "label", "unit", "step", "step kind", "n",
                                       "mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
    for (size_t k = 0; k < sizeof rest / sizeof *rest; k++) cols[n++] = portee_tr(L, rest[k]);
    portee_status_t st = PORTEE_OK;
    for (size_t m = 0; m < r->n_models && !st; m++) {
        st = portee_export_sheet(x, r->models[m].name, cols, n, true, err);
        if (!st) st = model_rows(&c, &r->models[m], err);
    }
    if (!st && reg) st = inputs(&c, err);
    *rows = c.rows;
    return st;
}
