/* labels.c — readers' names of parameters and outputs, and values with
 * their units (labels.h).  English here; French in sim/base/lang_fr.c. */
#include "sim/results/labels.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *key, *label;
} label_t;

/* Parameters, then outputs; "model.name" where a name means two things. */
static const label_t labels[] = {
    /* page */
    {"followers", "followers"},
    {"reach_rate", "organic reach rate"},
    {"post_variability", "post-to-post consistency"},
    {"size_elasticity", "size elasticity of reach"},
    {"size_reference", "reference page size"},
    {"follower_variability", "follower-to-follower consistency"},
    {"engagement_rate", "engagement rate"},
    {"posts_per_week", "posts per week"},
    {"platform", "platform"},
    /* reach */
    {"share_rate", "share rate"},
    {"friends_median", "median friends of a sharer"},
    {"friends_sigma", "spread of friend counts"},
    {"max_friends", "friend limit"},
    {"friend_reach", "friends seeing a share"},
    {"reachable_population", "reachable population"},
    {"max_generations", "share generations (cap)"},
    {"hours", "hours followed"},
    {"arrival_hours", "mean delay before a post is seen"},
    {"horizon_weeks", "weeks of the posting plan"},
    {"max_posts_seen", "posts-seen table size"},
    {"reach.follow_rate", "follow rate of people reached by shares"},
    {"churn_rate", "weekly unfollow rate"},
    /* adoption */
    {"audience_size", "audience size"},
    {"audience_p", "audience innovation (Bass p)"},
    {"audience_q", "audience imitation (Bass q)"},
    {"audience_initial", "audience on the platform at the start"},
    {"organisations", "organisations"},
    {"org_p", "organisations' innovation (Bass p)"},
    {"org_q", "organisations' imitation (Bass q)"},
    {"coupling", "pull of the audience on organisations"},
    {"org_initial", "organisations on the platform at the start"},
    {"horizon_years", "years simulated"},
    {"steps_per_year", "steps a year"},
    {"delay_years", "years of delay compared"},
    {"follow_rate_per_year", "yearly follow rate"},
    {"competition", "reach lost to competing pages"},
    /* boost */
    {"budget", "budget"},
    {"cpm", "CPM"},
    {"auction_noise", "auction noise"},
    {"target_size", "target audience"},
    {"targeting_precision", "targeting precision"},
    {"exposure_shape", "exposure spread (NBD k)"},
    {"frequency_cap", "frequency cap"},
    {"spill_population", "people outside the target"},
    {"follower_share", "followers in the target"},
    {"paid_engagement_rate", "paid engagement rate"},
    {"paid_follow_rate", "paid follow rate"},
    {"lift_weeks", "weeks of follower lift"},
    {"weeks", "campaign weeks"},
    {"adstock", "carry-over (adstock)"},
    {"max_frequency", "frequency bins"},
    /* reach outputs */
    {"direct", "direct reach"},
    {"viral", "reach through shares"},
    {"total", "reach of one post"},
    {"reach.engagements", "engagements"},
    {"shares", "shares"},
    {"cascade_R", "share cascade R"},
    {"cascade_cut", "cascades cut short"},
    {"hourly_reach", "reach so far"},
    {"weekly_followers", "followers"},
    {"weekly_unique_reach", "followers reached in the week"},
    {"cumulative_reach", "followers reached so far"},
    {"reach.weekly_impressions", "impressions in the week"},
    {"weekly_direct_impressions", "direct impressions in the week"},
    {"weekly_frequency", "posts seen per follower reached"},
    {"weekly_engagements", "engagements in the week"},
    {"weekly_new_followers", "new followers in the week"},
    {"weekly_lost_followers", "followers lost in the week"},
    {"posts_seen", "followers by posts seen"},
    /* adoption outputs */
    {"audience_t10", "years until 10 % of the audience"},
    {"audience_t50", "years until 50 % of the audience"},
    {"audience_t90", "years until 90 % of the audience"},
    {"org_t10", "years until 10 % of organisations"},
    {"org_t50", "years until 50 % of organisations"},
    {"org_t90", "years until 90 % of organisations"},
    {"lag_t50", "organisations' lag behind the audience"},
    {"audience_share", "audience on the platform"},
    {"org_share", "organisations on the platform"},
    {"org_new", "organisations joining"},
    {"post_reach_rate", "organic reach rate per post"},
    {"delay_followers", "followers at the horizon"},
    {"delay_reach", "reach until the horizon"},
    {"delay_reach_lost", "reach lost by joining later"},
    {"delay_clients", "clients by the horizon"},
    {"delay_revenue_lost", "money lost by joining later"},
    {"adoption.visit_rate", "visit rate"},
    {"adoption.client_rate", "client rate"},
    {"adoption.client_value", "value of a client"},
    /* boost outputs */
    {"impressions", "impressions"},
    {"spend", "spend"},
    {"paid_reach", "paid reach"},
    {"target_reach", "target reach"},
    {"incremental_reach", "incremental reach"},
    {"organic_reach", "organic reach"},
    {"total_reach", "total reach"},
    {"cost_per_1000_incremental", "cost per 1,000 people added"},
    {"boost.engagements", "paid engagements"},
    {"followers_gained", "followers gained"},
    {"organic_lift", "organic lift"},
    {"frequency", "people by times shown"},
    {"boost.weekly_impressions", "impressions in the week"},
    {"weekly_paid_reach", "paid reach so far"},
    {"weekly_incremental_reach", "incremental reach so far"},
    /* plan */
    {"plan.weeks", "weeks of the plan"},
    {"population", "people in the market"},
    {"usage_nesting", "nesting of platform use"},
    {"client_value", "value of a client"},
    {"facebook_followers", "Facebook followers"},
    {"facebook_usage", "people on Facebook"},
    {"facebook_posts_per_week", "Facebook posts per week"},
    {"facebook_reach_rate", "Facebook organic reach rate"},
    {"facebook_post_variability", "Facebook post-to-post consistency"},
    {"facebook_weekly_budget", "Facebook weekly boost"},
    {"facebook_cpm", "Facebook CPM"},
    {"facebook_targeting_precision", "Facebook targeting precision"},
    {"facebook_exposure_shape", "Facebook exposure spread (NBD k)"},
    {"facebook_engagement_rate", "Facebook engagement rate"},
    {"facebook_visit_rate", "Facebook visit rate"},
    {"facebook_client_rate", "Facebook client rate"},
    {"linkedin_followers", "LinkedIn followers"},
    {"linkedin_usage", "people on LinkedIn"},
    {"linkedin_posts_per_week", "LinkedIn posts per week"},
    {"linkedin_reach_rate", "LinkedIn organic reach rate"},
    {"linkedin_post_variability", "LinkedIn post-to-post consistency"},
    {"linkedin_weekly_budget", "LinkedIn weekly boost"},
    {"linkedin_cpm", "LinkedIn CPM"},
    {"linkedin_targeting_precision", "LinkedIn targeting precision"},
    {"linkedin_exposure_shape", "LinkedIn exposure spread (NBD k)"},
    {"linkedin_engagement_rate", "LinkedIn engagement rate"},
    {"linkedin_visit_rate", "LinkedIn visit rate"},
    {"linkedin_client_rate", "LinkedIn client rate"},
    {"twitter_followers", "Twitter followers"},
    {"twitter_usage", "people on Twitter"},
    {"twitter_posts_per_week", "Twitter posts per week"},
    {"twitter_reach_rate", "Twitter organic reach rate"},
    {"twitter_post_variability", "Twitter post-to-post consistency"},
    {"twitter_weekly_budget", "Twitter weekly boost"},
    {"twitter_cpm", "Twitter CPM"},
    {"twitter_targeting_precision", "Twitter targeting precision"},
    {"twitter_exposure_shape", "Twitter exposure spread (NBD k)"},
    {"twitter_engagement_rate", "Twitter engagement rate"},
    {"twitter_visit_rate", "Twitter visit rate"},
    {"twitter_client_rate", "Twitter client rate"},
    {"plan.total_reach", "reach of the plan"},
    {"facebook_reach", "reached on Facebook"},
    {"linkedin_reach", "reached on LinkedIn"},
    {"twitter_reach", "reached on Twitter"},
    {"overlap", "reached by two pages or more"},
    {"plan.organic_reach", "reached by organic posts"},
    {"plan.incremental_reach", "reached by boosts alone"},
    {"mean_frequency", "exposures per person reached"},
    {"plan.engagements", "engagements"},
    {"visits", "visits"},
    {"clients", "clients"},
    {"revenue", "revenue"},
    {"cost_per_client", "cost per client"},
    {"return_on_spend", "return on spend"},
    {"weekly_reach", "reached in the week"},
    {"plan.cumulative_reach", "reached so far"},
    {"new_facebook_organic", "new people, Facebook organic"},
    {"new_facebook_paid", "new people, Facebook paid"},
    {"new_linkedin_organic", "new people, LinkedIn organic"},
    {"new_linkedin_paid", "new people, LinkedIn paid"},
    {"new_twitter_organic", "new people, Twitter organic"},
    {"new_twitter_paid", "new people, Twitter paid"},
    {"weekly_clients", "clients in the week"},
    {"weekly_revenue", "revenue in the week"},
    {"facebook_cumulative", "reached on Facebook so far"},
    {"linkedin_cumulative", "reached on LinkedIn so far"},
    {"twitter_cumulative", "reached on Twitter so far"},
    {"plan.frequency", "people by exposures"},
};

