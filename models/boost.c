/* boost.c — the boost model's tables and one replicate (boost.h);
 * delivery over an audience is in boost_delivery.c. */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_randist.h>

#include "models/boost_internal.h"
#include "models/page.h"
#include "models/reach.h"
#include "sim/numeric/sample.h"

static const portee_param_def_t params[BOOST_NPARAMS] = {
    [BOOST_BUDGET] = {"budget", PORTEE_PARAM_REAL, "currency", 20, 0, 1e6,
                      "spent on the boosted post (per week when weeks > 0), in CPM's currency"},
    [BOOST_CPM] = {"cpm", PORTEE_PARAM_REAL, "currency per 1000 impressions", 10, 0.01, 1e4,
                   "cost per 1,000 impressions.  Indicative: public industry figures put "
                   "Facebook/Meta at about $5-15 (about $20 on average in 2024-25) and LinkedIn "
                   "at $30-60 (README, boost model); replace with your own account's CPM"},
    [BOOST_AUCTION_NOISE] = {"auction_noise", PORTEE_PARAM_REAL, "log-scale sd", 0.2, 0, 1,
                             "post-to-post variation of what a budget buys at a given CPM: "
                             "impressions times a lognormal of mean 1 and this sigma (0 = none)"},
    [BOOST_TARGET_SIZE] = {"target_size", PORTEE_PARAM_INT, "people", 20000, 1, 1e9,
                           "people in the target audience the boost is aimed at"},
    [BOOST_PRECISION] = {"targeting_precision", PORTEE_PARAM_PROB, "share of impressions", 0.8, 0, 1,
                         "share of impressions landing inside the target; the rest reach the "
                         "spill population (an assumption: replace with your own delivery report)"},
    [BOOST_SHAPE] = {"exposure_shape", PORTEE_PARAM_REAL, "NBD shape k", 1, 0, 1e6,
                     "heterogeneity of exposure: the NBD shape k of the media-planning model "
                     "(smaller = the same people see the ad again and again); 0 = uniform "
                     "delivery, the k -> infinity limit.  1 is indicative: fit k to your "
                     "platform's frequency report"},
    [BOOST_CAP] = {"frequency_cap", PORTEE_PARAM_INT, "impressions per person", 0, 0, 1000,
                   "most times one person is shown the boost; impressions past it are neither "
                   "delivered nor paid for (0 = no cap)"},
    [BOOST_SPILL] = {"spill_population", PORTEE_PARAM_INT, "people", 1e6, 1, 1e9,
                     "people outside the target who may get the impressions that miss it"},
    [BOOST_FOLLOWER_SHARE] = {"follower_share", PORTEE_PARAM_PROB, "share of the target", 0.04, 0, 1,
                              "share of the target audience who already follow the page; the "
                              "other followers are in the spill population (0.04: 800 of the "
                              "default 1,000 followers are in the default target)"},
    [BOOST_FOLLOWERS] = PORTEE_PAGE_FOLLOWERS,
    [BOOST_REACH_RATE] = PORTEE_PAGE_REACH_RATE,
    [BOOST_POST_VARIABILITY] = PORTEE_PAGE_POST_VARIABILITY,
    [BOOST_SIZE_ELASTICITY] = PORTEE_PAGE_SIZE_ELASTICITY,
    [BOOST_SIZE_REFERENCE] = PORTEE_PAGE_SIZE_REFERENCE,
    [BOOST_PAID_ENGAGEMENT_RATE] = {"paid_engagement_rate", PORTEE_PARAM_PROB, "probability", 0.02, 0, 1,
                               "probability that a person reached by the boost reacts, comments or "
                               "clicks (an assumption: half the reach model's organic 4 %, as most "
                               "are strangers to the page)"},
    [BOOST_PAID_FOLLOW_RATE] = {"paid_follow_rate", PORTEE_PARAM_PROB, "probability", 0.01, 0, 1,
                           "probability that a non-follower reached by the boost follows the page "
                           "(an assumption: half the reach model's rate for people reached by a share)"},
    [BOOST_POSTS_PER_WEEK] = PORTEE_PAGE_POSTS_PER_WEEK,
    [BOOST_LIFT_WEEKS] = {"lift_weeks", PORTEE_PARAM_INT, "weeks", 52, 0, 520,
                          "weeks of later posts over which new followers add organic reach"},
    [BOOST_WEEKS] = {"weeks", PORTEE_PARAM_INT, "weeks", 0, 0, 104,
                     "0 = one boosted post; W > 0 = a campaign of W weeks with `budget` each "
                     "week, and weekly series"},
    [BOOST_ADSTOCK] = {"adstock", PORTEE_PARAM_REAL, "share per week", 0, 0, 0.95,
                       "geometric carry-over in a campaign: this share of a week's delivered "
                       "impressions recurs, unpaid, the next week"},
    [BOOST_MAX_FREQUENCY] = {"max_frequency", PORTEE_PARAM_INT, "bins", 10, 0, 100,
                             "bins of the frequency histogram (1, 2, ... times; the last is "
                             "'that many or more'); 0 = none"},
};

