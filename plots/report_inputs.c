/* report_inputs.c — the report's appendix: every input of the run, read
 * back from the resolved scenario the results file keeps in /scenario
 * (report.h), with readers' names, values in their units, and
 * distributions by their parameters ("lognormal, median 200, sigma 1"). */
#include "plots/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/results/h5part.h"
#include "sim/results/labels.h"
#include "sim/scenario/scenario.h"

static void add(portee_report_inputs_t *in, const char *label, const char *value, bool heading)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? 2 * in->cap : 64;
        char **l = realloc(in->label, cap * sizeof *l), **v = l ? realloc(in->value, cap * sizeof *v) : NULL;
        if (l) in->label = l;
        if (v) in->value = v;
        bool *h = v ? realloc(in->heading, cap * sizeof *h) : NULL;
        if (!h) return; /* out of memory: the line is left out, the report still made */
        in->heading = h;
        in->cap = cap;
    }
    in->label[in->n] = strdup(label);
    in->value[in->n] = strdup(value ? value : "");
    in->heading[in->n] = heading;
    in->n++;
}

/* A distribution's field as a reader says it ("sd": standard deviation). */
static const char *field_word(const char *f)
{
    if (!strcmp(f, "sd")) return "standard deviation";
    if (!strcmp(f, "min")) return "minimum";
    if (!strcmp(f, "max")) return "maximum";
    return f;
}

/* "lognormal, median 200, sigma 1"; a constant as its value. */
static void dist_text(char *buf, size_t len, const portee_dist_t *d, const char *unit, const char *currency,
                      portee_lang_t lang)
{
    if (d->kind == PORTEE_DIST_CONST) {
        portee_unit_value(buf, len, d->field[0], unit, currency, lang);
        return;
    }
    size_t n_req;
    const char *const *names = portee_dist_fields(d->kind, &n_req);
    const char *kind = portee_dist_kind_name(d->kind);
    int k = snprintf(buf, len, "%s", portee_tr(lang, !strcmp(kind, "pert") ? "PERT" : kind));
    for (size_t f = 0; names[f] && f < PORTEE_DIST_MAXFIELDS && k > 0 && (size_t)k < len; f++) {
        if (!d->present[f]) continue;
        char v[96];
        /* sigma is the spread of the logarithm: no unit */
        if (!strcmp(names[f], "sigma")) portee_fmt_sig(v, sizeof v, d->field[f], 3, lang);
        else portee_unit_value(v, sizeof v, d->field[f], unit, currency, lang);
        k += snprintf(buf + k, len - (size_t)k, ", %s %s", portee_tr(lang, field_word(names[f])), v);
    }
}

/* "7 values: $5, $10, ..." or "from $5 to $300 (log scale)" */
static void axis_text(char *buf, size_t len, const portee_scenario_t *sc, const portee_sweep_axis_t *ax,
                      const char *unit, portee_lang_t lang)
{
    char a[96], b[96];
    int k;
    if (sc->design != PORTEE_DESIGN_GRID || ax->n > 8) {
        double lo = ax->values[0], hi = ax->values[0];
        for (size_t i = 1; i < ax->n; i++) {
            if (ax->values[i] < lo) lo = ax->values[i];
            if (ax->values[i] > hi) hi = ax->values[i];
        }
        if (ax->is_range) lo = ax->from, hi = ax->to;
        portee_unit_value(a, sizeof a, lo, unit, sc->currency, lang);
        portee_unit_value(b, sizeof b, hi, unit, sc->currency, lang);
        k = snprintf(buf, len,
                     sc->design == PORTEE_DESIGN_GRID ? portee_tr(lang, "swept: %zu values from %s to %s")
                                                      : portee_tr(lang, "sampled: %zu values from %s to %s"),
                     ax->n, a, b);
    } else {
        k = snprintf(buf, len, portee_tr(lang, "swept: %zu values:"), ax->n);
        for (size_t i = 0; i < ax->n && k > 0 && (size_t)k < len; i++) {
            portee_unit_value(a, sizeof a, ax->values[i], unit, sc->currency, lang);
            k += snprintf(buf + k, len - (size_t)k, "%s %s", i ? "," : "", a);
        }
    }
    if (ax->log_scale && k > 0 && (size_t)k < len) snprintf(buf + k, len - (size_t)k, " %s", portee_tr(lang, "(log scale)"));
}

static const portee_sweep_axis_t *swept(const portee_scenario_t *sc, int page, size_t m, size_t j)
{
    for (size_t a = 0; a < sc->n_axes; a++) {
        const portee_sweep_axis_t *ax = &sc->axes[a];
        if (page >= 0 && ax->page == page) return ax;
        if (page < 0 && ax->page < 0)
            for (size_t t = 0; t < ax->n_targets; t++)
                if (ax->target[t].model == m && ax->target[t].param == j) return ax;
    }
    return NULL;
}

static const char *model_heading(const char *name, portee_lang_t lang)
{
    if (!strcmp(name, "reach")) return portee_tr(lang, "Organic reach model");
    if (!strcmp(name, "adoption")) return portee_tr(lang, "Platform adoption model");
    if (!strcmp(name, "boost")) return portee_tr(lang, "Paid boost model");
    return name;
}

