/* charts.h — the charts a results file can support: each model's chart set,
 * defined beside the charts themselves (plots/charts_reach.c, ...), and the
 * list of the sets (charts.c), for plot.c, `portee plot --help` and the
 * tests.
 *
 * A chart reads what it needs from the file, writes NAME.dat into the chart
 * folder and its gnuplot commands (from `reset` to the final plot command,
 * no terminal or output) into `body`, so the same commands make a
 * stand-alone image or a page of the report.  It finds its data through its
 * model's tables, never through a dataset name written out: its entry names
 * the outputs it reads by their index in the model's output table
 * (REACH_OUT_TOTAL...), and portee_chart_path() turns one into the dataset
 * the results writer made of it.  Renaming an output thus moves its charts
 * with it; removing one breaks the build, and reading a series as a single
 * value (or the reverse) fails tests/test_charts.c. */
#ifndef PORTEE_PLOTS_CHARTS_H
#define PORTEE_PLOTS_CHARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/base/lang.h"
#include "sim/fit/fit.h"
#include "sim/fit/reach_fit.h"
#include "sim/results/h5read.h"
#include "sim/scenario/model.h"

/* A results file gives file and results; a fit file gives fit (portee fit
 * adoption) or reach_fit (portee fit reach). */
typedef struct {
    const portee_h5file_t *file;
    const portee_results_t *results; /* provenance, points, summaries */
    const portee_fit_t *fit;
    const portee_reach_fit_t *reach_fit;
    const portee_model_t *model;     /* whose charts are drawn; NULL for a fit file */
    const char *dir;                 /* where NAME.dat goes */
    FILE *body;
    portee_lang_t lang;              /* of every text the chart writes (portee_tr) */
    const char *currency;            /* ISO 4217 code of money values (portee_fmt_money) */
} portee_chart_ctx_t;

/* One output a chart reads: its index in the model's output table, and
 * whether the chart reads it as a series (one value per step) or as a
 * single value (with its histogram and replicates).  A chart's refs are
 * used from the first on; the first unused one ends them. */
typedef struct {
    size_t output;
    bool series;
    bool used;
} portee_chart_ref_t;

#define PORTEE_CHART_VALUE(index) {(index), false, true}
#define PORTEE_CHART_SERIES(index) {(index), true, true}
/* More outputs than any chart reads. */
#define PORTEE_CHART_MAX_REFS 8

typedef struct portee_chart portee_chart_t;
struct portee_chart {
    const char *name;  /* NAME.dat, NAME.gp, the image */
    const char *what;  /* one line: the list of charts written, the script's head, --help */
    const char *needs; /* for --help: what the file must hold beyond the model's results, or NULL */
    /* 1: made; 0: the file lacks what this chart needs; -1: a file could not be written */
    int (*make)(const portee_chart_ctx_t *c, const portee_chart_t *chart);
    /* The outputs make() reads, no others: it finds them with
     * portee_chart_ref(), so a ref left out is data not found. */
    portee_chart_ref_t refs[PORTEE_CHART_MAX_REFS];
};

/* A model's charts, or (model NULL) those of a `portee fit` file: each
 * fit's charts draw nothing (make() returns 0) from the other fit's file. */
typedef struct {
    const portee_model_t *model;
    const portee_chart_t *charts;
    size_t n;
} portee_chart_set_t;

/* The sets defined next to their charts (plots/charts_reach.c, ...). */
extern const portee_chart_set_t portee_charts_reach;
extern const portee_chart_set_t portee_charts_adoption;
extern const portee_chart_set_t portee_charts_boost;
extern const portee_chart_set_t portee_charts_plan;
extern const portee_chart_set_t portee_charts_fit;
extern const portee_chart_set_t portee_charts_fit_reach;

/* Every set, the models' in the order of models/registry.c, then the fits';
 * charts are drawn, listed and put in the report in this order. */
extern const portee_chart_set_t *const portee_chart_sets[];
extern const size_t portee_n_chart_sets;
/* The set of model m (NULL: the fit file's), or NULL if m has none. */
const portee_chart_set_t *portee_charts_of(const portee_model_t *m);

/* The output index of ref k of a chart; SIZE_MAX (no model's) when unused. */
size_t portee_chart_ref(const portee_chart_t *chart, size_t k);

/* Where the results writer keeps output `output` of model m. */
typedef enum {
    PORTEE_CHART_SUMMARY,    /* MODEL/summary/NAME, or MODEL/series/NAME for a series */
    PORTEE_CHART_REPLICATES, /* MODEL/replicates/NAME */
    PORTEE_CHART_EDGES,      /* MODEL/histogram/NAME/edges (single values only) */
    PORTEE_CHART_COUNTS      /* MODEL/histogram/NAME/counts (single values only) */
} portee_chart_data_t;

/* The dataset's path into buf; false when m has no such output, a series
 * has no histogram, or buf is too short. */
bool portee_chart_path(char *buf, size_t len, const portee_model_t *m, size_t output,
                       portee_chart_data_t data);

#endif
