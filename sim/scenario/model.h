/* model.h — the interface every model in models/ implements, and the list of
 * models a program knows (its registry: models/registry.c has portee's).
 *
 * A model is data plus one function: a parameter table (name, type, unit,
 * default, valid range, help), an output table, a cross-parameter check and
 * simulate(), which turns one parameter vector and one random stream into one
 * replicate's outputs.  simulate() must not allocate, lock, print or keep
 * state between calls: the engine calls it from many threads at once.  An
 * optional prepare() precomputes, once per sweep point, what every replicate
 * of that point shares (read-only in simulate()).  The engine and the
 * scenario loader know nothing else about a model. */
#ifndef PORTEE_MODEL_H
#define PORTEE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "sim/numeric/dist.h"

#define PORTEE_MAX_PARAMS 48
#define PORTEE_MAX_OUTPUTS 32
#define PORTEE_MAX_PAGE_PARAMS 16

typedef enum {
    PORTEE_PARAM_REAL,  /* any real in [min, max] */
    PORTEE_PARAM_INT,   /* an integer in [min, max]; distribution draws are rounded */
    PORTEE_PARAM_PROB   /* a probability in [0, 1] */
} portee_param_type_t;

typedef struct {
    const char *name;
    portee_param_type_t type;
    const char *unit;
    double def, min, max;
    const char *help;
    /* The page's: a property of the page itself (its followers, its reach
     * rate...), given once in the scenario's `page:` section and the same
     * for every model.  The row is the registry's page row, word for word. */
    bool page;
} portee_param_def_t;

typedef struct {
    const char *name;
    const char *unit;
    const char *help;
    bool integer; /* values are whole numbers (histograms use integer bins) */
    /* A series (one value per hour, per week...) names the parameter that
     * sets its length: length = that parameter + length_offset, or 0 (no
     * series) when the parameter is 0.  The
     * parameter must be a constant, the same at every sweep point.  NULL for
     * a single value. */
    const char *length_from;
    int length_offset;
    const char *step;   /* what one step is: "hour", "week" */
    int first_step;     /* label of the first step (hour 0, week 1) */
    /* A warning the run's summary prints for a point whose mean or 95 %
     * quantile of this single-valued output reaches warn_at (0: none), with
     * the sentence `warn` saying what it means (a model's alarm that must
     * not stay hidden in a table: a cascade near criticality, one cut
     * short).  warn_at = DBL_MIN warns when any replicate is positive. */
    double warn_at;
    const char *warn;
} portee_output_def_t;

/* A named set of parameter values (`page: {platform: linkedin}`), applied
 * before any key of the scenario, which overrides it.  A parameter is a page
 * parameter's name ("reach_rate") or a model's parameter ("reach.share_rate",
 * set when that model runs). */
#define PORTEE_PRESET_MAX 8
typedef struct {
    const char *name;
    const char *help; /* where its numbers come from */
    const char *param[PORTEE_PRESET_MAX];
    double value[PORTEE_PRESET_MAX];
} portee_preset_t;

/* A parameter's name before this version of portee: scenarios using it still
 * load, with a warning naming the new key. */
typedef struct {
    const char *old_name, *new_name;
} portee_alias_t;

typedef struct portee_model {
    const char *name;  /* the scenario section and HDF5 group */
    const char *help;
    const portee_param_def_t *params;
    size_t n_params;
    const portee_output_def_t *outputs;
    size_t n_outputs;
    size_t main_output;
    const portee_alias_t *aliases; /* renamed parameters; may be NULL */
    size_t n_aliases;
    /* Constraints between parameters, checked on every parameter's support
     * [lo[i], hi[i]] before a run; false with a reason in why if violated. */
    bool (*check)(const double *lo, const double *hi, char *why, size_t why_len);
    /* Optional.  params: the point's parameters (constants or distributions);
     * replicates: how many replicates will use the result.  Returns a
     * workspace for simulate(), or NULL with *failed = false when nothing is
     * worth precomputing, or NULL with *failed = true when out of memory. */
    void *(*prepare)(const portee_dist_t *params, uint64_t replicates, bool *failed);
    void (*release)(void *workspace); /* NULL-safe */
    /* out[o] points to output o's values: one for a single value, its length
     * (see portee_model_layout) for a series. */
    void (*simulate)(const double *params, const void *workspace, gsl_rng *r, double *const *out);
} portee_model_t;

/* The models a program knows, in scenario order.  The scenario loader and
 * the results reader take it as an argument: the library never names a
 * model itself. */
typedef struct {
    const portee_model_t *const *models;
    size_t n_models;
    /* The page: the parameters the models share (rows that models' tables
     * repeat with .page set), and its presets, selected by preset_key. */
    const portee_param_def_t *page;
    size_t n_page;
    const char *preset_key;
    const portee_preset_t *presets;
    size_t n_presets;
} portee_registry_t;

/* The model called name, or NULL. */
const portee_model_t *portee_registry_lookup(const portee_registry_t *reg, const char *name);
/* Index of a page parameter by name, or -1. */
int portee_registry_page_index(const portee_registry_t *reg, const char *name);
/* Index of a parameter by name, or -1. */
int portee_model_param_index(const portee_model_t *m, const char *name);
const char *portee_param_type_name(portee_param_type_t t);
/* Lengths of the outputs for these parameters (1 for single values) and
 * their offsets in one row of columns; returns the number of columns. */
size_t portee_model_layout(const portee_model_t *m, const double *params, size_t *length,
                           size_t *offset);
/* True if output o is a series. */
bool portee_output_is_series(const portee_output_def_t *o);

/* Fills names[0..m->n_params) with the parameter names (for suggestions). */
void portee_model_param_names(const portee_model_t *m, const char *names[PORTEE_MAX_PARAMS]);

#endif
