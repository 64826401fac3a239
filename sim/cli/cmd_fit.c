/* cmd_fit.c — `portee fit adoption SERIES.csv`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <omp.h>

#include "sim/base/date.h"
#include "sim/cli/cli.h"
#include "sim/fit/csv.h"
#include "sim/fit/fit.h"
#include "sim/fit/fit_io.h"

static const char help[] =
    "usage: portee fit adoption SERIES.csv [options]\n"
    "       portee fit reach POSTS.csv [options]   (the reach model calibrated to a page's\n"
    "                                              posts: portee fit reach --help)\n"
    "\n"
    "Fits a Bass diffusion curve to an observed adoption series, prints the estimates\n"
    "with standard errors and the goodness of fit, forecasts by Monte Carlo over the\n"
    "estimates' uncertainty and writes everything to an HDF5 file (portee plot draws it).\n"
    "\n"
    "The CSV: two comma-separated columns, time then cumulative value, one row per\n"
    "observation, times increasing; an optional header names the columns (used in the\n"
    "output); lines starting with # and blank lines are ignored.  For example:\n"
    "    year,share_of_organisations\n"
    "    2008,0.05\n"
    "    2009,0.09\n"
    "The time may be dates (2021-06, 2021-06-30, 06/30/2021; --day-first for\n"
    "30/06/2021): then p and q are per year, and the output prints dates.  A value\n"
    "below the one before (survey noise) is warned about, and fitted.\n"
    "The value is a share of the market in [0, 1] unless told otherwise:\n"
    "  --percent             values are percentages (0-100)\n"
    "  --market-size M       values are counts out of a known market of M\n"
    "  --fit-market          values are counts; the market M is fitted too\n"
    "\n"
    "The curve: value = M·F(time − origin; p, q), F the Bass curve\n"
    "  F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}),\n"
    "p (innovation) and q (imitation) per unit of the CSV's time.  How the values\n"
    "scatter around it:\n"
    "  --errors increments   (the default) as in a stochastic Bass process: each\n"
    "                        period's change, given the value before it, has the\n"
    "                        curve carried on from that value as its mean and the\n"
    "                        process's variance times a dispersion fitted to the data;\n"
    "                        weighted least squares, reweighted until the estimates\n"
    "                        settle.  A cumulative series' errors carry on from value\n"
    "                        to value; the changes' do not, so the intervals hold\n"
    "  --errors independent  independent noise around the curve: plain least squares\n"
    "                        on the values (the earlier default); its intervals are far\n"
    "                        too narrow for a cumulative series\n"
    "The origin is where adoption starts (F = 0):\n"
    "  --origin T            a known launch time (e.g. the year the platform opened);\n"
    "                        it may be the time of the first value above 0 when that\n"
    "                        value is at most 10 % of the largest (noise around 0)\n"
    "  --fit-origin          fit it too\n"
    "  (default: increments, the fit starts from the first value above 0 and the\n"
    "  origin is where the fitted curve through it starts, fitted in effect, with\n"
    "  or without --fit-origin; independent, one time step before the first\n"
    "  observation, or the last observation still at 0, which biases p badly when\n"
    "  the launch is elsewhere: p about 40 % low when the first value is noise\n"
    "  around 0 at the launch.  Prefer --fit-origin there.)\n"
    "Standard errors: s²·(JᵀWJ)⁻¹, W the weights (independent: 1) and s² the\n"
    "residual variance (increments: the dispersion, from the Pearson residuals) on\n"
    "n − parameters degrees of freedom, n the rows that count; 95 % intervals\n"
    "exp(ln p ± t·se).  At least 2 more rows that count than parameters are needed\n"
    "(4 for p and q).\n"
    "\n";

static const char help_forecast[] =
    "The forecast: --draws parameter sets drawn around the estimates with their\n"
    "covariance (on the log scale, so they stay positive; a multivariate t with\n"
    "n − parameters degrees of freedom, since the noise level is itself estimated,\n"
    "matching the t intervals).  Prediction bands (5, 25, 50, 75, 95 %) per time step\n"
    "are for the value you would observe: increments, up to the last observation the\n"
    "prediction of each period from the observed value before it, then a path of the\n"
    "process per draw from the last observed value on; independent, each draw's curve\n"
    "plus normal noise of that draw's sd (both kept within [0, M] when M is known);\n"
    "the HDF5 file also has the bands of the curve alone.  The date each share is\n"
    "reached comes from each draw's curve (closed form, carried on from the last\n"
    "value below the share for the increments, never from the noise); every draw\n"
    "reaches every share below 1 eventually, and those after the horizon are counted.\n"
    "With few degrees of freedom a rare draw leaves a double's range: it is drawn\n"
    "again (from its own random stream) and counted.  A series of dates (without\n"
    "times of day) is forecast on the calendar: monthly data on the 15th on each 15th,\n"
    "month ends on month ends, daily data day by day.\n"
    "\n";

/* in two parts: ISO C compilers need only take strings of 4095 characters */
static const char help_options[] =
    "options:\n"
    "  -o, --output FILE     HDF5 file (default: the CSV's name with .h5, in the current\n"
    "                        folder); written under a temporary name and renamed when\n"
    "                        complete: a failure leaves an existing FILE untouched\n"
    "  --draws N             parameter draws (default 10000; 100 to 1000000)\n"
    "  --seed S              random seed (default 1); same seed, same file, whatever\n"
    "                        the thread count\n"
    "  --threads T           OpenMP threads (default: OMP_NUM_THREADS or all cores)\n"
    "  --share X             a share whose date to forecast, in (0, 1); repeatable or a\n"
    "                        list: --share 0.5,0.9 (default: 0.5 and 0.9)\n"
    "  --horizon T           forecast up to time T (a date for a series of dates;\n"
    "                        default: two time steps after 95 % of the draws have\n"
    "                        reached the highest share; at least one\n"
    "                        step, at most three observed spans past the last\n"
    "                        observation); at most 10000 forecast steps after the\n"
    "                        first observation (the steps are the median gap, or a\n"
    "                        multiple of it when a few rows are dense)\n"
    "  --day-first           dates like 01/06/2021 are day first (default: month\n"
    "                        first, as US exports write them)\n"
    "  --format table|json   what is printed (default table)\n"
    "  -q, --quiet           print nothing but errors\n"
    "\n"
    "exit status: 0 done; 2 bad usage, a bad CSV (the message says path:line:column\n"
    "and what was expected) or an output that cannot be written there (a missing or\n"
    "read-only folder, the CSV itself: checked before fitting); 1 the fit did not\n"
    "converge, the data do not determine a parameter, or writing failed midway\n"
    "(disk full).\n"
    "\n"
    "example: portee fit adoption scenarios/org_adoption.csv -o org.h5 &&\n"
    "         portee plot org.h5 && portee info org.h5\n";

