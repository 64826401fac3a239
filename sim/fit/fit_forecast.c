/* fit_forecast.c — the Monte Carlo forecast over a fit's uncertainty: the
 * draws, the dates shares are reached, and the prediction bands (independent:
 * the curve plus noise, step by step; increments: paths of the process). */
#include "sim/fit/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <omp.h>

#include "sim/fit/bass.h"
#include "sim/base/date.h"
#include "sim/fit/fit_internal.h"
#include "sim/numeric/rng.h"

/* The forecast grid's step j: j = 0 is the first observation; whole
 * months (to the same day, or to each month's last day) or days later for
 * a series on the calendar (portee_fit_prepare), else j forecast_steps
 * later. */
static double grid_t(const portee_fit_t *f, size_t j)
{
    if (!f->grid_months && !f->grid_days) return f->t[0] + (double)j * f->forecast_step;
    const double d0 = f->grid_day0;
    const long k = (long)(j * f->grid_months);
    return portee_date_year(f->grid_days ? d0 + (double)(j * f->grid_days)
                            : f->grid_month_end ? portee_date_add_months(d0 + 1, k) - 1
                                                : portee_date_add_months(d0, k));
}

/* The last step j at or before t (0 when t is before the first step): from
 * an estimate by the grid's mean step, corrected on the calendar. */
static size_t grid_floor(const portee_fit_t *f, double t)
{
    const double step = f->grid_months ? f->grid_months / 12.0
                        : f->grid_days ? f->grid_days / 365.2425
                                       : f->forecast_step;
    const double tol = 1e-9 * f->forecast_step, x = floor((t - f->t[0]) / step + 1e-9);
    size_t j = x > 0 ? (size_t)x : 0;
    while (j > 0 && grid_t(f, j) > t + tol) j--;
    while (grid_t(f, j + 1) <= t + tol) j++;
    return j;
}

/* Forecast steps from the first observation to horizon, both included:
 * more than PORTEE_FIT_MAX_STEPS + 1 only when the horizon is further than
 * a millionth of a step past the last allowed, so that the limit printed to
 * 12 digits is allowed. */
static size_t forecast_steps(const portee_fit_t *f, double horizon)
{
    if (!(horizon <= grid_t(f, PORTEE_FIT_MAX_STEPS) + 1e-6 * f->forecast_step)) return PORTEE_FIT_MAX_STEPS + 2u;
    const size_t j = grid_floor(f, horizon);
    return (j < PORTEE_FIT_MAX_STEPS ? j : PORTEE_FIT_MAX_STEPS) + 1;
}

portee_status_t portee_fit_check_forecast(const portee_fit_t *f, const portee_forecast_spec_t *sp,
                                          portee_error_t *err)
{
    if (sp->draws < 100 || sp->draws > PORTEE_FIT_MAX_DRAWS)
        return portee_fail(err, PORTEE_EINPUT, "--draws %llu: expected 100 to %u",
                           (unsigned long long)sp->draws, PORTEE_FIT_MAX_DRAWS);
    if (sp->n_shares == 0 || sp->n_shares > PORTEE_FIT_MAX_SHARES)
        return portee_fail(err, PORTEE_EINPUT, "--share: expected 1 to %d shares", PORTEE_FIT_MAX_SHARES);
    for (size_t s = 0; s < sp->n_shares; s++)
        if (!(sp->shares[s] > 0 && sp->shares[s] < 1))
            return portee_fail(err, PORTEE_EINPUT, "--share %g: expected a share strictly between 0 and 1 "
                                                   "(0.5 for half the market)", sp->shares[s]);
    const double first = f->t[0], last = f->t[f->n - 1], g = f->forecast_step;
    if (!isnan(sp->horizon)) {
        if (!(sp->horizon > last))
            return portee_fail(err, PORTEE_EINPUT, "--horizon %g: expected a time after the last "
                                                   "observation (%g)", sp->horizon, last);
        if (forecast_steps(f, sp->horizon) > PORTEE_FIT_MAX_STEPS + 1)
            return portee_fail(err, PORTEE_EINPUT, "--horizon %g: the forecast runs from the first "
                                                   "observation (%g) in steps of %g, at most %u of them: "
                                                   "choose a horizon up to %.12g", sp->horizon, first, g,
                               PORTEE_FIT_MAX_STEPS, grid_t(f, PORTEE_FIT_MAX_STEPS));
    }
    return PORTEE_OK;
}

