#include "sim/run/run.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <omp.h>

#include "sim/engine/engine.h"
#include "sim/run/job.h"
#include "sim/run/merge.h"
#include "sim/run/mpi.h"
#include "sim/run/size.h"

/* "scenarios/page.yaml" -> "page.h5", "-" -> "stdin.h5"; shard 3 of 8: "page-part-3.h5", so the
 * tasks of a job array never share a file */
static char *default_output(const portee_run_opts_t *o)
{
    if (o->output && o->shard_count) { /* a writer group's part of -o out.h5: out-part-3.h5 */
        const char *slash = strrchr(o->output, '/'), *dot = strrchr(o->output, '.');
        const size_t n = dot && (!slash || dot > slash + 1) ? (size_t)(dot - o->output) : strlen(o->output);
        char *out = malloc(n + 32);
        if (out) snprintf(out, n + 32, "%.*s-part-%llu.h5", (int)n, o->output, (unsigned long long)o->shard_index);
        return out;
    }
    const char *scenario = o->scenario;
    const char *base = scenario ? strrchr(scenario, '/') : NULL;
    base = base ? base + 1 : scenario ? scenario : "default";
    if (strcmp(base, "-") == 0) base = "stdin"; /* the scenario read from standard input */
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base) n = (size_t)(dot - base);
    char *out = malloc(n + 32);
    if (!out) return NULL;
    if (o->shard_count)
        snprintf(out, n + 32, "%.*s-part-%llu.h5", (int)n, base, (unsigned long long)o->shard_index);
    else
        snprintf(out, n + 32, "%.*s.h5", (int)n, base);
    return out;
}

void portee_run_result_free(portee_run_result_t *res)
{
    if (!res) return;
    free(res->output);
    free(res->kept);
    free(res->notes);
    free(res->merged);
    res->notes = res->merged = NULL;
    res->output = res->kept = NULL;
    portee_mpi_stop(&res->mpi);
}

/* The engine's per-point hook: the file's writer, then the caller's progress. */
typedef struct {
    void *writer;
    const portee_run_opts_t *opts;
    uint64_t done, total, replicates;
} progress_t;

static portee_status_t write_point(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    progress_t *p = ctx;
    const portee_status_t st = portee_h5w_point(p->writer, res, err);
    if (st) return st;
    p->done++;
    p->replicates += res->replicates;
    p->opts->on_progress(p->opts->ctx, p->done, p->total, p->replicates);
    return PORTEE_OK;
}

/* Rank 0, after the simulation: commit the file, or after a stop keep what
 * finished. */
static portee_status_t finish(portee_job_t *job, portee_status_t st, const portee_run_info_t *info,
                              volatile sig_atomic_t *stop, portee_run_result_t *res,
                              portee_error_t *err)
{
    /* a signal after the last point changes nothing: the run is complete */
    if (st == PORTEE_EINTR || (!st && *stop))
        st = portee_job_complete(job) ? PORTEE_OK : portee_fail(err, PORTEE_EINTR, "interrupted");
    if (st == PORTEE_EINTR) {
        st = portee_job_keep(job, info, "interrupted by a signal", &res->kept, &res->points_kept, err);
        if (st) return st;
        res->interrupted = true;
        res->output_exists = access(res->output, F_OK) == 0;
        return portee_fail(err, PORTEE_EINTR, "interrupted by a signal");
    }
    if (st && job->w && portee_h5w_out_of_space(job->w)) {
        /* the room reserved at the start closes the file with the points done */
        portee_error_t why = *err;
        const portee_status_t kst = portee_job_keep(job, info, why.msg, &res->kept, &res->points_kept, err);
        if (kst) return kst;
        *err = why;
        res->out_of_space = true;
        res->output_exists = access(res->output, F_OK) == 0;
        return st;
    }
    if (st) {
        portee_job_abort(job);
        return st;
    }
    return portee_job_commit(job, info, err);
}

/* --writers: the file the groups' parts are joined into (-o, or the
 * scenario's name with .h5; --shard is refused with --writers). */
static char *joined_output(const portee_run_opts_t *asked)
{
    return asked->output ? strdup(asked->output) : default_output(asked);
}

/* --writers, on every rank once its group's rank 0 has read the scenario:
 * the first group's rank 0 checks the file the parts will be joined into
 * (job.h), and every rank takes its outcome, said by that rank alone; so a
 * file refused stops every group before it runs, and --resume of a file
 * already joined (*whole_done) leaves every group nothing to do. */
