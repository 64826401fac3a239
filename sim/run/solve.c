#include "sim/run/solve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/engine/engine.h"
#include "sim/numeric/rng.h"

#define BOOTSTRAP 400
#define FIRST_GRID 9 /* values over [lo, hi] in the first round */
#define PER_ROUND 7  /* values inside the bracket in each later round */
#define MAX_ROUNDS 64

/* one value of the input tried, and what each replicate gave there */
typedef struct {
    double x;
    unsigned char *hit; /* probability target: the replicate meets it */
    double *val;        /* target on the mean: the replicate's value */
    double value, se;
} tried_t;

typedef struct {
    const portee_solve_opts_t *o;
    tried_t *t;
    size_t n, cap;
    size_t model;       /* the target's model, as the scenario numbers it */
    const double *xs;   /* this round's values, by sweep point */
    uint64_t R;
} search_t;

static int by_x(const void *a, const void *b)
{
    const double x = ((const tried_t *)a)->x, y = ((const tried_t *)b)->x;
    return (x > y) - (x < y);
}

/* how far the value at a tried point is past what is wanted (>= 0: met) */
static double margin(const portee_solve_opts_t *o, double value)
{
    if (!o->on_mean) return value - o->probability;
    return o->target.at_least ? value - o->target.threshold : o->target.threshold - value;
}

static portee_status_t take_point(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    search_t *s = ctx;
    if (res->model != s->model) return PORTEE_OK;
    if (s->n == s->cap) {
        const size_t cap = s->cap ? 2 * s->cap : 32;
        tried_t *t = realloc(s->t, cap * sizeof *t);
        if (!t) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        s->t = t;
        s->cap = cap;
    }
    const uint64_t R = res->replicates;
    const double *v = res->values + res->offset[s->o->target.output] * R;
    tried_t *t = &s->t[s->n];
    *t = (tried_t){.x = s->xs[res->point]};
    if (s->o->on_mean) {
        if (!(t->val = malloc(R * sizeof *t->val))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        memcpy(t->val, v, R * sizeof *v);
        t->value = res->summary[res->offset[s->o->target.output]].mean;
        t->se = res->summary[res->offset[s->o->target.output]].se;
    } else {
        if (!(t->hit = malloc(R))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        uint64_t hits = 0;
        for (uint64_t i = 0; i < R; i++) hits += t->hit[i] = portee_target_holds(&s->o->target, v[i]);
        t->value = (double)hits / (double)R;
        t->se = sqrt(t->value * (1 - t->value) / (double)R);
    }
    s->n++;
    return PORTEE_OK;
}

/* "sweep.boost.budget=[1, 2.5, 4]" (malloc'd) */
static char *sweep_set(const char *vary, const double *xs, size_t k)
{
    const size_t len = strlen(vary) + 16 + k * 28;
    char *s = malloc(len);
    if (!s) return NULL;
    size_t at = (size_t)snprintf(s, len, "sweep.%s=[", vary);
    for (size_t i = 0; i < k; i++) at += (size_t)snprintf(s + at, len - at, "%s%.17g", i ? ", " : "", xs[i]);
    snprintf(s + at, len - at, "]");
    return s;
}

/* Loads the scenario with the user's settings, then `extra` (NULL-ended). */
static portee_status_t load(const portee_solve_opts_t *o, const char *const *extra, portee_scenario_t **sc,
                            portee_error_t *err)
{
    size_t n_extra = 0;
    while (extra && extra[n_extra]) n_extra++;
    const char **sets = malloc((o->n_sets + n_extra + 1) * sizeof *sets);
    if (!sets) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    for (size_t i = 0; i < o->n_sets; i++) sets[i] = o->sets[i];
    for (size_t i = 0; i < n_extra; i++) sets[o->n_sets + i] = extra[i];
    const portee_status_t st = portee_scenario_load(o->registry, o->scenario, sets, o->n_sets + n_extra, sc, err);
    free(sets);
    return st;
}

/* Runs the values xs[0..k) (new ones only) as one sweep. */
static portee_status_t try_values(search_t *s, const double *xs, size_t k, portee_error_t *err)
{
    char *set = sweep_set(s->o->vary, xs, k);
    if (!set) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    const char *extra[] = {set, "sweep.common_random_numbers=true", "output.replicates=false", NULL};
    portee_scenario_t *sc = NULL;
    portee_status_t st = load(s->o, extra, &sc, err);
    free(set);
    if (st) return st;
    s->xs = xs;
    const portee_engine_opts_t eo = {.threads = s->o->threads, .on_point = take_point, .ctx = s, .stop = s->o->stop,
                                     .keep_values = true};
    st = portee_engine_run(sc, &eo, err);
    portee_scenario_free(sc);
    return st;
}

static bool tried(const search_t *s, double x)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->t[i].x == x) return true;
    return false;
}

