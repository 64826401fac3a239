/* sweep.c — the `sweep:` block: parameter paths mapped to value lists or
 * ranges, expanded to the full grid (first axis varies slowest). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario_internal.h"
#include "sim/textutil.h"

#define MAX_RANGE_STEPS 100000
/* Lists are spelled out in the resolved scenario: 8 axes of 10,000 values
 * stay well inside the parser's node limit when it is read back. */
#define MAX_LIST_VALUES 10000

static portee_status_t axis_target(portee_scenario_t *sc, const portee_ynode_t *key,
                                   portee_sweep_axis_t *ax, portee_error_t *err)
{
    const char *path = key->scalar;
    const char *dot = strchr(path, '.');
    if (!dot)
        return portee_ynode_fail(key, err,
                                 "sweep: '%.80s' is not a parameter path; write model.parameter, "
                                 "e.g. reach.followers",
                                 path);
    char model[64];
    size_t mlen = (size_t)(dot - path);
    if (mlen >= sizeof model) mlen = sizeof model - 1;
    memcpy(model, path, mlen);
    model[mlen] = '\0';
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        if (strcmp(m->name, model) != 0) continue;
        int pi = portee_model_param_index(m, dot + 1);
        if (pi < 0) {
            const char *known[PORTEE_MAX_PARAMS];
            portee_model_param_names(m, known);
            const char *near = portee_suggest(dot + 1, known, m->n_params);
            return portee_ynode_fail(key, err, "sweep: '%s' has no parameter '%.80s'%s%s%s", model,
                                     dot + 1, near ? "; did you mean '" : "", near ? near : "",
                                     near ? "'?" : "");
        }
        ax->model = mi;
        ax->param = (size_t)pi;
        return (ax->path = strdup(path)) ? PORTEE_OK : portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    if (portee_model_lookup(model))
        return portee_ynode_fail(key, err,
                                 "sweep: '%.80s' names model '%s', which this scenario does not run; "
                                 "add a '%s:' section",
                                 path, model, model);
    return portee_ynode_fail(key, err, "sweep: '%.80s': no model is called '%s'", path, model);
}

