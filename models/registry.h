/* registry.h — the models portee knows, in scenario order (the order of
 * their sections in a resolved scenario and of their random streams).
 * Adding a model: its files in models/, one line in registry.c, its charts
 * in plots/ (see README, "Layout"). */
#ifndef PORTEE_MODELS_REGISTRY_H
#define PORTEE_MODELS_REGISTRY_H

#include "sim/scenario/model.h"

extern const portee_registry_t portee_registry;

#endif
