/* test_fit_increments.c — the increments error model (sim/fit/fit.h): the
 * Bass curve as a flow and its derivatives; the variance of the stochastic
 * Bass process one period on (the linear noise approximation) against its
 * integral and against an exact simulation of N adopters; the increments'
 * Jacobian against finite differences; recovery of p, q and the dispersion
 * 1/N from exactly simulated processes; series that dip and a given origin
 * at a small first value; the forecast (the same for any thread count, its
 * bands the curve's plus the process's noise, the share dates carried on
 * from the last value below them).  Fixed seeds; the Monte Carlo tolerances
 * are numbers of standard errors.  The coverage of the intervals on the
 * engine's own adoption model is test_fit_coverage's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit.h"
#include "sim/fit/fit_internal.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

#define K_SE 5.0

/* The share of N adopters at each time in t[0..n) (increasing, from 0 at
 * time 0), the exact process: each of the N − A not yet adopted adopts at
 * the hazard p + q·A/N (Gillespie: exponential waits, one adopter at a
 * time).  A0 adopters at time 0. */
static void simulate_bass(gsl_rng *r, double p, double q, unsigned N, unsigned A0, const double *t, size_t n,
                          double *share)
{
    unsigned A = A0;
    double now = 0;
    size_t i = 0;
    while (i < n) {
        const double rate = (double)(N - A) * (p + q * (double)A / (double)N);
        const double next = A < N ? now + gsl_ran_exponential(r, 1 / rate) : INFINITY;
        while (i < n && t[i] < next) share[i++] = (double)A / (double)N;
        now = next;
        A++;
    }
}

