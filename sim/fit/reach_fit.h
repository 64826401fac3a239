/* reach_fit.h — calibrating the reach model to a page's own posts
 * (`portee fit reach POSTS.csv`; docs/calibration.md).
 *
 * Data: one row per post (reach_posts.c reads them through sim/fit/table.h):
 * date, followers F_i, reach y_i (people reached, unpaid); optional viral
 * v_i (people reached through shares, part of y_i), shares, engagements,
 * impressions.  The direct reach d_i = y_i − v_i (y_i without a viral
 * column) is the reach model's `direct` output, at most F_i.
 *
 * Model: d_i ~ BetaBinomial(F_i, r_i, κ): a post's own rate is
 * Beta(r_i·κ, (1 − r_i)·κ), κ = post_variability; κ = ∞ is the binomial
 * (no overdispersion; post_variability 0 in a scenario).  Constant rate:
 * logit r_i = α.  Trend: logit r_i = α + β·(t_i − t_ref), t in years,
 * t_ref the mean post time.  Size law: + c·(ln F_i − x_ref), x_ref the
 * mean ln F, added to the level's model; the scenario's size_elasticity is
 * its local value at the last post's followers F_L, −c·(1 − r(F_L)) (the
 * model's law r·(F/F_L)^−e has d ln r/d ln F = −e; the logit's slope is
 * that over 1 − r).  Maximum likelihood in θ = (α[, β][, c][, ln κ])
 * with GSL's BFGS (gsl_multimin, analytic gradient) from several starts,
 * polished by Newton steps; covariance = inverse of the observed
 * information (the Hessian by central differences of the analytic
 * gradient).  When the beta-binomial's likelihood keeps rising towards the
 * binomial (κ → ∞) the fit is the binomial, reported as such, with the
 * one-sided 95 % lower bound on κ from the profile likelihood.
 *
 * With shares s_i: s_i ~ Binomial(y_i, share_rate) (every person reached may
 * share).  With viral and shares: the mean new people per share
 * m = E[friends]·friend_reach is Σv/Σs (a quasi-likelihood estimate with a
 * sandwich standard error: the compound law of v given s has no closed
 * form); friend_reach = m/E[friends] at the platform's friend counts, which
 * the data cannot separate from friend_reach.  With viral alone: only
 * R = share_rate·m, from Σv/Σd = R/(1 − R) (each generation reaches R times
 * the last).  With engagements: e_i ~ Binomial(y_i, engagement_rate).
 *
 * Check: D draws θ_d ~ N(θ̂, cov) (the approximate posterior), each post's
 * direct reach simulated given its followers: per-post predictive bands,
 * the histogram of d/F observed against simulated, and a posterior-
 * predictive test: mid-PIT of each post against its own predictive sample,
 * chi-square over B equal-probability bins, p = share of draws whose
 * replicated data give a chi-square at least the observed one.  Draw d's θ
 * comes from the stream (seed, PORTEE_REACH_FIT_RNG_MODEL, 0, d), post i's
 * reach under it from (seed, PORTEE_REACH_FIT_RNG_MODEL, i + 1, d), so
 * results do not depend on the thread count. */
#ifndef PORTEE_REACH_FIT_H
#define PORTEE_REACH_FIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/base/format.h"
#include "sim/base/lang.h"
#include "sim/base/status.h"
#include "sim/fit/table.h"
#include "sim/numeric/stats.h"

/* The model index of the reach fit's random streams (sim/numeric/rng.h). */
#define PORTEE_REACH_FIT_RNG_MODEL 0xFFFDu
#define PORTEE_REACH_FIT_MIN_POSTS 5
#define PORTEE_REACH_FIT_MAX_DRAWS 10000u
#define PORTEE_REACH_FIT_MAX_ROWS 24
#define PORTEE_REACH_FIT_MAX_BINS 40
/* A concentration beyond this is no overdispersion the data can tell:
 * post_variability's own upper bound. */
#define PORTEE_REACH_FIT_KAPPA_MAX 1e6

enum {
    PORTEE_POSTS_DATE,
    PORTEE_POSTS_FOLLOWERS,
    PORTEE_POSTS_REACH,
    PORTEE_POSTS_VIRAL,
    PORTEE_POSTS_SHARES,
    PORTEE_POSTS_ENGAGEMENTS,
    PORTEE_POSTS_IMPRESSIONS,
    PORTEE_POSTS_NCOLUMNS
};

/* The columns: key, alias, kind, required (for the table reader and --help). */
extern const portee_table_column_t portee_posts_columns[PORTEE_POSTS_NCOLUMNS];

/* Posts in time order (ties in file order).  count[c] is NULL for an
 * absent optional column.  Owned; portee_posts_free. */
typedef struct {
    size_t n;
    bool dates;        /* the date column held dates; else times in years */
    double *day;       /* days since 1970 (NaN without dates) */
    double *year;      /* decimal years */
    double *count[PORTEE_POSTS_NCOLUMNS]; /* [PORTEE_POSTS_FOLLOWERS..]: the counts */
    size_t *line;      /* each post's line in the file (0 when read back) */
    char *column[PORTEE_POSTS_NCOLUMNS];  /* the header each column was read from, or NULL */
} portee_posts_t;

