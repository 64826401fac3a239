/* Scenario loading: defaults, overrides, distributions, sweeps, located errors. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/registry.h"
#include "models/adoption.h"
#include "models/boost.h"
#include "models/reach.h"
#include "sim/numeric/design.h"
#include "sim/scenario/scenario.h"
#include "testutil.h"

static portee_scenario_t *load(const char *text, const char *const *sets, size_t n_sets, portee_error_t *err)
{
    portee_scenario_t *sc = NULL;
    portee_scenario_load_text(&portee_registry, "t.yaml", text, strlen(text), sets, n_sets, &sc, err);
    return sc;
}

/* The load fails with PORTEE_EINPUT and a message containing every fragment. */
static void expect_error(const char *text, const char *set, const char *frag1, const char *frag2)
{
    portee_error_t err = {0};
    const char *sets[1] = {set};
    portee_scenario_t *sc = load(text, sets, set ? 1 : 0, &err);
    CHECK(sc == NULL && err.status == PORTEE_EINPUT, "should fail: %s", text);
    CHECK(strstr(err.msg, frag1) != NULL, "message '%s' lacks '%s'", err.msg, frag1);
    if (frag2) CHECK(strstr(err.msg, frag2) != NULL, "message '%s' lacks '%s'", err.msg, frag2);
    portee_scenario_free(sc);
}

/* Every model's page rows are the registry's page rows, word for word: a
 * name means one thing everywhere. */
static void page_tables(void)
{
    const portee_registry_t *reg = &portee_registry;
    for (size_t i = 0; i < reg->n_models; i++) {
        const portee_model_t *m = reg->models[i];
        for (size_t j = 0; j < m->n_params; j++) {
            const portee_param_def_t *p = &m->params[j];
            const int pi = portee_registry_page_index(reg, p->name);
            if (!p->page) {
                CHECK(pi < 0, "%s.%s shares its name with page.%s but is not the page's", m->name, p->name,
                      p->name);
                continue;
            }
            CHECK(pi >= 0, "%s.%s is marked the page's but the page has no such parameter", m->name, p->name);
            if (pi < 0) continue;
            const portee_param_def_t *q = &reg->page[pi];
            CHECK(p->type == q->type && p->def == q->def && p->min == q->min && p->max == q->max &&
                      !strcmp(p->unit, q->unit) && !strcmp(p->help, q->help),
                  "%s.%s differs from page.%s", m->name, p->name, p->name);
        }
        for (size_t a = 0; a < m->n_aliases; a++) {
            const int pi = portee_model_param_index(m, m->aliases[a].new_name);
            CHECK(pi >= 0 && !m->params[pi].page, "%s: alias %s names no own parameter %s", m->name,
                  m->aliases[a].old_name, m->aliases[a].new_name);
            CHECK(portee_model_param_index(m, m->aliases[a].old_name) < 0, "%s: old name %s still in use",
                  m->name, m->aliases[a].old_name);
        }
    }
}

static bool has_warning(const portee_scenario_t *sc, const char *frag)
{
    for (size_t i = 0; i < sc->n_warnings; i++)
        if (strstr(sc->warnings[i], frag)) return true;
    return false;
}

/* The resolved texts of two scenarios, but for their first (source) line. */
static bool same_resolved(const portee_scenario_t *a, const portee_scenario_t *b)
{
    return !strcmp(a->resolved + strcspn(a->resolved, "\n"), b->resolved + strcspn(b->resolved, "\n"));
}

