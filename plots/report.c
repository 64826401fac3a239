/* report.c — `portee report`: one PDF document of a results or fit file
 * (plot.h).  Charts are rendered by gnuplot to SVG in the report's working
 * folder, every part is laid out so the page count is known, then the pages
 * are drawn (report_page.c) into a PDF checked whole before it is renamed
 * over the target. */
#include "plots/plot.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plots/captions.h"
#include "plots/charts.h"
#include "plots/report.h"
#include "plots/source.h"
#include "sim/base/tempfile.h"
#include "sim/fit/fit_io.h"

/* A chart of the report: its SVG in the working folder and its caption. */
typedef struct {
    const portee_chart_t *chart;
    char caption[1024];
} page_chart_t;

#define MAX_CHARTS 64 /* more than there are charts */

static void title_line(portee_report_doc_t *d, double *y, const char *font, const char *text, double gap)
{
    const double x = PORTEE_REPORT_MARGIN + 40, w = PORTEE_REPORT_W - 2 * x;
    *y += portee_report_text(d, x, *y, w, font, PORTEE_ALIGN_CENTER, text) + gap;
}

static void title_page(portee_report_doc_t *d, const portee_plot_source_t *src, const char *h5)
{
    const portee_lang_t l = d->lang;
    char line[4600], today[32], a[64], b[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
    double y = 120;
    const char *version = "?";
    if (src->is_reach) {
        const portee_reach_fit_t *f = &src->reach;
        title_line(d, &y, "13", portee_tr(l, "portee: the reach model calibrated to a page's posts"), 24);
        snprintf(line, sizeof line, portee_tr(l, "Reach fit of %s"), f->source);
        title_line(d, &y, "Bold 24", line, 18);
        portee_fmt_fixed(a, sizeof a, (double)f->posts.n, 0, l);
        portee_fmt_fixed(b, sizeof b, (double)f->draws, 0, l);
        snprintf(line, sizeof line, portee_tr(l, "%s posts; checked with %s parameter draws, seed %llu"), a, b,
                 (unsigned long long)f->seed);
        title_line(d, &y, "13", line, 30);
        version = f->version ? f->version : "?";
    } else if (src->is_fit) {
        const portee_fit_t *f = &src->fit;
        title_line(d, &y, "13", portee_tr(l, "portee: adoption forecast from an observed series"), 24);
        snprintf(line, sizeof line, portee_tr(l, "Bass fit of %s"), f->source);
        title_line(d, &y, "Bold 24", line, 18);
        portee_fmt_fixed(a, sizeof a, (double)f->n, 0, l);
        portee_fmt_fixed(b, sizeof b, (double)f->draws, 0, l);
        snprintf(line, sizeof line, portee_tr(l, "%s observations of %s by %s; forecast from %s parameter draws, seed %llu"),
                 a, f->value_name, f->time_name, b, (unsigned long long)f->seed);
        title_line(d, &y, "13", line, 30);
        version = f->version ? f->version : "?";
    } else {
        const portee_results_t *r = src->results;
        title_line(d, &y, "13", portee_tr(l, "portee: Monte Carlo forecast of social-media reach"), 24);
        title_line(d, &y, "Bold 26", r->scenario_name ? r->scenario_name : portee_tr(l, "(unnamed scenario)"), 14);
        if (r->scenario_description) title_line(d, &y, "12", r->scenario_description, 14);
        y += 16;
        portee_fmt_fixed(a, sizeof a, (double)r->replicates, 0, l);
        portee_fmt_fixed(b, sizeof b, (double)r->n_points, 0, l);
        snprintf(line, sizeof line,
                 portee_tr(l, r->n_points == 1 ? "%s replicates at %s point; random seed %llu"
                                               : "%s replicates at each of %s sweep points; random seed %llu"),
                 a, b, (unsigned long long)r->seed);
        title_line(d, &y, "13", line, 30);
        snprintf(line, sizeof line, portee_tr(l, "Run on %s, started %s"), r->host ? r->host : "?",
                 r->start_time ? r->start_time : "?");
        title_line(d, &y, "10", line, 6);
        version = r->version ? r->version : "?";
    }
    snprintf(line, sizeof line, portee_tr(l, "Results file: %s"), h5);
    title_line(d, &y, "10", line, 6);
    snprintf(line, sizeof line, portee_tr(l, "Made with portee %s; report of %s"), version, today);
    title_line(d, &y, "10", line, 6);
    portee_report_page_end(d);
}

static void chart_page(portee_report_doc_t *d, const char *dir, const page_chart_t *pc)
{
    char svg[4300];
    snprintf(svg, sizeof svg, "%s/%s.svg", dir, pc->chart->name);
    const double x = PORTEE_REPORT_MARGIN, w = PORTEE_REPORT_W - 2 * x;
    /* the caption's height first: the chart takes what is left */
    const double ch = portee_report_text_height(d, w, "11", pc->caption);
    const double top = 24, cap_y = PORTEE_REPORT_BODY_END - ch;
    portee_report_svg(d, svg, x, top, w, cap_y - top - 10);
    portee_report_text(d, x, cap_y, w, "11", PORTEE_ALIGN_LEFT, pc->caption);
    portee_report_page_end(d);
}

/* Lines of the table a fit file prints; NULL when out of memory. */
static char **fit_lines(const portee_plot_source_t *src, portee_lang_t lang, size_t *n, char **text)
{
    size_t len;
    FILE *t = open_memstream(text, &len);
    if (!t) return NULL;
    if (src->is_reach) portee_reach_fit_print(t, &src->reach, PORTEE_FORMAT_TABLE, lang);
    else portee_fit_print(t, &src->fit, PORTEE_FORMAT_TABLE, lang);
    if (fclose(t) != 0) return NULL;
    size_t cap = 1;
    for (const char *c = *text; *c; c++) cap += *c == '\n';
    char **lines = malloc(cap * sizeof *lines);
    if (!lines) return NULL;
    *n = 0;
    for (char *save, *line = strtok_r(*text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        lines[(*n)++] = line;
    return lines;
}

/* The working folder holds only what this report wrote there. */
static void remove_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    if (dp) {
        char path[4400];
        for (struct dirent *e; (e = readdir(dp));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(dp);
    }
    rmdir(dir);
}

/* Each chart's script NAME.gp, made to write NAME.svg, and its caption. */
static portee_status_t write_charts(portee_plot_source_t *src, const char *dir, const char *lang, page_chart_t *pcs,
                                   size_t *n, portee_error_t *err)
{
    portee_chart_ctx_t c = portee_plot_source_ctx(src, dir, lang);
    *n = 0;
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!portee_plot_set_applies(set, src)) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n && *n < MAX_CHARTS; i++) {
            const portee_chart_t *ch = &set->charts[i];
            char *body;
            int made = portee_plot_chart_body(ch, &c, &body);
            if (made < 0) return portee_fail(err, PORTEE_EIO, "%s: cannot write the %s chart's data", dir, ch->name);
            if (made == 0) continue;
            char path[4300], svg[256];
            snprintf(path, sizeof path, "%s/%s.gp", dir, ch->name);
            snprintf(svg, sizeof svg, "%s.svg", ch->name);
            FILE *gp = fopen(path, "w");
            if (!gp) {
                free(body);
                return portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
            }
            portee_gp_terminal(gp, PORTEE_GP_SVG, svg);
            fputs(body, gp);
            free(body);
            if (ferror(gp) | fclose(gp)) return portee_fail(err, PORTEE_EIO, "%s: write error", path);
            pcs[*n].chart = ch;
            portee_caption(ch, &c, pcs[*n].caption, sizeof pcs[*n].caption);
            ++*n;
        }
    }
    return PORTEE_OK;
}