/* Default horizon: two steps after the highest share is reached in 95 % of
 * the draws (so the chart shows the curve flatten), at least one step and at
 * most three observed spans (or ten steps) past the last observation, on the
 * forecast grid; within PORTEE_FIT_MAX_STEPS steps of it by the choice of
 * that grid's step (portee_fit_prepare). */
static double default_horizon(const portee_fit_t *f)
{
    const double first = f->t[0], last = f->t[f->n - 1], dt = f->time_step;
    double h = -INFINITY;
    for (size_t s = 0; s < f->n_shares; s++) h = fmax(h, f->share_date[s].p95 + 2 * dt);
    h = fmin(fmax(h, last + dt), last + fmax(3 * (last - first), 10 * dt));
    /* the first step at or after h */
    size_t j = grid_floor(f, h);
    if (grid_t(f, j) < h - 1e-9 * f->forecast_step) j++;
    return grid_t(f, j < PORTEE_FIT_MAX_STEPS ? j : PORTEE_FIT_MAX_STEPS);
}

/* A draw is refused when p or q leaves a double's range (0 or ∞), or its
 * market, noise sd or a share date passes this size: with few degrees of
 * freedom the draws' scale c_d = sqrt(ν/χ²_ν) has a heavy tail, and
 * e^θ overflows.  Below it (values are at most PORTEE_FIT_MAX_VALUE) the
 * summaries' sums of squares over a million draws stay finite. */
#define DRAW_LIMIT 1e100
/* A draw is refused with a tiny probability (the far tail of the t), so this
 * many refusals in a row mean there is nothing sensible to draw. */
#define MAX_TRIES 1000u

/* When the curve c reaches the share x of its market.  Independent: on the
 * curve, t0 + τ(x).  Increments: carried on from the last value before the
 * series first reaches x·M (from the last value when it has not yet),
 * t_i + τ(x) − τ(y_i/M), the process's expected path from there; on the
 * curve when the first value the fit starts from is already there.  cummax
 * holds the largest value up to each row, for the binary search. */
static double share_date(const portee_fit_t *f, const double *cummax, const portee_fit_curve_t *c, double x)
{
    const double level = x * c->M, from = f->origin_implied ? f->t_ref : c->t0;
    if (f->errors == PORTEE_ERRORS_INCREMENTS) {
        size_t lo = 0, hi = f->n; /* the first row whose running maximum reaches level */
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            if (cummax[mid] >= level) hi = mid;
            else lo = mid + 1;
        }
        if (lo > 0 && f->t[lo - 1] >= from) {
            const double s = fmin(fmax(f->y[lo - 1] / c->M, 0), 1);
            return f->t[lo - 1] + portee_bass_time_to_share(x, c->p, c->q) - portee_bass_time_to_share(s, c->p, c->q);
        }
    }
    return c->t0 + portee_bass_time_to_share(x, c->p, c->q);
}

/* Draw d from the current position of r: its noise sd, parameters and share
 * dates; false when they leave the range above (the caller draws again). */
