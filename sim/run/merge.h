/* merge.h — the parts of one run joined into the file a single run writes:
 * `portee merge`, and `portee run --writers` once every writer group has
 * written its part.
 *
 * Parts are portee results files (job-array shards, writer groups' parts,
 * or any files) that together hold every (model, sweep point) of one run
 * exactly once.  Everything is checked before anything is written: the
 * same scenario, seed and replicates in every part, no pair in two parts,
 * none missing (with what to do about it: a shard not run, or one
 * interrupted).  The merged file is written under a temporary name and
 * renamed when complete (portee_signals_temp() names it meanwhile). */
#ifndef PORTEE_MERGE_H
#define PORTEE_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/base/status.h"
#include "sim/scenario/scenario.h"

/* What a merge joined: for the caller to tell. */
typedef struct {
    size_t parts;
    uint64_t points, replicates; /* the run's sweep points and replicates a point */
} portee_merge_info_t;

/* Joins paths[0..n) into out; info (may be NULL) says what was joined.  PORTEE_EINPUT for parts that do not make
 * one run (the message names the part and the point), PORTEE_EIO and
 * PORTEE_ENOMEM as the writer reports them.  out must not be one of the
 * parts (the caller checks it: it is a usage error there). */
portee_status_t portee_merge_parts(const char *const *paths, size_t n, const char *out,
                                   const portee_registry_t *reg, portee_merge_info_t *info,
                                   portee_error_t *err);

#endif
