/* pdf_api.h — the PDF drawing module's table of functions.  The report's
 * page drawing (cairo for the page, pango for text, librsvg for gnuplot's
 * SVG charts) is built as a module, libportee-pdf.so, that only
 * `portee report` loads (report_page.c, from beside the executable): cairo, pango, librsvg and GLib
 * are about 40 shared libraries, and mapping them took half of every
 * other command's start-up (docs/performance.md, section 3).
 *
 * No cairo or pango type crosses this boundary: a page is an opaque
 * handle, a font a pango description string ("DejaVu Sans Bold 12"), an
 * alignment 0 left, 1 centre, 2 right. */
#ifndef PORTEE_PLOTS_PDF_API_H
#define PORTEE_PLOTS_PDF_API_H

#include <stdbool.h>

/* Raised when a function's meaning changes: portee refuses a module of
 * another version (one left behind by an older install). */
#define PORTEE_PDF_API_VERSION 1
/* The symbol the module exports, a const portee_pdf_api_t. */
#define PORTEE_PDF_API_SYMBOL "portee_pdf_api"
#define PORTEE_PDF_MODULE "libportee-pdf.so"

typedef struct {
    int version;
    /* A PDF of W x H points at PATH with the title and creator in its
     * metadata; NULL if cairo cannot create it. */
    void *(*open)(const char *path, double w, double h, const char *title, const char *creator);
    /* Finishes and frees the document; false if cairo met an error on the
     * way (disk full).  NULL-safe. */
    bool (*close)(void *doc);
    /* TEXT wrapped to width W at (X, Y); returns the height it takes, and
     * draws it only when DRAW.  Invalid UTF-8 is replaced. */
    double (*text)(void *doc, double x, double y, double w, const char *font, int align, const char *text,
                   bool draw);
    /* One line cut with an ellipsis at width W. */
    void (*cell)(void *doc, double x, double y, double w, const char *font, int align, const char *text);
    /* A horizontal rule, or a filled band, in grey G (0..1). */
    void (*rule)(void *doc, double x0, double x1, double y, double g);
    void (*band)(void *doc, double x0, double x1, double y0, double y1, double g);
    /* An SVG file fitted (aspect kept, centred) into the box; false if it
     * cannot be read or drawn. */
    bool (*svg)(void *doc, const char *path, double x, double y, double w, double h);
    /* The page break. */
    void (*show_page)(void *doc);
} portee_pdf_api_t;

#endif
