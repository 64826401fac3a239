/* test_fit_reach.c — the reach fit on posts generated inside the test from
 * known parameters with the reach model's own direct-reach draw
 * (fit_reach_util.c): the likelihood and its gradient; recovery (no bias
 * beyond Monte Carlo error) and coverage of the 95 % intervals over many
 * series of 30, 100 and 300 posts, with and without a trend, and the trend
 * test's size; share_rate, friend_reach and R from shares and viral reach
 * (the size law, the posterior-predictive check and threads:
 * test_fit_reach_check.c).  Each check is paired with a wrong model the same
 * data reject: the binomial (no post variability) on overdispersed posts,
 * the average rate taken as the level of drifting posts, shares counted per
 * follower reached directly instead of per person reached, a Poisson
 * standard error for the people a share reaches.
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

#include "fit_reach_util.h"
#include "models/reach.h"
#include "sim/fit/reach_fit.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

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
            th[j++] = rf_logit(0.04);
            if (s.trend) th[j++] = -0.3;
            if (s.size) th[j++] = -0.2;
            if (!s.binomial) th[j++] = log(kappa);
            const double ll = portee_bb_loglik(&s, th, &data, g);
            double want = 0;
            for (size_t i = 0; i < 4; i++) {
                const double r = rf_logistic(th[0] + (s.trend ? th[1] * t[i] : 0) + (s.size ? th[1 + s.trend] * x[i] : 0));
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
    double th[2] = {rf_logit(0.04), 0}, scaled[3];
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
    out->ok = rf_fit_series(tr, seed, j, false, false, PORTEE_SIZE_OFF, &f, &err);
    if (out->ok) {
        const double t_last = f.posts.year[tr->n - 1] - 2020, r_last = rf_truth_rate(tr, t_last);
        const double truth = trend ? r_last : tr->r0;
        out->rate = rf_shot(portee_rf_row(&f, "reach_rate", trend ? "last" : "average"), truth, rf_logit);
        out->kappa = rf_shot(rf_row(&f, "post_variability", trend ? "trend" : "constant"), tr->kappa, log);
        out->trend_found = f.trend_p < 0.05;
        if (trend) {
            out->slope = rf_shot(portee_rf_row(&f, "trend", NULL), (rf_logit(tr->r2) - rf_logit(tr->r0)) / 2, rf_identity);
            /* the wrong model: the average as the level at the last post */
            out->naive = rf_shot(portee_rf_row(&f, "reach_rate", "average"), r_last, rf_logit);
        }
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
    /* the wrong model: the binomial on the same posts */
    if (rf_fit_series(tr, seed, j, true, false, PORTEE_SIZE_OFF, &b, &err)) {
        const double t_last = b.posts.year[tr->n - 1] - 2020;
        out->binomial = rf_shot(portee_rf_row(&b, "reach_rate", trend ? "last" : "average"),
                             trend ? rf_truth_rate(tr, t_last) : tr->r0, rf_logit);
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
        rf_tally(&rate, &res[j].rate);
        rf_tally(&kappa, &res[j].kappa);
        rf_tally(&slope, &res[j].slope);
        rf_tally(&naive, &res[j].naive);
        rf_tally(&binomial, &res[j].binomial);
        trend_found += res[j].trend_found;
    }
    free(res);
    rf_report(what, trend ? "reach_rate at the last post" : "reach_rate", &rate, runs, true);
    /* ln κ̂ is the maximum likelihood estimate of a variance component: it
     * overstates how alike posts are by O(1/n), as any ML variance does
     * (measured: n·bias 2 to 3.5).  Held to n·bias < 5 beyond its Monte
     * Carlo error, which shrinks it to nothing at 300 posts, and the
     * interval's coverage. */
    rf_report(what, "post_variability", &kappa, runs, false);
    const double kse = rf_sd(&kappa) / sqrt((double)kappa.runs);
    CHECK(fabs(rf_bias(&kappa)) <= 5.0 / (double)n + K_SE * kse,
          "%s: mean error of ln post_variability %+.4f: more than 5/n = %.4f beyond %g SE (%.4f)", what,
          rf_bias(&kappa), 5.0 / (double)n, K_SE, kse);
    if (trend) rf_report(what, "trend (logit per year)", &slope, runs, true);
    /* the wrong models, rejected */
    rf_reject(what, "the binomial's reach_rate (no post variability)", &binomial, 0.6);
    const double pt = (double)trend_found / (double)runs;
    if (trend) {
        const double se = rf_sd(&naive) / sqrt((double)naive.runs);
        rf_reject(what, "the average taken as the level at the last post", &naive, n >= 100 ? 0.6 : 0.9);
        printf("%s: trend found (p < 0.05) in %.1f %% of series\n", what, 100 * pt);
        CHECK(fabs(rf_bias(&naive)) > K_SE * se, "%s: ignoring the trend should bias the last level (%.3f, se %.3f)",
              what, rf_bias(&naive), se);
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
    const double m = rf_friends_mean() * FRIEND_REACH;
    portee_reach_fit_t f, v;
    portee_error_t err;
    memset(out, 0, sizeof *out);
    out->ok = rf_fit_series(tr, seed, j, false, false, PORTEE_SIZE_OFF, &f, &err);
    if (out->ok) {
        const portee_posts_t *p = &f.posts;
        out->share = rf_shot(rf_row(&f, "share_rate", "shares"), tr->share, rf_logit);
        out->friend_reach = rf_shot(rf_row(&f, "friend_reach", "viral"), FRIEND_REACH, log);
        /* the wrong models: shares per follower reached directly (as if the
         * viral reach did not share), and a Poisson error for the people a
         * share reaches (as if friend counts did not vary) */
        double sd_ = 0, ss = 0;
        for (size_t i = 0; i < p->n; i++) {
            sd_ += portee_posts_direct(p, i);
            ss += p->count[PORTEE_POSTS_SHARES][i];
        }
        const double q = ss / sd_, se = sqrt(q * (1 - q) / sd_);
        out->naive_share = (shot_t){true, q - Z975 * se, q + Z975 * se, tr->share, rf_logit(q) - rf_logit(tr->share)};
        out->poisson_m = poisson_ratio(p->count[PORTEE_POSTS_VIRAL], p->count[PORTEE_POSTS_SHARES], p->n, m);
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
    /* viral reach without shares: only R */
    if (rf_fit_series(tr, seed, j, false, true, PORTEE_SIZE_OFF, &v, &err)) {
        out->R = rf_shot(rf_row(&v, "R", "viral"), tr->share * m, log);
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
             tr.share * rf_friends_mean() * FRIEND_REACH);
    cascade_t *res = malloc(runs * sizeof *res);
#pragma omp parallel for schedule(dynamic)
    for (size_t j = 0; j < runs; j++) cascade_one(&tr, 99, (uint32_t)j, &res[j]);
    tally_t share = {0}, fr = {0}, R = {0}, naive = {0}, poisson = {0};
    for (size_t j = 0; j < runs; j++) {
        CHECK(res[j].ok, "%s: series %zu: %s", what, j, res[j].msg);
        rf_tally(&share, &res[j].share);
        rf_tally(&fr, &res[j].friend_reach);
        rf_tally(&R, &res[j].R);
        rf_tally(&naive, &res[j].naive_share);
        rf_tally(&poisson, &res[j].poisson_m);
    }
    free(res);
    rf_report(what, "share_rate", &share, runs, true);
    /* friend_reach and R are ratios of sums (Σv/Σs, Σv/Σd): their bias is
     * O(1/n) like any ratio estimator's, printed and held by coverage */
    rf_report(what, "friend_reach (shares and viral)", &fr, runs, false);
    rf_report(what, "R (viral without shares)", &R, runs, false);
    rf_reject(what, "shares per follower reached directly", &naive, 0.5);
    rf_reject(what, "a Poisson standard error for the people a share reaches", &poisson, 0.7);
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
    return portee_test_summary("test_fit_reach");
}
