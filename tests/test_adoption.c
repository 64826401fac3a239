/* The adoption model against closed forms (docs/models.md, adoption), through the
 * engine as a run uses it.
 *
 * Tolerances: K_SE = 5 Monte Carlo standard errors, plus, where a continuous
 * closed form is compared with the stepped model, the discretisation bias
 * computed here from the model's large-M limit (the deterministic recurrence
 * A_{k+1} = A_k + (M − A_k)(1 − e^{−h_k dt}) at the same dt).  The stochastic
 * mean sits below that recurrence by O(1/M) (the step map is concave in A:
 * Jensen), about 1e-5 in share at M = 10^6, far below the standard errors
 * here, so it is also checked against the recurrence within 5 SE alone.
 * Each check is paired with a wrong model that the same data must reject. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mcutil.h"
#include "models/adoption.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

/* The Bass curve F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p) e^{−(p+q)t}) and the
 * time it reaches share x. */
static double bass_cdf(double t, double p, double q)
{
    const double e = exp(-(p + q) * t);
    return (1 - e) / (1 + q / p * e);
}

static double bass_time(double x, double p, double q) { return log((1 + x * q / p) / (1 - x)) / (p + q); }

/* The large-M limit at `steps` steps a year, from share 0: share[y] at whole
 * years 0..years, and the time of share x interpolated as the model does.
 * lag: the hazard reads the share one step late (a deliberately wrong model). */
static double recurrence(double p, double q, unsigned steps, unsigned years, double x, int lag,
                         double *share)
{
    const double dt = 1.0 / steps;
    double a = 0, a_prev = 0, t_x = NAN;
    share[0] = 0;
    for (unsigned k = 0; k < years * steps || isnan(t_x); k++) {
        const double h = p + q * (lag ? a_prev : a);
        const double next = a + (1 - a) * -expm1(-h * dt);
        if (isnan(t_x) && a < x && next >= x) t_x = (k + (x - a) / (next - a)) * dt;
        a_prev = a;
        a = next;
        if ((k + 1) % steps == 0 && (k + 1) / steps <= years) share[(k + 1) / steps] = a;
    }
    return t_x;
}

/* Two Bass populations with closed forms (coupling 0), M = 10^6 each. */
static const char *const pops[2] = {"audience", "organisations"};
static const double P[2] = {0.03, 0.01}, Q[2] = {0.38, 0.3};
static const size_t SHARE_OUT[2] = {ADOPT_OUT_AUDIENCE_SHARE, ADOPT_OUT_ORG_SHARE};
static const size_t T50_OUT[2] = {ADOPT_OUT_AUDIENCE_T50, ADOPT_OUT_ORG_T50};

static capture_t run_large(unsigned steps, unsigned reps, int seed)
{
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "replicates: %u\nseed: %d\nadoption:\n  audience_size: 1000000\n  audience_p: 0.03\n"
             "  audience_q: 0.38\n  organisations: 1000000\n  org_p: 0.01\n  org_q: 0.3\n"
             "  coupling: 0\n  horizon_years: 12\n  steps_per_year: %u\n  delay_years: 0\n",
             reps, seed, steps);
    return mc_run(yaml, 2);
}

