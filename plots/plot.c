/* plot.c — every chart a file supports, as scripts, data and images (plot.h). */
#include "plots/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plots/charts.h"
#include "plots/source.h"

portee_status_t portee_plot_render(const portee_plot_opts_t *o, const char *name, portee_error_t *err)
{
    const char *ext = portee_gp_ext(o->format);
    char script[300], tmp[300], tmp_path[4400], image[4400];
    snprintf(script, sizeof script, "%s.gp", name);
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
    portee_plot_source_t src;
    portee_status_t st;
    if ((st = portee_plot_source_open(h5, &src, err)) || (st = portee_plot_make_dir(o->dir, err))) goto done;
    portee_chart_ctx_t c = portee_plot_source_ctx(&src, o->dir, o->lang);
    const char *ext = portee_gp_ext(o->format);
    const portee_chart_t *scripts[64]; /* more than there are charts */
    size_t n_scripts = 0;
    for (size_t s = 0; s < portee_n_chart_sets && !st; s++) {
        const portee_chart_set_t *set = portee_chart_sets[s];
        if (!portee_plot_set_applies(set, &src)) continue;
        c.model = set->model;
        for (size_t i = 0; i < set->n && n_scripts < sizeof scripts / sizeof *scripts && !st; i++) {
            const portee_chart_t *ch = &set->charts[i];
            char *body;
            int made = portee_plot_chart_body(ch, &c, &body);
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
    portee_plot_source_close_file(&src);
    if (st) goto done;
    if (n_scripts == 0) {
        st = portee_plot_no_chart(h5, err);
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
        if ((st = portee_plot_render(o, scripts[i]->name, err))) break;
        if (cb) {
            char image[4096];
            snprintf(image, sizeof image, "%s/%s.%s", o->dir, scripts[i]->name, ext);
            cb(ctx, image, scripts[i]->what);
        }
    }
done:
    portee_plot_source_close(&src);
    return st;
}
