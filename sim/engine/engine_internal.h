/* engine_internal.h — what engine.c and stream.c share: one model's run
 * plan and a group of points in flight.  Not for use outside the engine. */
#ifndef PORTEE_ENGINE_INTERNAL_H
#define PORTEE_ENGINE_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/engine/engine.h"
#include "sim/engine/simulate.h"
#include "sim/numeric/tally.h"

#define CHUNK 512 /* replicates a thread simulates before it stores them */
/* A thread's column buffer holds column c at c * COL_STRIDE: a stride of
 * exactly 4 KiB would put every column's store of one replicate in the same
 * L1 cache set. */
#define COL_STRIDE (CHUNK + 8)

/* Points with more replicates than this are summarised as they stream
 * (tally.h) instead of from their stored values: one point per group. */
#define STREAM_MIN_REPLICATES ((uint64_t)1 << 18)

/* What every point of one model's run shares. */
typedef struct {
    const portee_scenario_t *sc;
    size_t model;
    const portee_model_t *m;
    uint64_t R;
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    size_t n_columns;
    size_t input_param[PORTEE_MAX_PARAMS]; /* parameters given as distributions */
    size_t n_inputs;
    bool keep_values;    /* the replicates' values go to on_point */
    bool stream;         /* R > STREAM_MIN_REPLICATES */
} plan_t;

typedef struct {
    uint64_t count;               /* points in this group */
    const uint64_t *point;        /* [count]: their indices in the sweep (the batch) */
    portee_sim_point_t *pt;       /* per point: parameters, the model's workspace */
    double *values;               /* [count][n_columns][R], when kept or not streamed */
    double *inputs;               /* [count][n_inputs][R], when kept */
} group_t;

/* A streamed point's state: per-block moments (combined in block order),
 * per-thread tallies (merged by adding counts) and column buffers. */
typedef struct {
    int threads;
    uint64_t block, n_blocks;   /* replicates per block; blocks per point */
    portee_moments_t *moments;  /* [n_blocks][n_columns] */
    portee_tally_t *tally;      /* [threads][n_columns] */
    size_t n_tallies;
    double *cols;               /* [threads][n_columns + n_inputs][COL_STRIDE] */
} stream_t;

/* A thread's generator and output row, written at every draw and every
 * replicate: on cache lines of their own, as two threads' small mallocs can
 * share one (measured: false sharing there halved each thread's speed). */
typedef struct {
    gsl_rng *r;
    double *row;
} lane_t;
bool portee_lane_init(lane_t *l, size_t columns); /* false: out of memory */
void portee_lane_free(lane_t *l);                 /* NULL-safe, idempotent */

/* The output a column belongs to. */
size_t portee_engine_output_of(const plan_t *pl, size_t col);

portee_status_t portee_stream_init(stream_t *s, const plan_t *pl, int threads, portee_error_t *err);
void portee_stream_free(stream_t *s);
uint64_t portee_stream_bytes(const plan_t *pl, int threads);

/* Simulates the group's single point, counting it into the tallies and
 * storing its values when kept; then its summaries, histograms and
 * quantiles.  Returns non-zero when memory ran out. */
int portee_stream_point(const plan_t *pl, const group_t *g, stream_t *s, const volatile sig_atomic_t *stop,
                        portee_summary_t *sum, double *edges, uint64_t *counts, double *quant);

#endif