static portee_status_t check_joined(const portee_run_opts_t *asked, const portee_mpi_t *mpi,
                                    const portee_scenario_t *sc, portee_status_t st, bool *whole_done,
                                    portee_run_result_t *res, portee_error_t *err)
{
    const bool first = mpi->group == 0 && mpi->rank == 0;
    int v[2] = {st, 0}; /* the first's status, and whether the file is whole */
    if (first && !st) {
        char *joined = joined_output(asked);
        bool complete = false;
        v[0] = joined ? portee_job_check_joined(joined, sc, asked->resume, asked->force, &complete, err)
                      : portee_fail(err, PORTEE_ENOMEM, "out of memory");
        v[1] = complete;
        if (complete) { /* said of the file asked for, not of a part */
            free(res->output);
            res->output = joined;
            joined = NULL;
        }
        free(joined);
    }
    portee_mpi_from_first(mpi, v, 2);
    *whole_done = v[0] == PORTEE_OK && v[1];
    if (first) return (portee_status_t)v[0];
    if (v[0] || *whole_done) res->told_by_first = true;
    return v[0] ? (portee_status_t)v[0] : st;
}

/* --writers: every group's part, once all have finished, joined by the
 * first group's rank 0 into the file asked for, and then removed.  A group
 * that failed or stopped leaves every part as it is (its writer says why),
 * to be finished with --resume. */
static portee_status_t join_parts(const portee_run_opts_t *asked, const portee_mpi_t *mpi, portee_status_t st,
                                  bool whole_done, portee_run_result_t *res, portee_error_t *err)
{
    const int failed = portee_mpi_groups_failed(mpi, st != PORTEE_OK && !res->told_by_first);
    if (mpi->group != 0 || mpi->rank != 0 || whole_done) return st;
    res->groups_unfinished = failed;
    if (st && failed > 1) {
        if (res->failure_told) { /* its own was told already: now the count */
            res->failure_told = false;
            return portee_fail(err, st, "%d of the %d writer groups did not finish (each said why): the parts "
                                        "are kept, not joined; run the same command with --resume to finish them",
                               failed, mpi->groups);
        }
        const size_t used = strlen(err->msg); /* its own failure first, then the others' */
        snprintf(err->msg + used, sizeof err->msg - used, " (and %d more of the %d writer groups did not finish)",
                 failed - 1, mpi->groups);
    }
    if (st) return st;
    if (failed)
        return portee_fail(err, PORTEE_ERUNTIME,
                           "%d of the %d writer groups did not finish (each says why): the parts are kept, "
                           "not joined; run the same command with --resume to finish them",
                           failed, mpi->groups);
    const int K = mpi->groups;
    portee_run_opts_t part = *asked; /* each group's, named as it named it */
    part.shard_count = (uint64_t)K;
    char *out = joined_output(asked);
    char **parts = calloc((size_t)K, sizeof *parts);
    for (int g = 0; g < K && parts; g++) {
        part.shard_index = (uint64_t)g;
        if (!(parts[g] = default_output(&part))) st = PORTEE_ENOMEM;
    }
    if (!out || !parts || st) {
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    } else {
        portee_merge_info_t info;
        portee_error_t why;
        if ((st = portee_merge_parts((const char *const *)parts, (size_t)K, out, asked->registry, &info, &why)))
            portee_fail(err, st, "joining the writer groups' parts into %s: %s (the parts are kept: portee "
                                 "merge joins them)", out, why.msg);
    }
    for (int g = 0; g < K && parts; g++) {
        if (!st) unlink(parts[g]); /* joined: the file asked for holds them */
        free(parts[g]);
    }
    free(parts);
    if (!st) {
        res->merged = out;
        res->parts_merged = K;
    } else {
        free(out);
    }
    return st;
}

