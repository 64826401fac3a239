#include "sim/numeric/tally.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a window of counts over consecutive keys ---- */

static void store_init(portee_tally_store_t *s) { *s = (portee_tally_store_t){.floor = INT64_MIN}; }

static void store_reset(portee_tally_store_t *s)
{
    s->len = 0;
    s->floor = INT64_MIN;
}

static int64_t store_hi(const portee_tally_store_t *s) { return s->lo + (int64_t)s->len - 1; }

/* Makes keys klo..khi addressable (the window only widens); limit bounds
 * the capacity a doubling may reach. */
static bool store_cover(portee_tally_store_t *s, int64_t klo, int64_t khi, int64_t limit)
{
    if (s->len == 0) s->lo = klo;
    const int64_t lo = klo < s->lo ? klo : s->lo;
    const int64_t hi = s->len && store_hi(s) > khi ? store_hi(s) : khi;
    const size_t need = (size_t)(hi - lo + 1);
    if (need > s->cap) {
        size_t cap = 2 * s->cap > need ? 2 * s->cap : need;
        if (cap > (size_t)limit && need <= (size_t)limit) cap = (size_t)limit;
        if (cap < 64) cap = 64;
        uint32_t *c = realloc(s->count, cap * sizeof *c);
        if (!c) return false;
        s->count = c;
        s->cap = cap;
    }
    if (s->len == 0) {
        memset(s->count, 0, need * sizeof *s->count);
    } else {
        const size_t shift = (size_t)(s->lo - lo);
        if (shift) {
            memmove(s->count + shift, s->count, s->len * sizeof *s->count);
            memset(s->count, 0, shift * sizeof *s->count);
        }
        const size_t end = shift + s->len;
        memset(s->count + end, 0, (need - end) * sizeof *s->count);
    }
    s->lo = lo;
    s->len = need;
    return true;
}

/* Raises a sketch store's floor so that its keys up to khi span at most
 * PORTEE_TALLY_SKETCH_SPAN: the counts below the new floor join it.  The
 * floor depends only on the largest key seen, so every split of the values
 * ends with the same counts. */
static void store_raise_floor(portee_tally_store_t *s, int64_t khi)
{
    const int64_t top = s->len && store_hi(s) > khi ? store_hi(s) : khi;
    const int64_t floor = top - PORTEE_TALLY_SKETCH_SPAN + 1;
    if (floor <= s->floor) return;
    s->floor = floor;
    if (s->len == 0 || s->lo >= floor) return;
    uint64_t below = 0;
    const size_t cut = floor > store_hi(s) ? s->len : (size_t)(floor - s->lo);
    for (size_t i = 0; i < cut; i++) below += s->count[i];
    if (cut == s->len) {
        s->len = 1; /* everything was below: one count at the floor */
        s->count[0] = (uint32_t)below;
    } else {
        memmove(s->count, s->count + cut, (s->len - cut) * sizeof *s->count);
        s->len -= cut;
        s->count[0] += (uint32_t)below;
    }
    s->lo = floor;
}

/* ---- keys of the logarithmic buckets ---- */

static double gamma_of(void) { return (1 + PORTEE_TALLY_ALPHA) / (1 - PORTEE_TALLY_ALPHA); }

/* |x| > 0 -> k with g^(k-1) < |x| <= g^k (up to rounding); non-finite
 * values are taken as the largest double so the key stays in range. */
static int64_t key_of(double ax, double inv_log_g)
{
    if (!(ax <= DBL_MAX)) ax = DBL_MAX;
    return (int64_t)ceil(log(ax) * inv_log_g);
}

static double value_of(int64_t k, double log_g, double g) { return 2 * exp((double)k * log_g) / (g + 1); }

/* True (and counted) for the values no bucket holds. */
static bool add_apart(portee_tally_t *t, double x, uint64_t w)
{
    if (x == 0) t->zeros += w;
    else if (x != x) t->nans += w;
    else if (x == INFINITY) t->pinf += w;
    else if (x == -INFINITY) t->ninf += w;
    else return false;
    return true;
}

