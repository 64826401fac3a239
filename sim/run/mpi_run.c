/* mpi_run.c — portee_mpi_run() (mpi.h): rank 0 serves the batches and
 * writes every point while a thread of its own computes; the other ranks
 * ask, compute and send back.  Without MPI, only its refusal. */
#include "sim/run/mpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/results/h5write.h"

#ifndef PORTEE_HAVE_MPI

portee_status_t portee_mpi_run(const portee_mpi_t *m, const portee_scenario_t *sc, portee_job_t *job,
                               int threads, volatile sig_atomic_t *stop, portee_error_t *err)
{
    (void)m, (void)sc, (void)job, (void)threads, (void)stop;
    return portee_fail(err, PORTEE_ERUNTIME, "portee was built without MPI");
}

#else

#include <pthread.h>
#include <time.h>

#include "sim/run/mpi_internal.h"

/* REQ (a rank asks for a batch), WORK (rank 0's answer: model, count,
 * points), RESULT and DATA (a finished point), FIN (a rank is done, with its
 * status), STOP (rank 0: stop now, a signal or an error elsewhere), BYE
 * (rank 0: FIN received, nothing more will come). */
enum { TAG_REQ = 1, TAG_WORK, TAG_RESULT, TAG_DATA, TAG_FIN, TAG_STOP, TAG_BYE };

/* rank 0's pause while no message waits: from 20 us, doubling to 1 ms, so
 * an idle rank 0 costs nothing and a busy one answers at once */
#define IDLE_MIN_NS 20000L
#define IDLE_MAX_NS 1000000L

/* ---- the ranks other than 0: ask, compute, send back ---------------------- */

typedef struct {
    uint64_t *msg;       /* a WORK message: model, count, points */
    size_t cap;
    bool asked;          /* a request is out, its answer not yet received */
    volatile sig_atomic_t *stop; /* set by a signal here, or by rank 0's STOP */
    const portee_scenario_t *sc;
} client_t;

/* Between batches and points: has rank 0 said stop? */
static void check_stop(client_t *c)
{
    int stop = 0;
    MPI_Iprobe(0, TAG_STOP, portee_mpi_comm, &stop, MPI_STATUS_IGNORE);
    if (!stop) return;
    MPI_Recv(NULL, 0, MPI_BYTE, 0, TAG_STOP, portee_mpi_comm, MPI_STATUS_IGNORE);
    *c->stop = 1; /* the engine stops as on a signal of its own */
}

static void ask(client_t *c)
{
    MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_REQ, portee_mpi_comm);
    c->asked = true;
}

static uint64_t next_remote(void *ctx, const uint64_t *max, size_t *model, uint64_t *points)
{
    (void)max; /* rank 0 sizes the batches with the same table */
    client_t *c = ctx;
    check_stop(c);
    if (!c->asked || *c->stop) return 0;
    MPI_Recv(c->msg, (int)c->cap, MPI_UINT64_T, 0, TAG_WORK, portee_mpi_comm, MPI_STATUS_IGNORE);
    c->asked = false;
    const uint64_t n = c->msg[1];
    if (n == 0) return 0;
    ask(c); /* the next batch's request, answered while this one runs */
    *model = (size_t)c->msg[0];
    memcpy(points, c->msg + 2, n * sizeof *points);
    return n;
}

