/* fit_print.c — a fit and its forecast for people (table, in English or
 * French) and scripts (JSON, never translated). */
#include "sim/fit/fit.h"

#include <math.h>
#include <string.h>

#include "sim/base/date.h"
#include "sim/base/lang.h"
#include "sim/base/textutil.h"
#include "sim/results/json.h"

/* Decimals that show every observed time exactly (none for whole years). */
static int time_decimals(const portee_fit_t *f)
{
    for (int d = 0; d < 6; d++) {
        const double scale = pow(10, d);
        bool exact = fabs(f->time_step * scale - round(f->time_step * scale)) < 1e-6;
        for (size_t i = 0; i < f->n && exact; i++) exact = fabs(f->t[i] * scale - round(f->t[i] * scale)) < 1e-6;
        if (exact) return d;
    }
    return 6;
}

/* A time with DEC decimals: no thousands groups (a year stays 2015), a
 * decimal comma in French. */
static void fmt_plain(char *buf, size_t len, double t, int dec, portee_lang_t L)
{
    snprintf(buf, len, "%.*f", dec, t);
    if (L == PORTEE_LANG_FR)
        for (char *c = buf; *c; c++)
            if (*c == '.') *c = ',';
}

/* X with DEC decimals (English as printf writes it, French grouped). */
static void fmt_dec(char *buf, size_t len, double x, int dec, portee_lang_t L)
{
    if (L == PORTEE_LANG_EN) snprintf(buf, len, "%.*f", dec, x);
    else portee_fmt_fixed(buf, len, x, dec, L);
}

/* X to SIG significant digits (English as %g writes it). */
static void fmt_g(char *buf, size_t len, double x, int sig, portee_lang_t L)
{
    if (L == PORTEE_LANG_EN) snprintf(buf, len, "%.*g", sig, x);
    else portee_fmt_sig(buf, len, x, sig, L);
}

/* Bytes of S beyond the columns it takes (UTF-8: é, the narrow no-break
 * space), to widen printf's fields by. */
static int extra(const char *s)
{
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) == 0x80;
    return n;
}

/* A decimal year as the date it is (a series read from dates), to the day;
 * false beyond the years dates are read in. */
static bool fmt_calendar(char *buf, size_t len, double year)
{
    const double whole = floor(year);
    if (!isfinite(year) || whole < 1900 || whole > 2199) return false;
    portee_date_format(buf, len, round(portee_date_days(year)));
    return true;
}

/* A time on the series' grid (observations, forecast steps). */
static void fmt_time(char *buf, size_t len, const portee_fit_t *f, double t, portee_lang_t L)
{
    if (!f->dated || !fmt_calendar(buf, len, t)) fmt_plain(buf, len, t, time_decimals(f), L);
}

/* A date between grid times (when a share is reached): one more decimal. */
static void fmt_date(char *buf, size_t len, const portee_fit_t *f, double t, portee_lang_t L)
{
    if (f->dated && fmt_calendar(buf, len, t)) return;
    if (isfinite(t)) fmt_plain(buf, len, t, time_decimals(f) + 1, L);
    else snprintf(buf, len, "%s", t > 0 ? portee_tr(L, "never") : "-");
}

static void fmt_value(char *buf, size_t len, double x, portee_lang_t L)
{
    const double a = fabs(x);
    fmt_dec(buf, len, x, a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 4, L);
}

static void fmt_param(char *buf, size_t len, const portee_fit_t *f, size_t i, double x, portee_lang_t L)
{
    if (!strcmp(portee_fit_param_name(f, i), "origin")) fmt_date(buf, len, f, x, L);
    else if (fabs(x) >= 1e5) fmt_dec(buf, len, x, 0, L);
    else fmt_g(buf, len, x, 4, L);
}

static void param_meaning(char *buf, size_t len, const portee_fit_t *f, size_t i, portee_lang_t L)
{
    const char *per = f->dated                       ? portee_tr(L, "year")
                      : strcmp(f->time_name, "time") ? f->time_name
                                                     : portee_tr(L, "unit of time");
    const char *name = portee_fit_param_name(f, i);
    if (!strcmp(name, "p")) snprintf(buf, len, portee_tr(L, "innovation, per %s"), per);
    else if (!strcmp(name, "q")) snprintf(buf, len, portee_tr(L, "imitation, per %s"), per);
    else if (!strcmp(name, "M")) snprintf(buf, len, "%s", portee_tr(L, "market size"));
    else snprintf(buf, len, portee_tr(L, "launch (%s)"), f->time_name);
}

