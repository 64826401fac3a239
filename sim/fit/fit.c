/* fit.c — the fit of the Bass curve: plain least squares on the values
 * (independent errors), or reweighted least squares on the increments
 * (fit.h). */
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

/* ---- the problem in θ = (ln p, ln q [, M's] [, the origin's]) ---- */

void portee_fit_natural(const portee_fit_t *f, const double *theta, double *nat)
{
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    for (size_t i = 0; i < f->k; i++) {
        if (f->fit_origin && i == f->k - 1)
            nat[i] = f->t_ref - f->time_step * theta[i];
        else if (inc && f->fit_market && i == 2)
            nat[i] = f->y_max + exp(theta[i]);
        else
            nat[i] = exp(theta[i]);
    }
}

portee_fit_curve_t portee_fit_curve(const portee_fit_t *f, const double *nat)
{
    portee_fit_curve_t c = {nat[0], nat[1], f->market_size, f->origin};
    size_t i = 2;
    if (f->fit_market) c.M = nat[i++];
    if (f->fit_origin) c.t0 = nat[i];
    if (f->origin_implied) c.t0 = f->t_ref - portee_bass_time_to_share(fmin(f->y_ref / c.M, 1), c.p, c.q);
    return c;
}

/* GSL's convergence test on the gradient is absolute when ½‖r‖² < 1, and
 * squares of large values overflow: the problem GSL sees has its residuals
 * (and Jacobian) divided by scale, the largest |value|, so that the fit is
 * the same for a series in any unit.  The increments' rows are weighted
 * too, each divided by its standard deviation sqrt(var_i) from the
 * reweighting round's start, fixed within the round; scale is then the
 * root mean square of those weighted residuals, so GSL again sees
 * residuals of about 1. */
typedef struct {
    const portee_fit_t *f;
    double scale;
    double *w; /* increments: 1/(scale·sqrt(var_i)), 0 for a row that does not count */
} problem_t;

/* Rounds of reweighting before a start is given up, and the change of θ
 * (log scale: relative) below which the weights have settled. */
#define MAX_ROUNDS 100
#define ROUND_TOL 1e-8
/* From a value above 0 imitation alone makes the series grow, so the
 * increments can drive p to 0, and a series whose growth does not pick up
 * drives q to 0; beyond a ratio of e^14 (a million) either way the one
 * vanishing is taken as not determined (GSL_EDOM for p, GSL_ERANGE for q)
 * rather than followed down to e^−700. */
#define MAX_LN_RATIO 14.0

void portee_fit_residuals(const portee_fit_t *f, const double *theta, double *r, double *J, double *var)
{
    if (f->errors == PORTEE_ERRORS_INCREMENTS) {
        portee_fit_inc_residuals(f, theta, r, J, var);
        return;
    }
    double nat[PORTEE_FIT_MAX_PARAMS];
    portee_fit_natural(f, theta, nat);
    const portee_fit_curve_t v = portee_fit_curve(f, nat);
    for (size_t i = 0; i < f->n; i++) {
        const double tau = f->t[i] - v.t0;
        double F, Fp, Fq;
        portee_bass_cdf_grad(tau, v.p, v.q, &F, &Fp, &Fq);
        if (r) r[i] = v.M * F - f->y[i];
        if (var) var[i] = tau > 0;
        if (!J) continue;
        double *row = J + i * f->k;
        size_t c = 0;
        row[c++] = v.M * v.p * Fp;
        row[c++] = v.M * v.q * Fq;
        if (f->fit_market) row[c++] = v.M * F;
        if (f->fit_origin) row[c] = v.M * portee_bass_pdf(tau, v.p, v.q) * f->time_step; /* dτ/dθ */
    }
}

static int residuals(const gsl_vector *x, void *params, gsl_vector *r)
{
    const problem_t *pb = params;
    portee_fit_residuals(pb->f, x->data, r->data, NULL, NULL);
    if (pb->f->errors == PORTEE_ERRORS_INCREMENTS)
        for (size_t i = 0; i < r->size; i++) r->data[i] *= pb->w[i];
    else
        for (size_t i = 0; i < r->size; i++) r->data[i] /= pb->scale;
    return GSL_SUCCESS;
}