static portee_status_t send_point(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    (void)err;
    client_t *c = ctx;
    const portee_model_t *m = c->sc->models[res->model].model;
    const size_t n_out = m->n_outputs, B = res->bins, C = res->n_columns, R = res->replicates;
    const uint64_t head[2] = {res->model, res->point};
    MPI_Send(head, 2, MPI_UINT64_T, 0, TAG_RESULT, portee_mpi_comm);
    portee_mpi_send_bytes(res->summary, C * sizeof *res->summary, 0, TAG_DATA);
    portee_mpi_send_bytes(res->hist_edges, n_out * (B + 1) * sizeof(double), 0, TAG_DATA);
    portee_mpi_send_bytes(res->hist_counts, n_out * B * sizeof(uint64_t), 0, TAG_DATA);
    if (res->n_quantiles) portee_mpi_send_bytes(res->quantiles, C * res->n_quantiles * sizeof(double), 0, TAG_DATA);
    if (c->sc->keep_replicates) {
        portee_mpi_send_bytes(res->values, C * R * sizeof(double), 0, TAG_DATA);
        if (res->n_inputs) portee_mpi_send_bytes(res->inputs, res->n_inputs * R * sizeof(double), 0, TAG_DATA);
    }
    check_stop(c);
    return PORTEE_OK;
}

/* Runs what rank 0 hands out, then tells it how that ended (FIN) and takes
 * everything it still sends (the answer to a request, a STOP) up to its BYE,
 * so nothing is left in flight.  Rank 0 reports for everyone: this rank's
 * own outcome went in its FIN. */
static portee_status_t run_client(const portee_scenario_t *sc, int threads, volatile sig_atomic_t *stop,
                                  portee_error_t *err)
{
    uint64_t max[PORTEE_MAX_MODELS];
    client_t c = {.stop = stop, .sc = sc};
    c.cap = 2 + portee_engine_group_table(sc, max);
    if (!(c.msg = malloc(c.cap * sizeof *c.msg))) MPI_Abort(MPI_COMM_WORLD, 1);
    ask(&c);
    portee_engine_opts_t o = {.threads = threads, .on_point = send_point, .ctx = &c, .stop = stop,
                              .next_batch = next_remote, .batch_ctx = &c};
    portee_status_t st = portee_engine_run(sc, &o, err);
    if (!st && *stop) st = portee_fail(err, PORTEE_EINTR, "interrupted");
    const int len = st ? (int)strlen(err->msg) + 1 : 0;
    char *fin = malloc(sizeof(uint64_t) + (size_t)len);
    if (!fin) MPI_Abort(MPI_COMM_WORLD, 1);
    const uint64_t code = st;
    memcpy(fin, &code, sizeof code);
    if (len) memcpy(fin + sizeof code, err->msg, (size_t)len);
    MPI_Send(fin, (int)sizeof code + len, MPI_BYTE, 0, TAG_FIN, portee_mpi_comm);
    free(fin);
    for (;;) {
        MPI_Status ms;
        MPI_Recv(c.msg, (int)c.cap, MPI_UINT64_T, 0, MPI_ANY_TAG, portee_mpi_comm, &ms);
        if (ms.MPI_TAG == TAG_BYE) break;
    }
    free(c.msg);
    return PORTEE_OK;
}

/* ---- rank 0: serve the list, write every point, compute too --------------- */

typedef struct {
    pthread_mutex_t lock; /* guards everything below and every use of the writer */
    const portee_scenario_t *sc;
    portee_job_t *job;
    volatile sig_atomic_t *stop;
    int threads;
    bool stopping;        /* a signal or an error somewhere: hand out nothing more */
    bool computed;        /* rank 0's own compute thread has finished */
    portee_status_t st;   /* the first error, with its message */
    portee_error_t err;
} server_t;

/* Stops handing out work; keeps the first error.  rank < 0: the message
 * is rank 0's own (it names its file). */
static void record(server_t *s, portee_status_t st, int rank, const char *msg)
{
    s->stopping = true;
    if (st == PORTEE_EINTR || s->st) return;
    s->st = st;
    if (rank < 0) snprintf(s->err.msg, sizeof s->err.msg, "%s", msg);
    else snprintf(s->err.msg, sizeof s->err.msg, "rank %d: %s", rank, msg);
    s->err.status = st;
}

static uint64_t next_local(void *ctx, const uint64_t *max, size_t *model, uint64_t *points)
{
    server_t *s = ctx;
    pthread_mutex_lock(&s->lock);
    const uint64_t n = s->stopping || *s->stop ? 0 : portee_work_next(&s->job->work, max, model, points);
    pthread_mutex_unlock(&s->lock);
    return n;
}

