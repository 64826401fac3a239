/* Summaries: selection-based quantiles equal GSL's sorted quantiles; histograms. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/rng.h"
#include "sim/stats.h"
#include "testutil.h"

static void compare_as(const char *what, const double *x, size_t n, int integer)
{
    double *sorted = malloc(n * sizeof *sorted), *scratch = malloc(n * sizeof *scratch);
    memcpy(sorted, x, n * sizeof *x);
    gsl_sort(sorted, 1, n);
    portee_summary_t s;
    double lo, hi;
    portee_stats_summarise(x, n, integer, scratch, &s, &lo, &hi);
    const double q[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    const double got[5] = {s.p05, s.p25, s.p50, s.p75, s.p95};
    for (int i = 0; i < 5; i++) {
        double want = gsl_stats_quantile_from_sorted_data(sorted, 1, n, q[i]);
        CHECK(got[i] == want, "%s (integer path %d) n=%zu q=%.2f: got %.17g, GSL %.17g", what, integer,
              n, q[i], got[i], want);
    }
    CHECK(lo == sorted[0] && hi == sorted[n - 1], "%s min/max", what);
    double mean = gsl_stats_mean(x, 1, n);
    CHECK(fabs(s.mean - mean) <= 1e-12 * (1 + fabs(mean)), "%s mean %.17g vs %.17g", what, s.mean, mean);
    if (n > 1) {
        double sd = gsl_stats_sd(x, 1, n);
        CHECK(fabs(s.sd - sd) <= 1e-9 * (1 + sd), "%s sd %.17g vs %.17g", what, s.sd, sd);
        CHECK(fabs(s.se - sd / sqrt((double)n)) <= 1e-9 * (1 + sd), "%s se", what);
    }

    for (int integer = 0; integer <= 1; integer++) {
        if (integer && lo != floor(lo)) continue;
        unsigned bins = 7;
        double edges[8];
        uint64_t counts[7], total = 0;
        portee_stats_histogram(x, n, lo, hi, bins, integer, edges, counts);
        for (unsigned b = 0; b < bins; b++) total += counts[b];
        CHECK(total == n, "%s histogram holds every value (%llu of %zu)", what, (unsigned long long)total, n);
        CHECK(edges[0] <= lo && edges[bins] >= hi, "%s edges cover [min, max]", what);
        /* recount the first bin by hand */
        uint64_t first = 0;
        for (size_t i = 0; i < n; i++) first += x[i] < edges[1];
        CHECK(first == counts[0], "%s first bin %llu vs %llu", what, (unsigned long long)counts[0],
              (unsigned long long)first);
    }
    free(sorted);
    free(scratch);
}

/* Whole-number data go through both the counting and the selection paths. */
static void compare(const char *what, const double *x, size_t n)
{
    compare_as(what, x, n, 0);
    bool whole = true;
    for (size_t i = 0; i < n && whole; i++) whole = x[i] == floor(x[i]);
    if (whole) compare_as(what, x, n, 1);
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_rng_stream(r, 5, 0, 0, 0);
    static double x[100001];
    const size_t sizes[] = {1, 2, 3, 4, 5, 10, 19, 20, 21, 100, 1001, 100001};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        for (size_t i = 0; i < n; i++) x[i] = gsl_rng_uniform(r);
        compare("continuous", x, n);
        for (size_t i = 0; i < n; i++) x[i] = floor(gsl_rng_uniform(r) * 4); /* heavy ties */
        compare("ties", x, n);
        for (size_t i = 0; i < n; i++) x[i] = (double)(n - i); /* descending */
        compare("descending", x, n);
        for (size_t i = 0; i < n; i++) x[i] = 7; /* constant */
        compare("constant", x, n);
        for (size_t i = 0; i < n; i++) x[i] = floor(-50 + 100 * gsl_rng_uniform(r)); /* negatives */
        compare("signed integers", x, n);
        for (size_t i = 0; i < n; i++) x[i] = floor(1e6 * gsl_rng_uniform(r)); /* range > 2n */
        compare("wide integers", x, n);
    }
    gsl_rng_free(r);
    return portee_test_summary("test_stats");
}
