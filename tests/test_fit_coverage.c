/* test_fit_coverage.c — whether `portee fit adoption`'s 95 % intervals hold
 * on series from portee's own stochastic adoption model (models/adoption.h),
 * each replicate simulated as the engine simulates it (sim/engine/simulate.h):
 * the audience's share at years 0..15 after a launch at 0, p = 0.03,
 * q = 0.38 (the model's defaults), monthly steps, audiences of 300, 1,000
 * and 3,000 people.
 *
 *  - The increments error model (the default) covers the true p and q in at
 *    least 90 % of the series, the target for a nominal 95 %: pooled over
 *    the audiences, 90 % is below the coverage by more than 2 Monte Carlo
 *    standard errors sqrt(c(1 − c)/n); for each audience it is not above
 *    the coverage by more than 2.  A fit that fails counts as not covering.
 *    Its dispersion times the audience is 1 (within K_SE standard errors):
 *    the variance it assumes is the process's own.
 *  - The independent-noise model on the same series, told the true origin,
 *    falls far short: for each audience 90 % lies more than K_SE standard
 *    errors above its coverage.  So this test catches an error model that
 *    ignores the correlation of a cumulative series' errors.
 *  - A launch at the first observation (0.5 % adopted at launch, a first
 *    value that is noise around 0): the independent model's default origin,
 *    one step before, biases p far down (mean ln(p̂/p) below −0.3 by more
 *    than K_SE standard errors); with the origin fitted (--fit-origin), or
 *    the increments' implied origin, every series fits and |mean ln(p̂/p)|
 *    stays below 0.1.
 * Fixed seeds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "models/adoption.h"
#include "models/registry.h"
#include "sim/engine/simulate.h"
#include "sim/fit/fit.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

#define K_SE 5.0
#define YEARS 15
#define AUDIENCES 3
#define TRUE_P 0.03
#define TRUE_Q 0.38
#define TARGET 0.90

static const char *const audience_names[AUDIENCES] = {"300", "1000", "3000"};

/* The adoption model at audiences 300, 1,000 and 3,000 (sweep points 0..2),
 * the audience's share yearly; organisations and the cost of delay are
 * cheap and unused.  The launch share `initial`. */
static portee_scenario_t *scenario(unsigned replicates, double initial, uint64_t seed)
{
    char yaml[600];
    snprintf(yaml, sizeof yaml,
             "seed: %llu\nreplicates: %u\nadoption:\n  audience_p: %g\n  audience_q: %g\n"
             "  audience_initial: %g\n  organisations: 10\n  horizon_years: %d\n  steps_per_year: 12\n"
             "  delay_years: 0\nsweep:\n  adoption.audience_size: [300, 1000, 3000]\n",
             (unsigned long long)seed, replicates, TRUE_P, TRUE_Q, initial, YEARS);
    portee_scenario_t *sc = NULL;
    portee_error_t err;
    if (portee_scenario_load_text(&portee_registry, "coverage", yaml, strlen(yaml), NULL, 0, &sc, &err)) {
        CHECK(0, "scenario: %s", err.msg);
        return NULL;
    }
    return sc;
}

/* Fits the share series of the replicate in s (years 0..YEARS) with spec;
 * false (the message printed) if the fit fails. */
static bool fit_replicate(const portee_sim_t *s, const portee_fit_spec_t *spec, portee_fit_t *f)
{
    double x[YEARS + 1], y[YEARS + 1];
    size_t line[YEARS + 1];
    const double *share = s->out[ADOPT_OUT_AUDIENCE_SHARE];
    for (size_t i = 0; i <= YEARS; i++) {
        x[i] = (double)i;
        y[i] = share[i];
        line[i] = i + 2;
    }
    const portee_csv_series_t cs = {.n = YEARS + 1, .x = x, .y = y, .line = line};
    portee_error_t err;
    if (!portee_fit_prepare("replicate", &cs, spec, f, &err) && !portee_fit_estimate(f, &err)) return true;
    printf("# %s errors: %s\n", spec->errors == PORTEE_ERRORS_INCREMENTS ? "increments" : "independent", err.msg);
    return false;
}

