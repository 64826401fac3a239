/* stats.h — per-point summaries of one output's replicates.
 *
 * Summaries read the replicates in replicate order (so they do not depend on
 * which thread computed what).  Quantiles follow GSL's definition
 * (gsl_stats_quantile_from_sorted_data: linear interpolation between order
 * statistics at f·(n−1)) but are found by selection in O(n), not by sorting. */
#ifndef PORTEE_STATS_H
#define PORTEE_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t n;
    double mean, sd, se; /* se = sd / sqrt(n), the Monte Carlo standard error of the mean */
    double p05, p25, p50, p75, p95;
} portee_summary_t;

/* Summarises x[0..n) (n >= 1) into s and sets *min, *max.  scratch must hold
 * n doubles; its contents afterwards are unspecified.  integer: every value is
 * a whole number (quantiles then come from counts when the range is small). */
void portee_stats_summarise(const double *x, size_t n, int integer, double *scratch,
                            portee_summary_t *s, double *min, double *max);

/* Histogram of x[0..n), whose range is [min, max], into `bins` equal bins:
 * edges[bins + 1], counts[bins].  Integer data get integer-aligned bins
 * (edges at k + 0.5) so no bin splits a value. */
void portee_stats_histogram(const double *x, size_t n, double min, double max, unsigned bins,
                            int integer, double *edges, uint64_t *counts);

/* The q-quantile (GSL's definition) of x[0..n), reordering x. */
double portee_stats_quantile(double *x, size_t n, double q);

#endif
