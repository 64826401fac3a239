#include "sim/results/h5part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/results/h5common.h"
#include "sim/results/h5read.h"
#include "sim/engine/work.h"

void portee_part_close(portee_part_t *p)
{
    if (!p) return;
    portee_scenario_free(p->sc);
    free(p->path);
    free(p->start_time);
    free(p->done);
    free(p);
}

static char *read_scenario_text(hid_t f)
{
    if (H5Lexists(f, "scenario", H5P_DEFAULT) <= 0) return NULL;
    hid_t d = H5Dopen2(f, "scenario", H5P_DEFAULT);
    if (d < 0) return NULL;
    hid_t t = portee_h5_string_type(), sp = H5Dget_space(d), ft = H5Dget_type(d);
    char *s = NULL, *copy = NULL;
    if (H5Tget_class(ft) == H5T_STRING && H5Tis_variable_str(ft) > 0 &&
        H5Sget_simple_extent_npoints(sp) == 1 && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, &s) >= 0 && s) {
        copy = strdup(s);
        H5free_memory(s);
    }
    H5Tclose(ft);
    H5Sclose(sp);
    H5Tclose(t);
    H5Dclose(d);
    return copy;
}

/* Whether dataset PATH exists with exactly these dimensions. */
static bool shaped(hid_t file, const char *path, int rank, const hsize_t *want)
{
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) return false;
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t sp = d < 0 ? -1 : H5Dget_space(d);
    hsize_t dims[3];
    bool ok = sp >= 0 && H5Sget_simple_extent_ndims(sp) == rank && H5Sget_simple_extent_dims(sp, dims, NULL) >= 0 &&
              !memcmp(dims, want, (size_t)rank * sizeof *dims);
    if (sp >= 0) H5Sclose(sp);
    if (d >= 0) H5Dclose(d);
    return ok;
}

/* Every dataset the file's own /scenario makes, shaped as it makes it: what
 * merge would copy and --resume would keep.  One check for both, at open:
 * a damaged part is refused before any work, and never passes for
 * "complete, nothing to resume". */
static portee_status_t check_shapes(const portee_part_t *p, hid_t file, portee_error_t *err)
{
    const portee_scenario_t *sc = p->sc;
    const hsize_t P = sc->n_points, R = sc->replicates, B = sc->histogram_bins;
    char path[512];
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        const portee_model_t *m = sc->models[mi].model;
        size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
        portee_scenario_layout(sc, mi, length, offset);
#define NEED(rank, ...)                                                                           \
    do {                                                                                          \
        const hsize_t want_[] = {__VA_ARGS__};                                                    \
        if (!shaped(file, path, rank, want_))                                                     \
            return portee_fail(err, PORTEE_EINPUT,                                                \
                               "%s: /%s is missing or not shaped as the file's /scenario makes it " \
                               "(damaged, or edited)",                                            \
                               p->path, path);                                                    \
    } while (0)
        for (size_t o = 0; o < m->n_outputs; o++) {
            const char *name = m->outputs[o].name;
            const hsize_t L = length[o];
            const hsize_t K = sc->n_quantiles;
            if (K && (!portee_output_is_series(&m->outputs[o]) || L > 0)) {
                snprintf(path, sizeof path, "%s/quantiles/%s", m->name, name);
                if (portee_output_is_series(&m->outputs[o])) NEED(3, P, L, K);
                else NEED(2, P, K);
            }
            if (portee_output_is_series(&m->outputs[o])) {
                if (L == 0) continue;
                snprintf(path, sizeof path, "%s/series/%s", m->name, name);
                NEED(2, P, L);
                snprintf(path, sizeof path, "%s/replicates/%s", m->name, name);
                if (sc->keep_replicates) NEED(3, P, L, R);
                continue;
            }
            snprintf(path, sizeof path, "%s/summary/%s", m->name, name);
            NEED(1, P);
            snprintf(path, sizeof path, "%s/histogram/%s/edges", m->name, name);
            NEED(2, P, B + 1);
            snprintf(path, sizeof path, "%s/histogram/%s/counts", m->name, name);
            NEED(2, P, B);
            snprintf(path, sizeof path, "%s/replicates/%s", m->name, name);
            if (sc->keep_replicates) NEED(2, P, R);
        }
        for (size_t j = 0; j < m->n_params && sc->keep_replicates; j++) {
            if (sc->models[mi].params[j].kind == PORTEE_DIST_CONST) continue;
            snprintf(path, sizeof path, "%s/inputs/%s", m->name, m->params[j].name);
            NEED(2, P, R);
        }
#undef NEED
    }
    return PORTEE_OK;
}

