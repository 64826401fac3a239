/* fit.c — checking the series and the least-squares fit of the Bass curve. */
#include "sim/fit/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit_internal.h"

/* Beyond this standard error of a transformed parameter (a factor e³ ≈ 20
 * at one standard error) the data do not determine it, and a forecast drawn
 * from that uncertainty would only show it. */
#define MAX_SE_THETA 3.0

const char *portee_fit_param_name(const portee_fit_t *f, size_t i)
{
    if (i < 2) return i ? "q" : "p";
    return i == 2 && f->fit_market ? "M" : "origin";
}

void portee_fit_free(portee_fit_t *f)
{
    if (!f) return;
    free(f->source);
    free(f->time_name);
    free(f->value_name);
    free(f->value_units);
    free(f->t);
    free(f->y);
    free(f->fitted);
    free(f->line);
    free(f->origin_rule);
    free(f->version);
    free(f->stop_reason);
    free(f->curve_t);
    free(f->curve_y);
    free(f->step_t);
    free(f->pred);
    free(f->curve_band);
    free(f->share_draws);
    free(f->param_draws);
    free(f->sd_draws);
    memset(f, 0, sizeof *f);
}

static int by_value(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

size_t portee_fit_first_positive(const double *y)
{
    size_t i = 0;
    while (y[i] <= 0) i++;
    return i;
}

static size_t n_params(const portee_fit_spec_t *spec)
{
    return 2u + spec->fit_market + (spec->origin_mode == PORTEE_ORIGIN_FIT);
}

/* Row by row, so the first problem in the file is the one reported.  The
 * form of the data (count, times, something adopted) always; with
 * `cumulative`, also what a measured cumulative series must satisfy. */
static portee_status_t check_series(const char *path, const portee_csv_series_t *s,
                                    const portee_fit_spec_t *spec, bool cumulative, portee_error_t *err)
{
    bool any = false;
    for (size_t i = 0; i < s->n; i++) {
        const double y = s->y[i];
        if (i && s->x[i] <= s->x[i - 1])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: time %g is not after %g on line %zu; the "
                                                   "times must increase from row to row",
                               path, s->line[i], s->x[i], s->x[i - 1], s->line[i - 1]);
        any |= y > 0;
        if (y != 0 && !(fabs(y) >= PORTEE_FIT_MIN_VALUE && fabs(y) <= PORTEE_FIT_MAX_VALUE))
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is %s %g: sums of its squares would "
                                                   "%s; give the values in a %s unit", path, s->line[i], y,
                               fabs(y) > 1 ? "above" : "below", fabs(y) > 1 ? PORTEE_FIT_MAX_VALUE
                                                                             : PORTEE_FIT_MIN_VALUE,
                               fabs(y) > 1 ? "overflow" : "underflow",
                               fabs(y) > 1 ? "larger (thousands, millions)" : "smaller");
        if (!cumulative) continue;
        if (y < 0)
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is negative; expected a cumulative "
                                                   "share or count", path, s->line[i], y);
        if (i && y < s->y[i - 1])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is below %g on line %zu; a cumulative "
                                                   "series never decreases (for new adopters per period, "
                                                   "add them up first)",
                               path, s->line[i], y, s->y[i - 1], s->line[i - 1]);
        if (!spec->fit_market && y > spec->market_size) {
            if (!strcmp(spec->value_units, "share"))
                return portee_fail(err, PORTEE_EINPUT, "%s:%zu: share %g is above 1; shares are in [0, 1] "
                                                       "(percentages need --percent, counts --market-size M "
                                                       "or --fit-market)", path, s->line[i], y);
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is above %s %g", path, s->line[i], y,
                               strcmp(spec->value_units, "%") ? "the market size" : "100 %: the limit is",
                               spec->market_size);
        }
    }
    if (!any)
        return portee_fail(err, PORTEE_EINPUT, "%s: %s: nothing is adopted yet, so there is no curve to fit",
                           path, cumulative ? "every value is 0" : "no value is above 0");
    return PORTEE_OK;
}