static const portee_output_def_t outputs[BOOST_NOUTPUTS] = {
    [BOOST_OUT_IMPRESSIONS] = {"impressions", "impressions",
                               "impressions of the boost delivered (carried-over ones included)", true},
    [BOOST_OUT_SPEND] = {"spend", "currency",
                         "budget spent: all of it but the share of its impressions the cap blocked", false},
    [BOOST_OUT_PAID_REACH] = {"paid_reach", "people",
                              "people shown the boost at least once, in the target and outside it", true},
    [BOOST_OUT_TARGET_REACH] = {"target_reach", "people", "people of the target shown the boost", true},
    [BOOST_OUT_INCREMENTAL] = {"incremental_reach", "people",
                               "people reached by the boost who were not reached organically", true},
    [BOOST_OUT_ORGANIC] = {"organic_reach", "people",
                           "followers the same post reaches unpaid (direct reach; shares left out)", true},
    [BOOST_OUT_TOTAL] = {"total_reach", "people", "people reached organically or by the boost", true},
    [BOOST_OUT_COST_PER_1000] = {"cost_per_1000_incremental", "currency per 1000 people",
                                 "spend x 1000 / incremental reach (0 when nothing is spent; "
                                 "spend x 1000 when the boost adds nobody)",
                                 false},
    [BOOST_OUT_ENGAGEMENTS] = {"engagements", "engagements", "people reached by the boost who engaged",
                               true},
    [BOOST_OUT_FOLLOWERS_GAINED] = {"followers_gained", "people",
                                    "non-followers reached by the boost who followed the page", true},
    [BOOST_OUT_ORGANIC_LIFT] = {"organic_lift", "people x posts",
                                "extra organic reach of later posts through the new followers "
                                "(expected, over lift_weeks)",
                                false},
    [BOOST_OUT_FREQUENCY] = {"frequency", "people",
                             "people shown the boost exactly j times (the last bin: j or more)", true,
                             "max_frequency", 0, "exposures", 1},
    [BOOST_OUT_WEEK_IMPRESSIONS] = {"weekly_impressions", "impressions",
                                    "impressions delivered in the week (carried-over ones included)",
                                    true, "weeks", 0, "week", 1},
    [BOOST_OUT_WEEK_PAID_REACH] = {"weekly_paid_reach", "people",
                                   "people shown the boost so far, by the end of the week", true,
                                   "weeks", 0, "week", 1},
    [BOOST_OUT_WEEK_INCREMENTAL] = {"weekly_incremental_reach", "people",
                                    "incremental reach so far, by the end of the week", true,
                                    "weeks", 0, "week", 1},
};

/* Before portee 0.2 these parameters shared their names with the organic
 * ones they differ from. */
static const portee_alias_t aliases[] = {
    {"engagement_rate", "paid_engagement_rate"},
    {"follow_rate", "paid_follow_rate"},
    {"horizon_weeks", "lift_weeks"},
};

static double followers_in_target(double share, double target) { return floor(share * target + 0.5); }

static bool boost_check(const double *lo, const double *hi, char *why, size_t why_len)
{
    const double in_hi = followers_in_target(hi[BOOST_FOLLOWER_SHARE], hi[BOOST_TARGET_SIZE]);
    if (in_hi > lo[BOOST_FOLLOWERS]) {
        snprintf(why, why_len,
                 "follower_share x target_size (up to %.0f followers in the target) must not exceed "
                 "followers (down to %.0f)",
                 in_hi, lo[BOOST_FOLLOWERS]);
        return false;
    }
    const double out_hi = hi[BOOST_FOLLOWERS] - followers_in_target(lo[BOOST_FOLLOWER_SHARE], lo[BOOST_TARGET_SIZE]);
    if (out_hi > lo[BOOST_SPILL]) {
        snprintf(why, why_len,
                 "the followers outside the target (up to %.0f) must fit in spill_population (down to %.0f)",
                 out_hi, lo[BOOST_SPILL]);
        return false;
    }
    const double most = 1000 * hi[BOOST_BUDGET] / lo[BOOST_CPM] / (1 - hi[BOOST_ADSTOCK]);
    if (most > BOOST_MAX_EXPECTED_IMPRESSIONS) {
        snprintf(why, why_len,
                 "budget / cpm (with adstock) buys up to %.3g impressions a week; the model stops at %.0e",
                 most, BOOST_MAX_EXPECTED_IMPRESSIONS);
        return false;
    }
    /* the auction noise's upper tail: its 1e-9 quantile exp(z·s - s²/2),
     * z = 5.9978, largest at s = z, so over s in [lo, hi] at the s nearest z */
    const double z = 5.997807015, s = hi[BOOST_AUCTION_NOISE] < z ? hi[BOOST_AUCTION_NOISE] : z;
    const double tail = most * exp(z * s - 0.5 * s * s);
    if (tail > BOOST_MAX_IMPRESSIONS) {
        snprintf(why, why_len,
                 "budget / cpm with auction_noise %g buys up to %.3g impressions a week (its 1-in-10^9 "
                 "upper tail, adstock included); the model stops at %.0e: lower the budget or the noise",
                 s, tail, BOOST_MAX_IMPRESSIONS);
        return false;
    }
    return true;
}