static bool draw(portee_fit_t *f, const double *cummax, const gsl_matrix *chol, gsl_rng *r, size_t d)
{
    const size_t k = f->k, N = f->draws;
    const double dof = (double)f->dof;
    double z[PORTEE_FIT_MAX_PARAMS], th[PORTEE_FIT_MAX_PARAMS], *nat = f->param_draws + d * k;
    const double scale = sqrt(dof / gsl_ran_chisq(r, dof));
    f->sd_draws[d] = scale * f->resid_sd;
    for (size_t i = 0; i < k; i++) z[i] = gsl_ran_ugaussian(r);
    for (size_t i = 0; i < k; i++) {
        th[i] = f->theta[i];
        for (size_t j = 0; j <= i; j++) th[i] += scale * gsl_matrix_get(chol, i, j) * z[j];
    }
    portee_fit_natural(f, th, nat);
    const portee_fit_curve_t c = portee_fit_curve(f, nat);
    bool ok = c.p > 0 && c.p < INFINITY && c.q > 0 && c.q < INFINITY && c.M > 0 && c.M <= DRAW_LIMIT &&
              f->sd_draws[d] <= DRAW_LIMIT && fabs(c.t0) <= DRAW_LIMIT;
    for (size_t s = 0; s < f->n_shares; s++) {
        const double date = share_date(f, cummax, &c, f->share[s]);
        f->share_draws[s * N + d] = date;
        ok &= fabs(date) <= DRAW_LIMIT;
    }
    return ok;
}

/* Steps summarised together by the increments' bands: the draws' values
 * at a block of steps are kept (2 x N x block doubles), at most this many. */
#define PATH_BLOCK_VALUES (1u << 21)

/* Where each increments' step up to the last observation starts: the last
 * observed value before it that the fit starts from (its row), or f->n
 * when the step starts at the origin, at 0.  Steps and rows both increase. */
static void step_starts(const portee_fit_t *f, size_t *start)
{
    const double from = f->origin_implied ? f->t_ref : f->origin;
    size_t i = f->n, k = 0;
    for (size_t j = 0; j < f->n_steps; j++) {
        for (; k < f->n && f->t[k] < f->step_t[j]; k++)
            if (f->t[k] >= from) i = k;
        start[j] = i;
    }
}

/* The increments' bands.  Up to the last observation, each step is one
 * period of the process from the observed value before it (or from the
 * draw's origin at 0): the prediction the fit checks each value against;
 * after it, a path of the process from the last observed value.  Each step
 * is normal with the step's mean and variance s_d²·M²·v, kept within
 * [0, M], its noise from the stream (seed, PORTEE_FIT_RNG_MODEL, j + 1, d);
 * the curve bands follow the same draws without noise (the draw's curve,
 * then carried on from the last value).  Blocks of steps: the draws in
 * parallel along their paths, then the block's steps summarised in
 * parallel. */
static portee_status_t paths(portee_fit_t *f, const portee_forecast_spec_t *sp, int threads, portee_error_t *err)
{
    const size_t N = f->draws, K = f->n_steps, k = f->k;
    const double t_last = f->t[f->n - 1], y_last = f->y[f->n - 1];
    const size_t B = N >= PATH_BLOCK_VALUES ? 1 : PATH_BLOCK_VALUES / N < K ? PATH_BLOCK_VALUES / N : K;
    double *pt = malloc(N * sizeof *pt), *py = malloc(N * sizeof *py);
    double *pred = malloc(B * N * sizeof *pred), *curve = malloc(B * N * sizeof *curve);
    size_t *start = malloc(K * sizeof *start);
    int failed = !pt || !py || !pred || !curve || !start;
    if (start) step_starts(f, start);
    for (size_t d = 0; d < N && !failed; d++) {
        pt[d] = t_last;
        py[d] = y_last;
    }
    for (size_t j0 = 0; j0 < K && !failed; j0 += B) {
        const size_t nb = K - j0 < B ? K - j0 : B;
#pragma omp parallel num_threads(threads) reduction(|| : failed)
        {
            gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
            double *work = malloc(N * sizeof *work);
            failed = !r || !work;
#pragma omp for schedule(static)
            for (size_t d = 0; d < N; d++) {
                if (!r) continue;
                const portee_fit_curve_t c = portee_fit_curve(f, f->param_draws + d * k);
                const double s_last = fmin(y_last / c.M, 1), tau_last = portee_bass_time_to_share(s_last, c.p, c.q);
                for (size_t b = 0; b < nb; b++) {
                    const size_t j = j0 + b;
                    const double t = f->step_t[j];
                    const bool after = t > t_last;
                    double tp = pt[d], yp = py[d];
                    if (!after) {
                        const size_t i = start[j];
                        tp = i < f->n ? f->t[i] : c.t0;
                        yp = i < f->n ? f->y[i] : 0;
                    }
                    curve[b * N + d] = after ? c.M * portee_bass_cdf(tau_last + t - t_last, c.p, c.q)
                                             : portee_fit_curve_at(&c, t);
                    double y = 0; /* at or before the draw's origin */
                    if (t > tp) {
                        double mean, var;
                        portee_fit_inc_step(&c, yp, t - tp, &mean, &var);
                        portee_rng_stream(r, sp->seed, PORTEE_FIT_RNG_MODEL, j + 1, (uint32_t)d);
                        y = fmin(fmax(mean + f->sd_draws[d] * sqrt(var) * gsl_ran_ugaussian(r), 0), c.M);
                    }
                    if (after) {
                        pt[d] = t;
                        py[d] = y;
                    }
                    pred[b * N + d] = y;
                }
            }
#pragma omp for schedule(dynamic, 1)
            for (size_t b = 0; b < nb; b++) {
                if (!work) continue;
                portee_stats_describe(curve + b * N, N, 0, 0, work, &f->curve_band[j0 + b], NULL, NULL);
                portee_stats_describe(pred + b * N, N, 0, 0, work, &f->pred[j0 + b], NULL, NULL);
            }
            gsl_rng_free(r);
            free(work);
        }
    }
    free(pt);
    free(py);
    free(pred);
    free(curve);
    free(start);
    return failed ? portee_fail(err, PORTEE_ENOMEM, "out of memory for the forecast bands") : PORTEE_OK;
}