/* The forecast steps after the last observation, at most about 12 of them. */
static size_t future_stride(const portee_fit_t *f, size_t *from)
{
    *from = 0;
    while (*from < f->n_steps && f->step_t[*from] <= f->t[f->n - 1] + 1e-9 * f->time_step) (*from)++;
    const size_t m = f->n_steps - *from;
    return m > 12 ? (m + 11) / 12 : 1;
}

/* The error model, the origin and how the fit went. */
static void print_method(FILE *o, const portee_fit_t *f, portee_lang_t L)
{
    char a[64], m[64];
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    (f->fit_origin || f->origin_implied ? fmt_date : fmt_time)(a, sizeof a, f, f->origin, L);
    if (f->fit_market) fprintf(o, portee_tr(L, "  model: %s = M·F(%s − origin; p, q)"), f->value_name, f->time_name);
    else if (!strcmp(f->value_units, "share"))
        fprintf(o, portee_tr(L, "  model: %s = F(%s − origin; p, q)"), f->value_name, f->time_name);
    else {
        fmt_g(m, sizeof m, f->market_size, 6, L);
        fprintf(o, portee_tr(L, "  model: %s = %s·F(%s − origin; p, q)"), f->value_name, m, f->time_name);
    }
    fputs(portee_tr(L, ", F the Bass curve\n"), o);
    if (inc)
        fputs(portee_tr(L, "  errors: increments, as in a stochastic Bass process: each period's change given the value\n"
                           "  before it, its mean the curve carried on from that value, its variance the process's times a\n"
                           "  fitted dispersion φ (--errors independent: independent noise around the curve)\n"), o);
    else
        fputs(portee_tr(L, "  errors: independent noise around the curve (a cumulative series' errors carry on from\n"
                           "  value to value, which makes these intervals too narrow: --errors increments)\n"), o);
    fprintf(o, portee_tr(L, "  origin %s, %s\n"), a, f->origin_rule);
    if (inc)
        fprintf(o, portee_tr(L, "  least squares on the increments weighted by their variances (GSL, Levenberg-Marquardt),\n"
                   "  reweighted until the estimates settle: %llu of %llu starts converged; best after %llu rounds,\n"
                   "  %llu iterations (%s)\n\n"),
                (unsigned long long)f->starts_converged, (unsigned long long)f->starts,
                (unsigned long long)f->rounds, (unsigned long long)f->iterations, f->stop_reason);
    else
        fprintf(o, portee_tr(L, "  nonlinear least squares (GSL, Levenberg-Marquardt): %llu of %llu starts converged; "
                   "best after %llu iterations (%s)\n\n"),
                (unsigned long long)f->starts_converged, (unsigned long long)f->starts,
                (unsigned long long)f->iterations, f->stop_reason);
}

/* Goodness of fit over the rows that count. */
static void print_goodness(FILE *o, const portee_fit_t *f, portee_lang_t L)
{
    char a[64], b[64], c[64], d[64];
    if (f->errors == PORTEE_ERRORS_INDEPENDENT) {
        fmt_g(a, sizeof a, f->rmse, 4, L);
        fmt_g(b, sizeof b, f->resid_sd, 4, L);
        fmt_dec(c, sizeof c, f->r2, 5, L);
        fprintf(o, portee_tr(L, "\n  goodness of fit over the %zu observations after the origin: RMSE %s, residual sd %s\n"
                   "  (%llu degrees of freedom), R² %s\n"),
                f->n_used, a, b, (unsigned long long)f->dof, c);
        if (f->n_used < f->n)
            fprintf(o, portee_tr(L, "  (the %zu rows at or before the origin are 0 whatever p and q: they count for nothing)\n"),
                    f->n - f->n_used);
        return;
    }
    const double phi = f->resid_sd * f->resid_sd;
    fmt_g(a, sizeof a, f->rmse, 4, L);
    fmt_g(b, sizeof b, phi, 4, L);
    fmt_g(c, sizeof c, 1 / phi, 4, L);
    fmt_dec(d, sizeof d, f->r2, 5, L);
    fprintf(o, portee_tr(L, "\n  goodness of fit over the %zu periods after the %s: RMSE %s one period ahead,\n"
               "  dispersion φ %s on %llu degrees of freedom (the scatter of %s independent adopters), R² of\n"
               "  the increments %s\n"),
            f->n_used, portee_tr(L, f->origin_implied ? "first value above 0" : "origin"), a, b,
            (unsigned long long)f->dof, c, d);
    const size_t left = f->n - f->n_used;
    if (left == 1 && f->origin_implied)
        fputs(portee_tr(L, "  (the first row only sets where the fit starts: it counts for nothing)\n"), o);
    else if (left && f->origin_implied)
        fprintf(o, portee_tr(L, "  (the %zu rows up to the first value above 0 only set where the fit starts: they count for "
                   "nothing)\n"), left);
    else if (left == 1)
        fputs(portee_tr(L, "  (1 row at or before the origin, or after a value at the market size, counts for nothing)\n"), o);
    else if (left)
        fprintf(o, portee_tr(L, "  (%zu rows at or before the origin, or after a value at the market size, count for "
                   "nothing)\n"), left);
}

