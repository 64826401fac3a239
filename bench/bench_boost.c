/* bench_boost.c — throughput of the boost model, one thread.
 *
 * The hot loop alone as the engine runs it (stream positioning, parameter
 * draws, simulate: portee_sim_one), for the default page boosting one post at several
 * budgets, uniform delivery, a large target, and a 12-week campaign; then
 * one hypergeometric draw of each kind a $20 post makes, alone, in
 * nanoseconds (numpy_boost.py --draws times NumPy's on the same arguments).
 * usage: bench_boost [REPLICATES] (default 400,000 per case).  Best of 3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <omp.h>

#include "benchutil.h"
#include "models/registry.h"
#include "sim/numeric/rng.h"
#include "sim/numeric/sample.h"
#include "sim/scenario/scenario.h"

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
    double mean = 0;
    const double best = portee_bench_model(sc, n, 3, &mean);
    printf("  %-52s %9.0f replicates/s  (%.2f us each; mean incremental reach %.1f)\n", label, n / best,
           1e6 * best / n, mean);
    portee_scenario_free(sc);
    return 0;
}

/* The (good, bad, draws) of the hypergeometric draws a replicate of
 * scenarios/boost_post.yaml makes, typical values logged from a run: about
 * ten a replicate, of these kinds (and a few trivial ones). */
static const struct {
    unsigned int good, bad, draws;
    const char *what;
} draws[] = {
    {800, 200, 60, "organic reach in the target"},
    {20000, 1099, 1100, "the target seen once or more"},
    {1050, 59, 60, "the target seen twice or more"},
    {1000000, 249, 250, "the spill seen once or more"},
    {800, 19200, 1100, "followers among the target reached"},
    {30, 770, 45, "organic reach among those followers"},
};

static int per_draw(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    if (!r) {
        fprintf(stderr, "bench_boost: out of memory\n");
        return 1;
    }
    portee_rng_stream(r, 2014, 0, 0, 0);
    printf("one hypergeometric draw at a time (ns, best of 3 runs of 1,000,000):\n");
    unsigned long sum = 0;
    for (size_t k = 0; k < sizeof draws / sizeof *draws; k++) {
        double ns;
        PORTEE_BENCH_DRAW(ns, 1000000, sum, portee_sample_hypergeometric(r, draws[k].good, draws[k].bad, draws[k].draws));
        char what[96];
        snprintf(what, sizeof what, "%s (%u, %u, %u)", draws[k].what, draws[k].good, draws[k].bad, draws[k].draws);
        printf("  %-60s %6.1f ns\n", what, ns);
    }
    printf("  (%lu in all)\n", sum); /* keeps the draws from being optimised away */
    gsl_rng_free(r);
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
           bench("12-week campaign, $20 a week, adstock 0.3", "  budget: 20\n  weeks: 12\n  adstock: 0.3\n", n / 10) ||
           per_draw();
}
