/* bench_reach.c — throughput of the reach model on the default page.
 *
 * For two configurations, the per-post model alone (hours: 0) and the
 * default scenario (with its 72-hour curve):
 *  1. model: the hot loop alone (stream positioning, parameter draws,
 *     simulate: portee_sim_one) on one thread: replicates per second per core;
 *  2. engine: the engine end to end (simulation + summaries, no file), over
 *     enough points to give REPLICATES replicates in all, at 1 and 2 threads.
 * usage: bench_reach [REPLICATES] (default 4,000,000).  Best of 3 runs each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <omp.h>

#include "benchutil.h"
#include "models/registry.h"
#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

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

    double mean_total = 0;
    const double best = portee_bench_model(sc, total, 3, &mean_total);
    printf("%s\n  model   1 thread : %.2f M replicates/s per core (%llu replicates, mean total reach %.2f)\n",
           label, total / best / 1e6, (unsigned long long)total, mean_total);
    /* the model alone on both cores at once, each thread its own half: the
     * machine's own ceiling for two threads (shared caches, clock) */
    double worst = 0;
#pragma omp parallel num_threads(2) reduction(max : worst)
    {
        double m2;
        worst = portee_bench_model(sc, total / 2, 3, &m2);
    }
    printf("  model   2 threads: %.2f M replicates/s per core (each thread %llu replicates, the slower one)\n",
           total / 2 / worst / 1e6, (unsigned long long)(total / 2));

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
    gsl_set_error_handler_off(); /* GSL errors (out of memory) are reported, not aborted on */
    uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 10) : 4000000;
    if (total < 20000) total = 20000;
    if (bench("per-post reach (default page, hours: 0)", "reach.hours=0", total)) return 1;
    return bench("default scenario (with the 72-hour curve)", "reach.hours=72", total / 4);
}
