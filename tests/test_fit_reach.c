/* test_fit_reach.c — the reach fit on posts generated inside the test from
 * known parameters with the reach model's own direct-reach draw: the
 * likelihood and its gradient; recovery (no bias beyond Monte Carlo error)
 * and coverage of the 95 % intervals over many series of 30, 100 and 300
 * posts, with and without a trend, and the trend test's size; share_rate,
 * friend_reach and R from shares and viral reach; the posterior-predictive
 * check's size; the same check for any thread count.  Each check is paired
 * with a wrong model the same data reject: the binomial (no post
 * variability) on overdispersed posts, the average rate taken as the level
 * of drifting posts, shares counted per follower reached directly instead
 * of per person reached, a Poisson standard error for the people a share
 * reaches, a check that simulates without the post-to-post beta.
 *
 * Tolerances: a coverage within COVER_K binomial standard errors of 95 %
 * (sqrt(0.95·0.05/R) over R series: 1.1 % at 400, 1.5 % at 200), a mean
 * error within K_SE of its Monte Carlo standard error.  Series are fitted
 * on OpenMP threads, each from its own random stream, and tallied in
 * series order: the printed figures do not depend on the thread count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "models/reach.h"
#include "sim/fit/reach_fit.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

#define K_SE 5.0    /* tolerance of the Monte Carlo means, in standard errors */
#define COVER_K 3.0 /* of a coverage, in binomial standard errors */
#define Z975 1.959963984540054

/* The friends of a sharer in the generated cascades (a rounded lognormal
 * capped at FRIENDS_CAP, as the reach model draws them), and the share of
 * them a share reaches. */
#define FRIENDS_MEDIAN 200.0
#define FRIENDS_SIGMA 1.0
#define FRIENDS_CAP 5000.0
#define FRIEND_REACH 0.05

/* The truth of a generated series: logit r(t) = a + b·t over t in [0, 2]
 * years, t = 0 at the series' start; κ (INFINITY: binomial); share > 0
 * adds shares and viral reach; pages: posts of pages of 500 to 50,000
 * followers (log-uniform) whose rate follows the reach model's size law,
 * r(t)·(F/SIZE_REFERENCE)^−elasticity, instead of pages of 500 to 5,000
 * at the same rate. */
typedef struct {
    size_t n;
    double r0, r2, kappa, share;
    bool pages;
    double elasticity;
} truth_t;

#define SIZE_REFERENCE 5000.0

static double logit(double r) { return log(r / (1 - r)); }
static double logistic(double x) { return 1 / (1 + exp(-x)); }
static double truth_rate(const truth_t *tr, double t)
{
    return logistic(logit(tr->r0) + (logit(tr->r2) - logit(tr->r0)) * t / 2);
}
/* E[min(X, c)] of X = m e^{σZ} */
static double friends_mean(void)
{
    const double u = (log(FRIENDS_CAP) - log(FRIENDS_MEDIAN)) / FRIENDS_SIGMA;
    return FRIENDS_MEDIAN * exp(0.5 * FRIENDS_SIGMA * FRIENDS_SIGMA) * gsl_cdf_ugaussian_P(u - FRIENDS_SIGMA) +
           FRIENDS_CAP * gsl_cdf_ugaussian_Q(u);
}

static int by_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Series `index` of a test: n posts at uniform times over two years, pages
 * of 500 to 5,000 followers, direct reach drawn as the reach model draws it
 * (portee_reach_direct).  With a share rate: every person reached shares
 * with that probability, a share reaches Binomial(friends, FRIEND_REACH)
 * new people (friends a rounded lognormal), who share in turn; shares and
 * viral reach are the sums.  Times are years from 2020. */
