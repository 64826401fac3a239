#include "sim/numeric/stats.h"

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

static const double quantile_levels[5] = {0.05, 0.25, 0.50, 0.75, 0.95};

static void set_quantiles(portee_summary_t *s, const double q[5])
{
    s->p05 = q[0];
    s->p25 = q[1];
    s->p50 = q[2];
    s->p75 = q[3];
    s->p95 = q[4];
}

void portee_stats_set_moments(portee_summary_t *s, uint64_t n, double mean, double ss)
{
    const double var = n > 1 ? ss / (double)(n - 1) : 0;
    s->n = n;
    s->mean = mean;
    s->sd = var > 0 ? sqrt(var) : 0;
    s->se = s->sd / sqrt((double)n);
}

/* Integer bin layout shared by both histogram paths: `bins` bins of a whole
 * number of values each, starting half a unit below the minimum. */
static double integer_width(double min, double max, unsigned bins)
{
    return ceil((max - min + 1) / bins);
}

/* Whole numbers spanning at most 2n values: one counting pass (scratch holds
 * 2n uint32 counters), then sd, quantiles and histogram from the counts. */
static void describe_by_counting(const double *x, size_t n, double lo, double hi, double mean,
                                 unsigned bins, void *scratch, portee_summary_t *s, double *edges,
                                 uint64_t *hist)
{
    const size_t range = (size_t)(hi - lo) + 1;
    uint32_t *count = scratch;
    memset(count, 0, range * sizeof *count);
    for (size_t i = 0; i < n; i++) count[(size_t)(x[i] - lo)]++;

    double ss = 0;
    for (size_t v = 0; v < range; v++)
        if (count[v]) {
            const double d = lo + (double)v - mean;
            ss += count[v] * d * d;
        }
    portee_stats_set_moments(s, n, mean, ss);

    /* order statistics needed: floor(f(n-1)) and the one after, for each level,
     * visited in increasing order in one walk over the counts */
    size_t want[10];
    for (int i = 0; i < 5; i++) {
        want[2 * i] = (size_t)(quantile_levels[i] * (double)(n - 1));
        want[2 * i + 1] = want[2 * i] + 1 < n ? want[2 * i] + 1 : want[2 * i];
    }
    int order[10];
    for (int j = 0; j < 10; j++) {
        int t = j;
        while (t > 0 && want[order[t - 1]] > want[j]) {
            order[t] = order[t - 1];
            t--;
        }
        order[t] = j;
    }
    double value[10];
    size_t seen = 0, v = 0;
    for (int t = 0; t < 10; t++) {
        const int j = order[t];
        while (seen + count[v] <= want[j]) seen += count[v++];
        value[j] = lo + (double)v;
    }
    double q[5];
    for (int i = 0; i < 5; i++) {
        const double index = quantile_levels[i] * (double)(n - 1);
        const double delta = index - (double)want[2 * i];
        q[i] = delta == 0 ? value[2 * i] : (1 - delta) * value[2 * i] + delta * value[2 * i + 1];
    }
    set_quantiles(s, q);

    if (bins == 0) return;
    const double width = integer_width(lo, hi, bins);
    for (unsigned b = 0; b <= bins; b++) edges[b] = lo - 0.5 + b * width;
    memset(hist, 0, bins * sizeof *hist);
    const size_t w = (size_t)width;
    for (size_t u = 0; u < range; u++) hist[u / w < bins ? u / w : bins - 1] += count[u];
}

void portee_stats_describe(const double *x, size_t n, int integer, unsigned bins, double *scratch,
                           portee_summary_t *s, double *edges, uint64_t *counts)
{
    double sum = 0, lo = x[0], hi = x[0];
    if (integer) {
        /* whole numbers add up exactly (below 2^53) in any order, so four
         * running sums, which break the chain of dependent additions, give
         * the same mean */
        double s4[4] = {0, 0, 0, 0};
        size_t i = 0;
        for (; i + 4 <= n; i += 4)
            for (int j = 0; j < 4; j++) {
                s4[j] += x[i + j];
                lo = x[i + j] < lo ? x[i + j] : lo;
                hi = x[i + j] > hi ? x[i + j] : hi;
            }
        for (; i < n; i++) {
            s4[0] += x[i];
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
        sum = (s4[0] + s4[1]) + (s4[2] + s4[3]);
    } else {
        for (size_t i = 0; i < n; i++) {
            sum += x[i];
            if (x[i] < lo) lo = x[i];
            if (x[i] > hi) hi = x[i];
        }
    }
    const double mean = sum / (double)n;
    if (integer && hi - lo < 2.0 * (double)n) {
        describe_by_counting(x, n, lo, hi, mean, bins, scratch, s, edges, counts);
        return;
    }
    double ss = 0, corr = 0;
    for (size_t i = 0; i < n; i++) {
        const double d = x[i] - mean;
        ss += d * d;
        corr += d;
    }
    /* corrected two-pass variance (Chan, Golub & LeVeque) */
    portee_stats_set_moments(s, n, mean, ss - corr * corr / (double)n);
    memcpy(scratch, x, n * sizeof *x);
    double q[5];
    size_t from = 0;
    for (int i = 0; i < 5; i++) q[i] = quantile_from(scratch, n, from, quantile_levels[i], &from);
    set_quantiles(s, q);
    if (bins) portee_stats_histogram(x, n, lo, hi, bins, integer, edges, counts);
}

portee_bins_t portee_stats_bins(double min, double max, unsigned bins, int integer, double *edges)
{
    double lo = min, width;
    if (integer) {
        width = integer_width(min, max, bins);
        lo -= 0.5;
    } else if (max > min) {
        width = (max - min) / bins;
    } else {
        lo -= 0.5;
        width = 1.0 / bins;
    }
    for (unsigned b = 0; b <= bins; b++) edges[b] = lo + b * width;
    if (!integer && max > min) edges[bins] = max; /* no rounding short of the maximum */
    return (portee_bins_t){.edges = edges, .bins = bins, .lo = lo, .inv = 1 / width};
}

unsigned portee_stats_bin(const portee_bins_t *b, double x)
{
    const double at = (x - b->lo) * b->inv;
    /* the maximum lands in the last bin; a value a rounding error below
     * an edge is moved to the bin the edges say it is in */
    unsigned k = at <= 0 ? 0 : at >= b->bins ? b->bins - 1 : (unsigned)at;
    if (k > 0 && x < b->edges[k]) k--;
    else if (k + 1 < b->bins && x >= b->edges[k + 1]) k++;
    return k;
}

void portee_stats_histogram(const double *x, size_t n, double min, double max, unsigned bins,
                            int integer, double *edges, uint64_t *counts)
{
    const portee_bins_t b = portee_stats_bins(min, max, bins, integer, edges);
    memset(counts, 0, bins * sizeof *counts);
    for (size_t i = 0; i < n; i++) counts[portee_stats_bin(&b, x[i])]++;
}

void portee_stats_quantiles(const double *x, size_t n, const double *q, size_t k, double *scratch, double *out)
{
    if (n == 0) {
        for (size_t i = 0; i < k; i++) out[i] = NAN;
        return;
    }
    memcpy(scratch, x, n * sizeof *x);
    size_t from = 0;
    for (size_t i = 0; i < k; i++) out[i] = quantile_from(scratch, n, from, q[i], &from);
}
