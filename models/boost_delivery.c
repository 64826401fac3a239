/* boost_delivery.c — exact draws of how impressions spread over an audience.
 *
 * Dealing x impressions to m people who have seen nothing yet (deal()): the
 * frequency table of a Dirichlet-multinomial(x; b, ..., b) allocation — or of
 * a multinomial(x; 1/m, ...) for uniform delivery — drawn exactly without
 * visiting every person or every impression:
 *  1. Poissonise: give each person an independent count, negative binomial
 *     with shape b (Poisson for uniform delivery), mean x/m.  Their frequency
 *     table is then multinomial over the m people with the pmf as cell
 *     probabilities, drawn as one binomial per class (class j gets
 *     Binomial(people left, P(j) / P(>= j))).  Its total M is random, and
 *     given M the allocation is exactly Dirichlet-multinomial(M; b...)
 *     (the normalised gamma rates are independent of their sum), or
 *     multinomial(M; uniform).
 *  2. Fix the total to x, one impression at a time, by the urn itself: an
 *     exchangeable allocation of M impressions less one impression chosen
 *     uniformly is the same allocation of M - 1 (a person with j exposures
 *     loses one with probability j/M); one more impression goes to a person
 *     with j with probability (b + j)/(m·b + M), or 1/m when uniform, which
 *     gives the allocation of M + 1.  About sd(M) = sqrt(m·mu·(1 + mu/b))
 *     steps (mu = x/m), each a scan over the classes in use.
 * When that is dearer than going person by person (few people, many
 * impressions each), the people's counts are drawn one after another
 * instead: person i gets BetaBinomial(left, b, (m - i - 1)·b) of the
 * impressions left, or Binomial(left, 1/(m - i)); exact too.
 * With b = 1 (the shipped exposure shape, and a fresh audience) neither is
 * needed: the allocation is uniform over its C(x + m - 1, x) possibilities,
 * and the people seen at least 1, 2, 3, ... times are a chain of
 * hypergeometric draws (deal_chain()), exact, a few draws in all.
 *
 * More impressions for an audience that has seen some already (the next week
 * of a campaign) continue the urn: a class of n_j people with j exposures
 * each attracts the new impressions with total weight n_j·(b + j) (n_j when
 * uniform), so the classes' shares are a Dirichlet-multinomial over classes
 * (beta-binomial one class at a time), and within class j the new ones are
 * dealt as above with shape b + j.
 *
 * Counts of people and impressions are whole numbers held in doubles (exact
 * below 2^53).  The per-person pmf's terms below 1e-20 of its total are left
 * out (a person's count is cut there, with probability below 1e-20).
 * People seen BOOST_TOP times or more are pooled with their exposure sum
 * (exact: no output separates them, caps and frequency bins stop far below
 * BOOST_TOP).  Step 1 cannot condition a pooled class on the total, so when
 * the expected number of people at BOOST_TOP or above exceeds 1e-12 (a mean
 * above about 44 exposures per person per unit of shape, or a heavy tail
 * such as shape 0.001), decided before drawing, the audience is dealt by
 * halves instead; below that a draw that still reaches the pool is redone
 * by halves too (total-variation error below 2e-12) (deal_split():
 * a beta-binomial split per half, exact, about (people reached)·log2(m)
 * draws, at most about 2m). */
#include <math.h>

#include "models/boost_internal.h"
#include "sim/numeric/sample.h"

#define TAIL_EPS 1e-20
#define TAIL_STEPS (1u << 20) /* cap on the pmf terms summed past BOOST_TOP */

/* Uniform on [0, 1) with 53 random bits: choosing one impression among
 * billions needs more than the 32 of portee_rng_uniform(). */
static double uniform53(gsl_rng *r)
{
    const uint32_t a = portee_rng_u32(r) >> 5, b = portee_rng_u32(r) >> 6;
    return (a * 67108864.0 + b) * 0x1p-53;
}

static unsigned int binomial(gsl_rng *r, double p, double n)
{
    return p >= 1 ? (unsigned int)n : portee_sample_binomial(r, p, (unsigned int)n);
}

static double beta_binomial(gsl_rng *r, double n, double a, double b)
{
    if (b <= 0) return n;
    return binomial(r, portee_sample_beta(r, a, b), n);
}

void portee_boost_audience_init(portee_boost_audience_t *a, double people)
{
    a->n[0] = people; /* classes 1 .. BOOST_TOP - 1 are cleared as they come into use */
    a->n[BOOST_TOP] = 0;
    a->top_sum = 0;
    a->last = 0;
    a->people = people;
    a->exposures = 0;
}