/* x rounded down or up at random, with mean x (x >= 0). */
static double round_at_random(gsl_rng *r, double x)
{
    const double f = floor(x);
    return f + (x > f && portee_rng_uniform(r) < x - f);
}

static unsigned int count(double x) { return (unsigned int)x; }

/* Who is new among the people of one audience the boost has reached: the
 * reached are a uniform subset of the audience (delivery ignores who
 * follows), nested week by week, so the newcomers are a uniform subset of
 * those not reached before. */
typedef struct {
    double people, followers, organic; /* audience; its followers; organically reached among them */
    double reached, reached_followers, overlap;
} side_t;

static void side_update(side_t *s, double reached_now, gsl_rng *r)
{
    const double fresh = reached_now - s->reached;
    if (fresh <= 0) return;
    const double f_left = s->followers - s->reached_followers, o_left = s->organic - s->overlap;
    const double new_f = portee_sample_hypergeometric(r, count(f_left), count(s->people - s->reached - f_left),
                                                      count(fresh));
    s->overlap += portee_sample_hypergeometric(r, count(o_left), count(f_left - o_left), count(new_f));
    s->reached_followers += new_f;
    s->reached = reached_now;
}

/* Deals one week's impressions to an audience; returns the exposures that
 * got through the cap and adds to *blocked_paid the paid ones that did not:
 * the week's exposures are labelled paid or carried-over at random, so the
 * blocked ones are a hypergeometric draw of them. */
static double deliver(portee_boost_audience_t *a, double shape, double cap, double paid, double carried,
                      gsl_rng *r, double *blocked_paid)
{
    const double before = portee_boost_audience_delivered(a, cap);
    portee_boost_audience_add(a, shape, paid + carried, r);
    const double got = portee_boost_audience_delivered(a, cap) - before, blocked = paid + carried - got;
    if (blocked > 0)
        *blocked_paid += carried > 0 ? portee_sample_hypergeometric(r, count(paid), count(carried), count(blocked))
                                     : blocked;
    return got;
}

