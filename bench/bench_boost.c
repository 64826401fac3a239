/* bench_boost.c — throughput of the boost model, one thread.
 *
 * The hot loop alone as the engine runs it (stream positioning, parameter
 * draws, simulate: portee_sim_one), for the default page boosting one post at several
 * budgets, uniform delivery, a large target, and a 12-week campaign.
 * usage: bench_boost [REPLICATES] (default 400,000 per case).  Best of 3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <omp.h>

#include "models/registry.h"
#include "sim/engine/simulate.h"
#include "sim/scenario/scenario.h"

static double model_loop(const portee_scenario_t *sc, uint64_t n, double *checksum)
{
    portee_error_t err;
    portee_sim_t s;
    if (portee_sim_init_scenario(&s, sc, 0, 0, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    const double *main_out = s.out[s.pt.m->main_output];
    double sum = 0, t0 = omp_get_wtime();
    for (uint64_t i = 0; i < n; i++) {
        portee_sim_one(&s, (uint32_t)i);
        sum += main_out[0];
    }
    double t = omp_get_wtime() - t0;
    portee_sim_free(&s);
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
    gsl_set_error_handler_off(); /* GSL errors (out of memory) are reported, not aborted on */
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 400000;
    if (n < 1000) n = 1000;
    printf("boost model, one thread (CPM lognormal, median $10):\n");
    return bench("default page, one post, $20", "  budget: 20\n", n) ||
           bench("default page, one post, $200", "  budget: 200\n", n) ||
           bench("default page, one post, $20, uniform delivery", "  budget: 20\n  exposure_shape: 0\n", n) ||
           bench("target of 1,000,000, $2,000", "  budget: 2000\n  target_size: 1000000\n  follower_share: 0.0008\n", n / 10) ||
           bench("12-week campaign, $20 a week, adstock 0.3", "  budget: 20\n  weeks: 12\n  adstock: 0.3\n", n / 10);
}
