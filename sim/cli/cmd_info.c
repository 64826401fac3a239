/* cmd_info.c — `portee info FILE.h5`. */
#include <stdio.h>
#include <string.h>

#include "models/registry.h"
#include "sim/cli/cli.h"
#include "sim/fit/fit_io.h"
#include "sim/fit/reach_fit.h"
#include "sim/results/report.h"

static const char help[] =
    "usage: portee info FILE.h5 [--format table|csv|json]\n"
    "\n"
    "Prints the summaries stored in a results file written by `portee run`: for every\n"
    "model output and sweep point, mean, sd, Monte Carlo standard error (se) and the\n"
    "5/25/50/75/95 % quantiles over replicates, with the run's provenance.\n"
    "\n"
    "  --format table   aligned table for the terminal (default)\n"
    "  --format csv     one row per model, output and point; for spreadsheets and scripts\n"
    "  --format json    one object with provenance and every summary; for scripts\n"
    "\n"
    "A file written by `portee fit` prints its estimates, goodness of fit and forecast,\n"
    "as `portee fit` did (table or json); one of `portee fit reach`, its estimates, tests\n"
    "and check.\n"
    "\n"
    "example: portee info page.h5 --format json | python3 -m json.tool\n";

int portee_cmd_info(int argc, char **argv)
{
    const char *path = NULL, *fmt = "table";
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        } else if (portee_cli_option(argc, argv, &i, "--format", "-f", &v, &missing)) {
            if (missing) return portee_cli_usage("info", "--format needs a value: table, csv or json");
            fmt = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return portee_cli_usage("info", "unknown option '%s'", argv[i]);
        } else if (path) {
            return portee_cli_usage("info", "one results file at a time (got '%s' and '%s')", path, argv[i]);
        } else {
            path = argv[i];
        }
    }
    if (!path) return portee_cli_usage("info", "which results file? e.g. portee info results.h5");
    portee_format_t format;
    if (!strcmp(fmt, "table")) format = PORTEE_FORMAT_TABLE;
    else if (!strcmp(fmt, "csv")) format = PORTEE_FORMAT_CSV;
    else if (!strcmp(fmt, "json")) format = PORTEE_FORMAT_JSON;
    else return portee_cli_usage("info", "unknown format '%s': use table, csv or json", fmt);

    portee_error_t err;
    if (portee_reach_fit_file_is(path)) {
        if (format == PORTEE_FORMAT_CSV)
            return portee_cli_usage("info", "%s is a fit file: use --format table or json", path);
        portee_reach_fit_t f;
        portee_status_t st = portee_reach_fit_read(path, &f, &err);
        if (!st && (st = portee_reach_fit_print(stdout, &f, format)))
            portee_fail(&err, st, "%s: out of memory building its JSON", path);
        portee_reach_fit_free(&f);
        return st ? portee_cli_error(&err) : 0;
    }
    if (portee_fit_file_is(path)) {
        if (format == PORTEE_FORMAT_CSV)
            return portee_cli_usage("info", "%s is a fit file: use --format table or json", path);
        portee_fit_t f;
        portee_status_t st = portee_fit_read(path, &f, &err);
        if (!st && (st = portee_fit_print(stdout, &f, format)))
            portee_fail(&err, st, "%s: out of memory building its JSON", path);
        portee_fit_free(&f);
        return st ? portee_cli_error(&err) : 0;
    }
    portee_results_t *r;
    if (portee_results_read(path, &portee_registry, &r, &err)) return portee_cli_error(&err);
    portee_status_t st = portee_report_print(stdout, r, format);
    if (st) portee_fail(&err, st, "%s: out of memory building its JSON", path);
    portee_results_free(r);
    return st ? portee_cli_error(&err) : 0;
}