static void test_flow(gsl_rng *r)
{
    const double ps[] = {0.003, 0.03, 0.3}, qs[] = {0.05, 0.38, 2.0}, ss[] = {0, 0.01, 0.3, 0.8}, hs[] = {0.1, 1, 4};
    double worst_f = 0, worst_d = 0, worst_v = 0, worst_short = 0;
    for (size_t a = 0; a < 3; a++)
        for (size_t b = 0; b < 3; b++)
            for (size_t c = 0; c < 4; c++)
                for (size_t e = 0; e < 3; e++) {
                    const double p = ps[a], q = qs[b], s = ss[c], h = hs[e];
                    const double tau = s > 0 ? portee_bass_time_to_share(s, p, q) : 0;
                    double F, Fp, Fq, Fs;
                    portee_bass_flow(s, h, p, q, &F, &Fp, &Fq, &Fs);
                    worst_f = fmax(worst_f, fabs(F - portee_bass_cdf(tau + h, p, q)));
                    const double dp = 1e-6 * p, dq = 1e-6 * q, ds = 1e-7;
                    double up, dn;
                    portee_bass_flow(s, h, p + dp, q, &up, NULL, NULL, NULL);
                    portee_bass_flow(s, h, p - dp, q, &dn, NULL, NULL, NULL);
                    worst_d = fmax(worst_d, fabs(Fp - (up - dn) / (2 * dp)) * p);
                    portee_bass_flow(s, h, p, q + dq, &up, NULL, NULL, NULL);
                    portee_bass_flow(s, h, p, q - dq, &dn, NULL, NULL, NULL);
                    worst_d = fmax(worst_d, fabs(Fq - (up - dn) / (2 * dq)) * q);
                    if (s > 0) {
                        portee_bass_flow(s + ds, h, p, q, &up, NULL, NULL, NULL);
                        portee_bass_flow(s - ds, h, p, q, &dn, NULL, NULL, NULL);
                        worst_d = fmax(worst_d, fabs(Fs - (up - dn) / (2 * ds)) * s);
                    }
                    /* v = f(τ₁)² ∫ dτ/f(τ) from τ₀ to τ₁, by Simpson's rule */
                    const int m = 2000;
                    double integral = 0;
                    for (int i = 0; i <= m; i++) {
                        const double x = tau + h * i / m, w = i == 0 || i == m ? 1 : i % 2 ? 4 : 2;
                        const double fx = x > 0 ? portee_bass_pdf(x, p, q) : p; /* f(0+) = p */
                        integral += w / fx;
                    }
                    integral *= h / (3.0 * m);
                    const double f1 = portee_bass_pdf(tau + h, p, q), v = portee_bass_flow_var(s, h, p, q);
                    worst_v = fmax(worst_v, fabs(v / (f1 * f1 * integral) - 1));
                    const double hh = 1e-6;
                    worst_short = fmax(worst_short, fabs(portee_bass_flow_var(s, hh, p, q) /
                                                         ((p + q * s) * (1 - s) * hh) - 1));
                }
    CHECK(worst_f < 1e-12, "flow from s over h = F(τ(s) + h) (worst %.3g)", worst_f);
    CHECK(worst_d < 1e-6, "flow's derivatives by p, q, s match finite differences (worst, scaled: %.3g)", worst_d);
    CHECK(worst_v < 1e-6, "flow variance = f(τ₁)² ∫ dτ/f(τ) (worst relative %.3g)", worst_v);
    CHECK(worst_short < 1e-4, "flow variance over a short h = (p + qs)(1 − s)·h (worst relative %.3g)", worst_short);
    CHECK(portee_bass_flow_var(0.3, 0, 0.03, 0.4) == 0, "no variance over no time");

    /* N adopters simulated exactly from a share s over h: the mean is the
     * flow and N times the variance is v, to O(1/N) (the approximation's
     * own error, far below these standard errors) */
    const unsigned N = 2000, R = 4000;
    const double p = 0.03, q = 0.5, h = 1.5;
    const unsigned A0 = 400;
    const double s0 = (double)A0 / N, t = h;
    double m1 = 0, m2 = 0, m4 = 0, x[4000];
    for (unsigned k = 0; k < R; k++) {
        portee_rng_stream(r, 31, 0, k, 0);
        simulate_bass(r, p, q, N, A0, &t, 1, &x[k]);
        m1 += x[k] / R;
    }
    for (unsigned k = 0; k < R; k++) {
        const double d = x[k] - m1;
        m2 += d * d / (R - 1);
        m4 += d * d * d * d / R;
    }
    double F;
    portee_bass_flow(s0, h, p, q, &F, NULL, NULL, NULL);
    const double v = portee_bass_flow_var(s0, h, p, q) / N;
    printf("%u adopters from %.2f over %g: mean %.5f (flow %.5f), variance x N %.4f (v %.4f)\n", N, s0, h, m1, F,
           m2 * N, v * N);
    CHECK_SE(m1, F, sqrt(m2 / R), K_SE, "simulated mean one period on = the flow");
    CHECK_SE(m2, v, sqrt((m4 - m2 * m2) / R), K_SE, "simulated variance one period on = v/N");
    /* the Poisson variance of the period's start, (p + qs)(1 − s)·h, would
     * be rejected: imitation feeds the noise on */
    const double poisson = (p + q * s0) * (1 - s0) * h / N;
    CHECK(fabs(m2 - poisson) > K_SE * sqrt((m4 - m2 * m2) / R), "the short-h variance %.3g would be rejected",
          poisson * N);
}

/* An exactly simulated process of N adopters observed at n yearly times
 * 1..n after a launch at 0, as a series (owned; portee_csv_series_free). */
static void process_series(gsl_rng *r, uint64_t seed, uint64_t index, double p, double q, unsigned N, size_t n,
                           portee_csv_series_t *s)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->x = malloc(n * sizeof *s->x);
    s->y = malloc(n * sizeof *s->y);
    s->line = malloc(n * sizeof *s->line);
    for (size_t i = 0; i < n; i++) {
        s->x[i] = (double)(i + 1);
        s->line[i] = i + 2;
    }
    portee_rng_stream(r, seed, 0, index, 0);
    simulate_bass(r, p, q, N, 0, s->x, n, s->y);
}

