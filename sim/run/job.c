#include "sim/run/job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/results/h5common.h"
#include "sim/results/h5part.h"

static void job_release(portee_job_t *job)
{
    portee_work_free(&job->work);
    portee_part_close(job->part);
    job->part = NULL;
    job->w = NULL;
}

void portee_job_abort(portee_job_t *job)
{
    if (!job) return;
    portee_h5w_abort(job->w);
    job_release(job);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void shard_text(char *buf, size_t len, uint64_t index, uint64_t count)
{
    if (count) snprintf(buf, len, "shard %llu/%llu", (unsigned long long)index, (unsigned long long)count);
    else snprintf(buf, len, "the whole sweep");
}

/* The earlier file of --resume must hold part of this very run. */
static portee_status_t check_same(const portee_job_t *job, const portee_part_t *part, portee_error_t *err)
{
    const portee_job_opts_t *o = &job->opts;
    char why[512];
    if (!portee_part_same_run(part->sc->resolved, job->sc->resolved, why, sizeof why))
        return portee_fail(err, PORTEE_EINPUT,
                           "%s: holds another run (%s): --resume finishes a file of the same "
                           "scenario, seed and replicates; choose another -o or drop --resume",
                           o->output, why);
    if (part->shard_count != o->shard_count ||
        (o->shard_count && part->shard_index != o->shard_index)) {
        char have[64], want[64];
        shard_text(have, sizeof have, part->shard_index, part->shard_count);
        shard_text(want, sizeof want, o->shard_index, o->shard_count);
        return portee_fail(err, PORTEE_EINPUT, "%s: holds %s, this run asks for %s: resume it with the "
                                               "same --shard",
                           o->output, have, want);
    }
    return PORTEE_OK;
}

portee_status_t portee_job_resume(portee_job_t *job, portee_error_t *err)
{
    const portee_part_t *part = job->part;
    if (!part) return PORTEE_OK;
    job->resuming = true;
    const size_t pairs = job->sc->n_models * job->sc->n_points;
    for (size_t i = 0; i < pairs; i++)
        if (part->done[i]) portee_work_drop(&job->work, i / job->sc->n_points, i % job->sc->n_points);
    job->points_resumed = part->points_done;
    portee_status_t st = portee_h5w_copy(job->w, part, part->done, err);
    portee_part_close(job->part);
    job->part = NULL;
    return st;
}

bool portee_job_complete(const portee_job_t *job)
{
    return job->w && portee_h5w_points_done(job->w) == portee_h5w_points_wanted(job->w);
}

portee_status_t portee_job_check_output(const char *path, portee_error_t *err)
{
    struct stat out;
    if (stat(path, &out) == 0 && S_ISREG(out.st_mode) && !portee_h5_is_portee_file(path))
        return portee_fail(err, PORTEE_EINPUT,
                           "%s: not a portee results file, so it is left as it is (choose another "
                           "-o, or --force to replace it)",
                           path);
    return PORTEE_OK;
}

portee_status_t portee_job_check_joined(const char *path, const portee_scenario_t *sc, bool resume, bool force,
                                        bool *complete, portee_error_t *err)
{
    *complete = false;
    if (!resume) return force ? PORTEE_OK : portee_job_check_output(path, err);
    if (!exists(path)) return PORTEE_OK;
    portee_part_t *part;
    portee_error_t e2;
    if (portee_part_open(path, sc->registry, &part, &e2)) return portee_fail(err, PORTEE_EINPUT, "--resume: %s", e2.msg);
    const portee_job_t whole = {.sc = sc, .opts = {.output = path}};
    portee_status_t st = PORTEE_OK;
    /* only a join writes it under --writers: the whole sweep, complete */
    if (part->shard_count)
        st = portee_fail(err, PORTEE_EINPUT, "%s: holds shard %llu/%llu, not the whole sweep that --writers joins "
                                             "into it: choose another -o",
                         path, (unsigned long long)part->shard_index, (unsigned long long)part->shard_count);
    else if (!(st = check_same(&whole, part, err)) && !part->complete)
        st = portee_fail(err, PORTEE_EINPUT, "%s: holds an interrupted run of this sweep, not one of --writers: "
                                             "finish it with --resume without --writers, or choose another -o",
                         path);
    if (!st) *complete = true;
    portee_part_close(part);
    return st;
}

portee_status_t portee_job_open(portee_job_t *job, const portee_scenario_t *sc,
                                const portee_job_opts_t *opts, portee_error_t *err)
{
    memset(job, 0, sizeof *job);
    job->sc = sc;
    job->opts = *opts;
    portee_part_t *part = NULL;
    portee_status_t st;
    if (opts->resume && exists(opts->output)) {
        portee_error_t e2;
        if (portee_part_open(opts->output, sc->registry, &part, &e2))
            return portee_fail(err, PORTEE_EINPUT, "--resume: %s", e2.msg);
        if ((st = check_same(job, part, err))) {
            portee_part_close(part);
            return st;
        }
        if (part->complete) {
            portee_part_close(part);
            job->nothing_to_do = true;
            return PORTEE_OK;
        }
    }
    if (!opts->resume && !opts->force && (st = portee_job_check_output(opts->output, err))) return st;
    if ((st = portee_work_init(&job->work, sc, err))) goto fail;
    if (opts->shard_count) portee_work_shard(&job->work, opts->shard_index, opts->shard_count);
    if ((st = portee_h5w_open(opts->output, sc, &job->w, err))) goto fail;
    if (opts->shard_count) portee_h5w_set_shard(job->w, opts->shard_index, opts->shard_count);
    job->part = part; /* copied by portee_job_resume */
    return PORTEE_OK;
fail:
    portee_part_close(part);
    portee_job_abort(job);
    return st;
}

portee_status_t portee_job_commit(portee_job_t *job, const portee_run_info_t *info, portee_error_t *err)
{
    portee_status_t st = portee_h5w_commit(job->w, info, NULL, err);
    job_release(job);
    return st;
}

#define INCOMPLETE_NAMES 9

/* "runs/sweep.h5" -> "runs/sweep.incomplete.h5" (k = 1), "...incomplete-2.h5" */
static char *incomplete_name(const char *path, int k)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    size_t stem = dot && (!slash || dot > slash + 1) ? (size_t)(dot - path) : strlen(path);
    char *s = malloc(stem + 24);
    if (s && k == 1) snprintf(s, stem + 24, "%.*s.incomplete.h5", (int)stem, path);
    else if (s) snprintf(s, stem + 24, "%.*s.incomplete-%d.h5", (int)stem, path, k);
    return s;
}

