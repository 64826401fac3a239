/* reach_fit.c — the whole reach fit: the constant and trend models with
 * their binomial limits and tests, the cascade and engagement rates, the
 * rows of the estimates table and the values the scenario uses. */
#include "sim/fit/reach_fit_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#define WEEKS_PER_YEAR (365.2425 / 7)

const portee_rf_row_t *portee_rf_row(const portee_reach_fit_t *f, const char *name, const char *note)
{
    for (size_t i = 0; i < f->n_rows; i++)
        if (!strcmp(f->row[i].name, name) && (!note || !strncmp(f->row[i].note, note, strlen(note))))
            return &f->row[i];
    return NULL;
}

static portee_rf_row_t *add_row(portee_reach_fit_t *f, const char *name, const char *section, const char *model,
                                double value, double se, double lo, double hi, const char *note_fmt, ...)
    __attribute__((format(printf, 9, 10)));

static portee_rf_row_t *add_row(portee_reach_fit_t *f, const char *name, const char *section, const char *model,
                                double value, double se, double lo, double hi, const char *note_fmt, ...)
{
    if (f->n_rows == PORTEE_REACH_FIT_MAX_ROWS) return NULL; /* cannot happen: fewer rows are made */
    portee_rf_row_t *r = &f->row[f->n_rows++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->section, sizeof r->section, "%s", section);
    snprintf(r->model, sizeof r->model, "%s", model);
    va_list ap;
    va_start(ap, note_fmt);
    vsnprintf(r->note, sizeof r->note, note_fmt, ap);
    va_end(ap);
    r->value = value;
    r->se = se;
    r->lo95 = lo;
    r->hi95 = hi;
    return r;
}

static double logistic(double x) { return 1 / (1 + exp(-x)); }

/* A rate's row from its logit and that logit's variance: the interval on
 * the logit scale, back-transformed; se by the delta method. */
static void rate_row(portee_reach_fit_t *f, const char *name, const char *section, const char *model, double eta,
                     double var, const char *note)
{
    const double r = logistic(eta), s = sqrt(var);
    add_row(f, name, section, model, r, r * (1 - r) * s, logistic(eta - PORTEE_Z975 * s),
            logistic(eta + PORTEE_Z975 * s), "%s", note);
}

/* post_variability of a fit: κ with its log-scale interval, or ∞ and the
 * profile bound at the binomial. */
static void kappa_row(portee_reach_fit_t *f, const portee_bb_fit_t *b, const char *model, double lower,
                      const char *note)
{
    if (b->binomial) {
        add_row(f, "post_variability", "page", model, INFINITY, NAN, lower, INFINITY, "%s", note);
        return;
    }
    const size_t k = b->k;
    const double phi = b->theta[k - 1], s = sqrt(b->cov[k * k - 1]), kappa = exp(phi);
    add_row(f, "post_variability", "page", model, kappa, kappa * s, exp(phi - PORTEE_Z975 * s),
            exp(phi + PORTEE_Z975 * s), "%s", note);
}

/* A binomial rate x/N pooled over posts (share, engagement): the logit
 * interval, or [0, Clopper-Pearson] when x is 0. */
static portee_rf_row_t *pooled_row(portee_reach_fit_t *f, const char *name, const char *section,
                                   const char *model, double x, double N, const char *note, portee_rf_value_t *v)
{
    const double p = x / N;
    v->given = true;
    if (x == 0 || x == N) {
        v->value = p;
        v->spread = 0;
        const double edge = 1 - pow(0.025, 1 / N);
        return add_row(f, name, section, model, p, NAN, x == 0 ? 0 : 1 - edge, x == 0 ? edge : 1, "%s", note);
    }
    const double eta = log(p / (1 - p)), var = 1 / (N * p * (1 - p));
    rate_row(f, name, section, model, eta, var, note);
    v->value = p;
    v->spread = f->row[f->n_rows - 1].se;
    return &f->row[f->n_rows - 1];
}

