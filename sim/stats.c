#include "sim/stats.h"

#include <math.h>
#include <string.h>

static inline void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Places the k-th smallest of x[lo..hi] at x[k], smaller-or-equal values
 * before it and greater-or-equal after (Hoare partition, median of three). */
static void select_kth(double *x, size_t lo, size_t hi, size_t k)
{
    while (hi > lo) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] < x[lo]) swap(&x[mid], &x[lo]);
        if (x[hi] < x[lo]) swap(&x[hi], &x[lo]);
        if (x[hi] < x[mid]) swap(&x[hi], &x[mid]);
        const double pivot = x[mid];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (x[i] < pivot) i++;
            while (x[j] > pivot) j--;
            if (i <= j) {
                swap(&x[i], &x[j]);
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return; /* j < k < i: x[k] equals the pivot */
    }
}

/* Quantile with x[from..n) unordered and everything before `from` already
 * smaller; returns the index it selected so later (larger) quantiles can
 * start there. */
static double quantile_from(double *x, size_t n, size_t from, double q, size_t *at)
{
    const double index = q * (double)(n - 1);
    const size_t k = (size_t)index;
    const double delta = index - (double)k;
    select_kth(x, from, n - 1, k);
    *at = k;
    if (delta == 0 || k + 1 >= n) return x[k];
    double next = x[k + 1]; /* smallest value above position k */
    for (size_t i = k + 2; i < n; i++)
        if (x[i] < next) next = x[i];
    return (1 - delta) * x[k] + delta * next;
}

double portee_stats_quantile(double *x, size_t n, double q)
{
    size_t at;
    return quantile_from(x, n, 0, q, &at);
}

void portee_stats_summarise(const double *x, size_t n, double *scratch, portee_summary_t *s,
                            double *min, double *max)
{
    double sum = 0, lo = x[0], hi = x[0];
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
    }
    const double mean = sum / (double)n;
    double ss = 0, corr = 0;
    for (size_t i = 0; i < n; i++) {
        const double d = x[i] - mean;
        ss += d * d;
        corr += d;
    }
    /* corrected two-pass variance (Chan, Golub & LeVeque) */
    const double var = n > 1 ? (ss - corr * corr / (double)n) / (double)(n - 1) : 0;
    s->n = n;
    s->mean = mean;
    s->sd = var > 0 ? sqrt(var) : 0;
    s->se = s->sd / sqrt((double)n);
    *min = lo;
    *max = hi;

    memcpy(scratch, x, n * sizeof *x);
    static const double qs[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    double *out[5] = {&s->p05, &s->p25, &s->p50, &s->p75, &s->p95};
    size_t from = 0;
    for (int i = 0; i < 5; i++) *out[i] = quantile_from(scratch, n, from, qs[i], &from);
}

void portee_stats_histogram(const double *x, size_t n, double min, double max, unsigned bins,
                            int integer, double *edges, uint64_t *counts)
{
    double lo = min, width;
    if (integer) {
        width = ceil((max - min + 1) / bins);
        lo -= 0.5;
    } else if (max > min) {
        width = (max - min) / bins;
    } else {
        lo -= 0.5;
        width = 1.0 / bins;
    }
    for (unsigned b = 0; b <= bins; b++) edges[b] = lo + b * width;
    if (!integer && max > min) edges[bins] = max; /* no rounding short of the maximum */
    memset(counts, 0, bins * sizeof *counts);
    for (size_t i = 0; i < n; i++) {
        double b = floor((x[i] - lo) / width);
        counts[b < 0 ? 0 : b >= bins ? bins - 1 : (unsigned)b]++; /* max lands in the last bin */
    }
}
