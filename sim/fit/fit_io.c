/* fit_io.c — writing and reading the HDF5 file of `portee fit`. */
#include "sim/fit/fit_io.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "sim/base/tempfile.h"
#include "sim/fit/fit_file.h"
#include "sim/fit/fit_internal.h"
#include "sim/results/h5common.h"
#include "sim/base/textutil.h"

typedef struct {
    double time, value, fitted, residual;
} obs_row_t;

typedef struct {
    char name[8];
    double value, se, lo95, hi95;
} est_row_t;

typedef struct {
    uint64_t n, parameters, dof;
    double rss, rmse, residual_sd, r2;
    uint64_t iterations, starts, starts_converged;
} goodness_row_t;

typedef struct {
    double time, value;
} curve_row_t;

static hid_t obs_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(obs_row_t));
    H5Tinsert(t, "time", HOFFSET(obs_row_t, time), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "value", HOFFSET(obs_row_t, value), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "fitted", HOFFSET(obs_row_t, fitted), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "residual", HOFFSET(obs_row_t, residual), H5T_NATIVE_DOUBLE);
    return t;
}

static hid_t est_type(void)
{
    hid_t s = H5Tcopy(H5T_C_S1);
    H5Tset_size(s, sizeof ((est_row_t *)0)->name);
    H5Tset_strpad(s, H5T_STR_NULLTERM);
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(est_row_t));
    H5Tinsert(t, "name", HOFFSET(est_row_t, name), s);
    H5Tinsert(t, "value", HOFFSET(est_row_t, value), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "se", HOFFSET(est_row_t, se), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "lo95", HOFFSET(est_row_t, lo95), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "hi95", HOFFSET(est_row_t, hi95), H5T_NATIVE_DOUBLE);
    H5Tclose(s);
    return t;
}

static hid_t goodness_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(goodness_row_t));
#define U(f) H5Tinsert(t, #f, HOFFSET(goodness_row_t, f), H5T_NATIVE_UINT64)
#define D(f) H5Tinsert(t, #f, HOFFSET(goodness_row_t, f), H5T_NATIVE_DOUBLE)
    U(n); U(parameters); U(dof); D(rss); D(rmse); D(residual_sd); D(r2); U(iterations); U(starts);
    U(starts_converged);
#undef U
#undef D
    return t;
}

static hid_t curve_type(void)
{
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(curve_row_t));
    H5Tinsert(t, "time", HOFFSET(curve_row_t, time), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "value", HOFFSET(curve_row_t, value), H5T_NATIVE_DOUBLE);
    return t;
}

/* ---- writing ---- */

/* One whole dataset with its units and description; < 0 on failure. */
static int put(hid_t loc, const char *name, hid_t type, int rank, hsize_t d0, hsize_t d1, const void *buf,
               const char *units, const char *description)
{
    const hsize_t dims[2] = {d0, d1};
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int e = d < 0 || H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0 ||
            portee_h5_attr_string(d, "units", units) < 0 ||
            portee_h5_attr_string(d, "description", description) < 0;
    if (d >= 0) H5Dclose(d);
    H5Sclose(space);
    return e ? -1 : 0;
}

/* Also closes type. */
static int put_table(hid_t loc, const char *name, hid_t type, hsize_t rows, const void *buf,
                     const char *units, const char *description)
{
    int e = put(loc, name, type, 1, rows, 0, buf, units, description);
    H5Tclose(type);
    return e;
}

