/* report.h — a results file's summaries as a terminal table, CSV or JSON.
 *
 * The table and CSV cannot fail.  The JSON (sim/results/json.h) is built
 * whole before anything is written: PORTEE_ENOMEM, with nothing printed,
 * when memory runs out. */
#ifndef PORTEE_REPORT_H
#define PORTEE_REPORT_H

#include <stdio.h>

#include "sim/base/format.h"
#include "sim/base/status.h"
#include "sim/results/h5read.h"

portee_status_t portee_report_print(FILE *f, const portee_results_t *r, portee_format_t format);

#endif