/* Where an interrupted run may keep its points: nothing there, or what an
 * earlier interruption of this same run (and shard) kept, every point of it
 * among this run's; anything else, another run's kept points included, is
 * something else, left for the next name. */
static bool replaceable(const char *path, const portee_job_t *job)
{
    if (!exists(path)) return true;
    portee_part_t *p;
    portee_error_t e;
    if (portee_part_open(path, job->sc->registry, &p, &e)) return false;
    const bool ok = !p->complete && portee_part_same_run(p->sc->resolved, job->sc->resolved, NULL, 0) &&
                    p->shard_count == job->opts.shard_count &&
                    (!p->shard_count || p->shard_index == job->opts.shard_index) && portee_h5w_covers(job->w, p->done);
    portee_part_close(p);
    return ok;
}

portee_status_t portee_job_keep(portee_job_t *job, const portee_run_info_t *info, const char *why, char **kept,
                                uint64_t *done, portee_error_t *err)
{
    *kept = NULL;
    *done = 0;
    if (!job->w || !portee_h5w_any_done(job->w)) {
        portee_job_abort(job);
        return PORTEE_OK;
    }
    const char *out = job->opts.output;
    char *as = NULL;
    if (job->resuming || !exists(out)) {
        as = strdup(out);
    } else {
        for (int k = 1; k <= INCOMPLETE_NAMES && !as; k++) {
            if (!(as = incomplete_name(out, k))) break;
            if (!replaceable(as, job)) {
                free(as);
                as = NULL;
            }
        }
        if (!as) {
            char *first = incomplete_name(out, 1);
            portee_fail(err, PORTEE_EIO,
                        "%s: %s and %s to %s-%d hold other results, so the points "
                        "finished could not be kept; %s is untouched",
                        why, out, first ? first : "", "...incomplete", INCOMPLETE_NAMES, out);
            free(first);
            portee_job_abort(job);
            return PORTEE_EIO;
        }
    }
    *done = portee_h5w_points_done(job->w);
    portee_status_t st = portee_h5w_commit(job->w, info, as, err);
    job_release(job);
    if (st) {
        free(as);
        return st;
    }
    *kept = as;
    return PORTEE_OK;
}
