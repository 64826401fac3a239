/* boost_internal.h — shared by the boost model's files: boost.c (tables, one
 * replicate) and boost_delivery.c (how impressions spread over an audience).
 *
 * An audience is kept as its frequency table: how many of its people have
 * seen the ad 0, 1, 2, ... times.  Delivery (see boost_delivery.c) adds
 * impressions to it as a Pólya urn: the next impression goes to a person with
 * probability proportional to shape + (impressions that person has had), so
 * a batch of x impressions on a fresh audience of m people is
 * Dirichlet-multinomial(x; shape, ..., shape) — each person's count
 * beta-binomial, negative binomial (the media-planning NBD) as m grows — and
 * shape = 0 stands for the limit shape -> infinity, uniform delivery
 * (multinomial(x; 1/m, ..., 1/m)).  Adding impressions week after week
 * continues the same urn, so heavy viewers stay heavy. */
#ifndef PORTEE_MODELS_BOOST_INTERNAL_H
#define PORTEE_MODELS_BOOST_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "models/boost.h"

/* Exposure classes 0 .. BOOST_TOP - 1 are kept one by one; class BOOST_TOP
 * holds everyone seen BOOST_TOP times or more, with their exposures summed.
 * Larger than any frequency cap or frequency bin the parameters allow, so no
 * output depends on how the top class is split. */
#define BOOST_TOP 2047

typedef struct {
    double n[BOOST_TOP + 1]; /* people by exposures so far (whole numbers); classes in
                                (last, BOOST_TOP) are empty and not stored */
    double top_sum;          /* exposures of the people in n[BOOST_TOP] */
    unsigned int last;
    double people;           /* audience size */
    double exposures;        /* all exposures dealt so far */
} portee_boost_audience_t;

void portee_boost_audience_init(portee_boost_audience_t *a, double people);
/* Deals x more impressions (x < 2^32) to the audience, continuing its urn
 * with the given shape (0 = uniform delivery). */
void portee_boost_audience_add(portee_boost_audience_t *a, double shape, double x, gsl_rng *r);
/* Exposures that reach people under a cap of `cap` per person (0 = no cap). */
double portee_boost_audience_delivered(const portee_boost_audience_t *a, double cap);
/* Adds to freq[j - 1], j = 1 .. bins, the people seen exactly j times under
 * the cap (every exposure beyond it blocked), the last bin "bins or more". */
void portee_boost_audience_frequency(const portee_boost_audience_t *a, double cap, unsigned int bins, double *freq);

static inline double portee_boost_audience_reached(const portee_boost_audience_t *a) { return a->people - a->n[0]; }

#endif
