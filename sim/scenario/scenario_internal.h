/* scenario_internal.h — shared by the scenario loader's files only:
 * scenario.c (the file as a whole) uses params.c (one parameter's value),
 * sweep.c (the sweep: block) and emit.c (the resolved text). */
#ifndef PORTEE_SCENARIO_INTERNAL_H
#define PORTEE_SCENARIO_INTERNAL_H

#include "sim/scenario/scenario.h"
#include "sim/base/yamltree.h"

/* Parses the `sweep:` mapping into sc->axes and sets sc->n_points. */
portee_status_t portee_sweep_parse(portee_scenario_t *sc, const portee_ynode_t *sweep,
                                   portee_error_t *err);
/* {dist: KIND, field: value...} at map into *out, its support inside the
 * parameter's range; `what` names it. */
portee_status_t portee_param_parse_dist(const portee_param_def_t *def, const portee_ynode_t *map,
                                       const char *what, portee_dist_t *out, portee_error_t *err);
/* Checks a value against a parameter's type and range; `what` names it. */
portee_status_t portee_param_check_value(const portee_param_def_t *def, double x,
                                         const portee_ynode_t *at, const char *what,
                                         portee_error_t *err);
/* Renders sc as re-runnable YAML into sc->resolved. */
portee_status_t portee_scenario_emit(portee_scenario_t *sc, portee_error_t *err);

#endif
