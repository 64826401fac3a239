#include "sim/fit/bass.h"

#include <math.h>

double portee_bass_cdf(double t, double p, double q)
{
    if (t <= 0) return 0;
    const double E = exp(-(p + q) * t);
    /* E = 0: all adopted (p/p below); also when p or q is so large that
     * p + q overflows, where p/p would be ∞/∞ */
    if (E == 0) return 1;
    return -p * expm1(-(p + q) * t) / (p + q * E);
}

double portee_bass_pdf(double t, double p, double q)
{
    if (t <= 0) return 0;
    const double b = p + q, E = exp(-b * t), v = p + q * E;
    return p * b * b * E / (v * v);
}

/* With u = p(1 − E) and v = p + qE, F = u/v and ∂E/∂p = ∂E/∂q = −tE. */
void portee_bass_cdf_grad(double t, double p, double q, double *f, double *df_dp, double *df_dq)
{
    double F = 0, Fp = 0, Fq = 0;
    if (t > 0) {
        const double E = exp(-(p + q) * t), one_minus_E = -expm1(-(p + q) * t);
        const double u = p * one_minus_E, v = p + q * E;
        const double u_p = one_minus_E + p * t * E, u_q = p * t * E;
        const double v_p = 1 - q * t * E, v_q = E * (1 - q * t);
        F = u / v;
        Fp = (u_p * v - u * v_p) / (v * v);
        Fq = (u_q * v - u * v_q) / (v * v);
    }
    if (f) *f = F;
    if (df_dp) *df_dp = Fp;
    if (df_dq) *df_dq = Fq;
}

double portee_bass_time_to_share(double x, double p, double q)
{
    return (log1p(x * q / p) - log1p(-x)) / (p + q);
}