/* A table under construction: s[0..last] and s[BOOST_TOP] hold counts;
 * the classes in between hold garbage until table_reach() clears them. */
typedef struct {
    double *s;
    double top_sum;
    unsigned int last;
} table_t;

/* Makes class j usable, clearing the classes it skips over. */
static void table_reach(table_t *t, unsigned int j)
{
    for (unsigned int i = t->last + 1; i <= j; i++) t->s[i] = 0;
    if (j > t->last) t->last = j;
}

static void table_put(table_t *t, double count, double people)
{
    if (count < BOOST_TOP) {
        const unsigned int j = (unsigned int)count;
        table_reach(t, j);
        t->s[j] += people;
    } else {
        t->s[BOOST_TOP] += people;
        t->top_sum += count * people;
    }
}

/* Person by person (see the top comment). */
static void deal_people(gsl_rng *r, double m, double x, double b, table_t *t)
{
    double left = x;
    for (double i = 0; i < m; i++) {
        double c = left;
        if (i + 1 < m && left > 0)
            c = b > 0 ? beta_binomial(r, left, b, (m - i - 1) * b) : binomial(r, 1 / (m - i), left);
        table_put(t, c, 1);
        left -= c;
    }
}

/* By halves: the first half of the people gets BetaBinomial(x, m1·b, m2·b)
 * of the impressions (Binomial(x, m1/m) when uniform), the rest the others,
 * and each half is split again; a group with no impressions is one class-0
 * entry and a single person takes what is left.  Exact (the Dirichlet's
 * aggregation property); costs about (people reached)·log2(m) draws, at
 * most about 2m.  t->s[0] must start at 0. */
static void deal_split(gsl_rng *r, double m, double x, double b, table_t *t)
{
    if (!(x > 0)) {
        table_reach(t, 0);
        t->s[0] += m;
        return;
    }
    if (m <= 1) {
        table_put(t, x, 1);
        return;
    }
    const double m1 = floor(m / 2), m2 = m - m1;
    const double x1 = b > 0 ? beta_binomial(r, x, m1 * b, m2 * b) : binomial(r, m1 / m, x);
    deal_split(r, m1, x1, b, t);
    deal_split(r, m2, x - x1, b, t);
}

/* Step 1: the Poissonised table; returns its total, or -1 when someone
 * drew BOOST_TOP or more (the table is then unusable).  h: scratch. */
static double deal_poissonised(gsl_rng *r, double m, double x, double b, table_t *t, double *h)
{
    const double mu = x / m, q = b > 0 ? mu / (b + mu) : 0;
    /* h[i]: the pmf up to a constant, rescaled whenever it grows large */
    double sum = 1, tail = 0;
    unsigned int top = 0;
    h[0] = 1;
    for (;;) {
        const double ratio = b > 0 ? (b + top) / (top + 1.0) * q : mu / (top + 1.0);
        double next = h[top] * ratio;
        if (next > 1e250) {
            for (unsigned int i = 0; i <= top; i++) h[i] *= 1e-250;
            next *= 1e-250;
            sum *= 1e-250;
        }
        /* the rest is below next / (1 - ratio bound): ratios fall for
         * Poisson and b >= 1, rise towards q for b < 1 */
        const double bound = b > 0 && b < 1 ? q : ratio;
        if (top + 1.0 > mu && bound < 1 && next <= TAIL_EPS * sum * (1 - bound)) break;
        if (top + 1 == BOOST_TOP) { /* the pooled class's weight, term by term */
            double w = next;
            for (unsigned int i = BOOST_TOP; i < BOOST_TOP + TAIL_STEPS; i++) {
                tail += w;
                const double rt = b > 0 ? (b + i) / (i + 1.0) * q : mu / (i + 1.0);
                w *= rt;
                if (w > 1e250) {
                    for (unsigned int k = 0; k <= top; k++) h[k] *= 1e-250;
                    w *= 1e-250;
                    tail *= 1e-250;
                    sum *= 1e-250;
                }
                const double bd = b > 0 && b < 1 ? q : rt;
                if (i + 1.0 > mu && bd < 1 && w <= TAIL_EPS * (sum + tail) * (1 - bd)) break;
            }
            break;
        }
        h[++top] = next;
        sum += next;
    }
    /* Whether step 1 may be used must not depend on its draw (conditioning
     * on nobody reaching BOOST_TOP would bias it): expect anyone there with
     * more than 1e-12 and deal by halves.  Only below that can the draw
     * still reach the pool (then deal() falls back too): total-variation
     * error below 2e-12.  A tail cut at TAIL_STEPS terms leaves its weight
     * far above 1e-12, so the cut only ever sends more cases to the halves. */
    if (m * tail / (sum + tail) > 1e-12) return -1;
    /* hazards P(j) / P(>= j), from the top down so every tail sum is accurate */
    double above = tail;
    for (unsigned int i = top + 1; i-- > 0;) {
        above += h[i];
        h[i] /= above;
    }
    double left = m, total = 0;
    for (unsigned int i = 0; i <= top && left > 0; i++) {
        const double k = binomial(r, h[i], left);
        t->s[i] = k;
        left -= k;
        total += i * k;
        t->last = i;
    }
    if (left > 0) return -1; /* people past BOOST_TOP: deal() falls back to deal_split() */
    return total;
}

