/* fit_export.c — a fit file as tidy rows (fit_export.h). */
#include "sim/fit/fit_export.h"

#include <math.h>
#include <string.h>

#include "sim/fit/fit_io.h"
#include "sim/fit/reach_fit.h"

static const char *const columns[] = {"model", "output", "label", "unit", "step", "step kind", "n", "mean",
                                      "sd", "se", "p05", "p25", "p50", "p75", "p95", "lo95", "hi95"};
#define N_COLUMNS (sizeof columns / sizeof *columns)

typedef struct {
    portee_export_t *x;
    portee_lang_t lang;
    const char *model;
    uint64_t rows;
} ctx_t;

/* A row: a summary s, or a value v with its se and 95 % interval. */
static portee_status_t row(ctx_t *c, const char *output, const char *label, const char *unit, double step,
                           const char *step_kind, const portee_summary_t *s, double v, double se, double lo,
                           double hi, portee_error_t *err)
{
    portee_export_t *x = c->x;
    portee_export_text(x, c->model);
    portee_export_text(x, output);
    portee_export_text(x, portee_tr(c->lang, label));
    portee_export_text(x, unit);
    portee_export_num(x, step);
    portee_export_text(x, isnan(step) ? NULL : portee_tr(c->lang, step_kind));
    if (s) {
        portee_export_whole(x, (double)s->n);
        const double q[8] = {s->mean, s->sd, s->se, s->p05, s->p25, s->p50, s->p75, s->p95};
        for (int k = 0; k < 8; k++) portee_export_num(x, q[k]);
        portee_export_text(x, NULL);
        portee_export_text(x, NULL);
    } else {
        portee_export_text(x, NULL);
        portee_export_num(x, v);
        portee_export_text(x, NULL);
        portee_export_num(x, se);
        for (int k = 0; k < 5; k++) portee_export_text(x, NULL);
        portee_export_num(x, lo);
        portee_export_num(x, hi);
    }
    c->rows++;
    return portee_export_row(x, err);
}

static portee_status_t value(ctx_t *c, const char *output, const char *label, const char *unit, double v,
                             portee_error_t *err)
{
    return row(c, output, label, unit, NAN, NULL, NULL, v, NAN, NAN, NAN, err);
}

static portee_status_t adoption_rows(ctx_t *c, const portee_fit_t *f, portee_error_t *err)
{
    const char *when = f->dated ? "year" : "time";
    const char *u = f->value_units ? f->value_units : "";
    portee_status_t st = PORTEE_OK;
    for (size_t i = 0; i < f->k && !st; i++)
        st = row(c, portee_fit_param_name(f, i), "estimate", "", NAN, NULL, NULL, f->est[i], f->se[i], f->lo95[i],
                 f->hi95[i], err);
    if (!st) st = value(c, "rss", "residual sum of squares", "", f->rss, err);
    if (!st) st = value(c, "rmse", "root mean square error", u, f->rmse, err);
    if (!st) st = value(c, "r2", "R squared", "", f->r2, err);
    if (!st) st = value(c, "residual_sd", "residual standard deviation", "", f->resid_sd, err);
    if (!st) st = value(c, "dof", "degrees of freedom", "", (double)f->dof, err);
    for (size_t i = 0; i < f->n && !st; i++) {
        st = row(c, "observed", "observed", u, f->t[i], when, NULL, f->y[i], NAN, NAN, NAN, err);
        if (!st) st = row(c, "fitted", "fitted curve", u, f->t[i], when, NULL, f->fitted[i], NAN, NAN, NAN, err);
    }
    for (size_t i = 0; i < f->n_steps && !st; i++) {
        if (f->pred) st = row(c, "forecast", "forecast (with noise)", u, f->step_t[i], when, &f->pred[i], 0, 0, 0, 0, err);
        if (!st && f->curve_band)
            st = row(c, "forecast_curve", "forecast of the curve", u, f->step_t[i], when, &f->curve_band[i], 0, 0, 0,
                     0, err);
    }
    for (size_t i = 0; i < f->n_shares && !st; i++)
        st = row(c, "share_date", "when the share is reached", when, f->share[i], "share", &f->share_date[i], 0, 0, 0,
                 0, err);
    return st;
}

static portee_status_t reach_rows(ctx_t *c, const portee_reach_fit_t *f, portee_error_t *err)
{
    portee_status_t st = PORTEE_OK;
    for (size_t i = 0; i < f->n_rows && !st; i++) {
        const portee_rf_row_t *r = &f->row[i];
        char name[48], label[160];
        snprintf(name, sizeof name, "%s%s%s", r->section, *r->section ? "." : "", r->name);
        if (*r->note) snprintf(label, sizeof label, "%s (%s)", portee_tr(c->lang, "estimate"), r->note);
        else snprintf(label, sizeof label, "%s", portee_tr(c->lang, "estimate"));
        st = row(c, name, label, "", NAN, NULL, NULL, r->value, r->se, r->lo95, r->hi95, err);
    }
    const portee_posts_t *p = &f->posts;
    for (size_t i = 0; i < p->n && !st; i++) {
        const double step = (double)(i + 1);
        st = row(c, "followers", "followers", portee_tr(c->lang, "people"), step, "post", NULL,
                 p->count[PORTEE_POSTS_FOLLOWERS][i], NAN, NAN, NAN, err);
        if (!st)
            st = row(c, "direct", "direct reach", portee_tr(c->lang, "people"), step, "post", NULL,
                     portee_posts_direct(p, i), NAN, NAN, NAN, err);
        if (!st && f->band)
            st = row(c, "direct_predicted", "predicted direct reach", portee_tr(c->lang, "people"), step, "post",
                     &f->band[i], 0, 0, 0, 0, err);
    }
    return st;
}

bool portee_fit_export_is(const char *path) { return portee_reach_fit_file_is(path) || portee_fit_file_is(path); }

portee_status_t portee_fit_export(portee_export_t *x, const char *path, uint64_t *rows, portee_error_t *err)
{
    ctx_t c = {.x = x, .lang = portee_export_lang(x)};
    const char *cols[N_COLUMNS];
    for (size_t k = 0; k < N_COLUMNS; k++) cols[k] = portee_tr(c.lang, columns[k]);
    portee_status_t st;
    *rows = 0;
    if (portee_reach_fit_file_is(path)) {
        portee_reach_fit_t f;
        c.model = "reach_fit";
        st = portee_reach_fit_read(path, &f, err);
        if (!st) st = portee_export_sheet(x, c.model, cols, N_COLUMNS, true, err);
        if (!st) st = reach_rows(&c, &f, err);
        portee_reach_fit_free(&f);
    } else {
        portee_fit_t f;
        c.model = "adoption_fit";
        st = portee_fit_read(path, &f, err);
        if (!st) st = portee_export_sheet(x, c.model, cols, N_COLUMNS, true, err);
        if (!st) st = adoption_rows(&c, &f, err);
        portee_fit_free(&f);
    }
    *rows = c.rows;
    return st;
}
