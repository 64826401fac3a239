/* fit_reach_util.c — the generated posts and the tallies of fit_reach_util.h. */
#include "fit_reach_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "models/reach.h"
#include "sim/numeric/rng.h"
#include "testutil.h"

double rf_logit(double r) { return log(r / (1 - r)); }
double rf_logistic(double x) { return 1 / (1 + exp(-x)); }
double rf_truth_rate(const truth_t *tr, double t)
{
    return rf_logistic(rf_logit(tr->r0) + (rf_logit(tr->r2) - rf_logit(tr->r0)) * t / 2);
}
double rf_friends_mean(void)
{
    const double u = (log(FRIENDS_CAP) - log(FRIENDS_MEDIAN)) / FRIENDS_SIGMA;
    return FRIENDS_MEDIAN * exp(0.5 * FRIENDS_SIGMA * FRIENDS_SIGMA) * gsl_cdf_ugaussian_P(u - FRIENDS_SIGMA) +
           FRIENDS_CAP * gsl_cdf_ugaussian_Q(u);
}

static int by_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void rf_make_posts(const truth_t *tr, uint64_t seed, uint32_t index, portee_posts_t *p)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    portee_rng_stream(r, seed, 7, 0, index);
    const size_t n = tr->n;
    memset(p, 0, sizeof *p);
    p->n = n;
    p->day = malloc(n * sizeof *p->day);
    p->year = malloc(n * sizeof *p->year);
    p->line = calloc(n, sizeof *p->line);
    p->count[PORTEE_POSTS_FOLLOWERS] = malloc(n * sizeof(double));
    p->count[PORTEE_POSTS_REACH] = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) p->year[i] = 2 * gsl_rng_uniform(r);
    qsort(p->year, n, sizeof *p->year, by_double);
    if (tr->share > 0) {
        p->count[PORTEE_POSTS_SHARES] = malloc(n * sizeof(double));
        p->count[PORTEE_POSTS_VIRAL] = malloc(n * sizeof(double));
    }
    const double kappa = isinf(tr->kappa) ? 0 : tr->kappa; /* the model's 0: no variability */
    for (size_t i = 0; i < n; i++) {
        const double t = p->year[i];
        const unsigned int F = tr->pages ? (unsigned int)floor(500 * exp(log(100) * gsl_rng_uniform(r)) + 0.5)
                                         : 500 + (unsigned int)gsl_rng_uniform_int(r, 4501);
        const double rate = tr->pages ? fmin(1, rf_truth_rate(tr, t) * pow(F / SIZE_REFERENCE, -tr->elasticity))
                                      : rf_truth_rate(tr, t);
        const unsigned int d = portee_reach_direct(r, rate, kappa, F);
        p->day[i] = NAN;
        p->year[i] = 2020 + t;
        p->count[PORTEE_POSTS_FOLLOWERS][i] = F;
        p->count[PORTEE_POSTS_REACH][i] = d;
        if (tr->share > 0) {
            double sh = 0, viral = 0, fresh = d;
            for (int g = 0; g < 30 && fresh > 0; g++) {
                const unsigned int k = gsl_ran_binomial(r, tr->share, (unsigned int)fresh);
                double add = 0;
                for (unsigned int j = 0; j < k; j++) {
                    const double friends = floor(FRIENDS_MEDIAN * exp(gsl_ran_gaussian(r, FRIENDS_SIGMA)) + 0.5);
                    add += gsl_ran_binomial(r, FRIEND_REACH, (unsigned int)fmin(friends, FRIENDS_CAP));
                }
                sh += k;
                viral += add;
                fresh = add;
            }
            p->count[PORTEE_POSTS_SHARES][i] = sh;
            p->count[PORTEE_POSTS_VIRAL][i] = viral;
            p->count[PORTEE_POSTS_REACH][i] = d + viral;
        }
    }
    for (size_t c = 0; c < PORTEE_POSTS_NCOLUMNS; c++)
        if (c == PORTEE_POSTS_DATE || p->count[c]) p->column[c] = strdup("x");
    gsl_rng_free(r);
}

