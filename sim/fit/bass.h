/* bass.h — the deterministic Bass diffusion curve (docs/models.md, adoption).
 *
 * Cumulative share adopted after a time t since launch, with innovation p and
 * imitation q (both > 0, per unit of t):
 *     F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t})
 * computed as p(1 − E)/(p + qE) with E = e^{−(p+q)t}, so that neither a tiny
 * p nor a large t divides by zero or loses the leading digits.  Before launch
 * (t ≤ 0) nothing is adopted: F = 0, and so are its derivatives.
 *
 * The same curve read as a flow: from a share s, after a further time h the
 * curve is at F(τ(s) + h), τ(s) the time it takes to reach s (the ODE
 * dF/dt = (p + qF)(1 − F) has no clock of its own).  That is the expected
 * level one period on of the stochastic Bass process of N independent
 * adopters (each adopts at the hazard p + q·share), to order 1/N, and
 * v(s, h)/N its variance (the linear noise approximation of the process:
 * adoptions as Poisson jumps of 1/N at the rate N·(p + qs)(1 − s), their
 * deviations carried along the flow):
 *     v = f(τ₁)² ∫ from τ₀ to τ₁ of dτ/f(τ),   τ₀ = τ(s), τ₁ = τ₀ + h,
 * f = dF/dt, in closed form (portee_bass_flow_var).  For a short h it is
 * (p + qs)(1 − s)·h, a Poisson count's variance.
 *
 * Contract: p, q > 0; results are finite for any finite t (portee_bass_cdf
 * also for an infinite p or q: then F = 1 after launch).
 * x (a share) must lie in (0, 1) for portee_bass_time_to_share, s in
 * [0, 1) and h ≥ 0 for the flow. */
#ifndef PORTEE_MODELS_BASS_H
#define PORTEE_MODELS_BASS_H

/* F(t; p, q), in [0, 1). */
double portee_bass_cdf(double t, double p, double q);

/* The adoption rate dF/dt = p (p+q)² E / (p + qE)², which is also −dF/dt0
 * when t is measured from a launch time t0. */
double portee_bass_pdf(double t, double p, double q);

/* F and its partial derivatives with respect to p and q (analytic: the fit's
 * Jacobian); any output pointer may be NULL. */
void portee_bass_cdf_grad(double t, double p, double q, double *f, double *df_dp, double *df_dq);

/* The time at which F reaches the share x:
 *     t = [ln(1 + x·q/p) − ln(1 − x)] / (p + q),
 * the closed-form inverse of F (every share below 1 is reached in finite time). */
double portee_bass_time_to_share(double x, double p, double q);

/* The flow from share s over a time h: F(τ(s) + h), and its partial
 * derivatives with respect to p, q and s (analytic: the increments fit's
 * Jacobian); any output pointer may be NULL. */
void portee_bass_flow(double s, double h, double p, double q, double *f, double *df_dp, double *df_dq,
                      double *df_ds);

/* v(s, h): N times the variance of the share one period h on, from s, in
 * a stochastic Bass process of N adopters (the comment at the top). */
double portee_bass_flow_var(double s, double h, double p, double q);

#endif
