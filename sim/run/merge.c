/* merge.c — parts of one run joined into one file (see merge.h). */
#include "sim/run/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/results/h5part.h"
#include "sim/results/h5write.h"

typedef struct {
    portee_part_t **parts;
    size_t n;
    size_t *owner; /* [models][points]: index of the part holding each pair, or SIZE_MAX */
} merge_t;

static void merge_free(merge_t *m)
{
    for (size_t i = 0; i < m->n; i++) portee_part_close(m->parts[i]);
    free(m->parts);
    free(m->owner);
}

static void point_values(char *buf, size_t len, const portee_scenario_t *sc, uint64_t p)
{
    double v[PORTEE_MAX_AXES];
    portee_scenario_point_values(sc, p, v);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t a = 0; a < sc->n_axes && used < len; a++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s = %g", a ? ", " : " (", sc->axes[a].path, v[a]);
    if (sc->n_axes && used < len) snprintf(buf + used, len - used, ")");
}

/* Every part from one run; every pair in exactly one part. */
static portee_status_t check_parts(merge_t *m, portee_error_t *err)
{
    const portee_part_t *first = m->parts[0];
    const portee_scenario_t *sc = first->sc;
    for (size_t i = 1; i < m->n; i++) {
        char why[512];
        if (!portee_part_same_run(first->sc->resolved, m->parts[i]->sc->resolved, why, sizeof why))
            return portee_fail(err, PORTEE_EINPUT, "%s and %s are not parts of the same run: %s",
                               first->path, m->parts[i]->path, why);
    }
    const uint64_t P = sc->n_points;
    const size_t pairs = sc->n_models * P;
    if (!(m->owner = malloc(pairs * sizeof *m->owner))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    for (size_t k = 0; k < pairs; k++) m->owner[k] = SIZE_MAX;
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < pairs; k++) {
            if (!m->parts[i]->done[k]) continue;
            if (m->owner[k] != SIZE_MAX) {
                char where[512];
                point_values(where, sizeof where, sc, k % P);
                return portee_fail(err, PORTEE_EINPUT,
                                   "sweep point %llu%s of model %s is in both %s and %s: a part given "
                                   "twice, or shards of different counts",
                                   (unsigned long long)(k % P), where, sc->models[k / P].model->name,
                                   m->parts[m->owner[k]]->path, m->parts[i]->path);
            }
            m->owner[k] = i;
        }
    uint64_t missing = 0, first_missing = 0;
    for (size_t k = 0; k < pairs; k++)
        if (m->owner[k] == SIZE_MAX && missing++ == 0) first_missing = k % P;
    if (!missing) return PORTEE_OK;
    /* name what the user can act on: a shard never run, or one interrupted */
    char hint[600] = "";
    for (size_t i = 0; i < m->n && !hint[0]; i++)
        if (!m->parts[i]->complete)
            snprintf(hint, sizeof hint, "; %s is incomplete (interrupted): finish it with the same portee run "
                                        "command and --resume",
                     m->parts[i]->path);
    const uint64_t count = first->shard_count;
    bool shards = count > 0;
    for (size_t i = 0; i < m->n; i++) shards = shards && m->parts[i]->shard_count == count;
    if (!hint[0] && shards) {
        size_t used = (size_t)snprintf(hint, sizeof hint, "; missing shard%s", "");
        unsigned char *have = calloc(count, 1);
        if (!have) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
        for (size_t i = 0; i < m->n; i++) have[m->parts[i]->shard_index] = 1;
        int listed = 0;
        for (uint64_t s = 0; s < count && used < sizeof hint; s++)
            if (!have[s] && listed++ < 8)
                used += (size_t)snprintf(hint + used, sizeof hint - used, " %llu/%llu", (unsigned long long)s,
                                         (unsigned long long)count);
        free(have);
        if (listed > 8 && used < sizeof hint) snprintf(hint + used, sizeof hint - used, " and %d more", listed - 8);
        if (!listed) hint[0] = '\0';
    }
    char where[512];
    point_values(where, sizeof where, sc, first_missing);
    return portee_fail(err, PORTEE_EINPUT,
                       "the parts do not cover the sweep: %llu (model, point) result%s missing, the first "
                       "at sweep point %llu%s%s",
                       (unsigned long long)missing, missing == 1 ? " is" : "s are",
                       (unsigned long long)first_missing, where, hint);
}

static portee_status_t write_merged(merge_t *m, const char *out, portee_error_t *err)
{
    const portee_scenario_t *sc = m->parts[0]->sc;
    portee_h5w_t *w;
    portee_status_t st = portee_h5w_open(out, sc, &w, err);
    if (st) return st;
    portee_run_info_t info = {.parts = (int)m->n};
    const char *start = NULL;
    for (size_t i = 0; i < m->n && !st; i++) {
        const portee_part_t *p = m->parts[i];
        st = portee_h5w_copy(w, p, p->done, err);
        if ((int)p->threads > info.threads) info.threads = (int)p->threads;
        if ((int)p->ranks > info.ranks) info.ranks = (int)p->ranks;
        info.wall_time += p->wall_time; /* the compute time of all parts */
        if (p->start_time && (!start || strcmp(p->start_time, start) < 0)) start = p->start_time;
    }
    info.start_time = start ? start : "";
    if (st) {
        portee_h5w_abort(w);
        return st;
    }
    return portee_h5w_commit(w, &info, NULL, err);
}

portee_status_t portee_merge_parts(const char *const *paths, size_t n, const char *out,
                                   const portee_registry_t *reg, portee_merge_info_t *info,
                                   portee_error_t *err)
{
    merge_t m = {0};
    if (!n) return portee_fail(err, PORTEE_EINPUT, "no parts to merge");
    if (!(m.parts = calloc(n, sizeof *m.parts))) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    portee_status_t st = PORTEE_OK;
    for (size_t i = 0; i < n && !st; i++)
        if (!(st = portee_part_open(paths[i], reg, &m.parts[m.n], err))) m.n++;
    if (!st) st = check_parts(&m, err);
    if (!st) st = write_merged(&m, out, err);
    if (!st && info)
        *info = (portee_merge_info_t){.parts = m.n, .points = m.parts[0]->sc->n_points,
                                      .replicates = m.parts[0]->sc->replicates};
    merge_free(&m);
    return st;
}