static bool sketch_add_weighted(portee_tally_t *t, double x, uint64_t w, double inv_log_g)
{
    if (add_apart(t, x, w)) return true;
    portee_tally_store_t *s = x > 0 ? &t->pos : &t->neg;
    int64_t k = key_of(fabs(x), inv_log_g);
    store_raise_floor(s, k);
    if (k < s->floor) k = s->floor;
    if (!store_cover(s, k, k, PORTEE_TALLY_SKETCH_SPAN)) return false;
    s->count[k - s->lo] += (uint32_t)w;
    return true;
}

/* An exact whole-number tally becomes a sketch once its values spread too
 * wide: every count moves to its value's bucket. */
static bool to_sketch(portee_tally_t *t)
{
    const double inv = 1 / log(gamma_of());
    t->sketched = true;
    for (size_t i = 0; i < t->exact.len; i++)
        if (t->exact.count[i] && !sketch_add_weighted(t, (double)(t->exact.lo + (int64_t)i), t->exact.count[i], inv))
            return false;
    free(t->exact.count); /* its memory is the sketch's now (portee_stream_bytes counts one or the other) */
    store_init(&t->exact);
    return true;
}

/* ---- the tally ---- */

void portee_tally_init(portee_tally_t *t, bool integer)
{
    *t = (portee_tally_t){.integer = integer, .sketched = !integer};
    store_init(&t->exact);
    store_init(&t->pos);
    store_init(&t->neg);
}

void portee_tally_free(portee_tally_t *t)
{
    if (!t) return;
    free(t->exact.count);
    free(t->pos.count);
    free(t->neg.count);
    portee_tally_init(t, t->integer);
}

void portee_tally_reset(portee_tally_t *t)
{
    t->sketched = !t->integer;
    t->n = 0;
    t->zeros = t->ninf = t->pinf = t->nans = 0;
    store_reset(&t->exact);
    store_reset(&t->pos);
    store_reset(&t->neg);
}

/* Whole numbers are counted by value while they span little and their
 * int64 keys and sums stay exact. */
static bool exact_fits(const portee_tally_t *t, double min, double max)
{
    const double lo = t->n && t->min < min ? t->min : min, hi = t->n && t->max > max ? t->max : max;
    return lo >= -0x1p53 && hi <= 0x1p53 && hi - lo + 1 <= (double)PORTEE_TALLY_EXACT_SPAN;
}

static void widen(portee_tally_t *t, uint64_t n, double min, double max)
{
    if (t->n == 0 || min < t->min) t->min = min;
    if (t->n == 0 || max > t->max) t->max = max;
    t->n += n;
}