static const char *find(const char *key)
{
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (!strcmp(labels[i].key, key)) return labels[i].label;
    return NULL;
}

/* "reach.follow_rate" first, then "follow_rate"; "page.x" is the page's x. */
static const char *lookup(const char *path)
{
    const char *l = find(path);
    if (l) return l;
    const char *dot = strrchr(path, '.');
    return dot ? find(dot + 1) : NULL;
}

bool portee_label_known(const char *path) { return path && lookup(path) != NULL; }

const char *portee_label(const char *path, portee_lang_t lang)
{
    const char *l = lookup(path);
    if (l) return portee_tr(lang, l);
    /* a name no table knows (a newer file): readable all the same */
    static _Thread_local char plain[128];
    const char *dot = strrchr(path, '.');
    snprintf(plain, sizeof plain, "%s", dot ? dot + 1 : path);
    for (char *p = plain; *p; p++)
        if (*p == '_') *p = ' ';
    return plain;
}

/* ---- units ---- */

typedef struct {
    const char *unit;        /* as the models' tables write it */
    portee_unit_kind_t kind;
    const char *shown;       /* after a label, in parentheses; "" for none; "%c" = the currency */
} unit_t;

static const unit_t units[] = {
    {"people", PORTEE_UNIT_COUNT, "people"},
    {"followers", PORTEE_UNIT_COUNT, "followers"},
    {"impressions", PORTEE_UNIT_COUNT, "impressions"},
    {"engagements", PORTEE_UNIT_COUNT, "engagements"},
    {"shares", PORTEE_UNIT_COUNT, "shares"},
    {"organisations", PORTEE_UNIT_COUNT, "organisations"},
    {"posts", PORTEE_UNIT_COUNT, "posts"},
    {"people x posts", PORTEE_UNIT_COUNT, "people x posts"},
    {"impressions per person", PORTEE_UNIT_COUNT, "impressions per person"},
    {"generations", PORTEE_UNIT_COUNT, ""},
    {"steps", PORTEE_UNIT_COUNT, ""},
    {"bins", PORTEE_UNIT_COUNT, ""},
    {"currency", PORTEE_UNIT_MONEY, "%c"},
    {"currency per 1000 impressions", PORTEE_UNIT_MONEY, "%c per 1,000 impressions"},
    {"currency per 1000 people", PORTEE_UNIT_MONEY, "%c per 1,000 people"},
    {"probability", PORTEE_UNIT_SHARE, "%"},
    {"share", PORTEE_UNIT_SHARE, "%"},
    {"share of followers", PORTEE_UNIT_SHARE, "% of followers"},
    {"share of the target", PORTEE_UNIT_SHARE, "% of the target"},
    {"share of impressions", PORTEE_UNIT_SHARE, "% of impressions"},
    {"share per week", PORTEE_UNIT_SHARE, "% per week"},
    {"per week", PORTEE_UNIT_SHARE, "% per week"},
    {"years", PORTEE_UNIT_TIME, "years"},
    {"weeks", PORTEE_UNIT_TIME, "weeks"},
    {"hours", PORTEE_UNIT_TIME, "hours"},
    {"per year", PORTEE_UNIT_PLAIN, "per year"},
    {"beta concentration", PORTEE_UNIT_PLAIN, ""},
    {"elasticity", PORTEE_UNIT_PLAIN, ""},
    {"log-scale sd", PORTEE_UNIT_PLAIN, ""},
    {"NBD shape k", PORTEE_UNIT_PLAIN, ""},
    {"per person", PORTEE_UNIT_PLAIN, ""},
    {"0 or 1", PORTEE_UNIT_SHARE, "%"},
    {"posts per person", PORTEE_UNIT_PLAIN, "posts per person"},
    {"share of the population", PORTEE_UNIT_SHARE, "% of the population"},
    {"per exposure", PORTEE_UNIT_SHARE, "% of exposures"},
    {"per engagement", PORTEE_UNIT_SHARE, "% of engagements"},
    {"per visit", PORTEE_UNIT_SHARE, "% of visits"},
    {"exposures per person", PORTEE_UNIT_PLAIN, "exposures per person"},
    {"visits", PORTEE_UNIT_COUNT, "visits"},
    {"clients", PORTEE_UNIT_COUNT, "clients"},
    {"currency per client", PORTEE_UNIT_MONEY, "%c per client"},
};

