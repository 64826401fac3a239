#include "plots/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "models/registry.h"
#include "sim/base/tempfile.h"
#include "plots/charts.h"
#include "sim/fit/fit_io.h"
#include "sim/results/h5read.h"
#include "sim/results/report.h"

/* A path gnuplot could mistake for a command, or that would break a line. */
static bool unsafe_path(const char *p) { return p[0] == '<' || strpbrk(p, "\n\r") != NULL; }

static portee_status_t make_dir(const char *dir, portee_error_t *err)
{
    if (unsafe_path(dir))
        return portee_fail(err, PORTEE_EINPUT, "%s: a folder name may not start with '<' or hold a line break", dir);
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) return portee_fail(err, PORTEE_EINPUT, "%s: exists and is not a folder", dir);
        return PORTEE_OK;
    }
    if (mkdir(dir, 0777) != 0)
        return portee_fail(err, PORTEE_EINPUT, "%s: cannot create the folder: %s", dir, strerror(errno));
    return PORTEE_OK;
}

/* One chart's body into a memory buffer; 1 made, 0 not supported, -1 error. */
static int chart_body(const portee_chart_t *ch, portee_chart_ctx_t *c, char **body)
{
    size_t len;
    FILE *f = open_memstream(body, &len);
    if (!f) return -1;
    c->body = f;
    int made = ch->make(c, ch);
    if (fclose(f) != 0) made = -1;
    if (made != 1) {
        free(*body);
        *body = NULL;
    }
    return made;
}

/* A results file (results and file set) or a fit file (fit read, or reach
 * for a file of portee fit reach). */
typedef struct {
    portee_results_t *results;
    portee_h5file_t *file;
    portee_fit_t fit;
    portee_reach_fit_t reach;
    bool is_fit, is_reach;
} source_t;

static portee_status_t source_open(const char *h5, source_t *s, portee_error_t *err)
{
    memset(s, 0, sizeof *s);
    if ((s->is_reach = s->is_fit = portee_reach_fit_file_is(h5))) return portee_reach_fit_read(h5, &s->reach, err);
    if ((s->is_fit = portee_fit_file_is(h5))) return portee_fit_read(h5, &s->fit, err);
    portee_status_t st = portee_results_read(h5, &portee_registry, &s->results, err);
    if (st) return st;
    /* charts of part of a sweep would pass for the whole of it */
    const portee_results_t *r = s->results;
    if (r->shard_count)
        return portee_fail(err, PORTEE_EINPUT, "%s: shard %llu/%llu of a sweep: join the parts with "
                                               "portee merge, then chart the merged file",
                           h5, (unsigned long long)r->shard_index, (unsigned long long)r->shard_count);
    if (!r->complete)
        return portee_fail(err, PORTEE_EINPUT, "%s: incomplete (%llu of %llu points; the run was "
                                               "interrupted): finish it with the same portee run command "
                                               "and --resume, then chart it",
                           h5, (unsigned long long)r->points_done, (unsigned long long)r->n_points);
    return portee_h5file_open(h5, &s->file, err);
}

/* The HDF5 file alone: gnuplot must not inherit it. */
static void source_close_file(source_t *s)
{
    portee_h5file_close(s->file);
    s->file = NULL;
}

static void source_close(source_t *s)
{
    source_close_file(s);
    portee_results_free(s->results);
    portee_fit_free(&s->fit);
    portee_reach_fit_free(&s->reach);
}

/* LANG ("en", "fr"; already checked) or the run's output.language */
static portee_chart_ctx_t source_ctx(source_t *s, const char *dir, const char *lang)
{
    portee_lang_t l = s->results ? s->results->language : PORTEE_LANG_EN;
    if (lang) portee_lang_parse(lang, &l);
    return (portee_chart_ctx_t){.file = s->file,
                                .lang = l,
                                .currency = s->results ? s->results->currency : "USD",
                                .results = s->results,
                                .fit = s->is_fit && !s->is_reach ? &s->fit : NULL,
                                .reach_fit = s->is_reach ? &s->reach : NULL,
                                .dir = dir};
}

/* Whether a chart set is for this file: the fit's for a fit file, a model's
 * when the results hold that model. */
static bool set_applies(const portee_chart_set_t *set, const source_t *s)
{
    if (!set->model) return s->is_fit;
    for (size_t m = 0; !s->is_fit && m < s->results->n_models; m++)
        if (!strcmp(s->results->models[m].name, set->model->name)) return true;
    return false;
}

/* One refusal for plot and report alike. */
static portee_status_t no_chart(const char *h5, portee_error_t *err)
{
    return portee_fail(err, PORTEE_EINPUT, "%s: no chart can be drawn from this file (no model results in it)", h5);
}

/* One chart rendered under a temporary name, checked whole, then renamed
 * over the image: a full disk never leaves a cut image under the final
 * name, nor replaces a good one. */
