/* tally.h — one output's replicates summarised as they stream past, in
 * memory that does not grow with their number.
 *
 * A tally counts values, it does not keep them:
 *   - whole numbers are counted exactly, value by value, while the values
 *     seen span at most PORTEE_TALLY_EXACT_SPAN whole numbers and stay
 *     within +-2^53: quantiles and histograms are then exactly those of the
 *     values;
 *   - real numbers (and whole numbers spread wider) are counted by bucket of
 *     relative width (a logarithmic histogram, the "DDSketch" of Masson, Rim
 *     & Lee, VLDB 2019): value x > 0 falls in bucket k = ceil(log_g x),
 *     g = (1 + a) / (1 - a), and is read back as 2 g^k / (g + 1), which is
 *     within a relative a = PORTEE_TALLY_ALPHA of x; negative values mirror,
 *     and 0 is counted apart.  Each order statistic is therefore read back
 *     within a·|x| of its true value, and a quantile (GSL's interpolation
 *     between two order statistics) within a times the larger of the two.
 *
 * Why counts: two tallies merge by adding counts, which is exact and
 * independent of order, so a point's tally is the same bytes whichever
 * thread, rank or shard counted which replicates.  (A KLL sketch's merge is
 * randomised and a t-digest's depends on the order of merges; both would
 * need a fixed merge tree to stay reproducible, and neither gives a
 * deterministic worst-case bound.)
 *
 * Memory: a window of counts over the keys seen, grown (doubled) when a
 * value falls outside it; at most PORTEE_TALLY_EXACT_SPAN counts exact, and
 * PORTEE_TALLY_SKETCH_SPAN buckets per sign sketched (with a = 1/2048 that
 * is a range of 10^14 between the smallest and largest magnitude; smaller
 * magnitudes are counted in the smallest bucket kept, and only they lose
 * the bound).  Counts are 32-bit: at most 2^32 - 1 values in one tally.
 *
 * The mean and sd are not the tally's business: block moments
 * (portee_moments_t below) are combined in a fixed order by the caller.  For an exact whole-number tally the moments are recomputed from
 * the counts, so that they equal portee_stats_describe()'s on the same
 * values bit for bit. */
#ifndef PORTEE_TALLY_H
#define PORTEE_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/numeric/stats.h"

#define PORTEE_TALLY_ALPHA (1.0 / 2048)
#define PORTEE_TALLY_EXACT_SPAN ((int64_t)1 << 17)
#define PORTEE_TALLY_SKETCH_SPAN ((int64_t)1 << 15)

/* Counts of consecutive keys lo .. lo + len - 1 (capacity cap); keys below
 * `floor` are counted at floor (only a sketch's store ever has one). */
typedef struct {
    int64_t lo, floor;
    size_t len, cap;
    uint32_t *count;
} portee_tally_store_t;

typedef struct {
    bool integer;   /* the output's values are whole numbers */
    bool sketched;  /* counted by bucket (always for real values) */
    uint64_t n;
    double min, max;
    portee_tally_store_t exact;    /* whole numbers, by value */
    portee_tally_store_t pos, neg; /* buckets of |x| for x > 0, x < 0 */
    uint64_t zeros;
    /* Values no bucket holds, counted apart (models give none; a tally
     * stays sound if one does): -inf first in the order, +inf then NaN last. */
    uint64_t ninf, pinf, nans;
} portee_tally_t;

/* Count, mean and sum of squared deviations of a block of values. */
typedef struct {
    uint64_t n;
    double mean, m2;
} portee_moments_t;

/* An empty tally; no allocation until values come. */
void portee_tally_init(portee_tally_t *t, bool integer);
void portee_tally_free(portee_tally_t *t); /* NULL-safe; t can be init'ed again */
/* Empties t, keeping its memory. */
void portee_tally_reset(portee_tally_t *t);

/* Counts x[0..n), whose minimum and maximum are given.  Returns false when
 * memory ran out (t then holds an unspecified part of the values). */
bool portee_tally_add(portee_tally_t *t, const double *x, size_t n, double min, double max);

/* The same as portee_moments_of(x, n, m, ...) then portee_tally_add(t, x,
 * n, ...) on its bounds, the same counts and the same moments to the bit,
 * in one pass when every value lies within those t has seen (the streaming
 * engine's common case).  False when memory ran out. */
bool portee_tally_add_block(portee_tally_t *t, const double *x, size_t n, portee_moments_t *m);

/* Adds src's counts into dst (same `integer`); false when memory ran out. */
bool portee_tally_merge(portee_tally_t *dst, const portee_tally_t *src);

/* The quantiles at the ascending levels q[0..k) (GSL's definition, see
 * stats.h) into out[k]; NaN for an empty tally. */
void portee_tally_quantiles(const portee_tally_t *t, const double *q, size_t k, double *out);

/* The summary (n, mean, sd, se from `m`, or from the counts when exact),
 * and with bins > 0 the histogram as portee_stats_describe() lays it out. */
void portee_tally_summarise(const portee_tally_t *t, const portee_moments_t *m, unsigned bins,
                            portee_summary_t *s, double *edges, uint64_t *counts);

/* Moments of x[0..n) (one pass of sums shifted by x[0]), and their min and max. */
void portee_moments_of(const double *x, size_t n, portee_moments_t *m, double *min, double *max);
/* a <- a followed by b (Chan, Golub & LeVeque's pairwise update). */
void portee_moments_merge(portee_moments_t *a, const portee_moments_t *b);

#endif
