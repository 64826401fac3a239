/* run.h — one whole `portee run`: load the scenario, open the results file
 * (a shard's part, or the file a --resume finishes), simulate every point
 * still to do over the threads (and the MPI ranks when launched by mpirun),
 * and commit the file; after a signal, keep the points finished in a file
 * marked incomplete (job.h says where).
 *
 * portee_run() prints nothing: what happened is in the result, for the
 * caller to tell.  Stops: the caller installs the handlers
 * (portee_signals_catch) and passes the flag they set; portee_run() names
 * its temporary file to portee_signals_temp() while it exists, so a second
 * signal removes it.
 *
 * Under MPI every rank calls portee_run(); rank 0 reads the scenario, writes
 * the file and its result describes the run, the others' results only say
 * which rank they are (their status is PORTEE_OK or the shared failure, with
 * no message: rank 0 reports it).  A failure before the ranks know one
 * another (MPI did not start) is reported on every rank (result rank 0).
 * MPI ends when the result is freed, not before: after a signal mpirun
 * kills the ranks a second later, and a rank waiting in MPI_Finalize by
 * then would never say where the points it kept are. */
#ifndef PORTEE_RUN_H
#define PORTEE_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/base/status.h"
#include "sim/run/mpi.h"
#include "sim/run/size.h"
#include "sim/scenario/scenario.h"

struct portee_run_result;

typedef struct {
    const portee_registry_t *registry;
    const char *scenario;      /* path; NULL = the embedded default */
    const char *const *sets;   /* "key.path=value" overrides */
    size_t n_sets;
    const char *output;        /* NULL: the scenario's name with .h5 in the current
                                  folder (STEM-part-I.h5 for shard I) */
    int threads;               /* 0 = OpenMP's default */
    bool resume;               /* finish `output` if it holds part of this run */
    bool force;                /* replace `output` even if it is not a portee file */
    uint64_t shard_index, shard_count; /* count 0: the whole sweep */
    int writers;               /* under mpirun: writer groups (mpi.h), PORTEE_WRITERS_NODE one a node;
                                  0 or 1: rank 0 writes all */
    volatile sig_atomic_t *stop;       /* set by a signal handler; NULL: never stops */
    /* May be NULL.  Called on rank 0 once the scenario is loaded, before
     * anything else (to tell its warnings, say); with writer groups on each
     * group's rank 0, `first` true on the first group's alone, the one that
     * speaks for the run. */
    void (*on_loaded)(void *ctx, const portee_scenario_t *sc, bool first);
    /* May be NULL.  Called on rank 0 once the file is open, just before the
     * simulation starts (the result then says what is being resumed). */
    void (*on_start)(void *ctx, const struct portee_run_result *res);
    /* May be NULL.  Called on the engine's coordinating thread (never from
     * the simulation's loops) each time a (model, point) run's results are
     * in the file: `done` of the `total` runs this run does, `replicates`
     * simulated so far.  Single process only (not under MPI).  For a
     * progress line: the caller decides how often to show it. */
    void (*on_progress)(void *ctx, uint64_t done, uint64_t total, uint64_t replicates);
    /* May be NULL.  --writers: called on a group's rank 0 whose run failed
     * (not stopped by a signal, not out of space: those end every group at
     * once), before it waits for the other groups to finish, which can take
     * hours; the result's failure_told then says the error was told. */
    void (*on_group_failed)(void *ctx, const portee_error_t *err);
    void *ctx;
} portee_run_opts_t;

typedef struct portee_run_result {
    char *output;              /* the results file aimed at */
    int rank, ranks, threads;
    bool nothing_to_do;        /* --resume of a complete file: nothing was run */
    bool resuming;             /* output held part of this run */
    uint64_t points_resumed;   /* points found there */
    uint64_t runs_to_go;       /* (model, point) pairs left to simulate at the start */
    uint64_t points;           /* the sweep's points */
    uint64_t points_wanted;    /* the points this run's file is meant to hold (a shard's) */
    uint64_t shard_index, shard_count; /* the shard run (--shard, or a writer group's) */
    uint64_t replicates;
    portee_run_size_t size;    /* rank 0: the file's size and the memory, estimated at the start */
    char *notes;               /* temporaries of dead runs removed at the start (lines), or NULL */
    double wall_time;          /* seconds simulating */
    /* Stopped by a signal (status PORTEE_EINTR): the points finished are in
     * `kept` (output, or STEM.incomplete.h5 when output held a result), or
     * kept is NULL when none had finished. */
    bool interrupted;
    bool out_of_space;         /* the disk filled up: the points finished are in `kept` as above */
    char *kept;
    uint64_t points_kept;
    bool output_exists;        /* after the interruption, output is a file */
    /* --writers, on the first group's rank 0: the file the groups' parts
     * were joined into (then removed), and how many; NULL when not joined */
    char *merged;
    int parts_merged;
    int groups_unfinished;     /* --writers, first group's rank 0: groups that failed or stopped */
    /* --writers, on the other groups' ranks 0: what happened is what the first
     * group's rank 0 tells (a file refused, or joined already); say nothing */
    bool told_by_first;
    bool failure_told;         /* the error went to on_group_failed already */
    portee_mpi_t mpi;          /* ended by portee_run_result_free */
} portee_run_result_t;

/* Fills *res whatever happens (free it with portee_run_result_free). */
portee_status_t portee_run(const portee_run_opts_t *opts, portee_run_result_t *res,
                           portee_error_t *err);
/* Frees the result and ends MPI if the run started it.  NULL-safe. */
void portee_run_result_free(portee_run_result_t *res);

#endif