static portee_status_t write_local(void *ctx, const portee_point_result_t *res, portee_error_t *err)
{
    server_t *s = ctx;
    pthread_mutex_lock(&s->lock);
    portee_status_t st = s->st ? PORTEE_OK : portee_h5w_point(s->job->w, res, err);
    pthread_mutex_unlock(&s->lock);
    return st;
}

static void *compute(void *arg)
{
    server_t *s = arg;
    portee_h5_quiet(); /* a thread-safe HDF5 keeps this per thread */
    portee_engine_opts_t o = {.threads = s->threads, .on_point = write_local, .ctx = s, .stop = s->stop,
                              .next_batch = next_local, .batch_ctx = s};
    portee_error_t e;
    portee_status_t st = portee_engine_run(s->sc, &o, &e);
    pthread_mutex_lock(&s->lock);
    if (st) record(s, st, -1, e.msg);
    s->computed = true;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* One model's result of one point, as received. */
typedef struct {
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS], input_param[PORTEE_MAX_PARAMS];
    size_t n_columns, n_inputs;
    portee_summary_t *summary;
    double *edges, *values, *inputs, *quant;
    uint64_t *counts;
} inbox_t;

static void inboxes_free(inbox_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(in[i].summary);
        free(in[i].edges);
        free(in[i].counts);
        free(in[i].values);
        free(in[i].inputs);
        free(in[i].quant);
    }
}

static bool inboxes_alloc(const portee_scenario_t *sc, inbox_t *in)
{
    const size_t R = sc->replicates, B = sc->histogram_bins;
    bool ok = true;
    for (size_t mi = 0; mi < sc->n_models; mi++) {
        inbox_t *b = &in[mi];
        const size_t n_out = sc->models[mi].model->n_outputs;
        b->n_columns = portee_scenario_layout(sc, mi, b->length, b->offset);
        b->n_inputs = portee_engine_inputs(sc, mi, b->input_param);
        b->summary = malloc(b->n_columns * sizeof *b->summary);
        b->edges = malloc(n_out * (B + 1) * sizeof *b->edges);
        b->counts = malloc((n_out * B + 1) * sizeof *b->counts);
        b->quant = malloc((b->n_columns * sc->n_quantiles + 1) * sizeof *b->quant);
        if (sc->keep_replicates) {
            b->values = malloc(b->n_columns * R * sizeof *b->values);
            b->inputs = malloc((b->n_inputs * R + 1) * sizeof *b->inputs);
            ok = ok && b->values && b->inputs;
        }
        ok = ok && b->summary && b->edges && b->counts && b->quant;
    }
    return ok;
}

static void receive_point(server_t *s, inbox_t *in, int from)
{
    const portee_scenario_t *sc = s->sc;
    uint64_t head[2];
    MPI_Recv(head, 2, MPI_UINT64_T, from, TAG_RESULT, portee_mpi_comm, MPI_STATUS_IGNORE);
    inbox_t *b = &in[head[0]];
    const size_t n_out = sc->models[head[0]].model->n_outputs, B = sc->histogram_bins, R = sc->replicates;
    portee_mpi_recv_bytes(b->summary, b->n_columns * sizeof *b->summary, from, TAG_DATA);
    portee_mpi_recv_bytes(b->edges, n_out * (B + 1) * sizeof *b->edges, from, TAG_DATA);
    portee_mpi_recv_bytes(b->counts, n_out * B * sizeof *b->counts, from, TAG_DATA);
    if (sc->n_quantiles) portee_mpi_recv_bytes(b->quant, b->n_columns * sc->n_quantiles * sizeof *b->quant, from, TAG_DATA);
    if (sc->keep_replicates) {
        portee_mpi_recv_bytes(b->values, b->n_columns * R * sizeof *b->values, from, TAG_DATA);
        if (b->n_inputs) portee_mpi_recv_bytes(b->inputs, b->n_inputs * R * sizeof *b->inputs, from, TAG_DATA);
    }
    portee_point_result_t res = {
        .model = head[0], .point = head[1], .replicates = R, .n_columns = b->n_columns,
        .length = b->length, .offset = b->offset, .values = b->values, .summary = b->summary,
        .bins = sc->histogram_bins, .hist_edges = b->edges, .hist_counts = b->counts,
        .n_inputs = b->n_inputs, .input_param = b->input_param, .inputs = b->inputs,
        .n_quantiles = sc->n_quantiles, .quantiles = b->quant,
    };
    portee_error_t e;
    pthread_mutex_lock(&s->lock);
    if (!s->st && portee_h5w_point(s->job->w, &res, &e)) record(s, e.status, -1, e.msg);
    pthread_mutex_unlock(&s->lock);
}

