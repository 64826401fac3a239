/* test_fit.c — the Bass closed form, its derivatives and inverse; the fit's
 * Jacobian against finite differences; recovery of known p and q (and M,
 * and the origin) within the reported standard errors; honest standard
 * errors: coverage of the 95 % intervals over many noisy series and the mean
 * residual variance against the true one; the forecast's draws (noise sd
 * from a scaled χ², parameters normal given it) against the estimated
 * covariance, its prediction bands against curve + noise, and the same
 * numbers for any thread count.  Fixed seeds; every tolerance is a
 * number of standard errors of the quantity checked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "sim/fit/bass.h"
#include "sim/fit/fit.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

#define K_SE 5.0 /* tolerance of the Monte Carlo checks, in standard errors */

/* More than K_SE standard errors apart: a wrong model would be rejected. */
static bool mc_far_from(double observed, double wrong, double se) { return fabs(observed - wrong) > K_SE * se; }

/* F by the textbook formula, for comparison. */
static double bass_textbook(double t, double p, double q)
{
    const double E = exp(-(p + q) * t);
    return (1 - E) / (1 + q / p * E);
}

static void test_closed_form(void)
{
    const double ps[] = {1e-4, 0.003, 0.03, 0.3}, qs[] = {0.01, 0.38, 2.0};
    double worst_f = 0, worst_inv = 0, worst_pdf = 0, worst_grad = 0;
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 3; j++) {
            const double p = ps[i], q = qs[j];
            for (double t = 0.25; t < 60; t *= 1.7) {
                const double F = portee_bass_cdf(t, p, q);
                worst_f = fmax(worst_f, fabs(F - bass_textbook(t, p, q)));
                /* central differences, step scaled to each argument */
                const double h = 1e-5 * t, hp = 1e-6 * p, hq = 1e-6 * q;
                const double dt = (portee_bass_cdf(t + h, p, q) - portee_bass_cdf(t - h, p, q)) / (2 * h);
                const double dp = (portee_bass_cdf(t, p + hp, q) - portee_bass_cdf(t, p - hp, q)) / (2 * hp);
                const double dq = (portee_bass_cdf(t, p, q + hq) - portee_bass_cdf(t, p, q - hq)) / (2 * hq);
                double f2, Fp, Fq;
                portee_bass_cdf_grad(t, p, q, &f2, &Fp, &Fq);
                worst_pdf = fmax(worst_pdf, fabs(portee_bass_pdf(t, p, q) - dt) / fmax(fabs(dt), 1e-3));
                worst_grad = fmax(worst_grad, fmax(fabs(Fp - dp) * p, fabs(Fq - dq) * q));
                CHECK(f2 == F, "cdf_grad's F equals cdf at t=%g p=%g q=%g", t, p, q);
            }
            for (double x = 0.01; x < 1; x += 0.07) {
                const double t = portee_bass_time_to_share(x, p, q);
                worst_inv = fmax(worst_inv, fabs(portee_bass_cdf(t, p, q) - x));
            }
        }
    CHECK(worst_f < 1e-12, "F matches the textbook formula (worst %.3g)", worst_f);
    CHECK(worst_pdf < 1e-6, "pdf matches dF/dt by finite differences (worst relative %.3g)", worst_pdf);
    CHECK(worst_grad < 1e-7, "dF/dp, dF/dq match finite differences (worst, scaled by p or q: %.3g)", worst_grad);
    CHECK(worst_inv < 1e-12, "F(time_to_share(x)) = x (worst %.3g)", worst_inv);
    CHECK(portee_bass_cdf(0, 0.03, 0.4) == 0 && portee_bass_cdf(-3, 0.03, 0.4) == 0, "F = 0 up to launch");
    CHECK(fabs(portee_bass_cdf(200, 0.03, 0.4) - 1) < 1e-12, "F tends to 1");
    /* a draw's e^θ may overflow: an infinite p or q is all adopted, not ∞/∞ */
    CHECK(portee_bass_cdf(1, INFINITY, 0.4) == 1 && portee_bass_cdf(1, 0.03, INFINITY) == 1 &&
          portee_bass_cdf(1e-300, 1e308, 1e308) == 1 && portee_bass_cdf(0, INFINITY, 0.4) == 0,
          "F = 1 after launch for an infinite or huge p or q (got %g)", portee_bass_cdf(1, INFINITY, 0.4));
    /* q = 0 is the exponential 1 − e^{−pt}: the inverse is −ln(1 − x)/p */
    CHECK(fabs(portee_bass_time_to_share(0.5, 0.1, 1e-300) - log(2) / 0.1) < 1e-12, "inverse without imitation");
}

