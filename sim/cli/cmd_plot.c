/* cmd_plot.c — `portee plot`, and the option parsing `portee report` shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/charts.h"
#include "plots/compare.h"
#include "plots/plot.h"
#include "sim/cli/cli.h"

static const char plot_help_head[] =
    "usage: portee plot RESULTS.h5 [-o DIR] [--format png|svg|pdf] [--lang en|fr] [--gnuplot PATH]\n"
    "       portee plot A.h5 B.h5 [C.h5 ...] --compare [-o DIR] [--format ...] [--lang ...]\n"
    "\n"
    "Draws every chart the results file supports, in one report style.\n";

static const char plot_help_tail[] =
    "For each it writes NAME.dat (the numbers), NAME.gp (a gnuplot script) and the image\n"
    "into DIR, then runs gnuplot (no shell involved).\n"
    "\n"
    "  -o, --output DIR   chart folder, created if missing (default: RESULTS-charts)\n"
    "  --format F         png (default), svg or pdf\n"
    "  --lang en|fr       language of titles, labels and numbers (default: the scenario's\n"
    "                     output.language, else en); fr writes 1 234,5 and 20 $\n"
    "  --gnuplot PATH     the gnuplot program (default: gnuplot on PATH)\n"
    "\n"
    "Without gnuplot the scripts are still written, exit status 1, and the message says\n"
    "how to render them.  Sweep points: the per-post charts show the first point.\n"
    "\n"
    "--compare overlays 2 to 6 results files (scenarios): one chart MODEL_OUTPUT per\n"
    "output all of them hold, each scenario labelled by its name (and its file when two\n"
    "share a name).  Single values: a box (25-75 %), whiskers (5-95 %), median and mean\n"
    "per scenario side by side; series (weekly, hourly, yearly): each scenario's mean\n"
    "line and 90 % band.  A sweep file is compared by its first point, which its legend\n"
    "entry names.  Money outputs are left out when the files' currencies differ.\n"
    "Default folder: compare-charts.  Language: --lang, else the first file's.\n";

/* Help lines stay within this many columns; a chart's text starts at TEXT_COLUMN. */
#define HELP_WIDTH 86
#define TEXT_COLUMN 22

/* Words of TEXT from column `at`, wrapped to HELP_WIDTH, the lines after
 * the first indented to TEXT_COLUMN. */
static void print_wrapped(FILE *f, const char *text, size_t at)
{
    for (;;) {
        while (*text == ' ') text++;
        if (!*text) break;
        const size_t len = strcspn(text, " ");
        if (at > TEXT_COLUMN && at + 1 + len > HELP_WIDTH) {
            fprintf(f, "\n%*s", TEXT_COLUMN, "");
            at = TEXT_COLUMN;
        } else if (at > TEXT_COLUMN) {
            fputc(' ', f);
            at++;
        }
        fwrite(text, 1, len, f);
        at += len;
        text += len;
    }
    fputc('\n', f);
}

/* The charts of plots/charts*.c, a group per model, each with what it shows and needs. */
static void print_charts(FILE *f)
{
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (set->model) fprintf(f, "From the %s model (%s: in the scenario):\n", set->model->name, set->model->name);
        else if (s == 0 || portee_chart_sets[s - 1]->model) /* the fits' sets under one heading */
            fputs("From a file of `portee fit`:\n", f);
        for (size_t i = 0; i < set->n; i++) {
            const portee_chart_t *ch = &set->charts[i];
            char text[512];
            snprintf(text, sizeof text, "%s%s%s", ch->what, ch->needs ? "; needs " : "", ch->needs ? ch->needs : "");
            const int at = fprintf(f, "  %-*s", TEXT_COLUMN - 4, ch->name);
            if (at > TEXT_COLUMN - 2) fprintf(f, "\n%*s", TEXT_COLUMN, "");
            else fputs("  ", f);
            print_wrapped(f, text, TEXT_COLUMN);
        }
    }
}

static void plot_help(FILE *f)
{
    fputs(plot_help_head, f);
    print_charts(f);
    fputs(plot_help_tail, f);
}

/* "runs/page.h5" -> "runs/page-charts" */
static char *default_dir(const char *h5)
{
    size_t n = strlen(h5);
    if (n > 3 && !strcmp(h5 + n - 3, ".h5")) n -= 3;
    char *dir = malloc(n + 8);
    if (dir) snprintf(dir, n + 8, "%.*s-charts", (int)n, h5);
    return dir;
}

static void print_written(void *ctx, const char *file, const char *what)
{
    (void)ctx;
    printf("%-40s %s\n", file, what);
}

