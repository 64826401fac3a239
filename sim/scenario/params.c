/* params.c — one parameter's value as a scenario gives it: a number within
 * the parameter's range, or a distribution whose every draw stays inside it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim/base/textutil.h"
#include "sim/scenario/scenario_internal.h"

static void fmt_num(char *buf, size_t len, double x) { portee_format_double(buf, len, x); }

portee_status_t portee_param_check_value(const portee_param_def_t *def, double x,
                                         const portee_ynode_t *at, const char *what,
                                         portee_error_t *err)
{
    const bool fractional = def->type == PORTEE_PARAM_INT && x != floor(x);
    if (!fractional && x >= def->min && x <= def->max) return PORTEE_OK;
    char lo[32], hi[32], v[32];
    fmt_num(lo, sizeof lo, def->min);
    fmt_num(hi, sizeof hi, def->max);
    fmt_num(v, sizeof v, x);
    if (fractional)
        return portee_ynode_fail(at, err, "%s: expected a whole number of %s, got %s", what,
                                 def->unit, v);
    if (!(x >= def->min && x <= def->max))
        return portee_ynode_fail(at, err, "%s: %s is out of range; expected %s in [%s, %s] (%s: %s)",
                                 what, v, def->type == PORTEE_PARAM_INT ? "a whole number" : "a value",
                                 lo, hi, def->unit, def->help);
    return PORTEE_OK;
}

portee_status_t portee_param_parse_dist(const portee_param_def_t *def, const portee_ynode_t *map,
                                       const char *what, portee_dist_t *out, portee_error_t *err)
{
    const portee_ynode_t *kind_node = portee_ynode_get(map, "dist");
    if (!kind_node)
        return portee_ynode_fail(map, err,
                                 "%s: a mapping here must be a distribution with a 'dist:' key "
                                 "(beta, lognormal, normal, uniform, triangular, pert), or give a number",
                                 what);
    if (kind_node->type != PORTEE_YNODE_SCALAR)
        return portee_ynode_fail(kind_node, err, "%s.dist: expected a distribution name", what);
    int kind = portee_dist_kind_lookup(kind_node->scalar);
    if (kind < 0) {
        static const char *const names[] = {"beta", "lognormal", "normal", "uniform", "triangular", "pert"};
        const char *near = portee_suggest(kind_node->scalar, names, 6);
        return portee_ynode_fail(kind_node, err,
                                 "%s.dist: unknown distribution '%.80s'%s%s%s (known: beta, lognormal, "
                                 "normal, uniform, triangular, pert)",
                                 what, kind_node->scalar, near ? "; did you mean '" : "",
                                 near ? near : "", near ? "'?" : "");
    }
    size_t n_req;
    const char *const *fields = portee_dist_fields((portee_dist_kind_t)kind, &n_req);
    const char *known[PORTEE_DIST_MAXFIELDS + 1] = {"dist"};
    size_t n_fields = 0;
    while (fields[n_fields]) {
        known[n_fields + 1] = fields[n_fields];
        n_fields++;
    }
    char ctx[160];
    snprintf(ctx, sizeof ctx, "the %s distribution of %s", kind_node->scalar, what);
    portee_status_t st = portee_ynode_check_keys(map, ctx, known, n_fields + 1, err);
    if (st) return st;

    double v[PORTEE_DIST_MAXFIELDS] = {0};
    bool present[PORTEE_DIST_MAXFIELDS] = {false};
    for (size_t i = 0; i < n_fields; i++) {
        const portee_ynode_t *nd = portee_ynode_get(map, fields[i]);
        if (!nd) {
            if (i < n_req)
                return portee_ynode_fail(map, err, "%s: the %s distribution needs '%s'", what,
                                         kind_node->scalar, fields[i]);
            continue;
        }
        char fw[160];
        snprintf(fw, sizeof fw, "%s.%s", what, fields[i]);
        if ((st = portee_ynode_number(nd, fw, &v[i], err))) return st;
        present[i] = true;
    }
    char why[256];
    if (!portee_dist_make(out, (portee_dist_kind_t)kind, v, present, why, sizeof why))
        return portee_ynode_fail(map, err, "%s: %s", what, why);
    if (out->lo < def->min || out->hi > def->max) {
        char lo[32], hi[32];
        fmt_num(lo, sizeof lo, def->min);
        fmt_num(hi, sizeof hi, def->max);
        return portee_ynode_fail(map, err,
                                 "%s: this %s distribution can draw values outside the valid range "
                                 "[%s, %s]%s",
                                 what, kind_node->scalar, lo, hi,
                                 kind == PORTEE_DIST_NORMAL || kind == PORTEE_DIST_LOGNORMAL
                                     ? "; give min: and max: inside it"
                                 : def->type == PORTEE_PARAM_PROB
                                     ? "; for a probability use beta, or bounded uniform/triangular/pert"
                                     : "; use a bounded distribution (uniform, triangular, pert) or normal with min and max");
    }
    return PORTEE_OK;
}

