/* target.h — a condition on one output of one model, as analysts write it:
 * "boost.incremental_reach >= 5000", "reach.total<=80".  portee solve
 * searches for the input that meets it; portee info --prob reads how often
 * it holds.  Only single-value outputs (no series) are targets. */
#ifndef PORTEE_TARGET_H
#define PORTEE_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/base/status.h"
#include "sim/scenario/model.h"

typedef struct {
    const portee_model_t *model;
    size_t output;    /* index in model->outputs */
    bool at_least;    /* >= (true) or <= */
    double threshold;
} portee_target_t;

/* Parses TEXT against the registry's models.  PORTEE_EINPUT with a message
 * naming what is wrong (unknown model or output, with the known ones; a
 * series; a missing or other operator; a threshold that is no number). */
portee_status_t portee_target_parse(const portee_registry_t *reg, const char *text, portee_target_t *t,
                                    portee_error_t *err);

/* Whether value meets the condition (NaN never does). */
static inline bool portee_target_holds(const portee_target_t *t, double value)
{
    return t->at_least ? value >= t->threshold : value <= t->threshold;
}

/* "boost.incremental_reach >= 5000" into buf. */
void portee_target_format(const portee_target_t *t, char *buf, size_t len);

#endif
