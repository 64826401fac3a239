/* h5write.h — the results file (DESIGN.md §5).
 *
 * Layout: root attributes (provenance), /scenario (resolved YAML), /points
 * (one row per sweep point: its index and swept values), and per model
 * /<model>/summary/<output> (compound n, mean, sd, se, p05..p95 per point),
 * /<model>/histogram/<output>/{edges,counts}, and unless switched off
 * /<model>/replicates/<output> (points x replicates, chunked, compressed).
 * Every dataset carries `units` and `description` attributes.
 *
 * The file is written under a temporary name beside the target and renamed
 * only by portee_h5w_commit(), so a failed or killed run never leaves a
 * half-written file under the final name nor touches an existing one. */
#ifndef PORTEE_H5WRITE_H
#define PORTEE_H5WRITE_H

#include "sim/engine.h"
#include "sim/scenario.h"

typedef struct portee_h5w portee_h5w_t;

typedef struct {
    int threads;
    int ranks;
    double wall_time;      /* seconds */
    const char *start_time; /* ISO 8601, UTC */
} portee_run_info_t;

/* Creates the temporary file and every dataset.  Bad paths fail here, before
 * any simulation, with PORTEE_EINPUT and the path in the message. */
portee_status_t portee_h5w_open(const char *path, const portee_scenario_t *sc, portee_h5w_t **w,
                                portee_error_t *err);
/* The temporary file's name (for a signal handler that must delete it). */
const char *portee_h5w_temp_path(const portee_h5w_t *w);
/* Writes one point's results (an engine callback: ctx is the writer). */
portee_status_t portee_h5w_point(void *w, const portee_point_result_t *res, portee_error_t *err);
/* Writes provenance, closes, and renames the temporary file to its final name. */
portee_status_t portee_h5w_commit(portee_h5w_t *w, const portee_run_info_t *info,
                                  portee_error_t *err);
/* Closes and deletes the temporary file; the target is untouched.  NULL-safe. */
void portee_h5w_abort(portee_h5w_t *w);

/* Call once at program start: silences HDF5's own error printing (portee
 * reports errors itself) and its exit-time cleanup, which would crash on a
 * file abandoned after a failed write (see portee_h5w_abort). */
void portee_h5_init(void);

#endif
