/* plan.h — one plan across pages and platforms (docs/models.md, plan).
 *
 * A market of N people (population) and one page per platform (Facebook,
 * LinkedIn, Twitter; a platform with no followers and no budget is absent).
 * A person uses platform j with probability usage_j (defaults: 49 % of
 * Québec adults on Facebook daily, 13 % on LinkedIn and 8 % on Twitter
 * weekly); with probability usage_nesting the person's platforms come from
 * one uniform draw U (uses j iff U < usage_j: the less used platforms'
 * people are among the more used ones'), otherwise independently.  A page's
 * followers are a uniform random set of its platform's users.
 *
 * Week by week, a page's organic posts (posts_per_week, a fractional part
 * posted with that probability) each reach every follower independently with
 * the post's own rate, Beta(r·κ, (1−r)·κ) (κ = post_variability; 0: every
 * post at r).  A weekly budget buys 1000·B/CPM impressions, a share
 * targeting_precision of them on the platform's users in the market; there
 * a person's exposures in a week are Poisson with a mean proportional to
 * their propensity, Gamma(k, 1/k) with k = exposure_shape (the NBD of media
 * planning; 0: everyone alike), taken as the mean of the person's quartile
 * (four propensity groups, the same quartile on every platform), so heavy
 * viewers stay heavy from week to week.
 *
 * People are exchangeable within a class (which platforms they use, which
 * pages they follow, their propensity quartile), so the model keeps, per
 * class, how many people are in each state (which pages have reached them,
 * their exposures so far up to 10, whether reached this week) and moves them
 * by exact multinomial draws (and whether an organic post reached them, so
 * incremental_reach counts the people only boosts reached): reach is
 * de-duplicated across pages,
 * platforms, organic and paid, and weeks.  A person first reached in a week
 * by several sources is counted for the first in the order Facebook,
 * LinkedIn, Twitter, organic before paid (new_* series).
 *
 * Funnel: each exposure engages with probability engagement_rate (the
 * platform preset's), an engagement becomes a visit with visit_rate and a
 * visit a client with client_rate (binomial draws per week); revenue =
 * clients × client_value; spend = the weekly budgets.
 *
 * Closed forms (tests/test_plan.c): one post a week at fixed rates r_j on
 * pages with F_j followers reaches N·(1 − Π(1 − r_j·F_j/N)) people with
 * independent usage, and Σ r_j·F_j − r_a·r_b·F_a·F_b/(N·u_a) with two nested
 * platforms (b's users among a's); paid alone, uniform delivery of I
 * impressions on U users reaches U·(1 − e^(−I/U)). */
#ifndef PORTEE_MODELS_PLAN_H
#define PORTEE_MODELS_PLAN_H

#include "sim/scenario/model.h"

#define PLAN_PLATFORMS 3 /* facebook, linkedin, twitter */
#define PLAN_K 10        /* exposures kept one by one; PLAN_K stands for "PLAN_K or more" */

/* a platform's parameters, in this order, from PLAN_FIRST + j * PLAN_PER_PLATFORM */
enum {
    PLAN_FOLLOWERS,
    PLAN_USAGE,
    PLAN_POSTS_PER_WEEK,
    PLAN_REACH_RATE,
    PLAN_POST_VARIABILITY,
    PLAN_WEEKLY_BUDGET,
    PLAN_CPM,
    PLAN_PRECISION,
    PLAN_EXPOSURE_SHAPE,
    PLAN_ENGAGEMENT_RATE,
    PLAN_VISIT_RATE,
    PLAN_CLIENT_RATE,
    PLAN_PER_PLATFORM
};

enum {
    PLAN_WEEKS,
    PLAN_POPULATION,
    PLAN_NESTING,
    PLAN_CLIENT_VALUE,
    PLAN_MAX_FREQUENCY,
    PLAN_FIRST,
    PLAN_NPARAMS = PLAN_FIRST + PLAN_PLATFORMS * PLAN_PER_PLATFORM
};

enum {
    PLAN_OUT_TOTAL,
    PLAN_OUT_FACEBOOK,
    PLAN_OUT_LINKEDIN,
    PLAN_OUT_TWITTER,
    PLAN_OUT_OVERLAP,
    PLAN_OUT_ORGANIC,
    PLAN_OUT_INCREMENTAL,
    PLAN_OUT_IMPRESSIONS,
    PLAN_OUT_MEAN_FREQUENCY,
    PLAN_OUT_ENGAGEMENTS,
    PLAN_OUT_VISITS,
    PLAN_OUT_CLIENTS,
    PLAN_OUT_REVENUE,
    PLAN_OUT_SPEND,
    PLAN_OUT_COST_PER_CLIENT,
    PLAN_OUT_RETURN,
    PLAN_OUT_WEEKLY_REACH,
    PLAN_OUT_CUMULATIVE,
    PLAN_OUT_NEW_FIRST, /* new people by source: facebook organic, paid; linkedin ...; twitter ... */
    PLAN_OUT_PAGE_CUMULATIVE = PLAN_OUT_NEW_FIRST + 2 * PLAN_PLATFORMS, /* per page: facebook, linkedin, twitter */
    PLAN_OUT_WEEKLY_CLIENTS = PLAN_OUT_PAGE_CUMULATIVE + PLAN_PLATFORMS,
    PLAN_OUT_WEEKLY_REVENUE,
    PLAN_OUT_FREQUENCY,
    PLAN_NOUTPUTS
};

extern const portee_model_t portee_model_plan;

#endif
