/* bench_adoption.c — throughput of the adoption model, one thread.
 *
 * The hot loop alone (stream positioning, simulate: portee_sim_one) with the
 * parameter table's defaults (monthly steps, 15 years, adoption years 0..5),
 * then the two diffusions alone (delay_years 0), then the defaults at weekly
 * steps; then one binomial draw of each kind the model makes, alone, in
 * nanoseconds (numpy_adoption.py --draws times NumPy's on the same n and p).
 * usage: bench_adoption [REPLICATES] (default 200,000).  Best of 3 runs
 * each. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <omp.h>

#include "benchutil.h"
#include "models/registry.h"
#include "sim/numeric/rng.h"
#include "sim/numeric/sample.h"
#include "sim/scenario/scenario.h"

/* The (n, p) of the draws a default replicate makes: the audience's monthly
 * adoptions early and midway (10,000 people, hazard 0.03 then about 0.22 a
 * year), the organisations' (300), and follower pools at 0.03 a year. */
static const struct {
    unsigned int n;
    double p;
    int cached; /* through the point's table of (1 - p)^n, as the model draws followers */
    const char *what;
} draws[] = {
    {9000, 0.0025, 0, "audience, early (n 9000, p 0.0025)"},
    {5000, 0.018, 0, "audience, midway (n 5000, p 0.018)"},
    {280, 0.003, 0, "organisations (n 280, p 0.003)"},
    {30, 0.0025, 1, "a follower pool (n 30, p 0.0025)"},
    {3, 0.0025, 1, "a follower pool (n 3, p 0.0025)"},
};

static int per_draw(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_binomial_cache_t cache = {0};
    if (!r || portee_binomial_cache_init(&cache, 0.0025, 10000)) {
        fprintf(stderr, "bench_adoption: out of memory\n");
        gsl_rng_free(r);
        return 1;
    }
    portee_rng_stream(r, 2014, 0, 0, 0);
    printf("one draw at a time (ns, best of 3 runs of 2,000,000):\n");
    enum { N = 2000000 };
    unsigned long sum = 0;
    for (size_t k = 0; k < sizeof draws / sizeof *draws; k++) {
        double ns;
        PORTEE_BENCH_DRAW(ns, N, sum,
                          draws[k].cached ? portee_sample_binomial_cached(r, &cache, draws[k].n)
                                          : portee_sample_binomial(r, draws[k].p, draws[k].n));
        printf("  %-40s %6.1f ns\n", draws[k].what, ns);
    }
    printf("  (%lu successes in all)\n", sum); /* keeps the draws from being optimised away */
    portee_binomial_cache_free(&cache);
    gsl_rng_free(r);
    return 0;
}

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
           bench("weekly steps", "adoption.steps_per_year=52", n / 4 + 1) || per_draw();
}
