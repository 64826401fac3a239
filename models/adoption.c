/* adoption.c — the adoption model's tables and one replicate (see adoption.h). */
#include "models/adoption.h"
#include "models/page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/numeric/sample.h"

#define WEEKS_PER_YEAR (365.25 / 7)
#define STR_(x) #x
#define STR(x) STR_(x)
#define CENSORED "(" STR(ADOPTION_TIME_CAP) " = not reached by then: censored)"

static const portee_param_def_t params[ADOPT_NPARAMS] = {
    [ADOPT_AUDIENCE] = {"audience_size", PORTEE_PARAM_INT, "people", 10000, 1, 4e9,
                        "the market: people who could follow an organisation once both are on the "
                        "platform (default: a town-sized market of 10,000)"},
    [ADOPT_AUDIENCE_P] = {"audience_p", PORTEE_PARAM_REAL, "per year", 0.03, 0, 10,
                          "audience's Bass innovation coefficient: adoption hazard with nobody on the "
                          "platform yet (0.03: mean over many products, range 0.01-0.03, Sultan, "
                          "Farley and Lehmann 1990)"},
    [ADOPT_AUDIENCE_Q] = {"audience_q", PORTEE_PARAM_REAL, "per year", 0.38, 0, 10,
                          "audience's Bass imitation coefficient: hazard added when everyone else "
                          "has adopted (0.38: same meta-analysis, range 0.3-0.5)"},
    [ADOPT_AUDIENCE_INITIAL] = {"audience_initial", PORTEE_PARAM_PROB, "share", 0,  0, 1,
                                "share of the audience on the platform at year 0"},
    [ADOPT_ORGS] = {"organisations", PORTEE_PARAM_INT, "organisations", 300, 1, 4e9,
                    "organisations competing for the audience's feeds (default: about 3 employer "
                    "businesses per 100 inhabitants in Canada, so a few hundred for 10,000 people)"},
    [ADOPT_ORG_P] = {"org_p", PORTEE_PARAM_REAL, "per year", 0.01, 0, 10,
                     "organisations' Bass innovation coefficient (0.01: the low end of the "
                     "meta-analysis range; organisations adopt later than individuals)"},
    [ADOPT_ORG_Q] = {"org_q", PORTEE_PARAM_REAL, "per year", 0.3, 0, 10,
                     "organisations' Bass imitation coefficient, from other organisations (0.3: "
                     "the low end of the meta-analysis range)"},
    [ADOPT_COUPLING] = {"coupling", PORTEE_PARAM_REAL, "per year", 0.05, 0, 10,
                        "organisations' extra adoption hazard when their whole audience is on the "
                        "platform (scaled by the audience's share); an assumption: 0.05 puts the "
                        "organisations' 50 % about 2.5 years after the audience's"},
    [ADOPT_ORG_INITIAL] = {"org_initial", PORTEE_PARAM_PROB, "share", 0, 0, 1,
                           "share of the organisations on the platform at year 0"},
    [ADOPT_HORIZON] = {"horizon_years", PORTEE_PARAM_INT, "years", 15, 1, ADOPTION_MAX_HORIZON,
                       "years simulated: the adoption curves run over years 0..horizon_years, and "
                       "followers and reach are counted up to it"},
    [ADOPT_STEPS] = {"steps_per_year", PORTEE_PARAM_INT, "steps", 12, 1, ADOPTION_MAX_STEPS,
                     "sub-steps a year (12 = monthly); coarse steps delay the curves by about one "
                     "step (t50 about 0.08 years late at 12, 0.003 at 365)"},
    [ADOPT_DELAY] = {"delay_years", PORTEE_PARAM_INT, "years", 5, 0, ADOPTION_MAX_HORIZON,
                     "cost of delay: a focal organisation joins in year 0, 1, ..., delay_years "
                     "(at most horizon_years; 0 = no cost-of-delay series)"},
    [ADOPT_FOLLOW_RATE_PER_YEAR] = {"follow_rate_per_year", PORTEE_PARAM_REAL, "per year", 0.03, 0, 100,
                           "rate at which an audience member on the platform who does not follow "
                           "the focal organisation yet starts to (0.03: present from year 0, it "
                           "holds about 1,000 of 10,000 by year 10, the default reach page)"},
    [ADOPT_REACH_RATE] = PORTEE_PAGE_REACH_RATE,
    [ADOPT_COMPETITION] = {"competition", PORTEE_PARAM_PROB, "share", 0.6, 0, 1,
                           "fall in organic reach per post once every organisation is on the "
                           "platform: r = reach_rate x (1 - competition x organisations' share) "
                           "(0.6: Facebook page reach fell from 16 % in 2012 to 6 % in 2014 as "
                           "pages multiplied, Social@Ogilvy; part of that was platform policy)"},
    [ADOPT_POSTS_PER_WEEK] = PORTEE_PAGE_POSTS_PER_WEEK,
    [ADOPT_ENGAGEMENT_RATE] = PORTEE_PAGE_ENGAGEMENT_RATE,
    [ADOPT_VISIT_RATE] = {"visit_rate", PORTEE_PARAM_PROB, "per engagement", 0.1, 0, 1,
                          "engagements that become visits or leads (the funnel of the cost of delay)"},
    [ADOPT_CLIENT_RATE] = {"client_rate", PORTEE_PARAM_PROB, "per visit", 0.02, 0, 1,
                           "visits that become clients"},
    [ADOPT_CLIENT_VALUE] = {"client_value", PORTEE_PARAM_REAL, "currency", 0, 0, 1e9,
                            "what a new client is worth: the cost of delay in money"},
};

