/* portee_sim_* (sim/engine/simulate.h) against the engine: for every model
 * and sweep point of a scenario with distributions (reach with its hourly
 * and weekly series, boost, adoption), the replicates simulated outside the
 * engine must be the engine's, bit for bit, values and parameter draws.
 *
 * Each comparison is paired with one that must fail (another point's,
 * replicate's or seed's stream), so a test that compares nothing is caught. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "models/registry.h"
#include "sim/engine/engine.h"
#include "sim/engine/simulate.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

#define POINTS 2

static const char yaml[] =
    "seed: 77\n"
    "replicates: 2500\n"
    "page:\n"
    "  followers: 1000\n"
    "  reach_rate: {dist: beta, mean: 0.05, sd: 0.015}\n"
    "  post_variability: 50\n"
    "  engagement_rate: {dist: beta, mean: 0.04, sd: 0.015}\n"
    "  posts_per_week: 2\n"
    "reach:\n"
    "  share_rate: 0.01\n"
    "  friends_median: 100\n"
    "  friends_sigma: 1\n"
    "  hours: 24\n"
    "  arrival_hours: 3\n"
    "  horizon_weeks: 4\n"
    "  follow_rate: 0.02\n"
    "  churn_rate: 0.002\n"
    "boost:\n"
    "  budget: 20\n"
    "  cpm: {dist: lognormal, median: 10, sigma: 0.42, min: 2, max: 60}\n"
    "  follower_share: 0.01\n"
    "  lift_weeks: 8\n"
    "adoption:\n"
    "  audience_size: 2000\n"
    "  organisations: 50\n"
    "  org_q: {dist: pert, min: 0.2, mode: 0.3, max: 0.5}\n"
    "  coupling: {dist: uniform, min: 0, max: 0.1}\n"
    "  horizon_years: 5\n"
    "  delay_years: 2\n"
    "sweep:\n"
    "  page.followers: [300, 1000]\n";

/* Every (model, point) the engine hands on. */
typedef struct {
    size_t n_columns[PORTEE_MAX_MODELS], n_inputs[PORTEE_MAX_MODELS];
    double *values[PORTEE_MAX_MODELS][POINTS], *inputs[PORTEE_MAX_MODELS][POINTS];
} capture_all_t;

