/* h5part.h — a results file read back as the part of a run it holds: its
 * scenario, which (model, point) pairs are in it, and whether it is a shard
 * or an interrupted run.  `portee merge` joins such parts and `portee run
 * --resume` finishes one; both copy rows out of them (portee_h5w_copy).  The
 * file is not kept open: a merge of thousands of parts needs no more file
 * descriptors than one.
 *
 * Files are checked as `portee info` checks them; a file that is not a
 * portee results file, or whose /scenario no longer loads, is a
 * PORTEE_EINPUT error naming the path. */
#ifndef PORTEE_H5PART_H
#define PORTEE_H5PART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/scenario/scenario.h"
#include "sim/base/status.h"

typedef struct portee_part {
    char *path;
    portee_scenario_t *sc;   /* /scenario, loaded; sc->resolved is the stored text */
    uint64_t points_done;    /* points every model holds */
    bool complete;
    uint64_t shard_index, shard_count; /* count 0: not a shard */
    uint64_t threads, ranks;
    double wall_time;
    char *start_time;
    unsigned char *done;     /* [sc->n_models][sc->n_points] */
} portee_part_t;

/* The file's /scenario is loaded against reg. */
portee_status_t portee_part_open(const char *path, const portee_registry_t *reg, portee_part_t **out,
                                 portee_error_t *err);
void portee_part_close(portee_part_t *p); /* NULL-safe */

/* True when two resolved scenario texts describe the same run: they may
 * differ only in the file their comment line says they were loaded from
 * (not in the portee version it names) and in their name.  Otherwise false, and why names the
 * first difference (version, seed, replicates or the first differing line). */
bool portee_part_same_run(const char *a, const char *b, char *why, size_t len);

#endif