bool portee_tally_add(portee_tally_t *t, const double *x, size_t n, double min, double max)
{
    if (n == 0) return true;
    if (!t->sketched && !exact_fits(t, min, max) && !to_sketch(t)) return false;
    widen(t, n, min, max);
    const double inv = 1 / log(gamma_of());
    if (!t->sketched) {
        portee_tally_store_t *s = &t->exact;
        if (!store_cover(s, (int64_t)min, (int64_t)max, PORTEE_TALLY_EXACT_SPAN)) return false;
        for (size_t i = 0; i < n; i++) {
            const double v = x[i];
            if (!(v >= min && v <= max)) {
                /* a NaN (which min and max do not see), or a caller's
                 * wrong bounds: the rest by bucket, after what is counted */
                if (!to_sketch(t)) return false;
                for (; i < n; i++)
                    if (!sketch_add_weighted(t, x[i], 1, inv)) return false;
                return true;
            }
            s->count[(int64_t)v - s->lo]++;
        }
        return true;
    }
    if (min == max) return sketch_add_weighted(t, min, n, inv); /* a constant: one key */
    /* the window covers the block's extreme keys first, so the loop below
     * only counts (infinities are counted apart: no key) */
    if (!(min > -INFINITY && max < INFINITY)) {
        for (size_t i = 0; i < n; i++)
            if (!sketch_add_weighted(t, x[i], 1, inv)) return false;
        return true;
    }
    if (max > 0) {
        const int64_t khi = key_of(max, inv);
        const int64_t klo = min > 0 ? key_of(min, inv) : khi;
        store_raise_floor(&t->pos, khi);
        if (!store_cover(&t->pos, klo > t->pos.floor ? klo : t->pos.floor, khi, PORTEE_TALLY_SKETCH_SPAN))
            return false;
    }
    if (min < 0) {
        const int64_t khi = key_of(-min, inv);
        const int64_t klo = max < 0 ? key_of(-max, inv) : khi;
        store_raise_floor(&t->neg, khi);
        if (!store_cover(&t->neg, klo > t->neg.floor ? klo : t->neg.floor, khi, PORTEE_TALLY_SKETCH_SPAN))
            return false;
    }
    for (size_t i = 0; i < n; i++) {
        const double v = x[i];
        if (add_apart(t, v, 1)) continue;
        portee_tally_store_t *s = v > 0 ? &t->pos : &t->neg;
        int64_t k = key_of(fabs(v), inv);
        if (k < s->floor) k = s->floor;
        /* keys between the extremes' are in the window; only a rounding of
         * log() at a bucket's edge could step outside it */
        if (k < s->lo || k > store_hi(s)) {
            if (!sketch_add_weighted(t, v, 1, inv)) return false;
            continue;
        }
        s->count[k - s->lo]++;
    }
    return true;
}

/* Adds sketch store s into d; d's floor rises to what the larger top key
 * asks, which is what counting s's values into d one by one would give. */
static bool merge_store(portee_tally_store_t *d, const portee_tally_store_t *s)
{
    if (s->len == 0) return true;
    store_raise_floor(d, store_hi(s));
    const int64_t lo = s->lo > d->floor ? s->lo : d->floor;
    if (!store_cover(d, lo, store_hi(s), PORTEE_TALLY_SKETCH_SPAN)) return false;
    for (size_t i = 0; i < s->len; i++) {
        const int64_t k = s->lo + (int64_t)i;
        d->count[(k < d->floor ? d->floor : k) - d->lo] += s->count[i];
    }
    return true;
}

bool portee_tally_merge(portee_tally_t *dst, const portee_tally_t *src)
{
    if (src->n == 0) return true;
    const double inv = 1 / log(gamma_of());
    if (!src->sketched && !dst->sketched && exact_fits(dst, src->min, src->max)) {
        if (!store_cover(&dst->exact, src->exact.lo, store_hi(&src->exact), PORTEE_TALLY_EXACT_SPAN))
            return false;
        for (size_t i = 0; i < src->exact.len; i++)
            dst->exact.count[src->exact.lo + (int64_t)i - dst->exact.lo] += src->exact.count[i];
        widen(dst, src->n, src->min, src->max);
        return true;
    }
    if (!dst->sketched && !to_sketch(dst)) return false;
    if (!src->sketched) {
        for (size_t i = 0; i < src->exact.len; i++)
            if (src->exact.count[i] &&
                !sketch_add_weighted(dst, (double)(src->exact.lo + (int64_t)i), src->exact.count[i], inv))
                return false;
    } else {
        if (!merge_store(&dst->pos, &src->pos) || !merge_store(&dst->neg, &src->neg))
            return false;
        dst->zeros += src->zeros;
        dst->ninf += src->ninf;
        dst->pinf += src->pinf;
        dst->nans += src->nans;
    }
    widen(dst, src->n, src->min, src->max);
    return true;
}

/* ---- reading back: the values in ascending order, bucket by bucket ---- */

