/* page.c — the page's parameter table, its size law and its platform presets. */
#include <math.h>

#include "models/page.h"

const portee_param_def_t portee_page_params[PAGE_NPARAMS] = {
    [PAGE_FOLLOWERS] = PORTEE_PAGE_FOLLOWERS,
    [PAGE_REACH_RATE] = PORTEE_PAGE_REACH_RATE,
    [PAGE_POST_VARIABILITY] = PORTEE_PAGE_POST_VARIABILITY,
    [PAGE_SIZE_ELASTICITY] = PORTEE_PAGE_SIZE_ELASTICITY,
    [PAGE_SIZE_REFERENCE] = PORTEE_PAGE_SIZE_REFERENCE,
    [PAGE_FOLLOWER_VARIABILITY] = PORTEE_PAGE_FOLLOWER_VARIABILITY,
    [PAGE_ENGAGEMENT_RATE] = PORTEE_PAGE_ENGAGEMENT_RATE,
    [PAGE_POSTS_PER_WEEK] = PORTEE_PAGE_POSTS_PER_WEEK,
};

double portee_page_rate_at(double rate, double followers, double elasticity, double reference)
{
    if (elasticity == 0) return rate;
    const double at = rate * pow((followers > 1 ? followers : 1) / reference, -elasticity);
    return at < 1 ? at : 1;
}

/* Platform presets.  The reach rate is the share of followers active while a
 * post is in their feed times the share of those shown it: Québec adults in
 * 2014 used Facebook daily at 49 %, LinkedIn weekly at 13 %, Twitter weekly at
 * 8 %.  Facebook's 5 % (0.49 x 0.10) plus shares gives the 60 of 1,000 of
 * February 2014 (Social@Ogilvy); LinkedIn and Twitter assume 60 % of active
 * followers are shown a post, putting LinkedIn "a few per cent above
 * Facebook" as public figures for company pages say.  The rest describes how
 * the platform's people share (the reach model's cascade); a sharer's
 * audience is capped at the platform's own limit: 5,000 friends on Facebook,
 * 30,000 connections on LinkedIn (both platforms' help pages); a Twitter
 * (X) account's followers have no limit. */
const portee_preset_t portee_page_presets[PORTEE_PAGE_NPRESETS] = {
    {"facebook", "49 % of followers active daily; 5 % of followers shown a post (60 of 1,000 with shares)",
     {"reach_rate", "engagement_rate", "reach.share_rate", "reach.friends_median", "reach.friends_sigma",
      "reach.friend_reach", "reach.max_friends"},
     {0.05, 0.04, 0.01, 200, 1.0, 0.05, 5000}},
    {"linkedin", "13 % of followers active weekly x 60 % shown = 7.8 %; fewer reposts, larger networks",
     {"reach_rate", "engagement_rate", "reach.share_rate", "reach.friends_median", "reach.friends_sigma",
      "reach.friend_reach", "reach.max_friends"},
     {0.078, 0.025, 0.005, 400, 0.9, 0.03, 30000}},
    {"twitter", "8 % of followers active weekly x 60 % shown = 4.8 %; retweets reach the retweeter's followers",
     {"reach_rate", "engagement_rate", "reach.share_rate", "reach.friends_median", "reach.friends_sigma",
      "reach.friend_reach", "reach.max_friends"},
     {0.048, 0.015, 0.01, 150, 1.2, 0.05, 4e9}},
    {"custom", "no preset: portee's defaults, override what you know", {NULL}, {0}},
};
