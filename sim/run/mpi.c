/* mpi.c — mpi.h but the run itself (mpi_run.c): starting MPI, the writer
 * groups, the scenario shared with every rank; with MPI (PORTEE_HAVE_MPI,
 * from -DPORTEE_MPI=ON) or without: then only the refusal of a launch as
 * several tasks. */
#include "sim/run/mpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many tasks the launcher started, from its environment: Open MPI's
 * mpirun, PMI (MPICH, Slurm), or Slurm's own count under srun. */
static long launched_tasks(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_STEP_NUM_TASKS"};
    long most = 0;
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (i == 2 && !getenv("SLURM_PROCID")) continue;
        long n = v ? strtol(v, NULL, 10) : 0;
        if (n > most) most = n;
    }
    return most;
}

#ifndef PORTEE_HAVE_MPI

bool portee_mpi_built(void) { return false; }

portee_status_t portee_mpi_start(portee_mpi_t *m, int writers, portee_error_t *err)
{
    *m = (portee_mpi_t){.rank = 0, .size = 1, .groups = 1};
    const long tasks = launched_tasks();
    if (portee_mpi_grouped(writers))
        return portee_fail(err, PORTEE_EINPUT, "--writers: this portee was built without MPI");
    if (tasks > 1)
        return portee_fail(err, PORTEE_EINPUT,
                           "started as %ld tasks, but this portee was built without MPI: every task would "
                           "run the whole sweep; rebuild with MPI (apt-get install libopenmpi-dev, then "
                           "cmake -DPORTEE_MPI=ON), or split the sweep with --shard I/N",
                           tasks);
    return PORTEE_OK;
}

void portee_mpi_stop(portee_mpi_t *m) { (void)m; }

int portee_mpi_groups_failed(const portee_mpi_t *m, bool failed)
{
    (void)m;
    return failed;
}

void portee_mpi_from_first(const portee_mpi_t *m, int *values, int n) { (void)m, (void)values, (void)n; }

portee_status_t portee_mpi_share(const portee_mpi_t *m, const portee_registry_t *reg, portee_status_t st,
                                 portee_scenario_t **sc, bool *nothing, portee_error_t *err)
{
    (void)m, (void)reg, (void)sc, (void)nothing, (void)err;
    return st;
}


#else

#include "sim/run/mpi_internal.h"

bool portee_mpi_built(void) { return true; }

MPI_Comm portee_mpi_comm;

/* --writers node: m->group and m->groups from the ranks' processor names
 * (PORTEE_MPI_NODE instead when set), a group per name, numbered in the
 * order of their lowest ranks.  Collective; false when MPI failed. */
static bool node_groups(portee_mpi_t *m)
{
    char mine[MPI_MAX_PROCESSOR_NAME] = "";
    const char *fake = getenv("PORTEE_MPI_NODE");
    int len = 0;
    /* every rank must reach the gather: a rank without its name is a node of its own */
    if (fake) snprintf(mine, sizeof mine, "%s", fake);
    else if (MPI_Get_processor_name(mine, &len) != MPI_SUCCESS) snprintf(mine, sizeof mine, "rank %d", m->rank);
    char *all = malloc((size_t)m->size * MPI_MAX_PROCESSOR_NAME);
    if (!all) MPI_Abort(MPI_COMM_WORLD, 1); /* as portee_mpi_share: no collective without every rank */
    if (MPI_Allgather(mine, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, all, MPI_MAX_PROCESSOR_NAME, MPI_CHAR,
                      MPI_COMM_WORLD) != MPI_SUCCESS) {
        free(all);
        return false;
    }
    /* quadratic in the ranks: a few milliseconds for thousands */
    int groups = 0;
    for (int r = 0; r < m->size; r++) {
        const char *name = all + (size_t)r * MPI_MAX_PROCESSOR_NAME;
        int first = 0; /* the lowest rank with this name */
        while (strncmp(all + (size_t)first * MPI_MAX_PROCESSOR_NAME, name, MPI_MAX_PROCESSOR_NAME)) first++;
        if (first != r) continue;
        if (!strncmp(name, mine, MPI_MAX_PROCESSOR_NAME)) m->group = groups;
        groups++;
    }
    m->groups = groups;
    free(all);
    return true;
}

