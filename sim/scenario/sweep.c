/* sweep.c — the `sweep:` block: parameter paths mapped to value lists or
 * ranges, expanded to the full grid (first axis varies slowest), or, with
 * `design: latin|sobol` and `samples: N`, N points sampled over the ranges
 * (sim/design.h). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/numeric/design.h"
#include "sim/scenario/scenario_internal.h"
#include "sim/base/textutil.h"

_Static_assert(PORTEE_MAX_AXES <= PORTEE_DESIGN_SOBOL_MAX_AXES, "GSL's Sobol sequence has 40 dimensions");

#define MAX_RANGE_STEPS 100000
/* Lists are spelled out in the resolved scenario: 8 axes of 10,000 values
 * stay well inside the parser's node limit when it is read back. */
#define MAX_LIST_VALUES 10000

/* page.X sets X in every model that reads it; model.Y one parameter of one
 * model (Y an old name or, as before 0.2, a page parameter: with a warning). */
static portee_status_t axis_target(portee_scenario_t *sc, const portee_ynode_t *key,
                                   portee_sweep_axis_t *ax, portee_error_t *err)
{
    const char *path = key->scalar;
    const char *dot = strchr(path, '.');
    if (!dot)
        return portee_ynode_fail(key, err,
                                 "sweep: '%.80s' is not a parameter path; write page.parameter or "
                                 "model.parameter, e.g. page.followers or reach.share_rate",
                                 path);
    char section[64];
    size_t slen = (size_t)(dot - path);
    if (slen >= sizeof section) slen = sizeof section - 1;
    memcpy(section, path, slen);
    section[slen] = '\0';
    const portee_registry_t *reg = sc->registry;
    char now[160];
    ax->page = -1;
    if (!strcmp(section, "page")) {
        if ((ax->page = portee_registry_page_index(reg, dot + 1)) < 0) {
            const char *known[PORTEE_MAX_PAGE_PARAMS];
            for (size_t i = 0; i < reg->n_page; i++) known[i] = reg->page[i].name;
            const char *near = portee_suggest(dot + 1, known, reg->n_page);
            return portee_ynode_fail(key, err, "sweep: the page has no parameter '%.80s'%s%s%s", dot + 1,
                                     near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        }
        snprintf(now, sizeof now, "%s", path);
    } else {
        size_t mi = 0;
        while (mi < sc->n_models && strcmp(sc->models[mi].model->name, section) != 0) mi++;
        if (mi == sc->n_models) {
            if (portee_registry_lookup(reg, section))
                return portee_ynode_fail(key, err,
                                         "sweep: '%.80s' names model '%s', which this scenario does not "
                                         "run; add a '%s:' section",
                                         path, section, section);
            return portee_ynode_fail(key, err, "sweep: '%.80s': no model is called '%s' (nor is it page)",
                                     path, section);
        }
        const portee_model_t *m = sc->models[mi].model;
        const portee_key_t k = portee_key_resolve(reg, m, dot + 1);
        if (k.kind == PORTEE_KEY_UNKNOWN || k.kind == PORTEE_KEY_PRESET) {
            const portee_ynode_t name = {.src = key->src, .line = key->line, .col = key->col,
                                         .scalar = (char *)(dot + 1)};
            return portee_key_unknown(reg, m, &name, true, err);
        }
        if (k.renamed)
            portee_scenario_warn(sc, key, "sweep.%s is now sweep.%s; the old key still works in this version",
                                 path, k.now);
        snprintf(now, sizeof now, "%s", k.now);
        if (k.kind == PORTEE_KEY_PAGE) ax->page = k.index;
        else ax->target[ax->n_targets++] = (portee_axis_target_t){mi, (size_t)k.index};
    }
    if (ax->page >= 0)
        for (size_t mi = 0; mi < sc->n_models; mi++) {
            const int pi = portee_model_param_index(sc->models[mi].model, reg->page[ax->page].name);
            if (pi >= 0 && sc->models[mi].model->params[pi].page)
                ax->target[ax->n_targets++] = (portee_axis_target_t){mi, (size_t)pi};
        }
    if (ax->n_targets == 0)
        return portee_ynode_fail(key, err, "sweep: %s: no model of this scenario uses it", now);
    for (size_t a = 0; sc->axes + a < ax; a++)
        if (!strcmp(sc->axes[a].path, now))
            return portee_ynode_fail(key, err, "sweep: %s is swept twice", now);
    return (ax->path = strdup(now)) ? PORTEE_OK : portee_fail(err, PORTEE_ENOMEM, "out of memory");
}

/* `scale:` of a range, and the log scale's domain. */
static portee_status_t range_scale(portee_sweep_axis_t *ax, const portee_ynode_t *spec,
                                   const portee_ynode_t *nsc, double from, double to,
                                   const char *what, portee_error_t *err)
{
    if (nsc) {
        if (nsc->type != PORTEE_YNODE_SCALAR ||
            (strcmp(nsc->scalar, "log") != 0 && strcmp(nsc->scalar, "linear") != 0))
            return portee_ynode_fail(nsc, err, "%s: scale must be 'linear' or 'log'", what);
        ax->log_scale = !strcmp(nsc->scalar, "log");
    }
    if (ax->log_scale && !(from > 0 && to > 0))
        return portee_ynode_fail(spec, err, "%s: a log range needs from and to above 0", what);
    return PORTEE_OK;
}

/* The shortest decimal of at most MAX_DIGITS significant digits within
 * TOL (relative) of X and within a millionth of STEP, as a double; X
 * itself when there is none.  The second bound keeps the points of a very
 * fine range distinct and in order. */
static double short_decimal(double x, int max_digits, double tol, double step)
{
    const double near = fmin(tol * fabs(x), 1e-6 * step);
    for (int d = 1; d <= max_digits; d++) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.*g", d, x);
        const double r = strtod(buf, NULL);
        if (fabs(r - x) <= near) return r;
    }
    return x;
}