static const portee_output_def_t outputs[ADOPT_NOUTPUTS] = {
    [ADOPT_OUT_AUDIENCE_T10] = {"audience_t10", "years",
                                "years until 10 % of the audience is on the platform " CENSORED},
    [ADOPT_OUT_AUDIENCE_T50] = {"audience_t50", "years",
                                "years until 50 % of the audience is on the platform " CENSORED},
    [ADOPT_OUT_AUDIENCE_T90] = {"audience_t90", "years",
                                "years until 90 % of the audience is on the platform " CENSORED},
    [ADOPT_OUT_ORG_T10] = {"org_t10", "years", "years until 10 % of organisations are on the platform "
                                               CENSORED},
    [ADOPT_OUT_ORG_T50] = {"org_t50", "years", "years until 50 % of organisations are on the platform "
                                               CENSORED},
    [ADOPT_OUT_ORG_T90] = {"org_t90", "years", "years until 90 % of organisations are on the platform "
                                               CENSORED},
    [ADOPT_OUT_LAG_T50] = {"lag_t50", "years",
                           "org_t50 - audience_t50: how far organisations trail their audience"},
    [ADOPT_OUT_AUDIENCE_SHARE] = {"audience_share", "share", "share of the audience on the platform",
                                  false, "horizon_years", 1, "year", 0},
    [ADOPT_OUT_ORG_SHARE] = {"org_share", "share", "share of organisations on the platform", false,
                             "horizon_years", 1, "year", 0},
    [ADOPT_OUT_ORG_NEW] = {"org_new", "organisations",
                           "organisations that joined since the previous year (year 0: those there "
                           "at the start); its mean is the distribution of adoption times",
                           true, "horizon_years", 1, "year", 0},
    [ADOPT_OUT_POST_REACH_RATE] = {"post_reach_rate", "share of followers",
                                   "organic reach per post as organisations compete for the feeds",
                                   false, "horizon_years", 1, "year", 0},
    [ADOPT_OUT_DELAY_FOLLOWERS] = {"delay_followers", "people",
                                   "followers at the horizon of an organisation joining in this year",
                                   true, "delay_years", 1, "adoption year", 0},
    [ADOPT_OUT_DELAY_REACH] = {"delay_reach", "impressions",
                               "organic reach of its posts added up from joining to the horizon "
                               "(direct reach; a person reached by two posts counts twice)",
                               false, "delay_years", 1, "adoption year", 0},
    [ADOPT_OUT_DELAY_REACH_LOST] = {"delay_reach_lost", "share",
                                    "share of the reach of an organisation joining in year 0 that "
                                    "joining in this year loses (same market, same replicate)",
                                    false, "delay_years", 1, "adoption year", 0},
    [ADOPT_OUT_DELAY_CLIENTS] = {"delay_clients", "clients",
                                 "clients its reach brings by the horizon, expected: delay_reach x "
                                 "engagement_rate x visit_rate x client_rate",
                                 false, "delay_years", 1, "adoption year", 0},
    [ADOPT_OUT_DELAY_REVENUE_LOST] = {"delay_revenue_lost", "currency",
                                      "money lost by joining in this year rather than year 0: the clients "
                                      "lost x client_value",
                                      false, "delay_years", 1, "adoption year", 0},
};