/* Reads and checks a post export: the table reader's errors, then per row,
 * located at the cell: followers at least 1, viral at most reach, the
 * direct reach (reach − viral) at most followers, shares and engagements
 * at most reach, impressions at least reach; at least
 * PORTEE_REACH_FIT_MIN_POSTS posts.  PORTEE_EINPUT for bad data. */
portee_status_t portee_posts_read(const char *path, const char *const *map, size_t n_map,
                                  portee_date_order_t order, portee_posts_t *p, portee_error_t *err);
void portee_posts_free(portee_posts_t *p);
/* d_i = reach − viral (reach without a viral column). */
double portee_posts_direct(const portee_posts_t *p, size_t i);

/* The posts as the likelihood sees them: followers F_i, direct reach d_i,
 * the time t_i − t_ref (years) and the log size ln F_i − x_ref. */
typedef struct {
    size_t n;
    const double *F, *d, *t, *x;
} portee_bb_data_t;

#define PORTEE_BB_MAX_K 4

/* One beta-binomial fit: logit r_i = α [+ β·t_i] [+ c·x_i].  theta: α,
 * then β with a trend, then c with the size law, then ln κ unless
 * binomial (k of them). */
typedef struct {
    bool trend, size, binomial;
    size_t k;
    double theta[PORTEE_BB_MAX_K], cov[PORTEE_BB_MAX_K * PORTEE_BB_MAX_K];
    double loglik;
    uint64_t iterations;
} portee_bb_fit_t;

typedef enum { PORTEE_LEVEL_AUTO, PORTEE_LEVEL_LAST, PORTEE_LEVEL_AVERAGE } portee_level_t;
/* The size law: fitted when the followers span a factor
 * PORTEE_REACH_FIT_SIZE_SPAN or more and written when significant at 5 %
 * (AUTO), always (ON), never (OFF). */
typedef enum { PORTEE_SIZE_AUTO, PORTEE_SIZE_ON, PORTEE_SIZE_OFF } portee_size_law_t;
#define PORTEE_REACH_FIT_SIZE_SPAN 2.0

/* The cascade values the data cannot give: the platform's. */
typedef struct {
    const char *platform;   /* preset name written into the scenario, or NULL (portee's defaults);
                             * a fit holds its own copy */
    double share_rate, friends_median, friends_sigma, friend_reach;
    double max_friends, population; /* a sharer's friends are capped at the smaller */
} portee_cascade_prior_t;

typedef struct {
    portee_level_t level;
    portee_size_law_t size_law;
    bool binomial;          /* force κ = ∞ (the wrong model of the tests) */
    portee_cascade_prior_t cascade;
} portee_reach_fit_spec_t;

/* A row of the estimates table: a scenario parameter as `portee params`
 * names it (section page or reach), or a quantity of the fit (section ""). */
typedef struct {
    char name[32], section[8], model[16], note[48];
    double value, se, lo95, hi95;
} portee_rf_row_t;

/* A distribution for the scenario: beta {mean, sd}, lognormal {median,
 * sigma} or a constant (sd or sigma 0). */
typedef struct {
    bool given;
    double value, spread; /* mean and sd (beta) or median and sigma (lognormal) */
} portee_rf_value_t;

typedef struct {
    char *source, *version;  /* version: read back (NULL after a fit) */
    portee_posts_t posts;
    double t_ref;            /* years: the trend's origin */

    portee_bb_fit_t constant, trend, constant_binomial, trend_binomial;
    bool has_trend;          /* at least two dates and more posts than parameters + 2 */
    double trend_lrt, trend_p;           /* trend against a constant rate */
    double overdispersion_lrt, overdispersion_p; /* beta-binomial against binomial, constant rate */
    double kappa_lower;      /* κ = ∞: the one-sided 95 % lower bound; else NaN */
    portee_level_t level;    /* LAST or AVERAGE, as used */
    bool level_chosen;       /* given by the user (else the 5 % rule) */

    /* the size law: the level's model with c·(ln F − x_ref) */
    double x_ref;            /* mean ln followers */
    bool has_size;           /* fitted (--size-law, or followers spanning a factor 2) */
    bool size_used;          /* in the scenario and the check (--size-law, or p < 0.05) */
    bool size_rising;        /* the fitted rate rises with size: never in the scenario */
    bool size_chosen;        /* --size-law or --no-size-law given */
    portee_bb_fit_t sized, sized_binomial;
    double size_lrt, size_p; /* the size law against the same model without it */

    portee_rf_row_t row[PORTEE_REACH_FIT_MAX_ROWS];
    size_t n_rows;

    /* the cascade */
    portee_cascade_prior_t cascade;
    char *cascade_note;      /* what the data identify and what not, for people */
    double impressions_per_reach; /* NaN without impressions */

    /* what the scenario uses */
    double followers_last;
    portee_rf_value_t reach_rate, post_variability, share_rate, friend_reach, engagement_rate;
    portee_rf_value_t size_elasticity;   /* mean and sd; size_reference = followers_last */
    double posts_per_week;   /* NaN when every post has the same date */

    /* the check (of the model the scenario uses) */
    uint64_t seed, draws;
    size_t bins;                      /* PIT bins */
    uint64_t pit_observed[PORTEE_REACH_FIT_MAX_BINS];
    double chi2, chi2_p;
    double obs_mean, obs_sd;          /* of d/F over the posts */
    portee_summary_t sim_mean, sim_sd; /* the same over the draws' replicated data */
    size_t hist_bins;                 /* d/F histogram: the last bin holds everything beyond */
    double hist_edges[PORTEE_REACH_FIT_MAX_BINS + 1];
    double hist_observed[PORTEE_REACH_FIT_MAX_BINS];
    portee_summary_t hist_sim[PORTEE_REACH_FIT_MAX_BINS];
    double *rate;                     /* [n] fitted r_i */
    portee_summary_t *band;           /* [n] predictive direct reach per post */
} portee_reach_fit_t;