/* Σx/Σy with the sandwich variance of the quasi-likelihood ratio: the
 * ratio's value and standard error. */
static double ratio(const double *x, const double *y, size_t n, double *se)
{
    double sx = 0, sy = 0, ss = 0;
    for (size_t i = 0; i < n; i++) {
        sx += x[i];
        sy += y[i];
    }
    const double q = sx / sy;
    for (size_t i = 0; i < n; i++) {
        const double e = x[i] - q * y[i];
        ss += e * e;
    }
    *se = sqrt(ss * (double)n / (double)(n - 1)) / sy;
    return q;
}

static double sum(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += x[i];
    return s;
}

/* E[friends] of a sharer as the reach model draws them: a lognormal capped
 * at the smaller of max_friends and the population, E[min(X, c)] =
 * m e^{σ²/2} Φ(u − σ) + c Q(u), u = (ln c − ln m)/σ (the model's own
 * portee_reach_friend_moments, models/reach_post.c). */
static double friends_mean(const portee_cascade_prior_t *c)
{
    const double cap = fmin(c->max_friends, c->population), m = c->friends_median, s = c->friends_sigma;
    if (s == 0) return fmin(floor(m + 0.5), cap);
    const double u = (log(cap) - log(m)) / s;
    return m * exp(0.5 * s * s) * gsl_cdf_ugaussian_P(u - s) + cap * gsl_cdf_ugaussian_Q(u);
}