static portee_status_t render(const portee_plot_opts_t *o, const char *name, const char *script, portee_error_t *err)
{
    const char *ext = portee_gp_ext(o->format);
    char tmp[300], tmp_path[4400], image[4400];
    snprintf(tmp, sizeof tmp, "%s.%s.tmp-%ld", name, ext, (long)getpid());
    snprintf(tmp_path, sizeof tmp_path, "%s/%s", o->dir, tmp);
    snprintf(image, sizeof image, "%s/%s.%s", o->dir, name, ext);
    portee_status_t st = portee_gp_run(o->gnuplot, o->dir, script, tmp, err);
    portee_error_t why;
    if (!st && portee_gp_check_image(tmp_path, o->format, &why))
        st = portee_fail(err, PORTEE_EIO, "%s: not replaced: the image gnuplot wrote is cut short or damaged (disk "
                                          "full, or a file size limit?)",
                         image);
    if (!st && rename(tmp_path, image) != 0)
        st = portee_fail(err, PORTEE_EIO, "%s: cannot move the chart into place: %s", image, strerror(errno));
    if (st) unlink(tmp_path);
    return st;
}

portee_status_t portee_plot(const char *h5, const portee_plot_opts_t *o, portee_plot_written_fn cb,
                            void *ctx, portee_error_t *err)
{
    source_t src;
    portee_status_t st;
    if ((st = source_open(h5, &src, err)) || (st = make_dir(o->dir, err))) goto done;
    portee_chart_ctx_t c = source_ctx(&src, o->dir, o->lang);
    const char *ext = portee_gp_ext(o->format);
    const portee_chart_t *scripts[64]; /* more than there are charts */
    size_t n_scripts = 0;
    for (size_t s = 0; s < portee_n_chart_sets && !st; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!set_applies(set, &src)) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n && n_scripts < sizeof scripts / sizeof *scripts && !st; i++) {
            const portee_chart_t *ch = &set->charts[i];
            char *body;
            int made = chart_body(ch, &c, &body);
            if (made < 0) st = portee_fail(err, PORTEE_EIO, "%s: cannot write the %s chart's files", o->dir, ch->name);
            if (made != 1) continue;
            char path[4096], image[256];
            snprintf(path, sizeof path, "%s/%s.gp", o->dir, ch->name);
            snprintf(image, sizeof image, "%s.%s", ch->name, ext);
            FILE *gp = fopen(path, "w");
            if (!gp) {
                free(body);
                st = portee_fail(err, PORTEE_EIO, "%s: cannot write: %s", path, strerror(errno));
                break;
            }
            char head[4400];
            snprintf(head, sizeof head, "%s; written by portee %s from %s; render with: gnuplot %s.gp", ch->what,
                     PORTEE_VERSION, h5, ch->name);
            portee_gp_comment(gp, head);
            portee_gp_terminal(gp, o->format, image);
            fputs(body, gp);
            free(body);
            if (ferror(gp) | fclose(gp)) {
                st = portee_fail(err, PORTEE_EIO, "%s: write error", path);
                break;
            }
            scripts[n_scripts++] = ch;
        }
    }
    source_close_file(&src);
    if (st) goto done;
    if (n_scripts == 0) {
        st = no_chart(h5, err);
        goto done;
    }
    portee_error_t gerr;
    if (portee_gp_check(o->gnuplot, o->format, &gerr)) {
        st = portee_fail(err, PORTEE_ERUNTIME, "%s; the scripts are written: render them with "
                                               "`cd %s && for f in *.gp; do gnuplot \"$f\"; done`",
                         gerr.msg, o->dir);
        goto done;
    }
    for (size_t i = 0; i < n_scripts && !st; i++) {
        char script[256];
        snprintf(script, sizeof script, "%s.gp", scripts[i]->name);
        if ((st = render(o, scripts[i]->name, script, err))) break;
        if (cb) {
            char image[4096];
            snprintf(image, sizeof image, "%s/%s.%s", o->dir, scripts[i]->name, ext);
            cb(ctx, image, scripts[i]->what);
        }
    }
done:
    source_close(&src);
    return st;
}

/* ---- the report: title page, summary table, every chart, one PDF ---- */

static void label(FILE *b, int id, const char *text, double y, const char *font, const char *colour)
{
    fprintf(b, "set label %d ", id);
    portee_gp_quote(b, text);
    fprintf(b, " at screen 0.5, screen %.3f center font '%s' tc rgb '%s'\n", y, font, colour);
}

static void title_page(FILE *b, const source_t *src, const char *h5)
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
static int table_page(FILE *b, const source_t *src, const char *h5)
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
    if (unsafe_path(pdf))
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
    source_t src;
    FILE *b = NULL;
    portee_status_t st;
    bool keep_dir = false;
    if ((st = source_open(h5, &src, err))) goto done;
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
    portee_chart_ctx_t c = source_ctx(&src, dir, NULL);
    for (size_t s = 0; s < portee_n_chart_sets; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!set_applies(set, &src)) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n; i++) {
            char *body;
            int made = chart_body(&set->charts[i], &c, &body);
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
        st = no_chart(h5, err);
        goto done;
    }
    if (ferror(b) | fclose(b)) {
        b = NULL;
        st = portee_fail(err, PORTEE_EIO, "%s: write error", script);
        goto done;
    }
    b = NULL;
    source_close_file(&src);
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
    source_close(&src);
    return st;
}
