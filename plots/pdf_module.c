/* pdf_module.c — libportee-pdf.so, the report's page drawing (pdf_api.h):
 * cairo's PDF surface, text laid out by pango (wrapping, accents,
 * proportional fonts), gnuplot's SVG charts placed by librsvg.  It uses
 * nothing of portee's own, so it loads into any portee of its API version. */
#include <stdbool.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "plots/pdf_api.h"

typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
} doc_t;

static bool doc_close(void *h)
{
    doc_t *d = h;
    if (!d) return false;
    bool ok = d->cr && cairo_status(d->cr) == CAIRO_STATUS_SUCCESS;
    if (d->cr) cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    ok = ok && cairo_surface_status(d->surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(d->surface);
    free(d);
    /* pango, cairo and fontconfig keep the fonts they loaded for the life
     * of the process; tests/lsan.supp tells the sanitizer build's leak
     * check so.  (cairo_debug_reset_static_data() and FcFini() would free
     * them, but abort the process now and then when a font is still
     * referenced somewhere: a report must not crash to please a leak check.) */
    return ok;
}

static void *doc_open(const char *path, double w, double h, const char *title, const char *creator)
{
    doc_t *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->surface = cairo_pdf_surface_create(path, w, h);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(d->surface);
        free(d);
        return NULL;
    }
    char *t = g_utf8_make_valid(title, -1);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, t);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, creator);
    g_free(t);
    d->cr = cairo_create(d->surface);
    if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
        doc_close(d);
        return NULL;
    }
    return d;
}

static PangoLayout *layout(doc_t *d, double w, const char *font, int align, const char *text)
{
    PangoLayout *l = pango_cairo_create_layout(d->cr);
    /* pango's default, said once so no font setting of the machine changes the pages: a font size
     * N is N/72 inch at 96 dots an inch, 4/3 of N PDF points */
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 96);
    pango_layout_context_changed(l);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == 0 ? PANGO_ALIGN_LEFT : align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
    char *valid = g_utf8_make_valid(text ? text : "", -1);
    pango_layout_set_text(l, valid, -1);
    g_free(valid);
    return l;
}

static double doc_text(void *h, double x, double y, double w, const char *font, int align, const char *text,
                       bool draw)
{
    doc_t *d = h;
    PangoLayout *l = layout(d, w, font, align, text);
    if (draw) {
        cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
        cairo_move_to(d->cr, x, y);
        pango_cairo_show_layout(d->cr, l);
    }
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    g_object_unref(l);
    return (double)ph / PANGO_SCALE;
}

static void doc_cell(void *h, double x, double y, double w, const char *font, int align, const char *text)
{
    doc_t *d = h;
    PangoLayout *l = layout(d, w, font, align, text);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
}

static void doc_rule(void *h, double x0, double x1, double y, double g)
{
    doc_t *d = h;
    cairo_set_source_rgb(d->cr, g, g, g);
    cairo_set_line_width(d->cr, 0.6);
    cairo_move_to(d->cr, x0, y);
    cairo_line_to(d->cr, x1, y);
    cairo_stroke(d->cr);
}

static void doc_band(void *h, double x0, double x1, double y0, double y1, double g)
{
    doc_t *d = h;
    cairo_set_source_rgb(d->cr, g, g, g);
    cairo_rectangle(d->cr, x0, y0, x1 - x0, y1 - y0);
    cairo_fill(d->cr);
}

static bool doc_svg(void *h, const char *path, double x, double y, double w, double hgt)
{
    doc_t *d = h;
    GError *e = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_file(path, &e);
    if (!svg) {
        g_clear_error(&e);
        return false;
    }
    RsvgRectangle box = {.x = x, .y = y, .width = w, .height = hgt};
    bool ok = rsvg_handle_render_document(svg, d->cr, &box, &e);
    g_clear_error(&e);
    g_object_unref(svg);
    return ok;
}

static void doc_show_page(void *h) { cairo_show_page(((doc_t *)h)->cr); }

__attribute__((visibility("default"))) const portee_pdf_api_t portee_pdf_api = {
    .version = PORTEE_PDF_API_VERSION,
    .open = doc_open,
    .close = doc_close,
    .text = doc_text,
    .cell = doc_cell,
    .rule = doc_rule,
    .band = doc_band,
    .svg = doc_svg,
    .show_page = doc_show_page,
};
