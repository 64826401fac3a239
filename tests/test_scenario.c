/* Scenario loading: defaults, overrides, distributions, sweeps, located errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/registry.h"
#include "models/reach.h"
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