typedef struct {
    const char *model, *csv, *output, *format;
    const char *origin, *horizon; /* numbers or dates: read once the series says which */
    portee_fit_spec_t spec;
    portee_forecast_spec_t fc;
    portee_date_order_t order;
    bool percent, quiet, shares_given;
} fit_args_t;

static bool parse_number(const char *s, double *x)
{
    return portee_csv_parse_double(s, strlen(s), x) == PORTEE_NUMBER_OK;
}

static bool parse_count(const char *s, uint64_t max, uint64_t *x)
{
    double v;
    if (!parse_number(s, &v) || v < 0 || v != floor(v) || v > (double)max) return false;
    *x = (uint64_t)v;
    return true;
}

/* The usage error for a bad value of opt: what was expected, and why a
 * number out of a double's range was refused (the CSV reader's words). */
static int bad_value(const char *opt, const char *expected, const char *v, const char *hint)
{
    double x;
    const portee_number_t why = portee_csv_parse_double(v, strlen(v), &x);
    return portee_cli_usage("fit", "%s: expected %s, got '%s'%s", opt, expected, v,
                            why == PORTEE_NUMBER_TOO_LARGE   ? " (not a finite number: too large for a double)"
                            : why == PORTEE_NUMBER_TOO_SMALL ? " (too small for a double; write 0 for zero)"
                                                             : hint);
}