typedef struct {
    double p, q, M, t0;
    double first, step;
    size_t n;
    double sd;
} truth_t;

/* A series from the closed form plus normal noise of sd `sd` from stream
 * (seed, 0, index, 0): the model the fit assumes, so a value may dip below
 * the one before (portee_fit_prepare accepts that; the command line's
 * portee_fit_check_series would not). */
static void make_series(const truth_t *tr, uint64_t seed, uint64_t index, portee_csv_series_t *s, gsl_rng *r)
{
    memset(s, 0, sizeof *s);
    s->n = tr->n;
    s->x = malloc(tr->n * sizeof *s->x);
    s->y = malloc(tr->n * sizeof *s->y);
    s->line = malloc(tr->n * sizeof *s->line);
    portee_rng_stream(r, seed, 0, index, 0);
    for (size_t i = 0; i < tr->n; i++) {
        s->x[i] = tr->first + (double)i * tr->step;
        s->y[i] = tr->M * portee_bass_cdf(s->x[i] - tr->t0, tr->p, tr->q) + gsl_ran_gaussian(r, tr->sd);
        s->line[i] = i + 1;
    }
}

static portee_fit_spec_t spec_for(const truth_t *tr, bool fit_market, portee_origin_mode_t om)
{
    return (portee_fit_spec_t){.fit_market = fit_market, .market_size = fit_market ? 0 : tr->M,
                               .value_units = tr->M == 1 ? "share" : "count", .origin_mode = om,
                               .origin = tr->t0, .errors = PORTEE_ERRORS_INDEPENDENT};
}

/* Fits one synthetic series; false (and a failed check) if it does not fit. */
static bool fit_one(const truth_t *tr, const portee_fit_spec_t *spec, uint64_t seed, uint64_t index,
                    gsl_rng *r, portee_fit_t *f)
{
    portee_csv_series_t s;
    portee_error_t err;
    make_series(tr, seed, index, &s, r);
    portee_status_t st = portee_fit_prepare("synthetic", &s, spec, f, &err);
    if (!st) st = portee_fit_estimate(f, &err);
    portee_csv_series_free(&s);
    return CHECK(st == PORTEE_OK, "series %llu fits: %s", (unsigned long long)index, st ? err.msg : "");
}

static void test_jacobian(gsl_rng *r)
{
    const truth_t tr = {0.03, 0.4, 5000, 2007, 2008, 1, 12, 20};
    const bool markets[] = {false, true, false, true};
    const portee_origin_mode_t origins[] = {PORTEE_ORIGIN_GIVEN, PORTEE_ORIGIN_GIVEN, PORTEE_ORIGIN_FIT,
                                            PORTEE_ORIGIN_FIT};
    for (int c = 0; c < 4; c++) {
        const portee_fit_spec_t spec = spec_for(&tr, markets[c], origins[c]);
        portee_csv_series_t s;
        portee_fit_t f;
        portee_error_t err;
        make_series(&tr, 11, c, &s, r);
        CHECK(portee_fit_prepare("synthetic", &s, &spec, &f, &err) == PORTEE_OK, "prepare: %s", err.msg);
        const size_t n = f.n, k = f.k;
        double theta[4] = {log(0.02), log(0.5), log(6000), log(1.3)};
        if (!markets[c]) theta[2] = theta[3];
        double J[12 * 4], rp[12], rm[12], worst = 0;
        portee_fit_residuals(&f, theta, NULL, J, NULL);
        for (size_t j = 0; j < k; j++) {
            const double h = 1e-6, keep = theta[j];
            theta[j] = keep + h;
            portee_fit_residuals(&f, theta, rp, NULL, NULL);
            theta[j] = keep - h;
            portee_fit_residuals(&f, theta, rm, NULL, NULL);
            theta[j] = keep;
            for (size_t i = 0; i < n; i++) {
                const double fd = (rp[i] - rm[i]) / (2 * h);
                worst = fmax(worst, fabs(J[i * k + j] - fd) / fmax(fabs(fd), 1e-6 * tr.M));
            }
        }
        CHECK(worst < 1e-6, "fit Jacobian (market %s, origin %s) matches finite differences (worst relative %.3g)",
              markets[c] ? "fitted" : "fixed", origins[c] == PORTEE_ORIGIN_FIT ? "fitted" : "given", worst);
        portee_fit_free(&f);
        portee_csv_series_free(&s);
    }
}