static portee_status_t render_charts(const char *gnuplot, const char *dir, const char *pdf, const page_chart_t *pcs,
                                     size_t n, portee_error_t *err)
{
    portee_error_t gerr;
    if (portee_gp_check(gnuplot, PORTEE_GP_SVG, &gerr)) return portee_fail(err, PORTEE_ERUNTIME, "%s", gerr.msg);
    for (size_t i = 0; i < n; i++) {
        char script[256], svg[4300];
        snprintf(script, sizeof script, "%s.gp", pcs[i].chart->name);
        snprintf(svg, sizeof svg, "%s/%s.svg", dir, pcs[i].chart->name);
        if (portee_gp_run(gnuplot, dir, script, NULL, &gerr))
            return portee_fail(err, PORTEE_ERUNTIME, "the %s chart: %s", pcs[i].chart->name, gerr.msg);
        if (portee_gp_check_image(svg, PORTEE_GP_SVG, &gerr))
            return portee_fail(err, PORTEE_EIO, "%s: not written: the %s chart gnuplot drew for it is cut short or "
                                                "damaged (disk full, or a file size limit?)",
                               pdf, pcs[i].chart->name);
    }
    return PORTEE_OK;
}

static portee_status_t refuse_output(const char *h5, const char *pdf, portee_error_t *err)
{
    if (portee_plot_unsafe_path(pdf))
        return portee_fail(err, PORTEE_EINPUT, "%s: an output name may not start with '<' or hold a line break", pdf);
    struct stat st_out, st_in;
    if (stat(pdf, &st_out) == 0) {
        if (!S_ISREG(st_out.st_mode))
            return portee_fail(err, PORTEE_EINPUT, "%s: exists and is not a regular file", pdf);
        if (stat(h5, &st_in) == 0 && st_in.st_dev == st_out.st_dev && st_in.st_ino == st_out.st_ino)
            return portee_fail(err, PORTEE_EINPUT, "%s: is the results file itself; choose another name", pdf);
    }
    if (strlen(pdf) > 3800) return portee_fail(err, PORTEE_EINPUT, "output path too long");
    return PORTEE_OK;
}