static const portee_fit_spec_t inc_spec = {.market_size = 1, .value_units = "share",
                                           .origin_mode = PORTEE_ORIGIN_DEFAULT,
                                           .errors = PORTEE_ERRORS_INCREMENTS};

static void test_jacobian(gsl_rng *r)
{
    portee_csv_series_t s;
    process_series(r, 3, 0, 0.03, 0.4, 5000, 12, &s);
    struct {
        bool fit_market;
        portee_origin_mode_t om;
    } cases[] = {{false, PORTEE_ORIGIN_DEFAULT}, {false, PORTEE_ORIGIN_GIVEN}, {true, PORTEE_ORIGIN_DEFAULT},
                 {true, PORTEE_ORIGIN_GIVEN}};
    for (size_t c = 0; c < 4; c++) {
        portee_fit_spec_t spec = inc_spec;
        spec.fit_market = cases[c].fit_market;
        spec.origin_mode = cases[c].om;
        spec.origin = 0.2;
        if (spec.fit_market) spec.value_units = "count";
        portee_fit_t f;
        portee_error_t err;
        if (!CHECK(portee_fit_prepare("process", &s, &spec, &f, &err) == PORTEE_OK, "prepare: %s", err.msg)) {
            portee_fit_free(&f);
            continue;
        }
        const size_t n = f.n, k = f.k;
        double theta[3] = {log(0.02), log(0.5), log(0.3)}, J[12 * 3], rp[12], rm[12], var[12], worst = 0;
        size_t counted = 0;
        portee_fit_residuals(&f, theta, NULL, J, var);
        for (size_t i = 0; i < n; i++) counted += var[i] > 0;
        for (size_t j = 0; j < k; j++) {
            const double h = 1e-6, keep = theta[j];
            theta[j] = keep + h;
            portee_fit_residuals(&f, theta, rp, NULL, NULL);
            theta[j] = keep - h;
            portee_fit_residuals(&f, theta, rm, NULL, NULL);
            theta[j] = keep;
            for (size_t i = 0; i < n; i++) {
                const double fd = (rp[i] - rm[i]) / (2 * h);
                worst = fmax(worst, fabs(J[i * k + j] - fd) / fmax(fabs(fd), 1e-6));
            }
        }
        const size_t want = cases[c].om == PORTEE_ORIGIN_GIVEN ? n : n - 1; /* implied: from the first value */
        CHECK(worst < 1e-6 && counted == want, "increments' Jacobian (market %s, origin %s) matches finite "
              "differences (worst relative %.3g); %zu rows count, %zu expected",
              spec.fit_market ? "fitted" : "fixed", cases[c].om == PORTEE_ORIGIN_GIVEN ? "given" : "implied", worst,
              counted, want);
        portee_fit_free(&f);
    }
    portee_csv_series_free(&s);
}

/* Exactly simulated processes: p and q within 3 standard errors of the
 * truth, and the dispersion φ is 1/N (s² ~ φ χ²(dof)/dof pooled over the
 * series: its mean within its standard error, φ·sqrt(2/dof/R)). */