/* k values evenly inside (a, b) (or over [a, b] with ends), rounded for a
 * whole-number input, leaving out those tried; how many in xs. */
static size_t values_between(const search_t *s, double a, double b, size_t k, bool ends, bool integer, double *xs)
{
    size_t n = 0;
    for (size_t i = ends ? 0 : 1; i <= (ends ? k - 1 : k); i++) {
        double x = a + (b - a) * (double)i / (double)(ends ? k - 1 : k + 1);
        if (integer) x = round(x);
        if (x < a || x > b || (!ends && (x == a || x == b)) || tried(s, x)) continue;
        bool dup = false;
        for (size_t j = 0; j < n; j++) dup |= xs[j] == x;
        if (!dup) xs[n++] = x;
    }
    return n;
}

/* The crossing in one resample: the first value tried (by x) that meets the
 * target, interpolated linearly from the one before; INFINITY when none
 * does. */
static double crossing(const portee_solve_opts_t *o, const tried_t *t, const double *f, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const double g = margin(o, f[k]);
        if (g < 0) continue;
        if (k == 0) return t[0].x;
        const double g0 = margin(o, f[k - 1]);
        return t[k - 1].x + (t[k].x - t[k - 1].x) * (-g0) / (g - g0);
    }
    return INFINITY;
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The answer's spread over resamples of the replicates (the same resample
 * at every value tried: the values share their replicates). */
static portee_status_t bootstrap(const search_t *s, uint64_t seed, portee_solve_result_t *res, portee_error_t *err)
{
    const size_t n = s->n;
    const uint64_t R = s->R;
    double *cross = malloc(BOOTSTRAP * sizeof *cross);
    if (!cross) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    int failed = 0;
#pragma omp parallel num_threads(s->o->threads > 0 ? s->o->threads : omp_get_max_threads()) reduction(| : failed)
    {
        gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
        double *f = malloc(n * sizeof *f);
        if (!r || !f) failed = 1;
#pragma omp for schedule(static)
        for (int b = 0; b < BOOTSTRAP; b++) {
            if (!r || !f) continue;
            portee_rng_stream(r, seed, PORTEE_SOLVE_RNG_MODEL, 0, (uint32_t)b);
            for (size_t k = 0; k < n; k++) f[k] = 0;
            for (uint64_t i = 0; i < R; i++) {
                const uint64_t j = (uint64_t)(portee_rng_uniform(r) * (double)R);
                for (size_t k = 0; k < n; k++) f[k] += s->o->on_mean ? s->t[k].val[j] : s->t[k].hit[j];
            }
            for (size_t k = 0; k < n; k++) f[k] /= (double)R;
            cross[b] = crossing(s->o, s->t, f, n);
        }
        free(f);
        gsl_rng_free(r);
    }
    if (failed) {
        free(cross);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    qsort(cross, BOOTSTRAP, sizeof *cross, cmp_double);
    double sum = 0, sum2 = 0;
    size_t met = 0;
    for (size_t b = 0; b < BOOTSTRAP; b++)
        if (isfinite(cross[b])) {
            met++;
            sum += cross[b];
            sum2 += cross[b] * cross[b];
        }
    res->met_share = (double)met / BOOTSTRAP;
    res->boot_sd = met > 1 ? sqrt(fmax(0, (sum2 - sum * sum / (double)met) / (double)(met - 1))) : NAN;
    res->boot_p05 = cross[(size_t)(0.05 * (BOOTSTRAP - 1) + 0.5)];
    res->boot_p95 = cross[(size_t)(0.95 * (BOOTSTRAP - 1) + 0.5)];
    free(cross);
    return PORTEE_OK;
}

/* The scenario as given: no sweep, the target's model in it; what the
 * input is (whole number? unit?). */
static portee_status_t check_setup(const portee_solve_opts_t *o, search_t *s, portee_solve_result_t *res,
                                   portee_error_t *err)
{
    portee_scenario_t *sc = NULL;
    portee_status_t st = load(o, NULL, &sc, err);
    if (st) return st;
    if (sc->n_axes) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: has a sweep of its own (%s); solve varies one input over "
                                             "--in LO:HI: remove the sweep: section",
                         sc->source, sc->axes[0].path);
        portee_scenario_free(sc);
        return st;
    }
    size_t mi = 0;
    while (mi < sc->n_models && sc->models[mi].model != o->target.model) mi++;
    if (mi == sc->n_models) {
        char models[256] = "";
        size_t at = 0;
        for (size_t i = 0; i < sc->n_models && at < sizeof models; i++)
            at += (size_t)snprintf(models + at, sizeof models - at, "%s%s", i ? ", " : "", sc->models[i].model->name);
        st = portee_fail(err, PORTEE_EINPUT, "%s: the target is on the %s model, which this scenario does not run "
                                             "(its models: %s)",
                         sc->source, o->target.model->name, models);
        portee_scenario_free(sc);
        return st;
    }
    s->model = mi;
    s->R = sc->replicates;
    res->replicates = sc->replicates;
    res->seed = sc->seed;
    res->name = strdup(sc->name);
    memcpy(res->currency, sc->currency, sizeof res->currency);
    portee_scenario_free(sc);
    if (!res->name) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if (!(o->lo < o->hi))
        return portee_fail(err, PORTEE_EINPUT, "--in %g:%g: the range must go from low to high", o->lo, o->hi);
    /* the input and both ends checked by the scenario loader, as a sweep */
    const double ends[2] = {o->lo, o->hi};
    char *set = sweep_set(o->vary, ends, 2);
    if (!set) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    const char *extra[] = {set, NULL};
    st = load(o, extra, &sc, err);
    free(set);
    if (st) return st;
    const portee_param_def_t *def = portee_scenario_axis_def(sc, 0);
    res->integer = def->type == PORTEE_PARAM_INT;
    res->input_unit = strdup(def->unit ? def->unit : "");
    portee_scenario_free(sc);
    if (!res->input_unit) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    return PORTEE_OK;
}

