/* work.h — which (model, sweep point) pairs a run still has to compute, and
 * the engine's batches of them.
 *
 * A run starts with every pair to do; a shard keeps every n-th point, a
 * resumed run drops the pairs its earlier file already holds.  Batches go
 * model by model in point order; with `ways` > 1 (MPI ranks sharing the
 * list) they shrink as the list empties (guided scheduling: at most
 * remaining / (4 ways)), so the last points spread over the ranks instead of
 * one rank finishing alone.  Which
 * points run together never changes their results (engine.h). */
#ifndef PORTEE_WORK_H
#define PORTEE_WORK_H

#include <stdint.h>

#include "sim/scenario/scenario.h"
#include "sim/base/status.h"

typedef struct {
    size_t n_models;
    uint64_t n_points;
    unsigned char *todo; /* [n_models][n_points]: 1 = still to run */
    uint64_t remaining;  /* pairs not yet handed out */
    size_t model;        /* cursor */
    uint64_t next;
    unsigned ways;       /* ranks sharing the list; 0 or 1 = no shrinking */
} portee_work_t;

/* Every pair of the scenario to do. */
portee_status_t portee_work_init(portee_work_t *w, const portee_scenario_t *sc, portee_error_t *err);
void portee_work_free(portee_work_t *w); /* NULL-safe */
/* Keeps only the points p with p % count == index (0 <= index < count). */
void portee_work_shard(portee_work_t *w, uint64_t index, uint64_t count);
/* Marks a pair as done already. */
void portee_work_drop(portee_work_t *w, size_t model, uint64_t point);
/* A portee_batch_fn (engine.h); ctx is the portee_work_t. */
uint64_t portee_work_next(void *ctx, const uint64_t *max, size_t *model, uint64_t *points);

/* How many of `points` sweep points shard index/count holds (count 0: all). */
uint64_t portee_shard_points(uint64_t points, uint64_t index, uint64_t count);

/* "3/10" -> index 3, count 10; false (with a reason in why) unless
 * 0 <= index < count <= 1e6. */
int portee_work_parse_shard(const char *text, uint64_t *index, uint64_t *count, char *why, size_t len);

#endif