static void test_recovery(gsl_rng *r)
{
    const unsigned N = 5000, R = 200;
    const size_t n = 14;
    double mean_phi = 0, dof = 0;
    size_t within[2] = {0, 0}, fitted = 0;
    for (unsigned k = 0; k < R; k++) {
        portee_csv_series_t s;
        portee_fit_t f;
        portee_error_t err;
        process_series(r, 4, k, 0.03, 0.38, N, n, &s);
        if (!portee_fit_prepare("process", &s, &inc_spec, &f, &err) && !portee_fit_estimate(&f, &err)) {
            fitted++;
            mean_phi += f.resid_sd * f.resid_sd * N / R;
            dof = (double)f.dof;
            for (size_t i = 0; i < 2; i++) within[i] += fabs(f.est[i] - (i ? 0.38 : 0.03)) <= 3 * f.se[i];
        }
        portee_fit_free(&f);
        portee_csv_series_free(&s);
    }
    printf("%u exact processes of %u adopters: %zu fitted, p within 3 se in %zu, q in %zu; mean dispersion x N "
           "%.3f\n", R, N, fitted, within[0], within[1], mean_phi);
    CHECK(fitted == R, "every series fits (%zu of %u)", fitted, R);
    /* within 3 se: 99.3 % for a t with 11 dof; at least 97 % of 200 */
    CHECK(within[0] >= 0.97 * R && within[1] >= 0.97 * R, "p and q within 3 se in %zu and %zu of %u", within[0],
          within[1], R);
    CHECK_SE(mean_phi, 1.0, sqrt(2 / dof / R), K_SE, "dispersion x N = 1 for N independent adopters");
    CHECK(fabs(mean_phi - 2) > K_SE * sqrt(2 / dof / R), "twice the dispersion would be rejected");
}

/* A series that dips (survey noise) is accepted, listed and fitted; an
 * origin at a small first value is accepted, at a large one refused. */
