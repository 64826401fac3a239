/* charts_sweep.h — any model's output across a sweep, for the chart sets:
 * a line with bands when one input varies on a grid, heatmaps of the mean
 * and of the 90 % band width when two do, a scatter against each input
 * otherwise (three or more inputs, or a sampled design). */
#ifndef PORTEE_PLOTS_CHARTS_SWEEP_H
#define PORTEE_PLOTS_CHARTS_SWEEP_H

#include <stddef.h>

#include "plots/chart_tornado.h"
#include "plots/charts.h"

/* The chart NAME of output `output` of c->model (a single value: an index
 * of its output table), WHAT saying what it is in titles and labels; 0 if
 * the file holds no sweep or not that output. */
int portee_chart_sweep_of(const portee_chart_ctx_t *c, const char *name, size_t output, const char *what);

#endif
