/* fit_print.c — a fit and its forecast for people (table) and scripts (JSON). */
#include "sim/fit/fit.h"

#include <math.h>
#include <string.h>

#include "sim/base/date.h"
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

/* A decimal year as the date it is (a series read from dates), to the day;
 * false beyond the years dates are read in. */
static bool fmt_calendar(char *buf, size_t len, double year)
{
    char y[16], why[80];
    double jan1, next;
    const double whole = floor(year);
    if (!isfinite(year) || whole < 1900 || whole > 2199) return false;
    snprintf(y, sizeof y, "%04d", (int)whole);
    if (!portee_date_parse(y, strlen(y), PORTEE_DATE_MONTH_FIRST, &jan1, why, sizeof why)) return false;
    snprintf(y, sizeof y, "%04d", (int)whole + 1);
    if (!portee_date_parse(y, strlen(y), PORTEE_DATE_MONTH_FIRST, &next, why, sizeof why)) next = jan1 + 365;
    portee_date_format(buf, len, round(jan1 + (year - whole) * (next - jan1)));
    return true;
}

/* A time on the series' grid (observations, forecast steps). */
static void fmt_time(char *buf, size_t len, const portee_fit_t *f, double t)
{
    if (!f->dated || !fmt_calendar(buf, len, t)) snprintf(buf, len, "%.*f", time_decimals(f), t);
}

/* A date between grid times (when a share is reached): one more decimal. */
static void fmt_date(char *buf, size_t len, const portee_fit_t *f, double t)
{
    if (f->dated && fmt_calendar(buf, len, t)) return;
    if (isfinite(t)) snprintf(buf, len, "%.*f", time_decimals(f) + 1, t);
    else snprintf(buf, len, "%s", t > 0 ? "never" : "-");
}

static void fmt_value(char *buf, size_t len, double x)
{
    const double a = fabs(x);
    if (a >= 1000) snprintf(buf, len, "%.0f", x);
    else if (a >= 100) snprintf(buf, len, "%.1f", x);
    else if (a >= 10) snprintf(buf, len, "%.2f", x);
    else snprintf(buf, len, "%.4f", x);
}

static void fmt_param(char *buf, size_t len, const portee_fit_t *f, size_t i, double x)
{
    if (!strcmp(portee_fit_param_name(f, i), "origin")) fmt_date(buf, len, f, x);
    else if (fabs(x) >= 1e5) snprintf(buf, len, "%.0f", x);
    else snprintf(buf, len, "%.4g", x);
}

