/* points.c — a loaded scenario's sweep points: the values of the axes at a
 * point and each model's parameters there. */
#include <string.h>

#include "sim/scenario/scenario.h"

const char *portee_design_name(portee_design_t d)
{
    return d == PORTEE_DESIGN_LATIN ? "latin" : d == PORTEE_DESIGN_SOBOL ? "sobol" : "grid";
}

void portee_scenario_point_values(const portee_scenario_t *sc, uint64_t point, double *values)
{
    if (sc->design_points) {
        memcpy(values, sc->design_points + point * sc->n_axes, sc->n_axes * sizeof *values);
        return;
    }
    for (size_t a = sc->n_axes; a-- > 0;) {
        values[a] = sc->axes[a].values[point % sc->axes[a].n];
        point /= sc->axes[a].n;
    }
}

void portee_scenario_point_params(const portee_scenario_t *sc, size_t model, uint64_t point,
                                  portee_dist_t *params)
{
    const portee_model_cfg_t *cfg = &sc->models[model];
    memcpy(params, cfg->params, cfg->model->n_params * sizeof *params);
    double values[PORTEE_MAX_AXES];
    portee_scenario_point_values(sc, point, values);
    for (size_t a = 0; a < sc->n_axes; a++)
        for (size_t t = 0; t < sc->axes[a].n_targets; t++)
            if (sc->axes[a].target[t].model == model)
                params[sc->axes[a].target[t].param] = portee_dist_const(values[a]);
}

const portee_param_def_t *portee_scenario_axis_def(const portee_scenario_t *sc, size_t axis)
{
    const portee_sweep_axis_t *ax = &sc->axes[axis];
    if (ax->page >= 0) return &sc->registry->page[ax->page];
    return &sc->models[ax->target[0].model].model->params[ax->target[0].param];
}

size_t portee_scenario_layout(const portee_scenario_t *sc, size_t model, size_t *length,
                              size_t *offset)
{
    const portee_model_cfg_t *cfg = &sc->models[model];
    double v[PORTEE_MAX_PARAMS];
    for (size_t j = 0; j < cfg->model->n_params; j++) v[j] = cfg->params[j].field[0];
    return portee_model_layout(cfg->model, v, length, offset);
}