/* --share 0.5 or --share 0.5,0.9: every item a share, none empty. */
static int add_shares(fit_args_t *a, const char *list)
{
    if (!a->shares_given) a->fc.n_shares = 0;
    a->shares_given = true;
    for (const char *item = list;; item++) {
        size_t len = strcspn(item, ","), a0 = strspn(item, " "), n = len;
        while (n > a0 && item[n - 1] == ' ') n--;
        char tok[64];
        snprintf(tok, sizeof tok, "%.*s", (int)(n - a0 < sizeof tok ? n - a0 : sizeof tok - 1), item + a0);
        double x;
        if (!*tok)
            return portee_cli_usage("fit", "--share: expected a share strictly between 0 and 1, got %s "
                                           "(0.5 for half the market; a list is 0.5,0.9)",
                                    *list ? "an empty item in the list" : "nothing");
        if (!parse_number(tok, &x) || !(x > 0 && x < 1))
            return bad_value("--share", "a share strictly between 0 and 1", tok, " (0.5 for half the market)");
        if (a->fc.n_shares == PORTEE_FIT_MAX_SHARES)
            return portee_cli_usage("fit", "--share: at most %d shares", PORTEE_FIT_MAX_SHARES);
        a->fc.shares[a->fc.n_shares++] = x;
        item += len;
        if (!*item) return 0;
    }
}

/* One option with its value; 0 if fine, else the exit status. */
static int option(fit_args_t *a, const char *name, const char *v)
{
    double x;
    uint64_t u;
    if (!strcmp(name, "--output")) a->output = v;
    else if (!strcmp(name, "--format")) a->format = v;
    else if (!strcmp(name, "--share")) return add_shares(a, v);
    else if (!strcmp(name, "--draws")) {
        if (!parse_count(v, PORTEE_FIT_MAX_DRAWS, &u) || u < 100) {
            char e[64];
            snprintf(e, sizeof e, "a whole number from 100 to %u", PORTEE_FIT_MAX_DRAWS);
            return bad_value("--draws", e, v, "");
        }
        a->fc.draws = u;
    } else if (!strcmp(name, "--seed")) {
        if (!parse_count(v, (uint64_t)1 << 53, &a->fc.seed))
            return bad_value("--seed", "a whole number from 0 to 2^53", v, "");
    } else if (!strcmp(name, "--threads")) {
        if (!parse_count(v, 4096, &u) || u < 1)
            return bad_value("--threads", "a whole number from 1 to 4096", v, "");
        a->fc.threads = (int)u;
    } else if (!strcmp(name, "--market-size")) {
        if (!parse_number(v, &x) || !(x > 0 && x <= PORTEE_FIT_MAX_VALUE))
            return bad_value("--market-size", "a number above 0, at most 1e100", v, "");
        a->spec.market_size = x;
    } else if (!strcmp(name, "--origin")) {
        a->origin = v;
        a->spec.origin_mode = PORTEE_ORIGIN_GIVEN;
    } else if (!strcmp(name, "--horizon")) {
        a->horizon = v;
    } else if (!strcmp(name, "--errors")) {
        if (strcmp(v, "increments") && strcmp(v, "independent"))
            return portee_cli_usage("fit", "--errors: expected increments or independent, got '%s'", v);
        a->spec.errors = strcmp(v, "independent") ? PORTEE_ERRORS_INCREMENTS : PORTEE_ERRORS_INDEPENDENT;
    }
    return 0;
}

/* --origin or --horizon: a number, or a date (a decimal year) for a series
 * of dates; 0 if fine, else the exit status. */
static int parse_time(const fit_args_t *a, bool dated, const char *opt, const char *v, double *x)
{
    char why[160];
    double days;
    if (!portee_date_like(v, strlen(v)))
        return parse_number(v, x) ? 0 : bad_value(opt, dated ? "a date or a decimal year" : "a time", v, "");
    if (!dated)
        return portee_cli_usage("fit", "%s %s: a date, but the series' times are numbers: give a number in "
                                       "their unit", opt, v);
    if (!portee_date_parse(v, strlen(v), a->order, &days, why, sizeof why))
        return portee_cli_usage("fit", "%s %s: not a date: %s", opt, v, why);
    *x = portee_date_year(days);
    return 0;
}