static void boost_simulate(const double *p, const void *ws, gsl_rng *r, double *const *out)
{
    (void)ws;
    const double T = p[BOOST_TARGET_SIZE], S = p[BOOST_SPILL], F = p[BOOST_FOLLOWERS];
    const double F_in = followers_in_target(p[BOOST_FOLLOWER_SHARE], T);
    const double shape = p[BOOST_SHAPE], cap = p[BOOST_CAP], precision = p[BOOST_PRECISION];
    const double cpm = p[BOOST_CPM], sigma = p[BOOST_AUCTION_NOISE], adstock = p[BOOST_ADSTOCK];
    const unsigned int weeks = (unsigned int)p[BOOST_WEEKS], periods = weeks ? weeks : 1;

    /* the same post's organic (direct) reach: the reach model's own draw, at
     * the page's rate for its size */
    const double rate = portee_page_rate_at(p[BOOST_REACH_RATE], F, p[BOOST_SIZE_ELASTICITY], p[BOOST_SIZE_REFERENCE]);
    const double organic = portee_reach_direct(r, rate, p[BOOST_POST_VARIABILITY], count(F));
    const double organic_in = portee_sample_hypergeometric(r, count(F_in), count(F - F_in), count(organic));
    side_t in = {T, F_in, organic_in, 0, 0, 0}, spill = {S, F - F_in, organic - organic_in, 0, 0, 0};

    portee_boost_audience_t target, outside;
    portee_boost_audience_init(&target, T);
    portee_boost_audience_init(&outside, S);
    double spend = 0, impressions = 0, last_week = 0;
    for (unsigned int w = 0; w < periods; w++) {
        double bought = 1000 * p[BOOST_BUDGET] / cpm;
        if (sigma > 0) bought *= exp(sigma * gsl_ran_gaussian_ziggurat(r, 1.0) - 0.5 * sigma * sigma);
        /* the week's price of one impression, CPM / 1000 over the noise */
        const double price = bought > 0 ? p[BOOST_BUDGET] / bought : 0;
        /* boost_check() keeps the noise's 1e-9 quantile (adstock included)
         * below BOOST_MAX_IMPRESSIONS: the clipping below is a guard for
         * counts, reached with probability below 1e-9 a week */
        bought = round_at_random(r, bought < BOOST_MAX_IMPRESSIONS ? bought : BOOST_MAX_IMPRESSIONS);
        double carried = round_at_random(r, adstock * last_week);
        if (carried > BOOST_MAX_IMPRESSIONS - bought) carried = BOOST_MAX_IMPRESSIONS - bought;
        const double paid_in = portee_sample_binomial(r, precision, count(bought));
        const double carried_in = portee_sample_binomial(r, precision, count(carried));
        double blocked_paid = 0;
        last_week = deliver(&target, shape, cap, paid_in, carried_in, r, &blocked_paid) +
                    deliver(&outside, shape, cap, bought - paid_in, carried - carried_in, r, &blocked_paid);
        impressions += last_week;
        /* the noise is in the price: every impression bought and not
         * blocked by the cap is paid at the week's price, so the random
         * rounding of a fractional count keeps the mean spend at the budget
         * (a week's spend can pass it by less than one impression's price) */
        spend += price * (bought - blocked_paid);
        side_update(&in, portee_boost_audience_reached(&target), r);
        side_update(&spill, portee_boost_audience_reached(&outside), r);
        if (weeks) {
            out[BOOST_OUT_WEEK_IMPRESSIONS][w] = last_week;
            out[BOOST_OUT_WEEK_PAID_REACH][w] = in.reached + spill.reached;
            out[BOOST_OUT_WEEK_INCREMENTAL][w] = in.reached + spill.reached - in.overlap - spill.overlap;
        }
    }

    const double paid = in.reached + spill.reached, incremental = paid - in.overlap - spill.overlap;
    const double gained = portee_sample_binomial(r, p[BOOST_PAID_FOLLOW_RATE],
                                                 count(paid - in.reached_followers - spill.reached_followers));
    out[BOOST_OUT_IMPRESSIONS][0] = impressions;
    out[BOOST_OUT_SPEND][0] = spend;
    out[BOOST_OUT_PAID_REACH][0] = paid;
    out[BOOST_OUT_TARGET_REACH][0] = in.reached;
    out[BOOST_OUT_INCREMENTAL][0] = incremental;
    out[BOOST_OUT_ORGANIC][0] = organic;
    out[BOOST_OUT_TOTAL][0] = organic + incremental;
    /* a ratio must stay finite for the summaries: a boost that adds nobody
     * is charged as if it added one person */
    out[BOOST_OUT_COST_PER_1000][0] = spend > 0 ? spend * 1000 / (incremental > 1 ? incremental : 1) : 0;
    out[BOOST_OUT_ENGAGEMENTS][0] = portee_sample_binomial(r, p[BOOST_PAID_ENGAGEMENT_RATE], count(paid));
    out[BOOST_OUT_FOLLOWERS_GAINED][0] = gained;
    /* the new followers' reach on later posts; under the size law a larger
     * page reaches a smaller share of everyone, so the lift is the page's
     * reach at F + gained less its reach at F */
    const double lift = p[BOOST_SIZE_ELASTICITY] == 0
                            ? gained * rate
                            : (F + gained) * portee_page_rate_at(p[BOOST_REACH_RATE], F + gained,
                                                                  p[BOOST_SIZE_ELASTICITY], p[BOOST_SIZE_REFERENCE]) -
                                  F * rate;
    out[BOOST_OUT_ORGANIC_LIFT][0] = lift * p[BOOST_POSTS_PER_WEEK] * p[BOOST_LIFT_WEEKS];
    const unsigned int bins = (unsigned int)p[BOOST_MAX_FREQUENCY];
    for (unsigned int j = 0; j < bins; j++) out[BOOST_OUT_FREQUENCY][j] = 0;
    portee_boost_audience_frequency(&target, cap, bins, out[BOOST_OUT_FREQUENCY]);
    portee_boost_audience_frequency(&outside, cap, bins, out[BOOST_OUT_FREQUENCY]);
}

const portee_model_t portee_model_boost = {
    .name = "boost",
    .help = "paid boosting of a post or a weekly campaign: impressions bought, their spread over "
            "a target audience (NBD or uniform delivery), paid and incremental reach, frequency, "
            "cost per 1,000 incremental people, engagements and followers gained",
    .params = params,
    .n_params = BOOST_NPARAMS,
    .outputs = outputs,
    .n_outputs = BOOST_NOUTPUTS,
    .main_output = BOOST_OUT_INCREMENTAL,
    .aliases = aliases,
    .n_aliases = sizeof aliases / sizeof *aliases,
    .check = boost_check,
    .simulate = boost_simulate,
};
