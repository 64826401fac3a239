#include "mcutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/engine/engine.h"
#include "testutil.h"

static portee_status_t grab(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    (void)err;
    capture_t *c = ctx;
    if (res->point == 0) memcpy(c->values, res->values, res->n_columns * res->replicates * sizeof(double));
    return PORTEE_OK;
}

capture_t mc_run_scenario(const portee_scenario_t *sc, int threads)
{
    capture_t c = {.R = sc->replicates};
    c.n_columns = portee_scenario_layout(sc, 0, c.length, c.offset);
    c.values = malloc(c.n_columns * c.R * sizeof(double));
    portee_error_t err;
    portee_engine_opts_t o = {.threads = threads, .on_point = grab, .ctx = &c, .keep_values = true};
    CHECK(portee_engine_run(sc, &o, &err) == PORTEE_OK, "run: %s", err.msg);
    return c;
}

capture_t mc_run(const char *yaml, int threads)
{
    portee_error_t err;
    portee_scenario_t *sc;
    if (portee_scenario_load_text(&portee_registry, "test", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        CHECK(0, "scenario: %s", err.msg);
        exit(1);
    }
    capture_t c = mc_run_scenario(sc, threads);
    portee_scenario_free(sc);
    return c;
}

const double *mc_column(const capture_t *c, size_t o, size_t t)
{
    return c->values + (c->offset[o] + t) * c->R;
}

moments_t mc_moments(const double *x, uint64_t n)
{
    double s = 0;
    for (uint64_t i = 0; i < n; i++) s += x[i];
    double m = s / n, m2 = 0, m4 = 0;
    for (uint64_t i = 0; i < n; i++) {
        double d = (x[i] - m) * (x[i] - m);
        m2 += d;
        m4 += d * d;
    }
    m4 /= n;
    moments_t r = {m, m2 / (n - 1), 0, 0};
    r.se_mean = sqrt(r.var / n);
    r.se_var = sqrt((m4 - r.var * r.var) / n);
    return r;
}

bool mc_far(double observed, double wrong, double se) { return fabs(observed - wrong) > K_SE * se; }

void mc_check_threads(const char *yaml)
{
    portee_error_t err;
    portee_scenario_t *sc;
    if (portee_scenario_load_text(&portee_registry, "threads", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        CHECK(0, "scenario: %s", err.msg);
        exit(1);
    }
    capture_t c1 = mc_run_scenario(sc, 1), c2 = mc_run_scenario(sc, 2);
    CHECK(!memcmp(c1.values, c2.values, c1.n_columns * c1.R * sizeof(double)),
          "1 and 2 threads give bit-identical replicates (all %zu columns)", c1.n_columns);
    free(c1.values);
    free(c2.values);
    portee_scenario_free(sc);
}