int main(void)
{
    const unsigned years = 12, at[] = {2, 4, 6, 8, 10, 12};
    double rec[13], wrong[13];

    /* 1. Fine steps (daily), M = 10^6, coupling 0: the mean share matches the
     *    closed form within 5 SE + the discretisation bias |rec(t) − F(t)|
     *    (at most 3e-4 here), and the closed form with q x 1.1 is rejected.
     *    The mean time to 50 % matches the closed-form inverse likewise. */
    {
        capture_t c = run_large(365, 400, 41);
        for (int s = 0; s < 2; s++) {
            const double t50_rec = recurrence(P[s], Q[s], 365, years, 0.5, 0, rec);
            for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
                const double t = at[i], F = bass_cdf(t, P[s], Q[s]);
                const double bias = fabs(rec[at[i]] - F);
                moments_t m = mc_moments(mc_column(&c, SHARE_OUT[s], at[i]), c.R);
                char what[128];
                snprintf(what, sizeof what, "%s share at year %u: daily recurrence", pops[s], at[i]);
                CHECK_SE(m.mean, rec[at[i]], m.se_mean, K_SE, what);
                snprintf(what, sizeof what, "%s share at year %u: closed form (discretisation bias %.1e)",
                         pops[s], at[i], bias);
                CHECK(fabs(m.mean - F) <= K_SE * m.se_mean + bias,
                      "%s: observed %.6f, F(t) %.6f, |diff| %.2e > 5 SE + bias = %.2e", what, m.mean, F,
                      fabs(m.mean - F), K_SE * m.se_mean + bias);
                const double Fw = bass_cdf(t, P[s], 1.1 * Q[s]);
                CHECK(fabs(m.mean - Fw) > K_SE * m.se_mean + bias,
                      "power: %s at year %u: the curve with q x 1.1 (%.6f) would be rejected", pops[s],
                      at[i], Fw);
            }
            moments_t t50 = mc_moments(mc_column(&c, T50_OUT[s], 0), c.R);
            const double exact = bass_time(0.5, P[s], Q[s]), bias = fabs(t50_rec - exact);
            CHECK(fabs(t50.mean - exact) <= K_SE * t50.se_mean + bias,
                  "%s t50: observed %.5f, closed form ln(2 + q/p)/(p + q) = %.5f, |diff| %.2e > %.2e",
                  pops[s], t50.mean, exact, fabs(t50.mean - exact), K_SE * t50.se_mean + bias);
            const double exact_wrong = bass_time(0.5, P[s], 1.1 * Q[s]);
            CHECK(fabs(t50.mean - exact_wrong) > K_SE * t50.se_mean + bias,
                  "power: %s t50 of the curve with q x 1.1 (%.4f) would be rejected", pops[s], exact_wrong);
        }
        free(c.values);
    }

    /* 2. Monthly steps: the discretisation is the model, so the mean share
     *    must match the monthly recurrence within 5 SE alone, and a hazard
     *    reading the share one step late (a month) is rejected. */
    {
        capture_t c = run_large(12, 2000, 42);
        for (int s = 0; s < 2; s++) {
            recurrence(P[s], Q[s], 12, years, 0.5, 0, rec);
            recurrence(P[s], Q[s], 12, years, 0.5, 1, wrong);
            for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
                moments_t m = mc_moments(mc_column(&c, SHARE_OUT[s], at[i]), c.R);
                char what[96];
                snprintf(what, sizeof what, "%s share at year %u: monthly recurrence", pops[s], at[i]);
                CHECK_SE(m.mean, rec[at[i]], m.se_mean, K_SE, what);
                CHECK(mc_far(m.mean, wrong[at[i]], m.se_mean),
                      "power: %s at year %u: a hazard lagged by one step (%.6f) would be rejected",
                      pops[s], at[i], wrong[at[i]]);
            }
        }
        free(c.values);
    }

    /* 2b. Coupling and competition: with coupling c the organisations' hazard
     *     reads the audience's share, h_o = p_o + q_o·o + c·a; the mean shares
     *     must follow the two populations' joint monthly recurrence within 5 SE,
     *     and the same recurrence with c reading the organisations' own share is
     *     rejected.  Reach per post is reach_rate·(1 − competition·o) exactly,
     *     every year of every replicate (not the audience's share). */
    {
        const double c_ = 0.2, r0 = 0.05, comp = 0.6;
        capture_t c = mc_run("replicates: 2000\nseed: 48\nadoption:\n  audience_size: 1000000\n"
                             "  audience_p: 0.03\n  audience_q: 0.38\n  organisations: 1000000\n"
                             "  org_p: 0.01\n  org_q: 0.3\n  coupling: 0.2\n  horizon_years: 12\n"
                             "  steps_per_year: 12\n  delay_years: 0\n  reach_rate: 0.05\n  competition: 0.6\n",
                             2);
        double a = 0, o = 0, wa = 0, wo = 0, joint[13] = {0}, wrong_c[13] = {0};
        for (unsigned k = 1; k <= years * 12; k++) {
            const double dt = 1.0 / 12;
            const double na = a + (1 - a) * -expm1(-(0.03 + 0.38 * a) * dt);
            const double no = o + (1 - o) * -expm1(-(0.01 + 0.3 * o + c_ * a) * dt);
            const double nwa = wa + (1 - wa) * -expm1(-(0.03 + 0.38 * wa) * dt);
            const double nwo = wo + (1 - wo) * -expm1(-(0.01 + 0.3 * wo + c_ * wo) * dt);
            a = na, o = no, wa = nwa, wo = nwo;
            if (k % 12 == 0) joint[k / 12] = o, wrong_c[k / 12] = wo;
        }
        for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
            moments_t m = mc_moments(mc_column(&c, ADOPT_OUT_ORG_SHARE, at[i]), c.R);
            char what[96];
            snprintf(what, sizeof what, "organisations' share at year %u with coupling 0.2", at[i]);
            CHECK_SE(m.mean, joint[at[i]], m.se_mean, K_SE, what);
            CHECK(mc_far(m.mean, wrong_c[at[i]], m.se_mean),
                  "power: coupling on the organisations' own share (%.6f) would be rejected at year %u",
                  wrong_c[at[i]], at[i]);
        }
        long bad = 0, bad_wrong = 0;
        for (unsigned y = 0; y <= years; y++) {
            const double *rate = mc_column(&c, ADOPT_OUT_POST_REACH_RATE, y);
            const double *org = mc_column(&c, ADOPT_OUT_ORG_SHARE, y), *aud = mc_column(&c, ADOPT_OUT_AUDIENCE_SHARE, y);
            for (uint64_t i = 0; i < c.R; i++) {
                bad += fabs(rate[i] - r0 * (1 - comp * org[i])) > 1e-15;
                bad_wrong += fabs(rate[i] - r0 * (1 - comp * aud[i])) > 1e-15;
            }
        }
        CHECK(bad == 0, "reach per post = reach_rate x (1 - competition x organisations' share) (%ld bad)", bad);
        CHECK(bad_wrong > 0, "power: competition from the audience's share would be told apart");
        free(c.values);
    }

    /* 3. Innovation only (q = 0, coupling 0): everyone adopts independently at
     *    rate p, so A(t) ~ Binomial(M, 1 − e^{−pt}) exactly, whatever dt, in
     *    both populations; the time to 10 % of a large population is
     *    −ln(0.9)/p.  A share not reached within the cap is censored at it. */
    {
        const double M = 1000, p = 0.1;
        capture_t c = mc_run("replicates: 50000\nseed: 43\nadoption:\n  audience_size: 1000\n"
                             "  audience_p: 0.1\n  audience_q: 0\n  organisations: 1000\n"
                             "  org_p: 0.1\n  org_q: 0\n  coupling: 0\n  horizon_years: 10\n"
                             "  steps_per_year: 4\n  delay_years: 0\n",
                             2);
        const unsigned ys[] = {1, 5, 10};
        for (int s = 0; s < 2; s++)
            for (int i = 0; i < 3; i++) {
                const double Ft = 1 - exp(-p * ys[i]);
                double *x = malloc(c.R * sizeof *x);
                const double *share = mc_column(&c, SHARE_OUT[s], ys[i]);
                for (uint64_t j = 0; j < c.R; j++) x[j] = share[j] * M;
                moments_t m = mc_moments(x, c.R);
                free(x);
                char what[96];
                snprintf(what, sizeof what, "%s, p only, year %u: mean M(1 - e^-pt)", pops[s], ys[i]);
                CHECK_SE(m.mean, M * Ft, m.se_mean, K_SE, what);
                snprintf(what, sizeof what, "%s, p only, year %u: binomial variance", pops[s], ys[i]);
                CHECK_SE(m.var, M * Ft * (1 - Ft), m.se_var, K_SE, what);
                CHECK(mc_far(m.var, M * Ft, m.se_var),
                      "power: a Poisson variance M F at year %u would be rejected", ys[i]);
                CHECK(mc_far(m.mean, M * p * ys[i], m.se_mean),
                      "power: linear growth M p t at year %u would be rejected", ys[i]);
            }
        free(c.values);

        /* a million organisations at p = 0.0005: 4.9 % by the 100-year cap */
        c = mc_run("replicates: 100\nseed: 48\nadoption:\n  organisations: 1000000\n  org_p: 0.0005\n"
                   "  org_q: 0\n  coupling: 0\n  horizon_years: 5\n  steps_per_year: 1\n",
                   2);
        const double *t10 = mc_column(&c, ADOPT_OUT_ORG_T10, 0), *lag = mc_column(&c, ADOPT_OUT_LAG_T50, 0);
        const double *a50 = mc_column(&c, ADOPT_OUT_AUDIENCE_T50, 0);
        int censored = 0;
        for (uint64_t j = 0; j < c.R; j++)
            censored += t10[j] == ADOPTION_TIME_CAP && lag[j] == ADOPTION_TIME_CAP - a50[j];
        CHECK(censored == (int)c.R, "unreached shares are censored at %d years (%d of %llu)", ADOPTION_TIME_CAP,
              censored, (unsigned long long)c.R);
        free(c.values);

        c = mc_run("replicates: 200\nseed: 44\nadoption:\n  audience_size: 1000000\n  audience_p: 0.1\n"
                   "  audience_q: 0\n  horizon_years: 2\n  steps_per_year: 12\n  delay_years: 0\n",
                   2);
        moments_t t = mc_moments(mc_column(&c, ADOPT_OUT_AUDIENCE_T10, 0), c.R);
        /* the model interpolates linearly within a month: on the exact curve
         * that chord crosses 10 % slightly late (the curve is concave) */
        const double exact = -log(0.9) / p;
        const unsigned k = (unsigned)(exact * 12);
        const double s0 = -expm1(-p * k / 12.0), s1 = -expm1(-p * (k + 1) / 12.0);
        const double interp_bias = fabs((k + (0.1 - s0) / (s1 - s0)) / 12 - exact);
        CHECK(fabs(t.mean - exact) <= K_SE * t.se_mean + interp_bias,
              "p only: t10 %.6f vs -ln(0.9)/p = %.6f (5 SE + interpolation bias %.1e)", t.mean, exact,
              K_SE * t.se_mean + interp_bias);
        CHECK(fabs(t.mean - floor(exact * 12 + 1) / 12) > K_SE * t.se_mean + interp_bias,
              "power: times rounded up to the month would be rejected");
        free(c.values);
    }

    /* 4. Followers with the whole audience already there (audience_initial 1)
     *    and no competition: an organisation joining in year y has
     *    Binomial(M, 1 − e^{−f (H − y)}) followers at the horizon, for every y
     *    at once (the coupled draws keep each year's own distribution), and
     *    cumulative reach posts·r·Σ_k E[F_k] over its sub-steps. */
    {
        const double M = 2000, f = 0.2, H = 6, r = 0.05, S = 12, posts = 3 * 365.25 / 7 / S;
        capture_t c = mc_run("replicates: 20000\nseed: 45\nadoption:\n  audience_size: 2000\n"
                             "  audience_initial: 1\n  competition: 0\n  follow_rate: 0.2\n"
                             "  horizon_years: 6\n  delay_years: 4\n  reach_rate: 0.05\n",
                             2);
        for (unsigned y = 0; y <= 4; y++) {
            const double Fy = 1 - exp(-f * (H - y));
            moments_t m = mc_moments(mc_column(&c, ADOPT_OUT_DELAY_FOLLOWERS, y), c.R);
            char what[96];
            snprintf(what, sizeof what, "followers at the horizon, joining in year %u: mean", y);
            CHECK_SE(m.mean, M * Fy, m.se_mean, K_SE, what);
            snprintf(what, sizeof what, "followers at the horizon, joining in year %u: variance", y);
            CHECK_SE(m.var, M * Fy * (1 - Fy), m.se_var, K_SE, what);
            if (y > 0)
                CHECK(mc_far(m.mean, M * (1 - exp(-f * H)), m.se_mean),
                      "power: year %u followers as if joining in year 0 would be rejected", y);
            double want = 0; /* reach of the followers held at each sub-step's start */
            for (unsigned k = 0; k < (H - y) * S; k++) want += posts * r * M * (1 - exp(-f * k / S));
            moments_t rc = mc_moments(mc_column(&c, ADOPT_OUT_DELAY_REACH, y), c.R);
            snprintf(what, sizeof what, "cumulative reach, joining in year %u", y);
            CHECK_SE(rc.mean, want, rc.se_mean, K_SE, what);
        }
        free(c.values);
    }

    /* 5. Defaults: waiting never pays.  Followers and cumulative reach at the
     *    horizon are non-increasing in the adoption year in every replicate,
     *    and fall strictly in mean.  Bookkeeping: the share of reach lost is
     *    computed from the same replicate; org_new adds up to the adopted
     *    count; lag_t50 is the difference of the two t50s. */
    {
        capture_t c = mc_run("replicates: 5000\nseed: 46\nadoption:\n", 2);
        const size_t L = c.length[ADOPT_OUT_DELAY_FOLLOWERS];
        CHECK(L == 6, "default delay_years 5: 6 adoption years (got %zu)", L);
        const size_t out[2] = {ADOPT_OUT_DELAY_FOLLOWERS, ADOPT_OUT_DELAY_REACH};
        for (int o = 0; o < 2; o++) {
            long rises = 0;
            double prev_mean = INFINITY;
            for (size_t y = 0; y < L; y++) {
                const double *v = mc_column(&c, out[o], y);
                if (y > 0) {
                    const double *u = mc_column(&c, out[o], y - 1);
                    for (uint64_t j = 0; j < c.R; j++) rises += v[j] > u[j];
                }
                moments_t m = mc_moments(v, c.R);
                CHECK(m.mean < prev_mean, "%s: mean falls from adoption year %zu to %zu (%.1f then %.1f)",
                      o ? "reach" : "followers", y ? y - 1 : 0, y, prev_mean, m.mean);
                prev_mean = m.mean;
            }
            CHECK(rises == 0, "%s: joining later never gives more (%ld rises across replicates)",
                  o ? "reach" : "followers", rises);
        }
        long bad = 0;
        for (size_t y = 0; y < L; y++) /* the loss per replicate: rises from 0, stays in [0, 1] */
            for (uint64_t j = 0; j < c.R; j++) {
                const double lost = mc_column(&c, ADOPT_OUT_DELAY_REACH_LOST, y)[j];
                const double reach = mc_column(&c, ADOPT_OUT_DELAY_REACH, y)[j];
                bad += lost != 1 - reach / mc_column(&c, ADOPT_OUT_DELAY_REACH, 0)[j];
                bad += lost < (y ? mc_column(&c, ADOPT_OUT_DELAY_REACH_LOST, y - 1)[j] : 0) || lost > 1;
            }
        CHECK(bad == 0, "delay_reach_lost = 1 - reach / reach of year 0, non-decreasing in [0, 1] (%ld bad)", bad);
        const size_t H = c.length[ADOPT_OUT_ORG_NEW] - 1;
        bad = 0;
        for (uint64_t j = 0; j < c.R; j++) {
            double sum = 0;
            for (size_t y = 0; y <= H; y++) sum += mc_column(&c, ADOPT_OUT_ORG_NEW, y)[j];
            bad += fabs(sum - 300 * mc_column(&c, ADOPT_OUT_ORG_SHARE, H)[j]) > 1e-6;
            bad += mc_column(&c, ADOPT_OUT_LAG_T50, 0)[j] !=
                   mc_column(&c, ADOPT_OUT_ORG_T50, 0)[j] - mc_column(&c, ADOPT_OUT_AUDIENCE_T50, 0)[j];
        }
        CHECK(bad == 0, "org_new sums to the adopted count and lag_t50 = org_t50 - audience_t50 (%ld bad)", bad);
        free(c.values);
    }

    /* 5b. The funnel of the cost of delay: clients = reach x engagement x
     *     visit x client rates, money lost = the clients lost x value, per
     *     replicate; a funnel without the visit step would be 10 times as
     *     many clients. */
    {
        capture_t c = mc_run("replicates: 500\nseed: 49\npage:\n  engagement_rate: 0.05\nadoption:\n"
                             "  visit_rate: 0.1\n  client_rate: 0.04\n  client_value: 2500\n", 2);
        const size_t L = c.length[ADOPT_OUT_DELAY_CLIENTS];
        long bad = 0;
        for (size_t y = 0; y < L; y++)
            for (uint64_t j = 0; j < c.R; j++) {
                const double reach = mc_column(&c, ADOPT_OUT_DELAY_REACH, y)[j];
                const double clients = mc_column(&c, ADOPT_OUT_DELAY_CLIENTS, y)[j];
                const double lost = (mc_column(&c, ADOPT_OUT_DELAY_REACH, 0)[j] - reach) * 0.05 * 0.1 * 0.04 * 2500;
                bad += fabs(clients - reach * 0.05 * 0.1 * 0.04) > 1e-9 * (1 + clients);
                bad += fabs(mc_column(&c, ADOPT_OUT_DELAY_REVENUE_LOST, y)[j] - lost) > 1e-9 * (1 + lost);
            }
        CHECK(L == 6 && bad == 0, "delay_clients = reach x e x v x c, delay_revenue_lost = clients lost x value (%ld bad)",
              bad);
        const double y0 = mc_moments(mc_column(&c, ADOPT_OUT_DELAY_CLIENTS, 0), c.R).mean;
        const double r0 = mc_moments(mc_column(&c, ADOPT_OUT_DELAY_REACH, 0), c.R).mean;
        CHECK(fabs(y0 - r0 * 0.05 * 0.04) > 0.5 * y0, "... leaving out the visit step would be told apart");
        free(c.values);
    }

    /* 6. Same seed, 1 or 2 threads: identical replicates, parameter draws included. */
    mc_check_threads("replicates: 3000\nseed: 47\nadoption:\n"
                     "  org_q: {dist: pert, min: 0.2, mode: 0.3, max: 0.5}\n"
                     "  coupling: {dist: uniform, min: 0, max: 0.1}\n"
                     "  audience_size: {dist: uniform, min: 5000, max: 20000}\n");
    return portee_test_summary("test_adoption");
}