/* GSL allocates J whole (tda = k), so its data is the row-major n x k array. */
static int jacobian(const gsl_vector *x, void *params, gsl_matrix *J)
{
    const problem_t *pb = params;
    const size_t k = J->size2;
    portee_fit_residuals(pb->f, x->data, NULL, J->data, NULL);
    if (pb->f->errors == PORTEE_ERRORS_INCREMENTS)
        for (size_t i = 0; i < J->size1 * k; i++) J->data[i] *= pb->w[i / k];
    else
        for (size_t i = 0; i < J->size1 * k; i++) J->data[i] /= pb->scale;
    return GSL_SUCCESS;
}

/* The increments' weights at θ (r is scratch for n residuals); false when
 * no row has a usable variance or a residual is not finite. */
static bool reweight(problem_t *pb, const double *theta, double *r)
{
    const portee_fit_t *f = pb->f;
    portee_fit_residuals(f, theta, r, NULL, pb->w);
    double sum = 0;
    size_t m = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (!(pb->w[i] > 0 && isfinite(pb->w[i]))) {
            pb->w[i] = 0;
            continue;
        }
        sum += r[i] * r[i] / pb->w[i];
        m++;
    }
    if (!m || !isfinite(sum)) return false;
    pb->scale = sum > 0 ? sqrt(sum / (double)m) : 1;
    for (size_t i = 0; i < f->n; i++)
        if (pb->w[i] > 0) pb->w[i] = 1 / (pb->scale * sqrt(pb->w[i]));
    return true;
}

/* Starting points spread over the curve's speed (p + q)·span, its shape
 * q/p, the market (a multiple of the largest value) and the origin's lead. */
static size_t starts(const problem_t *pb, double x0[][PORTEE_FIT_MAX_PARAMS])
{
    const portee_fit_t *f = pb->f;
    static const double speed[] = {1.5, 4, 10}, shape[] = {1, 10, 100}, market[] = {1.25, 2, 4},
                        lead[] = {1, 4};
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    const double t0 = f->fit_origin || f->origin_implied ? f->t_ref - f->time_step : f->origin;
    const double span = f->t[f->n - 1] - t0;
    const double ymax = inc ? f->y_max : f->y[f->n - 1];
    size_t n = 0;
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 3; b++)
            for (size_t c = 0; c < (f->fit_market ? 3u : 1u); c++)
                for (size_t e = 0; e < (f->fit_origin ? 2u : 1u); e++) {
                    const double sum = speed[a] / span;
                    size_t i = 0;
                    x0[n][i++] = log(sum / (1 + shape[b]));
                    x0[n][i++] = log(sum * shape[b] / (1 + shape[b]));
                    if (f->fit_market) x0[n][i++] = log((market[c] - inc) * ymax);
                    if (f->fit_origin) x0[n][i] = lead[e];
                    n++;
                }
    return n;
}

static const char *stop_reason(int info)
{
    return info == 1 ? "small step" : info == 2 ? "small gradient" : "small change in the residuals";
}

/* One start from x (in place): the plain least squares, or the
 * increments' rounds of least squares, each with the weights at the last
 * round's estimates, until θ settles.  *rss: the residual sum of squares
 * (independent, in the problem's scale) or the Pearson sum (increments), which
 * compare the starts.  A GSL status. */
