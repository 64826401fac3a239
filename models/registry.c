#include "models/registry.h"

#include "models/adoption.h"
#include "models/boost.h"
#include "models/page.h"
#include "models/plan.h"
#include "models/reach.h"

/* A scenario runs its models in this order, and a model's place among the
 * scenario's is part of its random streams' key (sim/numeric/rng.h): append
 * new models, never reorder, or old scenarios change their numbers. */
static const portee_model_t *const models[] = {&portee_model_reach, &portee_model_adoption,
                                               &portee_model_boost, &portee_model_plan};

const portee_registry_t portee_registry = {
    .models = models,
    .n_models = sizeof models / sizeof *models,
    .page = portee_page_params,
    .n_page = PAGE_NPARAMS,
    .preset_key = "platform",
    .presets = portee_page_presets,
    .n_presets = PORTEE_PAGE_NPRESETS,
};
