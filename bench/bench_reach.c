/* bench_reach.c — throughput of the reach model on the default page.
 *
 * For two configurations, the per-post model alone (hours: 0) and the
 * default scenario (with its 72-hour curve):
 *  1. model: the hot loop alone (stream positioning, parameter draws,
 *     simulate) on one thread: replicates per second per core;
 *  2. engine: the engine end to end (simulation + summaries, no file), over
 *     enough points to give REPLICATES replicates in all, at 1 and 2 threads.
 * usage: bench_reach [REPLICATES] (default 4,000,000).  Best of 3 runs each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <omp.h>

#include "models/registry.h"
#include "sim/engine/engine.h"
#include "sim/numeric/rng.h"
#include "sim/scenario/scenario.h"

static double model_loop(const portee_scenario_t *sc, uint64_t n, double *checksum)
{
    const portee_model_t *m = sc->models[0].model;
    portee_dist_t pd[PORTEE_MAX_PARAMS];
    portee_scenario_point_params(sc, 0, 0, pd);
    bool failed;
    void *ws = m->prepare ? m->prepare(pd, n, &failed) : NULL;
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    const size_t columns = portee_scenario_layout(sc, 0, length, offset);
    double *row = malloc(columns * sizeof *row), *out[PORTEE_MAX_OUTPUTS];
    for (size_t o = 0; o < m->n_outputs; o++) out[o] = row + offset[o];
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    double p[PORTEE_MAX_PARAMS], sum = 0;
    for (size_t j = 0; j < m->n_params; j++) p[j] = pd[j].field[0]; /* all constants here */
    double t0 = omp_get_wtime();
    for (uint64_t i = 0; i < n; i++) {
        portee_rng_stream(r, sc->seed, 0, 0, (uint32_t)i);
        m->simulate(p, ws, r, out);
        sum += out[m->main_output][0];
    }
    double t = omp_get_wtime() - t0;
    gsl_rng_free(r);
    free(row);
    if (m->release) m->release(ws);
    *checksum = sum / (double)n;
    return t;
}

static int bench(const char *label, const char *hours, uint64_t total)
{
    portee_error_t err;
    portee_scenario_t *sc;
    char sweep[128];
    /* 20000 replicates per point, as the default scenario; the swept values
     * are all the default, so every point is the same model at the same cost. */
    uint64_t points = total / 20000;
    snprintf(sweep, sizeof sweep, "sweep.reach.max_generations={from: 50, to: 50, steps: %llu}",
             (unsigned long long)points);
    const char *sets[] = {sweep, "replicates=20000", hours};
    if (portee_scenario_load(&portee_registry, NULL, sets, 3, &sc, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    total = points * 20000;

    double best = INFINITY, mean_total = 0;
    for (int k = 0; k < 3; k++) {
        double t = model_loop(sc, total, &mean_total);
        if (t < best) best = t;
    }
    printf("%s\n  model   1 thread : %.2f M replicates/s per core (%llu replicates, mean total reach %.2f)\n",
           label, total / best / 1e6, (unsigned long long)total, mean_total);

    double t1 = 0;
    for (int threads = 1; threads <= 2; threads++) {
        double tb = INFINITY;
        for (int k = 0; k < 3; k++) {
            portee_engine_opts_t o = {.threads = threads};
            double t0 = omp_get_wtime();
            if (portee_engine_run(sc, &o, &err)) {
                fprintf(stderr, "bench: %s\n", err.msg);
                return 1;
            }
            double t = omp_get_wtime() - t0;
            if (t < tb) tb = t;
        }
        if (threads == 1) t1 = tb;
        printf("  engine  %d thread%s: %.2f M replicates/s in all, %.2f M per core; speed-up %.2fx\n",
               threads, threads == 1 ? " " : "s", total / tb / 1e6, total / tb / 1e6 / threads,
               t1 / tb);
    }
    portee_scenario_free(sc);
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 10) : 4000000;
    if (total < 20000) total = 20000;
    if (bench("per-post reach (default page, hours: 0)", "reach.hours=0", total)) return 1;
    return bench("default scenario (with the 72-hour curve)", "reach.hours=72", total / 4);
}