portee_status_t portee_report(const char *h5, const char *pdf, const portee_report_opts_t *o,
                              portee_report_pages_t *pages, char **notes, portee_error_t *err)
{
    memset(pages, 0, sizeof *pages);
    portee_status_t st = refuse_output(h5, pdf, err);
    if (st || (st = portee_report_pdf_load(err))) return st;
    char dir[3900] = "", *fit_text = NULL, **lines = NULL;
    size_t n_lines = 0, n_charts = 0;
    portee_plot_source_t src;
    portee_report_inputs_t inputs = {0};
    portee_report_table_t table = {0};
    portee_report_doc_t doc = {0};
    page_chart_t *pcs = calloc(MAX_CHARTS, sizeof *pcs);
    if (!pcs) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    if ((st = portee_plot_source_open(h5, &src, err))) goto done;
    portee_lang_t lang = src.results ? src.results->language : PORTEE_LANG_EN;
    if (o->lang) portee_lang_parse(o->lang, &lang);
    char *made;
    if ((st = portee_temp_dir(pdf, &made, err))) goto done;
    snprintf(dir, sizeof dir, "%s", made);
    free(made);
    if ((st = portee_temp_sweep(pdf, dir, notes, err))) goto done;
    if ((st = write_charts(&src, dir, o->lang, pcs, &n_charts, err))) goto done;
    if (n_charts == 0) { /* plot refuses such a file: a report of it would be empty */
        st = portee_plot_no_chart(h5, err);
        goto done;
    }
    if (src.is_fit) {
        if (!(lines = fit_lines(&src, lang, &n_lines, &fit_text))) {
            st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
            goto done;
        }
        pages->table = portee_report_text_pages(n_lines);
    } else {
        portee_report_table_layout(src.results, &table);
        pages->table = table.pages;
        pages->points = table.points;
        pages->rows_per_point = table.rows_per_point;
        pages->points_per_page = table.points_per_page;
        portee_report_inputs_read(&inputs, h5, lang);
        pages->inputs = portee_report_inputs_pages(&inputs);
    }
    portee_plot_source_close_file(&src); /* gnuplot must not inherit it */
    if ((st = render_charts(o->gnuplot, dir, pdf, pcs, n_charts, err))) goto done;
    pages->title = 1;
    pages->charts = (int)n_charts;
    pages->pages = pages->title + pages->table + pages->charts + pages->inputs;

    char made_pdf[4200];
    snprintf(made_pdf, sizeof made_pdf, "%s/report.pdf", dir);
    const char *name = src.is_reach ? src.reach.source
                       : src.is_fit ? src.fit.source
                                    : (src.results->scenario_name ? src.results->scenario_name : "portee");
    if ((st = portee_report_doc_open(&doc, made_pdf, name, lang, err))) goto done;
    doc.pages = pages->pages;
    doc.footer = name;
    title_page(&doc, &src, h5);
    if (src.is_fit) portee_report_text_draw(&doc, portee_tr(lang, "The fit and its forecast"), lines, n_lines);
    else portee_report_table_draw(&doc, src.results, &table);
    for (size_t i = 0; i < n_charts; i++) chart_page(&doc, dir, &pcs[i]);
    if (!src.is_fit) portee_report_inputs_draw(&doc, &inputs);
    const int drawn = doc.page - 1;
    portee_error_t gerr;
    if (!portee_report_doc_close(&doc) || portee_gp_check_image(made_pdf, PORTEE_GP_PDF, &gerr)) {
        st = portee_fail(err, PORTEE_EIO, "%s: not written: the PDF is cut short or damaged (disk full, or a file "
                                          "size limit?)",
                         pdf);
        goto done;
    }
    if (drawn != pages->pages) { /* the layout and the drawing disagree: a bug, never a wrong page number */
        st = portee_fail(err, PORTEE_ERUNTIME, "%s: not written: %d pages drawn, %d laid out", pdf, drawn,
                         pages->pages);
        goto done;
    }
    if (rename(made_pdf, pdf) != 0)
        st = portee_fail(err, PORTEE_EIO, "%s: cannot move the finished report into place: %s", pdf, strerror(errno));
done:
    if (doc.pdf) portee_report_doc_close(&doc);
    if (dir[0]) remove_dir(dir);
    portee_report_inputs_free(&inputs);
    free(lines);
    free(fit_text);
    free(pcs);
    portee_plot_source_close(&src);
    return st;
}
