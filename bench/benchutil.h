/* benchutil.h — what the benchmarks share: the model's hot loop, timed. */
#ifndef PORTEE_BENCHUTIL_H
#define PORTEE_BENCHUTIL_H

#include <math.h>
#include <stdint.h>

#include <omp.h>

#include "sim/scenario/scenario.h"

/* Seconds for replicates 0..n-1 of the scenario's first model at its first
 * point (stream positioning, parameter draws, simulate: what the engine's
 * hot loop runs), best of `runs`; *mean is the mean of the model's main
 * output over them.  Exits the benchmark, with the message, if the model
 * cannot be set up. */
double portee_bench_model(const portee_scenario_t *sc, uint64_t n, int runs, double *mean);

/* Nanoseconds a draw: EXPR (an unsigned count) evaluated N times, best of 3
 * runs, its results added into SUM so that they cannot be optimised away.
 * A macro, not a function taking a callback: the cheapest draws (5 ns) would
 * carry the call's cost too. */
#define PORTEE_BENCH_DRAW(ns, N, sum, expr)                                                    \
    do {                                                                                       \
        double best_ = INFINITY;                                                               \
        for (int run_ = 0; run_ < 3; run_++) {                                                 \
            const double t0_ = omp_get_wtime();                                                \
            for (long i_ = 0; i_ < (N); i_++) (sum) += (expr);                                 \
            const double t_ = omp_get_wtime() - t0_;                                           \
            if (t_ < best_) best_ = t_;                                                        \
        }                                                                                      \
        (ns) = best_ / (double)(N) * 1e9;                                                      \
    } while (0)

#endif