static void make_posts(const truth_t *tr, uint64_t seed, uint32_t index, portee_posts_t *p)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_rng_stream(r, seed, 7, 0, index);
    const size_t n = tr->n;
    memset(p, 0, sizeof *p);
    p->n = n;
    p->day = malloc(n * sizeof *p->day);
    p->year = malloc(n * sizeof *p->year);
    p->line = calloc(n, sizeof *p->line);
    p->count[PORTEE_POSTS_FOLLOWERS] = malloc(n * sizeof(double));
    p->count[PORTEE_POSTS_REACH] = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) p->year[i] = 2 * gsl_rng_uniform(r);
    qsort(p->year, n, sizeof *p->year, by_double);
    if (tr->share > 0) {
        p->count[PORTEE_POSTS_SHARES] = malloc(n * sizeof(double));
        p->count[PORTEE_POSTS_VIRAL] = malloc(n * sizeof(double));
    }
    const double kappa = isinf(tr->kappa) ? 0 : tr->kappa; /* the model's 0: no variability */
    for (size_t i = 0; i < n; i++) {
        const double t = p->year[i];
        const unsigned int F = tr->pages ? (unsigned int)floor(500 * exp(log(100) * gsl_rng_uniform(r)) + 0.5)
                                         : 500 + (unsigned int)gsl_rng_uniform_int(r, 4501);
        const double rate = tr->pages ? fmin(1, truth_rate(tr, t) * pow(F / SIZE_REFERENCE, -tr->elasticity))
                                      : truth_rate(tr, t);
        const unsigned int d = portee_reach_direct(r, rate, kappa, F);
        p->day[i] = NAN;
        p->year[i] = 2020 + t;
        p->count[PORTEE_POSTS_FOLLOWERS][i] = F;
        p->count[PORTEE_POSTS_REACH][i] = d;
        if (tr->share > 0) {
            double sh = 0, viral = 0, fresh = d;
            for (int g = 0; g < 30 && fresh > 0; g++) {
                const unsigned int k = gsl_ran_binomial(r, tr->share, (unsigned int)fresh);
                double add = 0;
                for (unsigned int j = 0; j < k; j++) {
                    const double friends = floor(FRIENDS_MEDIAN * exp(gsl_ran_gaussian(r, FRIENDS_SIGMA)) + 0.5);
                    add += gsl_ran_binomial(r, FRIEND_REACH, (unsigned int)fmin(friends, FRIENDS_CAP));
                }
                sh += k;
                viral += add;
                fresh = add;
            }
            p->count[PORTEE_POSTS_SHARES][i] = sh;
            p->count[PORTEE_POSTS_VIRAL][i] = viral;
            p->count[PORTEE_POSTS_REACH][i] = d + viral;
        }
    }
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++)
        if (c == PORTEE_POSTS_DATE || p->count[c]) p->column[c] = strdup("x");
    gsl_rng_free(r);
}

/* The row of f called name in model's group, or NULL. */
static const portee_rf_row_t *row(const portee_reach_fit_t *f, const char *name, const char *model)
{
    for (size_t i = 0; i < f->n_rows; i++)
        if (!strcmp(f->row[i].name, name) && !strcmp(f->row[i].model, model)) return &f->row[i];
    return NULL;
}

/* Fits series index (without its shares column when drop_shares); false
 * with the message in err when the fit fails.  Safe on any thread. */
static bool fit_series(const truth_t *tr, uint64_t seed, uint32_t index, bool binomial, bool drop_shares,
                       portee_size_law_t size, portee_reach_fit_t *f, portee_error_t *err)
{
    portee_posts_t p;
    make_posts(tr, seed, index, &p);
    if (drop_shares) {
        free(p.count[PORTEE_POSTS_SHARES]);
        free(p.column[PORTEE_POSTS_SHARES]);
        p.count[PORTEE_POSTS_SHARES] = NULL;
        p.column[PORTEE_POSTS_SHARES] = NULL;
    }
    const portee_reach_fit_spec_t spec = {PORTEE_LEVEL_AUTO, size, binomial,
                                          {NULL, 0.01, FRIENDS_MEDIAN, FRIENDS_SIGMA, FRIEND_REACH, FRIENDS_CAP, 1e5}};
    const portee_status_t st = portee_reach_fit_estimate("generated", &p, &spec, f, err);
    portee_posts_free(&p);
    return st == PORTEE_OK;
}

/* ---- the likelihood ---- */

/* ℓ against the beta-binomial pmf summed by lgamma, the gradient against
 * central differences (every model: trend, size law, binomial), and the
 * beta-binomial's limit, the binomial. */
