/* charts_internal.h — what the chart files share: the chart folder's data
 * files, the report style's title and labels, and the band plot.  Only for
 * plots/charts*.c. */
#ifndef PORTEE_PLOTS_CHARTS_INTERNAL_H
#define PORTEE_PLOTS_CHARTS_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "plots/charts.h"

/* NAME.dat in the chart folder, for writing; NULL on failure. */
FILE *chart_dat_open(const chart_ctx_t *c, const char *name);
/* fclose that reports a write error (disk full) as -1. */
int chart_dat_close(FILE *f);
/* `reset`, the report style and the title "SCENARIO: title". */
void chart_start(const chart_ctx_t *c, const char *title);
/* chart_start() for an image of several panels: LAYOUT is what follows
 * `set multiplot layout` ("1,2", "2,3 margins ..."), the title heads the
 * whole image, and the caller ends with `unset multiplot`. */
void chart_start_panels(const chart_ctx_t *c, const char *title, const char *layout);
/* chart_start() for a chart of sweep point 0: the title says which point. */
void chart_start_point0(const chart_ctx_t *c, const char *title);
/* "(sweep point 3 of 12: reach.followers = 5000)" when the file holds a sweep. */
void chart_point_note(const chart_ctx_t *c, uint64_t p, char *buf, size_t len);
/* `set WHAT 'TEXT'`, quoted. */
void chart_set_text(FILE *b, const char *what, const char *text);
/* The start of a plot command: the 90 % and 50 % bands of NAME.dat, whose
 * columns are x mean p05 p25 p50 p75 p95; the caller adds the lines. */
void chart_plot_bands(FILE *b, const char *name, const char *of);
/* An output's or a series' summaries in the results, or NULL. */
const portee_results_output_t *chart_output(const chart_ctx_t *c, const char *model, const char *output);
const portee_results_series_t *chart_series(const chart_ctx_t *c, const char *model, const char *series);
/* A model's output over the sweep (charts_sweep.c): a line with bands when
 * one input varies on a grid, heatmaps of the mean and of the 90 % band
 * width when two do, a scatter against each input otherwise (three or more
 * inputs, or a sampled design); 0 if the file holds no sweep. */
int chart_sweep_of(chart_ctx_t *c, const char *name, const char *model, const char *output,
                   const char *what);

/* The adoption model's charts (charts_adoption.c). */
int chart_adoption_curves(chart_ctx_t *c, const char *name);
int chart_adoption_times(chart_ctx_t *c, const char *name);
int chart_cost_of_delay(chart_ctx_t *c, const char *name);
int chart_adoption_sweep(chart_ctx_t *c, const char *name);
/* The boost model's charts (charts_boost.c). */
int chart_budget_response(chart_ctx_t *c, const char *name);
int chart_boost_frequency(chart_ctx_t *c, const char *name);
int chart_boost_cost(chart_ctx_t *c, const char *name);
int chart_boost_sweep(chart_ctx_t *c, const char *name);
/* The chart of a `portee fit` file (charts_fit.c); 0 for a results file. */
int chart_fit(chart_ctx_t *c, const char *name);

#endif