static void page_checks(void)
{
    portee_error_t err;
    page_tables();

    /* One page for two models: both read it, the resolved text holds it once. */
    portee_scenario_t *sc = load("page:\n  followers: 2000\n  reach_rate: 0.07\n  posts_per_week: 2.5\n"
                                 "reach:\nboost:\n  follower_share: 0.01\n", NULL, 0, &err);
    CHECK(sc != NULL, "page for reach and boost: %s", err.msg);
    if (sc) {
        CHECK(sc->n_warnings == 0, "no warning for current keys (%zu)", sc->n_warnings);
        CHECK(sc->models[0].params[REACH_FOLLOWERS].field[0] == 2000 &&
                  sc->models[1].params[BOOST_FOLLOWERS].field[0] == 2000,
              "both models read page.followers");
        CHECK(sc->models[0].params[REACH_RATE].field[0] == 0.07 && sc->models[1].params[BOOST_REACH_RATE].field[0] == 0.07,
              "both models read page.reach_rate");
        CHECK(sc->models[0].params[REACH_POSTS_PER_WEEK].field[0] == 2.5, "a fractional posting rate");
        CHECK(strstr(sc->resolved, "page:\n") && strstr(sc->resolved, "  followers: 2000\n") &&
                  !strstr(strstr(sc->resolved, "reach:\n"), "followers:"),
              "resolved: followers in page: only\n%s", sc->resolved);
    }

    /* The same scenario written the old way loads to the same resolved text, with warnings. */
    portee_scenario_t *old = load("reach:\n  followers: 2000\n  reach_rate: 0.07\n  posts_per_week: 2.5\n"
                                  "boost:\n  followers: 2000\n  reach_rate: 0.07\n  follower_share: 0.01\n"
                                  "  posts_per_week: 2.5\n", NULL, 0, &err);
    CHECK(old != NULL, "old keys load: %s", err.msg);
    if (sc && old) {
        CHECK(same_resolved(sc, old), "old keys resolve to the new text:\n%s\n---\n%s", sc->resolved, old->resolved);
        CHECK(has_warning(old, "t.yaml:2:3: reach.followers is now page.followers"), "located warning: %s",
              old->n_warnings ? old->warnings[0] : "(none)");
        CHECK(has_warning(old, "t.yaml:6:3: boost.followers is now page.followers"), "boost's old key warned");
    }
    portee_scenario_free(old);
    portee_scenario_free(sc);

    /* Renamed parameters: the old name works, with a warning naming the new one. */
    sc = load("boost:\n  engagement_rate: 0.03\n  horizon_weeks: 10\n  follow_rate: 0.02\n", NULL, 0, &err);
    CHECK(sc != NULL, "boost's old names: %s", err.msg);
    if (sc) {
        CHECK(sc->models[0].params[BOOST_PAID_ENGAGEMENT_RATE].field[0] == 0.03 &&
                  sc->models[0].params[BOOST_LIFT_WEEKS].field[0] == 10 &&
                  sc->models[0].params[BOOST_PAID_FOLLOW_RATE].field[0] == 0.02,
              "old names set the renamed parameters");
        CHECK(has_warning(sc, "boost.engagement_rate is now boost.paid_engagement_rate") &&
                  has_warning(sc, "boost.horizon_weeks is now boost.lift_weeks"),
              "renames warned");
        CHECK(strstr(sc->resolved, "  paid_engagement_rate: 0.03\n") != NULL, "resolved under the new name");
    }
    portee_scenario_free(sc);
    sc = load("adoption:\n  follow_rate: 0.5\n", NULL, 0, &err);
    CHECK(sc && sc->models[0].params[ADOPT_FOLLOW_RATE_PER_YEAR].field[0] == 0.5 &&
              has_warning(sc, "adoption.follow_rate is now adoption.follow_rate_per_year"),
          "adoption's follow_rate is a yearly rate, renamed");
    portee_scenario_free(sc);

    /* The preset is the page's: named in page:, or the old way in reach:. */
    sc = load("page:\n  platform: linkedin\nreach:\n", NULL, 0, &err);
    CHECK(sc && sc->models[0].params[REACH_RATE].field[0] == 0.078 &&
              sc->models[0].params[REACH_SHARE_RATE].field[0] == 0.005 && sc->n_warnings == 0,
          "page.platform sets the page's and the cascade's values");
    portee_scenario_free(sc);

    /* A sweep of page.X sets X in every model; reach.followers is its old name. */
    sc = load("reach:\nboost:\n  follower_share: 0.01\nsweep:\n  page.followers: [500, 4000]\n", NULL, 0, &err);
    CHECK(sc != NULL, "page sweep: %s", err.msg);
    if (sc) {
        portee_dist_t p[PORTEE_MAX_PARAMS];
        portee_scenario_point_params(sc, 1, 1, p);
        CHECK(p[BOOST_FOLLOWERS].field[0] == 4000, "page.followers swept in boost");
        portee_scenario_point_params(sc, 0, 1, p);
        CHECK(p[REACH_FOLLOWERS].field[0] == 4000, "and in reach");
    }
    portee_scenario_free(sc);
    sc = load("reach:\nsweep:\n  reach.followers: [500, 4000]\n", NULL, 0, &err);
    CHECK(sc && !strcmp(sc->axes[0].path, "page.followers") &&
              has_warning(sc, "t.yaml:3:3: sweep.reach.followers is now sweep.page.followers"),
          "old sweep path: canonical name and a warning");
    portee_scenario_free(sc);

    /* --set under an old name overrides the page's value, where the file gives it now. */
    const char *old_set[] = {"reach.followers=3000"};
    sc = load("page:\n  followers: 1000\nreach:\n", old_set, 1, &err);
    CHECK(sc && sc->models[0].params[REACH_FOLLOWERS].field[0] == 3000 &&
              has_warning(sc, "--set reach.followers:1:1: reach.followers is now page.followers"),
          "--set reach.followers overrides page.followers, with a warning: %s", sc ? "" : err.msg);
    portee_scenario_free(sc);

    const char *new_sets[] = {"page.followers=4000", "page.platform=twitter"};
    sc = load("reach:\n  followers: 1000\n  platform: linkedin\n", new_sets, 2, &err);
    CHECK(sc && sc->models[0].params[REACH_FOLLOWERS].field[0] == 4000 &&
              sc->models[0].params[REACH_RATE].field[0] == 0.048,
          "--set page.X overrides the file's old reach.X: %s", sc ? "" : err.msg);
    portee_scenario_free(sc);

    /* One page: two different values are an error, naming both places. */
    expect_error("page:\n  followers: 10\nreach:\n  followers: 20\n", NULL, "t.yaml:4:3:",
                 "already set at line 2 (page.followers)");
    expect_error("reach:\n  followers: 10\nboost:\n  followers: 20\n", NULL, "t.yaml:4:3:", "described once");
    expect_error("boost:\n  lift_weeks: 3\n  horizon_weeks: 3\n", NULL, "t.yaml:3:3:", "old name of boost.lift_weeks");
    expect_error("page:\n  platform: facebook\nreach:\n  platform: linkedin\n", NULL, "t.yaml:4:3:",
                 "already given in page:");
    expect_error("page:\n  folowers: 10\nreach:\n", NULL, "t.yaml:2:3:", "did you mean 'followers'?");
    expect_error("adoption:\n  followers: 10\n", NULL, "t.yaml:2:3:", "adoption does not use it");
    expect_error("adoption:\nsweep:\n  page.followers: [1, 2]\n", NULL, "t.yaml:3:3:", "no model of this scenario uses it");
    expect_error("reach:\nsweep:\n  page.folowers: [1, 2]\n", NULL, "t.yaml:3:3:", "did you mean 'followers'?");
    expect_error("reach:\nsweep:\n  page.followers: [1, 2]\n  reach.followers: [3]\n", NULL, "t.yaml:4:3:",
                 "swept twice");
    sc = load("page:\n  followers: 10\nadoption:\n", NULL, 0, &err);
    CHECK(sc && has_warning(sc, "t.yaml:2:3: page.followers: no model of this scenario uses it"),
          "an unused page key is loaded with a warning");
    portee_scenario_free(sc);
}

