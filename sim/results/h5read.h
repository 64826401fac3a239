/* h5read.h — reads the summary part of a results file back (for `portee info`
 * and the end-of-run table).  Foreign, truncated or partial files are
 * PORTEE_EINPUT errors that name the path and what is missing. */
#ifndef PORTEE_H5READ_H
#define PORTEE_H5READ_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/numeric/stats.h"
#include "sim/scenario/model.h"
#include "sim/base/lang.h"
#include "sim/base/status.h"

typedef struct {
    char *name, *units;
    portee_summary_t *rows; /* one per point */
    const portee_output_def_t *def; /* the model's definition of the output */
    /* output.quantiles, when the run asked for them: quantiles[point][k] at
     * levels[k], k < n_quantiles */
    size_t n_quantiles;
    double levels[9];
    double *quantiles;
} portee_results_output_t;

typedef struct {
    char *name, *units, *step;
    uint64_t first_step, n_steps;
    portee_summary_t *rows; /* [points][n_steps] */
} portee_results_series_t;

typedef struct {
    char *name;
    portee_results_output_t *outputs;
    size_t n_outputs;
    portee_results_series_t *series;
    size_t n_series;
} portee_results_model_t;

typedef struct {
    char *path;
    char *version, *scenario_name, *scenario_source, *rng, *start_time, *host;
    char *scenario_description; /* NULL when the scenario had none */
    portee_lang_t language;     /* output.language of the run: what plot, report and info use by default */
    char currency[4];           /* output.currency of the run */
    uint64_t seed, replicates, n_points, threads, ranks;
    double wall_time;
    bool complete;          /* false: an interrupted run or a shard */
    uint64_t points_done;   /* points whose results are in (rows of the others have n = 0) */
    uint64_t shard_index, shard_count; /* count 0: not a shard */
    char *design;           /* "grid", "latin" or "sobol" (the /points table's attribute) */
    char **axes;            /* swept parameter paths */
    size_t n_axes;
    double *axis_values;    /* [n_points][n_axes] */
    portee_results_model_t *models;
    size_t n_models;
} portee_results_t;

/* Reads the groups of the models of reg that the file holds. */
portee_status_t portee_results_read(const char *path, const portee_registry_t *reg,
                                    portee_results_t **out, portee_error_t *err);
/* Points the file is meant to hold: all, or a shard's share. */
uint64_t portee_results_wanted(const portee_results_t *r);
void portee_results_free(portee_results_t *r);

/* Lower level, for charts: an open results file and one point's row of a
 * dataset whose first dimension is the sweep point.  Each returns false when
 * the dataset is missing or not of the expected kind; *out is malloc'd. */
typedef struct portee_h5file portee_h5file_t;
portee_status_t portee_h5file_open(const char *path, portee_h5file_t **f, portee_error_t *err);
void portee_h5file_close(portee_h5file_t *f);
bool portee_h5file_has(const portee_h5file_t *f, const char *dataset);
/* Numbers of row `point` ([points x ...], any numeric type) as doubles. */
bool portee_h5file_row(const portee_h5file_t *f, const char *dataset, uint64_t point, double **out,
                       size_t *n);
/* Summaries of row `point` of a summary dataset ([points] or [points x steps]). */
bool portee_h5file_summaries(const portee_h5file_t *f, const char *dataset, uint64_t point,
                             portee_summary_t **out, size_t *n);
/* Field `name` of row `point` of a compound table ([points]). */
bool portee_h5file_field(const portee_h5file_t *f, const char *dataset, const char *name,
                         uint64_t point, double *x);
/* A string attribute of a dataset, malloc'd. */
bool portee_h5file_attr(const portee_h5file_t *f, const char *dataset, const char *attr, char **out);
/* A whole-number attribute of a dataset. */
bool portee_h5file_attr_u64(const portee_h5file_t *f, const char *dataset, const char *attr,
                            uint64_t *out);

#endif
