/* design.c — Latin hypercube and Sobol sweep designs (see design.h). */
#include "sim/numeric/design.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>

#include "sim/numeric/rng.h"

portee_status_t portee_design_latin(uint64_t seed, size_t n, size_t n_axes, double *u,
                                    portee_error_t *err)
{
    gsl_rng *r = gsl_rng_alloc(portee_rng_philox);
    size_t *perm = malloc(n * sizeof *perm);
    if (!r || !perm) {
        if (r) gsl_rng_free(r);
        free(perm);
        return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    }
    for (size_t a = 0; a < n_axes; a++) {
        /* one stream per axis: adding an axis leaves the others' points alone */
        portee_rng_stream(r, seed, PORTEE_DESIGN_RNG_MODEL, 0, (uint32_t)a);
        for (size_t i = 0; i < n; i++) perm[i] = i;
        gsl_ran_shuffle(r, perm, n, sizeof *perm);
        for (size_t i = 0; i < n; i++)
            u[i * n_axes + a] = ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
    }
    gsl_rng_free(r);
    free(perm);
    return PORTEE_OK;
}

portee_status_t portee_design_sobol(size_t n, size_t n_axes, double *u, portee_error_t *err)
{
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)n_axes);
    int bad = !q;
    for (size_t i = 0; i < n && !bad; i++) bad = gsl_qrng_get(q, u + i * n_axes) != GSL_SUCCESS;
    if (q) gsl_qrng_free(q);
    if (!q) return portee_fail(err, PORTEE_ENOMEM, "out of memory");
    /* GSL's Sobol sequence holds 2^30 points, far beyond PORTEE_MAX_POINTS */
    return bad ? portee_fail(err, PORTEE_ERUNTIME, "gsl_qrng_sobol could not give %zu points in %zu dimensions",
                             n, n_axes)
               : PORTEE_OK;
}

double portee_design_map(double u, double from, double to, bool log_scale)
{
    const double x = log_scale ? exp(log(from) + u * (log(to) - log(from))) : from + u * (to - from);
    /* exp(log(to)) may miss `to` by an ulp, which could leave the
     * parameter's valid range when `to` is its bound */
    const double lo = fmin(from, to), hi = fmax(from, to);
    return x < lo ? lo : x > hi ? hi : x;
}
