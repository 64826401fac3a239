/* scenario_internal.h — shared by scenario.c, sweep.c and scenario_emit.c only. */
#ifndef PORTEE_SCENARIO_INTERNAL_H
#define PORTEE_SCENARIO_INTERNAL_H

#include "sim/scenario.h"
#include "sim/yamltree.h"

/* Parses the `sweep:` mapping into sc->axes and sets sc->n_points. */
portee_status_t portee_sweep_parse(portee_scenario_t *sc, const portee_ynode_t *sweep,
                                   portee_error_t *err);
/* Checks a value against a parameter's type and range; `what` names it. */
portee_status_t portee_param_check_value(const portee_param_def_t *def, double x,
                                         const portee_ynode_t *at, const char *what,
                                         portee_error_t *err);
/* Renders sc as re-runnable YAML into sc->resolved. */
portee_status_t portee_scenario_emit(portee_scenario_t *sc, portee_error_t *err);

#endif
