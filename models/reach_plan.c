/* reach_plan.c — a posting plan week by week: which followers each post
 * reaches directly, each post's cascade, followers gained and lost, and
 * what the plan's posts add up to for the followers of its start.
 *
 * Two ways of drawing who a post reaches, the same model when followers are
 * alike:
 *  - followers alike (follower_variability 0) and no posts-seen table: a
 *    post's direct reach is a uniform subset of the followers, so the part
 *    not yet reached that week is hypergeometric.  The plan's cumulative
 *    reach is drawn after the whole plan, from the weeks' unique reach and
 *    losses (the week's reached followers are a uniform subset too), so the
 *    weekly series keep the draws they had before it existed;
 *  - otherwise exposure classes (plan_classes): followers kept by how many
 *    of the plan's posts they have seen.  With follower_variability c > 0 a
 *    follower's own chance π is Beta(a, b), a = r0·c, b = (1 − r0)·c (r0:
 *    the page's rate at the plan's start), and after n posts of which the
 *    follower saw x, π is Beta(a + x, b + n − x) (a Pólya urn, as the boost
 *    model's audience): the next post reaches each of the N_x followers of
 *    class x with probability (a + x)/(a + b + n), a binomial per class,
 *    exact.  Posts seen, weekly unique reach and cumulative reach are read
 *    off the classes, so every follower's count of posts seen over n posts
 *    is beta-binomial (Ehrenberg's model of repeat viewing), and with c = 0
 *    binomial.
 *
 * A post's own rate p (post_variability κ, and the size law at this week's
 * follower count) scales every class: probability min(1, (p/r0)·(a + x)/(a +
 * b + n)), so a post's mean direct reach is still F·p; the classes' update
 * is exact when every post has the same rate (κ = 0, followers constant),
 * and otherwise reads a post's own luck as the follower's (stated in
 * docs/models.md).  Classes past PLAN_TOP posts seen are pooled there (their
 * chance read at x = PLAN_TOP: exact for plans of up to PLAN_TOP posts).
 *
 * Followers who join during the plan are kept apart: they have not seen the
 * earlier posts, so they are placed in classes by the prior predictive of
 * the n posts so far, BetaBinomial(n; a, b), which gives each of them a
 * chance π ~ Beta(a, b) exactly as for a new follower; their class is then
 * no count of posts seen, so cumulative reach and the posts-seen table are
 * about the followers of the plan's start (those who leave keep what they
 * saw before leaving). */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "models/reach_internal.h"

#define PLAN_TOP 1023 /* classes kept one by one: posts seen 0 .. PLAN_TOP */
#define SEEN_MAX 100  /* max_posts_seen's upper bound */

/* Followers not yet reached this week among a post's d direct reach: a
 * hypergeometric draw, exact (GSL) while its cost, one uniform per person,
 * is small; beyond, a normal with the exact hypergeometric mean and variance
 * (the CLT holds there), so a page of a million followers stays cheap. */
static unsigned int newly_reached(gsl_rng *r, unsigned int f, unsigned int reached, unsigned int d)
{
    const unsigned int fresh = f - reached;
    if (d <= 2000 || f - d <= 2000) return gsl_ran_hypergeometric(r, fresh, reached, d);
    const double pf = (double)fresh / f, mean = d * pf;
    const double var = d * pf * (1 - pf) * (double)(f - d) / (f - 1);
    const double lo = d > reached ? d - reached : 0, hi = d < fresh ? d : fresh;
    double x = floor(mean + sqrt(var) * gsl_ran_gaussian_ziggurat(r, 1.0) + 0.5);
    return (unsigned int)(x < lo ? lo : x > hi ? hi : x);
}

/* Posts in week w (from 0) of a plan of k posts a week: the posts due by
 * the end of the week less those due before it, so a fractional k spreads
 * evenly (0.5: weeks 1, 3, 5...; 2.5: 3, 2, 3, 2...) and a whole k gives k
 * every week.  The tolerance keeps k·w, off by an ulp, from a whole post. */
static unsigned int posts_in_week(double k, unsigned int w)
{
    return (unsigned int)(ceil((w + 1) * k - 1e-9) - ceil(w * k - 1e-9));
}

static double binomial(gsl_rng *r, double p, double n)
{
    return p >= 1 ? n : portee_sample_binomial(r, p, (unsigned int)n);
}

