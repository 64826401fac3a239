/* bench_boost.c — throughput of the boost model, one thread.
 *
 * The hot loop alone as the engine runs it (stream positioning, parameter
 * draws, simulate), for the default page boosting one post at several
 * budgets, uniform delivery, a large target, and a 12-week campaign.
 * usage: bench_boost [REPLICATES] (default 400,000 per case).  Best of 3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "models/registry.h"
#include "sim/numeric/rng.h"
#include "sim/scenario/scenario.h"

static double model_loop(const portee_scenario_t *sc, uint64_t n, double *checksum)
{
    const portee_model_t *m = sc->models[0].model;
    portee_dist_t pd[PORTEE_MAX_PARAMS];
    portee_scenario_point_params(sc, 0, 0, pd);
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    const size_t columns = portee_scenario_layout(sc, 0, length, offset);
    double *row = malloc(columns * sizeof *row), *out[PORTEE_MAX_OUTPUTS];
    for (size_t o = 0; o < m->n_outputs; o++) out[o] = row + offset[o];
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    double p[PORTEE_MAX_PARAMS], sum = 0;
    double t0 = omp_get_wtime();
    for (uint64_t i = 0; i < n; i++) {
        portee_rng_stream(r, sc->seed, 0, 0, (uint32_t)i);
        for (size_t j = 0; j < m->n_params; j++) {
            const double x = pd[j].kind == PORTEE_DIST_CONST ? pd[j].field[0] : portee_dist_draw(&pd[j], r);
            p[j] = m->params[j].type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
        }
        m->simulate(p, NULL, r, out);
        sum += out[m->main_output][0];
    }
    double t = omp_get_wtime() - t0;
    gsl_rng_free(r);
    free(row);
    *checksum = sum / (double)n;
    return t;
}

static int bench(const char *label, const char *keys, uint64_t n)
{
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "seed: 2014\nboost:\n  cpm: {dist: lognormal, median: 10, sigma: 0.42, min: 2, max: 50}\n%s", keys);
    portee_error_t err;
    portee_scenario_t *sc;
    if (portee_scenario_load_text(&portee_registry, "bench", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    double best = INFINITY, mean = 0;
    for (int k = 0; k < 3; k++) {
        const double t = model_loop(sc, n, &mean);
        if (t < best) best = t;
    }
    printf("  %-52s %9.0f replicates/s  (%.2f us each; mean incremental reach %.1f)\n", label, n / best,
           1e6 * best / n, mean);
    portee_scenario_free(sc);
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 400000;
    if (n < 1000) n = 1000;
    printf("boost model, one thread (CPM lognormal, median $10):\n");
    return bench("default page, one post, $20", "  budget: 20\n", n) ||
           bench("default page, one post, $200", "  budget: 200\n", n) ||
           bench("default page, one post, $20, uniform delivery", "  budget: 20\n  exposure_shape: 0\n", n) ||
           bench("target of 1,000,000, $2,000", "  budget: 2000\n  target_size: 1000000\n  follower_share: 0.0008\n", n / 10) ||
           bench("12-week campaign, $20 a week, adstock 0.3", "  budget: 20\n  weeks: 12\n  adstock: 0.3\n", n / 10);
}