/* /MODEL/done; a file of a portee before shards and resume has none, and
 * was only ever written complete. */
static portee_status_t read_done(portee_part_t *p, hid_t file, portee_error_t *err)
{
    const portee_scenario_t *sc = p->sc;
    const uint64_t P = sc->n_points;
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        unsigned char *row = p->done + mi * P;
        char path[96];
        snprintf(path, sizeof path, "%s/done", sc->models[mi].model->name);
        if (H5Lexists(file, sc->models[mi].model->name, H5P_DEFAULT) <= 0)
            return portee_fail(err, PORTEE_EINPUT, "%s: no /%s group", p->path, sc->models[mi].model->name);
        if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
            if (!p->complete) return portee_fail(err, PORTEE_EINPUT, "%s: no /%s table", p->path, path);
            memset(row, 1, P);
            continue;
        }
        hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
        hid_t sp = d < 0 ? -1 : H5Dget_space(d);
        bool ok = sp >= 0 && H5Sget_simple_extent_ndims(sp) == 1 &&
                  (uint64_t)H5Sget_simple_extent_npoints(sp) == P &&
                  H5Dread(d, H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, row) >= 0;
        if (sp >= 0) H5Sclose(sp);
        if (d >= 0) H5Dclose(d);
        if (!ok) return portee_fail(err, PORTEE_EINPUT, "%s: /%s is damaged", p->path, path);
        for (uint64_t i = 0; i < P; i++) row[i] = row[i] != 0;
    }
    uint64_t n = 0;
    for (uint64_t i = 0; i < P; i++) {
        bool all = true;
        for (size_t mi = 0; mi < sc->n_models && all; mi++) all = p->done[mi * P + i];
        n += all;
    }
    p->points_done = n;
    const uint64_t wanted = portee_shard_points(P, p->shard_index, p->shard_count);
    if (p->complete && n != wanted)
        return portee_fail(err, PORTEE_EINPUT, "%s: marked complete but holds %llu of the %llu points it "
                                               "should",
                           p->path, (unsigned long long)n, (unsigned long long)wanted);
    return PORTEE_OK;
}

portee_status_t portee_part_open(const char *path, const portee_registry_t *reg, portee_part_t **out,
                                 portee_error_t *err)
{
    *out = NULL;
    portee_results_t *r; /* the checks of `portee info` first: clear messages for foreign files */
    portee_status_t st = portee_results_read(path, reg, &r, err);
    if (st) return st;
    portee_part_t *p = calloc(1, sizeof *p);
    if (!p) {
        portee_results_free(r);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    p->threads = r->threads;
    p->ranks = r->ranks;
    p->wall_time = r->wall_time;
    p->start_time = r->start_time ? strdup(r->start_time) : NULL;
    p->complete = r->complete;
    p->shard_index = r->shard_index;
    p->shard_count = r->shard_count;
    char *source = r->scenario_source ? strdup(r->scenario_source) : strdup(path);
    portee_results_free(r);
    char *text = NULL;
    hid_t file = H5I_INVALID_HID;
    if (!(p->path = strdup(path)) || !source) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    if ((file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: HDF5 could not open it", path);
        goto done;
    }
    if (!(text = read_scenario_text(file))) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: no readable /scenario text", path);
        goto done;
    }
    if (strlen(text) > PORTEE_SCENARIO_MAX_BYTES) {
        st = portee_fail(err, PORTEE_EINPUT,
                         "%s: its /scenario text is %zu bytes, more than portee reads back "
                         "(%u MiB): damaged or edited",
                         path, strlen(text), PORTEE_SCENARIO_MAX_BYTES >> 20);
        goto done;
    }
    portee_error_t e2;
    /* loaded under its original source name, so it renders to the same text */
    if (portee_scenario_load_text(reg, source, text, strlen(text), NULL, 0, &p->sc, &e2)) {
        st = portee_fail(err, PORTEE_EINPUT, "%s: its /scenario does not load: %s", path, e2.msg);
        goto done;
    }
    free(p->sc->resolved); /* keep the stored text itself, byte for byte */
    p->sc->resolved = text;
    text = NULL;
    if (!(p->done = calloc(p->sc->n_models * p->sc->n_points, 1))) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        goto done;
    }
    if (!(st = read_done(p, file, err))) st = check_shapes(p, file, err);
done:
    if (file >= 0) H5Fclose(file);
    free(text);
    free(source);
    if (st) portee_part_close(p);
    else *out = p;
    return st;
}

