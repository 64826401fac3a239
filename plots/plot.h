/* plot.h — charts of a results file (docs/architecture.md, charts).
 *
 * portee_plot() writes, for every chart the file supports, NAME.dat (the
 * numbers) and NAME.gp (a stand-alone gnuplot script) into a folder, then
 * renders NAME.png|svg|pdf with gnuplot.  Without gnuplot the scripts are
 * still written and the error says how to render them.
 *
 * portee_report() makes one PDF document of a file (A4 landscape, drawn
 * with cairo and pango): a title page, the summary table over as many
 * pages as it needs, a page per chart (gnuplot's SVG placed by librsvg)
 * with a caption read from the numbers, and an appendix of every input;
 * every page numbered "page N of M", in English or French. */
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

/* DIR/NAME.gp rendered by gnuplot under a temporary name, checked whole,
 * then renamed over DIR/NAME.EXT: a full disk never leaves a cut image
 * under the final name, nor replaces a good one. */
portee_status_t portee_plot_render(const portee_plot_opts_t *o, const char *name, portee_error_t *err);

portee_status_t portee_plot(const char *h5, const portee_plot_opts_t *o, portee_plot_written_fn cb,
                            void *ctx, portee_error_t *err);

typedef struct {
    const char *gnuplot; /* program to run */
    const char *lang;    /* "en" or "fr"; NULL: the run's output.language */
} portee_report_opts_t;

/* What the report holds: pages in all, and by part (title 1; the table's
 * pages, with the layout that gives them; a page per chart; the appendix). */
typedef struct {
    int pages, title, table, charts, inputs;
    size_t points, rows_per_point, points_per_page; /* the table's layout (0 for a fit file) */
} portee_report_pages_t;

/* *notes (malloc'd or NULL, the caller frees it) says what was cleaned up:
 * working folders of reports whose process died.  The PDF is made in a
 * temporary folder beside PDF and renamed over it only when whole. */
portee_status_t portee_report(const char *h5, const char *pdf, const portee_report_opts_t *o,
                              portee_report_pages_t *pages, char **notes, portee_error_t *err);

#endif