/* What rank 0 sends each rank, without waiting for it to be received: a
 * blocking send of a large batch would wait for a rank that is itself
 * waiting to send rank 0 its results. */
typedef struct {
    uint64_t *msg;         /* [ranks][stride]: each rank's WORK buffer */
    size_t stride;
    MPI_Request *work, *stop, *bye; /* [ranks] each */
    bool *fin;             /* [ranks]: its FIN received */
    bool stop_sent;
} outbox_t;

static void serve_request(server_t *s, outbox_t *ob, const uint64_t *max, int from)
{
    MPI_Recv(NULL, 0, MPI_BYTE, from, TAG_REQ, portee_mpi_comm, MPI_STATUS_IGNORE);
    /* a rank asks again only once it has the previous answer: its buffer is free */
    MPI_Wait(&ob->work[from], MPI_STATUS_IGNORE);
    uint64_t *msg = ob->msg + (size_t)from * ob->stride;
    size_t model = 0;
    pthread_mutex_lock(&s->lock);
    const uint64_t n = s->stopping || *s->stop ? 0 : portee_work_next(&s->job->work, max, &model, msg + 2);
    pthread_mutex_unlock(&s->lock);
    msg[0] = model;
    msg[1] = n;
    MPI_Isend(msg, (int)(2 + n), MPI_UINT64_T, from, TAG_WORK, portee_mpi_comm, &ob->work[from]);
}

/* Once the run is stopping, every rank still running stops at its next
 * point, not after its batches. */
static void send_stops(server_t *s, outbox_t *ob, int ranks)
{
    pthread_mutex_lock(&s->lock);
    const bool stopping = s->stopping || *s->stop;
    pthread_mutex_unlock(&s->lock);
    if (!stopping || ob->stop_sent) return;
    ob->stop_sent = true;
    for (int r = 1; r < ranks; r++)
        if (!ob->fin[r]) MPI_Isend(NULL, 0, MPI_BYTE, r, TAG_STOP, portee_mpi_comm, &ob->stop[r]);
}

static void finished(server_t *s, outbox_t *ob, int from, int bytes)
{
    char *fin = malloc((size_t)bytes + 1);
    if (!fin) MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Recv(fin, bytes, MPI_BYTE, from, TAG_FIN, portee_mpi_comm, MPI_STATUS_IGNORE);
    fin[bytes] = '\0';
    uint64_t code;
    memcpy(&code, fin, sizeof code);
    pthread_mutex_lock(&s->lock);
    if (code != PORTEE_OK) record(s, (portee_status_t)code, from, fin + sizeof code);
    pthread_mutex_unlock(&s->lock);
    free(fin);
    ob->fin[from] = true;
    MPI_Isend(NULL, 0, MPI_BYTE, from, TAG_BYE, portee_mpi_comm, &ob->bye[from]);
}