static portee_status_t search(search_t *s, portee_solve_result_t *res, portee_error_t *err)
{
    const portee_solve_opts_t *o = s->o;
    double xs[FIRST_GRID];
    size_t k = values_between(s, o->lo, o->hi, FIRST_GRID, true, res->integer, xs);
    portee_status_t st = PORTEE_OK;
    for (res->rounds = 0; res->rounds < MAX_ROUNDS && k > 0; res->rounds++) {
        if ((st = try_values(s, xs, k, err))) return st;
        qsort(s->t, s->n, sizeof *s->t, by_x);
        size_t first = 0;
        while (first < s->n && margin(o, s->t[first].value) < 0) first++;
        if (first == s->n || first == 0) break;
        const double a = s->t[first - 1].x, b = s->t[first].x;
        if (b - a <= res->tolerance) break;
        k = values_between(s, a, b, PER_ROUND, false, res->integer, xs);
    }
    return st;
}

portee_status_t portee_solve(const portee_solve_opts_t *o, portee_solve_result_t *res, portee_error_t *err)
{
    *res = (portee_solve_result_t){.outcome = PORTEE_SOLVE_NOT_MET, .monotone = true};
    search_t s = {.o = o};
    portee_status_t st = check_setup(o, &s, res, err);
    if (st) return st;
    res->tolerance = o->tolerance > 0 ? o->tolerance : (o->hi - o->lo) / 1000;
    if (res->integer && res->tolerance < 1) res->tolerance = 1;
    if (!(st = search(&s, res, err)) && s.n == 0) st = portee_fail(err, PORTEE_EINPUT, "no value to try in --in");
    if (!st) {
        size_t first = 0;
        while (first < s.n && margin(o, s.t[first].value) < 0) first++;
        for (size_t k = first + 1; k < s.n; k++) res->monotone &= margin(o, s.t[k].value) >= 0;
        const size_t at = first < s.n ? first : s.n - 1;
        res->outcome = first == s.n ? PORTEE_SOLVE_NOT_MET : first == 0 ? PORTEE_SOLVE_MET_AT_LO : PORTEE_SOLVE_FOUND;
        res->answer = s.t[at].x;
        res->below = first > 0 && first < s.n ? s.t[first - 1].x : NAN;
        res->achieved = s.t[at].value;
        res->achieved_se = s.t[at].se;
        st = bootstrap(&s, res->seed, res, err);
    }
    if (!st && !(res->curve = malloc(s.n * sizeof *res->curve))) st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    for (size_t k = 0; !st && k < s.n; k++) res->curve[k] = (portee_solve_point_t){s.t[k].x, s.t[k].value, s.t[k].se};
    if (!st) res->n_curve = s.n;
    for (size_t k = 0; k < s.n; k++) {
        free(s.t[k].hit);
        free(s.t[k].val);
    }
    free(s.t);
    return st;
}