/* Step 2: fix the total from M to x by the urn. */
static void fix_total(gsl_rng *r, double m, double M, double x, double b, table_t *t)
{
    double *s = t->s;
    while (M > x) { /* remove a uniformly chosen impression */
        const double u = uniform53(r) * M;
        double acc = 0;
        unsigned int j = 0;
        for (unsigned int i = 1; i <= t->last; i++) {
            if (s[i] > 0) j = i;
            acc += i * s[i];
            if (u < acc) break;
        }
        if (u >= acc && s[BOOST_TOP] > 0) { /* from the pooled class */
            t->top_sum--;
            if (t->top_sum < s[BOOST_TOP] * BOOST_TOP) { /* someone there had exactly BOOST_TOP */
                s[BOOST_TOP]--;
                t->top_sum -= BOOST_TOP - 1;
                table_reach(t, BOOST_TOP - 1);
                s[BOOST_TOP - 1]++;
            }
        } else {
            s[j]--;
            s[j - 1]++;
        }
        M--;
    }
    while (M < x) { /* add one impression the urn's way */
        const double W = b > 0 ? b * m + M : m;
        const double u = uniform53(r) * W;
        double acc = 0;
        unsigned int j = 0;
        for (unsigned int i = 0; i <= t->last; i++) {
            if (s[i] > 0) j = i;
            acc += (b > 0 ? b + i : 1) * s[i];
            if (u < acc) break;
        }
        if (u >= acc && s[BOOST_TOP] > 0) {
            t->top_sum++;
        } else {
            s[j]--;
            if (j + 1 == BOOST_TOP) {
                s[BOOST_TOP]++;
                t->top_sum += BOOST_TOP;
            } else {
                table_reach(t, j + 1);
                s[j + 1]++;
            }
        }
        M++;
    }
}

/* Shape 1 (b == 1): the allocation is uniform over the C(x + m - 1, x)
 * ways to deal x impressions to m people (Bose-Einstein), so the people seen
 * at least once are K1 ~ Hypergeometric(good m, bad x - 1, draws x), and
 * taking one exposure from each of them leaves x - K1 impressions dealt the
 * same way over the K1: the people seen at least j times are a chain of
 * hypergeometric draws, one per frequency, down to the last impression.
 * Exact, and about (largest frequency) draws instead of the fix-up's
 * sqrt(x) steps.  Needs m + x < 2^32 (the sampler's counts). */
static void deal_chain(gsl_rng *r, double m, double x, table_t *t)
{
    double *s = t->s, prev = m, left = x;
    for (unsigned int j = 1;; j++) {
        const double k =
            portee_sample_hypergeometric(r, (unsigned int)prev, (unsigned int)(left - 1), (unsigned int)left);
        s[j - 1] = prev - k; /* seen exactly j - 1 times */
        left -= k;
        if (j == BOOST_TOP) { /* the k seen BOOST_TOP times or more share what is left
                                 (out of reach under deal()'s length limit; kept for the table's bound) */
            s[BOOST_TOP] = k;
            t->top_sum = BOOST_TOP * k + left;
            t->last = BOOST_TOP - 1;
            return;
        }
        if (left <= 0) {
            s[j] = k;
            t->last = j;
            return;
        }
        prev = k;
    }
}

/* The frequency table of x impressions dealt to m fresh people, into t
 * (cleared here); h: scratch. */
