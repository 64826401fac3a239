/* dist.h — a numeric parameter: a constant or a distribution drawn once per
 * replicate, so parameter uncertainty propagates into every output.
 *
 * Kinds and their fields (as written in scenario files):
 *   beta {mean, sd}
 *   lognormal {median, sigma[, min, max]}  normal {mean, sd[, min, max]}
 *     (both truncated to [min, max] when given)
 *   uniform {min, max}         triangular {min, mode, max}   pert {min, mode, max}
 * portee_dist_make() validates the fields and precomputes the sampler;
 * support() is the closed range every draw falls in, which the scenario layer
 * checks against the parameter's valid range before anything runs. */
#ifndef PORTEE_DIST_H
#define PORTEE_DIST_H

#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

typedef enum {
    PORTEE_DIST_CONST = 0,
    PORTEE_DIST_BETA,
    PORTEE_DIST_LOGNORMAL,
    PORTEE_DIST_NORMAL,
    PORTEE_DIST_UNIFORM,
    PORTEE_DIST_TRIANGULAR,
    PORTEE_DIST_PERT,
    PORTEE_DIST_NKINDS
} portee_dist_kind_t;

#define PORTEE_DIST_MAXFIELDS 4

typedef struct {
    portee_dist_kind_t kind;
    double field[PORTEE_DIST_MAXFIELDS]; /* as written, in the kind's field order */
    bool present[PORTEE_DIST_MAXFIELDS];
    double lo, hi;                       /* support */
    double a, b;                         /* precomputed sampler constants */
} portee_dist_t;

/* A constant. */
portee_dist_t portee_dist_const(double value);

/* Kind by name ("beta", ...); returns -1 when unknown. */
int portee_dist_kind_lookup(const char *name);
const char *portee_dist_kind_name(portee_dist_kind_t kind);
/* The kind's field names (NULL-terminated) and how many of them are required. */
const char *const *portee_dist_fields(portee_dist_kind_t kind, size_t *n_required);

/* Validates fields and fills d.  On failure returns false and writes why. */
bool portee_dist_make(portee_dist_t *d, portee_dist_kind_t kind,
                      const double field[PORTEE_DIST_MAXFIELDS],
                      const bool present[PORTEE_DIST_MAXFIELDS], char *why, size_t why_len);

double portee_dist_draw(const portee_dist_t *d, gsl_rng *r);
/* Expected value (the constant's value for PORTEE_DIST_CONST). */
double portee_dist_mean(const portee_dist_t *d);

#endif