portee_status_t portee_fit_check_series(const char *path, const portee_csv_series_t *s,
                                        const portee_fit_spec_t *spec, portee_error_t *err)
{
    return check_series(path, s, spec, true, err);
}

/* Rows with a time after origin. */
static size_t count_after(const double *t, size_t n, double origin)
{
    size_t m = 0;
    while (m < n && t[n - 1 - m] > origin) m++; /* times increase */
    return m;
}

/* Enough rows that count: those after the origin, since a row at or before
 * it is 0 whatever p and q (no residual, no gradient) and would only inflate
 * the degrees of freedom.  With the origin fitted, at least the rows from
 * the first value above 0 (i0) count. */
static portee_status_t check_counted(const char *path, const portee_csv_series_t *s,
                                     const portee_fit_spec_t *spec, size_t i0, portee_error_t *err)
{
    const size_t k = n_params(spec);
    const size_t m = spec->origin_mode == PORTEE_ORIGIN_GIVEN ? count_after(s->x, s->n, spec->origin)
                                                              : s->n - i0;
    if (m >= k + 2) return PORTEE_OK;
    char rows[200] = "";
    if (m < s->n)
        snprintf(rows, sizeof rows, ", %zu of them %s (the %zu before are 0 whatever p and q, so they "
                                    "count for nothing)", m, spec->origin_mode == PORTEE_ORIGIN_GIVEN
                                    ? "after the origin" : "from the first value above 0", s->n - m);
    return portee_fail(err, PORTEE_EINPUT, "%s: %zu data row%s%s; fitting %s needs at least %zu (two more "
                                           "than the parameters, to measure the noise)",
                       path, s->n, s->n == 1 ? "" : "s", rows,
                       k == 2 ? "p and q" : k == 3 ? (spec->fit_market ? "p, q and M" : "p, q and the origin")
                                                   : "p, q, M and the origin", k + 2);
}

static char *dup_or(const char *s, const char *fallback) { return strdup(s ? s : fallback); }

