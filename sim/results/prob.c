#include "sim/results/prob.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/results/json.h"
#include "sim/results/labels.h"

/* A bin [lo, hi) (the last one [lo, hi]) wholly meets the condition, or
 * partly (the threshold inside it). */
static void bin_share(const portee_target_t *t, double lo, double hi, bool last, bool *all, bool *some)
{
    const double x = t->threshold;
    if (t->at_least) {
        *all = lo >= x;
        *some = last ? hi >= x : hi > x;
    } else {
        *all = last ? hi <= x : hi <= x;
        *some = lo <= x;
    }
}

static portee_status_t from_histogram(const portee_h5file_t *h, const char *base, const portee_target_t *t,
                                      uint64_t p, portee_prob_row_t *row, portee_error_t *err)
{
    char de[600], dc[600];
    snprintf(de, sizeof de, "%s/edges", base);
    snprintf(dc, sizeof dc, "%s/counts", base);
    double *e = NULL, *c = NULL;
    size_t ne = 0, nc = 0;
    if (!portee_h5file_row(h, de, p, &e, &ne) || !portee_h5file_row(h, dc, p, &c, &nc) || ne != nc + 1) {
        free(e);
        free(c);
        return portee_fail(err, PORTEE_EINPUT, "%s: neither replicates nor a readable histogram of %s.%s",
                           base, t->model->name, t->model->outputs[t->output].name);
    }
    double n = 0, low = 0, high = 0;
    for (size_t k = 0; k < nc; k++) {
        bool all, some;
        bin_share(t, e[k], e[k + 1], k + 1 == nc, &all, &some);
        n += c[k];
        if (all) low += c[k];
        if (all || some) high += c[k];
    }
    row->n = (uint64_t)n;
    row->low = n > 0 ? low / n : NAN;
    row->high = n > 0 ? high / n : NAN;
    row->p = row->low == row->high ? row->low : NAN;
    row->se = NAN;
    free(e);
    free(c);
    return PORTEE_OK;
}

