/* reach.h — organic reach of one post and of a posting plan (docs/models.md, reach).
 *
 * One post: its own reach rate p ~ Beta(r·κ, (1−r)·κ) (κ = post_variability;
 * 0 means every post at r); direct reach Binomial(F, p) over F followers.
 * Every reached person shares with probability s; a sharer's friends (rounded
 * lognormal count) each see the share with probability friend_reach; of those,
 * only people not reached yet count, against a finite reachable population N.
 * Generations run until the cascade dies out or max_generations.  Engagements
 * are Binomial(total, engagement_rate).
 *
 * Over time: generation g of a post arrives after g + 1 exponential delays of
 * mean arrival_hours (an Erlang time), giving a cumulative hourly curve over
 * `hours` hours.  A posting plan of posts_per_week posts over horizon_weeks
 * weeks tracks, week by week, the unique followers reached, impressions,
 * frequency, engagements, followers gained (non-followers reached by shares x
 * follow_rate) and lost (churn_rate), so the audience evolves.
 *
 * Closed forms (tests/): without shares or variability, direct has mean F·r and
 * variance F·r(1−r); with variability the beta-binomial variance
 * F·r(1−r)(κ+F)/(κ+1); while overlap is small, E[total] = F·r / (1 − R) with
 * R = s·E[friends]·friend_reach; k posts a week at a fixed rate reach
 * F·(1 − (1 − r)^k) unique followers a week; churn alone leaves F·(1 − c)^w. */
#ifndef PORTEE_MODELS_REACH_H
#define PORTEE_MODELS_REACH_H

#include <gsl/gsl_rng.h>

#include "sim/scenario/model.h"

enum {
    REACH_FOLLOWERS,
    REACH_RATE,
    REACH_POST_VARIABILITY,
    REACH_SIZE_ELASTICITY,
    REACH_SIZE_REFERENCE,
    REACH_FOLLOWER_VARIABILITY,
    REACH_SHARE_RATE,
    REACH_FRIENDS_MEDIAN,
    REACH_FRIENDS_SIGMA,
    REACH_MAX_FRIENDS,
    REACH_FRIEND_REACH,
    REACH_POPULATION,
    REACH_ENGAGEMENT_RATE,
    REACH_MAX_GENERATIONS,
    REACH_HOURS,
    REACH_ARRIVAL_HOURS,
    REACH_POSTS_PER_WEEK,
    REACH_HORIZON_WEEKS,
    REACH_MAX_POSTS_SEEN,
    REACH_FOLLOW_RATE,
    REACH_CHURN_RATE,
    REACH_NPARAMS
};

enum {
    REACH_OUT_DIRECT,
    REACH_OUT_VIRAL,
    REACH_OUT_TOTAL,
    REACH_OUT_ENGAGEMENTS,
    REACH_OUT_SHARES,
    REACH_OUT_CASCADE_R,         /* the cascade's reproduction number */
    REACH_OUT_CASCADE_CUT,       /* 1: the cascade was still going at max_generations */
    REACH_OUT_HOURLY,            /* series: cumulative reach by hour 0..hours */
    REACH_OUT_WEEK_FOLLOWERS,    /* series over weeks 1..horizon_weeks: */
    REACH_OUT_WEEK_UNIQUE,
    REACH_OUT_WEEK_CUMULATIVE,
    REACH_OUT_WEEK_IMPRESSIONS,
    REACH_OUT_WEEK_DIRECT_IMPRESSIONS,
    REACH_OUT_WEEK_FREQUENCY,
    REACH_OUT_WEEK_ENGAGEMENTS,
    REACH_OUT_WEEK_GAINED,
    REACH_OUT_WEEK_LOST,
    REACH_OUT_POSTS_SEEN,        /* series over 0..max_posts_seen posts seen */
    REACH_NOUTPUTS
};

/* Sharers in one generation above which their friends' views are drawn as
 * one binomial on the sum of their friend counts instead of sharer by
 * sharer; that sum is drawn by the central limit theorem only past
 * REACH_CLT_SHARERS·e^{2σ²} sharers (keeps supercritical cascades on huge
 * populations from costing O(population) per generation). */
#define REACH_CLT_SHARERS 1024

extern const portee_model_t portee_model_reach;

/* The followers one post reaches directly, as the model draws them without
 * its per-point tables: the post's own rate from Beta(r·κ, (1−r)·κ) (r
 * itself for κ = 0 or r at 0 or 1), then Binomial(F, that rate).  The boost
 * model draws its organic overlap with it. */
unsigned int portee_reach_direct(gsl_rng *r, double rate, double kappa, unsigned int followers);

#endif