/* The first row called name whose note starts with note (any note when
 * NULL), or NULL. */
const portee_rf_row_t *portee_rf_row(const portee_reach_fit_t *f, const char *name, const char *note);

/* k of a model whose trend, size and binomial are set. */
size_t portee_bb_count(const portee_bb_fit_t *f);
/* logit r at θ (any draw of the model's parameters) for a post at time t
 * and log size x (both less their references). */
double portee_bb_eta(const portee_bb_fit_t *shape, const double *theta, double t, double x);
/* The rate of a fit at t and x (as above) and the variance of its logit. */
double portee_bb_rate(const portee_bb_fit_t *f, double t, double x, double *var_logit);
/* The log-likelihood of the posts at θ and its gradient (grad may be
 * NULL).  For tests. */
double portee_bb_loglik(const portee_bb_fit_t *shape, const double *theta, const portee_bb_data_t *data,
                        double *grad);
/* Maximum likelihood of one model (trend, size and binomial set in *f). */
portee_status_t portee_bb_estimate(const portee_bb_data_t *data, portee_bb_fit_t *f, portee_error_t *err);
/* The model the scenario and the check use: the level's, with the size
 * law when used. */
const portee_bb_fit_t *portee_reach_fit_model(const portee_reach_fit_t *f);

/* The whole fit of a post set (zeroes f first; free it whatever the
 * outcome).  f takes the posts over (*posts is left empty).
 * PORTEE_ERUNTIME when the likelihood cannot be maximised. */
portee_status_t portee_reach_fit_estimate(const char *source, portee_posts_t *posts,
                                          const portee_reach_fit_spec_t *spec, portee_reach_fit_t *f,
                                          portee_error_t *err);
/* The check: draws in [100, PORTEE_REACH_FIT_MAX_DRAWS]; threads 0 for
 * OpenMP's default. */
portee_status_t portee_reach_fit_check(portee_reach_fit_t *f, uint64_t seed, uint64_t draws, int threads,
                                       portee_error_t *err);

/* The table (in LANG) or JSON (never translated) (reach_fit_print.c);
 * PORTEE_ENOMEM for JSON that cannot be built. */
portee_status_t portee_reach_fit_print(FILE *out, const portee_reach_fit_t *f, portee_format_t format,
                                       portee_lang_t lang);

/* The scenario of the fit (reach_fit_scenario.c), written under a
 * temporary name and renamed: PORTEE_EINPUT when path cannot be written. */
portee_status_t portee_reach_fit_write_scenario(const char *path, const portee_reach_fit_t *f,
                                                portee_error_t *err);
/* Before the fit, for each file it will write (option names it in
 * messages): PORTEE_EINPUT when path is empty, the export itself (input),
 * not a regular file, or in a folder that cannot be written (tried with a
 * temporary file, removed again). */
portee_status_t portee_reach_fit_check_path(const char *path, const char *input, const char *option,
                                            portee_error_t *err);

/* The HDF5 file (reach_fit_io.c; docs/calibration.md, "The fit file"):
 * root kind = "fit", model = "reach".  Written under a temporary name and
 * renamed when complete: a failure never leaves a partial file nor touches
 * an existing one.  threads and start_time describe the run (root
 * attributes). */
portee_status_t portee_reach_fit_write(const char *path, const portee_reach_fit_t *f, int threads,
                                       const char *start_time, char **notes, portee_error_t *err);
/* Everything the table, the JSON and the charts need (zeroes f first; free
 * it whatever the outcome).  PORTEE_EINPUT for a damaged or foreign file. */
portee_status_t portee_reach_fit_read(const char *path, portee_reach_fit_t *f, portee_error_t *err);
/* True for a file of portee fit reach (root kind "fit", model "reach");
 * false for anything else, including files that cannot be read. */
bool portee_reach_fit_file_is(const char *path);

void portee_reach_fit_free(portee_reach_fit_t *f);

#endif
