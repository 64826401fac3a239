/* job.h — one `portee run` as files see it: the results file it writes, the
 * (model, point) pairs it computes (every one, a shard's, or those a file
 * being resumed still lacks), and where an interrupted run keeps the points
 * it finished.
 *
 * portee_job_open() checks everything about the output before any point
 * runs: a --resume file of another scenario, seed or shard is a
 * PORTEE_EINPUT error naming both.  portee_job_resume() then copies that
 * file's points (after the caller has noted job->w's temporary file, so a
 * hard stop can remove it).  The caller runs job->work (an engine batch
 * function) into job->w, and ends with portee_job_commit(), portee_job_keep()
 * after an interruption, or portee_job_abort(). */
#ifndef PORTEE_JOB_H
#define PORTEE_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/results/h5write.h"
#include "sim/scenario/scenario.h"
#include "sim/engine/work.h"

typedef struct {
    const char *output;
    bool resume;                        /* finish `output` if it holds part of this run */
    bool force;                         /* replace `output` even if it is not a portee file */
    uint64_t shard_index, shard_count;  /* count 0: the whole sweep */
} portee_job_opts_t;

typedef struct {
    const portee_scenario_t *sc;
    portee_job_opts_t opts;
    portee_h5w_t *w;
    portee_work_t work;
    uint64_t points_resumed; /* points copied from the file being resumed */
    bool resuming;           /* output held part of this run */
    bool nothing_to_do;      /* --resume of a complete file: w is NULL */
    struct portee_part *part; /* the file being resumed, until portee_job_resume */
} portee_job_t;

/* --writers: path is the file the writer groups' parts will be joined into.
 * Without resume, PORTEE_EINPUT when it is a file that is not portee's
 * (unless force).  With resume, when it exists: PORTEE_EINPUT when it is not
 * portee's, holds another run, a shard, or an interrupted run (a join is
 * never incomplete: that run was not --writers'), else *complete. */
portee_status_t portee_job_check_joined(const char *path, const portee_scenario_t *sc, bool resume, bool force,
                                        bool *complete, portee_error_t *err);

/* PORTEE_EINPUT when path is a file that is not portee's: a run or a merge
 * without --force leaves it as it is (the message says so). */
portee_status_t portee_job_check_output(const char *path, portee_error_t *err);

portee_status_t portee_job_open(portee_job_t *job, const portee_scenario_t *sc,
                                const portee_job_opts_t *opts, portee_error_t *err);
/* Copies the points of the file being resumed, if any, into job->w. */
portee_status_t portee_job_resume(portee_job_t *job, portee_error_t *err);
/* True when job->w holds every point the job is meant to compute. */
bool portee_job_complete(const portee_job_t *job);
/* The run finished: commit the file under its name. */
portee_status_t portee_job_commit(portee_job_t *job, const portee_run_info_t *info, portee_error_t *err);

/* After an interruption (a signal, a full disk: WHY, for a message): the finished points go to a valid file marked
 * incomplete, never over a complete result.  It is the output itself when
 * that was absent or is being resumed, else STEM.incomplete.h5 beside it (or
 * STEM.incomplete-2.h5 ... when that holds something else).  *kept is that
 * path (malloc'd), or NULL when no point had finished (or, failing every
 * name, with the reason in err and PORTEE_EIO); *done counts the points. */
portee_status_t portee_job_keep(portee_job_t *job, const portee_run_info_t *info, const char *why, char **kept,
                                uint64_t *done, portee_error_t *err);
/* Deletes the temporary file; releases everything.  NULL-safe, idempotent. */
void portee_job_abort(portee_job_t *job);

#endif
