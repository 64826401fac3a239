/* h5write_internal.h — the results writer's state, shared by h5write.c
 * (opening, writing points, committing) and h5layout.c (the datasets a
 * scenario makes).  Only for those two files. */
#ifndef PORTEE_RESULTS_H5WRITE_INTERNAL_H
#define PORTEE_RESULTS_H5WRITE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hdf5.h>

#include "sim/results/h5write.h"
#include "sim/scenario/scenario.h"

typedef struct {
    hid_t group, summary, series, hist, reps, inputs, quant;
    hid_t d_summary[PORTEE_MAX_OUTPUTS]; /* [points] or, for a series, [points x steps] */
    hid_t d_edges[PORTEE_MAX_OUTPUTS], d_counts[PORTEE_MAX_OUTPUTS];
    hid_t d_reps[PORTEE_MAX_OUTPUTS];    /* [points x replicates] or [points x steps x replicates] */
    hid_t d_inputs[PORTEE_MAX_PARAMS];   /* [points x replicates] */
    hid_t d_quant[PORTEE_MAX_OUTPUTS];   /* output.quantiles: [points x K] or [points x steps x K] */
} model_h5_t;

struct portee_h5w {
    const portee_scenario_t *sc;
    char *path, *tmp;
    char *notes; /* temporaries of dead writers removed at the start, for the user */
    hid_t file;
    hid_t summary_type;
    model_h5_t models[PORTEE_MAX_MODELS];
    unsigned char *done; /* [n_models][n_points]: 1 once a point's results are in */
    uint64_t shard_index, shard_count; /* count 0: not a shard */
    bool write_failed;
    /* Room kept for closing the file after the disk fills up: an unlinked
     * file held open (its blocks go back when it is closed, or when the
     * process dies, so it is never left behind).  -1: none. */
    int reserve_fd;
    bool out_of_space; /* a write failed for want of space; the reserve is released */
};

/* A dataset whose first dimension is the sweep point (see h5layout.c for
 * fill, chunk and compress). */
hid_t portee_h5w_make_dataset(hid_t loc, const char *name, hid_t type, int rank, const hsize_t *dims,
                              const hsize_t *chunk, bool compress, const void *fill, const char *units,
                              const char *description);
/* /points: each point's index and swept values. */
portee_status_t portee_h5w_write_points(portee_h5w_t *w);
/* Model mi's group and every dataset of it, empty. */
portee_status_t portee_h5w_create_model(portee_h5w_t *w, size_t mi);

#endif
