/* Summaries: selection-based quantiles equal GSL's sorted quantiles; histograms. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/numeric/rng.h"
#include "sim/numeric/stats.h"
#include "testutil.h"

static void compare_as(const char *what, const double *x, size_t n, int integer)
{
    double *sorted = malloc(n * sizeof *sorted), *scratch = malloc(n * sizeof *scratch);
    memcpy(sorted, x, n * sizeof *x);
    gsl_sort(sorted, 1, n);
    enum { BINS = 7 };
    portee_summary_t s;
    double edges[BINS + 1];
    uint64_t counts[BINS];
    portee_stats_describe(x, n, integer, BINS, scratch, &s, edges, counts);

    const double q[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    const double got[5] = {s.p05, s.p25, s.p50, s.p75, s.p95};
    for (int i = 0; i < 5; i++) {
        double want = gsl_stats_quantile_from_sorted_data(sorted, 1, n, q[i]);
        CHECK(got[i] == want, "%s (integer %d) n=%zu q=%.2f: got %.17g, GSL %.17g", what, integer,
              n, q[i], got[i], want);
    }
    double mean = gsl_stats_mean(x, 1, n);
    CHECK(s.n == n, "%s n", what);
    CHECK(fabs(s.mean - mean) <= 1e-12 * (1 + fabs(mean)), "%s mean %.17g vs %.17g", what, s.mean, mean);
    if (n > 1) {
        double sd = gsl_stats_sd(x, 1, n);
        CHECK(fabs(s.sd - sd) <= 1e-9 * (1 + sd), "%s (integer %d) sd %.17g vs %.17g", what, integer, s.sd, sd);
        CHECK(fabs(s.se - sd / sqrt((double)n)) <= 1e-9 * (1 + sd), "%s se", what);
    }

    uint64_t total = 0;
    for (unsigned b = 0; b < BINS; b++) total += counts[b];
    CHECK(total == n, "%s histogram holds every value (%llu of %zu)", what, (unsigned long long)total, n);
    CHECK(edges[0] <= sorted[0] && edges[BINS] >= sorted[n - 1], "%s edges cover [min, max]", what);
    for (unsigned b = 0; b < BINS; b++) { /* recount every bin by hand */
        uint64_t c = 0;
        for (size_t i = 0; i < n; i++)
            c += x[i] >= edges[b] && (x[i] < edges[b + 1] || (b == BINS - 1 && x[i] <= edges[b + 1]));
        CHECK(c == counts[b], "%s (integer %d) bin %u: %llu vs %llu by hand", what, integer, b,
              (unsigned long long)counts[b], (unsigned long long)c);
    }
    /* the counting path's histogram equals the one-pass histogram */
    double e2[BINS + 1];
    uint64_t c2[BINS];
    portee_stats_histogram(x, n, sorted[0], sorted[n - 1], BINS, integer, e2, c2);
    CHECK(!memcmp(e2, edges, sizeof e2) && !memcmp(c2, counts, sizeof c2), "%s (integer %d): both histogram paths agree",
          what, integer);
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
