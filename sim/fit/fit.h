/* fit.h — fitting the Bass curve to an observed adoption series, and the
 * Monte Carlo forecast over the fit's uncertainty (docs/models.md, the fit).
 *
 * The curve: M·F(t − t0; p, q), F the Bass closed form (sim/fit/bass.h), t
 * the series' own time (e.g. the year; decimal years for a column of dates),
 * t0 the origin (launch: nothing adopted before it) and M the market: 1 for
 * shares, 100 for percentages, a given count, or fitted.
 *
 * Two error models (spec.errors):
 *  - increments (the default): the series is a stochastic Bass process,
 *    each period's new adopters drawn given the level before.  Row i, from
 *    the value before it (y_{i−1} at t_{i−1}, or 0 at the origin), has mean
 *    M·F(τ(y_{i−1}/M) + t_i − t_{i−1}) — the curve carried on from where the
 *    series stands — and variance φ·M²·v(y_{i−1}/M, t_i − t_{i−1}), v the
 *    process's own variance for one adopter (portee_bass_flow_var) and φ a
 *    dispersion (1/N for N independent adopters; more with survey noise).
 *    The deviations are then martingale differences, uncorrelated, so
 *    conditional least squares with these weights (quasi-likelihood,
 *    solved by reweighting: the weights from the last round's estimates
 *    until θ settles) has honest standard errors, with φ from the Pearson
 *    residuals.  Unless the origin is given it is not assumed: the fit
 *    conditions on the first value above 0 (the rows up to it do not count)
 *    and the origin printed is the one it implies, t_ref − τ(y_ref/M; p̂, q̂);
 *    with --fit-origin too, since a fitted origin would only move the first
 *    period's prediction onto its value.
 *  - independent: value(t) = curve + independent noise, plain least squares
 *    on the values (portee's only model before the increments).  A
 *    cumulative series has strongly correlated errors, so its intervals are
 *    too narrow there.  Its origin is given, one time step before the first
 *    observation (the last observation still at 0 when the series starts
 *    with zeros), or fitted.
 *
 * Estimation: GSL gsl_multifit_nlinear (trust region with Levenberg-
 * Marquardt steps, analytic Jacobian) in transformed parameters θ so that
 * every estimate and draw stays in range: ln p, ln q, then with M fitted
 * ln M (independent) or ln(M − y_max) (increments: the market holds every
 * value seen), then with the origin fitted (independent) (t1 − t0)/time_step,
 * t1 the first time with a value above 0: linear, so that a launch at or
 * after t1 (a first value that is noise around 0) is within reach; from
 * several starting points, keeping the smallest (weighted) residual sum of
 * squares.  Covariance of θ: s²·(JᵀWJ)⁻¹, W the weights (1 for
 * independent), s² = RSS/(n − k) (the dispersion φ for increments), n the
 * rows that count; natural-scale standard errors by the delta method; 95 %
 * intervals θ̂ ± t(n−k)·se(θ) mapped back.
 *
 * Forecast: N draws, each from its own stream portee_rng_stream(r, seed,
 * PORTEE_FIT_RNG_MODEL, 0, d): a noise scale s_d = s·c_d with c_d² = ν/χ²_ν
 * (ν = n − k: s itself is an estimate), then θ_d = θ̂ + c_d·L·z, z standard
 * normal and L Lᵀ = cov θ: the predictive distribution of least squares (a
 * multivariate t), consistent with the t intervals of the estimates.  With
 * few degrees of freedom its far tail can leave a double's range (e^θ
 * overflows): such a draw is refused, counted, and drawn again from the next
 * numbers of its own stream.  Prediction bands per time step: independent, the
 * draw's curve plus normal noise of sd s_d; increments, a path of the
 * process from the draw's origin up to the last observation and, after it,
 * from the last observed value, each step normal with the step's mean and
 * variance s_d²·M²·v.  The noise at step j comes from the stream (seed,
 * PORTEE_FIT_RNG_MODEL, j + 1, d), so results do not depend on the thread
 * count.  The date each share x is reached: on the draw's curve
 * (t0_d + τ(x)), and for increments, when x is above the last value, t_n +
 * τ(x) − τ(y_n/M): the curve carried on from the last observation. */
#ifndef PORTEE_FIT_H
#define PORTEE_FIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/fit/csv.h"
#include "sim/numeric/stats.h"
#include "sim/base/format.h"
#include "sim/base/lang.h"
#include "sim/base/status.h"

#define PORTEE_FIT_MAX_PARAMS 4
#define PORTEE_FIT_MAX_SHARES 16
#define PORTEE_FIT_MAX_DRAWS 1000000u
#define PORTEE_FIT_MAX_STEPS 10000u
#define PORTEE_FIT_CURVE_POINTS 401
/* Values beyond these (but 0) are refused: the squares behind RSS and the
 * covariance of M would leave a double's range. */
