/* scenario.h — a scenario file, loaded, checked and resolved.
 *
 * portee_scenario_load() reads YAML (or the embedded default), applies
 * `--set key.path=value` overrides, and checks every key against the models'
 * parameter tables: unknown keys (with a near-miss suggestion), wrong types,
 * out-of-range values, bad distributions and inconsistent parameters are all
 * PORTEE_EINPUT errors naming file:line:column.  The result owns everything it
 * points to; portee_scenario_free() releases it.
 *
 * The page's parameters (registry's page table) are given once, in `page:`,
 * and copied into every model that reads them.  Keys of an earlier version
 * (a page parameter in a model's section, a renamed parameter) still load,
 * each with a warning in sc->warnings that names the new key. */
#ifndef PORTEE_SCENARIO_H
#define PORTEE_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/numeric/dist.h"
#include "sim/scenario/model.h"
#include "sim/base/lang.h"
#include "sim/base/status.h"

#define PORTEE_MAX_MODELS 8
#define PORTEE_MAX_AXES 8
#define PORTEE_MAX_REPLICATES 100000000ULL
#define PORTEE_MAX_POINTS 1000000ULL
#define PORTEE_SCENARIO_MAX_BYTES (1u << 20)
#define PORTEE_MAX_WARNINGS 32
#define PORTEE_MAX_QUANTILES 9 /* output.quantiles */

typedef struct {
    const portee_model_t *model;
    portee_dist_t params[PORTEE_MAX_PARAMS]; /* page rows hold the page's values */
} portee_model_cfg_t;

/* The page: its preset and its parameters, in the registry's page order. */
typedef struct {
    const char *preset;  /* the preset named (static), or NULL */
    portee_dist_t params[PORTEE_MAX_PAGE_PARAMS];
    bool used[PORTEE_MAX_PAGE_PARAMS]; /* read by a model of the scenario */
} portee_page_cfg_t;

/* A (model, parameter) pair a sweep axis sets. */
typedef struct {
    size_t model;      /* index into portee_scenario_t.models */
    size_t param;      /* index into the model's parameter table */
} portee_axis_target_t;

typedef struct {
    char *path;        /* "page.followers", "reach.share_rate" */
    int page;          /* the page parameter swept, or -1 for a model's own */
    /* what it sets: every model reading a page parameter, or the one model */
    portee_axis_target_t target[PORTEE_MAX_MODELS];
    size_t n_targets;
    /* grid: the axis's distinct values (points combine them); sampled
     * design: its value at each point (n = samples, the design_points column) */
    double *values;
    size_t n;
    bool is_range;     /* given as {from, to, steps, scale} ({from, to, scale} when
                          sampled), re-emitted so */
    bool log_scale;
    double from, to;
} portee_sweep_axis_t;

/* How the sweep's points are chosen: every combination of the axes' values,
 * or `samples` points drawn over the axes' ranges (Latin hypercube, or the
 * Sobol sequence of GSL's gsl_qrng_sobol). */
typedef enum { PORTEE_DESIGN_GRID, PORTEE_DESIGN_LATIN, PORTEE_DESIGN_SOBOL } portee_design_t;

typedef struct portee_scenario {
    const portee_registry_t *registry; /* the models it was loaded against */
    char *source;      /* path, or "<default>" */
    char *name;
    char *description;
    uint64_t seed;
    uint64_t replicates;
    portee_page_cfg_t page;
    portee_model_cfg_t models[PORTEE_MAX_MODELS];
    size_t n_models;
    portee_sweep_axis_t axes[PORTEE_MAX_AXES];
    size_t n_axes;
    uint64_t n_points;  /* grid: product of the axes' lengths; sampled: samples; 1 without a sweep */
    portee_design_t design;
    /* sweep.common_random_numbers: replicate i of every point draws from the
     * same stream (default for a grid, off for sampled designs), so the
     * differences between points are free of most Monte Carlo noise */
    bool common_random_numbers;
    double *design_points; /* sampled designs: [n_points][n_axes]; NULL for the grid */
    bool keep_replicates;
    unsigned histogram_bins;
    /* output.quantiles: levels kept besides p05..p95, ascending, each in
     * (0, 1) (/MODEL/quantiles/OUTPUT) */
    double quantiles[PORTEE_MAX_QUANTILES];
    size_t n_quantiles;
    portee_lang_t language; /* output.language: charts, reports and tables (default en) */
    char currency[4];       /* output.currency: ISO 4217 code of budgets and costs (default USD) */
    double max_size_gb; /* output.max_size: a run refuses a larger results file; 0 = no limit.
                           Not part of the results, so not in `resolved` */
    char *resolved;     /* the full resolved scenario as YAML, re-runnable */
    char *warnings[PORTEE_MAX_WARNINGS]; /* "src:line:col: ..." (old names), for the user */
    size_t n_warnings;
} portee_scenario_t;

/* The sweep point whose random streams POINT uses: itself, or 0 under
 * common random numbers. */
static inline uint64_t portee_scenario_stream_point(const portee_scenario_t *sc, uint64_t point)
{
    return sc->common_random_numbers ? 0 : point;
}

/* The embedded default scenario (scenarios/default.yaml). */
extern const char portee_default_scenario[];
extern const size_t portee_default_scenario_len;

/* Sections name models of reg (which must outlive the scenario).  path
 * NULL = the embedded default.  sets: "key.path=value" strings. */
portee_status_t portee_scenario_load(const portee_registry_t *reg, const char *path,
                                     const char *const *sets, size_t n_sets,
                                     portee_scenario_t **out, portee_error_t *err);
/* Same, from text in memory; src names it in messages. */
portee_status_t portee_scenario_load_text(const portee_registry_t *reg, const char *src,
                                          const char *text, size_t len, const char *const *sets,
                                          size_t n_sets, portee_scenario_t **out,
                                          portee_error_t *err);
void portee_scenario_free(portee_scenario_t *sc);

/* A model's output layout (see portee_model_layout): the same at every point,
 * since series lengths come from constant, unswept parameters. */
size_t portee_scenario_layout(const portee_scenario_t *sc, size_t model, size_t *length,
                              size_t *offset);

/* "grid", "latin" or "sobol". */
const char *portee_design_name(portee_design_t d);

/* Values of every sweep axis at a point (grid: first axis varies slowest). */
void portee_scenario_point_values(const portee_scenario_t *sc, uint64_t point, double *values);
/* The parameter an axis sweeps (a page parameter or a model's). */
const portee_param_def_t *portee_scenario_axis_def(const portee_scenario_t *sc, size_t axis);
/* A model's parameters at a point: its configured values with sweep values in place. */
void portee_scenario_point_params(const portee_scenario_t *sc, size_t model, uint64_t point,
                                  portee_dist_t *params);

#endif
