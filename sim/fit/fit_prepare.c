/* fit_prepare.c — checking a series and setting a fit up: the rows that
 * count, the origin, the time step (fit.h). */
#include "sim/fit/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/base/date.h"
#include "sim/fit/fit_internal.h"

const char *portee_fit_param_name(const portee_fit_t *f, size_t i)
{
    if (i < 2) return i ? "q" : "p";
    return i == 2 && f->fit_market ? "M" : "origin";
}

void portee_fit_free(portee_fit_t *f)
{
    if (!f) return;
    free(f->source);
    free(f->time_name);
    free(f->value_name);
    free(f->value_units);
    free(f->t);
    free(f->y);
    free(f->fitted);
    free(f->line);
    free(f->origin_rule);
    free(f->version);
    free(f->stop_reason);
    free(f->curve_t);
    free(f->curve_y);
    free(f->step_t);
    free(f->pred);
    free(f->curve_band);
    free(f->share_draws);
    free(f->param_draws);
    free(f->sd_draws);
    memset(f, 0, sizeof *f);
}

static int by_value(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

size_t portee_fit_first_positive(const double *y)
{
    size_t i = 0;
    while (y[i] <= 0) i++;
    return i;
}

/* With the increments a fitted origin is the implied one: not a parameter. */
static size_t n_params(const portee_fit_spec_t *spec)
{
    return 2u + spec->fit_market + (spec->origin_mode == PORTEE_ORIGIN_FIT && spec->errors == PORTEE_ERRORS_INDEPENDENT);
}

/* Row by row, so the first problem in the file is the one reported.  The
 * form of the data (count, times, something adopted) always; with
 * `cumulative`, also what a measured cumulative series must satisfy. */
static portee_status_t check_series(const char *path, const portee_csv_series_t *s,
                                    const portee_fit_spec_t *spec, bool cumulative, portee_error_t *err)
{
    bool any = false;
    for (size_t i = 0; i < s->n; i++) {
        const double y = s->y[i];
        if (i && s->x[i] <= s->x[i - 1])
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: time %g is not after %g on line %zu; the "
                                                   "times must increase from row to row",
                               path, s->line[i], s->x[i], s->x[i - 1], s->line[i - 1]);
        any |= y > 0;
        if (y != 0 && !(fabs(y) >= PORTEE_FIT_MIN_VALUE && fabs(y) <= PORTEE_FIT_MAX_VALUE))
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is %s %g: sums of its squares would "
                                                   "%s; give the values in a %s unit", path, s->line[i], y,
                               fabs(y) > 1 ? "above" : "below", fabs(y) > 1 ? PORTEE_FIT_MAX_VALUE
                                                                             : PORTEE_FIT_MIN_VALUE,
                               fabs(y) > 1 ? "overflow" : "underflow",
                               fabs(y) > 1 ? "larger (thousands, millions)" : "smaller");
        if (!cumulative) continue;
        if (y < 0)
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is negative; expected a cumulative "
                                                   "share or count", path, s->line[i], y);
        if (!spec->fit_market && y > spec->market_size) {
            if (!strcmp(spec->value_units, "share"))
                return portee_fail(err, PORTEE_EINPUT, "%s:%zu: share %g is above 1; shares are in [0, 1] "
                                                       "(percentages need --percent, counts --market-size M "
                                                       "or --fit-market)", path, s->line[i], y);
            return portee_fail(err, PORTEE_EINPUT, "%s:%zu: value %g is above %s %g", path, s->line[i], y,
                               strcmp(spec->value_units, "%") ? "the market size" : "100 %: the limit is",
                               spec->market_size);
        }
    }
    if (!any)
        return portee_fail(err, PORTEE_EINPUT, "%s: %s: nothing is adopted yet, so there is no curve to fit",
                           path, cumulative ? "every value is 0" : "no value is above 0");
    return PORTEE_OK;
}

portee_status_t portee_fit_check_series(const char *path, const portee_csv_series_t *s,
                                        const portee_fit_spec_t *spec, portee_error_t *err)
{
    return check_series(path, s, spec, true, err);
}