static int solve(problem_t *pb, gsl_multifit_nlinear_fdf *fdf, gsl_multifit_nlinear_workspace *w, double *x,
                 double *scratch, double *rss, int *info, uint64_t *iterations, uint64_t *rounds)
{
    const size_t n = pb->f->n, k = pb->f->k;
    const bool inc = pb->f->errors == PORTEE_ERRORS_INCREMENTS;
    *iterations = *rounds = 0;
    for (unsigned round = 1;; round++) {
        if (inc && !reweight(pb, x, scratch)) return GSL_EBADFUNC;
        gsl_vector_view xv = gsl_vector_view_array(x, k);
        int status = gsl_multifit_nlinear_init(&xv.vector, fdf, w);
        if (!status) status = gsl_multifit_nlinear_driver(500, 1e-10, 1e-12, 0, NULL, NULL, info, w);
        /* from the last round's solution, with weights that hardly changed,
         * GSL may find no step to take: that solution stands */
        if (status && inc && round > 1 && gsl_multifit_nlinear_niter(w) <= 1) return GSL_SUCCESS;
        *iterations += gsl_multifit_nlinear_niter(w);
        const gsl_vector *xs = gsl_multifit_nlinear_position(w), *rs = gsl_multifit_nlinear_residual(w);
        double sum = 0, change = 0;
        for (size_t i = 0; i < n; i++) sum += rs->data[i] * rs->data[i];
        bool finite = isfinite(sum);
        for (size_t i = 0; i < k; i++) {
            finite &= isfinite(xs->data[i]) && fabs(xs->data[i]) < 700;
            change = fmax(change, fabs(xs->data[i] - x[i]));
        }
        if (inc && xs->data[1] - xs->data[0] > MAX_LN_RATIO) return GSL_EDOM;
        if (inc && xs->data[0] - xs->data[1] > MAX_LN_RATIO) return GSL_ERANGE;
        if (status || !finite) return status ? status : GSL_EBADFUNC;
        memcpy(x, xs->data, k * sizeof *x);
        *rss = inc ? sum * pb->scale * pb->scale : sum;
        if (!inc) return GSL_SUCCESS;
        *rounds = round;
        if (change < ROUND_TOL) return GSL_SUCCESS;
        if (round == MAX_ROUNDS) return GSL_EMAXITER;
    }
}

/* Goodness of fit over the rows that count, from the weighted residuals r
 * at θ̂ (problem scale): independent, RSS, RMSE and R² of the values over the
 * rows after the origin; increments, the Pearson sum, the RMSE of the
 * one-period-ahead predictions and the R² of the increments.  Fills
 * f->fitted (increments: the prediction from the value before where a row
 * counts, elsewhere the curve) and returns the rows that count. */
static size_t goodness(portee_fit_t *f, const problem_t *pb, const portee_fit_curve_t *c, const double *r,
                       double *rss)
{
    const size_t n = f->n;
    const double sc = pb->scale;
    *rss = 0;
    for (size_t i = 0; i < n; i++) f->fitted[i] = portee_fit_curve_at(c, f->t[i]);
    if (f->errors == PORTEE_ERRORS_INDEPENDENT) {
        /* sums of squares in the problem's scale (r and J are divided by
         * it), so s²·(JᵀJ)⁻¹ is as for the unscaled problem; back to the
         * values' scale after */
        const size_t used = portee_fit_count_after(f->t, n, c->t0), u0 = n - used;
        double mean = 0, tss = 0;
        for (size_t i = u0; i < n; i++) {
            *rss += r[i] * r[i];
            mean += f->y[i] / sc / (double)used;
        }
        for (size_t i = u0; i < n; i++) tss += (f->y[i] / sc - mean) * (f->y[i] / sc - mean);
        f->rss = *rss * sc * sc;
        f->rmse = sc * sqrt(*rss / (double)used);
        f->r2 = tss > 0 ? 1 - *rss / tss : NAN;
        return used;
    }
    size_t used = 0;
    double raw = 0, mean = 0, tss = 0;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            double tp, yp;
            if (!(pb->w[i] > 0)) continue;
            portee_fit_inc_period(f, c, i, &tp, &yp);
            const double d = f->y[i] - yp, e = r[i] / pb->w[i]; /* the increment, prediction − value */
            if (pass == 0) {
                f->fitted[i] = f->y[i] + e;
                *rss += r[i] * r[i];
                raw += e * e;
                mean += d;
                used++;
            } else {
                tss += (d - mean / (double)used) * (d - mean / (double)used);
            }
        }
    f->rss = *rss * sc * sc;
    f->rmse = sqrt(raw / (double)used);
    f->r2 = tss > 0 ? 1 - raw / tss : NAN;
    return used;
}

