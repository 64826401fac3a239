/* chart_tornado.h — any model's tornado chart: which uncertain inputs (given
 * as distributions, replicates kept) move one of its outputs most, by the
 * Spearman rank correlation of each input's draws with the output over the
 * replicates of sweep point 0.  Inputs whose correlation is within what
 * chance gives (|rho| < 3/sqrt(n-1) for n replicates) are left out, and the
 * chart says how many.  Included by charts_sweep.h, so that every chart
 * table can name it. */
#ifndef PORTEE_PLOTS_CHART_TORNADO_H
#define PORTEE_PLOTS_CHART_TORNADO_H

#include "plots/charts.h"

/* A chart's make(): the tornado of the chart's first ref (a single value). */
int portee_chart_tornado(const portee_chart_ctx_t *c, const portee_chart_t *chart);
/* The threshold below which a rank correlation over n replicates is noise. */
double portee_chart_tornado_noise(size_t n);

#endif