size_t portee_fit_dips(const portee_csv_series_t *s, size_t *rows, size_t max)
{
    size_t n = 0;
    for (size_t i = 1; i < s->n; i++)
        if (s->y[i] < s->y[i - 1]) {
            if (n < max) rows[n] = i;
            n++;
        }
    return n;
}

/* Enough rows that count: those after the origin, since a row at or before
 * it is 0 whatever p and q (no residual, no gradient) and would only inflate
 * the degrees of freedom.  With the origin fitted, at least the rows from
 * the first value above 0 (i0) count.  The increments start from the first
 * value above 0 when the origin is implied, and a period starting at a
 * fixed M holds nothing to adopt. */
static portee_status_t check_counted(const char *path, const portee_csv_series_t *s,
                                     const portee_fit_spec_t *spec, size_t i0, portee_error_t *err)
{
    const size_t k = n_params(spec);
    const bool inc = spec->errors == PORTEE_ERRORS_INCREMENTS;
    const bool implied = inc && spec->origin_mode != PORTEE_ORIGIN_GIVEN;
    const size_t after = spec->origin_mode == PORTEE_ORIGIN_GIVEN ? portee_fit_count_after(s->x, s->n, spec->origin)
                                                                  : s->n - i0 - implied;
    size_t full = 0;
    for (size_t i = s->n - after; inc && !spec->fit_market && i < s->n; i++) {
        const bool from_value = i > 0 && (spec->origin_mode == PORTEE_ORIGIN_GIVEN ? s->x[i - 1] >= spec->origin
                                                                                   : i - 1 >= i0);
        full += from_value && s->y[i - 1] >= spec->market_size;
    }
    const size_t m = after - full;
    if (m >= k + 2) return PORTEE_OK;
    char rows[400] = "", more[160] = "";
    if (full)
        snprintf(more, sizeof more, "; %zu more come after a value at the market size, where nothing is "
                                    "left to adopt", full);
    if (after < s->n)
        snprintf(rows, sizeof rows, ", %zu of them %s (%s%s)", m,
                 spec->origin_mode == PORTEE_ORIGIN_GIVEN ? "after the origin"
                 : implied                                ? "after the first value above 0"
                                                          : "from the first value above 0",
                 implied ? "the fit starts from that value: the rows up to it count for nothing"
                         : "the rows before are 0 whatever p and q, so they count for nothing", more);
    else if (full)
        snprintf(rows, sizeof rows, ", %zu of them counting (%s)", m, more + 2);
    return portee_fail(err, PORTEE_EINPUT, "%s: %zu data row%s%s; fitting %s needs at least %zu (two more "
                                           "than the parameters, to measure the noise)",
                       path, s->n, s->n == 1 ? "" : "s", rows,
                       k == 2 ? "p and q" : k == 3 ? (spec->fit_market ? "p, q and M" : "p, q and the origin")
                                                   : "p, q, M and the origin", k + 2);
}

static char *dup_or(const char *s, const char *fallback) { return strdup(s ? s : fallback); }

/* A given origin: before the first value above 0, or at it when that value
 * is small (noise around 0 at a launch just before). */
static portee_status_t check_origin(const portee_csv_series_t *s, const portee_fit_spec_t *spec, size_t i0,
                                    portee_error_t *err)
{
    double ymax = 0;
    for (size_t i = 0; i < s->n; i++) ymax = fmax(ymax, s->y[i]);
    if (spec->origin < s->x[i0] || (spec->origin == s->x[i0] && s->y[i0] <= PORTEE_FIT_SMALL_FIRST * ymax))
        return PORTEE_OK;
    if (spec->origin == s->x[i0])
        return portee_fail(err, PORTEE_EINPUT, "--origin %g: the series already has %g adopted at %g (line "
                                               "%zu), more than %g %% of its largest value (%g), so not noise "
                                               "around 0 at a launch: the origin (launch) must come before",
                           spec->origin, s->y[i0], s->x[i0], s->line[i0], 100 * PORTEE_FIT_SMALL_FIRST, ymax);
    return portee_fail(err, PORTEE_EINPUT, "--origin %g: the series already has %g adopted at %g (line %zu); "
                                           "the origin (launch) must come before (or at it, when that first "
                                           "value is at most %g %% of the largest)",
                       spec->origin, s->y[i0], s->x[i0], s->line[i0], 100 * PORTEE_FIT_SMALL_FIRST);
}