/* Small noise: the truth lies within 3 reported standard errors. */
static void test_recovery(gsl_rng *r)
{
    struct {
        truth_t tr;
        bool fit_market;
        portee_origin_mode_t om;
        const char *what;
    } cases[] = {
        {{0.03, 0.38, 1, 0, 1, 1, 15, 0.002}, false, PORTEE_ORIGIN_GIVEN, "shares, origin given"},
        {{0.01, 0.6, 1, 2007, 2008, 1, 14, 0.003}, false, PORTEE_ORIGIN_DEFAULT, "shares, default origin"},
        {{0.02, 0.45, 12000, 0, 0.5, 0.5, 30, 15}, true, PORTEE_ORIGIN_GIVEN, "counts, market fitted"},
        {{0.03, 0.38, 1, 2010.4, 2012, 1, 14, 0.002}, false, PORTEE_ORIGIN_FIT, "shares, origin fitted"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const truth_t *tr = &cases[c].tr;
        const portee_fit_spec_t spec = spec_for(tr, cases[c].fit_market, cases[c].om);
        portee_fit_t f;
        if (!fit_one(tr, &spec, 7, c, r, &f)) {
            portee_fit_free(&f);
            continue;
        }
        const double truth[4] = {tr->p, tr->q, cases[c].fit_market ? tr->M : tr->t0, tr->t0};
        for (size_t i = 0; i < f.k; i++)
            printf("%s: %s = %.5g ± %.3g, truth %g (%.2f se)\n", cases[c].what, portee_fit_param_name(&f, i),
                   f.est[i], f.se[i], truth[i], (f.est[i] - truth[i]) / f.se[i]);
        for (size_t i = 0; i < f.k; i++)
            CHECK(fabs(f.est[i] - truth[i]) <= 3 * f.se[i] && f.se[i] < 0.2 * fabs(truth[i]),
                  "%s: %s = %.5g ± %.3g, truth %g (|diff| = %.2f se)", cases[c].what,
                  portee_fit_param_name(&f, i), f.est[i], f.se[i], truth[i], fabs(f.est[i] - truth[i]) / f.se[i]);
        /* s² ~ σ² χ²(dof)/dof: within 3 of its standard errors σ² sqrt(2/dof) */
        const double s2 = f.resid_sd * f.resid_sd, v = tr->sd * tr->sd;
        CHECK(fabs(s2 - v) <= 3 * v * sqrt(2.0 / (double)f.dof), "%s: residual sd %.3g, noise sd %g",
              cases[c].what, f.resid_sd, tr->sd);
        portee_fit_free(&f);
    }
}

/* Few degrees of freedom: the draws' scale sqrt(ν/χ²_ν) has a heavy tail and
 * e^θ overflows in a few draws.  Four observations (ν = 2), the covariance
 * widened to the largest standard error the fit lets through (3 on the log
 * scale, for q): draws are refused and drawn again from their own streams,
 * the same on 1 and 2 threads, and no NaN or ∞ reaches a draw or a summary. */
static void test_overflowing_draws(void)
{
    portee_csv_series_t s = {.n = 4, .x = (double[]){2008, 2009, 2010, 2011},
                             .y = (double[]){0.0107, 0.0842, 0.129, 0.1664}, .line = (size_t[]){2, 3, 4, 5}};
    const portee_fit_spec_t spec = {.market_size = 1, .value_units = "share", .origin_mode = PORTEE_ORIGIN_DEFAULT,
                                    .errors = PORTEE_ERRORS_INDEPENDENT};
    portee_fit_t a, b;
    portee_error_t err;
    bool ok = !portee_fit_prepare("four", &s, &spec, &a, &err) && !portee_fit_estimate(&a, &err) &&
              !portee_fit_prepare("four", &s, &spec, &b, &err) && !portee_fit_estimate(&b, &err);
    if (!CHECK(ok && a.dof == 2, "four points fit with 2 degrees of freedom: %s", ok ? "" : err.msg)) goto done;
    const double widen = 9 / a.cov_theta[3];
    for (size_t i = 0; i < 4; i++) a.cov_theta[i] *= widen, b.cov_theta[i] *= widen;
    portee_forecast_spec_t fs = {.seed = 3, .draws = 200000, .threads = 1, .horizon = NAN, .n_shares = 2,
                                 .shares = {0.5, 0.9}};
    ok = !portee_fit_forecast(&a, &fs, &err);
    fs.threads = 2;
    if (!CHECK(ok && !portee_fit_forecast(&b, &fs, &err), "forecast: %s", err.msg)) goto done;
    const size_t N = a.draws, K = a.n_steps;
    printf("4 points, se(ln q) 3: %llu of %zu draws refused and drawn again\n", (unsigned long long)a.redrawn, N);
    CHECK(a.redrawn > 0 && a.redrawn == b.redrawn && !memcmp(a.param_draws, b.param_draws, 2 * N * sizeof(double)) &&
          !memcmp(a.share_draws, b.share_draws, 2 * N * sizeof(double)) && !memcmp(a.pred, b.pred, K * sizeof *a.pred),
          "refused draws (%llu) drawn again the same way on 1 and 2 threads", (unsigned long long)a.redrawn);
    bool finite = true;
    for (size_t d = 0; d < N; d++)
        finite &= a.param_draws[2 * d] > 0 && isfinite(a.param_draws[2 * d]) && a.param_draws[2 * d + 1] > 0 &&
                  isfinite(a.param_draws[2 * d + 1]) && isfinite(a.share_draws[d]) && isfinite(a.share_draws[N + d]) &&
                  isfinite(a.sd_draws[d]);
    const portee_summary_t *sums[] = {&a.share_date[0], &a.share_date[1]};
    for (size_t j = 0; j < 2 + 2 * K; j++) {
        const portee_summary_t *q = j < 2 ? sums[j] : j < 2 + K ? &a.pred[j - 2] : &a.curve_band[j - 2 - K];
        const double v[] = {q->mean, q->sd, q->se, q->p05, q->p25, q->p50, q->p75, q->p95};
        for (size_t i = 0; i < 8; i++) finite &= isfinite(v[i]);
        finite &= q->sd > 0 || j >= 2; /* dates always vary; a band may sit at 0 or M */
    }
    CHECK(finite, "every draw positive and finite, every summary of dates and bands finite");
done:
    portee_fit_free(&a);
    portee_fit_free(&b);
}

/* Rows at or before the origin are 0 whatever p and q: prepended to a
 * series they change nothing, neither the estimates nor n, the degrees of
 * freedom, s² and R²; with the origin fitted, the rows that count are those
 * after the fitted origin. */
static void test_leading_zeros(gsl_rng *r)
{
    const truth_t tr = {0.03, 0.38, 1, 2007, 2008, 1, 10, 0.01};
    const size_t z = 18; /* 1990..2007 at 0 */
    portee_csv_series_t s, sz;
    make_series(&tr, 5, 0, &s, r);
    sz = (portee_csv_series_t){.n = s.n + z, .x = malloc((s.n + z) * sizeof(double)),
                               .y = malloc((s.n + z) * sizeof(double)), .line = malloc((s.n + z) * sizeof(size_t))};
    for (size_t i = 0; i < sz.n; i++) {
        sz.x[i] = i < z ? 1990.0 + (double)i : s.x[i - z];
        sz.y[i] = i < z ? 0 : s.y[i - z];
        sz.line[i] = i + 1;
    }
    const portee_origin_mode_t modes[] = {PORTEE_ORIGIN_DEFAULT, PORTEE_ORIGIN_GIVEN};
    for (int m = 0; m < 2; m++) {
        const portee_fit_spec_t spec = spec_for(&tr, false, modes[m]);
        portee_fit_t a, b;
        portee_error_t err;
        bool ok = !portee_fit_prepare("plain", &s, &spec, &a, &err) && !portee_fit_estimate(&a, &err);
        ok = CHECK(ok && !portee_fit_prepare("zeros", &sz, &spec, &b, &err) && !portee_fit_estimate(&b, &err),
                   "leading zeros: both fit: %s", err.msg);
        if (ok) {
            double worst = fabs(b.resid_sd / a.resid_sd - 1) + fabs(b.r2 - a.r2) + fabs(b.rmse / a.rmse - 1);
            for (size_t i = 0; i < a.k; i++)
                worst = fmax(worst, fabs(b.est[i] / a.est[i] - 1) + fabs(b.se[i] / a.se[i] - 1) +
                                        fabs(b.hi95[i] / a.hi95[i] - 1));
            printf("leading zeros (%s origin): dof %llu and %llu, residual sd %.4g and %.4g, se(p) %.3g and %.3g\n",
                   m ? "given" : "default", (unsigned long long)a.dof, (unsigned long long)b.dof, a.resid_sd,
                   b.resid_sd, a.se[0], b.se[0]);
            CHECK(b.dof == a.dof && b.dof == tr.n - 2 && b.n_used == tr.n && b.n == tr.n + z && worst < 1e-6,
                  "%zu zeros before the origin (%s) change nothing: dof %llu for %llu, worst relative "
                  "difference %.3g", z, m ? "given" : "default", (unsigned long long)b.dof,
                  (unsigned long long)a.dof, worst);
        }
        portee_fit_free(&a);
        portee_fit_free(&b);
    }
    const portee_fit_spec_t spec = spec_for(&tr, false, PORTEE_ORIGIN_FIT);
    portee_fit_t f;
    portee_error_t err;
    if (CHECK(!portee_fit_prepare("zeros", &sz, &spec, &f, &err) && !portee_fit_estimate(&f, &err),
              "leading zeros, origin fitted: %s", err.msg)) {
        size_t after = 0;
        for (size_t i = 0; i < f.n; i++) after += f.t[i] > f.origin;
        CHECK(f.n_used == after && f.dof == after - 3 && after <= tr.n + 1,
              "origin fitted (%.2f): the %zu rows after it count, dof %llu", f.origin, after,
              (unsigned long long)f.dof);
    }
    portee_fit_free(&f);
    portee_csv_series_free(&s);
    portee_csv_series_free(&sz);
}

/* A series in any unit gives the same fit: the values (and a fixed market)
 * times 1e-12 to 1e12 give the same p, q and standard errors, M and the
 * residual sd times the factor. */
static void test_scale_invariance(gsl_rng *r)
{
    const truth_t tr = {0.02, 0.45, 5000, 0, 1, 1, 15, 15};
    const double factors[] = {1e-12, 1e-9, 1e-6, 1e-3, 1e3, 1e6, 1e9, 1e12};
    for (int fm = 0; fm < 2; fm++) {
        portee_csv_series_t s;
        portee_fit_t ref;
        portee_error_t err;
        make_series(&tr, 3, fm, &s, r);
        portee_fit_spec_t spec = spec_for(&tr, fm, PORTEE_ORIGIN_GIVEN);
        if (!CHECK(!portee_fit_prepare("unit", &s, &spec, &ref, &err) && !portee_fit_estimate(&ref, &err),
                   "scale 1: %s", err.msg)) {
            portee_fit_free(&ref);
            portee_csv_series_free(&s);
            continue;
        }
        double worst = 0, worst_factor = 1;
        for (size_t c = 0; c < sizeof factors / sizeof *factors; c++) {
            const double x = factors[c];
            portee_csv_series_t sc = s;
            double *y = malloc(s.n * sizeof *y);
            for (size_t i = 0; i < s.n; i++) y[i] = s.y[i] * x;
            sc.y = y;
            spec.market_size = fm ? 0 : tr.M * x;
            portee_fit_t f;
            double diff = INFINITY;
            if (!portee_fit_prepare("scaled", &sc, &spec, &f, &err) && !portee_fit_estimate(&f, &err)) {
                diff = fabs(f.resid_sd / (x * ref.resid_sd) - 1);
                for (size_t i = 0; i < f.k; i++) {
                    const double unit = i == 2 ? x : 1; /* M scales with the values */
                    diff = fmax(diff, fabs(f.est[i] / (unit * ref.est[i]) - 1));
                    diff = fmax(diff, fabs(f.se[i] / (unit * ref.se[i]) - 1));
                }
            }
            if (!(diff <= worst)) {
                worst = diff;
                worst_factor = x;
            }
            portee_fit_free(&f);
            free(y);
        }
        printf("%s: values times 1e-12 to 1e12: worst relative difference %.3g (factor %g)\n",
               fm ? "market fitted" : "market given", worst, worst_factor);
        CHECK(worst < 1e-6, "%s: values times 1e-12 to 1e12 give the same p, q, se (M, residual sd scaled): "
              "worst relative difference %.3g, at a factor of %g", fm ? "market fitted" : "market given",
              worst, worst_factor);
        portee_fit_free(&ref);
        portee_csv_series_free(&s);
    }
}

/* Many noisy series: the 95 % intervals cover the truth 95 % of the time
 * (within 3 binomial standard errors); each interval is exactly
 * exp(θ̂ ± t_ν·se_θ) with t_ν the t quantile of the fit's ν degrees of
 * freedom; the reported covariance of θ (its mean over the series) is the
 * sampling covariance of θ̂ over them (within 5 standard errors of the
 * difference); and the mean residual variance is the noise variance (within
 * 3 standard errors).  With few degrees of freedom the t quantile and the
 * divisor n − k matter most: there normal quantiles (about 86 % coverage for
 * ν = 3) or RSS/n for s² (about 91 %, and a covariance 40 % too small) are
 * rejected by several standard errors. */
static void test_coverage(gsl_rng *r, const truth_t *tr, bool fit_market, size_t runs, const char *what)
{
    const portee_fit_spec_t spec = spec_for(tr, fit_market, PORTEE_ORIGIN_GIVEN);
    const size_t k = fit_market ? 3 : 2;
    size_t covered[3] = {0, 0, 0}, fitted = 0, inexact = 0;
    double sum_s2 = 0, sum_s4 = 0, worst = 0;
    double *th = malloc(runs * k * sizeof *th), *cv = malloc(runs * k * k * sizeof *cv);
    for (size_t run = 0; run < runs; run++) {
        portee_fit_t f;
        if (fit_one(tr, &spec, 2024, run, r, &f)) {
            const double truth[3] = {tr->p, tr->q, tr->M}, tq = gsl_cdf_tdist_Pinv(0.975, (double)f.dof);
            for (size_t i = 0; i < k; i++) {
                const double se = sqrt(f.cov_theta[i * k + i]);
                const double e = fmax(fabs(f.hi95[i] / (f.est[i] * exp(tq * se)) - 1),
                                      fabs(f.lo95[i] / (f.est[i] * exp(-tq * se)) - 1));
                worst = fmax(worst, e);
                inexact += !(e < 1e-12);
                covered[i] += f.lo95[i] <= truth[i] && truth[i] <= f.hi95[i];
            }
            memcpy(th + fitted * k, f.theta, k * sizeof *th);
            memcpy(cv + fitted * k * k, f.cov_theta, k * k * sizeof *cv);
            const double s2 = f.resid_sd * f.resid_sd;
            sum_s2 += s2;
            sum_s4 += s2 * s2;
            fitted++;
        }
        portee_fit_free(&f);
    }
    const double R = (double)fitted, se_cov = sqrt(0.95 * 0.05 / R);
    for (size_t i = 0; i < k; i++) {
        const double c = (double)covered[i] / R;
        printf("%s: %s covered in %.1f %% of %zu series\n", what, i == 0 ? "p" : i == 1 ? "q" : "M", 100 * c, fitted);
        CHECK(fabs(c - 0.95) <= 3 * se_cov, "%s: 95 %% intervals of %s cover the truth in %.1f %% of %zu "
              "series (limits %.1f-%.1f %%)", what, i == 0 ? "p" : i == 1 ? "q" : "M", 100 * c, fitted,
              100 * (0.95 - 3 * se_cov), 100 * (0.95 + 3 * se_cov));
    }
    CHECK(inexact == 0, "%s: every interval is exp(theta ± t(dof)·se), %zu are not (worst relative %.3g)", what,
          inexact, worst);
    /* sampling covariance of θ̂ (se of a sample covariance: sqrt((S_ii S_jj +
     * S_ij²)/R)) against the mean reported one (se from its spread) */
    double mean[3] = {0, 0, 0};
    for (size_t m = 0; m < fitted; m++)
        for (size_t i = 0; i < k; i++) mean[i] += th[m * k + i] / R;
    double S[9] = {0}, C[9] = {0}, C2[9] = {0};
    for (size_t m = 0; m < fitted; m++)
        for (size_t i = 0; i < k * k; i++) {
            S[i] += (th[m * k + i / k] - mean[i / k]) * (th[m * k + i % k] - mean[i % k]) / (R - 1);
            C[i] += cv[m * k * k + i] / R;
            C2[i] += cv[m * k * k + i] * cv[m * k * k + i] / R;
        }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j <= i; j++) {
            const size_t ij = i * k + j;
            const double se = sqrt((S[i * k + i] * S[j * k + j] + S[ij] * S[ij]) / R + (C2[ij] - C[ij] * C[ij]) / R);
            printf("%s: cov(θ%zu, θ%zu) reported %.4g, over the series %.4g (ratio %.3f, %.1f se apart)\n", what, i,
                   j, C[ij], S[ij], S[ij] / C[ij], fabs(S[ij] - C[ij]) / se);
            CHECK_SE(C[ij], S[ij], se, K_SE, "reported covariance of θ vs its sampling covariance over the series");
        }
    free(th);
    free(cv);
    const double m2 = sum_s2 / R, sd = sqrt(sum_s4 / R - m2 * m2);
    printf("%s: mean s² / σ² = %.3f (se %.3f)\n", what, m2 / (tr->sd * tr->sd), sd / sqrt(R) / (tr->sd * tr->sd));
    CHECK_SE(m2, tr->sd * tr->sd, sd / sqrt(R), 3.0, "mean residual variance vs noise variance");
}