/* What a week's posts add up to. */
typedef struct {
    double unique, impressions, direct, engaged, outsiders;
} week_t;

/* The rest of a post once its direct reach is known: its cascade, and the
 * week's sums. */
static void add_post(const double *p, const portee_reach_post_t *post, double F, gsl_rng *r, week_t *wk)
{
    const double N = p[REACH_POPULATION];
    wk->impressions += post->total;
    wk->direct += post->direct;
    wk->engaged += post->engagements;
    /* people reached through shares who do not follow the page yet: viral
     * people are drawn from those the post had not reached, N - direct, of
     * whom N - F are not followers.  Someone reached by two posts in a week
     * counts for each (a small overcount while viral reach is small against N). */
    wk->outsiders += portee_reach_binomial_large(r, N > post->direct ? (N - F) / (N - post->direct) : 0, post->viral);
}

/* Followers gained in a week: the people its posts reached through shares
 * who did not follow the page (at most everyone who does not) x follow_rate. */
static double gained_in(const double *p, double F, const week_t *wk, gsl_rng *r)
{
    const double N = p[REACH_POPULATION];
    return portee_reach_binomial_large(r, p[REACH_FOLLOW_RATE], wk->outsiders < N - F ? wk->outsiders : N - F);
}

/* The end of week w: its outputs; returns the followers at the end of the
 * week, and in *joined the people who joined (after the cap at the population). */
static double end_week(const double *p, unsigned int w, double F, const week_t *wk, double gained, double lost,
                       double *const *out, double *joined)
{
    const double N = p[REACH_POPULATION];
    const double next = F + gained - lost < N ? F + gained - lost : N;
    *joined = next - (F - lost);
    out[REACH_OUT_WEEK_FOLLOWERS][w] = next;
    out[REACH_OUT_WEEK_UNIQUE][w] = wk->unique;
    out[REACH_OUT_WEEK_IMPRESSIONS][w] = wk->impressions;
    out[REACH_OUT_WEEK_DIRECT_IMPRESSIONS][w] = wk->direct;
    out[REACH_OUT_WEEK_FREQUENCY][w] = wk->unique > 0 ? wk->direct / wk->unique : 0;
    out[REACH_OUT_WEEK_ENGAGEMENTS][w] = wk->engaged;
    out[REACH_OUT_WEEK_GAINED][w] = gained;
    out[REACH_OUT_WEEK_LOST][w] = lost;
    return next;
}

/* Followers of the plan's start reached at least once by the end of each
 * week, drawn from the alike-followers plan's weekly outputs: the week's U
 * reached followers are a uniform subset of its f followers, and the week's
 * losses a uniform subset too. */
static void cumulative_after(const double *p, gsl_rng *r, double *const *out)
{
    const unsigned int weeks = (unsigned int)p[REACH_HORIZON_WEEKS];
    double f = p[REACH_FOLLOWERS];
    double start = f;    /* followers of the plan's start still following */
    double ever = 0;     /* of the plan's start, reached at least once */
    double ever_in = 0;  /* ... and still following */
    for (unsigned int w = 0; w < weeks; w++) {
        const unsigned int fw = (unsigned int)f;
        const unsigned int fresh = (unsigned int)(start - ever_in);
        const unsigned int k = portee_sample_hypergeometric(r, fresh, fw - fresh,
                                                            (unsigned int)out[REACH_OUT_WEEK_UNIQUE][w]);
        ever += k;
        ever_in += k;
        out[REACH_OUT_WEEK_CUMULATIVE][w] = ever;
        const unsigned int left = portee_sample_hypergeometric(r, (unsigned int)start, fw - (unsigned int)start,
                                                               (unsigned int)out[REACH_OUT_WEEK_LOST][w]);
        ever_in -= portee_sample_hypergeometric(r, (unsigned int)ever_in, (unsigned int)(start - ever_in), left);
        start -= left;
        f = out[REACH_OUT_WEEK_FOLLOWERS][w];
    }
}

