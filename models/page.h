/* page.h — the page, described once: the parameters every model reads the
 * same way (a scenario gives them in its `page:` section), and the platform
 * presets (`page: {platform: linkedin}`).
 *
 * A model that uses a page parameter repeats its row in its own table with
 * the macro below, so the name, unit, default, range and help are the same
 * everywhere; the scenario loader fills every model's copy from `page:`.
 * tests/test_scenario.c checks that every model's page rows match this
 * table.  A name means one thing everywhere: a model parameter that differs
 * in meaning has another name (boost's paid_engagement_rate, adoption's
 * follow_rate_per_year). */
#ifndef PORTEE_MODELS_PAGE_H
#define PORTEE_MODELS_PAGE_H

#include "sim/scenario/model.h"

#define PORTEE_PAGE_FOLLOWERS                                                                     \
    {"followers", PORTEE_PARAM_INT, "people", 1000, 0, 1e9,                                       \
     "followers of the page when the post goes out", true}
#define PORTEE_PAGE_REACH_RATE                                                                    \
    {"reach_rate", PORTEE_PARAM_PROB, "share of followers", 0.05, 0, 1,                           \
     "mean share of followers shown a post directly, unpaid (before shares)", true}
#define PORTEE_PAGE_POST_VARIABILITY                                                              \
    {"post_variability", PORTEE_PARAM_REAL, "beta concentration", 50, 0, 1e6,                     \
     "how alike posts are: a post's own rate is Beta(r*k, (1-r)*k); "                             \
     "0 = every post exactly at reach_rate, larger = more alike", true}
#define PORTEE_PAGE_SIZE_ELASTICITY                                                               \
    {"size_elasticity", PORTEE_PARAM_REAL, "elasticity", 0, 0, 2,                                 \
     "how the reach rate falls with page size: the rate of a page of F followers is "             \
     "reach_rate x (F / size_reference)^-size_elasticity (at most 1); 0 = the same rate at "      \
     "any size.  About 0.3 fits public Facebook figures (README, reach model)", true}
#define PORTEE_PAGE_SIZE_REFERENCE                                                                \
    {"size_reference", PORTEE_PARAM_INT, "followers", 1000, 1, 1e9,                               \
     "the page size at which the reach rate is reach_rate, when size_elasticity > 0", true}
#define PORTEE_PAGE_FOLLOWER_VARIABILITY                                                          \
    {"follower_variability", PORTEE_PARAM_REAL, "beta concentration", 0, 0, 1e6,                 \
     "how alike followers are: a follower's own chance of being shown a post is "                 \
     "Beta(r*c, (1-r)*c), so some see most posts and many see few (posting plans); "             \
     "0 = every follower alike, larger = more alike", true}
#define PORTEE_PAGE_ENGAGEMENT_RATE                                                               \
    {"engagement_rate", PORTEE_PARAM_PROB, "probability", 0.04, 0, 1,                             \
     "probability that a person the page's posts reach unpaid reacts, comments or clicks", true}
#define PORTEE_PAGE_POSTS_PER_WEEK                                                                \
    {"posts_per_week", PORTEE_PARAM_REAL, "posts", 3, 0, 100,                                     \
     "posts the page publishes a week (may be fractional: 0.5 = one post every two weeks)", true}

enum {
    PAGE_FOLLOWERS,
    PAGE_REACH_RATE,
    PAGE_POST_VARIABILITY,
    PAGE_SIZE_ELASTICITY,
    PAGE_SIZE_REFERENCE,
    PAGE_FOLLOWER_VARIABILITY,
    PAGE_ENGAGEMENT_RATE,
    PAGE_POSTS_PER_WEEK,
    PAGE_NPARAMS
};

extern const portee_param_def_t portee_page_params[PAGE_NPARAMS];

/* The reach rate of a page of `followers` followers under the size law:
 * rate x (followers / reference)^-elasticity, at most 1; rate itself, to the
 * bit, when elasticity is 0 (every scenario without the law keeps its
 * numbers).  A page of fewer than one follower is taken at one. */
double portee_page_rate_at(double rate, double followers, double elasticity, double reference);
#define PORTEE_PAGE_NPRESETS 4
extern const portee_preset_t portee_page_presets[PORTEE_PAGE_NPRESETS];

#endif