typedef struct {
    const portee_tally_t *t;
    double log_g, g;
    int part;   /* -inf, negative buckets (largest magnitude first), zeros, positive, +inf, NaN */
    size_t i;   /* index in the current store */
} walk_t;

/* The next non-empty bucket: its value (clamped to [min, max]) and count;
 * false at the end. */
static bool walk_next(walk_t *w, double *value, uint64_t *count)
{
    const portee_tally_t *t = w->t;
    if (!t->sketched) {
        while (w->i < t->exact.len && !t->exact.count[w->i]) w->i++;
        if (w->i >= t->exact.len) return false;
        *value = (double)(t->exact.lo + (int64_t)w->i);
        *count = t->exact.count[w->i++];
        return true;
    }
    for (; w->part < 6; w->part++, w->i = 0) {
        const portee_tally_store_t *s = w->part == 1 ? &t->neg : &t->pos;
        const uint64_t apart[6] = {t->ninf, 0, t->zeros, 0, t->pinf, t->nans};
        const double at[6] = {-INFINITY, 0, 0, 0, INFINITY, NAN};
        if (w->part == 1 || w->part == 3) {
            while (w->i < s->len && !s->count[w->part == 1 ? s->len - 1 - w->i : w->i]) w->i++;
            if (w->i >= s->len) continue;
            const size_t j = w->part == 1 ? s->len - 1 - w->i : w->i;
            w->i++;
            const double v = value_of(s->lo + (int64_t)j, w->log_g, w->g);
            *value = w->part == 1 ? -v : v;
            *count = s->count[j];
            if (*value < t->min) *value = t->min;
            if (*value > t->max) *value = t->max;
            return true;
        }
        if (w->i == 0 && apart[w->part]) {
            w->i = 1; /* taken: the next call moves on */
            *value = at[w->part];
            *count = apart[w->part];
            return true;
        }
    }
    return false;
}

static walk_t walk_start(const portee_tally_t *t)
{
    const double g = gamma_of();
    return (walk_t){.t = t, .log_g = log(g), .g = g};
}

/* Order statistics x_(rank[j]) (0-based) for ascending ranks; the smallest
 * and largest are the exact min and max. */
static void order_stats(const portee_tally_t *t, const uint64_t *rank, size_t k, double *out)
{
    walk_t w = walk_start(t);
    uint64_t before = 0, count = 0; /* values before the current bucket; in it */
    double v = t->min;
    for (size_t j = 0; j < k; j++) {
        while (before + count <= rank[j]) {
            before += count;
            if (!walk_next(&w, &v, &count)) break; /* not reached: the counts add up to n */
        }
        out[j] = rank[j] == 0 ? t->min : rank[j] + 1 == t->n ? t->max : v;
    }
}

void portee_tally_quantiles(const portee_tally_t *t, const double *q, size_t k, double *out)
{
    if (t->n == 0) {
        for (size_t i = 0; i < k; i++) out[i] = NAN;
        return;
    }
    enum { MAXQ = 32 };
    for (size_t base = 0; base < k; base += MAXQ / 2) {
        const size_t m = k - base < MAXQ / 2 ? k - base : MAXQ / 2;
        uint64_t rank[MAXQ];
        size_t order[MAXQ];
        double delta[MAXQ / 2], value[MAXQ], sorted_rank_value[MAXQ];
        uint64_t sorted_rank[MAXQ];
        for (size_t i = 0; i < m; i++) {
            const double index = q[base + i] * (double)(t->n - 1);
            rank[2 * i] = (uint64_t)index;
            delta[i] = index - (double)rank[2 * i];
            rank[2 * i + 1] = rank[2 * i] + 1 < t->n ? rank[2 * i] + 1 : rank[2 * i];
        }
        /* the ranks in ascending order for one walk (levels ascend, but the
         * rank after one level's can pass the next level's) */
        for (size_t j = 0; j < 2 * m; j++) {
            size_t p = j;
            while (p > 0 && rank[order[p - 1]] > rank[j]) {
                order[p] = order[p - 1];
                p--;
            }
            order[p] = j;
        }
        for (size_t j = 0; j < 2 * m; j++) sorted_rank[j] = rank[order[j]];
        order_stats(t, sorted_rank, 2 * m, sorted_rank_value);
        for (size_t j = 0; j < 2 * m; j++) value[order[j]] = sorted_rank_value[j];
        for (size_t i = 0; i < m; i++)
            out[base + i] = delta[i] == 0 ? value[2 * i] : (1 - delta[i]) * value[2 * i] + delta[i] * value[2 * i + 1];
    }
}

