/* fit_export.h — a fit file (`portee fit` or `portee fit reach`) as the
 * tidy rows of sim/results/export.h (docs/export.md): its estimates with
 * standard errors and 95 % intervals, goodness of fit, the observations
 * and fitted values, and (adoption) the forecast per step and the dates
 * shares are reached; (reach) each post's followers, direct reach and
 * predictive band. */
#ifndef PORTEE_FIT_EXPORT_H
#define PORTEE_FIT_EXPORT_H

#include <stdint.h>

#include "sim/results/export.h"

/* Whether PATH is a file of either fit. */
bool portee_fit_export_is(const char *path);
/* The rows of the fit file PATH into x (*rows: how many). */
portee_status_t portee_fit_export(portee_export_t *x, const char *path, uint64_t *rows, portee_error_t *err);

#endif