/* A series of dates steps on the calendar, not in decimal years: months
 * and days are not all the same fraction of a year, so a grid of equal
 * decimal steps from a series on the 15th of each month drifts to the 19th
 * (and daily rows cross a new year a day off).  Only dates without a time
 * of day (whole days, so that each step that falls on an observation has
 * its time to the bit): monthly (quarterly, yearly...) when every
 * observation falls on the first one's day of the month, or every one on
 * the last day of its month, a whole number of months after the first;
 * else daily (weekly...).  *step_before: one step of the series before its
 * first observation, on the calendar too (the independent errors' default
 * origin). */
static void calendar_grid(portee_fit_t *f, unsigned mult, double *step_before)
{
    *step_before = f->t[0] - f->time_step;
    const double x0 = portee_date_days(f->t[0]), d0 = round(x0);
    if (fabs(x0 - d0) > 1e-6) return;
    const double end0 = d0 + 1; /* the 1st of the next month, when d0 ends its month */
    bool months = true, month_end = portee_date_is_month_end(d0);
    for (size_t i = 1; i < f->n; i++) {
        const double x = portee_date_days(f->t[i]), d = round(x);
        if (fabs(x - d) > 1e-6) return; /* a time of day */
        const long k = lround((d - d0) / (365.2425 / 12));
        months &= k > 0 && portee_date_add_months(d0, k) == d;
        month_end &= k > 0 && portee_date_add_months(end0, k) - 1 == d;
    }
    f->grid_day0 = d0;
    const double m = round(f->time_step * 12), dd = round(f->time_step * 365.2425);
    if ((months || month_end) && m >= 1 && fabs(f->time_step * 12 - m) < 0.2) {
        f->grid_months = (unsigned)m * mult;
        f->grid_month_end = !months;
        *step_before = portee_date_year(months ? portee_date_add_months(d0, -(long)m)
                                               : portee_date_add_months(end0, -(long)m) - 1);
    } else if (dd >= 1) {
        f->grid_days = (unsigned)dd * mult;
        *step_before = portee_date_year(d0 - dd);
    }
}