static void test_likelihood(void)
{
    const double F[] = {50, 800, 3000, 12000}, d[] = {3, 41, 90, 800}, t[] = {-0.7, -0.2, 0.4, 0.9};
    double x[4];
    for (size_t i = 0; i < 4; i++) x[i] = log(F[i]) - log(1500);
    const portee_bb_data_t data = {4, F, d, t, x};
    double worst_ll = 0, worst_g = 0;
    for (int shape = 0; shape < 8; shape++)
        for (double kappa = 0.5; kappa < 1e5; kappa *= 7) {
            portee_bb_fit_t s = {.trend = shape & 1, .size = shape & 2, .binomial = shape & 4};
            s.k = portee_bb_count(&s);
            double th[PORTEE_BB_MAX_K], g[PORTEE_BB_MAX_K];
            size_t j = 0;
            th[j++] = logit(0.04);
            if (s.trend) th[j++] = -0.3;
            if (s.size) th[j++] = -0.2;
            if (!s.binomial) th[j++] = log(kappa);
            const double ll = portee_bb_loglik(&s, th, &data, g);
            double want = 0;
            for (size_t i = 0; i < 4; i++) {
                const double r = logistic(th[0] + (s.trend ? th[1] * t[i] : 0) + (s.size ? th[1 + s.trend] * x[i] : 0));
                want += gsl_sf_lnchoose((unsigned)F[i], (unsigned)d[i]);
                if (s.binomial) want += d[i] * log(r) + (F[i] - d[i]) * log1p(-r);
                else
                    want += gsl_sf_lnbeta(d[i] + r * kappa, F[i] - d[i] + (1 - r) * kappa) -
                            gsl_sf_lnbeta(r * kappa, (1 - r) * kappa);
            }
            worst_ll = fmax(worst_ll, fabs(ll - want) / fabs(want));
            /* h = 1e-4: ℓ is some thousands, so a smaller step measures its
             * rounding (1e-6 at h = 1e-6) rather than the slope */
            for (j = 0; j < s.k; j++) {
                double tp[PORTEE_BB_MAX_K], tm[PORTEE_BB_MAX_K];
                memcpy(tp, th, sizeof tp);
                memcpy(tm, th, sizeof tm);
                const double h = 1e-4 * fmax(1, fabs(th[j]));
                tp[j] += h;
                tm[j] -= h;
                const double fd =
                    (portee_bb_loglik(&s, tp, &data, NULL) - portee_bb_loglik(&s, tm, &data, NULL)) / (2 * h);
                worst_g = fmax(worst_g, fabs(g[j] - fd) / fmax(1, fabs(fd)));
            }
        }
    printf("likelihood: worst relative error %.2g against lgamma sums, gradient %.2g against differences\n",
           worst_ll, worst_g);
    CHECK(worst_ll < 1e-10, "beta-binomial log-likelihood against lgamma sums: relative error %.3g", worst_ll);
    CHECK(worst_g < 1e-6, "analytic gradient against central differences: relative error %.3g", worst_g);
    /* κ → ∞: the beta-binomial's excess over the binomial falls as 1/κ, to
     * the digits lgamma differences (and GSL's lnpoch) would lose there */
    portee_bb_fit_t bb = {.k = 2}, bin = {.k = 1, .binomial = true};
    double th[2] = {logit(0.04), 0}, scaled[3];
    for (int i = 0; i < 3; i++) {
        th[1] = log(1e9) + i * log(100);
        scaled[i] = (portee_bb_loglik(&bb, th, &data, NULL) - portee_bb_loglik(&bin, th, &data, NULL)) * exp(th[1]);
    }
    printf("likelihood: (beta-binomial - binomial) x kappa at kappa 1e9, 1e11, 1e13: %.6g, %.6g, %.6g\n",
           scaled[0], scaled[1], scaled[2]);
    CHECK(fabs(scaled[1] / scaled[0] - 1) < 1e-3 && fabs(scaled[2] / scaled[0] - 1) < 1e-2,
          "the beta-binomial's excess over the binomial times κ: %.6g, %.6g, %.6g at κ = 1e9, 1e11, 1e13 "
          "(should be constant)", scaled[0], scaled[1], scaled[2]);
}

