#include "sim/engine/simulate.h"

#include <stdlib.h>

#include "sim/engine/engine.h"

portee_status_t portee_sim_point_prepare(portee_sim_point_t *pt, const portee_model_t *m,
                                         const portee_dist_t *params, uint64_t replicates,
                                         portee_error_t *err)
{
    pt->m = m;
    if (params != pt->params) memcpy(pt->params, params, m->n_params * sizeof *params);
    pt->n_drawn = 0;
    for (size_t j = 0; j < m->n_params; j++) {
        const double x = pt->params[j].field[0];
        pt->base[j] = m->params[j].type == PORTEE_PARAM_INT ? floor(x + 0.5) : x;
        if (pt->params[j].kind != PORTEE_DIST_CONST) pt->drawn[pt->n_drawn++] = (unsigned char)j;
    }
    bool failed = false;
    pt->ws = m->prepare ? m->prepare(pt->params, replicates, &failed) : NULL;
    if (failed) return portee_fail(err, PORTEE_ENOMEM, "out of memory preparing the %s model", m->name);
    return PORTEE_OK;
}

void portee_sim_point_release(portee_sim_point_t *pt)
{
    if (!pt || !pt->ws) return;
    if (pt->m->release) pt->m->release(pt->ws);
    pt->ws = NULL;
}

void portee_sim_free(portee_sim_t *s)
{
    if (!s) return;
    portee_sim_point_release(&s->pt);
    gsl_rng_free(s->r);
    free(s->row);
    s->r = NULL;
    s->row = NULL;
}

/* Everything but the inputs' list, which a scenario and a bare parameter
 * table find differently. */
static portee_status_t sim_setup(portee_sim_t *s, const portee_sim_spec_t *spec, portee_error_t *err)
{
    const portee_model_t *m = spec->model;
    *s = (portee_sim_t){.seed = spec->seed, .point = spec->point, .replicates = spec->replicates,
                        .model_index = (uint16_t)spec->model_index};
    double v[PORTEE_MAX_PARAMS];
    for (size_t j = 0; j < m->n_params; j++) v[j] = spec->params[j].field[0];
    for (size_t o = 0; o < m->n_outputs; o++) {
        const char *from = m->outputs[o].length_from;
        if (from && spec->params[portee_model_param_index(m, from)].kind != PORTEE_DIST_CONST)
            return portee_fail(err, PORTEE_EINPUT, "%s.%s sets the length of the %s series: it must be "
                               "a constant", m->name, from, m->outputs[o].name);
    }
    s->n_columns = portee_model_layout(m, v, s->length, s->offset);
    s->r = gsl_rng_alloc(portee_rng_philox);
    s->row = malloc((s->n_columns + 1) * sizeof *s->row);
    portee_status_t st = PORTEE_OK;
    if (!s->r || !s->row) st = portee_fail(err, PORTEE_ENOMEM, "out of memory");
    else st = portee_sim_point_prepare(&s->pt, m, spec->params, spec->replicates, err);
    if (st) {
        portee_sim_free(s);
        return st;
    }
    for (size_t o = 0; o < m->n_outputs; o++) s->out[o] = s->row + s->offset[o];
    return PORTEE_OK;
}

portee_status_t portee_sim_init(portee_sim_t *s, const portee_sim_spec_t *spec, portee_error_t *err)
{
    portee_status_t st = sim_setup(s, spec, err);
    if (st) return st;
    s->n_inputs = s->pt.n_drawn;
    for (size_t d = 0; d < s->n_inputs; d++) s->input_param[d] = s->pt.drawn[d];
    return PORTEE_OK;
}

portee_status_t portee_sim_init_scenario(portee_sim_t *s, const portee_scenario_t *sc, size_t model,
                                         uint64_t point, portee_error_t *err)
{
    portee_dist_t params[PORTEE_MAX_PARAMS];
    portee_scenario_point_params(sc, model, point, params);
    const portee_sim_spec_t spec = {.model = sc->models[model].model, .params = params,
                                    .seed = sc->seed, .model_index = model,
                                    .point = portee_scenario_stream_point(sc, point),
                                    .replicates = sc->replicates};
    portee_status_t st = sim_setup(s, &spec, err);
    if (st) return st;
    /* the engine's inputs: the distributions of the model's section */
    s->n_inputs = portee_engine_inputs(sc, model, s->input_param);
    return PORTEE_OK;
}

const double *portee_sim_one(portee_sim_t *s, uint32_t replicate)
{
    return portee_sim_replicate(&s->pt, s->r, s->seed, s->model_index, s->point, replicate, s->p,
                                s->out);
}

void portee_sim_run(portee_sim_t *s, uint32_t first, uint32_t n, double *values, double *inputs)
{
    for (uint32_t k = 0; k < n; k++) {
        const double *pv = portee_sim_one(s, first + k);
        for (size_t c = 0; c < s->n_columns; c++) values[c * n + k] = s->row[c];
        for (size_t d = 0; inputs && d < s->n_inputs; d++) inputs[d * n + k] = pv[s->input_param[d]];
    }
}
