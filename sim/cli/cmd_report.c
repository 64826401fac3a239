/* cmd_report.c — `portee report`: one PDF of a results or fit file. */
#include <stdio.h>
#include <stdlib.h>

#include "plots/plot.h"
#include "sim/cli/cli.h"

static const char report_help_text[] =
    "usage: portee report RESULTS.h5 -o REPORT.pdf [--gnuplot PATH]\n"
    "\n"
    "One PDF (A4 landscape) with a title page (scenario, date, seed, replicates, portee\n"
    "version), the summary table of `portee info`, and every chart of `portee plot`.\n"
    "For a file of `portee fit`: title page, the fit's table and its chart.\n"
    "The PDF is written under a temporary name and renamed when complete.\n";

static void report_help(FILE *f) { fputs(report_help_text, f); }

int portee_cmd_report(int argc, char **argv)
{
    const char *h5 = NULL, *pdf = NULL, *gnuplot = "gnuplot";
    int rc = portee_cli_plot_parse(argc, argv, "report", report_help, &h5, &pdf, NULL, &gnuplot, NULL);
    if (rc) return rc < 0 ? 0 : rc;
    if (!pdf) return portee_cli_usage("report", "where to? e.g. portee report %s -o report.pdf", h5);
    portee_error_t err;
    int pages;
    char *notes = NULL;
    const portee_status_t st = portee_report(h5, pdf, gnuplot, &pages, &notes, &err);
    if (notes) fprintf(stderr, "portee: %s\n", notes); /* said even when the report then fails */
    free(notes);
    if (st) return portee_cli_error(&err);
    fprintf(stderr, "portee: wrote %s (%d pages)\n", pdf, pages);
    return 0;
}
