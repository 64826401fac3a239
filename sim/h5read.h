/* h5read.h — reads the summary part of a results file back (for `portee info`
 * and the end-of-run table).  Foreign, truncated or partial files are
 * PORTEE_EINPUT errors that name the path and what is missing. */
#ifndef PORTEE_H5READ_H
#define PORTEE_H5READ_H

#include <stdint.h>

#include "sim/stats.h"
#include "sim/status.h"

typedef struct {
    char *name, *units;
    portee_summary_t *rows; /* one per point */
} portee_results_output_t;

typedef struct {
    char *name;
    portee_results_output_t *outputs;
    size_t n_outputs;
} portee_results_model_t;

typedef struct {
    char *path;
    char *version, *scenario_name, *scenario_source, *rng, *start_time, *host;
    uint64_t seed, replicates, n_points, threads, ranks;
    double wall_time;
    char **axes;            /* swept parameter paths */
    size_t n_axes;
    double *axis_values;    /* [n_points][n_axes] */
    portee_results_model_t *models;
    size_t n_models;
} portee_results_t;

portee_status_t portee_results_read(const char *path, portee_results_t **out, portee_error_t *err);
void portee_results_free(portee_results_t *r);

#endif
