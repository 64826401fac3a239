/* source.h — what plot, report and compare share: the file being charted
 * (a results file, or a file of `portee fit adoption|reach`) opened with
 * the same refusals (shards, incomplete runs), the chart context made from
 * it, and one chart's gnuplot commands into memory. */
#ifndef PORTEE_PLOTS_SOURCE_H
#define PORTEE_PLOTS_SOURCE_H

#include <stdbool.h>

#include "plots/charts.h"
#include "sim/base/status.h"

/* A results file (results and file set) or a fit file (fit read, or reach
 * for a file of portee fit reach). */
typedef struct {
    portee_results_t *results;
    portee_h5file_t *file;
    portee_fit_t fit;
    portee_reach_fit_t reach;
    bool is_fit, is_reach;
} portee_plot_source_t;

/* Opens H5: a fit file, or a whole, complete results file (a shard or an
 * interrupted run is refused with what to do). */
portee_status_t portee_plot_source_open(const char *h5, portee_plot_source_t *s, portee_error_t *err);
/* The HDF5 file alone: gnuplot must not inherit it. */
void portee_plot_source_close_file(portee_plot_source_t *s);
void portee_plot_source_close(portee_plot_source_t *s);
/* The context charts draw from; LANG "en"/"fr" (checked by the caller), or
 * NULL for the run's output.language. */
portee_chart_ctx_t portee_plot_source_ctx(portee_plot_source_t *s, const char *dir, const char *lang);
/* Whether a chart set is for this file. */
bool portee_plot_set_applies(const portee_chart_set_t *set, const portee_plot_source_t *s);
/* One chart's commands into *body (malloc'd): 1 made, 0 not supported, -1 error. */
int portee_plot_chart_body(const portee_chart_t *ch, portee_chart_ctx_t *c, char **body);
/* The refusal of a file no chart can be drawn from. */
portee_status_t portee_plot_no_chart(const char *h5, portee_error_t *err);
/* A path gnuplot could mistake for a command, or that would break a line. */
bool portee_plot_unsafe_path(const char *p);
/* DIR, created if missing; PORTEE_EINPUT if it is not a folder. */
portee_status_t portee_plot_make_dir(const char *dir, portee_error_t *err);

#endif
