/* fit_increments.c — the increments error model's rows: each period from
 * the value before it, its mean, variance and the Jacobian of the mean
 * (fit.h; the reweighted fit itself is fit.c's, shared with the independent errors). */
#include "sim/fit/fit.h"

#include <math.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit_internal.h"

bool portee_fit_inc_period(const portee_fit_t *f, const portee_fit_curve_t *c, size_t i, double *t_prev,
                           double *y_prev)
{
    /* with the origin implied the fit starts from the first value above 0,
     * whatever curve led there */
    const double from = f->origin_implied ? f->t_ref : c->t0;
    if (!(f->t[i] > from)) return false;
    if (!(i > 0 && f->t[i - 1] >= from)) {
        *t_prev = c->t0;
        *y_prev = 0;
        return true;
    }
    *t_prev = f->t[i - 1];
    *y_prev = f->y[i - 1];
    /* a fitted M holds every value (y_max + e^θ); a fixed one may be
     * reached, and then nothing is left to adopt: no information */
    return *y_prev < c->M;
}

/* Row i's mean M·F(τ(s) + h), s = y_prev/M, and its derivatives: by p and
 * q through F and τ (portee_bass_flow), by M through the scale and s =
 * y_prev/M (∂/∂M = F − s·∂F/∂s).  The origin is never a parameter here: a
 * fitted one is the implied one. */
void portee_fit_inc_residuals(const portee_fit_t *f, const double *theta, double *r, double *J, double *var)
{
    double nat[PORTEE_FIT_MAX_PARAMS];
    portee_fit_natural(f, theta, nat);
    const portee_fit_curve_t c = portee_fit_curve(f, nat);
    const size_t k = f->k;
    for (size_t i = 0; i < f->n; i++) {
        double tp, yp, F = 0, Fp = 0, Fq = 0, Fs = 0;
        const bool counts = portee_fit_inc_period(f, &c, i, &tp, &yp);
        const double s = counts ? yp / c.M : 0, h = f->t[i] - tp;
        if (counts) portee_bass_flow(s, h, c.p, c.q, &F, &Fp, &Fq, &Fs);
        if (r) r[i] = counts ? c.M * F - f->y[i] : 0;
        if (var) var[i] = counts ? c.M * c.M * portee_bass_flow_var(s, h, c.p, c.q) : 0;
        if (!J) continue;
        double *row = J + i * k;
        size_t j = 0;
        row[j++] = counts ? c.M * c.p * Fp : 0;
        row[j++] = counts ? c.M * c.q * Fq : 0;
        if (f->fit_market) row[j] = counts ? (F - s * Fs) * (c.M - f->y_max) : 0;
    }
}