/* Swept range values are the doubles nearest their decimal values (110, not
 * 109.99999999999999); sampled designs keep their exact mapped points. */
static void range_values(void)
{
    portee_error_t err;
    portee_scenario_t *sc = load("boost:\nsweep:\n  boost.budget: {from: 0, to: 300, steps: 31}\n", NULL, 0, &err);
    CHECK(sc != NULL, "budget range: %s", err.msg);
    if (sc) {
        CHECK(sc->n_points == 31, "31 budgets");
        for (uint64_t i = 0; i < 31; i++) {
            double v;
            portee_scenario_point_values(sc, i, &v);
            CHECK(v == 10.0 * (double)i, "budget %llu is %.17g, not %g", (unsigned long long)i, v, 10.0 * (double)i);
        }
        double v11;
        portee_scenario_point_values(sc, 11, &v11);
        CHECK(v11 == 110.0, "budget 11 is exactly 110 (got %.17g)", v11);
    }
    portee_scenario_free(sc);

    /* 0.01, 0.02, ... 0.1: each the double strtod gives for its decimal. */
    sc = load("reach:\nsweep:\n  page.reach_rate: {from: 0.01, to: 0.1, steps: 10}\n", NULL, 0, &err);
    CHECK(sc != NULL, "rate range: %s", err.msg);
    for (uint64_t i = 0; sc && i < 10; i++) {
        char dec[16];
        double v;
        snprintf(dec, sizeof dec, "0.%02llu", (unsigned long long)i + 1);
        portee_scenario_point_values(sc, i, &v);
        CHECK(v == strtod(dec, NULL), "rate %llu is %.17g, not %s", (unsigned long long)i, v, dec);
    }
    portee_scenario_free(sc);

    /* A point that is no short decimal keeps its computed value: not cut to 15 digits. */
    sc = load("reach:\nsweep:\n  page.reach_rate: {from: 0.01, to: 0.1, steps: 100}\n", NULL, 0, &err);
    CHECK(sc != NULL, "100-step range: %s", err.msg);
    if (sc) {
        double v;
        portee_scenario_point_values(sc, 1, &v);
        CHECK(v == (0.01 * 98 + 0.1) / 99, "0.01 + 0.09/99 is %.17g", v);
    }
    portee_scenario_free(sc);

    /* A log range over decades lands on the decades. */
    sc = load("reach:\nsweep:\n  page.reach_rate: {from: 0.0001, to: 1, steps: 5, scale: log}\n", NULL, 0, &err);
    CHECK(sc != NULL, "log range: %s", err.msg);
    static const double decades[] = {0.0001, 0.001, 0.01, 0.1, 1};
    for (uint64_t i = 0; sc && i < 5; i++) {
        double v;
        portee_scenario_point_values(sc, i, &v);
        CHECK(v == decades[i], "log point %llu is %.17g, not %g", (unsigned long long)i, v, decades[i]);
    }
    portee_scenario_free(sc);

    /* A range finer than 15 digits keeps distinct, ordered points. */
    sc = load("reach:\nsweep:\n  page.reach_rate: {from: 0.1, to: 0.10000000000001, steps: 100}\n", NULL, 0, &err);
    CHECK(sc != NULL, "fine range: %s", err.msg);
    for (uint64_t i = 1; sc && i < 100; i++) {
        double a, b;
        portee_scenario_point_values(sc, i - 1, &a);
        portee_scenario_point_values(sc, i, &b);
        CHECK(a < b, "fine range: point %llu (%.17g) after point %llu (%.17g)", (unsigned long long)i, b,
              (unsigned long long)i - 1, a);
    }
    portee_scenario_free(sc);

    /* Latin and Sobol points are the design's coordinates mapped, unrounded. */
    static const char *const designs[] = {"latin", "sobol"};
    for (int d = 0; d < 2; d++) {
        char text[256];
        snprintf(text, sizeof text,
                 "seed: 7\nreach:\nsweep:\n  design: %s\n  samples: 16\n"
                 "  page.reach_rate: {from: 0.01, to: 0.1}\n  reach.share_rate: {from: 0.001, to: 0.1, scale: log}\n",
                 designs[d]);
        sc = load(text, NULL, 0, &err);
        CHECK(sc != NULL, "%s: %s", designs[d], err.msg);
        if (!sc) continue;
        double u[32];
        CHECK((d ? portee_design_sobol(16, 2, u, &err) : portee_design_latin(sc->seed, 16, 2, u, &err)) == PORTEE_OK,
              "%s design", designs[d]);
        for (uint64_t i = 0; i < 16; i++) {
            double v[2];
            portee_scenario_point_values(sc, i, v);
            CHECK(v[0] == portee_design_map(u[2 * i], 0.01, 0.1, false) &&
                      v[1] == portee_design_map(u[2 * i + 1], 0.001, 0.1, true),
                  "%s point %llu is the mapped design point", designs[d], (unsigned long long)i);
        }
        portee_scenario_free(sc);
    }
}