/* Covariance, standard errors and intervals at the solution θ̂. */
static portee_status_t uncertainty(portee_fit_t *f, problem_t *pb, portee_error_t *err)
{
    const size_t n = f->n, k = f->k;
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    gsl_vector_view th = gsl_vector_view_array(f->theta, k);
    gsl_matrix *J = gsl_matrix_alloc(n, k), *C = gsl_matrix_alloc(k, k);
    gsl_vector *r = gsl_vector_alloc(n);
    if (!J || !C || !r) {
        gsl_matrix_free(J);
        gsl_matrix_free(C);
        gsl_vector_free(r);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    if (inc) reweight(pb, f->theta, r->data); /* the weights at θ̂ itself */
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

    /* Only the rows that count: those at or before the origin are 0
     * whatever p and q (residual and gradient 0), so they carry no
     * information and must not add degrees of freedom; with a fitted origin
     * that is decided at the solution. */
    const portee_fit_curve_t c = portee_fit_curve(f, nat);
    double rss;
    const size_t used = goodness(f, pb, &c, r->data, &rss);
    portee_status_t st = PORTEE_OK;
    if (used <= k + 1) { /* a fitted origin after rows above 0 */
        st = portee_fail(err, PORTEE_ERUNTIME, "%s: the fitted origin %g leaves %zu row%s that count, too few "
                                               "to fit %zu parameters and measure the noise: give the origin "
                                               "(--origin T)", f->source, c.t0, used, used == 1 ? "" : "s", k);
        gsl_matrix_free(J);
        gsl_matrix_free(C);
        gsl_vector_free(r);
        return st;
    }
    f->n_used = used;
    f->dof = used - k;
    f->resid_sd = pb->scale * sqrt(rss / (double)f->dof);

    const double s2 = rss / (double)f->dof, tq = gsl_cdf_tdist_Pinv(0.975, (double)f->dof);
    /* d(natural)/dθ: e^θ for p, q and M (its excess over y_max for the
     * increments); −step for the origin t_ref − step·θ */
    double grad[PORTEE_FIT_MAX_PARAMS];
    for (size_t i = 0; i < k; i++) {
        const bool is_origin = f->fit_origin && i == k - 1, is_market = f->fit_market && i == 2;
        grad[i] = is_origin ? -f->time_step : is_market && inc ? nat[i] - f->y_max : nat[i];
        f->est[i] = nat[i];
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            f->cov_theta[i * k + j] = s2 * gsl_matrix_get(C, i, j);
            f->cov[i * k + j] = grad[i] * grad[j] * f->cov_theta[i * k + j];
        }
    const double span = f->t[n - 1] - f->t[0];
    for (size_t i = 0; i < k && !st; i++) {
        const double se_theta = sqrt(f->cov_theta[i * k + i]);
        const bool is_origin = f->fit_origin && i == k - 1, is_market = f->fit_market && i == 2;
        f->se[i] = sqrt(f->cov[i * k + i]);
        if (is_origin) { /* linear: t_ref − step·(θ ± t·se) */
            f->lo95[i] = f->t_ref - f->time_step * (f->theta[i] + tq * se_theta);
            f->hi95[i] = f->t_ref - f->time_step * (f->theta[i] - tq * se_theta);
        } else if (is_market && inc) {
            f->lo95[i] = f->y_max + (nat[i] - f->y_max) * exp(-tq * se_theta);
            f->hi95[i] = f->y_max + (nat[i] - f->y_max) * exp(tq * se_theta);
        } else {
            f->lo95[i] = nat[i] * exp(-tq * se_theta);
            f->hi95[i] = nat[i] * exp(tq * se_theta);
        }
        const char *fix = f->fit_market || f->fit_origin ? "Try fixing it (--market-size M, --origin T), or a longer series"
                          : f->origin_implied ? "Try a longer series, or give the launch (--origin T): the fit then "
                                                "also uses how fast the first adopters came"
                                              : "Try a longer series, or another origin (--origin T)";
        char factor[96];
        if (is_origin) snprintf(factor, sizeof factor, "%.3g (more than the series' span, %g)", f->se[i], span);
        else if (exp(se_theta) < 1e6) snprintf(factor, sizeof factor, "a factor of %.3g", exp(se_theta));
        else snprintf(factor, sizeof factor, "more than a factor of a million");
        const bool too_wide = is_origin ? f->se[i] > span : se_theta > MAX_SE_THETA;
        if (!(se_theta > 0) || !isfinite(se_theta))
            st = portee_fail(err, PORTEE_ERUNTIME, "%s: the data do not determine %s: changing it does "
                                                   "not change the curve where the data are. %s",
                             f->source, portee_fit_param_name(f, i), fix);
        else if (too_wide)
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
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    problem_t pb = {f, 0, NULL};
    for (size_t i = 0; i < f->n; i++) pb.scale = fmax(pb.scale, fabs(f->y[i]));
    const size_t n = f->n, k = f->k;
    gsl_multifit_nlinear_fdf fdf = {.f = residuals, .df = jacobian, .n = n, .p = k, .params = &pb};
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    fp.trs = gsl_multifit_nlinear_trs_lm;
    gsl_multifit_nlinear_workspace *w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, k);
    double *scratch = inc ? malloc(n * sizeof *scratch) : NULL;
    pb.w = inc ? malloc(n * sizeof *pb.w) : NULL;
    if (!w || (inc && (!scratch || !pb.w))) {
        if (w) gsl_multifit_nlinear_free(w);
        free(scratch);
        free(pb.w);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }

    double x0[3 * 3 * 3 * 2][PORTEE_FIT_MAX_PARAMS];
    const size_t n_starts = starts(&pb, x0);
    double best = INFINITY;
    int last_status = GSL_SUCCESS;
    size_t vanished[2] = {0, 0}; /* starts driving p, q to 0 */
    f->starts = n_starts;
    f->starts_converged = 0;
    for (size_t s = 0; s < n_starts; s++) {
        double rss = INFINITY;
        int info = 0;
        uint64_t iterations, rounds;
        const int status = solve(&pb, &fdf, w, x0[s], scratch, &rss, &info, &iterations, &rounds);
        if (status) {
            last_status = status;
            vanished[0] += status == GSL_EDOM;
            vanished[1] += status == GSL_ERANGE;
            continue;
        }
        f->starts_converged++;
        if (rss < best) {
            best = rss;
            memcpy(f->theta, x0[s], k * sizeof *f->theta);
            f->iterations = iterations;
            f->rounds = rounds;
            free(f->stop_reason);
            f->stop_reason = strdup(stop_reason(info));
        }
    }
    gsl_multifit_nlinear_free(w);
    free(scratch);
    portee_status_t st;
    if (f->starts_converged == 0 && f->fit_origin)
        st = portee_fail(err, PORTEE_ERUNTIME,
                         "%s: the fit did not converge from any of %zu starting points (GSL: %s). With "
                         "--fit-origin the launch can drift ever earlier while p shrinks, when the series "
                         "rises more steeply than a Bass curve from a launch allows: give the origin "
                         "(--origin T)", f->source, n_starts, gsl_strerror(last_status));
    else if (f->starts_converged == 0 && vanished[0] >= vanished[1] && vanished[0])
        st = portee_fail(err, PORTEE_ERUNTIME,
                         "%s: the data do not determine p: from %zu of %zu starting points the fit drives it "
                         "towards 0 (q/p above a million), the values growing as by imitation alone. %s",
                         f->source, vanished[0], n_starts,
                         f->origin_implied ? "The fit starts from the first value above 0, so how fast the first "
                                             "adopters came is not used: give the launch (--origin T)"
                                           : "Try a longer series, or another origin (--origin T)");
    else if (f->starts_converged == 0 && vanished[1])
        st = portee_fail(err, PORTEE_ERUNTIME,
                         "%s: the data do not determine q: from %zu of %zu starting points the fit drives it "
                         "towards 0 (p/q above a million), the values growing no faster as more have adopted, "
                         "as by innovation alone. Try a longer series", f->source, vanished[1], n_starts);
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
    free(pb.w);
    return st;
}
