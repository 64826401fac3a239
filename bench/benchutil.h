/* benchutil.h — what the benchmarks share: the model's hot loop, timed. */
#ifndef PORTEE_BENCHUTIL_H
#define PORTEE_BENCHUTIL_H

#include <stdint.h>

#include "sim/scenario/scenario.h"

/* Seconds for replicates 0..n-1 of the scenario's first model at its first
 * point (stream positioning, parameter draws, simulate: what the engine's
 * hot loop runs), best of `runs`; *mean is the mean of the model's main
 * output over them.  Exits the benchmark, with the message, if the model
 * cannot be set up. */
double portee_bench_model(const portee_scenario_t *sc, uint64_t n, int runs, double *mean);

#endif