static bool adoption_check(const double *lo, const double *hi, char *why, size_t why_len)
{
    if (hi[ADOPT_DELAY] > lo[ADOPT_HORIZON]) {
        snprintf(why, why_len,
                 "delay_years (%.0f) must not exceed horizon_years (%.0f): the cost of delay "
                 "counts followers and reach up to the horizon",
                 hi[ADOPT_DELAY], lo[ADOPT_HORIZON]);
        return false;
    }
    /* population_init rounds the initial share to whole adopters */
    if (hi[ADOPT_AUDIENCE_P] == 0 && floor(hi[ADOPT_AUDIENCE_INITIAL] * hi[ADOPT_AUDIENCE] + 0.5) == 0) {
        snprintf(why, why_len,
                 "audience_p is 0 and audience_initial x audience_size makes no initial adopter: "
                 "nobody in the audience would ever adopt (the hazard p + q x share stays 0)");
        return false;
    }
    if (hi[ADOPT_ORG_P] == 0 && hi[ADOPT_COUPLING] == 0 &&
        floor(hi[ADOPT_ORG_INITIAL] * hi[ADOPT_ORGS] + 0.5) == 0) {
        snprintf(why, why_len,
                 "org_p and coupling are 0 and org_initial x organisations makes no initial adopter: "
                 "no organisation would ever adopt");
        return false;
    }
    return true;
}

static const double threshold[3] = {0.1, 0.5, 0.9};

/* One population's state and the times its shares were first reached. */
typedef struct {
    double m, a;       /* size, adopters */
    unsigned int next; /* first threshold not reached yet */
    double t[3];
} population_t;

static void population_init(population_t *s, double m, double initial_share)
{
    s->m = m;
    s->a = floor(initial_share * m + 0.5);
    s->next = 0;
    while (s->next < 3 && s->a >= threshold[s->next] * m) s->t[s->next++] = 0;
}

/* Adopters after a step of hazard h, and the thresholds crossed in it at
 * times interpolated within the step [t0, t0 + dt]. */
static void population_step(population_t *s, gsl_rng *r, double h, double t0, double dt)
{
    const double before = s->a;
    if (before < s->m) s->a += portee_sample_binomial(r, -expm1(-h * dt), (unsigned int)(s->m - before));
    while (s->next < 3 && s->a >= threshold[s->next] * s->m) {
        s->t[s->next] = t0 + dt * (threshold[s->next] * s->m - before) / (s->a - before);
        s->next++;
    }
}

/* One sub-step of the focal organisations joining in years 0..joined-1
 * (joined >= 1): followers f[] (non-increasing in the year) and cumulative
 * reach c[].  The followable pool of year j is f[j-1] − f[j] more than year
 * j-1's (f[-1] = the audience on the platform), so drawing year j's new
 * followers as year j-1's plus Binomial(f[j-1] − f[j], pi) gives each year
 * its exact Binomial(A_a − f[j], pi) and keeps f[] non-increasing. */