static bool outbox_alloc(outbox_t *ob, int ranks, uint64_t most)
{
    const size_t n = (size_t)ranks;
    ob->stride = 2 + most;
    ob->msg = malloc(n * ob->stride * sizeof *ob->msg);
    ob->work = malloc(3 * n * sizeof *ob->work);
    ob->fin = calloc(n, sizeof *ob->fin);
    if (!ob->msg || !ob->work || !ob->fin) return false;
    ob->stop = ob->work + n;
    ob->bye = ob->work + 2 * n;
    for (size_t i = 0; i < 3 * n; i++) ob->work[i] = MPI_REQUEST_NULL;
    return true;
}

static void outbox_free(outbox_t *ob, int ranks)
{
    MPI_Waitall(3 * ranks, ob->work, MPI_STATUSES_IGNORE);
    free(ob->msg);
    free(ob->work);
    free(ob->fin);
}

static portee_status_t run_server(const portee_mpi_t *m, const portee_scenario_t *sc, portee_job_t *job,
                                  int threads, volatile sig_atomic_t *stop, portee_error_t *err)
{
    server_t s = {.sc = sc, .job = job, .stop = stop, .threads = threads};
    uint64_t max[PORTEE_MAX_MODELS];
    const uint64_t most = portee_engine_group_table(sc, max);
    job->work.ways = (unsigned)m->size;
    inbox_t in[PORTEE_MAX_MODELS] = {0};
    outbox_t ob = {0};
    if (!outbox_alloc(&ob, m->size, most) || !inboxes_alloc(sc, in))
        MPI_Abort(MPI_COMM_WORLD, 1); /* the others wait on us */
    pthread_mutex_init(&s.lock, NULL);
    pthread_t worker;
    const bool started = pthread_create(&worker, NULL, compute, &s) == 0;
    if (!started) {
        s.computed = true;
        record(&s, PORTEE_ERUNTIME, 0, "could not start its compute thread");
    }
    long idle_ns = IDLE_MIN_NS;
    for (int fins = 0;;) {
        send_stops(&s, &ob, m->size);
        int waiting = 0;
        MPI_Status ms;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, portee_mpi_comm, &waiting, &ms);
        if (waiting) idle_ns = IDLE_MIN_NS;
        if (waiting && ms.MPI_TAG == TAG_REQ) {
            serve_request(&s, &ob, max, ms.MPI_SOURCE);
        } else if (waiting && ms.MPI_TAG == TAG_RESULT) {
            receive_point(&s, in, ms.MPI_SOURCE);
        } else if (waiting && ms.MPI_TAG == TAG_FIN) {
            int bytes;
            MPI_Get_count(&ms, MPI_BYTE, &bytes);
            finished(&s, &ob, ms.MPI_SOURCE, bytes);
            fins++;
        } else if (waiting) {
            MPI_Abort(MPI_COMM_WORLD, 1); /* no rank sends anything else */
        } else {
            pthread_mutex_lock(&s.lock);
            const bool computed = s.computed;
            pthread_mutex_unlock(&s.lock);
            if (computed && fins == m->size - 1) break;
            const struct timespec idle = {0, idle_ns};
            nanosleep(&idle, NULL);
            if (idle_ns < IDLE_MAX_NS) idle_ns *= 2;
        }
    }
    if (started) pthread_join(worker, NULL);
    outbox_free(&ob, m->size);
    pthread_mutex_destroy(&s.lock);
    inboxes_free(in, sc->n_models);
    if (s.st) {
        *err = s.err;
        return s.st;
    }
    /* a signal after the last point changes nothing: the run is complete */
    if (portee_h5w_points_done(job->w) < portee_h5w_points_wanted(job->w))
        return portee_fail(err, PORTEE_EINTR, "interrupted by a signal");
    return PORTEE_OK;
}

portee_status_t portee_mpi_run(const portee_mpi_t *m, const portee_scenario_t *sc, portee_job_t *job,
                               int threads, volatile sig_atomic_t *stop, portee_error_t *err)
{
    return m->rank == 0 ? run_server(m, sc, job, threads, stop, err) : run_client(sc, threads, stop, err);
}

#endif
