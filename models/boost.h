/* boost.h — paid boosting of a post or a campaign (docs/models.md, boost).
 *
 * A budget B buys I = 1000·B / CPM impressions (times a mean-one lognormal
 * auction noise, rounded at random to a whole number with the right mean);
 * each lands in the target audience of T people with probability
 * targeting_precision, else on a spill population of S people outside it.
 * On each audience the impressions spread by a Pólya urn (boost_internal.h):
 * a Dirichlet-multinomial allocation whose per-person counts are the
 * media-planning NBD with shape k in the large-audience limit, and exactly
 * uniform delivery (multinomial, every impression to a uniformly chosen
 * person) for exposure_shape 0, the k -> infinity limit.  The draws are exact
 * and usually cost about sqrt(I) steps; they go person by person (one draw
 * per person, or per reached person times log2 T by halves) when that is
 * cheaper, i.e. few people with many impressions each, and when someone
 * would be seen 2047 times or more (heavy tails, very small k)
 * (boost_delivery.c).
 *
 * A frequency cap c blocks every exposure of a person past the c-th: blocked
 * impressions are not delivered and not paid for (spend < budget), and the
 * platform does not send them to anyone else.
 *
 * Organic overlap: follower_share of the target follow the page; the other
 * followers are in the spill population.  The same post's organic reach is
 * the reach model's direct step (a beta-binomial over the followers; shares
 * are left out on both sides).  Paid delivery ignores who follows, so the
 * people a boost reaches are a uniform subset of each audience, and the
 * followers and organically reached among them are hypergeometric draws.
 * Incremental reach = people reached by the boost and not organically.
 * Engagements ~ Binomial(paid reach, paid_engagement_rate); followers gained ~
 * Binomial(non-followers reached, paid_follow_rate); organic_lift = followers
 * gained x reach_rate x posts_per_week x lift_weeks, the extra organic
 * reach (people x posts, expected) of later posts, without churn.
 *
 * Campaigns (weeks > 0): the budget is per week, each week buys its own
 * impressions, and the urn continues, so heavy viewers stay heavy and reach
 * builds up as for one allocation of all the weeks' impressions.  Geometric
 * adstock: a share `adstock` of a week's delivered impressions (carried-over
 * ones included) recurs, unpaid, the next week (the post keeps circulating);
 * the cap blocks recurring exposures too, and spend counts paid ones only.
 *
 * Closed forms (tests/test_boost.c): uniform delivery of I impressions on T
 * people reaches T·(1 − (1 − 1/T)^I) on average and j times
 * T·Binomial(j; I, 1/T) people; shape k gives T·BetaBinomial(j; I, k, (T−1)k)
 * people seen j times, whose zero class tends to the NBD's
 * (1 + I/(T·k))^(−k) as T grows and to the uniform one as k grows; W weeks
 * of I reach as one allocation of W·I; a cap c delivers
 * T·E[min(X, c)]; given P people of an audience of N reached by the boost,
 * the expected overlap is P x (its followers reached organically) / N. */
#ifndef PORTEE_MODELS_BOOST_H
#define PORTEE_MODELS_BOOST_H

#include "sim/scenario/model.h"

enum {
    BOOST_BUDGET,
    BOOST_CPM,
    BOOST_AUCTION_NOISE,
    BOOST_TARGET_SIZE,
    BOOST_PRECISION,
    BOOST_SHAPE,
    BOOST_CAP,
    BOOST_SPILL,
    BOOST_FOLLOWER_SHARE,
    BOOST_FOLLOWERS,
    BOOST_REACH_RATE,
    BOOST_POST_VARIABILITY,
    BOOST_SIZE_ELASTICITY,
    BOOST_SIZE_REFERENCE,
    BOOST_PAID_ENGAGEMENT_RATE,
    BOOST_PAID_FOLLOW_RATE,
    BOOST_POSTS_PER_WEEK,
    BOOST_LIFT_WEEKS,
    BOOST_WEEKS,
    BOOST_ADSTOCK,
    BOOST_MAX_FREQUENCY,
    BOOST_NPARAMS
};

enum {
    BOOST_OUT_IMPRESSIONS,
    BOOST_OUT_SPEND,
    BOOST_OUT_PAID_REACH,
    BOOST_OUT_TARGET_REACH,
    BOOST_OUT_INCREMENTAL,
    BOOST_OUT_ORGANIC,
    BOOST_OUT_TOTAL,
    BOOST_OUT_COST_PER_1000,
    BOOST_OUT_ENGAGEMENTS,
    BOOST_OUT_FOLLOWERS_GAINED,
    BOOST_OUT_ORGANIC_LIFT,
    BOOST_OUT_FREQUENCY,          /* series over j = 1..max_frequency */
    BOOST_OUT_WEEK_IMPRESSIONS,   /* series over weeks 1..weeks: */
    BOOST_OUT_WEEK_PAID_REACH,
    BOOST_OUT_WEEK_INCREMENTAL,
    BOOST_NOUTPUTS
};

/* Most impressions one week can buy (or carry over): counts stay below 2^32.
 * boost_check() refuses parameters whose auction noise reaches it at its
 * 1e-9 upper quantile. */
#define BOOST_MAX_IMPRESSIONS 4.0e9
/* The parameters' largest expected impressions a week, 1000·B/CPM/(1 − adstock). */
#define BOOST_MAX_EXPECTED_IMPRESSIONS 1.0e9

extern const portee_model_t portee_model_boost;

#endif