static void deal(gsl_rng *r, double m, double x, double b, table_t *t, double *h)
{
    t->top_sum = 0;
    t->last = 0;
    t->s[BOOST_TOP] = 0;
    /* shape 1: the chain, while its length (the largest count, about
     * mu·ln m) stays under about 100 draws */
    if (b == 1 && m + x < 4294967295.0 && x / m * log(m + 1) < 100) {
        deal_chain(r, m, x, t);
        return;
    }
    /* rough costs in scan steps: the Poissonised way scans its classes
     * once per fix-up step; person by person costs a beta and a binomial
     * (about 30 steps' worth) per person */
    const double mu = x / m, spread = mu * (1 + (b > 0 ? mu / b : 0));
    double classes = 2 + mu + 6 * sqrt(spread);
    if (classes > BOOST_TOP) classes = BOOST_TOP;
    if (30 * m < classes * (2 + 0.5 * sqrt(m * spread))) {
        t->s[0] = 0;
        deal_people(r, m, x, b, t);
        return;
    }
    const double M = deal_poissonised(r, m, x, b, t, h);
    if (M < 0) { /* step 1 reached the pooled class: start again, exactly */
        t->top_sum = 0;
        t->last = 0;
        t->s[0] = 0;
        t->s[BOOST_TOP] = 0;
        deal_split(r, m, x, b, t);
        return;
    }
    fix_total(r, m, M, x, b, t);
}

void portee_boost_audience_add(portee_boost_audience_t *a, double shape, double x, gsl_rng *r)
{
    if (!(x > 0)) return;
    double share[BOOST_TOP + 1], scratch[BOOST_TOP + 1], sub[BOOST_TOP + 1];
    double *n = a->n;
    const unsigned int last = a->last;
    /* the classes' shares of the x impressions: rest[j] is the urn weight
     * of classes j and above, the pooled class's in rest[last + 1] */
    double *rest = scratch;
    rest[last + 1] = shape > 0 ? shape * n[BOOST_TOP] + a->top_sum : n[BOOST_TOP];
    for (unsigned int j = last + 1; j-- > 0;) rest[j] = rest[j + 1] + (shape > 0 ? shape + j : 1) * n[j];
    double left = x;
    for (unsigned int j = 0; j <= last; j++) {
        const double wj = (shape > 0 ? shape + j : 1) * n[j];
        share[j] = 0;
        if (left <= 0 || n[j] <= 0) continue;
        if (rest[j + 1] <= 0) share[j] = left; /* nobody above: the rest is theirs */
        else share[j] = shape > 0 ? beta_binomial(r, left, wj, rest[j + 1]) : binomial(r, wj / rest[j], left);
        left -= share[j];
    }
    share[BOOST_TOP] = left;
    /* each class's share dealt among its people; from the top class down,
     * so people moving up land in classes already done */
    table_t t = {.s = sub}, all = {.s = n, .last = last};
    for (unsigned int j = last + 1; j-- > 0;) {
        if (share[j] <= 0) continue;
        deal(r, n[j], share[j], shape > 0 ? shape + j : 0, &t, scratch);
        n[j] = 0;
        for (unsigned int i = 0; i <= t.last; i++) {
            if (t.s[i] <= 0) continue;
            if (j + i < BOOST_TOP) {
                table_reach(&all, j + i);
                n[j + i] += t.s[i];
            } else {
                n[BOOST_TOP] += t.s[i];
                a->top_sum += (double)(j + i) * t.s[i];
            }
        }
        n[BOOST_TOP] += t.s[BOOST_TOP];
        a->top_sum += j * t.s[BOOST_TOP] + t.top_sum;
    }
    a->top_sum += share[BOOST_TOP];
    a->last = all.last;
    a->exposures += x;
}

double portee_boost_audience_delivered(const portee_boost_audience_t *a, double cap)
{
    if (cap <= 0) return a->exposures;
    double sum = cap * a->n[BOOST_TOP];
    for (unsigned int j = 1; j <= a->last; j++) sum += (j < cap ? j : cap) * a->n[j];
    return sum;
}

void portee_boost_audience_frequency(const portee_boost_audience_t *a, double cap, unsigned int bins, double *freq)
{
    if (bins == 0) return;
    const double top = cap > 0 && cap < bins ? cap : bins; /* the bin that takes everyone above */
    for (unsigned int j = 1; j <= a->last; j++) freq[(unsigned int)(j < top ? j : top) - 1] += a->n[j];
    freq[(unsigned int)top - 1] += a->n[BOOST_TOP];
}