static void plan_alike(const double *p, const portee_reach_ws_t *ws, gsl_rng *r, double *const *out)
{
    const unsigned int weeks = (unsigned int)p[REACH_HORIZON_WEEKS];
    double F = p[REACH_FOLLOWERS];
    portee_reach_post_t post;
    for (unsigned int w = 0; w < weeks; w++) {
        const unsigned int f = (unsigned int)F, k = posts_in_week(p[REACH_POSTS_PER_WEEK], w);
        unsigned int unique = 0; /* distinct followers reached this week */
        week_t wk = {0};
        for (unsigned int i = 0; i < k; i++) {
            portee_reach_post_simulate(p, f, ws, r, &post);
            /* A post's direct reach is a uniform subset of the followers: the
             * part not yet reached this week is hypergeometric. */
            if (post.direct > 0 && unique < f) unique += newly_reached(r, f, unique, (unsigned int)post.direct);
            add_post(p, &post, F, r, &wk);
        }
        wk.unique = unique;
        const double gained = gained_in(p, F, &wk, r);
        const double lost = portee_sample_binomial(r, p[REACH_CHURN_RATE], f);
        double joined;
        F = end_week(p, w, F, &wk, gained, lost, out, &joined);
    }
    cumulative_after(p, r, out);
}

/* Followers by class: n[1][x] were reached this week, n[0][x] not; classes
 * above last hold garbage until they come into use (class_use()). */
typedef struct {
    double n[2][PLAN_TOP + 1];
    unsigned int last;
} classes_t;

static void class_use(classes_t *t, unsigned int x)
{
    for (unsigned int i = t->last + 1; i <= x; i++) t->n[0][i] = t->n[1][i] = 0;
    if (x > t->last) t->last = x;
}

/* One post over one table of classes, capped at class top: class x is
 * reached with probability min(1, m (a + x)/(a + b + n)) (c > 0) or p (c =
 * 0).  Returns the people reached; adds those not reached yet this week to
 * *week_new and those of class 0 to *first_time. */
typedef struct {
    double c, a, b, n, m, p;
} chance_t;

static double post_over(classes_t *t, unsigned int top, const chance_t *ch, gsl_rng *r, double *week_new,
                        double *first_time)
{
    double reached = 0;
    for (unsigned int x = t->last + 1; x-- > 0;) {
        double q = ch->p;
        if (ch->c > 0) {
            q = ch->m * (ch->a + x) / (ch->a + ch->b + ch->n);
            if (q > 1) q = 1;
        }
        const unsigned int to = x < top ? x + 1 : top;
        for (int seen = 1; seen >= 0; seen--) { /* this week's reached first: the others join them */
            const double k = t->n[seen][x] > 0 ? binomial(r, q, t->n[seen][x]) : 0;
            if (k == 0) continue;
            class_use(t, to);
            t->n[seen][x] -= k;
            t->n[1][to] += k;
            reached += k;
            if (!seen) *week_new += k;
            if (x == 0) *first_time += k;
        }
    }
    return reached;
}

/* The week is over: nobody has been reached this week yet. */
static void new_week(classes_t *t)
{
    for (unsigned int x = 0; x <= t->last; x++) {
        t->n[0][x] += t->n[1][x];
        t->n[1][x] = 0;
    }
}

/* Churn: each follower leaves with probability c; adds those who left to
 * gone[min(x, bins)] (when gone) and returns how many left. */
static double churn(classes_t *t, double c, gsl_rng *r, double *gone, unsigned int bins)
{
    double lost = 0;
    for (unsigned int x = 0; x <= t->last; x++) {
        const double k = t->n[0][x] > 0 ? binomial(r, c, t->n[0][x]) : 0;
        t->n[0][x] -= k;
        lost += k;
        if (gone) gone[x < bins ? x : bins] += k;
    }
    return lost;
}

/* Places j new followers in the classes by BetaBinomial(n; a, b), the
 * posts-seen count of a follower who had followed all along (classes past
 * top pooled at top): one binomial per class of what is left. */
