/* engine.h — runs a scenario: every model at every sweep point, `replicates`
 * replicates each, in parallel with OpenMP over points and replicates.
 *
 * Replicate i of point p of model m always draws from the stream
 * (seed, m, p, i), and summaries are computed in replicate order, so results
 * are bit-identical whatever the thread count and whichever points run
 * together.  Results are handed to a callback one point at a time, in the
 * order of the batches, from the calling thread.
 *
 * A failed allocation (a model's tables included) is a PORTEE_ENOMEM error,
 * provided GSL's default error handler, which aborts, is off
 * (gsl_set_error_handler_off() in the program's main). */
#ifndef PORTEE_ENGINE_H
#define PORTEE_ENGINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/scenario/scenario.h"
#include "sim/numeric/stats.h"
#include "sim/base/status.h"

/* One point's results.  Columns: every single-value output is one column,
 * a series one column per step (output o occupies columns offset[o] ..
 * offset[o] + length[o] - 1). */
typedef struct {
    size_t model;                   /* index into scenario->models */
    uint64_t point;
    uint64_t replicates;
    size_t n_columns;
    const size_t *length, *offset;  /* per output of the model */
    const double *values;           /* [n_columns][replicates]; NULL unless kept (below) */
    const portee_summary_t *summary; /* [n_columns] */
    unsigned bins;
    const double *hist_edges;       /* [n_outputs][bins + 1]; single values only */
    const uint64_t *hist_counts;    /* [n_outputs][bins] */
    size_t n_inputs;                /* parameters given as distributions */
    const size_t *input_param;      /* their indices in the model's table */
    const double *inputs;           /* [n_inputs][replicates]: the values drawn; NULL unless kept */
    size_t n_quantiles;             /* the scenario's output.quantiles */
    const double *quantiles;        /* [n_columns][n_quantiles] */
} portee_point_result_t;

typedef portee_status_t (*portee_point_fn)(void *ctx, const portee_point_result_t *res,
                                           portee_error_t *err);

/* Where the points to run come from: fills points[] with at most max[*model]
 * sweep points of one model (max[] is indexed by model) and returns how
 * many; 0 when there are no more.  Called from the engine's thread only. */
typedef uint64_t (*portee_batch_fn)(void *ctx, const uint64_t *max, size_t *model, uint64_t *points);

typedef struct {
    int threads;               /* 0 = OpenMP's default (OMP_NUM_THREADS or all cores) */
    portee_point_fn on_point;  /* may be NULL */
    void *ctx;
    /* May be NULL.  When *stop becomes non-zero (a signal handler sets it),
     * the run stops within a replicate and returns PORTEE_EINTR: the group
     * of points being simulated is dropped, every point simulated before
     * reaches on_point. */
    const volatile sig_atomic_t *stop;
    /* May be NULL: every point of every model, model by model in point
     * order.  Otherwise the batches it hands out (a shard, the points a
     * resumed run still lacks, an MPI rank's share). */
    portee_batch_fn next_batch;
    void *batch_ctx;
    /* The replicates' values and inputs reach on_point (they always do when
     * the scenario keeps them: output.replicates). */
    bool keep_values;
} portee_engine_opts_t;

portee_status_t portee_engine_run(const portee_scenario_t *sc, const portee_engine_opts_t *opts,
                                  portee_error_t *err);

/* The most points of a model the engine runs as one group: enough
 * replicates to keep every thread busy, at most 256 MB of values. */
uint64_t portee_engine_group_points(const portee_scenario_t *sc, size_t model);
/* That for every model, in max[PORTEE_MAX_MODELS] (the table a batch
 * function is given); returns the largest. */
uint64_t portee_engine_group_table(const portee_scenario_t *sc, uint64_t *max);
/* The engine's peak memory for sc: the largest group of points in flight
 * (their values, inputs, summaries and histograms) and each thread's scratch. */
uint64_t portee_engine_memory(const portee_scenario_t *sc, int threads);

/* The parameters of a model given as distributions (their draws are the
 * point's `inputs`): their indices in input_param[PORTEE_MAX_PARAMS]. */
size_t portee_engine_inputs(const portee_scenario_t *sc, size_t model, size_t *input_param);

/* Threads a run with opts->threads = t would use. */
int portee_engine_threads(int t);

#endif
