#include "benchutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <omp.h>

#include "sim/engine/simulate.h"

double portee_bench_model(const portee_scenario_t *sc, uint64_t n, int runs, double *mean)
{
    portee_error_t err;
    portee_sim_t s;
    if (portee_sim_init_scenario(&s, sc, 0, 0, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    const double *main_out = s.out[s.pt.m->main_output];
    double best = INFINITY;
    for (int k = 0; k < runs; k++) {
        double sum = 0, t0 = omp_get_wtime();
        for (uint64_t i = 0; i < n; i++) {
            portee_sim_one(&s, (uint32_t)i);
            sum += main_out[0];
        }
        const double t = omp_get_wtime() - t0;
        if (t < best) best = t;
        *mean = sum / (double)n;
    }
    portee_sim_free(&s);
    return best;
}
