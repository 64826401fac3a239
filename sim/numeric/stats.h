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

/* Summary s and histogram (edges[bins + 1], counts[bins], equal bins over
 * [min, max]) of x[0..n), n >= 1.  integer: every value is a whole number;
 * bins are then integer-aligned (edges at k + 0.5) so no bin splits a value,
 * and when the values span at most 2n integers everything is read off one
 * counting pass.  bins = 0: no histogram (edges and counts untouched).
 * scratch must hold n doubles; its contents afterwards are unspecified. */
void portee_stats_describe(const double *x, size_t n, int integer, unsigned bins, double *scratch,
                           portee_summary_t *s, double *edges, uint64_t *counts);

/* Quantiles of x[0..n) at the ascending levels q[0..k) into out[k], by the
 * definition above.  scratch must hold n doubles. */
void portee_stats_quantiles(const double *x, size_t n, const double *q, size_t k, double *scratch, double *out);

/* The histogram part alone, by one pass over x (min and max of x given). */
void portee_stats_histogram(const double *x, size_t n, double min, double max, unsigned bins,
                            int integer, double *edges, uint64_t *counts);

/* The bins portee_stats_histogram() lays over [min, max]: edges[bins + 1]
 * are filled, and portee_stats_bin() says which bin a value in [min, max]
 * falls in (the one its edges say, whatever the rounding). */
typedef struct {
    const double *edges;
    unsigned bins;
    double lo, inv;
} portee_bins_t;
portee_bins_t portee_stats_bins(double min, double max, unsigned bins, int integer, double *edges);
unsigned portee_stats_bin(const portee_bins_t *b, double x);

/* n, mean, sd and se of s from a sum of squared deviations ss. */
void portee_stats_set_moments(portee_summary_t *s, uint64_t n, double mean, double ss);

#endif