static const double summary_levels[5] = {0.05, 0.25, 0.50, 0.75, 0.95};

void portee_tally_summarise(const portee_tally_t *t, const portee_moments_t *m, unsigned bins,
                            portee_summary_t *s, double *edges, uint64_t *counts)
{
    if (!t->sketched && t->n) {
        /* the moments from the counts, in value order: the same sums as
         * portee_stats_describe()'s counting pass */
        double sum = 0;
        for (size_t v = 0; v < t->exact.len; v++) sum += (double)t->exact.count[v] * (double)(t->exact.lo + (int64_t)v);
        const double mean = sum / (double)t->n;
        double ss = 0;
        for (size_t v = 0; v < t->exact.len; v++)
            if (t->exact.count[v]) {
                const double d = (double)(t->exact.lo + (int64_t)v) - mean;
                ss += t->exact.count[v] * d * d;
            }
        portee_stats_set_moments(s, t->n, mean, ss);
    } else {
        portee_stats_set_moments(s, m->n, m->mean, m->m2);
    }
    double q[5];
    portee_tally_quantiles(t, summary_levels, 5, q);
    s->p05 = q[0];
    s->p25 = q[1];
    s->p50 = q[2];
    s->p75 = q[3];
    s->p95 = q[4];
    if (bins == 0 || t->n == 0) return;
    memset(counts, 0, bins * sizeof *counts);
    if (!(t->min > -INFINITY && t->max < INFINITY)) { /* no finite bins over an infinite range */
        for (unsigned i = 0; i <= bins; i++) edges[i] = NAN;
        return;
    }
    const portee_bins_t b = portee_stats_bins(t->min, t->max, bins, t->integer, edges);
    walk_t w = walk_start(t);
    double v;
    uint64_t c;
    while (walk_next(&w, &v, &c))
        if (v == v) counts[portee_stats_bin(&b, v)] += c; /* a NaN has no bin */
}

/* The shifted sums of a block: value i goes to lane i % 4 while whole
 * groups of four last, the rest to lane 0, and the lanes are added as
 * (0 + 1) + (2 + 3).  One running sum waits on its own addition; four keep
 * the adder busy.  portee_moments_of() and portee_tally_add_block() both
 * sum this way, value for value, so their moments are the same bits. */
typedef struct {
    double s[4], q[4];
} lanes_t;

static inline void lane_add(lanes_t *l, size_t j, double d)
{
    l->s[j] += d;
    l->q[j] += d * d;
}

static portee_moments_t lanes_moments(const lanes_t *l, size_t n, double x0)
{
    const double s = (l->s[0] + l->s[1]) + (l->s[2] + l->s[3]), q = (l->q[0] + l->q[1]) + (l->q[2] + l->q[3]);
    const double m2 = q - s * s / (double)n;
    return (portee_moments_t){.n = n, .mean = x0 + s / (double)n, .m2 = m2 > 0 ? m2 : 0};
}

