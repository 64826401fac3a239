/* report_page.c — drawing a report page (report.h) through the PDF module
 * (pdf_api.h), loaded on the first report: the commands that draw no PDF
 * never map cairo, pango and librsvg. */
#include "plots/report.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "plots/pdf_api.h"

static const portee_pdf_api_t *pdf; /* loaded once, never unloaded: the fonts it cached live on */

/* Where the module is, by the executable's own path (not its run path:
 * a sanitizer's dlopen interceptor would search its own instead): next
 * to it (the build tree), one folder up (the tests' and benchmarks'
 * programs), or PREFIX/lib/portee from PREFIX/bin once installed
 * (PORTEE_PDF_INSTALL_REL, from CMakeLists.txt). */
static const char *const places[] = {"", "../", PORTEE_PDF_INSTALL_REL "/"};

portee_status_t portee_report_pdf_load(portee_error_t *err)
{
    if (pdf) return PORTEE_OK;
    char exe[PATH_MAX], path[PATH_MAX + 64];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return portee_fail(err, PORTEE_ERUNTIME, "the PDF report: cannot find where portee is (/proc/self/exe)");
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) slash[1] = 0;
    void *h = NULL;
    for (size_t i = 0; i < sizeof places / sizeof *places && !h; i++) {
        snprintf(path, sizeof path, "%s%s" PORTEE_PDF_MODULE, exe, places[i]);
        if (access(path, F_OK) != 0) continue;
        if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
            return portee_fail(err, PORTEE_ERUNTIME, "the PDF report: %s", dlerror());
    }
    if (!h)
        return portee_fail(err, PORTEE_ERUNTIME,
                           "the PDF report needs " PORTEE_PDF_MODULE ", which is built next to portee and "
                           "installed in PREFIX/lib/portee with it; not found in %s, %s.. nor %s%s",
                           exe, exe, exe, PORTEE_PDF_INSTALL_REL);
    const portee_pdf_api_t *api = dlsym(h, PORTEE_PDF_API_SYMBOL);
    if (!api || api->version != PORTEE_PDF_API_VERSION) {
        const int v = api ? api->version : 0;
        dlclose(h);
        return portee_fail(err, PORTEE_ERUNTIME,
                           "%s is of another portee (version %d of its functions, this portee needs %d): "
                           "reinstall portee",
                           path, v, PORTEE_PDF_API_VERSION);
    }
    pdf = api;
    return PORTEE_OK;
}

portee_status_t portee_report_doc_open(portee_report_doc_t *d, const char *path, const char *title,
                                       portee_lang_t lang, portee_error_t *err)
{
    memset(d, 0, sizeof *d);
    d->lang = lang;
    d->page = 1;
    portee_status_t st = portee_report_pdf_load(err);
    if (st) return st;
    if (!(d->pdf = pdf->open(path, PORTEE_REPORT_W, PORTEE_REPORT_H, title, "portee " PORTEE_VERSION)))
        return portee_fail(err, PORTEE_EIO, "%s: cannot write: cairo could not create it", path);
    return PORTEE_OK;
}

bool portee_report_doc_close(portee_report_doc_t *d)
{
    if (!d->pdf) return false;
    const bool ok = pdf->close(d->pdf);
    d->pdf = NULL;
    return ok;
}

/* "DejaVu Sans Bold 12" from "Bold 12" */
static const char *font_of(char *buf, size_t size, const char *font)
{
    snprintf(buf, size, PORTEE_REPORT_FONT " %s", font);
    return buf;
}

double portee_report_text(portee_report_doc_t *d, double x, double y, double w, const char *font,
                          portee_report_align_t align, const char *text)
{
    char f[96];
    return pdf->text(d->pdf, x, y, w, font_of(f, sizeof f, font), (int)align, text, true);
}

double portee_report_text_height(portee_report_doc_t *d, double w, const char *font, const char *text)
{
    char f[96];
    return pdf->text(d->pdf, 0, 0, w, font_of(f, sizeof f, font), PORTEE_ALIGN_LEFT, text, false);
}

void portee_doc_cell(portee_report_doc_t *d, double x, double y, double w, const char *font,
                     portee_report_align_t align, const char *text)
{
    char f[96];
    pdf->cell(d->pdf, x, y, w, font_of(f, sizeof f, font), (int)align, text);
}

void portee_report_rule(portee_report_doc_t *d, double x0, double x1, double y, double g)
{
    pdf->rule(d->pdf, x0, x1, y, g);
}

void portee_report_band(portee_report_doc_t *d, double x0, double x1, double y0, double y1, double g)
{
    pdf->band(d->pdf, x0, x1, y0, y1, g);
}

bool portee_report_svg(portee_report_doc_t *d, const char *path, double x, double y, double w, double h)
{
    return pdf->svg(d->pdf, path, x, y, w, h);
}

void portee_report_page_end(portee_report_doc_t *d)
{
    const double y = PORTEE_REPORT_H - 30, w = PORTEE_REPORT_W - 2 * PORTEE_REPORT_MARGIN;
    char n[96];
    snprintf(n, sizeof n, portee_tr(d->lang, "page %d of %d"), d->page, d->pages);
    portee_report_rule(d, PORTEE_REPORT_MARGIN, PORTEE_REPORT_W - PORTEE_REPORT_MARGIN, y - 6, 0.75);
    if (d->footer) portee_doc_cell(d, PORTEE_REPORT_MARGIN, y, w * 0.7, "8", PORTEE_ALIGN_LEFT, d->footer);
    portee_doc_cell(d, PORTEE_REPORT_MARGIN + w * 0.7, y, w * 0.3, "8", PORTEE_ALIGN_RIGHT, n);
    pdf->show_page(d->pdf);
    d->page++;
}