const portee_rf_row_t *rf_row(const portee_reach_fit_t *f, const char *name, const char *model)
{
    for (size_t i = 0; i < f->n_rows; i++)
        if (!strcmp(f->row[i].name, name) && !strcmp(f->row[i].model, model)) return &f->row[i];
    return NULL;
}

bool rf_fit_series(const truth_t *tr, uint64_t seed, uint32_t index, bool binomial, bool drop_shares,
                       portee_size_law_t size, portee_reach_fit_t *f, portee_error_t *err)
{
    portee_posts_t p;
    rf_make_posts(tr, seed, index, &p);
    if (drop_shares) {
        free(p.count[PORTEE_POSTS_SHARES]);
        free(p.column[PORTEE_POSTS_SHARES]);
        p.count[PORTEE_POSTS_SHARES] = NULL;
        p.column[PORTEE_POSTS_SHARES] = NULL;
    }
    const portee_reach_fit_spec_t spec = {PORTEE_LEVEL_AUTO, size, binomial,
                                          {NULL, 0.01, FRIENDS_MEDIAN, FRIENDS_SIGMA, FRIEND_REACH, FRIENDS_CAP, 1e5}};
    const portee_status_t st = portee_reach_fit_estimate("generated", &p, &spec, f, err);
    portee_posts_free(&p);
    return st == PORTEE_OK;
}


shot_t rf_shot(const portee_rf_row_t *r, double truth, double (*scale)(double))
{
    if (!r) return (shot_t){0};
    return (shot_t){true, r->lo95, r->hi95, truth, scale(r->value) - scale(truth)};
}

double rf_identity(double x) { return x; }

void rf_tally(tally_t *t, const shot_t *s)
{
    if (!s->given) return;
    t->covered += s->lo <= s->truth && s->truth <= s->hi;
    t->runs++;
    t->sum += s->error;
    t->sum2 += s->error * s->error;
}

double rf_coverage(const tally_t *t) { return (double)t->covered / (double)t->runs; }
double rf_bias(const tally_t *t) { return t->sum / (double)t->runs; }
double rf_sd(const tally_t *t)
{
    const double b = rf_bias(t);
    return sqrt(fmax(0, t->sum2 / (double)t->runs - b * b));
}

void rf_report(const char *what, const char *param, const tally_t *t, size_t series, bool unbiased)
{
    CHECK(t->runs == series, "%s: %s given by %zu of %zu fits", what, param, t->runs, series);
    if (!t->runs) return;
    const double R = (double)t->runs, c = rf_coverage(t), se_c = sqrt(0.95 * 0.05 / R);
    const double b = rf_bias(t), se_b = rf_sd(t) / sqrt(R);
    printf("%s: %s covered in %.1f %% of %zu series; mean error %+.4f (se %.4f, sd of one estimate %.3f)\n", what,
           param, 100 * c, t->runs, b, se_b, rf_sd(t));
    CHECK(fabs(c - 0.95) <= COVER_K * se_c, "%s: 95 %% intervals of %s cover the truth in %.1f %% of %zu series "
          "(limits %.1f-%.1f %%)", what, param, 100 * c, t->runs, 100 * (0.95 - COVER_K * se_c),
          100 * (0.95 + COVER_K * se_c));
    if (unbiased) CHECK_SE(b, 0, se_b, K_SE, param);
}

void rf_reject(const char *what, const char *model, const tally_t *t, double most)
{
    printf("%s: %s: covered in %.1f %% of %zu series, mean error %+.4f (wrong model)\n", what, model,
           100 * rf_coverage(t), t->runs, rf_bias(t));
    CHECK(t->runs > 0 && rf_coverage(t) < most, "%s: %s should not cover: %.1f %% (limit %.0f %%)", what, model,
          100 * rf_coverage(t), 100 * most);
}