#define PORTEE_FIT_MAX_VALUE 1e100
#define PORTEE_FIT_MIN_VALUE 1e-100
/* The model index of the fit's random streams: above any scenario's models. */
#define PORTEE_FIT_RNG_MODEL 0xFFFFu
/* A first value up to this share of the largest may be read as noise
 * around 0 at the launch (--origin at the first observation). */
#define PORTEE_FIT_SMALL_FIRST 0.1

typedef enum { PORTEE_ORIGIN_DEFAULT, PORTEE_ORIGIN_GIVEN, PORTEE_ORIGIN_FIT } portee_origin_mode_t;
/* The error model: increments is the default (zero in a zeroed spec). */
typedef enum { PORTEE_ERRORS_INCREMENTS, PORTEE_ERRORS_INDEPENDENT } portee_fit_errors_t;

/* What to fit, from the command line. */
typedef struct {
    bool fit_market;     /* M is a parameter; the values are counts */
    double market_size;  /* otherwise the fixed M: 1 (shares), 100 (percent) or a count */
    const char *value_units; /* "share", "%" or "count" */
    portee_origin_mode_t origin_mode;
    double origin;       /* with PORTEE_ORIGIN_GIVEN */
    portee_fit_errors_t errors;
} portee_fit_spec_t;

/* How to forecast. */
typedef struct {
    uint64_t seed, draws;
    int threads;         /* 0: OpenMP's default */
    double horizon;      /* last forecast time; NAN: chosen from the share dates */
    size_t n_shares;
    double shares[PORTEE_FIT_MAX_SHARES]; /* each in (0, 1), of M */
} portee_forecast_spec_t;

/* A fit and its forecast; also what portee_fit_read() fills from a file.
 * Parameters are, in order, p, q, then M if fitted, then the origin if
 * fitted.  Every pointer is owned (portee_fit_free). */
typedef struct {
    char *source, *time_name, *value_name, *value_units;
    size_t n;               /* rows of the series */
    size_t n_used;          /* those after the origin, which count: n_used − k degrees of freedom */
    double *t, *y, *fitted; /* observations and the fitted curve there */
    size_t *line;           /* CSV line of each observation (0 when read back) */
    bool dated;             /* the times are decimal years read from dates */

    portee_fit_errors_t errors;
    bool fit_market, fit_origin;
    bool origin_implied;    /* increments, origin neither given nor fitted: implied by the fit */
    double market_size;     /* the fixed or fitted M */
    double origin;          /* the given, fitted or implied t0 */
    double t_ref, y_ref;    /* time and value of the first value above 0: a fitted origin is
                             * t_ref − time_step·θ (independent), an implied one t_ref − τ(y_ref/M) */
    double y_max;           /* the largest value: increments' fitted M is y_max + e^θ */
    char *origin_rule;      /* how the origin was chosen, for people */
    char *version;          /* read back: the portee that wrote the file (NULL after a fit) */
    double time_step;       /* median gap between observations */
    double forecast_step;   /* the forecast grid's step: time_step, or a whole multiple of it
                             * when the longest default horizon would need more than
                             * PORTEE_FIT_MAX_STEPS steps of it (a few dense rows) */
    /* A series of dates without times of day on the calendar: the
     * forecast grid in whole months (the observations share a day of the
     * month, or grid_month_end: each is its month's last day) or whole
     * days, forecast_step's length; both 0 otherwise, and the grid is
     * forecast_step apart in decimal years.  grid_day0: the first
     * observation's day (days since 1970).  Not stored: the file keeps the
     * grid's times. */
    unsigned grid_months, grid_days;
    bool grid_month_end;
    double grid_day0;

    size_t k;
    double theta[PORTEE_FIT_MAX_PARAMS], cov_theta[PORTEE_FIT_MAX_PARAMS * PORTEE_FIT_MAX_PARAMS];
    double est[PORTEE_FIT_MAX_PARAMS], se[PORTEE_FIT_MAX_PARAMS];
    double lo95[PORTEE_FIT_MAX_PARAMS], hi95[PORTEE_FIT_MAX_PARAMS];
    double cov[PORTEE_FIT_MAX_PARAMS * PORTEE_FIT_MAX_PARAMS];

    /* independent: rss the residual sum of squares, resid_sd = s =
     * sqrt(rss/dof), r2 of the values; increments: rss the Pearson sum Σ r²/(M²v), resid_sd
     * = sqrt(φ̂) = sqrt(rss/dof), r2 of the increments; rmse = sqrt(Σ r²/n)
     * in the values' unit (increments: one period ahead) */
    double rss, rmse, r2, resid_sd;
    uint64_t dof, iterations, rounds, starts, starts_converged;
    char *stop_reason;

    /* forecast */
    uint64_t seed, draws;
    double horizon;
    size_t n_curve;         /* fitted curve on a fine grid, origin to horizon */
    double *curve_t, *curve_y;
    size_t n_steps;         /* forecast grid: first observation to horizon */
    double *step_t;
    portee_summary_t *pred;     /* with observation noise: prediction bands */
    portee_summary_t *curve_band; /* parameter uncertainty only */
    size_t n_shares;
    double share[PORTEE_FIT_MAX_SHARES], share_fitted[PORTEE_FIT_MAX_SHARES];
    portee_summary_t share_date[PORTEE_FIT_MAX_SHARES];
    uint64_t after_horizon[PORTEE_FIT_MAX_SHARES];
    double *share_draws;    /* [n_shares][draws] */
    double *param_draws;    /* [draws][k], natural scale */
    double *sd_draws;       /* [draws]: each draw's noise scale s_d (independent: the noise sd;
                             * increments: sqrt of the dispersion) */
    uint64_t redrawn;       /* draws refused (p or q out of a double's range, a date, market or
                             * noise sd beyond 1e100) and drawn again from their streams */
} portee_fit_t;

