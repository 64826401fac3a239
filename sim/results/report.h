/* report.h — a results file's summaries as a terminal table, CSV or JSON. */
#ifndef PORTEE_REPORT_H
#define PORTEE_REPORT_H

#include <stdio.h>

#include "sim/base/format.h"
#include "sim/results/h5read.h"

void portee_report_print(FILE *f, const portee_results_t *r, portee_format_t format);

#endif