int main(void)
{
    portee_error_t err;
    portee_scenario_t *sc;

    /* The embedded default is the shipped file, and calibrated as documented. */
    CHECK(portee_scenario_load(&portee_registry, NULL, NULL, 0, &sc, &err) == PORTEE_OK, "default loads: %s", err.msg);
    CHECK(sc->n_models == 1 && sc->models[0].model == &portee_model_reach, "default runs reach");
    CHECK(sc->models[0].params[REACH_FOLLOWERS].field[0] == 1000, "1,000 followers");
    CHECK(sc->n_points == 1 && sc->replicates == 20000 && sc->seed == 2014, "default sizes");
    portee_scenario_free(sc);

    /* Omitted parameters take the table's defaults; a distribution parses. */
    sc = load("reach:\n  engagement_rate: {dist: beta, mean: 0.04, sd: 0.01}\n", NULL, 0, &err);
    CHECK(sc != NULL, "load: %s", err.msg);
    if (sc) {
        CHECK(sc->models[0].params[REACH_RATE].field[0] == portee_model_reach.params[REACH_RATE].def,
              "default reach_rate");
        CHECK(sc->models[0].params[REACH_ENGAGEMENT_RATE].kind == PORTEE_DIST_BETA, "beta parsed");
        CHECK(sc->keep_replicates && sc->histogram_bins == 40, "output defaults");
    }
    portee_scenario_free(sc);

    /* --set overrides, including a whole distribution and a sweep. */
    const char *sets[] = {"reach.followers=5000", "seed=9", "replicates=100",
                          "reach.share_rate={dist: uniform, min: 0, max: 0.02}",
                          "sweep.reach.reach_rate=[0.01, 0.02, 0.03]",
                          "output.replicates=false"};
    sc = load("reach:\n  followers: 10\n", sets, 6, &err);
    CHECK(sc != NULL, "sets: %s", err.msg);
    if (sc) {
        CHECK(sc->models[0].params[REACH_FOLLOWERS].field[0] == 5000, "followers overridden");
        CHECK(sc->seed == 9 && sc->replicates == 100 && !sc->keep_replicates, "top-level overrides");
        CHECK(sc->models[0].params[REACH_SHARE_RATE].kind == PORTEE_DIST_UNIFORM, "dist override");
        CHECK(sc->n_axes == 1 && sc->n_points == 3, "sweep from --set");
    }
    portee_scenario_free(sc);

    /* Grid order: the first axis varies slowest; ranges, log scale, integer rounding. */
    sc = load("reach:\nsweep:\n  reach.followers: {from: 10, to: 1000, steps: 3, scale: log}\n"
              "  reach.reach_rate: [0.1, 0.2]\n",
              NULL, 0, &err);
    CHECK(sc != NULL, "sweep: %s", err.msg);
    if (sc) {
        CHECK(sc->n_points == 6, "6 points");
        double v[2];
        portee_scenario_point_values(sc, 0, v);
        CHECK(v[0] == 10 && v[1] == 0.1, "point 0 = (10, 0.1)");
        portee_scenario_point_values(sc, 1, v);
        CHECK(v[0] == 10 && v[1] == 0.2, "point 1 = (10, 0.2)");
        portee_scenario_point_values(sc, 3, v);
        CHECK(v[0] == 100 && v[1] == 0.2, "point 3 = (100, 0.2): got (%g, %g)", v[0], v[1]);
        portee_dist_t p[PORTEE_MAX_PARAMS];
        portee_scenario_point_params(sc, 0, 5, p);
        CHECK(p[REACH_FOLLOWERS].field[0] == 1000 && p[REACH_RATE].field[0] == 0.2, "point 5 params");

        /* The resolved text re-loads to the same scenario. */
        portee_scenario_t *again = NULL;
        portee_scenario_load_text(&portee_registry, "resolved", sc->resolved, strlen(sc->resolved), NULL, 0, &again, &err);
        CHECK(again != NULL, "resolved reloads: %s", err.msg);
        if (again) {
            CHECK(again->n_points == 6 && again->seed == sc->seed, "same grid and seed");
            CHECK(!memcmp(again->models[0].params, sc->models[0].params,
                          portee_model_reach.n_params * sizeof(portee_dist_t)),
                  "same parameters");
            CHECK(!strcmp(again->resolved + strcspn(again->resolved, "\n"),
                          sc->resolved + strcspn(sc->resolved, "\n")),
                  "resolving is idempotent");
        }
        portee_scenario_free(again);
    }
    portee_scenario_free(sc);

    /* Platform presets set defaults; the section's own keys win, wherever they stand. */
    sc = load("reach:\n  reach_rate: 0.2\n  platform: linkedin\n", NULL, 0, &err);
    CHECK(sc != NULL, "preset: %s", err.msg);
    if (sc) {
        CHECK(sc->models[0].params[REACH_RATE].field[0] == 0.2, "explicit key overrides the preset");
        CHECK(sc->models[0].params[REACH_SHARE_RATE].field[0] == 0.005, "preset sets the rest");
        CHECK(strstr(sc->resolved, "  platform: linkedin\n") != NULL, "resolved text names the preset");
    }
    portee_scenario_free(sc);
    sc = load("reach:\n  platform: twitter\n", NULL, 0, &err);
    CHECK(sc && sc->models[0].params[REACH_RATE].field[0] == 0.048, "twitter: 8 %% weekly x 60 %% shown");
    portee_scenario_free(sc);
    expect_error("reach:\n  platform: linkdin\n", NULL, "t.yaml:2:13:", "did you mean 'linkedin'?");
    expect_error("reach:\n  hours: {dist: uniform, min: 1, max: 5}\n", NULL, "t.yaml:2:3:",
                 "sets the length of the hourly_reach series");
    expect_error("reach:\nsweep:\n  reach.horizon_weeks: [4, 8]\n", NULL, "t.yaml:3:3:", "cannot be swept");

    /* Anchors and aliases may share a distribution. */
    sc = load("reach:\n  share_rate: &r {dist: beta, mean: 0.01, sd: 0.005}\n  friend_reach: *r\n", NULL, 0, &err);
    CHECK(sc != NULL, "alias: %s", err.msg);
    portee_scenario_free(sc);

    /* Errors: located, naming the key and what was expected, suggesting near misses. */
    expect_error("reach:\n  folowers: 10\n", NULL, "t.yaml:2:3:", "did you mean 'followers'?");
    expect_error("replicate: 10\nreach:\n", NULL, "t.yaml:1:1:", "did you mean 'replicates'?");
    expect_error("reach:\n  followers: lots\n", NULL, "t.yaml:2:14:", "expected a number");
    expect_error("reach:\n  followers: \"10\"\n", NULL, "t.yaml:2:14:", "quoted");
    expect_error("reach:\n  reach_rate: 1.5\n", NULL, "t.yaml:2:15:", "out of range");
    expect_error("reach:\n  followers: 10.5\n", NULL, "t.yaml:2:14:", "whole number");
    expect_error("reach:\n  share_rate: {dist: betta, mean: 0.1, sd: 0.01}\n", NULL, "t.yaml:2:22:",
                 "did you mean 'beta'?");
    expect_error("reach:\n  share_rate: {dist: beta, mean: 0.1}\n", NULL, "t.yaml:2:15:", "needs 'sd'");
    expect_error("reach:\n  share_rate: {dist: beta, mean: 0.1, sd: 0.5}\n", NULL, "t.yaml:2:15:", "sd <");
    expect_error("reach:\n  share_rate: {dist: lognormal, median: 0.1, sigma: 1}\n", NULL, "t.yaml:2:15:",
                 "outside the valid range");
    expect_error("reach:\n  share_rate: {dist: beta, mean: 0.1, sdd: 0.01}\n", NULL, "t.yaml:2:39:",
                 "did you mean 'sd'?");
    expect_error("reach:\n  followers: 200000\n", NULL, "t.yaml:2:3:", "reachable_population");
    expect_error("replicates: 1e12\nreach:\n", NULL, "t.yaml:1:13:", "too large");
    expect_error("replicates: 1\nreach:\n", NULL, "t.yaml:1:13:", "at least 2");
    expect_error("name: x\n", NULL, "runs no model", NULL);
    expect_error("reach:\n  followers: 1\n  followers: 2\n", NULL, "t.yaml:3:3:", "duplicate key");
    expect_error("reach: [1, 2\n", NULL, "t.yaml:", "YAML syntax error");
    expect_error("reach:\n  followers: *nope\n", NULL, "t.yaml:2:14:", "no anchor");
    expect_error("reach:\nsweep:\n  reach.folowers: [1]\n", NULL, "t.yaml:3:3:", "did you mean 'followers'?");
    expect_error("reach:\nsweep:\n  reach.followers: []\n", NULL, "t.yaml:3:20:", "empty");
    expect_error("reach:\nsweep:\n  reach.followers: [10, 20, 10]\n", NULL, "t.yaml:3:29:", "appears twice");
    expect_error("reach:\nsweep:\n  reach.followers: [10, 5000000]\n", NULL, "t.yaml:", "reachable_population");
    expect_error("reach:\nsweep:\n  reach.followers: {from: 1, to: 1e6, steps: 2000}\n"
                 "  reach.reach_rate: {from: 0, to: 1, steps: 1000}\n",
                 NULL, "t.yaml:4:", "more than 1000000 points");
    expect_error("reach:\n", "reach.followers", "--set reach.followers", "key.path=value");
    expect_error("reach:\n", "reach.folowers=3", "--set reach.folowers:1:1:", "did you mean 'followers'?");
    expect_error("reach:\n", "seed=-1", "--set seed:1:1:", "whole number");
    expect_error("reach:\n  followers: 10\n", "reach.followers.x=1", "--set", "not a section");

    /* The page: described once, read by every model that uses it. */
    page_checks();
    range_values();

    /* Depth and alias caps. */
    char deep[400] = "reach:\n  followers: ";
    for (int i = 0; i < 100; i++) strcat(deep, "[");
    expect_error(deep, NULL, "t.yaml:2:", "nesting deeper than 32");
    char bomb[4096] = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (int i = 0; i < 12; i++) {
        char line[256];
        snprintf(line, sizeof line, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", 'b' + i, 'b' + i,
                 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i, 'a' + i);
        strcat(bomb, line);
    }
    expect_error(bomb, NULL, "t.yaml:", "aliases");

    return portee_test_summary("test_scenario");
}
