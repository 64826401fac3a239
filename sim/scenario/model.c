#include "sim/scenario/model.h"

#include <string.h>

const portee_model_t *portee_registry_lookup(const portee_registry_t *reg, const char *name)
{
    for (size_t i = 0; i < reg->n_models; i++)
        if (strcmp(reg->models[i]->name, name) == 0) return reg->models[i];
    return NULL;
}

int portee_registry_page_index(const portee_registry_t *reg, const char *name)
{
    for (size_t i = 0; i < reg->n_page; i++)
        if (strcmp(reg->page[i].name, name) == 0) return (int)i;
    return -1;
}

int portee_model_param_index(const portee_model_t *m, const char *name)
{
    for (size_t i = 0; i < m->n_params; i++)
        if (strcmp(m->params[i].name, name) == 0) return (int)i;
    return -1;
}

const char *portee_param_type_name(portee_param_type_t t)
{
    return t == PORTEE_PARAM_INT ? "integer" : t == PORTEE_PARAM_PROB ? "probability" : "number";
}

void portee_model_param_names(const portee_model_t *m, const char *names[PORTEE_MAX_PARAMS])
{
    for (size_t i = 0; i < m->n_params; i++) names[i] = m->params[i].name;
}

bool portee_output_is_series(const portee_output_def_t *o) { return o->length_from != NULL; }

size_t portee_model_layout(const portee_model_t *m, const double *params, size_t *length,
                           size_t *offset)
{
    size_t columns = 0;
    for (size_t o = 0; o < m->n_outputs; o++) {
        const portee_output_def_t *od = &m->outputs[o];
        size_t len = 1;
        if (od->length_from) { /* 0 switches the series off, offset or not */
            const double v = params[portee_model_param_index(m, od->length_from)];
            len = v > 0 ? (size_t)(v + od->length_offset) : 0;
        }
        length[o] = len;
        offset[o] = columns;
        columns += len;
    }
    return columns;
}