/* Value i of a range of n steps.  Grid points of a decimal range come out as
 * the double nearest their decimal value ({from: 0, to: 300, steps: 31} gives
 * 110, not 109.99999999999999, in the results, CSV and charts): the linear
 * point is a weighted mean of the ends, exact at both and within a few ulps
 * of the decimal, then replaced by the shortest decimal (15 significant
 * digits at most) within 4 ulps.  exp() and log() carry more error, so a log
 * point takes a decimal of 12 digits at most within 1e-14.  Points that are
 * no short decimal (0.01 + 0.09 k / 99) keep their computed value. */
static double range_value(double from, double to, uint64_t n, uint64_t i, bool log_scale)
{
    if (n == 1 || i == 0) return from;
    if (i == n - 1) return to;
    const double last = (double)(n - 1), k = (double)i;
    if (log_scale) {
        const double lf = log(from), lt = log(to), x = exp((lf * (last - k) + lt * k) / last);
        return short_decimal(x, 12, 1e-14, fabs(x - exp((lf * (last - k + 1) + lt * (k - 1)) / last)));
    }
    return short_decimal((from * (last - k) + to * k) / last, 15, 4 * DBL_EPSILON, fabs(to - from) / last);
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
    if ((st = range_scale(ax, spec, nsc, from, to, what, err))) return st;
    if (!(ax->values = malloc(steps * sizeof(double))))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    ax->n = steps;
    ax->is_range = true;
    ax->from = from;
    ax->to = to;
    for (uint64_t i = 0; i < steps; i++) ax->values[i] = range_value(from, to, steps, i, ax->log_scale);
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

/* The sweep's keys without a dot, so no parameter path can clash with them:
 * `design:` (grid when omitted), `samples:` (sampled designs only) and
 * `common_random_numbers:` (true by default for a grid, false for a sample:
 * a grid's points are compared with each other, a sample's stand for the
 * whole input space). */
static portee_status_t parse_design(portee_scenario_t *sc, const portee_ynode_t *sweep,
                                    uint64_t *samples, portee_error_t *err)
{
    const portee_ynode_t *nd = portee_ynode_get(sweep, "design"), *ns = portee_ynode_get(sweep, "samples");
    if (nd) {
        if (nd->type != PORTEE_YNODE_SCALAR)
            return portee_ynode_fail(nd, err, "sweep.design: expected grid, latin or sobol");
        size_t k = 0;
        const char *const design_names[] = {portee_design_name(PORTEE_DESIGN_GRID),
                                            portee_design_name(PORTEE_DESIGN_LATIN),
                                            portee_design_name(PORTEE_DESIGN_SOBOL)};
        while (k < 3 && strcmp(nd->scalar, design_names[k]) != 0) k++;
        if (k == 3) {
            const char *near = portee_suggest(nd->scalar, design_names, 3);
            return portee_ynode_fail(nd, err, "sweep.design: unknown design '%.80s'%s%s%s (known: grid, "
                                              "latin, sobol)",
                                     nd->scalar, near ? "; did you mean '" : "", near ? near : "",
                                     near ? "'?" : "");
        }
        sc->design = (portee_design_t)k;
    }
    const portee_ynode_t *nc = portee_ynode_get(sweep, "common_random_numbers");
    sc->common_random_numbers = sc->design == PORTEE_DESIGN_GRID;
    if (nc) {
        portee_status_t st = portee_ynode_bool(nc, "sweep.common_random_numbers", &sc->common_random_numbers, err);
        if (st) return st;
    }
    if (sc->design == PORTEE_DESIGN_GRID) {
        if (ns)
            return portee_ynode_fail(ns, err, "sweep.samples: a grid runs every combination of the "
                                              "values; samples needs design: latin or sobol");
        return PORTEE_OK;
    }
    if (!ns)
        return portee_ynode_fail(nd, err, "sweep: a %s design needs samples: N, the number of points",
                                 portee_design_name(sc->design));
    portee_status_t st = portee_ynode_uint(ns, "sweep.samples", PORTEE_MAX_POINTS, samples, err);
    if (st) return st;
    if (*samples < 2) return portee_ynode_fail(ns, err, "sweep.samples: at least 2 points");
    return PORTEE_OK;
}

/* A sampled design's axis: {from:, to:, scale:}, no steps and no list. */
/* set_design: the design came from --set, so the file's ranges were
 * written for a grid: their steps are ignored (said in a warning), where a
 * file asking for a sampled design and steps at once is a mistake. */
static portee_status_t axis_span(portee_scenario_t *sc, portee_sweep_axis_t *ax, const portee_ynode_t *spec,
                                 const char *what, const char *design, bool set_design, portee_error_t *err)
{
    if (spec->type == PORTEE_YNODE_SEQ) {
        char a[32] = "a", b[32] = "b";
        double lo = INFINITY, hi = -INFINITY, x;
        for (size_t i = 0; i < spec->n; i++)
            if (portee_ynode_number(spec->items[i], what, &x, NULL) == PORTEE_OK) {
                lo = fmin(lo, x);
                hi = fmax(hi, x);
            }
        if (lo < hi) {
            portee_format_double(a, sizeof a, lo);
            portee_format_double(b, sizeof b, hi);
        }
        return portee_ynode_fail(spec, err, "%s: a %s design samples ranges: write {from: %s, to: %s}",
                                 what, design, a, b);
    }
    if (spec->type != PORTEE_YNODE_MAP)
        return portee_ynode_fail(spec, err, "%s: expected a range {from: a, to: b} (scale: log optional)",
                                 what);
    bool steps = false;
    for (size_t i = 0; i < spec->n; i++) {
        if (strcmp(spec->items[2 * i]->scalar, "steps")) continue;
        if (!set_design)
            return portee_ynode_fail(spec->items[2 * i], err,
                                     "%s: a %s design takes no steps: samples sets how many points",
                                     what, design);
        portee_scenario_warn(sc, spec->items[2 * i], "%s: steps ignored: the %s design of --set draws "
                                                     "sweep.samples points over the range",
                             what, design);
        steps = true;
    }
    static const char *const known[] = {"from", "to", "scale", "steps"};
    portee_status_t st = portee_ynode_check_keys(spec, what, known, steps ? 4 : 3, err);
    if (st) return st;
    const portee_ynode_t *nf = portee_ynode_get(spec, "from"), *nt = portee_ynode_get(spec, "to");
    if (!nf || !nt) return portee_ynode_fail(spec, err, "%s: a range needs from: and to:", what);
    double from, to;
    if ((st = portee_ynode_number(nf, what, &from, err)) || (st = portee_ynode_number(nt, what, &to, err)) ||
        (st = range_scale(ax, spec, portee_ynode_get(spec, "scale"), from, to, what, err)))
        return st;
    ax->is_range = true;
    ax->from = from;
    ax->to = to;
    return PORTEE_OK;
}

/* Whole-number parameters land on integers, as a grid range's values do. */
static double param_value(const portee_param_def_t *def, double x)
{
    return def->type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
}

/* Rounding is monotone, so a range's rounded ends bound all its points:
 * checking the ends first puts the message on the end at fault. */
static portee_status_t check_span(const portee_param_def_t *def, const portee_ynode_t *spec,
                                  const char *what, portee_error_t *err)
{
    static const char *const ends[] = {"from", "to"};
    for (int e = 0; e < 2; e++) {
        const portee_ynode_t *nd = portee_ynode_get(spec, ends[e]);
        double x;
        portee_status_t st = portee_ynode_number(nd, what, &x, err);
        if (st || (st = portee_param_check_value(def, param_value(def, x), nd, what, err))) return st;
    }
    return PORTEE_OK;
}

/* Fills sc->design_points and each axis's values (its column: the value at
 * every point, n = samples), every value checked. */
static portee_status_t sample_points(portee_scenario_t *sc, uint64_t samples,
                                     const portee_ynode_t *const *specs, portee_error_t *err)
{
    const size_t A = sc->n_axes, n = (size_t)samples;
    if (!(sc->design_points = malloc(n * A * sizeof *sc->design_points)))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    double *u = sc->design_points;
    portee_status_t st = sc->design == PORTEE_DESIGN_LATIN ? portee_design_latin(sc->seed, n, A, u, err)
                                                          : portee_design_sobol(n, A, u, err);
    if (st) return st;
    for (size_t a = 0; a < A; a++) {
        portee_sweep_axis_t *ax = &sc->axes[a];
        const portee_param_def_t *def = portee_scenario_axis_def(sc, a);
        char what[128];
        snprintf(what, sizeof what, "sweep.%s", ax->path);
        if (!(ax->values = malloc(n * sizeof *ax->values)))
            return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        ax->n = n;
        for (size_t i = 0; i < n; i++) {
            const double x = param_value(def, portee_design_map(u[i * A + a], ax->from, ax->to, ax->log_scale));
            if ((st = portee_param_check_value(def, x, specs[a], what, err))) return st;
            u[i * A + a] = ax->values[i] = x;
        }
    }
    sc->n_points = samples;
    return PORTEE_OK;
}

static bool is_design_key(const char *key)
{
    return !strcmp(key, "design") || !strcmp(key, "samples") || !strcmp(key, "common_random_numbers");
}

portee_status_t portee_sweep_parse(portee_scenario_t *sc, const portee_ynode_t *sweep,
                                   portee_error_t *err)
{
    if (portee_ynode_is_null(sweep)) return PORTEE_OK;
    portee_status_t st = portee_ynode_expect_map(sweep, "sweep", err);
    if (st) return st;
    size_t n_axes = 0;
    for (size_t i = 0; i < sweep->n; i++) n_axes += !is_design_key(sweep->items[2 * i]->scalar);
    if (n_axes > PORTEE_MAX_AXES)
        return portee_ynode_fail(sweep, err, "sweep: at most %d parameters can be swept", PORTEE_MAX_AXES);
    uint64_t samples = 0;
    if ((st = parse_design(sc, sweep, &samples, err))) return st;
    const bool sampled = sc->design != PORTEE_DESIGN_GRID;
    const char *design = portee_design_name(sc->design);
    const portee_ynode_t *nd = portee_ynode_get(sweep, "design");
    /* --set sweep.design=latin alone; a whole --set 'sweep={...}' is a file's sweep */
    const bool set_design = nd && nd->src && !strcmp(nd->src, "--set sweep.design");
    const portee_ynode_t *specs[PORTEE_MAX_AXES];
    uint64_t points = 1;
    for (size_t i = 0; i < sweep->n; i++) {
        const portee_ynode_t *key = sweep->items[2 * i], *val = sweep->items[2 * i + 1];
        if (is_design_key(key->scalar)) continue;
        portee_sweep_axis_t *ax = &sc->axes[sc->n_axes];
        specs[sc->n_axes++] = val;
        if ((st = axis_target(sc, key, ax, err))) return st;
        char what[128];
        snprintf(what, sizeof what, "sweep.%s", ax->path);
        const portee_param_def_t *def = portee_scenario_axis_def(sc, sc->n_axes - 1);
        if (sampled) {
            if ((st = axis_span(sc, ax, val, what, design, set_design, err)) || (st = check_span(def, val, what, err)))
                return st;
            continue;
        }
        if (val->type == PORTEE_YNODE_SEQ) st = axis_list(ax, val, what, err);
        else if (val->type == PORTEE_YNODE_MAP) st = axis_range(ax, val, what, err);
        else
            st = portee_ynode_fail(val, err, "%s: expected a list [a, b, c] or a range "
                                             "{from: a, to: b, steps: n, scale: log}", what);
        if (st) return st;
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
    if (!sampled) {
        sc->n_points = points;
        return PORTEE_OK;
    }
    if (sc->n_axes == 0)
        return portee_ynode_fail(sweep, err,
                                 "sweep: a %s design needs at least one range to sample, e.g. "
                                 "page.reach_rate: {from: 0.02, to: 0.1}",
                                 design);
    return sample_points(sc, samples, specs, err);
}