/* The cascade: share_rate, what a share adds (m or R), and what is kept. */
static portee_status_t cascade(portee_reach_fit_t *f, const double *d, portee_error_t *err)
{
    const portee_posts_t *p = &f->posts;
    const double *y = p->count[PORTEE_POSTS_REACH], *v = p->count[PORTEE_POSTS_VIRAL];
    const double *s = p->count[PORTEE_POSTS_SHARES];
    const portee_cascade_prior_t *c = &f->cascade;
    const double ef = friends_mean(c);
    const size_t n = p->n;
    char note[1024], whose[64];
    /* "are linkedin's preset values" or "are portee's defaults" */
    if (c->platform) snprintf(whose, sizeof whose, "%s's preset values", c->platform);
    else snprintf(whose, sizeof whose, "portee's defaults");
    const double S = s ? sum(s, n) : 0;
    if (s) pooled_row(f, "share_rate", "reach", "shares", S, sum(y, n), "of people reached",
                      &f->share_rate);
    if (s && v && S > 0) {
        double se_m;
        const double m = ratio(v, s, n, &se_m);
        const double sr = f->share_rate.value, se_s = f->share_rate.spread;
        if (m > 0) {
            const double sl = se_m / m;
            add_row(f, "friend_reach", "reach", "viral", m / ef, se_m / ef, m * exp(-PORTEE_Z975 * sl) / ef,
                    m * exp(PORTEE_Z975 * sl) / ef, "m/E[friends], m = %.4g", m);
            const double slr = sqrt(sl * sl + (sr > 0 ? se_s * se_s / (sr * sr) : 0));
            add_row(f, "R", "", "viral", sr * m, sr * m * slr, sr * m * exp(-PORTEE_Z975 * slr),
                    sr * m * exp(PORTEE_Z975 * slr), "share_rate·m, per person");
        } else {
            add_row(f, "friend_reach", "reach", "viral", 0, NAN, 0, NAN, "no viral reach in the data");
        }
        f->friend_reach = (portee_rf_value_t){true, fmin(m / ef, 1), se_m / ef};
        snprintf(note, sizeof note, "shares and viral reach identify share_rate and m = E[friends]·friend_reach "
                 "= %.4g new people a share, not how m splits: friends_median %g and friends_sigma %g are %s, "
                 "friend_reach = m/E[friends] (E[friends] = %.4g, at most %.0f each)%s",
                 m, c->friends_median, c->friends_sigma, whose, ef, fmin(c->max_friends, c->population),
                 m > ef ? "; m exceeds E[friends], so friend_reach is capped at 1: raise friends_median" : "");
    } else if (v) {
        double se_rho;
        const double D = sum(d, n), rho = ratio(v, d, n, &se_rho), R = rho / (1 + rho);
        if (!(D > 0)) return portee_fail(err, PORTEE_EINPUT, "%s: no direct reach", f->source);
        const double seR = se_rho / ((1 + rho) * (1 + rho));
        const double lo = rho > 0 ? rho * exp(-PORTEE_Z975 * se_rho / rho) : 0;
        const double hi = rho > 0 ? rho * exp(PORTEE_Z975 * se_rho / rho) : NAN;
        add_row(f, "R", "", "viral", R, seR, lo / (1 + lo), hi / (1 + hi),
                "from viral/direct");
        const double base = c->share_rate * ef;
        if (!s && base > 0) {
            const double fr = R / base;
            add_row(f, "friend_reach", "reach", "viral", fr, seR / base, lo / (1 + lo) / base, hi / (1 + hi) / base,
                    "R/(share_rate·E[friends])");
            f->friend_reach = (portee_rf_value_t){true, fmin(fr, 1), seR / base};
        }
        snprintf(note, sizeof note, "viral reach without shares identifies only R = share_rate·E[friends]·"
                 "friend_reach = %.4g: share_rate %g, friends_median %g and friends_sigma %g are %s, "
                 "friend_reach is set so that R is the fitted one%s",
                 R, s ? f->share_rate.value : c->share_rate, c->friends_median, c->friends_sigma,
                 whose, s ? " (no share in the data: R cannot be split)" : "");
    } else if (s) {
        snprintf(note, sizeof note, "shares identify share_rate; without viral reach, how many people a share "
                 "reaches is not measured: friends_median %g, friends_sigma %g, friend_reach %g are %s",
                 c->friends_median, c->friends_sigma, c->friend_reach, whose);
    } else {
        snprintf(note, sizeof note, "no shares or viral column: the cascade is not measured; share_rate %g, "
                 "friends_median %g, friends_sigma %g, friend_reach %g are %s",
                 c->share_rate, c->friends_median, c->friends_sigma, c->friend_reach, whose);
    }
    if (!(f->cascade_note = strdup(note))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    return PORTEE_OK;
}

/* One model and its binomial limit: the beta-binomial unless the binomial
 * is as likely (κ → ∞) or forced. */
static portee_status_t fit_pair(const portee_bb_data_t *data, bool trend, bool size, bool force_binomial,
                                portee_bb_fit_t *bb, portee_bb_fit_t *bin, double *lrt, portee_error_t *err)
{
    *bin = (portee_bb_fit_t){.trend = trend, .size = size, .binomial = true};
    portee_status_t st = portee_bb_estimate(data, bin, err);
    *lrt = 0;
    if (st || force_binomial) {
        *bb = *bin;
        return st;
    }
    *bb = (portee_bb_fit_t){.trend = trend, .size = size, .binomial = false};
    if ((st = portee_bb_estimate(data, bb, err))) return st;
    *lrt = fmax(0, 2 * (bb->loglik - bin->loglik));
    const double phi = bb->theta[bb->k - 1];
    if (!(bb->loglik > bin->loglik + 1e-9) || phi > log(1e8) || !isfinite(bb->cov[bb->k * bb->k - 1]))
        *bb = *bin;
    return PORTEE_OK;
}

static double logit(double r) { return log(r / (1 - r)); }

static void model_rows(portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    char a[24], b[24], note[64];
    const portee_bb_fit_t *c = &f->constant, *t = &f->trend;
    rate_row(f, "reach_rate", "page", "constant", c->theta[0], c->cov[0], "average over the period");
    kappa_row(f, c, "constant", f->kappa_lower, c->binomial ? "binomial: lower bound" : "");
    if (!f->has_trend) return;
    portee_rf_format_time(a, sizeof a, p, 0);
    portee_rf_format_time(b, sizeof b, p, p->n - 1);
    const double x0 = p->year[0] - f->t_ref, x1 = p->year[p->n - 1] - f->t_ref;
    double v0, v1;
    const double r0 = portee_bb_rate(t, x0, 0, &v0), r1 = portee_bb_rate(t, x1, 0, &v1);
    snprintf(note, sizeof note, "first post, %s", a);
    rate_row(f, "reach_rate", "page", "trend", logit(r0), v0, note);
    snprintf(note, sizeof note, "last post, %s", b);
    rate_row(f, "reach_rate", "page", "trend", logit(r1), v1, note);
    kappa_row(f, t, "trend", NAN, t->binomial ? "binomial" : "about the trend");
    const size_t k = t->k;
    const double beta = t->theta[1], sb = sqrt(t->cov[k + 1]);
    add_row(f, "trend", "", "trend", beta, sb, beta - PORTEE_Z975 * sb, beta + PORTEE_Z975 * sb,
            "logit per year");
    /* r1/r0: its log by the delta method, through (α, β) */
    const double g0 = (1 - r1) - (1 - r0), g1 = (1 - r1) * x1 - (1 - r0) * x0;
    const double var = g0 * g0 * t->cov[0] + 2 * g0 * g1 * t->cov[1] + g1 * g1 * t->cov[k + 1];
    const double lr = log(r1 / r0), s = sqrt(fmax(var, 0));
    add_row(f, "change", "", "trend", r1 / r0, r1 / r0 * s, exp(lr - PORTEE_Z975 * s), exp(lr + PORTEE_Z975 * s),
            "last post / first");
}

/* Where the scenario stands: the last post's time (for the trend) and
 * followers, less their references. */
static void last_post(const portee_reach_fit_t *f, double *t, double *x)
{
    const portee_posts_t *p = &f->posts;
    *t = p->year[p->n - 1] - f->t_ref;
    *x = log(p->count[PORTEE_POSTS_FOLLOWERS][p->n - 1]) - f->x_ref;
}

/* The size law's rows: the rate at the last post's followers F_L (and its
 * time, with the trend), the local elasticity there, e = −c·(1 − r), with
 * its standard error through (α[, β], c) by the delta method, and
 * post_variability. */
static void size_rows(portee_reach_fit_t *f)
{
    const portee_bb_fit_t *m = &f->sized;
    const double FL = f->posts.count[PORTEE_POSTS_FOLLOWERS][f->posts.n - 1];
    double tL, xL, var;
    last_post(f, &tL, &xL);
    const double r = portee_bb_rate(m, tL, xL, &var);
    char note[64];
    snprintf(note, sizeof note, "%s, at %.0f followers", m->trend ? "last post" : "average", FL);
    rate_row(f, "reach_rate", "page", "size", logit(r), var, note);
    const size_t k = m->k, js = 1 + m->trend;
    const double c = m->theta[js], e = -c * (1 - r), slope = c * r * (1 - r);
    double g[PORTEE_BB_MAX_K] = {slope};
    if (m->trend) g[1] = slope * tL;
    g[js] = -(1 - r) + slope * xL;
    double ve = 0;
    for (size_t i = 0; i <= js; i++)
        for (size_t j = 0; j <= js; j++) ve += g[i] * m->cov[i * k + j] * g[j];
    const double se = sqrt(fmax(ve, 0));
    add_row(f, "size_elasticity", "page", "size", e, se, e - PORTEE_Z975 * se, e + PORTEE_Z975 * se,
            "at %.0f followers; logit slope %.3g", FL, c);
    kappa_row(f, m, "size", NAN, m->binomial ? "binomial" : "");
    f->size_elasticity = (portee_rf_value_t){f->size_used, e, se};
}

const portee_bb_fit_t *portee_reach_fit_model(const portee_reach_fit_t *f)
{
    if (f->size_used) return &f->sized;
    return f->level == PORTEE_LEVEL_LAST ? &f->trend : &f->constant;
}

/* What the scenario's page takes: the rate of the model used at the last
 * post (its time with the trend, its followers with the size law), the
 * concentration of the same model. */
static void scenario_values(portee_reach_fit_t *f)
{
    const portee_posts_t *p = &f->posts;
    const portee_bb_fit_t *m = portee_reach_fit_model(f);
    double tL, xL, var;
    last_post(f, &tL, &xL);
    const double r = portee_bb_rate(m, tL, xL, &var);
    f->reach_rate = (portee_rf_value_t){true, r, r * (1 - r) * sqrt(var)};
    if (m->binomial) {
        f->post_variability = (portee_rf_value_t){true, 0, 0};
    } else {
        const size_t k = m->k;
        f->post_variability = (portee_rf_value_t){true, exp(m->theta[k - 1]), sqrt(m->cov[k * k - 1])};
    }
    f->followers_last = p->count[PORTEE_POSTS_FOLLOWERS][p->n - 1];
    const double span = p->year[p->n - 1] - p->year[0];
    f->posts_per_week = span > 0 ? (double)(p->n - 1) / (span * WEEKS_PER_YEAR) : NAN;
}

/* The size law on the level's model, tested against the same model
 * without it. */
static portee_status_t size_law(portee_reach_fit_t *f, const portee_bb_data_t *data,
                                const portee_reach_fit_spec_t *spec, portee_error_t *err)
{
    const double *F = data->F;
    double lo = F[0], hi = F[0];
    for (size_t i = 0; i < data->n; i++) {
        lo = fmin(lo, F[i]);
        hi = fmax(hi, F[i]);
    }
    f->size_chosen = spec->size_law != PORTEE_SIZE_AUTO;
    f->has_size = spec->size_law == PORTEE_SIZE_ON || (spec->size_law == PORTEE_SIZE_AUTO &&
                                                      hi >= PORTEE_REACH_FIT_SIZE_SPAN * lo);
    f->size_lrt = f->size_p = NAN;
    if (!f->has_size) return PORTEE_OK;
    if (hi == lo)
        return portee_fail(err, PORTEE_EINPUT, "%s: --size-law: every post has %.0f followers; the size law "
                                               "needs posts of pages of different sizes", f->source, hi);
    double unused;
    portee_status_t st = fit_pair(data, f->level == PORTEE_LEVEL_LAST, true, spec->binomial, &f->sized,
                                  &f->sized_binomial, &unused, err);
    if (st) return st;
    const portee_bb_fit_t *without = f->level == PORTEE_LEVEL_LAST ? &f->trend : &f->constant;
    f->size_lrt = fmax(0, 2 * (f->sized.loglik - without->loglik));
    f->size_p = gsl_cdf_chisq_Q(f->size_lrt, 1);
    f->size_used = spec->size_law == PORTEE_SIZE_ON || f->size_p < 0.05;
    /* a rate rising with size is a negative elasticity, outside the model's
     * law (0 to 2): said, and kept out of the scenario, which could not load it */
    f->size_rising = f->sized.theta[1 + f->sized.trend] > 0;
    if (f->size_rising) f->size_used = false;
    return PORTEE_OK;
}

portee_status_t portee_reach_fit_estimate(const char *source, portee_posts_t *posts,
                                          const portee_reach_fit_spec_t *spec, portee_reach_fit_t *f,
                                          portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    f->posts = *posts;
    memset(posts, 0, sizeof *posts);
    f->cascade = spec->cascade;
    f->cascade.platform = NULL;
    f->kappa_lower = NAN;
    f->impressions_per_reach = NAN;
    f->posts_per_week = NAN;
    const portee_posts_t *p = &f->posts;
    const size_t n = p->n;
    if (!(f->source = strdup(source)) ||
        (spec->cascade.platform && !(f->cascade.platform = strdup(spec->cascade.platform))))
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    const double *F = p->count[PORTEE_POSTS_FOLLOWERS];
    double *d = malloc(n * sizeof *d), *t = malloc(n * sizeof *t), *x = malloc(n * sizeof *x);
    portee_status_t st = d && t && x ? PORTEE_OK : portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if (st) goto done;
    f->t_ref = f->x_ref = 0;
    for (size_t i = 0; i < n; i++) {
        f->t_ref += p->year[i] / (double)n;
        f->x_ref += log(F[i]) / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        d[i] = portee_posts_direct(p, i);
        t[i] = p->year[i] - f->t_ref;
        x[i] = log(F[i]) - f->x_ref;
    }
    const portee_bb_data_t data = {n, F, d, t, x};
    if ((st = fit_pair(&data, false, false, spec->binomial, &f->constant, &f->constant_binomial,
                       &f->overdispersion_lrt, err)))
        goto done;
    f->overdispersion_p = f->overdispersion_lrt > 0 ? 0.5 * gsl_cdf_chisq_Q(f->overdispersion_lrt, 1) : 1;
    if (f->constant.binomial && !spec->binomial) f->kappa_lower = portee_bb_kappa_lower(&f->constant_binomial, &data);
    f->has_trend = p->year[n - 1] > p->year[0] && n > PORTEE_REACH_FIT_MIN_POSTS;
    if (f->has_trend) {
        double unused;
        if ((st = fit_pair(&data, true, false, spec->binomial, &f->trend, &f->trend_binomial, &unused, err)))
            goto done;
        f->trend_lrt = fmax(0, 2 * (f->trend.loglik - f->constant.loglik));
        f->trend_p = gsl_cdf_chisq_Q(f->trend_lrt, 1);
    } else {
        f->trend_p = NAN;
        f->trend_lrt = NAN;
    }
    f->level_chosen = spec->level != PORTEE_LEVEL_AUTO;
    f->level = spec->level == PORTEE_LEVEL_AUTO ? (f->has_trend && f->trend_p < 0.05 ? PORTEE_LEVEL_LAST
                                                                                      : PORTEE_LEVEL_AVERAGE)
                                                : spec->level;
    if (!f->has_trend) f->level = PORTEE_LEVEL_AVERAGE;
    if ((st = size_law(f, &data, spec, err))) goto done;
    model_rows(f);
    if (f->has_size) size_rows(f);
    if ((st = cascade(f, d, err))) goto done;
    const double *y = p->count[PORTEE_POSTS_REACH];
    if (p->count[PORTEE_POSTS_ENGAGEMENTS])
        pooled_row(f, "engagement_rate", "page", "engagements", sum(p->count[PORTEE_POSTS_ENGAGEMENTS], n),
                   sum(y, n), "of people reached", &f->engagement_rate);
    if (p->count[PORTEE_POSTS_IMPRESSIONS])
        f->impressions_per_reach = sum(p->count[PORTEE_POSTS_IMPRESSIONS], n) / sum(y, n);
    scenario_values(f);
    if (isfinite(f->posts_per_week))
        add_row(f, "posts_per_week", "page", "posting", f->posts_per_week, f->posts_per_week / sqrt((double)n - 1),
                f->posts_per_week * gsl_cdf_chisq_Pinv(0.025, 2.0 * (double)(n - 1)) / (2.0 * (double)(n - 1)),
                f->posts_per_week * gsl_cdf_chisq_Pinv(0.975, 2.0 * (double)(n - 1)) / (2.0 * (double)(n - 1)),
                "%zu posts, %.3g weeks", n, (p->year[n - 1] - p->year[0]) * WEEKS_PER_YEAR);
done:
    free(d);
    free(t);
    free(x);
    return st;
}

void portee_reach_fit_free(portee_reach_fit_t *f)
{
    if (!f) return;
    free(f->source);
    free(f->version);
    free(f->cascade_note);
    free((char *)f->cascade.platform);
    free(f->rate);
    free(f->band);
    portee_posts_free(&f->posts);
    memset(f, 0, sizeof *f);
}