static void print_table(FILE *o, const portee_fit_t *f, portee_lang_t L)
{
    char a[64], b[64], c[64], d[64];
    fmt_time(a, sizeof a, f, f->t[0], L);
    fmt_time(b, sizeof b, f, f->t[f->n - 1], L);
    fprintf(o, portee_tr(L, "Bass fit of %s: %zu observations, %s %s to %s\n"), f->source, f->n, f->time_name, a, b);
    print_method(o, f, L);
    const char *h[5] = {portee_tr(L, "parameter"), portee_tr(L, "estimate"), portee_tr(L, "std. error"),
                        portee_tr(L, "95 % interval"), portee_tr(L, "meaning")};
    fprintf(o, "  %-*s %*s %*s   %-*s %s\n", 9 + extra(h[0]), h[0], 11 + extra(h[1]), h[1], 11 + extra(h[2]), h[2],
            25 + extra(h[3]), h[3], h[4]);
    for (size_t i = 0; i < f->k; i++) {
        char m[160], range[160];
        fmt_param(a, sizeof a, f, i, f->est[i], L);
        fmt_param(b, sizeof b, f, i, f->se[i], L);
        fmt_param(c, sizeof c, f, i, f->lo95[i], L);
        fmt_param(d, sizeof d, f, i, f->hi95[i], L);
        if (!strcmp(portee_fit_param_name(f, i), "origin")) fmt_plain(b, sizeof b, f->se[i], time_decimals(f) + 1, L);
        snprintf(range, sizeof range, portee_tr(L, "%s to %s"), c, d);
        param_meaning(m, sizeof m, f, i, L);
        fprintf(o, "  %-9s %*s %*s   %-*s %s\n", portee_fit_param_name(f, i), 11 + extra(a), a, 11 + extra(b), b,
                25 + extra(range), range, m);
    }
    print_goodness(o, f, L);
    if (!f->draws) return;

    if (f->dated) fmt_time(a, sizeof a, f, f->horizon, L);
    else {
        portee_format_double(a, sizeof a, f->horizon);
        for (char *c = a; *c && L == PORTEE_LANG_FR; c++)
            if (*c == '.') *c = ',';
    }
    const char *market = portee_tr(L, f->fit_market ? "the fitted market M" : "the market");
    if (f->errors == PORTEE_ERRORS_INCREMENTS)
        fprintf(o, portee_tr(L, "\n  when the series reaches a share of %s: the expected path from the last value below it\n"
                   "  (%llu draws of the parameters, seed %llu)\n"),
                market, (unsigned long long)f->draws, (unsigned long long)f->seed);
    else
        fprintf(o, portee_tr(L, "\n  when the curve reaches a share of %s (%llu draws of the parameters, seed %llu)\n"),
                market, (unsigned long long)f->draws, (unsigned long long)f->seed);
    const int wr = f->dated ? 24 : 22, wm = f->dated ? 23 : 18; /* dates, or decimal times */
    const char *g[6] = {portee_tr(L, "share"), portee_tr(L, "fitted curve"), portee_tr(L, "median"),
                        portee_tr(L, "90 % of draws"), portee_tr(L, f->dated ? "mean (MC se, years)" : "mean (MC se)"),
                        portee_tr(L, "after the horizon")};
    fprintf(o, "  %-*s %*s %*s   %-*s %*s   %s\n", 6 + extra(g[0]), g[0], 12 + extra(g[1]), g[1], 12 + extra(g[2]),
            g[2], wr + extra(g[3]), g[3], wm + extra(g[4]), g[4], g[5]);
    for (size_t s = 0; s < f->n_shares; s++) {
        const portee_summary_t *q = &f->share_date[s];
        char share[24], fit[64], med[64], range[160], mean[112], after[200];
        if (L == PORTEE_LANG_EN) snprintf(share, sizeof share, "%g %%", 100 * f->share[s]);
        else portee_fmt_pct(share, sizeof share, f->share[s], L);
        fmt_date(fit, sizeof fit, f, f->share_fitted[s], L);
        fmt_date(med, sizeof med, f, q->p50, L);
        fmt_date(c, sizeof c, f, q->p05, L);
        fmt_date(d, sizeof d, f, q->p95, L);
        snprintf(range, sizeof range, portee_tr(L, "%s to %s"), c, d);
        fmt_date(b, sizeof b, f, q->mean, L);
        char se[32];
        fmt_g(se, sizeof se, q->se, 2, L);
        snprintf(mean, sizeof mean, "%s (%s)", b, se);
        snprintf(after, sizeof after, portee_tr(L, "%llu of %llu (%s %s)"), (unsigned long long)f->after_horizon[s],
                 (unsigned long long)f->draws, f->time_name, a);
        fprintf(o, "  %-*s %*s %*s   %-*s %*s   %s\n", 6 + extra(share), share, 12 + extra(fit), fit, 12 + extra(med),
                med, wr + extra(range), range, wm + extra(mean), mean, after);
    }

    if (f->redrawn)
        fprintf(o, portee_tr(L, "  (%llu draws left a double's range, or passed 1e100, and were drawn again: the far tail\n"
                   "  of the t with %llu degrees of freedom)\n"),
                (unsigned long long)f->redrawn, (unsigned long long)f->dof);

    size_t from, stride = future_stride(f, &from);
    if (f->errors == PORTEE_ERRORS_INCREMENTS) {
        fmt_g(b, sizeof b, f->resid_sd * f->resid_sd, 3, L);
        fprintf(o, portee_tr(L, "\n  forecast of the observed %s: prediction bands (parameter uncertainty and the\n"
                   "  process's randomness, dispersion φ %s on %llu degrees of freedom, from the last value on,\n"
                   "  kept within [0, M])\n"),
                f->value_name, b, (unsigned long long)f->dof);
    } else {
        fmt_g(b, sizeof b, f->resid_sd, 3, L);
        fprintf(o, portee_tr(L, "\n  forecast of the observed %s: prediction bands (parameter uncertainty and the\n"
                   "  observation noise, residual sd %s on %llu degrees of freedom%s)\n"),
                f->value_name, b, (unsigned long long)f->dof,
                portee_tr(L, f->fit_market ? ", at least 0" : ", kept within [0, M]"));
    }
    fprintf(o, "  %-10s %10s %10s %10s %10s %10s %10s\n", f->time_name, portee_tr(L, "mean"), "5 %", "25 %", "50 %",
            "75 %", "95 %");
    for (size_t j = from; j < f->n_steps; j += stride) {
        const size_t at = j + stride >= f->n_steps ? f->n_steps - 1 : j; /* always end on the horizon */
        const portee_summary_t *q = &f->pred[at];
        const double v[6] = {q->mean, q->p05, q->p25, q->p50, q->p75, q->p95};
        fmt_time(a, sizeof a, f, f->step_t[at], L);
        fprintf(o, "  %-10s", a);
        for (int i = 0; i < 6; i++) {
            fmt_value(b, sizeof b, v[i], L);
            fprintf(o, " %*s", 10 + extra(b), b);
        }
        fputc('\n', o);
        if (at != j) break;
    }
    fputs(portee_tr(L, "  (every step, and the bands of the curve alone: --format json, or the HDF5 file)\n"), o);
}