static double se_of(double c, double n) { return sqrt(fmax(c * (1 - c), 1e-4) / n); }

static void test_coverage(unsigned R)
{
    portee_scenario_t *sc = scenario(R, 0, 2024);
    if (!sc) return;
    const portee_fit_errors_t models[2] = {PORTEE_ERRORS_INCREMENTS, PORTEE_ERRORS_INDEPENDENT};
    unsigned covered[2][AUDIENCES][2] = {{{0}}}, failed[2][AUDIENCES] = {{0}};
    double phi_n[AUDIENCES] = {0}, phi_n2[AUDIENCES] = {0};
    for (size_t a = 0; a < AUDIENCES; a++) {
        portee_sim_t s;
        portee_error_t err;
        if (!CHECK(portee_sim_init_scenario(&s, sc, 0, a, &err) == PORTEE_OK, "simulator: %s", err.msg)) break;
        const double N = s.pt.base[ADOPT_AUDIENCE];
        for (unsigned r = 0; r < R; r++) {
            portee_sim_one(&s, r);
            for (size_t m = 0; m < 2; m++) {
                /* the independent model with its default origin: the last
                 * observation at 0, year 0, the true launch */
                const portee_fit_spec_t spec = {.market_size = 1, .value_units = "share",
                                                .origin_mode = PORTEE_ORIGIN_DEFAULT, .errors = models[m]};
                portee_fit_t f;
                if (fit_replicate(&s, &spec, &f)) {
                    covered[m][a][0] += f.lo95[0] <= TRUE_P && TRUE_P <= f.hi95[0];
                    covered[m][a][1] += f.lo95[1] <= TRUE_Q && TRUE_Q <= f.hi95[1];
                    const double x = f.resid_sd * f.resid_sd * N;
                    phi_n[a] += m == 0 ? x : 0;
                    phi_n2[a] += m == 0 ? x * x : 0;
                } else {
                    failed[m][a]++;
                }
                portee_fit_free(&f);
            }
        }
        portee_sim_free(&s);
    }
    for (size_t m = 0; m < 2; m++)
        for (size_t j = 0; j < 2; j++) {
            unsigned pooled = 0;
            for (size_t a = 0; a < AUDIENCES; a++) {
                const double c = (double)covered[m][a][j] / R, se = se_of(c, R);
                pooled += covered[m][a][j];
                printf("%-11s audience %-4s: 95 %% interval of %s covers in %5.1f %% (MC se %.1f) of %u series, "
                       "%u failed\n", m ? "independent" : "increments", audience_names[a], j ? "q" : "p",
                       100 * c, 100 * se, R, failed[m][a]);
                if (m == 0)
                    CHECK(c + 2 * se >= TARGET, "increments, audience %s: coverage of %s %.3f is not below %g by "
                          "more than 2 se (%.3f)", audience_names[a], j ? "q" : "p", c, TARGET, se);
                else
                    CHECK(c + K_SE * se < TARGET, "independent, audience %s: coverage of %s %.3f is below %g by "
                          "more than %g se (%.3f)", audience_names[a], j ? "q" : "p", c, TARGET, K_SE, se);
            }
            const double c = (double)pooled / (AUDIENCES * R), se = se_of(c, AUDIENCES * R);
            printf("%-11s pooled        : %s covered in %5.1f %% (MC se %.1f)\n", m ? "independent" : "increments",
                   j ? "q" : "p", 100 * c, 100 * se);
            if (m == 0)
                CHECK(c - 2 * se >= TARGET, "increments, pooled: coverage of %s %.3f is above %g by at least 2 se "
                      "(%.3f)", j ? "q" : "p", c, TARGET, se);
        }
    /* the dispersion times the audience: 1 if the variance of the
     * increments is the process's own (binomial monthly steps, whose
     * variance is a little below the Poisson's) */
    for (size_t a = 0; a < AUDIENCES; a++) {
        const double n = R - failed[0][a], mean = phi_n[a] / n, se = sqrt((phi_n2[a] / n - mean * mean) / n);
        printf("increments audience %-4s: mean dispersion x audience %.3f (se %.3f)\n", audience_names[a], mean, se);
        CHECK_SE(mean, 1.0, se, K_SE, "dispersion x audience: the process's own variance");
    }
    portee_scenario_free(sc);
}