void portee_moments_of(const double *x, size_t n, portee_moments_t *m, double *min, double *max)
{
    /* one pass, about the first value: a block's values are close to one
     * another next to their distance from 0, so the shifted sums lose
     * nothing the two-pass sums would keep (and the pass count is what
     * the streaming engine pays per value) */
    const double x0 = x[0];
    lanes_t l = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    double lo0 = x0, lo1 = x0, hi0 = x0, hi1 = x0; /* min and max in two lanes (a zero's sign aside, any order gives them) */
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        for (size_t j = 0; j < 4; j++) lane_add(&l, j, x[i + j] - x0);
        lo0 = x[i] < lo0 ? x[i] : lo0;
        lo1 = x[i + 1] < lo1 ? x[i + 1] : lo1;
        lo0 = x[i + 2] < lo0 ? x[i + 2] : lo0;
        lo1 = x[i + 3] < lo1 ? x[i + 3] : lo1;
        hi0 = x[i] > hi0 ? x[i] : hi0;
        hi1 = x[i + 1] > hi1 ? x[i + 1] : hi1;
        hi0 = x[i + 2] > hi0 ? x[i + 2] : hi0;
        hi1 = x[i + 3] > hi1 ? x[i + 3] : hi1;
    }
    for (; i < n; i++) {
        lane_add(&l, 0, x[i] - x0);
        lo0 = x[i] < lo0 ? x[i] : lo0;
        hi0 = x[i] > hi0 ? x[i] : hi0;
    }
    *m = lanes_moments(&l, n, x0);
    *min = lo1 < lo0 ? lo1 : lo0;
    *max = hi1 > hi0 ? hi1 : hi0;
}

bool portee_tally_add_block(portee_tally_t *t, const double *x, size_t n, portee_moments_t *m)
{
    size_t i = 0;
    /* values within those already seen fall in the window as it is:
     * counted and summed in one pass, no bounds to find first.  The window
     * must hold them: a widening that ran out of memory leaves t->min and
     * t->max past it (and the caller may still pass blocks). */
    const portee_tally_store_t *w = &t->exact;
    if (n && t->integer && !t->sketched && t->n && w->count && w->len && (int64_t)t->min >= w->lo &&
        (int64_t)t->max <= store_hi(w)) {
        const double lo = t->min, hi = t->max, x0 = x[0];
        uint32_t *count = t->exact.count;
        const int64_t base = t->exact.lo;
        lanes_t l = {{0, 0, 0, 0}, {0, 0, 0, 0}};
        for (; i + 4 <= n; i += 4) {
            const double v0 = x[i], v1 = x[i + 1], v2 = x[i + 2], v3 = x[i + 3];
            if (!(v0 >= lo && v0 <= hi && v1 >= lo && v1 <= hi && v2 >= lo && v2 <= hi && v3 >= lo && v3 <= hi))
                break;
            count[(int64_t)v0 - base]++;
            count[(int64_t)v1 - base]++;
            count[(int64_t)v2 - base]++;
            count[(int64_t)v3 - base]++;
            lane_add(&l, 0, v0 - x0);
            lane_add(&l, 1, v1 - x0);
            lane_add(&l, 2, v2 - x0);
            lane_add(&l, 3, v3 - x0);
        }
        if (i + 4 > n)
            for (; i < n && x[i] >= lo && x[i] <= hi; i++) {
                count[(int64_t)x[i] - base]++;
                lane_add(&l, 0, x[i] - x0);
            }
        t->n += i;
        if (i == n) {
            *m = lanes_moments(&l, n, x0);
            return true;
        }
    }
    /* a value outside (a new extreme, a NaN), or the thread's first block:
     * the block's moments and bounds anew, the rest counted the long way */
    double lo, hi;
    portee_moments_of(x, n, m, &lo, &hi);
    return portee_tally_add(t, x + i, n - i, lo, hi);
}

void portee_moments_merge(portee_moments_t *a, const portee_moments_t *b)
{
    if (b->n == 0) return;
    if (a->n == 0) {
        *a = *b;
        return;
    }
    const double na = (double)a->n, nb = (double)b->n, n = na + nb, d = b->mean - a->mean;
    a->mean += d * (nb / n);
    a->m2 += b->m2 + d * d * (na * nb / n);
    a->n += b->n;
}
