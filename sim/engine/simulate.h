/* simulate.h — one model's replicates, computed as the engine computes them,
 * for whoever needs the numbers without a whole run (tests, benchmarks).
 *
 * Replicate i of sweep point p of the model at index m of a scenario with
 * seed s draws from the stream (s, m, p, i): the stream is positioned, the
 * parameters given as distributions are drawn from it in parameter order
 * (whole-number parameters rounded), then the model simulates from the same
 * stream.  portee_sim_replicate() is that step, and the engine's hot loop
 * calls it too, so a replicate computed here is bit for bit the engine's.
 *
 * Two levels:
 *  - portee_sim_point_t: a point's parameters ready for the hot loop and the
 *    model's prepared workspace (the engine holds one per point of a group);
 *  - portee_sim_t: the same with its own stream, output row and parameter
 *    vector.  Everything is allocated by portee_sim_init*(), nothing per
 *    replicate; portee_sim_free() releases it.  Not shared between threads.
 *
 * The model's prepare() is told how many replicates the point has, as the
 * engine tells it (a scenario's `replicates`): it may pick another sampler
 * (other random numbers) for another count. */
#ifndef PORTEE_SIMULATE_H
#define PORTEE_SIMULATE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "sim/base/status.h"
#include "sim/numeric/dist.h"
#include "sim/numeric/rng.h"
#include "sim/scenario/model.h"
#include "sim/scenario/scenario.h"

typedef struct {
    const portee_model_t *m;
    portee_dist_t params[PORTEE_MAX_PARAMS]; /* [m->n_params]: constants or distributions */
    double base[PORTEE_MAX_PARAMS];          /* constants in place, whole numbers rounded */
    unsigned char drawn[PORTEE_MAX_PARAMS];  /* the parameters drawn per replicate */
    size_t n_drawn;
    void *ws; /* the model's prepared workspace, or NULL */
} portee_sim_point_t;

/* Fills pt for model m with these parameters (params may be pt->params) and
 * runs the model's prepare() for `replicates` replicates.  PORTEE_ENOMEM
 * when prepare() fails; pt then holds no workspace. */
portee_status_t portee_sim_point_prepare(portee_sim_point_t *pt, const portee_model_t *m,
                                         const portee_dist_t *params, uint64_t replicates,
                                         portee_error_t *err);
/* Releases the workspace.  NULL-safe, idempotent. */
void portee_sim_point_release(portee_sim_point_t *pt);

/* One replicate: positions r (a portee_rng_philox generator) at the stream
 * (seed, model, point, replicate), draws the distributed parameters into
 * p[PORTEE_MAX_PARAMS] and simulates into out (model.h).  Returns the
 * parameter vector used (p, or pt->base when nothing is drawn).  Inline: it
 * is the engine's hot loop. */
static inline const double *portee_sim_replicate(const portee_sim_point_t *pt, gsl_rng *r,
                                                 uint64_t seed, uint16_t model, uint64_t point,
                                                 uint32_t replicate, double *p,
                                                 double *const *out)
{
    const portee_model_t *m = pt->m;
    portee_rng_stream(r, seed, model, point, replicate);
    const double *pv = pt->base; /* constants need no copy */
    if (pt->n_drawn) {
        memcpy(p, pt->base, m->n_params * sizeof *p);
        for (size_t d = 0; d < pt->n_drawn; d++) {
            const size_t j = pt->drawn[d];
            const double x = portee_dist_draw(&pt->params[j], r);
            p[j] = m->params[j].type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
        }
        pv = p;
    }
    m->simulate(pv, pt->ws, r, out);
    return pv;
}

/* What a portee_sim_t simulates. */
typedef struct {
    const portee_model_t *model;
    const portee_dist_t *params; /* [model->n_params]; series lengths must be constants */
    uint64_t seed;
    size_t model_index;  /* the model's index in its scenario: part of the stream */
    uint64_t point;      /* the sweep point: part of the stream */
    uint64_t replicates; /* the point's replicate count, as prepare() is told */
} portee_sim_spec_t;

typedef struct {
    portee_sim_point_t pt;
    uint64_t seed, point, replicates;
    uint16_t model_index;
    size_t n_columns;                  /* output layout, as portee_point_result_t's */
    size_t length[PORTEE_MAX_OUTPUTS], offset[PORTEE_MAX_OUTPUTS];
    size_t n_inputs;                   /* the parameters given as distributions */
    size_t input_param[PORTEE_MAX_PARAMS];
    gsl_rng *r;
    double *row;                       /* [n_columns]: the last replicate's outputs */
    double *out[PORTEE_MAX_OUTPUTS];   /* output o of the last replicate: row + offset[o] */
    double p[PORTEE_MAX_PARAMS];
} portee_sim_t;

/* Sets s up for spec: layout, stream, output row, the model's workspace.
 * PORTEE_EINPUT for a series whose length is a distribution, PORTEE_ENOMEM.
 * On failure s holds nothing (portee_sim_free() is still safe). */
portee_status_t portee_sim_init(portee_sim_t *s, const portee_sim_spec_t *spec, portee_error_t *err);
/* The same for model `model` of a loaded scenario at sweep point `point`:
 * its parameters there, the scenario's seed and replicates. */
portee_status_t portee_sim_init_scenario(portee_sim_t *s, const portee_scenario_t *sc, size_t model,
                                         uint64_t point, portee_error_t *err);
void portee_sim_free(portee_sim_t *s); /* NULL-safe, idempotent */

/* Replicate i of the point: its outputs in s->row (s->out), the parameters
 * it used returned ([model->n_params]). */
const double *portee_sim_one(portee_sim_t *s, uint32_t replicate);
/* Replicates first .. first + n - 1 in the engine's layout:
 * values[c * n + k] is column c of replicate first + k, inputs[d * n + k]
 * the draw of distributed parameter d (inputs may be NULL). */
void portee_sim_run(portee_sim_t *s, uint32_t first, uint32_t n, double *values, double *inputs);

#endif
