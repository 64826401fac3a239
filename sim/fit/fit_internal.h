/* fit_internal.h — what the fit (fit.c), the forecast (fit_forecast.c) and
 * the file (fit_io.c) share: one mapping from the fit's parameters θ to the
 * natural scale and one curve from those, so estimates and draws cannot
 * drift apart. */
#ifndef PORTEE_FIT_INTERNAL_H
#define PORTEE_FIT_INTERNAL_H

#include <math.h>
#include <stdbool.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit.h"

/* One Bass curve M·F(t − t0; p, q). */
typedef struct {
    double p, q, M, t0;
} portee_fit_curve_t;

/* Rows with a time after origin (times increase: a suffix). */
static inline size_t portee_fit_count_after(const double *t, size_t n, double origin)
{
    size_t m = 0;
    while (m < n && t[n - 1 - m] > origin) m++;
    return m;
}

/* Index of the first value above 0 in y (there is one): its time is
 * f->t_ref, the reference of a fitted origin t0 = t_ref − time_step·θ. */
size_t portee_fit_first_positive(const double *y);

/* θ = (ln p, ln q [, ln M, or ln(M − y_max) for the increments]
 * [, (t_ref − origin)/time_step]) to the natural-scale parameters
 * (p, q [, M] [, origin]), k of them. */
void portee_fit_natural(const portee_fit_t *f, const double *theta, double *nat);

/* The curve of natural-scale parameters nat (p, q [, M] [, origin]); the
 * market and origin not fitted are f's, and an implied origin is where
 * this curve starts to pass through the first value above 0:
 * t_ref − τ(y_ref/M; p, q). */
portee_fit_curve_t portee_fit_curve(const portee_fit_t *f, const double *nat);

/* Increments: whether row i counts for the curve c and, if it does, where
 * its period starts: the value before (t_{i−1}, y_{i−1}) or the origin at
 * 0 (the rows that count are after the origin, or after the first value
 * above 0 when the origin is implied; not one after a value at a fixed M). */
bool portee_fit_inc_period(const portee_fit_t *f, const portee_fit_curve_t *c, size_t i, double *t_prev,
                           double *y_prev);

/* portee_fit_residuals for the increments (sim/fit/fit_increments.c). */
void portee_fit_inc_residuals(const portee_fit_t *f, const double *theta, double *r, double *J, double *var);

/* One step of the process from value y at time t_prev to time t on the
 * curve c: its mean and variance per unit of dispersion (M²·v). */
static inline void portee_fit_inc_step(const portee_fit_curve_t *c, double y, double h, double *mean, double *var)
{
    const double s = fmin(fmax(y / c->M, 0), 1);
    double F;
    if (s >= 1) {
        *mean = c->M;
        *var = 0;
        return;
    }
    portee_bass_flow(s, h, c->p, c->q, &F, NULL, NULL, NULL);
    *mean = c->M * F;
    *var = c->M * c->M * portee_bass_flow_var(s, h, c->p, c->q);
}

static inline double portee_fit_curve_at(const portee_fit_curve_t *c, double t)
{
    return c->M * portee_bass_cdf(t - c->t0, c->p, c->q);
}

#endif