int portee_cli_plot_parse(int argc, char **argv, const char *cmd, void (*help)(FILE *), const char **h5,
                 const char **out, const char **format, const char **gnuplot, const char **lang)
{
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            help(stdout);
            return -1;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            *out = v;
        } else if (format && portee_cli_option(argc, argv, &i, "--format", "-f", &v, &missing)) {
            *format = v;
        } else if (lang && portee_cli_option(argc, argv, &i, "--lang", NULL, &v, &missing)) {
            portee_lang_t l;
            if (!portee_lang_parse(v, &l)) return portee_cli_usage(cmd, "unknown language '%s': use en or fr", v);
            *lang = v;
        } else if (portee_cli_option(argc, argv, &i, "--gnuplot", NULL, &v, &missing)) {
            *gnuplot = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return portee_cli_usage(cmd, "unknown option '%s'", argv[i]);
        } else if (*h5) {
            return portee_cli_usage(cmd, "one results file at a time (got '%s' and '%s')%s", *h5, argv[i],
                                    strcmp(cmd, "plot") ? "" : "; to chart them side by side add --compare");
        } else {
            *h5 = argv[i];
        }
        if (missing) return portee_cli_usage(cmd, "option '%s' needs a value", argv[i]);
    }
    if (!*h5) return portee_cli_usage(cmd, "which results file? e.g. portee %s results.h5", cmd);
    return 0;
}

/* More file names than --compare takes, so that too many is refused by count. */
#define MAX_FILES 64

/* `portee plot A.h5 B.h5 ... --compare`. */
static int plot_compare(int argc, char **argv)
{
    const char *files[MAX_FILES], *dir = "compare-charts", *format = "png", *gnuplot = "gnuplot", *lang = NULL;
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            plot_help(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--compare")) {
            continue;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            dir = v;
        } else if (portee_cli_option(argc, argv, &i, "--format", "-f", &v, &missing)) {
            format = v;
        } else if (portee_cli_option(argc, argv, &i, "--lang", NULL, &v, &missing)) {
            portee_lang_t l;
            if (!portee_lang_parse(v, &l)) return portee_cli_usage("plot", "unknown language '%s': use en or fr", v);
            lang = v;
        } else if (portee_cli_option(argc, argv, &i, "--gnuplot", NULL, &v, &missing)) {
            gnuplot = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return portee_cli_usage("plot", "unknown option '%s'", argv[i]);
        } else if (n < MAX_FILES) {
            files[n++] = argv[i];
        }
        if (missing) return portee_cli_usage("plot", "option '%s' needs a value", argv[i]);
    }
    if (n < PORTEE_COMPARE_MIN || n > PORTEE_COMPARE_MAX)
        return portee_cli_usage("plot", "--compare takes %d to %d results files (got %zu), e.g. "
                                        "portee plot a.h5 b.h5 --compare",
                                PORTEE_COMPARE_MIN, PORTEE_COMPARE_MAX, n);
    portee_plot_opts_t o = {.dir = dir, .gnuplot = gnuplot, .lang = lang};
    if (!portee_gp_format_parse(format, &o.format))
        return portee_cli_usage("plot", "unknown format '%s': use png, svg or pdf", format);
    portee_error_t err;
    if (portee_compare(files, n, &o, print_written, NULL, &err)) return portee_cli_error(&err);
    fprintf(stderr, "portee: comparison charts in %s/ (each with its .gp script and .dat numbers)\n", dir);
    return 0;
}

int portee_cmd_plot(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--compare")) return plot_compare(argc, argv);
    const char *h5 = NULL, *dir = NULL, *format = "png", *gnuplot = "gnuplot";
    const char *lang = NULL;
    int rc = portee_cli_plot_parse(argc, argv, "plot", plot_help, &h5, &dir, &format, &gnuplot, &lang);
    if (rc) return rc < 0 ? 0 : rc;
    portee_plot_opts_t o = {.gnuplot = gnuplot, .lang = lang};
    if (!portee_gp_format_parse(format, &o.format))
        return portee_cli_usage("plot", "unknown format '%s': use png, svg or pdf", format);
    char *owned = dir ? NULL : default_dir(h5);
    o.dir = dir ? dir : owned;
    portee_error_t err;
    if (portee_plot(h5, &o, print_written, NULL, &err)) rc = portee_cli_error(&err);
    else fprintf(stderr, "portee: charts in %s/ (each with its .gp script and .dat numbers)\n", o.dir);
    free(owned);
    return rc;
}