/* The text after the first line when that line is the loader's comment. */
static const char *body(const char *s)
{
    if (strncmp(s, "# resolved by", 13) != 0) return s;
    const char *nl = strchr(s, '\n');
    return nl ? nl + 1 : s + strlen(s);
}

static bool line_value(const char *text, const char *key, char *out, size_t len)
{
    const size_t k = strlen(key);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (!strncmp(l, key, k) && l[k] == ':') {
            size_t n = strcspn(l + k + 1, "\n");
            snprintf(out, len, "%.*s", (int)n, l + k + 1);
            return true;
        }
    return false;
}

/* "# resolved by portee 0.1.0 from x.yaml" -> "0.1.0" (into v), or "" */
static void version_of(const char *text, char *v, size_t len)
{
    v[0] = '\0';
    if (strncmp(text, "# resolved by portee ", 21) == 0)
        snprintf(v, len, "%.*s", (int)strcspn(text + 21, " \n"), text + 21);
}

bool portee_part_same_run(const char *a, const char *b, char *why, size_t len)
{
    const char *x = body(a), *y = body(b);
    char va0[32], vb0[32];
    version_of(a, va0, sizeof va0);
    version_of(b, vb0, sizeof vb0);
    if (!va0[0] || !vb0[0]) {
        /* portee writes this line first: a file without it was edited or made by something else */
        snprintf(why, len, "the %s scenario text lacks the '# resolved by portee VERSION' line portee writes "
                           "(edited, or not written by portee)",
                 !va0[0] && !vb0[0] ? "files'" : !va0[0] ? "first file's" : "second file's");
        return false;
    }
    if (strcmp(va0, vb0)) {
        snprintf(why, len, "written by portee %s vs %s, whose numbers may differ", va0, vb0);
        return false;
    }
    if (!strcmp(x, y)) return true;
    char va[64], vb[64];
    static const char *const keys[] = {"seed", "replicates"};
    for (size_t i = 0; i < 2; i++)
        if (line_value(x, keys[i], va, sizeof va) && line_value(y, keys[i], vb, sizeof vb) &&
            strcmp(va, vb)) {
            snprintf(why, len, "%s%s vs%s", keys[i], va, vb);
            return false;
        }
    unsigned line = 2; /* the comment line was line 1 */
    while (*x && *y) {
        size_t nx = strcspn(x, "\n"), ny = strcspn(y, "\n");
        /* the name changes no number (a --set is written into it as typed:
         * 5000 or 5e3, in either order) */
        const bool names = !strncmp(x, "name:", 5) && !strncmp(y, "name:", 5);
        if (!names && (nx != ny || strncmp(x, y, nx))) {
            snprintf(why, len, "line %u of the resolved scenario: '%.*s' vs '%.*s'", line, (int)(nx < 120 ? nx : 120), x,
                     (int)(ny < 120 ? ny : 120), y);
            return false;
        }
        x += nx + (x[nx] == '\n');
        y += ny + (y[ny] == '\n');
        line++;
    }
    if (!*x && !*y) return true;
    snprintf(why, len, "line %u of the resolved scenario: one text ends before the other", line);
    return false;
}