static int parse_args(int argc, char **argv, fit_args_t *a)
{
    static const char *const valued[][2] = {
        {"--output", "-o"}, {"--format", "-f"}, {"--share", NULL}, {"--draws", "-n"}, {"--seed", NULL},
        {"--threads", "-t"}, {"--market-size", NULL}, {"--origin", NULL}, {"--horizon", NULL},
        {"--errors", NULL}};
    bool fit_origin = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v = NULL;
        bool missing = false, known = false;
        int rc = 0;
        if (portee_cli_is_help(arg)) {
            fputs(help, stdout);
            fputs(help_forecast, stdout);
            fputs(help_options, stdout);
            return -1;
        }
        for (size_t o = 0; o < sizeof valued / sizeof *valued && !known; o++)
            if (portee_cli_option(argc, argv, &i, valued[o][0], valued[o][1], &v, &missing)) {
                known = true;
                if (missing) return portee_cli_usage("fit", "option '%s' needs a value", arg);
                rc = option(a, valued[o][0], v);
            }
        if (rc) return rc;
        if (known) continue;
        if (!strcmp(arg, "--fit-market")) a->spec.fit_market = true;
        else if (!strcmp(arg, "--fit-origin")) fit_origin = true;
        else if (!strcmp(arg, "--percent")) a->percent = true;
        else if (!strcmp(arg, "--day-first")) a->order = PORTEE_DATE_DAY_FIRST;
        else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) a->quiet = true;
        else if (arg[0] == '-' && arg[1]) return portee_cli_usage("fit", "unknown option '%s'", arg);
        else if (!a->model) a->model = arg;
        else if (!a->csv) a->csv = arg;
        else return portee_cli_usage("fit", "one series at a time (got '%s' and '%s')", a->csv, arg);
    }
    if (!a->model)
        return portee_cli_usage("fit", "what to fit? e.g. portee fit adoption scenarios/org_adoption.csv");
    if (strcmp(a->model, "adoption"))
        return portee_cli_usage("fit", "no fit for '%s': the models to fit are 'adoption' (portee fit "
                                       "adoption SERIES.csv) and 'reach' (portee fit reach POSTS.csv)", a->model);
    if (!a->csv) return portee_cli_usage("fit", "which series? e.g. portee fit adoption scenarios/org_adoption.csv");
    if ((a->spec.market_size > 0) + a->spec.fit_market + a->percent > 1)
        return portee_cli_usage("fit", "--percent, --market-size and --fit-market exclude each other");
    if (fit_origin && a->spec.origin_mode == PORTEE_ORIGIN_GIVEN)
        return portee_cli_usage("fit", "--origin and --fit-origin exclude each other");
    if (fit_origin) a->spec.origin_mode = PORTEE_ORIGIN_FIT;
    if (strcmp(a->format, "table") && strcmp(a->format, "json"))
        return portee_cli_usage("fit", "unknown format '%s': use table or json", a->format);
    a->spec.value_units = a->percent ? "%" : a->spec.market_size > 0 || a->spec.fit_market ? "count" : "share";
    if (a->percent) a->spec.market_size = 100;
    else if (!(a->spec.market_size > 0)) a->spec.market_size = 1;
    return 0;
}

/* The independent errors' default origin is one median gap before the first
 * observation: a poor guess when the gaps differ much (a few dense rows,
 * then yearly ones). */
static void warn_irregular(const portee_fit_t *f, const portee_fit_spec_t *spec)
{
    double lo, hi;
    if (spec->origin_mode != PORTEE_ORIGIN_DEFAULT || f->origin_implied || f->y[0] <= 0) return;
    portee_fit_gap_range(f, &lo, &hi);
    if (hi > 2 * lo)
        fprintf(stderr, "portee: warning: %s: the gaps between observations run from %g to %g, so the "
                        "default origin, one median gap (%g) before the first observation, may be far from "
                        "the launch: give it (--origin T) or fit it (--fit-origin)\n",
                f->source, lo, hi, f->time_step);
}

/* Values below the one before: not what a cumulative series does, but
 * what survey noise does; named (path:line), and fitted. */
