/* fit_forecast.c — the Monte Carlo forecast over a fit's uncertainty. */
#include "sim/fit/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <omp.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit_internal.h"
#include "sim/numeric/rng.h"

/* Forecast steps from the first observation to horizon, both included:
 * more than PORTEE_FIT_MAX_STEPS + 1 only when the horizon is further than
 * a millionth of a step past the last allowed, so that the limit printed to
 * 12 digits is allowed. */
static size_t forecast_steps(const portee_fit_t *f, double horizon)
{
    const double x = (horizon - f->t[0]) / f->forecast_step;
    if (x > PORTEE_FIT_MAX_STEPS + 1e-6) return PORTEE_FIT_MAX_STEPS + 2u;
    return (size_t)fmin(floor(x + 1e-9), PORTEE_FIT_MAX_STEPS) + 1;
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
                               PORTEE_FIT_MAX_STEPS, first + PORTEE_FIT_MAX_STEPS * g);
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
    const double first = f->t[0], last = f->t[f->n - 1], dt = f->time_step, g = f->forecast_step;
    double h = -INFINITY;
    for (size_t s = 0; s < f->n_shares; s++) h = fmax(h, f->share_date[s].p95 + 2 * dt);
    h = fmin(fmax(h, last + dt), last + fmax(3 * (last - first), 10 * dt));
    return first + fmin(ceil((h - first) / g - 1e-9), PORTEE_FIT_MAX_STEPS) * g;
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

/* Draw d from the current position of r: its noise sd, parameters and share
 * dates; false when they leave the range above (the caller draws again). */
static bool draw(portee_fit_t *f, const gsl_matrix *chol, gsl_rng *r, size_t d)
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
              f->sd_draws[d] <= DRAW_LIMIT;
    for (size_t s = 0; s < f->n_shares; s++) {
        const double date = c.t0 + portee_bass_time_to_share(f->share[s], c.p, c.q);
        f->share_draws[s * N + d] = date;
        ok &= fabs(date) <= DRAW_LIMIT;
    }
    return ok;
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
    double *scratch = malloc(N * sizeof *scratch);
    if (!f->param_draws || !f->sd_draws || !f->share_draws || !scratch) {
        gsl_matrix_free(chol);
        free(scratch);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory for %zu draws", N);
    }
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
            bool ok = draw(f, chol, r, d);
            for (unsigned tries = 1; !ok && tries < MAX_TRIES; tries++, redrawn++) ok = draw(f, chol, r, d);
            exhausted |= !ok;
        }
        gsl_rng_free(r);
    }
    f->redrawn = redrawn;
    gsl_matrix_free(chol);
    if (failed || exhausted) {
        free(scratch);
        return failed ? portee_fail(err, PORTEE_ENOMEM, "out of memory")
                      : portee_fail(err, PORTEE_ERUNTIME, "%s: %u parameter draws in a row left a double's "
                                                          "range: the fit is too uncertain to forecast from; "
                                                          "a longer series, or fewer parameters to fit",
                                    f->source, MAX_TRIES);
    }
    for (size_t s = 0; s < S; s++) {
        portee_stats_describe(f->share_draws + s * N, N, 0, 0, scratch, &f->share_date[s], NULL, NULL);
        f->share_fitted[s] = f->origin + portee_bass_time_to_share(f->share[s], f->est[0], f->est[1]);
    }
    free(scratch);
    f->horizon = isnan(sp->horizon) ? default_horizon(f) : sp->horizon;
    for (size_t s = 0; s < S; s++) {
        f->after_horizon[s] = 0;
        for (size_t d = 0; d < N; d++) f->after_horizon[s] += f->share_draws[s * N + d] > f->horizon;
    }

    const double first = f->t[0], dt = f->forecast_step;
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
    const portee_fit_curve_t fitted = portee_fit_curve(f, f->est);
    for (size_t j = 0; j < f->n_curve; j++) {
        f->curve_t[j] = f->origin + (f->horizon - f->origin) * (double)j / (double)(f->n_curve - 1);
        f->curve_y[j] = portee_fit_curve_at(&fitted, f->curve_t[j]);
    }
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
            const double t = first + (double)j * dt;
            f->step_t[j] = t;
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
