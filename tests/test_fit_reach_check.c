/* test_fit_reach_check.c — the reach fit on generated posts
 * (fit_reach_util.c), continued from test_fit_reach.c: the size law's
 * recovery and its test's size on pages of 500 to 50,000 followers, the
 * posterior-predictive check's size (and a check that simulates without the
 * post-to-post beta, which must reject), and the check's numbers the same on
 * 1 and 2 threads.  Tolerances as in test_fit_reach.c. */
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
    out->ok = rf_fit_series(tr, 31 + (tr->elasticity > 0), j, false, false, PORTEE_SIZE_AUTO, &f, &err);
    if (out->ok) {
        const double FL = f.posts.count[PORTEE_POSTS_FOLLOWERS][tr->n - 1];
        const double truth = tr->r0 * pow(FL / SIZE_REFERENCE, -tr->elasticity);
        out->fitted = f.has_size;
        out->found = f.size_p < 0.05;
        out->elasticity = rf_shot(rf_row(&f, "size_elasticity", "size"), tr->elasticity, rf_identity);
        out->rate = rf_shot(rf_row(&f, "reach_rate", "size"), truth, rf_logit);
        /* the wrong model: one rate for pages of every size */
        out->flat_rate = rf_shot(portee_rf_row(&f, "reach_rate", "average"), truth, rf_logit);
    } else {
        snprintf(out->msg, sizeof out->msg, "%.120s", err.msg);
    }
    portee_reach_fit_free(&f);
}

/* Posts of pages of 500 to 50,000 followers: the size law fitted (the
 * followers span a factor 100), size_elasticity recovered with its
 * intervals' rf_coverage, the rate at the last post's page too; the size
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
        rf_tally(&e, &res[j].elasticity);
        rf_tally(&rate, &res[j].rate);
        rf_tally(&flat, &res[j].flat_rate);
        found += res[j].found;
        fitted += res[j].fitted;
    }
    free(res);
    CHECK(fitted == runs, "%s: the size law fitted in %zu of %zu series (the followers span a factor 100)", what,
          fitted, runs);
    rf_report(what, "size_elasticity", &e, runs, true);
    rf_report(what, "reach_rate at the last post's followers", &rate, runs, true);
    const double pf = (double)found / (double)runs, se = sqrt(0.05 * 0.95 / (double)runs);
    printf("%s: size law found (p < 0.05) in %.1f %% of series\n", what, 100 * pf);
    if (elasticity == 0) {
        CHECK(fabs(pf - 0.05) <= COVER_K * se, "%s: the size test rejects %.1f %% of series without a size law, "
              "want 5 %%", what, 100 * pf);
    } else {
        CHECK(pf > 0.9, "%s: the size test finds the law in only %.1f %% of series", what, 100 * pf);
        rf_reject(what, "one rate for pages of every size", &flat, 0.5);
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
    return rf_fit_series(tr, seed, j, binomial, false, PORTEE_SIZE_OFF, f, err) &&
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
    test_size(200, 0.3, 200);
    test_size(200, 0, 200);
    test_check(100, 200);
    test_threads();
    return portee_test_summary("test_fit_reach_check");
}
