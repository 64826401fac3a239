/* fit_reach_util.h — what test_fit_reach.c and test_fit_reach_check.c share:
 * posts generated from known parameters with the reach model's own draws,
 * a fit of one generated series, and the tallies of intervals over many
 * series (coverage and bias against their Monte Carlo error). */
#ifndef PORTEE_TESTS_FIT_REACH_UTIL_H
#define PORTEE_TESTS_FIT_REACH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/fit/reach_fit.h"

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

double rf_logit(double r);
double rf_logistic(double x);
/* The rate of a series at t years from its start. */
double rf_truth_rate(const truth_t *tr, double t);
/* E[min(X, FRIENDS_CAP)] of the rounded lognormal friend count. */
double rf_friends_mean(void);
/* Series `index` of a test: n posts at uniform times over two years, pages
 * of 500 to 5,000 followers, direct reach drawn as the reach model draws it
 * (portee_reach_direct).  With a share rate: every person reached shares
 * with that probability, a share reaches Binomial(friends, FRIEND_REACH)
 * new people (friends a rounded lognormal), who share in turn; shares and
 * viral reach are the sums.  Times are years from 2020. */
void rf_make_posts(const truth_t *tr, uint64_t seed, uint32_t index, portee_posts_t *p);
/* The row of f called name in model's group, or NULL. */
const portee_rf_row_t *rf_row(const portee_reach_fit_t *f, const char *name, const char *model);
/* Fits series index (without its shares column when drop_shares); false
 * with the message in err when the fit fails.  Safe on any thread. */
bool rf_fit_series(const truth_t *tr, uint64_t seed, uint32_t index, bool binomial, bool drop_shares,
                   portee_size_law_t size, portee_reach_fit_t *f, portee_error_t *err);

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

shot_t rf_shot(const portee_rf_row_t *r, double truth, double (*scale)(double));
double rf_identity(double x);
void rf_tally(tally_t *t, const shot_t *s);
double rf_coverage(const tally_t *t);
double rf_bias(const tally_t *t);
double rf_sd(const tally_t *t);
/* Coverage within COVER_K binomial standard errors of 95 %, and the mean
 * error within K_SE standard errors of 0 (unbiased) when asked; every
 * series must have given the row. */
void rf_report(const char *what, const char *param, const tally_t *t, size_t series, bool unbiased);
/* A wrong model's intervals: coverage below `most`. */
void rf_reject(const char *what, const char *model, const tally_t *t, double most);

#endif