static int write_fit(hid_t file, const portee_fit_t *f)
{
    const size_t k = f->k, n = f->n;
    char tu[256], vu[256], pu[512];
    snprintf(tu, sizeof tu, "%s (the CSV's first column)", f->time_name);
    snprintf(vu, sizeof vu, "%s (%s)", f->value_name, f->value_units);
    snprintf(pu, sizeof pu, "p, q: per %s; M: %s; origin: %s", f->time_name, f->value_units, f->time_name);
    hid_t g = H5Gcreate2(file, "fit", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return -1;
    int e = 0;
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    /* every transformed parameter is a logarithm but a fitted origin, in time steps */
    const char *tscale = f->fit_origin ? "log scale; the origin in time steps" : "log scale";
    e |= portee_h5_attr_string(g, "description",
                               inc ? "Bass curve value = M·F(time − origin; p, q) fitted to the increments, each "
                                     "period from the value before it (conditional least squares, variance of "
                                     "the stochastic Bass process times a dispersion), and its Monte Carlo "
                                     "forecast"
                                   : "Bass curve value = M·F(time − origin; p, q) fitted to the values by "
                                     "nonlinear least squares, and its Monte Carlo forecast") < 0;
    e |= portee_h5_attr_string(g, "errors", inc ? "increments" : "independent") < 0;
    e |= portee_h5_attr_u64(g, "origin_implied", f->origin_implied) < 0;
    e |= portee_h5_attr_u64(g, "time_is_date", f->dated) < 0;
    e |= portee_h5_attr_u64(g, "rounds", f->rounds) < 0;
    e |= portee_h5_attr_string(g, "time_name", f->time_name) < 0;
    e |= portee_h5_attr_string(g, "value_name", f->value_name) < 0;
    e |= portee_h5_attr_string(g, "value_units", f->value_units) < 0;
    e |= portee_h5_attr_u64(g, "fit_market", f->fit_market) < 0;
    e |= portee_h5_attr_double(g, "market_size", f->market_size) < 0;
    e |= portee_h5_attr_u64(g, "fit_origin", f->fit_origin) < 0;
    e |= portee_h5_attr_double(g, "origin", f->origin) < 0;
    e |= portee_h5_attr_string(g, "origin_rule", f->origin_rule) < 0;
    e |= portee_h5_attr_double(g, "time_step", f->time_step) < 0;
    e |= portee_h5_attr_double(g, "forecast_step", f->forecast_step) < 0;
    e |= portee_h5_attr_double(g, "horizon", f->horizon) < 0;
    e |= portee_h5_attr_u64(g, "redrawn", f->redrawn) < 0;

    obs_row_t *obs = malloc(n * sizeof *obs);
    est_row_t est[PORTEE_FIT_MAX_PARAMS];
    curve_row_t *curve = malloc(f->n_curve * sizeof *curve);
    if (!obs || !curve) e = 1;
    for (size_t i = 0; i < n && !e; i++) obs[i] = (obs_row_t){f->t[i], f->y[i], f->fitted[i], f->fitted[i] - f->y[i]};
    for (size_t i = 0; i < f->n_curve && !e; i++) curve[i] = (curve_row_t){f->curve_t[i], f->curve_y[i]};
    for (size_t i = 0; i < k; i++) {
        memset(est[i].name, 0, sizeof est[i].name);
        snprintf(est[i].name, sizeof est[i].name, "%s", portee_fit_param_name(f, i));
        est[i].value = f->est[i];
        est[i].se = f->se[i];
        est[i].lo95 = f->lo95[i];
        est[i].hi95 = f->hi95[i];
    }
    const goodness_row_t good = {f->n_used, k, f->dof, f->rss, f->rmse, f->resid_sd, f->r2, f->iterations,
                                 f->starts, f->starts_converged};
    if (!e) {
        e |= put_table(g, "observed", obs_type(), n, obs, vu,
                       inc ? "the series as read (time, value), the prediction of each value from the one "
                             "before (one period ahead; where a row does not count, the fitted curve) and the "
                             "residual fitted − value"
                           : "the series as read (time, value), the fitted curve there and the residual "
                             "fitted − value") < 0;
        e |= put_table(g, "estimates", est_type(), k, est, pu,
                       "estimate, standard error (delta method) and 95 % interval theta ± t·se mapped to "
                       "the natural scale, per parameter") < 0;
        e |= put(g, "covariance", H5T_NATIVE_DOUBLE, 2, k, k, f->cov, pu,
                 "covariance of the estimates, natural scale (delta method), rows as in estimates") < 0;
        e |= put(g, "theta", H5T_NATIVE_DOUBLE, 1, k, 0, f->theta, tscale,
                 inc ? "the fitted parameters as the fit sees them: ln p, ln q [, ln(M − y_max)], y_max the "
                       "largest value"
                     : "the fitted parameters as the fit sees them: ln p, ln q [, ln M] [, (t1 − origin)/"
                       "time_step], t1 the first time with a value above 0") < 0;
        e |= put(g, "covariance_transformed", H5T_NATIVE_DOUBLE, 2, k, k, f->cov_theta, tscale,
                 inc ? "φ·(JᵀWJ)⁻¹ of theta, W the weights 1/(M²v) of the increments and φ the dispersion "
                       "(residual_sd²); the forecast draws theta from a multivariate t (dof degrees of "
                       "freedom) with this scale matrix"
                     : "s²·(JᵀJ)⁻¹ of theta; the forecast draws theta from a multivariate t (dof degrees of "
                       "freedom) with this scale matrix") < 0;
        hid_t gt = goodness_type();
        e |= put(g, "goodness", gt, 1, 1, 0, &good, vu,
                 inc ? "goodness of fit over the n periods that count (after the origin, or after the first "
                       "value above 0 when the origin is implied): rss = the Pearson sum of squared "
                       "residuals over their variances M²v, residual_sd = sqrt(rss/dof) = sqrt of the "
                       "dispersion φ (1/φ: the independent adopters whose randomness would give that "
                       "scatter), rmse = sqrt(sum of squared residuals/n) one period ahead, in the values' "
                       "unit, dof = n − parameters, r2 = that of the increments"
                     : "goodness of fit over the n observations after the origin (those at or before it are "
                       "0 whatever p and q, and count for nothing): rss = sum of squared residuals, rmse = "
                       "sqrt(rss/n), residual_sd = sqrt(rss/dof), dof = n − parameters, r2 = 1 − rss/tss") < 0;
        H5Tclose(gt);
        e |= put_table(g, "curve", curve_type(), f->n_curve, curve, vu, "the fitted curve from the origin "
                                                                       "to the horizon") < 0;
    }
    free(obs);
    free(curve);
    if (!e) e |= portee_h5_attr_string(g, "stop_reason", f->stop_reason) < 0;

    hid_t fc = H5Gcreate2(g, "forecast", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hid_t sd = H5Gcreate2(g, "share_dates", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hid_t st = portee_h5_summary_type();
    const size_t K = f->n_steps, S = f->n_shares, N = f->draws;
    e |= fc < 0 || sd < 0;
    if (!e) {
        e |= put(fc, "time", H5T_NATIVE_DOUBLE, 1, K, 0, f->step_t, tu, "forecast steps: the first "
                 "observation to the horizon, forecast_step apart (dates: whole months or days)") < 0;
        e |= put(fc, "prediction", st, 1, K, 0, f->pred, vu,
                 inc ? "prediction bands over the draws: a path of the stochastic increments per parameter "
                       "draw, from the draw's origin up to the last observation and from the last observed "
                       "value after it, kept within [0, M] (n, mean, sd, se, p05..p95)"
                     : "prediction bands over the draws: the curve of each parameter draw plus normal noise "
                       "of the draw's sd, clipped to [0, M] when M is known (n, mean, sd, se, p05..p95)") < 0;
        e |= put(fc, "curve", st, 1, K, 0, f->curve_band, vu,
                 inc ? "bands of the draws' curves alone (parameter uncertainty, no noise), carried on from "
                       "the last observed value after it"
                     : "bands of the curve alone (parameter uncertainty, no observation noise)") < 0;
        e |= put(sd, "share", H5T_NATIVE_DOUBLE, 1, S, 0, f->share, "share of M", "the shares asked for") < 0;
        e |= put(sd, "fitted", H5T_NATIVE_DOUBLE, 1, S, 0, f->share_fitted, tu,
                 "when the fitted curve reaches each share") < 0;
        e |= put(sd, "summary", st, 1, S, 0, f->share_date, tu, "when each share is reached, over the "
                 "parameter draws (closed-form inverse of the curve; no draw is left out)") < 0;
        e |= put(sd, "after_horizon", H5T_NATIVE_UINT64, 1, S, 0, f->after_horizon, "draws",
                 "draws reaching the share only after the horizon (included in summary and draws)") < 0;
        e |= put(sd, "draws", H5T_NATIVE_DOUBLE, 2, S, N, f->share_draws, tu,
                 "the date each share is reached, per draw") < 0;
        e |= put(g, "parameter_draws", H5T_NATIVE_DOUBLE, 2, N, k, f->param_draws, pu,
                 "the parameter draws behind the forecast, natural scale, columns as in estimates") < 0;
        e |= put(g, "sd_draws", H5T_NATIVE_DOUBLE, 1, N, 0, f->sd_draws, inc ? "sqrt of the dispersion" : vu,
                 inc ? "each draw's noise scale residual_sd·sqrt(dof/chi²(dof)): a step's sd is it times "
                       "M·sqrt(v); it also scales the draw's deviation from theta"
                     : "each draw's noise sd: residual_sd·sqrt(dof/chi²(dof)); it also scales the draw's "
                       "deviation from theta") < 0;
    }
    H5Tclose(st);
    if (sd >= 0) H5Gclose(sd);
    if (fc >= 0) H5Gclose(fc);
    H5Gclose(g);
    return e ? -1 : 0;
}

/* Creates the temporary file beside path that the fit is written to
 * (*tmp, malloc'd, and its descriptor *fd); PORTEE_EINPUT when path is empty,
 * not a regular file, or its folder cannot be written. */
portee_status_t portee_fit_check_output(const char *path, const char *input, portee_error_t *err)
{
    /* before the fit, not after the forecast */
    return portee_temp_check(path, input, "series being fitted", "-o", err);
}

static int write_body(hid_t file, const void *f) { return write_fit(file, f); }

portee_status_t portee_fit_write(const char *path, const portee_fit_t *f,
                                 const portee_fit_run_info_t *info, char **notes, portee_error_t *err)
{
    const portee_fit_provenance_t prov = {
        .model = "adoption", .source = f->source, .seed = f->seed, .draws = f->draws,
        .threads = info->threads, .start_time = info->start_time,
        .rng = "philox4x32-10 (Random123): draw d takes its noise sd and parameters from the stream (seed, "
               "model 65535, point 0, replicate d), its noise at forecast step j from the stream (seed, "
               "65535, j + 1, d)"};
    return portee_fit_file_write(path, &prov, write_body, f, notes, err);
}

/* ---- reading ---- */

bool portee_fit_file_is(const char *path) { return portee_fit_file_of(path, NULL); }



static int read_attrs(hid_t file, hid_t g, portee_fit_t *f)
{
    uint64_t fm = 0, fo = 0;
    int e = 0;
    e |= portee_h5_read_attr_string(file, "source", &f->source) < 0;
    e |= portee_h5_read_attr_string(file, "portee_version", &f->version) < 0;
    e |= portee_h5_read_attr_u64(file, "seed", &f->seed) < 0;
    e |= portee_h5_read_attr_u64(file, "draws", &f->draws) < 0;
    e |= portee_h5_read_attr_string(g, "time_name", &f->time_name) < 0;
    e |= portee_h5_read_attr_string(g, "value_name", &f->value_name) < 0;
    e |= portee_h5_read_attr_string(g, "value_units", &f->value_units) < 0;
    e |= portee_h5_read_attr_u64(g, "fit_market", &fm) < 0;
    e |= portee_h5_read_attr_double(g, "market_size", &f->market_size) < 0;
    e |= portee_h5_read_attr_u64(g, "fit_origin", &fo) < 0;
    e |= portee_h5_read_attr_double(g, "origin", &f->origin) < 0;
    e |= portee_h5_read_attr_string(g, "origin_rule", &f->origin_rule) < 0;
    e |= portee_h5_read_attr_double(g, "time_step", &f->time_step) < 0;
    e |= portee_h5_read_attr_double(g, "forecast_step", &f->forecast_step) < 0;
    e |= portee_h5_read_attr_double(g, "horizon", &f->horizon) < 0;
    e |= portee_h5_read_attr_u64(g, "redrawn", &f->redrawn) < 0;
    e |= portee_h5_read_attr_string(g, "stop_reason", &f->stop_reason) < 0;
    /* written since portee fit has two error models; a file without them
     * is of independent errors and numeric times */
    char *errors = NULL;
    uint64_t implied = 0, dated = 0;
    if (H5Aexists(g, "errors") > 0) e |= portee_h5_read_attr_string(g, "errors", &errors) < 0;
    if (H5Aexists(g, "origin_implied") > 0) e |= portee_h5_read_attr_u64(g, "origin_implied", &implied) < 0;
    if (H5Aexists(g, "time_is_date") > 0) e |= portee_h5_read_attr_u64(g, "time_is_date", &dated) < 0;
    if (H5Aexists(g, "rounds") > 0) e |= portee_h5_read_attr_u64(g, "rounds", &f->rounds) < 0;
    e |= errors && strcmp(errors, "increments") && strcmp(errors, "independent");
    f->errors = errors && !strcmp(errors, "increments") ? PORTEE_ERRORS_INCREMENTS : PORTEE_ERRORS_INDEPENDENT;
    free(errors);
    f->origin_implied = implied;
    f->dated = dated;
    f->fit_market = fm;
    f->fit_origin = fo;
    f->k = 2 + f->fit_market + f->fit_origin;
    return e || !(f->time_step > 0) || !(f->forecast_step >= f->time_step) || f->draws > PORTEE_FIT_MAX_DRAWS ? -1 : 0;
}

/* The observations, estimates, covariances and goodness of fit. */
static int read_fit(hid_t g, portee_fit_t *f)
{
    const size_t k = f->k;
    hid_t ot = obs_type(), et = est_type(), gt = goodness_type();
    f->n = portee_fit_file_length(g, "observed");
    obs_row_t *obs = f->n ? portee_fit_file_get(g, "observed", ot, sizeof *obs, f->n, 0) : NULL;
    est_row_t *est = portee_fit_file_get(g, "estimates", et, sizeof *est, k, 0);
    goodness_row_t *good = portee_fit_file_get(g, "goodness", gt, sizeof *good, 1, 0);
    double *cov = portee_fit_file_get(g, "covariance", H5T_NATIVE_DOUBLE, sizeof *cov, k, k);
    double *cov_t = portee_fit_file_get(g, "covariance_transformed", H5T_NATIVE_DOUBLE, sizeof *cov_t, k, k);
    double *theta = portee_fit_file_get(g, "theta", H5T_NATIVE_DOUBLE, sizeof *theta, k, 0);
    H5Tclose(ot);
    H5Tclose(et);
    H5Tclose(gt);
    f->t = malloc((f->n + 1) * sizeof *f->t);
    f->y = malloc((f->n + 1) * sizeof *f->y);
    f->fitted = malloc((f->n + 1) * sizeof *f->fitted);
    f->line = calloc(f->n + 1, sizeof *f->line);
    int e = !obs || !est || !good || !cov || !cov_t || !theta || !f->t || !f->y || !f->fitted || !f->line ||
            good->n > f->n || good->parameters != k || good->dof + k != good->n || f->n > PORTEE_CSV_MAX_ROWS;
    for (size_t i = 0; i < f->n && !e; i++) {
        f->t[i] = obs[i].time;
        f->y[i] = obs[i].value;
        f->fitted[i] = obs[i].fitted;
    }
    for (size_t i = 0; i < k && !e; i++) {
        e |= strcmp(est[i].name, portee_fit_param_name(f, i)) != 0;
        f->est[i] = est[i].value;
        f->se[i] = est[i].se;
        f->lo95[i] = est[i].lo95;
        f->hi95[i] = est[i].hi95;
        f->theta[i] = theta[i];
    }
    if (!e) {
        memcpy(f->cov, cov, k * k * sizeof *cov);
        memcpy(f->cov_theta, cov_t, k * k * sizeof *cov_t);
        f->n_used = good->n;
        f->dof = good->dof;
        f->rss = good->rss;
        f->rmse = good->rmse;
        f->resid_sd = good->residual_sd;
        f->r2 = good->r2;
        f->iterations = good->iterations;
        f->starts = good->starts;
        f->starts_converged = good->starts_converged;
    }
    free(obs);
    free(est);
    free(good);
    free(cov);
    free(cov_t);
    free(theta);
    return e ? -1 : 0;
}

/* The fitted curve, the forecast bands and the share dates. */
static int read_forecast(hid_t g, portee_fit_t *f)
{
    hid_t ct = curve_type(), st = portee_h5_summary_type();
    f->n_curve = portee_fit_file_length(g, "curve");
    curve_row_t *curve = f->n_curve ? portee_fit_file_get(g, "curve", ct, sizeof *curve, f->n_curve, 0) : NULL;
    f->n_steps = portee_fit_file_length(g, "forecast/time");
    f->n_shares = portee_fit_file_length(g, "share_dates/share");
    const size_t K = f->n_steps, S = f->n_shares;
    int e = !curve || f->n_curve > PORTEE_FIT_CURVE_POINTS || K == 0 || S == 0 || S > PORTEE_FIT_MAX_SHARES ||
            K > PORTEE_FIT_MAX_STEPS + 1;
    double *share = NULL, *fitted = NULL;
    portee_summary_t *dates = NULL;
    uint64_t *after = NULL;
    if (!e) {
        f->step_t = portee_fit_file_get(g, "forecast/time", H5T_NATIVE_DOUBLE, sizeof *f->step_t, K, 0);
        f->pred = portee_fit_file_get(g, "forecast/prediction", st, sizeof *f->pred, K, 0);
        f->curve_band = portee_fit_file_get(g, "forecast/curve", st, sizeof *f->curve_band, K, 0);
        share = portee_fit_file_get(g, "share_dates/share", H5T_NATIVE_DOUBLE, sizeof *share, S, 0);
        fitted = portee_fit_file_get(g, "share_dates/fitted", H5T_NATIVE_DOUBLE, sizeof *fitted, S, 0);
        dates = portee_fit_file_get(g, "share_dates/summary", st, sizeof *dates, S, 0);
        after = portee_fit_file_get(g, "share_dates/after_horizon", H5T_NATIVE_UINT64, sizeof *after, S, 0);
        f->curve_t = malloc(f->n_curve * sizeof *f->curve_t);
        f->curve_y = malloc(f->n_curve * sizeof *f->curve_y);
        e = !f->step_t || !f->pred || !f->curve_band || !share || !fitted || !dates || !after || !f->curve_t ||
            !f->curve_y;
    }
    for (size_t i = 0; i < f->n_curve && !e; i++) {
        f->curve_t[i] = curve[i].time;
        f->curve_y[i] = curve[i].value;
    }
    for (size_t s = 0; s < S && !e; s++) {
        f->share[s] = share[s];
        f->share_fitted[s] = fitted[s];
        f->share_date[s] = dates[s];
        f->after_horizon[s] = after[s];
    }
    H5Tclose(ct);
    H5Tclose(st);
    free(curve);
    free(share);
    free(fitted);
    free(dates);
    free(after);
    return e ? -1 : 0;
}

portee_status_t portee_fit_read(const char *path, portee_fit_t *f, portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    if (!portee_fit_file_is(path))
        return portee_fail(err, PORTEE_EINPUT, "%s: not a file written by portee fit", path);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) return portee_fail(err, PORTEE_EINPUT, "%s: HDF5 could not open it", path);
    hid_t g = H5Lexists(file, "fit", H5P_DEFAULT) > 0 ? H5Gopen2(file, "fit", H5P_DEFAULT) : -1;
    portee_status_t st = PORTEE_OK;
    bool positive = false;
    if (g >= 0 && !read_attrs(file, g, f) && !read_fit(g, f))
        for (size_t i = 0; i < f->n && !positive; i++) positive = f->y[i] > 0;
    if (g < 0 || !positive || read_forecast(g, f))
        st = portee_fail(err, PORTEE_EINPUT, "%s: a damaged fit file (the /fit group or one of its "
                                             "datasets is missing or malformed)", path);
    else {
        f->t_ref = f->t[portee_fit_first_positive(f->y)];
        f->y_ref = f->y[portee_fit_first_positive(f->y)];
        for (size_t i = 0; i < f->n; i++) f->y_max = fmax(f->y_max, f->y[i]);
    }
    if (g >= 0) H5Gclose(g);
    H5Fclose(file);
    return st;
}
