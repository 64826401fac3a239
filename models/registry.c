#include "models/registry.h"

#include "models/adoption.h"
#include "models/boost.h"
#include "models/reach.h"

/* A scenario runs its models in this order, and a model's place among the
 * scenario's is part of its random streams' key (sim/numeric/rng.h): append
 * new models, never reorder, or old scenarios change their numbers. */
static const portee_model_t *const models[] = {&portee_model_reach, &portee_model_adoption,
                                               &portee_model_boost};

const portee_registry_t portee_registry = {models, sizeof models / sizeof *models};