portee_status_t portee_prob_read(const portee_results_t *r, const portee_target_t *t, portee_prob_row_t **rows,
                                 portee_error_t *err)
{
    *rows = NULL;
    const portee_results_model_t *rm = NULL;
    for (size_t m = 0; m < r->n_models && !rm; m++)
        if (!strcmp(r->models[m].name, t->model->name)) rm = &r->models[m];
    if (!rm) return portee_fail(err, PORTEE_EINPUT, "%s: holds no results of the %s model", r->path, t->model->name);
    const char *out = t->model->outputs[t->output].name;
    const portee_results_output_t *ro = NULL;
    for (size_t o = 0; o < rm->n_outputs && !ro; o++)
        if (!strcmp(rm->outputs[o].name, out)) ro = &rm->outputs[o];
    if (!ro) return portee_fail(err, PORTEE_EINPUT, "%s: holds no %s.%s", r->path, t->model->name, out);
    portee_h5file_t *h;
    portee_status_t st = portee_h5file_open(r->path, &h, err);
    if (st) return st;
    portee_prob_row_t *rw = calloc(r->n_points ? r->n_points : 1, sizeof *rw);
    if (!rw) {
        portee_h5file_close(h);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    char reps[512], hist[512];
    snprintf(reps, sizeof reps, "/%s/replicates/%s", t->model->name, out);
    snprintf(hist, sizeof hist, "/%s/histogram/%s", t->model->name, out);
    const bool have_reps = portee_h5file_has(h, reps);
    for (uint64_t p = 0; p < r->n_points && !st; p++) {
        if (!(rw[p].in = ro->rows[p].n > 0)) continue;
        double *v = NULL;
        size_t n = 0;
        if (have_reps && portee_h5file_row(h, reps, p, &v, &n) && n > 0) {
            uint64_t hits = 0;
            for (size_t i = 0; i < n; i++) hits += portee_target_holds(t, v[i]);
            rw[p].exact = true;
            rw[p].n = n;
            rw[p].p = rw[p].low = rw[p].high = (double)hits / (double)n;
            rw[p].se = sqrt(rw[p].p * (1 - rw[p].p) / (double)n);
        } else {
            st = from_histogram(h, hist, t, p, &rw[p], err);
        }
        free(v);
    }
    portee_h5file_close(h);
    if (st) {
        free(rw);
        return st;
    }
    *rows = rw;
    return PORTEE_OK;
}

static void pct(char *buf, size_t len, double v, portee_lang_t lang)
{
    if (!isfinite(v)) {
        snprintf(buf, len, "-");
        return;
    }
    portee_fmt_fixed(buf, len, 100 * v, 2, lang);
    const size_t n = strlen(buf);
    snprintf(buf + n, len - n, " %%");
}

portee_status_t portee_prob_print(FILE *f, const portee_results_t *r, const portee_target_t *t,
                                  const portee_prob_row_t *rows, const portee_report_opts_t *o, portee_error_t *err)
{
    char target[256];
    portee_target_format(t, target, sizeof target);
    const portee_lang_t L = o->lang;
    if (o->format == PORTEE_FORMAT_CSV) {
        fputs("point", f);
        for (size_t a = 0; a < r->n_axes; a++) fprintf(f, ",%s", r->axes[a]);
        fputs(",target,probability,se,low,high,replicates,from\n", f);
        for (uint64_t p = 0; p < r->n_points; p++) {
            if (!rows[p].in) continue;
            fprintf(f, "%llu", (unsigned long long)p);
            for (size_t a = 0; a < r->n_axes; a++) fprintf(f, ",%.17g", r->axis_values[p * r->n_axes + a]);
            fprintf(f, ",\"%s\"", target);
            const double v[4] = {rows[p].p, rows[p].se, rows[p].low, rows[p].high};
            for (int k = 0; k < 4; k++) isfinite(v[k]) ? fprintf(f, ",%.17g", v[k]) : fputc(',', f);
            fprintf(f, ",%llu,%s\n", (unsigned long long)rows[p].n, rows[p].exact ? "replicates" : "histogram");
        }
        return PORTEE_OK;
    }
    if (o->format == PORTEE_FORMAT_JSON) {
        json_t *doc = json_object(), *pts = json_array();
        bool ok = portee_json_put(doc, "file", portee_json_string(r->path)) &&
                  portee_json_put(doc, "target", portee_json_string(target)) && portee_json_put(doc, "points", pts);
        for (uint64_t p = 0; ok && p < r->n_points; p++) {
            if (!rows[p].in) continue;
            json_t *pt = json_object();
            ok = portee_json_add(pts, pt) && portee_json_put(pt, "point", portee_json_count(p));
            for (size_t a = 0; ok && a < r->n_axes; a++)
                ok = portee_json_put(pt, r->axes[a], portee_json_number(r->axis_values[p * r->n_axes + a]));
            ok = ok && portee_json_put(pt, "probability", portee_json_number(rows[p].p)) &&
                 portee_json_put(pt, "se", portee_json_number(rows[p].se)) &&
                 portee_json_put(pt, "low", portee_json_number(rows[p].low)) &&
                 portee_json_put(pt, "high", portee_json_number(rows[p].high)) &&
                 portee_json_put(pt, "replicates", portee_json_count(rows[p].n)) &&
                 portee_json_put(pt, "from", portee_json_string(rows[p].exact ? "replicates" : "histogram"));
        }
        const portee_status_t st = portee_json_print(f, portee_json_done(doc, ok));
        return st ? portee_fail(err, st, "%s: out of memory building its JSON", r->path) : PORTEE_OK;
    }
    bool exact = true;
    for (uint64_t p = 0; p < r->n_points; p++) exact &= !rows[p].in || rows[p].exact;
    fprintf(f, "P(%s), %s\n", target,
            portee_tr(L, exact ? "from the replicates stored (standard error: sqrt(p(1 - p)/n))"
                               : "bracketed by the histogram (no replicates stored: output.replicates: true "
                                 "gives the exact share)"));
    fprintf(f, "  %5s", portee_tr(L, "point"));
    for (size_t a = 0; a < r->n_axes; a++) {
        char h[160];
        portee_label_axis(h, sizeof h, r->axes[a], portee_report_axis_unit(o->reg, r->axes[a]), r->currency, L);
        fprintf(f, "  %18s", h);
    }
    fprintf(f, "  %12s  %10s\n", portee_tr(L, exact ? "probability" : "at least"), portee_tr(L, exact ? "se" : "at most"));
    for (uint64_t p = 0; p < r->n_points; p++) {
        if (!rows[p].in) continue;
        fprintf(f, "  %5llu", (unsigned long long)p);
        for (size_t a = 0; a < r->n_axes; a++) {
            char v[160];
            portee_unit_value(v, sizeof v, r->axis_values[p * r->n_axes + a],
                              portee_report_axis_unit(o->reg, r->axes[a]), r->currency, L);
            fprintf(f, "  %18s", v);
        }
        char a[48], b[48];
        pct(a, sizeof a, rows[p].exact ? rows[p].p : rows[p].low, L);
        pct(b, sizeof b, rows[p].exact ? rows[p].se : rows[p].high, L);
        fprintf(f, "  %12s  %10s\n", a, b);
    }
    return PORTEE_OK;
}
