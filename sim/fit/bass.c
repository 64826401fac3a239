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

/* τ(s) = [ln(1 + s·q/p) − ln(1 − s)]/(p + q), and its derivatives
 * ∂τ/∂p = −[sq/(p(p + sq)) + τ]/(p + q), ∂τ/∂q = [s/(p + sq) − τ]/(p + q),
 * ∂τ/∂s = 1/((p + qs)(1 − s)). */
void portee_bass_flow(double s, double h, double p, double q, double *f, double *df_dp, double *df_dq,
                      double *df_ds)
{
    const double b = p + q, tau = portee_bass_time_to_share(s, p, q), t1 = tau + h;
    double F, Fp, Fq;
    portee_bass_cdf_grad(t1, p, q, &F, &Fp, &Fq);
    const double rate = portee_bass_pdf(t1, p, q);
    if (f) *f = s > 0 ? fmax(F, s) : F; /* F(τ(s)) = s up to rounding: never below s */
    if (df_dp) *df_dp = Fp - rate * (s * q / (p * (p + s * q)) + tau) / b;
    if (df_dq) *df_dq = Fq + rate * (s / (p + s * q) - tau) / b;
    if (df_ds) *df_ds = s > 0 || h > 0 ? rate / ((p + q * s) * (1 - s)) : 0;
}

/* With E = e^{−bτ} (b = p + q), 1/f(τ) = (p²/E + 2pq + q²E)/(p b²) and
 * f(τ₁)² = p² b⁴ E₁²/(p + qE₁)⁴, so that
 *   v = p b² / (p + qE₁)⁴ · [p² E₁ (1 − e^{−bh})/b + 2pq h E₁² + q² E₁² (E₀ − E₁)/b],
 * written with E₁·(1 − E₁/E₀) for E₁²(1/E₁ − 1/E₀) so that nothing
 * overflows late in the curve, where E is tiny. */
double portee_bass_flow_var(double s, double h, double p, double q)
{
    if (!(h > 0)) return 0;
    const double b = p + q, tau = portee_bass_time_to_share(s, p, q);
    const double E0 = exp(-b * tau), E1 = E0 * exp(-b * h), v = p + q * E1;
    const double bracket = -p * p * E1 * expm1(-b * h) / b + 2 * p * q * h * E1 * E1 + q * q * E1 * E1 * (E0 - E1) / b;
    return p * b * b / (v * v * v * v) * bracket;
}
