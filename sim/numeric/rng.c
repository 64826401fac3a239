#include "sim/numeric/rng.h"

static void philox_reset(portee_philox_state_t *s, uint64_t seed, uint16_t model, uint64_t point,
                         uint32_t replicate)
{
    s->key.v[0] = (uint32_t)seed;
    s->key.v[1] = (uint32_t)(seed >> 32);
    s->ctr.v[0] = 0;
    s->ctr.v[1] = replicate;
    s->ctr.v[2] = (uint32_t)point;
    s->ctr.v[3] = (uint32_t)((point >> 32) & 0xffffu) | (uint32_t)model << 16;
    s->out = philox4x32(s->ctr, s->key);
    s->idx = 0;
}

static unsigned long philox_get(void *vstate)
{
    portee_philox_state_t *s = vstate;
    if (s->idx == 4) {
        s->ctr.v[0]++;
        s->out = philox4x32(s->ctr, s->key);
        s->idx = 0;
    }
    return s->out.v[s->idx++];
}

static double philox_get_double(void *vstate) { return (double)philox_get(vstate) * 0x1p-32; }

static void philox_set(void *vstate, unsigned long seed)
{
    philox_reset(vstate, (uint64_t)seed, 0, 0, 0);
}

static const gsl_rng_type philox_type = {
    "philox4x32-10", 0xffffffffUL, 0, sizeof(portee_philox_state_t),
    philox_set, philox_get, philox_get_double,
};

const gsl_rng_type *portee_rng_philox = &philox_type;

void portee_rng_stream(gsl_rng *r, uint64_t seed, uint16_t model, uint64_t point,
                       uint32_t replicate)
{
    philox_reset(r->state, seed, model, point, replicate);
}
