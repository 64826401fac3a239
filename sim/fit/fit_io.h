/* fit_io.h — the HDF5 file of `portee fit`.
 *
 * Layout (every dataset has `units` and `description` attributes):
 *   /                   portee_version, kind = "fit", model = "adoption", source
 *                       (the CSV), seed, draws, rng, threads, start_time, host
 *   /fit                attributes: the model set-up (errors = "increments" or
 *                       "independent", names, units, market, origin, whether it is
 *                       implied, time_is_date), time_step, forecast_step, horizon,
 *                       redrawn (draws refused and drawn again), stop_reason, rounds
 *                       (absent from files of a portee before the error models:
 *                       read as independent errors and numeric times)
 *   /fit/observed       time, value, fitted, residual per observation
 *   /fit/estimates      name, value, se, lo95, hi95 per parameter (p, q [, M] [, origin])
 *   /fit/theta, /fit/covariance_transformed   the fit's own parameters
 *                       (ln p, ln q [, ln M or ln(M − y_max)] [, (t1 − origin)/time_step],
 *                       t1 the first time with a value above 0) and their covariance
 *   /fit/covariance     natural-scale covariance (delta method)
 *   /fit/goodness       n (the rows that count), parameters, dof,
 *                       rss, rmse, residual_sd, r2, iterations, starts
 *   /fit/curve          the fitted curve on a fine grid (time, value)
 *   /fit/forecast/{time, prediction, curve}   per step: prediction bands (with
 *                       noise) and bands of the curve alone (summary compound)
 *   /fit/share_dates/{share, fitted, summary, after_horizon, draws}
 *   /fit/parameter_draws   draws x parameters, natural scale
 *   /fit/sd_draws       each draw's noise sd (increments: sqrt of its dispersion)
 * Written under a temporary name beside the target and renamed when
 * complete: a failure never leaves a partial file nor touches an existing one. */
#ifndef PORTEE_FIT_IO_H
#define PORTEE_FIT_IO_H

#include <stdbool.h>

#include "sim/fit/fit.h"

typedef struct {
    int threads;
    const char *start_time; /* ISO 8601, UTC */
} portee_fit_run_info_t;

/* Before fitting: PORTEE_EINPUT, with a message, when path is the series
 * being fitted (the same file, by device and inode), empty, not a regular
 * file, or in a folder that cannot be written (tried with a temporary file,
 * removed again). */
portee_status_t portee_fit_check_output(const char *path, const char *input, portee_error_t *err);

/* Written through portee_fit_file_write (fit_file.h): *notes as there. */
portee_status_t portee_fit_write(const char *path, const portee_fit_t *f,
                                 const portee_fit_run_info_t *info, char **notes, portee_error_t *err);

/* Reads everything but the draws (share_draws and param_draws stay NULL).
 * A damaged or foreign file is PORTEE_EINPUT naming what is wrong. */
portee_status_t portee_fit_read(const char *path, portee_fit_t *f, portee_error_t *err);

/* True if path is an HDF5 file written by `portee fit` (root kind = "fit");
 * false for anything else, including files that cannot be read. */
bool portee_fit_file_is(const char *path);

#endif