portee_status_t portee_run(const portee_run_opts_t *o, portee_run_result_t *res, portee_error_t *err)
{
    *res = (portee_run_result_t){.ranks = 1, .mpi = {.size = 1, .groups = 1}};
    volatile sig_atomic_t never = 0;
    volatile sig_atomic_t *stop = o->stop ? o->stop : &never;
    portee_scenario_t *sc = NULL;
    portee_job_t job = {0};
    bool whole_done = false; /* --writers --resume: the file asked for is complete */
    portee_mpi_t *mpi = &res->mpi;
    portee_status_t st = portee_mpi_grouped(o->writers) && o->shard_count
                             ? portee_fail(err, PORTEE_EINPUT, "--writers and --shard do not go together: "
                                                               "the writer groups are the shards")
                             : portee_mpi_start(mpi, o->writers, err);
    res->rank = mpi->rank; /* before any failure: rank 0 alone reports it */
    /* a writer group runs the shard (group, groups) */
    const portee_run_opts_t *asked = o;
    portee_run_opts_t eff = *o;
    if (mpi->groups > 1) {
        eff.shard_index = (uint64_t)mpi->group;
        eff.shard_count = (uint64_t)mpi->groups;
    }
    o = &eff;
    res->shard_index = o->shard_index;
    res->shard_count = o->shard_count;
    const portee_status_t started = st; /* a failure to start is the same on every rank */
    if (!(res->output = o->output && !(mpi->groups > 1) ? strdup(o->output) : default_output(o)))
        st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    /* with writer groups a rank out of memory still takes its part in their collectives */
    if (started || (st && mpi->groups <= 1)) goto done;
    const portee_job_opts_t jo = {.output = res->output, .resume = o->resume, .force = o->force,
                                  .shard_index = o->shard_index, .shard_count = o->shard_count};
    res->rank = mpi->rank;
    res->ranks = mpi->size;
    /* rank 0 alone reads the scenario and the output; the others get its outcome */
    if (mpi->rank == 0) {
        if (!st) st = portee_scenario_load(o->registry, o->scenario, o->sets, o->n_sets, &sc, err);
        /* the scenario's warnings once, not once per writer group */
        if (!st && o->on_loaded) o->on_loaded(o->ctx, sc, mpi->group == 0);
        if (!st) {
            portee_run_size(sc, o->threads, res->output, &res->size);
            /* a resume had room before; --resume of a file not there yet starts afresh
             * (with writer groups: unless the parts were joined already) */
            bool fresh = !o->resume || access(res->output, F_OK) != 0;
            if (fresh && o->resume && mpi->groups > 1) {
                char *joined = joined_output(asked);
                fresh = !joined || access(joined, F_OK) != 0;
                free(joined);
            }
            if (fresh) st = portee_run_size_check(sc, &res->size, err);
        }
    }
    if (mpi->groups > 1) st = check_joined(asked, mpi, sc, st, &whole_done, res, err);
    if (mpi->rank == 0) {
        if (!st && whole_done) job.nothing_to_do = true;
        else if (!st) st = portee_job_open(&job, sc, &jo, err);
        const char *notes = job.w ? portee_h5w_notes(job.w) : NULL;
        if (notes && !(res->notes = strdup(notes))) st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
        if (!st && !job.nothing_to_do) st = portee_job_resume(&job, err);
    }
    bool nothing = job.nothing_to_do;
    if (mpi->size > 1) st = portee_mpi_share(mpi, o->registry, st, &sc, &nothing, err);
    res->nothing_to_do = nothing;
    if (st || nothing) goto done;

    const int threads = res->threads = portee_engine_threads(o->threads);
    res->points = sc->n_points;
    res->points_wanted = portee_shard_points(sc->n_points, o->shard_index, o->shard_count);
    res->replicates = sc->replicates;
    res->resuming = job.resuming;
    res->points_resumed = job.points_resumed;
    res->runs_to_go = job.work.remaining;
    time_t now = time(NULL);
    char start[32];
    struct tm tm;
    strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    const double t0 = omp_get_wtime();
    if (mpi->rank == 0 && o->on_start) o->on_start(o->ctx, res);
    progress_t progress = {.writer = job.w, .opts = o, .total = res->runs_to_go};
    portee_engine_opts_t eo = {.threads = threads, .on_point = portee_h5w_point, .ctx = job.w,
                               .stop = stop, .next_batch = portee_work_next, .batch_ctx = &job.work};
    if (o->on_progress) {
        eo.on_point = write_point;
        eo.ctx = &progress;
    }
    if (mpi->size > 1)
        st = portee_mpi_run(mpi, sc, mpi->rank == 0 ? &job : NULL, threads, stop, err);
    else
        st = *stop ? portee_fail(err, PORTEE_EINTR, "interrupted") : portee_engine_run(sc, &eo, err);
    if (mpi->rank != 0) goto done; /* rank 0 reports for every rank */
    res->wall_time = omp_get_wtime() - t0;
    const portee_run_info_t info = {.threads = threads, .ranks = mpi->size, .wall_time = res->wall_time,
                                    .start_time = start};
    st = finish(&job, st, &info, stop, res, err);
done:
    portee_job_abort(&job);
    portee_scenario_free(sc);
    if (mpi->groups > 1 && mpi->rank == 0 && st && !res->told_by_first && !res->interrupted && !res->out_of_space &&
        asked->on_group_failed) {
        asked->on_group_failed(asked->ctx, err);
        res->failure_told = true;
    }
    if (mpi->groups > 1) st = join_parts(asked, mpi, st, whole_done, res, err);
    return st;
}