static void test_dips_and_origin(void)
{
    double x[] = {2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017};
    double y[] = {0.026, 0.058, 0.114, 0.173, 0.169, 0.356, 0.473, 0.579, 0.664, 0.745};
    size_t line[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, rows[4];
    const portee_csv_series_t s = {.n = 10, .x = x, .y = y, .line = line};
    portee_error_t err;
    portee_fit_t f;
    CHECK(portee_fit_check_series("dip", &s, &inc_spec, &err) == PORTEE_OK, "a dip is not an error: %s", err.msg);
    CHECK(portee_fit_dips(&s, rows, 4) == 1 && rows[0] == 4, "one dip, at row 4");
    CHECK(portee_fit_prepare("dip", &s, &inc_spec, &f, &err) == PORTEE_OK && portee_fit_estimate(&f, &err) == PORTEE_OK,
          "a series with a dip fits: %s", err.msg);
    portee_fit_free(&f);

    portee_fit_spec_t spec = inc_spec;
    spec.origin_mode = PORTEE_ORIGIN_GIVEN;
    spec.origin = 2008; /* 0.026 is 3.5 % of the largest value */
    for (int e = 0; e < 2; e++) {
        spec.errors = e ? PORTEE_ERRORS_INDEPENDENT : PORTEE_ERRORS_INCREMENTS;
        portee_status_t st = portee_fit_prepare("dip", &s, &spec, &f, &err);
        if (!st) st = portee_fit_estimate(&f, &err);
        CHECK(st == PORTEE_OK && f.n_used == 9, "%s: --origin at a small first value fits, from it: %s",
              e ? "independent" : "increments", st ? err.msg : "");
        portee_fit_free(&f);
    }
    y[0] = 0.2;
    y[1] = 0.21;
    spec.origin = 2008; /* 0.2 is 27 % of the largest: not noise around 0 */
    CHECK(portee_fit_prepare("big", &s, &spec, &f, &err) == PORTEE_EINPUT && strstr(err.msg, "not noise around 0"),
          "--origin at a large first value is refused: %s", err.msg);
    portee_fit_free(&f);
}

/* The forecast: identical for 1 and 2 threads, another seed differs; after
 * the last observation the prediction at a step is the draw's flow from the
 * last value plus its noise s_d·sqrt(M²v): variances add (Var of the draws'
 * flows + mean of s_d²·M²v, both from the draws themselves); a share date
 * above the last value is the last value's time plus τ(x) − τ(y_n/M). */
static void test_forecast(gsl_rng *r)
{
    portee_csv_series_t s;
    process_series(r, 6, 0, 0.03, 0.38, 3000, 9, &s);
    portee_fit_t a, b, c;
    portee_error_t err;
    bool ok = true;
    for (int i = 0; i < 3; i++)
        ok &= !portee_fit_prepare("process", &s, &inc_spec, i == 0 ? &a : i == 1 ? &b : &c, &err) &&
              !portee_fit_estimate(i == 0 ? &a : i == 1 ? &b : &c, &err);
    portee_forecast_spec_t fs = {.seed = 42, .draws = 20000, .threads = 1, .horizon = NAN, .n_shares = 2,
                                 .shares = {0.5, 0.9}};
    if (!CHECK(ok, "fit: %s", err.msg) || !CHECK(portee_fit_forecast(&a, &fs, &err) == PORTEE_OK, "forecast: %s", err.msg))
        goto done;
    fs.threads = 2;
    CHECK(portee_fit_forecast(&b, &fs, &err) == PORTEE_OK, "forecast, 2 threads: %s", err.msg);
    fs.seed = 43;
    CHECK(portee_fit_forecast(&c, &fs, &err) == PORTEE_OK, "forecast, seed 43: %s", err.msg);
    const size_t k = a.k, N = a.draws, K = a.n_steps;
    CHECK(b.n_steps == K && !memcmp(a.param_draws, b.param_draws, N * k * sizeof(double)) &&
          !memcmp(a.share_draws, b.share_draws, 2 * N * sizeof(double)) &&
          !memcmp(a.pred, b.pred, K * sizeof *a.pred) && !memcmp(a.curve_band, b.curve_band, K * sizeof *a.pred),
          "increments, 1 and 2 threads: identical draws, dates and bands");
    CHECK(memcmp(a.pred, c.pred, K * sizeof *a.pred) != 0, "increments, another seed: other bands");

    const double t_last = a.t[a.n - 1], y_last = a.y[a.n - 1];
    size_t j = 0;
    while (j < K && a.step_t[j] <= t_last) j++;
    if (!CHECK(j < K, "a forecast step after the last observation")) goto done;
    double m_noise = 0, m_mean = 0, m_mean2 = 0;
    for (size_t d = 0; d < N; d++) {
        const portee_fit_curve_t cv = portee_fit_curve(&a, a.param_draws + d * k);
        double mean, var;
        portee_fit_inc_step(&cv, y_last, a.step_t[j] - t_last, &mean, &var);
        m_noise += a.sd_draws[d] * a.sd_draws[d] * var / (double)N;
        m_mean += mean / (double)N;
        m_mean2 += mean * mean / (double)N;
    }
    const double vc = m_mean2 - m_mean * m_mean, vp = a.pred[j].sd * a.pred[j].sd;
    const double nu = (double)a.dof, se_v = (vc + m_noise) * sqrt((2 + 6 / (nu - 4)) / (double)N);
    printf("first step after the last observation: curve sd %.4g, prediction sd %.4g, noise sd %.4g\n",
           sqrt(vc), sqrt(vp), sqrt(m_noise));
    CHECK(fabs(a.curve_band[j].mean - m_mean) < 1e-9, "the curve band after the last value is the draws' flow from it");
    CHECK_SE(vp, vc + m_noise, se_v, K_SE, "prediction variance = the flows' variance + the process's noise");
    CHECK(fabs(vp - vc) > K_SE * se_v, "bands without the process's noise would be rejected");

    /* the fitted 90 % date, above every value: carried on from the last one */
    const double want = t_last + portee_bass_time_to_share(0.9, a.est[0], a.est[1]) -
                        portee_bass_time_to_share(y_last, a.est[0], a.est[1]);
    CHECK(y_last < 0.9 && fabs(a.share_fitted[1] - want) < 1e-9, "90 %% date %.4f, carried on from the last value: "
          "%.4f", a.share_fitted[1], want);
done:
    portee_fit_free(&a);
    portee_fit_free(&b);
    portee_fit_free(&c);
    portee_csv_series_free(&s);
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    test_flow(r);
    test_jacobian(r);
    test_recovery(r);
    test_dips_and_origin();
    test_forecast(r);
    gsl_rng_free(r);
    return portee_test_summary("test_fit_increments");
}
