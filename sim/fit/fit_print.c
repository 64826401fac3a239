/* fit_print.c — a fit and its forecast for people (table) and scripts (JSON). */
#include "sim/fit/fit.h"

#include <math.h>
#include <string.h>

#include "sim/base/textutil.h"

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

/* A time on the series' grid (observations, forecast steps). */
static void fmt_time(char *buf, size_t len, const portee_fit_t *f, double t)
{
    snprintf(buf, len, "%.*f", time_decimals(f), t);
}

/* A date between grid times (when a share is reached): one more decimal. */
static void fmt_date(char *buf, size_t len, const portee_fit_t *f, double t)
{
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
    const char *per = strcmp(f->time_name, "time") ? f->time_name : "unit of time";
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

static void print_table(FILE *o, const portee_fit_t *f)
{
    char a[64], b[64], c[64], d[64];
    fmt_time(a, sizeof a, f, f->t[0]);
    fmt_time(b, sizeof b, f, f->t[f->n - 1]);
    fprintf(o, "Bass fit of %s: %zu observations, %s %s to %s\n", f->source, f->n, f->time_name, a, b);
    (f->fit_origin ? fmt_date : fmt_time)(a, sizeof a, f, f->origin);
    if (f->fit_market) fprintf(o, "  model: %s = M·F(%s − origin; p, q)", f->value_name, f->time_name);
    else if (!strcmp(f->value_units, "share")) fprintf(o, "  model: %s = F(%s − origin; p, q)", f->value_name, f->time_name);
    else fprintf(o, "  model: %s = %g·F(%s − origin; p, q)", f->value_name, f->market_size, f->time_name);
    fprintf(o, ", F the Bass curve\n  origin %s, %s\n", a, f->origin_rule);
    fprintf(o, "  nonlinear least squares (GSL, Levenberg-Marquardt): %llu of %llu starts converged; "
               "best after %llu iterations (%s)\n\n",
            (unsigned long long)f->starts_converged, (unsigned long long)f->starts,
            (unsigned long long)f->iterations, f->stop_reason);
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
    fprintf(o, "\n  goodness of fit over the %zu observations after the origin: RMSE %.4g, residual sd %.4g\n"
               "  (%llu degrees of freedom), R² %.5f\n",
            f->n_used, f->rmse, f->resid_sd, (unsigned long long)f->dof, f->r2);
    if (f->n_used < f->n)
        fprintf(o, "  (the %zu rows at or before the origin are 0 whatever p and q: they count for nothing)\n",
                f->n - f->n_used);
    if (!f->draws) return;

    portee_format_double(a, sizeof a, f->horizon);
    fprintf(o, "\n  when the curve reaches a share of %s (%llu draws of the parameters, seed %llu)\n",
            f->fit_market ? "the fitted market M" : "the market", (unsigned long long)f->draws,
            (unsigned long long)f->seed);
    fprintf(o, "  %-6s %12s %12s   %-22s %18s   %s\n", "share", "fitted curve", "median", "90 % of draws",
            "mean (MC se)", "after the horizon");
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
        fprintf(o, "  %-6s %12s %12s   %-22s %18s   %s\n", share, fit, med, range, mean, after);
    }

    if (f->redrawn)
        fprintf(o, "  (%llu draws left a double's range, or passed 1e100, and were drawn again: the far tail\n"
                   "  of the t with %llu degrees of freedom)\n",
                (unsigned long long)f->redrawn, (unsigned long long)f->dof);

    size_t from, stride = future_stride(f, &from);
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

static void json_summary(FILE *o, const portee_summary_t *q)
{
    const char *names[] = {"mean", "sd", "se", "p05", "p25", "p50", "p75", "p95"};
    const double v[] = {q->mean, q->sd, q->se, q->p05, q->p25, q->p50, q->p75, q->p95};
    fprintf(o, "{\"n\": %llu", (unsigned long long)q->n);
    for (int i = 0; i < 8; i++) {
        fprintf(o, ", \"%s\": ", names[i]);
        portee_json_number(o, v[i]);
    }
    fputc('}', o);
}

static void json_key(FILE *o, const char *key, bool first)
{
    fputs(first ? "\n  " : ",\n  ", o);
    portee_json_string(o, key);
    fputs(": ", o);
}

static void print_json(FILE *o, const portee_fit_t *f)
{
    fputc('{', o);
    json_key(o, "kind", true);
    portee_json_string(o, "fit");
    json_key(o, "model", false);
    portee_json_string(o, "adoption");
    const char *texts[][2] = {{"source", f->source}, {"time_name", f->time_name}, {"value_name", f->value_name},
                              {"value_units", f->value_units}, {"origin_rule", f->origin_rule},
                              {"stop_reason", f->stop_reason}};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        json_key(o, texts[i][0], false);
        portee_json_string(o, texts[i][1]);
    }
    const struct { const char *name; double v; } nums[] = {
        {"market_size", f->market_size}, {"origin", f->origin}, {"time_step", f->time_step},
        {"forecast_step", f->forecast_step},
        {"rss", f->rss}, {"rmse", f->rmse}, {"residual_sd", f->resid_sd}, {"r2", f->r2},
        {"horizon", f->horizon}};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        json_key(o, nums[i].name, false);
        portee_json_number(o, nums[i].v);
    }
    fprintf(o, ",\n  \"fit_market\": %s,\n  \"fit_origin\": %s,\n  \"observations\": %zu,\n  \"observations_used\": %zu,\n"
               "  \"dof\": %llu,\n  \"iterations\": %llu,\n  \"starts\": %llu,\n  \"starts_converged\": %llu,\n"
               "  \"seed\": %llu,\n  \"draws\": %llu,\n  \"redrawn\": %llu",
            f->fit_market ? "true" : "false", f->fit_origin ? "true" : "false", f->n, f->n_used,
            (unsigned long long)f->dof, (unsigned long long)f->iterations, (unsigned long long)f->starts,
            (unsigned long long)f->starts_converged, (unsigned long long)f->seed,
            (unsigned long long)f->draws, (unsigned long long)f->redrawn);
    json_key(o, "observed", false);
    fputc('[', o);
    for (size_t i = 0; i < f->n; i++) {
        fprintf(o, "%s{\"time\": ", i ? ", " : "");
        portee_json_number(o, f->t[i]);
        fputs(", \"value\": ", o);
        portee_json_number(o, f->y[i]);
        fputs(", \"fitted\": ", o);
        portee_json_number(o, f->fitted[i]);
        fputc('}', o);
    }
    fputc(']', o);
    json_key(o, "estimates", false);
    fputc('[', o);
    for (size_t i = 0; i < f->k; i++) {
        fprintf(o, "%s{\"name\": \"%s\", \"value\": ", i ? ", " : "", portee_fit_param_name(f, i));
        portee_json_number(o, f->est[i]);
        fputs(", \"se\": ", o);
        portee_json_number(o, f->se[i]);
        fputs(", \"lo95\": ", o);
        portee_json_number(o, f->lo95[i]);
        fputs(", \"hi95\": ", o);
        portee_json_number(o, f->hi95[i]);
        fputc('}', o);
    }
    fputc(']', o);
    json_key(o, "covariance", false);
    fputc('[', o);
    for (size_t i = 0; i < f->k; i++) {
        fputs(i ? ", [" : "[", o);
        for (size_t j = 0; j < f->k; j++) {
            fputs(j ? ", " : "", o);
            portee_json_number(o, f->cov[i * f->k + j]);
        }
        fputc(']', o);
    }
    fputc(']', o);
    json_key(o, "share_dates", false);
    fputc('[', o);
    for (size_t s = 0; s < f->n_shares; s++) {
        fprintf(o, "%s{\"share\": ", s ? ", " : "");
        portee_json_number(o, f->share[s]);
        fputs(", \"fitted\": ", o);
        portee_json_number(o, f->share_fitted[s]);
        fprintf(o, ", \"after_horizon\": %llu, \"summary\": ", (unsigned long long)f->after_horizon[s]);
        json_summary(o, &f->share_date[s]);
        fputc('}', o);
    }
    fputc(']', o);
    json_key(o, "forecast", false);
    fputc('[', o);
    for (size_t j = 0; j < f->n_steps; j++) {
        fprintf(o, "%s\n    {\"time\": ", j ? "," : "");
        portee_json_number(o, f->step_t[j]);
        fputs(", \"prediction\": ", o);
        json_summary(o, &f->pred[j]);
        fputs(", \"curve\": ", o);
        json_summary(o, &f->curve_band[j]);
        fputc('}', o);
    }
    fputs("]\n}\n", o);
}

void portee_fit_print(FILE *out, const portee_fit_t *f, portee_format_t format)
{
    if (format == PORTEE_FORMAT_JSON) print_json(out, f);
    else print_table(out, f);
}
