/* scenario_internal.h — shared by the scenario loader's files only:
 * scenario.c (the file as a whole) uses params.c (one parameter's value),
 * sweep.c (the sweep: block) and emit.c (the resolved text). */
#ifndef PORTEE_SCENARIO_INTERNAL_H
#define PORTEE_SCENARIO_INTERNAL_H

#include "sim/scenario/scenario.h"
#include "sim/base/yamltree.h"

/* The page: and model sections into sc->page and sc->models (sections.c). */
portee_status_t portee_sections_parse(portee_scenario_t *sc, const portee_ynode_t *root, portee_error_t *err);

/* What a key of model m's section (or `m.key` in a sweep) stands for. */
typedef enum { PORTEE_KEY_UNKNOWN, PORTEE_KEY_PARAM, PORTEE_KEY_PAGE, PORTEE_KEY_PRESET } portee_key_kind_t;
typedef struct {
    portee_key_kind_t kind;
    int index;     /* PARAM: the model's parameter; PAGE: the page's */
    bool renamed;  /* an old key: `now` is the one to write */
    char now[128]; /* the current path: "reach.share_rate", "page.followers" */
} portee_key_t;
portee_key_t portee_key_resolve(const portee_registry_t *reg, const portee_model_t *m, const char *key);
/* The error for a key of m's section (or of a sweep path, `sweep`) that is
 * no parameter of it, with a suggestion. */
portee_status_t portee_key_unknown(const portee_registry_t *reg, const portee_model_t *m,
                                   const portee_ynode_t *key, bool sweep, portee_error_t *err);
/* Records "src:line:col: message" in sc->warnings (at most PORTEE_MAX_WARNINGS). */
void portee_scenario_warn(portee_scenario_t *sc, const portee_ynode_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

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
