/* rng.h — the engine's random streams.
 *
 * Random123's Philox4x32-10 wrapped as a gsl_rng_type, so every gsl_ran_*
 * sampler draws from it.  Philox is counter-based: the stream of a
 * (seed, model, point, replicate) is a key and a counter, so jumping to any
 * stream costs nothing and results cannot depend on which thread, rank or
 * shard computed them.  A stream holds 2^34 32-bit words.
 *
 * portee_rng_uniform() is the same stream read inline, for the samplers of
 * the hot loop (sim/sample.h): it skips GSL's indirect call. */
#ifndef PORTEE_RNG_H
#define PORTEE_RNG_H

#include <stdint.h>

#include <Random123/philox.h>
#include <gsl/gsl_rng.h>

extern const gsl_rng_type *portee_rng_philox;

/* Positions r (allocated with portee_rng_philox) at the start of the stream
 * owned by (seed, model, point, replicate); point < 2^48 (the scenario loader
 * allows far fewer), model < 65536.  Allocates nothing.
 * Scenario models use their index (< PORTEE_MAX_MODELS); the top indices are
 * reserved so no model's replicates share a stream with them: 0xFFFF for
 * `portee fit` forecasts (PORTEE_FIT_RNG_MODEL), 0xFFFE for sampled sweep
 * designs (PORTEE_DESIGN_RNG_MODEL, one stream per axis), 0xFFFD for the
 * check of `portee fit reach` (PORTEE_REACH_FIT_RNG_MODEL: point 0 for
 * the parameter draws, point i + 1 for post i). */
void portee_rng_stream(gsl_rng *r, uint64_t seed, uint16_t model, uint64_t point,
                       uint32_t replicate);

/* The generator's state; exposed only for the inline reader below.
 * Counter: v[0] block within the stream, v[1] replicate, v[2] point's low 32
 * bits, v[3] point's high 16 bits with the model index above them; key: seed. */
typedef struct {
    philox4x32_ctr_t ctr;
    philox4x32_key_t key;
    philox4x32_ctr_t out;
    unsigned idx; /* next unused word of out; 4 = exhausted */
} portee_philox_state_t;

/* Next 32-bit word of a portee_rng_philox stream. */
static inline uint32_t portee_rng_u32(gsl_rng *r)
{
    portee_philox_state_t *s = (portee_philox_state_t *)r->state;
    if (s->idx == 4) {
        s->ctr.v[0]++;
        s->out = philox4x32(s->ctr, s->key);
        s->idx = 0;
    }
    return s->out.v[s->idx++];
}

/* Uniform on [0, 1), the same value gsl_rng_uniform(r) would return. */
static inline double portee_rng_uniform(gsl_rng *r) { return portee_rng_u32(r) * 0x1p-32; }

/* Uniform on (0, 1), the same value gsl_rng_uniform_pos(r) would return. */
static inline double portee_rng_uniform_pos(gsl_rng *r)
{
    uint32_t x;
    do x = portee_rng_u32(r);
    while (x == 0);
    return x * 0x1p-32;
}

#endif