static portee_status_t axis_range(portee_sweep_axis_t *ax, const portee_ynode_t *spec,
                                  const char *what, portee_error_t *err)
{
    static const char *const known[] = {"from", "to", "steps", "scale"};
    portee_status_t st = portee_ynode_check_keys(spec, what, known, 4, err);
    if (st) return st;
    double from, to;
    uint64_t steps;
    const portee_ynode_t *nf = portee_ynode_get(spec, "from"), *nt = portee_ynode_get(spec, "to"),
                         *ns = portee_ynode_get(spec, "steps"), *nsc = portee_ynode_get(spec, "scale");
    if (!nf || !nt || !ns)
        return portee_ynode_fail(spec, err, "%s: a range needs from:, to: and steps:", what);
    if ((st = portee_ynode_number(nf, what, &from, err)) || (st = portee_ynode_number(nt, what, &to, err)) ||
        (st = portee_ynode_uint(ns, what, MAX_RANGE_STEPS, &steps, err)))
        return st;
    if (steps < 1) return portee_ynode_fail(ns, err, "%s: steps must be at least 1", what);
    if (nsc) {
        if (nsc->type != PORTEE_YNODE_SCALAR ||
            (strcmp(nsc->scalar, "log") != 0 && strcmp(nsc->scalar, "linear") != 0))
            return portee_ynode_fail(nsc, err, "%s: scale must be 'linear' or 'log'", what);
        ax->log_scale = !strcmp(nsc->scalar, "log");
    }
    if (ax->log_scale && !(from > 0 && to > 0))
        return portee_ynode_fail(spec, err, "%s: a log range needs from and to above 0", what);
    if (!(ax->values = malloc(steps * sizeof(double))))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    ax->n = steps;
    ax->is_range = true;
    ax->from = from;
    ax->to = to;
    for (uint64_t i = 0; i < steps; i++) {
        double t = steps == 1 ? 0 : (double)i / (double)(steps - 1);
        ax->values[i] = ax->log_scale ? exp(log(from) + t * (log(to) - log(from))) : from + t * (to - from);
    }
    ax->values[steps - 1] = steps == 1 ? from : to; /* exact end point */
    return PORTEE_OK;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static portee_status_t axis_list(portee_sweep_axis_t *ax, const portee_ynode_t *list,
                                 const char *what, portee_error_t *err)
{
    if (list->n == 0) return portee_ynode_fail(list, err, "%s: the list of values is empty", what);
    if (list->n > MAX_LIST_VALUES)
        return portee_ynode_fail(list, err, "%s: more than %d values; use a range {from:, to:, steps:}",
                                 what, MAX_LIST_VALUES);
    if (!(ax->values = malloc(list->n * sizeof(double))))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    ax->n = list->n;
    for (size_t i = 0; i < list->n; i++) {
        portee_status_t st = portee_ynode_number(list->items[i], what, &ax->values[i], err);
        if (st) return st;
    }
    /* a repeated value would run the same point twice and blur the grid */
    double *sorted = malloc(list->n * sizeof *sorted);
    if (!sorted) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    memcpy(sorted, ax->values, list->n * sizeof *sorted);
    qsort(sorted, list->n, sizeof *sorted, cmp_double);
    for (size_t i = 1; i < list->n; i++)
        if (sorted[i] == sorted[i - 1]) {
            const double dup = sorted[i];
            free(sorted);
            for (size_t j = 1; j < list->n; j++)
                if (ax->values[j] == dup)
                    return portee_ynode_fail(list->items[j], err, "%s: the value %g appears twice", what, dup);
        }
    free(sorted);
    return PORTEE_OK;
}

portee_status_t portee_sweep_parse(portee_scenario_t *sc, const portee_ynode_t *sweep,
                                   portee_error_t *err)
{
    if (portee_ynode_is_null(sweep)) return PORTEE_OK;
    portee_status_t st = portee_ynode_expect_map(sweep, "sweep", err);
    if (st) return st;
    if (sweep->n > PORTEE_MAX_AXES)
        return portee_ynode_fail(sweep, err, "sweep: at most %d parameters can be swept", PORTEE_MAX_AXES);
    uint64_t points = 1;
    for (size_t i = 0; i < sweep->n; i++) {
        const portee_ynode_t *key = sweep->items[2 * i], *val = sweep->items[2 * i + 1];
        portee_sweep_axis_t *ax = &sc->axes[sc->n_axes++];
        if ((st = axis_target(sc, key, ax, err))) return st;
        char what[128];
        snprintf(what, sizeof what, "sweep.%s", ax->path);
        if (val->type == PORTEE_YNODE_SEQ) st = axis_list(ax, val, what, err);
        else if (val->type == PORTEE_YNODE_MAP) st = axis_range(ax, val, what, err);
        else
            st = portee_ynode_fail(val, err, "%s: expected a list [a, b, c] or a range "
                                             "{from: a, to: b, steps: n, scale: log}", what);
        if (st) return st;
        const portee_param_def_t *def = &sc->models[ax->model].model->params[ax->param];
        for (size_t j = 0; j < ax->n; j++) {
            if (def->type == PORTEE_PARAM_INT && val->type == PORTEE_YNODE_MAP)
                ax->values[j] = floor(ax->values[j] + 0.5); /* ranges over counts land on integers */
            const portee_ynode_t *at = val->type == PORTEE_YNODE_SEQ ? val->items[j] : val;
            if ((st = portee_param_check_value(def, ax->values[j], at, what, err))) return st;
        }
        if (points > PORTEE_MAX_POINTS / ax->n)
            return portee_ynode_fail(val, err, "sweep: the grid has more than %llu points",
                                     (unsigned long long)PORTEE_MAX_POINTS);
        points *= ax->n;
    }
    sc->n_points = points;
    return PORTEE_OK;
}

const char *portee_design_name(portee_design_t d)
{
    return d == PORTEE_DESIGN_LATIN ? "latin" : d == PORTEE_DESIGN_SOBOL ? "sobol" : "grid";
}

void portee_scenario_point_values(const portee_scenario_t *sc, uint64_t point, double *values)
{
    if (sc->design_points) {
        memcpy(values, sc->design_points + point * sc->n_axes, sc->n_axes * sizeof *values);
        return;
    }
    for (size_t a = sc->n_axes; a-- > 0;) {
        values[a] = sc->axes[a].values[point % sc->axes[a].n];
        point /= sc->axes[a].n;
    }
}

void portee_scenario_point_params(const portee_scenario_t *sc, size_t model, uint64_t point,
                                  portee_dist_t *params)
{
    const portee_model_cfg_t *cfg = &sc->models[model];
    memcpy(params, cfg->params, cfg->model->n_params * sizeof *params);
    double values[PORTEE_MAX_AXES];
    portee_scenario_point_values(sc, point, values);
    for (size_t a = 0; a < sc->n_axes; a++)
        if (sc->axes[a].model == model) params[sc->axes[a].param] = portee_dist_const(values[a]);
}

size_t portee_scenario_layout(const portee_scenario_t *sc, size_t model, size_t *length,
                              size_t *offset)
{
    const portee_model_cfg_t *cfg = &sc->models[model];
    double v[PORTEE_MAX_PARAMS];
    for (size_t j = 0; j < cfg->model->n_params; j++) v[j] = cfg->params[j].field[0];
    return portee_model_layout(cfg->model, v, length, offset);
}
