/* cmd_report.c — `portee report`: one PDF document of a results or fit file. */
#include <stdio.h>
#include <stdlib.h>

#include "plots/plot.h"
#include "sim/cli/cli.h"

static const char report_help_text[] =
    "usage: portee report RESULTS.h5 -o REPORT.pdf [--lang en|fr] [--gnuplot PATH]\n"
    "\n"
    "One PDF document (A4 landscape), every page numbered \"page N of M\":\n"
    "  - a title page: scenario name and description, seed, replicates, sweep points,\n"
    "    where and when it ran, the results file, portee's version, the report's date;\n"
    "  - the summary table: every output of every sweep point with its mean, median,\n"
    "    5th and 95th percentiles, in readers' names and units, each point headed by\n"
    "    its swept values; over as many pages as it needs;\n"
    "  - a page per chart of `portee plot`, with a caption saying how to read it;\n"
    "  - an appendix: every input of the run, its value or its distribution.\n"
    "For a file of `portee fit adoption|reach`: title page, the fit's table, its charts.\n"
    "\n"
    "  --lang en|fr       language of every text and number (default: the scenario's\n"
    "                     output.language, else en); fr writes 1 234,5 and 20 $\n"
    "  --gnuplot PATH     the gnuplot that draws the charts (default: gnuplot)\n"
    "\n"
    "The PDF is made in a temporary folder beside REPORT.pdf and renamed over it only\n"
    "when complete: an existing report is never replaced by a damaged one.\n";

static void report_help(FILE *f) { fputs(report_help_text, f); }

int portee_cmd_report(int argc, char **argv)
{
    const char *h5 = NULL, *pdf = NULL, *gnuplot = "gnuplot", *lang = NULL;
    int rc = portee_cli_plot_parse(argc, argv, "report", report_help, &h5, &pdf, NULL, &gnuplot, &lang);
    if (rc) return rc < 0 ? 0 : rc;
    if (!pdf) return portee_cli_usage("report", "where to? e.g. portee report %s -o report.pdf", h5);
    portee_error_t err;
    portee_report_pages_t pages;
    char *notes = NULL;
    const portee_report_opts_t o = {.gnuplot = gnuplot, .lang = lang};
    const portee_status_t st = portee_report(h5, pdf, &o, &pages, &notes, &err);
    if (notes) fprintf(stderr, "portee: %s\n", notes); /* said even when the report then fails */
    free(notes);
    if (st) return portee_cli_error(&err);
    fprintf(stderr, "portee: wrote %s (%d pages: title %d, table %d, charts %d, inputs %d)\n", pdf, pages.pages,
            pages.title, pages.table, pages.charts, pages.inputs);
    if (pages.points)
        fprintf(stderr, "portee: the table: %zu point%s of %zu rows, %zu point%s a page\n", pages.points,
                pages.points == 1 ? "" : "s", pages.rows_per_point, pages.points_per_page,
                pages.points_per_page == 1 ? "" : "s");
    return 0;
}