static portee_status_t grab(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    capture_all_t *c = ctx;
    const size_t nv = res->n_columns * res->replicates, ni = res->n_inputs * res->replicates;
    double *v = malloc(nv * sizeof *v), *in = malloc((ni + 1) * sizeof *in);
    if (!v || !in) {
        free(v);
        free(in);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    memcpy(v, res->values, nv * sizeof *v);
    memcpy(in, res->inputs, ni * sizeof *in);
    c->n_columns[res->model] = res->n_columns;
    c->n_inputs[res->model] = res->n_inputs;
    c->values[res->model][res->point] = v;
    c->inputs[res->model][res->point] = in;
    return PORTEE_OK;
}

static bool same(const double *a, const double *b, size_t n) { return !memcmp(a, b, n * sizeof *a); }

static void check_point(const portee_scenario_t *sc, const capture_all_t *c, size_t mi, uint64_t pt)
{
    const char *name = sc->models[mi].model->name;
    const uint32_t R = (uint32_t)sc->replicates;
    portee_error_t err;
    portee_sim_t s;
    if (portee_sim_init_scenario(&s, sc, mi, pt, &err)) {
        CHECK(0, "%s point %llu: %s", name, (unsigned long long)pt, err.msg);
        return;
    }
    const size_t C = s.n_columns, n_in = s.n_inputs;
    CHECK(C == c->n_columns[mi] && n_in == c->n_inputs[mi], "%s: layout %zu columns, %zu inputs as the "
          "engine's (%zu, %zu)", name, C, n_in, c->n_columns[mi], c->n_inputs[mi]);
    CHECK(n_in > 0, "%s draws some parameters per replicate", name);
    const double *ev = c->values[mi][pt], *ei = c->inputs[mi][pt];
    double *v = malloc(C * R * sizeof *v), *in = malloc((n_in * R + 1) * sizeof *in);
    portee_sim_run(&s, 0, R, v, in);
    CHECK(same(v, ev, C * R), "%s point %llu: all %zu columns x %u replicates are the engine's", name,
          (unsigned long long)pt, C, R);
    CHECK(same(in, ei, n_in * R), "%s point %llu: the parameter draws are the engine's", name,
          (unsigned long long)pt);

    /* a range in the middle, and one replicate alone */
    const uint32_t first = R / 3, n = R / 4;
    double *part = malloc(C * n * sizeof *part);
    portee_sim_run(&s, first, n, part, NULL);
    bool ok = true;
    for (size_t col = 0; col < C; col++) ok = ok && same(part + col * n, ev + col * R + first, n);
    CHECK(ok, "%s point %llu: replicates %u..%u alone are the engine's", name, (unsigned long long)pt,
          first, first + n - 1);
    const uint32_t last = R - 1;
    const double *pv = portee_sim_one(&s, last);
    ok = true;
    for (size_t col = 0; col < C; col++) ok = ok && s.row[col] == ev[col * R + last];
    for (size_t d = 0; d < n_in; d++) ok = ok && pv[s.input_param[d]] == ei[d * R + last];
    CHECK(ok, "%s point %llu: replicate %u alone is the engine's", name, (unsigned long long)pt, last);

    /* the power of the comparison: the neighbouring replicate's stream
     * must not match */
    portee_sim_run(&s, 1, R - 1, v, NULL);
    ok = true;
    for (size_t col = 0; col < C; col++) ok = ok && same(v + col * (R - 1), ev + col * R, R - 1);
    CHECK(!ok, "%s point %llu: replicates shifted by one differ (the comparison can fail)", name,
          (unsigned long long)pt);
    portee_sim_free(&s);

    /* from a bare parameter table: the same numbers; another point's or
     * seed's stream: others */
    portee_dist_t params[PORTEE_MAX_PARAMS];
    portee_scenario_point_params(sc, mi, pt, params);
    portee_sim_spec_t spec = {.model = sc->models[mi].model, .params = params, .seed = sc->seed,
                              .model_index = mi, .point = portee_scenario_stream_point(sc, pt),
                              .replicates = sc->replicates};
    CHECK(portee_sim_init(&s, &spec, &err) == PORTEE_OK, "%s: %s", name, err.msg);
    portee_sim_run(&s, 0, R, v, in);
    CHECK(same(v, ev, C * R) && same(in, ei, n_in * R), "%s point %llu: from its parameter table, the "
          "engine's numbers", name, (unsigned long long)pt);
    portee_sim_free(&s);
    spec.point = spec.point + 1;
    CHECK(portee_sim_init(&s, &spec, &err) == PORTEE_OK, "%s: %s", name, err.msg);
    portee_sim_run(&s, 0, R, v, NULL);
    CHECK(!same(v, ev, C * R), "%s point %llu: point %llu's stream differs", name,
          (unsigned long long)pt, (unsigned long long)pt + 1);
    portee_sim_free(&s);
    spec.point = pt;
    spec.seed = sc->seed + 1;
    CHECK(portee_sim_init(&s, &spec, &err) == PORTEE_OK, "%s: %s", name, err.msg);
    portee_sim_run(&s, 0, R, v, NULL);
    CHECK(!same(v, ev, C * R), "%s point %llu: another seed's stream differs", name,
          (unsigned long long)pt);
    portee_sim_free(&s);
    portee_sim_free(&s); /* idempotent */
    free(part);
    free(v);
    free(in);
}

int main(void)
{
    gsl_set_error_handler_off(); /* GSL errors (out of memory) are reported, not aborted on */
    portee_error_t err;
    portee_scenario_t *sc;
    if (portee_scenario_load_text(&portee_registry, "test", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        CHECK(0, "scenario: %s", err.msg);
        return portee_test_summary("test_simulate");
    }
    CHECK(sc->n_models == 3 && sc->n_points == POINTS, "3 models x %d points", POINTS);
    capture_all_t c = {0};
    portee_engine_opts_t o = {.threads = 2, .on_point = grab, .ctx = &c, .keep_values = true};
    CHECK(portee_engine_run(sc, &o, &err) == PORTEE_OK, "engine: %s", err.msg);
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    CHECK(portee_scenario_layout(sc, 0, length, offset) > 24 + 4, "reach has its hourly and weekly series");
    for (size_t mi = 0; mi < sc->n_models; mi++)
        for (uint64_t p = 0; p < POINTS; p++) {
            if (c.values[mi][p]) check_point(sc, &c, mi, p);
            else CHECK(0, "the engine handed on model %zu point %llu", mi, (unsigned long long)p);
        }

    /* a series' length must be a constant */
    portee_dist_t params[PORTEE_MAX_PARAMS];
    portee_scenario_point_params(sc, 0, 0, params);
    const portee_model_t *reach = sc->models[0].model;
    const int hours = portee_model_param_index(reach, "hours");
    const double f[PORTEE_DIST_MAXFIELDS] = {10, 30};
    const bool present[PORTEE_DIST_MAXFIELDS] = {true, true};
    char why[128];
    CHECK(hours >= 0 && portee_dist_make(&params[hours], PORTEE_DIST_UNIFORM, f, present, why, sizeof why),
          "uniform hours");
    portee_sim_spec_t spec = {.model = reach, .params = params, .seed = 1, .replicates = 100};
    portee_sim_t s;
    CHECK(portee_sim_init(&s, &spec, &err) == PORTEE_EINPUT && strstr(err.msg, "hours"),
          "hours drawn per replicate is refused: %s", err.msg);
    portee_sim_free(&s);

    for (size_t mi = 0; mi < PORTEE_MAX_MODELS; mi++)
        for (uint64_t p = 0; p < POINTS; p++) {
            free(c.values[mi][p]);
            free(c.inputs[mi][p]);
        }
    portee_scenario_free(sc);
    return portee_test_summary("test_simulate");
}