static void followers_step(double *f, double *c, unsigned int joined, double audience, double pi,
                           const portee_binomial_cache_t *cached, double reach_per_follower, gsl_rng *r)
{
    double pool_above = audience, gained = 0;
    for (unsigned int j = 0; j < joined; j++) {
        const double old = f[j];
        const unsigned int n = (unsigned int)(pool_above - old);
        c[j] += reach_per_follower * old;
        gained += cached ? portee_sample_binomial_cached(r, cached, n) : portee_sample_binomial(r, pi, n);
        f[j] = old + gained;
        pool_above = old;
    }
}

/* The follow probability of a step is the same for every replicate of a
 * point when its rate and the step are: (1 - pi)^n is then tabulated once
 * (about 900 follower draws a replicate, a quarter of its time computing
 * that power).  The draws are those of portee_sample_binomial(). */
typedef struct {
    portee_binomial_cache_t follow;
} adoption_ws_t;

static void adoption_release(void *vws)
{
    adoption_ws_t *ws = vws;
    if (!ws) return;
    portee_binomial_cache_free(&ws->follow);
    free(ws);
}

static void *adoption_prepare(const portee_dist_t *p, uint64_t replicates, bool *failed)
{
    (void)replicates;
    *failed = false;
    if (p[ADOPT_FOLLOW_RATE_PER_YEAR].kind != PORTEE_DIST_CONST || p[ADOPT_STEPS].kind != PORTEE_DIST_CONST ||
        p[ADOPT_AUDIENCE].kind != PORTEE_DIST_CONST || p[ADOPT_AUDIENCE].field[0] > (1 << 20))
        return NULL;
    const double dt = 1.0 / (unsigned int)floor(p[ADOPT_STEPS].field[0] + 0.5);
    const double follow = -expm1(-p[ADOPT_FOLLOW_RATE_PER_YEAR].field[0] * dt);
    if (!(follow > 0 && follow <= 0.5)) return NULL; /* the cached sampler's draws match only there */
    adoption_ws_t *ws = calloc(1, sizeof *ws);
    if (!ws || portee_binomial_cache_init(&ws->follow, follow, (unsigned int)p[ADOPT_AUDIENCE].field[0])) {
        adoption_release(ws);
        *failed = true;
        return NULL;
    }
    return ws;
}

