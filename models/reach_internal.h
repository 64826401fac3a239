/* reach_internal.h — shared by the reach model's files: reach.c (tables,
 * preparation, one replicate), reach_post.c (one post), reach_time.c
 * (hourly curve) and reach_plan.c (posting plan). */
#ifndef PORTEE_MODELS_REACH_INTERNAL_H
#define PORTEE_MODELS_REACH_INTERNAL_H

#include <gsl/gsl_randist.h>

#include "models/reach.h"
#include "sim/numeric/sample.h"

#define REACH_MAX_GEN 1001 /* max_generations + the direct generation */
#define REACH_SURVIVAL_GENS 16 /* generations whose arrival survival is tabulated */
#define REACH_MAX_HOURS 720    /* the hours parameter's upper bound */

/* What every replicate of a point shares (see reach_prepare). */
typedef struct {
    gsl_ran_discrete_t *direct;      /* beta-binomial pmf of direct reach, or NULL */
    unsigned int direct_followers;   /* the follower count it was built for */
    bool direct_shares;              /* entries 2d, 2d+1: d direct, none / some of them share */
    portee_binomial_cache_t share, engage, friend_sees;
    /* friends of one sharer who see the share: pmf of 0..seen_tail-1, and
     * seen_tail for a friend count in the lognormal's upper tail, of
     * probability seen_qc; or NULL */
    gsl_ran_discrete_t *seen;
    size_t seen_tail;
    double seen_qc;
    double mean_friends;             /* E[friend count] with its caps, when constant; else NAN */
    double *survival;                /* [REACH_SURVIVAL_GENS][hours + 1], or NULL */
    /* with survival: the hour each person of generation g arrives in, 1..hours,
     * or 0 for later (see reach_time.c) */
    gsl_ran_discrete_t *arrival[REACH_SURVIVAL_GENS];
    unsigned int hours;
} portee_reach_ws_t;

/* One post's outcome, with the people each generation reached (for timing). */
typedef struct {
    double direct, viral, total, engagements, shares;
    bool cut; /* still going when max_generations stopped it */
    unsigned int n_gen;
    double gen[REACH_MAX_GEN];
} portee_reach_post_t;

/* Simulates one post of a page with `followers` followers. */
void portee_reach_post_simulate(const double *p, unsigned int followers, const portee_reach_ws_t *ws, gsl_rng *r,
                         portee_reach_post_t *post);
/* The rest of a post whose direct reach is given: its share cascade and engagements. */
void portee_reach_post_spread(const double *p, unsigned int direct, const portee_reach_ws_t *ws, gsl_rng *r,
                              portee_reach_post_t *post);
/* The page's reach rate at `followers` followers (the size law). */
double portee_reach_rate(const double *p, double followers);
/* Most friends a sharer can have: max_friends, or everyone (the population). */
double portee_reach_friend_cap(const double *p);
/* Mean and second moment of a friend count min(m e^{sigma Z}, cap) (the
 * rounding to whole people aside). */
void portee_reach_friend_moments(double median, double sigma, double cap, double *mean, double *second);

/* Binomial(n, p) for n beyond 32 bits (normal, or Poisson for a small mean, there). */
double portee_reach_binomial_large(gsl_rng *r, double p, double n);

/* P(an Erlang(g + 1, tau) arrival is later than hour h), h = 0..hours, into s. */
void portee_reach_arrival_survival(unsigned int g, double tau, unsigned int hours, double *s);
/* The hour of arrival as a table, from a survival s[0..hours]; NULL if out of memory. */
gsl_ran_discrete_t *portee_reach_arrival_table(const double *s, unsigned int hours);
/* Cumulative reach by hour 0..hours of a post, into curve[hours + 1]. */
void portee_reach_hourly_curve(const double *p, const portee_reach_ws_t *ws, const portee_reach_post_t *post, gsl_rng *r,
                        double *curve);
/* A posting plan; each series has horizon_weeks values (posts_seen: max_posts_seen + 1). */
void portee_reach_plan_simulate(const double *p, const portee_reach_ws_t *ws, gsl_rng *r, double *const *out);

#endif
