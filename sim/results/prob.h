/* prob.h — how often a target holds at each point of a results file:
 * P(OUTPUT >= x) or P(OUTPUT <= x) ("portee info FILE --prob").
 *
 * From the replicates when the file stores them: the share of them that
 * meet it, with its standard error sqrt(p (1 - p) / n).  Otherwise from the
 * histogram, which brackets it: `low` counts the bins wholly inside the
 * condition, `high` adds the bin the threshold falls in (equal when the
 * threshold is a bin edge). */
#ifndef PORTEE_PROB_H
#define PORTEE_PROB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/results/h5read.h"
#include "sim/results/report.h"
#include "sim/scenario/target.h"

typedef struct {
    bool in;          /* the point's results are in the file */
    bool exact;       /* from the replicates */
    double p, se;     /* exact: the share and its standard error */
    double low, high; /* from the histogram: the bracket (exact: both p) */
    uint64_t n;       /* replicates */
} portee_prob_row_t;

/* rows[r->n_points] (malloc'd).  PORTEE_EINPUT when the file does not run
 * the target's model or has neither replicates nor histogram of it. */
portee_status_t portee_prob_read(const portee_results_t *r, const portee_target_t *t, portee_prob_row_t **rows,
                                 portee_error_t *err);

/* The rows as a table (with each point's swept values) in o->lang, or CSV
 * or JSON as o->format says. */
portee_status_t portee_prob_print(FILE *f, const portee_results_t *r, const portee_target_t *t,
                                  const portee_prob_row_t *rows, const portee_report_opts_t *o, portee_error_t *err);

#endif