portee_status_t portee_fit_prepare(const char *path, const portee_csv_series_t *s,
                                   const portee_fit_spec_t *spec, portee_fit_t *f, portee_error_t *err)
{
    memset(f, 0, sizeof *f);
    f->errors = spec->errors;
    f->fit_market = spec->fit_market;
    /* the increments' fit starts from the first value above 0 and implies
     * the origin: fitted with or without --fit-origin */
    f->origin_implied = spec->errors == PORTEE_ERRORS_INCREMENTS && spec->origin_mode != PORTEE_ORIGIN_GIVEN;
    f->fit_origin = spec->origin_mode == PORTEE_ORIGIN_FIT && !f->origin_implied;
    f->k = n_params(spec);
    portee_status_t st = check_series(path, s, spec, false, err);
    if (st) return st;
    const size_t n = s->n;
    const size_t i0 = portee_fit_first_positive(s->y);
    if (spec->origin_mode == PORTEE_ORIGIN_GIVEN && (st = check_origin(s, spec, i0, err))) return st;
    if ((st = check_counted(path, s, spec, i0, err))) return st;
    f->n = n;
    f->dated = s->dates;
    f->source = strdup(path);
    f->time_name = dup_or(s->names[0], s->dates ? "date" : "time");
    f->value_name = dup_or(s->names[1], "value");
    f->value_units = strdup(spec->value_units);
    f->t = malloc(n * sizeof *f->t);
    f->y = malloc(n * sizeof *f->y);
    f->fitted = calloc(n, sizeof *f->fitted);
    f->line = malloc(n * sizeof *f->line);
    double *gaps = malloc(n * sizeof *gaps);
    if (!f->source || !f->time_name || !f->value_name || !f->value_units || !f->t || !f->y ||
        !f->fitted || !f->line || !gaps) {
        free(gaps);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    memcpy(f->t, s->x, n * sizeof *f->t);
    memcpy(f->y, s->y, n * sizeof *f->y);
    memcpy(f->line, s->line, n * sizeof *f->line);
    for (size_t i = 0; i < n; i++) f->y_max = fmax(f->y_max, f->y[i]);
    for (size_t i = 1; i < n; i++) gaps[i - 1] = f->t[i] - f->t[i - 1];
    qsort(gaps, n - 1, sizeof *gaps, by_value);
    const double median = (n - 1) % 2 ? gaps[(n - 1) / 2] : 0.5 * (gaps[(n - 1) / 2 - 1] + gaps[(n - 1) / 2]);
    free(gaps);
    /* differences of decimal times carry the binary noise of the times
     * (2008.001 − 2008 is 0.00099999999997635): rounded to 12 digits of the
     * times' size, the step, the origin and the forecast grid print as the
     * data do */
    const int decimals = 12 - (int)floor(log10(fmax(fabs(f->t[0]), fabs(f->t[n - 1]))));
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals < 0 ? 0 : decimals, median);
    f->time_step = decimals >= 0 && strtod(digits, NULL) > 0 ? strtod(digits, NULL) : median;
    f->market_size = spec->fit_market ? NAN : spec->market_size;
    /* the default horizon is at most max(3 spans, 10 steps) past the last
     * observation (fit_forecast.c): the grid from the first observation to
     * there must fit in PORTEE_FIT_MAX_STEPS steps */
    const double span = f->t[n - 1] - f->t[0], reach = span + fmax(3 * span, 10 * f->time_step);
    const double mult = fmax(1, ceil(reach / (f->time_step * PORTEE_FIT_MAX_STEPS)));
    f->forecast_step = f->time_step * mult;
    double step_before = f->t[0] - f->time_step; /* one time step before the first observation */
    if (f->dated) calendar_grid(f, (unsigned)mult, &step_before);

    f->t_ref = f->t[i0];
    f->y_ref = f->y[i0];
    char rule[200];
    switch (spec->origin_mode) {
    case PORTEE_ORIGIN_GIVEN:
        f->origin = spec->origin;
        snprintf(rule, sizeof rule, "given with --origin");
        break;
    case PORTEE_ORIGIN_FIT:
    case PORTEE_ORIGIN_DEFAULT:
        if (f->origin_implied) {
            f->origin = NAN;
            snprintf(rule, sizeof rule, "fitted%s: where the fitted curve through the first value above 0 "
                                        "starts", spec->origin_mode == PORTEE_ORIGIN_FIT ? " (--fit-origin)" : "");
        } else if (spec->origin_mode == PORTEE_ORIGIN_FIT) {
            f->origin = NAN;
            snprintf(rule, sizeof rule, "fitted with --fit-origin");
        } else if (i0 > 0) { /* the last 0 before adoption starts */
            f->origin = f->t[i0 - 1];
            snprintf(rule, sizeof rule, "by default the last observation still at 0");
        } else {
            f->origin = step_before;
            snprintf(rule, sizeof rule, "by default one time step (%g) before the first observation",
                     f->time_step);
        }
        break;
    }
    if (!(f->origin_rule = strdup(rule))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    return PORTEE_OK;
}

void portee_fit_gap_range(const portee_fit_t *f, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (size_t i = 1; i < f->n; i++) {
        *lo = fmin(*lo, f->t[i] - f->t[i - 1]);
        *hi = fmax(*hi, f->t[i] - f->t[i - 1]);
    }
}