/* The forecast: draws of θ with the estimated covariance, dates on each
 * draw's curve, prediction bands = curve + residual noise, after-horizon
 * counts, and the same numbers for 1 and 2 threads (another seed differs). */
static void test_forecast(gsl_rng *r)
{
    const truth_t tr = {0.03, 0.4, 5000, 2007, 2008, 0.5, 20, 40};
    const portee_fit_spec_t spec = spec_for(&tr, true, PORTEE_ORIGIN_FIT);
    portee_fit_t a, b, c;
    portee_error_t err;
    const bool ok = fit_one(&tr, &spec, 99, 0, r, &a) & fit_one(&tr, &spec, 99, 0, r, &b) &
                    fit_one(&tr, &spec, 99, 0, r, &c);
    portee_forecast_spec_t fs = {.seed = 42, .draws = 20000, .threads = 1, .horizon = NAN, .n_shares = 2,
                                 .shares = {0.5, 0.9}};
    if (!ok || !CHECK(portee_fit_forecast(&a, &fs, &err) == PORTEE_OK, "forecast: %s", err.msg)) goto done;
    fs.threads = 2;
    CHECK(portee_fit_forecast(&b, &fs, &err) == PORTEE_OK, "forecast, 2 threads: %s", err.msg);
    fs.seed = 43;
    CHECK(portee_fit_forecast(&c, &fs, &err) == PORTEE_OK, "forecast, seed 43: %s", err.msg);
    const size_t k = a.k, N = a.draws, K = a.n_steps;
    CHECK(b.n_steps == K && !memcmp(a.param_draws, b.param_draws, N * k * sizeof(double)) &&
          !memcmp(a.share_draws, b.share_draws, 2 * N * sizeof(double)) &&
          !memcmp(a.pred, b.pred, K * sizeof *a.pred) && !memcmp(a.curve_band, b.curve_band, K * sizeof *a.pred),
          "1 and 2 threads: identical draws, dates and bands");
    CHECK(!memcmp(a.sd_draws, b.sd_draws, N * sizeof(double)) &&
          memcmp(a.param_draws, c.param_draws, N * k * sizeof(double)) != 0 &&
          memcmp(a.pred, c.pred, K * sizeof *a.pred) != 0, "another seed: other draws");

    /* each draw's noise sd is s·c with ν/c² ~ χ²(ν): ν/c²/ν has mean 1 and
     * variance 2/ν (a fixed c = 1 would have none); the 4th central moment of
     * χ²(ν)/ν is 12(ν + 4)/ν³ */
    const double nu = (double)a.dof;
    double m1 = 0, m2 = 0;
    for (size_t d = 0; d < N; d++) {
        const double u = pow(a.resid_sd / a.sd_draws[d], 2);
        m1 += u / (double)N;
        m2 += u * u / (double)N;
    }
    CHECK_SE(m1, 1.0, sqrt(2 / nu / (double)N), K_SE, "mean of χ²(ν)/ν behind the noise sd draws");
    CHECK_SE(m2 - m1 * m1, 2 / nu, sqrt((12 * (nu + 4) / (nu * nu * nu) - 4 / (nu * nu)) / (double)N), K_SE,
             "variance of χ²(ν)/ν behind the noise sd draws");
    /* θ_d − θ̂ has covariance C·ν/(ν − 2) (a multivariate t; the standard
     * error from the draws' own products, the tails being heavy), and
     * (θ_d − θ̂)/c_d is normal with covariance C (se of a sample covariance
     * sqrt((C_ii C_jj + C_ij²)/N)) */
    double *th[4];
    for (size_t i = 0; i < k; i++) th[i] = malloc(N * sizeof *th[i]);
    for (size_t d = 0; d < N; d++)
        for (size_t i = 0; i < k; i++) {
            const double x = a.param_draws[d * k + i];
            th[i][d] = (i == 3 ? (a.t[0] - x) / a.time_step : log(x)) - a.theta[i]; /* origin: (t1 − t0)/step */
        }
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j <= i; j++) {
            double raw = 0, raw2 = 0, std = 0;
            for (size_t d = 0; d < N; d++) {
                const double prod = th[i][d] * th[j][d], c2 = pow(a.sd_draws[d] / a.resid_sd, 2);
                raw += prod / (double)N;
                raw2 += prod * prod / (double)N;
                std += prod / c2 / (double)N;
            }
            const double C = a.cov_theta[i * k + j];
            CHECK_SE(raw, C * nu / (nu - 2), sqrt((raw2 - raw * raw) / (double)N), K_SE,
                     "covariance of the θ draws = C ν/(ν − 2)");
            const double se = sqrt((a.cov_theta[i * k + i] * a.cov_theta[j * k + j] + C * C) / (double)N);
            CHECK_SE(std, C, se, K_SE, "covariance of the standardised θ draws");
        }
    for (size_t i = 0; i < k; i++) free(th[i]);
    /* each draw's date is where its own curve reaches the share */
    double worst = 0;
    for (size_t d = 0; d < N; d += 97) {
        const double *x = a.param_draws + d * k, date = a.share_draws[N + d];
        worst = fmax(worst, fabs(portee_bass_cdf(date - x[3], x[0], x[1]) - 0.9));
    }
    CHECK(worst < 1e-9, "F(date − origin) = 0.9 on every draw (worst %.2g)", worst);
    for (size_t s = 0; s < 2; s++) {
        uint64_t after = 0;
        for (size_t d = 0; d < N; d++) after += a.share_draws[s * N + d] > a.horizon;
        CHECK(after == a.after_horizon[s] && a.share_date[s].n == N, "after-horizon count and n of share %zu", s);
    }
    /* prediction = curve + independent noise of sd s·c: variances add, with
     * E[c²] = ν/(ν − 2) (mid-curve, far from clipping); the SE allows for the
     * excess kurtosis 6/(ν − 4) of a t */
    size_t j = 0;
    while (j + 1 < K && a.curve_band[j].mean < 0.5 * a.market_size) j++;
    const double vc = a.curve_band[j].sd * a.curve_band[j].sd, vp = a.pred[j].sd * a.pred[j].sd;
    const double vn = a.resid_sd * a.resid_sd * nu / (nu - 2), se_v = (vc + vn) * sqrt((2 + 6 / (nu - 4)) / (double)N);
    CHECK_SE(vp, vc + vn, se_v, K_SE, "prediction variance = curve variance + noise variance");
    CHECK_SE(a.pred[j].mean, a.curve_band[j].mean, sqrt(vn / (double)N), K_SE, "noise has mean 0");
    CHECK(mc_far_from(vp, vc, se_v), "bands without the noise would be rejected");
done:
    portee_fit_free(&a);
    portee_fit_free(&b);
    portee_fit_free(&c);
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    test_closed_form();
    test_jacobian(r);
    test_recovery(r);
    test_forecast(r);
    test_overflowing_draws();
    test_leading_zeros(r);
    test_scale_invariance(r);
    const truth_t shares = {0.03, 0.4, 1, 0, 1, 1, 12, 0.02};
    test_coverage(r, &shares, false, 400, "shares, n = 12, noise sd 0.02");
    const truth_t counts = {0.02, 0.5, 5000, 0, 1, 1, 15, 60};
    test_coverage(r, &counts, true, 400, "counts, M fitted, n = 15, noise sd 60");
    const truth_t few = {0.03, 0.4, 1, 0, 2, 2, 5, 0.003};
    test_coverage(r, &few, false, 2000, "shares, n = 5 (3 degrees of freedom), noise sd 0.003");
    gsl_rng_free(r);
    return portee_test_summary("test_fit");
}