/* [{"time": ..., "value": ..., "fitted": ...}, ...] */
static json_t *json_observed(const portee_fit_t *f)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; i < f->n && ok; i++) {
        json_t *row = json_object();
        ok = portee_json_add(a, json_incref(row)) && portee_json_put(row, "time", portee_json_number(f->t[i])) &&
             portee_json_put(row, "value", portee_json_number(f->y[i])) &&
             portee_json_put(row, "fitted", portee_json_number(f->fitted[i]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_estimates(const portee_fit_t *f)
{
    static const char *const keys[] = {"value", "se", "lo95", "hi95"};
    const double *const x[] = {f->est, f->se, f->lo95, f->hi95};
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; i < f->k && ok; i++) {
        json_t *row = json_object();
        ok = portee_json_add(a, json_incref(row)) &&
             portee_json_put(row, "name", portee_json_string(portee_fit_param_name(f, i)));
        for (size_t k = 0; k < 4 && ok; k++) ok = portee_json_put(row, keys[k], portee_json_number(x[k][i]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_covariance(const portee_fit_t *f)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t i = 0; i < f->k && ok; i++) {
        json_t *row = json_array();
        ok = portee_json_add(a, json_incref(row));
        for (size_t j = 0; j < f->k && ok; j++) ok = portee_json_add(row, portee_json_number(f->cov[i * f->k + j]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_share_dates(const portee_fit_t *f)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t s = 0; s < f->n_shares && ok; s++) {
        json_t *row = json_object();
        ok = portee_json_add(a, json_incref(row)) &&
             portee_json_put(row, "share", portee_json_number(f->share[s])) &&
             portee_json_put(row, "fitted", portee_json_number(f->share_fitted[s])) &&
             portee_json_put(row, "after_horizon", portee_json_count(f->after_horizon[s])) &&
             portee_json_put(row, "summary", portee_json_summary(&f->share_date[s]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_forecast(const portee_fit_t *f)
{
    json_t *a = json_array();
    bool ok = a != NULL;
    for (size_t j = 0; j < f->n_steps && ok; j++) {
        json_t *row = json_object();
        ok = portee_json_add(a, json_incref(row)) &&
             portee_json_put(row, "time", portee_json_number(f->step_t[j])) &&
             portee_json_put(row, "prediction", portee_json_summary(&f->pred[j])) &&
             portee_json_put(row, "curve", portee_json_summary(&f->curve_band[j]));
        json_decref(row);
    }
    return portee_json_done(a, ok);
}

static json_t *json_document(const portee_fit_t *f)
{
    const char *texts[][2] = {{"kind", "fit"}, {"model", "adoption"}, {"source", f->source},
                              {"errors", f->errors == PORTEE_ERRORS_INCREMENTS ? "increments" : "independent"},
                              {"time_name", f->time_name}, {"value_name", f->value_name},
                              {"value_units", f->value_units}, {"origin_rule", f->origin_rule},
                              {"stop_reason", f->stop_reason}};
    const struct { const char *name; double v; } nums[] = {
        {"market_size", f->market_size}, {"origin", f->origin}, {"time_step", f->time_step},
        {"forecast_step", f->forecast_step},
        {"rss", f->rss}, {"rmse", f->rmse}, {"residual_sd", f->resid_sd}, {"r2", f->r2},
        {"horizon", f->horizon}};
    const struct { const char *name; uint64_t v; } counts[] = {
        {"observations", f->n}, {"observations_used", f->n_used}, {"dof", f->dof},
        {"iterations", f->iterations}, {"rounds", f->rounds}, {"starts", f->starts},
        {"starts_converged", f->starts_converged},
        {"seed", f->seed}, {"draws", f->draws}, {"redrawn", f->redrawn}};

    json_t *o = json_object();
    bool ok = o != NULL;
    for (size_t i = 0; i < sizeof texts / sizeof *texts && ok; i++)
        ok = portee_json_put(o, texts[i][0], portee_json_string(texts[i][1]));
    for (size_t i = 0; i < sizeof nums / sizeof *nums && ok; i++)
        ok = portee_json_put(o, nums[i].name, portee_json_number(nums[i].v));
    ok = ok && portee_json_put(o, "fit_market", json_boolean(f->fit_market)) &&
         portee_json_put(o, "fit_origin", json_boolean(f->fit_origin)) &&
         portee_json_put(o, "origin_implied", json_boolean(f->origin_implied)) &&
         portee_json_put(o, "time_is_date", json_boolean(f->dated));
    for (size_t i = 0; i < sizeof counts / sizeof *counts && ok; i++)
        ok = portee_json_put(o, counts[i].name, portee_json_count(counts[i].v));
    ok = ok && portee_json_put(o, "observed", json_observed(f)) &&
         portee_json_put(o, "estimates", json_estimates(f)) &&
         portee_json_put(o, "covariance", json_covariance(f)) &&
         portee_json_put(o, "share_dates", json_share_dates(f)) &&
         portee_json_put(o, "forecast", json_forecast(f));
    return portee_json_done(o, ok);
}

portee_status_t portee_fit_print(FILE *out, const portee_fit_t *f, portee_format_t format, portee_lang_t lang)
{
    if (format == PORTEE_FORMAT_JSON) return portee_json_print(out, json_document(f));
    print_table(out, f, lang);
    return PORTEE_OK;
}
