/* charts.h — the charts a results file can support, for plot.c.
 *
 * A chart reads what it needs from the file, writes NAME.dat into the chart
 * folder and its gnuplot commands (from `reset` to the final plot command,
 * no terminal or output) into `body`, so the same commands make a
 * stand-alone image or a page of the report. */
#ifndef PORTEE_PLOTS_CHARTS_H
#define PORTEE_PLOTS_CHARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/fit/fit.h"
#include "sim/results/h5read.h"

/* A results file gives file and results; a fit file (portee fit) gives fit. */
typedef struct {
    const portee_h5file_t *file;
    const portee_results_t *results; /* provenance, points, summaries */
    const portee_fit_t *fit;
    const char *dir;                 /* where NAME.dat goes */
    FILE *body;
} chart_ctx_t;

typedef struct {
    const char *name;
    const char *what; /* one line for the list of charts written */
    /* 1: made; 0: the file lacks what this chart needs; -1: a file could not be written */
    int (*make)(chart_ctx_t *c, const char *name);
    bool for_fit; /* drawn from a fit file, not from a results file */
} chart_t;

extern const chart_t portee_charts[];
extern const size_t portee_n_charts;

#endif
