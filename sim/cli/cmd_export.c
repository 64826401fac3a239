/* cmd_export.c — `portee export FILE.h5 -o OUT.csv|OUT.xlsx`. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "models/registry.h"
#include "sim/base/tempfile.h"
#include "sim/cli/cli.h"
#include "sim/fit/fit_export.h"
#include "sim/results/export.h"

static const char help[] =
    "usage: portee export FILE.h5 -o OUT.csv|OUT.xlsx [--format csv|xlsx] [--lang en|fr]\n"
    "\n"
    "Writes every summary of a results file (portee run) or a fit file (portee fit,\n"
    "portee fit reach) as a tidy table for a spreadsheet: one row per sweep point,\n"
    "output and step (single values, and every step of the weekly, hourly and yearly\n"
    "series), with the swept values as columns and the mean, sd, se and 5/25/50/75/95 %\n"
    "quantiles rounded to 6 significant digits (whole numbers for the quantiles of\n"
    "whole-number outputs).  docs/export.md describes the columns.\n"
    "\n"
    "  -o, --output OUT   the file to write (replaced only once complete)\n"
    "  --format csv|xlsx  the format (default: from OUT's extension)\n"
    "  --lang en|fr       labels and numbers: en ',' between fields and '.' in numbers;\n"
    "                     fr ';' and ',' (default: the run's output.language)\n"
    "\n"
    "CSV: one table (RFC 4180).  XLSX: a sheet per model and an 'inputs' sheet with\n"
    "every parameter of the run (label, value or distribution, unit).\n"
    "\n"
    "examples:\n"
    "  portee export budget_sweep.h5 -o budget_sweep.csv\n"
    "  portee export budget_sweep.h5 -o budget_sweep.xlsx --lang fr\n";

static bool ends_with(const char *s, const char *tail)
{
    const size_t n = strlen(s), t = strlen(tail);
    return n >= t && !strcasecmp(s + n - t, tail);
}

int portee_cmd_export(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *fmt = NULL, *lang_s = NULL;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            if (missing) return portee_cli_usage("export", "-o needs a file name, e.g. -o results.csv");
            out = v;
        } else if (portee_cli_option(argc, argv, &i, "--format", "-f", &v, &missing)) {
            if (missing) return portee_cli_usage("export", "--format needs a value: csv or xlsx");
            fmt = v;
        } else if (portee_cli_option(argc, argv, &i, "--lang", NULL, &v, &missing)) {
            if (missing) return portee_cli_usage("export", "--lang needs a value: en or fr");
            lang_s = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return portee_cli_usage("export", "unknown option '%s'", argv[i]);
        } else if (in) {
            return portee_cli_usage("export", "one file at a time (got '%s' and '%s')", in, argv[i]);
        } else {
            in = argv[i];
        }
    }
    if (!in) return portee_cli_usage("export", "which file? e.g. portee export results.h5 -o results.csv");
    if (!out) return portee_cli_usage("export", "where to? e.g. -o results.csv or -o results.xlsx");
    portee_export_format_t format;
    if (fmt ? !strcasecmp(fmt, "csv") : ends_with(out, ".csv")) format = PORTEE_EXPORT_CSV;
    else if (fmt ? !strcasecmp(fmt, "xlsx") : ends_with(out, ".xlsx")) format = PORTEE_EXPORT_XLSX;
    else if (fmt) return portee_cli_usage("export", "unknown format '%s': use csv or xlsx", fmt);
    else return portee_cli_usage("export", "%s: which format? name it .csv or .xlsx, or give --format", out);
    portee_lang_t lang = PORTEE_LANG_EN;
    if (lang_s && !portee_lang_parse(lang_s, &lang))
        return portee_cli_usage("export", "unknown language '%s': use en or fr", lang_s);

    portee_error_t err;
    if (portee_temp_check(out, in, "file being exported", "-o", &err)) return portee_cli_error(&err);
    const bool fit = portee_fit_export_is(in);
    portee_results_t *r = NULL;
    if (!fit) {
        if (portee_results_read(in, &portee_registry, &r, &err)) return portee_cli_error(&err);
        if (!lang_s) lang = r->language;
    }
    portee_export_t *x;
    uint64_t rows = 0;
    portee_status_t st = portee_export_open(out, NULL, format, lang, &x, &err);
    if (!st) st = fit ? portee_fit_export(x, in, &rows, &err) : portee_export_results(x, r, &portee_registry, &rows, &err);
    if (!st) st = portee_export_close(x, true, &err);
    else portee_export_close(x, false, NULL);
    portee_results_free(r);
    if (st) return portee_cli_error(&err);
    fprintf(stderr, portee_tr(lang, "portee: wrote %s (%llu rows)\n"), out, (unsigned long long)rows);
    return 0;
}