static void warn_dips(const char *path, const portee_csv_series_t *s)
{
    size_t rows[4];
    const size_t n = portee_fit_dips(s, rows, 4);
    if (!n) return;
    const size_t i = rows[0];
    fprintf(stderr, "portee: warning: %s:%zu: value %g is below %g on line %zu", path, s->line[i], s->y[i],
            s->y[i - 1], s->line[i - 1]);
    if (n > 1) {
        fprintf(stderr, " (and %zu more:", n - 1);
        for (size_t k = 1; k < n && k < 4; k++) fprintf(stderr, " %s:%zu", path, s->line[rows[k]]);
        fprintf(stderr, "%s)", n > 4 ? " ..." : "");
    }
    fputs("; a cumulative series does not decrease, so this is read as noise in the data (new adopters per "
          "period need adding up first); the fit proceeds\n", stderr);
}

/* "data/org.csv" -> "org.h5" */
static char *default_output(const char *csv)
{
    const char *base = strrchr(csv, '/');
    base = base ? base + 1 : csv;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base) n = (size_t)(dot - base);
    char *out = malloc(n + 4);
    if (out) snprintf(out, n + 4, "%.*s.h5", (int)n, base);
    return out;
}

int portee_cmd_fit(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "reach")) return portee_cmd_fit_reach(argc - 1, argv + 1);
    fit_args_t a = {.format = "table",
                    .fc = {.seed = 1, .draws = 10000, .horizon = NAN, .n_shares = 2, .shares = {0.5, 0.9}}};
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? 0 : rc;
    char *out = a.output ? strdup(a.output) : default_output(a.csv);
    if (!out) {
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    time_t now = time(NULL);
    char start[32];
    struct tm tm;
    strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    portee_csv_series_t s;
    portee_fit_t f;
    portee_error_t err;
    memset(&f, 0, sizeof f);
    const portee_fit_run_info_t info = {.threads = a.fc.threads > 0 ? a.fc.threads : omp_get_max_threads(),
                                        .start_time = start};
    memset(&s, 0, sizeof s);
    /* everything that can be checked is checked before the fit: the output,
     * the series, and the options that depend on it (the horizon) */
    portee_status_t st = portee_fit_check_output(out, a.csv, &err);
    if (!st) st = portee_csv_read_series_order(a.csv, a.order, &s, &err);
    if (!st && ((a.origin && (rc = parse_time(&a, s.dates, "--origin", a.origin, &a.spec.origin))) ||
                (a.horizon && (rc = parse_time(&a, s.dates, "--horizon", a.horizon, &a.fc.horizon)))))
        st = PORTEE_EINPUT;
    if (!st) st = portee_fit_check_series(a.csv, &s, &a.spec, &err);
    if (!st) {
        warn_dips(a.csv, &s);
        st = portee_fit_prepare(a.csv, &s, &a.spec, &f, &err);
    }
    if (!st && (st = portee_fit_check_forecast(&f, &a.fc, &err))) /* an option: usage, with the hint */
        rc = portee_cli_usage("fit", "%s", err.msg);
    else if (!st) {
        warn_irregular(&f, &a.spec);
        if (!(st = portee_fit_estimate(&f, &err)) && !(st = portee_fit_forecast(&f, &a.fc, &err))) {
            char *notes = NULL;
            st = portee_fit_write(out, &f, &info, &notes, &err);
            if (notes) fprintf(stderr, "portee: %s\n", notes); /* said even when the write then fails */
            free(notes);
        }
    }
    if (st && !rc) {
        rc = portee_cli_error(&err);
    } else if (!st) {
        fprintf(stderr, "portee: wrote %s (%zu observations, %llu draws)\n", out, f.n,
                (unsigned long long)f.draws);
        const portee_format_t format = strcmp(a.format, "json") ? PORTEE_FORMAT_TABLE : PORTEE_FORMAT_JSON;
        if (!a.quiet && (st = portee_fit_print(stdout, &f, format, PORTEE_LANG_EN))) {
            portee_fail(&err, st, "out of memory building the fit's JSON (%s is complete)", out);
            rc = portee_cli_error(&err);
        }
    }
    portee_csv_series_free(&s);
    portee_fit_free(&f);
    free(out);
    return rc;
}