static void param_meaning(char *buf, size_t len, const portee_fit_t *f, size_t i)
{
    const char *per = f->dated ? "year" : strcmp(f->time_name, "time") ? f->time_name : "unit of time";
    const char *name = portee_fit_param_name(f, i);
    if (!strcmp(name, "p")) snprintf(buf, len, "innovation, per %s", per);
    else if (!strcmp(name, "q")) snprintf(buf, len, "imitation, per %s", per);
    else if (!strcmp(name, "M")) snprintf(buf, len, "market size");
    else snprintf(buf, len, "launch (%s)", f->time_name);
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
static void print_method(FILE *o, const portee_fit_t *f)
{
    char a[64];
    const bool inc = f->errors == PORTEE_ERRORS_INCREMENTS;
    (f->fit_origin || f->origin_implied ? fmt_date : fmt_time)(a, sizeof a, f, f->origin);
    if (f->fit_market) fprintf(o, "  model: %s = M·F(%s − origin; p, q)", f->value_name, f->time_name);
    else if (!strcmp(f->value_units, "share")) fprintf(o, "  model: %s = F(%s − origin; p, q)", f->value_name, f->time_name);
    else fprintf(o, "  model: %s = %g·F(%s − origin; p, q)", f->value_name, f->market_size, f->time_name);
    fputs(", F the Bass curve\n", o);
    if (inc)
        fputs("  errors: increments, as in a stochastic Bass process: each period's change given the value\n"
              "  before it, its mean the curve carried on from that value, its variance the process's times a\n"
              "  fitted dispersion φ (--errors independent: independent noise around the curve)\n", o);
    else
        fputs("  errors: independent noise around the curve (a cumulative series' errors carry on from\n"
              "  value to value, which makes these intervals too narrow: --errors increments)\n", o);
    fprintf(o, "  origin %s, %s\n", a, f->origin_rule);
    if (inc)
        fprintf(o, "  least squares on the increments weighted by their variances (GSL, Levenberg-Marquardt),\n"
                   "  reweighted until the estimates settle: %llu of %llu starts converged; best after %llu rounds,\n"
                   "  %llu iterations (%s)\n\n",
                (unsigned long long)f->starts_converged, (unsigned long long)f->starts,
                (unsigned long long)f->rounds, (unsigned long long)f->iterations, f->stop_reason);
    else
        fprintf(o, "  nonlinear least squares (GSL, Levenberg-Marquardt): %llu of %llu starts converged; "
                   "best after %llu iterations (%s)\n\n",
                (unsigned long long)f->starts_converged, (unsigned long long)f->starts,
                (unsigned long long)f->iterations, f->stop_reason);
}

/* Goodness of fit over the rows that count. */
static void print_goodness(FILE *o, const portee_fit_t *f)
{
    if (f->errors == PORTEE_ERRORS_INDEPENDENT) {
        fprintf(o, "\n  goodness of fit over the %zu observations after the origin: RMSE %.4g, residual sd %.4g\n"
                   "  (%llu degrees of freedom), R² %.5f\n",
                f->n_used, f->rmse, f->resid_sd, (unsigned long long)f->dof, f->r2);
        if (f->n_used < f->n)
            fprintf(o, "  (the %zu rows at or before the origin are 0 whatever p and q: they count for nothing)\n",
                    f->n - f->n_used);
        return;
    }
    const double phi = f->resid_sd * f->resid_sd;
    fprintf(o, "\n  goodness of fit over the %zu periods after the %s: RMSE %.4g one period ahead,\n"
               "  dispersion φ %.4g on %llu degrees of freedom (the scatter of %.4g independent adopters), R² of\n"
               "  the increments %.5f\n",
            f->n_used, f->origin_implied ? "first value above 0" : "origin", f->rmse, phi,
            (unsigned long long)f->dof, 1 / phi, f->r2);
    const size_t left = f->n - f->n_used;
    if (left == 1 && f->origin_implied)
        fputs("  (the first row only sets where the fit starts: it counts for nothing)\n", o);
    else if (left && f->origin_implied)
        fprintf(o, "  (the %zu rows up to the first value above 0 only set where the fit starts: they count for "
                   "nothing)\n", left);
    else if (left)
        fprintf(o, "  (%zu row%s at or before the origin, or after a value at the market size, count%s for "
                   "nothing)\n", left, left == 1 ? "" : "s", left == 1 ? "s" : "");
}

static void print_table(FILE *o, const portee_fit_t *f)
{
    char a[64], b[64], c[64], d[64];
    fmt_time(a, sizeof a, f, f->t[0]);
    fmt_time(b, sizeof b, f, f->t[f->n - 1]);
    fprintf(o, "Bass fit of %s: %zu observations, %s %s to %s\n", f->source, f->n, f->time_name, a, b);
    print_method(o, f);
    fprintf(o, "  %-9s %11s %11s   %-25s %s\n", "parameter", "estimate", "std. error", "95 % interval", "meaning");
    for (size_t i = 0; i < f->k; i++) {
        char m[160], range[160];
        fmt_param(a, sizeof a, f, i, f->est[i]);
        fmt_param(b, sizeof b, f, i, f->se[i]);
        fmt_param(c, sizeof c, f, i, f->lo95[i]);
        fmt_param(d, sizeof d, f, i, f->hi95[i]);
        if (!strcmp(portee_fit_param_name(f, i), "origin")) snprintf(b, sizeof b, "%.*f", time_decimals(f) + 1, f->se[i]);
        snprintf(range, sizeof range, "%s to %s", c, d);
        param_meaning(m, sizeof m, f, i);
        fprintf(o, "  %-9s %11s %11s   %-25s %s\n", portee_fit_param_name(f, i), a, b, range, m);
    }
    print_goodness(o, f);
    if (!f->draws) return;

    if (f->dated) fmt_time(a, sizeof a, f, f->horizon);
    else portee_format_double(a, sizeof a, f->horizon);
    if (f->errors == PORTEE_ERRORS_INCREMENTS)
        fprintf(o, "\n  when the series reaches a share of %s: the expected path from the last value below it\n"
                   "  (%llu draws of the parameters, seed %llu)\n",
                f->fit_market ? "the fitted market M" : "the market", (unsigned long long)f->draws,
                (unsigned long long)f->seed);
    else
        fprintf(o, "\n  when the curve reaches a share of %s (%llu draws of the parameters, seed %llu)\n",
                f->fit_market ? "the fitted market M" : "the market", (unsigned long long)f->draws,
                (unsigned long long)f->seed);
    const int wr = f->dated ? 24 : 22, wm = f->dated ? 23 : 18; /* dates, or decimal times */
    fprintf(o, "  %-6s %12s %12s   %-*s %*s   %s\n", "share", "fitted curve", "median", wr, "90 % of draws", wm,
            f->dated ? "mean (MC se, years)" : "mean (MC se)", "after the horizon");
    for (size_t s = 0; s < f->n_shares; s++) {
        const portee_summary_t *q = &f->share_date[s];
        char share[16], fit[64], med[64], range[160], mean[96], after[200];
        snprintf(share, sizeof share, "%g %%", 100 * f->share[s]);
        fmt_date(fit, sizeof fit, f, f->share_fitted[s]);
        fmt_date(med, sizeof med, f, q->p50);
        fmt_date(c, sizeof c, f, q->p05);
        fmt_date(d, sizeof d, f, q->p95);
        snprintf(range, sizeof range, "%s to %s", c, d);
        fmt_date(b, sizeof b, f, q->mean);
        snprintf(mean, sizeof mean, "%s (%.2g)", b, q->se);
        snprintf(after, sizeof after, "%llu of %llu (%s %s)", (unsigned long long)f->after_horizon[s],
                 (unsigned long long)f->draws, f->time_name, a);
        fprintf(o, "  %-6s %12s %12s   %-*s %*s   %s\n", share, fit, med, wr, range, wm, mean, after);
    }

    if (f->redrawn)
        fprintf(o, "  (%llu draws left a double's range, or passed 1e100, and were drawn again: the far tail\n"
                   "  of the t with %llu degrees of freedom)\n",
                (unsigned long long)f->redrawn, (unsigned long long)f->dof);

    size_t from, stride = future_stride(f, &from);
    if (f->errors == PORTEE_ERRORS_INCREMENTS)
        fprintf(o, "\n  forecast of the observed %s: prediction bands (parameter uncertainty and the\n"
                   "  process's randomness, dispersion φ %.3g on %llu degrees of freedom, from the last value on,\n"
                   "  kept within [0, M])\n",
                f->value_name, f->resid_sd * f->resid_sd, (unsigned long long)f->dof);
    else
        fprintf(o, "\n  forecast of the observed %s: prediction bands (parameter uncertainty and the\n"
                   "  observation noise, residual sd %.3g on %llu degrees of freedom%s)\n",
                f->value_name, f->resid_sd, (unsigned long long)f->dof,
                f->fit_market ? ", at least 0" : ", kept within [0, M]");
    fprintf(o, "  %-10s %10s %10s %10s %10s %10s %10s\n", f->time_name, "mean", "5 %", "25 %", "50 %", "75 %", "95 %");
    for (size_t j = from; j < f->n_steps; j += stride) {
        const size_t at = j + stride >= f->n_steps ? f->n_steps - 1 : j; /* always end on the horizon */
        const portee_summary_t *q = &f->pred[at];
        const double v[6] = {q->mean, q->p05, q->p25, q->p50, q->p75, q->p95};
        fmt_time(a, sizeof a, f, f->step_t[at]);
        fprintf(o, "  %-10s", a);
        for (int i = 0; i < 6; i++) {
            fmt_value(b, sizeof b, v[i]);
            fprintf(o, " %10s", b);
        }
        fputc('\n', o);
        if (at != j) break;
    }
    fputs("  (every step, and the bands of the curve alone: --format json, or the HDF5 file)\n", o);
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

portee_status_t portee_fit_print(FILE *out, const portee_fit_t *f, portee_format_t format)
{
    if (format == PORTEE_FORMAT_JSON) return portee_json_print(out, json_document(f));
    print_table(out, f);
    return PORTEE_OK;
}