portee_status_t portee_fit_prepare(const char *path, const portee_csv_series_t *s,
                                   const portee_fit_spec_t *spec, portee_fit_t *f, portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    f->fit_market = spec->fit_market;
    f->fit_origin = spec->origin_mode == PORTEE_ORIGIN_FIT;
    f->k = n_params(spec);
    portee_status_t st = check_series(path, s, spec, false, err);
    if (st) return st;
    const size_t n = s->n;
    const size_t i0 = portee_fit_first_positive(s->y);
    if (spec->origin_mode == PORTEE_ORIGIN_GIVEN && spec->origin >= s->x[i0])
        return portee_fail(err, PORTEE_EINPUT, "--origin %g: the series already has %g adopted at "
                                               "%g (line %zu); the origin (launch) must come before",
                           spec->origin, s->y[i0], s->x[i0], s->line[i0]);
    if ((st = check_counted(path, s, spec, i0, err))) return st;
    f->n = n;
    f->source = strdup(path);
    f->time_name = dup_or(s->names[0], "time");
    f->value_name = dup_or(s->names[1], "value");
    f->value_units = strdup(spec->value_units);
    f->t = malloc(n * sizeof *f->t);
    f->y = malloc(n * sizeof *f->y);
    f->fitted = calloc(n, sizeof *f->fitted);
    f->line = malloc(n * sizeof *f->line);
    double *gaps = malloc(n * sizeof *gaps);
    if (!f->source || !f->time_name || !f->value_name || !f->value_units || !f->t || !f->y ||
        !f->fitted || !f->line || !gaps) {
        free(gaps);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    memcpy(f->t, s->x, n * sizeof *f->t);
    memcpy(f->y, s->y, n * sizeof *f->y);
    memcpy(f->line, s->line, n * sizeof *f->line);
    for (size_t i = 1; i < n; i++) gaps[i - 1] = f->t[i] - f->t[i - 1];
    qsort(gaps, n - 1, sizeof *gaps, by_value);
    const double median = (n - 1) % 2 ? gaps[(n - 1) / 2] : 0.5 * (gaps[(n - 1) / 2 - 1] + gaps[(n - 1) / 2]);
    free(gaps);
    /* differences of decimal times carry the binary noise of the times
     * (2008.001 − 2008 is 0.00099999999997635): rounded to 12 digits of the
     * times' size, the step, the origin and the forecast grid print as the
     * data do */
    const int decimals = 12 - (int)floor(log10(fmax(fabs(f->t[0]), fabs(f->t[n - 1]))));
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals < 0 ? 0 : decimals, median);
    f->time_step = decimals >= 0 && strtod(digits, NULL) > 0 ? strtod(digits, NULL) : median;
    f->market_size = spec->fit_market ? NAN : spec->market_size;
    /* the default horizon is at most max(3 spans, 10 steps) past the last
     * observation (fit_forecast.c): the grid from the first observation to
     * there must fit in PORTEE_FIT_MAX_STEPS steps */
    const double span = f->t[n - 1] - f->t[0], reach = span + fmax(3 * span, 10 * f->time_step);
    f->forecast_step = f->time_step * fmax(1, ceil(reach / (f->time_step * PORTEE_FIT_MAX_STEPS)));

    f->t_ref = f->t[i0];
    char rule[160];
    switch (spec->origin_mode) {
    case PORTEE_ORIGIN_GIVEN:
        f->origin = spec->origin;
        snprintf(rule, sizeof rule, "given with --origin");
        break;
    case PORTEE_ORIGIN_FIT:
        f->origin = NAN;
        snprintf(rule, sizeof rule, "fitted with --fit-origin");
        break;
    case PORTEE_ORIGIN_DEFAULT:
        if (i0 > 0) { /* the last 0 before adoption starts */
            f->origin = f->t[i0 - 1];
            snprintf(rule, sizeof rule, "by default the last observation still at 0");
        } else {
            f->origin = f->t[0] - f->time_step;
            snprintf(rule, sizeof rule, "by default one time step (%g) before the first observation",
                     f->time_step);
        }
        break;
    }
    if (!(f->origin_rule = strdup(rule))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    return PORTEE_OK;
}

void portee_fit_gap_range(const portee_fit_t *f, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (size_t i = 1; i < f->n; i++) {
        *lo = fmin(*lo, f->t[i] - f->t[i - 1]);
        *hi = fmax(*hi, f->t[i] - f->t[i - 1]);
    }
}

/* ---- the least-squares problem in θ = (ln p, ln q [, ln M] [, ln d]) ---- */

void portee_fit_natural(const portee_fit_t *f, const double *theta, double *nat)
{
    for (size_t i = 0; i < f->k; i++)
        nat[i] = f->fit_origin && i == f->k - 1 ? f->t_ref - exp(theta[i]) : exp(theta[i]);
}

portee_fit_curve_t portee_fit_curve(const portee_fit_t *f, const double *nat)
{
    portee_fit_curve_t c = {nat[0], nat[1], f->market_size, f->origin};
    size_t i = 2;
    if (f->fit_market) c.M = nat[i++];
    if (f->fit_origin) c.t0 = nat[i];
    return c;
}

/* GSL's convergence test on the gradient is absolute when ½‖r‖² < 1, and
 * squares of large values overflow: the problem GSL sees has its residuals
 * (and Jacobian) divided by scale, the largest |value|, so that the fit is
 * the same for a series in any unit. */
typedef struct {
    const portee_fit_t *f;
    double scale;
} problem_t;

void portee_fit_residuals(const portee_fit_t *f, const double *theta, double *r, double *J)
{
    double nat[PORTEE_FIT_MAX_PARAMS];
    portee_fit_natural(f, theta, nat);
    const portee_fit_curve_t v = portee_fit_curve(f, nat);
    const double d = f->fit_origin ? exp(theta[f->k - 1]) : NAN; /* t_ref − t0, exactly */
    for (size_t i = 0; i < f->n; i++) {
        const double tau = f->t[i] - v.t0;
        double F, Fp, Fq;
        portee_bass_cdf_grad(tau, v.p, v.q, &F, &Fp, &Fq);
        if (r) r[i] = v.M * F - f->y[i];
        if (!J) continue;
        double *row = J + i * f->k;
        size_t c = 0;
        row[c++] = v.M * v.p * Fp;
        row[c++] = v.M * v.q * Fq;
        if (f->fit_market) row[c++] = v.M * F;
        if (f->fit_origin) row[c] = v.M * portee_bass_pdf(tau, v.p, v.q) * d; /* dτ/dθ = d */
    }
}

static int residuals(const gsl_vector *x, void *params, gsl_vector *r)
{
    const problem_t *pb = params;
    portee_fit_residuals(pb->f, x->data, r->data, NULL);
    for (size_t i = 0; i < r->size; i++) r->data[i] /= pb->scale;
    return GSL_SUCCESS;
}

/* GSL allocates J whole (tda = k), so its data is the row-major n x k array. */
static int jacobian(const gsl_vector *x, void *params, gsl_matrix *J)
{
    const problem_t *pb = params;
    portee_fit_residuals(pb->f, x->data, NULL, J->data);
    for (size_t i = 0; i < J->size1 * J->size2; i++) J->data[i] /= pb->scale;
    return GSL_SUCCESS;
}

/* Starting points spread over the curve's speed (p + q)·span, its shape
 * q/p, the market (a multiple of the largest value) and the origin's lead. */
static size_t starts(const problem_t *pb, double x0[][PORTEE_FIT_MAX_PARAMS])
{
    const portee_fit_t *f = pb->f;
    static const double speed[] = {1.5, 4, 10}, shape[] = {1, 10, 100}, market[] = {1.25, 2, 4},
                        lead[] = {1, 4};
    const double t0 = f->fit_origin ? f->t_ref - f->time_step : f->origin;
    const double span = f->t[f->n - 1] - t0;
    const double ymax = f->y[f->n - 1];
    size_t n = 0;
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 3; b++)
            for (size_t c = 0; c < (f->fit_market ? 3u : 1u); c++)
                for (size_t e = 0; e < (f->fit_origin ? 2u : 1u); e++) {
                    const double sum = speed[a] / span;
                    size_t i = 0;
                    x0[n][i++] = log(sum / (1 + shape[b]));
                    x0[n][i++] = log(sum * shape[b] / (1 + shape[b]));
                    if (f->fit_market) x0[n][i++] = log(market[c] * ymax);
                    if (f->fit_origin) x0[n][i] = log(lead[e] * f->time_step);
                    n++;
                }
    return n;
}

