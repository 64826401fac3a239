/* mcutil.h — Monte Carlo test helpers: run a scenario through the engine and
 * keep point 0's replicate values; moments with their standard errors. */
#ifndef PORTEE_MCUTIL_H
#define PORTEE_MCUTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/scenario/model.h"
#include "sim/scenario/scenario.h"

#define K_SE 5.0 /* tolerance of every statistical check, in standard errors */

typedef struct {
    double *values; /* [columns][R] of point 0 */
    uint64_t R;
    size_t n_columns;
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS]; /* output layout */
} capture_t;

/* Runs yaml (exits the test on a scenario error); free values when done. */
capture_t mc_run(const char *yaml, int threads);
/* Same for a loaded scenario. */
capture_t mc_run_scenario(const portee_scenario_t *sc, int threads);
/* Runs yaml on 1 and on 2 threads and checks every column of point 0 is
 * bit-identical (exits the test on a scenario error). */
void mc_check_threads(const char *yaml);
/* Replicates of step t of output o (t = 0 for a single value). */
const double *mc_column(const capture_t *c, size_t o, size_t t);

typedef struct {
    double mean, var, se_mean, se_var;
} moments_t;

/* Mean and variance with their standard errors; SE of the sample variance from
 * the sample fourth central moment: sqrt((m4 - s^4) / n). */
moments_t mc_moments(const double *x, uint64_t n);
/* |observed - wrong| > K_SE standard errors: a wrong model would be rejected. */
bool mc_far(double observed, double wrong, double se);

#endif
