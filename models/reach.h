/* reach.h — organic reach of one post (DESIGN.md §2.1).
 *
 * A post's own reach rate p ~ Beta(r·κ, (1−r)·κ) (κ = post_variability; 0 means
 * every post at r); direct reach Binomial(F, p) over F followers.  Every
 * reached person shares with probability s; a sharer's friends (rounded
 * lognormal count) each see the share with probability friend_reach; of those,
 * only people not reached yet count, against a finite reachable population N.
 * Generations run until the cascade dies out or max_generations.  Engagements
 * are Binomial(total, engagement_rate).
 * Closed forms (tests/): without shares or variability, direct has mean F·r and
 * variance F·r(1−r); with variability the beta-binomial variance
 * F·r(1−r)(κ+F)/(κ+1); while overlap is small, E[total] = F·r / (1 − R) with
 * R = s·E[friends]·friend_reach. */
#ifndef PORTEE_MODELS_REACH_H
#define PORTEE_MODELS_REACH_H

#include "sim/model.h"

enum {
    REACH_FOLLOWERS,
    REACH_RATE,
    REACH_POST_VARIABILITY,
    REACH_SHARE_RATE,
    REACH_FRIENDS_MEDIAN,
    REACH_FRIENDS_SIGMA,
    REACH_FRIEND_REACH,
    REACH_POPULATION,
    REACH_ENGAGEMENT_RATE,
    REACH_MAX_GENERATIONS,
    REACH_NPARAMS
};

enum { REACH_OUT_DIRECT, REACH_OUT_VIRAL, REACH_OUT_TOTAL, REACH_OUT_ENGAGEMENTS, REACH_OUT_SHARES, REACH_NOUTPUTS };

/* Sharers in one generation above which their friends' views are summed by
 * the central limit theorem instead of one by one (keeps supercritical
 * cascades on huge populations O(generations) instead of O(population)). */
#define REACH_CLT_SHARERS 1024

extern const portee_model_t portee_model_reach;

#endif
