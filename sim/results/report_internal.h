/* report_internal.h — what report.c and report_table.c share. */
#ifndef PORTEE_REPORT_INTERNAL_H
#define PORTEE_REPORT_INTERNAL_H

#include "sim/results/report.h"

typedef enum {
    PORTEE_CELL_MEAN,  /* a mean, sd or quantile: 3 significant digits, whole from 100 */
    PORTEE_CELL_SE,    /* a standard error: 2 significant digits */
    PORTEE_CELL_WHOLE, /* a quantile of whole numbers: rounded to one */
} portee_report_cell_t;

/* V as the table shows it; shares (by UNIT) as percentages. */
void portee_report_cell(char *buf, size_t len, double v, portee_report_cell_t kind, const char *unit,
                        portee_lang_t lang);
/* Whether output NAME of MODEL is the one asked for (WANT NULL: any): its
 * name, model.name, or its label in LANG or English. */
bool portee_report_output_is(const char *model, const char *name, const char *want, portee_lang_t lang);
void portee_report_table(FILE *f, const portee_results_t *r, const portee_report_opts_t *o);
void portee_report_compact(FILE *f, const portee_results_t *r, const portee_report_opts_t *o);

#endif
