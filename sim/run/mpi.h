/* mpi.h — a run's sweep points spread over MPI ranks (`mpirun -np N portee
 * run`), each rank running its batches with OpenMP threads; one results
 * file, written by rank 0.
 *
 * Rank 0 holds the job's work list and the writer.  Its main thread serves
 * the other ranks: it hands out batches on request (guided: batches shrink
 * as the list empties, so ranks finish together even when points differ in
 * cost), receives each finished point and writes it.  A second thread of
 * rank 0 computes batches too.  The other ranks ask for a batch one ahead of
 * the one they compute, so they do not wait for the answer.  Results do not
 * depend on which rank ran what (engine.h): the file is the one a serial
 * run writes.
 *
 * One writer rather than parallel HDF5: compressed datasets can only be
 * written collectively in parallel HDF5, and dynamically balanced ranks
 * finish points at different times.  Rank 0 holds one point's results at a
 * time, never the sweep's, so per-replicate data larger than a node's memory
 * streams through it; the limits are one writer's disk bandwidth and the
 * file system's space.
 *
 * Under mpirun, SIGUSR1 is the clean stop: mpirun passes it to every rank at
 * once, where on SIGINT or SIGTERM it waits a second, signals the ranks, and
 * kills them a second later (Open MPI 4.1's odls_base_sigkill_timeout).
 *
 * A build without MPI has the same functions: portee_mpi_start() then
 * refuses a launch as several tasks, which would run the whole sweep once
 * per task into one file. */
#ifndef PORTEE_MPI_H
#define PORTEE_MPI_H

#include <stdbool.h>

#include "sim/run/job.h"
#include "sim/scenario/scenario.h"
#include "sim/base/status.h"

typedef struct {
    int rank, size; /* in this rank's writer group; 0 and 1 when MPI is not in use */
    int group, groups; /* the writer group (0 and 1 unless writers > 1) */
    bool started;   /* MPI_Init was called */
} portee_mpi_t;

/* --writers node: one writer group per node (the ranks whose processor
 * names match), rather than a count of groups of consecutive ranks. */
#define PORTEE_WRITERS_NODE (-1)

/* True when `writers` asks for writer groups (a count above 1, or node). */
static inline bool portee_mpi_grouped(int writers) { return writers > 1 || writers == PORTEE_WRITERS_NODE; }

/* True when portee was built with MPI (-DPORTEE_MPI=ON). */
bool portee_mpi_built(void);

/* Starts MPI when a launcher (mpirun, or srun with PMI) started this process
 * as one of several tasks; otherwise leaves m at rank 0 of 1.
 *
 * writers > 1 (a prototype, docs/performance.md): the ranks are cut into
 * that many groups of consecutive ranks, each run as its own job on the
 * shard (group, writers) of the sweep, its first rank writing the group's
 * part file; once every group has finished, the first group's rank 0 joins
 * the parts into the file asked for (run.h).  One writer serves a few
 * dozen ranks (the shared rank 0's ceiling); one per node scales with the
 * nodes.  writers == PORTEE_WRITERS_NODE makes a group of each node's
 * ranks, numbered by their lowest rank (a single node: no groups); the
 * environment variable PORTEE_MPI_NODE, when set, stands for the processor
 * name (the tests' way to have several nodes on one machine).  Every
 * function below then works within the group. */
portee_status_t portee_mpi_start(portee_mpi_t *m, int writers, portee_error_t *err);
void portee_mpi_stop(portee_mpi_t *m);

/* Collective over every rank of every writer group: values[0..n) as the
 * first group's rank 0 passes them, on every rank.  Without writer groups,
 * nothing. */
void portee_mpi_from_first(const portee_mpi_t *m, int *values, int n);

/* Collective over every rank of every writer group, once each group's run
 * has ended: how many groups' writers failed or stopped (`failed` counts on
 * a group's rank 0 only).  Without writer groups, `failed` itself. */
int portee_mpi_groups_failed(const portee_mpi_t *m, bool failed);

/* Collective.  Rank 0 passes the outcome of loading the scenario and
 * opening the job (st, *sc when st is PORTEE_OK, and *nothing when the job
 * has nothing to do); the other ranks get the same status and *nothing,
 * and on success their own copy of the scenario in *sc, loaded against reg
 * from rank 0's resolved text.  On the other ranks a failure carries no message:
 * rank 0 reports it. */
portee_status_t portee_mpi_share(const portee_mpi_t *m, const portee_registry_t *reg, portee_status_t st,
                                 portee_scenario_t **sc, bool *nothing, portee_error_t *err);

/* Collective: runs the job over every rank.  Rank 0 passes the job (its work
 * list and writer), the others NULL.  A signal on any rank (*stop set) stops
 * every rank at its next point: rank 0 tells the others, and sets *stop on
 * them itself.  On rank 0: PORTEE_OK when every point was computed and
 * written, PORTEE_EINTR when the run stopped short (the writer then holds
 * what finished), or the first error of any rank, named.  The other ranks
 * return PORTEE_OK once rank 0 has their outcome: it reports for all, and a
 * rank exiting non-zero would make mpirun kill rank 0 mid-write. */
portee_status_t portee_mpi_run(const portee_mpi_t *m, const portee_scenario_t *sc, portee_job_t *job,
                               int threads, volatile sig_atomic_t *stop, portee_error_t *err);

#endif