void portee_solve_result_free(portee_solve_result_t *res)
{
    if (!res) return;
    free(res->curve);
    free(res->name);
    free(res->input_unit);
    memset(res, 0, sizeof *res);
}

char *portee_solve_curve_set(const portee_solve_opts_t *opts, const portee_solve_result_t *res)
{
    double *xs = malloc((res->n_curve ? res->n_curve : 1) * sizeof *xs);
    if (!xs) return NULL;
    for (size_t k = 0; k < res->n_curve; k++) xs[k] = res->curve[k].x;
    char *set = sweep_set(opts->vary, xs, res->n_curve);
    free(xs);
    return set;
}

void portee_frontier_free(portee_frontier_t *f)
{
    if (!f) return;
    free(f->pts);
    free(f->unit_a);
    free(f->name);
    portee_solve_result_free(&f->last);
    memset(f, 0, sizeof *f);
}

portee_status_t portee_solve_frontier(const portee_solve_opts_t *o, const char *vary_a, double lo_a, double hi_a,
                                      double price_a, double price_b, portee_frontier_t *f, portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    /* the first lever checked as an input, as the second is by portee_solve */
    portee_solve_opts_t oa = *o;
    oa.vary = vary_a;
    oa.lo = lo_a;
    oa.hi = hi_a;
    search_t probe = {.o = &oa};
    portee_solve_result_t ra = {0};
    portee_status_t st = check_setup(&oa, &probe, &ra, err);
    f->integer_a = ra.integer;
    f->unit_a = ra.input_unit;
    f->name = ra.name; /* before the first lever is set: the frontier spans all its values */
    ra.input_unit = NULL;
    ra.name = NULL;
    portee_solve_result_free(&ra);
    if (st) return st;
    if (!strcmp(vary_a, o->vary)) return portee_fail(err, PORTEE_EINPUT, "the two levers are the same input, %s", vary_a);
    double as[21];
    size_t n = 0;
    if (f->integer_a && hi_a - lo_a <= 20) {
        for (double a = ceil(lo_a); a <= hi_a; a++) as[n++] = a;
    } else {
        n = values_between(&probe, lo_a, hi_a, 11, true, f->integer_a, as);
    }
    if (!(f->pts = calloc(n ? n : 1, sizeof *f->pts))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    const char **sets = malloc((o->n_sets + 1) * sizeof *sets);
    char set[512];
    if (!sets) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    for (size_t i = 0; i < o->n_sets; i++) sets[i] = o->sets[i];
    portee_solve_opts_t ob = *o;
    ob.sets = sets;
    ob.n_sets = o->n_sets + 1;
    f->cheapest = n;
    for (size_t i = 0; i < n && !st; i++) {
        snprintf(set, sizeof set, "%s=%.17g", vary_a, as[i]);
        sets[o->n_sets] = set;
        portee_solve_result_free(&f->last);
        if ((st = portee_solve(&ob, &f->last, err))) break;
        portee_frontier_point_t *p = &f->pts[f->n++];
        p->a = as[i];
        p->outcome = f->last.outcome;
        p->b = f->last.outcome == PORTEE_SOLVE_NOT_MET ? NAN : f->last.answer;
        p->sd = f->last.outcome == PORTEE_SOLVE_FOUND ? f->last.boot_sd : 0;
        p->cost = isfinite(p->b) ? p->a * price_a + p->b * price_b : NAN;
        if (isfinite(p->cost) && (f->cheapest == n || p->cost < f->pts[f->cheapest].cost)) f->cheapest = i;
    }
    free(sets);
    if (f->cheapest == n) f->cheapest = f->n;
    return st;
}