portee_status_t portee_fit_forecast(portee_fit_t *f, const portee_forecast_spec_t *sp,
                                    portee_error_t *err)
{
    portee_status_t st = portee_fit_check_forecast(f, sp, err);
    if (st) return st;
    const size_t k = f->k, N = sp->draws, S = sp->n_shares;
    f->seed = sp->seed;
    f->draws = N;
    f->n_shares = S;
    memcpy(f->share, sp->shares, S * sizeof *f->share);

    /* θ_d = θ̂ + c_d L z with cov θ = L Lᵀ */
    gsl_matrix_view L = gsl_matrix_view_array(f->cov_theta, k, k);
    gsl_matrix *chol = gsl_matrix_alloc(k, k);
    if (!chol) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    gsl_matrix_memcpy(chol, &L.matrix);
    if (gsl_linalg_cholesky_decomp1(chol)) {
        gsl_matrix_free(chol);
        return portee_fail(err, PORTEE_ERUNTIME, "%s: the estimated covariance is not positive definite: "
                                                 "the parameters cannot be drawn", f->source);
    }
    f->param_draws = malloc(N * k * sizeof *f->param_draws);
    f->sd_draws = malloc(N * sizeof *f->sd_draws);
    f->share_draws = malloc(S * N * sizeof *f->share_draws);
    double *scratch = malloc(N * sizeof *scratch), *cummax = malloc(f->n * sizeof *cummax);
    if (!f->param_draws || !f->sd_draws || !f->share_draws || !scratch || !cummax) {
        gsl_matrix_free(chol);
        free(scratch);
        free(cummax);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory for %zu draws", N);
    }
    for (size_t i = 0; i < f->n; i++) cummax[i] = i ? fmax(cummax[i - 1], f->y[i]) : f->y[i];
    const int threads = sp->threads > 0 ? sp->threads : omp_get_max_threads();
    int failed = 0, exhausted = 0;
    uint64_t redrawn = 0;
#pragma omp parallel num_threads(threads) reduction(|| : failed, exhausted) reduction(+ : redrawn)
    {
        gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
        failed = !r;
#pragma omp for schedule(static)
        for (size_t d = 0; d < N; d++) {
            if (!r) continue;
            /* a refused draw is drawn again from the next numbers of its own
             * stream, so every draw stays the same whatever the threads */
            portee_rng_stream(r, sp->seed, PORTEE_FIT_RNG_MODEL, 0, (uint32_t)d);
            bool ok = draw(f, cummax, chol, r, d);
            for (unsigned tries = 1; !ok && tries < MAX_TRIES; tries++, redrawn++) ok = draw(f, cummax, chol, r, d);
            exhausted |= !ok;
        }
        gsl_rng_free(r);
    }
    f->redrawn = redrawn;
    gsl_matrix_free(chol);
    if (failed || exhausted) {
        free(scratch);
        free(cummax);
        return failed ? portee_fail(err, PORTEE_ENOMEM, "out of memory")
                      : portee_fail(err, PORTEE_ERUNTIME, "%s: %u parameter draws in a row left a double's "
                                                          "range: the fit is too uncertain to forecast from; "
                                                          "a longer series, or fewer parameters to fit",
                                    f->source, MAX_TRIES);
    }
    const portee_fit_curve_t fitted = portee_fit_curve(f, f->est);
    for (size_t s = 0; s < S; s++) {
        portee_stats_describe(f->share_draws + s * N, N, 0, 0, scratch, &f->share_date[s], NULL, NULL);
        f->share_fitted[s] = share_date(f, cummax, &fitted, f->share[s]);
    }
    free(scratch);
    free(cummax);
    f->horizon = isnan(sp->horizon) ? default_horizon(f) : sp->horizon;
    for (size_t s = 0; s < S; s++) {
        f->after_horizon[s] = 0;
        for (size_t d = 0; d < N; d++) f->after_horizon[s] += f->share_draws[s * N + d] > f->horizon;
    }

    const size_t K = forecast_steps(f, f->horizon);
    f->n_steps = K;
    f->n_curve = PORTEE_FIT_CURVE_POINTS;
    f->step_t = malloc(K * sizeof *f->step_t);
    f->pred = malloc(K * sizeof *f->pred);
    f->curve_band = malloc(K * sizeof *f->curve_band);
    f->curve_t = malloc(f->n_curve * sizeof *f->curve_t);
    f->curve_y = malloc(f->n_curve * sizeof *f->curve_y);
    if (!f->step_t || !f->pred || !f->curve_band || !f->curve_t || !f->curve_y)
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    for (size_t j = 0; j < f->n_curve; j++) {
        f->curve_t[j] = f->origin + (f->horizon - f->origin) * (double)j / (double)(f->n_curve - 1);
        f->curve_y[j] = portee_fit_curve_at(&fitted, f->curve_t[j]);
    }
    for (size_t j = 0; j < K; j++) f->step_t[j] = grid_t(f, j);
    if (f->errors == PORTEE_ERRORS_INCREMENTS) return paths(f, sp, threads, err);
    const double cap = f->fit_market ? INFINITY : f->market_size;
    /* each step's noise from its own streams: the steps can run in any order */
#pragma omp parallel num_threads(threads) reduction(|| : failed)
    {
        gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
        double *pred = malloc(N * sizeof *pred), *curve = malloc(N * sizeof *curve),
               *work = malloc(N * sizeof *work);
        failed = !r || !pred || !curve || !work;
#pragma omp for schedule(dynamic, 1)
        for (size_t j = 0; j < K; j++) {
            if (!r || !pred || !curve || !work) continue;
            const double t = f->step_t[j];
            for (size_t d = 0; d < N; d++) {
                const portee_fit_curve_t c = portee_fit_curve(f, f->param_draws + d * k);
                portee_rng_stream(r, sp->seed, PORTEE_FIT_RNG_MODEL, j + 1, (uint32_t)d);
                curve[d] = portee_fit_curve_at(&c, t);
                pred[d] = fmin(fmax(curve[d] + f->sd_draws[d] * gsl_ran_ugaussian(r), 0), cap);
            }
            portee_stats_describe(curve, N, 0, 0, work, &f->curve_band[j], NULL, NULL);
            portee_stats_describe(pred, N, 0, 0, work, &f->pred[j], NULL, NULL);
        }
        gsl_rng_free(r);
        free(pred);
        free(curve);
        free(work);
    }
    if (failed) return portee_fail(err, PORTEE_ENOMEM, "out of memory for the forecast bands");
    return PORTEE_OK;
}
