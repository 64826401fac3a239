/* chart_common.h — what the chart files share: the chart folder's data
 * files, the report style's title and labels, the band plot, and the data
 * of the model being charted (c->model), found by output and parameter
 * index through its tables.  Only for plots/charts_*.c. */
#ifndef PORTEE_PLOTS_CHART_COMMON_H
#define PORTEE_PLOTS_CHART_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "plots/charts.h"

/* NAME.dat in the chart folder, for writing; NULL on failure. */
FILE *portee_chart_dat_open(const portee_chart_ctx_t *c, const char *name);
/* fclose that reports a write error (disk full) as -1. */
int portee_chart_dat_close(FILE *f);
/* `reset`, the report style and the title "SCENARIO: title". */
void portee_chart_start(const portee_chart_ctx_t *c, const char *title);
/* portee_chart_start() for an image of several panels: LAYOUT is what
 * follows `set multiplot layout` ("1,2", "2,3 margins ..."), the title heads
 * the whole image, and the caller ends with `unset multiplot`. */
void portee_chart_start_panels(const portee_chart_ctx_t *c, const char *title, const char *layout);
/* portee_chart_start() for a chart of sweep point 0: the title says which point. */
void portee_chart_start_point0(const portee_chart_ctx_t *c, const char *title);
/* " (sweep point 3 of 12: followers 5,000)" when the file holds a sweep:
 * the swept values with their labels, to 3 significant digits. */
void portee_chart_point_note(const portee_chart_ctx_t *c, uint64_t p, char *buf, size_t len);
/* TEXT as a gnuplot string expression broken into lines of at most WIDTH
 * characters between words ('line one'."\n".'line two'). */
void portee_chart_quote_wrapped(FILE *b, const char *text, size_t width);
/* `set WHAT 'TEXT'`, quoted. */
void portee_chart_set_text(FILE *b, const char *what, const char *text);
/* The start of a plot command: the 90 % and 50 % bands of NAME.dat, whose
 * columns are x mean p05 p25 p50 p75 p95; the caller adds the lines. */
void portee_chart_plot_bands(FILE *b, const char *name, const char *of);
/* The same with its legend in the chart's language (OF: "replicates",
 * "posts"..., in English, translated here); on a log y axis, FLOOR_Y (else
 * NaN) is where band edges at or below it are drawn. */
void portee_chart_plot_bands_tr(const portee_chart_ctx_t *c, const char *name, const char *of, double floor_y);

/* Output `output` of c->model (an index of its output table) in the results
 * read at start: its summaries per point, or a series' per point and step;
 * NULL when the file does not hold it. */
const portee_results_output_t *portee_chart_output(const portee_chart_ctx_t *c, size_t output);
const portee_results_series_t *portee_chart_series(const portee_chart_ctx_t *c, size_t output);
/* The same read from the file for one point: n summaries (one for a single
 * value, one per step for a series); false if absent. *s is malloc'd. */
bool portee_chart_summaries(const portee_chart_ctx_t *c, size_t output, uint64_t point,
                            portee_summary_t **s, size_t *n);
/* Point `point`'s replicates of a single-value output; false if the file
 * keeps none.  *x is malloc'd. */
bool portee_chart_replicates(const portee_chart_ctx_t *c, size_t output, uint64_t point, double **x,
                             size_t *n);
/* Parameter `param` of c->model (an index of its parameter table) at a
 * point (the mean of a distribution); NaN if absent. */
double portee_chart_parameter(const portee_chart_ctx_t *c, size_t param, uint64_t point);
/* The values drawn for an uncertain parameter, one per replicate of the
 * point; false when it was a constant or replicates were not kept. */
bool portee_chart_inputs(const portee_chart_ctx_t *c, size_t param, uint64_t point, double **x,
                         size_t *n);
bool portee_chart_has_inputs(const portee_chart_ctx_t *c, size_t param);
/* Whether sweep axis a is parameter `param` of c->model ("boost.budget"). */
bool portee_chart_axis_is(const portee_chart_ctx_t *c, size_t a, size_t param);

/* ---- readers' labels, in the chart's language ---- */

/* The unit text of a parameter given by its path ("page.followers",
 * "boost.budget", "reach_rate"): c->model's table first, then the page's and
 * every model's; "" when none knows it. */
const char *portee_chart_param_unit(const portee_chart_ctx_t *c, const char *path);
/* "followers (people)", "budget ($)": the axis label of a swept parameter. */
void portee_chart_param_axis(const portee_chart_ctx_t *c, const char *path, char *buf, size_t len);
/* "followers 5,000", "organic reach rate 4.8 %". */
void portee_chart_param_value(const portee_chart_ctx_t *c, const char *path, double v, char *buf, size_t len);
/* Output `output` of c->model as an axis label, "reach of one post (people)",
 * and its plain label. */
void portee_chart_output_axis(const portee_chart_ctx_t *c, size_t output, char *buf, size_t len);
const char *portee_chart_output_label(const portee_chart_ctx_t *c, size_t output);
/* 100 for a unit shown in % (a share), else 1: what tic labels multiply by. */
double portee_chart_unit_scale(const char *unit);
/* A number for a chart's text in its language: portee_fmt_num. */
void portee_chart_num(const portee_chart_ctx_t *c, double v, char *buf, size_t len);
/* `set TEXT` of portee_tr(c->lang, EN): the chart's texts all go through here
 * or portee_tr. */
void portee_chart_set_tr(const portee_chart_ctx_t *c, const char *what, const char *en);
/* Round tics over [lo, hi] of a y axis (AXIS "ytics", "y2tics", "cbtics")
 * or an x axis ("xtics", across), labelled in the chart's language
 * (thousands grouped, decimal comma in French), values times SCALE. */
void portee_chart_round_tics(const portee_chart_ctx_t *c, const char *axis, double lo, double hi, bool log,
                             double scale);

#endif
