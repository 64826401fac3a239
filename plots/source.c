/* source.c — a file to chart (results or fit) opened once for plot and
 * report alike (source.h). */
#include "plots/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/registry.h"
#include "sim/fit/fit_io.h"
#include "sim/results/h5read.h"

/* A path gnuplot could mistake for a command, or that would break a line. */
bool portee_plot_unsafe_path(const char *p) { return p[0] == '<' || strpbrk(p, "\n\r") != NULL; }

portee_status_t portee_plot_make_dir(const char *dir, portee_error_t *err)
{
    if (portee_plot_unsafe_path(dir))
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
int portee_plot_chart_body(const portee_chart_t *ch, portee_chart_ctx_t *c, char **body)
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



portee_status_t portee_plot_source_open(const char *h5, portee_plot_source_t *s, portee_error_t *err)
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
void portee_plot_source_close_file(portee_plot_source_t *s)
{
    portee_h5file_close(s->file);
    s->file = NULL;
}

void portee_plot_source_close(portee_plot_source_t *s)
{
    portee_plot_source_close_file(s);
    portee_results_free(s->results);
    portee_fit_free(&s->fit);
    portee_reach_fit_free(&s->reach);
}

/* LANG ("en", "fr"; already checked) or the run's output.language */
portee_chart_ctx_t portee_plot_source_ctx(portee_plot_source_t *s, const char *dir, const char *lang)
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
bool portee_plot_set_applies(const portee_chart_set_t *set, const portee_plot_source_t *s)
{
    if (!set->model) return s->is_fit;
    for (size_t m = 0; !s->is_fit && m < s->results->n_models; m++)
        if (!strcmp(s->results->models[m].name, set->model->name)) return true;
    return false;
}

/* One refusal for plot and report alike. */
portee_status_t portee_plot_no_chart(const char *h5, portee_error_t *err)
{
    return portee_fail(err, PORTEE_EINPUT, "%s: no chart can be drawn from this file (no model results in it)", h5);
}
