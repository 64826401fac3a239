/* adoption.h — adoption lag between an audience and organisations, and what
 * waiting costs one organisation (docs/models.md, adoption).
 *
 * Two populations, the audience (M_a people: the market an organisation could
 * reach on the platform) and organisations (M_o competing for the same feeds),
 * each a stochastic Bass diffusion on sub-steps of dt = 1/steps_per_year:
 * a population with A adopters of M gains Binomial(M − A, 1 − e^{−h·dt}) in a
 * step, h taken at the step's start:
 *   audience       h_a = p_a + q_a·A_a/M_a
 *   organisations  h_o = p_o + q_o·A_o/M_o + c·A_a/M_a   (c: coupling)
 * For large M the mean path follows the recurrence A_{k+1} = A_k +
 * (M − A_k)(1 − e^{−h_k·dt}), which lags the continuous Bass curve
 * F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}) by about one step: with
 * p = 0.03, q = 0.38 the share is at most 0.009 below F at monthly steps
 * (t50 0.083 years late), 0.002 at weekly steps, 0.0003 at daily ones.  With
 * q = c = 0 the hazard is constant and A(t) is exactly Binomial(M, 1 − e^{−pt})
 * whatever dt.
 *
 * Times to 10, 50 and 90 % of each population are interpolated linearly
 * within the sub-step where the share is crossed.  Past the horizon the two
 * populations keep stepping (nothing stored) until every time is known, up to
 * ADOPTION_TIME_CAP years: a share not reached by then is reported as the cap
 * (a censored value, so means and upper quantiles are then lower bounds).
 *
 * Cost of delay: a focal organisation (outside the M_o) joins at the start of
 * adoption year y = 0..delay_years.  From then on every adopted audience member
 * who does not follow it yet does so at follow_rate_per_year: Binomial(A_a −
 * F, 1 − e^{−follow_rate_per_year·dt}) new followers a step.  Each post reaches
 * r(t)·F followers, r(t) = reach_rate·(1 − competition·A_o/M_o): organic reach
 * per post falls as organisations crowd the feeds.  Cumulative reach is the
 * expected direct reach of posts_per_week posts given the follower path
 * (over thousands of posts the per-post binomial noise averages out).  All
 * adoption years see the same market path (common random numbers), and their
 * follower draws are coupled: the later organisation's new followers are the
 * earlier one's plus Binomial(F_earlier − F_later, π), which is exactly
 * Binomial(A_a − F_later, π) and never makes a later start overtake an earlier
 * one — the differences, the cost of delay, are sharp and monotone in every
 * replicate.  delay_reach_lost gives them per replicate, as the share of the
 * year-0 organisation's cumulative reach that joining later loses, so its
 * bands show the cost itself rather than the spread of the market. */
#ifndef PORTEE_MODELS_ADOPTION_H
#define PORTEE_MODELS_ADOPTION_H

#include "sim/scenario/model.h"

enum {
    ADOPT_AUDIENCE,        /* M_a */
    ADOPT_AUDIENCE_P,
    ADOPT_AUDIENCE_Q,
    ADOPT_AUDIENCE_INITIAL,
    ADOPT_ORGS,            /* M_o */
    ADOPT_ORG_P,
    ADOPT_ORG_Q,
    ADOPT_COUPLING,
    ADOPT_ORG_INITIAL,
    ADOPT_HORIZON,
    ADOPT_STEPS,
    ADOPT_DELAY,
    ADOPT_FOLLOW_RATE_PER_YEAR,
    ADOPT_REACH_RATE,
    ADOPT_COMPETITION,
    ADOPT_POSTS_PER_WEEK,
    ADOPT_ENGAGEMENT_RATE, /* the funnel from the cost of delay's reach to clients and money */
    ADOPT_VISIT_RATE,
    ADOPT_CLIENT_RATE,
    ADOPT_CLIENT_VALUE,
    ADOPT_NPARAMS
};

/* The six times are in this order (audience, then organisations; 10, 50, 90 %). */
enum {
    ADOPT_OUT_AUDIENCE_T10,
    ADOPT_OUT_AUDIENCE_T50,
    ADOPT_OUT_AUDIENCE_T90,
    ADOPT_OUT_ORG_T10,
    ADOPT_OUT_ORG_T50,
    ADOPT_OUT_ORG_T90,
    ADOPT_OUT_LAG_T50,          /* org_t50 − audience_t50 */
    ADOPT_OUT_AUDIENCE_SHARE,   /* series over years 0..horizon_years: */
    ADOPT_OUT_ORG_SHARE,
    ADOPT_OUT_ORG_NEW,          /* organisations adopting since the previous year mark */
    ADOPT_OUT_POST_REACH_RATE,  /* r(t) */
    ADOPT_OUT_DELAY_FOLLOWERS,  /* series over adoption years 0..delay_years */
    ADOPT_OUT_DELAY_REACH,
    ADOPT_OUT_DELAY_REACH_LOST, /* 1 − delay_reach / delay_reach of year 0, per replicate */
    ADOPT_OUT_DELAY_CLIENTS,    /* delay_reach × engagement × visit × client rates */
    ADOPT_OUT_DELAY_REVENUE_LOST, /* (clients of year 0 − clients) × client_value */
    ADOPT_NOUTPUTS
};

/* Times not reached within this many years are reported as this value. */
#define ADOPTION_TIME_CAP 100
#define ADOPTION_MAX_HORIZON 50
#define ADOPTION_MAX_STEPS 365

extern const portee_model_t portee_model_adoption;

#endif