static const unit_t *find_unit(const char *unit)
{
    for (size_t i = 0; unit && i < sizeof units / sizeof *units; i++)
        if (!strcmp(units[i].unit, unit)) return &units[i];
    return NULL;
}

bool portee_unit_known(const char *unit) { return find_unit(unit) != NULL; }

portee_unit_kind_t portee_unit_kind(const char *unit)
{
    const unit_t *u = find_unit(unit);
    return u ? u->kind : PORTEE_UNIT_PLAIN;
}

void portee_unit_text(char *buf, size_t len, const char *unit, const char *currency, portee_lang_t lang)
{
    const unit_t *u = find_unit(unit);
    const char *shown = u ? portee_tr(lang, u->shown) : "";
    const char *c = strstr(shown, "%c");
    if (c) snprintf(buf, len, "%.*s%s%s", (int)(c - shown), shown, portee_currency_symbol(currency), c + 2);
    else snprintf(buf, len, "%s", shown);
}

void portee_label_axis(char *buf, size_t len, const char *path, const char *unit, const char *currency,
                       portee_lang_t lang)
{
    char u[128];
    portee_unit_text(u, sizeof u, unit, currency, lang);
    if (u[0]) snprintf(buf, len, "%s (%s)", portee_label(path, lang), u);
    else snprintf(buf, len, "%s", portee_label(path, lang));
}

void portee_unit_value(char *buf, size_t len, double v, const char *unit, const char *currency,
                       portee_lang_t lang)
{
    switch (portee_unit_kind(unit)) {
    case PORTEE_UNIT_MONEY:
        /* cents only where they matter: $0.50, $12.50, but $120 */
        portee_fmt_money(buf, len, v, fabs(v) < 100 && fabs(v - round(v)) > 0.005 ? 2 : 0, currency, lang);
        return;
    case PORTEE_UNIT_SHARE: portee_fmt_pct(buf, len, v, lang); return;
    case PORTEE_UNIT_COUNT: portee_fmt_num(buf, len, v, lang); return;
    case PORTEE_UNIT_TIME:
    case PORTEE_UNIT_PLAIN: portee_fmt_sig(buf, len, v, 3, lang); return;
    }
}

void portee_label_value(char *buf, size_t len, const char *path, const char *unit, double v,
                        const char *currency, portee_lang_t lang)
{
    char value[128];
    portee_unit_value(value, sizeof value, v, unit, currency, lang);
    snprintf(buf, len, "%s %s", portee_label(path, lang), value);
}
