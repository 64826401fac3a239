/* rng.h — the engine's random streams.
 *
 * Random123's Philox4x32-10 wrapped as a gsl_rng_type, so every gsl_ran_*
 * sampler draws from it.  Philox is counter-based: the stream of a
 * (seed, model, point, replicate) is a key and a counter, so jumping to any
 * stream costs nothing and results cannot depend on which thread, rank or
 * shard computed them.  A stream holds 2^34 32-bit words. */
#ifndef PORTEE_RNG_H
#define PORTEE_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

extern const gsl_rng_type *portee_rng_philox;

#define PORTEE_RNG_MAX_POINT ((UINT64_C(1) << 48) - 1)

/* Positions r (allocated with portee_rng_philox) at the start of the stream
 * owned by (seed, model, point, replicate); point <= PORTEE_RNG_MAX_POINT,
 * model < 65536.  Allocates nothing. */
void portee_rng_stream(gsl_rng *r, uint64_t seed, uint16_t model, uint64_t point,
                       uint32_t replicate);

#endif
