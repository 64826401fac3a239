/* fit_internal.h — what the fit (fit.c), the forecast (fit_forecast.c) and
 * the file (fit_io.c) share: one mapping from the fit's parameters θ to the
 * natural scale and one curve from those, so estimates and draws cannot
 * drift apart. */
#ifndef PORTEE_FIT_INTERNAL_H
#define PORTEE_FIT_INTERNAL_H

#include "sim/fit/bass.h"
#include "sim/fit/fit.h"

/* One Bass curve M·F(t − t0; p, q). */
typedef struct {
    double p, q, M, t0;
} portee_fit_curve_t;

/* Index of the first value above 0 in y (there is one): its time is
 * f->t_ref, the reference of a fitted origin t0 = t_ref − e^θ. */
size_t portee_fit_first_positive(const double *y);

/* θ = (ln p, ln q [, ln M] [, ln(t_ref − origin)]) to the natural-scale
 * parameters (p, q [, M] [, origin]), k of them. */
void portee_fit_natural(const portee_fit_t *f, const double *theta, double *nat);

/* The curve of natural-scale parameters nat (p, q [, M] [, origin]); the
 * market and origin not fitted are f's. */
portee_fit_curve_t portee_fit_curve(const portee_fit_t *f, const double *nat);

static inline double portee_fit_curve_at(const portee_fit_curve_t *c, double t)
{
    return c->M * portee_bass_cdf(t - c->t0, c->p, c->q);
}

#endif
