/* cmd_merge.c — `portee merge`: the parts of one run (job-array shards,
 * or any files whose points together cover the sweep once) joined into the
 * file a single run writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "sim/cli/cli.h"
#include "sim/results/h5part.h"
#include "sim/results/h5read.h"
#include "sim/results/h5write.h"
#include "sim/results/report.h"
#include "sim/base/signals.h"
#include "sim/base/textutil.h"

#define MAX_PARTS 100000

static const char help[] =
    "usage: portee merge PART.h5... -o OUT.h5 [-q]\n"
    "\n"
    "Joins the parts of one run into OUT.h5, the same file a single run of the sweep\n"
    "writes (its datasets are identical; h5diff --exclude-attribute / shows it).  Parts\n"
    "are usually the shards of a job array, `portee run SWEEP --shard I/N -o part-I.h5`\n"
    "for I = 0 .. N-1, but any portee results files work when together they hold every\n"
    "(model, sweep point) exactly once.\n"
    "\n"
    "Checked before anything is written, each a clear error with exit status 2:\n"
    "  - every part comes from the same scenario, seed and replicates;\n"
    "  - no point is in two parts (a part given twice, or overlapping shards);\n"
    "  - no point is missing (a shard not run, or interrupted: finish it with the same\n"
    "    portee run command and --resume).\n"
    "\n"
    "  -o, --output FILE   the merged file (required); written under a temporary name\n"
    "                      and renamed when complete; it may not be one of the parts\n"
    "  -q, --quiet         do not print the summary table\n"
    "\n"
    "example: portee merge part-*.h5 -o sweep.h5\n";

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
    portee_signals_temp(portee_h5w_temp_path(w));
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
        portee_signals_temp(NULL);
        return st;
    }
    st = portee_h5w_commit(w, &info, NULL, err);
    portee_signals_temp(NULL);
    return st;
}

int portee_cmd_merge(int argc, char **argv)
{
    const char *out = NULL;
    bool quiet = false;
    merge_t m = {0};
    if (!(m.parts = calloc((size_t)argc + 1, sizeof *m.parts))) {
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n_paths = 0;
    int rc = 0;
    if (!paths) {
        free(m.parts);
        fputs("portee: error: out of memory\n", stderr);
        return 1;
    }
    for (int i = 1; i < argc && !rc; i++) {
        bool missing = false;
        const char *v;
        if (portee_cli_is_help(argv[i])) {
            fputs(help, stdout);
            rc = -1;
        } else if (portee_cli_option(argc, argv, &i, "--output", "-o", &v, &missing)) {
            if (missing) rc = portee_cli_usage("merge", "option '%s' needs a value", argv[i]);
            out = v;
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            quiet = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = portee_cli_usage("merge", "unknown option '%s'", argv[i]);
        } else {
            paths[n_paths++] = argv[i];
        }
    }
    if (!rc && !n_paths) rc = portee_cli_usage("merge", "which parts? e.g. portee merge part-*.h5 -o sweep.h5");
    if (!rc && !out) rc = portee_cli_usage("merge", "where to? add -o OUT.h5");
    if (!rc && n_paths > MAX_PARTS) rc = portee_cli_usage("merge", "at most %d parts", MAX_PARTS);
    for (size_t i = 0; i < n_paths && !rc; i++) {
        if (portee_same_file(out, paths[i]))
            rc = portee_cli_usage("merge", "-o %s is one of the parts (%s): choose another file", out, paths[i]);
        for (size_t j = 0; j < i && !rc; j++)
            if (portee_same_file(paths[i], paths[j]))
                rc = portee_cli_usage("merge", "%s is given twice (as %s too)", paths[i], paths[j]);
    }
    portee_error_t err;
    portee_signals_catch(true);
    for (size_t i = 0; i < n_paths && !rc; i++) {
        if (portee_part_open(paths[i], &portee_registry, &m.parts[m.n], &err)) rc = portee_cli_error(&err);
        else m.n++;
    }
    if (!rc && (check_parts(&m, &err) || write_merged(&m, out, &err))) rc = portee_cli_error(&err);
    if (!rc) {
        const portee_scenario_t *sc = m.parts[0]->sc;
        fprintf(stderr, "portee: merged %zu part%s (%llu point%s x %llu replicates) into %s\n", m.n,
                m.n == 1 ? "" : "s", (unsigned long long)sc->n_points, sc->n_points == 1 ? "" : "s",
                (unsigned long long)sc->replicates, out);
    }
    merge_free(&m);
    free(paths);
    if (!rc && !quiet) {
        portee_results_t *r;
        if (portee_results_read(out, &portee_registry, &r, &err)) return portee_cli_error(&err);
        portee_report_print(stdout, r, PORTEE_FORMAT_TABLE);
        portee_results_free(r);
    }
    return rc < 0 ? 0 : rc;
}