/* "p", "q", "M" or "origin": the name of parameter i of f. */
const char *portee_fit_param_name(const portee_fit_t *f, size_t i);

/* Checks a measured series row by row, with messages located as path:line:
 * times strictly increasing, values never negative, within [0, M] when M
 * is fixed, not all 0, none but 0 beyond PORTEE_FIT_MIN_VALUE to
 * PORTEE_FIT_MAX_VALUE.  PORTEE_EINPUT for bad data.  A value below the one
 * before is not an error (survey noise): portee_fit_dips lists them. */
portee_status_t portee_fit_check_series(const char *path, const portee_csv_series_t *s,
                                        const portee_fit_spec_t *spec, portee_error_t *err);

/* The rows whose value is below the one before: how many, and the first
 * `max` of them (row indices) in rows. */
size_t portee_fit_dips(const portee_csv_series_t *s, size_t *rows, size_t max);

/* Sets up f (zeroed first; free it whatever the outcome) for a series with
 * strictly increasing times, a value above 0, a usable origin and at least
 * k + 2 rows that count (else PORTEE_EINPUT).  The rows that count: independent,
 * those after the origin, since a row at or before it is 0 whatever p and
 * q (with --fit-origin, the rows from the first value above 0 at least);
 * increments, those after the origin, or after the first value above 0
 * when the origin is implied, each but one after a value at a fixed M
 * (nothing is left to adopt there).  A given origin must come before the
 * first value above 0, or be at it when that value is small (at most
 * PORTEE_FIT_SMALL_FIRST of the largest: a launch just before it, the
 * value noise around 0).  The cumulative checks are
 * portee_fit_check_series's. */
portee_status_t portee_fit_prepare(const char *path, const portee_csv_series_t *s,
                                   const portee_fit_spec_t *spec, portee_fit_t *f, portee_error_t *err);

/* The fit (f->errors decides which): estimates, covariance, goodness of
 * fit.  PORTEE_ERUNTIME when no start converges or the data do not
 * determine a parameter; the message says which and what to try. */
portee_status_t portee_fit_estimate(portee_fit_t *f, portee_error_t *err);

/* The problem at θ (transformed parameters, k of them), unweighted:
 * residuals r[i] = prediction_i − y_i (independent: M·F(t_i − t0); increments:
 * from the value before, 0 for a row that does not count) and the analytic
 * Jacobian J[i·k + j] = ∂r_i/∂θ_j; either may be NULL.  var[i] (may be
 * NULL): increments, M²·v of row i (0 for a row that does not count);
 * independent, 1 for a row after the origin, else 0.  For tests. */
void portee_fit_residuals(const portee_fit_t *f, const double *theta, double *r, double *J, double *var);

/* The forecast options against a prepared f (before the fit, which takes
 * longer): draws, shares, and a horizon after the last observation and
 * within PORTEE_FIT_MAX_STEPS forecast steps of the first.  PORTEE_EINPUT
 * with a message naming the option. */
portee_status_t portee_fit_check_forecast(const portee_fit_t *f, const portee_forecast_spec_t *spec,
                                          portee_error_t *err);

/* The smallest and largest gap between consecutive observations of a
 * prepared f. */
void portee_fit_gap_range(const portee_fit_t *f, double *lo, double *hi);

/* The Monte Carlo forecast of a fitted f.  PORTEE_EINPUT for a bad horizon
 * (after the last observation, at most PORTEE_FIT_MAX_STEPS forecast steps
 * after the first: the file's reader refuses more), PORTEE_ERUNTIME if the
 * covariance cannot be factorised. */
portee_status_t portee_fit_forecast(portee_fit_t *f, const portee_forecast_spec_t *spec,
                                    portee_error_t *err);

/* The fit and forecast as a terminal table or JSON (sim/fit/fit_print.c).
 * The JSON is built whole first: PORTEE_ENOMEM, with nothing printed, when
 * memory runs out.  The table cannot fail; it is in LANG (JSON never). */
portee_status_t portee_fit_print(FILE *out, const portee_fit_t *f, portee_format_t format, portee_lang_t lang);

void portee_fit_free(portee_fit_t *f);

#endif
