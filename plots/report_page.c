/* report_page.c — drawing a report page: cairo's PDF surface, text laid out
 * by pango (wrapping, accents, proportional fonts), gnuplot's SVG charts
 * placed by librsvg (report.h). */
#include "plots/report.h"

#include <stdio.h>

#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

bool portee_report_doc_open(portee_report_doc_t *d, const char *path, const char *title, portee_lang_t lang)
{
    d->lang = lang;
    d->page = 1;
    d->surface = cairo_pdf_surface_create(path, PORTEE_REPORT_W, PORTEE_REPORT_H);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(d->surface);
        d->surface = NULL;
        return false;
    }
    char *t = g_utf8_make_valid(title, -1);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, t);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "portee " PORTEE_VERSION);
    g_free(t);
    d->cr = cairo_create(d->surface);
    return cairo_status(d->cr) == CAIRO_STATUS_SUCCESS;
}

bool portee_report_doc_close(portee_report_doc_t *d)
{
    if (!d->surface) return false;
    bool ok = cairo_status(d->cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    ok = ok && cairo_surface_status(d->surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(d->surface);
    d->surface = NULL;
    d->cr = NULL;
    /* pango, cairo and fontconfig keep the fonts they loaded for the life
     * of the process; tests/lsan.supp tells the sanitizer build's leak
     * check so.  (cairo_debug_reset_static_data() and FcFini() would free
     * them, but abort the process now and then when a font is still
     * referenced somewhere: a report must not crash to please a leak check.) */
    return ok;
}

static PangoLayout *layout(portee_report_doc_t *d, double w, const char *font, portee_report_align_t align,
                           const char *text)
{
    PangoLayout *l = pango_cairo_create_layout(d->cr);
    /* pango's default, said once so no font setting of the machine changes the pages: a font size
     * N is N/72 inch at 96 dots an inch, 4/3 of N PDF points */
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 96);
    pango_layout_context_changed(l);
    char desc[96];
    snprintf(desc, sizeof desc, PORTEE_REPORT_FONT " %s", font);
    PangoFontDescription *fd = pango_font_description_from_string(desc);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == PORTEE_ALIGN_LEFT    ? PANGO_ALIGN_LEFT
                                  : align == PORTEE_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_CENTER);
    char *valid = g_utf8_make_valid(text ? text : "", -1);
    pango_layout_set_text(l, valid, -1);
    g_free(valid);
    return l;
}

double portee_report_text(portee_report_doc_t *d, double x, double y, double w, const char *font,
                          portee_report_align_t align, const char *text)
{
    PangoLayout *l = layout(d, w, font, align, text);
    cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    g_object_unref(l);
    return (double)ph / PANGO_SCALE;
}

void portee_doc_cell(portee_report_doc_t *d, double x, double y, double w, const char *font,
                        portee_report_align_t align, const char *text)
{
    PangoLayout *l = layout(d, w, font, align, text);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(d->cr, 0.1, 0.1, 0.1);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
}

void portee_report_rule(portee_report_doc_t *d, double x0, double x1, double y, double g)
{
    cairo_set_source_rgb(d->cr, g, g, g);
    cairo_set_line_width(d->cr, 0.6);
    cairo_move_to(d->cr, x0, y);
    cairo_line_to(d->cr, x1, y);
    cairo_stroke(d->cr);
}

void portee_report_band(portee_report_doc_t *d, double x0, double x1, double y0, double y1, double g)
{
    cairo_set_source_rgb(d->cr, g, g, g);
    cairo_rectangle(d->cr, x0, y0, x1 - x0, y1 - y0);
    cairo_fill(d->cr);
}

bool portee_report_svg(portee_report_doc_t *d, const char *path, double x, double y, double w, double h)
{
    GError *e = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_file(path, &e);
    if (!svg) {
        g_clear_error(&e);
        return false;
    }
    RsvgRectangle box = {.x = x, .y = y, .width = w, .height = h};
    bool ok = rsvg_handle_render_document(svg, d->cr, &box, &e);
    g_clear_error(&e);
    g_object_unref(svg);
    return ok;
}

void portee_report_page_end(portee_report_doc_t *d)
{
    const double y = PORTEE_REPORT_H - 30, w = PORTEE_REPORT_W - 2 * PORTEE_REPORT_MARGIN;
    char n[96];
    snprintf(n, sizeof n, portee_tr(d->lang, "page %d of %d"), d->page, d->pages);
    portee_report_rule(d, PORTEE_REPORT_MARGIN, PORTEE_REPORT_W - PORTEE_REPORT_MARGIN, y - 6, 0.75);
    if (d->footer) portee_doc_cell(d, PORTEE_REPORT_MARGIN, y, w * 0.7, "8", PORTEE_ALIGN_LEFT, d->footer);
    portee_doc_cell(d, PORTEE_REPORT_MARGIN + w * 0.7, y, w * 0.3, "8", PORTEE_ALIGN_RIGHT, n);
    cairo_show_page(d->cr);
    d->page++;
}
