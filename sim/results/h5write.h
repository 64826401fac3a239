/* h5write.h — the results file (docs/results.md).
 *
 * Layout: root attributes (provenance), /scenario (resolved YAML), /points
 * (one row per sweep point: its index and swept values), and per model
 * /<model>/summary/<output> (compound n, mean, sd, se, p05..p95 per point),
 * /<model>/histogram/<output>/{edges,counts}, and unless switched off
 * /<model>/replicates/<output> (points x replicates, chunked, compressed).
 * /<model>/done says which points the file holds: all of them, unless the
 * run was interrupted or is a shard: the missing points read as NaN (n = 0
 * in summaries).  The root attribute `complete` is 1 when the file holds
 * every point it was meant to (a shard: its share), `shard` names a shard.
 * Every dataset carries `units` and `description` attributes.
 *
 * The file is written under a temporary name beside the target and renamed
 * only by portee_h5w_commit(), so a failed or killed run never leaves a
 * half-written file under the final name nor touches an existing one. */
#ifndef PORTEE_H5WRITE_H
#define PORTEE_H5WRITE_H

#include "sim/engine/engine.h"
#include "sim/scenario/scenario.h"

typedef struct portee_h5w portee_h5w_t;

typedef struct {
    int threads;
    int ranks;
    double wall_time;      /* seconds */
    const char *start_time; /* ISO 8601, UTC */
    int parts;              /* a file of portee merge: how many parts; else 0 */
} portee_run_info_t;

/* The size of the results file a run of sc writes, before compression:
 * *fixed the summaries, histograms and tables (stored as they are), *replicates
 * the per-replicate datasets (stored compressed, so the file is smaller). */
void portee_h5w_estimate(const portee_scenario_t *sc, uint64_t *fixed, uint64_t *replicates);

/* Creates the temporary file and every dataset.  Bad paths fail here, before
 * any simulation, with PORTEE_EINPUT and the path in the message.  The
 * temporary file is named to the signal handler (portee_signals_temp(), so
 * that a second signal removes it) from its creation until commit or abort. */
portee_status_t portee_h5w_open(const char *path, const portee_scenario_t *sc, portee_h5w_t **w,
                                portee_error_t *err);
/* Writes one point's results (an engine callback: ctx is the writer). */
portee_status_t portee_h5w_point(void *w, const portee_point_result_t *res, portee_error_t *err);
/* Copies the (model, point) pairs where take[model * points + point] is set
 * from a part of the same run (h5part.h) and counts them as done. */
struct portee_part;
portee_status_t portee_h5w_copy(portee_h5w_t *w, const struct portee_part *src,
                                const unsigned char *take, portee_error_t *err);
/* Records that the file is shard index/count of its sweep. */
void portee_h5w_set_shard(portee_h5w_t *w, uint64_t index, uint64_t count);
/* Points whose results every model has in the file so far. */
uint64_t portee_h5w_points_done(const portee_h5w_t *w);
/* What opening the file cleaned up (temporaries of writers that died), a
 * line each; NULL if nothing. */
const char *portee_h5w_notes(const portee_h5w_t *w);
/* Points the file is meant to hold: the sweep's, or a shard's share. */
uint64_t portee_h5w_points_wanted(const portee_h5w_t *w);
/* True once any (model, point) is in the file. */
bool portee_h5w_any_done(const portee_h5w_t *w);
/* True when the file holds every (model, point) set in done[model * points
 * + point] (done of the same scenario: h5part.h's). */
bool portee_h5w_covers(const portee_h5w_t *w, const unsigned char *done);
/* True after a write failed for want of space (ENOSPC, EDQUOT) once room
 * had been reserved for closing: portee_h5w_commit can then still keep the
 * points done, in a file marked incomplete, as after a signal. */
bool portee_h5w_out_of_space(const portee_h5w_t *w);
/* Writes /MODEL/done and provenance (`complete` 1 when every point wanted
 * is in, `points_done`, `shard`), closes, and renames the temporary file to `as`,
 * or to the path given to portee_h5w_open when `as` is NULL (`as` must be
 * in the same folder).  Frees w whatever happens. */
portee_status_t portee_h5w_commit(portee_h5w_t *w, const portee_run_info_t *info, const char *as,
                                  portee_error_t *err);
/* Closes and deletes the temporary file; the target is untouched.  NULL-safe. */
void portee_h5w_abort(portee_h5w_t *w);

/* Call once at program start: silences HDF5's own error printing (portee
 * reports errors itself) and its exit-time cleanup, which would crash on a
 * file abandoned after a failed write (see portee_h5w_abort). */
void portee_h5_init(void);
/* The silencing alone, for another thread that calls HDF5 (a thread-safe
 * build keeps it per thread). */
void portee_h5_quiet(void);

#endif
