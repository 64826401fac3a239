/* report.h — the parts of `portee report` (plot.h's portee_report()):
 * the page drawing of report_page.c (through the PDF module of
 * pdf_api.h: cairo, pango, librsvg), the summary table of report_table.c,
 * the appendix of inputs of report_inputs.c.  Only for plots/report*.c.
 *
 * "page N of M" needs M before the first page is drawn, so every part is
 * laid out first (rows to pages, with fixed row heights) and drawn after;
 * the counting and the drawing share one pagination, so they cannot
 * disagree. */
#ifndef PORTEE_PLOTS_REPORT_H
#define PORTEE_PLOTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "plots/source.h"
#include "sim/base/status.h"
#include "sim/base/lang.h"

/* A4 landscape in PostScript points, and the page's margins. */
#define PORTEE_REPORT_W 842.0
#define PORTEE_REPORT_H 595.0
#define PORTEE_REPORT_MARGIN 40.0
/* Where the body of a page ends: the footer with the page number is below. */
#define PORTEE_REPORT_BODY_END (PORTEE_REPORT_H - 44.0)
#define PORTEE_REPORT_FONT "DejaVu Sans"

typedef enum { PORTEE_ALIGN_LEFT, PORTEE_ALIGN_CENTER, PORTEE_ALIGN_RIGHT } portee_report_align_t;

typedef struct {
    void *pdf;            /* the PDF module's document; NULL once closed */
    portee_lang_t lang;
    int page, pages;      /* the page being drawn (1-based) and how many in all */
    const char *footer;   /* the scenario's name, at the foot of every page */
} portee_report_doc_t;

/* ---- report_page.c ---- */
/* Loads the PDF module (once; doc_open does too): a report checks it
 * before spending seconds on its charts. */
portee_status_t portee_report_pdf_load(portee_error_t *err);
/* The PDF at PATH (loading the PDF module the first time); fails when the
 * module cannot be loaded or cairo cannot create the file. */
portee_status_t portee_report_doc_open(portee_report_doc_t *d, const char *path, const char *title,
                                       portee_lang_t lang, portee_error_t *err);
/* Finishes the file; false if cairo met an error on the way (disk full). */
bool portee_report_doc_close(portee_report_doc_t *d);
/* TEXT wrapped to width W at (X, Y) in FONT ("Bold 12": a style and size
 * after the family); returns the height it took.  Invalid UTF-8 is
 * replaced, never passed to pango. */
double portee_report_text(portee_report_doc_t *d, double x, double y, double w, const char *font,
                          portee_report_align_t align, const char *text);
/* The height TEXT takes wrapped to width W, drawing nothing. */
double portee_report_text_height(portee_report_doc_t *d, double w, const char *font, const char *text);
/* One line cut with an ellipsis at width W (table cells). */
void portee_doc_cell(portee_report_doc_t *d, double x, double y, double w, const char *font,
                        portee_report_align_t align, const char *text);
/* A horizontal rule, or a filled band (a row's shading), in grey G (0..1). */
void portee_report_rule(portee_report_doc_t *d, double x0, double x1, double y, double g);
void portee_report_band(portee_report_doc_t *d, double x0, double x1, double y0, double y1, double g);
/* An SVG image fitted (aspect kept, centred) into the box; false if it
 * cannot be read or drawn. */
bool portee_report_svg(portee_report_doc_t *d, const char *path, double x, double y, double w, double h);
/* Ends the page: the footer (scenario, "page N of M") and the page break. */
void portee_report_page_end(portee_report_doc_t *d);

/* ---- report_table.c ---- */
/* The summary table of a results file: one row per sweep point and
 * single-valued output, the point's swept values heading its rows. */
typedef struct {
    size_t points, rows_per_point, points_per_page, pages_per_point;
    int pages;
} portee_report_table_t;
/* Lays out the table of r (pages only). */
void portee_report_table_layout(const portee_results_t *r, portee_report_table_t *t);
void portee_report_table_draw(portee_report_doc_t *d, const portee_results_t *r, const portee_report_table_t *t);
/* The table a fit file prints, split into lines; pages it takes. */
int portee_report_text_pages(size_t lines);
/* Draws TEXT (lines), LINES of them, under HEADING. */
void portee_report_text_draw(portee_report_doc_t *d, const char *heading, char **lines, size_t n);

/* ---- report_inputs.c ---- */
/* The appendix: every input of the run, as lines (label, value). */
typedef struct {
    char **label, **value;
    bool *heading; /* a section's heading (value unused) */
    size_t n, cap;
    char *failed;  /* why the inputs could not be read, or NULL */
} portee_report_inputs_t;
/* Reads H5's /scenario; never fails the report: a file whose inputs cannot
 * be read gets a page saying why. */
void portee_report_inputs_read(portee_report_inputs_t *in, const char *h5, portee_lang_t lang);
int portee_report_inputs_pages(const portee_report_inputs_t *in);
void portee_report_inputs_draw(portee_report_doc_t *d, const portee_report_inputs_t *in);
void portee_report_inputs_free(portee_report_inputs_t *in);

/* Rows of the table and of the appendix a page holds. */
#define PORTEE_REPORT_TABLE_ROWS 32
#define PORTEE_REPORT_INPUT_ROWS 28
#define PORTEE_REPORT_TEXT_ROWS 34

#endif