static void place_joiners(classes_t *t, unsigned int top, double j, const chance_t *ch, gsl_rng *r)
{
    if (j <= 0) return;
    const unsigned int n = (unsigned int)ch->n, last = n < top ? n : top;
    if (ch->b <= 0 || ch->a <= 0) { /* every follower sees every post, or none */
        const unsigned int x = ch->b <= 0 ? last : 0;
        class_use(t, x);
        t->n[0][x] += j;
        return;
    }
    double w[PLAN_TOP + 1], cur = 1, sum = 0; /* weights of x = 0 .. last; cur: of x */
    for (unsigned int x = 0; x <= last; x++) w[x] = 0;
    for (unsigned int x = 0;; x++) {
        w[x < last ? x : last] += cur;
        sum += cur;
        if (x == n) break;
        /* w(x+1)/w(x) = (n − x)(a + x) / ((x + 1)(b + n − x − 1)), rescaled
         * whenever it grows large (the pmf is normalised by sum) */
        cur *= (n - x) * (ch->a + x) / ((x + 1.0) * (ch->b + n - x - 1));
        if (cur > 1e200) {
            for (unsigned int i = 0; i <= last; i++) w[i] *= 1e-200;
            cur *= 1e-200;
            sum *= 1e-200;
        }
    }
    double left = j;
    for (unsigned int x = 0; x <= last && left > 0; x++) {
        const double k = x == last ? left : binomial(r, w[x] / sum, left);
        sum -= w[x];
        if (k == 0) continue;
        class_use(t, x);
        t->n[0][x] += k;
        left -= k;
    }
}

static void plan_classes(const double *p, const portee_reach_ws_t *ws, gsl_rng *r, double *const *out)
{
    const unsigned int weeks = (unsigned int)p[REACH_HORIZON_WEEKS], bins = (unsigned int)p[REACH_MAX_POSTS_SEEN];
    const double c = p[REACH_FOLLOWER_VARIABILITY], kappa = p[REACH_POST_VARIABILITY];
    double F = p[REACH_FOLLOWERS];
    const double r0 = portee_reach_rate(p, F);
    chance_t ch = {c, r0 * c, (1 - r0) * c, 0, 1, r0};
    /* with c = 0 a class is only a count of posts seen: no need past the table's last bin */
    const unsigned int top = c > 0 ? PLAN_TOP : bins > 1 ? bins : 1, join_top = c > 0 ? PLAN_TOP : 0;
    classes_t start = {.last = 0}, joined = {.last = 0};
    start.n[0][0] = F;
    start.n[1][0] = joined.n[0][0] = joined.n[1][0] = 0;
    double gone[SEEN_MAX + 1] = {0}, ever = 0;
    portee_reach_post_t post;
    for (unsigned int w = 0; w < weeks; w++) {
        const unsigned int k = posts_in_week(p[REACH_POSTS_PER_WEEK], w);
        const double rate = portee_reach_rate(p, F);
        week_t wk = {0};
        for (unsigned int i = 0; i < k; i++) {
            ch.p = kappa > 0 && rate > 0 && rate < 1 ? portee_sample_beta(r, rate * kappa, (1 - rate) * kappa) : rate;
            ch.m = r0 > 0 ? ch.p / r0 : 0;
            double none = 0;
            const double direct = post_over(&start, top, &ch, r, &wk.unique, &ever) +
                                  post_over(&joined, join_top, &ch, r, &wk.unique, &none);
            ch.n++;
            portee_reach_post_spread(p, (unsigned int)direct, ws, r, &post);
            add_post(p, &post, F, r, &wk);
        }
        out[REACH_OUT_WEEK_CUMULATIVE][w] = ever;
        new_week(&start);
        new_week(&joined);
        const double gained = gained_in(p, F, &wk, r);
        const double lost = churn(&start, p[REACH_CHURN_RATE], r, gone, bins) +
                            churn(&joined, p[REACH_CHURN_RATE], r, NULL, 0);
        double j;
        F = end_week(p, w, F, &wk, gained, lost, out, &j);
        place_joiners(&joined, join_top, j, &ch, r);
    }
    if (bins == 0) return;
    double *const seen = out[REACH_OUT_POSTS_SEEN];
    memcpy(seen, gone, (bins + 1) * sizeof *seen);
    for (unsigned int x = 0; x <= start.last; x++) seen[x < bins ? x : bins] += start.n[0][x];
}

void portee_reach_plan_simulate(const double *p, const portee_reach_ws_t *ws, gsl_rng *r, double *const *out)
{
    if (p[REACH_FOLLOWER_VARIABILITY] > 0 || p[REACH_MAX_POSTS_SEEN] > 0) plan_classes(p, ws, r, out);
    else plan_alike(p, ws, r, out);
}