/* ---- tallies ---- */

/* One interval's verdict on one series: lo..hi against the truth, and the
 * estimate's error on the scale the fit works on (logit or log). */
typedef struct {
    bool given;
    double lo, hi, truth, error;
} shot_t;

typedef struct {
    size_t covered, runs;
    double sum, sum2; /* of the errors */
} tally_t;

static shot_t shot(const portee_rf_row_t *r, double truth, double (*scale)(double))
{
    if (!r) return (shot_t){0};
    return (shot_t){true, r->lo95, r->hi95, truth, scale(r->value) - scale(truth)};
}

static double identity(double x) { return x; }

static void tally(tally_t *t, const shot_t *s)
{
    if (!s->given) return;
    t->covered += s->lo <= s->truth && s->truth <= s->hi;
    t->runs++;
    t->sum += s->error;
    t->sum2 += s->error * s->error;
}

static double coverage(const tally_t *t) { return (double)t->covered / (double)t->runs; }
static double bias(const tally_t *t) { return t->sum / (double)t->runs; }
static double sd(const tally_t *t)
{
    const double b = bias(t);
    return sqrt(fmax(0, t->sum2 / (double)t->runs - b * b));
}

/* Coverage within COVER_K binomial standard errors of 95 %, and the mean
 * error within K_SE standard errors of 0 (unbiased) when asked; every
 * series must have given the row. */
static void report(const char *what, const char *param, const tally_t *t, size_t series, bool unbiased)
{
    CHECK(t->runs == series, "%s: %s given by %zu of %zu fits", what, param, t->runs, series);
    if (!t->runs) return;
    const double R = (double)t->runs, c = coverage(t), se_c = sqrt(0.95 * 0.05 / R);
    const double b = bias(t), se_b = sd(t) / sqrt(R);
    printf("%s: %s covered in %.1f %% of %zu series; mean error %+.4f (se %.4f, sd of one estimate %.3f)\n", what,
           param, 100 * c, t->runs, b, se_b, sd(t));
    CHECK(fabs(c - 0.95) <= COVER_K * se_c, "%s: 95 %% intervals of %s cover the truth in %.1f %% of %zu series "
          "(limits %.1f-%.1f %%)", what, param, 100 * c, t->runs, 100 * (0.95 - COVER_K * se_c),
          100 * (0.95 + COVER_K * se_c));
    if (unbiased) CHECK_SE(b, 0, se_b, K_SE, param);
}

/* A wrong model's intervals: coverage below `most`. */
static void reject(const char *what, const char *model, const tally_t *t, double most)
{
    printf("%s: %s: covered in %.1f %% of %zu series, mean error %+.4f (wrong model)\n", what, model,
           100 * coverage(t), t->runs, bias(t));
    CHECK(t->runs > 0 && coverage(t) < most, "%s: %s should not cover: %.1f %% (limit %.0f %%)", what, model,
          100 * coverage(t), 100 * most);
}

/* ---- recovery and coverage of reach_rate, post_variability, the trend ---- */

typedef struct {
    bool ok;
    char msg[160];
    shot_t rate, kappa, slope, naive, binomial;
    bool trend_found;
} recovery_t;

