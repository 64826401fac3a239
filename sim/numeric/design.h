/* design.h — sampled sweep designs: `samples` points spread over the axes'
 * ranges instead of every combination of listed values.
 *
 * Contract: the generators fill u[n][n_axes] (row-major, one row per point)
 * with coordinates in [0, 1); portee_design_map() puts a coordinate on an
 * axis's range, in log space for `scale: log`.  Both are pure functions of
 * their arguments, so a resolved scenario re-runs to bit-identical points.
 *
 *  - Latin hypercube: on every axis, [0, 1) is cut into n equal strata and
 *    each holds exactly one point, at a uniform position inside it; the
 *    strata of different axes are paired by independent random permutations.
 *    Axis a draws from the Philox stream (seed, PORTEE_DESIGN_RNG_MODEL, 0,
 *    a): first its permutation (gsl_ran_shuffle), then its n offsets.
 *  - Sobol: the first n points of GSL's gsl_qrng_sobol in n_axes dimensions
 *    (at most 40).  GSL skips the origin: its first point is (1/2, ..., 1/2),
 *    so its first 2^k points are points 1..2^k of the sequence, and it is
 *    points 1..2^k - 1 plus the origin that form a net.  No seed: the
 *    sequence is the same for every scenario.
 *
 * Errors: PORTEE_ENOMEM only; the caller validates n and n_axes. */
#ifndef PORTEE_DESIGN_H
#define PORTEE_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/base/status.h"

/* The model index of the design's random streams (sim/rng.h): no scenario
 * model has it, and it differs from the fit's (PORTEE_FIT_RNG_MODEL, 0xFFFF). */
#define PORTEE_DESIGN_RNG_MODEL 0xFFFEu
#define PORTEE_DESIGN_SOBOL_MAX_AXES 40

portee_status_t portee_design_latin(uint64_t seed, size_t n, size_t n_axes, double *u,
                                    portee_error_t *err);
portee_status_t portee_design_sobol(size_t n, size_t n_axes, double *u, portee_error_t *err);

/* u in [0, 1) onto [from, to] (either order), in log space if log_scale
 * (then from, to > 0); the result never leaves the range. */
double portee_design_map(double u, double from, double to, bool log_scale);

#endif
