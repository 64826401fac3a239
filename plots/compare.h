/* compare.h — `portee plot A.h5 B.h5 ... --compare`: two to six results
 * files (scenarios) overlaid, one chart per output they all hold.
 *
 * A single-valued output (total reach, incremental reach, adoption lag...)
 * is drawn as one box and whiskers per scenario side by side: box 25-75 %,
 * whiskers 5-95 %, a line at the median and a dot at the mean, read from
 * the summaries, so files that kept no replicates compare too.  A series
 * (weekly, hourly, yearly) is drawn as each scenario's mean line with its
 * 90 % band (5-95 %).  A sweep file is compared by its first point, and its
 * legend entry says which point that is.  Each chart is written as
 * NAME.dat, a stand-alone NAME.gp and the image, NAME being MODEL_OUTPUT.
 *
 * Refused: fewer than two or more than six files, a fit file, a shard or an
 * unfinished run (as plot refuses them), files with no output in common.
 * Money outputs are left out when the files do not share one currency. */
#ifndef PORTEE_PLOTS_COMPARE_H
#define PORTEE_PLOTS_COMPARE_H

#include <stddef.h>

#include "plots/plot.h"
#include "sim/base/status.h"

#define PORTEE_COMPARE_MIN 2
#define PORTEE_COMPARE_MAX 6

/* Charts of the outputs the n files H5 share into o->dir (o->lang NULL:
 * the first file's language); cb is called per image rendered. */
portee_status_t portee_compare(const char *const *h5, size_t n, const portee_plot_opts_t *o,
                               portee_plot_written_fn cb, void *ctx, portee_error_t *err);

#endif
