/* bench_adoption.c — throughput of the adoption model, one thread.
 *
 * The hot loop alone (stream positioning, simulate: portee_sim_one) with the
 * parameter table's defaults (monthly steps, 15 years, adoption years 0..5),
 * then the two diffusions alone (delay_years 0), then the defaults at weekly
 * steps.  usage: bench_adoption [REPLICATES] (default 200,000).  Best of 3
 * runs each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <omp.h>

#include "benchutil.h"
#include "models/registry.h"
#include "sim/scenario/scenario.h"

static int bench(const char *label, const char *set, uint64_t n)
{
    portee_error_t err;
    portee_scenario_t *sc;
    const char *yaml = "adoption:\n";
    const char *sets[] = {set};
    if (portee_scenario_load_text(&portee_registry, "bench", yaml, 10, sets, set ? 1 : 0, &sc, &err)) {
        fprintf(stderr, "bench_adoption: %s\n", err.msg);
        return 1;
    }
    double lag = 0;
    const double best = portee_bench_model(sc, n, 3, &lag);
    printf("%-28s %8.0f replicates/s per core (%llu replicates, mean lag_t50 %.3f years)\n", label,
           n / best, (unsigned long long)n, lag);
    portee_scenario_free(sc);
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL errors (out of memory) are reported, not aborted on */
    const uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 200000;
    if (n < 1) return 2;
    return bench("defaults (monthly steps)", NULL, n) ||
           bench("no cost of delay", "adoption.delay_years=0", n) ||
           bench("weekly steps", "adoption.steps_per_year=52", n / 4 + 1);
}