portee_status_t portee_mpi_start(portee_mpi_t *m, int writers, portee_error_t *err)
{
    *m = (portee_mpi_t){.rank = 0, .size = 1, .groups = 1};
    const long tasks = launched_tasks();
    if (tasks <= 1) {
        if (portee_mpi_grouped(writers))
            return portee_fail(err, PORTEE_EINPUT, "--writers: start portee with mpirun");
        return PORTEE_OK;
    }
    int provided = MPI_THREAD_SINGLE;
    /* FUNNELED: only rank 0's main thread talks MPI; its compute thread never does */
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return portee_fail(err, PORTEE_ERUNTIME, "MPI did not start");
    m->started = true;
    portee_mpi_comm = MPI_COMM_WORLD;
    MPI_Comm_rank(MPI_COMM_WORLD, &m->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m->size);
    if (provided < MPI_THREAD_FUNNELED)
        return portee_fail(err, PORTEE_ERUNTIME, "this MPI library offers no thread support "
                                                 "(MPI_THREAD_FUNNELED is needed)");
    if (m->size == 1)
        return portee_fail(err, PORTEE_EINPUT,
                           "started as %ld tasks, but MPI sees each alone: every task would run the whole "
                           "sweep; start portee with mpirun (or srun --mpi=pmix)",
                           tasks);
    if (writers > m->size)
        return portee_fail(err, PORTEE_EINPUT, "--writers %d: more writers than the %d ranks", writers, m->size);
    if (writers == PORTEE_WRITERS_NODE && !node_groups(m))
        return portee_fail(err, PORTEE_ERUNTIME, "--writers node: MPI could not tell the ranks' nodes");
    if (writers > 1) {
        /* consecutive ranks: with mpirun's default placement, a node's */
        m->groups = writers;
        m->group = (int)((long)m->rank * writers / m->size);
    }
    if (m->groups > 1) {
        if (MPI_Comm_split(MPI_COMM_WORLD, m->group, m->rank, &portee_mpi_comm) != MPI_SUCCESS)
            return portee_fail(err, PORTEE_ERUNTIME, "MPI could not split the ranks into %d groups", m->groups);
        MPI_Comm_rank(portee_mpi_comm, &m->rank);
        MPI_Comm_size(portee_mpi_comm, &m->size);
        return PORTEE_OK; /* a group of one rank runs alone, as a serial shard */
    }
    return PORTEE_OK;
}

void portee_mpi_stop(portee_mpi_t *m)
{
    if (m->started && portee_mpi_comm != MPI_COMM_WORLD) MPI_Comm_free(&portee_mpi_comm);
    if (m->started) MPI_Finalize();
    m->started = false;
}

int portee_mpi_groups_failed(const portee_mpi_t *m, bool failed)
{
    if (!m->started || m->groups <= 1) return failed;
    int mine = m->rank == 0 && failed, all = 0;
    /* a collective that fails leaves nothing to join: count every group */
    if (MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS) return m->groups;
    return all;
}

void portee_mpi_from_first(const portee_mpi_t *m, int *values, int n)
{
    if (m->started && m->groups > 1) MPI_Bcast(values, n, MPI_INT, 0, MPI_COMM_WORLD);
}

void portee_mpi_send_bytes(const void *buf, size_t n, int to, int tag)
{
    const char *p = buf;
    do {
        const size_t k = n < PIECE ? n : PIECE;
        MPI_Send(p, (int)k, MPI_BYTE, to, tag, portee_mpi_comm);
        p += k;
        n -= k;
    } while (n);
}

void portee_mpi_recv_bytes(void *buf, size_t n, int from, int tag)
{
    char *p = buf;
    do {
        const size_t k = n < PIECE ? n : PIECE;
        MPI_Recv(p, (int)k, MPI_BYTE, from, tag, portee_mpi_comm, MPI_STATUS_IGNORE);
        p += k;
        n -= k;
    } while (n);
}

static void bcast_bytes(void *buf, size_t n)
{
    char *p = buf;
    do {
        const size_t k = n < PIECE ? n : PIECE;
        MPI_Bcast(p, (int)k, MPI_BYTE, 0, portee_mpi_comm);
        p += k;
        n -= k;
    } while (n);
}

/* Every rank's status, the worst of them on every rank: no rank may go on
 * to the run while another could not. */
static portee_status_t agree(portee_status_t st, portee_error_t *err)
{
    int mine = (int)st, worst = 0;
    MPI_Allreduce(&mine, &worst, 1, MPI_INT, MPI_MAX, portee_mpi_comm);
    if (worst && !st) {
        err->status = (portee_status_t)worst;
        err->msg[0] = '\0';
    }
    return (portee_status_t)worst;
}

portee_status_t portee_mpi_share(const portee_mpi_t *m, const portee_registry_t *reg, portee_status_t st,
                                 portee_scenario_t **sc, bool *nothing, portee_error_t *err)
{
    uint64_t head[4] = {(uint64_t)st, 0, 0, 0};
    if (m->rank == 0 && !st) {
        head[1] = strlen((*sc)->resolved) + 1;
        head[2] = strlen((*sc)->source) + 1;
        head[3] = *nothing;
    }
    MPI_Bcast(head, 4, MPI_UINT64_T, 0, portee_mpi_comm);
    *nothing = head[3] != 0;
    if (head[0] != PORTEE_OK) {
        if (m->rank != 0) {
            err->status = (portee_status_t)head[0];
            err->msg[0] = '\0';
        }
        return (portee_status_t)head[0];
    }
    if (m->rank == 0) {
        bcast_bytes((*sc)->resolved, head[1]);
        bcast_bytes((*sc)->source, head[2]);
        if ((st = agree(PORTEE_OK, err)))
            portee_fail(err, st, "another rank could not load the scenario rank 0 sent (out of memory?)");
        return st;
    }
    char *text = malloc(head[1]), *source = malloc(head[2]);
    if (!text || !source) {
        free(text);
        free(source);
        MPI_Abort(MPI_COMM_WORLD, 1); /* the collective cannot be left halfway */
    }
    bcast_bytes(text, head[1]);
    bcast_bytes(source, head[2]);
    /* the resolved text loads to the very scenario rank 0 runs (every number
     * is written back exactly) */
    st = portee_scenario_load_text(reg, source, text, head[1] - 1, NULL, 0, sc, err);
    free(source);
    if (!st) {
        free((*sc)->resolved);
        (*sc)->resolved = text;
    } else {
        free(text);
    }
    return agree(st, err);
}

#endif
