/* chart_solve.h — the charts of portee solve: the curve searched (the
 * probability, or the mean, against the input, with ±2 standard errors,
 * the target and the answer marked) and, for two levers, the frontier (the
 * second lever needed at each value of the first, with the cost of each
 * combination on the right axis and the cheapest marked).  Each is DIR/NAME.dat
 * and DIR/NAME.gp, rendered as the other charts are (portee_plot_render). */
#ifndef PORTEE_PLOTS_CHART_SOLVE_H
#define PORTEE_PLOTS_CHART_SOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "plots/plot.h"

typedef struct {
    const char *title, *x_label, *y_label;
    const double *x, *y, *err; /* n points; err (one standard error) may be NULL */
    size_t n;
    bool y_percent;            /* y is a share, shown as a percentage */
    double target;             /* a horizontal line (NaN: none) */
    const char *target_label;
    double answer_x, answer_y; /* the point marked (NaN: none) */
    const char *answer_label;
    const double *cost;        /* NULL, or n costs on the right axis (the frontier) */
    const char *cost_label;
} portee_solve_chart_t;

portee_status_t portee_chart_solve(const portee_plot_opts_t *o, const char *name, const portee_solve_chart_t *c,
                                   portee_error_t *err);

#endif
