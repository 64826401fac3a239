/* report.c — one PDF of a results or fit file: title page, summary table,
 * every chart (plot.h). */
#include "plots/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plots/charts.h"
#include "plots/source.h"
#include "sim/base/tempfile.h"
#include "sim/fit/fit_io.h"
#include "sim/results/report.h"

/* ---- the report: title page, summary table, every chart, one PDF ---- */

static void label(FILE *b, int id, const char *text, double y, const char *font, const char *colour)
{
    fprintf(b, "set label %d ", id);
    portee_gp_quote(b, text);
    fprintf(b, " at screen 0.5, screen %.3f center font '%s' tc rgb '%s'\n", y, font, colour);
}

static void title_page(FILE *b, const portee_plot_source_t *src, const char *h5)
{
    char line[1024], today[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
    fputs("reset\nunset border\nunset tics\nunset key\nset xrange [0:1]\nset yrange [0:1]\n", b);
    const portee_results_t *r = src->results;
    if (src->is_reach) {
        const portee_reach_fit_t *f = &src->reach;
        label(b, 1, "portee: the reach model calibrated to a page's posts", 0.80, "Sans,14", GP_GREY);
        snprintf(line, sizeof line, "reach fit of %s", f->source);
        label(b, 2, line, 0.66, "Sans,22", "#000000");
        snprintf(line, sizeof line, "%zu posts; check from %llu parameter draws, seed %llu", f->posts.n,
                 (unsigned long long)f->draws, (unsigned long long)f->seed);
        label(b, 3, line, 0.50, "Sans,14", "#222222");
        snprintf(line, sizeof line, "fit file %s", h5);
        label(b, 4, line, 0.43, "Sans,11", GP_GREY);
        snprintf(line, sizeof line, "portee %s; report made %s", f->version ? f->version : "?", today);
    } else if (src->is_fit) {
        const portee_fit_t *f = &src->fit;
        label(b, 1, "portee: adoption forecast from an observed series", 0.80, "Sans,14", GP_GREY);
        snprintf(line, sizeof line, "Bass fit of %s", f->source);
        label(b, 2, line, 0.66, "Sans,22", "#000000");
        snprintf(line, sizeof line, "%zu observations of %s by %s; forecast from %llu parameter draws, seed %llu",
                 f->n, f->value_name, f->time_name, (unsigned long long)f->draws, (unsigned long long)f->seed);
        label(b, 3, line, 0.50, "Sans,14", "#222222");
        snprintf(line, sizeof line, "fit file %s", h5);
        label(b, 4, line, 0.43, "Sans,11", GP_GREY);
        snprintf(line, sizeof line, "portee %s; report made %s", f->version ? f->version : "?", today);
    } else {
        label(b, 1, "portee: Monte Carlo forecast of social-media reach", 0.80, "Sans,14", GP_GREY);
        label(b, 2, r->scenario_name ? r->scenario_name : "(unnamed scenario)", 0.66, "Sans,26", "#000000");
        snprintf(line, sizeof line, "%llu replicates x %llu sweep point%s, seed %llu",
                 (unsigned long long)r->replicates, (unsigned long long)r->n_points,
                 r->n_points == 1 ? "" : "s", (unsigned long long)r->seed);
        label(b, 3, line, 0.50, "Sans,14", "#222222");
        snprintf(line, sizeof line, "results file %s, run %s on %s (%llu thread%s, %.2f s)", h5,
                 r->start_time ? r->start_time : "?", r->host ? r->host : "?",
                 (unsigned long long)r->threads, r->threads == 1 ? "" : "s", r->wall_time);
        label(b, 4, line, 0.43, "Sans,11", GP_GREY);
        snprintf(line, sizeof line, "portee %s; report made %s", r->version ? r->version : "?", today);
    }
    label(b, 5, line, 0.38, "Sans,11", GP_GREY);
    fputs("plot NaN notitle\n", b);
}

#define TABLE_LINES 31

/* The text `portee info` prints, one label per line. */
static int table_page(FILE *b, const portee_plot_source_t *src, const char *h5)
{
    char *text = NULL;
    size_t len;
    FILE *t = open_memstream(&text, &len);
    if (!t) return -1;
    if (src->is_reach) portee_reach_fit_print(t, &src->reach, PORTEE_FORMAT_TABLE);
    else if (src->is_fit) portee_fit_print(t, &src->fit, PORTEE_FORMAT_TABLE);
    else portee_report_print(t, src->results, PORTEE_FORMAT_TABLE);
    if (fclose(t) != 0) return -1;
    fputs("reset\nunset border\nunset tics\nunset key\nset xrange [0:1]\nset yrange [0:1]\n", b);
    fprintf(b, "set label 1 '%s' at screen 0.06, screen 0.94 font 'Sans,16'\n",
            src->is_fit ? "The fit and its forecast" : "Summary of every output");
    int n = 0;
    for (char *line = strtok(text, "\n"); line && n < TABLE_LINES; line = strtok(NULL, "\n"), n++) {
        fprintf(b, "set label %d ", n + 2);
        portee_gp_quote(b, line);
        fprintf(b, " at screen 0.05, screen %.4f font 'Monospace,12'\n", 0.88 - n * 0.027);
    }
    if (n == TABLE_LINES) {
        char note[600];
        snprintf(note, sizeof note, "(the first %d lines; all of it: portee info %s)", TABLE_LINES, h5);
        fprintf(b, "set label %d ", n + 2);
        portee_gp_quote(b, note);
        fprintf(b, " at screen 0.06, screen 0.03 font 'Sans,9'\n");
    }
    fputs("plot NaN notitle\n", b);
    free(text);
    return 0;
}

static void remove_dir(const char *dir)
{
    char path[4200];
    for (size_t s = 0; s < portee_n_chart_sets; s++)
        for (size_t i = 0; i < portee_chart_sets[s]->n; i++) {
            snprintf(path, sizeof path, "%s/%s.dat", dir, portee_chart_sets[s]->charts[i].name);
            unlink(path);
        }
    snprintf(path, sizeof path, "%s/report.gp", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/report.pdf", dir);
    unlink(path);
    rmdir(dir);
}

portee_status_t portee_report(const char *h5, const char *pdf, const char *gnuplot, int *pages, char **notes,
                              portee_error_t *err)
{
    *pages = 0;
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
    char dir[3900] = "";
    portee_plot_source_t src;
    FILE *b = NULL;
    portee_status_t st;
    bool keep_dir = false;
    if ((st = portee_plot_source_open(h5, &src, err))) goto done;
    char *made;
    if ((st = portee_temp_dir(pdf, &made, err))) goto done;
    snprintf(dir, sizeof dir, "%s", made);
    free(made);
    if ((st = portee_temp_sweep(pdf, dir, notes, err))) goto done;
    char script[4200];
    snprintf(script, sizeof script, "%s/report.gp", dir);
    if (!(b = fopen(script, "w"))) {
        st = portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", script, strerror(errno));
        goto done;
    }
    char head[4400];
    snprintf(head, sizeof head, "portee %s report of %s; render with: gnuplot report.gp", PORTEE_VERSION, h5);
    portee_gp_comment(b, head);
    fputs("set terminal pdfcairo size 29.7cm,21cm font 'Sans,11' linewidth 1.2 noenhanced\n"
          "set output 'report.pdf'\n", b);
    title_page(b, &src, h5);
    if (table_page(b, &src, h5)) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    *pages = 2;
    portee_chart_ctx_t c = portee_plot_source_ctx(&src, dir, NULL);
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!portee_plot_set_applies(set, &src)) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n; i++) {
            char *body;
            int made = portee_plot_chart_body(&set->charts[i], &c, &body);
            if (made < 0) {
                st = portee_fail(err, PORTEE_EIO, "%s: cannot write the %s chart's data", dir, set->charts[i].name);
                goto done;
            }
            if (made == 1) {
                fputs(body, b);
                free(body);
                ++*pages;
            }
        }
    }
    if (*pages == 2) { /* plot refuses such a file: a report of it would be empty */
        st = portee_plot_no_chart(h5, err);
        goto done;
    }
    if (ferror(b) | fclose(b)) {
        b = NULL;
        st = portee_fail(err, PORTEE_EIO, "%s: write error", script);
        goto done;
    }
    b = NULL;
    portee_plot_source_close_file(&src);
    portee_error_t gerr;
    if (portee_gp_check(gnuplot, PORTEE_GP_PDF, &gerr) || portee_gp_run(gnuplot, dir, "report.gp", NULL, &gerr)) {
        keep_dir = true;
        st = portee_fail(err, PORTEE_ERUNTIME, "%s; the report's script and data are in %s: render "
                                               "with `cd %s && gnuplot report.gp`",
                         gerr.msg, dir, dir);
        goto done;
    }
    char made_pdf[4200];
    snprintf(made_pdf, sizeof made_pdf, "%s/report.pdf", dir);
    if (portee_gp_check_image(made_pdf, PORTEE_GP_PDF, &gerr)) {
        st = portee_fail(err, PORTEE_EIO, "%s: not written: the PDF gnuplot made is cut short or damaged (disk "
                                          "full, or a file size limit?)",
                         pdf);
        goto done;
    }
    if (rename(made_pdf, pdf) != 0)
        st = portee_fail(err, PORTEE_EIO, "%s: cannot move the finished report into place: %s", pdf, strerror(errno));
done:
    if (b) fclose(b);
    if (!keep_dir && dir[0]) remove_dir(dir);
    portee_plot_source_close(&src);
    return st;
}
