/* cmd_info.c — `portee info FILE.h5`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/cli/cli.h"
#include "sim/fit/fit_export.h"
#include "sim/fit/fit_io.h"
#include "sim/fit/reach_fit.h"
#include "sim/results/prob.h"
#include "sim/results/report.h"

static const char help[] =
    "usage: portee info FILE.h5 [--format table|csv|json] [--all | --point N] [--output NAME]\n"
    "                   [--lang en|fr]\n"
    "\n"
    "Prints the summaries stored in a results file written by `portee run`: for every\n"
    "model output, mean, sd, Monte Carlo standard error (se, 2 significant digits) and\n"
    "the 5/25/50/75/95 % quantiles over replicates, with the run's provenance.\n"
    "A sweep prints one row per point: its swept values and the main output's mean and\n"
    "90 % range (5 % to 95 %).\n"
    "\n"
    "  --all            every output of every point (the whole table)\n"
    "  --point N        every output of point N (0 = the first)\n"
    "  --output NAME    only this output (total, boost.total_reach, or its label): a row\n"
    "                   per point for a sweep; a series prints in full\n"
    "  --prob 'M.O>=X'  how often a target holds at each point: P(OUTPUT >= X) (or <= X),\n"
    "                   e.g. --prob 'boost.incremental_reach>=5000'; from the replicates\n"
    "                   with its standard error when the file stores them, else\n"
    "                   bracketed by the histogram\n"
    "  --lang en|fr     language of the table's text and numbers (default: the run's,\n"
    "                   output.language of its scenario)\n"
    "  --format table   aligned table for the terminal (default)\n"
    "  --format csv     one row per model, output and point, every digit; for scripts\n"
    "                   (a spreadsheet's file, every step and rounded: portee export)\n"
    "  --format json    one object with provenance and every summary; for scripts\n"
    "\n"
    "A file written by `portee fit` prints its estimates, goodness of fit and forecast,\n"
    "as `portee fit` did (table or json); one of `portee fit reach`, its estimates, tests\n"
    "and check.  --format csv of a fit file: the rows of `portee export`.\n"
    "\n"
    "examples:\n"
    "  portee info budget_sweep.h5\n"
    "  portee info budget_sweep.h5 --point 3 --lang fr\n"
    "  portee info budget_sweep.h5 --prob 'boost.incremental_reach >= 5000'\n"
    "  portee info page.h5 --format json | python3 -m json.tool\n";

/* A fit file: its own printer, or the export's rows for CSV. */
static int info_fit(const char *path, bool reach, portee_format_t format, portee_lang_t lang)
{
    portee_error_t err;
    portee_status_t st;
    if (format == PORTEE_FORMAT_CSV) {
        portee_export_t *x;
        uint64_t rows;
        st = portee_export_open(NULL, stdout, PORTEE_EXPORT_CSV, lang, &x, &err);
        if (!st) st = portee_fit_export(x, path, &rows, &err);
        const portee_status_t cl = portee_export_close(x, !st, st ? NULL : &err);
        if (!st) st = cl;
        return st ? portee_cli_error(&err) : 0;
    }
    if (reach) {
        portee_reach_fit_t f;
        st = portee_reach_fit_read(path, &f, &err);
        if (!st && (st = portee_reach_fit_print(stdout, &f, format, lang)))
            portee_fail(&err, st, "%s: out of memory building its JSON", path);
        portee_reach_fit_free(&f);
    } else {
        portee_fit_t f;
        st = portee_fit_read(path, &f, &err);
        if (!st && (st = portee_fit_print(stdout, &f, format, lang)))
            portee_fail(&err, st, "%s: out of memory building its JSON", path);
        portee_fit_free(&f);
    }
    return st ? portee_cli_error(&err) : 0;
}

int portee_cmd_info(int argc, char **argv)
{
    const char *path = NULL, *fmt = "table", *lang_s = NULL, *prob = NULL;
    portee_report_opts_t o = {.reg = &portee_registry};
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        } else if (portee_cli_option(argc, argv, &i, "--format", "-f", &v, &missing)) {
            if (missing) return portee_cli_usage("info", "--format needs a value: table, csv or json");
            fmt = v;
        } else if (portee_cli_option(argc, argv, &i, "--lang", NULL, &v, &missing)) {
            if (missing) return portee_cli_usage("info", "--lang needs a value: en or fr");
            lang_s = v;
        } else if (portee_cli_option(argc, argv, &i, "--point", NULL, &v, &missing)) {
            char *end;
            if (missing || !*v || *v == '-' || (o.point = strtoull(v, &end, 10), *end))
                return portee_cli_usage("info", "--point needs a point number (0, 1, ...)");
            o.one_point = true;
        } else if (portee_cli_option(argc, argv, &i, "--output", NULL, &v, &missing)) {
            if (missing) return portee_cli_usage("info", "--output needs an output's name, e.g. total");
            o.output = v;
        } else if (portee_cli_option(argc, argv, &i, "--prob", NULL, &v, &missing)) {
            if (missing) return portee_cli_usage("info", "--prob needs a target, e.g. 'boost.incremental_reach>=5000'");
            prob = v;
        } else if (!strcmp(argv[i], "--all")) {
            o.all = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return portee_cli_usage("info", "unknown option '%s'", argv[i]);
        } else if (path) {
            return portee_cli_usage("info", "one results file at a time (got '%s' and '%s')", path, argv[i]);
        } else {
            path = argv[i];
        }
    }
    if (!path) return portee_cli_usage("info", "which results file? e.g. portee info results.h5");
    if (!strcmp(fmt, "table")) o.format = PORTEE_FORMAT_TABLE;
    else if (!strcmp(fmt, "csv")) o.format = PORTEE_FORMAT_CSV;
    else if (!strcmp(fmt, "json")) o.format = PORTEE_FORMAT_JSON;
    else return portee_cli_usage("info", "unknown format '%s': use table, csv or json", fmt);
    if (lang_s && !portee_lang_parse(lang_s, &o.lang))
        return portee_cli_usage("info", "unknown language '%s': use en or fr", lang_s);
    if (o.all && o.one_point) return portee_cli_usage("info", "--all or --point, not both");
    portee_target_t target;
    portee_error_t err;
    if (prob && portee_target_parse(&portee_registry, prob, &target, &err))
        return portee_cli_usage("info", "--prob: %s", err.msg);

    const bool reach_fit = portee_reach_fit_file_is(path);
    if (reach_fit || portee_fit_file_is(path)) {
        if (prob) return portee_cli_usage("info", "--prob reads a results file of portee run, not a fit file");
        return info_fit(path, reach_fit, o.format, o.lang);
    }
    portee_results_t *r;
    if (portee_results_read(path, &portee_registry, &r, &err)) return portee_cli_error(&err);
    if (!lang_s) o.lang = r->language;
    portee_status_t st;
    if (prob) {
        portee_prob_row_t *rows = NULL;
        st = portee_prob_read(r, &target, &rows, &err);
        if (!st) st = portee_prob_print(stdout, r, &target, rows, &o, &err);
        free(rows);
    } else {
        st = portee_report_print_opts(stdout, r, &o, &err);
    }
    portee_results_free(r);
    return st ? portee_cli_error(&err) : 0;
}