static void adoption_simulate(const double *p, const void *vws, gsl_rng *r, double *const *out)
{
    const unsigned int steps = (unsigned int)p[ADOPT_STEPS];
    const unsigned int horizon = (unsigned int)p[ADOPT_HORIZON];
    const unsigned int delay = (unsigned int)p[ADOPT_DELAY];
    const unsigned long end = (unsigned long)horizon * steps;
    const unsigned long cap = (unsigned long)ADOPTION_TIME_CAP * steps;
    const double dt = 1.0 / steps;
    const double pa = p[ADOPT_AUDIENCE_P], qa = p[ADOPT_AUDIENCE_Q];
    const double po = p[ADOPT_ORG_P], qo = p[ADOPT_ORG_Q], c = p[ADOPT_COUPLING];
    const double follow = -expm1(-p[ADOPT_FOLLOW_RATE_PER_YEAR] * dt);
    const adoption_ws_t *ws = vws;
    const portee_binomial_cache_t *cached = ws && ws->follow.p == follow ? &ws->follow : NULL;
    const double posts = p[ADOPT_POSTS_PER_WEEK] * WEEKS_PER_YEAR * dt; /* posts a sub-step */
    const double reach0 = p[ADOPT_REACH_RATE], competition = p[ADOPT_COMPETITION];
    double *const aud_share = out[ADOPT_OUT_AUDIENCE_SHARE], *const org_share = out[ADOPT_OUT_ORG_SHARE];
    double *const org_new = out[ADOPT_OUT_ORG_NEW], *const rate = out[ADOPT_OUT_POST_REACH_RATE];
    double *const followers = out[ADOPT_OUT_DELAY_FOLLOWERS], *const reach = out[ADOPT_OUT_DELAY_REACH];
    double *const lost = out[ADOPT_OUT_DELAY_REACH_LOST];

    population_t aud, org;
    population_init(&aud, p[ADOPT_AUDIENCE], p[ADOPT_AUDIENCE_INITIAL]);
    population_init(&org, p[ADOPT_ORGS], p[ADOPT_ORG_INITIAL]);
    aud_share[0] = aud.a / aud.m;
    org_share[0] = org.a / org.m;
    org_new[0] = org.a;
    rate[0] = reach0 * (1 - competition * org_share[0]);
    for (unsigned int y = 0; delay > 0 && y <= delay; y++) followers[y] = reach[y] = 0;

    unsigned int year = 0, in_year = 0; /* step k = year * steps + in_year */
    double org_last_year = org.a;
    for (unsigned long k = 0; k < cap && (k < end || aud.next < 3 || org.next < 3); k++) {
        const double sa = aud.a / aud.m, so = org.a / org.m;
        if (k < end && delay > 0) {
            const unsigned int joined = (year < delay ? year : delay) + 1;
            followers_step(followers, reach, joined, aud.a, follow, cached,
                           posts * reach0 * (1 - competition * so), r);
        }
        const double t0 = k * dt;
        population_step(&aud, r, pa + qa * sa, t0, dt);
        population_step(&org, r, po + qo * so + c * sa, t0, dt);
        if (++in_year == steps) {
            in_year = 0;
            if (++year <= horizon) {
                aud_share[year] = aud.a / aud.m;
                org_share[year] = org.a / org.m;
                rate[year] = reach0 * (1 - competition * org_share[year]);
                org_new[year] = org.a - org_last_year;
                org_last_year = org.a;
            }
        }
    }
    const double *times[2] = {aud.t, org.t};
    const unsigned int reached[2] = {aud.next, org.next};
    for (int s = 0; s < 2; s++)
        for (unsigned int i = 0; i < 3; i++)
            out[ADOPT_OUT_AUDIENCE_T10 + 3 * s + i][0] = i < reached[s] ? times[s][i] : ADOPTION_TIME_CAP;
    out[ADOPT_OUT_LAG_T50][0] = out[ADOPT_OUT_ORG_T50][0] - out[ADOPT_OUT_AUDIENCE_T50][0];
    const double per_reach = p[ADOPT_ENGAGEMENT_RATE] * p[ADOPT_VISIT_RATE] * p[ADOPT_CLIENT_RATE];
    for (unsigned int y = 0; delay > 0 && y <= delay; y++) { /* no reach to lose: nothing lost */
        lost[y] = reach[0] > 0 ? 1 - reach[y] / reach[0] : 0;
        out[ADOPT_OUT_DELAY_CLIENTS][y] = reach[y] * per_reach;
        out[ADOPT_OUT_DELAY_REVENUE_LOST][y] = (reach[0] - reach[y]) * per_reach * p[ADOPT_CLIENT_VALUE];
    }
}

/* Before portee 0.2 this rate shared its name with the reach model's
 * probability. */
static const portee_alias_t aliases[] = {{"follow_rate", "follow_rate_per_year"}};

const portee_model_t portee_model_adoption = {
    .name = "adoption",
    .help = "adoption of a platform by an audience and by organisations (two stochastic Bass "
            "diffusions), the lag between them, and what joining later costs one organisation",
    .params = params,
    .n_params = ADOPT_NPARAMS,
    .outputs = outputs,
    .n_outputs = ADOPT_NOUTPUTS,
    .main_output = ADOPT_OUT_LAG_T50,
    .aliases = aliases,
    .n_aliases = sizeof aliases / sizeof *aliases,
    .check = adoption_check,
    .prepare = adoption_prepare,
    .release = adoption_release,
    .simulate = adoption_simulate,
};
