/* chart_fit.h — the chart of a `portee fit` file: observed points, the
 * fitted curve, the forecast's 50 % and 90 % prediction bands, and each
 * share's level with the median date it is reached and its 90 % interval. */
#ifndef PORTEE_PLOTS_CHART_FIT_H
#define PORTEE_PLOTS_CHART_FIT_H

#include "plots/charts.h"

/* A chart_t make function: 1 made, 0 not a fit file, -1 a file could not be written. */
int portee_chart_fit(chart_ctx_t *c, const char *name);

#endif