/* The launch at the first observation, 0.5 % adopted then. */
static void test_origin_at_launch(unsigned R)
{
    portee_scenario_t *sc = scenario(R, 0.005, 2025);
    if (!sc) return;
    struct {
        portee_fit_errors_t errors;
        portee_origin_mode_t om;
        const char *what;
    } cases[] = {{PORTEE_ERRORS_INDEPENDENT, PORTEE_ORIGIN_DEFAULT, "independent, default origin (one step before)"},
                 {PORTEE_ERRORS_INDEPENDENT, PORTEE_ORIGIN_FIT, "independent, --fit-origin"},
                 {PORTEE_ERRORS_INCREMENTS, PORTEE_ORIGIN_FIT, "increments, --fit-origin"},
                 {PORTEE_ERRORS_INCREMENTS, PORTEE_ORIGIN_DEFAULT, "increments, default (implied) origin"}};
    const size_t nc = sizeof cases / sizeof *cases;
    double sum[4] = {0}, sum2[4] = {0}, origin[4] = {0};
    unsigned ok[4] = {0}, zero_first = 0;
    for (size_t a = 0; a < AUDIENCES; a++) {
        portee_sim_t s;
        portee_error_t err;
        if (!CHECK(portee_sim_init_scenario(&s, sc, 0, a, &err) == PORTEE_OK, "simulator: %s", err.msg)) break;
        for (unsigned r = 0; r < R; r++) {
            portee_sim_one(&s, r);
            zero_first += !(s.out[ADOPT_OUT_AUDIENCE_SHARE][0] > 0);
            for (size_t c = 0; c < nc; c++) {
                const portee_fit_spec_t spec = {.market_size = 1, .value_units = "share", .origin_mode = cases[c].om,
                                                .errors = cases[c].errors};
                portee_fit_t f;
                if (fit_replicate(&s, &spec, &f)) {
                    const double lr = log(f.est[0] / TRUE_P);
                    ok[c]++;
                    sum[c] += lr;
                    sum2[c] += lr * lr;
                    origin[c] += f.origin;
                }
                portee_fit_free(&f);
            }
        }
        portee_sim_free(&s);
    }
    const unsigned n = AUDIENCES * R;
    CHECK(zero_first == 0, "every series starts above 0 (%u do not)", zero_first);
    double bias[4], se[4];
    for (size_t c = 0; c < nc; c++) {
        bias[c] = ok[c] ? sum[c] / ok[c] : NAN;
        se[c] = ok[c] > 1 ? sqrt((sum2[c] / ok[c] - bias[c] * bias[c]) / (ok[c] - 1)) : NAN;
        printf("launch at the first observation, %-46s: %u of %u fit, mean ln(p/p_true) %+.3f (se %.3f: p %+.0f %%), "
               "mean origin %+.2f\n", cases[c].what, ok[c], n, bias[c], se[c], 100 * expm1(bias[c]),
               ok[c] ? origin[c] / ok[c] : NAN);
    }
    CHECK(ok[0] == n && bias[0] + K_SE * se[0] < -0.3, "the default origin one step before the launch biases p: "
          "mean ln(p/p_true) %.3f (se %.3f)", bias[0], se[0]);
    for (size_t c = 1; c < nc; c++)
        CHECK(ok[c] == n && fabs(bias[c]) < 0.1, "%s: all %u of %u fit, mean ln(p/p_true) %.3f (se %.3f)",
              cases[c].what, ok[c], n, bias[c], se[c]);
    portee_scenario_free(sc);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_coverage(500);
    test_origin_at_launch(100);
    return portee_test_summary("test_fit_coverage");
}
