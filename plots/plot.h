/* plot.h — charts of a results file (docs/architecture.md, charts).
 *
 * portee_plot() writes, for every chart the file supports, NAME.dat (the
 * numbers) and NAME.gp (a stand-alone gnuplot script) into a folder, then
 * renders NAME.png|svg|pdf with gnuplot.  portee_report() puts a title page,
 * the summary table and every chart into one PDF.  Without gnuplot the
 * scripts are still written and the error says how to render them. */
#ifndef PORTEE_PLOTS_PLOT_H
#define PORTEE_PLOTS_PLOT_H

#include "plots/gp.h"
#include "sim/base/status.h"

typedef struct {
    const char *dir;           /* chart folder, created if missing */
    portee_gp_format_t format;
    const char *gnuplot;       /* program to run */
    const char *lang;          /* "en" or "fr"; NULL: the run's output.language */
} portee_plot_opts_t;

/* Called once per chart written, with its file name and what it shows. */
typedef void (*portee_plot_written_fn)(void *ctx, const char *file, const char *what);

portee_status_t portee_plot(const char *h5, const portee_plot_opts_t *o, portee_plot_written_fn cb,
                            void *ctx, portee_error_t *err);
/* *pages receives the PDF's page count; *notes (malloc'd or NULL, the
 * caller frees it) what was cleaned up: working folders of reports whose
 * process died. */
portee_status_t portee_report(const char *h5, const char *pdf, const char *gnuplot, int *pages, char **notes,
                              portee_error_t *err);

#endif