static void recover_one(const truth_t *tr, bool trend, uint64_t seed, uint32_t j, recovery_t *out)
{
    portee_reach_fit_t f, b;
    portee_error_t err;
    memset(out, 0, sizeof *out);
    out->ok = fit_series(tr, seed, j, false, false, PORTEE_SIZE_OFF, &f, &err);
    if (out->ok) {
        const double t_last = f.posts.year[tr->n - 1] - 2020, r_last = truth_rate(tr, t_last);
        const double truth = trend ? r_last : tr->r0;
        out->rate = shot(portee_rf_row(&f, "reach_rate", trend ? "last" : "average"), truth, logit);
        out->kappa = shot(row(&f, "post_variability", trend ? "trend" : "constant"), tr->kappa, log);
        out->trend_found = f.trend_p < 0.05;
        if (trend) {
            out->slope = shot(portee_rf_row(&f, "trend", NULL), (logit(tr->r2) - logit(tr->r0)) / 2, identity);
            /* the wrong model: the average as the level at the last post */
            out->naive = shot(portee_rf_row(&f, "reach_rate", "average"), r_last, logit);
        }
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
    /* the wrong model: the binomial on the same posts */
    if (fit_series(tr, seed, j, true, false, PORTEE_SIZE_OFF, &b, &err)) {
        const double t_last = b.posts.year[tr->n - 1] - 2020;
        out->binomial = shot(portee_rf_row(&b, "reach_rate", trend ? "last" : "average"),
                             trend ? truth_rate(tr, t_last) : tr->r0, logit);
    } else if (out->ok) {
        out->ok = false;
        snprintf(out->msg, sizeof out->msg, "binomial: %.120s", err.msg);
    }
    portee_reach_fit_free(&b);
}

static void test_recovery(size_t n, bool trend, size_t runs)
{
    const truth_t tr = {n, trend ? 0.07 : 0.05, trend ? 0.045 : 0.05, 40, 0, false, 0};
    const uint64_t seed = 2024 + n + trend;
    char what[64];
    snprintf(what, sizeof what, "%zu posts, %s", n, trend ? "trend 0.07 to 0.045" : "constant rate 0.05");
    recovery_t *res = malloc(runs * sizeof *res);
#pragma omp parallel for schedule(dynamic)
    for (size_t j = 0; j < runs; j++) recover_one(&tr, trend, seed, (uint32_t)j, &res[j]);
    tally_t rate = {0}, kappa = {0}, slope = {0}, binomial = {0}, naive = {0};
    size_t trend_found = 0;
    for (size_t j = 0; j < runs; j++) {
        CHECK(res[j].ok, "%s: series %zu: %s", what, j, res[j].msg);
        tally(&rate, &res[j].rate);
        tally(&kappa, &res[j].kappa);
        tally(&slope, &res[j].slope);
        tally(&naive, &res[j].naive);
        tally(&binomial, &res[j].binomial);
        trend_found += res[j].trend_found;
    }
    free(res);
    report(what, trend ? "reach_rate at the last post" : "reach_rate", &rate, runs, true);
    /* ln κ̂ is the maximum likelihood estimate of a variance component: it
     * overstates how alike posts are by O(1/n), as any ML variance does
     * (measured: n·bias 2 to 3.5).  Held to n·bias < 5 beyond its Monte
     * Carlo error, which shrinks it to nothing at 300 posts, and the
     * interval's coverage. */
    report(what, "post_variability", &kappa, runs, false);
    const double kse = sd(&kappa) / sqrt((double)kappa.runs);
    CHECK(fabs(bias(&kappa)) <= 5.0 / (double)n + K_SE * kse,
          "%s: mean error of ln post_variability %+.4f: more than 5/n = %.4f beyond %g SE (%.4f)", what,
          bias(&kappa), 5.0 / (double)n, K_SE, kse);
    if (trend) report(what, "trend (logit per year)", &slope, runs, true);
    /* the wrong models, rejected */
    reject(what, "the binomial's reach_rate (no post variability)", &binomial, 0.6);
    const double pt = (double)trend_found / (double)runs;
    if (trend) {
        const double se = sd(&naive) / sqrt((double)naive.runs);
        reject(what, "the average taken as the level at the last post", &naive, n >= 100 ? 0.6 : 0.9);
        printf("%s: trend found (p < 0.05) in %.1f %% of series\n", what, 100 * pt);
        CHECK(fabs(bias(&naive)) > K_SE * se, "%s: ignoring the trend should bias the last level (%.3f, se %.3f)",
              what, bias(&naive), se);
        if (n >= 300) CHECK(pt > 0.8, "%s: the trend test finds the drift in only %.1f %% of series", what, 100 * pt);
    } else {
        /* the trend test's size: 5 % of series without a trend */
        const double se = sqrt(0.05 * 0.95 / (double)runs);
        printf("%s: trend found (p < 0.05) in %.1f %% of series without one\n", what, 100 * pt);
        CHECK(fabs(pt - 0.05) <= COVER_K * se, "%s: the trend test rejects %.1f %% of series without a trend, "
              "want 5 %%", what, 100 * pt);
    }
}

/* ---- the cascade: share_rate, friend_reach, R ---- */

typedef struct {
    bool ok;
    char msg[160];
    shot_t share, friend_reach, R, naive_share, poisson_m;
} cascade_t;

/* Σx/Σy with the standard error Poisson counts would give it. */
static shot_t poisson_ratio(const double *x, const double *y, size_t n, double truth)
{
    double sx = 0, sy = 0;
    for (size_t i = 0; i < n; i++) {
        sx += x[i];
        sy += y[i];
    }
    const double q = sx / sy, se = sqrt(sx) / sy;
    return (shot_t){true, q - Z975 * se, q + Z975 * se, truth, q - truth};
}

static void cascade_one(const truth_t *tr, uint64_t seed, uint32_t j, cascade_t *out)
{
    const double m = friends_mean() * FRIEND_REACH;
    portee_reach_fit_t f, v;
    portee_error_t err;
    memset(out, 0, sizeof *out);
    out->ok = fit_series(tr, seed, j, false, false, PORTEE_SIZE_OFF, &f, &err);
    if (out->ok) {
        const portee_posts_t *p = &f.posts;
        out->share = shot(row(&f, "share_rate", "shares"), tr->share, logit);
        out->friend_reach = shot(row(&f, "friend_reach", "viral"), FRIEND_REACH, log);
        /* the wrong models: shares per follower reached directly (as if the
         * viral reach did not share), and a Poisson error for the people a
         * share reaches (as if friend counts did not vary) */
        double sd_ = 0, ss = 0;
        for (size_t i = 0; i < p->n; i++) {
            sd_ += portee_posts_direct(p, i);
            ss += p->count[PORTEE_POSTS_SHARES][i];
        }
        const double q = ss / sd_, se = sqrt(q * (1 - q) / sd_);
        out->naive_share = (shot_t){true, q - Z975 * se, q + Z975 * se, tr->share, logit(q) - logit(tr->share)};
        out->poisson_m = poisson_ratio(p->count[PORTEE_POSTS_VIRAL], p->count[PORTEE_POSTS_SHARES], p->n, m);
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
    /* viral reach without shares: only R */
    if (fit_series(tr, seed, j, false, true, PORTEE_SIZE_OFF, &v, &err)) {
        out->R = shot(row(&v, "R", "viral"), tr->share * m, log);
    } else if (out->ok) {
        out->ok = false;
        snprintf(out->msg, sizeof out->msg, "viral only: %.120s", err.msg);
    }
    portee_reach_fit_free(&v);
}

static void test_cascade(size_t n, size_t runs)
{
    const truth_t tr = {n, 0.05, 0.05, 40, 0.02, false, 0};
    char what[96];
    snprintf(what, sizeof what, "%zu posts with shares (share_rate 0.02, R %.3f)", n,
             tr.share * friends_mean() * FRIEND_REACH);
    cascade_t *res = malloc(runs * sizeof *res);
#pragma omp parallel for schedule(dynamic)
    for (size_t j = 0; j < runs; j++) cascade_one(&tr, 99, (uint32_t)j, &res[j]);
    tally_t share = {0}, fr = {0}, R = {0}, naive = {0}, poisson = {0};
    for (size_t j = 0; j < runs; j++) {
        CHECK(res[j].ok, "%s: series %zu: %s", what, j, res[j].msg);
        tally(&share, &res[j].share);
        tally(&fr, &res[j].friend_reach);
        tally(&R, &res[j].R);
        tally(&naive, &res[j].naive_share);
        tally(&poisson, &res[j].poisson_m);
    }
    free(res);
    report(what, "share_rate", &share, runs, true);
    /* friend_reach and R are ratios of sums (Σv/Σs, Σv/Σd): their bias is
     * O(1/n) like any ratio estimator's, printed and held by coverage */
    report(what, "friend_reach (shares and viral)", &fr, runs, false);
    report(what, "R (viral without shares)", &R, runs, false);
    reject(what, "shares per follower reached directly", &naive, 0.5);
    reject(what, "a Poisson standard error for the people a share reaches", &poisson, 0.7);
}

/* ---- the size law ---- */

typedef struct {
    bool ok;
    char msg[160];
    shot_t elasticity, rate, flat_rate;
    bool found, fitted;
} sized_t;

static void size_one(const truth_t *tr, uint32_t j, sized_t *out)
{
    portee_reach_fit_t f;
    portee_error_t err;
    memset(out, 0, sizeof *out);
    out->ok = fit_series(tr, 31 + (tr->elasticity > 0), j, false, false, PORTEE_SIZE_AUTO, &f, &err);
    if (out->ok) {
        const double FL = f.posts.count[PORTEE_POSTS_FOLLOWERS][tr->n - 1];
        const double truth = tr->r0 * pow(FL / SIZE_REFERENCE, -tr->elasticity);
        out->fitted = f.has_size;
        out->found = f.size_p < 0.05;
        out->elasticity = shot(row(&f, "size_elasticity", "size"), tr->elasticity, identity);
        out->rate = shot(row(&f, "reach_rate", "size"), truth, logit);
        /* the wrong model: one rate for pages of every size */
        out->flat_rate = shot(portee_rf_row(&f, "reach_rate", "average"), truth, logit);
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
}

/* Posts of pages of 500 to 50,000 followers: the size law fitted (the
 * followers span a factor 100), size_elasticity recovered with its
 * intervals' coverage, the rate at the last post's page too; the size
 * test's size when there is no law and its power when there is; one rate
 * for every page (no size law) rejected. */
static void test_size(size_t n, double elasticity, size_t runs)
{
    const truth_t tr = {n, 0.05, 0.05, 40, 0, true, elasticity};
    char what[96];
    snprintf(what, sizeof what, "%zu posts of pages of 500 to 50,000 followers, size_elasticity %g", n, elasticity);
    sized_t *res = malloc(runs * sizeof *res);
#pragma omp parallel for schedule(dynamic)
    for (size_t j = 0; j < runs; j++) size_one(&tr, (uint32_t)j, &res[j]);
    tally_t e = {0}, rate = {0}, flat = {0};
    size_t found = 0, fitted = 0;
    for (size_t j = 0; j < runs; j++) {
        CHECK(res[j].ok, "%s: series %zu: %s", what, j, res[j].msg);
        tally(&e, &res[j].elasticity);
        tally(&rate, &res[j].rate);
        tally(&flat, &res[j].flat_rate);
        found += res[j].found;
        fitted += res[j].fitted;
    }
    free(res);
    CHECK(fitted == runs, "%s: the size law fitted in %zu of %zu series (the followers span a factor 100)", what,
          fitted, runs);
    report(what, "size_elasticity", &e, runs, true);
    report(what, "reach_rate at the last post's followers", &rate, runs, true);
    const double pf = (double)found / (double)runs, se = sqrt(0.05 * 0.95 / (double)runs);
    printf("%s: size law found (p < 0.05) in %.1f %% of series\n", what, 100 * pf);
    if (elasticity == 0) {
        CHECK(fabs(pf - 0.05) <= COVER_K * se, "%s: the size test rejects %.1f %% of series without a size law, "
              "want 5 %%", what, 100 * pf);
    } else {
        CHECK(pf > 0.9, "%s: the size test finds the law in only %.1f %% of series", what, 100 * pf);
        reject(what, "one rate for pages of every size", &flat, 0.5);
    }
}

/* ---- the posterior-predictive check ---- */

typedef struct {
    bool ok;
    char msg[160];
    double p, p_binomial;
} check_t;

static bool fit_and_check(const truth_t *tr, uint64_t seed, uint32_t j, bool binomial, uint64_t draws, int threads,
                          portee_reach_fit_t *f, portee_error_t *err)
{
    return fit_series(tr, seed, j, binomial, false, PORTEE_SIZE_OFF, f, err) &&
           portee_reach_fit_check(f, seed, draws, threads, err) == PORTEE_OK;
}

static void check_one(const truth_t *tr, uint32_t j, check_t *out)
{
    portee_reach_fit_t f, b;
    portee_error_t err;
    memset(out, 0, sizeof *out);
    out->ok = fit_and_check(tr, 5, j, false, 200, 1, &f, &err);
    if (out->ok) out->p = f.chi2_p;
    else snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    portee_reach_fit_free(&f);
    if (fit_and_check(tr, 5, j, true, 200, 1, &b, &err)) {
        out->p_binomial = b.chi2_p;
    } else if (out->ok) {
        out->ok = false;
        snprintf(out->msg, sizeof out->msg, "binomial: %.120s", err.msg);
    }
    portee_reach_fit_free(&b);
}

/* Posterior-predictive p-values are conservative (the data chose the
 * parameters the replicates come from): under the true model at most about
 * 5 % below 0.05, one-sided; the binomial's check on the same posts below
 * 0.05 nearly always. */
static void test_check(size_t n, size_t runs)
{
    const truth_t tr = {n, 0.05, 0.05, 40, 0, false, 0};
    check_t *res = malloc(runs * sizeof *res);
#pragma omp parallel for schedule(dynamic)
    for (size_t j = 0; j < runs; j++) check_one(&tr, (uint32_t)j, &res[j]);
    size_t low = 0, low_binomial = 0;
    double mean_p = 0;
    for (size_t j = 0; j < runs; j++) {
        CHECK(res[j].ok, "check, series %zu: %s", j, res[j].msg);
        low += res[j].p < 0.05;
        low_binomial += res[j].p_binomial < 0.05;
        mean_p += res[j].p / (double)runs;
    }
    free(res);
    const double R = (double)runs, a = (double)low / R, ab = (double)low_binomial / R, se = sqrt(0.05 * 0.95 / R);
    printf("check, %zu posts: p < 0.05 in %.1f %% of %zu series under the true model (mean p %.3f); in %.1f %% "
           "for the binomial (wrong model)\n", n, 100 * a, runs, mean_p, 100 * ab);
    CHECK(a <= 0.05 + COVER_K * se, "check: p < 0.05 in %.1f %% of series from the fitted model (limit %.1f %%)",
          100 * a, 100 * (0.05 + COVER_K * se));
    CHECK(mean_p > 0.35, "check: mean posterior-predictive p %.3f under the true model", mean_p);
    CHECK(ab > 0.9, "check: the binomial's check should reject overdispersed posts: p < 0.05 in %.1f %%", 100 * ab);
}

/* The check's numbers, the same on 1 and on 2 threads. */
static void test_threads(void)
{
    const truth_t tr = {700, 0.07, 0.045, 40, 0, false, 0};
    portee_reach_fit_t a, b;
    portee_error_t err;
    const bool ok = CHECK(fit_and_check(&tr, 11, 0, false, 300, 1, &a, &err), "threads: %s", err.msg) &&
                    CHECK(fit_and_check(&tr, 11, 0, false, 300, 2, &b, &err), "threads: %s", err.msg);
    if (ok) {
        const size_t n = a.posts.n;
        CHECK(!memcmp(a.band, b.band, n * sizeof *a.band) && !memcmp(a.rate, b.rate, n * sizeof *a.rate) &&
              !memcmp(a.pit_observed, b.pit_observed, sizeof a.pit_observed) &&
              !memcmp(a.hist_sim, b.hist_sim, sizeof a.hist_sim) && a.chi2 == b.chi2 && a.chi2_p == b.chi2_p &&
              !memcmp(&a.sim_mean, &b.sim_mean, sizeof a.sim_mean) && !memcmp(&a.sim_sd, &b.sim_sd, sizeof a.sim_sd),
              "threads: the check differs between 1 and 2 threads");
    }
    portee_reach_fit_free(&a);
    portee_reach_fit_free(&b);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_likelihood();
    const size_t sizes[] = {30, 100, 300};
    for (size_t s = 0; s < 3; s++) {
        test_recovery(sizes[s], false, 400);
        test_recovery(sizes[s], true, 400);
    }
    test_cascade(100, 300);
    test_size(200, 0.3, 200);
    test_size(200, 0, 200);
    test_check(100, 200);
    test_threads();
    return portee_test_summary("test_fit_reach");
}
