/* report.h — a results file's summaries as a terminal table, CSV or JSON.
 *
 * The table of a sweep is one compact row per point (its swept values and
 * the model's main output: mean and 90 % range) unless the options ask for
 * every output (all), one point or one output; a single point gets the
 * whole table.  Text and numbers are in the options' language.  Standard
 * errors have 2 significant digits; quantiles of whole-number outputs are
 * whole numbers.
 *
 * The CSV (machine numbers, %.17g) and the JSON are every summary.  The
 * JSON (sim/results/json.h) is built whole before anything is written:
 * PORTEE_ENOMEM, with nothing printed, when memory runs out.  A point or an
 * output the file does not hold is PORTEE_EINPUT, with nothing printed. */
#ifndef PORTEE_REPORT_H
#define PORTEE_REPORT_H

#include <stdio.h>

#include "sim/base/format.h"
#include "sim/base/lang.h"
#include "sim/base/status.h"
#include "sim/results/h5read.h"

typedef struct {
    portee_format_t format;
    portee_lang_t lang;
    /* May be NULL: the models' tables, which give the swept parameters'
     * units (without them swept values are plain numbers). */
    const portee_registry_t *reg;
    bool all;              /* every output of every point */
    bool one_point;        /* only `point` (every output) */
    uint64_t point;
    const char *output;    /* NULL, or only this output (its name, model.name or its label) */
} portee_report_opts_t;

/* The table (compact for a sweep) in o->lang, or CSV or JSON; o->reg gives
 * the swept inputs' units. */
portee_status_t portee_report_print_opts(FILE *f, const portee_results_t *r, const portee_report_opts_t *o,
                                         portee_error_t *err);

/* The unit of a swept parameter's path ("page.followers", "boost.budget")
 * in reg's tables; NULL when reg is NULL or does not know it. */
const char *portee_report_axis_unit(const portee_registry_t *reg, const char *path);
/* The model's definition of an output by name; NULL when unknown. */
const portee_output_def_t *portee_report_output_def(const portee_registry_t *reg, const char *model,
                                                    const char *output);

#endif