static const char *stop_reason(int info)
{
    return info == 1 ? "small step" : info == 2 ? "small gradient" : "small change in the residuals";
}

/* Covariance, standard errors and intervals at the solution θ̂. */
static portee_status_t uncertainty(portee_fit_t *f, problem_t *pb, portee_error_t *err)
{
    const size_t n = f->n, k = f->k;
    gsl_vector_view th = gsl_vector_view_array(f->theta, k);
    gsl_matrix *J = gsl_matrix_alloc(n, k), *C = gsl_matrix_alloc(k, k);
    gsl_vector *r = gsl_vector_alloc(n);
    if (!J || !C || !r) {
        gsl_matrix_free(J);
        gsl_matrix_free(C);
        gsl_vector_free(r);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    residuals(&th.vector, pb, r);
    jacobian(&th.vector, pb, J);
    double nat[PORTEE_FIT_MAX_PARAMS];
    portee_fit_natural(f, f->theta, nat);
    const int gs = gsl_multifit_nlinear_covar(J, 1e-12, C);
    if (gs) {
        gsl_matrix_free(J);
        gsl_matrix_free(C);
        gsl_vector_free(r);
        return portee_fail(err, gs == GSL_ENOMEM ? PORTEE_ENOMEM : PORTEE_ERUNTIME,
                           "%s: the covariance of the estimates: %s", f->source, gsl_strerror(gs));
    }

    /* Only the rows after the origin count: those at or before it are 0
     * whatever p and q (residual and gradient 0), so they carry no
     * information and must not add degrees of freedom; with a fitted origin
     * that is decided at the solution. */
    const portee_fit_curve_t c = portee_fit_curve(f, nat);
    const size_t used = count_after(f->t, n, c.t0), u0 = n - used;
    /* sums of squares in the problem's scale (r and J are divided by it), so
     * s²·(JᵀJ)⁻¹ is as for the unscaled problem; back to the values' scale
     * after */
    const double sc = pb->scale;
    double rss = 0, mean = 0, tss = 0;
    for (size_t i = 0; i < n; i++) f->fitted[i] = portee_fit_curve_at(&c, f->t[i]);
    for (size_t i = u0; i < n; i++) {
        rss += r->data[i] * r->data[i];
        mean += f->y[i] / sc / (double)used;
    }
    for (size_t i = u0; i < n; i++) tss += (f->y[i] / sc - mean) * (f->y[i] / sc - mean);
    f->n_used = used;
    f->dof = used - k;
    f->rss = rss * sc * sc;
    f->rmse = sc * sqrt(rss / (double)used);
    f->resid_sd = sc * sqrt(rss / (double)f->dof);
    f->r2 = tss > 0 ? 1 - rss / tss : NAN;

    const double s2 = rss / (double)f->dof, tq = gsl_cdf_tdist_Pinv(0.975, (double)f->dof);
    const double d = f->fit_origin ? exp(f->theta[k - 1]) : NAN; /* t_ref − origin */
    /* d(natural)/dθ: e^θ for p, q and M; −d for the origin t_ref − e^θ */
    double grad[PORTEE_FIT_MAX_PARAMS];
    portee_status_t st = PORTEE_OK;
    for (size_t i = 0; i < k; i++) {
        const bool is_origin = f->fit_origin && i == k - 1;
        grad[i] = is_origin ? -d : nat[i];
        f->est[i] = nat[i];
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            f->cov_theta[i * k + j] = s2 * gsl_matrix_get(C, i, j);
            f->cov[i * k + j] = grad[i] * grad[j] * f->cov_theta[i * k + j];
        }
    for (size_t i = 0; i < k && !st; i++) {
        const double se_theta = sqrt(f->cov_theta[i * k + i]);
        const bool is_origin = f->fit_origin && i == k - 1;
        f->se[i] = sqrt(f->cov[i * k + i]);
        if (is_origin) { /* t_ref − d·e^{±t·se}: the interval of d, mirrored */
            f->lo95[i] = f->t_ref - d * exp(tq * se_theta);
            f->hi95[i] = f->t_ref - d * exp(-tq * se_theta);
        } else {
            f->lo95[i] = nat[i] * exp(-tq * se_theta);
            f->hi95[i] = nat[i] * exp(tq * se_theta);
        }
        const char *fix = f->fit_market || f->fit_origin
                              ? "Try fixing it (--market-size M, --origin T), or a longer series"
                              : "Try a longer series, or another origin (--origin T)";
        char factor[64];
        if (exp(se_theta) < 1e6) snprintf(factor, sizeof factor, "a factor of %.3g", exp(se_theta));
        else snprintf(factor, sizeof factor, "more than a factor of a million");
        if (!(se_theta > 0) || !isfinite(se_theta))
            st = portee_fail(err, PORTEE_ERUNTIME, "%s: the data do not determine %s: changing it does "
                                                   "not change the curve where the data are. %s",
                             f->source, portee_fit_param_name(f, i), fix);
        else if (se_theta > MAX_SE_THETA)
            st = portee_fail(err, PORTEE_ERUNTIME, "%s: the data do not determine %s: its estimate %g is "
                                                   "uncertain by %s either way (one standard error), and "
                                                   "a forecast would show nothing else. %s",
                             f->source, portee_fit_param_name(f, i), nat[i], factor, fix);
    }
    f->market_size = c.M;
    f->origin = c.t0;
    gsl_matrix_free(J);
    gsl_matrix_free(C);
    gsl_vector_free(r);
    return st;
}

portee_status_t portee_fit_estimate(portee_fit_t *f, portee_error_t *err)
{
    problem_t pb = {f, 0};
    for (size_t i = 0; i < f->n; i++) pb.scale = fmax(pb.scale, fabs(f->y[i]));
    const size_t n = f->n, k = f->k;
    gsl_multifit_nlinear_fdf fdf = {.f = residuals, .df = jacobian, .n = n, .p = k, .params = &pb};
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    fp.trs = gsl_multifit_nlinear_trs_lm;
    gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, k);
    if (!w) return portee_fail(err, PORTEE_ENOMEM, "out of memory");

    double x0[3 * 3 * 3 * 2][PORTEE_FIT_MAX_PARAMS];
    const size_t n_starts = starts(&pb, x0);
    double best = INFINITY;
    int last_status = GSL_SUCCESS;
    f->starts = n_starts;
    f->starts_converged = 0;
    for (size_t s = 0; s < n_starts; s++) {
        gsl_vector_view x = gsl_vector_view_array(x0[s], k);
        int info = 0;
        int status = gsl_multifit_nlinear_init(&x.vector, &fdf, w);
        if (!status) status = gsl_multifit_nlinear_driver(500, 1e-10, 1e-12, 0, NULL, NULL, &info, w);
        const gsl_vector *xs = gsl_multifit_nlinear_position(w), *rs = gsl_multifit_nlinear_residual(w);
        double rss = 0;
        for (size_t i = 0; i < n; i++) rss += rs->data[i] * rs->data[i];
        bool finite = isfinite(rss);
        for (size_t i = 0; i < k; i++) finite &= isfinite(xs->data[i]) && fabs(xs->data[i]) < 700;
        if (status || !finite) {
            last_status = status ? status : GSL_EBADFUNC;
            continue;
        }
        f->starts_converged++;
        if (rss < best) {
            best = rss;
            memcpy(f->theta, xs->data, k * sizeof *f->theta);
            f->iterations = gsl_multifit_nlinear_niter(w);
            free(f->stop_reason);
            f->stop_reason = strdup(stop_reason(info));
        }
    }
    gsl_multifit_nlinear_free(w);
    portee_status_t st;
    if (f->starts_converged == 0 && f->fit_origin)
        st = portee_fail(err, PORTEE_ERUNTIME,
                         "%s: the fit did not converge from any of %zu starting points (GSL: %s). With "
                         "--fit-origin the launch can drift ever earlier while p shrinks, when the series "
                         "rises more steeply than a Bass curve from a launch allows: give the origin "
                         "(--origin T)", f->source, n_starts, gsl_strerror(last_status));
    else if (f->starts_converged == 0)
        st = portee_fail(err, PORTEE_ERUNTIME,
                         "%s: the fit did not converge from any of %zu starting points (GSL: %s); the "
                         "series may not have the S shape of a Bass curve (a flat series or a jump does "
                         "not): check the data, or the origin (--origin T, --fit-origin)",
                         f->source, n_starts, gsl_strerror(last_status));
    else if (!f->stop_reason)
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    else
        st = uncertainty(f, &pb, err);
    return st;
}