static void read_scenario(portee_report_inputs_t *in, const portee_scenario_t *sc, portee_lang_t lang)
{
    char v[1024], l[256];
    add(in, portee_tr(lang, "The run"), NULL, true);
    add(in, portee_tr(lang, "scenario"), sc->name, false);
    portee_fmt_fixed(v, sizeof v, (double)sc->replicates, 0, lang);
    add(in, portee_tr(lang, "replicates per point"), v, false);
    snprintf(v, sizeof v, "%llu", (unsigned long long)sc->seed);
    add(in, portee_tr(lang, "random seed"), v, false);
    if (sc->n_axes) {
        portee_fmt_fixed(l, sizeof l, (double)sc->n_points, 0, lang);
        snprintf(v, sizeof v, "%s, %s", portee_tr(lang, sc->design == PORTEE_DESIGN_GRID    ? "every combination"
                                                        : sc->design == PORTEE_DESIGN_LATIN ? "Latin hypercube"
                                                                                            : "Sobol sequence"),
                 l);
        add(in, portee_tr(lang, "sweep points"), v, false);
    }
    add(in, portee_tr(lang, "currency"), sc->currency, false);
    const portee_registry_t *reg = sc->registry;
    bool page_head = false;
    for (size_t j = 0; j < reg->n_page; j++) {
        if (!sc->page.used[j]) continue;
        if (!page_head) add(in, portee_tr(lang, "The page"), NULL, true);
        page_head = true;
        const portee_param_def_t *def = &reg->page[j];
        snprintf(l, sizeof l, "page.%s", def->name);
        const portee_sweep_axis_t *ax = swept(sc, (int)j, 0, 0);
        if (ax) axis_text(v, sizeof v, sc, ax, def->unit, lang);
        else dist_text(v, sizeof v, &sc->page.params[j], def->unit, sc->currency, lang);
        add(in, portee_label(l, lang), v, false);
    }
    for (size_t m = 0; m < sc->n_models; m++) {
        const portee_model_t *mod = sc->models[m].model;
        add(in, model_heading(mod->name, lang), NULL, true);
        for (size_t j = 0; j < mod->n_params; j++) {
            const portee_param_def_t *def = &mod->params[j];
            if (def->page) continue; /* given once, under the page */
            snprintf(l, sizeof l, "%s.%s", mod->name, def->name);
            const portee_sweep_axis_t *ax = swept(sc, -1, m, j);
            if (ax) axis_text(v, sizeof v, sc, ax, def->unit, lang);
            else dist_text(v, sizeof v, &sc->models[m].params[j], def->unit, sc->currency, lang);
            add(in, portee_label(l, lang), v, false);
        }
    }
}

void portee_report_inputs_read(portee_report_inputs_t *in, const char *h5, portee_lang_t lang)
{
    memset(in, 0, sizeof *in);
    portee_part_t *part;
    portee_error_t err;
    if (portee_part_open(h5, &portee_registry, &part, &err)) {
        in->failed = strdup(err.msg);
        return;
    }
    read_scenario(in, part->sc, lang);
    portee_part_close(part);
}

int portee_report_inputs_pages(const portee_report_inputs_t *in)
{
    const size_t R = PORTEE_REPORT_INPUT_ROWS;
    return in->n ? (int)((in->n + R - 1) / R) : 1;
}

void portee_report_inputs_draw(portee_report_doc_t *d, const portee_report_inputs_t *in)
{
    const size_t R = PORTEE_REPORT_INPUT_ROWS;
    const double x = PORTEE_REPORT_MARGIN, w = PORTEE_REPORT_W - 2 * x, row = 16.0, top = 76;
    size_t i = 0;
    do {
        portee_report_text(d, x, 34, w, "Bold 15", PORTEE_ALIGN_LEFT,
                           portee_tr(d->lang, "Appendix: every input of the run"));
        if (!in->n)
            portee_report_text(d, x, top, w, "10", PORTEE_ALIGN_LEFT,
                               in->failed ? in->failed : portee_tr(d->lang, "The file holds no inputs."));
        for (size_t k = 0; k < R && i < in->n; k++, i++) {
            const double y = top + (double)k * row;
            if (in->heading[i]) {
                portee_doc_cell(d, x, y + 2, w, "Bold 9.5", PORTEE_ALIGN_LEFT, in->label[i]);
                portee_report_rule(d, x, x + w, y + row - 1, 0.6);
            } else {
                portee_doc_cell(d, x + 8, y + 2, 334, "9", PORTEE_ALIGN_LEFT, in->label[i]);
                portee_doc_cell(d, x + 350, y + 2, w - 350, "9", PORTEE_ALIGN_LEFT, in->value[i]);
            }
        }
        portee_report_page_end(d);
    } while (i < in->n);
}

void portee_report_inputs_free(portee_report_inputs_t *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->label[i]);
        free(in->value[i]);
    }
    free(in->label);
    free(in->value);
    free(in->heading);
    free(in->failed);
    memset(in, 0, sizeof *in);
}
